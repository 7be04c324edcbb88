package graph

import (
	"context"
	"testing"
)

// TestCostlyReads: the requests that run in the costly lane of the in-flight bound, however their
// root fields are reached; every field the list names exists (a renamed field would silently
// move its reads back into the general lane).
func TestCostlyReads(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for name := range costlyFields {
		if x.schema.QueryType().Fields()[name] == nil && x.schema.MutationType().Fields()[name] == nil {
			t.Errorf("costly field %s is not in the schema", name)
		}
	}
	for _, c := range []struct {
		query  string
		vars   map[string]any
		costly bool
	}{
		{`{ publicFigures { __typename } }`, nil, true},
		{`{ me { id } stats(groupBy: [INSTITUTION]) { __typename } }`, nil, true},
		{`{ ...F } fragment F on Query { ... on Query { trends(interval: MONTH) { __typename } } }`, nil, true},
		{`query($f: ComplaintFilter) { complaints(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"text": "老赖"}}, true},
		{`query($t: String) { complaints(filter: {text: $t}) { totalCount } }`, map[string]any{"t": "老赖"}, true},
		{`{ complaints(filter: {text: "老赖"}) { totalCount } }`, nil, true},
		{`query($f: ComplaintFilter = {text: "老赖"}) { complaints(filter: $f) { totalCount } }`, nil, true},
		{`query($t: String = "老赖") { complaints(filter: {text: $t}) { totalCount } }`, nil, true},
		{`query($f: ComplaintFilter) { complaints(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"team": "east"}}, false},
		{`{ complaints(first: 50) { totalCount } }`, nil, false},
		{`{ me { id } }`, nil, false},
		{`mutation { login(email: "a@b.cn", password: "x") { token } }`, nil, false},
		{`{ publicFigures { nope } }`, nil, false}, // refused before it reads anything
	} {
		if got := x.Costly(context.Background(), Request{Query: c.query, Variables: c.vars}); got != c.costly {
			t.Errorf("%s %v: costly %v, want %v", c.query, c.vars, got, c.costly)
		}
	}
}
