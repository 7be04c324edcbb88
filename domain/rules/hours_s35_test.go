package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// Session 35: an upper bound in the evening or at midnight ("今晚12点前", "十一点前") was read as
// contact at 23:59 or 22:59 — three false IMPROPER_HOURS flags from three independent writers
// (blind-s29, s31, s32), each a deadline in a collector's message. Only a bound in the morning
// ("六点之前就打电话") says the contact came outside the hours.
func TestS35EveningBoundIsNoLateContact(t *testing.T) {
	p := mustPack(t, CN)
	for _, text := range []string{
		"催收发短信说今晚12点前不处理，明天就联系我单位。",
		"他们说晚上十二点前必须到账，不然后果自负。",
		"客服让我今晚十一点前把钱打过去。",
	} {
		assertFlagged(t, p, text, "", domain.ViolationImproperHours)
	}
	for _, text := range []string{
		"六点之前就打电话催我还钱",
		"晚上十一点多还在给我打电话催款",
		"凌晨两点多催收打电话把我吵醒",
	} {
		assertFlagged(t, p, text, domain.ViolationImproperHours, "")
	}
}
