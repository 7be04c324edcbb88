package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestBodyWithBrokenTextIsRefused (attack round 28, session 33): invalid UTF-8 bytes and lone
// surrogate escapes in a JSON body were decoded as U+FFFD and stored — a complaint was filed with a
// narrative of replacement characters the complainant never wrote. The body is refused whole:
// 400 BAD_USER_INPUT on body with the reason, nothing written. A surrogate pair, and a backslash
// escaped before "ud800" (the text \ud800), are text and pass.
func TestBodyWithBrokenTextIsRefused(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	token := env.Register(t, "broken-text@example.cn")
	body := func(narrative string) []byte {
		return []byte(`{"query":"mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id narrative } }","variables":{"i":{` +
			`"relation":"PARENT","lenderName":"马上消费","product":"CONSUMER_LOAN","province":"310000","violations":[],` +
			`"debtor":{"name":"张三"},"narrative":"催收员每天打二十多个电话。` + narrative + `"}}}`)
	}
	for _, c := range []struct{ name, narrative, reason string }{
		{"InvalidUTF8", "\xff\xfe", "INVALID_UTF8"},
		{"Overlong", "\xc0\xaf", "INVALID_UTF8"},
		{"HighAlone", `\ud800 end`, "LONE_SURROGATE"},
		{"HighAtEnd", `\uD83D`, "LONE_SURROGATE"},
		{"LowAlone", `\udc00`, "LONE_SURROGATE"},
		{"HighThenNotLow", `\ud83d\u0041`, "LONE_SURROGATE"},
		{"TwoHighs", `\ud83d\ud83d`, "LONE_SURROGATE"},
	} {
		a := send(t, env.URL+"/graphql", http.MethodPost, "application/json", graphQLResponse, token, body(c.narrative))
		if a.status != http.StatusBadRequest || a.code() != "BAD_USER_INPUT" || len(a.errors) == 0 ||
			a.errors[0].Extensions["field"] != "body" || a.errors[0].Extensions["reason"] != c.reason {
			t.Errorf("%s: %d %+v, want 400 BAD_USER_INPUT on body (%s)", c.name, a.status, a.errors, c.reason)
		}
	}
	list := send(t, env.URL+"/graphql", http.MethodPost, "application/json", graphQLResponse, token,
		gqlBody(`{ complaints(first: 10) { edges { node { id } } } }`, nil))
	if edges, _ := list.data["complaints"].(map[string]any)["edges"].([]any); len(edges) != 0 {
		t.Errorf("%d complaints written by refused bodies", len(edges))
	}
	for _, c := range []struct{ name, narrative, want string }{
		{"Pair", `\ud83d\ude00`, "😀"},
		{"EscapedBackslash", `\\ud800`, `\ud800`},
	} {
		a := send(t, env.URL+"/graphql", http.MethodPost, "application/json", graphQLResponse, token, body(c.narrative))
		fc, _ := a.data["fileComplaint"].(map[string]any)
		if n, _ := fc["narrative"].(string); !strings.HasSuffix(n, c.want) {
			t.Errorf("%s: %d %+v %v, want the complaint filed ending in %q", c.name, a.status, a.errors, a.data, c.want)
		}
	}
}
