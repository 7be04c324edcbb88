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
	recs := readingRecs("u", "%s. %s. Case %d.", fillers, negated, tpc)
	text := "They did not call my brother."
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rulesLeaveDismissed(t, p, text, tpc, now)
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
	readingFlag(t, p, text, tpc, "dismissed:THIRD_PARTY_CONTACT:negated", now)
	// without ENRules the English texts' reading is neither computed nor read
	plain := model.DefaultOptions
	plain.ENRules = false
	ex := TrainingExamplesOf(p, recs, 0, plain)
	if len(ex[0].Extra) != 0 {
		t.Fatalf("extra features without ENRules: %v", ex[0].Extra)
	}
	withModel(t, model.Train(ex, plain))
	citesNoReading(t, p, text, now)
}

// readingRecs are 64 made-up train texts of two fillers and a case number (format), every other one
// holding a positive phrase instead of its second filler and labelled typ.
func readingRecs(prefix, format string, fillers, positives []string, typ domain.ViolationType) []Labelled {
	var recs []Labelled
	for i := range 64 {
		l := Labelled{ID: fmt.Sprintf("%s%d", prefix, i), Split: "train",
			Text: fmt.Sprintf(format, fillers[i%len(fillers)], fillers[(i*5+1)%len(fillers)], i)}
		if i%2 == 0 {
			l.Text = fmt.Sprintf(format, fillers[i%len(fillers)], positives[(i/2)%len(positives)], i)
			l.Must = []domain.ViolationType{typ}
		}
		recs = append(recs, l)
	}
	return recs
}

// rulesLeaveDismissed checks that the rules alone dismiss text's hit of typ as negated and do not
// flag it.
func rulesLeaveDismissed(t *testing.T, p *Pack, text string, typ domain.ViolationType, now time.Time) {
	t.Helper()
	if n, _ := RuleFeatures(p.ruleReading(text)); !slices.Contains(n, "dismissed:"+string(typ)+":negated") {
		t.Fatalf("the rules' reading of %q: %v, want a dismissed %s hit", text, n, typ)
	}
	withModel(t, nil)
	if slices.Contains(p.JudgeText("1", text, now).Flagged(), typ) {
		t.Fatalf("the rules alone flag %q", text)
	}
}

// readingFlag checks that text's judgement (with the model in use) flags typ through the rules'
// reading feature: below the rules' HIGH confidence, with its law, an evidence under the model's rule
// naming the feature at the text's dismissed phrase, and no severity raised by the flag alone.
func readingFlag(t *testing.T, p *Pack, text string, typ domain.ViolationType, feature string, now time.Time) {
	t.Helper()
	a := p.Judge(Facts{Narrative: text}, "", now)
	i := slices.IndexFunc(a.Violations, func(v domain.SuggestedViolation) bool { return v.Type == typ })
	if i < 0 {
		t.Fatalf("no flag from the rules' reading: %+v", a.Violations)
	}
	v := a.Violations[i]
	if v.Confidence < domain.RoutingConfidence || v.Confidence >= 0.7 || len(v.Legal) == 0 {
		t.Errorf("finding %+v: want a flag below the rules' HIGH confidence, with its law", v)
	}
	via := slices.IndexFunc(v.Evidence, func(e domain.RuleEvidence) bool { return strings.Contains(e.Rule, "via "+model.ExtraPrefix+feature) })
	if via < 0 {
		t.Fatalf("evidence %+v: none names the rules' reading that drove the flag", v.Evidence)
	}
	e := v.Evidence[via]
	if !strings.HasPrefix(e.Rule, ModelRule+": "+string(typ)) || e.Law == "" || e.Phrase == "" || !strings.Contains(text, e.Phrase) {
		t.Errorf("evidence %+v: want the model's rule, a law and the dismissed phrase of the text", e)
	}
	if a.Severity != domain.PriorityNormal {
		t.Errorf("severity %s from a model flag alone", a.Severity)
	}
}

// citesNoReading checks that no evidence of text's judgement (with the model in use) cites the rules'
// reading.
func citesNoReading(t *testing.T, p *Pack, text string, now time.Time) {
	t.Helper()
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
