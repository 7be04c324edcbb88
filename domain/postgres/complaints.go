package postgres

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

type complaintRow struct {
	ID                string `gorm:"primaryKey"`
	Reference         string
	Status            string
	Version           int
	ComplainantID     int64
	IdempotencyKey    *string
	Relation          string
	LenderID          *int64
	LenderName        string
	AgencyID          *int64
	AgencyName        string
	Product           string
	Province          string
	City              *string
	Narrative         string
	ClaimedViolations textArray
	Priority          string
	Team              *string
	AssigneeID        *int64
	Recipients        int8Array
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (complaintRow) TableName() string { return "complaints" }

type eventRow struct {
	ID          int64 `gorm:"primaryKey;->"`
	ComplaintID string
	Action      string
	FromStatus  *string
	ToStatus    *string
	ActorID     *int64
	ActorRole   string
	Reason      string
	Details     jsonMap
	At          time.Time
}

func (eventRow) TableName() string { return "complaint_events" }

type outboxRow struct {
	ID         string `gorm:"primaryKey"`
	Topic      string
	Payload    jsonMap
	CreatedAt  time.Time
	EnqueuedAt *time.Time
}

func (outboxRow) TableName() string { return "outbox" }

func nullable[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func toComplaintRow(c *domain.Complaint) complaintRow {
	vs := make(textArray, len(c.ClaimedViolations))
	for i, v := range c.ClaimedViolations {
		vs[i] = string(v)
	}
	return complaintRow{
		ID: c.ID, Reference: c.Reference, Status: string(c.Status), Version: c.Version,
		ComplainantID: c.ComplainantID, Relation: string(c.Relation),
		LenderID: nullable(c.LenderID), LenderName: c.LenderName, AgencyID: nullable(c.AgencyID), AgencyName: c.AgencyName,
		Product: string(c.Product), Province: c.Province, City: nullable(c.City), Narrative: c.Narrative,
		ClaimedViolations: vs, Priority: string(c.Priority), Team: nullable(c.Team), AssigneeID: nullable(c.AssigneeID),
		Recipients: int8Array(c.Recipients), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

func toDomainComplaint(r *complaintRow) *domain.Complaint {
	vs := make([]domain.ViolationType, len(r.ClaimedViolations))
	for i, v := range r.ClaimedViolations {
		vs[i] = domain.ViolationType(v)
	}
	return &domain.Complaint{
		ID: r.ID, Reference: r.Reference, Status: domain.Status(r.Status), Version: r.Version,
		ComplainantID: r.ComplainantID, Relation: domain.Relation(r.Relation),
		LenderID: deref(r.LenderID), LenderName: r.LenderName, AgencyID: deref(r.AgencyID), AgencyName: r.AgencyName,
		Product: domain.Product(r.Product), Province: r.Province, City: deref(r.City), Narrative: r.Narrative,
		ClaimedViolations: vs, Priority: domain.Priority(r.Priority), Team: deref(r.Team), AssigneeID: deref(r.AssigneeID),
		Recipients: []int64(r.Recipients), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

func toEventRow(e domain.Event) eventRow {
	return eventRow{ComplaintID: e.ComplaintID, Action: string(e.Action), FromStatus: nullable(string(e.FromStatus)),
		ToStatus: nullable(string(e.ToStatus)), ActorID: nullable(e.ActorID), ActorRole: string(e.ActorRole),
		Reason: e.Reason, Details: jsonMap(e.Details), At: e.At}
}

func toDomainEvent(r eventRow) domain.Event {
	return domain.Event{ID: r.ID, ComplaintID: r.ComplaintID, Action: domain.Action(r.Action),
		FromStatus: domain.Status(deref(r.FromStatus)), ToStatus: domain.Status(deref(r.ToStatus)),
		ActorID: deref(r.ActorID), ActorRole: domain.Role(r.ActorRole), Reason: r.Reason, Details: r.Details, At: r.At}
}

// ComplaintStore implements domain.ComplaintStore.
type ComplaintStore struct{ DB *DB }

var _ domain.ComplaintStore = (*ComplaintStore)(nil)

// CreateComplaint implements domain.ComplaintStore.
func (s *ComplaintStore) CreateComplaint(ctx context.Context, c *domain.Complaint, key string, ev domain.Event, msgs []domain.Message) (*domain.Complaint, bool, error) {
	var existing *domain.Complaint
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var seq int64
		if err := tx.Raw("SELECT nextval('complaint_reference_seq')").Scan(&seq).Error; err != nil {
			return err
		}
		c.Reference = fmt.Sprintf("RL-%d-%08d", c.CreatedAt.Year(), seq)
		row := toComplaintRow(c)
		row.IdempotencyKey = nullable(key)
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 { // the same complainant filed with this key before
			var prev complaintRow
			if err := tx.Where("complainant_id = ? AND idempotency_key = ?", c.ComplainantID, key).Take(&prev).Error; err != nil {
				return err
			}
			existing = toDomainComplaint(&prev)
			return nil
		}
		return writeChange(tx, c.ID, domain.Change{Events: []domain.Event{ev}, Messages: msgs})
	})
	if err != nil {
		return nil, false, mapError(err, "complaint")
	}
	if existing != nil {
		return existing, false, nil
	}
	return c, true, nil
}

func writeChange(tx *gorm.DB, complaintID string, ch domain.Change) error {
	for _, e := range ch.Events {
		e.ComplaintID = complaintID
		row := toEventRow(e)
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	return writeMessages(tx, ch.Messages)
}

func writeMessages(tx *gorm.DB, msgs []domain.Message) error {
	for _, m := range msgs {
		if m.ID == "" {
			m.ID = uuid.NewString()
		}
		row := outboxRow{ID: m.ID, Topic: m.Topic, Payload: jsonMap(m.Payload), CreatedAt: time.Now().UTC()}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	return nil
}

// UpdateComplaint implements domain.ComplaintStore.
func (s *ComplaintStore) UpdateComplaint(ctx context.Context, id string, change func(c *domain.Complaint) (domain.Change, error)) (*domain.Complaint, error) {
	if _, err := uuid.Parse(id); err != nil {
		return nil, domain.ErrNotFound
	}
	var out *domain.Complaint
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var row complaintRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&row).Error; err != nil {
			return err
		}
		c := toDomainComplaint(&row)
		ch, err := change(c)
		if err != nil {
			return err
		}
		out = c
		if len(ch.Events) == 0 && len(ch.Messages) == 0 {
			return nil
		}
		c.Version = row.Version + 1
		c.UpdatedAt = s.DB.Now()
		nr := toComplaintRow(c)
		res := tx.Model(&complaintRow{}).Where("id = ? AND version = ?", id, row.Version).Select("*").Omit("id", "created_at", "idempotency_key", "complainant_id", "reference").Updates(&nr)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return domain.ErrConflict
		}
		return writeChange(tx, id, ch)
	})
	if err != nil {
		return nil, mapError(err, "complaint")
	}
	return out, nil
}

// FindComplaint implements domain.ComplaintStore.
func (s *ComplaintStore) FindComplaint(ctx context.Context, idOrReference string) (*domain.Complaint, error) {
	q := s.DB.Gorm.WithContext(ctx)
	if _, err := uuid.Parse(idOrReference); err == nil {
		q = q.Where("id = ?", idOrReference)
	} else if strings.HasPrefix(idOrReference, "RL-") {
		q = q.Where("reference = ?", idOrReference)
	} else {
		return nil, domain.ErrNotFound
	}
	var row complaintRow
	if err := q.Take(&row).Error; err != nil {
		return nil, mapError(err, "complaint")
	}
	return toDomainComplaint(&row), nil
}

// applyScope restricts a query to what the scope allows. It mirrors domain.Scope.Contains.
func applyScope(q *gorm.DB, sc domain.Scope) *gorm.DB {
	switch {
	case sc.Nothing:
		return q.Where("false")
	case sc.All:
		return q
	case sc.ComplainantID != 0:
		return q.Where("complainant_id = ?", sc.ComplainantID)
	case sc.InstitutionID != 0:
		return q.Where("recipients @> ARRAY[?]::bigint[]", sc.InstitutionID)
	case len(sc.Teams) > 0:
		return q.Where("team IN ?", sc.Teams)
	}
	return q.Where("false")
}

func applyFilter(q *gorm.DB, f domain.ComplaintFilter) *gorm.DB {
	if len(f.Statuses) > 0 {
		ss := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			ss[i] = string(s)
		}
		q = q.Where("status IN ?", ss)
	}
	if f.Team != "" {
		q = q.Where("team = ?", f.Team)
	}
	if f.AssigneeID != 0 {
		q = q.Where("assignee_id = ?", f.AssigneeID)
	}
	if f.Province != "" {
		q = q.Where("province = ?", f.Province)
	}
	if f.InstitutionID != 0 {
		q = q.Where("(lender_id = ? OR agency_id = ?)", f.InstitutionID, f.InstitutionID)
	}
	if f.Violation != "" {
		q = q.Where("claimed_violations @> ARRAY[?]::text[]", string(f.Violation))
	}
	if f.Priority != "" {
		q = q.Where("priority = ?", string(f.Priority))
	}
	if !f.CreatedFrom.IsZero() {
		q = q.Where("created_at >= ?", f.CreatedFrom)
	}
	if !f.CreatedTo.IsZero() {
		q = q.Where("created_at < ?", f.CreatedTo)
	}
	if f.Text != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(f.Text) + "%"
		q = q.Where("(narrative ILIKE ? OR lender_name ILIKE ? OR agency_name ILIKE ?)", like, like, like)
	}
	return q
}

