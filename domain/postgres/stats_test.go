package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// statsWorld is a database with institutions and a complainant, and complaints changed in SQL the
// way the lifecycle changes them.
type statsWorld struct {
	t       *testing.T
	db      *postgres.DB
	user    int64
	lenders []int64
	agency  []int64
	ids     []string
	seq     int
}

// statsDB gives the test a fresh database whose clock stands still at now (20 March 2026, noon UTC).
func statsDB(t *testing.T) (db *postgres.DB, now time.Time) {
	t.Helper()
	db = pgtest.New(t)
	now = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	return db, now
}

func newStatsWorld(t *testing.T, db *postgres.DB) *statsWorld {
	t.Helper()
	w := &statsWorld{t: t, db: db}
	w.must(db.SQL.QueryRow(`INSERT INTO users (email, display_name, role, password_hash) VALUES ('c@example.cn', 'c', 'complainant', 'x') RETURNING id`).Scan(&w.user))
	for i, kind := range []string{"BANK", "CONSUMER_FINANCE", "ONLINE_LENDING_PLATFORM", "COLLECTION_AGENCY", "COLLECTION_AGENCY"} {
		var id int64
		w.must(db.SQL.QueryRow(`INSERT INTO institutions (name, kind, customer_base) VALUES ($1, $2, 100000) RETURNING id`, fmt.Sprintf("inst-%d", i), kind).Scan(&id))
		if kind == "COLLECTION_AGENCY" {
			w.agency = append(w.agency, id)
		} else {
			w.lenders = append(w.lenders, id)
		}
	}
	return w
}

func (w *statsWorld) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var (
	testViolations = []string{"THREAT", "THIRD_PARTY_CONTACT", "ABUSIVE_LANGUAGE", "IMPROPER_HOURS"}
	testChannels   = []string{"PHONE_CALL", "SMS", "HOME_VISIT"}
)

// file inserts a complaint filed at created.
// fileDaily files n complaints, one a day from first, and returns their ids.
func (w *statsWorld) fileDaily(r *rand.Rand, n int, first time.Time) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = w.file(r, first.AddDate(0, 0, i))
	}
	return ids
}

func (w *statsWorld) file(r *rand.Rand, created time.Time) string {
	id := uuid.NewString()
	w.seq++
	var lender, agency any
	if r.IntN(6) > 0 {
		lender = pick(r, w.lenders)
	}
	if r.IntN(2) == 0 {
		agency = pick(r, w.agency)
	}
	var viol []string
	for _, v := range testViolations {
		if r.IntN(3) == 0 {
			viol = append(viol, v)
		}
	}
	var incidents []string
	for i := r.IntN(3); i > 0; i-- {
		incidents = append(incidents, fmt.Sprintf(`{"occurredAt":"2026-01-01T00:00:00Z","channel":"%s","count":1}`, pick(r, testChannels)))
	}
	_, err := w.db.SQL.Exec(`INSERT INTO complaints (id, reference, status, complainant_id, relation, lender_id, agency_id, product, province,
		narrative, claimed_violations, incidents, consent_to_publish, created_at, updated_at)
		VALUES ($1, $2, 'SUBMITTED', $3, 'SELF', $4, $5, $6, $7, 'narrative text', $8, $9::jsonb, $10, $11, $11)`,
		id, fmt.Sprintf("RL-T-%d", w.seq), w.user, lender, agency, pick(r, []string{"CREDIT_CARD", "ONLINE_LOAN"}),
		pick(r, []string{"310000", "440000", "110000"}), "{"+strings.Join(viol, ",")+"}", "["+strings.Join(incidents, ",")+"]",
		r.IntN(2) == 0, created)
	w.must(err)
	w.ids = append(w.ids, id)
	return id
}

