package postgres

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/schema"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
)

type complaintRow struct {
	ID                     string `gorm:"primaryKey"`
	Reference              string
	Jurisdiction           string
	Status                 string
	Version                int
	ComplainantID          int64
	IdempotencyKey         *string
	Relation               string
	DebtorName             string
	DebtorMobile           string
	DebtorIDNumber         string `gorm:"column:debtor_id_number"`
	DebtorIDHash           []byte `gorm:"column:debtor_id_hash"`
	DebtorMobileHash       []byte
	LenderID               *int64
	LenderName             string
	AgencyID               *int64
	AgencyName             string
	Product                string
	ContractNumber         string
	AmountOwed             *string // numeric(14,2), carried as its exact decimal text
	DaysOverdue            *int
	Province               string
	City                   *string
	Incidents              incidentList
	Narrative              string
	ClaimedViolations      textArray
	ConfirmedViolations    textArray
	OutcomesWanted         textArray
	ConsentToShareIdentity bool
	ConsentToPublish       bool
	Priority               string
	Team                   *string
	AssigneeID             *int64
	Recipients             int8Array
	ForwardTarget          *string
	ForwardedAt            *time.Time
	ResponseDays           int
	DueAt                  *time.Time
	PendingExtensionID     *string
	InformationRequest     string
	RespondedAt            *time.Time
	FeedbackDecision       *string
	Satisfaction           *int
	FeedbackComment        string
	FeedbackAt             *time.Time
	ClosedAt               *time.Time
	RejectionReason        *string
	ReferredTo             *string
	MergedInto             *string
	Assessment             jsonDoc[domain.Assessment]
	RulePackID             *string
	RulePackRevision       *int
	RoutingVersion         *int
	LikelyDuplicates       textArray
	Untimely               bool
	// AwaitedDueAt and AwaitedKind: the clock the state waits for that is due first
	// (domain.Complaint.AwaitedClock), derived on every write (migration 00042).
	AwaitedDueAt *time.Time
	AwaitedKind  *string
	CreatedAt    time.Time
	UpdatedAt    time.Time
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
	r := complaintRow{
		ID: c.ID, Reference: c.Reference, Jurisdiction: c.Jurisdiction, Status: string(c.Status), Version: c.Version,
		ComplainantID: c.ComplainantID, Relation: string(c.Relation),
		DebtorName: c.Debtor.Name, DebtorMobile: c.Debtor.Mobile, DebtorIDNumber: c.Debtor.IDNumber,
		LenderID: nullable(c.LenderID), LenderName: c.LenderName, AgencyID: nullable(c.AgencyID), AgencyName: c.AgencyName,
		Product: string(c.Product), ContractNumber: c.ContractNumber, AmountOwed: nullable(string(c.AmountOwed)),
		DaysOverdue: c.DaysOverdue, Province: c.Province, City: nullable(c.City), Incidents: toIncidentList(c.Incidents),
		Narrative: c.Narrative, ClaimedViolations: textArray(strs(c.ClaimedViolations)),
		ConfirmedViolations: textArray(strs(c.ConfirmedViolations)), OutcomesWanted: textArray(strs(c.OutcomesWanted)),
		ConsentToShareIdentity: c.ConsentToShareIdentity, ConsentToPublish: c.ConsentToPublish,
		Priority: string(c.Priority), Team: nullable(c.Team), AssigneeID: nullable(c.AssigneeID),
		Recipients: int8Array(c.Recipients), ForwardTarget: nullable(string(c.ForwardTarget)), ForwardedAt: nullTime(c.ForwardedAt),
		ResponseDays: c.ResponseDays, DueAt: nullTime(c.DueAt), PendingExtensionID: nullable(c.PendingExtensionID),
		InformationRequest: c.InformationRequest, RespondedAt: nullTime(c.RespondedAt), ClosedAt: nullTime(c.ClosedAt),
		RejectionReason: nullable(string(c.RejectionReason)), ReferredTo: nullable(string(c.ReferredTo)),
		MergedInto: nullable(c.MergedInto), Untimely: c.Untimely, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Assessment: jsonDoc[domain.Assessment]{V: c.Assessment}, RoutingVersion: nullable(c.RoutingVersion),
		LikelyDuplicates: textArray(c.LikelyDuplicates),
	}
	kind, due := c.AwaitedClock()
	r.AwaitedKind, r.AwaitedDueAt = nullable(string(kind)), nullTime(due)
	if r.Jurisdiction == "" {
		r.Jurisdiction = "CN"
	}
	if a := c.Assessment; a != nil {
		r.RulePackID, r.RulePackRevision = nullable(a.PackID), nullable(a.PackRevision)
	}
	if f := c.Feedback; f != nil {
		r.FeedbackDecision, r.Satisfaction, r.FeedbackComment, r.FeedbackAt = nullable(string(f.Decision)), &f.Satisfaction, f.Comment, nullTime(f.At)
	}
	return r
}

