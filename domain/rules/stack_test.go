package rules

import (
	"bytes"
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
	recs := readingRecs("s", "%s，%s。第%d次了。", fillers, negated, tpc)
	text := "今天下午接到电话，他们并没有给我姐姐打电话。"
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rulesLeaveDismissed(t, p, text, tpc, now)
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
	readingFlag(t, p, text, tpc, "dismissed:THIRD_PARTY_CONTACT:negated", now)
	// the plain n-gram model of the same texts knows nothing of the rules' reading
	withModel(t, model.Train(TrainingExamplesOf(p, recs, 0, model.Options{Rules: true}), model.DefaultOptions))
	citesNoReading(t, p, text, now)
}
