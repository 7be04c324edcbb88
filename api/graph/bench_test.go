package graph

import (
	"context"
	"testing"

	"github.com/graphql-go/graphql"
)

const benchQuery = `query Labels($j: Jurisdiction) { violationTypes(jurisdiction: $j) { code labelZh labelEn } }`

func benchExecutor(b *testing.B) *Executor {
	x, err := New(Deps{})
	if err != nil {
		b.Fatal(err)
	}
	return x
}

// BenchmarkRequestCached runs a request whose parsed and validated document is cached.
func BenchmarkRequestCached(b *testing.B) {
	x := benchExecutor(b)
	req := Request{Query: benchQuery, Variables: map[string]any{"j": "CN"}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := x.Do(ctx, req); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
	}
}

// BenchmarkRequestUncached parses, validates and executes on every request (graphql.Do).
func BenchmarkRequestUncached(b *testing.B) {
	x := benchExecutor(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		r := graphql.Do(graphql.Params{Schema: x.schema, RequestString: benchQuery, VariableValues: map[string]any{"j": "CN"}, Context: ctx})
		if len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
	}
}
