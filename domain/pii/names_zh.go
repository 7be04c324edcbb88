package pii

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Session 33 (scrub33): names the text marks by a title or 小/老, and network addresses.

// personTitles are the titles and forms of address that follow a surname to name a person (王总,
// 张经理, 李姐): the institution's staff and the collectors are named so as often as by 先生.
// In traditional characters too, and 专员/董/秘书/医生/工 (scrubmend33: 張經理說要起訴, 王總打電話,
// 王专员说 were published); the last four only before a verb of speech or contact or a break
// (guardedTitles: 王工作, 董事长 stay).
const personTitles = `总监|总|经理|主任|主管|老师|律师|师傅|老板|科长|处长|局长|所长|队长|部长|行长|组长|警官|法官|姐|哥|叔|阿姨|` +
	`總監|總|經理|老師|律師|師傅|老闆|處長|局長|隊長|組長|行長|專員|专员|秘书|秘書|医生|醫生|董|工`

// titleFirsts are the first characters of personTitles.
const titleFirsts = "总经主老律师科处局所队部行组警法姐哥叔阿總經師處隊組專专秘医醫董工"

// guardedTitles are titles that are words of their own as often (工作, 董事, 秘书处, 医生 after 看):
// a surname before them is a name only before guardedFollows.
var guardedTitles = []string{"秘书", "秘書", "医生", "醫生", "董", "工"}

// guardedFollows may follow a guarded title that names a person: a verb of speech or contact, an
// adverb of what they did, or a break.
var guardedFollows = []string{"说", "說", "讲", "講", "打", "称", "稱", "叫", "让", "讓", "催", "威胁", "威脅", "骂", "罵", "发", "發",
	"又", "也", "还", "還", "一直", "多次", "经常", "經常", "每天", "天天", "告诉", "告訴", "要求", "联系", "聯繫", "来电", "來電",
	"，", ",", "。", "！", "!", "；", ";", "、", "？", "?", "：", ":", "（", "(", "）", ")", " ", "”", "」", "\""}

// hasPersonTitle reports a surname's character (or a compound surname's second) just before the
// first character of a title (the gate of the rule of titles: one pass over the runes).
func hasPersonTitle(t string) bool {
	prev := rune(0)
	for _, r := range t {
		if r >= 0x4E00 && strings.ContainsRune(titleFirsts, r) && prev != 0 && (strings.ContainsRune(surnames, prev) || strings.ContainsRune(compoundSeconds, prev)) {
			return true
		}
		prev = r
	}
	return false
}

// prefixThenSurname reports 小 or 老 just before a surname's character.
func prefixThenSurname(t string) bool {
	for i := 0; ; {
		j := strings.IndexAny(t[i:], "小老")
		if j < 0 {
			return false
		}
		i += j + len("小")
		if r, _ := utf8.DecodeRuneInString(t[i:]); strings.ContainsRune(surnames, r) {
			return true
		}
	}
}

// dottedQuad reports four numbers parted by dots (the gate of the IPv4 rule).
func dottedQuad(t string) bool {
	dots, digits := 0, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' && digits && i+1 < len(t) && t[i+1] >= '0' && t[i+1] <= '9':
			if dots++; dots == 3 {
				return true
			}
			digits = false
		default:
			dots, digits = 0, false
		}
	}
	return false
}

// spacedQuadAfterIP reports IP and four numbers whose dots are Chinese full stops or have spaces
// (the gate of the rule of IP 192。168。1。20; a dotted quad without them is dottedQuad's).
func spacedQuadAfterIP(t string) bool {
	if !containsOne(t, "IP", "ip", "Ip", "iP") {
		return false
	}
	seps, digits, spaced := 0, false, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			if !digits && seps == 3 && spaced {
				return true
			}
			digits = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			if digits || seps > 0 {
				spaced = spaced || seps > 0 || digits
				continue
			}
		case c == '.' && digits || strings.HasPrefix(t[i:], "。") && digits || strings.HasPrefix(t[i:], "．") && digits || strings.HasPrefix(t[i:], "｡") && digits:
			if c != '.' {
				spaced = true
				i += 2
			}
			seps++
			digits = false
			continue
		default:
			seps, digits, spaced = 0, false, false
		}
	}
	return false
}

// surnameWordEnds are words that end in a surname's character, which a title may follow without
// naming anyone (对方律师, 本金总额, 一万总共, 主任 after 班).
var surnameWordEnds = []string{"对方", "双方", "我方", "贵方", "甲方", "乙方", "官方", "警方", "各方", "地方", "院方", "校方",
	"买方", "卖方", "资方", "本金", "现金", "资金", "押金", "租金", "基金", "黄金", "奖金", "罚金", "违约金", "保证金", "一万",
	"十万", "百万", "千万", "几万", "两万", "数万", "如何", "任何", "为何", "由于", "对于", "关于", "至于", "属于", "等于",
	"处于", "其余", "多余", "剩余", "业余", "责任", "信任", "担任", "方向", "面向", "工程", "过程", "流程", "课程", "进程",
	"有钱", "没钱", "多少钱", "毛钱", "块钱", "利息钱"}

