package pii

import (
	"strings"
	"unicode/utf8"
)

// Session 33 (scrub33): names the text marks by a title or 小/老, and network addresses.

// personTitles are the titles and forms of address that follow a surname to name a person (王总,
// 张经理, 李姐): the institution's staff and the collectors are named so as often as by 先生.
const personTitles = `总监|总|经理|主任|主管|老师|律师|师傅|老板|科长|处长|局长|所长|队长|部长|行长|组长|警官|法官|姐|哥|叔|阿姨`

var personTitleList = strings.Split(personTitles, "|")

// hasPersonTitle reports a title of personTitles in t.
func hasPersonTitle(t string) bool { return containsOne(t, personTitleList...) }

// surnameWordEnds are words that end in a surname's character, which a title may follow without
// naming anyone (对方律师, 本金总额, 一万总共, 主任 after 班).
var surnameWordEnds = []string{"对方", "双方", "我方", "贵方", "甲方", "乙方", "官方", "警方", "各方", "地方", "院方", "校方",
	"买方", "卖方", "资方", "本金", "现金", "资金", "押金", "租金", "基金", "黄金", "奖金", "罚金", "违约金", "保证金", "一万",
	"十万", "百万", "千万", "几万", "两万", "数万", "如何", "任何", "为何", "由于", "对于", "关于", "至于", "属于", "等于",
	"处于", "其余", "多余", "剩余", "业余", "责任", "信任", "担任", "方向", "面向", "工程", "过程", "流程", "课程", "进程",
	"有钱", "没钱", "多少钱", "毛钱", "块钱", "利息钱"}

// totalWords follow 总 where it means "total", not a person's title (余总额, 金总计).
const totalWords = "额计共数部量和结体值价账裁台统之算公局行"

// titleNoName keeps a surname and a title that are no person: the surname's character ends a word
// (surnameWordEnds), or 总 opens a word of totals.
func titleNoName(text string, start, end int) bool {
	for _, w := range surnameWordEnds {
		if strings.HasSuffix(text[:end], w) {
			return true
		}
	}
	rest := text[end:]
	if strings.HasPrefix(rest, "总") && !strings.HasPrefix(rest, "总监") {
		after, _ := utf8.DecodeRuneInString(rest[len("总"):])
		if strings.ContainsRune(totalWords, after) {
			return true
		}
	}
	return false
}

// prefixWords are words of 小/老 and a surname's character that name no one (小钱, 小白 a novice,
// 小于 less than).
var prefixWords = []string{"小钱", "小白", "小于", "老于", "小向", "老向"}

// prefixEnds are the characters before 小 or 老 that make a word of them (从小, 大小, 养老, 古老):
// the surname's character after is then no name (养老钱借给我).
const prefixEnds = "从大最很太较缩变微细短矮弱养敬年古元父倚卖遗"

// prefixNoName keeps 小王/老李 where the two characters are a word of prefixWords, or 小/老 ends a
// word before them (prefixEnds).
func prefixNoName(text string, start, end int) bool {
	p := start - len("小")
	for _, w := range prefixWords {
		if strings.HasPrefix(text[p:], w) {
			return true
		}
	}
	r, _ := utf8.DecodeLastRuneInString(text[:p])
	return strings.ContainsRune(prefixEnds, r)
}

// ipOctet is a number of an IPv4 address (0 to 255, no leading zero).
const ipOctet = `(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`

// ipNotAlone keeps four dotted numbers that are no address: part of a longer dotted run (1.2.3.4.5,
// 192.168.1.20.5), or four single digits (a section's number, 第1.2.3.4条) without IP before them.
func ipNotAlone(text string, start, end int) bool {
	if end+1 < len(text) && text[end] == '.' && text[end+1] >= '0' && text[end+1] <= '9' ||
		start >= 2 && text[start-1] == '.' && text[start-2] >= '0' && text[start-2] <= '9' {
		return true
	}
	if end-start > 7 {
		return false
	}
	lead := text[max(0, start-16):start]
	return !strings.Contains(lead, "IP") && !strings.Contains(lead, "ip") && !strings.Contains(lead, "Ip")
}

// notAnIPv6 keeps colons and hex digits that are no IPv6 address: fewer than eight groups without
// "::", fewer than two groups written, or no group with a hex letter or three digits or more (times
// such as 10:30:45).
func notAnIPv6(m string) bool {
	groups := strings.Split(m, ":")
	if !strings.Contains(m, "::") && len(groups) < 8 {
		return true
	}
	written, long := 0, false
	for _, g := range groups {
		if g == "" {
			continue
		}
		written++
		if len(g) >= 3 || strings.ContainsAny(strings.ToLower(g), "abcdef") {
			long = true
		}
	}
	return written < 2 || !long
}

// hasContactVerb reports a verb of contact that the rule of a given name after it reads (talk, spoke,
// speak, chat, " by ", from, ask).
func hasContactVerb(t string) bool {
	return hasFold(t, "talk") || hasFold(t, "spok") || hasFold(t, "speak") || hasFold(t, "chatted") || hasFold(t, " by ") ||
		hasFold(t, " from ") || hasFold(t, "ask")
}
