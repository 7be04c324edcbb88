package graph

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

func firstCode(t *testing.T, x *Executor, q string, vars map[string]any) (string, map[string]any) {
	t.Helper()
	res := x.Do(context.Background(), Request{Query: q, Variables: vars})
	if len(res.Errors) == 0 {
		return "", nil
	}
	c, _ := res.Errors[0].Extensions["code"].(string)
	return c, res.Errors[0].Extensions
}

// TestFragmentCyclesRefusedBeforeValidation sends documents whose fragments spread themselves:
// graphql-go's OverlappingFieldsCanBeMerged recursed on them without end (a fatal stack overflow
// that no recover catches). The structural check refuses them before validation runs, and the
// executor keeps answering.
func TestFragmentCyclesRefusedBeforeValidation(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"Direct":             `{__typename ...A} fragment A on Query{__typename ...A}`,
		"Indirect":           `{__typename ...A} fragment A on Query{__typename ...B} fragment B on Query{__typename ...A}`,
		"ThreeWay":           `{...A} fragment A on Query{...B} fragment B on Query{...C} fragment C on Query{__typename ...A}`,
		"InsideInline":       `{...A} fragment A on Query{... on Query{ __typename ...A }}`,
		"InsideNestedField":  `{ violationTypes(jurisdiction: CN) { ...V } } fragment V on ViolationType { code ... on ViolationType { ...V } }`,
		"UnusedCycle":        `{__typename} fragment A on Query{__typename ...B} fragment B on Query{...A}`,
		"CycleWithDirective": `{__typename ...A @include(if: true)} fragment A on Query{__typename ...A @skip(if: false)}`,
	} {
		t.Run(name, func(t *testing.T) {
			code, ext := firstCode(t, x, q, nil)
			if code != CodeValidationFailed || ext["messageZh"] == nil || ext["fragment"] == nil {
				t.Fatalf("code %q %v, want %s with messageZh and fragment", code, ext, CodeValidationFailed)
			}
		})
	}
	if code, _ := firstCode(t, x, `{ __typename }`, nil); code != "" {
		t.Fatalf("after the cycles: %q", code)
	}
}

// TestDocumentsTheLimitsCannotMeasure refuses, before validation, documents whose size the limits
// would otherwise measure by walking them without bound: unknown fragments, fragments multiplying
// fragments, too many tokens, brackets, directives, fragments or operations.
func TestDocumentsTheLimitsCannotMeasure(t *testing.T) {
	x, _ := New(Deps{})
	// F0 spreads F1 ten times, F1 spreads F2 ten times...: 10^20 selections once expanded.
	var fan strings.Builder
	fan.WriteString("{ ...F0 }")
	for i := range 20 {
		fan.WriteString("\nfragment F" + itoa(i) + " on Query { __typename")
		for j := range 10 {
			fan.WriteString(" a" + itoa(j) + ": __typename ...F" + itoa(i+1))
		}
		fan.WriteString(" }")
	}
	fan.WriteString(" fragment F20 on Query { __typename }")
	cases := map[string]struct{ query, want string }{
		"UnknownFragment":  {`{ ...Nope }`, CodeValidationFailed},
		"ExpandedTooLarge": {fan.String(), CodeQueryTooComplex},
		"TooManyTokens":    {"{ " + strings.Repeat("__typename\n", maxTokens) + "}", CodeQueryTooComplex},
		"TooManyAliases":   {"{ " + strings.Repeat("a: __typename\n", 3000) + "}", CodeQueryTooComplex},
		"NestedBrackets":   {`{ violationTypes(jurisdiction: ` + strings.Repeat("[\n", 100000) + strings.Repeat("]\n", 100000) + `) { code } }`, CodeQueryTooComplex},
		"NestedSelections": {strings.Repeat("{ a ", 60) + strings.Repeat("}", 60), CodeQueryTooComplex},
		"DirectiveAbuse":   {"{ __typename " + strings.Repeat("@include(if: true)\n", 1000) + "}", CodeQueryTooComplex},
		"UnknownDirective": {"{ __typename @nope }", CodeValidationFailed},
		"VariableNoType":   {"mutation($A:) {A}", CodeParseFailed},
		"VariableListGap":  {"query($a: ]) { __typename }", CodeParseFailed},
		"VariableBangOnly": {"query($a: [!]) { __typename }", CodeParseFailed},
		"TypeDefinition":   {"type Q { a: } { __typename }", CodeValidationFailed},
		"TooManyFragments": {"{ __typename }" + strings.Repeat("\nfragment X on Query { __typename }", 101), CodeQueryTooComplex},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			code, ext := firstCode(t, x, c.query, nil)
			if code != c.want || ext["messageZh"] == nil || ext["counted"] == "bytes in one line" {
				t.Fatalf("code %q %v, want %s with messageZh, not for a long line", code, ext, c.want)
			}
		})
	}
}

