package rules

import (
	"testing"
	"time"
)

// s36threat36Threats: threats read by THREAT.s36-parts-zh/-en — the collector's side speaking and an evil
// of one of session 36's open classes: poison, acid or gas (VITRIOL_*), cars and "accidents" (VEHICLE_*),
// selling a person (SELL_EN), a bounty or hired hands (BOUNTY_EN, SEND_*), death foretold (DEATH_*), omens
// (OMENS_EN), a child taken from school (CHILD_ZH), the elderly (ELDER_ZH), whereabouts watched (WATCH_ZH).
// Phrased anew: no line of fa-s28…s35, the blind sets or batch B.
var s36threat36Threats = []sevText{
	{CN, "催收说再不还钱，就往你家饮水机里下点东西"},
	{CN, "对方发微信：你儿子每天几点放学我们一清二楚"},
	{CN, "催收员说已经派了几个兄弟去你老家，见到你妈就动手"},
	{CN, "催收短信写着：欠钱的人一般都活不长，你好好想想"},
	{CN, "催收说要去幼儿园把你女儿带走，钱到了再还给你"},
	{US, "The collector threatened to poison our cat if I did not pay by Friday."},
	{US, "The agent said my wife would be planning my funeral by next month."},
	{US, "The caller said there was a price on my head and people were looking for me."},
	{US, "The collector said it would be terrible if my son went missing on his way home."},
	{US, "The voicemail said they were sending some guys to my apartment tonight."},
}

// s36threat36LookAlikes: the same words with no collector threatening — an accident that happened, a
// curse that is only abuse, gas as a bill, a funeral that took place, staff sent to verify an address.
var s36threat36LookAlikes = []sevText{
	{CN, "催收说他知道我上个月出车祸住院了，可以帮我申请延期还款"},
	{CN, "催收员骂我全家不得好死，骂了十几分钟"},
	{CN, "催收员把我的照片发到了小区业主群，说我是老赖"},
	{US, "The collector called about my gas bill and said service could be shut off."},
	{US, "The collector called the day of my father's funeral and asked about his estate."},
	{US, "The collector told me to stay safe because a big storm was coming through my area."},
}

// TestS36threat36ThreatParts: each of s36threat36Threats is a THREAT, URGENT with a police referral (six fail on
// main ebdbf002: 下点东西, 活不长, poison our cat, planning my funeral, a price on my head, sending some guys); none of the look-alikes is flagged THREAT, referred or
// URGENT. Known limits: a threat posed as a question (闻到了吗？) or with "might" is halved by the question
// or hypothetical scope and stays below URGENT.
func TestS36threat36ThreatParts(t *testing.T) {
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s36threat36Threats)
	checkLookAlikes(t, now, s36threat36LookAlikes, 0)
}
