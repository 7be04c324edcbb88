package pii

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/charclass"
)

// Redacted is what Scrub writes in place of each piece of personal data it finds (the CFPB's
// convention for its public narratives).
const Redacted = "XXXX"

// scrubRule is one kind of personal data in free text: a pattern, the submatch that is the personal
// data (0: all of it), whether the match must stand alone (no digit or Latin letter glued to either
// end, so that a phone number is not found inside a longer number), and an optional check that
// rejects look-alikes the pattern cannot tell apart (dates, masked values).
type scrubRule struct {
	re       *regexp.Regexp
	group    int
	isolate  bool
	keep     func(match string) bool // true: not personal data after all
	trimLead bool                    // leave words leading into the match (住在…) in place
	name     bool                    // a 3-character match ending in a verb or particle is a 2-character name
	// keepAt: true when the words around text[start:end] say it is no personal data after all
	keepAt func(text string, start, end int) bool
	// gate: false when the rule cannot match text (it lacks the rule's mark or digits), which a
	// byte scan tells faster than the pattern (session 30, pii: keeps Scrub's cost)
	gate func(text string) bool
	// cut: how many bytes of the match are personal data (0: none), for a match of words that only
	// lists (given names, streets' words) tell apart from the words after them (session 32, scrub32)
	cut func(match string) int
}

// Character classes shared by the patterns: ASCII and full-width digits, and a Chinese numeral.
const (
	dig   = `[0-9０-９]`
	cnNum = `[0-9０-９一二三四五六七八九十百千零〇两]`
	sep   = `(?:` + sp + `?` + dash + sp + `?|[\s\-－.])?`
	// sp, dash: a space and a hyphen, a dash or a comma that may stand, spaced, between the groups of
	// a number as people write it (138 - 1234 - 5678, 138,1234,5678, 110105 , 19900101 , 123X;
	// session 28, scrub2: these reached the public dataset whole).
	sp   = `[ \t\x{3000}\x{a0}]`
	dash = `[\-－‐‑‒–—―,，]`
	hyph = `[\-－‐‑‒–—―]`
	// msep is sep for the fixed shapes of a mobile (3-4-4) and an ID number (6-8-4): a tilde or an
	// ideographic full stop, spaced or not, parts their groups too (138 ~ 1234 ~ 5678, 138。1234。
	// 5678 were published; session 30's leftover, session 31 scrub31). Only these shapes: 1000 ~ 2000
	// is a range, and a range of two numbers has no third group.
	msep = `(?:` + sp + `?(?:` + dash + `|[~～〜。｡])` + sp + `?|[\s\-－.])?`
	// The parts of an e-mail address as people spell them out past the filters: at, (at), [at],
	// 艾特; dot, (dot), 点 (session 28, scrub2); # (zhangsan#qq.com, "# for @"; session 30, pii).
	open    = `[(\[{<（【［｛〔]`
	close   = `[)\]}>）】］｝〕]`
	gap     = `[ \t\x{3000}]*`
	atMark  = gap + `(?:[@＠#＃]|` + open + gap + `(?i:at|@|艾特)` + gap + close + `|艾特|爱特|圈[aA])` + gap
	atWord  = `[ \t\x{3000}]+(?i:at)[ \t\x{3000}]+`
	dotWord = `(?:` + gap + open + gap + `(?i:dot|点|\.)` + gap + close + gap + `|[ \t\x{3000}]+(?i:dot)[ \t\x{3000}]+|` + gap + `点` + gap + `)`
	dotAny  = `(?:` + gap + `[.．。｡]` + gap + `|` + dotWord + `)`
	// dotWordSp is dotWord or a dot with a space beside it (zhang3 at qq . com), for the bare "at".
	// A dot with a space after it and none before may be a sentence's full stop: sentenceStop
	// decides ("I paid 300 at Costco. Me and my husband", "thanks @john. Co-founders" were
	// redacted; session 28, the third review).
	dotWordSp = `(?:` + dotWord + `|[ \t\x{3000}]+[.．。｡][ \t\x{3000}]*|[.．。｡][ \t\x{3000}]+)`
	// birthDate: a date as a date of birth is written (1990年1月1日, 1990-01-01, 01/01/1990,
	// January 5, 1980, 5 January 1980).
	birthDate = `[0-9０-９]{4}` + sp + `*[年\-－/.]` + sp + `*[0-9０-９]{1,2}` + sp + `*[月\-－/.]` + sp + `*[0-9０-９]{1,2}(?:` + sp + `*[日号])?|` +
		`[0-9]{1,2}[\-/.][0-9]{1,2}[\-/.][0-9]{2,4}|` +
		`(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[ \t]+[0-9]{1,2}(?:st|nd|rd|th)?,?[ \t]+[0-9]{4}|` +
		`[0-9]{1,2}(?:st|nd|rd|th)?[ \t]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?[ \t]+[0-9]{4}|` +
		`[0-9０-９]{4}` + sp + `*年` + sp + `*[0-9０-９]{1,2}` + sp + `*月`
	tld = `(?i:com|cn|net|org|edu|gov|info|biz|io|me|co|cc|hk|tw|mo|us|uk|jp|top|vip|xyz|ai)\b`
	// spelt: a digit as a number is read out in Chinese (一三八…, 幺 for a phone's 1, 〇 and 零 for
	// 0) or written on a contract or a cheque (壹贰叁…), or an ASCII or full-width digit.
	spelt = `[0-9０-９〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]`
	// mailName: the name of an e-mail address, in ASCII or full-width letters, digits and marks.
	// An ideographic full stop or a middle dot too (li。ming@qq.com, li·ming@…: the part before
	// it was published; session 29, review of the attack).
	mailName = `[A-Za-z0-9Ａ-Ｚａ-ｚ０-９._%+\-．＿－％＋。｡·]+`
	// cc: China's country code before a mobile, +86, 0086 or (+86), in ASCII or full-width
	// characters or a mix of both, and what separates it from the number (＋８６ 138…, ０086 138…
	// were read from the 86 on, which a digit before glued, and published; session 30, pii).
	cc = `(?:(?:[+＋]|[0０]{2})?[8８][6６]|[(（][+＋]?[8８][6６][)）])(?:` + sp + `?` + hyph + sp + `?|\s)?`
	// enDigit: a digit spelt in English (zero, oh, one … nine; double or triple before one), or a
	// group of ASCII digits among them.
	enDigit = `(?:(?:(?:double|triple)[\s\-]+)?(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)|[0-9]{1,4})`
	// addrPart: a part of a Chinese address below the street, a number or a letter and its unit.
	// Spaced too (3 栋 2 单元 501 室).
	addrPart = sp + `*[0-9０-９A-Za-z一二三四五六七八九十百零〇两]{1,5}` + sp + `*(?:号楼|栋|幢|座|单元|楼|层|室|号|房|组|期|区)`
	// roomAfter: a room's number after its unit or floor, without 室 (…3单元1102, …三单元五零二).
	roomAfter = `(?:` + sp + `*[0-9０-９零〇一二三四五六七八九]{3,4}(?:室|房)?)?`
	// spName: the name of an address spelt out, ü too (lü-ming at acme dot com).
	spName = `[A-Za-z0-9._%+\-üÜ]+`
	// gsep: what may stand between two groups of a mobile written in groups of any size (138 1234
	// 567 8, 1 38 1234 5678): a space, a hyphen or a dash, spaced or not — no dot or comma, which
	// write decimals and amounts.
	gsep = `(?:` + sp + `?` + hyph + sp + `?|` + sp + `)?`
	// ngap: what may part the characters of a Chinese name written spaced (张 三, 张  三, 王 小 明).
	ngap = sp + `{0,2}`
)

// chineseDigits maps each Chinese character that stands for one digit to that digit.
var chineseDigits = map[rune]rune{
	'〇': '0', '零': '0', '一': '1', '幺': '1', '壹': '1', '二': '2', '贰': '2', '三': '3', '叁': '3',
	'四': '4', '肆': '4', '五': '5', '伍': '5', '六': '6', '陆': '6', '七': '7', '柒': '7',
	'八': '8', '捌': '8', '九': '9', '玖': '9',
}

// ChineseDigit returns the ASCII digit a Chinese character stands for when a number is spelt out
// digit by digit (一三八…, 幺, 〇, 壹贰叁…), and false for any other rune.
func ChineseDigit(r rune) (rune, bool) {
	d, ok := chineseDigits[r]
	return d, ok
}

// Common Chinese surnames, so that 张先生 or 王女士 is recognised without matching 这位先生.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤" +
	// and in traditional characters (我是張三, 陳先生: published before session 31, scrub31)
	"張劉陳楊趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒閆龍賀顧龔萬錢嚴湯蔣黃"