// TestErrorReportingIsBounded: graphql-go's error reporting is superlinear, found by FuzzDocument
// stalling. A syntax error's message quotes its line with a caret built a space at a time
// (quadratic in the column), so a line longer than maxLineBytes is refused before anything lexes
// it; every other located error rescanned the whole document (errors × length), so errors are
// located from the document's line index instead, at the same line and column as before.
func TestErrorReportingIsBounded(t *testing.T) {
	x, _ := New(Deps{})
	code, ext := firstCode(t, x, "{ "+strings.Repeat("a: __typename ", 5000)+"\x1c }", nil)
	if code != CodeQueryTooComplex || ext["counted"] != "bytes in one line" || ext["limit"] != maxLineBytes {
		t.Fatalf("a 70 KB line with a stray byte: %q %v, want %s for the line's length", code, ext, CodeQueryTooComplex)
	}
	oneLine := `{ __type(name: "Query") { ` + strings.Repeat("a: __typename ", (maxLineBytes-32)/14) + "} }" // not at the root: at most 20 there
	if res := x.Do(context.Background(), Request{Query: oneLine}); len(res.Errors) != 0 {
		t.Fatalf("a one-line document within the bound: %v", res.Errors)
	}

	// Validation errors on a document with \n, \r\n and \r line breaks, in the third line.
	res := x.Do(context.Background(), Request{Query: "query Q {\r\n  __typename\r  nope(x: 1) __typename(y: $v)\n}"})
	want := map[string][2]int{`Cannot query field "nope" on type "Query".`: {3, 3}, `Unknown argument "y" on field "__typename" of type "Query".`: {3, 25},
		`Variable "$v" is not defined by operation "Q".`: {3, 28}}
	for _, e := range res.Errors {
		w, ok := want[e.Message]
		if !ok {
			continue
		}
		delete(want, e.Message)
		if len(e.Locations) == 0 || e.Locations[0].Line != w[0] || e.Locations[0].Column != w[1] {
			t.Errorf("%s at %+v, want line %d column %d", e.Message, e.Locations, w[0], w[1])
		}
	}
	if len(want) != 0 {
		t.Errorf("errors not reported: %v (got %+v)", want, res.Errors)
	}

	// 3,000 unknown arguments, one per line: every one reported, each at its own line.
	var many strings.Builder
	many.WriteString("{ __typename(\n")
	for i := range 3000 {
		many.WriteString("a" + itoa(i) + ": 1\n")
	}
	many.WriteString(") }")
	res = x.Do(context.Background(), Request{Query: many.String()})
	if len(res.Errors) != 3000 {
		t.Fatalf("%d errors, want 3000", len(res.Errors))
	}
	for i, e := range res.Errors {
		if len(e.Locations) != 1 || e.Locations[0].Line != i+2 || e.Locations[0].Column != 1 {
			t.Fatalf("error %d at %+v, want line %d column 1", i, e.Locations, i+2)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestIntrospectionIsCounted: introspection costs like any selection and has its own depth and
// nesting bounds, so the standard introspection query fits and the abuses do not.
func TestIntrospectionIsCounted(t *testing.T) {
	x, _ := New(Deps{Limits: QueryLimits{MaxComplexity: 50}})
	staff := domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleReviewer})
	code := func(q string) string {
		res := x.Do(staff, Request{Query: q})
		if len(res.Errors) == 0 {
			return ""
		}
		c, _ := res.Errors[0].Extensions["code"].(string)
		return c
	}
	// 60 introspection fields cost 60: over a budget of 50.
	if c := code("{ __schema { types { " + strings.Repeat("name ", 0) + aliases("name", 60) + " } } }"); c != CodeQueryTooComplex {
		t.Errorf("60 introspection fields: %q, want %s", c, CodeQueryTooComplex)
	}
	deepOfType := "{ __schema { types { fields { type " + strings.Repeat("{ ofType ", 12) + "{ name }" + strings.Repeat(" }", 12) + " } } } }"
	if c := code(deepOfType); c != CodeQueryTooDeep {
		t.Errorf("deep ofType: %q, want %s", c, CodeQueryTooDeep)
	}
	nested := "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
	if c := code(nested); c != CodeQueryTooComplex {
		t.Errorf("fields in fields in fields: %q, want %s", c, CodeQueryTooComplex)
	}
	many := "{ " + strings.Repeat("__type(name: \"Query\") { name } ", 0) + aliases(`__type(name: "Query") { name }`, 6) + " }"
	if c := code(many); c != CodeQueryTooComplex {
		t.Errorf("six __type: %q, want %s", c, CodeQueryTooComplex)
	}
	// What an introspection costs is measured.
	d, errs := x.document(`{ __schema { queryType { name } types { name kind } } }`)
	if errs != nil || d.shape.complexity != 6 {
		t.Errorf("cost of a small introspection: %+v %v, want 6 (__schema, queryType, name, types, name, kind)", d, errs)
	}
}

func aliases(sel string, n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("a" + itoa(i) + ": " + sel + " ")
	}
	return b.String()
}

