package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Session 20 (evade): texts typed on a phone or past filters — digit ranges, a lone digit after a
// comma, no commas at all, misspelled vowels and texting forms (docs/RULES.md, "Evasions, session
// 20 (evade)"). Each text is phrased anew; none is a labelled record.

// TestS20EvadeNormalize: the normaliser on each class, and what stays as written.
func TestS20EvadeNormalize(t *testing.T) {
	cn, us := mustPack(t, CN), mustPack(t, US)
	checkNormalize(t, []normCase{
		{cn, "周末连着打了6-7个电话", "打了六七个电话"}, // a digit range is the Chinese range
		{cn, "一天发3、4条短信", "一天发三四条"},
		{cn, "每天1~2次", "每天一两次"},
		{cn, "打了7到8个", "打了七八个"},
		{cn, "3-5个工作日", "3-5个"},                                // no range of neighbours: as written
		{cn, "2019-10-12", "2019-10-12"},                       // a date stays
		{cn, "说好了宽限，1天打很多", ",一天打很多"},                          // a lone digit after a comma is a count
		{cn, "利率1.5天", "1.5天"},                                 // after a digit's mark it is part of a number
		{us, "they'll get a warrent", "they'll get a warrant"}, // the last a/e of a stem
		{us, "the agreemant and my husbend", "the agreement and my husband"},
		{us, "told my boss bout my debt", "told my boss about my debt"},
		{us, "the contents of the contract", "the contents of the contract"}, // spelled right: unchanged
	})
}

// TestS20EvadeJudge: texts that main's pack misses or weighs as asked, and negatives that must stay
// unflagged.
func TestS20EvadeJudge(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		j    Jurisdiction
		text string
		want domain.ViolationType // "" : nothing flagged
	}{
		{"comma then digit", CN, "我已经说了下周发工资就还，1天打很多电话，上班都没法上", domain.ViolationExcessiveContact},
		{"digit range", CN, "周末在家陪孩子，催收连着打了6-7个电话", domain.ViolationExcessiveContact},
		{"不听 closes", CN, "我说了月底一定还他们不听还是打给我姑姑", domain.ViolationThirdPartyContact},
		{"outcry A-not-A", CN, "凌晨五点多就打电话过来还让不让人睡觉了", domain.ViolationImproperHours},
		{"outcry 要不要人", CN, "晚上十一点半还在打电话要不要人活了", domain.ViolationImproperHours},
		{"far question", CN, "上个月起催收每天打我电话二十多个我上班都不敢开机了我就想知道这个利息是怎么算出来的你们能算清楚吗", domain.ViolationExcessiveContact},
		{"warrent", US, "they said theyll get a warrent for my arrest", domain.ViolationFalseRepresentation},
		{"bout", US, "the collector told my neighbor bout my debt", domain.ViolationPrivacyDisclosure},
		{"range asked", CN, "我想问一下还款后3-4个工作日能到账吗", ""},
		{"direct cue still negates", CN, "他们没有给我家人打过电话，只是给我发短信", ""},
		{"没见过 takes its object", CN, "从来没见过这么不要脸的催收公司", ""}, // 见 is no closer: the complainant's own outcry
		{"misspelled, polite", US, "they called about my balence and were polite", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := mustPack(t, c.j).JudgeText("t", c.text, now).Flagged()
			if c.want == "" {
				if len(got) > 0 {
					t.Errorf("%q flags %v, want nothing", c.text, got)
				}
				return
			}
			found := false
			for _, g := range got {
				found = found || g == c.want
			}
			if !found {
				t.Errorf("%q flags %v, want %s", c.text, got, c.want)
			}
		})
	}
}
