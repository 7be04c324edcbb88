package graph

import (
	"context"
	"testing"
)

// TestVariableInsideAnInputObjectIsNamedByItsField (session 26, attack; found by hand): a variable
// whose text is refused, used inside an input object or list literal (filter: {text: $t}), was
// reported on the field "t" — the variable's own name, which the schema does not have. It is
// reported on the argument's path ("filter.text", "ids.1"), as a variable given a whole argument
// is; inside an inline fragment too.
func TestVariableInsideAnInputObjectIsNamedByItsField(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		query string
		vars  map[string]any
		field string
	}{
		"object":   {`query($t: String) { complaints(first: 5, filter: {text: $t}) { totalCount } }`, map[string]any{"t": "a\u0007b"}, "filter.text"},
		"list":     {`mutation($b: ID!) { assignComplaint(ids: ["a", $b], assigneeId: "1") { id } }`, map[string]any{"b": "x\u202ey"}, "ids.1"},
		"fragment": {`query($t: String) { ... on Query { complaints(filter: {text: $t}) { totalCount } } }`, map[string]any{"t": "\U000E0041"}, "filter.text"},
		"whole":    {`query($id: ID!) { complaint(id: $id) { id } }`, map[string]any{"id": "a\u0000"}, "id"},
	} {
		res, refused := x.Run(context.Background(), Request{Query: c.query, Variables: c.vars})
		if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["field"] != c.field {
			t.Errorf("%s: refused %v, %+v; want one error on %s", name, refused, res.Errors, c.field)

		}
	}
}
