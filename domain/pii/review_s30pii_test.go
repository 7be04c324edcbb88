package pii

import (
	"strings"
	"testing"
)

// goneS30r checks that Scrub publishes no part of each datum of a text: no word of a name or an
// address, no four digits in a row of a number (full-width digits read as ASCII).
func goneS30r(t *testing.T, in string, data ...string) {
	t.Helper()
	got := Scrub(in)
	plain := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			return r
		}, s)
	}
	out := plain(got)
	for _, d := range data {
		var digits []rune
		for _, r := range plain(d) {
			if r >= '0' && r <= '9' {
				digits = append(digits, r)
			}
		}
		if len(digits) >= 4 {
			for i := 0; i+4 <= len(digits); i++ {
				if strings.Contains(strings.Map(func(r rune) rune {
					if r >= '0' && r <= '9' {
						return r
					}
					return -1
				}, out), string(digits[i:i+4])) {
					t.Errorf("Scrub(%q) = %q: part of %q is published", in, got, d)
					break
				}
			}
			continue
		}
		for _, w := range strings.Fields(d) {
			if strings.Contains(got, w) {
				t.Errorf("Scrub(%q) = %q: %q of %q is published", in, got, w, d)
			}
		}
	}
}

// Review of session 30 (pii), 1: the Latin-name gate skipped 我的名字是, and hasFold read ASCII
// alone where Go's (?i) folds K (U+212A) to k and ſ (U+017F) to s.
func TestScrubReviewS30GatesAgreeWithTheirRules(t *testing.T) {
	goneS30r(t, "我的名字是 Li Ming", "Li Ming")
	goneS30r(t, "我的名字是Li Ming", "Li Ming")
	goneS30r(t, "名字叫 Zhang San，欠款", "Zhang San")
	goneS30r(t, "zhangsan at outloo\u212a.com", "zhangsan")
	goneS30r(t, "zhangsan at \u017fina.com", "zhangsan")
}

// Review of session 30 (pii), 2: a card number before a currency unit or after a currency sign was
// kept as an amount.
func TestScrubReviewS30CardNumberIsNoAmount(t *testing.T) {
	goneS30r(t, "转账到6222021234567890123元", "6222021234567890123")
	goneS30r(t, "卡 4111111111111111 rmb", "4111111111111111")
	goneS30r(t, "¥6222021234567890123", "6222021234567890123")
	goneS30r(t, "转账到６２２２０２１２３４５６７８９０１２３元", "6222021234567890123")
	goneS30r(t, "付款 $4111111111111111 USD", "4111111111111111")
	scrubKeeps(t, "借款15000000元", "¥1500000", "已还 1500000.00 元", "共计300000000000元")
}

// Review of session 30 (pii), 3: a toll-free number with its 1 before is eleven digits of a
// mainland mobile's shape (180, 183–188): the mobile wins.
func TestScrubReviewS30TollFreeWithItsOneIsAMobile(t *testing.T) {
	goneS30r(t, "手机 1-866-123-4567", "18661234567")
	goneS30r(t, "1 866 123 4567", "18661234567")
	goneS30r(t, "+1 888 123 4567", "18881234567")
	goneS30r(t, "我的手机 1-800-123-4567", "18001234567")
	goneS30r(t, "call 1-877-555-0199 now", "18775550199")
	scrubKeeps(t, "客服电话 400-820-8888", "call 800-555-0199 toll free", "客服 4008208888")
}

// Review of session 30 (pii), 4: a bar parts a table's cells; it is read as a filler only where
// the digits it joins make one number.
func TestScrubReviewS30TableBarsAreNoFillers(t *testing.T) {
	scrubKeeps(t, "| 2024-01-15 | 1500 | 3200 | 4700 |", "还款明细 1500|3200|4800|6000 元",
		"| 日期 | 本金 | 利息 |\n| 2024-01-15 | 1500 | 320 |", "1500｜3200｜4800")
	goneS30r(t, "手机138|1234|5678", "13812345678")
	goneS30r(t, "电话 138 | 1234 | 5678 找我", "13812345678")
	goneS30r(t, "身份证110105|19900101|123X", "11010519900101123")
	goneS30r(t, "卡号 4111|1111|1111|1111", "4111111111111111")
	goneS30r(t, "转到 6222|0212|3456|7890", "6222021234567890")
	goneS30r(t, "| 张三 | 13812345678 | 1500 |", "13812345678")
}

// Review of session 30 (pii), 5: WeChat and QQ ids after 号码, in full-width letters and digits;
// an English word after the label is no id.
func TestScrubReviewS30ContactIdsAndWords(t *testing.T) {
	goneS30r(t, "QQ号码：123456", "123456")
	goneS30r(t, "微信号码：zhangsan88", "zhangsan88")
	goneS30r(t, "ＱＱ：123456", "123456")
	goneS30r(t, "QQ：１２３４５６", "123456")
	goneS30r(t, "ｗｅｃｈａｔ：zhangsan88", "zhangsan88")
	goneS30r(t, "微信：ｚｈａｎｇｓａｎ８８", "ｚｈａｎｇｓａｎ８８")
	goneS30r(t, "加我微信 zhangsan", "zhangsan")
	goneS30r(t, "微信号 wxid_abcdef", "wxid_abcdef")
	scrubKeeps(t, "I paid via WeChat: transfer of 5000 yuan", "WeChat ID verification failed", "通过微信 payment 付款",
		"QQ号码：3000元")
}

// Review of session 30 (pii), 6: a building and its room without the street, and an estate's
// building, unit and room in dashes.
func TestScrubReviewS30BuildingAndRoom(t *testing.T) {
	goneS30r(t, "住在3幢201", "3幢201")
	goneS30r(t, "住在B座1203", "B座1203")
	goneS30r(t, "他家住5栋2-501", "5栋2-501")
	goneS30r(t, "幸福小区3-2-501", "3-2-501")
	goneS30r(t, "幸福小区 3-2-501 室", "3-2-501")
	scrubKeeps(t, "小区有3栋楼", "一共5栋", "2024-01-15 还款 1500", "3栋2000元", "村里有2-3户")
}

// Review of session 30 (pii), 7: "oh" repeated is an interjection when no other word is a digit.
func TestScrubReviewS30OhOhOh(t *testing.T) {
	scrubKeeps(t, "Oh oh oh, 2024 was bad", "oh oh oh 2024")
	goneS30r(t, "call oh one three 8123 4567", "81234567")
	goneS30r(t, "my number is one three eight, one two three four, five six seven eight", "one two three four")
}

// Review of session 30 (pii), 1: no gate refuses a text its rule redacts something of (the
// reviewer's texts; TestScrubS30GatesNeverSkipAMatch draws random ones).
func TestScrubReviewS30GatesOnTheReviewersTexts(t *testing.T) {
	for _, text := range []string{"我的名字是 Li Ming", "我的名字是Li Ming", "zhangsan at outloo\u212a.com", "zhangsan at \u017fina.com",
		"\u017fix \u017feven \u017fix \u017fix \u017feven \u017fix \u017fix", "my name i\u017f Jane Doe", "ＱＱ：123456", "ｗｅｃｈａｔ：zhangsan88"} {
		for i, r := range scrubRules {
			if r.gate == nil || r.gate(text) {
				continue
			}
			ungated := r
			ungated.gate = nil
			if spans := ungated.find(text); spans != nil {
				t.Errorf("rule %d: gate refuses %q, of which the rule redacts %v", i, text, spans)
			}
		}
	}
}