// change moves a complaint along one random step of its life, as the lifecycle would.
func (w *statsWorld) change(r *rand.Rand, id string, now time.Time) {
	var status string
	var created time.Time
	w.must(w.db.SQL.QueryRow(`SELECT status, created_at FROM complaints WHERE id = $1`, id).Scan(&status, &created))
	at := created.Add(time.Duration(r.IntN(40*24)) * time.Hour)
	exec := func(q string, args ...any) {
		w.t.Helper()
		_, err := w.db.SQL.Exec(q, append([]any{id}, args...)...)
		w.must(err)
	}
	bump := ", version = version + 1 WHERE id = $1"
	switch status {
	case "SUBMITTED":
		exec(`UPDATE complaints SET status = 'IN_TRIAGE'` + bump)
	case "IN_TRIAGE":
		switch r.IntN(5) {
		case 0:
			exec(`UPDATE complaints SET confirmed_violations = $2`+bump, "{"+pick(r, testViolations)+"}")
		case 1:
			exec(`UPDATE complaints SET status = 'REJECTED'` + bump)
		default:
			exec(`UPDATE complaints SET status = 'FORWARDED', forwarded_at = $2, due_at = $3`+bump, created, created.AddDate(0, 0, 15))
		}
	case "FORWARDED":
		var inst int64
		w.must(w.db.SQL.QueryRow(`SELECT COALESCE(lender_id, agency_id, $2) FROM complaints WHERE id = $1`, id, w.lenders[0]).Scan(&inst))
		cat := pick(r, []string{"CLOSED_WITH_EXPLANATION", "CLOSED_WITH_MONETARY_RELIEF", "CLOSED_WITH_NON_MONETARY_RELIEF", "IN_PROGRESS"})
		_, err := w.db.SQL.Exec(`INSERT INTO complaint_responses (id, complaint_id, institution_id, author_id, category, explanation, at)
			VALUES ($1, $2, $3, $4, $5, 'answer', $6)`, uuid.NewString(), id, inst, w.user, cat, at)
		w.must(err)
		if cat != "IN_PROGRESS" {
			exec(`UPDATE complaints SET status = 'RESPONDED', responded_at = $2`+bump, at)
		} else {
			exec(`UPDATE complaints SET updated_at = now()` + bump)
		}
	case "RESPONDED":
		if r.IntN(2) == 0 {
			exec(`UPDATE complaints SET status = 'ACCEPTED', feedback_decision = 'ACCEPT', satisfaction = $2`+bump, 3+r.IntN(3))
		} else {
			exec(`UPDATE complaints SET status = 'DISPUTED', feedback_decision = 'DISPUTE', satisfaction = $2`+bump, 1+r.IntN(2))
		}
	case "ACCEPTED", "DISPUTED":
		exec(`UPDATE complaints SET status = 'CLOSED', closed_at = $2`+bump, now)
	case "CLOSED":
		if r.IntN(2) == 0 { // reopened with new facts: back to triage, the answer stays on record
			exec(`UPDATE complaints SET status = 'IN_TRIAGE', closed_at = NULL` + bump)
		} else if len(w.ids) > 1 && w.ids[0] != id { // merged into the first complaint
			exec(`UPDATE complaints SET merged_into = $2`+bump, w.ids[0])
		}
	}
}

// snapshot renders every non-empty aggregate row, table by table.
func snapshot(t *testing.T, db *postgres.DB) string {
	t.Helper()
	rows, err := db.SQL.Query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'stats\_r\_%' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		tables = append(tables, s)
	}
	rows.Close()
	if len(tables) < 18 {
		t.Fatalf("%d aggregate tables", len(tables))
	}
	var b strings.Builder
	for _, tb := range tables {
		var s *string
		if err := db.SQL.QueryRow(`SELECT string_agg(x::text, E'\n' ORDER BY x::text) FROM ` + tb + ` x WHERE n <> 0`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		if s != nil {
			b.WriteString(tb + "\n" + *s + "\n")
		}
	}
	return b.String()
}

