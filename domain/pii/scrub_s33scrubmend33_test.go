package pii

import (
	"strings"
	"testing"
)

// Review mends of session 33's scrubber (scrubmend33): see docs/SECURITY.md, "Review mends (scrubmend33)".

// Circled, parenthesised and squared letters are category So in Go, so the fold of scrub33 skipped them.
func TestCircledAndSquaredLettersAreFolded(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"ⓙⓞⓗⓝ@gmail.com", "ⓙⓞⓗⓝ"},
		{"我的邮箱ⓙⓞⓗⓝ@qq.com", "ⓙⓞⓗⓝ"},
		{"Sincerely, Ⓙⓞⓗⓝ Ⓢⓜⓘⓣⓗ", "Ⓢⓜⓘⓣⓗ"},
		{"⒥⒪⒣⒩@gmail.com", "⒥⒪⒣⒩"},
		{"🄹🄾🄷🄽@gmail.com", "🄹🄾🄷🄽"},
		{"邮箱 🅙🅞🅗🅝@163.com", "🅙🅞🅗🅝"},
	})
	scrubKeeps(t, "评分 ⓐⓑⓒ 三档", "选项⒜和⒝都不对")
}

// 总是 is "always", and 方 after a Han character ends a party's word (催收方, 平台方).
func TestAlwaysIsNoTitle(t *testing.T) {
	scrubKeeps(t, "催收方总是骚扰我的家人", "平台方总是说系统问题", "贷款方总是不接电话", "出借方总是拖延",
		"钱总是不够用", "他们總是打電話", "催收方总说会处理")
	scrubRedacts(t, []scrubLeak{{"王总说要起诉我", "王总"}, {"李总打电话来催", "李总"}})
}

// Clause and version numbers of four dotted parts are no IPv4 address.
func TestClauseAndVersionNumbersAreNoAddress(t *testing.T) {
	scrubKeeps(t, "借款合同第12.3.4.5条", "第10.1.2.3条规定", "APP版本 5.12.3.1 闪退", "iOS 17.1.2.1",
		"Android 10.2.3.4 系统", "版本号：5.2.10.1", "v2.10.3.4 更新后", "依据10.1.2.3款")
	scrubRedacts(t, []scrubLeak{{"IP 192.168.1.20", "192.168.1.20"}, {"登录IP是10.1.2.3", "10.1.2.3"},
		{"IPv4: 10.1.2.3", "10.1.2.3"}})
}

// Titles in traditional characters, 专员/董/秘书/医生/工 and a name in 「」 before 說.
func TestMoreTitlesAndTraditionalForms(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"張經理說要起訴", "張經理"},
		{"王總打電話", "王總"},
		{"「張三」說要上門", "張三"},
		{"王专员说要上门", "王专员"},
		{"李董打电话威胁", "李董"},
		{"张秘书说会处理", "张秘书"},
		{"催收的王医生，一直打电话", "王医生"},
		{"王工说明天还款", "王工"},
	})
	scrubKeeps(t, "王工作很忙", "我去上班工作", "董事长说会处理", "看医生花了很多钱", "秘书处回复说", "分工不同")
}

// An address after IP with Chinese full stops or spaces between its numbers, and a name in capitals
// in quotes.
func TestSpacedAddressesAndQuotedCapitals(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"IP: 192。168。1。20", "168。1"},
		{"IP 192. 168. 1. 20", "168. 1"},
		{"登录ip地址是 10 .1 .2 .3", ".2 .3"},
		{`"JOHN SMITH" called me at work`, "SMITH"},
	})
	scrubKeeps(t, `"URGENT" notice`, `"FINAL NOTICE" letter`, `they said "NO" and called`, "tip: 192。168。1。20", "第1。2。3。4条")
}

// Low findings: a quoted loan product before 说, a law firm's name, and more than one :: (no IPv6).
func TestQuotedProductsFirmsAndDoubleColons(t *testing.T) {
	scrubKeeps(t, "“白条”说要涨额度", "金杜律师事务所发函", "a::b::c::d", "std::vector::iterator::value")
	scrubRedacts(t, []scrubLeak{{"金杜律师事务所的王律师说", "王律师"}, {"“张三”说要上门", "张三"}})
}

// Third parties' contacts the writer gives are no collector's numbers: ScrubOwnContact removes them.
func TestOwnContactOfNamedThirdParties(t *testing.T) {
	for _, c := range []struct{ in, leak string }{
		{"我表哥叫李强，电话13800138000", "13800138000"},
		{"我同事小李的手机13800138000", "13800138000"},
		{"我的紧急联系人李强13800138000", "13800138000"},
		{"我的紧急联系人是李强，电话13800138000", "13800138000"},
		{"我公司座机010-12345678", "12345678"},
	} {
		if got := ScrubOwnContact(c.in); got == c.in || strings.Contains(got, c.leak) {
			t.Errorf("ScrubOwnContact(%q) = %q: %q reaches the institution", c.in, got, c.leak)
		}
	}
	for _, s := range []string{"打给我的号码是13800138000", "我朋友说催收的电话是13800138000"} {
		if got := ScrubOwnContact(s); got != s {
			t.Errorf("ScrubOwnContact(%q) = %q, want the collector's number kept", s, got)
		}
	}
}
