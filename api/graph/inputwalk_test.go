package graph

import (
	"testing"

	"github.com/graphql-go/graphql"
)

// TestFirstFaultOneWalkTwoFaults holds the one input walker to the paths both of its faults
// reported when they were two walkers (invalidPath and wrongKind): a value graphql-go refuses
// (doesNotFit) and a value of the wrong JSON kind (wrongJSONKind), at every depth and in the
// walk's fixed order.
func TestFirstFaultOneWalkTwoFaults(t *testing.T) {
	channel := graphql.NewEnum(graphql.EnumConfig{Name: "Channel", Values: graphql.EnumValueConfigMap{"SMS": {}, "CALL": {}}})
	incident := graphql.NewInputObject(graphql.InputObjectConfig{Name: "Incident", Fields: graphql.InputObjectConfigFieldMap{
		"channel": {Type: graphql.NewNonNull(channel)}, "count": {Type: graphql.Int}, "from": {Type: graphql.String}}})
	input := graphql.NewNonNull(graphql.NewInputObject(graphql.InputObjectConfig{Name: "Input", Fields: graphql.InputObjectConfigFieldMap{
		"narrative": {Type: graphql.NewNonNull(graphql.String)}, "consent": {Type: graphql.Boolean},
		"incidents": {Type: graphql.NewList(graphql.NewNonNull(incident))}}}))
	ok := map[string]any{"narrative": "x", "consent": true, "incidents": []any{map[string]any{"channel": "SMS", "count": 2.0}}}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for k, v := range ok {
			m[k] = v
		}
		m[k] = v
		return m
	}
	for _, tc := range []struct {
		name             string
		value            any
		notFit, wrongKin string // "-": no fault
	}{
		{"Fits", ok, "-", "-"},
		{"NullInput", nil, "", "-"},
		{"NotAnObject", "text", "", ""},
		{"MissingRequired", map[string]any{"consent": true}, "narrative", "-"},
		{"UnknownField", with("zzz", 1.0), "zzz", "-"},
		// graphql-go takes these (coerces them), so only the kind check refuses them.
		{"StringForBoolean", with("consent", "no"), "-", "consent"},
		{"ObjectForString", with("narrative", map[string]any{"a": 1.0}), "-", "narrative"},
		{"SingleValueForList", with("incidents", map[string]any{"channel": "SMS"}), "-", "-"},
		{"NullInNonNullList", with("incidents", []any{nil}), "incidents.0", "-"},
		{"EnumOutside", with("incidents", []any{map[string]any{"channel": "FAX"}}), "incidents.0.channel", "-"},
		{"EnumNotText", with("incidents", []any{map[string]any{"channel": 1.0}}), "incidents.0.channel", "incidents.0.channel"},
		{"FractionForInt", with("incidents", []any{ok["incidents"].([]any)[0], map[string]any{"channel": "CALL", "count": 1.5}}), "-", "incidents.1.count"},
		{"UnknownBeforeKnown", with("incidents", []any{map[string]any{"channel": "CALL", "aaa": 1.0, "count": "x"}}), "incidents.0.aaa", "incidents.0.count"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range []struct {
				walk func() (string, bool)
				want string
				what string
			}{
				{func() (string, bool) { p, _, bad := firstFault(input, tc.value, doesNotFit); return p, bad }, tc.notFit, "doesNotFit"},
				{func() (string, bool) { p, _, bad := firstFault(input, tc.value, wrongJSONKind); return p, bad }, tc.wrongKin, "wrongJSONKind"},
			} {
				p, bad := c.walk()
				if got := map[bool]string{true: p, false: "-"}[bad]; got != c.want {
					t.Errorf("%s: path %q, want %q", c.what, got, c.want)
				}
			}
		})
	}
}
