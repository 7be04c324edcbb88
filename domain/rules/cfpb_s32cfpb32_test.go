package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestS32Cfpb32Mechanisms: session 32 (cfpb32), CFPB debt-collection narratives by mechanism. Flags:
// a written stop that names the company or is "certified", "wrote … demanding that they cease", a
// letter saying the consumer is represented, an employer's rule against calls, a promise to stop made
// on the phone — each followed within a few sentences by contact told with the company as subject,
// weeks after the letter, or calls "starting up again"; the contact told first as it goes on now and
// the stop told after it as done before ("already asked them … not to"); the mini-Miranda omitted
// ("at no point did the caller state …"); eight or more calls received in one week; a reply that only restated the balance with no documents.
// Look-alikes: the request honoured in its own sentence, the one final letter 1692c(c)(1) allows.
func TestS32Cfpb32Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"CertifiedLetterNamedCompany", "I mailed a certified letter telling Pine Hollow Recovery to stop calling me. It was signed for two days later. They called again on the 14th and the 20th.", stop, none},
		{"WroteDemandingCease", "I wrote to the agency demanding that they cease contacting me. Since then they have left three voicemails.", stop, none},
		{"LetterStatingNotToContact", "My letter stated that they are not to contact me except by mail. The receipt shows delivery on June 2. On June 9 Harbor Lane called my cell phone.", stop, none},
		{"RepresentedWeeksAfter", "My attorney notified them in writing that I am represented. Three weeks after that a rep from the agency called my cell phone.", stop, none},
		{"AgreedOnPhoneToStop", "The supervisor agreed over the phone that they would stop calling me. Two days later I got another call from the same number.", stop, none},
		{"CallsStartUpAgain", "I have asked this agency in writing twice to stop calling me. Every time the calls stop for a week and then start up again.", stop, none},
		{"AlreadyAskedAfter", "they are still calling my work line every day. i already asked them twice not to call me at work", stop, none},
		{"MiniMirandaNever", "The caller left a message to call back about a personal matter. At no point did the caller say that this was a debt collector attempting to collect a debt.", missing, none},
		{"OnlyRestatedBalance", "I asked for proof of the debt and they sent a letter that only restated the balance with no documents.", missing, none},
		{"EightPlusInAWeek", "I got 14 calls from them last week about an old phone bill.", domain.ViolationExcessiveContact, none},
		// look-alikes
		{"FinalLetterAfterCease", "After I sent a cease letter they sent me one final letter saying they were closing the account, and I have not heard from them since.", none, stop},
	})
}