func toDomainComplaint(r *complaintRow) *domain.Complaint {
	c := &domain.Complaint{
		ID: r.ID, Reference: r.Reference, Jurisdiction: r.Jurisdiction, Status: domain.Status(r.Status), Version: r.Version,
		ComplainantID: r.ComplainantID, Relation: domain.Relation(r.Relation),
		Debtor:   domain.Debtor{Name: r.DebtorName, Mobile: r.DebtorMobile, IDNumber: r.DebtorIDNumber},
		LenderID: deref(r.LenderID), LenderName: r.LenderName, AgencyID: deref(r.AgencyID), AgencyName: r.AgencyName,
		Product: domain.Product(r.Product), ContractNumber: r.ContractNumber, AmountOwed: domain.Amount(deref(r.AmountOwed)),
		DaysOverdue: r.DaysOverdue, Province: r.Province, City: deref(r.City), Incidents: r.Incidents.toDomain(),
		Narrative: r.Narrative, ClaimedViolations: enums[domain.ViolationType](r.ClaimedViolations),
		ConfirmedViolations: enums[domain.ViolationType](r.ConfirmedViolations), OutcomesWanted: enums[domain.Outcome](r.OutcomesWanted),
		ConsentToShareIdentity: r.ConsentToShareIdentity, ConsentToPublish: r.ConsentToPublish,
		Priority: domain.Priority(r.Priority), Team: deref(r.Team), AssigneeID: deref(r.AssigneeID),
		Recipients: []int64(r.Recipients), ForwardTarget: domain.ForwardTarget(deref(r.ForwardTarget)), ForwardedAt: deref(r.ForwardedAt),
		ResponseDays: r.ResponseDays, DueAt: deref(r.DueAt), PendingExtensionID: deref(r.PendingExtensionID),
		InformationRequest: r.InformationRequest, RespondedAt: deref(r.RespondedAt), ClosedAt: deref(r.ClosedAt),
		RejectionReason: domain.RejectionReason(deref(r.RejectionReason)), ReferredTo: domain.ReferralBody(deref(r.ReferredTo)),
		MergedInto: deref(r.MergedInto), Untimely: r.Untimely, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Assessment: r.Assessment.V, RoutingVersion: deref(r.RoutingVersion), LikelyDuplicates: []string(r.LikelyDuplicates),
	}
	if r.FeedbackDecision != nil {
		c.Feedback = &domain.Feedback{Decision: domain.FeedbackDecision(*r.FeedbackDecision), Satisfaction: deref(r.Satisfaction),
			Comment: r.FeedbackComment, At: deref(r.FeedbackAt)}
	}
	return c
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
	prev, err := s.fileInOneGo(ctx, c, key, ev, msgs)
	if err != nil {
		return nil, false, mapError(err, "complaint")
	}
	if prev != nil { // the same complainant filed with this key before
		existing, err := s.DB.toDomainComplaint(prev)
		if err != nil {
			return nil, false, mapError(err, "complaint")
		}
		return existing, false, nil
	}
	return c, true, nil
}

func (db *DB) writeChange(tx *gorm.DB, complaintID string, ch domain.Change) error {
	if len(ch.Events) > 0 { // one multi-row INSERT, ids in the events' order
		rows := make([]eventRow, len(ch.Events))
		for i, e := range ch.Events {
			e.ComplaintID = complaintID
			e, err := db.sealInformation(tx, e)
			if err != nil {
				return err
			}
			rows[i] = toEventRow(e)
		}
		if err := insertEvents(tx, rows); err != nil {
			return err
		}
	}
	if err := writeRecords(tx, complaintID, ch); err != nil {
		return err
	}
	return writeMessages(tx, ch.Messages)
}

// writeMessages writes a change's outbox messages in one multi-row INSERT (one round trip
// whatever their number: a filing has two, a routing with notifications several).
func writeMessages(tx *gorm.DB, msgs []domain.Message) error {
	q, args := messagesInsert(msgs, false)
	if q == "" {
		return nil
	}
	return tx.Exec(q, args...).Error
}

// insertEvents writes history entries with one multi-row INSERT, in their order. Filing and
// routing run it for every complaint: the statement is written out rather than built by gorm
// from the struct (a third of the CPU of a filing went to gorm's Create).
func insertEvents(tx *gorm.DB, rows []eventRow) error {
	if len(rows) == 0 {
		return nil
	}
	q, args := eventsInsert(rows, false)
	return tx.Exec(q, args...).Error
}

// noKeyUpdate is the lock a complaint is changed under: it keeps out every other change of the
// complaint (and its deletion) but not the rows of other tables that refer to it. A change never
// alters the complaint's keys (id, reference, idempotency key, external id), so FOR UPDATE, which
// also holds up the foreign-key checks of every notification, statistics contribution and history
// entry written about the complaint meanwhile, locked more than the UPDATE itself does.
const noKeyUpdate = "NO KEY UPDATE"

// UpdateComplaint implements domain.ComplaintStore.
func (s *ComplaintStore) UpdateComplaint(ctx context.Context, id string, change func(c *domain.Complaint) (domain.Change, error)) (*domain.Complaint, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	var out *domain.Complaint
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var row complaintRow
		if err := tx.Clauses(clause.Locking{Strength: noKeyUpdate}).Where("id = ?", id).Take(&row).Error; err != nil {
			return err
		}
		deadlines, err := lockDeadlines(tx, id)
		if err != nil {
			return err
		}
		c, ch, write, err := s.changeLocked(tx, &row, deadlines, change, nil)
		if err != nil {
			return err
		}
		out = c
		if !write {
			return nil
		}
		return s.DB.writeChange(tx, id, ch)
	})
	if err != nil {
		return nil, mapError(err, "complaint")
	}
	return out, nil
}

