package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// lookAlikeLeeway is what a look-alike of a threat may still be judged, beyond what none may be:
// referred to a body, or ranked with a threat of violence among its urgency factors.
type lookAlikeLeeway uint8

const (
	// mayBeFlagged: the text may be flagged THREAT (the tests before session 25 checked only the
	// severity, the referral and the factor).
	mayBeFlagged lookAlikeLeeway = 1 << iota
	// mayBeUrgent: the text may rank URGENT for a reason other than violence (an elderly person or
	// a minor involved).
	mayBeUrgent
	// mayBeUrgentForHealth: the text may rank URGENT where it holds a health harm.
	mayBeUrgentForHealth
)

// checkLookAlikes: none of texts, judged at now, is referred or holds a threat of violence among
// its urgency factors; unless leeway says otherwise, none is flagged THREAT at the routing
// confidence or ranked URGENT. It is the look-alike side of checkThreatSeverity, which holds the
// threats themselves (session 27, tidy: the loop stood in seven test files, each a little different).
func checkLookAlikes(t *testing.T, now time.Time, texts []sevText, leeway lookAlikeLeeway) {
	t.Helper()
	for _, c := range texts {
		a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		threat := 0.0
		for _, v := range a.Violations {
			if v.Type == domain.ViolationThreat && v.Confidence >= domain.RoutingConfidence {
				threat = v.Confidence
			}
		}
		urgent := a.Severity == domain.PriorityUrgent
		switch {
		case leeway&mayBeUrgent != 0:
			urgent = false
		case leeway&mayBeUrgentForHealth != 0:
			urgent = urgent && !hasFactor(a, domain.UrgencyHealthHarm)
		}
		if threat > 0 && leeway&mayBeFlagged == 0 || urgent || a.SuggestedReferral != "" || hasFactor(a, domain.UrgencyViolence) {
			t.Errorf("%q: THREAT %.2f severity %s referral %q factors %v; want no THREAT flag, not URGENT, no referral, no threat of violence (leeway %03b)",
				c.text, threat, a.Severity, a.SuggestedReferral, a.Urgency, leeway)
		}
	}
}

// checkUrgentThreats: every text of threats is a THREAT of violence, URGENT with a police referral.
func checkUrgentThreats(t *testing.T, now time.Time, threats []sevText) {
	t.Helper()
	for _, c := range threats {
		a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice || !hasFactor(a, domain.UrgencyViolence) {
			t.Errorf("%q: severity %s referral %q factors %v; want URGENT, POLICE, a threat of violence", c.text, a.Severity, a.SuggestedReferral, a.Urgency)
		}
	}
}
