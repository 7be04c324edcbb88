package rules

import (
	"strings"
	"testing"
)

// TestSession16Zh2Classes: the classes of expression session 16 (zh2) taught the CN pack (docs/RULES.md
// "Chinese, session 16 (zh2)"), each beside guards that must stay unflagged: attributes before a third
// person (counts, ages, short relative clauses), a negation inside such a relative clause, the
// collection's effect on third parties, people unrelated to the loan, the complainant asked where
// another person is; calls one after another, totals in the hundreds, call-bombing software, the
// phone rung flat; the payout below the contract, rates above the cap with 大于, charges above the
// principal; slander verbs, 无赖-class names and dialect insults. Texts phrased anew (not batch texts).
func TestSession16Zh2Classes(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		// third persons with attributes; negation that modifies the noun
		{"CountBeforeThird", "催收公司先后联系了我的十几个老同事", third, none},
		{"RelativeBeforeThird", "他们打给了我已经五年没见过面的大学室友", third, none},
		{"NegatedRelativeClause", "我借款时从没填写过的表姐也接到了催收电话", third, none},
		{"GuardNegatedContact", "到目前为止他们没有联系过我的家人，只是给我本人打电话", none, third},
		{"GuardNegatedOther", "这家平台没有任何的骚扰行为，我只是想申请延期", none, excess},
		// effect on third parties; unrelated people; asked about another's whereabouts
		{"EffectOnFamily", "自从逾期以后，我父母被他们搞得不得安宁", third, none},
		{"DragsInFriends", "这种催收方式已经连累到我的朋友了", third, none},
		{"UnrelatedPeople", "催收员竟然去骚扰与这笔借款毫无关系的人", third, none},
		{"AskedWhereabouts", "我和他只是普通朋友，催收每天逼问我他的去向", third, none},
		{"GuardThreatToFamily", "催收说不还钱就让你家里人不得安宁", none, third},
		{"GuardWhichCompany", "我打过去问他在哪家公司上班，他不肯说", none, third},
		// counts and calls
		{"OneAfterAnother", "催收电话一通接一通，我连工作都没法做", excess, none},
		{"HundredsInAMonth", "这个月他们已经打了我一百五十多个电话", excess, none},
		{"BombingSoftware", "对方用短信炸弹轰我的手机号", excess, none},
		{"PhoneRungFlat", "他们一直打，打得我手机直接自动关机", excess, none},
		{"EveryLittleWhile", "他们没一会儿就来一个电话，根本没法休息", excess, none},
		{"ShortTime", "对方短时间内多次拨打我的手机", excess, none},
		{"PhoneSwitchedOn", "我手机一开机就有催收电话打进来", excess, none},
		{"AdverbBeforePassive", "我的父母已经被他们骚扰了整整两个月", third, none},
		{"GuardOneReminder", "客服今天打了一次电话提醒我还款", none, excess},
		// fees
		{"PayoutBelowContract", "实际到账金额与借款合同上的金额不一致，少了一千多", fees, none},
		{"RateAbove", "仔细算了一下，这笔贷款的年化利率大于36%", fees, none},
		{"PenaltyAbovePrincipal", "逾期才两个月，违约金已经比本金还高了", fees, none},
		{"DemandTensOfThousands", "我本金早就还完了，他们还要我再交三万多的罚息", fees, none},
		{"FeesOfNoName", "每个月的账单里都有一些五花八门的费用，客服也解释不清", fees, none},
		{"DailyRateThousandths", "逾期以后罚息按照每日千分之三计算", fees, none},
		{"GuardDailyRateLow", "合同约定日利率为0.02%，我想问提前还款怎么操作", none, fees},
		{"GuardContractInterest", "利息是按照合同约定收取的，我没有异议，只是想延期", none, fees},
		// insults
		{"Slander", "催收在我朋友面前恶意诋毁我", abuse, none},
		{"NamedRogue", "催收员在电话里说我是个臭无赖", abuse, none},
		{"DialectInsult", "那个催收在电话里叫我瓜娃子", abuse, none},
		{"GuardPolite", "催收员说话还算客气，只是反复提醒我尽快还款", none, abuse},
	})
}

// TestSession16Zh2PackChecks: a raw class attribute that does not compile, and a negationRelativeClass
// naming no class, are errors when a pack loads.
func TestSession16Zh2PackChecks(t *testing.T) {
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string][2]string{
		"BadAttribute": {`"re:[0-9一二两三四五六七八九十几]{1,3}多?岁(?:的)?"`, `"re:[0-9+"`},
		"UnknownClass": {`"negationRelativeClass": "THIRD"`, `"negationRelativeClass": "NOBODY"`},
	} {
		t.Run(name, func(t *testing.T) {
			bad := strings.Replace(string(doc), c[0], c[1], 1)
			if bad == string(doc) {
				t.Fatalf("the built-in pack no longer holds %s", c[0])
			}
			if _, err := Parse([]byte(bad)); err == nil {
				t.Fatalf("Parse accepted %s", c[1])
			}
		})
	}
}
