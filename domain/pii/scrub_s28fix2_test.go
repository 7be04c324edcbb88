package pii

import (
	"strings"
	"testing"
)

// TestScrubKeepsYearRunsAndDashedLists: runs of years and lists of single numbers with spaced
// dashes are no card or phone number (review of session 28's scrub2).
func TestScrubKeepsYearRunsAndDashedLists(t *testing.T) {
	for _, text := range []string{
		"2019 - 2020 - 2021 三年间",
		"2020 – 2021 – 2022 年连续催收",
		"第 1 - 2 - 3 - 4 - 5 - 6 - 7 条",
		"比分 3 - 1 - 2 - 0 - 1 - 1 - 4",
	} {
		if got := Scrub(text); got != text {
			t.Errorf("Scrub(%q) = %q, want it kept", text, got)
		}
	}
	// Still numbers: a mobile with a dash between each digit, a card in groups.
	for _, text := range []string{"电话 1 - 3 - 8 - 1 - 2 - 3 - 4 - 5 - 6 - 7 - 8 打来", "卡 6222 - 0212 - 3456 - 7890 被扣款", "卡 2019 - 2020 - 2021 - 1234 被扣款"} {
		if got := Scrub(text); !strings.Contains(got, Redacted) {
			t.Errorf("Scrub(%q) = %q, want the number redacted", text, got)
		}
	}
}

// TestScrubSpeltEmailNeedsAnAddress: "at … dot com" in plain English is no address; an address
// with spaces around its dot, or in full-width letters, is one.
func TestScrubSpeltEmailNeedsAnAddress(t *testing.T) {
	for _, text := range []string{
		"I work at google dot com",
		"look at amazon dot com",
		"meet at 5 dot com",
		"paid at taobao . com",
	} {
		if got := Scrub(text); got != text {
			t.Errorf("Scrub(%q) = %q, want it kept", text, got)
		}
		if got := ScrubOwnContact(text); got != text {
			t.Errorf("ScrubOwnContact(%q) = %q, want it kept", text, got)
		}
	}
	for _, text := range []string{
		"邮箱 zhang3 @ qq . com 收到",
		"邮箱 zhang3 at qq . com 收到",
		"邮箱 ｚｈａｎｇ３＠ｑｑ．ｃｏｍ 收到",
		"mail zhang3 at example dot com",
		"mail wang_wei at example dot com",
		"邮箱 zhangsan at qq dot com 收到",
	} {
		if got := Scrub(text); strings.Contains(got, "zhang") || strings.Contains(got, "ｚｈａｎｇ") || strings.Contains(got, "wang") || !strings.Contains(got, Redacted) {
			t.Errorf("Scrub(%q) = %q, want the address redacted", text, got)
		}
	}
}
