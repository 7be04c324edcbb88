package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain"
)

func TestClientErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("DomainErrorKeepsCodeFieldAndChinese", func(t *testing.T) {
		err := toClientError(ctx, fmt.Errorf("wrapped: %w", domain.Invalid("input.province", "bad province", "省份无效"))).(*clientError)
		if err.ext["code"] != "BAD_USER_INPUT" || err.ext["field"] != "input.province" || err.ext["messageZh"] != "省份无效" || err.message != "bad province" {
			t.Fatalf("got %+v", err)
		}
	})
	t.Run("InternalErrorHidesItsText", func(t *testing.T) {
		err := toClientError(ctx, errors.New("pq: relation complaints does not exist at 10.0.0.3")).(*clientError)
		if err.ext["code"] != "INTERNAL" || err.message != "internal error" {
			t.Fatalf("got %+v", err)
		}
	})
	t.Run("SyntaxValidationAndVariableErrorsAreCoded", func(t *testing.T) {
		x, err := New(Deps{})
		if err != nil {
			t.Fatal(err)
		}
		for q, code := range map[string]string{`{ violationTypes { code `: CodeParseFailed, `{ noSuchField }`: CodeValidationFailed,
			`query($j: Jurisdiction) { violationTypes(jurisdiction: $j) { code } }`: "BAD_USER_INPUT"} {
			r := x.Do(ctx, Request{Query: q, Variables: map[string]any{"j": "MARS"}})
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != code || r.Errors[0].Extensions["messageZh"] == nil {
				t.Errorf("%q: errors %+v, want %s with messageZh", q, r.Errors, code)
			}
		}
	})
}

// TestVariableErrorsAreBounded: a list variable whose 20,000 elements all miss fields (380 KB sent
// anonymously to analyzeMessages) came back as a 6.5 MB error, the value repeated with a line per
// element, twice with messageZh (found by hand). The message is cut to 1,000 bytes; the code and
// the field stay. (20,000 elements are now refused before coercion: 5,000 here.)
func TestVariableErrorsAreBounded(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	texts := make([]any, 5000) // 10,000 values: under maxVariableValues
	for i := range texts {
		texts[i] = map[string]any{"text": "催收员说再不还钱就去你单位闹"}
	}
	res, refused := x.Run(context.Background(), Request{Query: `query($t: [CollectorMessageInput!]!) { analyzeMessages(texts: $t) { __typename } }`,
		Variables: map[string]any{"t": texts}})
	if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] == nil {
		t.Fatalf("refused %v, errors %.300v", refused, res.Errors)
	}
	b, _ := json.Marshal(res)
	if len(b) > 4000 {
		t.Fatalf("the answer to a 5,000-element variable that does not fit is %d bytes, want at most 4,000", len(b))
	}
	if m := res.Errors[0].Message; !utf8.ValidString(m) || !strings.HasSuffix(m, "…") {
		t.Fatalf("message not cut at a character boundary: %q", m[len(m)-20:])
	}
}

// TestVariablesWithTooManyValuesAreRefused: 300,000 empty objects in one list variable (900 KB,
// anonymous analyzeMessages) cost 5 s of CPU in graphql-go's coercion, an error each (found by
// hand). More than maxVariableValues values in all are refused before coercion; the largest real
// input, a routing table of domain.MaxRoutingRules rules with teams, fits.
func TestVariablesWithTooManyValuesAreRefused(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	const q = `query($t: [CollectorMessageInput!]!) { analyzeMessages(texts: $t) { __typename } }`
	for name, vars := range map[string]map[string]any{
		"ListOfEmptyObjects": {"t": make([]any, 300000)},
		"ObjectOfManyFields": {"t": []any{func() map[string]any {
			m := map[string]any{}
			for i := range 60000 {
				m["f"+strconv.Itoa(i)] = 1
			}
			return m
		}()}},
		"ManyVariables": func() map[string]any {
			m := map[string]any{"t": []any{}}
			for i := range 13000 {
				m["v"+strconv.Itoa(i)] = i
			}
			return m
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			for i, v := range vars["t"].([]any) {
				if v == nil {
					vars["t"].([]any)[i] = map[string]any{}
				}
			}
			res, refused := x.Run(context.Background(), Request{Query: q, Variables: vars})
			if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "variables" {
				t.Fatalf("refused %v, errors %.300v", refused, res.Errors)
			}
		})
	}
	rules := make([]any, domain.MaxRoutingRules)
	for i := range rules {
		rules[i] = map[string]any{"province": "310000", "product": "CREDIT_CARD", "violation": "THREAT", "team": "east"}
	}
	teams := make([]any, 50)
	for i := range teams {
		teams[i] = map[string]any{"team": "t" + strconv.Itoa(i), "regions": []any{"310000", "320000"}}
	}
	if n := countValues(map[string]any{"input": map[string]any{"rules": rules, "teams": teams}, "reason": "x"}); n > maxVariableValues {
		t.Fatalf("a routing table of %d rules holds %d values, more than the %d allowed", domain.MaxRoutingRules, n, maxVariableValues)
	}
}

// TestResolverPanicsAnswerInternal: a resolver that panics with a value that is not an error — a
// string, a number — answers INTERNAL without its message, in a nullable and a non-null field,
// and the executor goes on answering. graphql-go 0.8.1 would have shown the panic's text coded
// BAD_USER_INPUT, and its outermost recover asserts the value is an error.
func TestResolverPanicsAnswerInternal(t *testing.T) {
	for name, value := range map[string]any{"String": "secret detail", "Int": 42, "Error": errors.New("secret detail")} {
		t.Run(name, func(t *testing.T) {
			x, err := New(Deps{
				Authenticate:   func(context.Context, string, string) (*domain.User, error) { panic(value) },
				AnalysisBudget: func(context.Context, int) error { panic(value) },
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{
				`mutation { login(email: "a@b.cn", password: "x") { token } }`, // non-null
				`{ analyzeMessages(texts: [{text: "再不还钱就去你单位闹", sender: "10690000", sentAt: "2026-03-01T10:00:00+08:00"}]) { __typename } }`,
			} {
				res := x.Do(context.Background(), Request{Query: q})
				if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != string(domain.CodeInternal) ||
					strings.Contains(res.Errors[0].Message, "secret") || res.Errors[0].Extensions["messageZh"] == nil {
					t.Fatalf("%s: %+v, want one INTERNAL error without the panic's text", q, res.Errors)
				}
			}
			if res := x.Do(context.Background(), Request{Query: `{ __typename }`}); len(res.Errors) != 0 {
				t.Fatalf("after the panics: %v", res.Errors)
			}
		})
	}
}
