package graph

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
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

// BenchmarkManyValidationErrors validates a document with 3,000 unknown arguments, one per line:
// 3,000 located errors (graphql-go rescanned the whole document for each; now a line index).
func BenchmarkManyValidationErrors(b *testing.B) {
	x := benchExecutor(b)
	var q strings.Builder
	q.WriteString("{ __typename(\n")
	for i := range 3000 {
		q.WriteString("a" + strconv.Itoa(i) + ": 1\n")
	}
	q.WriteString(") }")
	req := Request{Query: q.String()}
	for b.Loop() {
		if r := x.Do(context.Background(), req); len(r.Errors) != 3000 {
			b.Fatal(len(r.Errors))
		}
	}
}

// BenchmarkLongLineSyntaxError sends a document whose syntax error lies at column 2,000, the
// longest line allowed (graphql-go's message costs the square of the column).
func BenchmarkLongLineSyntaxError(b *testing.B) {
	x := benchExecutor(b)
	req := Request{Query: "{ " + strings.Repeat("a ", 999) + "\x1c }"}
	for b.Loop() {
		if r := x.Do(context.Background(), req); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != CodeParseFailed {
			b.Fatal(r.Errors)
		}
	}
}

// BenchmarkCostly is what choosing a request's lane of the in-flight bound adds to it before it
// takes its slot (api/inflight.go): a filing sent as a persisted-query hash, and a statistics query.
func BenchmarkCostly(b *testing.B) {
	x := benchExecutor(b)
	ctx := domain.WithActor(context.Background(), domain.Actor{UserID: 7, Role: domain.RoleComplainant})
	const file = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id reference status } }`
	pq := &PersistedQuery{Version: 1, Sha256Hash: QueryHash(file)}
	x.Run(ctx, Request{Query: file, Extensions: Extensions{PersistedQuery: pq}}) // registers it
	for name, req := range map[string]Request{
		"FilingByHash": {Extensions: Extensions{PersistedQuery: pq}},
		"Stats":        {Query: `{ me { id } stats(groupBy: [INSTITUTION]) { __typename } }`},
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				x.Costly(ctx, req)
			}
		})
	}
}