// changeLocked lets change modify a locked complaint (with its locked clocks) and writes the
// clocks and the complaint row; the caller writes the change's events, records and messages when
// write is true (false: change changed nothing).
//
// With a batch, the clocks and the complaint update are collected into it for the caller to write
// for many complaints at once (batch.flush); without, they are written at once.
func (s *ComplaintStore) changeLocked(tx *gorm.DB, row *complaintRow, deadlines []domain.Deadline,
	change func(c *domain.Complaint) (domain.Change, error), batch *changeBatch) (*domain.Complaint, domain.Change, bool, error) {
	c, err := s.DB.toDomainComplaint(row)
	if err != nil {
		return nil, domain.Change{}, false, err
	}
	c.Deadlines = deadlines
	before := slices.Clone(deadlines) // change edits c.Deadlines in place
	ch, err := change(c)
	if err != nil {
		return nil, domain.Change{}, false, err
	}
	if len(ch.Events) == 0 && len(ch.Messages) == 0 && len(ch.Notes) == 0 && len(ch.Responses) == 0 && len(ch.Links) == 0 && len(ch.Extensions) == 0 {
		return c, ch, false, nil
	}
	changed := changedDeadlines(before, c.Deadlines)
	if batch != nil {
		for _, d := range changed {
			d.ComplaintID = c.ID
			batch.deadlines = append(batch.deadlines, toDeadlineRow(d, s.DB.Now()))
		}
	} else if err := writeDeadlines(tx, c.ID, changed, s.DB.Now()); err != nil {
		return nil, domain.Change{}, false, err
	}
	if ch.ComplaintUnchanged {
		return c, ch, true, nil
	}
	set, err := s.complaintUpdate(row, c)
	if err != nil {
		return nil, domain.Change{}, false, err
	}
	if batch != nil {
		if bumpOnly(set) { // breaches, notes: one statement for all of them, untimely or not
			set["untimely"] = c.Untimely
		}
		batch.updates = append(batch.updates, complaintUpdate{id: c.ID, was: row.Version, set: set})
		return c, ch, true, nil
	}
	res := tx.Model(&complaintRow{}).Where("id = ? AND version = ?", c.ID, row.Version).Updates(set)
	if res.Error != nil {
		return nil, domain.Change{}, false, res.Error
	}
	if res.RowsAffected != 1 {
		return nil, domain.Change{}, false, domain.ErrConflict
	}
	return c, ch, true, nil
}

// complaintUpdate bumps c's version and update time and returns the columns of the complaint row
// to SET: those whose value differs from the stored row (which toDomainComplaint decrypted in
// place), plus version and updated_at. Writing only those keeps the update HOT (no index entry,
// the row rewritten on its page) whenever no indexed column changed — a breach, a note, a
// reminder's bookkeeping — where rewriting every column gave every one of the table's indexes
// (GIN trigram, violations, recipients among them) a new entry.
func (s *ComplaintStore) complaintUpdate(row *complaintRow, c *domain.Complaint) (map[string]any, error) {
	c.Version = row.Version + 1
	c.UpdatedAt = s.DB.Now()
	kr, err := s.DB.keyRing()
	if err != nil {
		return nil, err
	}
	plain := toComplaintRow(c)
	// A debtor's hashes follow their plaintext: rewritten when it changed, else kept as stored
	// when present (they are indexed; rehashing them is `redline rotate-keys --rehash`'s work).
	plain.DebtorIDHash, plain.DebtorMobileHash = row.DebtorIDHash, row.DebtorMobileHash
	if plain.DebtorIDNumber != row.DebtorIDNumber || row.DebtorIDHash == nil && row.DebtorIDNumber != "" {
		plain.DebtorIDHash = kr.Sum(pii.KindNationalID, c.Debtor.IDNumber)
	}
	if plain.DebtorMobile != row.DebtorMobile || row.DebtorMobileHash == nil && row.DebtorMobile != "" {
		plain.DebtorMobileHash = kr.Sum(pii.KindPhone, c.Debtor.Mobile)
	}
	// Only the personal data that changed is encrypted (the row holds the stored values
	// decrypted): a routing, which changes none, encrypts nothing.
	sealed := plain
	var reseal []sealField
	stored := complaintFields(row)
	for i, f := range complaintFields(&sealed) {
		if *f.v != *stored[i].v {
			reseal = append(reseal, f)
		}
	}
	if err := s.DB.seal(reseal...); err != nil {
		return nil, err
	}
	sch, err := complaintSchema()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	was, now, out := reflect.ValueOf(row).Elem(), reflect.ValueOf(&plain).Elem(), reflect.ValueOf(&sealed).Elem()
	set := map[string]any{"version": c.Version, "updated_at": c.UpdatedAt}
	for _, f := range sch.Fields {
		if f.DBName == "" || fixedComplaintColumns[f.DBName] {
			continue
		}
		a, _ := f.ValueOf(ctx, was)
		b, _ := f.ValueOf(ctx, now)
		if same, enc := compareDBValues(a, b); !same {
			v, _ := f.ValueOf(ctx, out) // the stored form: personal data encrypted
			if _, doc := v.(jsonDocument); doc {
				// A JSON document (never sealed) was encoded to compare it: that encoding is the
				// value its Valuer gives the driver, so it is sent rather than encoded again (the
				// assessment, ~2 KB, was marshalled twice per routed complaint).
				v = enc
			}
			set[f.DBName] = v
		}
	}
	return set, nil
}

// changeBatch collects the writes of several complaints' changes (UpdateComplaints) that can be
// made with one statement for all of them.
type changeBatch struct {
	deadlines []deadlineRow
	updates   []complaintUpdate
}

// complaintUpdate is a complaint's update: the columns complaintUpdate chose to SET, for the row
// still at version was.
type complaintUpdate struct {
	id  string
	was int
	set map[string]any
}

// bumpOnly reports whether an update's columns are version and updated_at, and perhaps untimely.
func bumpOnly(set map[string]any) bool {
	for k := range set {
		if k != "version" && k != "updated_at" && k != "untimely" {
			return false
		}
	}
	return true
}

// flush writes the collected clocks with one multi-row upsert and the collected complaint
// updates with one UPDATE … FROM (VALUES …) per set of columns; every complaint must still have
// the version it was read at (they are locked, so anything else is a bug, reported as a conflict).
func (b *changeBatch) flush(tx *gorm.DB) error {
	if len(b.deadlines) > 0 {
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, UpdateAll: true}).Create(&b.deadlines).Error; err != nil {
			return err
		}
	}
	return flushUpdates(tx, b.updates)
}

