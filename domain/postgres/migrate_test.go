package postgres_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pressly/goose/v3"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/migrations"
)

func tableCount(t *testing.T, db *postgres.DB) int {
	t.Helper()
	var n int
	if err := db.SQL.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'goose_db_version'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMigrations runs every migration up, all the way down, and up again on a fresh database.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx, "up"); err != nil {
		t.Fatalf("up: %v", err)
	}
	up := tableCount(t, db)
	if up < 8 {
		t.Fatalf("after up: %d tables, want the schema", up)
	}
	if err := db.Migrate(ctx, "reset"); err != nil {
		t.Fatalf("down to zero: %v", err)
	}
	if n := tableCount(t, db); n != 0 {
		t.Fatalf("after down to zero: %d tables left", n)
	}
	if err := db.Migrate(ctx, "up"); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if n := tableCount(t, db); n != up {
		t.Fatalf("after up again: %d tables, want %d", n, up)
	}
}

// TestMigrationDeadlinePolicyBasisZh: an edition an admin published before the policies spoke
// Chinese (a copy of the built-in one, English basis only) gets the built-in Chinese beside each
// basis and the source; rolled back, it parses with the fields the binary before knew.
// migratedTo opens a fresh database migrated up to version and returns it with its goose provider,
// to test one migration on rows written before it. The database closes when the test ends.
func migratedTo(t *testing.T, version int64) (*postgres.DB, *goose.Provider) {
	t.Helper()
	db, err := postgres.Open(context.Background(), pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := goose.NewProvider(goose.DialectPostgres, db.SQL, migrations.FS, goose.WithAllowOutofOrder(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return db, p
}

func TestMigrationDeadlinePolicyBasisZh(t *testing.T) {
	ctx := context.Background()
	const version = 54
	db, p := migratedTo(t, version-1)
	docs, err := deadline.BuiltinPolicyDocuments("CN")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(docs[len(docs)-1], &doc); err != nil {
		t.Fatal(err)
	}
	builtin := map[string]string{"source": doc["sourceZh"].(string)}
	delete(doc, "sourceZh")
	for k, c := range doc["clocks"].(map[string]any) {
		builtin[k] = c.(map[string]any)["basisZh"].(string)
		delete(c.(map[string]any), "basisZh")
	}
	// The editions of that time named the Chinese laws in Chinese inside their English text (session 26
	// wrote the built-in English in English); the migration knows those texts.
	doc["source"] = "消费者权益保护法 art. 46; 银行保险机构消费投诉处理管理办法 (CBIRC order 2020 No. 3); 民法典 arts. 201 and 203 for counting periods; platform policy for the feedback and reopen windows (modelled on the CFPB's 60-day feedback window)."
	for k, en := range map[string]string{
		"ACCEPTANCE":           "消费者权益保护法 art. 46: an authority decides within 7 working days of receiving a consumer complaint whether to accept it, and tells the consumer.",
		"INSTITUTION_RESPONSE": "银行保险机构消费投诉处理管理办法: a decision within 15 days of receipt; 30 days for a complex case; a further 30 with senior approval and notice to the complainant (the platform, role system, grants the first extension on the institution's request); time spent on outside appraisal, testing or assessment does not count. 民法典 art. 203: a period whose last day is a holiday ends on the first day after it.",
	} {
		doc["clocks"].(map[string]any)[k].(map[string]any)["basis"] = en
	}
	old, _ := json.Marshal(doc)
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO deadline_policies (jurisdiction, revision, version, document, reason, created_at)
		VALUES ('CN', 2, 'CN-2024.1+r2', $1, 'test', now())`, old); err != nil {
		t.Fatal(err)
	}
	stored := func() *deadline.Policy {
		t.Helper()
		var b []byte
		if err := db.SQL.QueryRowContext(ctx, `SELECT document FROM deadline_policies WHERE revision = 2`).Scan(&b); err != nil {
			t.Fatal(err)
		}
		pol, err := deadline.ParsePolicy(b)
		if err != nil {
			t.Fatal(err)
		}
		return pol
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	pol := stored()
	if pol.SourceZh != builtin["source"] {
		t.Errorf("source in Chinese = %q, want %q", pol.SourceZh, builtin["source"])
	}
	for _, k := range deadline.Kinds {
		if got := pol.Clocks[k].BasisZh; got != builtin[string(k)] {
			t.Errorf("%s basis in Chinese = %q, want %q", k, got, builtin[string(k)])
		}
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE deadline_policies SET reason = 'x'`); err == nil {
		t.Error("the editions are no longer append-only after the migration")
	}
	if _, err := p.DownTo(ctx, version-1); err != nil {
		t.Fatal(err)
	}
	var b []byte
	if err := db.SQL.QueryRowContext(ctx, `SELECT document FROM deadline_policies WHERE revision = 2`).Scan(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustCompact(t, b), mustCompact(t, old)) {
		t.Errorf("rolled back: %s, want %s", b, old)
	}
}

func mustCompact(t *testing.T, b []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return out
}

// TestMigrationInformationRequestTexts: questions and answers written into the history's details
// before migration 00063 move out of them into information_request_texts (the details keep a
// reference and the lengths), the acceptance clock's pause loses the question as its note,
// rotate-keys encrypts the moved texts, and the history reads them back.
func TestMigrationInformationRequestTexts(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Keys = pgtest.Keys
	p, err := goose.NewProvider(goose.DialectPostgres, db.SQL, migrations.FS, goose.WithAllowOutofOrder(true))
	if err != nil {
		t.Fatal(err)
	}
	const version = 63
	if _, err := p.UpTo(ctx, version-1); err != nil {
		t.Fatal(err)
	}
	const question, answer = "请提供借款人李四的合同", "合同号 HT-99-1234"
	c := informationRequestBefore63(t, db, question, answer)
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	var clear int
	if err := db.SQL.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM complaint_events WHERE details::text LIKE '%李四%' OR details::text LIKE '%HT-99%')
		+ (SELECT count(*) FROM complaint_deadlines WHERE record::text LIKE '%李四%')`).Scan(&clear); err != nil {
		t.Fatal(err)
	}
	if clear != 0 {
		t.Errorf("%d history entries or clocks still hold the text after the migration", clear)
	}
	var lengths string
	if err := db.SQL.QueryRowContext(ctx, `SELECT details->>'answerLength' FROM complaint_events WHERE action = 'INFORMATION_PROVIDED'`).Scan(&lengths); err != nil || lengths != fmt.Sprint(utf8.RuneCountInString(answer)) {
		t.Errorf("answer length %q (%v), want %d", lengths, err, utf8.RuneCountInString(answer))
	}
	rep, err := db.RotateKeys(ctx, postgres.RotateOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	enc := map[string]int{}
	for _, col := range rep.Columns {
		enc[col.Field] = col.Encrypted
	}
	if enc["information_request_texts.question"] != 2 || enc["information_request_texts.answer"] != 1 {
		t.Errorf("rotate-keys encrypted %v", enc)
	}
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM information_request_texts WHERE question NOT LIKE 'v1:%' OR (answer <> '' AND answer NOT LIKE 'v1:%')`).Scan(&clear); err != nil || clear != 0 {
		t.Errorf("%d texts in clear after rotate-keys (%v)", clear, err)
	}
	historyReadsInformation(t, db, c, question, answer)
	if _, err := p.DownTo(ctx, version-1); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM complaint_events WHERE details ? 'question'`).Scan(&clear); err != nil || clear != 2 {
		t.Errorf("after down, %d entries with a question (%v), want 2", clear, err)
	}
}

// informationRequestBefore63 files a complaint with a request for information and its answer, and
// the acceptance clock's pause, as the schema before migration 00063 holds them; it returns the
// complaint's id.
func informationRequestBefore63(t *testing.T, db *postgres.DB, question, answer string) string {
	t.Helper()
	ctx := context.Background()
	c := fileTestComplaintBefore63(t, db)
	for _, q := range []string{
		`INSERT INTO complaint_events (complaint_id, action, from_status, to_status, actor_role, details, at)
			VALUES ($1, 'INFORMATION_REQUESTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'reviewer', jsonb_build_object('question', $2::text, 'deadlines', '["ACCEPTANCE:PAUSED"]'::jsonb), now())`,
		`INSERT INTO complaint_events (complaint_id, action, from_status, to_status, actor_role, details, at)
			VALUES ($1, 'INFORMATION_PROVIDED', 'NEEDS_INFORMATION', 'IN_TRIAGE', 'complainant', jsonb_build_object('question', $2::text, 'answer', $3::text), now())`,
		`INSERT INTO complaint_deadlines (id, complaint_id, kind, jurisdiction, unit, stage, state, started_at, due_at, due_set_at, record, updated_at)
			VALUES (gen_random_uuid(), $1, 'ACCEPTANCE', 'CN', 'WORKING_DAYS', 'ACCEPTANCE', 'OPEN', now(), now() + interval '7 days', now(),
			jsonb_build_object('kind', 'ACCEPTANCE', 'pauses', jsonb_build_array(jsonb_build_object('reason', 'WAITING_FOR_COMPLAINANT', 'by', 'reviewer', 'note', $2::text, 'since', now()))), now())`,
	} {
		args := []any{c, question}
		if strings.Count(q, "$") > 2 {
			args = append(args, answer)
		}
		if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE complaints SET status = 'NEEDS_INFORMATION', information_request = $2 WHERE id = $1`, c, question); err != nil {
		t.Fatal(err)
	}
	return c
}

// historyReadsInformation checks that complaint c's history reads the question and answer of its
// information request (as informationRequestBefore63 wrote them) back.
func historyReadsInformation(t *testing.T, db *postgres.DB, c, question, answer string) {
	t.Helper()
	h, err := (&postgres.ComplaintStore{DB: db}).History(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		if e.Action == domain.ActionRequestInformation || e.Action == domain.ActionProvideInformation {
			got = append(got, fmt.Sprint(e.Details["question"], "|", e.Details["answer"]))
		}
	}
	if want := []string{question + "|<nil>", question + "|" + answer}; !slices.Equal(got, want) {
		t.Errorf("history reads %q, want %q", got, want)
	}
}

// fileTestComplaintBefore63 writes a complaint row as the schema before migration 00063 holds it.
func fileTestComplaintBefore63(t *testing.T, db *postgres.DB) string {
	t.Helper()
	var userID int64
	if err := db.SQL.QueryRow(`INSERT INTO users (email, display_name, role, password_hash) VALUES ('o@t.test', 'owner', 'complainant', 'x') RETURNING id`).Scan(&userID); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := db.SQL.QueryRow(`INSERT INTO complaints (id, reference, status, complainant_id, relation, product, province, narrative, priority, created_at, updated_at)
		VALUES (gen_random_uuid(), 'RL-TEST-1', 'IN_TRIAGE', $1, 'SELF', 'CREDIT_CARD', '310000', 'x', 'NORMAL', now(), now()) RETURNING id::text`, userID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