// scrubRules run in order; each later rule sees the text with the earlier rules' matches already
// replaced, so e-mail addresses go first (they hold digits) and loose number tokens go last.
var scrubRules = []scrubRule{
	// E-mail addresses.
	// The name may be written in full-width letters and marks too (ｌｉ．ｍｉｎｇ＠…, ｌｉ＿ｍｉｎｇ: only
	// what followed the full-width mark was redacted; session 29, attack).
	{re: regexp.MustCompile(mailName + `[@＠][A-Za-z0-9Ａ-Ｚａ-ｚ０-９.．。｡\-－]+[.．。｡][A-Za-zＡ-Ｚａ-ｚ]{2,}`), gate: hasAt},
	// E-mail addresses spelt out: name (at) qq (dot) com, name艾特qq点com, name @ qq dot com; and
	// name at qq dot com, where each dot is spelt too (paid at taobao.com is a shop, not an address).
	{re: regexp.MustCompile(spName + atMark + `[A-Za-z0-9\-]+(?:` + dotAny + `[A-Za-z0-9\-]+)*` + dotAny + tld), keep: sentenceStop},
	// A bare "at" is English too (I work at google dot com, meet at 5 dot com): the name before it
	// must hold a digit, "." or "_", or the domain be a mail provider's (session 28, fix2).
	{re: regexp.MustCompile(spName + atWord + `[A-Za-z0-9\-]+(?:` + dotWordSp + `[A-Za-z0-9\-]+)*` + dotWordSp + tld), keep: func(m string) bool { return plainWordAt(m) || sentenceStop(m) }},
	// The parts of an address's name that spelt dots part from the part before its "at", which the two
	// rules above redacted (john dot smith at gmail dot com, li (dot) ming (at) qq (dot) com kept
	// "john dot", "li (dot)"; session 32, scrub32).
	{re: regexp.MustCompile(`(?:` + spName + dotWord + `)+` + Redacted), gate: func(t string) bool {
		return strings.Contains(t, Redacted) && (hasFold(t, "dot") || strings.Contains(t, "点"))
	}},
	// A surname in pinyin spaced from the name the rules above took with its address (zhang san at qq
	// dot com kept zhang; session 33, scrub33). Here a redaction can only be an address's (or an
	// XXXX written in the text, as CFPB narratives do: the word must be a pinyin surname of pinyinSurnames).
	{re: regexp.MustCompile(`\b([A-Za-z]{2,6})[ \t]+` + Redacted), group: 1, keep: notAPinyinSurname,
		gate: letterThenRedacted},
	// A bare "at" before a mail provider's domain written with plain dots: zhangsan at qq.com (the
	// rule above reads spelt or spaced dots only; session 30, pii).
	{re: regexp.MustCompile(spName + atWord + `(?i:qq|163|126|139|yeah|gmail|outlook|hotmail|foxmail|sina|sohu|aliyun|icloud|yahoo|live|msn)(?:[.．。｡][A-Za-z0-9\-]+)*[.．。｡]` + tld), gate: hasMailProvider},
	// What follows a label that says an e-mail address follows, without its @ (我的邮箱是zhangsan
	// qq.com, 邮箱：li.ming 163.com published the name; session 32, scrub32): a token of letters.
	{re: regexp.MustCompile(`(?:邮箱|电子邮件|邮件地址)(?:地址|账号|帐号|号)?\s*(?:是|为)?\s*[:：]?\s*([A-Za-z][A-Za-z0-9._%+\-]{3,})`), group: 1, isolate: true,
		keep: func(m string) bool { return m == Redacted }, gate: func(t string) bool { return containsOne(t, "邮箱", "电子邮件", "邮件地址") }},
	// IPv4 and IPv6 addresses (192.168.1.20, 2001:db8:85a3::8a2e:370:7334: published before
	// session 33, scrub33; an address identifies a complainant's line). Four single digits are a
	// section's number (第1.2.3.4条) unless IP is written before them; a run of more dotted numbers is
	// no address (ipNotAlone).
	{re: regexp.MustCompile(ipOctet + `(?:\.` + ipOctet + `){3}`), isolate: true, keepAt: ipNotAlone,
		gate: dottedQuad},
	// After IP, the dots may be Chinese full stops or have spaces (IP: 192。168。1。20, IP 192. 168. 1.
	// 20: published before scrubmend33).
	{re: regexp.MustCompile(`(?i:\bip)(?:地址)?\s*(?:是|为|:|：)?\s*(` + ipOctet + `(?:\s*[.。．｡]\s*` + ipOctet + `){3})`), group: 1, isolate: true,
		gate: spacedQuadAfterIP},
	{re: regexp.MustCompile(`(?i)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}`), isolate: true, keep: notAnIPv6,
		gate: func(t string) bool { return strings.Contains(t, "::") || strings.Count(t, ":") >= 7 }},
	// Chinese resident ID numbers: 18 characters (the last may be X), or the old 15 digits. Before
	// the labelled identifiers, which would take only the first group of 110105,19900101,123X.
	{re: regexp.MustCompile(dig + `{6}` + msep + dig + `{8}` + msep + dig + `{3}[0-9０-９XxＸｘ]|` + dig + `{15}`), isolate: true},
	// An ID number in groups of any size, a space or a dash between them, the last character alone
	// too (110105 1990 0101 123X, 110 105 199 001 011 23X, 11010519900101123 X: the card rule took
	// the digits but not a group glued to its X, and the grouped-mobile rule 11 of them; session 30,
	// pii). Dates and years side by side are kept.
	{re: regexp.MustCompile(`[1-9１-９](?:` + gsep + dig + `){16}` + gsep + `[0-9０-９XxＸｘ]`), isolate: true, keep: fewerThan12DigitsOrDates,
		gate: func(t string) bool { return spacedDigits(t, 17) }},
	// Labelled identifiers, whatever their form: 身份证号：…, 合同编号 …, account number …
	{re: regexp.MustCompile(`(?:身份证号码|身份证号|身份证|证件号码|证件号|合同编号|合同号|借款合同号|借据号|订单号|账号|帐号|卡号|银行卡号|工号)\s*(?:是|为)?\s*[:：]?\s*([A-Za-z0-9０-９Ａ-Ｚａ-ｚ\-－]{4,}(?: [0-9０-９]{2,}[XxＸｘ]?)*)`), group: 1, keep: noDigits},
	// An IBAN after its label, in groups of four (IBAN GB29 NWBK 6016 1331 9268 19: the bank's
	// letters were published before session 32, scrub32).
	{re: regexp.MustCompile(`\bIBAN[ \t]*(?:(?i:number|no\.?|#))?[ \t]*[:：]?[ \t]*([A-Z]{2}[0-9]{2}(?:[ \t]?[A-Z0-9]{4}){2,7}(?:[ \t]?[A-Z0-9]{1,3})?)\b`), group: 1,
		gate: func(t string) bool { return strings.Contains(t, "IBAN") }},
	// A date after the words for a date of birth (生日1990年1月1日, 出生日期：1990-01-01, DOB:
	// 01/01/1990, born on January 5, 1980: published before session 32, scrub32).
	{re: regexp.MustCompile(`(?:生日|出生日期|出生年月日|出生年月|出生于|出生在|(?i:\bdob|\bd\.o\.b\.?|date of birth|birth ?date|birthday|\bborn on|\bborn))[ \t]*(?:是|为|[:：]|(?i:is|was))?[ \t]*(` + birthDate + `)`), group: 1,
		gate: func(t string) bool {
			return containsOne(t, "生日", "出生") || hasFold(t, "dob") || hasFold(t, "d.o.b") || hasFold(t, "birth") || hasFold(t, "born")
		}},
	{re: regexp.MustCompile(`(?i)\b(?:account|acct|card|contract|loan|reference|ref|case|policy|member|customer)\s*(?:number|num|no\.?|#)\s*(?:is\s+|:\s*|ending\s+in\s+|ends\s+in\s+)?([A-Za-z0-9\-]{4,})`), group: 1, keep: noDigits,
		gate: func(t string) bool { return hasFold(t, "no") || hasFold(t, "num") || strings.Contains(t, "#") }},
	// WeChat and QQ ids after their label: 微信 zhangsan88, 微信号：wxid_abc123, vx：lm_zhang, QQ：123456,
	// 扣扣 8812345, 企鹅号 zhangsan (published unless they held 4 digits or more; session 30, pii).
	// A WeChat id is 6 to 20 letters, digits, _ or -, starting with a letter; a QQ number 5 to 11
	// digits. The English label needs "id" or a colon (WeChat account is English).
	// The review of that round: 号码 (QQ号码：123456), labels and ids in full-width letters and digits
	// (ＱＱ：123456, ｗｅｃｈａｔ：zhangsan88, 微信：ｚｈａｎｇｓａｎ８８) were published, and an English word
	// after the label redacted (I paid via WeChat: transfer of…): an id of letters alone is one
	// only when it reads as pinyin (notAnIDWord).
	{re: regexp.MustCompile(`(?:^|[^A-Za-zＡ-Ｚａ-ｚ])(?:(?:微信|威信|薇信|维信|[VvWwＶｖＷｗ][XxＸｘ]|[VvＶｖ]信|QQ|[Qq]q|[QqＱｑ][Ｑｑ]|[Ｑｑ][Qq]|扣扣|企鹅|` + appLabels + `)(?:号码|号|账号|帐号|[IiＩｉ][DdＤｄ])?|[VvＶｖ][:：]|(?:(?i:wechat|weixin)|[Ｗｗ][Ｅｅ](?:[Ｃｃ][Ｈｈ][Ａａ][Ｔｔ]|[Ｉｉ][Ｘｘ][Ｉｉ][Ｎｎ]))(?:\s*(?i:id|ＩＤ|ｉｄ|Ｉｄ)|\s*[:：]|\s+(?i:is)\b))\s*(?:是|为)?\s*[:：]?\s*[@＠]?([A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9_\-Ａ-Ｚａ-ｚ０-９＿－]{5,19}|[1-9１-９][0-9０-９]{4,10})`), group: 1, isolate: true, keepAt: notAContactID, gate: hasContactLabel},
	// US social security numbers.
	{re: regexp.MustCompile(`\d{3}-\d{2}-\d{4}`), isolate: true},
	// The same with spaces or dots, spaced dashes (123 45 6789, 123.45.6789, 123 - 45 - 6789:
	// published before session 31, scrub31): a number the SSA can issue (area not 000, 666 or 9xx;
	// group not 00; serial not 0000), the same separator twice.
	{re: regexp.MustCompile(`\d{3}(?:[ \t.]|[ \t]?-[ \t]?)\d{2}(?:[ \t.]|[ \t]?-[ \t]?)\d{4}`), isolate: true, keep: notAnSSN, gate: twoDigitsAlone},
	// Mainland mobile numbers, with or without +86 and separators: 138 1234 5678, +86-138-1234-5678.
	{re: regexp.MustCompile(`(?:` + cc + `)?1[3-9]` + dig + msep + dig + `{4}` + msep + dig + `{4}|１[３-９]` + dig + `{9}`), isolate: true, keep: roundAmount},
	// North American numbers: (555) 123-4567, 555-123-4567, 555.123.4567, +1 555 123 4567.
	{re: regexp.MustCompile(`(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}`), isolate: true, keep: businessNumber},
	// Mainland mobile numbers in groups of any size (138 1234 567 8, 1 38 1234 5678, 13 8 1234 5678):
	// the mobile rule reads groups of 3, 4 and 4 only, and these reached the public dataset whole
	// (session 29, attack). After the North American rule, which takes +1 555 123 4567 whole.
	// The review of that round (session 29, pii29): a full-width first digit (１38 1234 567 8), the
	// first group in brackets ((138) 1234 567 8), and dots as the only separators, two or more of
	// them (138.1234.567.8; one dot writes a decimal: 13.5 1234.5678 stays).
	{re: regexp.MustCompile(`(?:` + cc + `)?(?:[1１]` + gsep + `[3-9３-９]` + `(?:` + gsep + dig + `){9}|[(（]` + sp + `?[1１][3-9３-９]` + dig + sp + `?[)）](?:` + gsep + dig + `){8}|1[3-9](?:\.?[0-9]){9})`), isolate: true, keep: notAGroupedMobile, keepAt: groupedNotAlone},
	// Chinese landlines: 010-12345678, 0755-1234567.
	{re: regexp.MustCompile(`0\d{2,3}[\-－]\d{7,8}`), isolate: true},
	// The same with its number in two groups, spaced or dashed (010 1234 5678, 010 - 1234 5678,
	// 0755 123 4567: published before session 32, scrub32): an area code (0 and 2 or 3 digits, not
	// 00), then 3 or 4 digits and 4.
	{re: regexp.MustCompile(`0[1-9]\d{1,2}(?:` + sp + `*` + hyph + sp + `*|` + sp + `+)\d{3,4}(?:` + sp + `*` + hyph + sp + `*|` + sp + `+)\d{4}`), isolate: true, keepAt: landlineRunsOn, gate: areaCodeThenBreak},
	// The same with the area code in brackets ((010) 1234 5678, （010）1234 5678: published; review of
	// session 32, scrub32), a rule of its own so that the one above keeps its literal 0.
	{re: regexp.MustCompile(`[(（]` + sp + `?0[1-9]\d{1,2}` + sp + `?[)）]` + sp + `*\d{3,4}(?:` + sp + `*` + hyph + sp + `*|` + sp + `+)?\d{4}`), isolate: true, keepAt: landlineRunsOn,
		gate: func(t string) bool {
			return strings.Contains(t, "(0") || strings.Contains(t, "（0") || strings.Contains(t, "( 0")
		}},
	// Numbers spelt out digit by digit, wholly or partly in Chinese: 一三八一二三四五六七八,
	// 幺三八 幺二三四 五六七八, 138一二三四5678, an ID number in 〇 and 一 (7 or more digits). Runs of
	// ASCII digits alone are left to the rules around this one.
	{re: regexp.MustCompile(spelt + `(?:(?:` + sp + `?` + dash + sp + `?|[\s\-－.·])?` + spelt + `){6,}[XxＸｘ]?`), isolate: true, keep: asciiRunLeftToOthersOrAList},
	// Numbers spelt out in English words, a digit each (one three eight, one-two-three-four…; double
	// and triple as a number is read out), alone or with digits among them: 7 digits or more,
	// unless the words count up or down one by one (one two three four five six seven). These
	// reached the public dataset whole (session 30, pii).
	{re: regexp.MustCompile(`(?i)\b` + enDigit + `(?:[\s,\-]+` + enDigit + `){2,}\b`), keep: notSpeltInEnglish, gate: hasEnglishDigitWord},
	// Card and account numbers written in groups: 6222 0212 3456 7890 123, 6222-0212-3456-7890
	// (12 digits or more in groups of 2 to 8; a date or an amount in groups has fewer). Dots between
	// every two groups, and line breaks between groups of four, part a card number too (6222.0212.
	// 3456.7890.123 and one group a line were published; session 30, pii): cardSeparators.
	{re: regexp.MustCompile(dig + `{2,8}(?:(?:` + sp + `?` + hyph + sp + `?|[ \-－.．]|` + sp + `*\r?\n` + sp + `*)` + dig + `{2,8}){2,}`), isolate: true,
		keep: func(m string) bool { return fewerThan12DigitsOrDates(m) || !cardSeparators(m) }},
	// US street addresses: 1234 N Main Street, Apt 5.
	// The street's words in lower case too (123 main st apt 4, 42 oak street: published before
	// session 32, scrub32), unless one is a word of a sentence (5 times on the way, 3 miles down the
	// road: notAStreet).
	{re: regexp.MustCompile(`\b\d{1,6}\s+(?:[NSEWnsew]\.?\s+)?(?:[A-Za-z][A-Za-z'\-]*\s+){1,4}(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|circle|cir|highway|hwy|parkway|pkwy)\b\.?(?:,?\s*(?i:apt|apartment|suite|ste|unit|#)\.?\s*[A-Za-z0-9\-]+)?`), keep: notAStreet},
	// A post-office box and a ZIP code after a state's abbreviation (P.O. Box 1234, po box 5678,
	// Springfield, IL 62704: published before session 32, scrub32).
	{re: regexp.MustCompile(`(?i:\bp\.?[ \t]?o\.?[ \t]*box)[ \t]*#?[ \t]*\d{1,8}\b`), gate: func(t string) bool { return hasFold(t, "box") }},
	{re: regexp.MustCompile(`\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]),?[ \t]+(\d{5}(?:-\d{4})?)\b`), group: 1, isolate: true, gate: stateThenZIP, keepAt: stateWordNoCity},
	// Chinese addresses down to the house number: [省][市][区/县][街道/镇]…路/街/巷/村…N号[N栋N单元N室].
	{re: regexp.MustCompile(`(?:\p{Han}{2,8}(?:省|自治区))?(?:\p{Han}{2,8}(?:市|自治州|州|盟))?(?:\p{Han}{1,8}(?:区|县|旗))?(?:\p{Han}{1,8}(?:街道|镇|乡))?[\p{Han}A-Za-z0-9]{0,12}?(?:路|街|大道|道|巷|弄|胡同|村|小区|花园|公寓|大厦|苑|里)` + sp + `?` +
		cnNum + `+(?:[\-－]` + cnNum + `+)?(?:号楼|号|弄|栋|幢|座)(?:院)?(?:[A-Za-z0-9０-９一二三四五六七八九十]+(?:号楼|栋|幢|座|单元|楼|层|室|号|房))*` + roomAfter), keep: trimAddressLead, trimLead: true},
	// Chinese addresses ending in a building and room: …小区3栋2单元501室.
	// An estate's other words too, and a space before the number (华清嘉园十五号楼, 体育西路 一百号:
	// published before session 31, scrub31).
	{re: regexp.MustCompile(`[^\P{Han}` + estateBreaks + `]{2,6}?(?:小区|园|公寓|大厦|苑|村|社区|府|公馆|大院|广场)` + sp + `?` + cnNum + `+(?:号楼|栋|幢|座)(?:[A-Za-z0-9０-９一二三四五六七八九十]+(?:单元|楼|层|室|号|房))*`), keep: func(m string) bool { return trimAddressLead(m) || aPublicPlace(m) }, trimLead: true,
		gate: hasBuilding},
	// A building, its unit and its room, or a village's group and house number, without the street
	// (3号楼2单元501室, 12号楼3单元1102, B座1203室, 杨庄村5组12号, 金地花园3期8栋2单元: published;
	// session 30, pii): two parts or more, one of them a building, unit, room or group.
	{re: regexp.MustCompile(`(?:` + addrPart + `){2,}` + roomAfter), keep: noBuildingPart, gate: hasBuildingMark},
	// A building and its room alone (住在3幢201, B座1203, 5栋2-501), and an estate's building, unit
	// and room in dashes (幸福小区3-2-501): published (review of session 30, pii). An amount after
	// stays (3栋2000元).
	{re: regexp.MustCompile(`[0-9０-９A-Za-z一二三四五六七八九十]{1,4}` + sp + `*(?:号楼|栋|幢|座)` + sp + `*(?:[0-9０-９]{1,2}` + sp + `?[\-－]` + sp + `?)?[0-9０-９]{3,4}(?:室|房|号)?`),
		isolate: true, keepAt: roomAnAmount, gate: hasBuilding},
	{re: regexp.MustCompile(`(?:小区|花园|公寓|大厦|苑|村|家园|社区)` + sp + `*([0-9０-９]{1,3}` + sp + `?[\-－]` + sp + `?[0-9０-９]{1,2}` + sp + `?[\-－]` + sp + `?[0-9０-９]{3,4})`),
		group: 1, isolate: true, gate: func(t string) bool {
			return (strings.IndexByte(t, '-') >= 0 || strings.Contains(t, "－")) && containsOne(t, "区", "园", "寓", "厦", "苑", "村")
		}},
	// Names where the text says it is one: 我叫张三, 姓名：李四, 张先生, Mr. Smith, my name is Jane Doe.
	// A space may part a surname from the given name (借款人 张 三, 我叫李 明: published before
	// session 32, scrub32; a surname of the list only: 紧急联系人吗 我不想 stays); this rule reads
	// them before the next one takes the first two characters. 名字是 says a name follows whosever
	// it is (她的名字是王丽).
	{re: regexp.MustCompile(`(?:我叫|名字是|我的名字叫|我的名字\s*[:：]|名叫|名字叫|姓名|债务人|借款人|借款人叫|户主|联系人|收件人|当事人)[\s\x{3000}]*(?:是|为)?[\s\x{3000}]*[:：]?[\s\x{3000}]*((?:` + compoundRE + `|[` + surnames + `])` + sp + `{1,2}\p{Han}(?:` + ngap + `\p{Han})?)`), group: 1, keep: notAName, name: true,
		gate: func(t string) bool { return hasNameLabel(t) && surnameThenSpace(t) }, keepAt: institutionsName},
	{re: regexp.MustCompile(`(?:我叫|名字是|我的名字叫|我的名字\s*[:：]|名叫|名字叫|姓名|债务人|借款人|借款人叫|户主|联系人|收件人|当事人)[\s\x{3000}]*(?:是|为)?[\s\x{3000}]*[:：]?[\s\x{3000}]*(\p{Han}{2,4})`), group: 1, keep: notAName, name: true, gate: hasNameLabel,
		keepAt: func(t string, start, end int) bool {
			return spacedNotASurname(t, start, end) || institutionsName(t, start, end)
		}},
	// A name in Latin letters after the same words (我叫 Li Ming, 姓名：Zhang San; published before
	// session 30, pii).
	// A name of both scripts after the same words or a self-introduction (我是李ming, 我叫Li明: published
	// whole or but for 明 before session 33, scrub33): a surname and a given name in pinyin, or a
	// surname in pinyin and a given name of one or two characters.
	{re: regexp.MustCompile(`(?:` + strings.Join(latinNameLabels, "|") + `|我是|本人|自称)\s*(?:是|为)?\s*[:：]?\s*((?:` + compoundRE + `|[` + surnames + `])[A-Za-z]{2,12}|[A-Za-z]{1,8}\p{Han}{1,2})`), group: 1,
		keep: notAMixedName, gate: mixedScriptName},
	// In capitals or in lower case when the words read as pinyin (姓名：ＬＩ ＭＩＮＧ, 借款人 zhang san:
	// published before session 33, scrub33): latinLabelledName.
	{re: regexp.MustCompile(`(?:` + strings.Join(latinNameLabels, "|") + `)\s*(?:是|为)?\s*[:：]?\s*([A-Za-z]+(?:[ \t]+[A-Za-z]+){0,2})`), group: 1,
		cut: latinLabelledName, gate: latinAfterNameLabel, keepAt: institutionsName},
	// A name nothing labels but the words before it: a self-introduction (我是张三，本人李四，俺是王五)
	// and a relative named after the kinship word (我妈王秀英, 我老公叫李建国, 我儿子张小明在…):
	// published before session 31 (scrub31). A surname, one or two characters after it, then a
	// break or a verb (nameLen trims the verb); words such as 高中生, 江苏人, 马上, 本人已还清 are no
	// name (notAGivenName).
	// A two-character word after 我是 or 本人 that 的 and a customer's word follow is an institution
	// (我是万达的客户: customerOf; session 32, scrub32). A collector's role (催收员王强，) and 自称叫
	// lead to a name too.
	{re: regexp.MustCompile(`(?:我是|我就是|本人是|本人叫|本人|俺是|俺叫|他叫|她叫|他名叫|她名叫|人叫|人名叫|自称是|自称叫|自称|(?:我|俺)的?` + kinWords + `(?:叫|名叫|是)?)` + sp + `?[:：]?` + sp + `?((?:` + compoundRE + `|[` + surnames + `])\p{Han}{1,2})` + nameFollow),
		group: 1, keep: notAnUnlabelledName, name: true, gate: hasIntroduction, keepAt: customerOf},
	// After a collector's role (催收员王强，, 业务员李伟说: published before session 32, scrub32);
	// a rule of its own, read where a surname follows the role (roleThenSurname): in the rule above
	// the roles doubled its cost.
	{re: regexp.MustCompile(`(?:` + roleWords + `)` + sp + `?[:：]?` + sp + `?((?:` + compoundRE + `|[` + surnames + `])\p{Han}{1,2})` + nameFollow),
		group: 1, keep: notAnUnlabelledName, name: true, gate: roleThenSurname},
	// The same with spaces between the characters of the name (我是张 三，, 我是 王 小 明, 我妈王 秀英
	// 经常…: published before session 32, scrub32), read only where a surname stands before a space.
	{re: regexp.MustCompile(`(?:我是|我就是|本人是|本人叫|本人|俺是|俺叫|他叫|她叫|他名叫|她名叫|人叫|人名叫|自称是|自称叫|自称|` + roleWords + `|(?:我|俺)的?` + kinWords + `(?:叫|名叫|是)?)` + sp + `?[:：]?` + sp + `?((?:` + compoundRE + `|[` + surnames + `])` + sp + `{1,2}\p{Han}(?:` + ngap + `\p{Han})?)` + nameFollow),
		group: 1, keep: notAnUnlabelledName, name: true, gate: func(t string) bool { return surnameThenSpace(t) && hasIntroduction(t) }},
	// After a kinship word, a three-character name followed by a word that may follow a name
	// (我妈妈王秀英经常被骚扰): no longer whatever follows, which took 余额不足, 向银行借, 陆续还了
	// and ate the verb after a two-character name (我哥李强经常; review of session 31, scrubmend).
	{re: regexp.MustCompile(`(?:我|俺)的?` + kinWords + `(?:叫|名叫|是)?` + sp + `?[:：]?` + sp + `?((?:` + compoundRE + `|[` + surnames + `])\p{Han}{2})` + nameFollow),
		group: 1, keep: notAnUnlabelledName, name: true, gate: hasIntroduction},
	{re: regexp.MustCompile(`([` + surnames + `](?:某某|某)?)(?:先生|女士|小姐|老先生|老太太)`), group: 1, gate: hasHonorific},
	// and a compound surname (欧阳先生: published before session 32, scrub32)
	{re: regexp.MustCompile(`(` + compoundRE + `)(?:先生|女士|小姐|老先生|老太太)`), group: 1, gate: hasHonorific},
	// A surname with a title (王总, 张经理, 李姐, 欧阳经理) or 小/老 before it (小王, 老李): published before
	// session 33 (scrub33). The surname is withheld, the title stays, as with 张先生. Words that end
	// in a surname's character (对方律师, 本金总额, 一万总共) and 小/老 words (小程序, 小于, 老江湖)
	// stay: titleNoName, and a break or a verb after 小王 (nameFollow).
	{re: regexp.MustCompile(`(` + compoundRE + `|[` + surnames + `])(?:` + personTitles + `)`), group: 1, keepAt: titleNoName, gate: hasPersonTitle},
	{re: regexp.MustCompile(`[小老]([` + surnames + `])` + nameFollow), group: 1, keepAt: prefixNoName, gate: prefixThenSurname},
	// A name in quotes (“张三”打来电话, 「李四」说, "John Smith": published before session 33, scrub33).
	// Two characters in quotes are a name only before a verb of what a person did (“张三”打来电话;
	// “陈述”，“任性” stay): quotedNotAName.
	{re: regexp.MustCompile(`[“"「『]((?:` + compoundRE + `|[` + surnames + `])\p{Han}{1,2})[”"」』]` + nameFollow), group: 1, keep: notAnUnlabelledName, keepAt: quotedNotAName,
		gate: func(t string) bool { return containsOne(t, "“", "\"", "「", "『") }},
	{re: regexp.MustCompile(`["“]([A-Za-z](?:[a-z'\-]+|[A-Z'\-]+)(?:[ \t]+[A-Za-z][A-Za-z'\-]+)?)["”]`), group: 1, isolate: true, cut: englishGivenNameAndSurname, keepAt: institutionAfterName,
		gate: func(t string) bool { return containsOne(t, "“", "\"") }},
	// A name after 叫 that 的 and a person's word follow (一个叫李伟的人打电话, 叫王强的催收员:
	// published before session 32, scrub32).
	{re: regexp.MustCompile(`叫` + sp + `?((?:` + compoundRE + `|[` + surnames + `])\p{Han}{1,2})的(?:人|男|女|催收|业务员|客服|员工|经理|律师|专员|小伙|同事|朋友)`), group: 1, keep: notAnUnlabelledName,
		gate: jiaoThenDe},
	// A surname in lower case after an English title with its full stop (mr. smith, ms. lopez):
	// "ms" without the stop may be an illness or a product (MS Office).
	// In any case, with the given name before the surname (mr. John Smith, Mr. john smith, MR. JOHN
	// SMITH: published whole or but for the first word before session 33, scrub33): titledName.
	{re: regexp.MustCompile(`\b(?i:mr|mrs|ms|dr)\.[ \t]+([A-Za-z][A-Za-z'\-]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+)?)`), group: 1, cut: titledName,
		gate: func(t string) bool {
			return strings.Contains(t, "r.") || strings.Contains(t, "s.") || strings.Contains(t, "R.") || strings.Contains(t, "S.")
		}},
	// A name before the words that say it is one (王秀英是我的名字, 张 三 is my name, John Smith is
	// my name: published before session 32, scrub32).
	{re: regexp.MustCompile(`((?:` + compoundRE + `|[` + surnames + `])` + sp + `?\p{Han}{1,2})` + sp + `*(?:是我的名字|(?i:is my (?:full |real )?name))`), group: 1, keep: notAnUnlabelledName,
		gate: func(t string) bool { return strings.Contains(t, "是我的名字") || hasFold(t, "is my") }},
	{re: regexp.MustCompile(`\b([A-Z][a-z]+[ \t]+[A-Z][A-Za-z'\-]+)[ \t]+(?i:is my (?:full |real )?name)`), group: 1, keep: notAnEnglishName,
		gate: func(t string) bool { return hasFold(t, "is my") }},
	// A name in Latin letters after a Chinese self-introduction (我是Zhang San, 本人 Li Ming, 我是John
	// Smith: published before session 32, scrub32): two or three words, a name in pinyin or one whose
	// first word is a given name (latinIntroducedName); 我是Capital One的客户 stays.
	{re: regexp.MustCompile(`(?:我是|我就是|本人是|本人叫|本人|俺是|他叫|她叫|自称是|自称)` + sp + `*[:：]?` + sp + `*([A-Za-z][A-Za-z]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+){1,2})`), group: 1, isolate: true, cut: latinIntroducedName,
		gate: func(t string) bool { return containsOne(t, "我是", "本人", "俺是", "他叫", "她叫", "自称") }},
	// English self-introductions and names said to be one, whatever their case (I am John Smith, This
	// is Mary-Ann O'Neil, Call me John Smith, my name is john smith, my son's name is Kevin Li:
	// published before session 32, scrub32): the first word a given name (englishGivenNames) or the
	// two words pinyin; the second word no word of a sentence (I am Chase Bank's customer stays).
	{re: regexp.MustCompile(`\b(?i:i am|i'm|i’m|this is|call me|(?:my|his|her|their|our)(?:[ \t]+[a-z\-]+'s)?[ \t]+(?:full[ \t]+|real[ \t]+)?name[ \t]+is|my name's|name's)[ \t]+([A-Za-z][A-Za-z'’\-]*(?:[ \t]+[A-Za-z][A-Za-z'’\-]*)?)`), group: 1, isolate: true, cut: englishIntroducedName, keepAt: institutionAfterName,
		gate: func(t string) bool {
			return hasFold(t, "i am") || hasFold(t, "i'm") || strings.Contains(t, "I’m") || hasFold(t, "this is") || hasFold(t, "call me") || hasFold(t, "name")
		}},
	// A relative's given name in English after the kinship word, alone or in lower case with the
	// surname (my husband John and I, my sister jane doe: published before session 32, scrub32).
	{re: regexp.MustCompile(`\b(?i:my|our)[ \t]+` + enKinLead + `(?i:` + enKinWords + `)(?:[ \t]*[,:][ \t]*|[ \t]*\([ \t]*|[ \t]+)([A-Za-z][A-Za-z'\-]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+)?)`), group: 1, isolate: true, cut: relativesName, keepAt: institutionAfterName,
		gate: func(t string) bool { return hasFold(t, "my") || hasFold(t, "our") }},
	// A given name after a verb of contact (I talked to Jennifer, a call from Michael Brown, I was
	// contacted by Kevin, I asked for Sarah: published before session 33, scrub33): a given name of
	// the list first, as after a role (to Ashley Furniture, to Chase stay).
	{re: regexp.MustCompile(`\b(?i:(?:talked|talk|talking|spoke|speak|speaking|spoken|chatted)[ \t]+(?:to|with)|(?:called|contacted|texted|visited|threatened|harassed|emailed|messaged|approached)[ \t]+by|(?:call|calls|text|texts|message|messages|voicemail|voicemails|email|emails|letter|letters|visit|visits)[ \t]+from|(?:asked|ask|asking)[ \t]+for)[ \t]+([A-Za-z][a-z'\-]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+)?)`), group: 1, isolate: true, cut: englishGivenNameAndSurname, keepAt: institutionAfterName,
		gate: hasContactVerb},
	// A name after a collector's role, a label or a letter's closing (The collector, John Smith,;
	// Agent John Smith; a man named John Smith; Sincerely, John Smith; Borrower: John Smith:
	// published before session 32, scrub32): a given name first (englishGivenNameAndSurname).
	{re: regexp.MustCompile(`\b(?i:named|collector|agent|representative|rep|supervisor|manager|officer|attorney|lawyer|borrower|debtor|co-?signer|attn|attention|sincerely|regards|respectfully|name)[ \t]*[:,]?\s*([A-Za-z][a-z'\-]+(?:[ \t]+[A-Za-z][A-Za-z'\-]+)?)`), group: 1, isolate: true, cut: englishGivenNameAndSurname, keepAt: institutionAfterName,
		gate: hasEnglishRoleWord},
	{re: regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+)?)`), group: 1,
		gate: func(t string) bool {
			return strings.Contains(t, "Mr") || strings.Contains(t, "Ms") || strings.Contains(t, "Mi") || strings.Contains(t, "Mx") || strings.Contains(t, "Dr")
		}},
	// A relative's or a friend's name in English after the word for them, two capitalised words
	// (my wife Jane Smith, my mother, Mary Johnson,: published before session 31, scrub31).
	{re: regexp.MustCompile(`\b(?i:my|our)\s+` + enKinLead + `(?i:` + enKinWords + `)(?:'s)?,?\s+([A-Z][a-z'\-]+[ \t]+[A-Z][A-Za-z'\-]+)`), group: 1, keep: notAnEnglishName, keepAt: englishNameNotEnded,
		gate: func(t string) bool { return hasFold(t, "my") || hasFold(t, "our") }},
	{re: regexp.MustCompile(`(?i:my name is|my name's|i am called|name:)\s+([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,2})`), group: 1,
		gate: func(t string) bool { return hasFold(t, "name") || hasFold(t, "am called") }},
	// A Chinese name in pinyin after the same words in lower case (my name is zhang san), or
	// capitalised after "I am" (I am Zhang San, I'm Li Ming): both words pinyin, neither an English
	// word of two syllables or more (published before session 30, pii; I am Very Angry stays).
	{re: regexp.MustCompile(`(?i:my name is|my name's|i am called|name:)\s+([a-z]+[ \t]+[a-z]+)\b`), group: 1, keep: notAPinyinName,
		gate: func(t string) bool { return hasFold(t, "name") || hasFold(t, "am called") }},
	{re: regexp.MustCompile(`\b(?:I am|I'm|I’m)\s+([A-Z][a-z]+[ \t]+[A-Z][a-z]+)\b`), group: 1, keep: notAPinyinName,
		gate: func(t string) bool { return strings.Contains(t, "I") }},
	// Licence plates: a province's character, the letter of its city, then five or six letters and
	// digits, a dot, a dash or a space after the letter (京A·12345, 粤B 8K8K8, 沪C-D12345: published
	// whole or but for 京A before session 32, scrub32). Before the account-number rule, which read
	// A12345 and left 京.
	// In lower case too (京a12345 kept 京, 粤b·8k8k8 was published; session 33, scrub33).
	{re: regexp.MustCompile(`[` + plateProvinces + `][A-HJ-NP-Za-hj-np-z](?:` + sp + `?[·•・．.\-－]` + sp + `?|` + sp + `)?[A-HJ-NP-Za-hj-np-z0-9]{5,6}`), isolate: true, keep: noDigits, gate: hasPlate},
	// What is left that looks like an account, card or contract number: 7 or more digits in a row,
	// or a token of letters and at least 4 digits (HT20230001, LN-8812-AB).
	{re: regexp.MustCompile(`[A-Za-z0-9０-９][A-Za-z0-9０-９\-/_]{4,}[A-Za-z0-9０-９]`), isolate: true, keep: notAnAccountNumber, keepAt: anAmount},
	// The name of an address whose domain an earlier rule redacted (li.ming@XXXX: two addresses run
	// together with a styled digit, li.ming@163⓪.comzhang3@qq.com, kept the first name; session 29).
	{re: regexp.MustCompile(mailName + `[@＠]` + Redacted), gate: hasAt},
	// An address at a mail provider without its top-level domain: zhangsan@qq, li.ming＠163
	// (session 30, pii).
	{re: regexp.MustCompile(mailName + `[@＠](?i:qq|163|126|139|yeah|gmail|outlook|hotmail|foxmail|sina|sohu|aliyun|icloud|yahoo)\b`), gate: hasAt},
}

