package rules

import (
	"testing"
	"time"
)

// s25FormFalseThreats: ordinary complaint sentences that the session 25 (threatform) rules took for
// veiled threats (THREAT 0.85, URGENT, police referral): the complainant telling the collector of a
// misfortune already come (车祸, 抢救, 被淹); a doctor, a spouse or a friend warning about the body; the
// family knowing of the debt; a bus ride; a doctor's or a mother's words; a customer-service safety
// reminder, an insurance pitch, a wage garnishment. Each is no THREAT, not referred and holds no threat
// of violence; it is not URGENT unless a health harm (a hospital, an emergency) is its only reason.
var s25FormFalseThreats = []sevText{
	{CN, "我跟催收说我老婆出了车祸还在医院"},
	{CN, "我对催收说我老公出车祸走了，现在一个人带孩子"},
	{CN, "我跟他说我爸刚做完手术，还在抢救"},
	{CN, "我跟他们说我老家发大水，房子被淹了"},
	{CN, "医生说你再熬夜就要进医院"},
	{CN, "我老公说你再熬夜加班就进icu了"},
	{CN, "朋友问你怎么进的医院，我说是因为压力太大"},
	{CN, "催收说你家人他们都知道你欠钱了，我觉得很丢人"},
	{CN, "我妈打电话说你爸他们都知道了，让我赶紧还"},
	{US, "The rep said that my daughter takes the bus to school so she could not answer"},
	{US, "My doctor said I would need a hospital bed if my stress continues"},
	{US, "My mother said nobody would notice if I skipped one payment"},
	{CN, "客服最后说你下班路上注意安全"},
	{CN, "客服提醒你晚上一个人回家要注意安全"},
	{CN, "客服说你的车险快到期了，小心出事没保障"},
	{US, "They said they know where I work and will send a wage garnishment notice"},
}

// TestSession25FormFalseThreats: none of s25FormFalseThreats is a THREAT, referred, or holds a threat of
// violence; none is URGENT but for a health harm.
func TestSession25FormFalseThreats(t *testing.T) {
	now := time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC)
	checkLookAlikes(t, now, s25FormFalseThreats, mayBeUrgentForHealth)
}
