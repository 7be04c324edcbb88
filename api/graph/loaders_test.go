package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// TestBatchLoadsAListInOneFetch resolves a list whose items each load a key through a batch: one
// fetch for all of them, each item its own value, and a failed fetch reaches the client with its
// code (graphql-go drops the extensions of an error a thunk returns) and its path.
func TestBatchLoadsAListInOneFetch(t *testing.T) {
	var fetches [][]int
	fail := false
	run := func() *graphql.Result {
		b := newBatch(func(_ context.Context, keys []int) (map[int]string, error) {
			fetches = append(fetches, slices.Clone(keys))
			if fail {
				return nil, fmt.Errorf("store: %w: %w", domain.ErrUnavailable, errors.New("dial tcp: connection refused"))
			}
			out := map[int]string{}
			for _, k := range keys {
				out[k] = fmt.Sprint("v", k)
			}
			return out, nil
		})
		item := graphql.NewObject(graphql.ObjectConfig{Name: "Item", Fields: graphql.Fields{
			"value": &graphql.Field{Type: graphql.String, Resolve: func(p graphql.ResolveParams) (any, error) {
				return thunk(p, b.load(p.Context, p.Source.(int)), func(s string) any { return s }), nil
			}},
		}})
		query := graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: graphql.Fields{
			"items": &graphql.Field{Type: graphql.NewList(item), Resolve: func(graphql.ResolveParams) (any, error) {
				return []any{1, 2, 3, 2}, nil
			}},
		}})
		schema, err := graphql.NewSchema(graphql.SchemaConfig{Query: query})
		if err != nil {
			t.Fatal(err)
		}
		return graphql.Do(graphql.Params{Schema: schema, RequestString: `{ items { value } }`, Context: context.Background()})
	}

	t.Run("OK", func(t *testing.T) {
		fetches = nil
		res := run()
		if len(res.Errors) > 0 {
			t.Fatal(res.Errors)
		}
		if len(fetches) != 1 || !slices.Equal(fetches[0], []int{1, 2, 3}) {
			t.Errorf("fetches = %v, want one of [1 2 3]", fetches)
		}
		items := res.Data.(map[string]any)["items"].([]any)
		for i, want := range []string{"v1", "v2", "v3", "v2"} {
			if got := items[i].(map[string]any)["value"]; got != want {
				t.Errorf("item %d = %v, want %s", i, got, want)
			}
		}
	})
	t.Run("ErrUnavailable", func(t *testing.T) {
		fetches, fail = nil, true
		res := run()
		if len(fetches) != 1 || len(res.Errors) != 4 {
			t.Fatalf("%d fetches, %d errors; want 1 and 4: %v", len(fetches), len(res.Errors), res.Errors)
		}
		e := res.Errors[0]
		if e.Extensions["code"] != string(domain.CodeUnavailable) || len(e.Path) != 3 || e.Path[2] != "value" {
			t.Errorf("error = %+v, want code UNAVAILABLE at items.N.value", e)
		}
		if Unavailable(res) == nil {
			t.Errorf("Unavailable(result) = nil, want the cause")
		}
	})
}
