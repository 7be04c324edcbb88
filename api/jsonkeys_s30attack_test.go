package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// Attack round 25 (session 30), round 24's leftover: GET /graphql executes nothing, but its
// parameters were not held to what a POST body is held to — a parameter given twice, or a key named
// twice in the JSON of variables or extensions, was answered 405 or the GraphiQL page like any other.
// They are refused 400 BAD_USER_INPUT naming the key, as in a body.
func TestGraphQLGetParametersNameEachKeyOnce(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	for _, c := range []struct{ query, field string }{
		{"query=" + url.QueryEscape("{ __typename }") + "&variables=" + url.QueryEscape(`{"a":1,"a":2}`), "variables.a"},
		{"variables=" + url.QueryEscape(`{"f":{"text":"a","text":"b"}}`), "variables.f.text"},
		{"query=" + url.QueryEscape("{ __typename }") + "&extensions=" + url.QueryEscape(`{"idempotencyKey":"a","IdempotencyKey":"b"}`), "extensions.IdempotencyKey"},
		{"query=" + url.QueryEscape("{ __typename }") + "&query=" + url.QueryEscape("mutation { logout }"), "query"},
		{"query=x&variables=%7B%7D&variables=%7B%7D", "variables"},
		{"operationName=a&operationName=b", "operationName"},
	} {
		for _, accept := range []string{"application/json", "text/html"} {
			a := send(t, env.URL+"/graphql?"+c.query, http.MethodGet, "", accept, "", nil)
			if a.status != http.StatusBadRequest || a.code() != "BAD_USER_INPUT" || a.errors[0].Extensions["field"] != c.field {
				t.Errorf("GET ?%.70s (Accept %s): %d %s %v, want 400 BAD_USER_INPUT on %q", c.query, accept, a.status, a.code(), a.errors, c.field)
			}
		}
	}
	// Keys named once, in different objects, or $a beside $A: as before (405 for JSON, the page for a browser).
	for _, q := range []string{
		"query=" + url.QueryEscape("{ __typename }") + "&variables=" + url.QueryEscape(`{"a":{"k":1},"b":{"k":2},"A":3}`),
		"",
	} {
		if q != "" {
			if a := send(t, env.URL+"/graphql?"+q, http.MethodGet, "", "application/json", "", nil); a.status != http.StatusMethodNotAllowed {
				t.Errorf("GET ?%.70s: %d, want 405", q, a.status)
			}
		}
		req, _ := http.NewRequest(http.MethodGet, env.URL+"/graphql?"+q, nil)
		req.Header.Set("Accept", "text/html")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET ?%.70s as a browser: %d %s, want the GraphiQL page", q, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}
