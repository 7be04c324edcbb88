package graph

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

func TestQueryLimits(t *testing.T) {
	x, err := New(Deps{Limits: QueryLimits{MaxDepth: 5, MaxComplexity: 500, StaffIntrospection: true}})
	if err != nil {
		t.Fatal(err)
	}
	code := func(q string, a domain.Actor) string {
		res := x.Do(domain.WithActor(context.Background(), a), Request{Query: q})
		if len(res.Errors) == 0 {
			return ""
		}
		c, _ := res.Errors[0].Extensions["code"].(string)
		return c
	}
	anon := domain.Actor{}
	cases := []struct {
		name, query string
		actor       domain.Actor
		want        string
	}{
		{"Shallow", `{ violationTypes(jurisdiction: CN) { code } }`, anon, ""},
		// complaints(1) edges(2) node(3) evidence(4) message(5) text(6), through a fragment.
		{"TooDeepThroughFragment", `query { complaints(first: 1) { edges { node { ...C } } } }
			fragment C on Complaint { history { actorRole } institution: id evidence { message { text } } }`, anon, CodeQueryTooDeep},
		{"TooDeepInlineFragment", `{ complaints(first: 1) { edges { node { ... on Complaint { evidence { message { sender } } } } } } }`, anon, CodeQueryTooDeep},
		// 100 complaints with 5 fields each, twice over.
		{"TooComplex", `{ a: complaints(first: 100) { edges { node { id reference status narrative province } } }
			b: complaints(first: 100) { edges { node { id reference status narrative province } } } }`, anon, CodeQueryTooComplex},
		{"VariablePageCountsAsTheLargest", `query($n: Int) { complaints(first: $n) { edges { node { id reference status narrative province } } } }`, anon, CodeQueryTooComplex},
		{"SmallPageIsFine", `{ complaints(first: 10) { edges { node { id reference status narrative province } } } }`, anon, "UNAUTHENTICATED"},
		{"IntrospectionAnonymous", `{ __schema { queryType { name } } }`, anon, "FORBIDDEN"},
		{"IntrospectionTypeByComplainant", `{ __type(name: "Complaint") { name } }`, domain.Actor{UserID: 1, Role: domain.RoleComplainant}, "FORBIDDEN"},
		{"IntrospectionByInstitution", `{ __schema { types { name } } }`, domain.Actor{UserID: 1, Role: domain.RoleInstitutionAgent, InstitutionID: 2}, "FORBIDDEN"},
		{"IntrospectionByReviewer", `{ __schema { queryType { name } } }`, domain.Actor{UserID: 1, Role: domain.RoleReviewer}, ""},
		{"TypenameIsNotIntrospection", `{ __typename }`, anon, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := code(c.query, c.actor); got != c.want {
				t.Fatalf("code %q, want %q", got, c.want)
			}
		})
	}

	t.Run("MeasuredBeforeValidation", func(t *testing.T) {
		// A document too deep is refused for its depth even when it names fields that do not exist.
		res := x.Do(context.Background(), Request{Query: `{ a { b { c { d { e { f { g { h } } } } } } } }`})
		if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != CodeQueryTooDeep || !strings.Contains(res.Errors[0].Message, "8 levels") {
			t.Fatalf("%+v", res.Errors)
		}
	})
	t.Run("OpenIntrospectionOutsideProduction", func(t *testing.T) {
		dev, _ := New(Deps{})
		if res := dev.Do(context.Background(), Request{Query: `{ __schema { queryType { name } } }`}); len(res.Errors) > 0 {
			t.Fatalf("%+v", res.Errors)
		}
	})
}

// TestGraphiQLIntrospectionFitsTheLimits checks that the full introspection query GraphiQL sends
// stays within the default limits (introspection is not counted, but its fragments are nested).
func TestGraphiQLIntrospectionFitsTheLimits(t *testing.T) {
	x, _ := New(Deps{})
	const q = `query IntrospectionQuery { __schema { queryType { name } mutationType { name } types { ...FullType } } }
fragment FullType on __Type { kind name fields(includeDeprecated: true) { name args { ...InputValue } type { ...TypeRef } } }
fragment InputValue on __InputValue { name type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`
	if res := x.Do(context.Background(), Request{Query: q}); len(res.Errors) > 0 {
		t.Fatalf("%+v", res.Errors)
	}
}

