package pii

import (
	"math/rand"
	"strings"
	"testing"
)

// TestScrubSeesNumbersGroupedWithCommasAndSpacedHyphens: a mobile or an ID number written with a
// comma, or a hyphen with spaces around it, between its groups, or digit by digit with spaced
// hyphens between the groups, reached the public dataset whole (left by attack round 23).
func TestScrubSeesNumbersGroupedWithCommasAndSpacedHyphens(t *testing.T) {
	for _, text := range []string{
		"他的电话138,1234,5678，天天打",
		"他的电话138，1234，5678，天天打",
		"call 138, 1234, 5678 now",
		"电话 138 - 1234 - 5678 打来",
		"电话 138 — 1234 — 5678 打来",
		"电话 1 3 8 - 1 2 3 4 - 5 6 7 8 打来",
		"电话 1 3 8 , 1 2 3 4 , 5 6 7 8 打来",
		"身份证 110105,19900101,123X 被曝光",
		"证件 110105 - 19900101 - 1234 被曝光",
		"证件 1 1 0 1 0 5 - 1 9 9 0 0 1 0 1 - 1 2 3 X 被曝光",
		"卡 6222 - 0212 - 3456 - 7890 被扣款",
	} {
		if got := Scrub(text); !strings.Contains(got, Redacted) || digitsLeft(got) > 0 {
			t.Errorf("Scrub(%q) = %q, want the number redacted", text, got)
		}
	}
}