// flushUpdates writes the complaint updates that set the same columns with one
// UPDATE … FROM (VALUES …) per set of columns (a batch of routings is one or two statements, not
// one per complaint). Every value is cast to its column's SQL type (without its modifier, so that
// a too long text or a numeric is checked or rounded as the assignment of a parameter is) and is
// the very value gorm's Updates(set) would bind: gorm binds the arguments of Exec as it binds
// those of an update's SET.
func flushUpdates(tx *gorm.DB, updates []complaintUpdate) error {
	if len(updates) == 0 {
		return nil
	}
	types, err := complaintColumnTypes(tx)
	if err != nil {
		return err
	}
	type group struct {
		cols []string
		rows []complaintUpdate
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, u := range updates {
		cols := slices.Sorted(maps.Keys(u.set))
		key := strings.Join(cols, ",")
		g := byKey[key]
		if g == nil {
			g = &group{cols: cols}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, u)
	}
	for _, g := range groups {
		q, args, err := updateStatement(types, g.cols, g.rows)
		if err != nil {
			return err
		}
		res := tx.Exec(q, args...)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != int64(len(g.rows)) {
			return domain.ErrConflict
		}
	}
	return nil
}

// updateStatement is the UPDATE of flushUpdates for rows that set the columns cols, and its
// arguments: WITH v (id, was, cols…) AS (VALUES (…), …) UPDATE complaints c SET col = v.col …
// FROM v WHERE c.id = v.id AND c.version = v.was.
//
// The JSON documents of a column (the assessment, ~3.5 KB a complaint) are sent as one jsonb
// array, the last argument, and each row takes its element (j.col -> v.col, v.col the row's
// index). pgx appends every argument of a statement to one buffer, then copies them into the Bind
// message's buffer, and both grow by a quarter each time they are full (Go's append past 256
// bytes): 50 assessments one by one cost ~5 times their size in each buffer (~1.7 MB allocated a
// batch, a third of a routing worker's allocations, which set how often its collector runs). One
// argument of the documents' total size, last in the statement, is one allocation in each. The
// array is materialized (parsed once, not once per row under a generic plan).
func updateStatement(types map[string]string, cols []string, rows []complaintUpdate) (string, []any, error) {
	var packed []string // the columns sent as one array
	if len(rows) > 1 {
		for _, col := range cols {
			if jsonDocColumns()[col] && allText(rows, col) {
				packed = append(packed, col)
			}
		}
	}
	var q strings.Builder
	q.WriteString("WITH v (id, was, ")
	q.WriteString(strings.Join(cols, ", "))
	q.WriteString(") AS (VALUES ")
	args := make([]any, 0, (2+len(cols))*len(rows)+len(packed))
	for i, u := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		// No '?' right after '(': gorm would spread a slice argument ([]byte) there into a list.
		q.WriteString("( ?::uuid, ?::integer")
		args = append(args, u.id, u.was)
		for _, col := range cols {
			typ, ok := types[col]
			if !ok {
				return "", nil, fmt.Errorf("postgres: complaints has no column %q", col)
			}
			if slices.Contains(packed, col) {
				fmt.Fprintf(&q, ", %d", i)
				continue
			}
			q.WriteString(", ?::")
			q.WriteString(typ)
			args = append(args, u.set[col])
		}
		q.WriteString(")")
	}
	q.WriteString(")")
	if len(packed) > 0 {
		q.WriteString(", j AS MATERIALIZED (SELECT ")
		for k, col := range packed {
			if k > 0 {
				q.WriteString(", ")
			}
			fmt.Fprintf(&q, "?::jsonb AS %s", col)
			args = append(args, jsonArray(rows, col))
		}
		q.WriteString(")")
	}
	q.WriteString(" UPDATE complaints c SET ")
	for i, col := range cols {
		if i > 0 {
			q.WriteString(", ")
		}
		if slices.Contains(packed, col) {
			fmt.Fprintf(&q, "%s = j.%s -> v.%s", col, col, col)
		} else {
			fmt.Fprintf(&q, "%s = v.%s", col, col)
		}
	}
	q.WriteString(" FROM v")
	if len(packed) > 0 {
		q.WriteString(", j")
	}
	q.WriteString(" WHERE c.id = v.id AND c.version = v.was")
	return q.String(), args, nil
}

// jsonDocColumns are the columns of complaints held by a jsonDoc: their values in an update are
// the documents' JSON encodings (json.Marshal: one JSON value each), or nil.
var jsonDocColumns = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	sch, err := complaintSchema()
	if err != nil {
		return m
	}
	for _, f := range sch.Fields {
		if f.DBName != "" && f.FieldType.Implements(reflect.TypeFor[jsonDocument]()) {
			m[f.DBName] = true
		}
	}
	return m
})