// TestErrorsHaveCodeAndChinese: syntax, validation and variable errors carry a code and messageZh.
func TestErrorsHaveCodeAndChinese(t *testing.T) {
	x, _ := New(Deps{})
	for _, c := range []struct {
		query string
		vars  map[string]any
		code  string
	}{
		{`{ violationTypes { code `, nil, CodeParseFailed},
		{`{ noSuchField }`, nil, CodeValidationFailed},
		{`query($j: Jurisdiction) { violationTypes(jurisdiction: $j) { code } }`, map[string]any{"j": "MARS"}, "BAD_USER_INPUT"},
		{`query($j: Jurisdiction!) { violationTypes(jurisdiction: $j) { code } }`, nil, "BAD_USER_INPUT"},
	} {
		res := x.Do(context.Background(), Request{Query: c.query, Variables: c.vars})
		if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != c.code || res.Errors[0].Extensions["messageZh"] == nil {
			t.Errorf("%q: %+v, want %s with messageZh", c.query, res.Errors, c.code)
		}
	}
}

// TestInvalidTextRefused: a NUL byte or invalid UTF-8 anywhere in the text of arguments or
// variables is BAD_USER_INPUT on its input path, before any resolver runs.
func TestInvalidTextRefused(t *testing.T) {
	x, _ := New(Deps{})
	const q = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		field       string
	}{
		{"VariableNUL", q, map[string]any{"i": map[string]any{"narrative": "a\x00b"}}, "input.narrative"},
		{"VariableNestedList", q, map[string]any{"i": map[string]any{"incidents": []any{map[string]any{}, map[string]any{"description": "\x00"}}}}, "input.incidents.1.description"},
		{"VariableInvalidUTF8", q, map[string]any{"i": map[string]any{"lenderName": "\xff\xfe"}}, "input.lenderName"},
		{"Literal", `mutation { fileComplaint(input: {relation: SELF, lenderName: "x\u0000", product: CONSUMER_LOAN, province: "310000", narrative: "n", violations: []}) { id } }`, nil, "input.lenderName"},
		{"LiteralInList", `mutation { fileComplaint(input: {relation: SELF, lenderName: "x", product: CONSUMER_LOAN, province: "310000", narrative: "n", violations: [], incidents: [{occurredAt: "2026-01-01T00:00:00Z", channel: SMS, description: "\u0000"}]}) { id } }`, nil, "input.incidents.0.description"},
		{"DefaultValue", `mutation($n: String = "\u0000") { login(email: "a@b.cn", password: $n) { token } }`, nil, "n"},
		{"LoginPassword", `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, map[string]any{"e": "a@b.cn", "p": "pw\x00"}, "password"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := x.Do(context.Background(), Request{Query: c.query, Variables: c.vars})
			if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != c.field ||
				res.Errors[0].Extensions["messageZh"] == nil {
				t.Fatalf("%+v, want one BAD_USER_INPUT on %s", res.Errors, c.field)
			}
		})
	}
}
