package api_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// Attack round 20 (session 25): a GraphQL request had no deadline of its own. Each statement was
// bounded by the statement timeout, but a request's work went on after its client was cut off (the
// 60 s write timeout) or went away. These tests make a request slow on purpose — its statement waits
// on a table lock another session holds — with a statement timeout far longer than the request's
// deadline.

// lockTable holds mode on table in a transaction of the main pool (no statement timeout) until the
// returned function is called (at the latest after 20 s, so that a request that is not stopped
// finishes and fails the test instead of hanging it).
func lockTable(t *testing.T, db *sql.DB, table, mode string) func() {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "LOCK TABLE "+table+" IN "+mode+" MODE"); err != nil {
		t.Fatal(err)
	}
	release := sync.OnceValue(tx.Rollback)
	safety := time.AfterFunc(20*time.Second, func() { release() })
	t.Cleanup(func() { safety.Stop(); _ = release() })
	return func() {
		if err := release(); err != nil {
			t.Fatal(err)
		}
	}
}

// lockWaiters counts the sessions of the test database waiting for a lock.
func lockWaiters(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func deadlineServer(t *testing.T, timeout string) (token string, db *sql.DB, url string) {
	t.Setenv("REDLINE_REQUEST_TIMEOUT", timeout)
	a, srv := protectedServer(t, map[string]string{"REDLINE_STATEMENT_TIMEOUT": "60s", "REDLINE_RATE_LIMIT_USER": "off", "REDLINE_RATE_LIMIT_ADDR": "off"})
	return register(t, a, srv.URL, "alice@example.cn"), a.DB.SQL, srv.URL
}

// TestGraphQLRequestDeadlineStopsItsWork: a query blocked past REDLINE_REQUEST_TIMEOUT answers
// TIMEOUT with reason REQUEST_TIMEOUT (one error, not INTERNAL or UNAVAILABLE) when its deadline
// passes, and its statement no longer waits in the database.
func TestGraphQLRequestDeadlineStopsItsWork(t *testing.T) {
	logs := captureLogs(t)
	token, db, url := deadlineServer(t, "1s")
	release := lockTable(t, db, "complaints", "ACCESS EXCLUSIVE")
	start := time.Now()
	_, errs, _ := post(t, url, token, `{ complaints { totalCount } }`, nil)
	took := time.Since(start)
	if len(errs) != 1 || errs[0].Extensions["code"] != "TIMEOUT" || errs[0].Extensions["reason"] != "REQUEST_TIMEOUT" || errs[0].Extensions["messageZh"] == "" {
		t.Errorf("query blocked past the request's deadline: %+v, want one TIMEOUT with reason REQUEST_TIMEOUT", errs)
	}
	if took > 5*time.Second {
		t.Errorf("answered after %v, want about the 1 s deadline", took)
	}
	if n := lockWaiters(t, db); n != 0 {
		t.Errorf("%d statements still wait for the lock after the request was answered", n)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a request stopped at its deadline was logged as an error:\n%s", logs.String())
	}
	release()
	if _, errs, _ := post(t, url, token, `{ complaints { totalCount } }`, nil); len(errs) > 0 {
		t.Errorf("after the lock: %+v", errs)
	}
}

// TestGraphQLMutationPastItsDeadlineWritesNothing: a filing whose transaction has written the
// complaint and waits to write its history entry when the deadline passes is rolled back whole:
// TIMEOUT, and no complaint, history entry, deadline or outbox message once the lock is gone.
func TestGraphQLMutationPastItsDeadlineWritesNothing(t *testing.T) {
	token, db, url := deadlineServer(t, "1s")
	release := lockTable(t, db, "complaint_events", "EXCLUSIVE") // reads go on, inserts wait
	_, errs, data := post(t, url, token, `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id reference } }`,
		map[string]any{"i": map[string]any{"relation": "PARENT", "lenderName": "马上消费", "product": "CONSUMER_LOAN", "province": "310000",
			"narrative": "催收员每天打二十多个电话，还给我父母发短信说我是老赖。", "violations": []any{"THIRD_PARTY_CONTACT"}}})
	if len(errs) != 1 || errs[0].Extensions["code"] != "TIMEOUT" || errs[0].Extensions["reason"] != "REQUEST_TIMEOUT" {
		t.Errorf("filing past the deadline: %+v %v, want TIMEOUT", errs, data)
	}
	release()
	time.Sleep(200 * time.Millisecond)
	for what, q := range map[string]string{
		"complaints":      "SELECT count(*) FROM complaints",
		"history entries": "SELECT count(*) FROM complaint_events",
		"deadlines":       "SELECT count(*) FROM complaint_deadlines",
		"outbox messages": "SELECT count(*) FROM outbox WHERE payload::text LIKE '%complaintId%'",
	} {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d %s after a filing stopped at its deadline, want none", n, what)
		}
	}
}

// TestGraphQLClientGoneStopsItsWork: a client that goes away while its query waits leaves no
// statement behind: the request's context ends with the connection, and its statement is cancelled
// (the statement timeout, 60 s here, would have let it wait on). Its failure is no internal error:
// main logged "ERROR internal error … context canceled" for every client that went away.
func TestGraphQLClientGoneStopsItsWork(t *testing.T) {
	logs := captureLogs(t)
	token, db, url := deadlineServer(t, "45s") // far past the client's 500 ms; at most 50 s since session 26
	release := lockTable(t, db, "complaints", "ACCESS EXCLUSIVE")
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	body, _ := json.Marshal(map[string]any{"query": `{ complaints { totalCount } }`})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("answered %d while the table was locked", resp.StatusCode)
	}
	waiting := -1
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if waiting = lockWaiters(t, db); waiting == 0 {
			break
		}
	}
	if waiting != 0 {
		t.Errorf("%d statements still wait for the lock 5 s after their client went away", waiting)
	}
	release()
	time.Sleep(200 * time.Millisecond)
	if out := logs.String(); strings.Contains(out, "level=ERROR") || !strings.Contains(out, "reason=CLIENT_GONE") {
		t.Errorf("a client that went away: want no ERROR line and a CLIENT_GONE note, got\n%s", out)
	}
}
