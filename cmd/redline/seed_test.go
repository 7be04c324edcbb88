package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestParseSeed(t *testing.T) {
	tests := []struct {
		name string
		args []string
		demo bool
		err  string
	}{
		{"Demo", []string{"--demo"}, true, ""},
		{"DemoWithComplaints", []string{"--demo", "--complaints", "50"}, true, ""},
		{"Synthetic", []string{"--complaints", "5000000", "--institutions", "2000", "--years", "3"}, false, ""},
		{"ErrNothing", nil, false, "usage"},
		{"ErrDemoWithSyntheticFlag", []string{"--demo", "--institutions", "9"}, false, "not --demo"},
		{"ErrTooFewInstitutions", []string{"--complaints", "10", "--institutions", "1"}, false, "--institutions"},
		{"ErrStray", []string{"--complaints", "10", "extra"}, false, "usage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sa, err := parseSeed(tc.args)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || sa.demo != tc.demo {
				t.Fatalf("parseSeed(%v) = %+v, %v", tc.args, sa, err)
			}
		})
	}
}

// TestSeedSynthetic loads made-up data through the command and checks its shape: skewed volumes,
// population-weighted provinces, answers, rebuilt statistics, and the indexes back in place.
func TestSeedSynthetic(t *testing.T) {
	ctx := context.Background()
	db := commandDatabase(t, true)
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.SQL.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	indexes := `SELECT count(*) FROM pg_indexes WHERE tablename IN ('complaints', 'complaint_responses')`
	before := count(indexes)
	sa, err := parseSeed([]string{"--complaints", "6000", "--institutions", "80", "--years", "2"})
	var out bytes.Buffer
	if err := runSeedSynthetic(ctx, sa, err, &out); err != nil {
		t.Fatal(err)
	}
	t.Log(out.String())
	if !strings.Contains(out.String(), "loaded 6000 complaints") {
		t.Errorf("report: %s", out.String())
	}
	checks := []struct {
		name  string
		query string
		ok    func(int) bool
		want  string
	}{
		{"Complaints", `SELECT count(*) FROM complaints`, func(n int) bool { return n == 6000 }, "6000"},
		{"Institutions", `SELECT count(*) FROM institutions`, func(n int) bool { return n == 80 }, "80"},
		{"Agencies", `SELECT count(DISTINCT agency_id) FROM complaints`, func(n int) bool { return n >= 10 }, "≥ 10 agencies named"},
		{"Answers", `SELECT count(*) FROM complaint_responses`, func(n int) bool { return n > 3000 && n < 6000 }, "most forwarded complaints answered"},
		{"Untimely", `SELECT count(*) FROM complaints WHERE responded_at > due_at OR (responded_at IS NULL AND due_at < now())`,
			func(n int) bool { return n > 60 && n < 1500 }, "some untimely, most not"},
		{"TopTenPercentOfLendersGetMost", `SELECT (100 * sum(n) / 6000)::int FROM (SELECT count(*) n FROM complaints GROUP BY lender_id ORDER BY 1 DESC LIMIT 6) t`,
			func(n int) bool { return n > 40 }, "> 40% of complaints"},
		{"GuangdongOverTibet", `SELECT (SELECT count(*) FROM complaints WHERE province = '440000') - 10 * (SELECT count(*) FROM complaints WHERE province = '540000')`,
			func(n int) bool { return n > 0 }, "Guangdong (126 M people) > 10 × Tibet (3.6 M)"},
		{"Channels", `SELECT count(DISTINCT e->>'channel') FROM complaints, jsonb_array_elements(incidents) e`, func(n int) bool { return n == 8 }, "all 8 channels"},
		{"Feedback", `SELECT count(*) FROM complaints WHERE feedback_decision = 'DISPUTE'`, func(n int) bool { return n > 100 }, "> 100 disputes"},
		{"StatisticsRebuilt", `SELECT count(*) FROM stats_contributions`, func(n int) bool { return n == 6000 }, "6000"},
		// A reviewer classified every complaint that was forwarded or referred, and no other.
		{"ConfirmedWhenClassified", `SELECT count(*) FROM complaints WHERE (forwarded_at IS NOT NULL OR status = 'REFERRED') <> (cardinality(confirmed_violations) > 0)`,
			func(n int) bool { return n == 0 }, "0 complaints classified without confirmed violations or with them unclassified"},
		{"MostClaimsConfirmed", `SELECT (100 * sum(cardinality(ARRAY(SELECT unnest(confirmed_violations) INTERSECT SELECT unnest(claimed_violations))))
			/ sum(cardinality(claimed_violations)))::int FROM complaints WHERE cardinality(confirmed_violations) > 0`,
			func(n int) bool { return n >= 60 && n <= 95 }, "60 to 95% of the claims of classified complaints confirmed"},
		// The statistics count the confirmed violations of a classified complaint, the claimed of the others.
		{"StatisticsCountConfirmed", `SELECT count(*) FROM (SELECT violation, sum(n) n FROM stats_r_v WHERE grain = 'M' GROUP BY 1) s
			FULL JOIN (SELECT v AS violation, count(*) n FROM complaints,
			  unnest(CASE WHEN cardinality(confirmed_violations) > 0 THEN confirmed_violations ELSE claimed_violations END) v GROUP BY 1) c
			USING (violation) WHERE s.n IS DISTINCT FROM c.n`, func(n int) bool { return n == 0 }, "0 violation types counted otherwise"},
		{"StatisticsAreNotTheClaims", `SELECT count(*) FROM (SELECT violation, sum(n) n FROM stats_r_v WHERE grain = 'M' GROUP BY 1) s
			JOIN (SELECT v AS violation, count(*) n FROM complaints, unnest(claimed_violations) v GROUP BY 1) c USING (violation) WHERE s.n <> c.n`,
			func(n int) bool { return n >= 8 }, "most of the 13 types counted otherwise than claimed"},
		// Institutions differ: banks' collectors are known for fees and disputed debts, agencies' for
		// threats, visits and false claims (percent of each kind's violations in the statistics).
		{"BanksFeesOverAgencies", "SELECT " + kindShare("BANK", "'DEBT_DISPUTE', 'UNLAWFUL_FEES', 'MISSING_DISCLOSURE'") + " * 10 / " +
			kindShare("COLLECTION_AGENCY", "'DEBT_DISPUTE', 'UNLAWFUL_FEES', 'MISSING_DISCLOSURE'"), func(n int) bool { return n >= 14 }, "≥ 1.4 times"},
		{"AgenciesHarsherThanBanks", "SELECT " + kindShare("COLLECTION_AGENCY", "'THREAT', 'VISIT_HARASSMENT', 'FALSE_REPRESENTATION', 'ABUSIVE_LANGUAGE'") + " * 100 / " +
			kindShare("BANK", "'THREAT', 'VISIT_HARASSMENT', 'FALSE_REPRESENTATION', 'ABUSIVE_LANGUAGE'"), func(n int) bool { return n >= 115 }, "≥ 1.15 times"},
		{"IndexesBack", indexes, func(n int) bool { return n == before }, "as many indexes as before"},
		{"Audit", `SELECT count(*) FROM audit_log WHERE action = 'seed.synthetic'`, func(n int) bool { return n == 1 }, "1"},
	}
	for _, c := range checks {
		if n := count(c.query); !c.ok(n) {
			t.Errorf("%s: %d, want %s", c.name, n, c.want)
		}
	}
}

