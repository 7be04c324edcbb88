package graph

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestPersistedQueries follows Apollo's protocol: a hash alone is unknown until the document is
// sent with it once; afterwards the hash alone runs the document. A hash that is not the
// document's, a malformed hash, another version, and a document that does not validate are
// refused, and the last is not remembered.
func TestPersistedQueries(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const q = `query V($j: Jurisdiction) { violationTypes(jurisdiction: $j) { code } }`
	pq := func(hash string, version int) Extensions {
		return Extensions{PersistedQuery: &PersistedQuery{Version: version, Sha256Hash: hash}}
	}
	code := func(req Request) (string, bool) {
		res, refused := x.Run(ctx, req)
		if len(res.Errors) == 0 {
			return "", refused
		}
		c, _ := res.Errors[0].Extensions["code"].(string)
		return c, refused
	}
	h := QueryHash(q)
	vars := map[string]any{"j": "CN"}
	if c, refused := code(Request{Variables: vars, Extensions: pq(h, 1)}); c != CodePersistedQueryNotFound || !refused {
		t.Fatalf("unknown hash: code %q refused %v, want %s", c, refused, CodePersistedQueryNotFound)
	}
	if c, _ := code(Request{Query: q, Variables: vars, Extensions: pq(strings.Repeat("0", 64), 1)}); c != "BAD_USER_INPUT" {
		t.Errorf("hash of another document: code %q, want BAD_USER_INPUT", c)
	}
	if c, _ := code(Request{Variables: vars, Extensions: pq("abc", 1)}); c != "BAD_USER_INPUT" {
		t.Errorf("malformed hash: code %q, want BAD_USER_INPUT", c)
	}
	if c, _ := code(Request{Query: q, Variables: vars, Extensions: pq(h, 2)}); c != CodePersistedQueryNotSupported {
		t.Errorf("version 2: code %q, want %s", c, CodePersistedQueryNotSupported)
	}
	// Registered with its document, then run by hash alone.
	if c, _ := code(Request{Query: q, Variables: vars, Extensions: pq(h, 1)}); c != "" {
		t.Fatalf("register: %q", c)
	}
	res := x.Do(ctx, Request{Variables: vars, Extensions: pq(h, 1)})
	if len(res.Errors) > 0 || !strings.Contains(toJSON(res.Data), "THREAT") {
		t.Fatalf("by hash: %+v %+v", res.Data, res.Errors)
	}
	// A document that does not validate is answered with its validation error and not remembered.
	bad := `{ noSuchField }`
	if c, _ := code(Request{Query: bad, Extensions: pq(QueryHash(bad), 1)}); c != CodeValidationFailed {
		t.Errorf("invalid document: code %q, want %s", c, CodeValidationFailed)
	}
	if c, _ := code(Request{Extensions: pq(QueryHash(bad), 1)}); c != CodePersistedQueryNotFound {
		t.Errorf("invalid document remembered: code %q, want %s", c, CodePersistedQueryNotFound)
	}
}

