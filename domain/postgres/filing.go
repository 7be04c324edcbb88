package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm/schema"

	"github.com/redline-regulator/redline/domain"
)

// A filing in one round trip. Filing is the platform's hottest write (issue 14): the complaint, its
// clocks, its FILED history entry and its outbox messages, in one transaction. Written through
// gorm that was seven round trips (BEGIN, nextval, four INSERTs, COMMIT), and under load every one
// of them kept the transaction open while the API process waited for a core: PostgreSQL's
// backends sat "idle in transaction" holding their locks, and spent twice the CPU per filing of
// the same rows written in one go. Now the four INSERTs go to PostgreSQL as one pipeline (pgx's
// batch, one Sync: an implicit transaction, all or nothing), the reference number drawn by the
// complaint's own INSERT. A filing with an idempotency key first takes its lock and looks for the
// earlier filing in an explicit transaction (one round trip), then sends the INSERTs and the
// COMMIT (a second), so that a replay still takes no reference number.
//
// The rows are the ones gorm wrote: the columns are gorm's (its schema of the row structs, every
// creatable field) and the values are the fields' values, bound by pgx as before
// (TestFilingWritesGormsRows).

// insertSQL is a multi-row INSERT of a row struct's columns, written out once per process.
type insertSQL struct {
	table  string
	fields []*schema.Field
}

func newInsertSQL(model any) (*insertSQL, error) {
	s, err := schema.Parse(model, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		return nil, err
	}
	in := &insertSQL{table: s.Table}
	for _, name := range s.DBNames {
		f := s.FieldsByDBName[name]
		if !f.Creatable {
			continue
		}
		if f.HasDefaultValue { // gorm leaves such a column out when zero; this writer would not
			return nil, fmt.Errorf("postgres: %s.%s has a default value: write it with gorm", s.Table, name)
		}
		in.fields = append(in.fields, f)
	}
	return in, nil
}

// build returns the INSERT of rows (pointers to structs of the model) with their values, the
// parameters numbered from next; expr, when set, replaces a column's parameter by an expression.
func (in *insertSQL) build(ctx context.Context, rows []reflect.Value, next int, now time.Time, expr map[string]string) (string, []any) {
	var q strings.Builder
	q.WriteString("INSERT INTO " + in.table + " (")
	for i, f := range in.fields {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(f.DBName)
	}
	q.WriteString(") VALUES ")
	args := make([]any, 0, len(rows)*len(in.fields))
	for r, rv := range rows {
		if r > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for i, f := range in.fields {
			if i > 0 {
				q.WriteString(", ")
			}
			if e, ok := expr[f.DBName]; ok {
				q.WriteString(e)
				continue
			}
			v, zero := f.ValueOf(ctx, rv)
			if zero && (f.AutoCreateTime > 0 || f.AutoUpdateTime > 0) { // as gorm's Create does
				v = now
			}
			args = append(args, v)
			q.WriteString("$" + strconv.Itoa(next))
			next++
		}
		q.WriteByte(')')
	}
	return q.String(), args
}

var (
	complaintInsert = sync.OnceValues(func() (*insertSQL, error) { return newInsertSQL(&complaintRow{}) })
	deadlineInsert  = sync.OnceValues(func() (*insertSQL, error) { return newInsertSQL(&deadlineRow{}) })
)

// referenceExpr draws the complaint's reference number in its INSERT: RL-<year>-<number>, the
// number zero-padded to 8 digits (as fmt's %08d: longer numbers keep all their digits).
const referenceExpr = `(SELECT 'RL-' || $1::text || '-' || lpad(n::text, greatest(8, length(n::text)), '0')
	FROM (SELECT nextval('complaint_reference_seq') AS n) s)`

// idempotencyConstraint is the unique key of a complainant's idempotency keys (00001).
const idempotencyConstraint = "complaints_complainant_id_idempotency_key_key"

// poolFor is the pool of ctx's queries: the request pool for an API request, else the main pool.
func (db *DB) poolFor(ctx context.Context) *sql.DB {
	if db.Requests != nil && isRequest(ctx) {
		return db.Requests
	}
	return db.SQL
}

