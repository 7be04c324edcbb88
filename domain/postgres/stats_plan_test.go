package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/migrations"
)

// TestStatsPlannerReadsTheSmallestRollup checks which table answers the dashboard's questions (the
// shapes `redline bench stats` times): the smallest rollup holding the query's dimensions, never
// the per-complaint contributions.
func TestStatsPlannerReadsTheSmallestRollup(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	year := domain.StatsFilter{From: d(2025, 11, 1), To: d(2026, 10, 31)}
	ragged := domain.StatsFilter{From: d(2026, 8, 25), To: d(2026, 11, 22)}
	one := ragged
	one.Institutions = []int64{7}
	bank := year
	bank.InstitutionKinds = []domain.InstitutionKind{domain.KindBank}
	g := func(ds ...domain.StatsDimension) []domain.StatsDimension { return ds }
	for _, c := range []struct {
		name string
		q    domain.StatsQuery
		want string
	}{
		{"no grouping", domain.StatsQuery{Filter: year}, "stats_r_all"},
		{"no grouping, ragged", domain.StatsQuery{Filter: ragged}, "stats_r_all"},
		{"violation type by week, ragged", domain.StatsQuery{Filter: ragged, GroupBy: g(domain.DimViolationType, domain.DimWeek)}, "stats_r_v"},
		{"province by month", domain.StatsQuery{Filter: year, GroupBy: g(domain.DimProvince, domain.DimMonth)}, "stats_r_p"},
		{"channel", domain.StatsQuery{Filter: year, GroupBy: g(domain.DimChannel)}, "stats_r_c"},
		{"kind × violation type", domain.StatsQuery{Filter: year, GroupBy: g(domain.DimInstitutionKind, domain.DimViolationType)}, "stats_r_kv"},
		{"kind by month", domain.StatsQuery{Filter: year, GroupBy: g(domain.DimInstitutionKind, domain.DimMonth)}, "stats_r_k"},
		{"one kind by province", domain.StatsQuery{Filter: bank, GroupBy: g(domain.DimProvince)}, "stats_r_kp"},
		{"institution and kind", domain.StatsQuery{Filter: year, GroupBy: g(domain.DimInstitution, domain.DimInstitutionKind)}, "stats_r_i"},
		{"one institution by violation type, ragged", domain.StatsQuery{Filter: one, GroupBy: g(domain.DimViolationType)}, "stats_r_iv"},
		{"institution × violation type by day", domain.StatsQuery{Filter: ragged, GroupBy: g(domain.DimInstitution, domain.DimViolationType, domain.DimDay)}, "stats_r_iv"},
	} {
		if got := postgres.StatsPlanTable(c.q); got != c.want {
			t.Errorf("%s: reads %s, want %s", c.name, got, c.want)
		}
	}
}

// TestStatsMigration00015FillsWhatRebuildComputes undoes migration 00015 on a database with
// figures and runs it again: the kinds and rollups (kind, day rows of institution × violation type,
// year rows) it fills in from the contributions must be those Rebuild computes. A year's answer
// times, read from year rows, are those of its months.
func TestStatsMigration00015FillsWhatRebuildComputes(t *testing.T) {
	ctx := context.Background()
	db, now := statsDB(t)
	w := newStatsWorld(t, db)
	r := rand.New(rand.NewPCG(15, 15))
	start := time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 200; i++ {
		id := w.file(r, start.Add(time.Duration(r.IntN(60*24*60))*time.Minute))
		for j := r.IntN(4); j > 0; j-- {
			w.change(r, id, now)
		}
	}
	if err := (&postgres.StatsStore{DB: db}).Rebuild(ctx, start, now); err != nil {
		t.Fatal(err)
	}
	rebuilt := snapshot(t, db)
	kinds := func() string {
		var s string
		w.must(db.SQL.QueryRow(`SELECT string_agg(complaint_id || ':' || kinds::text, ',' ORDER BY complaint_id) FROM stats_contributions`).Scan(&s))
		return s
	}
	wantKinds := kinds()
	if !strings.Contains(rebuilt, "stats_r_kv\n") || !strings.Contains(rebuilt, "(D,") || !strings.Contains(rebuilt, "(Y,2026-01-01,") {
		t.Fatalf("no kind rollups or day rows after Rebuild:\n%.500s", rebuilt)
	}
	// A year's answer times (year rows) are its months' (month rows).
	st := &postgres.StatsStore{DB: db}
	ids := append(append([]int64{}, w.lenders...), w.agency...)
	year, err := st.AnswerTimes(ctx, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), ids)
	w.must(err)
	months := map[int64]domain.AnswerTimes{}
	for m := time.January; m <= time.December; m++ {
		first := time.Date(2026, m, 1, 0, 0, 0, 0, time.UTC)
		got, err := st.AnswerTimes(ctx, first, first.AddDate(0, 1, -1), ids)
		w.must(err)
		for id, h := range got {
			if months[id] == nil {
				months[id] = domain.AnswerTimes{}
			}
			for d, n := range h {
				months[id][d] += n
			}
		}
	}
	if len(year) == 0 || fmt.Sprint(year) != fmt.Sprint(months) {
		t.Fatalf("answer times of 2026 = %v, its months' = %v", year, months)
	}
	src, err := migrations.FS.ReadFile("00015_statistics_kinds.sql")
	w.must(err)
	up, down, ok := strings.Cut(string(src), "-- +goose Down")
	if !ok {
		t.Fatal("no Down section in 00015")
	}
	if _, err := db.SQL.ExecContext(ctx, down); err != nil {
		t.Fatalf("down: %v", err)
	}
	var n int
	w.must(db.SQL.QueryRow(`SELECT count(*) FROM stats_r_iv WHERE grain = 'D'`).Scan(&n))
	if n != 0 {
		t.Fatalf("%d day rows of stats_r_iv after the Down section", n)
	}
	if _, err := db.SQL.ExecContext(ctx, up); err != nil {
		t.Fatalf("up: %v", err)
	}
	if got := snapshot(t, db); got != rebuilt {
		t.Fatalf("migration 00015 fills in other figures than Rebuild:\n%s", diffLines(got, rebuilt))
	}
	if got := kinds(); got != wantKinds {
		t.Fatalf("contribution kinds after the migration differ from Rebuild's")
	}
}