// Scrub replaces the personal data it recognises in free text — Chinese ID numbers, mobile and
// landline numbers (mainland and North American), e-mail addresses, account-, card- and
// contract-number-like tokens, Chinese and US street addresses, and names where the text says they
// are names — with XXXX. It is for text that leaves the people entitled to it (the public dataset,
// analysts): it errs on the side of removing too much, and it cannot find a name that nothing
// marks as one.
func Scrub(text string) string {
	if !hasStyledDigit(text) {
		return scrubRead(text, false)
	}
	// A styled digit is read both ways: as a digit of the number ("1381②345678", "①38 1234 5678")
	// and, where it stands alone against plain digits, as a break ("555 123 4567²", a footnote: read
	// as a digit it joined the number, which then no longer stood alone and was published whole;
	// session 28 reviews). Each reading goes first once, the other then reads what it left, and the
	// outcome that leaves fewer digits is kept: choosing after one reading left a number whose tail
	// the first had taken with the next number ("155 9320 1₅61 555 123 4567²").
	digitsFirst := scrubRead(scrubRead(text, false), true)
	breaksFirst := scrubRead(scrubRead(text, true), false)
	if countDigits(breaksFirst) < countDigits(digitsFirst) {
		return breaksFirst
	}
	return digitsFirst
}

var enDigitWords = []string{"zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// hasEnglishDigitWord reports a digit spelt in English in text (in any case, maybe inside a word).
func hasEnglishDigitWord(text string) bool {
	for _, w := range enDigitWords {
		if asciiFold(text, w) {
			return true
		}
	}
	if hasFoldSpecial(text) {
		return hasEnglishDigitWord(foldSpecials(text))
	}
	return false
}

var enTokenRE = regexp.MustCompile(`(?i)double|triple|zero|oh|one|two|three|four|five|six|seven|eight|nine|[0-9]+`)

// notSpeltInEnglish keeps a match of the English-digits rule that is no number: fewer than 7
// digits, fewer than three digits spelt in words (On 2024-03-15 one of them…: the rules around it
// read digits alone), or the words count up or down one by one (one two three four five six seven).
func notSpeltInEnglish(s string) bool {
	digits, words, prev, step, counting := 0, 0, -1, 0, true
	ohs := 0 // words "oh": an interjection when no other word is a digit (Oh oh oh, 2024 was bad)
	times := 1
	for _, tok := range enTokenRE.FindAllString(strings.ToLower(s), -1) {
		switch {
		case tok == "double":
			times = 2
			continue
		case tok == "triple":
			times = 3
			continue
		case tok[0] >= '0' && tok[0] <= '9':
			digits += len(tok)
			counting = false
		default:
			v := slices.Index(enDigitWords, tok) - 1
			if v < 0 {
				v = 0 // zero, oh
			}
			digits += times
			words++
			if tok == "oh" {
				ohs++
			}
			if times > 1 {
				counting = false
			}
			if prev >= 0 {
				if d := v - prev; (d != 1 && d != -1) || step != 0 && d != step {
					counting = false
				} else {
					step = d
				}
			}
			prev = v
		}
		times = 1
	}
	return digits < 7 || words < 3 || counting || ohs == words
}

// cardSeparators reports groups of a card number parted as one: not dots unless dots part every
// two groups (1200.50 1300.50 1400.50 are amounts), and no line break unless every group but the
// last has four digits (a card number over lines; a column of amounts is not).
func cardSeparators(s string) bool {
	groups := strings.FieldsFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r >= '０' && r <= '９') })
	dots := strings.Count(s, ".") + strings.Count(s, "．")
	if dots > 0 && dots != len(groups)-1 {
		return false
	}
	if strings.Contains(s, "\n") {
		for _, g := range groups[:len(groups)-1] {
			if utf8.RuneCountInString(g) != 4 {
				return false
			}
		}
	}
	return true
}

