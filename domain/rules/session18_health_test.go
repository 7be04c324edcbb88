package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestSession18MedicalDebtIsNoHealthHarm: a hospital, an emergency room or an ambulance named as who
// bills or is owed is a medical debt, not harm to the consumer's health; before session 18 the US
// HEALTH_HARM lexicon read "hospital*" anywhere, so 10 of 619 CFPB train narratives about medical
// bills (and 10 written ones) ranked URGENT. Harm from the collection and a named elderly person
// still rank URGENT (a stay in hospital told as the reason for arrears no longer does: session 26).
func TestSession18MedicalDebtIsNoHealthHarm(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	p := mustPack(t, US)
	for _, text := range []string{
		"A collection agency keeps writing to me about an old hospital bill that my insurer already paid.",
		"I owe the hospital nothing: the EOB says my responsibility is $0, yet the agency wants $640.",
		"The ambulance company sent my account to collections without billing Medicaid first.",
		"My wife's emergency room charges were covered, but the collector reports them anyway.",
		"The hospital told us the visit was covered by our plan, and now they say we owe $1,200.",
		"It was an in-network hospital, so the surgery bill should never have reached a collector.",
		"They cancelled my health insurance claim and then sent the balance to a debt collector.",
		"These companies take advantage of senior citizens who do not know their rights.",
	} {
		a := p.Judge(Facts{Narrative: text}, "", now)
		if a.Severity == domain.PriorityUrgent {
			t.Errorf("%q: URGENT (urgency %+v), want below", text, a.Urgency)
		}
	}
	for _, tc := range []struct {
		text   string
		factor domain.UrgencyFactor
	}{
		{"After three weeks of their calls I ended up in the hospital with chest pains.", domain.UrgencyHealthHarm},
		// session 26 (threat): a stay in hospital the collection did not bring on ("They kept calling
		// while I was in the hospital", "I was hospitalized in March and could not work") is no longer
		// health harm; TestSession26StayIsNoHealthHarm holds them
		{"The stress of the calls gave me panic attacks and my doctor sent me to the emergency room.", domain.UrgencyHealthHarm},
		{"They keep phoning my 84-year-old father about a hospital bill that is mine, not his.", domain.UrgencyElderly},
	} {
		a := p.Judge(Facts{Narrative: tc.text}, "", now)
		if a.Severity != domain.PriorityUrgent || !slices.ContainsFunc(a.Urgency, func(u domain.UrgencyFinding) bool { return u.Factor == tc.factor }) {
			t.Errorf("%q: severity %s, urgency %+v, want URGENT for %s", tc.text, a.Severity, a.Urgency, tc.factor)
		}
	}
}

// TestSession18FactorExceptNeedsAFactor: an exception for a factor without a lexicon is a pack error.
func TestSession18FactorExceptNeedsAFactor(t *testing.T) {
	raw := strings.Replace(string(usPackJSON(t)), `"except": {`+"\n"+`   "HEALTH_HARM"`, `"except": {`+"\n"+`   "NO_SUCH_FACTOR": {"en": ["x"]},`+"\n"+`   "HEALTH_HARM"`, 1)
	if _, err := Parse([]byte(raw)); err == nil || !strings.Contains(err.Error(), "NO_SUCH_FACTOR") {
		t.Fatalf("Parse with an exception for an unknown factor: %v, want an error naming it", err)
	}
}
