package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// s38zh38Cases: session 38 (zh38). The writer's role read once per text (WriterRoleCues): a writer
// who is the borrower's kin or emergency contact disowns a debt that is someone else's (no
// DEBT_DISPUTE) and is a third party when called (THIRD_PARTY_CONTACT); a guarantor disowns but
// may be called; a denial whose subject is a third party ("我老公根本不是借款人"); and the shapes of a
// request to stop (CONTACT_AFTER_STOP) and of a refused identity (UNIDENTIFIED_COLLECTOR).
var s38zh38Cases = []typeCase{
	// the writer is a third party to another's debt
	{"kin writer", "我是借款人的姐姐，我妹妹在网上借了钱没还，这跟我一点关系都没有，催收却天天打我手机让我替她还", domain.ViolationDebtDispute, false},
	{"kin writer", "帮我爸投诉一下，他在某平台借了两万，现在催收打到我这里来了，每天好几个", domain.ViolationThirdPartyContact, true},
	{"contact writer", "以前的室友借钱的时候把我填成了紧急联系人，我从来没有借过网贷，现在催收每天给我打电话让我转告他", domain.ViolationDebtDispute, false},
	{"contact writer", "以前的室友借钱的时候把我填成了紧急联系人，现在催收每天给我打电话让我转告他", domain.ViolationThirdPartyContact, true},
	{"guarantor", "我不是借款人，我是这笔经营贷的担保人，借款人联系不上，银行现在来找我，打电话也很客气", domain.ViolationDebtDispute, false},
	{"guarantor", "我不是借款人，我是这笔经营贷的担保人，借款人联系不上，银行现在来找我，打电话也很客气", domain.ViolationThirdPartyContact, false},
	{"denial subject", "我欠某消金的钱已经委托律师在谈了，他们上周打到了我老婆那里，我老婆根本不是借款人", domain.ViolationDebtDispute, false},
	// the writer's own debt keeps the writer the debtor: no contact of a third party from 打我电话
	{"own debt", "我在某平台借了五千逾期了，我老公知道以后很生气，催收一天打我电话两次", domain.ViolationThirdPartyContact, false},
	// the collector holds the writer to be the debtor: the denial stays a dispute
	{"claimed", "我儿子以前借过钱，可催收非说我是借款人，我从来没有借过网贷，要我还一万二", domain.ViolationDebtDispute, true},
	// a request by its shape, then contact resumed
	{"stop", "上个月我就发邮件告诉他们以后请联系我的代理律师，他们也回复收到了，结果昨天又直接打到我手机上", domain.ViolationContactAfterStop, true},
	{"stop", "我在app里申请了改为短信联系，客服说已受理，结果第二天电话照打不误", domain.ViolationContactAfterStop, true},
	{"not a stop", "我要求平台停止暴力催收，好好跟我沟通分期的事，他们还骚扰我家人", domain.ViolationContactAfterStop, false},
	// identity asked and refused
	{"refused", "我问你是谁 到底哪个公司的 他说你管我是谁 赶紧还钱", domain.ViolationUnidentifiedCollector, true},
	{"refused", "两个人来敲门，我问他们要工作证，他们说不需要，让我先还钱", domain.ViolationUnidentifiedCollector, true},
}

// TestSession38Zh38Mechanisms: each case has its type flagged or not as stated; on main 1826ab52
// the kin, contact, guarantor and denial-subject disputes are flagged and the kin writer's call,
// the two stops and the two refusals are not.
func TestSession38Zh38Mechanisms(t *testing.T) {
	p, err := Default(CN)
	if err != nil {
		t.Fatal(err)
	}
	runTypeCases(t, p, s38zh38Cases)
}

// TestSession38Zh38WriterRoleValidated: a writer-role block without its third-party cues, with a
// weight outside (0, 1] or with a pattern that does not compile is a pack error.
func TestSession38Zh38WriterRoleValidated(t *testing.T) {
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	for name, mend := range map[string]func(wr map[string]any){
		"no third":   func(wr map[string]any) { delete(wr, "third") },
		"weight":     func(wr map[string]any) { wr["weight"] = 1.5 },
		"bad regexp": func(wr map[string]any) { wr["contacted"] = []any{"(打我"} },
		"no disowns": func(wr map[string]any) { wr["disowns"] = []any{} },
	} {
		var m map[string]any
		if err := json.Unmarshal(doc, &m); err != nil {
			t.Fatal(err)
		}
		wr, ok := m["writerRole"].(map[string]any)
		if !ok {
			t.Fatalf("the CN pack has no writerRole")
		}
		mend(wr)
		b, _ := json.Marshal(m)
		if _, err := Parse(b); err == nil || !strings.Contains(err.Error(), "writerRole") {
			t.Errorf("%s: Parse error = %v, want a writerRole error", name, err)
		}
	}
}

// TestSession38Zh38QuestionWithFullStop: a question typed with a full stop after 吗 or 怎么办 still
// asks (questionPeriod): on main 1826ab52 the hypothetical call to the workplace stays flagged at
// 0.51; a statement ending in 呢。 is not read as a question.
func TestSession38Zh38QuestionWithFullStop(t *testing.T) {
	p, err := Default(CN)
	if err != nil {
		t.Fatal(err)
	}
	runTypeCases(t, p, []typeCase{
		{"asked", "万一他们打到我单位去怎么办。", domain.ViolationThirdPartyContact, false},
		{"asked", "逾期一个礼拜，他们就会打到我单位去吗。", domain.ViolationThirdPartyContact, false},
		{"statement", "催收到现在还在打我单位的电话呢。", domain.ViolationThirdPartyContact, true},
	})
}
