package postgres

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

// This file stores the records of a complaint's handling (notes, responses, links, extensions) and
// the complaint's incidents.

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

func enums[T ~string](vs []string) []T {
	out := make([]T, len(vs))
	for i, v := range vs {
		out[i] = T(v)
	}
	return out
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// incidentJSON is one incident in the complaints.incidents jsonb array.
type incidentJSON struct {
	OccurredAt  time.Time `json:"occurredAt"`
	Channel     string    `json:"channel"`
	From        string    `json:"from,omitempty"`
	Count       int       `json:"count"`
	Description string    `json:"description,omitempty"`
	DateOnly    bool      `json:"dateOnly,omitempty"`
}

// incidentList maps the complaints.incidents jsonb column.
type incidentList []incidentJSON

func toIncidentList(in []domain.Incident) incidentList {
	out := make(incidentList, len(in))
	for i, x := range in {
		out[i] = incidentJSON{OccurredAt: x.OccurredAt.UTC(), Channel: string(x.Channel), From: x.From, Count: x.Count, Description: x.Description, DateOnly: x.DateOnly}
	}
	return out
}

func (l incidentList) toDomain() []domain.Incident {
	if len(l) == 0 {
		return nil
	}
	out := make([]domain.Incident, len(l))
	for i, x := range l {
		out[i] = domain.Incident{OccurredAt: x.OccurredAt, Channel: domain.Channel(x.Channel), From: x.From, Count: x.Count, Description: x.Description, DateOnly: x.DateOnly}
	}
	return out
}

// Scan implements sql.Scanner.
func (l *incidentList) Scan(src any) error {
	return scanJSONB("incidents", src, (*[]incidentJSON)(l), func() { *l = nil })
}

// Value implements driver.Valuer.
func (l incidentList) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]incidentJSON(l))
	return string(b), err
}

type noteRow struct {
	ID          string `gorm:"primaryKey"`
	ComplaintID string
	AuthorID    int64
	AuthorRole  string
	Text        string
	At          time.Time
}

func (noteRow) TableName() string { return "complaint_notes" }

type responseRow struct {
	ID                    string `gorm:"primaryKey"`
	ComplaintID           string
	InstitutionID         int64
	AuthorID              int64
	Category              string
	Explanation           string
	Instalments           *int
	InstalmentAmount      *string
	FirstDueOn            *time.Time `gorm:"type:date"`
	DeferredUntil         *time.Time `gorm:"type:date"`
	PenaltyInterestWaived *string
	FeeWaiverAmount       *string
	CollectionStopped     bool
	CreditRecordCorrected bool
	Apology               bool
	CollectorDisciplined  bool
	AgencyContractEnded   bool
	At                    time.Time
}

func (responseRow) TableName() string { return "complaint_responses" }

func toResponseRow(r domain.Response) responseRow {
	row := responseRow{ID: r.ID, ComplaintID: r.ComplaintID, InstitutionID: r.InstitutionID, AuthorID: r.AuthorID,
		Category: string(r.Category), Explanation: r.Explanation, FeeWaiverAmount: nullable(string(r.Relief.FeeWaiverAmount)),
		CollectionStopped: r.Relief.CollectionStopped, CreditRecordCorrected: r.Relief.CreditRecordCorrected,
		Apology: r.Relief.Apology, CollectorDisciplined: r.Relief.CollectorDisciplined, AgencyContractEnded: r.Relief.AgencyContractEnded, At: r.At}
	if p := r.Relief.RepaymentPlan; p != nil {
		row.Instalments, row.InstalmentAmount = &p.Instalments, nullable(string(p.InstalmentAmount))
		row.FirstDueOn, row.DeferredUntil = planDay(p.FirstDueOn), planDay(p.DeferredUntil)
		row.PenaltyInterestWaived = nullable(string(p.PenaltyInterestWaived))
	}
	return row
}

