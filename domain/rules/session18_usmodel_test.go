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

// TestUSSession18ENRulesModel: a model trained with model.Options.ENRules reads the US rules' reading
// of an English text beside its word n-grams. Trained on made-up narratives in which every third-party
// contact the rules dismiss as negated is labelled one (each in other words, so that only the rules'
// reading is common to them), it flags a new such narrative the rules leave unflagged, its evidence
// naming the rules' reading that drove it; read back, it keeps ENRules. The same texts without
// ENRules give a model that cites no rules' reading.
func TestUSSession18ENRulesModel(t *testing.T) {
	p := mustPack(t, US)
	tpc := domain.ViolationThirdPartyContact
	negated := []string{"they never called my mother about it", "the agency did not contact my boss",
		"luckily they have not phoned my sister", "they never reached my coworkers"}
	fillers := []string{"I got a letter last week", "the balance looks wrong to me", "I have been paying on time",
		"the company will not answer emails", "the account is two months late", "please look into this company"}
	var recs []Labelled
	for i := range 64 {
		l := Labelled{ID: fmt.Sprintf("u%d", i), Split: "train",
			Text: fmt.Sprintf("%s. %s. Case %d.", fillers[i%len(fillers)], fillers[(i*5+1)%len(fillers)], i)}
		if i%2 == 0 {
			l.Text = fmt.Sprintf("%s. %s. Case %d.", fillers[i%len(fillers)], negated[(i/2)%len(negated)], i)
			l.Must = []domain.ViolationType{tpc}
		}
		recs = append(recs, l)
	}
	text := "They did not call my brother."
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if n, _ := RuleFeatures(p.ruleReading(text)); !slices.Contains(n, "dismissed:THIRD_PARTY_CONTACT:negated") {
		t.Fatalf("the rules' reading of %q: %v, want a dismissed third-party hit", text, n)
	}
	withModel(t, nil)
	if slices.Contains(p.JudgeText("1", text, now).Flagged(), tpc) {
		t.Fatalf("the rules alone flag %q", text)
	}
	opts := model.DefaultOptions
	opts.ENRules = true
	opts.Lang = map[string]model.Tuning{model.LangEN: {Target: 0.9}} // the lowest threshold of precision 0.9
	examples := TrainingExamplesOf(p, recs, 0, opts)
	if len(examples[0].Extra) == 0 {
		t.Fatalf("an English example has no rules' reading with ENRules: %+v", examples[0])
	}
	var buf bytes.Buffer
	if err := model.Train(examples, opts).Write(&buf); err != nil {
		t.Fatal(err)
	}
	stacked, err := model.Read(&buf)
	if err != nil || !stacked.Meta.ENRules || !stacked.Extra() || !stacked.ReadsRules() {
		t.Fatalf("read back: %v, meta %+v", err, stacked)
	}
	withModel(t, stacked)
	a := p.Judge(Facts{Narrative: text}, "", now)
	i := slices.IndexFunc(a.Violations, func(v domain.SuggestedViolation) bool { return v.Type == tpc })
	if i < 0 {
		t.Fatalf("no flag from the rules' reading: %+v", a.Violations)
	}
	v := a.Violations[i]
	if v.Confidence < domain.RoutingConfidence || v.Confidence >= 0.7 || len(v.Legal) == 0 {
		t.Errorf("finding %+v: want a flag below the rules' HIGH confidence, with its law", v)
	}
	if !slices.ContainsFunc(v.Evidence, func(e domain.RuleEvidence) bool {
		return strings.HasPrefix(e.Rule, ModelRule+": THIRD_PARTY_CONTACT") && strings.Contains(e.Rule, "via rule:dismissed:THIRD_PARTY_CONTACT:negated")
	}) {
		t.Fatalf("evidence %+v: none names the rules' reading that drove the flag", v.Evidence)
	}
	if a.Severity != domain.PriorityNormal {
		t.Errorf("severity %s from a model flag alone", a.Severity)
	}
	// without ENRules the English texts' reading is neither computed nor read
	plain := model.DefaultOptions
	plain.ENRules = false
	ex := TrainingExamplesOf(p, recs, 0, plain)
	if len(ex[0].Extra) != 0 {
		t.Fatalf("extra features without ENRules: %v", ex[0].Extra)
	}
	withModel(t, model.Train(ex, plain))
	for _, v := range p.Judge(Facts{Narrative: text}, "", now).Violations {
		for _, e := range v.Evidence {
			if strings.Contains(e.Rule, "via "+model.ExtraPrefix) {
				t.Errorf("a model trained without the rules' reading cites it: %+v", e)
			}
		}
	}
}

// TestUSSession18Defaults: the English rules' reading (model.Options.ENRules) is an option, not the
// default: the built-in model reads word n-grams alone in English, and no gate narrows the US model's
// flags. Cross-validation on the train split favoured the option behind a gate, but the held-out sets
// fell with it (docs/RULES.md "US, session 18 (usmodel)"); measure again before turning it on.
func TestUSSession18Defaults(t *testing.T) {
	if model.DefaultOptions.ENRules || model.DefaultOptions.Rules || model.DefaultOptions.Abstract {
		t.Fatalf("DefaultOptions %+v: want n-grams alone", model.DefaultOptions)
	}
	m, err := model.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if m.Meta.ENRules || m.Extra() || m.ReadsRules() {
		t.Fatalf("built-in model meta %+v: want n-grams alone", m.Meta)
	}
	if g, ok := ModelGates[US]; ok {
		t.Errorf("a US gate %+v: the US model adds every flag past its thresholds", g)
	}
}
