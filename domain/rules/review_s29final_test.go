package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestS29GateComparedInTheNormalisedText: a composite's gate standing after the first fact in the
// same sentence admits nothing, however many invisible characters stand before the sentence — the
// gate's place and the first fact's are both read in the normalised text (the final review of
// session 29: 40 zero-width spaces made "…可别怪别人，对方说。" URGENT with a police referral, the
// gate's normalised offset set against the fact's offset as written).
func TestS29GateComparedInTheNormalisedText(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, pad := range []string{"", strings.Repeat("\u200b", 40), strings.Repeat("\u200b", 200), strings.Repeat(" \n", 60)} {
		text := pad + "你老婆下夜班那段路，碰到点什么可别怪别人，对方说。"
		a := mustPack(t, CN).Judge(Facts{Narrative: text}, "", now)
		if a.Severity == domain.PriorityUrgent || a.SuggestedReferral == domain.ReferPolice {
			t.Errorf("%d bytes of padding: severity %s referral %q; the gate stands after the fact", len(pad), a.Severity, a.SuggestedReferral)
		}
	}
}

// TestS29WeakThreatBesideAPersonRanksHigh: a flagged threat too weak to rank URGENT admits no minor
// or elderly person named elsewhere (session 29, threatparts), but ranks the complaint HIGH beside
// one instead of leaving it NORMAL; alone it stays as it was.
func TestS29WeakThreatBesideAPersonRanksHigh(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text string
		want domain.Priority
	}{
		{"催收员说让我等着瞧。我孩子才五岁，天天被吓哭。", domain.PriorityHigh},
		{"催收员在电话里威胁我。我女儿才6岁，晚上做噩梦。", domain.PriorityHigh},
		{"催收员说让我等着瞧。", domain.PriorityNormal},
	} {
		a := mustPack(t, CN).Judge(Facts{Narrative: c.text}, "", now)
		if a.Severity != c.want || a.SuggestedReferral == domain.ReferPolice {
			t.Errorf("%q: severity %s referral %q; want %s and no referral", c.text, a.Severity, a.SuggestedReferral, c.want)
		}
	}
}

// TestS29PackErrorsOfTheReachInChinese: the composite reach's new bound (0–12, session 29) and the
// gate's check are said in Chinese on the rule-pack page, not left in English.
func TestS29PackErrorsOfTheReachInChinese(t *testing.T) {
	for msg, want := range map[string]string{
		"THIRD_PARTY_CONTACT.x: sentences must be within 0–12":                                     "sentences 须在 0 到 12 之间",
		"THREAT.y: gateSentences must be within 0–5, and gateExcept and gateSentences need a gate": "须有 gate",
	} {
		if got := packErrorZh(msg); !strings.Contains(got, want) {
			t.Errorf("%q → %q; want it to say %q", msg, got, want)
		}
	}
}

// TestS29UnlessNeedsAThirdPartyTold: the veto of the family-knows-afterwards disclosure is the
// complainant telling a third party themselves; telling the collector ("我把情况跟催收解释了") vetoes
// nothing (the final review of session 29).
func TestS29UnlessNeedsAThirdPartyTold(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	const after = "催收打到了我堂哥那里。我堂哥在家族群里@我问怎么回事。家族群里有四十多个人。现在整个家族都知道了，我爷爷还骂了我一顿。"
	for _, c := range []struct {
		before string
		want   bool
	}{
		{"我把情况跟催收解释了，说下个月一定还。", true},
		{"我自己把欠钱的事告诉了我堂哥。", false},
	} {
		a := mustPack(t, CN).Judge(Facts{Narrative: c.before + after}, "", now)
		got := slices.ContainsFunc(a.Violations, func(v domain.SuggestedViolation) bool {
			return slices.ContainsFunc(v.Evidence, func(e domain.RuleEvidence) bool {
				return strings.HasPrefix(e.Rule, "PRIVACY_DISCLOSURE.s29-known-after-contact")
			})
		})
		if got != c.want {
			t.Errorf("%q: the after-contact disclosure found %v, want %v", c.before, got, c.want)
		}
	}
}