var buildingParts = []string{"号楼", "栋", "幢", "座", "单元", "室", "组"}

// estateBreaks are characters an estate's name (before 园, 府, 社区…) does not hold: particles,
// pronouns and verbs of the narrative, so the estate rule no longer eats the text before a place
// (催收人员多次到我单位所在的科技园5号楼: review of session 31, scrubmend).
const estateBreaks = `的在是了到我你他她们把被向从对去来说闹找堵打骂催次所`

// publicPlaces are places, not homes, whose building the estate rule leaves (幼儿园3号楼, 区政府3号楼).
var publicPlaces = []string{"幼儿园", "科技园", "公园", "产业园", "工业园", "校园", "动物园", "植物园", "游乐园", "政府", "物流园", "创业园", "软件园"}

// aPublicPlace reports an estate match whose name is one of publicPlaces.
func aPublicPlace(m string) bool {
	for _, p := range publicPlaces {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

// hasBuilding reports a building's word (栋, 幢, 座, 号楼) in text.
func hasBuilding(t string) bool {
	return strings.Contains(t, "栋") || strings.Contains(t, "幢") || strings.Contains(t, "座") || strings.Contains(t, "号楼")
}

// hasBuildingMark reports a building, unit, room or group in text.
func hasBuildingMark(text string) bool {
	for _, p := range buildingParts {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// noBuildingPart keeps parts without a building, unit, room or group (3楼5号, 2期3区), and a group
// that is no village's (第5组12号 of a list stays only if 组 follows no 村 — the match cannot tell,
// so a 组 counts when a 号 follows it).
func noBuildingPart(s string) bool {
	for _, p := range buildingParts {
		if p == "组" {
			if i := strings.Index(s, "组"); i >= 0 && strings.Contains(s[i:], "号") {
				return false
			}
			continue
		}
		if strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// enKinWords are the English words of kinship (and a friend, a colleague) before a name.
const enKinWords = `wife|husband|mother|father|mom|mum|dad|son|daughter|brother|sister|aunt|uncle|cousin|grandmother|grandfather|grandma|grandpa|nephew|niece|fiancee|fiance|partner|boyfriend|girlfriend|friend|coworker|co-worker|colleague|roommate|neighbor|neighbour|mother-in-law|father-in-law|sister-in-law|brother-in-law`

// enKinLead are words between "my" and a kinship word (my late husband, my ex-wife, my 80-year-old
// mother: the name after them was published before session 32, scrub32).
const enKinLead = `(?:(?i:late|ex|former|elderly|older|younger|little|big|baby|step|twin|dear|[0-9]{1,3}[ \t-]*(?:year|yr)s?[ \t-]*old)[ \t-]+)*`

var enRoleWords = []string{"named", "collector", "agent", "rep", "supervisor", "manager", "officer", "attorney", "lawyer", "borrower", "debtor", "signer", "attn", "attention", "sincerely", "regards", "respectfully", "name"}

// hasEnglishRoleWord reports a word of the role rule in text, in any case.
func hasEnglishRoleWord(t string) bool {
	for _, w := range enRoleWords {
		if hasFold(t, w) {
			return true
		}
	}
	return false
}

// notAnEnglishName keeps two capitalised words after an English kinship word that are no name: a
// weekday, a month, an institution's or a place's word (my son Monday Morning, my father Bank Of…).
func notAnEnglishName(s string) bool {
	for _, w := range strings.Fields(s) {
		switch strings.ToLower(strings.Trim(w, "'-")) {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
			"march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
			"bank", "of", "the", "and", "inc", "llc", "corp", "services", "financial", "credit", "card", "collections",
			"called", "said", "told", "got", "was", "is", "has", "had", "received", "answered", "i", "we", "he", "she", "they",
			// common words of a title-case sentence and lenders' names (review of session 31, scrubmend)
			"works", "work", "worked", "lost", "passed", "away", "died", "her", "his", "their", "our", "my", "job", "nights",
			"days", "never", "always", "just", "also", "still", "now", "then", "lives", "lived", "took", "paid", "pays", "owes",
			"wells", "fargo", "capital", "one", "sallie", "mae", "home", "depot", "social", "security", "administration",
			"chase", "citi", "citibank", "discover", "navient", "synchrony", "american", "express", "paypal", "student",
			"loans", "loan", "medical", "hospital", "company", "department", "account", "insurance", "mortgage":
			return true
		}
	}
	return false
}

// englishNameNotEnded keeps two capitalised words after an English kinship word that the text goes
// on with in capitals (My Husband Passed Away In March: title case), and after a possessive 's those
// a lower-case word follows (my husband's Wells Fargo account): a name ends at punctuation, the
// end, "and" or a lower-case word (review of session 31, scrubmend).
func englishNameNotEnded(text string, start, end int) bool {
	rest := strings.TrimLeft(text[end:], " \t")
	if rest == "" || rest[0] < 'A' || rest[0] > 'z' || rest[0] > 'Z' && rest[0] < 'a' {
		return false
	}
	possessive := strings.HasSuffix(strings.TrimRight(text[:start], " \t,"), "'s")
	if rest[0] >= 'A' && rest[0] <= 'Z' {
		return !strings.HasPrefix(rest, "And ")
	}
	return possessive && !strings.HasPrefix(rest, "and ")
}

// twoDigitsAlone reports two ASCII digits with a space, a tab, a dot or a dash on both sides, the
// middle group of an SSN written with separators.
func twoDigitsAlone(t string) bool {
	sepByte := func(c byte) bool { return c == ' ' || c == '\t' || c == '.' || c == '-' }
	digit := func(i int) bool { return i >= 0 && i < len(t) && t[i] >= '0' && t[i] <= '9' }
	for i := 4; i+6 < len(t); i++ {
		if digit(i) && digit(i+1) && sepByte(t[i-1]) && sepByte(t[i+2]) {
			// three digits before the separator (spaced: " - "), four after the other one
			b := i - 2
			for b > 0 && i-b <= 3 && sepByte(t[b]) {
				b--
			}
			a := i + 3
			for a < len(t) && a-(i+2) <= 3 && sepByte(t[a]) {
				a++
			}
			if digit(b) && digit(b-1) && digit(b-2) && !digit(b-3) && digit(a) && digit(a+3) && !digit(a+4) {
				return true
			}
		}
	}
	return false
}

// notAnSSN keeps three groups of 3, 2 and 4 digits that no social security number has: area 000,
// 666 or 9xx, group 00, serial 0000 — or separators that differ (1.5 2.0 2024?).
func notAnSSN(s string) bool {
	groups := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	seps := strings.FieldsFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if len(groups) != 3 || len(seps) != 2 || seps[0] != seps[1] {
		return true
	}
	a := groups[0]
	return a == "000" || a == "666" || a[0] == '9' || groups[1] == "00" || groups[2] == "0000"
}

// kinWords are the words of kinship (and a friend, a colleague) after which a complainant names the
// person: 我妈王秀英, 我的老公李建国.
const kinWords = `(?:妈妈|老妈|妈|爸爸|老爸|爸|父亲|母亲|父親|母親|老公|丈夫|前夫|老婆|妻子|前妻|爱人|媳妇儿|媳妇|大儿子|小儿子|儿子|大女儿|小女儿|女儿|女朋友|男朋友|侄子|侄女|外甥女|外甥|哥哥|姐姐|弟弟|妹妹|哥|姐|弟|妹|爷爷|奶奶|外婆|外公|姥姥|姥爷|婆婆|公公|岳父|岳母|叔叔|舅舅|姑姑|阿姨|表哥|表姐|表弟|表妹|堂哥|堂姐|堂弟|堂妹|朋友|同事|同学|室友|邻居|` +
	// (session 32, scrub32: 我前男友李明, 我嫂子王芳, 我大伯张建国, 我干妈王秀英 were published)
	`前男友|前女友|男友|女友|未婚夫|未婚妻|嫂子|大嫂|弟媳|姐夫|妹夫|小姨子|小舅子|大伯|伯伯|伯父|伯母|叔父|婶婶|大姨|小姨|姨妈|舅妈|姑父|姑妈|姨夫|干妈|干爹|儿媳|女婿|孙子|孙女|闺蜜|发小)`

// jiaoThenDe reports a 叫 with a 的 within the next four characters (一个叫李伟的人).
func jiaoThenDe(t string) bool {
	for rest := t; ; {
		i := strings.Index(rest, "叫")
		if i < 0 {
			return false
		}
		rest = rest[i+len("叫"):]
		if strings.Contains(rest[:min(len(rest), 5*3)], "的") {
			return true
		}
	}
}

// hasHonorific reports 先生, 女士, 小姐 or 老太太 in text.
func hasHonorific(t string) bool { return containsOne(t, "先生", "女士", "小姐", "老太太") }

// surnameThenSpace reports a surname's character (or a compound surname's second) just before a
// space: what the rules of spaced names need. Spaces are few in Chinese text, and a space after an
// ASCII byte is passed at once.
func surnameThenSpace(t string) bool {
	for i := 1; i < len(t); i++ {
		c := t[i]
		if c != ' ' && c != '\t' && !(c == 0xe3 && strings.HasPrefix(t[i:], "\u3000")) && !(c == 0xc2 && strings.HasPrefix(t[i:], "\u00a0")) {
			continue
		}
		if t[i-1] < utf8.RuneSelf {
			continue
		}
		r, _ := utf8.DecodeLastRuneInString(t[:i])
		if strings.ContainsRune(surnames, r) || strings.ContainsRune(compoundSeconds, r) {
			return true
		}
	}
	return false
}

// roleThenSurname reports a word of roleWords followed, past a space or a colon, by a surname's
// character or a compound surname's first.
func roleThenSurname(t string) bool {
	for _, w := range roleMarks {
		for rest := t; ; {
			i := strings.Index(rest, w)
			if i < 0 {
				break
			}
			rest = rest[i+len(w):]
			after := strings.TrimLeft(rest, " \t\u3000:：")
			if r, _ := utf8.DecodeRuneInString(after); r >= utf8.RuneSelf && (strings.ContainsRune(surnames, r) || strings.ContainsRune(compoundFirsts, r)) {
				return true
			}
		}
	}
	return false
}

// roleMarks are the last characters of roleWords: 员 ends 催收员, 业务员, 专员…
var roleMarks = []string{"员", "服", "师", "务"}

// compoundSeconds are the second characters of compoundRE's surnames.
const compoundSeconds = "阳马官葛方甫容狐侯徒孙文迟辕木孤宫门"

// roleWords are the words of a collector's role after which a complaint names the person (催收员王强，
// 业务员李伟说: published before session 32, scrub32).
const roleWords = `催收员|催收人员|催收专员|业务员|客服人员|客服|专员|调解员|律师|法务`

// compoundRE are the compound surnames a self-introduction's name may start with.
const compoundRE = `欧阳|司马|上官|诸葛|东方|皇甫|慕容|令狐|夏侯|司徒|公孙|长孙|宇文|尉迟|轩辕|端木|独孤|南宫|西门`

// nameBreaks: what may follow a name nothing labels: punctuation, a space, or a verb or particle
// after a name (nameLen's, which trims it).
const nameBreaks = `，,。.！!；;、？?：:（(）)\s\x{3000}\p{So}～~…—欠借说說是的在被把给和还要已了向到称打叫去来也都就让有没不`

// nameFollow is what may follow a name nothing labels: a break (nameBreaks), the end, or an adverb
// that opens what the person did or suffered (王秀英经常被骚扰, 李强一直不接).
const nameFollow = `(?:[` + nameBreaks + `]|$|经常|一直|每天|多次|总是|天天|今天|昨天|前天|突然|最近|曾|当时|现在|刚|又|因|于|从|对|跟|与|为)`

// commonNameStarts are words that begin with a surname's character but are no name (余额不足,
// 陆续还了, 本人付清了, 曾经在, 我是武汉的: review of session 31, scrubmend), and 于/向, which
// open a phrase after 本人 or a relative far more often than a name (本人于昨天, 我爸向银行借).
var commonNameStarts = []string{"于", "向", "余额", "余下", "曾经", "陆续", "陆金所", "付清", "付了", "高额", "高利", "高息",
	"高兴", "高度", "高达", "金额", "金融", "金条", "白白", "白天", "方才", "方法", "方式", "方面", "张口", "江西", "江苏",
	"严重", "严格", "严厉", "何等", "何时", "何必", "武汉", "周末", "周围", "许多", "许久", "万一", "马上", "毛钱", "任何",
	"任意", "程序", "常常", "石家庄", "谢谢", "董事", "戴着", "林业", "黄金", "龙头", "苏州", "夏天", "秦皇岛", "贾汪",
	"孔子", "邓小平", "叶子", "丁点", "田地", "万元", "万块", "钱款", "段时"}

// notAnUnlabelledName keeps what the rules of names nothing labels matched that is no name: a word
// of commonNameStarts at its start, or a character a given name hardly holds (notAGivenName).
func notAnUnlabelledName(s string) bool {
	for _, w := range commonNameStarts {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return notAGivenName(s)
}

// notGivenNameChars are characters a given name hardly holds: particles, pronouns, numerals,
// words of money, places and roles (高中生, 江苏人, 马上, 付款了, 周一, 石家庄, 方便, 程序员).
// 某 writes a name already withheld (李某, 王某某).
const notGivenNameChars = "某了的过中人生员者们上下是在有也都就还又和与及被把给向从到说要会能可不没无已这那些个位种样么吗呢吧啊哦嘛呀多何一二五六七八九十百千万两零便事情况时候年月日次款钱债贷账码话证件机门司业务户师工作用处理问题州庄市县区省镇村乡城岛里血病院医校班级期号末地得着很太最更非女士先"

// notAGivenName keeps what the self-introduction rule matched that is no name: a character after
// the surname (and before the verb nameLen trims) that a given name hardly holds.
func notAGivenName(s string) bool {
	rs := []rune(unspaced(s[:nameLen(s)]))
	first := 1
	if len(rs) > 2 && compoundSurnames[string(rs[:2])] {
		first = 2
	}
	for _, r := range rs[first:] {
		if strings.ContainsRune(notGivenNameChars, r) {
			return true
		}
	}
	return false
}

// hasIntroduction reports a surname (or a compound surname's first character) after a word a
// self-introduction or a relative's name may follow (我, 俺, 本人, 叫, 称), with at most six
// characters of kinship words, 的, 是, 叫, spaces or a colon between: the two rules' regular
// expressions cost a fifth of Scrub run on every narrative that holds 我.
func hasIntroduction(t string) bool {
	for _, mark := range []string{"我", "俺", "本人", "叫", "称"} {
		for rest := t; ; {
			i := strings.Index(rest, mark)
			if i < 0 {
				break
			}
			rest = rest[i+len(mark):]
			skipped := 0
			for _, r := range rest {
				if strings.ContainsRune(surnames, r) || strings.ContainsRune(compoundFirsts, r) {
					return true
				}
				if skipped++; skipped > 6 || !strings.ContainsRune(introSkips, r) {
					break
				}
			}
		}
	}
	return false
}

// introSkips are the characters hasIntroduction passes between the word and the surname: those of
// kinWords, 的, 是, 就, 叫, 名, spaces and colons.
const introSkips = "妈爸父母亲親老公丈夫前婆妻子爱人媳妇儿女男大小侄甥哥姐弟妹爷奶外姥岳叔舅姑阿姨表堂朋友同事学室邻居的是就叫名嫂伯婶干婿孙闺蜜发未婚 \t\u3000:：" +
	// 自称叫's
	"自称"

// compoundFirsts are the first characters of compoundRE's surnames.
const compoundFirsts = "欧司上诸东皇慕令夏公长宇尉轩端独南西"

// hasNameLabel reports a mark of the words that say a name follows (我叫, 姓名, 借款人…).
func hasNameLabel(t string) bool {
	for _, l := range []string{"叫", "名", "债务人", "借款人", "户主", "联系人", "收件人", "当事人"} {
		if strings.Contains(t, l) {
			return true
		}
	}
	return false
}

// latinNameLabels are the words after which the Latin-name rule reads a name; its gate looks for
// the same words (it looked for 名 and 叫 followed at once by the name, and so skipped 我的名字是
// Li Ming: review of session 30, pii).
var latinNameLabels = []string{"我叫", "名字是", "我的名字叫", "名叫", "名字叫", "姓名", "债务人", "借款人", "户主", "联系人", "收件人", "当事人"}

// latinAfterNameLabel reports a capital Latin letter after a word that says a name follows, with
// at most white space, 是, 为 and a colon between.
func latinAfterNameLabel(t string) bool {
	for _, l := range latinNameLabels {
		for rest := t; ; {
			i := strings.Index(rest, l)
			if i < 0 {
				break
			}
			rest = rest[i+len(l):]
			after := strings.TrimLeft(rest, " \t\n\v\f\r\u3000是为:：")
			if after != "" && (after[0] >= 'A' && after[0] <= 'Z' || after[0] >= 'a' && after[0] <= 'z') && !strings.HasPrefix(after, Redacted) {
				return true
			}
		}
	}
	return false
}

// notAnIDWord keeps a word of letters alone after a WeChat or QQ label that is no pinyin
// (WeChat: transfer, WeChat ID verification, 微信 payment): an id holds a digit, _ or -, or reads
// as a name in pinyin (微信 zhangsan).
func notAnIDWord(s string) bool {
	w := strings.ToLower(strings.Map(func(r rune) rune {
		if r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' {
			return r - 'Ａ' + 'A'
		}
		return r
	}, s))
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return !pinyinName([]string{w})
}

// notAContactID keeps what follows a WeChat or QQ label that is no id: an amount (anAmount), or a
// word of letters alone that is no pinyin (notAnIDWord) — unless a Chinese label says an id
// follows, with 号, 号码, 账号 or ID or a colon (微信号 abcdefgh, 微信：lmzhang, vx：abcdefgh were
// published: an id need not read as a name; session 30's leftover, session 31 scrub31). The
// English labels (WeChat ID verification, WeChat: transfer) and a bare 微信 (微信 payment) keep
// their words.
func notAContactID(text string, start, end int) bool {
	if anAmount(text, start, end) || romanFive(text, start) {
		return true
	}
	return notAnIDWord(text[start:end]) && !chineseIDLabelBefore(text, start)
}

// romanFive reports a V label that is the Roman five of a section's or a part's number (Section V:
// 15000 was redacted; review of session 32, scrub32).
func romanFive(text string, start int) bool {
	t := strings.TrimRight(text[max(0, start-24):start], " \t\u3000:：")
	if !strings.HasSuffix(t, "V") && !strings.HasSuffix(t, "v") {
		return false
	}
	t = strings.TrimRight(t[:len(t)-1], " \t")
	for _, w := range []string{"section", "part", "chapter", "article", "schedule", "exhibit", "title", "appendix", "item", "phase", "level", "form", "step"} {
		if hasFoldSuffix(t, w) {
			return true
		}
	}
	return false
}

// chineseIDLabelBefore reports a Chinese WeChat or QQ label just before start that says an id
// follows: 号, 号码, 账号, 帐号 or ID after it, or a colon.
func chineseIDLabelBefore(text string, start int) bool {
	t := strings.TrimRight(text[max(0, start-32):start], " \t\u3000是为")
	colon := strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
	t = strings.TrimRight(strings.TrimRight(t, ":："), " \t\u3000是为")
	numbered := false
	for _, suf := range []string{"号码", "账号", "帐号", "号", "ID", "id", "Id", "ＩＤ", "ｉｄ"} {
		if strings.HasSuffix(t, suf) {
			t, numbered = strings.TrimSuffix(t, suf), true
			break
		}
	}
	if !numbered && !colon {
		return false
	}
	t = strings.ToLower(strings.TrimRight(t, " \t\u3000"))
	for _, l := range []string{"微信", "威信", "薇信", "维信", "v信", "ｖ信", "vx", "wx", "ｖｘ", "ｗｘ", "扣扣", "企鹅", "qq", "ｑｑ", "支付宝", "抖音", "快手", "微博", "钉钉", "小红书", "v", "ｖ"} {
		if strings.HasSuffix(t, l) {
			return true
		}
	}
	return false
}

// roomAnAmount keeps a building and a room whose room's digits anAmount reads as an amount.
func roomAnAmount(text string, start, end int) bool {
	i := end
	for i > start {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
			break
		}
		i -= size
	}
	return i < end && anAmount(text, i, end)
}

// containsOne reports one of words in text (strings.ContainsAny reads a text rune by rune when
// its characters are not ASCII).
func containsOne(text string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// hasAt reports an @ or a full-width ＠ in text.
func hasAt(text string) bool { return strings.Contains(text, "@") || strings.Contains(text, "＠") }

// hasFold reports the lower-case ASCII word w in text, in any case, without a copy: it looks for
// the first letter in either case with IndexByte, each kept until passed.
func hasFold(text, w string) bool {
	if asciiFold(text, w) {
		return true
	}
	if (strings.IndexByte(w, 'k') >= 0 || strings.IndexByte(w, 's') >= 0) && hasFoldSpecial(text) {
		return asciiFold(foldSpecials(text), w)
	}
	return false
}

// hasFoldSpecial reports K (U+212A, Kelvin) or ſ (U+017F, long s) in text, which Go's (?i) folds
// to k and s: zhangsan at outlooK.com and at ſina.com were published, the gates reading ASCII
// only (review of session 30, pii).
func hasFoldSpecial(text string) bool {
	return strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f")
}

// foldSpecials writes K and ſ as k and s.
func foldSpecials(text string) string {
	return strings.NewReplacer("\u212a", "k", "\u017f", "s").Replace(text)
}

// asciiFold is hasFold of ASCII letters alone.
func asciiFold(text, w string) bool {
	lo, up := w[0], w[0]
	if lo >= 'a' && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	nextLo, nextUp := -1, -1
	for i := 0; i+len(w) <= len(text); {
		if nextLo < i && nextLo != len(text) {
			if j := strings.IndexByte(text[i:], lo); j >= 0 {
				nextLo = i + j
			} else {
				nextLo = len(text)
			}
		}
		if nextUp < i && nextUp != len(text) {
			if j := strings.IndexByte(text[i:], up); j >= 0 {
				nextUp = i + j
			} else {
				nextUp = len(text)
			}
		}
		i = min(nextLo, nextUp)
		if i+len(w) > len(text) {
			return false
		}
		k := 1
		for k < len(w) && text[i+k]|0x20 == w[k] {
			k++
		}
		if k == len(w) {
			return true
		}
		i++
	}
	return false
}

// institutionsName keeps what follows 名字是 or 名字叫 when the name is an institution's (那家公司的名字是
// 平安普惠, 平台的名字是招联金融, APP的名字是安逸花: the lender's name was cut mid-word; review of
// session 32, scrub32): the word before the label (and its 的) is a company's, a platform's, an
// app's or a product's.
func institutionsName(text string, start, end int) bool {
	b := strings.TrimRight(text[:start], " \t\u3000:：")
	b = strings.TrimSuffix(strings.TrimSuffix(b, "是"), "为")
	b = strings.TrimRight(b, " \t\u3000")
	var ok bool
	if b, ok = strings.CutSuffix(b, "名字是"); !ok {
		if b, ok = strings.CutSuffix(b, "名字叫"); !ok {
			if b, ok = strings.CutSuffix(b, "名字"); !ok {
				return false
			}
		}
	}
	b = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(b, " \t\u3000"), "的"), " \t\u3000")
	for _, w := range institutionWords {
		if strings.HasSuffix(b, w) {
			return true
		}
	}
	return hasFoldSuffix(b, "app")
}

// institutionWords are the owners of a name that is no person's (公司的名字是…).
var institutionWords = []string{"公司", "平台", "软件", "机构", "银行", "产品", "网站", "应用", "小程序", "集团", "商家", "网贷",
	"贷款", "店", "它", "其公司", "那家", "这家", "该"}

// hasFoldSuffix reports an ASCII suffix w of s in any case.
func hasFoldSuffix(s, w string) bool {
	return len(s) >= len(w) && strings.EqualFold(s[len(s)-len(w):], w)
}

// appLabels are the labels of other apps' handles the WeChat and QQ rule reads (支付宝 zhangsan88,
// 抖音号 …, 微博 @…, 钉钉号 …: published before session 32, scrub32).
const appLabels = `支付宝|抖音|快手|微博|钉钉|小红书`

// plateProvinces are the characters of the provinces on China's licence plates.
const plateProvinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

// hasPlate reports a capital ASCII letter just after a province's character (京A).
func hasPlate(t string) bool {
	for i := 3; i < len(t); i++ {
		if (t[i] >= 'A' && t[i] <= 'Z' || t[i] >= 'a' && t[i] <= 'z') && t[i-1] >= utf8.RuneSelf {
			if r, _ := utf8.DecodeLastRuneInString(t[:i]); strings.ContainsRune(plateProvinces, r) {
				return true
			}
		}
	}
	return false
}

// stateWordNoCity keeps a number after a state's abbreviation that is an English word too (IN, OK,
// OR, ME, HI) unless a comma stands before it, as after a city (Springfield, OK 73301; "pay OK 20000"
// was redacted; review of session 32, scrub32).
func stateWordNoCity(text string, start, end int) bool {
	t := strings.TrimRight(text[:start], " \t")
	t = strings.TrimSuffix(t, ",")
	if len(t) < 2 {
		return false
	}
	switch t[len(t)-2:] {
	case "IN", "OK", "OR", "ME", "HI":
		return !strings.HasSuffix(strings.TrimRight(t[:len(t)-2], " \t"), ",")
	}
	return false
}

// stateThenZIP reports two capital ASCII letters, maybe a comma, spaces and a digit (IL 62704).
func stateThenZIP(t string) bool {
	for i := 0; i+3 < len(t); i++ {
		if t[i] >= 'A' && t[i] <= 'Z' && t[i+1] >= 'A' && t[i+1] <= 'Z' {
			j := i + 2
			if t[j] == ',' {
				j++
			}
			if j < len(t) && (t[j] == ' ' || t[j] == '\t') {
				for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
					j++
				}
				if j < len(t) && t[j] >= '0' && t[j] <= '9' {
					return true
				}
			}
		}
	}
	return false
}

// streetStops are words of a sentence that no street's name holds in lower case (5 times on the
// way, 3 miles down the road, 20 years in this street).
var streetStops = wordSet(`
	the a an of in on at to my our your his her their this that these those and or for from by with down up
	across along around over under through into onto off out times time days day weeks week months month years
	year miles mile blocks block minutes minute hours hour dollars dollar people calls call kids children more
	less than all every each some any no not only just also same other another was were is are be been i we he
	she they it you me him them us
`)

// notAStreet keeps a match of the US street rule that is no street. Capitalised, the street's
// words are read as before session 32. In lower case (the street's words or its type) a match is a
// street only when it reads as one: a number that is no year (19xx, 20xx), one to three words that
// are no words of a sentence (streetStops, sentenceWords, -ed and -ing words), and a type that only
// streets are called (street, st, avenue, ave, road, rd, boulevard, blvd, lane, ln; drive and dr
// only with an apartment after). Court, way, place, circle… in lower case are words of a
// sentence (They filed in 2024 small claims court, I will pay 1000 either way, the hearing on 12
// june took place were redacted; review of session 32, scrub32).
func notAStreet(m string) bool {
	words := strings.Fields(m)
	num := words[0]
	rest := words[1:]
	if len(rest) > 0 && len(strings.Trim(rest[0], ".")) == 1 && strings.ContainsAny(rest[0][:1], "NSEWnsew") {
		rest = rest[1:]
	}
	ti := -1 // the street type's word
	for i, w := range rest {
		if streetTypes[strings.ToLower(strings.TrimRight(w, ".,"))] != 0 && i > 0 {
			ti = i
			break
		}
	}
	if ti < 0 {
		return false
	}
	name, typ := rest[:ti], strings.ToLower(strings.TrimRight(rest[ti], ".,"))
	capital := true
	for _, w := range name {
		if !(w[0] >= 'A' && w[0] <= 'Z') {
			capital = false
		}
	}
	if capital && rest[ti][0] >= 'A' && rest[ti][0] <= 'Z' {
		return false
	}
	if capital && streetTypes[typ] == 1 {
		return false // 123 Main street
	}
	if len(num) == 4 && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20")) {
		return true
	}
	switch streetTypes[typ] {
	case 1:
	case 2:
		if len(rest) == ti+1 {
			return true // drive, dr: an apartment after
		}
	default:
		return true
	}
	if len(name) > 3 {
		return true
	}
	for _, w := range name {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if streetStops[lw] || sentenceWords[lw] || len(lw) > 4 && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) {
			return true
		}
	}
	return false
}

// streetTypes are the words of the US street rule's types: 1 a street's in lower case too, 2 a
// street's in lower case with an apartment after, 3 a street's when capitalised only.
var streetTypes = map[string]int{
	"street": 1, "st": 1, "avenue": 1, "ave": 1, "road": 1, "rd": 1, "boulevard": 1, "blvd": 1, "lane": 1, "ln": 1,
	"drive": 2, "dr": 2,
	"court": 3, "ct": 3, "way": 3, "place": 3, "pl": 3, "terrace": 3, "circle": 3, "cir": 3, "highway": 3, "hwy": 3, "parkway": 3, "pkwy": 3,
}

// vThenColon reports a V or v just before a colon, ASCII or full-width (V：zhangsan88).
func vThenColon(t string) bool {
	for i := strings.IndexByte(t, 'V'); i >= 0; {
		if strings.HasPrefix(t[i+1:], ":") || strings.HasPrefix(t[i+1:], "：") {
			return true
		}
		j := strings.IndexByte(t[i+1:], 'V')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	for i := strings.IndexByte(t, 'v'); i >= 0; {
		if strings.HasPrefix(t[i+1:], ":") || strings.HasPrefix(t[i+1:], "：") {
			return true
		}
		j := strings.IndexByte(t[i+1:], 'v')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// hasContactLabel reports a mark of the WeChat and QQ rule's labels in text.
func hasContactLabel(text string) bool {
	if strings.Contains(text, "信") || strings.Contains(text, "扣扣") || strings.Contains(text, "企鹅") || containsOne(text, "Ｑ", "ｑ", "Ｖ", "ｖ", "Ｗ", "ｗ") {
		return true
	}
	if containsOne(text, "支付宝", "抖音", "快手", "微博", "钉钉", "小红书") || vThenColon(text) {
		return true
	}
	return hasFold(text, "qq") || hasFold(text, "vx") || hasFold(text, "wx") || hasFold(text, "wechat") || hasFold(text, "weixin")
}

// spacedDigits reports n or more ASCII or full-width digits in text with nothing but spaces and
// dashes between them.
func spacedDigits(text string, n int) bool {
	run := 0
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			if run++; run >= n {
				return true
			}
		case r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '-' || r == '－' || r >= 0x2010 && r <= 0x2015:
		default:
			run = 0
		}
	}
	return false
}

// hasMailProvider reports the name of a mail provider (mailDomains) in text, in any case.
func hasMailProvider(text string) bool {
	for d := range mailDomains {
		if asciiFold(text, d) {
			return true
		}
	}
	if hasFoldSpecial(text) {
		return hasMailProvider(foldSpecials(text))
	}
	return false
}

// countDigits counts the digits of text, styled ones too.
func countDigits(text string) int {
	n := 0
	for _, r := range text {
		if readsAsDigit(r) {
			n++
		}
	}
	return n
}

func hasStyledDigit(text string) bool {
	for _, r := range text {
		if _, ok := StyledDigit(r); ok {
			return true
		}
	}
	return false
}

// scrubRead is Scrub with one reading of styled digits: loneStyledBreaks reads a single styled digit
// against plain ones as a break, otherwise every styled digit is read as its digit.
func scrubRead(text string, loneStyledBreaks bool) string {
	norm, os, oe := seeThroughMapped(text, loneStyledBreaks)
	if os == nil {
		for _, r := range scrubRules {
			text = r.apply(text)
		}
		return text
	}
	// The rules read norm (digits as a reader reads them); what they redact is redacted in the text
	// as written, and nothing else of it is rewritten: x² stays x², 第①步 stays 第①步 (they were
	// published as x2 and 第1步; session 28, scrub2). os[i] and oe[i] are where the rune of text
	// that norm's byte i comes from starts and ends.
	for _, r := range scrubRules {
		spans := r.find(norm)
		if spans == nil {
			continue
		}
		var nb, ob strings.Builder
		nos, noe := make([]int, 0, len(os)), make([]int, 0, len(oe))
		lastN, lastO := 0, 0
		keep := func(to int) {
			shift := ob.Len() - lastO
			for i := lastN; i < to; i++ {
				nos = append(nos, max(os[i]+shift, ob.Len()))
				noe = append(noe, max(oe[i]+shift, ob.Len()))
			}
		}
		for _, sp := range spans {
			s, e := sp[0], sp[1]
			so, eo := max(os[s], lastO), oe[e-1]
			eo = max(eo, so)
			keep(s)
			nb.WriteString(norm[lastN:s])
			ob.WriteString(text[lastO:so])
			start := ob.Len()
			ob.WriteString(Redacted)
			nb.WriteString(Redacted)
			for range len(Redacted) {
				nos = append(nos, start)
				noe = append(noe, start+len(Redacted))
			}
			lastN, lastO = e, eo
		}
		keep(len(norm))
		nb.WriteString(norm[lastN:])
		ob.WriteString(text[lastO:])
		text, norm, os, oe = ob.String(), nb.String(), nos, noe
	}
	return text
}

func (r scrubRule) apply(text string) string {
	spans := r.find(text)
	if spans == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(text[last:sp[0]])
		b.WriteString(Redacted)
		last = sp[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// find returns the spans of text the rule redacts, in order and apart.
func (r scrubRule) find(text string) [][2]int {
	if r.gate != nil && !r.gate(text) {
		return nil
	}
	// One match at a time from an offset, not FindAll's non-overlapping matches: when the words
	// around a rule's submatch reject it (a cut of nothing, keep, keepAt), the pattern is tried
	// again from the submatch's start, which may hold the rule's lead word itself (The collector
	// named John Smith, my mom and my sister Jane: "named John", "and my" were rejected and the
	// name after them never read; review of session 32, scrub32). Each retry starts past the
	// rejected match's start, and at most maxRetries are made, so the cost stays linear.
	var spans [][2]int
	last, off, retries := 0, 0, 0
	for off <= len(text) {
		m := r.re.FindStringSubmatchIndex(text[off:])
		if m == nil {
			break
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += off
			}
		}
		next := m[1]
		if m[1] == m[0] {
			_, size := utf8.DecodeRuneInString(text[m[1]:])
			next = m[1] + max(size, 1)
		}
		start, end := m[2*r.group], m[2*r.group+1]
		retry := func() {
			if r.group > 0 && start > m[0] && retries < maxRetries {
				next, retries = start, retries+1
			}
		}
		switch {
		case start < 0 || start < last:
		case r.isolate && (gluedBefore(text, start) || gluedAfter(text, end)):
		case r.keep != nil && r.keep(text[start:end]):
			retry()
		case r.keepAt != nil && r.keepAt(text, start, end):
			retry()
		default:
			if r.trimLead {
				start += leadTrim(text[start:end])
			}
			if r.name {
				end = start + nameLen(text[start:end])
			}
			if r.cut != nil {
				end = start + r.cut(text[start:end])
			}
			if end <= start {
				retry()
				break
			}
			start, end = wholeWord(text, start, end, last)
			spans = append(spans, [2]int{start, end})
			last = end
		}
		off = next
	}
	return spans
}

// maxRetries bounds the retries of scrubRule.find in one text.
const maxRetries = 64

func glue(r rune) bool {
	return r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') || r >= '０' && r <= '９'
}

func gluedBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && glue(r)
}

func gluedAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && glue(r)
}

// addressLead are characters that start the sentence around an address rather than the address
// itself (我住在…, 到他家…); an address match is trimmed of them.
const addressLead = "我你他她它们在住是的了到从和与及于给把被向去来家址为说就都也还要又对往至"

// leadTrim returns how many bytes of words leading into an address to leave in place.
func leadTrim(s string) int {
	n := 0
	for _, r := range s {
		if !strings.ContainsRune(addressLead, r) {
			break
		}
		n += utf8.RuneLen(r)
	}
	return n
}

// trimAddressLead keeps a match that is nothing but leading words and a number (e.g. 第3号).
func trimAddressLead(s string) bool {
	return leadTrim(s) == len(s)
}

// mailDomains are the mail providers people give addresses at, spelt out without a digit in the
// name (zhangsan at qq dot com).
var mailDomains = map[string]bool{"qq": true, "163": true, "126": true, "139": true, "yeah": true, "gmail": true, "outlook": true,
	"hotmail": true, "live": true, "msn": true, "yahoo": true, "sina": true, "sohu": true, "foxmail": true, "aliyun": true, "icloud": true}

var atWordRE = regexp.MustCompile(atWord)

// plainWordAt keeps "word at domain dot com" where the word holds no digit, ".", "_" or "-" and the
// domain is no mail provider's: English (I work at google dot com), not an address.
func plainWordAt(s string) bool {
	loc := atWordRE.FindStringIndex(s)
	if loc == nil {
		return false
	}
	name := strings.Trim(s[:loc[0]], "-")
	if strings.ContainsAny(name, "0123456789._") {
		return false
	}
	// A hyphen inside the name marks an address when every part of the name is spelt in pinyin
	// syllables, as a Chinese name is (li-ming, zhang-san-feng at company dot com; session 29,
	// attack); English compounds (co-worker, e-mail, state-of-the-art at google dot com) have a
	// part that is no pinyin and stay, as main kept them before that round (session 29, review).
	if strings.Contains(name, "-") && pinyinName(strings.Split(strings.ToLower(name), "-")) {
		return false
	}
	// any label of the domain: zhangsan at vip dot qq dot com is at a provider's subdomain
	for _, label := range strings.FieldsFunc(s[loc[1]:], func(r rune) bool {
		return !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		if mailDomains[strings.ToLower(label)] {
			return false
		}
	}
	return true
}

// pinyinName reports the parts of a hyphenated name that read as a Chinese name: each part is
// spelt wholly in pinyin syllables (toneless; ü as v, yu or ü: lv, lyu, lü), and none of two or
// more syllables is an English word (made = ma+de, along = a+long: englishPinyinWords). A part
// of one syllable is pinyin even where English has the word too (man, long, he): he-man at x dot
// com is redacted, the scrub erring on removing, and man-made is kept (session 30, pii).
func pinyinName(parts []string) bool {
	for _, p := range parts {
		if p == "" || !isPinyin(p) || englishPinyinWords[p] {
			return false
		}
	}
	return true
}

// notAPinyinName keeps words that are not a Chinese name in pinyin (pinyinName).
func notAPinyinName(s string) bool { return !pinyinName(strings.Fields(strings.ToLower(s))) }

// wordSet is the set of the words of a text separated by white space.
func wordSet(text string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(text) {
		m[w] = true
	}
	return m
}

// isPinyin reports a word that splits into pinyin syllables (a syllable is at most 6 letters, so
// this costs the word's length times 6).
func isPinyin(w string) bool {
	ok := make([]bool, len(w)+1)
	ok[0] = true
	for i := 1; i <= len(w); i++ {
		for j := max(0, i-6); j < i && !ok[i]; j++ {
			ok[i] = ok[j] && pinyinSyllables[w[j:i]]
		}
	}
	return ok[len(w)]
}

// pinyinSyllables are the syllables of Mandarin in pinyin without tones; lü and nü (and lüe,
// nüe) also as people type them without ü: lv, nv (the input methods' v), lyu, nyu (passports
// since 2012; lyu-ming at acme dot com was published, session 29's final review).
var pinyinSyllables = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(`a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
	ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang
	chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dian diao die ding diu dong
	dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong
	gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun
	huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua
	kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu
	lv luan lue lve lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan
	nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nv nuan nue nve nuo o ou pa pai pan
	pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan
	que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan
	shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun
	suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng
	wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you
	yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou
	zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
	lyu nyu lyue nyue lü nü lüe nüe`) {
		m[s] = true
	}
	return m
}()

var (
	stopThenSpaceRE = regexp.MustCompile(`[^ \t\x{3000}.．。｡][.．。｡][ \t\x{3000}]`)
	attachedAtRE    = regexp.MustCompile(`[A-Za-z0-9._%+\-][@＠][A-Za-z0-9]`)
)

// sentenceStop keeps a spelt-out address whose dot has a space after it and none before — a
// sentence's full stop ("I paid 300 at Costco. Me and my husband") — unless the @ is written
// between the name and the domain (zhang3@qq. com) or a label is a mail provider's (zhang3 at qq. com).
func sentenceStop(s string) bool {
	if !stopThenSpaceRE.MatchString(s) || attachedAtRE.MatchString(s) {
		return false
	}
	for _, label := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		if mailDomains[strings.ToLower(label)] {
			return false
		}
	}
	return true
}

