package rules

import (
	"testing"
	"time"
)

// s30Threats: threats of the mechanisms session 30 (threat) added, each phrased anew (none is a line
// of fa-s29 or of batch B): a hospital bed as where kin will lie, the next time that will not stop at
// this, men with nothing to lose, waiting at a child's school, locks that will not keep them out,
// harm nobody can trace, funeral rites for the living, a causative mishap (让你…出事); acts: held in
// a room, choked, tyres all slashed, glue in the lock, a slaughtered animal left, followed home; in
// English a violent act whose object is not right after the verb, "next time it's you", "won't see it
// coming", the last one who did not pay, men who don't mind prison, kin who will pay for it, a
// forced way in, tires slashed, a dead animal in a package, a knife being sharpened on video.
var s30Threats = []sevText{
	{CN, "催收员说再不还，就让你爸去医院躺上几个月"},
	{CN, "对方说这次只是砸了你家玻璃，下次就不是玻璃了"},
	{CN, "催收在电话里说他们手下都是不要命的，让我掂量掂量"},
	{CN, "他们说明天会到幼儿园门口等我闺女"},
	{CN, "催收发消息说防盗门再结实也拦不住他们"},
	{CN, "对方说你老婆晚上下班，车撞了也查不到是谁"},
	{CN, "催收说过几天就给你全家烧纸"},
	{CN, "催收员说再不还钱就让你家里人出点事"},
	{CN, "两个催收把我爸堵在电梯里不让走，逼他打电话借钱"},
	{CN, "上门的人掐住我老公的脖子让他签字"},
	{CN, "第二天早上我的车四个轮胎全被人扎了"},
	{CN, "有人往我家门锁里灌了胶水，还贴了催款单"},
	{CN, "他们从我公司一直跟到我家楼下"},
	{US, "The agent said he would drive over and break both of my husband's arms."},
	{US, "The collector said next time it's you, not your car."},
	{US, "He warned me that I wouldn't see it coming."},
	{US, "The caller said I'd end up like the last guy who didn't pay."},
	{US, "He said his people don't mind going back to prison."},
	{US, "The rep said my daughter would pay for it if I kept stalling."},
	{US, "Two men from the agency forced their way into my apartment."},
	{US, "Someone slashed all four of my tires the night after their call."},
	{US, "I got a box on my porch with a dead bird and my account number."},
	{US, "They sent a video of a man sharpening a machete."},
}

// s30LookAlikes: ordinary sentences sharing those words — a doctor's hospital stay, a mother locking
// a child in to do homework, a friend pulling one into a car, an idiom of being beaten to death, a
// shopping spree's 剁手, a father who will sort out the collector, a film, a negated threat, a nail in
// a tyre; in English the consumer's own back watched, a boss's "kill me", "dead honest", the credit
// hurt, the address known for a summons, a friend who will grab one after work, a debt that gets
// worse. None is flagged THREAT, referred or URGENT.
var s30LookAlikes = []sevText{
	{CN, "医生说让我爸去医院住几天观察一下"},
	{CN, "我妈把我弟关在房间里写作业，不写完不许出来"},
	{CN, "同事把我拉上车一起去吃饭了"},
	{CN, "打死我也拿不出两万块，只能分期"},
	{CN, "双十一剁手太多，这个月还不上了"},
	{CN, "我爸说要去收拾那个催收员，被我劝住了"},
	{CN, "他们一天打几十个电话，但从没威胁过我的人身安全"},
	{CN, "我的车胎扎了个钉子，去补了一下"},
	{US, "I always watch my back in that parking lot, but this complaint is about the fees."},
	{US, "My boss said he'd kill me if I took another call at work."},
	{US, "The collector said he'd be dead honest: the account goes to court next week."},
	{US, "They said it would hurt my credit score for seven years."},
	{US, "He said they know where I live and will mail the summons there."},
	{US, "My friend will grab me after work and drive me to the bank."},
	{US, "The rep said the balance would get worse with interest."},
}

// TestSession30ThreatMechanisms: each of s30Threats is a THREAT of violence, URGENT with a police
// referral; none of s30LookAlikes is flagged THREAT, referred or URGENT.
func TestSession30ThreatMechanisms(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s30Threats)
	checkLookAlikes(t, now, s30LookAlikes, 0)
}