func toDomainResponse(r responseRow) domain.Response {
	out := domain.Response{ID: r.ID, ComplaintID: r.ComplaintID, InstitutionID: r.InstitutionID, AuthorID: r.AuthorID,
		Category: domain.ResponseCategory(r.Category), Explanation: r.Explanation, At: r.At,
		Relief: domain.Relief{FeeWaiverAmount: domain.Amount(deref(r.FeeWaiverAmount)), CollectionStopped: r.CollectionStopped,
			CreditRecordCorrected: r.CreditRecordCorrected, Apology: r.Apology, CollectorDisciplined: r.CollectorDisciplined,
			AgencyContractEnded: r.AgencyContractEnded}}
	if r.Instalments != nil {
		out.Relief.RepaymentPlan = &domain.RepaymentPlan{Instalments: *r.Instalments, InstalmentAmount: domain.Amount(deref(r.InstalmentAmount)),
			FirstDueOn: dayString(r.FirstDueOn), DeferredUntil: dayString(r.DeferredUntil), PenaltyInterestWaived: domain.Amount(deref(r.PenaltyInterestWaived))}
	}
	return out
}

// planDay stores a plan's YYYY-MM-DD day (validated by the domain) as a date; "" as NULL.
func planDay(s string) *time.Time {
	if s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return &d
}

func dayString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

type linkRow struct {
	ComplaintID string `gorm:"primaryKey"`
	PrimaryID   string `gorm:"primaryKey"`
	Merged      bool
	LinkedBy    int64
	Reason      string
	At          time.Time
}

func (linkRow) TableName() string { return "complaint_links" }

type extensionRow struct {
	ID             string `gorm:"primaryKey"`
	ComplaintID    string
	InstitutionID  int64
	RequestedBy    int64
	Days           int
	Reason         string
	Status         string
	RequestedAt    time.Time
	DecidedBy      *int64
	DecidedAt      *time.Time
	DecisionReason string
}

func (extensionRow) TableName() string { return "complaint_extensions" }

func toDomainExtension(r extensionRow) domain.Extension {
	return domain.Extension{ID: r.ID, ComplaintID: r.ComplaintID, InstitutionID: r.InstitutionID, RequestedBy: r.RequestedBy,
		Days: r.Days, Reason: r.Reason, Status: domain.ExtensionStatus(r.Status), RequestedAt: r.RequestedAt,
		DecidedBy: deref(r.DecidedBy), DecidedAt: deref(r.DecidedAt), DecisionReason: r.DecisionReason}
}

