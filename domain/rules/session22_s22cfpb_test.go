package rules

import "testing"

// TestSession22CFPBOwnSubject: session 22 (cfpb). Who speaks: a contact, disclosure or visit verb
// whose subject is the complainant's side (I, we, my husband and I, "I … and then told") is their own
// act, not the collector's; the collector's acts, and passives whose third party is told or asked by
// the collector, still flag.
func TestSession22CFPBOwnSubject(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"OwnToldKinEN", "I told my dad about the balance so he could help me budget.", none, third, ""},
		{"OwnToldKinPrivacyEN", "I told my dad about the debt last night.", none, privacy, ""},
		{"OwnBridgeEN", "I finally asked my sister for a loan to settle it.", none, third, ""},
		{"OwnLinkedEN", "I called the collector and then texted my boss that I would be late.", none, third, ""},
		{"OwnVisitEN", "My wife and I went to my in-laws' house to talk it over.", none, third, ""},
		// guards: the collector's acts, and passives, flag
		{"TheyToldKinEN", "They told my dad that I owe them money.", third, none, ""},
		{"TheyLinkedEN", "The agent called me at home and then texted my boss.", third, none, ""},
		{"PassiveByCollectorEN", "My grandmother was questioned by the agency about where I live.", third, none, ""},
		{"PassiveToldOweEN", "My coworkers were told that I owe a debt.", third, none, ""},
	})
}

// TestSession22CFPBValidationAnswered: session 22 (cfpb). Validation asked for and then sent (the
// itemization, the documents, the account history) is a request answered, not an omission, even with
// a semicolon between the request and its answer; a request that went unanswered still flags.
func TestSession22CFPBValidationAnswered(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"AskedThenMailedEN", "I asked the agency to verify the debt and a week later they mailed me the account history.", none, missing, ""},
		{"RequestedSemicolonEN", "I requested validation in June; the company sent us copies of the signed contract in July.", none, missing, ""},
		// guard: asked and never answered
		{"AskedNeverAnsweredEN", "I asked them to validate the debt in March and never heard back from them.", missing, none, ""},
	})
}

// TestSession22CFPBServiceVisit: session 22 (cfpb). A visit to the home for a service (to install,
// repair, inspect, do a walk-through or an estimate) is the trade's visit, not a collector's; a visit
// to collect still flags.
func TestSession22CFPBServiceVisit(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"CameToRepairEN", "Their technician came to my house to repair the water heater and left it leaking.", none, visit, ""},
		{"ShowedUpToInspectEN", "A man showed up at my home to inspect the roof before the lender would fund the loan.", none, visit, ""},
		// guard: a visit to collect
		{"CameToCollectEN", "A collector came to my house to demand the payment in cash.", visit, none, ""},
	})
}
