package app_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestGraphQLHardening checks the limits over HTTP: the body size, depth and complexity.
// Introspection by role is tested in api/graph (TestQueryLimits); the request limits per user and
// per address in api (TestRateLimitPerUser, TestRateLimitPerAddress).
func TestGraphQLHardening(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})

	t.Run("BodyTooLarge", func(t *testing.T) {
		body, _ := json.Marshal(map[string]any{"query": "{ __typename }", "variables": map[string]any{"pad": strings.Repeat("x", 1<<20)}})
		resp, err := http.Post(env.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r apptest.Response
		_ = json.NewDecoder(resp.Body).Decode(&r)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || r.Code() != "BAD_USER_INPUT" || r.Field() != "body" ||
			!strings.Contains(r.Errors[0].Message, "larger than allowed") {
			t.Fatalf("status %d %q %q %+v, want 413 BAD_USER_INPUT on body", resp.StatusCode, r.Code(), r.Field(), r.Errors)
		}
	})
	t.Run("TooDeep", func(t *testing.T) {
		if r := env.Do(t, "", `{ complaints(first:1) { edges { node { evidence { message { text } } } } } }`, nil); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("a query within the depth limit: %q, want UNAUTHENTICATED", r.Code())
		}
		// Measured on the parsed document before validation: eleven levels are refused as such.
		q := strings.Repeat("{ f ", 11) + strings.Repeat("} ", 11)
		if r := env.Do(t, "", q, nil); r.Code() != "QUERY_TOO_DEEP" || r.Errors[0].Extensions["maxDepth"] != float64(10) {
			t.Fatalf("%q %+v, want QUERY_TOO_DEEP with maxDepth 10", r.Code(), r.Errors)
		}
	})
	t.Run("TooComplex", func(t *testing.T) {
		fields := "id reference status narrative province city product priority team createdAt updatedAt"
		q := "{ a: complaints(first:100){ edges { node { " + fields + " } } } b: complaints(first:100){ edges { node { " + fields + " } } } " +
			"c: complaints(first:100){ edges { node { " + fields + " } } } d: complaints(first:100){ edges { node { " + fields + " } } } " +
			"e: complaints(first:100){ edges { node { " + fields + " } } } }"
		r := env.Do(t, "", q, nil)
		if r.Code() != "QUERY_TOO_COMPLEX" || r.Errors[0].Extensions["maxComplexity"] == nil {
			t.Fatalf("%q %+v, want QUERY_TOO_COMPLEX", r.Code(), r.Errors)
		}
	})
}