// noDigits keeps a labelled word that holds no digit (account number because…).
func noDigits(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' })
}

// notAGroupedMobile keeps what the grouped-mobile rule matched that is no mobile: a list of numbers
// (more than five groups whose first five ascend: 13 15 17 19 21 3), an amount grouped in thousands
// that ends in 000 (15 000 000 000), a run of years or dates, an amount grouped by ten thousands, a
// list with spaced dashes, and digits with one dot between them only (a decimal). The +86 or 0086
// before the number is no group of it (+86 1 38 1234 567 8 counted six groups and was published;
// session 29, review of the attack), and more than five groups that do not ascend are 11 digits of
// a mobile's shape standing alone: a mobile (1 38 12 34 56 78). Thousands that do not end in 000
// (13 812 345 678) are a mobile too: an amount says so by a unit after it (amountOrReference).
func notAGroupedMobile(s string) bool {
	if strings.Count(s, ".") == 1 {
		return true
	}
	digitOf := func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
	groups := strings.FieldsFunc(s, func(r rune) bool { return !digitOf(r) })
	if len(groups) > 1 && utf8.RuneCountInString(strings.Join(groups, "")) > 11 {
		groups = groups[1:] // the country code
	}
	if yearRun(s) || allDates(s) || dashedList(s) || roundAmount(s) {
		return true
	}
	if len(groups) == 4 && utf8.RuneCountInString(groups[0]) == 1 && businessNumber(s) {
		return true // 1-800-555-0199, a North American toll-free number
	}
	// a list of numbers: more than five short groups whose first five never fall (第 13 15 17 19 21 3 期);
	// a group of three or more digits makes it a mobile again (1 3 5 67 89 1234, the final review of
	// session 29)
	if len(groups) > 5 && ascending(groups[:5]) && !slices.ContainsFunc(groups, func(g string) bool { return utf8.RuneCountInString(g) > 2 }) {
		return true
	}
	last := groups[len(groups)-1]
	thousands := len(groups) > 1 && (last == "000" || last == "０００")
	for _, g := range groups[1:] {
		if utf8.RuneCountInString(g) != 3 {
			thousands = false
		}
	}
	return thousands
}

