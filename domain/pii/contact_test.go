package pii

import (
	"strings"
	"testing"
)

// TestScrubOwnContact (session 16, attack): what the writer gives as their own or a relative's
// contact, and every e-mail address, goes; the collectors' numbers stay.
func TestScrubOwnContact(t *testing.T) {
	for _, tc := range []struct{ in, gone, kept string }{
		{"我的另一个号码 13700001111，催收员 18600001234 每天打电话", "13700001111", "18600001234"},
		{"我的手机是：139 1234 5678。", "139 1234 5678", ""},
		{"我老公的邮箱 laogong@qq.com", "laogong@qq.com", ""},
		{"有事发邮件 somebody@example.cn", "somebody@example.cn", ""},
		{"本人微信：wangnvshi88，催收员微信 cuishou001", "wangnvshi88", "cuishou001"},
		{"我妈的电话 0755-12345678", "0755-12345678", ""},
		{"我的手机号码一三七零零零零一一一一", "一三七零零零零一一一一", ""},
		{"我家QQ 12345678", "12345678", ""},
		{"打给我的号码是18600002222，他们用 0755-87654321 打我的手机", "", "18600002222"},
		{"我的手机 iPhone 一直响，我的电话一天五六十个", "", "iPhone"},
		{"催收员用13900001111打来，打我的手机13800002222", "13800002222", "13900001111"},
	} {
		got := ScrubOwnContact(tc.in)
		if tc.gone != "" && strings.Contains(got, tc.gone) {
			t.Errorf("ScrubOwnContact(%q) = %q, still holds %q", tc.in, got, tc.gone)
		}
		if tc.kept != "" && !strings.Contains(got, tc.kept) {
			t.Errorf("ScrubOwnContact(%q) = %q, lost %q", tc.in, got, tc.kept)
		}
	}
	if in := "催收员 18600001234 说要到我家来，还说要去我单位闹。"; ScrubOwnContact(in) != in {
		t.Errorf("a narrative without own contact changed: %q", ScrubOwnContact(in))
	}
}
