package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// The final review of session 31 wrote real threats that brush against the look-alike exceptions the
// session added (someone "not the collector", an ex's debt, a nightmare, the complainant's own anger,
// "not angry words", a meaning given, a wrong number, news and forum hearsay): the exceptions ran past
// the clause and dismissed the collector's threat in the next one. Each of these is URGENT with a police
// referral; the exceptions now end at the clause.
var s31ReviewThreats = []sevText{
	{CN, "打电话的人说他不是催收，是“帮忙处理”的，再不还钱就打断我的腿。"},
	{CN, "对方不是催收公司的人，是平台找来的，说要砍死我全家。"},
	{CN, "他说跟催收公司没关系，他是道上的，不还钱就弄死我。"},
	{CN, "我前夫借的网贷，那人说要弄死我全家。"},
	{CN, "这笔钱是我哥欠的，打电话的人说找不到他就弄死我。"},
	{CN, "我吓得天天做噩梦，催收员说要弄死我全家。"},
	{CN, "我气得发抖，对方却说要杀了我全家。"},
	{CN, "他说这不是气话，不还钱就弄死我。"},
	{CN, "他说让我小心点，意思是不还钱就弄死我，还要上征信。"},
	{CN, "网友说这家催收很凶，他们昨天打电话说要砍死我。"},
	{CN, "新闻报道过这家公司，他们的催收员在电话里说要弄死我。"},
	{US, "I have nightmares now because the collector said he would burn my house down."},
	{US, "A coworker said the same collector told her they would come to my house and beat me."},
	{US, "The collector said if I ever see him I'll be sorry, he will hurt me."},
}

// s31ReviewNoContact: a relative or receptionist who answered and was told nothing of the debt (a
// call-back request, a client's call, a wrong number) is no third-party contact of session 31's
// answered-and-told composite.
var s31ReviewNoContact = []string{
	"My mom answered and she said they told her to have me call back.",
	"The receptionist answered and she told me a client called.",
	"My sister picked up and the caller said he had the wrong number.",
}

func TestSession31ReviewThreatsPastTheClause(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s31ReviewThreats)
	for _, text := range s31ReviewNoContact {
		a := mustPack(t, US).Judge(Facts{Narrative: text}, "", now)
		for _, v := range a.Violations {
			if v.Type == domain.ViolationThirdPartyContact && v.Confidence >= domain.RoutingConfidence {
				t.Errorf("%q: flagged THIRD_PARTY_CONTACT (%.2f), want none", text, v.Confidence)
			}
		}
	}
}
