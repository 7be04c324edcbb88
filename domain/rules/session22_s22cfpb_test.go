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

// TestSession22CFPBValidationDemand: session 22 (cfpb). Validation asked for in the complaint itself
// (a present-tense request, a demand addressed to the collector, a statute cited as its ground) is a
// request, not an omission told; a request that went unanswered still flags.
func TestSession22CFPBValidationDemand(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"PresentRequestEN", "I dispute this balance and I hereby request debt validation.", none, missing, ""},
		{"AddressedDemandEN", "Please provide me with verification of the debt you claim.", none, missing, ""},
		{"PursuantEN", "Pursuant to section 1692g of the FDCPA, I dispute the account.", none, missing, ""},
		// guard: asked and never answered
		{"AskedNeverAnsweredEN", "I asked them to validate the debt in March and never heard back from them.", missing, none, ""},
	})
}