// TestNoSchemaHintsWithoutIntrospection (session 12's attack by hand): in production an anonymous
// caller refused introspection still read the schema from validation errors, a few names at a time
// — `{ complaintz }` answered `Did you mean "complaint", "complaints", or "publicComplaints"?`.
// Callers refused introspection get the error without the hints; staff, and every caller outside
// production, keep them.
func TestNoSchemaHintsWithoutIntrospection(t *testing.T) {
	prod, err := New(Deps{Limits: QueryLimits{StaffIntrospection: true}})
	if err != nil {
		t.Fatal(err)
	}
	dev, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	reviewer := domain.Actor{UserID: 1, Role: domain.RoleReviewer}
	agent := domain.Actor{UserID: 2, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	for _, q := range []string{
		`{ complaintz { id } }`,                                               // a root field
		`{ me { institution } }`,                                              // a field of a type
		`{ complaints(frist: 1) { totalCount } }`,                             // an argument
		`query($f: ComplaintFiltr) { complaints(filter: $f) { totalCount } }`, // a type
		`{ complaintz { id } me { institution } }`,                            // several errors
	} {
		for _, tc := range []struct {
			name  string
			x     *Executor
			actor domain.Actor
			hints bool
		}{{"ProductionAnonymous", prod, domain.Actor{}, false}, {"ProductionInstitution", prod, agent, false},
			{"ProductionStaff", prod, reviewer, true}, {"Dev", dev, domain.Actor{}, true}} {
			res := tc.x.Do(domain.WithActor(context.Background(), tc.actor), Request{Query: q})
			if len(res.Errors) == 0 {
				t.Fatalf("%s %s: no error", tc.name, q)
			}
			hinted := false
			for _, e := range res.Errors {
				zh, _ := e.Extensions["messageZh"].(string)
				hinted = hinted || strings.Contains(e.Message, "Did you mean") || strings.Contains(zh, "Did you mean")
				if e.Extensions["code"] != CodeValidationFailed || !strings.Contains(e.Message, `"`) {
					t.Errorf("%s %s: %+v, want a validation error that still names what was not found", tc.name, q, e)
				}
			}
			if hinted != tc.hints {
				t.Errorf("%s %s: hints %v, want %v: %+v", tc.name, q, hinted, tc.hints, res.Errors)
			}
		}
	}
}

// Session 14's attack by hand: the complexity counts a nested list as one field, and one field could
// be selected under any number of aliases, each resolved again: a complainant's complaint(id) with
// 900 aliases of links took 3.5 s (1,800 queries), a reviewer's 500 aliases of likelyDuplicates 4.8 s.
// Below the root a field is selected at most 10 times under one parent, fragments merged.
func TestNestedAliasesAreBounded(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	aliases := func(n int, field string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("\n a" + strconv.Itoa(i) + ": " + field)
		}
		return b.String()
	}
	complainant := domain.Actor{UserID: 1, Role: domain.RoleComplainant}
	for _, c := range []struct {
		name, query string
		refused     bool
	}{
		{"ElevenAliases", `{ complaint(id: "x") {` + aliases(11, "links { primaryId }") + "\n} }", true},
		{"TenAliases", `{ complaint(id: "x") {` + aliases(10, "links { primaryId }") + "\n} }", false},
		{"ManyAliasesOfAScalar", `{ complaint(id: "x") {` + aliases(900, "id") + "\n} }", true},
		{"ThroughTwoFragments", `{ complaint(id: "x") { ...A ...B } }
			fragment A on Complaint {` + aliases(6, "responses { explanation }") + `}
			fragment B on Complaint {` + strings.ReplaceAll(aliases(6, "responses { explanation }"), " a", " b") + `}`, true},
		{"InlineFragment", `{ complaint(id: "x") { ... on Complaint {` + aliases(11, "evidence { id }") + "\n} } }", true},
		{"InEveryItemOfAPage", `{ complaints(first: 5) { edges { node {` + aliases(11, "history { action }") + "\n} } } }", true},
		{"OneKeyRepeated", `{ complaint(id: "x") {` + strings.Repeat("\n a: links { primaryId }", 30) + "\n} }", false},
		{"TypenameIsFree", `{ complaint(id: "x") {` + aliases(30, "__typename") + "\n} }", false},
		{"TenUnderEachOfTwoParents", `{ complaint(id: "x") { lender {` + aliases(10, "name") + "} agency {" + aliases(10, "name") + "\n} } }", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := x.Do(domain.WithActor(context.Background(), complainant), Request{Query: c.query})
			refused := len(res.Errors) == 1 && res.Errors[0].Extensions["code"] == CodeQueryTooComplex &&
				strings.Contains(res.Errors[0].Message, "at most 10 are allowed")
			if refused != c.refused {
				t.Fatalf("refused %v, want %v: %+v", refused, c.refused, res.Errors)
			}
			if refused && res.Errors[0].Extensions["max"] != 10 {
				t.Errorf("extensions %v", res.Errors[0].Extensions)
			}
		})
	}
}
