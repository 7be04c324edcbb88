package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestSession27GateReadsTheSpeaker (the last review of session 27): the threatfix gate counted a
// 他们 or 人家 after a parent, teacher or neighbour speaking as the collector's side, and the fire
// form read a fire inspector's warning as a threat — URGENT with a police referral. The collector's
// own words stay threats.
func TestSession27GateReadsTheSpeaker(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, c := range []sevText{
		{CN, "爸妈说他们要把我关在家里不许出门。"},
		{CN, "老师说他们班要把我儿子带走去参加比赛。"},
		{CN, "人家说把垃圾扔到山沟里也没人管。"},
		{CN, "邻居说人家把垃圾扔到河里也没人管。"},
		{US, "The fire inspector said my house might catch fire because of the wiring."},
	} {
		a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		if a.Severity == domain.PriorityUrgent && a.SuggestedReferral == domain.ReferPolice {
			t.Errorf("%q: URGENT with a police referral", c.text)
		}
	}
	for _, c := range []sevText{
		{CN, "催收说他们要把我绑了带去还钱。"},
		{CN, "他们说要把你扔到山沟里都没人知道。"},
		{CN, "我妈说催收的人说他们要把我带走"},
		{US, "The collector said my house might catch fire one night and the insurance wouldn't cover it."},
	} {
		a := mustPack(t, c.j).Judge(Facts{Narrative: c.text}, "", now)
		if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
			t.Errorf("%q: %s %q; want URGENT, POLICE", c.text, a.Severity, a.SuggestedReferral)
		}
	}
}