// kindShare is a query of the share (per mille) of the violations of the given types among those
// of the institutions of one kind, in the statistics by institution and violation type.
func kindShare(kind, types string) string {
	return `(SELECT (1000 * sum(n) FILTER (WHERE violation IN (` + types + `)) / sum(n))::int FROM stats_r_iv s
		JOIN institutions i ON i.id = s.inst WHERE s.grain = 'M' AND i.kind = '` + kind + `')`
}

// TestBenchStats runs the statistics benchmark briefly on a small synthetic database: every query
// must be valid against the schema and answer without error, and the table must list them all.
func TestBenchStats(t *testing.T) {
	ctx := context.Background()
	commandDatabase(t, true)
	sa, err := parseSeed([]string{"--complaints", "3000", "--institutions", "60"})
	var out bytes.Buffer
	if err := runSeedSynthetic(ctx, sa, err, &out); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := runBench(ctx, []string{"stats", "--runs", "3", "--warmup", "1"}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	t.Log("\n" + text)
	for _, want := range []string{"3000 complaints", "| stats: 12 months by institution (league table) | 3 |", "| trends: 12 weeks by violation type | 3 |",
		"| institutionScorecards: a year | 3 |", "| alerts | 3 |"} {
		if !strings.Contains(text, want) {
			t.Errorf("bench output lacks %q", want)
		}
	}
	if err := runBench(ctx, []string{"stats", "--runs", "0"}, &out); err == nil {
		t.Error("--runs 0 was accepted")
	}
}
