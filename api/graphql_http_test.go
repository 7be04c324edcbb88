package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// The GraphQL document path over HTTP: hostile documents and text, and GraphQL over HTTP's media
// types and statuses. Each runs the real platform through apptest.

type httpAnswer struct {
	status      int
	contentType string
	header      http.Header
	errors      []gqlError
	data        map[string]any
}

func (a httpAnswer) code() string {
	if len(a.errors) == 0 {
		return ""
	}
	c, _ := a.errors[0].Extensions["code"].(string)
	return c
}

// send posts body to /graphql with the given Content-Type and Accept headers (either may be "").
func send(t *testing.T, url, method, contentType, accept, token string, body []byte) httpAnswer {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := httpAnswer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), header: resp.Header}
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []gqlError     `json:"errors"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("status %d: not JSON: %.200s", resp.StatusCode, raw)
	}
	a.errors, a.data = out.Errors, out.Data
	return a
}

func gqlBody(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

const graphQLResponse = "application/graphql-response+json"

// TestGraphQLFragmentCycleOverHTTP sends the request that killed the process (a fragment spreading
// itself) and variants: each is refused with a 4xx answer, and the server keeps answering.
func TestGraphQLFragmentCycleOverHTTP(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	for _, q := range []string{
		`{__typename ...A} fragment A on Query{__typename ...A}`,
		`{__typename ...A} fragment A on Query{__typename ...B} fragment B on Query{... on Query{__typename ...A}}`,
		`query Q {__typename ...A} fragment A on Query{violationTypes(jurisdiction: CN){...V}} fragment V on ViolationType{code ...V}`,
	} {
		a := send(t, env.URL+"/graphql", http.MethodPost, "application/json", graphQLResponse, "", gqlBody(q, nil))
		if a.status != http.StatusBadRequest || a.code() != "GRAPHQL_VALIDATION_FAILED" || a.errors[0].Extensions["messageZh"] == nil {
			t.Fatalf("%q: status %d %+v, want 400 GRAPHQL_VALIDATION_FAILED with messageZh", q, a.status, a.errors)
		}
		legacy := send(t, env.URL+"/graphql", http.MethodPost, "application/json", "", "", gqlBody(q, nil))
		if legacy.status != http.StatusOK || legacy.code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Fatalf("%q as application/json: status %d %+v, want 200 GRAPHQL_VALIDATION_FAILED", q, legacy.status, legacy.errors)
		}
	}
	if a := send(t, env.URL+"/graphql", http.MethodPost, "application/json", "", "", gqlBody(`{ __typename }`, nil)); a.status != 200 || a.data["__typename"] != "Query" {
		t.Fatalf("after the cycles: %d %+v", a.status, a.errors)
	}
}

// TestGraphQLInvalidTextOverHTTP files complaints and registers with a NUL byte in their text:
// BAD_USER_INPUT on the field (PostgreSQL refused it and the answer was INTERNAL), nothing written.
func TestGraphQLInvalidTextOverHTTP(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	token := env.Register(t, "nul@example.cn")
	file := func(edit func(in map[string]any)) map[string]any {
		in := map[string]any{"relation": "PARENT", "lenderName": "马上消费", "product": "CONSUMER_LOAN", "province": "310000",
			"narrative": "催收员每天打二十多个电话。", "violations": []any{"THIRD_PARTY_CONTACT"},
			"debtor": map[string]any{"name": "张三"}}
		edit(in)
		return map[string]any{"i": in}
	}
	cases := []struct {
		name, query, token string
		vars               map[string]any
		field              string
	}{
		{"Narrative", fileQuery, token, file(func(in map[string]any) { in["narrative"] = "催收\x00员" }), "input.narrative"},
		{"DebtorName", fileQuery, token, file(func(in map[string]any) { in["debtor"] = map[string]any{"name": "张\x00三"} }), "input.debtor.name"},
		{"Incident", fileQuery, token, file(func(in map[string]any) {
			in["incidents"] = []any{map[string]any{"occurredAt": "2026-01-01T00:00:00Z", "channel": "SMS", "description": "\x00"}}
		}), "input.incidents.0.description"},
		{"Literal", `mutation { fileComplaint(input: {relation: PARENT, lenderName: "马上\u0000消费", product: CONSUMER_LOAN, province: "310000", narrative: "n", violations: []}) { id } }`,
			token, nil, "input.lenderName"},
		{"RegisterDisplayName", `mutation($n: String!) { register(email: "x@example.cn", password: "correct-horse-42", displayName: $n) { checkEmail } }`,
			"", map[string]any{"n": "王\x00五"}, "displayName"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := send(t, env.URL+"/graphql", http.MethodPost, "application/json", graphQLResponse, c.token, gqlBody(c.query, c.vars))
			if a.status != http.StatusBadRequest || a.code() != "BAD_USER_INPUT" || a.errors[0].Extensions["field"] != c.field || a.errors[0].Extensions["messageZh"] == nil {
				t.Fatalf("status %d %+v, want 400 BAD_USER_INPUT on %s", a.status, a.errors, c.field)
			}
		})
	}
	// Nothing was written: no complaint, no account.
	if r := env.Do(t, token, `{ complaints(first: 10) { totalCount } }`, nil); r.Code() != "" || r.Data["complaints"].(map[string]any)["totalCount"] != float64(0) {
		t.Fatalf("complaints after refusals: %+v %+v", r.Data, r.Errors)
	}
	if r := env.Do(t, "", `mutation { login(email: "x@example.cn", password: "correct-horse-42") { token } }`, nil); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("login of the refused registration: %q, want UNAUTHENTICATED", r.Code())
	}
}

// TestGraphQLOverHTTP checks the media types and statuses of GraphQL over HTTP.
func TestGraphQLOverHTTP(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	url := env.URL + "/graphql"
	ok := gqlBody(`{ __typename }`, nil)

	t.Run("ResponseMediaType", func(t *testing.T) {
		for accept, want := range map[string]string{
			"":                 "application/json",
			"application/json": "application/json",
			"*/*":              "application/json",
			graphQLResponse:    graphQLResponse,
			graphQLResponse + ", application/json;q=0.9":      graphQLResponse,
			"application/json, " + graphQLResponse + ";q=0.5": "application/json",
		} {
			a := send(t, url, http.MethodPost, "application/json", accept, "", ok)
			if a.status != 200 || !strings.HasPrefix(a.contentType, want) || a.data["__typename"] != "Query" {
				t.Errorf("Accept %q: %d %q %+v, want 200 %s", accept, a.status, a.contentType, a.errors, want)
			}
		}
	})
	t.Run("RefusedDocumentsAre4xx", func(t *testing.T) {
		for _, c := range []struct {
			name, query string
			vars        map[string]any
			code        string
		}{
			{"Parse", `{ __typename `, nil, "GRAPHQL_PARSE_FAILED"},
			{"Validation", `{ noSuchField }`, nil, "GRAPHQL_VALIDATION_FAILED"},
			{"Variables", `query($j: Jurisdiction!) { violationTypes(jurisdiction: $j) { code } }`, map[string]any{"j": "MARS"}, "BAD_USER_INPUT"},
			{"MissingVariable", `query($j: Jurisdiction!) { violationTypes(jurisdiction: $j) { code } }`, nil, "BAD_USER_INPUT"},
			{"TooDeep", strings.Repeat("{ f ", 11) + strings.Repeat("} ", 11), nil, "QUERY_TOO_DEEP"},
		} {
			t.Run(c.name, func(t *testing.T) {
				a := send(t, url, http.MethodPost, "application/json", graphQLResponse, "", gqlBody(c.query, c.vars))
				if a.status != http.StatusBadRequest || !strings.HasPrefix(a.contentType, graphQLResponse) || a.code() != c.code ||
					a.errors[0].Extensions["messageZh"] == nil || a.data != nil {
					t.Errorf("%d %q %+v, want 400 %s with messageZh and no data", a.status, a.contentType, a.errors, c.code)
				}
				legacy := send(t, url, http.MethodPost, "application/json", "application/json", "", gqlBody(c.query, c.vars))
				if legacy.status != http.StatusOK || legacy.code() != c.code {
					t.Errorf("as application/json: %d %+v, want 200 %s", legacy.status, legacy.errors, c.code)
				}
			})
		}
		// An error during execution is not a refused request: 200 with the error.
		if a := send(t, url, http.MethodPost, "application/json", graphQLResponse, "", gqlBody(`{ complaints(first: 1) { totalCount } }`, nil)); a.status != 200 || a.code() != "UNAUTHENTICATED" {
			t.Errorf("execution error: %d %+v, want 200 UNAUTHENTICATED", a.status, a.errors)
		}
	})
	t.Run("NonJSONPostRefused", func(t *testing.T) {
		// A text/plain or form POST is what a cross-site page can send without a preflight.
		register := gqlBody(`mutation { register(email: "csrf@example.cn", password: "correct-horse-42", displayName: "跨站") { checkEmail } }`, nil)
		for _, ct := range []string{"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""} {
			a := send(t, url, http.MethodPost, ct, "", "", register)
			if a.status != http.StatusUnsupportedMediaType || a.code() != "BAD_USER_INPUT" || a.errors[0].Extensions["messageZh"] == nil {
				t.Errorf("Content-Type %q: %d %+v, want 415 BAD_USER_INPUT", ct, a.status, a.errors)
			}
		}
		if r := env.Do(t, "", `mutation { login(email: "csrf@example.cn", password: "correct-horse-42") { token } }`, nil); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("the refused POSTs registered an account: login %q", r.Code())
		}
		if a := send(t, url, http.MethodPost, "application/json; charset=utf-8", "", "", ok); a.status != 200 {
			t.Errorf("application/json with charset: %d %+v", a.status, a.errors)
		}
	})
	t.Run("NoExecutionOverGET", func(t *testing.T) {
		q := `mutation { register(email: "get@example.cn", password: "correct-horse-42", displayName: "get") { checkEmail } }`
		a := send(t, url+"?query="+strings.ReplaceAll(q, " ", "%20"), http.MethodGet, "", "application/json", "", nil)
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != "POST" || a.code() != "BAD_USER_INPUT" {
			t.Errorf("GET with a mutation: %d Allow %q %+v, want 405 Allow POST", a.status, a.header.Get("Allow"), a.errors)
		}
		if r := env.Do(t, "", `mutation { login(email: "get@example.cn", password: "correct-horse-42") { token } }`, nil); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("the GET registered an account: login %q", r.Code())
		}
	})
}
