package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
)

const benchUsage = `usage: redline bench stats [--runs 200] [--warmup 20] [--role analyst]`

// benchQuery is one statistics request the benchmark times.
type benchQuery struct {
	Name  string
	Query string
	Vars  map[string]any
}

// BenchResult is one query's latencies.
type BenchResult struct {
	Name          string
	Runs          int
	P50, P95, P99 time.Duration
	Max           time.Duration
}

// runBench is `redline bench stats`: it times the statistics queries through the real HTTP handler
// and GraphQL executor against the database at DATABASE_URL (seed it first with
// `redline seed --complaints N`), and prints p50/p95/p99 per query as a Markdown table.
func runBench(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] != "stats" {
		return runPerf(ctx, args[0], args[1:], stdout)
	}
	if len(args) == 0 {
		return errors.New(benchUsage + "\n" + perfUsage)
	}
	fs := flag.NewFlagSet("bench stats", flag.ContinueOnError)
	runs := fs.Int("runs", 200, "timed requests per query")
	warmup := fs.Int("warmup", 20, "untimed requests per query first")
	role := fs.String("role", "analyst", "role of the user asking: analyst or supervisor")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *runs < 1 || *warmup < 0 || fs.NArg() > 0 {
		return errors.New(benchUsage)
	}
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	// The per-user request limit would refuse a benchmark; what is timed is the query.
	cfg.Security.Limits.PerUser, cfg.Security.Limits.PerAddr = api.Rate{}, api.Rate{}
	a, err := app.Open(ctx, cfg, app.OpenOptions{FallbackRedis: true})
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.DB.RequireMigrated(ctx); err != nil {
		return err
	}
	if err := a.Authorize(); err != nil {
		return err
	}
	results, err := benchStats(ctx, a, domain.Role(*role), *runs, *warmup)
	if err != nil {
		return err
	}
	var complaints int64
	if err := a.DB.SQL.QueryRowContext(ctx, "SELECT count(*) FROM complaints").Scan(&complaints); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d complaints; %d runs per query after %d warm-up, one at a time, as %s\n\n", complaints, *runs, *warmup, *role)
	fmt.Fprint(stdout, benchTable(results))
	return nil
}

// benchStats signs in a benchmark user of the role and times each query.
func benchStats(ctx context.Context, a *app.App, role domain.Role, runs, warmup int) ([]BenchResult, error) {
	h, err := a.Handler()
	if err != nil {
		return nil, err
	}
	token, err := benchToken(ctx, a, role)
	if err != nil {
		return nil, err
	}
	queries, err := benchQueries(ctx, a)
	if err != nil {
		return nil, err
	}
	var out []BenchResult
	for _, q := range queries {
		body, _ := json.Marshal(map[string]any{"query": q.Query, "variables": q.Vars})
		times := make([]time.Duration, 0, runs)
		for i := 0; i < warmup+runs; i++ {
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, req)
			took := time.Since(start)
			if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `"errors"`) {
				return nil, fmt.Errorf("bench %s: HTTP %d: %.300s", q.Name, rec.Code, rec.Body.String())
			}
			if i >= warmup {
				times = append(times, took)
			}
		}
		slices.Sort(times)
		pct := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
		out = append(out, BenchResult{Name: q.Name, Runs: runs, P50: pct(0.50), P95: pct(0.95), P99: pct(0.99), Max: times[len(times)-1]})
	}
	return out, nil
}

// benchToken makes (once) a user of the role for the benchmark, with a random password nobody
// keeps, and issues it an access token.
func benchToken(ctx context.Context, a *app.App, role domain.Role) (string, error) {
	email := "bench-" + string(role) + "@redline.invalid"
	u, err := a.Accounts.Store.UserByEmail(ctx, email)
	if domain.CodeOf(err) == domain.CodeNotFound {
		b := make([]byte, 18)
		_, _ = rand.Read(b)
		nu := domain.NewUser{Email: email, Password: "Bench-" + hex.EncodeToString(b), DisplayName: "Benchmark " + string(role), Role: role}
		if role == domain.RoleSupervisor {
			nu.Teams = []string{"national"}
		}
		u, err = a.Accounts.CreateSeedUser(ctx, nu)
	}
	if err != nil {
		return "", fmt.Errorf("bench user: %w", err)
	}
	_, session, err := a.Sessions.Start(ctx, u)
	if err != nil {
		return "", fmt.Errorf("bench session: %w", err)
	}
	tok, _, err := (&api.Tokens{Secret: a.Config.Secret, TTL: time.Hour, Now: time.Now}).Issue(u, session)
	return tok, err
}

