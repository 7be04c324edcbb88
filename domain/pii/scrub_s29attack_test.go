package pii

import (
	"strings"
	"testing"
)

// Round 23's leftovers (session 29, attack): a mobile split with a one-digit group, an address
// spelt out with a hyphen in its name, full-width marks inside an address's name, and two addresses
// run together with a styled digit. Each reached the public dataset whole or in part on main.
func TestScrubLeftoversOfRound23(t *testing.T) {
	for _, c := range []struct{ in, leak string }{
		{"电话138 1234 567 8联系我", "567"},
		{"电话 138 1234 567 8 联系", "567"},
		{"电话1 38 1234 5678联系", "5678"},
		{"电话 13 8 1234 5678 联系", "5678"},
		{"手机138-1234-567-8", "567"},
		{"call +86 138 1234 567 8 now", "567"},
		{"email li-ming at company dot com please", "li-ming"},
		{"邮箱 li-ming at company dot com", "li-ming"},
		{"邮箱li-ming\u3000at\u3000company\u3000dot\u3000com", "li-ming"},
		{"邮箱ｌｉ．ｍｉｎｇ＠ｑｑ．ｃｏｍ谢谢", "ｌｉ"},
		{"邮箱ｌｉ＿ｍｉｎｇ＠ｑｑ．ｃｏｍ谢谢", "ｌｉ"},
		{"邮箱ｌｉ－ｍｉｎｇ＠ｑｑ．ｃｏｍ谢谢", "ｌｉ"},
		{"邮箱li．ming@qq.com谢谢", "li"},
		{"li.ming@163⓪.comzhang3@qq.com10", "li.ming"},
	} {
		got := Scrub(c.in)
		if strings.Contains(got, c.leak) || !strings.Contains(got, Redacted) {
			t.Errorf("Scrub(%q) = %q: %q is published", c.in, got, c.leak)
		}
	}
}

// What the new rules must keep: amounts grouped in thousands, lists of numbers, years and dates
// side by side, decimals, English with a hyphenated word before "at" that is no spelt address.
func TestScrubLeftoversKeepWhatIsNoContact(t *testing.T) {
	for _, s := range []string{
		"欠款 15 000 000 000 元",
		"第 13 15 17 19 21 3 期",
		"2019 2020 2021 1 3 号",
		"利率13.5 1234.5678",
		"我在2000 1999 2020 2099",
		"共还了 1 3 8 次",
		"150,0000,0000",
		"I paid 300 at Costco. Me and my husband",
		"I work at google dot com",
		"2024-01-15 2024-01-16 2024-01-17",
	} {
		if got := Scrub(s); got != s {
			t.Errorf("Scrub(%q) = %q, want it kept", s, got)
		}
	}
}