// fileInOneGo writes a new complaint with its clocks, its FILED entry and its messages. With a key
// it returns the complaint filed earlier with that key instead (nothing written), if any.
func (s *ComplaintStore) fileInOneGo(ctx context.Context, c *domain.Complaint, key string, ev domain.Event, msgs []domain.Message) (existing *complaintRow, err error) {
	cIns, err := complaintInsert()
	if err != nil {
		return nil, err
	}
	dIns, err := deadlineInsert()
	if err != nil {
		return nil, err
	}
	row, err := s.DB.toComplaintRow(c)
	if err != nil {
		return nil, err
	}
	row.IdempotencyKey = nullable(key)
	now := s.DB.Now()
	b := &pgx.Batch{}
	// the complaint, its reference drawn by nextval ($1 is the year)
	q, args := cIns.build(ctx, []reflect.Value{reflect.ValueOf(&row)}, 2, now, map[string]string{"reference": referenceExpr})
	b.Queue(q+" RETURNING reference", append([]any{strconv.Itoa(c.CreatedAt.Year())}, args...)...).QueryRow(func(r pgx.Row) error {
		return r.Scan(&row.Reference)
	})
	if len(c.Deadlines) > 0 {
		rows := make([]reflect.Value, len(c.Deadlines))
		for i, d := range c.Deadlines {
			d.ComplaintID = c.ID
			dr := toDeadlineRow(d, now)
			rows[i] = reflect.ValueOf(&dr)
		}
		q, args := dIns.build(ctx, rows, 1, now, nil)
		b.Queue(q, args...)
	}
	ev.ComplaintID = c.ID
	q, args = eventsInsert([]eventRow{toEventRow(ev)}, true)
	b.Queue(q, args...)
	if q, args = messagesInsert(msgs, true); q != "" {
		b.Queue(q, args...)
	}
	err = s.DB.withPgx(ctx, func(conn *pgx.Conn) error {
		if key == "" { // one round trip, one implicit transaction
			return conn.SendBatch(ctx, b).Close()
		}
		// The lock, held to the end of the transaction, makes concurrent filings with the same key
		// wait, so that only the first one draws a number; the look-up runs after it (its own
		// snapshot, which sees a filing committed while this one waited).
		lock := &pgx.Batch{}
		lock.Queue("BEGIN")
		lock.Queue("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", fmt.Sprintf("complaint-idempotency:%d:%s", c.ComplainantID, key))
		var prevID *string
		lock.Queue("SELECT (SELECT id::text FROM complaints WHERE complainant_id = $1 AND idempotency_key = $2)", c.ComplainantID, key).
			QueryRow(func(r pgx.Row) error { return r.Scan(&prevID) })
		err := conn.SendBatch(ctx, lock).Close()
		if err == nil && prevID == nil {
			b.Queue("COMMIT")
			err = conn.SendBatch(ctx, b).Close()
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.ConstraintName == idempotencyConstraint {
				prevID, err = new(string), nil // filed meanwhile by a writer that took no lock
			}
		}
		if err != nil || prevID != nil {
			_, rerr := conn.Exec(ctx, "ROLLBACK")
			return errors.Join(err, rerr)
		}
		return nil
	})
	if err != nil {
		return nil, markUnavailable(timeoutError(err))
	}
	if row.Reference == "" { // a replay: the earlier filing
		var prev complaintRow
		if err := s.DB.Gorm.WithContext(ctx).Where("complainant_id = ? AND idempotency_key = ?", c.ComplainantID, key).Take(&prev).Error; err != nil {
			return nil, err
		}
		return &prev, nil
	}
	c.Reference = row.Reference
	return nil, nil
}

// eventsInsert is the multi-row INSERT of history entries, its parameters numbered ($n, for pgx)
// or not (?, for gorm).
func eventsInsert(rows []eventRow, numbered bool) (string, []any) {
	var q strings.Builder
	q.WriteString("INSERT INTO complaint_events (complaint_id, action, from_status, to_status, actor_id, actor_role, reason, details, at) VALUES ")
	args := make([]any, 0, 9*len(rows))
	for i, r := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(placeholders(len(args)+1, 9, numbered))
		args = append(args, r.ComplaintID, r.Action, r.FromStatus, r.ToStatus, r.ActorID, r.ActorRole, r.Reason, r.Details, r.At)
	}
	return q.String(), args
}

// messagesInsert is the multi-row INSERT of outbox messages ("" for none), its parameters
// numbered or not as eventsInsert's.
func messagesInsert(msgs []domain.Message, numbered bool) (string, []any) {
	if len(msgs) == 0 {
		return "", nil
	}
	var q strings.Builder
	q.WriteString("INSERT INTO outbox (id, topic, payload, created_at) VALUES ")
	args := make([]any, 0, 4*len(msgs))
	now := time.Now().UTC()
	for i, m := range msgs {
		if m.ID == "" {
			m.ID = uuid.NewString()
		}
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(placeholders(len(args)+1, 4, numbered))
		args = append(args, m.ID, m.Topic, jsonMap(m.Payload), now)
	}
	return q.String(), args
}

// placeholders is "($from, …, $from+n-1)", or "(?, …, ?)" when not numbered.
func placeholders(from, n int, numbered bool) string {
	var q strings.Builder
	q.WriteByte('(')
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		if numbered {
			q.WriteString("$" + strconv.Itoa(from+i))
		} else {
			q.WriteByte('?')
		}
	}
	q.WriteByte(')')
	return q.String()
}
