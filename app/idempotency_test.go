package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// keyed sends a GraphQL request with an idempotency key (in the Idempotency-Key header, or in
// extensions.idempotencyKey when inBody) and returns the status, the replay header and the body.
func keyed(t *testing.T, env *apptest.Env, token, key string, inBody bool, q string, vars map[string]any) (int, string, []byte) {
	t.Helper()
	req := map[string]any{"query": q, "variables": vars}
	if inBody {
		req["extensions"] = map[string]any{"idempotencyKey": key}
	}
	b, _ := json.Marshal(req)
	r, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", bytes.NewReader(b))
	r.Header.Set("Content-Type", "application/json")
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	if !inBody {
		r.Header.Set("Idempotency-Key", key)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Idempotency-Replayed"), body
}

// dbSnapshot is a checksum of every row of every table: a request that writes anything changes it.
func dbSnapshot(t *testing.T, env *apptest.Env) string {
	t.Helper()
	ctx := context.Background()
	rows, err := env.App.DB.SQL.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		_ = rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tb := range tables {
		var n, sum int64
		if err := env.App.DB.SQL.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), coalesce(sum(hashtext(t::text)), 0) FROM %q t`, tb)).Scan(&n, &sum); err != nil {
			t.Fatalf("snapshot %s: %v", tb, err)
		}
		fmt.Fprintf(&b, "%s:%d:%d\n", tb, n, sum)
	}
	return b.String()
}

func snapshotDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var d []string
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			d = append(d, al[i]+" → "+bl[i])
		}
	}
	return strings.Join(d, "; ")
}

// TestIdempotentMutations sends every mutation of the schema (the permission matrix's requests), as
// a caller allowed to run it, twice with the same idempotency key: the second answer is the first,
// byte for byte, marked Idempotency-Replayed, and no row of any table changed in between.
func TestIdempotentMutations(t *testing.T) {
	m, tokens := startMatrix(t)
	env := m.env
	mutations := 0
	for _, f := range schemaFields(t, env) {
		name, ok := strings.CutPrefix(f, "Mutation.")
		if !ok {
			continue
		}
		mutations++
		if signIns[name] {
			continue // answers with tokens are never kept: TestSignInAnswersAreNotKept
		}
		t.Run(name, func(t *testing.T) {
			want := matrixExpectations[f].own
			caller := ""
			for i, c := range matrixCallers { // the first caller allowed (acknowledgeAlert: past the permission check)
				if want[i] == 'A' || (caller == "" && want[i] == 'N') {
					caller = c
					if want[i] == 'A' {
						break
					}
				}
			}
			if caller == "" {
				t.Fatalf("no caller may run %s (%s)", name, want)
			}
			own := tenant{institution: strconv.FormatInt(m.p.lenderID, 10)}
			c := tenantComplaint(t, env, m.p.actors[domain.RoleComplainant].UserID, "east", m.p.lenderID)
			own.complaint, own.reference = c.ID, c.Reference
			own.complaint2 = tenantComplaint(t, env, m.p.actors[domain.RoleComplainant].UserID, "east", m.p.lenderID).ID
			q, vars := matrixCalls[f](t)(m, own)
			key := uuid.NewString()
			inBody := mutations%2 == 0 // half through the header, half through extensions
			s1, replay1, b1 := keyed(t, env, tokens[caller], key, inBody, q, vars)
			if replay1 != "" {
				t.Errorf("first request marked replayed")
			}
			before := dbSnapshot(t, env)
			s2, replay2, b2 := keyed(t, env, tokens[caller], key, inBody, q, vars)
			after := dbSnapshot(t, env)
			t.Logf("%s as %s: %d %.200s", name, caller, s1, b1)
			if s2 != s1 || !bytes.Equal(b1, b2) {
				t.Errorf("retry answered %d %.300s, want the first answer %d %.300s", s2, b2, s1, b1)
			}
			if replay2 != "true" {
				t.Errorf("retry not marked Idempotency-Replayed")
			}
			if before != after {
				t.Errorf("the retry wrote: %s", snapshotDiff(before, after))
			}
			if name == "logout" || name == "changePassword" {
				tokens[caller] = env.Login(t, demoEmail(t, domain.Role(caller)), app.DemoPassword)
			}
		})
	}
	if mutations < 40 {
		t.Fatalf("only %d mutations in the schema", mutations)
	}
}

// TestIdempotencyKeyRules: the same key with another request is refused with 422 and writes
// nothing; a malformed key is refused; a key on a query is ignored; a key belongs to its caller.
func TestIdempotencyKeyRules(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	a := env.Register(t, "idem-a@example.cn")
	b := env.Register(t, "idem-b@example.cn")
	const q = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id reference } }`
	in := func(narrative string) map[string]any {
		return map[string]any{"i": map[string]any{"relation": "PARENT", "lenderName": "马上消费", "product": "CONSUMER_LOAN", "province": "310000",
			"narrative": narrative, "violations": []any{"THIRD_PARTY_CONTACT"}}}
	}
	key := uuid.NewString()
	s, _, first := keyed(t, env, a, key, false, q, in("催收员每天给我打二十多个电话。"))
	if s != 200 || bytes.Contains(first, []byte(`"errors"`)) {
		t.Fatalf("file: %d %s", s, first)
	}
	before := dbSnapshot(t, env)
	s, _, body := keyed(t, env, a, key, false, q, in("另一件事：他们给我同事打电话。"))
	if s != http.StatusUnprocessableEntity || !bytes.Contains(body, []byte(`"BAD_USER_INPUT"`)) || !bytes.Contains(body, []byte(`"field":"Idempotency-Key"`)) ||
		!bytes.Contains(body, []byte(`messageZh`)) {
		t.Errorf("same key, other request: %d %s", s, body)
	}
	if after := dbSnapshot(t, env); after != before {
		t.Errorf("the refused request wrote: %s", snapshotDiff(before, after))
	}
	// Another caller's same key is another key: B files a complaint of its own.
	s, replay, body := keyed(t, env, b, key, false, q, in("催收员每天给我打二十多个电话。"))
	if s != 200 || replay != "" || bytes.Equal(body, first) {
		t.Errorf("another caller with the same key: %d replayed=%q %s", s, replay, body)
	}
	for _, bad := range []string{strings.Repeat("k", 101), "has space", "键"} {
		if s, _, body := keyed(t, env, a, bad, false, q, in("x")); s != http.StatusBadRequest || !bytes.Contains(body, []byte(`"field":"Idempotency-Key"`)) {
			t.Errorf("key %q: %d %s", bad, s, body)
		}
	}
	// A query with a key runs every time and keeps nothing.
	for range 2 {
		if s, replay, _ := keyed(t, env, a, "query-key", false, `{ me { id } }`, nil); s != 200 || replay != "" {
			t.Errorf("query with a key: %d replayed=%q", s, replay)
		}
	}
	var n int64
	if err := env.App.DB.SQL.QueryRow(`SELECT count(*) FROM idempotency_keys WHERE key = 'query-key'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("a query's key was kept (%d, %v)", n, err)
	}
	// The kept answer is encrypted: the complaint's reference is not readable in the table.
	var stored string
	if err := env.App.DB.SQL.QueryRow(`SELECT response FROM idempotency_keys WHERE key = $1 LIMIT 1`, key).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored, "RL-") || strings.Contains(stored, "fileComplaint") {
		t.Errorf("the kept answer is stored in clear: %.100s", stored)
	}
}

// signIns are the mutations that answer with credentials (AuthPayload). A new one fails
// TestIdempotentMutations (its retry is not replayed) until it is listed here.
var signIns = map[string]bool{"login": true, "refreshSession": true, "confirmRegistration": true}

// TestSignInAnswersAreNotKept: an idempotency key on a mutation that answers with credentials
// (login, refreshSession, confirmRegistration: an AuthPayload) kept the answer — a live access
// token and a 30-day refresh token, encrypted with the key ring — in idempotency_keys for a day
// (found by hand), though refresh tokens are otherwise stored only as hashes that nothing can turn
// back into a token, and handed it again to anyone who sent the same key and request (callers not
// signed in share one key space). Such mutations ignore keys: nothing is kept, a retry signs in
// afresh.
func TestSignInAnswersAreNotKept(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	env.Register(t, "idem-login@example.cn")
	login := `mutation($e:String!,$p:String!){ login(email:$e, password:$p){ token refreshToken } }`
	vars := map[string]any{"e": "idem-login@example.cn", "p": "correct-horse-42"}
	var refresh []string
	for _, inBody := range []bool{false, true, false} {
		s, replayed, body := keyed(t, env, "", "same-key-for-a-sign-in", inBody, login, vars)
		if s != http.StatusOK || replayed != "" || !bytes.Contains(body, []byte("refreshToken")) {
			t.Fatalf("login with a key: %d replayed %q %s", s, replayed, body)
		}
		var r struct {
			Data struct{ Login struct{ RefreshToken string } }
		}
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		refresh = append(refresh, r.Data.Login.RefreshToken)
	}
	if refresh[0] == refresh[1] || refresh[1] == refresh[2] {
		t.Fatal("a retried sign-in got the first answer's refresh token back")
	}
	s, _, body := keyed(t, env, "", "key-for-a-refresh", false, `mutation($r:String!){ refreshSession(refreshToken:$r){ refreshToken } }`, map[string]any{"r": refresh[2]})
	if s != http.StatusOK {
		t.Fatalf("refreshSession with a key: %d %s", s, body)
	}
	var kept int64
	if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM idempotency_keys").Scan(&kept).Error; err != nil {
		t.Fatal(err)
	}
	if kept != 0 {
		t.Fatalf("%d answers of sign-ins kept in idempotency_keys, want 0", kept)
	}

}

// TestFilingKeyReusedForAnotherComplaint: fileComplaint's own idempotencyKey, sent again with
// another filing, answered with the earlier complaint as if the new one were filed, and dropped
// the new text without a word (found by hand). The same filing again is still the earlier
// complaint; anything the complainant wrote that differs is BAD_USER_INPUT on idempotencyKey, and
// nothing is written.
func TestFilingKeyReusedForAnotherComplaint(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	env.Register(t, "retry@example.cn")
	tok := env.Login(t, "retry@example.cn", "correct-horse-42")
	const file = `mutation($i: FileComplaintInput!, $k: String) { fileComplaint(input: $i, idempotencyKey: $k) { id } }`
	first := env.MustDo(t, tok, file, map[string]any{"i": selfFiling(), "k": "filing-1"})["fileComplaint"].(map[string]any)["id"]
	again := env.MustDo(t, tok, file, map[string]any{"i": selfFiling(), "k": "filing-1"})["fileComplaint"].(map[string]any)["id"]
	if again != first {
		t.Fatalf("the same filing with the same key gave %v, want %v", again, first)
	}
	before := dbSnapshot(t, env)
	for path, v := range map[string]any{
		"narrative":              "完全不同的另一件事：另一家机构的催收员到我单位闹事。",
		"debtor.mobile":          "13912345678",
		"consentToPublish":       true,
		"incidents.1.count":      4,
		"incidents.0.occurredAt": "2026-01-05T23:11:00+08:00",
		"violations":             []any{"THREAT"},
		"amountOwed":             "12800.51",
		"daysOverdue":            46,
	} {
		t.Run(path, func(t *testing.T) {
			r := env.Do(t, tok, file, map[string]any{"i": with(selfFiling(), path, v), "k": "filing-1"})
			if r.Code() != "BAD_USER_INPUT" || r.Field() != "idempotencyKey" {
				t.Fatalf("another filing with a used key: %s on %q, want BAD_USER_INPUT on idempotencyKey", r.Code(), r.Field())
			}
		})
	}
	if after := dbSnapshot(t, env); after != before {
		t.Fatalf("refused filings wrote: %s", snapshotDiff(before, after))
	}
	if n := env.MustDo(t, tok, `{ complaints { totalCount } }`, nil)["complaints"].(map[string]any)["totalCount"]; n != 1.0 {
		t.Fatalf("%v complaints, want 1", n)
	}
}