// allText reports whether every row sets col to a JSON text (not NULL).
func allText(rows []complaintUpdate, col string) bool {
	for _, u := range rows {
		switch v := u.set[col].(type) {
		case string:
			if v == "" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// jsonArray is the JSON array of the rows' documents of col, in the rows' order, built at its size.
func jsonArray(rows []complaintUpdate, col string) string {
	n := 1 + len(rows)
	for _, u := range rows {
		n += len(u.set[col].(string))
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('[')
	for i, u := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(u.set[col].(string))
	}
	b.WriteByte(']')
	return b.String()
}

// complaintTypes caches the SQL type of every column of complaints, read at first use.
var complaintTypes struct {
	sync.Mutex
	m map[string]string
}

// complaintColumnTypes returns the SQL type of each column of complaints, without modifiers
// (character varying, numeric, timestamp with time zone, text[], jsonb…), as a cast accepts it.
func complaintColumnTypes(tx *gorm.DB) (map[string]string, error) {
	complaintTypes.Lock()
	defer complaintTypes.Unlock()
	if complaintTypes.m != nil {
		return complaintTypes.m, nil
	}
	var rows []struct{ Name, Type string }
	if err := tx.Raw(`SELECT attname AS name, format_type(atttypid, NULL) AS type FROM pg_attribute
		WHERE attrelid = 'complaints'::regclass AND attnum > 0 AND NOT attisdropped`).Scan(&rows).Error; err != nil {
		return nil, err
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		switch r.Type { // unmodified, these two would mean character(1) and bit(1)
		case "character":
			r.Type = "bpchar"
		case "bit":
			r.Type = "bit varying"
		}
		m[r.Name] = r.Type
	}
	complaintTypes.m = m
	return m, nil
}

// fixedComplaintColumns are never rewritten by a change.
var fixedComplaintColumns = map[string]bool{"id": true, "created_at": true, "idempotency_key": true, "complainant_id": true,
	"reference": true, "version": true, "updated_at": true}

var complaintSchema = sync.OnceValues(func() (*schema.Schema, error) {
	return schema.Parse(&complaintRow{}, &sync.Map{}, schema.NamingStrategy{})
})

// compareDBValues reports whether two field values would be stored as the same column value and,
// when it had to encode them to tell, b's driver value (dbValue(b)); else nil.
func compareDBValues(a, b any) (bool, any) {
	// Equal Go values are stored alike (the Valuers are deterministic): most of a change's
	// columns are untouched, and comparing them costs no encoding (arrays, JSON).
	if reflect.DeepEqual(a, b) {
		return true, nil
	}
	a, b = dbValue(a), dbValue(b)
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb), b
	}
	if ba, ok := a.([]byte); ok {
		bb, ok := b.([]byte)
		return ok && bytes.Equal(ba, bb) && (ba == nil) == (bb == nil), b
	}
	return reflect.DeepEqual(a, b), b
}

// dbValue is the value the driver is given for v: a Valuer's value, a pointer's target or nil.
func dbValue(v any) any {
	if v == nil {
		return nil
	}
	if vr, ok := v.(driver.Valuer); ok {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return nil
		}
		if dv, err := vr.Value(); err == nil {
			return dv
		}
		return v
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		return dbValue(rv.Elem().Interface())
	}
	return v
}

// UpdateComplaints implements domain.ComplaintStore: UpdateComplaint for several complaints in one
// transaction. Their rows and their clocks are locked with one statement each, in id order (two
// batches never wait on each other in a cycle), and the history entries and outbox messages of all
// of them are written with one multi-row INSERT each.
func (s *ComplaintStore) UpdateComplaints(ctx context.Context, ids []string, change func(c *domain.Complaint) (domain.Change, error)) ([]*domain.Complaint, error) {
	valid := complaintIDs(ids)
	if len(valid) == 0 {
		return nil, nil
	}
	var out []*domain.Complaint
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		out = out[:0]
		rows, err := s.lockComplaintRows(ctx, tx, valid)
		if err != nil {
			return err
		}
		var drows []deadlineRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("complaint_id IN ?", valid).
			Order("complaint_id, started_at, id").Find(&drows).Error; err != nil {
			return err
		}
		deadlines := make(map[string][]domain.Deadline, len(rows))
		for _, r := range drows {
			d := toDomainDeadline(r)
			deadlines[d.ComplaintID] = append(deadlines[d.ComplaintID], d)
		}
		var events []eventRow
		var msgs []domain.Message
		var batch changeBatch
		for i := range rows {
			c, ch, write, err := s.changeLocked(tx, &rows[i], deadlines[rows[i].ID], change, &batch)
			if err != nil {
				return err
			}
			out = append(out, c)
			if !write {
				continue
			}
			for _, e := range ch.Events {
				e.ComplaintID = c.ID
				if e, err = s.DB.sealInformation(tx, e); err != nil {
					return err
				}
				events = append(events, toEventRow(e))
			}
			if err := writeRecords(tx, c.ID, ch); err != nil {
				return err
			}
			msgs = append(msgs, ch.Messages...)
		}
		if err := batch.flush(tx); err != nil {
			return err
		}
		if err := insertEvents(tx, events); err != nil {
			return err
		}
		return writeMessages(tx, msgs)
	})
	if err != nil {
		return nil, mapError(err, "complaints")
	}
	return out, nil
}

// complaintIDs keeps the ids that are uuids (no other can name a complaint).
func complaintIDs(ids []string) []string {
	valid := make([]string, 0, len(ids))
	for _, id := range ids {
		if domain.IsUUID(id) {
			valid = append(valid, id)
		}
	}
	return valid
}

// FindComplaints implements domain.ComplaintStore.
func (s *ComplaintStore) FindComplaints(ctx context.Context, ids []string) ([]*domain.Complaint, error) {
	valid := complaintIDs(ids)
	if len(valid) == 0 {
		return nil, nil
	}
	if domain.ReadingOnce(ctx) {
		return s.findComplaintsKept(ctx, valid)
	}
	var rows []complaintRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id IN ?", valid).Order("id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "complaints")
	}
	out := make([]*domain.Complaint, len(rows))
	for i := range rows {
		c, err := s.DB.toDomainComplaint(&rows[i])
		if err != nil {
			return nil, mapError(err, "complaint")
		}
		out[i] = c
	}
	return out, nil
}

