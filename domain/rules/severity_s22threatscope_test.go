package rules

import (
	"testing"
	"time"
)

// s22ScopeThreats: veiled threats said to the debtor (session 22, threatscope), each URGENT with a
// police referral for a threat of violence: a workplace known, told to the debtor ({WHERE_ZH}: 单位在哪);
// a place one cannot hide from ({FOUND_ZH}: 挖出来); a child alone, said to be unsafe across a comma; US:
// the collector telling where the consumer's family lives.
var s22ScopeThreats = []sevText{
	{CN, "催收说你单位在哪我们都查清楚了。"},
	{CN, "催收说你躲到哪我们都能挖出来。"},
	{CN, "对方说你闺女一个人上下学，那可太危险了。"},
	{US, "The man texted me they know where my parents live."},
}

// s22ScopeLookAlikes: no threat of violence, not URGENT, not referred: the collector found the
// workplace or the home and called or came (a contact, a visit), the complainant's own fear, a
// relative's care, hearsay told by a relative the old literal list lacked.
var s22ScopeLookAlikes = []sevText{
	{CN, "催收打听到我在哪个厂上班，把电话打到了车间主任那里。"},
	{CN, "催收查到了我住的小区，前天上门来了。"},
	{CN, "我很怕对方哪天查到我在哪上班。"},
	{CN, "我婆婆打电话叮嘱我开车小心点，别出事。"},
	{CN, "听我大舅子说，有催收扬言要砍他。"},
	{US, "They figured out where I work and phoned my supervisor twice."},
	{US, "My aunt keeps telling me to be careful walking at night."},
}

// TestSession22ThreatScope: every text of s22ScopeThreats is URGENT with a police referral for a
// threat of violence; none of s22ScopeLookAlikes is URGENT, referred or holds that factor (a
// contact or a visit may still rank HIGH).
func TestSession22ThreatScope(t *testing.T) {
	now := time.Date(2026, 12, 5, 16, 0, 0, 0, time.UTC)
	checkThreatSeverity(t, now, s22ScopeThreats, nil)
	checkLookAlikes(t, now, s22ScopeLookAlikes, mayBeFlagged)
}

// TestSession22CueClasses: a hearsay or hypothetical cue naming a class is one cue per member; a cue
// naming no class of the pack is a pack error.
func TestSession22CueClasses(t *testing.T) {
	p := mustPack(t, CN)
	for _, cue := range []string{"听我表姐夫说", "听我们单位领导说", "听我婆婆说"} {
		found := false
		for _, h := range p.Language["zh"].Hearsay {
			found = found || h == cue
		}
		if !found {
			t.Errorf("hearsay cue %q not expanded from the THIRD class", cue)
		}
	}
	q := &Pack{Classes: map[string][]string{"K": {"~姐", "哥"}}}
	got, err := q.expandCueClasses([]string{"听我{K}说", "据说"})
	if err != nil || len(got) != 3 || got[0] != "听我姐说" || got[1] != "听我哥说" || got[2] != "据说" {
		t.Errorf("expandCueClasses = %v, %v", got, err)
	}
	if _, err := q.expandCueClasses([]string{"听我{NONE}说"}); err == nil {
		t.Error("a cue naming no class: no error")
	}
}
