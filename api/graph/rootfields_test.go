package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// aliased returns n aliases of field, one per line.
func aliased(n int, field string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s\n", i, strings.ReplaceAll(field, "#", fmt.Sprint(i)))
	}
	return b.String()
}

// TestRootFieldsAreBounded: the request limits count requests, and each root field is a resolver
// of its own: 200 aliased publicComplaints counts in one anonymous request, or 50 aliased register
// mutations (12 s of argon2id and 50 e-mails to addresses of the sender's choosing; found by hand).
// An operation holds at most 20 root fields, of which at most 4 statistics, public-data or analysis
// reads, a mutation at most 5, of which at most one signs in, registers, sets a password or invites.
func TestRootFieldsAreBounded(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	const register = `register(email: "v#@example.cn", password: "a-long-password-#", displayName: "x") { checkEmail }`
	for name, c := range map[string]struct {
		query, counted string
	}{
		"AliasedQueries":   {"{\n" + aliased(21, `publicComplaints(first: 1) { totalCount }`) + "}", "fields at the top of one operation"},
		"ThroughFragments": {"{ ...F }\nfragment F on Query {\n" + aliased(11, "__typename") + "... on Query {\n" + aliased(10, "__typename") + "} }", "fields at the top of one operation"},
		"AliasedMutations": {"mutation {\n" + aliased(6, `markNotificationsRead(ids: ["#"])`) + "}", "mutations in one operation"},
		"TwoRegistrations": {"mutation {\n" + aliased(2, register) + "}", "sign-in, registration, password or invitation mutations (send each in a request of its own)"},
		"SignInAndReset":   {"mutation {\n" + `login(email: "a@b.cn", password: "x") { token }` + "\n" + `requestPasswordReset(email: "a@b.cn") { checkEmail }` + "}", "sign-in, registration, password or invitation mutations (send each in a request of its own)"},
		// Session 12: 20 aliased publicFigures took 6.7 s of one anonymous request on 20,000 complaints.
		"AliasedStatistics": {"{\n" + aliased(5, `publicFigures { minCount }`) + "}", "statistics, public-data or analysis fields in one operation (send the others in requests of their own)"},
		"MixedCostlyReads": {"{\n" + aliased(3, `stats { suppressedCells }`) + aliased(2, `trends(interval: DAY) { total }`) + "}",
			"statistics, public-data or analysis fields in one operation (send the others in requests of their own)"},
		"SecondOperationToo": {"query A { __typename }\nmutation B {\n" + aliased(2, register) + "}", "sign-in, registration, password or invitation mutations (send each in a request of its own)"},
	} {
		t.Run(name, func(t *testing.T) {
			res, refused := x.Run(context.Background(), Request{Query: c.query, OperationName: "A"})
			if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != CodeQueryTooComplex || res.Errors[0].Extensions["counted"] != c.counted ||
				res.Errors[0].Extensions["messageZh"] == nil {
				t.Fatalf("refused %v, errors %+v; want %s counting %q", refused, res.Errors, CodeQueryTooComplex, c.counted)
			}
		})
	}
	for name, q := range map[string]string{
		"TwentyRootFields":    "{\n" + aliased(20, "__typename") + "}",
		"OneRegistration":     "mutation {\n" + aliased(1, register) + "}",
		"FiveMutations":       "mutation {\n" + aliased(5, `markNotificationsRead(ids: ["#"])`) + "}",
		"TheDashboardsFour":   `{ me { id } unreadNotificationCount teams { code } violationTypes { code } }`,
		"FourCostlyReads":     "{\n" + aliased(4, `publicFigures { minCount }`) + aliased(10, `complaints(first: 1) { totalCount }`) + "}",
		"OneSignInEachMutual": "mutation A {\n" + aliased(1, register) + "}\nmutation B {\n" + aliased(1, `login(email: "a@b.cn", password: "x") { token }`) + "}",
	} {
		t.Run("Fits/"+name, func(t *testing.T) {
			res, _ := x.Run(context.Background(), Request{Query: q, OperationName: "A"})
			for _, e := range res.Errors {
				if e.Extensions["code"] == CodeQueryTooComplex {
					t.Fatalf("refused: %+v", e)
				}
			}
		})
	}
}
