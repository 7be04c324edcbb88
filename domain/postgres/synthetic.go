package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/redline-regulator/redline/domain/synthetic"
)

// SyntheticLoad says how much made-up data to load and how.
type SyntheticLoad struct {
	synthetic.Options
	// Workers are parallel COPY streams (default 2).
	Workers int
	// Chunk is the number of complaints per COPY transaction (default 50,000).
	Chunk int
	// Progress, if set, hears the number of complaints loaded after every chunk.
	Progress func(done int)
}

// SyntheticReport says what was loaded and how long each part took.
type SyntheticReport struct {
	Institutions, Complainants, Complaints, Responses int
	From, To                                          time.Time
	Generate, Rebuild                                 time.Duration // COPY of everything; statistics
}

// LoadSynthetic fills the database with made-up institutions, complainants and complaints with
// their answers, by COPY in parallel streams, then rebuilds the statistics of the period. It writes
// no case history or outbox events (bench data, not cases) and leaves one audit record of the run.
func (db *DB) LoadSynthetic(ctx context.Context, o SyntheticLoad) (SyntheticReport, error) {
	start := time.Now()
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.Chunk <= 0 {
		o.Chunk = 50_000
	}
	if o.Now.IsZero() {
		o.Now = db.Now()
	}
	var rep SyntheticReport
	run := start.UTC().Format("20060102150405")

	// Complainants: one made-up account per 50 complaints, and one author for the answers.
	nUsers := min(max(1, o.Complaints/50), 200_000)
	ids, author, err := db.syntheticUsers(ctx, run, nUsers)
	if err != nil {
		return rep, err
	}
	o.Complainants, rep.Complainants = ids, len(ids)
	if o.Teams, err = db.provinceTeams(ctx); err != nil {
		return rep, err
	}
	o.Fallback = NationalTeam
	g := synthetic.New(o.Options)
	if err := db.syntheticInstitutions(ctx, g); err != nil {
		return rep, err
	}
	rep.Institutions = len(g.Institutions)

	// Reserve a block of reference numbers, so that streams need not ask the sequence per row.
	var last int64
	if o.Complaints > 0 {
		if err := db.SQL.QueryRowContext(ctx, `SELECT setval('complaint_reference_seq', nextval('complaint_reference_seq') + $1 - 1)`,
			o.Complaints).Scan(&last); err != nil {
			return rep, fmt.Errorf("postgres: reserve references: %w", err)
		}
	}
	firstRef := last - int64(o.Complaints) + 1

	// Generators make chunks in parallel; one transaction COPYs them in, with the secondary indexes
	// dropped and rebuilt at the end (much faster than maintaining them row by row, and all or
	// nothing: a failed load leaves the indexes as they were).
	ectx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next atomic.Int64
	chunks := make(chan syntheticChunk, o.Workers)
	var wg sync.WaitGroup
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(o.Chunk))) - o.Chunk
				if lo >= o.Complaints {
					return
				}
				select {
				case chunks <- makeSyntheticChunk(g, lo, min(lo+o.Chunk, o.Complaints), firstRef, author):
				case <-ectx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(chunks) }()
	from, to := o.Now, time.Time{}
	done := 0
	err = db.inPgxTx(ctx, func(tx pgx.Tx) error {
		for _, q := range []string{"SET LOCAL maintenance_work_mem = '512MB'", "SET LOCAL synchronous_commit = off"} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		// A superuser skips the foreign-key triggers: every id the generator uses was just read back
		// from the database, and checking 5 keys per row would double the load time.
		var super bool
		if err := tx.QueryRow(ctx, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&super); err != nil {
			return err
		}
		if super {
			if _, err := tx.Exec(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
				return err
			}
		}
		indexes, err := dropSecondaryIndexes(ctx, tx, "complaints", "complaint_responses")
		if err != nil {
			return err
		}
		for ch := range chunks {
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"complaints"}, syntheticComplaintColumns, pgx.CopyFromRows(ch.complaints)); err != nil {
				return err
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{"complaint_responses"}, syntheticResponseColumns, pgx.CopyFromRows(ch.responses)); err != nil {
				return err
			}
			rep.Responses += len(ch.responses)
			if ch.from.Before(from) {
				from = ch.from
			}
			if ch.to.After(to) {
				to = ch.to
			}
			done += len(ch.complaints)
			if o.Progress != nil {
				o.Progress(done)
			}
		}
		for _, def := range indexes {
			if _, err := tx.Exec(ctx, def); err != nil {
				return fmt.Errorf("%s: %w", def, err)
			}
		}
		return nil
	})
	if err != nil {
		cancel()
		return rep, fmt.Errorf("postgres: synthetic complaints: %w", err)
	}
	rep.Complaints = o.Complaints
	rep.From, rep.To = from, to
	rep.Generate = time.Since(start)
	if _, err := db.SQL.ExecContext(ctx, `ANALYZE complaints; ANALYZE complaint_responses`); err != nil {
		return rep, fmt.Errorf("postgres: analyze: %w", err)
	}
	if rep.Complaints > 0 {
		t := time.Now()
		if err := (&StatsStore{DB: db}).Rebuild(ctx, from, to); err != nil {
			return rep, err
		}
		rep.Rebuild = time.Since(t)
	}
	details, _ := json.Marshal(map[string]any{"complaints": rep.Complaints, "institutions": rep.Institutions,
		"complainants": rep.Complainants, "responses": rep.Responses, "years": o.Years, "seed": o.Seed,
		"generateMs": rep.Generate.Milliseconds(), "rebuildMs": rep.Rebuild.Milliseconds()})
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO audit_log (action, target, details, at) VALUES ('seed.synthetic', 'database', $1, now())`,
		string(details)); err != nil {
		return rep, fmt.Errorf("postgres: seed audit: %w", err)
	}
	return rep, nil
}

// syntheticUsers creates n complainant accounts nobody can sign in to (and an author for the
// institutions' answers) and returns their ids.
func (db *DB) syntheticUsers(ctx context.Context, run string, n int) ([]int64, int64, error) {
	rows := make([][]any, n+1)
	for i := 0; i <= n; i++ {
		email := fmt.Sprintf("synthetic-%s-%07d@redline.invalid", run, i)
		name := fmt.Sprintf("合成投诉人 %d (synthetic)", i)
		if i == 0 {
			name = "Synthetic data (answers)"
		}
		if db.Keys != nil {
			if err := db.seal(sealField{colDisplayName, &name}); err != nil {
				return nil, 0, err
			}
		}
		rows[i] = []any{email, name, "complainant", "!no-login", time.Now().UTC()}
	}
	var ids []int64
	err := db.inPgxTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"users"}, []string{"email", "display_name", "role", "password_hash", "created_at"},
			pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		rs, err := tx.Query(ctx, `SELECT id FROM users WHERE email LIKE $1 ORDER BY email`, "synthetic-"+run+"-%")
		if err != nil {
			return err
		}
		ids, err = pgx.CollectRows(rs, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO audit_log (action, target, details, at) VALUES ('user.create', 'users:synthetic-'||$1, $2, now())`,
			run, fmt.Sprintf(`{"role":"complainant","count":%d,"system":"synthetic seed"}`, len(ids)))
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("postgres: synthetic users: %w", err)
	}
	return ids[1:], ids[0], nil
}

