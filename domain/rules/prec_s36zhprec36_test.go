package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// s36zhprec36Cases: session 36 (zhprec36) Chinese false-flag mechanisms found across the eleven
// independent writers (blind-s25…s35), phrased anew: 恐吓 naming a false legal claim, a negated list
// of harms, a visit announced as a legal step (上门拘传) and 晚上门锁, the complainant's own suspicion
// (是不是骗子) or feeling (把我当老赖), an A-not-A question (有没有委托书) read as an omission, another
// person's debt "nothing to do with me", the complainant's own calls to kin, an unknown number
// alone; and true cases each mechanism must keep.
var s36zhprec36Cases = []typeCase{
	// look-alikes: all flagged on main ebdbf002
	{"look-alike", "他们伪造了一份法院传票来恐吓我的家人", domain.ViolationThreat, false},
	{"look-alike", "录音我反复听了，没有发现有什么辱骂或者恐吓的话", domain.ViolationThreat, false},
	{"look-alike", "录音我反复听了，没有发现有什么辱骂或者恐吓的话", domain.ViolationAbusiveLanguage, false},
	{"look-alike", "短信说我的案件已经立案，将于明天上门拘传", domain.ViolationVisitHarassment, false},
	{"look-alike", "她一个人住，催收发消息说晚上门锁好", domain.ViolationVisitHarassment, false},
	{"look-alike", "我根本分不清打电话的是真催收还是骗子，不敢转钱", domain.ViolationAbusiveLanguage, false},
	{"look-alike", "我从来没逾期，银行天天发提醒，好像把我当老赖一样", domain.ViolationAbusiveLanguage, false},
	{"look-alike", "我问上门的人有没有委托书，他们拿出来给我看了", domain.ViolationMissingDisclosure, false},
	{"look-alike", "我和他已经分手了，他借的钱跟我一点关系都没有", domain.ViolationDebtDispute, false},
	{"look-alike", "接到电话后，我连夜给我爸打电话，让他这几天别开门", domain.ViolationThirdPartyContact, false},
	{"look-alike", "昨天有个陌生号码打来，我没接", domain.ViolationUnidentifiedCollector, false},
	// true cases kept
	{"kept", "催收冒充公检法恐吓威胁我，说要来抓我", domain.ViolationThreat, true},
	{"kept", "催收在电话里威胁我说再不还钱就找人弄死我", domain.ViolationThreat, true},
	{"kept", "三个人上门堵在我家门口，一直敲门喊我名字", domain.ViolationVisitHarassment, true},
	{"kept", "催收在电话里骂我是骗子、垃圾", domain.ViolationAbusiveLanguage, true},
	{"kept", "我跟这家网贷一点关系都没有，为什么找我还钱", domain.ViolationDebtDispute, true},
	{"kept", "催收给我爸打电话，说我欠钱不还", domain.ViolationThirdPartyContact, true},
	{"kept", "一个170开头的陌生号码打来，问他是哪家公司的也不说", domain.ViolationUnidentifiedCollector, true},
}

// TestSession36Zhprec36Mechanisms: each look-alike is not flagged with its type (all 11 are on main
// ebdbf002), each true case is.
func TestSession36Zhprec36Mechanisms(t *testing.T) {
	p, err := Default(CN)
	if err != nil {
		t.Fatal(err)
	}
	runTypeCases(t, p, s36zhprec36Cases)
}
