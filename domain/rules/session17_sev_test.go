package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// sevText is a text and the pack that judges it.
type sevText struct {
	j    Jurisdiction
	text string
}

// sevVeiled: veiled threats to safety by class (an omen of harm to the car or the home, a family
// member's routine known across a comma, the family's frailty, a night walk alone advised against,
// funeral objects and a P'd black-and-white portrait, men just out of prison; US: a routine known,
// harm to "people like me", looking over one's shoulder, asked whether the family feels safe).
var sevVeiled = []sevText{
	{CN, "催收在电话里说，改天你那辆车的玻璃被砸了也正常。"},
	{CN, "他们说你妈每天几点出门遛弯，走的哪条路，他们都门儿清。"},
	{CN, "催收冷冷地说你爸年纪大了，心脏受不了什么刺激吧。"},
	{CN, "对方说晚上回家别一个人走，那段路没有监控。"},
	{CN, "催收发了一张我的黑白照片，是P过的，旁边摆着挽联。"},
	{CN, "催收说他们有几个刚出狱的兄弟，可以去我家坐坐。"},
	{US, "The collector said he knows what time my wife leaves work."},
	{US, "He told me people like me tend to get hurt sooner or later."},
	{US, "She said I'd better start looking over my shoulder."},
	{US, "The agent asked me whether my kids feel safe at home."},
}

// sevScoped: violent words the complainant supposes and then asks about, a quoted rule listing them
// with 、, the complainant's own defiance of a visit and a question about words quoted.
var sevScoped = []sevText{
	{CN, "要是他们打电话给我领导说要打断我的腿，我该怎么办？"},
	{CN, "如果他们到我家来砸门，我可以报警吗？"},
	{CN, "按照规定，催收不得采取暴力、恐吓等手段。"},
	{CN, "我跟他们说，你们敢上门我就报警。"},
	{US, `Is it normal for a collector to say "watch your back"?`},
}

// TestSession17SevVeiledThreats: each of sevVeiled is URGENT with a police referral for a threat of
// violence (session 17, sev).
func TestSession17SevVeiledThreats(t *testing.T) {
	checkThreatSeverity(t, time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC), sevVeiled, nil)
}

// TestSession17SevScopes: none of sevScoped is the complainant's case: no finding reaches 0.5, no
// threat of violence, NORMAL with no referral.
func TestSession17SevScopes(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for _, c := range sevScoped {
		p := mustPack(t, c.j)
		for _, v := range p.Assess(Facts{Narrative: c.text}).Violations {
			if v.Confidence >= 0.5 {
				t.Errorf("%q: %s %.2f, want below 0.5 (%+v)", c.text, v.Type, v.Confidence, v.Evidence)
			}
		}
		if a := p.Judge(Facts{Narrative: c.text}, "", now); a.Severity != domain.PriorityNormal || hasFactor(a, domain.UrgencyViolence) || a.SuggestedReferral != "" {
			t.Errorf("%q: severity %s referral %q factors %v, want NORMAL", c.text, a.Severity, a.SuggestedReferral, a.Urgency)
		}
	}
}
