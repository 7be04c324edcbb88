package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// s37zhprec37Cases: session 37 (zhprec37) Chinese false-flag mechanisms found across the twelve
// independent writers (blind-s25…s36), phrased anew: a rule of contact hours stated after the time
// (十点以后一律不准打: mentions.normAfter), the complainant who is the guarantor or asks for someone
// else, the complainant's own deliberation to tell kin, fellow borrowers (被催收的兄弟姐妹), the
// message's own contact person, a formal stop naming the family, the complainant's own personal
// phone, 你妈 asked about a debt and a rule against insults; and true cases each must keep.
var s37zhprec37Cases = []typeCase{
	// look-alikes: all flagged on main 9253564b
	{"look-alike", "我们公司有规定，晚上十点以后一律不准给客户打电话", domain.ViolationImproperHours, false},
	{"look-alike", "我不是借款人，我只是他的保证人，银行来电让我还款", domain.ViolationThirdPartyContact, false},
	{"look-alike", "我不是借款人，是帮我舅舅咨询一下分期的事", domain.ViolationThirdPartyContact, false},
	{"look-alike", "祝所有被催收的兄弟姐妹早日上岸", domain.ViolationThirdPartyContact, false},
	{"look-alike", "短信最后写着联系人张专员，让我尽快回电", domain.ViolationThirdPartyContact, false},
	{"look-alike", "律师函里写了，请勿再联系本人及家属，有事找律师", domain.ViolationThirdPartyContact, false},
	{"look-alike", "他们打的是我的个人手机，每次都报了公司名和工号", domain.ViolationUnidentifiedCollector, false},
	{"look-alike", "同学问我女儿“你妈是不是欠了很多钱”", domain.ViolationAbusiveLanguage, false},
	{"look-alike", "我们公司规定骂人的一律开除", domain.ViolationAbusiveLanguage, false},
	// true cases kept
	{"kept", "催收凌晨一点还给我打电话，吵得全家都醒了", domain.ViolationImproperHours, true},
	{"kept", "催收打电话给我表姐，让她转告我赶紧还钱", domain.ViolationThirdPartyContact, true},
	{"kept", "他们说不还钱就告诉我爸妈，第二天真的给我爸打了电话", domain.ViolationThirdPartyContact, true},
	{"kept", "一个私人手机号打来催款，问他是哪家公司的他也不说", domain.ViolationUnidentifiedCollector, true},
	{"kept", "催收在电话里骂我是骗子、废物", domain.ViolationAbusiveLanguage, true},
}

// TestSession37Zhprec37Mechanisms: each look-alike is not flagged with its type (all 9 are on main
// 9253564b), each true case is.
func TestSession37Zhprec37Mechanisms(t *testing.T) {
	p, err := Default(CN)
	if err != nil {
		t.Fatal(err)
	}
	runTypeCases(t, p, s37zhprec37Cases)
}
