package graph

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

const fileQuery = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`

// filing is a filing whose personal data must never come back in an error.
func filing(change map[string]any) map[string]any {
	in := map[string]any{"relation": "SELF", "product": "CREDIT_CARD", "province": "440000", "narrative": "催收员每天打电话给我父母和同事，威胁要上门。",
		"debtor":         map[string]any{"name": "王小明", "mobile": "13812345678", "idNumber": "11010519491231002X"},
		"contractNumber": "HT-2025-0001", "consentToPublish": false}
	for k, v := range change {
		in[k] = v
	}
	return in
}

var filingSecrets = []string{"王小明", "13812345678", "11010519491231002X", "HT-2025-0001", "催收员"}

// TestVariablesOfTheWrongTypeAreRefused: graphql-go coerced values of the wrong JSON type (found
// by hand): an object became the narrative "map[a:…]", "no" gave consent to publish, 1.5 days
// became 1, a list given as a complaint id reached PostgreSQL as INTERNAL. Each is BAD_USER_INPUT
// on its input path before anything runs, naming the types, not the value; values of the right
// type still go through.
func TestVariablesOfTheWrongTypeAreRefused(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		field, want string
	}{
		{"ObjectForString", fileQuery, map[string]any{"i": filing(map[string]any{"narrative": map[string]any{"a": "催收员威胁要上门"}})}, "input.narrative", "expected text, got an object"},
		{"ListForString", fileQuery, map[string]any{"i": filing(map[string]any{"narrative": []any{"催收员", "威胁"}})}, "input.narrative", "expected text, got a list"},
		{"NumberForString", fileQuery, map[string]any{"i": filing(map[string]any{"debtor": map[string]any{"idNumber": 110105194912310020.0}})}, "input.debtor.idNumber", "expected text, got a whole number"},
		{"StringForBoolean", fileQuery, map[string]any{"i": filing(map[string]any{"consentToPublish": "no"})}, "input.consentToPublish", "expected true or false, got text"},
		{"NumberForBoolean", fileQuery, map[string]any{"i": filing(map[string]any{"consentToShareIdentity": 0.0})}, "input.consentToShareIdentity", "expected true or false, got a whole number"},
		{"FractionForInt", fileQuery, map[string]any{"i": filing(map[string]any{"daysOverdue": 1.5})}, "input.daysOverdue", "got a number"},
		{"TextForInt", fileQuery, map[string]any{"i": filing(map[string]any{"incidents": []any{map[string]any{}, map[string]any{"count": "3"}}})}, "input.incidents.1.count", "got text"},
		{"HugeInt", fileQuery, map[string]any{"i": filing(map[string]any{"daysOverdue": 1e12})}, "input.daysOverdue", "whole number between"},
		{"NumberForEnum", fileQuery, map[string]any{"i": filing(map[string]any{"relation": 1.0})}, "input.relation", "expected one of"},
		{"TextForObject", fileQuery, map[string]any{"i": filing(map[string]any{"debtor": "王小明"})}, "input.debtor", "expected an object, got text"},
		{"ListForID", `query($id: ID!) { complaint(id: $id) { id } }`, map[string]any{"id": []any{"5f621788-8057-4281-a9ce-dd2e25d7277e"}}, "id", "expected an id"},
		{"BooleanForID", `query($id: ID!) { complaint(id: $id) { id } }`, map[string]any{"id": true}, "id", "expected an id"},
		{"ObjectForPassword", `mutation($p: String!) { login(email: "a@b.cn", password: $p) { token } }`, map[string]any{"p": map[string]any{"x": "secret"}}, "password", "expected text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, refused := x.Run(context.Background(), Request{Query: c.query, Variables: c.vars})
			if !refused || len(res.Errors) != 1 {
				t.Fatalf("refused %v, errors %+v", refused, res.Errors)
			}
			e := res.Errors[0]
			if e.Extensions["code"] != "BAD_USER_INPUT" || e.Extensions["field"] != c.field || !strings.Contains(e.Message, c.want) || e.Extensions["messageZh"] == nil {
				t.Fatalf("%q %v, want BAD_USER_INPUT on %s saying %q", e.Message, e.Extensions, c.field, c.want)
			}
			noSecrets(t, res)
		})
	}
	for _, c := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"IDAsWholeNumber", `query($id: ID!) { complaint(id: $id) { id } }`, map[string]any{"id": 42.0}},
		{"OneValueForAList", `query($k: [InstitutionKind!]) { alerts(institutionKinds: $k) { __typename } }`, map[string]any{"k": "BANK"}},
		{"WholeFloatForInt", `query($n: Int) { notifications(first: $n) { totalCount } }`, map[string]any{"n": 5.0}},
		{"GoInt", `query($n: Int) { notifications(first: $n) { totalCount } }`, map[string]any{"n": 5}},
		{"Null", `query($n: Int) { notifications(first: $n) { totalCount } }`, map[string]any{"n": nil}},
	} {
		t.Run("Fits/"+c.name, func(t *testing.T) {
			if res, refused := x.Run(context.Background(), Request{Query: c.query, Variables: c.vars}); refused {
				t.Fatalf("refused: %+v", res.Errors)
			}
		})
	}
}

// TestVariableErrorsEchoNoValues: graphql-go's own message for a variable that does not fit (an
// unknown field, a value outside an enum) repeated the whole value, so a filing with one field
// wrong came back with the debtor's name, ID number and mobile and the narrative in message and
// messageZh (found by hand). The field and the types stay, the values go.
func TestVariableErrorsEchoNoValues(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		in    map[string]any
		field string
	}{
		"UnknownField":     {filing(map[string]any{"email": "wang.xiaoming@qq.com"}), "input.email"},
		"ValueOutsideEnum": {filing(map[string]any{"relation": "13812345678"}), "input.relation"},
		"NestedList":       {filing(map[string]any{"incidents": []any{map[string]any{"channel": "11010519491231002X"}}}), "input.incidents.0.channel"},
	} {
		t.Run(name, func(t *testing.T) {
			res, refused := x.Run(context.Background(), Request{Query: fileQuery, Variables: map[string]any{"i": c.in}})
			if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["field"] != c.field || !strings.HasPrefix(res.Errors[0].Message, `Variable "$i" got an invalid value.`) {
				t.Fatalf("refused %v, errors %+v", refused, res.Errors)
			}
			noSecrets(t, res, "wang.xiaoming")
		})
	}
}

// TestArgumentLiteralErrorsEchoNoValues: validation repeated an argument's literal the same way,
// the whole filing for one wrong enum value, and the password of a sign-in written as a number.
func TestArgumentLiteralErrorsEchoNoValues(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"Filing": `mutation { fileComplaint(input: {relation: SELFX, product: CREDIT_CARD, province: "440000", narrative: "催收员每天打电话给我父母和同事",
			contractNumber: "HT-2025-0001", debtor: {name: "王小明", mobile: "13812345678", idNumber: "11010519491231002X"}}) { id } }`,
		"NestedWrongType": `mutation { fileComplaint(input: {relation: SELF, product: CREDIT_CARD, province: "440000", narrative: "催收员每天打电话给我父母和同事",
			debtor: {name: "王小明", idNumber: 13812345678}}) { id } }`,
		"Password": `mutation { login(email: "a@b.cn", password: 13812345678) { token } }`,
	} {
		t.Run(name, func(t *testing.T) {
			res, refused := x.Run(context.Background(), Request{Query: q})
			if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != CodeValidationFailed ||
				!strings.Contains(res.Errors[0].Message, "has an invalid value.") {
				t.Fatalf("refused %v, errors %+v", refused, res.Errors)
			}
			noSecrets(t, res)
		})
	}
}

// TestControlCharactersRefusedInEveryText: free text took control characters and bidirectional
// overrides (found by hand: an evidence description with BEL and U+202E was stored as sent). Every
// string argument refuses them, with the input path; tabs, line breaks and direction marks stay.
func TestControlCharactersRefusedInEveryText(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	const evidence = `mutation($d: String) { addEvidence(complaintId: "c", uploadToken: "u", description: $d) { id } }`
	for name, c := range map[string]struct {
		query string
		vars  map[string]any
		field string
	}{
		"Override":     {evidence, map[string]any{"d": "发票\u202efdp.exe"}, "description"},
		"Isolate":      {evidence, map[string]any{"d": "a\u2066b"}, "description"},
		"Bell":         {evidence, map[string]any{"d": "a\u0007b"}, "description"},
		"EscapeInList": {fileQuery, map[string]any{"i": filing(map[string]any{"incidents": []any{map[string]any{"occurredAt": "2026-01-05T23:10:00+08:00", "channel": "SMS", "description": "\u001b[2J催收"}}})}, "input.incidents.0.description"},
		"C1":           {fileQuery, map[string]any{"i": filing(map[string]any{"narrative": "催收员\u0085每天打电话"})}, "input.narrative"},
		"Literal":      {`mutation { addEvidence(complaintId: "c", uploadToken: "u", description: "a\u202Db") { id } }`, nil, "description"},
	} {
		t.Run(name, func(t *testing.T) {
			res, refused := x.Run(context.Background(), Request{Query: c.query, Variables: c.vars})
			if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != c.field ||
				!strings.Contains(res.Errors[0].Message, "control character") {
				t.Fatalf("refused %v, errors %+v; want BAD_USER_INPUT on %s", refused, res.Errors, c.field)
			}
		})
	}
	res, refused := x.Run(context.Background(), Request{Query: fileQuery,
		Variables: map[string]any{"i": filing(map[string]any{"narrative": "催收员\t每天打电话。\r\n第二段\u2028第三行 \u200fمحمد\u200e 😀"})}})
	if refused {
		t.Fatalf("a narrative with tabs, line breaks and direction marks refused: %+v", res.Errors)
	}
}

func noSecrets(t *testing.T, res any, more ...string) {
	t.Helper()
	b, _ := json.Marshal(res)
	for _, s := range append(more, filingSecrets...) {
		if strings.Contains(string(b), s) {
			t.Fatalf("the answer holds %q: %s", s, b)
		}
	}
}
