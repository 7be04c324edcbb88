package rules

import (
	"testing"
	"time"
)

// s38sev38Threats: threats to safety of session 38's mechanisms, phrased anew (no line of the studied
// sets or of batch B): a strike verb on a person ending the clause in reported speech, men fetched to
// beat, the home or car destroyed in the 把 form or by its result, death as the result, a beating when
// the complainant shows himself, the collector's words told to kin (催收跟我爸讲…), and the English
// harms session 38 named (teeth knocked out, a widow, a pile of ashes, a gun one would use).
var s38sev38Threats = []sevText{
	{CN, "催收在电话里说再拖下去就叫兄弟过来砍你"},
	{CN, "对方说要把我们家的铺子给烧了"},
	{CN, "催收说今晚就去把你的车砸个稀巴烂"},
	{CN, "催收说只要我敢露面就打"},
	{CN, "催收跟我爸讲，再不还钱就找人打我"},
	{US, "The collector said he would come knock my teeth in if I missed another payment."},
	{US, "The agent said my house would be a pile of ashes if I kept dodging them."},
	{US, "The caller said he has a gun and wont hesitate to use it on people like me."},
}

// s38sev38LookAlikes: figurative killing (the calls "kill me", murdering my time), a credit "killed",
// a lawful step with "you'll regret it", someone not the collector (an ex, a stranger online), a
// coworker's story about her own collector, the complainant's own fear.
var s38sev38LookAlikes = []sevText{
	{CN, "这些催收短信真是要杀了我，烦得睡不着"},
	{CN, "催收说要“弄死”我的征信，以后办不了信用卡"},
	{CN, "催收说再不还就走法律途径，到时候别后悔"},
	{CN, "不是催收，是我前男友在微信上说要找人打我"},
	{CN, "听同事说，她的催收扬言要把她家房子点了，我很害怕"},
	{US, "My coworker said her collector told her they'd knock her teeth out."},
	{US, "I'm scared the collector will burn my house down."},
}

// TestS38sev38Threats: each of s38sev38Threats is URGENT with a police referral (on main 1826ab52 five
// fail — 砸个稀巴烂, 露面就打, 跟我爸讲…找人打我, "knock my teeth in", "a pile of ashes": no rule read
// them); none of the look-alikes is flagged THREAT, referred or URGENT (the first three were URGENT
// on main).
func TestS38sev38Threats(t *testing.T) {
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s38sev38Threats)
	checkLookAlikes(t, now, s38sev38LookAlikes, 0)
}
