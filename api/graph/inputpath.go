package graph

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// graphql-go rejects a variable that does not fit its type (an unknown enum value, a string where
// a number belongs) before any resolver runs, and says so only in prose. badVariableFields finds
// the offending input path itself, so that such errors carry extensions.field like the domain's
// own BAD_USER_INPUT errors: "input.incidents.2.channel" rather than "$i".

// badVariableFields adds extensions.field to the variable errors among errs.
func badVariableFields(schema *graphql.Schema, doc *ast.Document, opName string, vars map[string]any, errs []gqlerrors.FormattedError) {
	for i := range errs {
		name, ok := variableOfError(errs[i].Message)
		if !ok {
			continue
		}
		op := operation(doc, opName)
		if op == nil {
			continue
		}
		for _, def := range op.VariableDefinitions {
			if def.Variable == nil || def.Variable.Name.Value != name {
				continue
			}
			t := typeOf(schema, def.Type)
			if t == nil {
				break
			}
			path, bad := invalidPath(t, vars[name])
			if !bad {
				break
			}
			field := argumentUsing(op, name)
			if path != "" {
				field += "." + path
			}
			if errs[i].Extensions == nil {
				errs[i].Extensions = map[string]any{}
			}
			errs[i].Extensions["field"] = field
		}
	}
}

func variableOfError(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, `Variable "$`)
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, `"`)
	return name, ok
}

func operation(doc *ast.Document, name string) *ast.OperationDefinition {
	for _, d := range doc.Definitions {
		if op, ok := d.(*ast.OperationDefinition); ok && (name == "" || (op.Name != nil && op.Name.Value == name)) {
			return op
		}
	}
	return nil
}

// argumentUsing returns the name of the first field argument whose value is the variable, or the
// variable's own name.
func argumentUsing(op *ast.OperationDefinition, variable string) string {
	var found string
	var walk func(ss *ast.SelectionSet)
	walk = func(ss *ast.SelectionSet) {
		if ss == nil || found != "" {
			return
		}
		for _, s := range ss.Selections {
			f, ok := s.(*ast.Field)
			if !ok {
				continue
			}
			for _, a := range f.Arguments {
				if v, ok := a.Value.(*ast.Variable); ok && v.Name.Value == variable {
					found = a.Name.Value
					return
				}
			}
			walk(f.SelectionSet)
		}
	}
	walk(op.SelectionSet)
	if found == "" {
		return variable
	}
	return found
}

func typeOf(schema *graphql.Schema, t ast.Type) graphql.Input {
	switch t := t.(type) {
	case *ast.NonNull:
		if in := typeOf(schema, t.Type); in != nil {
			return graphql.NewNonNull(in)
		}
	case *ast.List:
		if in := typeOf(schema, t.Type); in != nil {
			return graphql.NewList(in)
		}
	case *ast.Named:
		if in, ok := schema.Type(t.Name.Value).(graphql.Input); ok {
			return in
		}
	}
	return nil
}

// invalidPath walks value against type t and returns the dotted path of the first part that does
// not fit ("" when the value itself is wrong).
func invalidPath(t graphql.Input, value any) (string, bool) {
	if value == nil {
		_, nonNull := t.(*graphql.NonNull)
		return "", nonNull
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return invalidPath(t.OfType.(graphql.Input), value)
	case *graphql.List:
		rv := reflect.ValueOf(value)
		if rv.Kind() != reflect.Slice {
			return invalidPath(t.OfType.(graphql.Input), value)
		}
		for i := 0; i < rv.Len(); i++ {
			if p, bad := invalidPath(t.OfType.(graphql.Input), rv.Index(i).Interface()); bad {
				return join(strconv.Itoa(i), p), true
			}
		}
		return "", false
	case *graphql.InputObject:
		m, ok := value.(map[string]any)
		if !ok {
			return "", true
		}
		fields := t.Fields()
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if _, ok := fields[k]; !ok {
				return k, true
			}
		}
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			if p, bad := invalidPath(fields[name].Type, m[name]); bad {
				return join(name, p), true
			}
		}
		return "", false
	case *graphql.Enum:
		return "", t.ParseValue(value) == nil
	case *graphql.Scalar:
		return "", t.ParseValue(value) == nil
	}
	return "", false
}

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + "." + b
}
