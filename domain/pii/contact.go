package pii

import (
	"regexp"
	"slices"
	"strings"
)

// ownContactRE finds a contact the writer gives as their own or a relative's: 我的手机 139…,
// 我的另一个号码是 137…, 我老公的邮箱 …, 本人微信：wangnvshi88, 我妈的电话 0755-1234567. Group 1 is
// the label's kind, group 2 the contact: a number (ASCII, full-width or spelt in Chinese, with +86
// and separators), an e-mail address, or (after 微信 or QQ only) an id of letters and digits.
var ownContactRE = regexp.MustCompile(`(?:我|本人|我们|我家|家里)(?:的)?` +
	`(?:(?:老公|老婆|丈夫|妻子|爱人|父亲|母亲|爸爸|妈妈|爸|妈|儿子|女儿|哥哥|姐姐|弟弟|妹妹|家人|亲戚|朋友|同事|领导|` +
	thirdParties + `)(?:(?:叫|名叫|是)?(?:` + personName + `|[小老][` + surnames + `])[，,]?)?)?(?:的)?[（(]?` +
	`(?:另一个|另外一个|另外的|另一|其他|备用|常用|工作|私人|新的|新)?` +
	`(手机号码|手机号|手机|电话号码|电话|号码|联系电话|联系方式|座机号码|座机号|座机|固定电话|固话|办公电话|微信号|微信|QQ号|QQ|qq号|qq|电子邮箱|邮箱|邮件地址|(?i:e-?mail))` +
	`\s*(?:是|为)?\s*[:：]?\s*` + ownContactValue)

// ownContactValue is the contact of ownContactRE: a number, an e-mail address or an id.
const ownContactValue = `((?:(?:\+|00)?86[\s\-]?)?` + spelt + `(?:(?:` + sp + `?` + dash + sp + `?|[\s\-－.])?` + spelt + `){4,}|` +
	`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}|[A-Za-z][A-Za-z0-9_\-]{4,29})`

// emergencyContactRE finds a number after the writer's emergency contact without a label (我的紧急
// 联系人李强13800138000: published to the institution before scrubmend33). Group 1 is empty (no
// label's kind), group 2 the contact.
var emergencyContactRE = regexp.MustCompile(`(?:我|本人)(?:的)?紧急联系人(?:是|为|叫)?\s*[:：]?\s*(?:` + personName + `)?\s*[，,：:]?\s*()` + ownContactValue)

// thirdParties are the other people of the writer's side whose contact a complainant gives
// (我表哥…的电话, 我单位领导…的手机, 我的房东…): relatives beyond the household, the employer and
// the people at work, neighbours and landlords (session 33, sec33: "我单位领导李强的电话 138…" in a
// reopening's new facts reached the lender asked to answer again, as in the narrative).
const thirdParties = `表哥|表姐|表弟|表妹|堂哥|堂姐|堂弟|堂妹|舅舅|舅妈|叔叔|婶婶|阿姨|姑姑|姑父|姨妈|姨父|伯伯|伯父|伯母|` +
	`爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|岳父|岳母|丈母娘|老丈人|女婿|儿媳|嫂子|姐夫|妹夫|弟媳|侄子|侄女|外甥|外甥女|孙子|孙女|` +
	`单位领导|单位同事|公司领导|公司同事|单位|公司|老板|上司|主管|经理|雇主|室友|邻居|房东|同学|老师|担保人|紧急联系人`

// personName is a Chinese name after one of them (我单位领导李强的电话, 我的同事王芳（手机…）): a
// common surname and one or two characters, so that 我妈说催收的电话 (the collector's) is no name.
const personName = `(?:欧阳|司马|诸葛|上官|东方|皇甫|令狐|慕容|司徒)\p{Han}{1,2}|` +
	`[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤]\p{Han}{1,2}`

// emailRules are the e-mail rules of Scrub: addresses as written, and spelt out (name (at) qq (dot)
// com, name艾特qq点com, name at qq dot com; session 28, scrub2; name at qq.com, session 30), with their
// checks (I work at google dot com is English; session 28, fix2).
var emailRules = scrubRules[:4]

// ScrubOwnContact removes from free text the contact details a recipient institution is never to
// read (docs/SECURITY.md, the disclosure table: "the complainant's contact details never"), while
// it keeps the collectors' numbers it needs to find who called: every e-mail address, and a
// number, e-mail address, WeChat or QQ id the writer gives as their own or a relative's (我的手机
// …, 我老公的邮箱 …, 本人微信 …). "打给我的号码是…" is the number that called, and stays. The
// complainant's account name, e-mail and SMS mobile and the filed debtor values are removed
// apart, however written; this catches what the writer typed of their own beside them (session
// 16, attack).
func ScrubOwnContact(text string) string {
	ms := ownContactRE.FindAllStringSubmatchIndex(text, -1)
	if strings.Contains(text, "紧急联系人") {
		ms = append(ms, emergencyContactRE.FindAllStringSubmatchIndex(text, -1)...)
		slices.SortFunc(ms, func(a, b []int) int { return a[4] - b[4] })
	}
	if ms != nil {
		var b strings.Builder
		last := 0
		for _, m := range ms {
			if strings.HasSuffix(text[:m[0]], "给") { // 打给我的号码: the caller's number
				continue
			}
			label, start, end := text[m[2]:m[3]], m[4], m[5]
			if start < last {
				continue // the same contact matched by both expressions
			}
			if id := text[start:end]; strings.ContainsAny(id[:1], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") && !strings.Contains(id, "@") &&
				!strings.Contains(strings.ToLower(label), "qq") && !strings.Contains(label, "微信") {
				continue // letters after 手机 or 邮箱 (我的手机 iPhone) are no contact
			}
			if gluedBefore(text, start) || gluedAfter(text, end) {
				continue
			}
			b.WriteString(text[last:start])
			b.WriteString(Redacted)
			last = end
		}
		b.WriteString(text[last:])
		text = b.String()
	}
	for _, r := range emailRules {
		text = r.apply(text)
	}
	return text
}
