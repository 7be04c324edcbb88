package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestImportCFPB imports a file with good, bad and repeated rows through the command, then imports
// it again: bad rows are reported by line and skipped, and the second run adds nothing.
func TestImportCFPB(t *testing.T) {
	ctx := context.Background()
	db := commandDatabase(t, false)
	var out bytes.Buffer
	if err := runImport(ctx, []string{"cfpb", "testdata/cfpb-bad-rows.csv"}, &out); err == nil ||
		!strings.Contains(err.Error(), "redline migrate up") {
		t.Fatalf("import into an unmigrated database: %v, want an error naming `redline migrate up`", err)
	}
	if err := db.Migrate(ctx, "up"); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.SQL.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	out.Reset()
	if err := runImport(ctx, []string{"cfpb", "testdata/cfpb-bad-rows.csv"}, &out); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	t.Log("\n" + text)
	// rows read, imported, duplicates, skipped, filtered
	if !summaryLine(text, "all files", "10", "4", "1", "5", "0") {
		t.Errorf("summary does not count 10 read, 4 imported, 1 duplicate, 5 skipped:\n%s", text)
	}
	for _, want := range []string{
		"cfpb-bad-rows.csv:3: Complaint ID: \"ABC123\" is not a CFPB complaint id",
		"cfpb-bad-rows.csv:6: Date received: \"2024-13-45\" is not a date",
		"cfpb-bad-rows.csv:7: not valid CSV",
		"cfpb-bad-rows.csv:8: Company response to consumer: unknown company response \"Closed with a smile\"",
		"cfpb-bad-rows.csv:10: Company: no company",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	checks := []struct {
		name, query string
		want        int
	}{
		{"Complaints", `SELECT count(*) FROM complaints WHERE external_source = 'cfpb'`, 4},
		{"USComplaints", `SELECT count(*) FROM complaints WHERE jurisdiction = 'US' AND province = '000000' AND us_state IS NOT NULL`, 4},
		{"Institutions", `SELECT count(*) FROM institutions`, 3},
		{"BankKind", `SELECT count(*) FROM institutions WHERE name = 'First Example Bank N.A.' AND kind = 'BANK'`, 1},
		{"AgencyKind", `SELECT count(*) FROM institutions WHERE name = 'Example Recovery Services LLC' AND kind = 'COLLECTION_AGENCY'`, 1},
		{"Responses", `SELECT count(*) FROM complaint_responses`, 3},
		{"NonMonetaryLate", `SELECT count(*) FROM complaints c JOIN complaint_responses r ON r.complaint_id = c.id
			WHERE c.external_id = '90000002' AND r.category = 'CLOSED_WITH_NON_MONETARY_RELIEF' AND c.responded_at > c.due_at AND c.untimely
			AND c.feedback_decision = 'DISPUTE' AND c.status = 'CLOSED' AND c.forwarded_at = c.created_at + interval '1 day'`, 1},
		{"AcceptedOnTime", `SELECT count(*) FROM complaints WHERE external_id = '90000001' AND responded_at = due_at AND NOT untimely
			AND feedback_decision = 'ACCEPT' AND claimed_violations = '{EXCESSIVE_CONTACT}' AND 'EXCESSIVE_CONTACT' = ANY(suggested_violations)
			AND rule_pack_id = 'US' AND rule_pack_revision = 1 AND assessment->'Violations' @> '[{"Type":"EXCESSIVE_CONTACT"}]'`, 1},
		{"UntimelyIsOpenWithoutAnswer", `SELECT count(*) FROM complaints WHERE external_id = '90000006' AND status = 'FORWARDED'
			AND responded_at IS NULL AND created_at = '2023-03-08 12:00Z' AND due_at = '2023-03-24 12:00Z'
			AND NOT EXISTS (SELECT 1 FROM complaint_responses r WHERE r.complaint_id = complaints.id)`, 1},
		{"InProgress", `SELECT count(*) FROM complaints c JOIN complaint_responses r ON r.complaint_id = c.id
			WHERE c.external_id = '90000008' AND c.status = 'FORWARDED' AND r.category = 'IN_PROGRESS' AND c.responded_at IS NULL`, 1},
		{"HistoryRecords", `SELECT count(*) FROM complaint_events WHERE action = 'IMPORTED' AND details->>'line' IS NOT NULL`, 4},
		{"ImporterUser", `SELECT count(*) FROM users WHERE email = 'cfpb-import@redline.invalid' AND role = 'complainant'`, 1},
		{"StatisticsRebuilt", `SELECT count(*) FROM stats_contributions`, 4},
		{"Audit", `SELECT count(*) FROM audit_log WHERE action IN ('import.cfpb', 'institution.create', 'user.create')`, 5},
	}
	for _, c := range checks {
		if got := count(c.query); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}

	t.Run("ReimportAddsNothing", func(t *testing.T) {
		out.Reset()
		if err := runImport(ctx, []string{"cfpb", "testdata/cfpb-bad-rows.csv"}, &out); err != nil {
			t.Fatal(err)
		}
		if !summaryLine(out.String(), "all files", "10", "0", "5", "5", "0") {
			t.Errorf("second run does not count 0 imported and 5 duplicates:\n%s", out.String())
		}
		for _, c := range checks[:6] {
			if got := count(c.query); got != c.want {
				t.Errorf("%s after re-import: %d, want %d", c.name, got, c.want)
			}
		}
	})
	t.Run("ProductFilter", func(t *testing.T) {
		out.Reset()
		if err := runImport(ctx, []string{"cfpb", "--product", "Mortgage", "testdata/cfpb-bad-rows.csv"}, &out); err != nil {
			t.Fatal(err)
		}
		if !summaryLine(out.String(), "all files", "10", "0", "0", "1", "9") {
			t.Errorf("a product filter does not count 9 rows filtered and the bad CSV row skipped:\n%s", out.String())
		}
	})
	t.Run("ErrMissingColumn", func(t *testing.T) {
		err := runImport(ctx, []string{"cfpb", "testdata/../import_test.go"}, &out)
		if err == nil || !strings.Contains(err.Error(), "missing column") {
			t.Errorf("a file that is not an export: %v", err)
		}
	})
}

// summaryLine reports whether a line of text holds name followed by exactly these fields.
func summaryLine(text, name string, fields ...string) bool {
	want := strings.Join(append(strings.Fields(name), fields...), " ")
	for _, l := range strings.Split(text, "\n") {
		if strings.Join(strings.Fields(l), " ") == want {
			return true
		}
	}
	return false
}