// PartiesOf implements domain.ComplaintReader: the columns that name a complaint's parties, not
// the whole row (its assessment alone is ~2 KB, its personal data would be decrypted for nothing).
func (s *ComplaintStore) PartiesOf(ctx context.Context, ids []string) ([]*domain.ComplaintParties, error) {
	valid := complaintIDs(ids)
	if len(valid) == 0 {
		return nil, nil
	}
	var rows []struct {
		ID            string
		Reference     string
		ComplainantID int64
		Team          *string
		AssigneeID    *int64
		Recipients    int8Array
	}
	if err := s.DB.Gorm.WithContext(ctx).Table("complaints").Select("id, reference, complainant_id, team, assignee_id, recipients").
		Where("id IN ?", valid).Order("id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "complaints")
	}
	out := make([]*domain.ComplaintParties, len(rows))
	for i, r := range rows {
		out[i] = &domain.ComplaintParties{ID: r.ID, Reference: r.Reference, ComplainantID: r.ComplainantID, Team: deref(r.Team),
			AssigneeID: deref(r.AssigneeID), Recipients: []int64(r.Recipients)}
	}
	return out, nil
}

// seenComplaintRow is a complaint row as read, with the transaction id that wrote it (xmin):
// any later UPDATE of the row, whatever it sets, gives it another.
type seenComplaintRow struct {
	Row     complaintRow `gorm:"embedded"`
	RowXmin int64        `gorm:"column:row_xmin;->"`
}

// keptRowKey names a complaint row kept in a read-once scope for UpdateComplaints.
func keptRowKey(id string) string { return "complaint row " + id }

// findComplaintsKept is FindComplaints in a read-once scope (RouteMany): each row, as stored, is
// kept in the scope with its xmin, so that UpdateComplaints of the same complaints in the scope
// locks them without reading and decrypting them again when none was written meanwhile.
func (s *ComplaintStore) findComplaintsKept(ctx context.Context, ids []string) ([]*domain.Complaint, error) {
	var rows []seenComplaintRow
	if err := s.DB.Gorm.WithContext(ctx).Table("complaints").Select("*, xmin::text::bigint AS row_xmin").
		Where("id IN ?", ids).Order("id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "complaints")
	}
	out := make([]*domain.Complaint, len(rows))
	for i := range rows {
		domain.KeepRead(ctx, keptRowKey(rows[i].Row.ID), rows[i]) // as stored: sealed
		c, err := s.DB.toDomainComplaint(&rows[i].Row)
		if err != nil {
			return nil, mapError(err, "complaint")
		}
		out[i] = c
	}
	return out, nil
}

// lockComplaintRows locks the complaints' rows for a change, in id order, and returns them: the
// rows findComplaintsKept kept in ctx's scope that no one wrote since (same xmin), the others
// read (locked) from the table. Without kept rows it is one locking read of the rows.
func (s *ComplaintStore) lockComplaintRows(ctx context.Context, tx *gorm.DB, ids []string) ([]complaintRow, error) {
	kept := make(map[string]seenComplaintRow, len(ids))
	for _, id := range ids {
		if r, ok := domain.TakeRead[seenComplaintRow](ctx, keptRowKey(id)); ok {
			kept[id] = r
		}
	}
	var rows []complaintRow
	if len(kept) == 0 {
		err := tx.Clauses(clause.Locking{Strength: noKeyUpdate}).Where("id IN ?", ids).Order("id").Find(&rows).Error
		return rows, err
	}
	var locked []struct {
		ID      string
		RowXmin int64
	}
	if err := tx.Raw("SELECT id, xmin::text::bigint AS row_xmin FROM complaints WHERE id IN ? ORDER BY id FOR NO KEY UPDATE", ids).
		Scan(&locked).Error; err != nil {
		return nil, err
	}
	var stale []string
	for _, l := range locked {
		if k, ok := kept[l.ID]; !ok || k.RowXmin != l.RowXmin {
			stale = append(stale, l.ID)
		}
	}
	fresh := map[string]complaintRow{}
	if len(stale) > 0 {
		var again []complaintRow
		if err := tx.Where("id IN ?", stale).Find(&again).Error; err != nil { // locked above
			return nil, err
		}
		for _, r := range again {
			fresh[r.ID] = r
		}
	}
	for _, l := range locked {
		if r, ok := fresh[l.ID]; ok {
			rows = append(rows, r)
		} else {
			rows = append(rows, kept[l.ID].Row)
		}
	}
	return rows, nil
}

