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
	t.Run("SyntaxAndValidationErrorsAreBadUserInput", func(t *testing.T) {
		x, err := New(Deps{})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`{ violationTypes { code `, `{ noSuchField }`, `query($j: Jurisdiction) { violationTypes(jurisdiction: $j) { code } }`} {
			r := x.Do(ctx, Request{Query: q, Variables: map[string]any{"j": "MARS"}})
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
				t.Errorf("%q: errors %+v, want BAD_USER_INPUT", q, r.Errors)
			}
		}
	})
}