// ascending reports groups of digits whose values never fall.
func ascending(groups []string) bool {
	prev := -1
	for _, g := range groups {
		n := 0
		for _, r := range g {
			if r >= '０' {
				r -= '０' - '0'
			}
			n = n*10 + int(r-'0')
			if n > 1e9 {
				return false
			}
		}
		if n < prev {
			return false
		}
		prev = n
	}
	return true
}

// groupedNotAlone keeps a match of the grouped-mobile rule that the words beside it call an amount
// or a reference (amountOrReference), or one of more than five groups that runs on into more
// groups (1 1 0 1 0 5 - 1 9 9 0 0 1 0 1 - 1 2 3 X, an ID number the rules after this one read
// whole): 11 digits in many groups are a mobile only when they stand alone.
func groupedNotAlone(text string, start, end int) bool {
	if amountOrReference(text, start, end) {
		return true
	}
	if len(strings.FieldsFunc(text[start:end], func(r rune) bool { return !(r >= '0' && r <= '9' || r >= '０' && r <= '９') })) <= 5 {
		return false
	}
	// a few bytes either side: a separator is at most a spaced dash
	return groupRunOnRE.MatchString(text[end:min(len(text), end+16)]) || groupRunBackRE.MatchString(text[max(0, start-16):start])
}

var (
	groupRunOnRE   = regexp.MustCompile(`^` + gsep + `[0-9０-９XxＸｘ]`)
	groupRunBackRE = regexp.MustCompile(`[0-9０-９]` + gsep + `$`)
)

// areaCodeThenBreak reports a 0 that no digit or letter precedes, two or three digits after it, then a
// space, a tab or a hyphen: the start of a spaced landline (010 1234 5678).
func areaCodeThenBreak(t string) bool {
	for i := strings.IndexByte(t, '0'); i >= 0 && i+3 < len(t); {
		if i == 0 || !glue(rune(t[i-1])) {
			j := i + 1
			for j < len(t) && j-i <= 4 && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			if n := j - i; n >= 3 && n <= 4 && j < len(t) && (t[j] == ' ' || t[j] == '\t' || t[j] == '-' || t[j] >= utf8.RuneSelf) {
				return true
			}
		}
		k := strings.IndexByte(t[i+1:], '0')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// landlineRunsOn keeps a spaced landline that the words beside it call an amount or a reference
// (amountOrReference), or that is the tail of a longer run of groups (6222 - 0212 - 3456 - 7890, a
// card the rules after read whole).
func landlineRunsOn(text string, start, end int) bool {
	return amountOrReference(text, start, end) || groupRunOnRE.MatchString(text[end:min(len(text), end+16)]) || groupRunBackRE.MatchString(text[max(0, start-16):start])
}

// amountOrReference keeps a number in irregular groups that the words beside it call an amount (a
// currency or "in total" after it: 借款 1500 3200 600 元, paid 1563 1287 945 in total) or a
// reference (a label before it: Case 17 2024 0315 3, 编号 18 2023 0001 5; not "no" or "number",
// which also follow "phone"). Main kept these before attack round 24's grouped-mobile rule
// (session 29, review). A mobile in irregular groups followed by 元 is published so; one in groups
// of 3, 4 and 4 is redacted by the mobile rule whatever follows.
func amountOrReference(text string, start, end int) bool {
	after := strings.ToLower(strings.TrimLeft(text[end:min(len(text), end+24)], " 	　"))
	for _, u := range []string{"元", "块", "万", "亿", "圆", "笔", "yuan", "rmb", "in total", "total", "dollars", "usd"} {
		if strings.HasPrefix(after, u) {
			return true
		}
	}
	before := strings.ToLower(strings.TrimRight(text[max(0, start-24):start], " 	　:：#"))
	for _, l := range []string{"编号", "案号", "第", "case", "ref", "reference"} {
		if strings.HasSuffix(before, l) && (l[0] >= utf8.RuneSelf || len(before) == len(l) || !glue(rune(before[len(before)-len(l)-1]))) {
			return true
		}
	}
	return false
}

// fewerThan12Digits keeps a run of digit groups too short to be a card or an ID number.
func fewerThan12Digits(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			n++
		}
	}
	return n < 12
}

// fewerThan12DigitsOrDates keeps what is no card number: fewer than 12 digits, or dates side by
// side ("2024-01-15 2024-01-16", "01-15 01-16 01-17": the days of the calls, which a public
// narrative keeps — review of session 27).
func fewerThan12DigitsOrDates(s string) bool {
	return fewerThan12Digits(s) || allDates(s) || yearRun(s) || dateRangeRE.MatchString(strings.NewReplacer("－", "-", "／", "/").Replace(s))
}