// ListComplaints implements domain.ComplaintStore. Pages are keyed on (created_at, id), newest first.
func (s *ComplaintStore) ListComplaints(ctx context.Context, sc domain.Scope, f domain.ComplaintFilter, p domain.Page) (domain.ComplaintPage, error) {
	base := applyFilter(applyScope(s.DB.Gorm.WithContext(ctx).Model(&complaintRow{}), sc), f)
	var total int64
	if err := base.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return domain.ComplaintPage{}, mapError(err, "count complaints")
	}
	q := base.Session(&gorm.Session{})
	if p.After != "" {
		at, id, err := decodeCursor(p.After)
		if err != nil {
			return domain.ComplaintPage{}, domain.Invalid("after", "the cursor is not valid", "分页游标无效")
		}
		q = q.Where("(created_at, id) < (?, ?)", at, id)
	}
	var rows []complaintRow
	if err := q.Order("created_at DESC, id DESC").Limit(p.First + 1).Find(&rows).Error; err != nil {
		return domain.ComplaintPage{}, mapError(err, "list complaints")
	}
	page := domain.ComplaintPage{Total: int(total)}
	if len(rows) > p.First {
		page.HasNext = true
		rows = rows[:p.First]
	}
	for i := range rows {
		page.Complaints = append(page.Complaints, toDomainComplaint(&rows[i]))
		page.Cursors = append(page.Cursors, encodeCursor(rows[i].CreatedAt, rows[i].ID))
	}
	return page, nil
}

func encodeCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

func decodeCursor(c string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", err
	}
	ts, id, ok := strings.Cut(string(b), "|")
	if !ok {
		return time.Time{}, "", errors.New("cursor without separator")
	}
	if _, err := uuid.Parse(id); err != nil {
		return time.Time{}, "", err
	}
	at, err := time.Parse(time.RFC3339Nano, ts)
	return at, id, err
}

// History implements domain.ComplaintStore.
func (s *ComplaintStore) History(ctx context.Context, complaintID string) ([]domain.Event, error) {
	var rows []eventRow
	if err := s.DB.Gorm.WithContext(ctx).Where("complaint_id = ?", complaintID).Order("id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "complaint history")
	}
	out := make([]domain.Event, len(rows))
	for i, r := range rows {
		out[i] = toDomainEvent(r)
	}
	return out, nil
}
