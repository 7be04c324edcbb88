package pii

import (
	"strings"
	"testing"
)

// Review of attack round 24 (session 29, pii29): mobiles in groups the grouped-mobile rule still
// published, and names of addresses written with an ideographic full stop or a middle dot.
func TestScrubReviewOfRound24Redacts(t *testing.T) {
	for _, c := range []struct{ in, leak string }{
		{"电话 +86 1 38 1234 567 8 联系", "1234"},
		{"电话 +86 13 8 1234 567 8 联系", "1234"},
		{"电话 0086 1 38 1234 567 8 联系", "1234"},
		{"手机 1 38 12 34 56 78 联系", "56 78"},
		{"手机 13 81 23 45 67 8 联系", "45 67"},
		{"手机 13 812 345 678 联系", "345"},
		{"手机 １３８ １２３４ ５６７８ 联系", "５６７８"},
		{"手机 １38 1234 567 8 联系", "1234"},
		{"手机 138.1234.567.8 联系", "1234"},
		{"手机 (138) 1234 567 8 联系", "1234"},
		{"邮箱 li。ming@qq.com 谢谢", "li"},
		{"邮箱 li·ming@qq.com 谢谢", "li"},
		{"邮箱 ｌｉ。ｍｉｎｇ＠qq.com 谢谢", "ｌｉ"},
		{"email li-ming at company dot com please", "li-ming"},
		{"phone no 13 8 1234 567 8 thanks", "1234"},
		{"phone number: 13 8 1234 567 8", "1234"},
		{"email zhang-san-feng at acme dot com please", "zhang"},
	} {
		got := Scrub(c.in)
		if strings.Contains(got, c.leak) || !strings.Contains(got, Redacted) {
			t.Errorf("Scrub(%q) = %q: %q is published", c.in, got, c.leak)
		}
	}
}

// What main kept before attack round 24 and the round's rules redacted: amounts and numbered
// references in irregular groups, and English hyphenated words before "at … dot com".
func TestScrubReviewOfRound24Keeps(t *testing.T) {
	for _, s := range []string{
		"借款 1500 3200 600 元",
		"paid 1563 1287 945 in total",
		"还款记录 15 20 30 40 500 元",
		"Case 17 2024 0315 3",
		"编号 18 2023 0001 5",
		"co-worker at acme dot com said",
		"e-mail at work dot com",
		"state-of-the-art at google dot com",
		"欠款 15 000 000 000 元",
		"第 13 15 17 19 21 3 期",
		"利率13.5 1234.5678",
	} {
		if got := Scrub(s); got != s {
			t.Errorf("Scrub(%q) = %q, want it kept", s, got)
		}
	}
}
