package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestS30EnrecallMechanisms: session 30 (enrecall), the US pack's recall on what independent
// writers label by mechanism. Flags: the disclosure as a consequence after a third-party contact
// (now my entire family knows, asked me about my finances, humiliated in front of), the told fact
// up to three sentences after the contact (in default on a car loan, borrowed money and refused to
// pay), HR called by the collector, asked to pass a message, connections and followers messaged, a
// message on a shared machine heard, a postcard showing the debt, a written stop request then
// contact (since then nine more times, three weeks later again), an insult told in quotes to a
// relative, a legal step claimed then found false three sentences on. Look-alikes: the consumer's
// own telling, a location call with no debt named, a daughter who answered with no debt said, the
// consumer's own humiliation is no insult, a garnishment by a real court order.
func TestS30EnrecallMechanisms(t *testing.T) {
	cas := domain.ViolationContactAfterStop
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"KnownAfterContact", "The collector phoned my uncle last Tuesday. Now my entire family knows about the loan.", privacy, none},
		{"AskedAboutFinances", "The agency contacted my pastor. My pastor asked me about my finances after the service.", privacy, none},
		{"ToldFactLater", "Someone from the agency called my brother. He told him I was in default on a car loan.", privacy, none},
		{"RefusesToPay", "The collector emailed my landlord. The email said I borrowed money and refused to pay it back.", privacy, none},
		{"HRCalled", "The collector kept calling human resources at my company to confirm I still work there.", third, none},
		{"PassAMessage", "They asked my neighbor to pass a message along to me that I need to call them back.", third, none},
		{"Followers", "The collector sent messages to about twenty of my followers on Instagram saying I had an unpaid loan.", third, none},
		{"MachineHeard", "They left a voicemail on our family landline that named the loan and the amount. My father and my younger brother both heard it.", privacy, none},
		{"Postcard", "The agency mails me postcards with the words COLLECTION NOTICE and my balance printed on the back.", privacy, none},
		{"StopThenSince", "In April I mailed the company a notice telling them to cease all contact with me. Since then they have phoned me nine more times.", cas, none},
		{"RepresentationThenCall", "My lawyer sent them a letter of representation in June. Three weeks later they called my cell phone again.", cas, none},
		{"QuotedInsultToAunt", "The man told my aunt that I was 'a thief who never pays anyone back.'", abuse, none},
		{"DeputiesNobodyCame", "The collector said deputies were going to come to my job to arrest me on Monday. Nobody came, and the sheriff says there is no warrant.", falseRep, none},
		// look-alikes
		{"OwnTelling", "I told my mother about the loan myself because I needed help with rent. The collector has only ever called me.", none, privacy},
		{"LocationCallNoDebt", "The collector called my sister once to get my new address and did not say why. My sister now knows only that someone was looking for me.", none, privacy},
		{"DaughterAnswered", "My daughter answered the phone and the caller only asked when I would be home, without saying what it was about.", none, third},
		{"OwnHumiliation", "They called my sister about the account and I was humiliated in front of my family.", none, abuse},
		{"RealGarnishment", "The sheriff served me with a summons in person in March. The case is real and I have a hearing date.", none, falseRep},
	})
}