// TestStatsIncrementalEqualsRebuild files and changes complaints at random, applies their events
// redelivered, late and concurrently, and checks the aggregates against a recompute from scratch.
func TestStatsIncrementalEqualsRebuild(t *testing.T) {
	ctx := context.Background()
	db, now := statsDB(t)
	w := newStatsWorld(t, db)
	stats := &postgres.StatsStore{DB: db}
	r := rand.New(rand.NewPCG(6, 11))
	start := time.Date(2026, 1, 25, 0, 0, 0, 0, time.UTC)

	var pending []string // events not yet handled, in no particular order
	drain := func(k int) {
		// Handle k random pending events on four workers at once; some are redelivered later.
		var batch []string
		for i := 0; i < k && len(pending) > 0; i++ {
			j := r.IntN(len(pending))
			batch = append(batch, pending[j])
			if r.IntN(4) > 0 { // a quarter stay pending: delivered again
				pending = append(pending[:j], pending[j+1:]...)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(batch))
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for j := i; j < len(batch); j += 4 {
					if err := stats.Apply(ctx, batch[j]); err != nil {
						errs <- err
					}
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	for step := 0; step < 900; step++ {
		switch {
		case step < 60 || r.IntN(4) == 0:
			pending = append(pending, w.file(r, start.Add(time.Duration(r.IntN(50*24*60))*time.Minute)))
		default:
			id := pick(r, w.ids)
			w.change(r, id, now)
			pending = append(pending, id)
		}
		if r.IntN(10) == 0 {
			drain(r.IntN(30))
		}
	}
	for len(pending) > 0 {
		drain(len(pending))
	}
	incremental := snapshot(t, db)
	if err := stats.Rebuild(ctx, start.AddDate(0, 0, -1), now); err != nil {
		t.Fatal(err)
	}
	rebuilt := snapshot(t, db)
	if incremental != rebuilt {
		t.Fatalf("incremental aggregates differ from a rebuild:\n%s", diffLines(incremental, rebuilt))
	}

	// The totals agree with the complaints themselves.
	var want, got, merged int
	w.must(db.SQL.QueryRow(`SELECT count(*) FILTER (WHERE merged_into IS NULL), count(*) FILTER (WHERE merged_into IS NOT NULL) FROM complaints`).Scan(&want, &merged))
	w.must(db.SQL.QueryRow(`SELECT sum(n) FROM stats_r_all WHERE grain = 'M'`).Scan(&got))
	if got != want || merged == 0 {
		t.Fatalf("total = %d, want %d complaints (merged %d)", got, want, merged)
	}
	var overdue, untimely int
	w.must(db.SQL.QueryRow(`SELECT count(*) FROM complaints WHERE merged_into IS NULL AND (untimely OR responded_at > due_at
		OR (responded_at IS NULL AND due_at < $1 AND status NOT IN ('CLOSED','REJECTED','REFERRED','WITHDRAWN')))`, now).Scan(&overdue))
	w.must(db.SQL.QueryRow(`SELECT sum(untimely) FROM stats_r_all WHERE grain = 'D'`).Scan(&untimely))
	if overdue != untimely || untimely == 0 {
		t.Fatalf("untimely = %d, want %d (late answers and open overdue cases)", untimely, overdue)
	}
	// A complaint naming a lender and an agency counts once in the total and once for each.
	var perInst, both int
	w.must(db.SQL.QueryRow(`SELECT sum(n) FROM stats_r_i WHERE grain = 'M'`).Scan(&perInst))
	w.must(db.SQL.QueryRow(`SELECT count(*) FROM complaints WHERE merged_into IS NULL AND lender_id IS NOT NULL AND agency_id IS NOT NULL`).Scan(&both))
	if perInst != want+both {
		t.Fatalf("sum over institutions = %d, want %d + %d", perInst, want, both)
	}
}

func diffLines(a, b string) string {
	as, bs := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(a, "\n") {
		as[l] = true
	}
	for _, l := range strings.Split(b, "\n") {
		bs[l] = true
	}
	var out []string
	for l := range as {
		if !bs[l] && len(out) < 20 {
			out = append(out, "- "+l)
		}
	}
	for l := range bs {
		if !as[l] && len(out) < 40 {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

func TestStatsRebuildBadPeriod(t *testing.T) {
	db := pgtest.New(t)
	err := (&postgres.StatsStore{DB: db}).Rebuild(context.Background(), time.Now(), time.Now().AddDate(0, 0, -1))
	if err == nil || !strings.Contains(err.Error(), "before") {
		t.Fatalf("Rebuild(to < from) = %v, want invalid", err)
	}
}

// contribution is a stats_contributions row, for the oracle.
type contribution struct {
	day                  time.Time
	insts                []int64
	province, product    string
	violations, channels []string
	n                    int64
}

// oracle answers a statistics query by brute force over the contributions.
func oracle(cs []contribution, kinds map[int64]string, q domain.StatsQuery) map[domain.StatsKey]int64 {
	f := q.Filter
	in := func(v string, set []string) bool { return len(set) == 0 || slices.Contains(set, v) }
	out := map[domain.StatsKey]int64{}
	for _, c := range cs {
		if (!f.From.IsZero() && c.day.Before(f.From)) || (!f.To.IsZero() && c.day.After(f.To)) || !in(c.province, f.Provinces) || !in(c.product, f.Products) {
			continue
		}
		var insts []int64
		for _, i := range c.insts {
			if (len(f.Institutions) == 0 || slices.Contains(f.Institutions, i)) && in(kinds[i], strs(f.InstitutionKinds)) {
				insts = append(insts, i)
			}
		}
		var viols, chans []string
		for _, v := range c.violations {
			if in(v, f.Violations) {
				viols = append(viols, v)
			}
		}
		for _, ch := range c.channels {
			if in(ch, f.Channels) {
				chans = append(chans, ch)
			}
		}
		if len(insts) == 0 || len(viols) == 0 || len(chans) == 0 {
			continue
		}
		keys := []domain.StatsKey{{Period: time.Time{}}}
		expand := func(vals int, set func(k *domain.StatsKey, i int)) {
			var next []domain.StatsKey
			for _, k := range keys {
				for i := 0; i < vals; i++ {
					k2 := k
					set(&k2, i)
					if !slices.Contains(next, k2) {
						next = append(next, k2)
					}
				}
			}
			keys = next
		}
		if q.Groups(domain.DimInstitution) || q.Groups(domain.DimInstitutionKind) {
			expand(len(insts), func(k *domain.StatsKey, i int) {
				if q.Groups(domain.DimInstitution) {
					k.InstitutionID = insts[i]
				}
				if q.Groups(domain.DimInstitutionKind) {
					k.InstitutionKind = domain.InstitutionKind(kinds[insts[i]])
				}
			})
		}
		if q.Groups(domain.DimViolationType) {
			expand(len(viols), func(k *domain.StatsKey, i int) { k.Violation = viols[i] })
		}
		if q.Groups(domain.DimChannel) {
			expand(len(chans), func(k *domain.StatsKey, i int) { k.Channel = chans[i] })
		}
		for _, k := range keys {
			if q.Groups(domain.DimProvince) {
				k.Province = c.province
			}
			if q.Groups(domain.DimProduct) {
				k.Product = c.product
			}
			if g := q.Grain(); g != "" {
				k.Period = domain.PeriodStart(c.day, g)
			}
			out[k] += c.n
		}
	}
	return out
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// TestStatsAggregateMatchesOracle asks random statistics questions and checks every answer against
// a brute-force count over the per-complaint contributions.
func TestStatsAggregateMatchesOracle(t *testing.T) {
	ctx := context.Background()
	db, now := statsDB(t)
	w := newStatsWorld(t, db)
	stats := &postgres.StatsStore{DB: db}
	r := rand.New(rand.NewPCG(7, 7))
	start := time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 300; i++ {
		id := w.file(r, start.Add(time.Duration(r.IntN(60*24*60))*time.Minute))
		for j := r.IntN(5); j > 0; j-- {
			w.change(r, id, now)
		}
	}
	if err := stats.Rebuild(ctx, start, now); err != nil {
		t.Fatal(err)
	}
	var cs []contribution
	rows, err := db.SQL.Query(`SELECT day, insts, province, product, violations, channels, n FROM stats_contributions`)
	w.must(err)
	for rows.Next() {
		var c contribution
		var insts []int64
		var v, ch []string
		m := pgtype.NewMap()
		w.must(rows.Scan(&c.day, m.SQLScanner(&insts), &c.province, &c.product, m.SQLScanner(&v), m.SQLScanner(&ch), &c.n))
		c.insts, c.violations, c.channels, c.day = insts, v, ch, c.day.UTC()
		cs = append(cs, c)
	}
	rows.Close()
	kinds := map[int64]string{}
	krows, err := db.SQL.Query(`SELECT id, kind FROM institutions`)
	w.must(err)
	for krows.Next() {
		var id int64
		var k string
		w.must(krows.Scan(&id, &k))
		kinds[id] = k
	}
	krows.Close()

	dims := []domain.StatsDimension{domain.DimInstitution, domain.DimInstitutionKind, domain.DimViolationType, domain.DimProvince, domain.DimProduct, domain.DimChannel}
	grains := []domain.StatsDimension{"", domain.DimDay, domain.DimWeek, domain.DimMonth}
	allInst := append(append([]int64{}, w.lenders...), w.agency...)
	for i := 0; i < 250; i++ {
		var q domain.StatsQuery
		for _, d := range dims {
			if r.IntN(4) == 0 {
				q.GroupBy = append(q.GroupBy, d)
			}
		}
		if g := pick(r, grains); g != "" {
			q.GroupBy = append(q.GroupBy, g)
		}
		f := &q.Filter
		switch r.IntN(4) {
		case 0: // whole months
			f.From, f.To = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)
		case 1: // ragged
			f.From = start.AddDate(0, 0, r.IntN(30))
			f.To = f.From.AddDate(0, 0, r.IntN(50))
		case 2:
			f.From = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		sub := func(n int, all func(i int) string) []string {
			var out []string
			for j := r.IntN(3); j > 0; j-- {
				if v := all(r.IntN(n)); !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
			return out
		}
		if r.IntN(3) == 0 {
			for j := r.IntN(3); j >= 0; j-- {
				if id := pick(r, allInst); !slices.Contains(f.Institutions, id) {
					f.Institutions = append(f.Institutions, id)
				}
			}
		}
		if r.IntN(5) == 0 {
			f.InstitutionKinds = []domain.InstitutionKind{domain.InstitutionKind(pick(r, []string{"BANK", "COLLECTION_AGENCY"}))}
		}
		if r.IntN(3) == 0 {
			f.Violations = sub(len(testViolations), func(i int) string { return testViolations[i] })
		}
		if r.IntN(4) == 0 {
			f.Channels = sub(len(testChannels), func(i int) string { return testChannels[i] })
		}
		if r.IntN(4) == 0 {
			f.Provinces = []string{pick(r, []string{"310000", "440000"})}
		}
		if r.IntN(5) == 0 {
			f.Products = []string{"ONLINE_LOAN"}
		}
		got, err := stats.Aggregate(ctx, q, 100000)
		if err != nil {
			t.Fatalf("query %d %+v: %v", i, q, err)
		}
		want := oracle(cs, kinds, q)
		gotMap := map[domain.StatsKey]int64{}
		for _, row := range got {
			gotMap[row.Key] += row.Figures.Complaints
		}
		if len(gotMap) != len(want) {
			t.Fatalf("query %d %+v: %d cells, want %d\ngot  %v\nwant %v", i, q, len(gotMap), len(want), gotMap, want)
		}
		for k, n := range want {
			if gotMap[k] != n {
				t.Fatalf("query %d %+v: cell %+v = %d, want %d", i, q, k, gotMap[k], n)
			}
		}
	}
}

// TestStatsApplyManyEqualsApply runs the same random life of complaints twice, once bringing the
// aggregates up to date complaint by complaint (Apply) and once batch by batch (ApplyMany, with
// repeated ids and two overlapping batches at once), and checks that both end with the same
// aggregates, which a recompute from scratch also gives.
func TestStatsApplyManyEqualsApply(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	start := time.Date(2026, 1, 25, 0, 0, 0, 0, time.UTC)
	run := func(apply func(stats *postgres.StatsStore, batch []string) error) (string, *postgres.DB, *postgres.StatsStore) {
		db := pgtest.New(t)
		db.Now = func() time.Time { return now }
		w := newStatsWorld(t, db)
		stats := &postgres.StatsStore{DB: db}
		r := rand.New(rand.NewPCG(14, 3))
		var pending []string
		for step := 0; step < 400; step++ {
			if step < 40 || r.IntN(4) == 0 {
				pending = append(pending, w.file(r, start.Add(time.Duration(r.IntN(50*24*60))*time.Minute)))
			} else {
				id := pick(r, w.ids)
				w.change(r, id, now)
				pending = append(pending, id)
			}
			if r.IntN(8) == 0 || step == 399 {
				w.must(apply(stats, pending))
				pending = nil
			}
		}
		return snapshot(t, db), db, stats
	}
	one, _, _ := run(func(stats *postgres.StatsStore, batch []string) error {
		for _, id := range batch {
			if err := stats.Apply(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	many, db, stats := run(func(stats *postgres.StatsStore, batch []string) error {
		// Two batches at once that share their middle complaints.
		half := len(batch) / 2
		a, b := batch[:half+len(batch)/4], batch[half/2:]
		errs := make(chan error, 2)
		go func() { errs <- stats.ApplyMany(ctx, a) }()
		go func() { errs <- stats.ApplyMany(ctx, b) }()
		return errors.Join(<-errs, <-errs)
	})
	if one == "" {
		t.Fatal("no aggregates")
	}
	if one != many {
		t.Fatalf("ApplyMany aggregates differ from Apply's:\n%s", diffLines(one, many))
	}
	if err := stats.Rebuild(ctx, start.AddDate(0, 0, -1), now); err != nil {
		t.Fatal(err)
	}
	if rebuilt := snapshot(t, db); rebuilt != many {
		t.Fatalf("ApplyMany aggregates differ from a rebuild:\n%s", diffLines(many, rebuilt))
	}
	if err := stats.ApplyMany(ctx, []string{"not-an-id"}); domain.CodeOf(err) != domain.CodeInvalid {
		t.Fatalf("ApplyMany of a bad id: %v, want INVALID", err)
	}
}

// TestStatsApplyManyPlannedOnce: the statistics statements of ApplyMany (the stage of the batch's
// contributions and the fold of the pending differences into the rollups) have the same text
// whatever the batch, so a connection prepares each once and plans it once (a generic plan),
// however many batches of whatever sizes it applies. Planning its 23 rollups cost as much as
// running them when each batch's ids were parameters of their own (a statement per batch size,
// planned at every call).
func TestStatsApplyManyPlannedOnce(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	db.SizePool(postgres.Pool{MaxConns: 1}) // every statement on the one connection
	w := newStatsWorld(t, db)
	ids := w.fileDaily(rand.New(rand.NewPCG(3, 8)), 12, time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
	stats := &postgres.StatsStore{DB: db}
	for _, batch := range [][]string{ids[:2], ids[2:7], ids[7:], ids[:1], ids} {
		w.must(stats.ApplyMany(ctx, batch))
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT generic_plans, custom_plans FROM pg_prepared_statements
		WHERE statement LIKE 'WITH %stats_%' ORDER BY statement DESC`)
	w.must(err)
	defer rows.Close()
	var plans []string
	for rows.Next() {
		var generic, custom int64
		w.must(rows.Scan(&generic, &custom))
		plans = append(plans, fmt.Sprintf("generic %d custom %d", generic, custom))
	}
	w.must(rows.Err())
	if want := []string{"generic 5 custom 0", "generic 5 custom 0"}; !slices.Equal(plans, want) {
		t.Fatalf("prepared statistics statements (stage, fold) on the connection: %q, want %q (each run 5 times by its generic plan)", plans, want)
	}
}

// TestStatsApplyManyFoldsConcurrentBatchesOnce: batches applied while a fold runs are staged (their
// contributions written, their differences pending) and left to that fold, which sums them into
// the rollups in one statement once it has committed, each rollup row written once; then nothing
// is left pending and the aggregates are those of Apply one by one.
func TestStatsApplyManyFoldsConcurrentBatchesOnce(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	w := newStatsWorld(t, db)
	r := rand.New(rand.NewPCG(5, 21))
	var batches [][]string
	var all []string
	for b := 0; b < 3; b++ {
		var batch []string
		for i := 0; i < 6; i++ {
			batch = append(batch, w.file(r, time.Date(2026, 3, 2+b, 9+i, 0, 0, 0, time.UTC)))
		}
		batches, all = append(batches, batch), append(all, batch...)
	}
	stats := &postgres.StatsStore{DB: db}

	// Another session holds the fold's lock, as a running fold would; what it does after its
	// commit (look again and fold what was staged meanwhile) is done below by an ApplyMany.
	holder, err := db.SQL.Conn(ctx)
	w.must(err)
	defer holder.Close()
	w.must(holder.QueryRowContext(ctx, "SELECT pg_advisory_lock(hashtextextended('redline stats fold', 11))").Scan(new(any)))
	for _, b := range batches {
		w.must(stats.ApplyMany(ctx, b))
	}
	var staged, rollupRows int
	w.must(db.SQL.QueryRow("SELECT count(DISTINCT complaint_id) FROM stats_pending").Scan(&staged))
	w.must(db.SQL.QueryRow("SELECT count(*) FROM stats_r_all").Scan(&rollupRows))
	if staged != len(all) || rollupRows != 0 {
		t.Fatalf("while a fold ran: %d of %d complaints staged, %d rollup rows written; want all and none", staged, len(all), rollupRows)
	}
	w.must(holder.QueryRowContext(ctx, "SELECT pg_advisory_unlock(hashtextextended('redline stats fold', 11))").Scan(new(any)))
	// A complaint applied again stages nothing that counts and folds everything pending.
	w.must(stats.ApplyMany(ctx, all[:1]))

	var pending, folds int
	w.must(db.SQL.QueryRow("SELECT count(*) FROM stats_pending").Scan(&pending))
	// Every day row of the three days was written by the same transaction: one fold.
	w.must(db.SQL.QueryRow("SELECT count(DISTINCT xmin::text) FROM stats_r_all WHERE grain = 'D'").Scan(&folds))
	if pending != 0 || folds != 1 {
		t.Fatalf("after the batches: %d differences pending, day rows written by %d transactions; want 0 and 1", pending, folds)
	}
	many := snapshot(t, db)

	one := pgtest.New(t)
	w1 := newStatsWorld(t, one)
	r1 := rand.New(rand.NewPCG(5, 21))
	oneStats := &postgres.StatsStore{DB: one}
	for b := 0; b < 3; b++ {
		for i := 0; i < 6; i++ {
			w1.must(oneStats.Apply(ctx, w1.file(r1, time.Date(2026, 3, 2+b, 9+i, 0, 0, 0, time.UTC))))
		}
	}
	if want := snapshot(t, one); many != want {
		t.Fatalf("folded aggregates differ from Apply's one by one:\n%s", diffLines(want, many))
	}
}

// TestStatsFoldPendingAfterAWorkerDied: a batch staged while another session's fold held the lock
// is left to that fold; when that session dies before it looks again (its worker killed), the
// batch's differences stay in stats_pending, counted and aged by Backlog, and out of the
// aggregates. FoldPending (the periodic stats:fold) takes them in: nothing is left pending and the
// aggregates are what a rebuild computes. Before it, they waited for the next batch's fold.
func TestStatsFoldPendingAfterAWorkerDied(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewURL(t)
	db := pgtest.Migrated(t, url)
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	w := newStatsWorld(t, db)
	ids := w.fileDaily(rand.New(rand.NewPCG(7, 40)), 8, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	stats := &postgres.StatsStore{DB: db}
	if err := stats.FoldPending(ctx); err != nil { // nothing pending: nothing to do
		t.Fatal(err)
	}

	// The dying worker's session: it holds the fold's lock, as a fold does while it runs.
	dying, err := pgx.Connect(ctx, url)
	w.must(err)
	_, err = dying.Exec(ctx, "SELECT pg_advisory_lock(hashtextextended('redline stats fold', 11))")
	w.must(err)
	w.must(stats.ApplyMany(ctx, ids))
	w.must(dying.Close(ctx)) // the session ends: the lock goes, and nobody looks again

	var rollupRows int
	w.must(db.SQL.QueryRow("SELECT count(*) FROM stats_r_all").Scan(&rollupRows))
	b, err := stats.Backlog(ctx)
	w.must(err)
	if b.Pending != int64(len(ids)) || b.Oldest <= 0 || rollupRows != 0 {
		t.Fatalf("after the fold's session died: backlog %+v, %d rollup rows; want %d pending, aged, none in the rollups", b, rollupRows, len(ids))
	}

	w.must(stats.FoldPending(ctx))
	if b, err = stats.Backlog(ctx); err != nil || b.Pending != 0 || b.Oldest != 0 {
		t.Fatalf("after FoldPending: backlog %+v, %v; want nothing pending", b, err)
	}
	folded := snapshot(t, db)
	w.must(stats.Rebuild(ctx, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), now))
	if rebuilt := snapshot(t, db); folded == "" || rebuilt != folded {
		t.Fatalf("folded aggregates differ from a rebuild:\n%s", diffLines(rebuilt, folded))
	}
}