// totalWords follow 总 where it means "total", not a person's title (余总额, 金总计).
// 总是 is "always" (催收方总是骚扰, 钱总是不够用 were masked; scrubmend33), 總 its traditional form.
const totalWords = "额计共数部量和结体值价账裁台统之算公局行是額計數體價賬統"

// titleNoName keeps a surname and a title that are no person: the surname's character ends a word
// (surnameWordEnds), or 总 opens a word of totals.
func titleNoName(text string, start, end int) bool {
	if strings.HasPrefix(text[start:], "向") || strings.HasPrefix(text[start:], "于") {
		return true // a preposition (向经理反映, 于经理处得知), as in notAName
	}
	for _, w := range surnameWordEnds {
		if strings.HasSuffix(text[:end], w) {
			return true
		}
	}
	rest := text[end:]
	if strings.HasPrefix(rest, "律师事务所") || strings.HasPrefix(rest, "律師事務所") {
		return true // a firm's name (金杜律师事务所; scrubmend33)
	}
	for _, g := range guardedTitles {
		if strings.HasPrefix(rest, g) {
			after := rest[len(g):]
			if after == "" {
				return false
			}
			for _, f := range guardedFollows {
				if strings.HasPrefix(after, f) {
					return false
				}
			}
			return true
		}
	}
	for _, tot := range []string{"总", "總"} {
		if strings.HasPrefix(rest, tot) && !strings.HasPrefix(rest, tot+"监") && !strings.HasPrefix(rest, tot+"監") {
			after, _ := utf8.DecodeRuneInString(rest[len(tot):])
			if strings.ContainsRune(totalWords, after) {
				return true
			}
			// 催收方总…, 平台方总… (scrubmend33): 方 after a Han character ends a party's word.
			if strings.HasSuffix(text[:end], "方") {
				b, _ := utf8.DecodeLastRuneInString(text[:start])
				if b >= 0x4E00 && b <= 0x9FFF {
					return true
				}
			}
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
	if strings.HasPrefix(text[end:], "元") || strings.HasPrefix(text[end:], "%") {
		return true
	}
	// A clause's or a version's number (第12.3.4.5条, 版本 5.12.3.1, iOS 17.1.2.1; scrubmend33).
	if after := text[end:]; strings.HasPrefix(after, "条") || strings.HasPrefix(after, "款") || strings.HasPrefix(after, "项") ||
		strings.HasPrefix(after, "章") || strings.HasPrefix(after, "节") || strings.HasPrefix(after, "條") || strings.HasPrefix(after, "項") || strings.HasPrefix(after, "節") {
		return true
	}
	before := strings.ToLower(strings.TrimRight(text[max(0, start-24):start], " \t:：号號为為是"))
	for _, w := range []string{"第", "版本", "version", "ver", "ver.", "ios", "android", "v", "系统", "系統", "固件", "firmware", "build"} {
		if strings.HasSuffix(before, w) && !strings.HasSuffix(before, "ipv") {
			return true
		}
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
	if !strings.Contains(m, "::") && len(groups) < 8 || strings.Count(m, "::") > 1 { // a::b::c::d (scrubmend33)
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
	return written < 2 || !long || len(m) < 6
}

// quotedVerbs are what may follow a name of two characters in quotes (“张三”打来电话, “李四”说).
var quotedVerbs = []string{"打", "说", "說", "稱", "來", "發", "罵", "威脅", "恐嚇", "告訴", "讓", "這個人", "称", "来", "发", "骂", "威胁", "恐吓", "催", "告诉", "要求", "让", "叫", "的人", "这个人", "又", "也", "多次", "一直", "经常", "每天"}

// quotedProducts are loan products whose names begin with a surname's character (京东白条, 金条).
var quotedProducts = []string{"白条", "金条", "任性", "钱包", "万卡", "花呗"}

// quotedNotAName keeps two characters in quotes that no verb of a person follows: a quoted word
// (“陈述”，“任性”) begins with a surname's character as often as a name.
func quotedNotAName(text string, start, end int) bool {
	if utf8.RuneCountInString(text[start:end]) >= 3 {
		return false
	}
	if slices.Contains(quotedProducts, text[start:end]) {
		return true // “白条”说 (scrubmend33)
	}
	_, size := utf8.DecodeRuneInString(text[end:]) // the closing quote
	rest := text[end+size:]
	for _, v := range quotedVerbs {
		if strings.HasPrefix(rest, v) {
			return false
		}
	}
	return true
}

// hasContactVerb reports a verb of contact that the rule of a given name after it reads (talk, spoke,
// speak, chat, " by ", from, ask).
func hasContactVerb(t string) bool {
	return hasFold(t, "talk") || hasFold(t, "spok") || hasFold(t, "speak") || hasFold(t, "chatted") || hasFold(t, " by ") ||
		hasFold(t, " from ") || hasFold(t, "ask")
}

// latinLabelledName is the cut of the rule of a Latin name after a label: the capitalised words
// (Li Ming), or words in capitals or in lower case that read as pinyin (LI MING, zhang san).
func latinLabelledName(m string) int {
	words, ends := nameWords(m)
	n := 0
	for ; n < len(words); n++ {
		w := words[n]
		lw := strings.ToLower(w)
		capital := len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && w[1:] == lw[1:]
		if !capital && !((w == lw || w == strings.ToUpper(w)) && pinyinName([]string{lw})) {
			break
		}
	}
	if n == 0 {
		return 0
	}
	return ends[n-1]
}

// titledName is the cut of the rule of a name after mr., mrs., ms. or dr. in any case: no word of a
// sentence; the given name and its surname, two words in capitals, or the surname alone.
func titledName(m string) int {
	words, ends := nameWords(m)
	w0 := strings.ToLower(words[0])
	if sentenceWords[w0] || notAnEnglishName(words[0]) {
		return 0
	}
	if len(words) == 2 {
		w1 := words[1]
		if givenName(words[0]) && surnameWord(w1, capitalised(words[0])) ||
			words[0] == strings.ToUpper(words[0]) && w1 == strings.ToUpper(w1) && !sentenceWords[strings.ToLower(w1)] && !notAnEnglishName(w1) {
			return ends[1]
		}
	}
	return ends[0]
}

// mixedScriptName reports a Latin letter next to a Han character and a label or an introduction
// (the gate of the rule of names of both scripts).
func mixedScriptName(t string) bool {
	prevHan, prevLatin := false, false
	found := false
	for _, r := range t {
		latin := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		han := r >= 0x4E00 && r <= 0x9FFF
		if latin && prevHan || han && prevLatin {
			found = true
			break
		}
		prevHan, prevLatin = han, latin
	}
	if !found {
		return false
	}
	for _, l := range mixedNameLeads {
		for rest := t; ; {
			i := strings.Index(rest, l)
			if i < 0 {
				break
			}
			rest = rest[i+len(l):]
			after := strings.TrimLeft(rest, " \t\n\v\f\r\u3000是为:：")
			if strings.HasPrefix(after, Redacted) {
				continue // a name an earlier rule took
			}
			r, size := utf8.DecodeRuneInString(after)
			next, _ := utf8.DecodeRuneInString(after[size:])
			if asciiLetter(r) || strings.ContainsRune(surnames, r) && asciiLetter(next) || strings.ContainsRune(compoundFirsts, r) {
				return true
			}
		}
	}
	return false
}

// mixedNameLeads are the words the rule of names of both scripts reads a name after.
var mixedNameLeads = append(slices.Clone(latinNameLabels), "我是", "本人", "自称")

func asciiLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// notAMixedName keeps what the rule of names of both scripts matched that is no name: the Latin
// part is no pinyin (我是VIP客户, 本人app上借的), or the characters after it hardly a given name's.
func notAMixedName(m string) bool {
	i := strings.IndexFunc(m, func(r rune) bool { return r < utf8.RuneSelf })
	j := strings.LastIndexFunc(m, func(r rune) bool { return r < utf8.RuneSelf })
	latin := strings.ToLower(m[i : j+1])
	if !pinyinName([]string{latin}) {
		return true
	}
	if i == 0 { // the given name in Han characters after the Latin surname
		for _, r := range m[j+1:] {
			if strings.ContainsRune(notGivenNameChars, r) {
				return true
			}
		}
	}
	return false
}

// pinyinSurnames are common surnames in pinyin (not he, ma, an, which English writes too).
var pinyinSurnames = wordSet(`
	zhang wang li liu chen yang huang zhao wu zhou xu sun zhu hu guo lin luo zheng liang xie song tang
	han feng deng cao peng zeng xiao tian dong yuan pan jiang cai yu du ye cheng su wei lv lyu ding ren
	shen yao lu cui zhong tan gao qin qiu xue yan duan lei hou long shi tao li gu mao hao gong shao qian
	wan kong fang jin bai zou meng xiong jia xia fu
`)

// notAPinyinSurname keeps a word before an address's redaction that is no pinyin surname.
func notAPinyinSurname(m string) bool { return !pinyinSurnames[strings.ToLower(m)] }

// letterThenRedacted reports a Latin letter, spaces or tabs, then a redaction (the gate of the rule of
// a pinyin surname before an address).
func letterThenRedacted(t string) bool {
	for i := 0; ; {
		j := strings.Index(t[i:], Redacted)
		if j < 0 {
			return false
		}
		k := i + j
		n := k
		for n > 0 && (t[n-1] == ' ' || t[n-1] == '\t') {
			n--
		}
		if n < k && n > 0 && (t[n-1]|0x20 >= 'a' && t[n-1]|0x20 <= 'z') {
			return true
		}
		i = k + len(Redacted)
	}
}
