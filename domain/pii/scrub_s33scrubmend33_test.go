package pii

import "testing"

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