// FindComplaint implements domain.ComplaintStore.
func (s *ComplaintStore) FindComplaint(ctx context.Context, idOrReference string) (*domain.Complaint, error) {
	q := s.DB.Gorm.WithContext(ctx)
	if domain.IsUUID(idOrReference) {
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
	c, err := s.DB.toDomainComplaint(&row)
	if err != nil {
		return nil, mapError(err, "complaint")
	}
	return c, nil
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

// handlerClock keeps the complaints whose awaited clock the regulator's staff or an institution
// must meet: not the complainant's own (domain.ComplainantClocks, bound as complainantClocks()).
const handlerClock = "awaited_kind NOT IN ?"

func complainantClocks() []string {
	ks := make([]string, len(domain.ComplainantClocks))
	for i, k := range domain.ComplainantClocks {
		ks[i] = string(k)
	}
	return ks
}

// awaitedDue narrows to complaints whose awaited clock is due in [from, before) (from zero: any
// time before): for the regulator's staff the clock on the complaint row (awaited_due_at, migration
// 00042), unless it is the complainant's own (the feedback window); for an institution its own
// answer's clock of the current forwarding, still owed (open and running, or breached and not yet
// answered) — a complaint forwarded to lender and agency waits on both, and each institution sees
// only its own.
func awaitedDue(q *gorm.DB, sc domain.Scope, from, before time.Time) *gorm.DB {
	col, args := "awaited_due_at", []any{}
	if !sc.All && sc.InstitutionID != 0 {
		col, args = "d.due_at", []any{sc.InstitutionID}
	}
	cond := col + " < ?"
	args = append(args, before)
	if !from.IsZero() {
		cond += " AND " + col + " >= ?"
		args = append(args, from)
	}
	if col == "awaited_due_at" {
		// The complainant's own lapsed window asks nothing of staff or institutions (session 14).
		return q.Where(cond+" AND "+handlerClock, append(args, complainantClocks())...)
	}
	return q.Where(`status = 'FORWARDED' AND EXISTS (SELECT 1 FROM complaint_deadlines d
		WHERE d.complaint_id = complaints.id AND d.institution_id = ? AND d.kind = 'INSTITUTION_RESPONSE'
		  AND d.met_at IS NULL AND d.paused_at IS NULL AND d.state IN ('OPEN', 'BREACHED')
		  AND d.started_at >= complaints.forwarded_at AND `+cond+`)`, args...)
}

func applyFilter(q *gorm.DB, sc domain.Scope, f domain.ComplaintFilter) *gorm.DB {
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
		q = q.Where("(claimed_violations @> ARRAY[?]::text[] OR confirmed_violations @> ARRAY[?]::text[])", string(f.Violation), string(f.Violation))
	}
	if f.Overdue {
		q = awaitedDue(q, sc, time.Time{}, f.AsOf)
	}
	if f.Unassigned {
		q = q.Where("assignee_id IS NULL")
	}
	if f.DueWithinDays > 0 {
		q = awaitedDue(q, sc, f.AsOf, f.AsOf.AddDate(0, 0, f.DueWithinDays))
	}
	if f.ExtensionPending {
		if !sc.All && sc.InstitutionID != 0 {
			// An institution reads only its own extension requests (DiscloseExtensions): another
			// recipient's pending one is not its to filter by (session 15, attack2).
			// Since session 16 (attack) each recipient has its own pending request; the complaint
			// names the one decided next.
			q = q.Where("pending_extension_id IS NOT NULL AND EXISTS (SELECT 1 FROM complaint_extensions x WHERE x.complaint_id = complaints.id AND x.institution_id = ? AND x.status = 'PENDING')", sc.InstitutionID)
		} else {
			q = q.Where("pending_extension_id IS NOT NULL")
		}
	}
	if f.FeedbackLapsed {
		// The awaited clock on the row (awaited_kind, awaited_due_at) is the feedback window's while
		// it is owed: past due, the complainant gave no feedback in time (a breached clock not met).
		q = q.Where("status = ? AND awaited_kind IN ? AND awaited_due_at < ?", string(domain.StatusResponded), complainantClocks(), f.AsOf)
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
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			q = q.Where("false")
		} else {
			q = q.Where("complaints.id IN ?", f.IDs)
		}
	}
	if f.Text != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(f.Text) + "%"
		// One ILIKE over the complaint's search text (the generated search_text column, kept in
		// complaint_search with its trigram index, off the complaint row: migration 00044): with
		// three characters or more the trigram index answers it; shorter words (two-character
		// Chinese words are common: 催收) have no trigram and are found by a scan instead.
		q = q.Where("complaints.id IN (SELECT complaint_id FROM complaint_search WHERE search_text ILIKE ?)", like)
	}
	return q
}

// ListComplaints implements domain.ComplaintStore. Pages are keyed on the order's sort key, then
// (created_at, id), so a cursor stays valid while other complaints come and go.
func (s *ComplaintStore) ListComplaints(ctx context.Context, sc domain.Scope, f domain.ComplaintFilter, p domain.Page) (domain.ComplaintPage, error) {
	base := applyFilter(applyScope(s.DB.Gorm.WithContext(ctx).Model(&complaintRow{}), sc), sc, f)
	var total int64
	if !p.SkipTotal {
		if err := base.Session(&gorm.Session{}).Count(&total).Error; err != nil {
			return domain.ComplaintPage{}, mapError(err, "count complaints")
		}
	}
	o, ok := orders[f.Order]
	if !ok {
		o = orders[domain.OrderNewest]
	}
	if o.name == domain.OrderDueDate && (f.Overdue || f.DueWithinDays > 0 || f.FeedbackLapsed) && (sc.All || sc.InstitutionID == 0) {
		// The filter leaves only complaints awaiting a clock: the same order without COALESCE
		// reads complaints_awaited_due in order and stops after the page, instead of fetching and
		// sorting every overdue complaint (docs/BENCHMARKS.md, "Overdue and due-soon").
		o.key, o.orderBy = "awaited_due_at", "awaited_due_at, created_at, id"
	}
	// An institution reads only its own answer's clock, not the complaint's awaited one (the other
	// recipient's, the complainant's feedback window): its cursors in the due-day order name the
	// row only, and the position is read from the complaint the cursor names, within its scope,
	// so that a cursor neither carries the key nor can be forged to bisect it (session 18,
	// attack2).
	rowKeyed := o.name == domain.OrderDueDate && !sc.All && sc.InstitutionID != 0
	q := base.Session(&gorm.Session{})
	if p.After != "" {
		cur, err := decodeCursor(p.After)
		if err != nil || cur.Order != string(o.name) || (!rowKeyed && !o.validKey(cur.Key)) {
			return domain.ComplaintPage{}, domain.Invalid("after", "the cursor is not valid for this order", "分页游标无效")
		}
		if rowKeyed {
			var n int64
			if err := applyScope(s.DB.Gorm.WithContext(ctx).Model(&complaintRow{}), sc).Where("id = ?", cur.ID).Count(&n).Error; err != nil {
				return domain.ComplaintPage{}, mapError(err, "list complaints")
			}
			if n == 0 {
				return domain.ComplaintPage{}, domain.Invalid("after", "the cursor is not valid for this order", "分页游标无效")
			}
			q = q.Where("("+o.key+", created_at, id) "+o.cmp+" (SELECT "+o.key+", created_at, id FROM complaints WHERE id = ?)", cur.ID)
		} else {
			q = q.Where("("+o.key+", created_at, id) "+o.cmp+" (?::"+o.keyType+", ?, ?)", cur.Key, cur.At, cur.ID)
		}
	}
	var rows []complaintRow
	if err := q.Order(o.orderBy).Limit(p.First + 1).Find(&rows).Error; err != nil {
		return domain.ComplaintPage{}, mapError(err, "list complaints")
	}
	page := domain.ComplaintPage{Total: int(total)}
	if len(rows) > p.First {
		page.HasNext = true
		rows = rows[:p.First]
	}
	for i := range rows {
		c, err := s.DB.toDomainComplaint(&rows[i])
		if err != nil {
			return domain.ComplaintPage{}, mapError(err, "list complaints")
		}
		page.Complaints = append(page.Complaints, c)
		key := o.sortKey(&rows[i])
		if rowKeyed {
			key = rowKey
		}
		page.Cursors = append(page.Cursors, encodeCursor(cursor{Order: string(o.name), Key: key, At: rows[i].CreatedAt, ID: rows[i].ID}))
	}
	return page, nil
}

