package rules

import (
	"testing"
	"time"
)

// s37threat37Threats: threats the collector puts as a question or a supposition addressed to the
// complainant (THREAT composites marked Asked keep their weight: the question and hypothetical
// factors no longer halve them) and fates of session 37's classes FATE_ZH / FATE_EN (where the ones
// who did not pay end up, a safety wish asked of kin). Phrased anew: no line of fa-s28…s36, the blind
// sets or batch B.
var s37threat37Threats = []sevText{
	{CN, "催收员问我：你老婆晚上下班走的那条路挺偏的吧？"},
	{CN, "催收员问：你想不想让你爸妈在老家过得平平安安的？"},
	{CN, "催收说你老婆那么瘦，经不经打还不好说"},
	{US, "The collector asked if my kids still walk to school alone and whether I wanted them to keep getting home safe."},
	{US, "The agent said, do you want your little girl to keep walking home safe? Then pay."},
	{US, "The collector asked me, do you know what happens to people who keep dodging our calls?"},
	{US, "The collector said people who don't pay end up in the river, and asked if I could swim."},
}

// s37threat37LookAlikes: the complainant's own fear or question, a generic "you" in a question about
// what collectors may do, a wish for a good credit record or a safe new year after a lawsuit is named,
// a credit score "ruined", a lawsuit's default judgment as "what happens".
var s37threat37LookAlikes = []sevText{
	{CN, "我很怕他们会不会找人来打我孩子？"},
	{CN, "催收说再不还就起诉，你想不想征信好好的？"},
	{CN, "催收说你要是不还，我们就起诉你，到时候你想不想安安全全过个年？"},
	{US, "Are collectors allowed to say they will hurt your family? Asking for a friend."},
	{US, "I'm afraid they might hurt my kids, what would you do?"},
	{US, "The collector said my credit might be ruined if I don't pay."},
	{US, "Do you know what happens to people who ignore a lawsuit? The collector said a default judgment."},
}

// TestS37threat37AskedThreats: each of s37threat37Threats is a THREAT, URGENT with a police referral (all
// seven fail on main 9253564b: four are halved to 0.43–0.51 by the question or hypothetical factor, three
// have no evil on main); none of the look-alikes is flagged THREAT, referred or URGENT.
func TestS37threat37AskedThreats(t *testing.T) {
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s37threat37Threats)
	checkLookAlikes(t, now, s37threat37LookAlikes, 0)
}
