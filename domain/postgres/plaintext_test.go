package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestEncryptPlaintextAfterMigration63: the questions and answers migration 00063 moved out of the
// history, and the open question, are plaintext after migrating; EncryptPlaintext (what dev, serve,
// work and schedule run when they start) encrypts them once even when two processes start together,
// skips while another process holds the lock, reads them back, and then has nothing to do.
func TestEncryptPlaintextAfterMigration63(t *testing.T) {
	ctx := context.Background()
	db, p := migratedTo(t, 62)
	db.Keys = pgtest.Keys
	const question, answer = "请提供借款人李四的合同", "合同号 HT-99-1234"
	c := informationRequestBefore63(t, db, question, answer)
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	plaintext := func() int {
		t.Helper()
		var n int
		if err := db.SQL.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM information_request_texts
				WHERE question NOT LIKE 'v1:%' OR (answer <> '' AND answer NOT LIKE 'v1:%') OR question LIKE '%李四%' OR answer LIKE '%HT-99%')
			+ (SELECT count(*) FROM complaints WHERE information_request <> '' AND (information_request NOT LIKE 'v1:%' OR information_request LIKE '%李四%'))`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := plaintext(); n != 3 {
		t.Fatalf("%d plaintext rows after migrating, want 3 (two texts, one open question)", n)
	}

	// Another process holds the lock: this one leaves the work to it.
	other, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var locked bool
	if err := other.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(x'7265646c696e6501'::bigint)`).Scan(&locked); err != nil || !locked {
		t.Fatalf("advisory lock: %v %v", locked, err)
	}
	if done, err := db.EncryptPlaintext(ctx, 0); err != nil || len(done) != 0 {
		t.Errorf("with the lock held elsewhere: %v, %v; want nothing done", done, err)
	}
	if _, err := other.ExecContext(ctx, `SELECT pg_advisory_unlock_all()`); err != nil {
		t.Fatal(err)
	}
	other.Close()
	if n := plaintext(); n != 3 {
		t.Fatalf("%d plaintext rows, want 3 still", n)
	}

	// Two processes start together, with batches of one row: each value is encrypted once.
	var mu sync.Mutex
	enc := map[string]int{}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done, err := db.EncryptPlaintext(ctx, 1)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, c := range done {
				enc[c.Field] += c.Encrypted
			}
		}()
	}
	wg.Wait()
	if want := map[string]int{"complaints.information_request": 1, "information_request_texts.question": 2, "information_request_texts.answer": 1}; fmt.Sprint(enc) != fmt.Sprint(want) {
		t.Errorf("encrypted %v, want %v", enc, want)
	}
	if n := plaintext(); n != 0 {
		t.Errorf("%d rows still in plaintext", n)
	}

	// The store reads them back.
	historyReadsInformation(t, db, c, question, answer)
	if cc, err := (&postgres.ComplaintStore{DB: db}).FindComplaint(ctx, c); err != nil || cc.InformationRequest != question {
		t.Errorf("open question %q (%v), want %q", cc.InformationRequest, err, question)
	}

	// The next starts have nothing to do, and the check reads the partial index of plaintext values.
	for i := range 2 {
		if done, err := db.EncryptPlaintext(ctx, 0); err != nil || len(done) != 0 {
			t.Errorf("start %d after: %v, %v; want nothing done", i+2, done, err)
		}
	}
	// On a big table the planner picks the index by cost; here (a few rows) it has to be told to, which
	// still shows that the check's condition matches the index's predicate.
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	defer func() { _, _ = conn.ExecContext(ctx, `RESET enable_seqscan`) }() // before the connection goes back to the pool
	rows, err := conn.QueryContext(ctx, `EXPLAIN SELECT EXISTS (SELECT 1 FROM complaints WHERE (information_request <> '' AND left(information_request, 3) <> 'v1:'))`)
	if err != nil {
		t.Fatal(err)
	}
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, line)
	}
	rows.Close()
	if p := strings.Join(plan, "\n"); !strings.Contains(p, "complaints_information_request_plaintext") {
		t.Errorf("the check's plan:\n%s\nwant the partial index of plaintext values", p)
	}
}