// provinceTeams maps each province to the team whose queue it goes to.
func (db *DB) provinceTeams(ctx context.Context) (map[string]string, error) {
	rows, err := db.SQL.QueryContext(ctx, `SELECT p, min(code) FROM teams, unnest(provinces) AS p GROUP BY p`)
	if err != nil {
		return nil, fmt.Errorf("postgres: teams: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var p, code string
		if err := rows.Scan(&p, &code); err != nil {
			return nil, err
		}
		out[p] = code
	}
	return out, rows.Err()
}

// syntheticInstitutions stores the generator's institutions (an existing name is reused), with an
// audit record, and gives the generator their ids.
func (db *DB) syntheticInstitutions(ctx context.Context, g *synthetic.Generator) error {
	names, kinds, bases := make([]string, len(g.Institutions)), make([]string, len(g.Institutions)), make([]*int64, len(g.Institutions))
	for i, in := range g.Institutions {
		names[i], kinds[i], bases[i] = in.Name, string(in.Kind), nullable(in.CustomerBase)
	}
	byName := map[string]int64{}
	err := db.inPgxTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `WITH ins AS (
			INSERT INTO institutions (name, kind, customer_base)
			SELECT DISTINCT ON (institution_name_key(n)) n, k, b FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS t(n, k, b, o)
			WHERE institution_name_key(n) <> '' AND NOT EXISTS (SELECT 1 FROM institution_name_keys x WHERE x.key = institution_name_key(n))
			ORDER BY institution_name_key(n), o
			ON CONFLICT (name) DO NOTHING RETURNING id)
			INSERT INTO audit_log (action, target, details, at)
			SELECT 'institution.create', 'institutions:synthetic', jsonb_build_object('count', count(*), 'source', 'synthetic seed'), now() FROM ins`,
			names, kinds, bases); err != nil {
			return err
		}
		return institutionIDs(ctx, tx, names, byName)
	})
	if err != nil {
		return fmt.Errorf("postgres: synthetic institutions: %w", err)
	}
	ids := make([]int64, len(names))
	for i, n := range names {
		ids[i] = byName[n]
	}
	g.SetIDs(ids)
	return nil
}

