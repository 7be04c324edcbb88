package rules

import (
	"strings"
	"testing"
)

// TestSession15ZhrealNorm: a clause that states a rule (不得, 不允许, 严禁; shall not, may not) is not a
// fact of the complainant's case, however far the hit lies after the cue in its clause; words that hold
// a cue but state no rule (不得安宁, 不得不) do not open one, and a clause after a break is a fact again
// (docs/RULES.md "Chinese, session 15 (zhreal)"). Texts phrased anew for the test.
func TestSession15ZhrealNorm(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"QuotedFrequency", "公约规定催收人员不得频繁致电骚扰债务人", none, excess},
		{"QuotedContacts", "按照指引催收人员不得骚扰债务人的亲友", none, third},
		{"QuotedDisclosure", "自律公约也不允许向无关的第三方透露债务人的欠款信息", none, privacy},
		{"QuotedInsult", "指引严禁催收人员辱骂债务人", none, abuse},
		{"FactAfterBreak", "公约写着不得骚扰亲友，可他们天天打电话骚扰我的家人", third, none},
		{"NoRuleInBuDeAnning", "搞得全家不得安宁还打电话骚扰我爸妈", third, none},
	})
	cues := p.Language["zh"]
	for _, tc := range []struct{ before, phrase, want string }{
		{"公约规定催收人员不得", "频繁致电", "不得"},
		{"公约也不允许向无关的", "第三方透露", "不允许"},
		{"公约规定", "催收人员不得频繁", "不得"},
		{"搞得全家不得安宁还", "骚扰我爸妈", ""},
		{"我不得不", "接电话", ""},
		{"不得骚扰，可他们", "骚扰我家人", ""},
		{"他们天天", "打电话", ""},
	} {
		if got := cues.norm(tc.before, tc.phrase, "zh"); got != tc.want {
			t.Errorf("norm(%q, %q) = %q, want %q", tc.before, tc.phrase, got, tc.want)
		}
	}
	a := p.Assess(Facts{Narrative: "公约规定催收人员不得频繁致电骚扰债务人"})
	found := false
	for _, d := range a.Dismissed {
		found = found || strings.HasPrefix(d.Reason, "norm: ")
	}
	if !found {
		t.Errorf("a quoted rule leaves no dismissed hit with a norm reason: %+v", a.Dismissed)
	}
	us := mustPack(t, US)
	runFlagCases(t, us, []flagCase{
		{"USQuotedHours", "A collector is not allowed to call before 8 am or after 9 pm.", none, hours},
		{"USQuotedArrest", "Collectors are prohibited from threatening to arrest you.", none, falseRep},
		{"USFactAfterRule", "A collector may not call my employer, but they called my boss twice and told him about the debt.", third, none},
	})
}

// TestSession15ZhrealScopes: look-alikes that the session 15 exceptions set aside, each with the fact
// it must keep: 第三方 naming the collection agency is no third person; a threat whose only stated
// content is lawful (credit report, suit, legal department) is no THREAT; principal plus interest and
// usury as a comparison of manners are no unlawful fee; the complainant exposing the company is no
// disclosure.
func TestSession15ZhrealScopes(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"AgencyIsNoThirdPerson", "银行把我的资料泄露给第三方催收公司", none, third},
		{"AgencyCallsMother", "第三方催收公司天天打电话给我妈妈", third, none},
		{"ThreatCreditReport", "催收短信威胁说上报征信", none, threat},
		{"ThreatLegalDept", "客服威胁说提交到法务部门处理", none, threat},
		{"ThreatToSafety", "催收威胁说要找人弄死我", threat, none},
		{"PrincipalPlusInterest", "我想一次性还清本金加利息", none, fees},
		{"UsuryComparison", "银行催收的手段跟高利贷一样", none, fees},
		{"UsuryNamed", "这个平台放的就是高利贷", fees, none},
		{"ExposeTheCompany", "我决定在网上曝光他们的所作所为", none, privacy},
		{"DebtExposed", "催收把我的欠款信息曝光到了朋友圈", privacy, none},
	})
}

// TestSession15ZhrealClasses: class data and normaliser aliases added in session 15 — common
// miswritings (透漏, 骚忧, 漫骂), 他人 among the outsiders, inability to view a disclosure item as a
// refusal, identification items not carried or shown, and the debtor's "个人" debt information.
func TestSession15ZhrealClasses(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		{"TypoTouLou", "催收把我的欠款信息透漏给了我同事", privacy, none},
		{"TypoSaoYou", "催收天天打电话骚忧我的家人", third, none},
		{"TypoManMa", "催收员在电话里漫骂我", abuse, none},
		{"OthersHarassed", "催收还骚扰他人", third, none},
		{"CannotView", "还款明细也看不了", missing, none},
		{"CannotExplain", "收费明细客服也没办法解释", missing, none},
		{"NoBadgeCarried", "上门的人没有携带任何工作证", unident, none},
		{"NoWorkNumber", "打电话的催收也没有工号", unident, none},
		{"FeeIsNoIdentity", "这笔借款没有任何手续费", none, unident},
		{"PersonalDebtInfo", "催收向我同事泄露个人负债信息", privacy, none},
	})
}