// TestPersistedQueriesArePerCaller (fourth attack pass): one store for every caller let anyone
// who could guess a document's exact text — literals included — learn whether someone else had
// run it lately (found or PERSISTED_QUERY_NOT_FOUND), without running it. A hash is found only
// by the caller who registered it: the same user from any address, the same client address
// without signing in.
func TestPersistedQueriesArePerCaller(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	const q = `{ violationTypes(jurisdiction: CN) { code } }`
	pq := &PersistedQuery{Version: 1, Sha256Hash: QueryHash(q)}
	alice := domain.WithRequestAddress(domain.WithActor(context.Background(), domain.Actor{UserID: 7, Role: domain.RoleComplainant}), "198.51.100.1")
	aliceElsewhere := domain.WithRequestAddress(domain.WithActor(context.Background(), domain.Actor{UserID: 7, Role: domain.RoleComplainant}), "203.0.113.9")
	bob := domain.WithRequestAddress(domain.WithActor(context.Background(), domain.Actor{UserID: 8, Role: domain.RoleComplainant}), "198.51.100.1")
	anonSameAddr := domain.WithRequestAddress(context.Background(), "198.51.100.1")
	anonOther := domain.WithRequestAddress(context.Background(), "203.0.113.9")
	found := func(ctx context.Context) bool {
		res, _ := x.Run(ctx, Request{Extensions: Extensions{PersistedQuery: pq}})
		return len(res.Errors) == 0
	}
	if res, _ := x.Run(alice, Request{Query: q, Extensions: Extensions{PersistedQuery: pq}}); len(res.Errors) > 0 {
		t.Fatalf("register: %+v", res.Errors)
	}
	if !found(alice) || !found(aliceElsewhere) {
		t.Errorf("the user who registered the hash does not find it")
	}
	for name, ctx := range map[string]context.Context{"another user": bob, "anonymous, same address": anonSameAddr, "anonymous": anonOther} {
		if found(ctx) {
			t.Errorf("%s finds a hash another caller registered", name)
		}
	}
	if res, _ := x.Run(anonOther, Request{Query: q, Extensions: Extensions{PersistedQuery: pq}}); len(res.Errors) > 0 {
		t.Fatalf("register anonymously: %+v", res.Errors)
	}
	if !found(anonOther) || found(anonSameAddr) {
		t.Errorf("anonymous hashes are not kept per address")
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestAnonymousPersistedQueriesHoldNoValues (issue 14, hardening): callers without a token behind
// one address share its store, so one of them could send the hash of a document with a guessed
// value written in it — a search text, a reference — and learn from found / not found whether
// someone else behind the address had run it. For them only documents without string
// literals nor numbers given as identifiers are remembered; a signed-in user's store (theirs alone)
// keeps any document.
func TestAnonymousPersistedQueriesHoldNoValues(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	office := domain.WithRequestAddress(context.Background(), "198.51.100.1")
	alice := domain.WithRequestAddress(domain.WithActor(context.Background(), domain.Actor{UserID: 7, Role: domain.RoleComplainant}), "198.51.100.1")
	for _, c := range []struct {
		ctx      context.Context
		who, q   string
		remember bool
	}{
		{office, "anonymous", `{ institutions(search: "某某小贷", first: 5) { edges { node { id } } } }`, false},
		{office, "anonymous", `{ publicComplaints(filter: {institutionId: 12}) { totalCount } }`, false},
		{office, "anonymous", `{ publicComplaints(first: 7) { totalCount } }`, true},                                        // a page size
		{office, "anonymous", `query($s: String) { institutions(search: $s, first: $n) { edges { node { id } } } }`, false}, // does not validate ($n)
		{office, "anonymous", `query($s: String, $n: Int) { institutions(search: $s, first: $n) { edges { node { id } } } }`, true},
		{office, "anonymous", `{ violationTypes(jurisdiction: CN) { code } }`, true}, // an enum: one of a few views
		{alice, "signed in", `{ institutions(search: "某某小贷", first: 5) { edges { node { id } } } }`, true},
		{alice, "signed in", `{ publicComplaints(filter: {institutionId: 12}) { totalCount } }`, true},
	} {
		pq := &PersistedQuery{Version: 1, Sha256Hash: QueryHash(c.q)}
		x.Run(c.ctx, Request{Query: c.q, Extensions: Extensions{PersistedQuery: pq}})
		res, _ := x.Run(c.ctx, Request{Extensions: Extensions{PersistedQuery: pq}})
		notFound := len(res.Errors) == 1 && res.Errors[0].Extensions["code"] == CodePersistedQueryNotFound
		if notFound == c.remember {
			t.Errorf("%s, %s: remembered %v, want %v (%+v)", c.who, c.q, !notFound, c.remember, res.Errors)
		}
	}
}