var syntheticComplaintColumns = []string{"id", "reference", "status", "version", "complainant_id", "relation", "lender_id",
	"lender_name", "agency_id", "agency_name", "product", "province", "narrative", "claimed_violations", "confirmed_violations", "priority", "team",
	"recipients", "forward_target", "forwarded_at", "response_days", "due_at", "responded_at", "feedback_decision",
	"satisfaction", "feedback_at", "closed_at", "rejection_reason", "referred_to", "consent_to_publish", "incidents",
	"untimely", "created_at", "updated_at", "awaited_due_at", "awaited_kind"}

var syntheticResponseColumns = []string{"id", "complaint_id", "institution_id", "author_id", "category", "explanation",
	"fee_waiver_amount", "collection_stopped", "at"}

// dropSecondaryIndexes drops the indexes of the tables that back no constraint, returning the
// statements that recreate them.
func dropSecondaryIndexes(ctx context.Context, tx pgx.Tx, tables ...string) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
		FROM pg_index i WHERE i.indrelid::regclass::text = ANY($1)
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1`, tables)
	if err != nil {
		return nil, err
	}
	type index struct{ Name, Def string }
	idx, err := pgx.CollectRows(rows, pgx.RowToStructByPos[index])
	if err != nil {
		return nil, err
	}
	defs := make([]string, len(idx))
	for i, x := range idx {
		if _, err := tx.Exec(ctx, "DROP INDEX "+x.Name); err != nil {
			return nil, err
		}
		defs[i] = x.Def
	}
	return defs, nil
}

// syntheticChunk is a run of made-up complaints and their answers, as COPY rows.
type syntheticChunk struct {
	complaints, responses [][]any
	from, to              time.Time
}

// makeSyntheticChunk makes complaints lo..hi-1.
func makeSyntheticChunk(g *synthetic.Generator, lo, hi int, firstRef, author int64) syntheticChunk {
	ch := syntheticChunk{complaints: make([][]any, 0, hi-lo)}
	for i := lo; i < hi; i++ {
		sc := g.Complaint(i)
		c := sc.Complaint
		c.ID = uuid.NewString()
		c.Reference = fmt.Sprintf("RL-%d-%08d", c.CreatedAt.Year(), firstRef+int64(i))
		if ch.from.IsZero() || c.CreatedAt.Before(ch.from) {
			ch.from = c.CreatedAt
		}
		if c.CreatedAt.After(ch.to) {
			ch.to = c.CreatedAt
		}
		incidents, _ := json.Marshal(toIncidentList(c.Incidents)) // plain values: cannot fail
		var decision *string
		var satisfaction *int
		var feedbackAt *time.Time
		if f := c.Feedback; f != nil {
			decision, satisfaction, feedbackAt = nullable(string(f.Decision)), &f.Satisfaction, &f.At
		}
		if r := sc.Response; r != nil {
			ch.responses = append(ch.responses, []any{uuid.NewString(), c.ID, r.InstitutionID, author, string(r.Category), r.Explanation,
				nullable(string(r.Relief.FeeWaiverAmount)), r.Relief.CollectionStopped, r.At})
		}
		if c.Recipients == nil {
			c.Recipients = []int64{}
		}
		kind, due := c.AwaitedClock() // made-up complaints have no clocks: a forwarded one its due date
		ch.complaints = append(ch.complaints, []any{c.ID, c.Reference, string(c.Status), c.Version, c.ComplainantID, string(c.Relation),
			nullable(c.LenderID), c.LenderName, nullable(c.AgencyID), c.AgencyName, string(c.Product), c.Province, c.Narrative,
			violationStrings(c.ClaimedViolations), violationStrings(c.ConfirmedViolations), string(c.Priority), nullable(c.Team), c.Recipients,
			nullable(string(c.ForwardTarget)), nullTime(c.ForwardedAt), c.ResponseDays, nullTime(c.DueAt), nullTime(c.RespondedAt),
			decision, satisfaction, feedbackAt, nullTime(c.ClosedAt), nullable(string(c.RejectionReason)),
			nullable(string(c.ReferredTo)), c.ConsentToPublish, incidents, c.Untimely, c.CreatedAt, c.UpdatedAt,
			nullTime(due), nullable(string(kind))})
	}
	return ch
}
