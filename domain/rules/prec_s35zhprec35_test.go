package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s35zhprec35Cases: session 35 (zhprec35) Chinese false-flag mechanisms, phrased anew (no line of
// blind-s34): an option the collector offers, the complainant's own acts, the real police, the
// writer's own misfortune, a negation inside a gapped match, advice to others, an act announced
// with 并且会/还将, a number inside a longer number; and true cases each mechanism must keep.
var s35zhprec35Cases = []struct {
	text string
	typ  domain.ViolationType
	want bool
}{
	// look-alikes: all flagged on main ec077e47
	{"催收员跟我说，如果家里老人要接出来看病，可以先申请延期一个月", domain.ViolationThreat, false},
	{"我打算起诉他们，追究这家公司泄露我个人信息的刑事责任", domain.ViolationFalseRepresentation, false},
	{"第二天我去派出所报了警。民警说已经立案了，让我等通知", domain.ViolationFalseRepresentation, false},
	{"前年因为家里出了事，我才借了这几笔钱", domain.ViolationThreat, false},
	{"我爸妈和同事都还没有接到过催收电话", domain.ViolationThirdPartyContact, false},
	{"大家遇到爆通讯录的一定要报警", domain.ViolationThirdPartyContact, false},
	{"对方说三天内不还就上报征信，还将通知我的家人和领导", domain.ViolationThirdPartyContact, false},
	{"他们的短信我都截图发到12321了", domain.ViolationImproperHours, false},
	// true cases kept
	{"对方说要是你家里出了事别怪我们没提醒", domain.ViolationThreat, true},
	{"他们给我妈和我领导都打了电话，说我欠钱不还", domain.ViolationThirdPartyContact, true},
	{"催收电话一直打到12点还不停", domain.ViolationImproperHours, true},
	{"对方自称警察说已经立案，明天就上门抓我", domain.ViolationFalseRepresentation, true},
}

// TestSession35Zhprec35Mechanisms: each look-alike is not flagged with its type (all 8 are on main
// ec077e47), each true case is.
func TestSession35Zhprec35Mechanisms(t *testing.T) {
	p, err := Default(CN)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	for _, c := range s35zhprec35Cases {
		got := false
		for _, v := range p.JudgeText("t", c.text, now).Flagged() {
			if v == c.typ {
				got = true
			}
		}
		if got != c.want {
			t.Errorf("%s: flagged %s = %v, want %v", c.text, c.typ, got, c.want)
		}
	}
}
