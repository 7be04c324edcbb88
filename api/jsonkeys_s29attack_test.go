package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// Attack round 24 (session 29): a body naming a key twice in one object was run with the last of
// the two — {"query":"{ __typename }","query":"mutation { logout }"} logged the caller out — where
// a proxy, a log or a firewall reading the first saw a query. As an Authorization header sent twice
// (session 26), it is refused, naming the key; a key repeated in different objects is no repeat.
func TestGraphQLBodyNamesEachKeyOnce(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	url := env.URL + "/graphql"
	for _, c := range []struct{ body, field string }{
		{`{"query":"{ __typename }","query":"mutation { logout }"}`, "query"},
		{`{"query":"query($a: Int) { __typename }","variables":{"a":1},"variables":{"a":2}}`, "variables"},
		{`{"query":"{ __typename }","operationName":null,"operationName":"x"}`, "operationName"},
		{`{"query":"query($i: [ID!]) { __typename }","variables":{"i":["a",{"k":1,"k":2}]}}`, "variables.i.1.k"},
		{`{"query":"query($f: ComplaintFilter) { __typename }","variables":{"f":{"text":"a","province":"b","text":"c"}}}`, "variables.f.text"},
		{`{"query":"{ __typename }","extensions":{"idempotencyKey":"a","idempotencyKey":"b"}}`, "extensions.idempotencyKey"},
		// the request and its extensions are decoded into structs, whose fields match any case
		{`{"query":"{ __typename }","QUERY":"mutation { logout }"}`, "QUERY"},
		{`{"query":"{ __typename }","qu\u0065ry":"mutation { logout }"}`, "query"},
		{`{"query":"{ __typename }","extensions":{"idempotencyKey":"a","IdempotencyKey":"b"}}`, "extensions.IdempotencyKey"},
		{`{"query":"{ __typename }","extensions":{"a":1},"extenſionſ":{"a":2}}`, "extenſionſ"},
		{`{"query":"{ __typename }","variables":{"` + strings.Repeat("k", 300) + `":1,"` + strings.Repeat("k", 300) + `":2}}`, "variables." + strings.Repeat("k", 190) + "…"},
	} {
		a := send(t, url, http.MethodPost, "application/json", "", "", []byte(c.body))
		if a.status != http.StatusBadRequest || a.code() != "BAD_USER_INPUT" || a.errors[0].Extensions["field"] != c.field || a.data != nil {
			t.Errorf("%.70q: %d %s %v, want 400 BAD_USER_INPUT on %.40q", c.body, a.status, a.code(), a.errors, c.field)
		}
	}
	for _, body := range []string{
		`{"query":"query($a: Boolean!, $b: Boolean!) { __typename @include(if: $a) t: __typename @skip(if: $b) }","variables":{"a":true,"b":false}}`,
		`{"query":"query($query: Boolean!) { __typename @include(if: $query) }","variables":{"query":true}}`,
		// variables are a map: $a and $A are two
		`{"query":"query($a: Boolean!, $A: Boolean!) { __typename @include(if: $a) t: __typename @include(if: $A) }","variables":{"a":true,"A":true}}`,
		`{"query":"{ __typename }","variables":{},"extensions":{}}`,
	} {
		if a := send(t, url, http.MethodPost, "application/json", "", "", []byte(body)); a.status != 200 || a.data["__typename"] != "Query" {
			t.Errorf("%.70q: %d %v, want the answer", body, a.status, a.errors)
		}
	}
}
