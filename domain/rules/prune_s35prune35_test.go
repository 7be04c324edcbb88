package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// Session 35 (prune35): five US patterns whose flags were wrong for independent writers — counted
// over the ten blind sets blind-s25…blind-s34 (700 English texts by ten writers), each the only
// evidence of a flag outside the writer's labels 3 to 6 times, from 3 to 5 writers, and right at
// most once: the topic words "interest rate"/"APR" alone (UNLAWFUL_FEES), the writer's own report
// to the police (FALSE_REPRESENTATION), and a third party who says the debt is not theirs — "never
// a co-signer", "my name is not on the lease" — or "I am current on my bills" (DEBT_DISPUTE).
// Three removed; "my name is not on …" and "I am current on my bills" were restored, as earlier
// sessions' tests hold them for a consumer disputing the debt (TestSession16CFPBDisputes,
// TestUSPhrasingsSession7): on the eleventh writer (blind-s35, unseen until measured) English FP
// 21 → 19 with the three (18 with all five), TP kept.
func TestS35Prune35WriterFalseFlags(t *testing.T) {
	p := mustPack(t, US)
	for _, c := range []struct {
		text string
		not  domain.ViolationType
	}{
		{"I just think the interest rate on this loan is too high.", domain.ViolationUnlawfulFees},
		{"I was never a co-signer on my brother's loan, but they call me every day about it.", domain.ViolationDebtDispute},
		{"After the third call I reported it to the police and they gave me a case number.", domain.ViolationFalseRepresentation},
	} {
		assertFlagged(t, p, c.text, "", c.not)
	}
	// what those patterns also read stays flagged by the others
	for _, c := range []struct {
		text string
		want domain.ViolationType
	}{
		{"The collector said he would turn me over to the police and I would be arrested if I didn't pay today.", domain.ViolationFalseRepresentation},
		{"They charged me a $35 collection fee that is not in my contract.", domain.ViolationUnlawfulFees},
		{"This debt is not mine. I never opened an account with this company and I disputed it in writing.", domain.ViolationDebtDispute},
	} {
		assertFlagged(t, p, c.text, c.want, "")
	}
}
