package graph

import (
	"context"
	"errors"
	"fmt"
	"testing"

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