// writeRecords writes the handling records of a change inside its transaction.
func writeRecords(tx *gorm.DB, complaintID string, ch domain.Change) error {
	for _, n := range ch.Notes {
		row := noteRow{ID: n.ID, ComplaintID: complaintID, AuthorID: n.AuthorID, AuthorRole: string(n.AuthorRole), Text: n.Text, At: n.At}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	for _, r := range ch.Responses {
		r.ComplaintID = complaintID
		row := toResponseRow(r)
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	for _, l := range ch.Links {
		row := linkRow{ComplaintID: complaintID, PrimaryID: l.PrimaryID, Merged: l.Merged, LinkedBy: l.LinkedBy, Reason: l.Reason, At: l.At}
		// A pair is linked once (session 16, attack: a second link was a vague CONFLICT from the
		// primary key); merging a linked pair turns its link into the merge.
		pair := []clause.Column{{Name: "complaint_id"}, {Name: "primary_id"}}
		onConflict := clause.OnConflict{Columns: pair, DoNothing: true}
		if l.Merged {
			onConflict = clause.OnConflict{Columns: pair, Where: clause.Where{Exprs: []clause.Expression{clause.Eq{Column: clause.Column{Table: "complaint_links", Name: "merged"}, Value: false}}},
				DoUpdates: clause.AssignmentColumns([]string{"merged", "linked_by", "reason", "at"})}
		}
		res := tx.Clauses(onConflict).Create(&row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return &domain.Error{Code: domain.CodeInvalid, Field: "duplicateId", Reason: "ALREADY_LINKED",
				Message: "these complaints are already linked", MessageZH: "这两件投诉已关联"}
		}
	}
	for _, x := range ch.Extensions {
		if !x.DecidedAt.IsZero() { // a decision on a pending request
			res := tx.Model(&extensionRow{}).Where("id = ? AND complaint_id = ? AND status = ?", x.ID, complaintID, string(domain.ExtensionPending)).
				Updates(map[string]any{"status": string(x.Status), "decided_by": x.DecidedBy, "decided_at": x.DecidedAt, "decision_reason": x.DecisionReason})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected != 1 {
				return domain.ErrConflict
			}
			continue
		}
		row := extensionRow{ID: x.ID, ComplaintID: complaintID, InstitutionID: x.InstitutionID, RequestedBy: x.RequestedBy,
			Days: x.Days, Reason: x.Reason, Status: string(x.Status), RequestedAt: x.RequestedAt}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
	}
	return nil
}

func listOf[R any, D any](ctx context.Context, db *DB, what, order string, conv func(R) D, where string, args ...any) ([]D, error) {
	var rows []R
	if err := db.Gorm.WithContext(ctx).Where(where, args...).Order(order).Find(&rows).Error; err != nil {
		return nil, mapError(err, what)
	}
	out := make([]D, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out, nil
}

// Notes implements domain.ComplaintStore.
func (s *ComplaintStore) Notes(ctx context.Context, complaintID string) ([]domain.Note, error) {
	return listOf(ctx, s.DB, "complaint notes", "at, id", func(r noteRow) domain.Note {
		return domain.Note{ID: r.ID, ComplaintID: r.ComplaintID, AuthorID: r.AuthorID, AuthorRole: domain.Role(r.AuthorRole), Text: r.Text, At: r.At}
	}, "complaint_id = ?", complaintID)
}

// Responses implements domain.ComplaintStore.
func (s *ComplaintStore) Responses(ctx context.Context, complaintID string) ([]domain.Response, error) {
	return listOf(ctx, s.DB, "complaint responses", "at, id", toDomainResponse, "complaint_id = ?", complaintID)
}

// Links implements domain.ComplaintStore: links from the complaint (it duplicates another) and to
// it (others duplicate it).
func (s *ComplaintStore) Links(ctx context.Context, complaintID string) ([]domain.Link, error) {
	return listOf(ctx, s.DB, "complaint links", "at", func(r linkRow) domain.Link {
		return domain.Link{ComplaintID: r.ComplaintID, PrimaryID: r.PrimaryID, Merged: r.Merged, LinkedBy: r.LinkedBy, Reason: r.Reason, At: r.At}
	}, "complaint_id = ? OR primary_id = ?", complaintID, complaintID)
}

// LinksOf implements domain.ComplaintStore: the links of several complaints in one statement.
func (s *ComplaintStore) LinksOf(ctx context.Context, complaintIDs []string) (map[string][]domain.Link, error) {
	out := make(map[string][]domain.Link, len(complaintIDs))
	if len(complaintIDs) == 0 {
		return out, nil
	}
	links, err := listOf(ctx, s.DB, "complaint links", "at", func(r linkRow) domain.Link {
		return domain.Link{ComplaintID: r.ComplaintID, PrimaryID: r.PrimaryID, Merged: r.Merged, LinkedBy: r.LinkedBy, Reason: r.Reason, At: r.At}
	}, "complaint_id IN ? OR primary_id IN ?", complaintIDs, complaintIDs)
	if err != nil {
		return nil, err
	}
	asked := make(map[string]bool, len(complaintIDs))
	for _, id := range complaintIDs {
		asked[id] = true
	}
	for _, l := range links {
		if asked[l.ComplaintID] {
			out[l.ComplaintID] = append(out[l.ComplaintID], l)
		}
		if asked[l.PrimaryID] && l.PrimaryID != l.ComplaintID {
			out[l.PrimaryID] = append(out[l.PrimaryID], l)
		}
	}
	return out, nil
}

// Extensions implements domain.ComplaintStore.
func (s *ComplaintStore) Extensions(ctx context.Context, complaintID string) ([]domain.Extension, error) {
	return listOf(ctx, s.DB, "complaint extensions", "requested_at, id", toDomainExtension, "complaint_id = ?", complaintID)
}

// ExtensionsOf implements domain.ComplaintStore: the extension requests of several complaints in
// one statement (a page of forwarded complaints read them one complaint at a time, attack round 33).
func (s *ComplaintStore) ExtensionsOf(ctx context.Context, complaintIDs []string) (map[string][]domain.Extension, error) {
	out := make(map[string][]domain.Extension, len(complaintIDs))
	if len(complaintIDs) == 0 {
		return out, nil
	}
	xs, err := listOf(ctx, s.DB, "complaint extensions", "requested_at, id", toDomainExtension, "complaint_id IN ?", complaintIDs)
	if err != nil {
		return nil, err
	}
	for _, x := range xs {
		out[x.ComplaintID] = append(out[x.ComplaintID], x)
	}
	return out, nil
}
