package rules

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s29PartsThreats: threats judged by their parts (session 29, threatparts): the collector's side speaks
// or writes (the gate), a person or thing of the complainant's (a daughter's lane, a cat, a motorbike,
// a workplace, fingers, a wife's route home; a husband's commute, a mother's garage, a son's walk home)
// and an evil to come that is no lawful step, in one sentence across its clauses; their men who will
// wait for him (told to a 70-year-old father: URGENT with the police, not for the age alone); a
// weapon brought along, plenty of guys. Phrased anew, none is a line of the session's batches.
var s29PartsThreats = []sevText{
	{CN, "催收员说，你女儿每天走的那个巷子，哪天被人拖进去可没人看见。"},
	{CN, "对方发消息：“你家那只猫挺肥的，哪天被人宰了可别心疼。”"},
	{CN, "催收扬言，你老公的摩托车哪天刹车失灵，人就没了。"},
	{CN, "催收打电话给我七十岁的老父亲，说他们的人会在村口等我。"},
	{CN, "催收发来语音：你单位那栋楼挺高的，掉下去可就没救了。"},
	{CN, "催收说要帮你把手指剁下来，看你还敢不敢拖。"},
	{CN, "对方说你老婆下夜班那段路，碰到点什么可别怪别人。"},
	{US, "The collector said my husband's commute takes him down that steep hill, and brakes fail all the time there."},
	{US, "He said my mom's garage would go up in smoke one of these nights."},
	{US, "The caller said they'd come by with a crowbar to talk about the balance."},
	{US, "The collector told me they have plenty of guys in my neighborhood."},
	{US, "The agent said my son's walk home from practice is long, and kids wander off all the time."},
}

// s29PartsLookAlikes: a bare 后果自负 / "bear the consequences" (no harm named: no threat, policy of
// session 29), a funeral portrait or wreath posted to a group as mockery, a doctored nude picture
// (humiliation, not a threat to safety), a quoted 处理 meaning settle the debt, a car loan, a gas
// fitter's or mechanic's warning, jokes, a TV drama, a negation, the complainant's fear, a question,
// hearsay, credit hurt, insurance. None is flagged THREAT, referred or URGENT.
var s29PartsLookAlikes = []sevText{
	{CN, "催收说逾期后果自负。"},
	{CN, "短信写着：请于今日处理，否则后果自负。"},
	{CN, "催收把我P成遗照发在了小区业主群里，骂我是老赖。"},
	{CN, "催收在群里发了我的照片，还P了个花圈，说这就是老赖的下场。"},
	{CN, "催收把我的脸P到不雅照片上，发给了我的同事。"},
	{CN, "催收员说这笔欠款今天必须“处理”掉，不然就上报征信。"},
	{CN, "催收说我老婆的车贷也逾期了，会影响她的征信。"},
	{CN, "燃气公司的师傅说我家的热水器软管老化了，有漏气的风险。"},
	{CN, "我朋友开玩笑说催收会把我绑走卖掉。"},
	{CN, "电视剧里催收说要把欠债人的腿打断。"},
	{CN, "催收说他们不会对我家人怎么样，只要我按时还款。"},
	{CN, "我很怕催收哪天找上门对我孩子下手。"},
	{CN, "催收问我儿子是不是还在读书。"},
	{CN, "我听说有个催收把人的腿打断了，不知道真的假的。"},
	{CN, "催收说你家孩子的学费贷款也逾期了。"},
	{US, "The collector said I'd bear the consequences if I didn't pay."},
	{US, "My mechanic said my brakes could fail any day if I don't replace the pads."},
	{US, "The collector said my wife's credit would be hurt by the late payments."},
	{US, "My brother joked that the collectors would break my legs."},
	{US, "I'm terrified they'll show up at my house and hurt my kids."},
	{US, "They threatened to send doctored nude photos of me to my coworkers."},
	{US, "The collector said my husband's car insurance would not cover an accident if the loan defaulted."},
	{US, "The collector asked whether my daughter still lives at home."},
}

// TestSession29ThreatParts: each of s29PartsThreats is a THREAT of violence, URGENT with a police
// referral; none of s29PartsLookAlikes is flagged THREAT, referred or URGENT.
func TestSession29ThreatParts(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s29PartsThreats)
	checkLookAlikes(t, now, s29PartsLookAlikes, 0)
}

// TestSession29WeakThreatAdmitsNoFactor: a threat too weak to rank URGENT (a bare 后果自负) no longer
// admits an elderly person or a minor named elsewhere, so no complaint is URGENT beside a threat
// without the police referral; a threat that ranks URGENT carries the referral, and a collector's
// call reaching the person in the same sentence still counts (session 28).
func TestSession29WeakThreatAdmitsNoFactor(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text     string
		urgent   bool
		referPol bool
	}{
		{"催收说逾期后果自负。我奶奶今年八十岁了，身体一直不好。", false, false},
		{"催收说再不还钱就打断你的腿。我奶奶今年八十岁了。", true, true},
		{"催收员一天给我八十岁的奶奶打了十几个电话。", true, false},
	} {
		a := mustPack(t, CN).Judge(Facts{Narrative: c.text}, "", now)
		if (a.Severity == domain.PriorityUrgent) != c.urgent || (a.SuggestedReferral == domain.ReferPolice) != c.referPol {
			t.Errorf("%q: severity %s referral %q; want URGENT %v, police %v", c.text, a.Severity, a.SuggestedReferral, c.urgent, c.referPol)
		}
	}
}

// TestSession29CompositeGateChecked: a composite's gate is compiled and checked like its other groups
// — gateExcept or gateSentences without a gate, or gateSentences out of range, is an error.
func TestSession29CompositeGateChecked(t *testing.T) {
	for _, c := range []struct {
		comp string
		ok   bool
	}{
		{`{"id":"X.a","type":"THREAT","weight":0.8,"first":{"zh":["孩子"]},"then":{"zh":["出事"]},"gate":{"zh":["说"]},"gateSentences":1}`, true},
		{`{"id":"X.b","type":"THREAT","weight":0.8,"first":{"zh":["孩子"]},"then":{"zh":["出事"]},"gateExcept":{"zh":["我说"]}}`, false},
		{`{"id":"X.c","type":"THREAT","weight":0.8,"first":{"zh":["孩子"]},"then":{"zh":["出事"]},"gate":{"zh":["说"]},"gateSentences":9}`, false},
	} {
		var comp Composite
		if err := json.Unmarshal([]byte(c.comp), &comp); err != nil {
			t.Fatal(err)
		}
		p := mustPack(t, CN)
		err := p.compileComposite(&comp)
		if (err == nil) != c.ok {
			t.Errorf("%s: error %v; want ok %v", c.comp, err, c.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "gate") {
			t.Errorf("%s: error %v; want one naming the gate", c.comp, err)
		}
	}
}
