package rules

import (
	"testing"
	"time"
)

// s35threat35Threats: threats read by THREAT.s35-parts-zh/-en — the collector's side speaking (or the
// complainant told by them, in the passive), a person of the story, and an evil of one of the forms of the
// open vocabulary classes: seizure (SEIZE_*), beating (BEAT_*), death or a body disposed of (KILL_*), fire,
// acid or poison (BURN_*), omens (OMEN_EN, sleep watched). Phrased anew: no line of fa-s34 or batch B.
var s35threat35Threats = []sevText{
	{CN, "催收说再不还就把你儿子拉上车带走"},
	{CN, "对方发短信说：你老婆再不接电话，我们就找人揍她一顿"},
	{CN, "催收员说要往我家门口泼汽油，让我想清楚"},
	{CN, "对方说要把我爸从阳台推下楼，他们不怕坐牢"},
	{CN, "催收在电话里说，你晚上睡觉可别睡太死"},
	{US, "The collector said his partner would lock me up in a storage unit until I paid."},
	{US, "I was told my wife would end up in a ditch by Christmas if the account stayed open."},
	{US, "The agent said his guys would pour gasoline on my car one night."},
	{US, "A voicemail said my dad should watch his step on the ice this winter."},
}

// s35threat35LookAlikes: the same evil words with no collector threatening — the complainant's own
// despair, kin or a neighbour speaking, fees that "disappear", being put on hold, told by a sister.
var s35threat35LookAlikes = []sevText{
	{CN, "我跟催收说你们再这样我就要被逼死了"},
	{CN, "我老婆跟我吵架，说再借网贷就把我锁在家里不让我出门"},
	{CN, "催收员说可以申请延期，说不会把我怎么样"},
	{US, "My neighbor said he'd beat the collector up if he showed up at my door again."},
	{US, "The collector said the late fees would disappear if I paid in full today."},
	{US, "The agent held me on hold for an hour and then hung up."},
	{US, "I was told by my sister that the collector called her at work."},
}

// TestS35threat35ThreatParts: each of s35threat35Threats is a THREAT, URGENT with a police referral (推下楼,
// 别睡太死 and "pour gasoline on my car" fail on main ec077e47; the other six are reached there by older
// rules too); none of the look-alikes is flagged THREAT, referred or URGENT. Known limit: "somebody might
// pour gasoline" is halved by the hypothetical scope (might) and stays NORMAL.
func TestS35threat35ThreatParts(t *testing.T) {
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s35threat35Threats)
	checkLookAlikes(t, now, s35threat35LookAlikes, 0)
}
