package rules

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// TestStackedModelLiftsDismissedHit: a stacked model (model.Options.Rules, session 11) reads the
// rules' reading of a text beside its n-grams. Trained on made-up texts in which every hit the rules
// dismiss as negated third-party contact is labelled a violation (each in other words, so that only
// the rules' reading is common to them), it flags a new such text the rules leave unflagged, and its
// evidence is the dismissed phrase where the text holds it, under the model's rule naming the rule
// feature that drove it, with the type's law and a confidence below the rules' HIGH; the flag alone
// does not raise severity. A model trained without the rules' reading has no such evidence.
func TestStackedModelLiftsDismissedHit(t *testing.T) {
	p := mustPack(t, CN)
	tpc := domain.ViolationThirdPartyContact
	negated := []string{"他们没有打电话给我妈", "催收倒是没联系我爸妈", "还好他们没打给我同事", "他们从未联系过我领导"}
	fillers := []string{"今天下午接到电话", "对方语气很差", "我已经在还款了", "平台客服不回复", "已经逾期两个月", "希望监管部门处理"}
	var recs []Labelled
	for i := range 64 {
		l := Labelled{ID: fmt.Sprintf("s%d", i), Split: "train",
			Text: fmt.Sprintf("%s，%s。第%d次了。", fillers[i%len(fillers)], fillers[(i*5+1)%len(fillers)], i)}
		if i%2 == 0 {
			l.Text = fmt.Sprintf("%s，%s。第%d次了。", fillers[i%len(fillers)], negated[(i/2)%len(negated)], i)
			l.Must = []domain.ViolationType{tpc}
		}
		recs = append(recs, l)
	}
	text := "今天下午接到电话，他们并没有给我姐姐打电话。"
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if n, _ := RuleFeatures(p.ruleReading(text)); !slices.Contains(n, "dismissed:THIRD_PARTY_CONTACT:negated") {
		t.Fatalf("the rules' reading of %q: %v, want a dismissed third-party hit", text, n)
	}
	withModel(t, nil)
	if slices.Contains(p.JudgeText("1", text, now).Flagged(), tpc) {
		t.Fatalf("the rules alone flag %q", text)
	}
	opts := model.DefaultOptions
	opts.Rules = true
	var buf bytes.Buffer
	if err := model.Train(TrainingExamplesOf(p, recs, 0, model.Options{Rules: true}), opts).Write(&buf); err != nil {
		t.Fatal(err)
	}
	stacked, err := model.Read(&buf)
	if err != nil || !stacked.Meta.Rules {
		t.Fatalf("read back: %v, rules %v", err, stacked != nil && stacked.Meta.Rules)
	}
	withModel(t, stacked)
	a := p.Judge(Facts{Narrative: text}, "", now)
	i := slices.IndexFunc(a.Violations, func(v domain.SuggestedViolation) bool { return v.Type == tpc })
	if i < 0 {
		t.Fatalf("no stacked flag: %+v", a.Violations)
	}
	v := a.Violations[i]
	if v.Confidence < domain.RoutingConfidence || v.Confidence >= 0.7 || len(v.Legal) == 0 {
		t.Errorf("stacked finding %+v: want a flag below the rules' HIGH confidence, with its law", v)
	}
	via := slices.IndexFunc(v.Evidence, func(e domain.RuleEvidence) bool {
		return strings.Contains(e.Rule, "via rule:dismissed:THIRD_PARTY_CONTACT:negated")
	})
	if via < 0 {
		t.Fatalf("evidence %+v: none names the rules' reading that drove the flag", v.Evidence)
	}
	e := v.Evidence[via]
	if !strings.HasPrefix(e.Rule, ModelRule+": THIRD_PARTY_CONTACT") || e.Law == "" || e.Phrase == "" || !strings.Contains(text, e.Phrase) {
		t.Errorf("evidence %+v: want the model's rule, a law and the dismissed phrase of the text", e)
	}
	if a.Severity != domain.PriorityNormal {
		t.Errorf("severity %s from a model flag alone", a.Severity)
	}
	// the plain n-gram model of the same texts knows nothing of the rules' reading
	withModel(t, model.Train(TrainingExamplesOf(p, recs, 0, model.Options{Rules: true}), model.DefaultOptions))
	for _, v := range p.Judge(Facts{Narrative: text}, "", now).Violations {
		for _, e := range v.Evidence {
			if strings.Contains(e.Rule, "via "+model.ExtraPrefix) {
				t.Errorf("a model trained without the rules' reading cites it: %+v", e)
			}
		}
	}
}
