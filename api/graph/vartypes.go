package graph

import (
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/redline-regulator/redline/domain"
)

// graphql-go coerces a variable of the wrong JSON type instead of refusing it: an object or a list
// given for a String became its Go formatting (a narrative stored as "map[a:…]"), any string but
// "" and "false" given for a Boolean was true (consent to publish given by "no"), 1.5 given for an
// Int was 1, and a list given for an ID reached PostgreSQL (INTERNAL, with the client's text in
// the error log). Found by hand; badVariableTypes refuses every such value before coercion, with
// the input path and the type expected, never the value.

// kindWanted says, in English and Chinese, what a value of a type must be.
type kindWanted struct{ en, zh string }

// badVariableTypes refuses the first variable value (in the document's order, then by input path)
// whose JSON type is not the one its GraphQL type takes.
func badVariableTypes(schema *graphql.Schema, doc *ast.Document, opName string, vars map[string]any) []gqlerrors.FormattedError {
	op := operation(doc, opName)
	if op == nil || len(vars) == 0 {
		return nil
	}
	for _, def := range op.VariableDefinitions {
		if def.Variable == nil || def.Variable.Name == nil {
			continue
		}
		name := def.Variable.Name.Value
		v, ok := vars[name]
		if !ok {
			continue
		}
		t := typeOf(schema, def.Type)
		if t == nil {
			continue
		}
		path, f, bad := firstFault(t, v, wrongJSONKind)
		if !bad {
			continue
		}
		want, got := f.want, f.got
		field := join(argumentUsing(op, name), path)
		return []gqlerrors.FormattedError{{Message: field + ": expected " + want.en + ", got " + got.en,
			Extensions: map[string]any{"code": string(domain.CodeInvalid), "field": field,
				"messageZh": field + "：应为" + want.zh + "，而不是" + got.zh}}}
	}
	return nil
}

// kindFault is what a value of the wrong JSON kind should be and what it is.
type kindFault struct{ want, got kindWanted }

// wrongJSONKind is the fault of a value whose JSON kind its type does not take. Missing and
// unknown fields, nulls and values outside an enum are left to graphql-go, whose errors name them
// (doesNotFit finds their path).
func wrongJSONKind(t graphql.Input, v any) (kindFault, bool) {
	if v == nil {
		return kindFault{}, false // null: graphql-go checks non-null types itself
	}
	rv := reflect.ValueOf(v)
	switch t := t.(type) {
	case *graphql.InputObject:
		if rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String {
			return kindFault{kindWanted{"an object", "对象"}, kindOf(rv)}, true
		}
	case *graphql.Enum:
		if rv.Kind() != reflect.String {
			names := slices.Sorted(maps.Keys(enumNames(t)))
			return kindFault{kindWanted{"one of " + strings.Join(names, ", "), strings.Join(names, "、") + "之一"}, kindOf(rv)}, true
		}
	case *graphql.Scalar:
		if w := scalarWanted(t.Name(), v, rv); w.en != "" {
			return kindFault{w, kindOf(rv)}, true
		}
	}
	return kindFault{}, false
}

func enumNames(e *graphql.Enum) map[string]bool {
	out := map[string]bool{}
	for _, v := range e.Values() {
		out[v.Name] = true
	}
	return out
}

// scalarWanted says what a value of a built-in scalar must be when v is not one ("" when it is).
func scalarWanted(name string, v any, rv reflect.Value) kindWanted {
	switch name {
	case "String":
		if rv.Kind() != reflect.String {
			return kindWanted{"text", "文本"}
		}
	case "Boolean":
		if rv.Kind() != reflect.Bool {
			return kindWanted{"true or false", "true或false"}
		}
	case "ID":
		if f, ok := number(v, rv); rv.Kind() != reflect.String && (!ok || f != math.Trunc(f)) {
			return kindWanted{"an id (text or a whole number)", "编号（文本或整数）"}
		}
	case "Int":
		if f, ok := number(v, rv); !ok || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
			return kindWanted{"a whole number between -2147483648 and 2147483647", "-2147483648至2147483647之间的整数"}
		}
	case "Float":
		if _, ok := number(v, rv); !ok {
			return kindWanted{"a number", "数字"}
		}
	}
	return kindWanted{}
}

// number reads a JSON number (float64 from encoding/json, json.Number, or a Go number).
func number(v any, rv reflect.Value) (float64, bool) {
	if n, ok := v.(json.Number); ok {
		f, err := n.Float64()
		return f, err == nil
	}
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		return f, !math.IsNaN(f) && !math.IsInf(f, 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	}
	return 0, false
}

// kindOf names the JSON kind of a value, never the value.
func kindOf(rv reflect.Value) kindWanted {
	if _, ok := rv.Interface().(json.Number); ok {
		return kindWanted{"a number", "数字"}
	}
	switch rv.Kind() {
	case reflect.String:
		return kindWanted{"text", "文本"}
	case reflect.Bool:
		return kindWanted{"true or false", "布尔值"}
	case reflect.Map, reflect.Struct:
		return kindWanted{"an object", "对象"}
	case reflect.Slice, reflect.Array:
		return kindWanted{"a list", "列表"}
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if f, ok := number(rv.Interface(), rv); ok && f == math.Trunc(f) {
			return kindWanted{"a whole number", "整数"}
		}
		return kindWanted{"a number", "数字"}
	}
	return kindWanted{"another kind of value", "其他类型的值"}
}