func digitsLeft(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// TestScrubSeesSpeltOutEmailAddresses: name at qq dot com, name(at)163(dot)com, [at]/[dot],
// 艾特/点 (left by attack round 23).
func TestScrubSeesSpeltOutEmailAddresses(t *testing.T) {
	for _, text := range []string{
		"邮箱 zhangsan at qq dot com 收到",
		"write to john.doe AT gmail DOT com please",
		"邮箱 zhangsan(at)163(dot)com 收到",
		"邮箱 zhangsan (at) 163 (dot) com 收到",
		"邮箱 zhangsan [at] gmail [dot] com 收到",
		"邮箱 zhangsan{at}sina{dot}com{dot}cn 收到",
		"邮箱 zhangsan（at）qq（dot）com 收到",
		"邮箱 zhangsan艾特qq点com 收到",
		"邮箱zhangsan艾特qq点com",
		"邮箱 zhangsan＠qq．com 收到",
		"邮箱 zhangsan @ qq.com 收到",
		"邮箱 zhangsan@qq dot com 收到",
	} {
		got := Scrub(text)
		if strings.Contains(got, "zhangsan") || strings.Contains(got, "john") || !strings.Contains(got, Redacted) {
			t.Errorf("Scrub(%q) = %q, want the address redacted", text, got)
		}
	}
}

// TestScrubSeesMobilesInChineseNumerals: 一三八…, 幺三八…, mixed with digits.
func TestScrubSeesMobilesInChineseNumerals(t *testing.T) {
	for _, text := range []string{
		"电话一三八一二三四五六七八打来",
		"电话幺三八幺二三四五六七八打来",
		"电话138一二三四5678打来",
		"电话 一三八 一二三四 五六七八 打来",
		"电话 一三八-一二三四-五六七八 打来",
		"电话 一三八 - 一二三四 - 五六七八 打来",
		"电话一三八，一二三四，五六七八打来",
	} {
		if got := Scrub(text); !strings.Contains(got, Redacted) || strings.Contains(got, "五六七八") || strings.Contains(got, "5678") {
			t.Errorf("Scrub(%q) = %q, want the number redacted", text, got)
		}
	}
}

// TestScrubKeepsAmountsDatesAndShortNumbers: the new forms take no amount, date, time, year or
// number shorter than a phone number from ordinary texts.
func TestScrubKeepsAmountsDatesAndShortNumbers(t *testing.T) {
	for _, text := range []string{
		"借款 12,000 元，已还 1,234,567.89 元，罚息 ¥3,200。",
		"分别还了 3,000、5,000、12,000 元",
		"借了 12,000, 13,000, 15,000 三笔",
		"通话记录：2024-01-15 - 2024-01-20，每天 10:30 - 22:45 打 30 - 40 次",
		"2023 - 2024 年间共计 1,500,000 元",
		"订单号码 12345 - 678 已取消",
		"第 1, 2, 3 期已还清，第 4 - 6 期逾期",
		"I met him at home. Com-pany calls came at 9 - 10 pm",
		"look at the 3 dots. Then",
		"他说 at least 5 times, dot the i",
		"利率 24%，本金 100,000，期限 12 - 36 个月",
		"$1,234,567,890,123 in total",
	} {
		if got := Scrub(text); got != text {
			t.Errorf("Scrub(%q) = %q, want it unchanged", text, got)
		}
	}
}

// TestScrubChangesOnlyWhatItRedacts: the characters around a redacted number stay as written.
func TestScrubChangesOnlyWhatItRedacts(t *testing.T) {
	for text, want := range map[string]string{
		"第①步：x² 后打 ①③⑧①②③④⑤⑥⑦⑧":          "第①步：x² 后打 XXXX",
		"１３８\u200b１２３４\u200b５６７８，３次":     "XXXX，３次",
		"٣ مرات 138\u00a01234\u00a05678": "٣ مرات XXXX",
		"\u200b第②步\u200b":                "\u200b第②步\u200b",
	} {
		if got := Scrub(text); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestScrubStaysLinearOnTheNewForms: 200,000 characters of each form finish (the rules are RE2).
func TestScrubStaysLinearOnTheNewForms(t *testing.T) {
	for _, unit := range []string{"1,", "1 - ", "a at b dot ", "a艾特b点", "(at)(dot)", "一", "1 ", "②\u200b", "12,000 "} {
		text := strings.Repeat(unit, 200000/len([]rune(unit)))
		_ = Scrub(text)
	}
}

// TestScrubOwnContactSeesSpeltOutEmailsAndCommas: an institution reads no e-mail address, spelt
// out or not, nor the writer's own number written with commas.
func TestScrubOwnContactSeesSpeltOutEmailsAndCommas(t *testing.T) {
	for _, text := range []string{
		"请联系 zhangsan (at) qq (dot) com",
		"请联系 zhangsan艾特qq点com",
		"请联系 zhangsan at qq dot com",
		"我的手机138,1234,5678",
		"我的手机 138 - 1234 - 5678",
	} {
		if got := ScrubOwnContact(text); !strings.Contains(got, Redacted) || strings.Contains(got, "zhangsan") || strings.Contains(got, "5678") {
			t.Errorf("ScrubOwnContact(%q) = %q, want the contact removed", text, got)
		}
	}
	if text := "催收员的电话 138,1234,5678 打给我"; ScrubOwnContact(text) != text {
		t.Errorf("ScrubOwnContact(%q) = %q, want the collector's number kept", text, ScrubOwnContact(text))
	}
}

// BenchmarkScrubMapped scrubs a narrative that seeThroughNumbers changes (circled and superscript
// digits, a zero-width space in a mobile), so that redactions are carried back to the text as
// written.
func BenchmarkScrubMapped(b *testing.B) {
	text := "第①步：催收员打 138\u200b1234\u200b5678 说 x² 倍罚息，邮箱 zhangsan (at) qq (dot) com；第②步：上门，" +
		"电话 ①③⑨①②③④⑤⑥⑦⑧，欠款 12,000 元，2024-01-15 - 2024-01-20 每天 10:30 打来。"
	b.ReportAllocs()
	for b.Loop() {
		Scrub(text)
	}
}

// TestScrubLeavesWhatItDoesNotRedact: random texts of digits of every style, separators, format
// characters, marks and invalid bytes come back as written unless something was redacted.
func TestScrubLeavesWhatItDoesNotRedact(t *testing.T) {
	alphabet := []rune("0123456789０５١٣๓𝟏①②²¹ \u00a0\u3000\u200b\u200d\u2060\ufeff\u00ad\u202a\u202c\u2011\u2013~～ー－_·・a中X-,，@.点at\u20e3\ufe0f\u0301")
	rnd := rand.New(rand.NewSource(2))
	for n := 0; n < 5000; n++ {
		rs := make([]rune, rnd.Intn(40))
		for i := range rs {
			rs[i] = alphabet[rnd.Intn(len(alphabet))]
		}
		text := string(rs)
		if rnd.Intn(5) == 0 {
			text += "\xff\xfe1381234"
		}
		if got := Scrub(text); !strings.Contains(got, Redacted) && got != text {
			t.Fatalf("Scrub(%q) = %q, want it as written", text, got)
		}
	}
}
