package graph

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
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

// TestUnknownKeyIsNotEchoedWhole (session 26, attack; found by hand): a variable's input object
// with an unknown key of 100,000 characters was refused with that key whole in "field"; the field
// is cut at 200 bytes.
func TestUnknownKeyIsNotEchoedWhole(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	key := "x" + strings.Repeat("界", 30000)
	res, refused := x.Run(context.Background(), Request{Query: `query($f: ComplaintFilter) { complaints(filter: $f) { totalCount } }`,
		Variables: map[string]any{"f": map[string]any{"text": "催收", key: 1}}})
	if !refused || len(res.Errors) != 1 {
		t.Fatalf("refused %v, %+v", refused, res.Errors)
	}
	f, _ := res.Errors[0].Extensions["field"].(string)
	if len(f) > 210 || !strings.HasPrefix(f, "filter.x界") || !utf8.ValidString(f) || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("field of %d bytes (%q…), code %v; want BAD_USER_INPUT on at most 200 bytes of filter.x…", len(f), f[:min(len(f), 40)], res.Errors[0].Extensions["code"])
	}
	if len(res.Errors[0].Message) > 1010 {
		t.Errorf("message of %d bytes", len(res.Errors[0].Message))
	}
}