// benchQueries are the statistics an analyst's dashboard asks for, over the data's last year: the
// largest institution's figures, league tables, maps, trends, scorecards and alerts.
func benchQueries(ctx context.Context, a *app.App) ([]benchQuery, error) {
	var last time.Time
	var top int64
	if err := a.DB.SQL.QueryRowContext(ctx, `SELECT coalesce(max(created_at), now()) FROM complaints`).Scan(&last); err != nil {
		return nil, err
	}
	if err := a.DB.SQL.QueryRowContext(ctx, `SELECT coalesce((SELECT lender_id FROM complaints WHERE lender_id IS NOT NULL
		GROUP BY 1 ORDER BY count(*) DESC LIMIT 1), 0)`).Scan(&top); err != nil {
		return nil, err
	}
	// Dashboards ask for whole months: the last 12 (a year), 3 (a quarter), 13 (a trend). Two
	// queries ask for ragged dates (ending on the last day with data), which the month-only
	// institution-pair rollups cannot answer (docs/STATISTICS.md).
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	monthEnd := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1) // last whole month
	months := func(n int) (string, string) { return day(monthEnd.AddDate(0, 1-n, 1-monthEnd.Day())), day(monthEnd) }
	stats := `query S($f: StatsFilter, $g: [StatsDimension!], $n: Int) { stats(filter: $f, groupBy: $g, first: $n) {
		suppressedCells truncated rows { institution { id name } institutionKind violationType province product channel period
		complaints timelyRate reliefRate disputeRate } } }`
	trends := `query T($f: StatsFilter, $i: StatsDimension!, $l: StatsDimension) { trends(filter: $f, interval: $i, lens: $l) {
		total previousTotal changeRate series { total key { institution { id name } institutionKind violationType province product }
		points { period complaints change changeRate timelyRate } } } }`
	cards := `query C($p: String!) { institutionScorecards(period: $p, first: 50) { cards { institution { id name } complaints
		perTenThousandCustomers timelyRate reliefRate disputeRate averageSatisfaction } } }`
	filter := func(n int, extra map[string]any) map[string]any {
		from, to := months(n)
		f := map[string]any{"from": from, "to": to}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}
	ragged := func(days int, extra map[string]any) map[string]any {
		f := filter(1, extra)
		f["from"], f["to"] = day(last.AddDate(0, 0, 1-days)), day(last)
		return f
	}
	topInst := map[string]any{"institutions": []string{fmt.Sprint(top)}}
	return []benchQuery{
		{"stats: 12 months by institution (league table)", stats, map[string]any{"f": filter(12, nil), "g": []string{"INSTITUTION"}, "n": 50}},
		{"stats: 12 months by province × month (map)", stats, map[string]any{"f": filter(12, nil), "g": []string{"PROVINCE", "MONTH"}, "n": 200}},
		{"stats: largest institution, 3 months by violation type", stats, map[string]any{"f": filter(3, topInst), "g": []string{"VIOLATION_TYPE"}, "n": 50}},
		{"stats: 3 months by product × channel × week", stats, map[string]any{"f": filter(3, nil), "g": []string{"PRODUCT", "CHANNEL", "WEEK"}, "n": 200}},
		{"stats: 12 months by institution kind × violation type", stats, map[string]any{"f": filter(12, nil), "g": []string{"INSTITUTION_KIND", "VIOLATION_TYPE"}, "n": 200}},
		{"stats: 90 ragged days, by institution", stats, map[string]any{"f": ragged(90, nil), "g": []string{"INSTITUTION"}, "n": 50}},
		{"stats: 90 ragged days, largest institution by violation type", stats, map[string]any{"f": ragged(90, topInst), "g": []string{"VIOLATION_TYPE"}, "n": 50}},
		{"trends: 13 months by institution kind", trends, map[string]any{"f": filter(13, nil), "i": "MONTH", "l": "INSTITUTION_KIND"}},
		{"trends: largest institution, 13 months by product", trends, map[string]any{"f": filter(13, topInst), "i": "MONTH", "l": "PRODUCT"}},
		{"trends: 12 weeks by violation type", trends, map[string]any{"f": ragged(84, nil), "i": "WEEK", "l": "VIOLATION_TYPE"}},
		{"institutionScorecards: last month", cards, map[string]any{"p": monthEnd.Format("2006-01")}},
		{"institutionScorecards: a year", cards, map[string]any{"p": monthEnd.AddDate(-1, 0, 0).Format("2006")}},
		{"alerts", `{ alerts(first: 20) { nodes { kind institutionName violationType weekStart observed baseline zScore } } }`, nil},
	}, nil
}

func benchTable(rs []BenchResult) string {
	var b strings.Builder
	b.WriteString("| query | runs | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s |\n", r.Name, r.Runs, ms(r.P50), ms(r.P95), ms(r.P99), ms(r.Max))
	}
	return b.String()
}