// listOrder is how one domain.ComplaintOrder is sorted: a leading key, then (created_at, id), all
// in one direction so that a row comparison finds the next page.
type listOrder struct {
	name    domain.ComplaintOrder
	key     string // SQL expression of the leading sort key
	keyType string // its SQL type, to cast the cursor's text back
	cmp     string // "<" when descending, ">" when ascending
	orderBy string
	sortKey func(r *complaintRow) string // the leading key of a row, as the cursor carries it
}

func timeKey(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

var orders = map[domain.ComplaintOrder]listOrder{
	domain.OrderNewest: {domain.OrderNewest, "created_at", "timestamptz", "<", "created_at DESC, id DESC",
		func(r *complaintRow) string { return timeKey(r.CreatedAt) }},
	domain.OrderOldest: {domain.OrderOldest, "created_at", "timestamptz", ">", "created_at, id",
		func(r *complaintRow) string { return timeKey(r.CreatedAt) }},
	// priority_rank is a generated column; its CASE mirrors priorityRank.
	domain.OrderPriority: {domain.OrderPriority, "priority_rank", "smallint", ">", "priority_rank, created_at, id",
		func(r *complaintRow) string { return strconv.Itoa(priorityRank[r.Priority]) }},
	// The due date of the clock the complaint awaits (acceptance, answer, feedback), as the queue
	// rows show it; complaints awaiting none (closed, or every awaited clock paused) last.
	domain.OrderDueDate: {domain.OrderDueDate, "COALESCE(awaited_due_at, 'infinity'::timestamptz)", "timestamptz", ">",
		"COALESCE(awaited_due_at, 'infinity'::timestamptz), created_at, id",
		func(r *complaintRow) string {
			if r.AwaitedDueAt == nil {
				return "infinity"
			}
			return timeKey(*r.AwaitedDueAt)
		}},
}

// validKey reports whether k is a leading key this order writes into its cursors. A cursor is the
// client's text: a key PostgreSQL cannot cast (a crafted cursor with "k": "x" or 99999 for a
// smallint) failed there as INTERNAL, with the client's text in the error log.
func (o listOrder) validKey(k string) bool {
	if o.keyType == "smallint" {
		n, err := strconv.Atoi(k)
		return err == nil && n >= 0 && n < len(priorityRank)
	}
	if k == "infinity" {
		return o.name == domain.OrderDueDate
	}
	_, err := time.Parse(time.RFC3339Nano, k)
	return err == nil
}

var priorityRank = map[string]int{string(domain.PriorityUrgent): 0, string(domain.PriorityHigh): 1, string(domain.PriorityNormal): 2}

// cursor is the position after which the next page starts.
type cursor struct {
	Order string    `json:"o"`
	Key   string    `json:"k"`
	At    time.Time `json:"t"`
	ID    string    `json:"i"`
}

// rowKey is the key of a cursor whose position is read from the complaint it names.
const rowKey = "row"

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, err
	}
	if !domain.IsUUID(c.ID) {
		return c, errors.New("cursor without a complaint id")
	}
	if c.Key == "" || c.At.IsZero() {
		return c, errors.New("cursor without position")
	}
	return c, nil
}

// HistoriesOf implements domain.ComplaintStore.
func (s *ComplaintStore) HistoriesOf(ctx context.Context, complaintIDs []string) (map[string][]domain.Event, error) {
	var rows []eventRow
	if err := s.DB.Gorm.WithContext(ctx).Where("complaint_id IN ?", complaintIDs).Order("complaint_id, id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "complaint histories")
	}
	out := make(map[string][]domain.Event, len(complaintIDs))
	all := make([]domain.Event, len(rows))
	for i, r := range rows {
		all[i] = toDomainEvent(r)
	}
	if err := s.DB.openInformation(ctx, all); err != nil {
		return nil, mapError(err, "complaint histories")
	}
	for _, e := range all {
		out[e.ComplaintID] = append(out[e.ComplaintID], e)
	}
	return out, nil
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
	if err := s.DB.openInformation(ctx, out); err != nil {
		return nil, mapError(err, "complaint history")
	}
	return out, nil
}
