package api_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestComplaintFilterTextIsCapped: a search text over 200 characters is refused as BAD_USER_INPUT
// on filter.text before any query runs; 200 characters are searched.
func TestComplaintFilterTextIsCapped(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	alice := register(t, a, srv.URL, "alice@example.cn")
	const q = `query($t: String){ complaints(filter: {text: $t}) { totalCount } }`
	if _, errs, _ := post(t, srv.URL, alice, q, map[string]any{"t": strings.Repeat("催", 200)}); len(errs) > 0 {
		t.Errorf("200 characters: %+v", errs)
	}
	_, errs, _ := post(t, srv.URL, alice, q, map[string]any{"t": strings.Repeat("催", 201)})
	if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || errs[0].Extensions["field"] != "filter.text" || errs[0].Extensions["messageZh"] == "" {
		t.Errorf("201 characters: %+v, want BAD_USER_INPUT on filter.text", errs)
	}
}

// TestInstitutionSearchIsCapped: the public institutions list took any search text, and
// PostgreSQL matched 900 KB of it against every name and alias for 2.2 s per field, 5.2 s for 4
// aliases of it in one anonymous request (found by hand). More than 200 characters is BAD_USER_INPUT
// on search, before any query.
func TestInstitutionSearchIsCapped(t *testing.T) {
	_, srv := protectedServer(t, map[string]string{"REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	const q = `query($s: String){ institutions(search: $s) { edges { node { id } } } }`
	if _, errs, _ := post(t, srv.URL, "", q, map[string]any{"s": " " + strings.Repeat("招", 200) + " "}); len(errs) > 0 {
		t.Errorf("200 characters: %+v", errs)
	}
	_, errs, _ := post(t, srv.URL, "", q, map[string]any{"s": strings.Repeat("招", 201)})
	if len(errs) != 1 || errs[0].Extensions["code"] != "BAD_USER_INPUT" || errs[0].Extensions["field"] != "search" || errs[0].Extensions["messageZh"] == "" {
		t.Errorf("201 characters: %+v, want BAD_USER_INPUT on search", errs)
	}
}

// TestRequestQueriesHaveAStatementTimeout: with REDLINE_STATEMENT_TIMEOUT a request's query that
// cannot finish (here it waits on a table lock held by another session) is cancelled by PostgreSQL
// and answers TIMEOUT, not INTERNAL; the same query then succeeds once the lock is gone.
func TestRequestQueriesHaveAStatementTimeout(t *testing.T) {
	a, srv := protectedServer(t, map[string]string{"REDLINE_STATEMENT_TIMEOUT": "300ms", "REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	alice := register(t, a, srv.URL, "alice@example.cn")
	const q = `{ complaints { totalCount } }`
	ctx := context.Background()
	tx, err := a.DB.SQL.BeginTx(ctx, nil) // background work: no statement timeout
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "LOCK TABLE complaints IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	// Without a statement timeout the request would wait for the lock for good: a safety net
	// releases it after a while, and the request then succeeds, which fails the test.
	release := sync.OnceValue(tx.Rollback)
	safety := time.AfterFunc(30*time.Second, func() { release() })
	defer safety.Stop()
	_, errs, _ := post(t, srv.URL, alice, q, nil)
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || errs[0].Extensions["code"] != "TIMEOUT" || errs[0].Extensions["messageZh"] == "" {
		t.Errorf("query blocked past the statement timeout: %+v, want TIMEOUT", errs)
	}
	if _, errs, _ := post(t, srv.URL, alice, q, nil); len(errs) > 0 {
		t.Errorf("after the lock: %+v", errs)
	}
}

// TestAnalyzeMessagesBudgetPerAddress: the characters analyzeMessages analyses are counted per
// client address; over REDLINE_ANALYZE_BUDGET_ADDR the answer is RATE_LIMITED.
func TestAnalyzeMessagesBudgetPerAddress(t *testing.T) {
	_, srv := protectedServer(t, map[string]string{"REDLINE_ANALYZE_BUDGET_ADDR": "5000/1m", "REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	const q = `query($t: [CollectorMessageInput!]!){ analyzeMessages(texts: $t) { packVersion } }`
	texts := []any{map[string]any{"sender": "10690000", "sentAt": "2026-05-01T10:00:00+08:00", "text": strings.Repeat("请尽快还款", 400)}} // 2,000 characters
	for i := range 2 {
		if _, errs, _ := post(t, srv.URL, "", q, map[string]any{"t": texts}); len(errs) > 0 {
			t.Fatalf("request %d: %+v", i+1, errs)
		}
	}
	_, errs, _ := post(t, srv.URL, "", q, map[string]any{"t": texts})
	if len(errs) != 1 || errs[0].Extensions["code"] != "RATE_LIMITED" || errs[0].Extensions["retryAfterSeconds"] == nil {
		t.Errorf("6,000 characters in a minute with a budget of 5,000: %+v, want RATE_LIMITED", errs)
	}
}