// yearRun reports a run of years (2019 - 2020 - 2021, 2020 – 2021 – 2022 年): every group of
// plain digits is a year 1900–2099, two of them at least, and the digits spelt in Chinese beside
// them (2021 三年间) are too few to be a number (review of session 28's scrub2).
func yearRun(s string) bool {
	years, other := 0, 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == '·' || isDash(string(r)) || r == ',' || r == '，'
	}) {
		plain := 0
		for _, r := range f {
			switch {
			case r >= '0' && r <= '9' || r >= '０' && r <= '９':
				plain++
			default:
				if _, ok := chineseDigits[r]; ok {
					other++
				}
			}
		}
		if plain == 0 {
			continue
		}
		if y := []rune(f); len(y) != 4 || !inRange(string(y[:2]), 19, 20) || !inRange(string(y[2:]), 0, 99) {
			return false
		}
		years++
	}
	return years >= 2 && other < 7
}

// allDates reports a text of dates alone, separated by white space: YYYY-MM-DD or MM-DD, each
// with a month 1–12 and a day 1–31.
func allDates(s string) bool {
	fields := strings.Fields(strings.ReplaceAll(s, "－", "-"))
	// dates side by side may also be a range with a spaced dash (2024-01-15 - 2024-01-20)
	fields = slices.DeleteFunc(fields, func(f string) bool { return utf8.RuneCountInString(f) == 1 && isDash(f) })
	if len(fields) < 2 {
		return false
	}
	for _, f := range fields {
		f = strings.TrimFunc(f, func(r rune) bool { return isDash(string(r)) })
		for _, d := range []string{"‐", "‑", "‒", "–", "—", "―"} {
			f = strings.ReplaceAll(f, d, "-")
		}
		parts := strings.Split(f, "-")
		if len(parts) == 3 && len([]rune(parts[0])) == 4 {
			parts = parts[1:]
		}
		if len(parts) != 2 || !inRange(parts[0], 1, 12) || !inRange(parts[1], 1, 31) {
			return false
		}
	}
	return true
}

func isDash(s string) bool { return strings.Contains("-－‐‑‒–—―", s) }

// inRange reports a number of one or two digits (ASCII or full-width) between lo and hi.
func inRange(s string, lo, hi int) bool {
	rs := []rune(s)
	if len(rs) == 0 || len(rs) > 2 {
		return false
	}
	n := 0
	for _, r := range rs {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return false
		}
	}
	return n >= lo && n <= hi
}

// asciiRunLeftToOthers keeps a run of ASCII digits that the rules around the spelt one judge —
// but not digits written one by one with a separator between each (1 3 8 1 2 3 4 5 6 7 8),
// which no other rule sees as one number.
func asciiRunLeftToOthers(s string) bool {
	if !noChineseDigit(s) {
		return false
	}
	prevDigit := false
	for _, r := range s {
		d := r >= '0' && r <= '9' || r >= '０' && r <= '９'
		if d && prevDigit {
			return true
		}
		prevDigit = d
	}
	return false
}

// asciiRunLeftToOthersOrAList is asciiRunLeftToOthers, and keeps a list of single numbers written
// with commas (1, 2, 3, 4, 5, 6, 7; 一，二，三…): each part between two commas holds one digit.
func asciiRunLeftToOthersOrAList(s string) bool {
	if asciiRunLeftToOthers(s) || yearRun(s) || dashedList(s) {
		return true
	}
	if !strings.ContainsAny(s, ",，") {
		return false
	}
	if thousandsRE.MatchString(s) {
		return true // amounts: 12,000, 13,000 三笔
	}
	var ds []rune
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' }) {
		n := 0
		for _, r := range part {
			if d, ok := chineseDigits[r]; ok {
				ds, n = append(ds, d), n+1
			} else if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
				ds, n = append(ds, r), n+1
			}
		}
		if n != 1 {
			return false
		}
	}
	// eleven single digits of a mobile's shape that do not count up are a mobile (1,3,8,1,2,3,4,5,6,
	// 7,8 was kept as a list; session 30, pii)
	return !(len(ds) == 11 && (ds[0] == '1' || ds[0] == '１') && !countsUp(ds))
}

// countsUp reports digits each one more than the one before (1,2,3,4…).
func countsUp(ds []rune) bool {
	for i := 1; i < len(ds); i++ {
		if ds[i]-ds[i-1] != 1 {
			return false
		}
	}
	return true
}

// dashedList reports a list of single numbers with spaced dashes between them (第 1 - 2 - 3 - 4 -
// 5 - 6 - 7 条, 比分 3 - 1 - 2 - 0 - 1 - 1 - 4), too short for a mobile (11 digits) or an ID number:
// a mobile spelt so, a digit between each pair of dashes, is still redacted.
func dashedList(s string) bool {
	parts := spacedDashRE.Split(s, -1)
	if len(parts) < 2 || len(parts) > 10 {
		return false
	}
	for _, p := range parts {
		if n := utf8.RuneCountInString(strings.TrimSpace(p)); n != 1 {
			return false
		}
	}
	return true
}

var spacedDashRE = regexp.MustCompile(`[ \t\x{3000}\x{a0}]+[\-－‐‑‒–—―][ \t\x{3000}\x{a0}]+`)

var thousandsRE = regexp.MustCompile(`[0-9],[0-9]{3}(?:[^0-9]|$)`)

// roundAmount keeps an amount grouped by ten thousands with commas (150,0000,0000), which reads
// like a mobile written with commas.
func roundAmount(s string) bool {
	return strings.ContainsAny(s, ",，") && (strings.HasSuffix(s, "0000") || strings.HasSuffix(s, "００００"))
}

// noChineseDigit keeps a run of digits none of which is spelt in Chinese.
func noChineseDigit(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { _, ok := chineseDigits[r]; return ok })
}

// spacedNotASurname keeps a word a label's space alone parts from it whose first character is no
// surname (请联系联系人 确认, 借款人 已经: redacted before session 32, scrub32); after a colon, 是 or
// nothing any word is read as a name.
func spacedNotASurname(text string, start, end int) bool {
	before := text[:start]
	trimmed := strings.TrimRight(before, " \t\u3000\u00a0\r\n")
	if len(trimmed) == len(before) {
		return false
	}
	if strings.HasSuffix(trimmed, ":") || strings.HasSuffix(trimmed, "：") || strings.HasSuffix(trimmed, "是") || strings.HasSuffix(trimmed, "为") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[start:end])
	return !strings.ContainsRune(surnames, r) && !strings.ContainsRune(compoundFirsts, r)
}

// notAName rejects words after 债务人/借款人 that are pronouns, verbs or nouns (证件, 电话, 家人),
// not names.
func notAName(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	// 于 and 向 open a phrase after a label (借款人于今年…, 当事人向法院…), 假 真 什 谁 a question
	// or a doubt (我的名字是假的吗, 名字是什么; session 32, scrub32)
	return strings.ContainsRune("我你他她它本其是不没在已被的了说称要和与及证电手身家父母儿女妻丈朋同欠名信地亲单公和都也还于向假真什谁", r)
}

// nameLen is the byte length of the name at the start of s: three characters unless the third is
// a verb or particle that follows a two-character name (李四欠款, 张三说).
//
// A name of a compound surname (欧阳, 诸葛: compoundSurnames) has up to four characters, and the
// characters after its given name are read the same way (欧阳娜娜 kept its last 娜; session 30, pii).
//
// A space between the surname and the given name (张 三, 欧阳 娜娜) is read through: the characters
// are counted without it (session 32, scrub32).
func nameLen(s string) int {
	var rs []rune
	var ends []int // ends[i]: where rs[i] ends in s
	for i, r := range s {
		if r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' {
			continue
		}
		rs = append(rs, r)
		ends = append(ends, i+utf8.RuneLen(r))
	}
	if len(rs) == 0 {
		return 0
	}
	const after = "欠借说是的在被把给和还要已了向到称打叫去来也都就让有没不"
	if len(rs) >= 3 && compoundSurnames[string(rs[:2])] {
		if len(rs) == 4 && strings.ContainsRune(after, rs[3]) {
			return ends[2]
		}
		return ends[len(rs)-1]
	}
	n := min(len(rs), 3)
	if n == 3 && strings.ContainsRune(after, rs[2]) {
		n = 2
	}
	return ends[n-1]
}

// unspaced is s without its spaces (a name written 张 三).
func unspaced(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

// notAnAccountNumber keeps tokens that are not identifiers: institutions' 106 SMS platform numbers,
// dates (2024-03-15, 2024/3/15), XX/XX/2019
// (the CFPB's own redaction), amounts and years with fewer than 7 digits and no letters, and
// Latin words with few digits (COVID-19, iPhone15).
func notAnAccountNumber(s string) bool {
	digits, letters, xs := 0, 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			digits++
		case unicode.IsLetter(r):
			letters++
			if r == 'X' || r == 'x' {
				xs++
			}
		}
	}
	if letters > 0 && letters == xs && digits <= 4 {
		return true
	}
	if isDate(s) || strings.HasPrefix(s, "106") && letters == 0 { // 106…: an institution's SMS platform
		return true
	}
	if businessNumber(s) || referenceRE.MatchString(s) {
		return true
	}
	if letters == 0 {
		// a range of years or of dates written with a dash (1999-2024, 2024-01-15—2024-03-20:
		// redacted before session 30, pii)
		return digits < 7 || yearRun(s) || dateRangeRE.MatchString(strings.NewReplacer("－", "-", "／", "/").Replace(s))
	}
	return digits < 4
}

// referenceRE is the shape of the platform's own complaint references (RL-2026-00000280), which
// the public dataset shows beside each narrative (redacted before session 30, pii).
var referenceRE = regexp.MustCompile(`^RL-\d{4}-\d{8}$`)

// businessNumber keeps a number only businesses are given: China's 400 and 800 numbers (客服电话
// 400-820-8888, 4008208888) and the North American toll-free ones (800, 888, 877, 866, 855, 844,
// 833), ten digits (redacted before session 30, pii).
func businessNumber(s string) bool {
	var d []byte
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d = append(d, byte(r))
		case r >= '０' && r <= '９':
			d = append(d, byte(r-'０'+'0'))
		case unicode.IsLetter(r):
			return false
		}
	}
	// With its 1 before (1-800-…, +1 888 …) a toll-free number is 11 digits starting 1[3-9], a
	// mainland mobile's shape (180, 183–188 are mobile prefixes): the mobile wins, and only the
	// ten digits alone are kept (手机 1-866-123-4567 was published; review of session 30, pii).
	if len(d) != 10 {
		return false
	}
	switch string(d[:3]) {
	case "400", "800", "888", "877", "866", "855", "844", "833":
		return true
	}
	return false
}

// anAmount keeps a run of digits that the words beside it call an amount: a currency unit after it
// (借款15000000元, 1500000 元, 300万) or a currency sign before it (¥1500000; redacted before
// session 30, pii). A mobile followed by 元 is read by the mobile rules before.
//
// An amount has 12 digits at most, its decimals counted: a card number of 16 to 19 digits before
// 元 or after ¥ (转账到6222021234567890123元) was kept as one (review of session 30, pii).
func anAmount(text string, start, end int) bool {
	if strings.ContainsFunc(text[start:end], unicode.IsLetter) || countDigits(text[start:end]) > 12 {
		return false
	}
	rest := text[end:]
	if len(rest) > 1 && rest[0] == '.' && rest[1] >= '0' && rest[1] <= '9' { // its decimals (1500000.00 元)
		rest = strings.TrimLeft(rest[1:], "0123456789")
		if countDigits(text[start:end])+len(text[end:])-len(rest)-1 > 12 {
			return false
		}
	}
	after := strings.ToLower(strings.TrimLeft(rest[:min(len(rest), 12)], " \t\u3000"))
	for _, u := range []string{"元", "块", "万", "亿", "圆", "yuan", "rmb", "dollars", "usd", "cny"} {
		if strings.HasPrefix(after, u) {
			return true
		}
	}
	before := strings.ToUpper(strings.TrimRight(text[max(0, start-8):start], " \t\u3000"))
	for _, c := range []string{"¥", "￥", "$", "RMB", "CNY", "USD"} {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	return false
}

var dateRE = regexp.MustCompile(`^(?:\d{4}[\-/]\d{1,2}[\-/]\d{1,2}|\d{1,2}[\-/]\d{1,2}[\-/]\d{2,4}|\d{4}[\-/]\d{1,2}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))$`)

func isDate(s string) bool { return dateRE.MatchString(s) }

var dateRangeRE = regexp.MustCompile(`^(?:\d{4}([\-/.])\d{1,2}[\-/.]\d{1,2}|\d{8})-+(?:\d{4}[\-/.]\d{1,2}[\-/.]\d{1,2}|\d{8}|\d{1,2}[\-/.]\d{1,2})$`)

// seeThroughNumbers drops the invisible format characters (zero-width spaces and joiners, direction
// marks and embeddings, the word joiner, the BOM, the soft hyphen: charclass.Format) that touch a digit,
// and writes the non-ASCII spaces and hyphens between two digits (no-break and ideographic spaces,
// U+2010–U+2015) as an ASCII space or hyphen, so that the patterns above see a number as a reader does:
// "138\u200b1234\u200b5678" and "138\u00a01234\u00a05678" came back unscrubbed (session 26 review).
// Format characters away from digits (an emoji's joiners, a flag's tags) are left as written.
func seeThroughNumbers(text string) string {
	norm, _, _ := seeThroughMapped(text, false)
	return norm
}

// seeThroughMapped is seeThroughNumbers that also says, for each byte i of what it returns, where
// the rune of text it comes from starts (os[i]) and ends (oe[i]); os is nil when text is returned
// as it is.
func seeThroughMapped(text string, loneStyledBreaks bool) (norm string, os, oe []int) {
	if isASCII(text) && !strings.ContainsAny(text, asciiFillers) && !asciiHomoglyphByDigit(text) || !needsSeeingThrough(text) {
		return text, nil, nil
	}
	rs := []rune(text)
	// digitBefore[i] and digitAfter[i]: the nearest rune before i (after i) that is no format
	// character is a digit. Two passes, so that a run of format characters costs its length once
	// (reading back and forth from each of them cost its square: a narrative of 20,000 zero-width
	// spaces took 9 s to scrub, on every anonymous page of the public dataset; session 28, attack).
	// (the six tables below share one allocation: session 31, scrub31, added the two word tables)
	n := len(rs)
	tables := make([]bool, 6*n)
	digitBefore := tables[:n:n]
	digitAfter := tables[n : 2*n : 2*n]
	// styledBefore[i] and styledAfter[i]: that nearest rune is a digit of StyledDigit.
	styledBefore := tables[2*n : 3*n : 3*n]
	styledAfter := tables[3*n : 4*n : 4*n]
	// wordBefore[i] and wordAfter[i]: that nearest rune is a letter, a digit or a mark of an e-mail
	// address (isWordRune): a format character between two of them is dropped too, as a reader
	// does not see it (zhang\u200bsan@qq.com published zhang, 微\u200b信 hid the label; session 31,
	// scrub31). Only a format character's neighbours are looked up.
	wordBefore := tables[4*n : 5*n : 5*n]
	wordAfter := tables[5*n:]
	last, lastStyled, lastWord := false, false, false
	for i, r := range rs {
		digitBefore[i], styledBefore[i], wordBefore[i] = last, lastStyled, lastWord
		if !charclass.Format(r) && !unicode.In(r, unicode.Mn, unicode.Me) {
			_, lastStyled = StyledDigit(r)
			last = lastStyled || unicode.IsDigit(r)
			lastWord = false
			if i+1 < len(rs) && charclass.Format(rs[i+1]) {
				lastWord = isWordRune(r)
			}
		}
	}
	last, lastStyled, lastWord = false, false, false
	for i := len(rs) - 1; i >= 0; i-- {
		digitAfter[i], styledAfter[i], wordAfter[i] = last, lastStyled, lastWord
		if !charclass.Format(rs[i]) && !unicode.In(rs[i], unicode.Mn, unicode.Me) {
			_, lastStyled = StyledDigit(rs[i])
			last = lastStyled || unicode.IsDigit(rs[i])
			lastWord = false
			if i > 0 && charclass.Format(rs[i-1]) {
				lastWord = isWordRune(rs[i])
			}
		}
	}
	// fillBefore[i] and fillAfter[i]: the nearest rune before i (after i) that is no format
	// character, no space and no filler (isFiller: an emoji, a symbol or a dash people part a
	// number's digits with, 138😀1234😀5678, 138 😀 1234 😀 5678) is a digit. A run of fillers
	// between two digits is read as one hyphen.
	// (Both stay false when the text holds no filler: the two passes are skipped.)
	fillers := slices.ContainsFunc(rs, isFiller)
	var fillBefore, fillAfter []bool
	if fillers {
		fillBefore, fillAfter = make([]bool, len(rs)), make([]bool, len(rs))
	}
	last = false
	for i, r := range rs {
		if !fillers {
			break
		}
		fillBefore[i] = last
		if !charclass.Format(r) && !unicode.In(r, unicode.Mn, unicode.Me) && !isFiller(r) && !unicode.Is(unicode.Zs, r) {
			_, styled := StyledDigit(r)
			last = styled || unicode.IsDigit(r)
		}
	}
	last = false
	for i := len(rs) - 1; i >= 0 && fillers; i-- {
		fillAfter[i] = last
		if r := rs[i]; !charclass.Format(r) && !unicode.In(r, unicode.Mn, unicode.Me) && !isFiller(r) && !unicode.Is(unicode.Zs, r) {
			_, styled := StyledDigit(r)
			last = styled || unicode.IsDigit(r)
		}
	}
	var barOK []bool
	if fillers && (strings.IndexByte(text, '|') >= 0 || containsOne(text, "｜", "￨", "∣")) {
		barOK = barsInANumber(rs)
	}
	var b strings.Builder
	b.Grow(len(text))
	os, oe = make([]int, 0, len(text)), make([]int, 0, len(text))
	i := 0
	filled := false // the last rune written is a filler's hyphen
	// lastStart: where in os/oe the last rune written begins; afterLetter: that rune is a letter
	// (a combining mark after it is read as part of it: Wa\u0301ng)
	lastStart, afterLetter := 0, false
	for at, r := range text {
		_, size := utf8.DecodeRuneInString(text[at:])
		ri := i
		i++
		fill := false
		switch {
		case charclass.Format(r) && (digitBefore[ri] || digitAfter[ri] || wordBefore[ri] && wordAfter[ri]):
			continue
		case (charclass.Format(r) || unicode.In(r, unicode.Mn, unicode.Me)) && filled:
			continue // a joiner or a variation selector inside a run of fillers (👨‍👩‍👧, ❤️)
		case unicode.In(r, unicode.Mn, unicode.Me) && (digitBefore[ri] || afterLetter):
			// a mark on a digit: the keycap of 1️⃣ (U+FE0F U+20E3), an accent or an underline
			// (session 28, attack: a mobile written in keycaps reached the public dataset whole);
			// a letter's accent or tone mark written apart (Wa\u0301ng; session 33, scrub33). The
			// mark belongs to the rune before it: a redaction of that rune takes it too.
			for k := lastStart; k < len(oe); k++ {
				oe[k] = at + size
			}
			continue
		case r >= 0xC0 && foldsToASCII(r):
			// a full-width, mathematical, circled or accented letter or digit (session 33, scrub33)
			r, _ = asciiFoldRune(r)
		case r > 0x7f && (unicode.Is(unicode.Zs, r)) && digitBefore[ri] && digitAfter[ri]:
			r = ' '
		case isDigitSeparator(r) && digitBefore[ri] && digitAfter[ri]:
			r = '-'
		case (r == '、' || r == '､') && digitBefore[ri] && digitAfter[ri]:
			// an enumeration comma, read as a comma: 138、1234、5678 is a mobile, 第1、2、3、4、5、6、7期
			// a list (session 30, pii)
			r = '，'
		case fillers && isFiller(r) && fillBefore[ri] && fillAfter[ri] && (!isBar(r) || barOK[ri]) && !(r == '*' && (ri > 0 && rs[ri-1] == '*' || ri+1 < len(rs) && rs[ri+1] == '*')):
			// (stars in a row mask digits, 138****5678, as the platform's own masks do: no break)
			if filled {
				continue
			}
			r, fill = '-', true
		case homoglyphInNumber(rs, ri):
			// a letter that looks like a digit, standing against digits (l38 1234 5678, 138 l234 5678,
			// 1З8…: published before session 31, scrub31)
			r, _ = digitHomoglyph(r)
		case unicode.IsDigit(r) && !(r >= '０' && r <= '９'):
			// Digits of other scripts and styles (Arabic-Indic, Thai, Devanagari, mathematical
			// bold…) as ASCII: the patterns read ASCII and full-width digits.
			r = ASCIIDigit(r)
		default:
			if d, ok := StyledDigit(r); ok {
				if loneStyledBreaks && (digitBefore[ri] || digitAfter[ri]) && !styledBefore[ri] && !styledAfter[ri] {
					// one styled digit against plain ones is a footnote or an exponent
					// ("555 123 4567²", "10⁶"), not a digit of the number: read as a break, or
					// the number no longer stood alone and reached the public dataset whole
					// (session 28, review of the attack round)
					r = ' '
				} else {
					r = d
				}
			}
		}
		filled = fill
		n := b.Len()
		lastStart, afterLetter = len(os), latinLetter(r)
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(text[at]) // an invalid byte stays as it is
		} else {
			b.WriteRune(r)
		}
		for range b.Len() - n {
			os = append(os, at)
			oe = append(oe, at+size)
		}
	}
	if norm = b.String(); norm != text {
		return norm, os, oe
	}
	return text, nil, nil
}

