package rules

import (
	"slices"
	"testing"
	"time"
)

// s23ActThreats: threats made by an act, not by words (session 23, threat), each URGENT with a police
// referral for a threat of violence: a picture of a place of the debtor's life sent to them (the
// stairwell, the way to school), someone following the debtor told to them, paint thrown on the door,
// the lock jammed; US: a relative's workplace pictured, a wreath left in the passive, red paint on the
// car, someone watching, "texted me that" they know where I live. Phrased anew, none in the labelled sets.
var s23ActThreats = []sevText{
	{CN, "对方微信发来一张我家单元门口的照片，别的什么也没说。"},
	{CN, "催收寄给我一张我闺女放学路上的照片。"},
	{CN, "催收留言说有几个人最近一直跟着你老婆。"},
	{CN, "前天夜里有人往我家门上泼了一桶红漆。"},
	{CN, "我家锁眼里被人塞满了牙签，第二天催收就来电话了。"},
	{US, "They mailed me a picture of my husband's office with a sticky note that said pay."},
	{US, "A wreath was left at my door the night after the agency called."},
	{US, "Somebody poured red paint all over my car after I told the collector I could not pay."},
	{US, "The agent warned me that some guys have been watching me."},
	{US, "The caller texted me that they found out where I live."},
}

// s23ActLookAlikes: no threat of violence, not URGENT, not referred: hearsay told by kin with a prefix
// (堂, 表, 二) or with 讲, a cousin who told me of a threat to her, a courier's proof of delivery, lawful
// steps and an announced visit.
var s23ActLookAlikes = []sevText{
	{CN, "听我堂弟说，催收给他寄过一个花圈。"},
	{CN, "听我表妹讲，有人往她家门上泼过红油漆。"},
	{CN, "听我二舅说，有人给他寄过冥币。"},
	{CN, "我同事跟我说，催收威胁过要往她车上泼油漆。"},
	{CN, "外卖小哥拍了一张餐放在我家门口的照片。"},
	{CN, "催收说再不还就起诉到法院，还会上报征信。"},
	{US, "The collector wrote that they would sue me and report the debt to the credit bureaus."},
}

// TestSession23ActThreats: every text of s23ActThreats is URGENT with a police referral for a threat of
// violence; none of s23ActLookAlikes is URGENT, referred or holds that factor.
func TestSession23ActThreats(t *testing.T) {
	now := time.Date(2026, 12, 5, 18, 0, 0, 0, time.UTC)
	checkThreatSeverity(t, now, s23ActThreats, nil)
	checkLookAlikes(t, now, s23ActLookAlikes, mayBeFlagged)
}

// TestSession23CueSuffixPrefixes: a suffix member of a class named in a hearsay cue also takes each
// prefix of the pack's cueSuffixPrefixes class (听我堂弟说, 听我二姨说); a non-suffix member does not.
func TestSession23CueSuffixPrefixes(t *testing.T) {
	h := mustPack(t, CN).Language["zh"].Hearsay
	for _, cue := range []string{"听我堂弟说", "听我二姨说", "听我表姐讲", "听堂哥说"} {
		if !slices.Contains(h, cue) {
			t.Errorf("hearsay cue %q not expanded", cue)
		}
	}
	q := &Pack{Classes: map[string][]string{"K": {"~弟", "朋友"}}}
	got, err := q.expandCueClassesWith([]string{"听我{K}说"}, []string{"堂", "表"})
	if want := []string{"听我弟说", "听我堂弟说", "听我表弟说", "听我朋友说"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("expandCueClassesWith = %v, %v; want %v", got, err, want)
	}
}
