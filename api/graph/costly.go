package graph

import (
	"context"
	"fmt"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
)

// Costly reads. The API runs requests in two lanes of its own in-flight bound (api/inflight.go):
// a request that reads many rows or spends much CPU — statistics, the public dataset, a full-text
// search of complaints, message analysis — waits for and holds a slot of the costly lane, never
// one of the lane that signs people in and takes their complaints, so that slow statistics cannot
// hold up a filing.

// costTest says whether one use of a root field that is costly only with some arguments is
// costly.
type costTest func(f *ast.Field, vars variables) bool

// costly marks a root query field, where it is defined, as a costly read: one that reads
// statistics, trends, scorecards, alerts, the public dataset, a text search of the complaints or
// runs message analysis. New puts the marked fields on the costly lane's list (Executor.costly);
// TestCostlyFieldsAreMarked fails on such a field left unmarked.
func (r *resolvers) costly(f *graphql.Field) *graphql.Field {
	return r.costlyWhen(f, nil)
}

// costlyWhen is costly for a field that is costly only when test says so of its arguments.
func (r *resolvers) costlyWhen(f *graphql.Field, test costTest) *graphql.Field {
	if r.costlyMarks == nil {
		r.costlyMarks = map[*graphql.Field]costTest{}
	}
	r.costlyMarks[f] = test
	return f
}

// costlyFields names the marked root query fields, with their tests. A mark on any other field
// (a mutation, a field of a type) is an error: Costly reads only the root fields of queries, so
// the mark would change nothing.
func (r *resolvers) costlyFields(queries graphql.Fields) (map[string]costTest, error) {
	out := map[string]costTest{}
	for name, f := range queries {
		if test, ok := r.costlyMarks[f]; ok {
			out[name] = test
		}
	}
	if len(out) != len(r.costlyMarks) {
		return nil, fmt.Errorf("%d field(s) marked costly are not root query fields", len(r.costlyMarks)-len(out))
	}
	return out, nil
}

// searchesText is the complaint list's test: a page of an index, unless it searches the
// narratives' text.
func searchesText(f *ast.Field, vars variables) bool { return textFilter(argument(f, "filter"), vars) }

// variables are a request's variables with the operation's default values.
type variables struct {
	values   map[string]any
	defaults map[string]ast.Value
}

// Costly says whether a request runs a costly read (a root field marked costly): a root field of
// the operation it runs, including those reached through fragments. A request whose document cannot be resolved,
// parsed or validated is not costly here: Run refuses it without reading anything. ctx carries the
// caller (its persisted queries are its own).
func (x *Executor) Costly(ctx context.Context, req Request) bool {
	doc, op := x.operation(ctx, req)
	if op == nil || op.Operation == ast.OperationTypeMutation {
		return false
	}
	fragments := map[string]*ast.FragmentDefinition{}
	for _, def := range doc.Definitions {
		if fd, ok := def.(*ast.FragmentDefinition); ok && fd.Name != nil {
			fragments[fd.Name.Value] = fd
		}
	}
	vars := variables{values: req.Variables, defaults: map[string]ast.Value{}}
	for _, vd := range op.VariableDefinitions {
		if vd.Variable != nil && vd.Variable.Name != nil && vd.DefaultValue != nil {
			vars.defaults[vd.Variable.Name.Value] = vd.DefaultValue
		}
	}
	seen := map[string]bool{} // validation refuses cycles; a fragment spread twice is read once
	var costly func(*ast.SelectionSet) bool
	costly = func(set *ast.SelectionSet) bool {
		if set == nil {
			return false
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Name == nil {
					continue
				}
				if test, ok := x.costly[s.Name.Value]; ok && (test == nil || test(s, vars)) {
					return true
				}
			case *ast.InlineFragment:
				if costly(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if s.Name == nil || seen[s.Name.Value] {
					continue
				}
				seen[s.Name.Value] = true
				if fd := fragments[s.Name.Value]; fd != nil && costly(fd.SelectionSet) {
					return true
				}
			}
		}
		return false
	}
	return costly(op.SelectionSet)
}

// argument is the value of a field's argument, nil without it.
func argument(f *ast.Field, name string) ast.Value {
	for _, a := range f.Arguments {
		if a.Name != nil && a.Name.Value == name {
			return a.Value
		}
	}
	return nil
}

// textFilter says whether a complaint filter (a literal object or a variable, given or defaulted)
// has a search text.
func textFilter(v ast.Value, vars variables) bool {
	switch v := v.(type) {
	case *ast.Variable:
		if v.Name == nil {
			return false
		}
		if val, given := vars.values[v.Name.Value]; given {
			m, _ := val.(map[string]any)
			s, _ := m["text"].(string)
			return s != ""
		}
		return textFilter(vars.defaults[v.Name.Value], vars)
	case *ast.ObjectValue:
		for _, f := range v.Fields {
			if f.Name == nil || f.Name.Value != "text" {
				continue
			}
			switch t := f.Value.(type) {
			case *ast.StringValue:
				return t.Value != ""
			case *ast.Variable:
				if val, given := vars.values[t.Name.Value]; given {
					s, _ := val.(string)
					return s != ""
				}
				d, _ := vars.defaults[t.Name.Value].(*ast.StringValue)
				return d != nil && d.Value != ""
			}
		}
	}
	return false
}
