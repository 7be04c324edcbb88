package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestUSSession12Evasion: session 12's evasions, scopes and veiled threats in English (docs/RULES.md
// "Session 12: evasions, scope and veiled threats, both languages"), phrased anew for the test:
// weapon and coffin emoji, leetspeak and masked insults, "ur gonna", a shame if harm came; a
// question framed as "is it legal for them to", an announced call that then happened, hearsay that
// ends where the consumer's own case starts, identity never given; and the look-alikes that must
// stay clear (a creditor's name is no collector's identity, times and counts as texted).
func TestUSSession12Evasion(t *testing.T) {
	p := mustPack(t, US)
	threat, contact, abusive := domain.ViolationThreat, domain.ViolationThirdPartyContact, domain.ViolationAbusiveLanguage
	unident := domain.ViolationUnidentifiedCollector
	urgent, high, normal := domain.PriorityUrgent, domain.PriorityHigh, domain.PriorityNormal
	T := func(ts ...domain.ViolationType) []domain.ViolationType { return ts }
	runJudgeCases(t, p, []judgeCase{
		// veiled threats: URGENT with a police referral
		{"GunEmoji", "the text was just 🔫🔫🔫 and my street address", T(threat), nil, urgent, true},
		{"CoffinEmoji", "They replied with a ⚰️ and my full name.", T(threat), nil, urgent, true},
		{"PityIfKidsHurt", "Would be a pity if the kids got hurt on the way to school, he said.", T(threat), nil, urgent, true},
		{"UrGonnaRegret", "the guy said ur gonna regret not paying", T(threat), nil, urgent, true},
		{"LeetKill", "he said he'd k1ll me if i didnt pay", T(threat), nil, urgent, true},
		// masked and leet insults
		{"MaskedStupid", "she called me a st*pid b!tch on the phone", T(abusive), nil, high, false},
		{"LeetIdiot", "the agent called me an idi0t twice", T(abusive), nil, high, false},
		// scope
		{"IsItLegalToTextSister", "Is it legal for a collector to text my sister?", nil, T(contact), normal, false},
		{"AnnouncedThenDone", "They said they would call my parents, and sure enough they did last night.", T(contact), nil, high, false},
		{"HearsayThenOwnCalls", "I heard from a coworker they're rude, and yeah, they call me 10 times a day", T(domain.ViolationExcessiveContact), nil, high, false},
		{"NeverSaidWhoHeWorkedFor", "The caller never told me who he worked for.", T(unident), nil, high, false},
		// look-alikes
		{"CreditorNameOmitted", "They never told me the name of the original creditor.", nil, T(unident), normal, false},
	})
}

// TestSession12Normalize: symbols are read as the words they show, with evidence on the symbol as
// written, and masked or leet words as the word they mask, while times, counts and sums stay.
func TestSession12Normalize(t *testing.T) {
	cn, us := mustPack(t, CN), mustPack(t, US)
	for _, c := range []struct {
		p        *Pack
		in, want string
	}{
		{cn, "发了🔪过来", "发了刀的图片过来"},
		{us, "sent ⚰️ and", "sent picture of a coffin and"},
		{us, "sent🔫", "sent picture of a gun"},
		{us, "a f***ing idi0t, a b!tch, thr3ats", "a fucking idiot, a bitch, threats"},
		{us, "at 2am, 4x, 5:30am, $50, covid19, a1c", "at 2am, 4x, 5:30am, $50, covid19, a1c"},
		{us, "*sigh* and **** off", "*sigh* and **** off"},
	} {
		if got := c.p.normalize(c.in).text; got != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	f, ok := cn.Assess(Facts{Narrative: "催收给我发了一把🔪，什么也没说"}).Find(domain.ViolationThreat)
	if !ok || len(f.Evidence) == 0 || f.Evidence[0].Phrase != "🔪" {
		t.Errorf("THREAT evidence should be the knife as written: %+v", f)
	}
}
