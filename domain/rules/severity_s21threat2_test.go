package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s21t2Threats: threats by mechanism rather than wording, each URGENT with a police referral for a
// threat of violence (session 21, threat2): the home or the routine found out, a place one cannot
// hide from, an accident to come after a warning modal, men brought to the shop to "talk", a lesson
// to remember, a pet poisoned; US: where one works known, a visit for a chat, a lesson to teach,
// tires slashed.
var s21t2Threats = []sevText{
	{CN, "催收说我们已经打听到你老婆在哪个厂上班了。"},
	{CN, "催收说你逃到天涯海角我们也能找到你。"},
	{CN, "催收说下雪天你开车当心点，别到时候进了医院。"},
	{CN, "催收说明天叫上几个兄弟到你店里喝喝茶。"},
	{CN, "对方说再拖下去就给你点颜色瞧瞧。"},
	{CN, "催收说你家那只猫哪天被药死了别找我们。"},
	{US, "The collector said they know where my husband works."},
	{US, "He said a couple of guys might come by your office to have a little chat."},
	{US, "The caller said someone should teach me a lesson about paying."},
	{US, "He told me people like me get their tires slashed, then said he might slash my tires himself."},
}

// s21t2NotThreats: look-alikes: a mother's warning about the ice, a lesson about paying on time, a
// question where the collector asked where the complainant works, advice to be careful with credit:
// NORMAL, no referral, no threat of violence.
var s21t2NotThreats = []sevText{
	{CN, "我爸打电话来说路上结冰了，叫我开车当心别摔了。"},
	{CN, "客服说这次罚息就当让你长个记性，以后按时还款。"},
	{US, "The agent reminded me to be careful with my spending and make payments on time."},
}

// TestSession21Threat2Severity: every threat of s21t2Threats is URGENT with a police referral for a
// threat of violence; none of s21t2NotThreats raises severity or is referred.
func TestSession21Threat2Severity(t *testing.T) {
	checkThreatSeverity(t, time.Date(2026, 12, 5, 13, 0, 0, 0, time.UTC), s21t2Threats, s21t2NotThreats)
}

// checkThreatSeverity: every text of threats is URGENT with a police referral for a threat of
// violence; none of notThreats raises severity, is referred or holds that factor.
func checkThreatSeverity(t *testing.T, now time.Time, threats, notThreats []sevText) {
	t.Helper()
	cases := map[bool][]sevText{true: threats, false: notThreats}
	for threat, texts := range cases {
		want, referral := domain.PriorityNormal, domain.ReferralBody("")
		if threat {
			want, referral = domain.PriorityUrgent, domain.ReferPolice
		}
		for _, c := range texts {
			a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
			if a.Severity != want || a.SuggestedReferral != referral || hasFactor(a, domain.UrgencyViolence) != threat {
				t.Errorf("%q: severity %s referral %q factors %v; want %s, referral %q, a threat of violence %v", c.text, a.Severity, a.SuggestedReferral, a.Urgency, want, referral, threat)
			}
		}
	}
}