// digitHomoglyph returns the digit a letter looks like: l, I and the Cyrillic and Greek capital I
// (1), O and o in Latin, Cyrillic and Greek (0), the Cyrillic Ze (3) and be (6).
func digitHomoglyph(r rune) (rune, bool) {
	switch r {
	case 'l', 'I', 'І', 'Ι', 'ӏ', 'Ӏ':
		return '1', true
	case 'O', 'o', 'О', 'о', 'Ο', 'ο':
		return '0', true
	case 'З', 'з':
		return '3', true
	case 'б':
		return '6', true
	}
	return 0, false
}

// homoglyphInNumber reports a digit homoglyph at rs[i] that stands against a digit and has no
// letter beside it (l38, 1З8, 138 l234; not CO2, No1, iPhone 15).
func homoglyphInNumber(rs []rune, i int) bool {
	if _, ok := digitHomoglyph(rs[i]); !ok {
		return false
	}
	before, after := rune(0), rune(0)
	if i > 0 {
		before = rs[i-1]
	}
	if i+1 < len(rs) {
		after = rs[i+1]
	}
	// Latin, Cyrillic or Greek letters only: a Chinese character beside the lookalike is no word it
	// belongs to (手机号l38 1234 5678 was published; review of session 31, scrubmend).
	if alphabetLetter(before) || alphabetLetter(after) {
		return false
	}
	return unicode.IsDigit(before) || unicode.IsDigit(after)
}

// alphabetLetter reports a letter of the Latin, Cyrillic or Greek alphabet.
func alphabetLetter(r rune) bool {
	return r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z') || r >= utf8.RuneSelf && unicode.IsLetter(r) && unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek)
}

// asciiHomoglyphByDigit reports an l, I, O or o against an ASCII digit with no letter beside it.
func asciiHomoglyphByDigit(text string) bool {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case 'l', 'I', 'O', 'o':
			var b, a byte
			if i > 0 {
				b = text[i-1]
			}
			if i+1 < len(text) {
				a = text[i+1]
			}
			letter := func(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
			if !letter(b) && !letter(a) && (b >= '0' && b <= '9' || a >= '0' && a <= '9') {
				return true
			}
		}
	}
	return false
}

// isWordRune reports a letter, a digit or a mark of an e-mail address (@ ＠ . _ - + % # ＃),
// across which a format character is read as nothing.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.IndexByte("@._-+%#", byte(r)) >= 0
	}
	return r == '＠' || r == '＃' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isBar reports a vertical bar, which parts a table's cells as well as a number's digits.
func isBar(r rune) bool { return r == '|' || r == '｜' || r == '￨' || r == '∣' }

// barsInANumber says of each bar of rs whether it parts the digits of one number: the groups of
// digits it joins with others (bars, spaces and dashes between them) hold as many digits as a
// mobile (11, starting 1[3-9]; 13 with 86 before), a landline (10 to 12 starting 0), an ID number
// (15, 17 and its X, 18) or a card (16 to 19, unless every group is a round hundred and the digits
// fail Luhn's check: amounts). Bars were read as fillers everywhere, and a table's row of a date
// and amounts (| 2024-01-15 | 1500 | 3200 | 4700 |, 1500|3200|4800|6000 元) was redacted as a
// number (review of session 30, pii).
func barsInANumber(rs []rune) []bool {
	ok := make([]bool, len(rs))
	digit := func(r rune) bool { return unicode.IsDigit(r) }
	for i := 0; i < len(rs); {
		if !digit(rs[i]) {
			i++
			continue
		}
		// a run of digit groups from i, parted by bars, spaces and dashes, at least one bar
		var ds []rune
		var bars []int
		round := true
		j, seg := i, i // seg: where the cells' text since the last bar starts
		for {
			k := j
			for k < len(rs) && digit(rs[k]) {
				ds = append(ds, ASCIIDigit(rs[k]))
				k++
			}
			if k-j < 2 || rs[k-1] != '0' && rs[k-1] != '０' || rs[k-2] != '0' && rs[k-2] != '０' {
				round = false
			}
			m, bar := k, -1
			for m < len(rs) && (rs[m] == ' ' || rs[m] == '\u3000' || rs[m] == '-' || rs[m] == '－' || isBar(rs[m])) {
				if isBar(rs[m]) {
					bar = m
				}
				m++
			}
			if m == k || m == len(rs) || !digit(rs[m]) {
				j = k
				break
			}
			if cell := strings.Map(ASCIIDigit, strings.TrimSpace(string(rs[seg:k]))); bar >= 0 && strings.ContainsAny(cell, "-－") && isDate(cell) {
				// a date written with dashes in its own cell is no part of a number: the run starts after it
				ds, bars, round, seg, j = ds[:0], bars[:0], true, m, m
				continue
			}
			if bar >= 0 {
				seg = m
				bars = append(bars, bar)
			}
			for n := k; n < m; n++ {
				if isBar(rs[n]) && n != bar {
					bars = append(bars, n)
				}
			}
			j = m
		}
		n := len(ds)
		number := n == 11 && ds[0] == '1' && ds[1] >= '3' || n == 13 && ds[0] == '8' && ds[1] == '6' ||
			n >= 10 && n <= 12 && ds[0] == '0' || n == 15 || n == 17 || n == 18 ||
			n >= 16 && n <= 19 && (!round || luhn(ds))
		if number {
			for _, b := range bars {
				ok[b] = true
			}
		}
		i = j
	}
	return ok
}

// luhn reports ASCII digits that pass Luhn's check, as card numbers do.
func luhn(ds []rune) bool {
	sum := 0
	for i := range ds {
		d := int(ds[len(ds)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// asciiFillers are the ASCII characters isFiller reads as a break between a number's digits.
const asciiFillers = "*#|"

// isFiller reports a rune people part the digits of a number with to get it past filters, that no
// number is written with (session 30, pii: 138😀1234😀5678, 138−1234−5678 with a minus sign,
// 138﹣1234﹣5678, 138➖1234➖5678, 110105★19900101★123X reached the public dataset whole): an
// emoji or another symbol (So, Sk), a dash (Pd) or a minus sign, a slash or a vertical bar that
// is not ASCII, and * # |. Not + = × ÷ . , : % / or a currency sign, which write sums, amounts,
// dates and times (3000+2000+5000+1500=11500 stays).
func isFiller(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '*' || r == '#' || r == '|'
	}
	if r >= 0x3400 && r <= 0x9fff || r >= 0xac00 && r <= 0xd7af {
		return false // Han and Hangul, most of what Scrub reads
	}
	if isDigitSeparator(r) || r == '、' || r == '､' {
		return false
	}
	if _, ok := StyledDigit(r); ok {
		return false
	}
	return unicode.In(r, unicode.So, unicode.Sk, unicode.Pd) || strings.ContainsRune("−∕⁄∣⁃／＊＃｜￨", r)
}

// readsAsDigit: a decimal digit of any script, or a digit of StyledDigit.
func readsAsDigit(r rune) bool {
	if unicode.IsDigit(r) {
		return true
	}
	_, ok := StyledDigit(r)
	return ok
}

// StyledDigit returns the ASCII digit of a digit written in a style Unicode does not count as a
// decimal digit: circled (①, ⓪, ❶, ➀, ➊, ⓵), parenthesized (⑴), with a full stop (⒈), superscript
// (¹ ² ³ ⁰ ⁴…) and subscript (₀…) — a reader reads ①③⑧①②③④⑤⑥⑦⑧ as a mobile number (session
// 28, attack: it reached the public dataset whole).
func StyledDigit(r rune) (rune, bool) {
	switch {
	case r == '¹':
		return '1', true
	case r == '²' || r == '³':
		return '2' + (r - '²'), true
	case r == '⁰':
		return '0', true
	case r >= '⁴' && r <= '⁹':
		return '4' + (r - '⁴'), true
	case r >= '₀' && r <= '₉':
		return '0' + (r - '₀'), true
	case r == '⓪' || r == '⓿' || r == '🄀' || r == '🄁':
		return '0', true
	}
	for _, first := range styledOnes {
		if r >= first && r < first+9 {
			return '1' + (r - first), true
		}
	}
	return 0, false
}

// styledOnes are the first (the one) of each run of nine styled digits 1 to 9.
var styledOnes = []rune{'①', '⑴', '⒈', '❶', '➀', '➊', '⓵', '🄂'}

// isDigitSeparator: a hyphen or dash (U+2010–U+2015) or a tilde, a long-vowel mark, a full-width
// hyphen-minus, an underscore or a middle dot, read as a hyphen between two digits.
func isDigitSeparator(r rune) bool {
	return r >= 0x2010 && r <= 0x2015 || strings.ContainsRune("~～ー－_·・", r)
}

// needsSeeingThrough reports whether seeThroughNumbers may change text: it holds a digit that is
// neither ASCII nor full-width, a format character next to a digit (across other format characters),
// or a non-ASCII space or a separator of isDigitSeparator just after a digit. Most narratives hold
// none, and are returned without a copy.
func needsSeeingThrough(text string) bool {
	afterDigit, afterFormat := false, false
	// formatAfterWord: the format characters just read follow a letter or a mark of an address
	// (isWordRune); prev is the last rune read that is no format character
	formatAfterWord, prev := false, rune(0)
	afterHomoglyph := false // the rune before is a letter that looks like a digit
	for _, r := range text {
		before := prev
		isFormat := r >= utf8.RuneSelf && charclass.Format(r)
		if formatAfterWord && !isFormat {
			if isWordRune(r) {
				return true
			}
			formatAfterWord = false
		}
		if !isFormat {
			prev = r
		}
		if _, ok := digitHomoglyph(r); ok {
			// a letter that looks like a digit, after a digit or before one (the map decides)
			if afterDigit {
				return true
			}
			afterHomoglyph, afterDigit, afterFormat = true, false, false
			continue
		}
		digitAfterHomoglyph := afterHomoglyph
		afterHomoglyph = false
		switch {
		case r >= '０' && r <= '９':
			return true // read as ASCII (session 33, scrub33)
		case r >= '0' && r <= '9':
			if afterFormat || digitAfterHomoglyph {
				return true
			}
			afterDigit = true
		case r >= utf8.RuneSelf && readsAsDigit(r):
			return true
		case isFormat:
			if afterDigit {
				return true
			}
			if !afterFormat && isWordRune(before) {
				formatAfterWord = true
			}
			afterFormat = true
			continue
		case unicode.In(r, unicode.Mn, unicode.Me):
			if afterDigit || latinLetter(before) {
				return true
			}
			continue
		case r >= 0xC0 && foldsToASCII(r):
			return true
		case afterDigit && (r >= utf8.RuneSelf && unicode.Is(unicode.Zs, r) || isDigitSeparator(r) || isFiller(r) || r == '、' || r == '､'):
			return true
		case afterDigit && r == ' ':
			continue // a filler may follow the space (138 😀 1234)
		default:
			afterDigit = false
		}
		afterFormat = false
	}
	return false
}

// ASCIIDigit is the ASCII digit of a decimal digit r of any script (r itself for an ASCII one;
// full-width digits are handled by callers as full-width ASCII): Unicode places each script's
// digits 0 to 9 in a row (the mathematical ones five rows in a row), so its value is its distance
// from the first digit of its rows, modulo 10.
func ASCIIDigit(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	first := r
	for unicode.IsDigit(first - 1) {
		first--
	}
	return '0' + (r-first)%10
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
