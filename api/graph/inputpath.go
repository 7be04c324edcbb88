package graph

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
			path, _, bad := firstFault(t, vars[name], doesNotFit)
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
			errs[i].Extensions["field"] = capField(field)
		}
	}
}

// maxFieldBytes bounds the field an error names: an unknown key of an input object is named as the
// client sent it, and a key of 100,000 characters came back whole in "field" (the message was cut
// at maxRequestErrorBytes; session 26, attack). No field of the schema's inputs comes near it.
const maxFieldBytes = 200

// capField cuts a field path longer than maxFieldBytes at a character boundary, marked with "…".
func capField(f string) string {
	if len(f) <= maxFieldBytes {
		return f
	}
	cut := maxFieldBytes
	for cut > 0 && !utf8.RuneStart(f[cut]) {
		cut--
	}
	return f[:cut] + "…"
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
			if in, ok := s.(*ast.InlineFragment); ok {
				walk(in.SelectionSet)
				continue
			}
			f, ok := s.(*ast.Field)
			if !ok {
				continue
			}
			for _, a := range f.Arguments {
				if path, ok := valueUsing(a.Value, variable); ok {
					found = join(a.Name.Value, path)
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

// valueUsing finds the variable in an argument's value: "" when the value is the variable, the
// path to it inside an object or list literal ("text" in filter: {text: $t}, "1" in ids: [$a, $b]).
// A variable inside an input object was named by itself ("t"), not by the field it fills
// (session 26, attack).
func valueUsing(v ast.Value, variable string) (string, bool) {
	switch v := v.(type) {
	case *ast.Variable:
		return "", v.Name != nil && v.Name.Value == variable
	case *ast.ObjectValue:
		for _, f := range v.Fields {
			if path, ok := valueUsing(f.Value, variable); ok && f.Name != nil {
				return join(f.Name.Value, path), true
			}
		}
	case *ast.ListValue:
		for i, e := range v.Values {
			if path, ok := valueUsing(e, variable); ok {
				return join(strconv.Itoa(i), path), true
			}
		}
	}
	return "", false
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

// firstFault walks value v against input type t and returns the dotted path of the first value
// fault finds wrong ("" when v itself is), with fault's answer. fault sees every value with its
// type — the non-null wrapper, then the type inside it, and a nil type for a field the input
// object does not have — before the walk goes into it. The order is fixed: a list's elements in
// order (a single value stands for a list of one), an input object's unknown fields by name, then
// its fields by name (a missing one as null). badVariableFields (doesNotFit) and badVariableTypes
// (wrongJSONKind) are this one walk with two faults.
func firstFault[F any](t graphql.Input, v any, fault func(graphql.Input, any) (F, bool)) (string, F, bool) {
	if f, bad := fault(t, v); bad {
		return "", f, true
	}
	var none F
	if v == nil {
		return "", none, false
	}
	switch t := t.(type) {
	case *graphql.NonNull:
		return firstFault(t.OfType.(graphql.Input), v, fault)
	case *graphql.List:
		elem := t.OfType.(graphql.Input)
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Slice {
			return firstFault(elem, v, fault)
		}
		for i := range rv.Len() {
			if p, f, bad := firstFault(elem, rv.Index(i).Interface(), fault); bad {
				return join(strconv.Itoa(i), p), f, true
			}
		}
	case *graphql.InputObject:
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String {
			return "", none, false
		}
		given := make(map[string]any, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			given[it.Key().String()] = it.Value().Interface()
		}
		fields := t.Fields()
		for _, k := range slices.Sorted(maps.Keys(given)) {
			if _, known := fields[k]; !known {
				if f, bad := fault(nil, given[k]); bad {
					return k, f, true
				}
			}
		}
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			if p, f, bad := firstFault(fields[name].Type, given[name], fault); bad {
				return join(name, p), f, true
			}
		}
	}
	return "", none, false
}

// doesNotFit is the fault of a value graphql-go refuses: a null for a non-null type, a field the
// input object does not have (t nil), an object that is not one, a value outside an enum or a
// scalar's values.
func doesNotFit(t graphql.Input, v any) (struct{}, bool) {
	switch t := t.(type) {
	case nil:
		return struct{}{}, true
	case *graphql.NonNull:
		return struct{}{}, v == nil
	case *graphql.InputObject:
		_, ok := v.(map[string]any)
		return struct{}{}, v != nil && !ok
	case *graphql.Enum:
		return struct{}{}, v != nil && t.ParseValue(v) == nil
	case *graphql.Scalar:
		return struct{}{}, v != nil && t.ParseValue(v) == nil
	}
	return struct{}{}, false
}

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + "." + b
}
