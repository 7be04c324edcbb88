package rules

import (
	"regexp"
	"strings"

	"github.com/redline-regulator/redline/domain/rules/model"
)

// The English admission gate of the THREAT model (session 33, tmen33; docs/RULES.md "Session 33
// (tmen33)"). A sentence the model scores at or above the threshold counts only where
//   - the sentence, or the one before it (a quote's attribution), is a collector-side utterance or act:
//     a collector-side speaker or agent (collector, caller, agent, representative, the company, a
//     voicemail or letter…), a pronoun speaking (he/she/they said, told, warned…), or a line addressed
//     to the complainant (you, your: a short collector quote);
//   - and neither holds another frame: a show, film, book or joke; a grandparent or a family member,
//     friend or neighbour speaking; the complainant's own fear or worry; an offer the collector makes
//     in the same sentence (a payment plan, "work it out", a payoff, "have a good night").

var (
	tgenAgent   = regexp.MustCompile(`\b(collectors?|collection|collections|caller|callers|agent|agents|agency|rep|reps|representatives?|company|companies|creditor|lender|debt buyer|law firm|voicemail|voice mail|voicemails|message|messages|text|texts|letter|letters|e-?mail)\b`)
	tgenSpeaker = regexp.MustCompile(`\b(he|she|they|the man|the woman|the guy|the lady|someone|somebody)\b(\s+\w+){0,3}\s+(said|says|told|tells|warned|warns|threatened|mentioned|added|stated|left|wrote|texted|called|reminded|hinted|implied|suggested|went on|kept saying)\b`)
	tgenYou     = regexp.MustCompile(`\b(you|your|you're|youre|yours|yourself|ya|u)\b`)
	tgenFrame   = regexp.MustCompile(`\b(movie|movies|film|films|tv|television|show|shows|series|episode|novel|sitcom|cartoon|video game|joke|jokes|joked|joking|kidding|laughed|grandma|grandpa|granny|grandmother|grandfather)\b`)
	tgenKin     = regexp.MustCompile(`\bmy (mom|mother|dad|father|husband|wife|brother|sister|uncle|aunt|cousin|neighbou?r|friend|boyfriend|girlfriend|ex|son|daughter|kids?|parents?|roommate|coworker|boss)\b(\s+\w+){0,2}\s+(said|says|told|joked|jokes|would|will|always|used|swore|promised|threatened)\b`)
	tgenOffer   = regexp.MustCompile(`\b(payment plans?|work out (a|an|the) (plan|arrangement|deal)|work (it|something|this) out|solutions?|payoff|pay-off|payment link|have a (good|nice|great) (day|night|evening|weekend))\b`)
	tgenFear    = regexp.MustCompile(`\bi(\s+am|'m|\s+was|\s+have been|'ve been)?\s+(afraid|scared|worried|terrified|fear|worry|fearful|nervous)\b`)
)

// threatGateEN reports whether the English sentence si of st, which the model scored at or above the
// threshold with the n-grams top (strongest first, over fold), is admitted as a collector's threat.
// (No n-gram content test: on s33-tmen33-B the strongest n-grams of true collector threats are
// fragments too — " my ", "l sa", "t ti" — so it rejected them; see docs/RULES.md.)
func threatGateEN(st *scanState, si int, _ []model.ThreatGram, _ []rune) bool {
	sent := func(i int) string {
		if i < 0 || i >= len(st.sents) {
			return ""
		}
		return strings.ToLower(string(st.rs[st.sents[i].start:st.sents[i].end]))
	}
	cur, prev := sent(si), sent(si-1)
	for _, s := range []string{cur, prev} {
		if tgenFrame.MatchString(s) || tgenKin.MatchString(s) {
			return false
		}
	}
	if tgenFear.MatchString(cur) || tgenOffer.MatchString(cur) {
		return false
	}
	if tgenYou.MatchString(cur) {
		return true
	}
	for _, s := range []string{cur, prev} {
		if tgenAgent.MatchString(s) || tgenSpeaker.MatchString(s) {
			return true
		}
	}
	return false
}
