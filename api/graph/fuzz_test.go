package graph

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// The fuzz tests drive the whole document path — scan, parse, structure, limits, validation,
// variables, text checks and execution — on the real schema, in process. The services behind the
// resolvers are absent (a resolver that reaches one fails, and graphql-go turns that into a field
// error): what is fuzzed is the handling of documents and variables, which runs before them. The
// property is that every request is answered: no panic escapes, no stack overflow, no hang.
// The seeds also run as ordinary tests under `go test`; CI fuzzes each target for a bounded time
// (deploy/local.sh test).

// fuzzSeeds are hostile documents: fragment cycles, deep nesting, aliases, directive abuse,
// introspection abuse, huge lists and strings, odd bytes.
func fuzzSeeds() []string {
	return []string{
		`{ __typename }`,
		`{__typename ...A} fragment A on Query{__typename ...A}`,
		`{__typename ...A} fragment A on Query{__typename ...B} fragment B on Query{__typename ...A}`,
		`{...A} fragment A on Query{... on Query{ __typename ...A }}`,
		`{ violationTypes(jurisdiction: CN) { ...V } } fragment V on ViolationType { code ... on ViolationType { ...V } }`,
		`{ ...Missing }`,
		`fragment A on Query { __typename }`,
		strings.Repeat("{ a ", 200) + strings.Repeat("}", 200),
		strings.Repeat("{ complaints(first: 1) { edges { node ", 6) + "{ id }" + strings.Repeat(" } } }", 6),
		"{ " + strings.Repeat("a: __typename ", 5000) + "}",
		"{ " + strings.Repeat("violationTypes(jurisdiction: CN) { code } ", 300) + "}",
		"{ __typename " + strings.Repeat("@include(if: true) @skip(if: false) ", 2000) + "}",
		"{ __typename @nope(x: 1) @include }",
		`{ violationTypes(jurisdiction: ` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `) { code } }`,
		`{ violationTypes(jurisdiction: CN) { code name(x: "` + strings.Repeat("长", 100000) + `") } }`,
		`{ publicComplaints(first: 2147483648) { totalCount } }`,
		`{ publicComplaints(first: -1) { edges { node { id } } } }`,
		`{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`,
		`{ __schema { types { fields { type ` + strings.Repeat("{ ofType ", 30) + `{ name }` + strings.Repeat(" }", 30) + ` } } } }`,
		`query IntrospectionQuery { __schema { queryType { name } types { ...FullType } } }
fragment FullType on __Type { kind name fields(includeDeprecated: true) { name args { ...InputValue } type { ...TypeRef } } }
fragment InputValue on __InputValue { name type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`,
		`mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`,
		`mutation { register(email: "a\u0000@b.cn", password: "x", displayName: "\u0000") { token } }`,
		"{ __typename \x00 }",
		"{ \xff\xfe __typename }",
		`"""` + strings.Repeat(`\"""`, 1000),
		`query Q($a: Int = 1, $a: Int) { __typename } query Q { __typename }`,
		`subscription { __typename }`,
		`{ __type(name: "Query") { fields { name } } a: __type(name: "Complaint") { name } }`,
		"",
		"{",
		"}}}}",
		// FuzzDocument stalled on these (TestErrorReportingIsBounded): a stray byte deep in a long
		// line, and thousands of located validation errors.
		"{ " + strings.Repeat("a: __typename ", 2500) + "a: __typename\x1c" + strings.Repeat("a: __typename ", 2500) + "}",
		"{ __typename(" + strings.Repeat("a: 1\n", 3000) + ") }",
		// graphql-go's parser leaves these variable types nil; validation dereferenced them.
		"mutation($A:) {A}",
		"query($a: ], $b: !, $c: [!]) { __typename }",
		"type Q { a: } { __typename }",
	}
}

func newFuzzExecutor(t testing.TB) *Executor {
	x, err := New(Deps{Limits: QueryLimits{StaffIntrospection: true}})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// FuzzDocument runs any document, as an anonymous caller and as staff (who may introspect).
func FuzzDocument(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s, false)
		f.Add(s, true)
	}
	x := newFuzzExecutor(f)
	f.Fuzz(func(t *testing.T, query string, staff bool) {
		ctx := context.Background()
		if staff {
			ctx = domain.WithActor(ctx, domain.Actor{UserID: 1, Role: domain.RoleReviewer})
		}
		res, _ := x.Run(ctx, Request{Query: query})
		if res == nil {
			t.Fatal("no answer")
		}
		for _, e := range res.Errors {
			if e.Extensions["code"] == nil {
				t.Fatalf("an error without a code: %+v", e)
			}
		}
	})
}

// FuzzVariables runs the documents that take input with any JSON as their variables.
func FuzzVariables(f *testing.F) {
	docs := []string{
		`mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`,
		`query($f: ComplaintFilter, $n: Int) { complaints(first: $n, filter: $f) { totalCount } }`,
		`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
		`query($j: Jurisdiction!) { violationTypes(jurisdiction: $j) { code } }`,
	}
	for i, vars := range []string{
		`{"i": {"relation": "PARENT", "product": "CONSUMER_LOAN", "province": "310000", "narrative": "n\u0000"}}`,
		`{"i": {"incidents": [{"description": "\u0000"}, 1, null, [[[]]]], "debtor": {"name": "\ud800"}}}`,
		`{"f": {"text": "` + strings.Repeat("x", 10000) + `", "status": [` + strings.Repeat(`"NEW",`, 1000) + `"NEW"]}, "n": 1e309}`,
		`{"e": {"a": {"b": {"c": {}}}}, "p": [` + strings.Repeat("[", 500) + strings.Repeat("]", 500) + `]}`,
		`{"j": "MARS"}`,
		`{"j": null}`,
		`{}`,
	} {
		f.Add(uint8(i), vars)
	}
	x := newFuzzExecutor(f)
	f.Fuzz(func(t *testing.T, doc uint8, vars string) {
		var v map[string]any
		if json.Unmarshal([]byte(vars), &v) != nil {
			return
		}
		res, _ := x.Run(context.Background(), Request{Query: docs[int(doc)%len(docs)], Variables: v})
		if res == nil {
			t.Fatal("no answer")
		}
		for _, e := range res.Errors {
			if e.Extensions["code"] == nil {
				t.Fatalf("an error without a code: %+v", e)
			}
		}
	})
}
