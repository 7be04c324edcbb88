package rules

import (
	"strings"

	"github.com/redline-regulator/redline/domain"
)

// The engine says in words why a fact it found without a phrase (a call at night, a call to the
// debtor's parents, a personal sender, what no message states) breaks a rule: Evidence.Rule in
// English and Evidence.RuleZh in Chinese, so that a page in either language reads it, with no code
// such as PARENT or CREDITOR left in the text.

var channelZh = map[Channel]string{
	ChannelPhoneCall: "电话", ChannelSMS: "短信", ChannelInstant: "即时消息", ChannelVisit: "上门",
	ChannelLetter: "信函", ChannelEmail: "电子邮件", ChannelOther: "其他方式联系",
}

var relationZh = map[domain.Relation]string{
	domain.RelationSelf: "本人", domain.RelationSpouse: "配偶", domain.RelationParent: "父母", domain.RelationChild: "子女",
	domain.RelationOtherRelative: "其他亲属", domain.RelationFriend: "朋友", domain.RelationColleague: "同事",
	domain.RelationEmployer: "工作单位", domain.RelationOther: "其他人",
}

var disclosureZh = map[DisclosureItem]string{
	DiscloseCreditor: "债权人", DiscloseAmount: "欠款金额", DiscloseContract: "合同编号", DiscloseAccount: "官方还款账户",
}

// words is a code in plain lower-case English words: PARENT → parent, OTHER_RELATIVE → other relative.
func words(code string) string {
	return strings.ToLower(strings.ReplaceAll(code, "_", " "))
}

func (c contact) whatZh() string {
	if s, ok := channelZh[c.channel]; ok {
		return s
	}
	return words(string(c.channel))
}

func relationWordsZh(r domain.Relation) string {
	if s, ok := relationZh[r]; ok {
		return s
	}
	return words(string(r))
}

// disclosuresEnZh names the items missing from the messages in English and in Chinese.
func disclosuresEnZh(items []string) (en, zh string) {
	var e, z []string
	for _, it := range items {
		e = append(e, words(it))
		if s, ok := disclosureZh[DisclosureItem(it)]; ok {
			z = append(z, s)
		} else {
			z = append(z, words(it))
		}
	}
	return strings.Join(e, ", "), strings.Join(z, "、")
}

// zhOr is a pack's Chinese text, or its English where it gives none.
func zhOr(zh, en string) string {
	if zh != "" {
		return zh
	}
	return en
}
