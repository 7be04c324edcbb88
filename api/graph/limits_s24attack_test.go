package graph

import (
	"context"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// Attack round 19: Complaint.likelyDuplicates lists complaints (up to 20, each a lookup) that list
// their own likely duplicates again. Counted as one field, five levels of it under 30 complaints
// passed the limits at about 160 fields and made 30 × 20⁵ lookups for a debtor with 21 complaints
// against one lender (38 s, a 3.5 MB answer; six levels held the server two minutes).
func TestLikelyDuplicatesAreCountedByTheLimits(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	// Measured before anything runs: the anonymous caller is refused for the cost first, and
	// only later for not being signed in.
	code := func(q string) (string, string) {
		res := x.Do(domain.WithActor(context.Background(), domain.Actor{}), Request{Query: q})
		if len(res.Errors) == 0 {
			return "", ""
		}
		c, _ := res.Errors[0].Extensions["code"].(string)
		return c, res.Errors[0].Message
	}
	nest := func(levels int, leaf string) string {
		s := leaf
		for range levels {
			s = "reference likelyDuplicates { " + s + " }"
		}
		return s
	}
	for _, c := range []struct {
		name, query string
	}{
		{"FiveLevelsUnderAPage", `{ complaints(first: 30) { edges { node { ` + nest(5, "reference") + ` } } } }`},
		{"ThreeLevelsUnderOneComplaint", `{ complaint(id: "RL-2026-00000001") { ` + nest(3, "reference status") + ` } }`},
		{"AliasedUnderOneComplaint", `{ complaint(id: "RL-2026-00000001") { ` +
			`a: likelyDuplicates { reference likelyDuplicates { reference narrative } }
			b: likelyDuplicates { reference likelyDuplicates { reference narrative } }
			c: likelyDuplicates { reference likelyDuplicates { reference narrative } }
			d: likelyDuplicates { reference likelyDuplicates { reference narrative } }
			e: likelyDuplicates { reference likelyDuplicates { reference narrative } }
			f: likelyDuplicates { reference likelyDuplicates { reference narrative } }
			g: likelyDuplicates { reference likelyDuplicates { reference narrative } } } }`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got, msg := code(c.query); got != CodeQueryTooComplex {
				t.Fatalf("code %q (%s), want %s", got, msg, CodeQueryTooComplex)
			}
		})
	}
	// The case page's selection (one level, under one complaint) still passes the limits: refused
	// further on only because this executor has no complaint service.
	t.Run("CasePageStillFits", func(t *testing.T) {
		q := `{ complaint(id: "RL-2026-00000001") { id reference narrative likelyDuplicates { id reference status lenderName agencyName
			lender { name nameEn } agency { name nameEn } product province narrative createdAt claimedViolations } } }`
		if got, msg := code(q); got != "UNAUTHENTICATED" {
			t.Fatalf("code %q (%s)", got, msg)
		}
	})
}
