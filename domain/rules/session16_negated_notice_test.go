package rules

import "testing"

// TestSession16NegatedNoticeSent: the exception "sent me a validation notice" (a notice the consumer
// got clears a missing-disclosure hit) matched inside "never sent me a validation notice", so the
// plainest statement of the omission was dismissed. The exception now needs the sending to follow a
// subject, a conjunction or a clause start; a notice really sent still clears the hit.
func TestSession16NegatedNoticeSent(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"NeverSentMeValidationNoticeEN", "They never sent me a validation notice.", missing, none, ""},
		{"HasNeverSentMeValidationLetterEN", "The agency has never sent me a validation letter before reporting it.", missing, none, ""},
		{"DidNotSendUsTheValidationNoticeEN", "The firm did not send us the validation notice and kept calling.", missing, none, ""},
		// guards: a notice sent clears the hit as before
		{"PoliteAndSentTheValidationLetterEN", "The collector has been polite and sent me the validation letter; I only ask about my credit report.", none, missing, ""},
		{"TheySentMeAValidationNoticeEN", "They sent me a validation notice in March, so I know who they are.", none, missing, ""},
	})
}
