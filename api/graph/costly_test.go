package graph

import (
	"context"
	"go/ast"
	"go/token"
	"strconv"
	"testing"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/api/internal/srcreads"
)

// TestCostlyReads: the requests that run in the costly lane of the in-flight bound, however their
// root fields are reached, and the root fields marked costly today.
func TestCostlyReads(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"stats", "trends", "institutionScorecards", "alerts", "publicComplaints",
		"publicFigures", "analyzeMessages", "testRulePack", "complaints"} {
		if _, ok := x.costly[name]; !ok {
			t.Errorf("%s is not a costly field", name)
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

// TestCostlyMarkOnlyOnRootQueries: a field marked costly that is not a root query field (a field
// of a type, a mutation) is a schema error, since Costly would never see it.
func TestCostlyMarkOnlyOnRootQueries(t *testing.T) {
	r := &resolvers{}
	root, nested := r.costly(&graphql.Field{Type: graphql.Int}), r.costly(&graphql.Field{Type: graphql.Int})
	if _, err := r.costlyFields(graphql.Fields{"root": root}); err == nil {
		t.Fatal("a mark on a field that is not a root query field passed")
	}
	got, err := r.costlyFields(graphql.Fields{"root": root, "other": nested})
	if err != nil || len(got) != 2 {
		t.Fatalf("got %v, %v: want both marked fields", got, err)
	}
}

// costlySources are what make a field a costly read, as the resolvers reach them: the statistics
// service (statistics, trends, scorecards, alerts), the public dataset, message analysis.
var costlySources = map[string]string{"Stats": "statistics", "Public": "the public dataset", "AnalyzeMessages": "message analysis"}

// TestCostlyFieldsAreMarked walks the schema's definitions (this package's source) and the built
// schema, and fails on a field that reads a costly source (costlySources, directly or through a
// function of this package) or takes a search text, and is not marked costly where it is defined:
// it would run in the general lane. A mutation is exempt (Costly runs every mutation in the general
// lane); a field of a type cannot be marked (Costly reads root fields), so it fails too.
func TestCostlyFieldsAreMarked(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	queries, mutations := x.schema.QueryType().Fields(), x.schema.MutationType().Fields()
	for _, def := range costlyDefinitions(t) {
		switch _, costly := x.costly[def.name]; {
		case costly:
		case queries[def.name] != nil:
			t.Errorf("%s: query %s reads %s and is not marked costly (r.costly)", def.pos, def.name, def.reads)
		case mutations[def.name] == nil:
			t.Errorf("%s: field %s reads %s, but only a root query field can be costly", def.pos, def.name, def.reads)
		}
	}
	// A full-text search: an argument whose input object (at any depth) has a nullable String
	// field "text".
	var searches func(graphql.Type, map[string]bool) bool
	searches = func(typ graphql.Type, seen map[string]bool) bool {
		switch typ := typ.(type) {
		case *graphql.NonNull:
			return searches(typ.OfType, seen)
		case *graphql.List:
			return searches(typ.OfType, seen)
		case *graphql.InputObject:
			if seen[typ.Name()] {
				return false
			}
			seen[typ.Name()] = true
			for name, f := range typ.Fields() {
				if name == "text" && f.Type == graphql.String || searches(f.Type, seen) {
					return true
				}
			}
		}
		return false
	}
	for name, f := range queries {
		for _, a := range f.Args {
			if _, costly := x.costly[name]; searches(a.Type, map[string]bool{}) && !costly {
				t.Errorf("query %s searches text (argument %s) and is not marked costly (r.costlyWhen)", name, a.Name())
			}
		}
	}
}

// costlyDefinition is a field defined in this package's source ("name": ...) whose definition
// reads a costly source.
type costlyDefinition struct {
	name, reads string
	pos         token.Position
}

// costlyDefinitions lists the field definitions of this package's source ("name": value in a map
// literal, fields["name"] = value) whose value reads a costly source, directly or through the
// package's functions and resolver methods it calls.
func costlyDefinitions(t *testing.T) []costlyDefinition {
	t.Helper()
	pkg, err := srcreads.Parse(".", costlySources)
	if err != nil {
		t.Fatal(err)
	}
	var out []costlyDefinition
	add := func(key ast.Expr, value ast.Node) {
		lit, ok := key.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		if what := pkg.Reads(value); what != "" {
			name, _ := strconv.Unquote(lit.Value)
			out = append(out, costlyDefinition{name: name, reads: what, pos: pkg.Fset.Position(lit.Pos())})
		}
	}
	for _, f := range pkg.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				add(n.Key, n.Value)
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if ix, ok := lhs.(*ast.IndexExpr); ok && i < len(n.Rhs) {
						add(ix.Index, n.Rhs[i])
					}
				}
			}
			return true
		})
	}
	if len(out) == 0 {
		t.Fatal("no field reads a costly source: the walk is broken")
	}
	return out
}
