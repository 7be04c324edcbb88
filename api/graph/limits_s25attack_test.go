package graph

import (
	"strings"
	"testing"
)

// TestRulePackDocumentsAreCountedByTheLimits (attack round 20, session 25): rulePack and rulePacks
// are public, and RulePack.document is a whole pack (about 640 KB). Counted as one field, twenty
// aliases of rulePacks { document } passed the limits: an 18 MB answer for an anonymous request of a
// few hundred bytes, 6 s of the API's time. A document counts for 2,000 fields and rulePacks for its
// two jurisdictions: a request reads at most two documents, and the admin page's query still fits.
func TestRulePackDocumentsAreCountedByTheLimits(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	many := func(n int, sel string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			b.WriteString(" a" + string(rune('a'+i)) + ": " + sel)
		}
		return b.String() + " }"
	}
	for _, q := range []string{
		many(20, "rulePacks { document }"),
		many(3, "rulePack(jurisdiction: CN) { document }"),
		"{ rulePacks { document } rulePack { document } }",
		many(20, "rulePack(jurisdiction: CN) { document }"),
	} {
		_, errs := x.document(q)
		if len(errs) == 0 || errs[0].Extensions["code"] != "QUERY_TOO_COMPLEX" {
			t.Errorf("%.60s…: %+v, want QUERY_TOO_COMPLEX", q, errs)
		}
	}
	for _, q := range []string{
		// The admin page's rules query (api/web/static/pages/admin/rules.js).
		`query($j: Jurisdiction!) { rulePack(jurisdiction: $j) { revision version reason createdAt document } rulePackRevisions(jurisdiction: $j) { revision version reason createdById createdAt } rulePacks { jurisdiction revision version reason createdAt } }`,
		many(2, "rulePack(jurisdiction: CN) { document }"),
		"{ rulePacks { jurisdiction document } }",
	} {
		if _, errs := x.document(q); len(errs) > 0 {
			t.Errorf("%.60s…: %+v, want it to fit", q, errs)
		}
	}
}
