package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/redline-regulator/redline/domain/rules/model"
)

// The stacked reading (session 11): a model trained with model.Options.Rules weighs, beside a Chinese
// text's character n-grams, what the rules made of it — per type, whether they flagged it or found it
// only weakly, which phrase group or composite rule hit, the modifiers on a hit (question,
// hypothetical, intended, hearsay) and the hits they dismissed with the reason's kind (negated,
// exception) — so that it can learn, say, when a dismissed hit is a violation after all.

// RuleFeatures are the names of the rules' reading of a text (res: the rules' own assessment, before
// the model) and, for each name, the evidence it rests on (to show where a model flag it drove comes
// from). The names are the model's extra features (model.Example.Extra, model.OpinionWith).
func RuleFeatures(res Assessment) ([]string, map[string][]Evidence) {
	var names []string
	from := map[string][]Evidence{}
	add := func(name string, e *Evidence) {
		if _, ok := from[name]; !ok {
			names = append(names, name)
			from[name] = nil
		}
		if e != nil {
			from[name] = append(from[name], *e)
		}
	}
	flagged := 0
	for _, v := range res.Violations {
		level := "weak"
		if v.Confidence >= 0.5 {
			level = "flag"
			flagged++
		}
		add(fmt.Sprintf("%s:%s", level, v.Type), nil)
		for i := range v.Evidence {
			e := &v.Evidence[i]
			add("hit:"+ruleID(e.Rule), e)
			for _, m := range e.Modifiers {
				add(fmt.Sprintf("mod:%s:%s", v.Type, m), e)
			}
		}
	}
	for i := range res.Dismissed {
		e := &res.Dismissed[i]
		kind, _, _ := strings.Cut(e.Reason, " ")
		kind = strings.TrimSuffix(kind, ":")
		add(fmt.Sprintf("dismissed:%s:%s", e.Type, kind), e)
		for _, m := range e.Modifiers {
			if m == "question" || m == "hypothetical" || m == "intended" || m == "hearsay" {
				add(fmt.Sprintf("dismissed:%s:%s", e.Type, m), e)
			}
		}
	}
	add(fmt.Sprintf("flagged:%d", min(flagged, 3)), nil)
	return names, from
}

// ruleID is the id of the rule in an evidence's Rule ("DEBT_DISPUTE.paid: 还清了" -> "DEBT_DISPUTE.paid").
func ruleID(rule string) string {
	id, _, _ := strings.Cut(rule, ": ")
	return id
}

// ruleReading is the rules' own assessment of a narrative, as Judge makes it before the model.
func (p *Pack) ruleReading(text string) Assessment {
	defer p.lastPrepared.Store(nil)
	return p.Assess(Facts{Narrative: text})
}

// TrainingWeights weigh the built-in model's training texts by file (base name; a file not listed
// counts 1).
var TrainingWeights = map[string]float64{}

// TrainingExamplesOf is TrainingExamples of a set judged by pack p: each text with the weight given
// and the extra features a model trained with options o reads (ModelExtra).
func TrainingExamplesOf(p *Pack, recs []Labelled, weight float64, o model.Options) []model.Example {
	out := TrainingExamples(recs)
	for i := range out {
		if weight > 0 && weight != 1 {
			out[i].Weight = weight
		}
		zh := model.Language(out[i].Text) == model.LangZH
		if p != nil && ((zh && (o.Rules || o.Abstract)) || (!zh && o.ENRules)) {
			// the features the model reads for the text's language (Train ignores the others)
			out[i].Extra, _ = ModelExtra(p, o.Rules || o.ENRules, o.Abstract, out[i].Text, p.ruleReading(out[i].Text))
		}
	}
	return out
}

// ModelExtra are the extra features of a narrative for a model that reads the rules' reading of it
// (ruleFeatures: RuleFeatures of res, the rules' own assessment) and its abstracted view (abstract:
// AbstractFeatures), with the evidence each rests on.
func ModelExtra(p *Pack, ruleFeatures, abstract bool, text string, res Assessment) ([]string, map[string][]Evidence) {
	var names []string
	var from map[string][]Evidence
	if ruleFeatures {
		names, from = RuleFeatures(res)
	}
	if abstract {
		an, af := AbstractFeatures(p, text)
		if from == nil {
			from = af
		} else {
			for k, v := range af {
				from[k] = v
			}
		}
		names = append(names, an...)
	}
	return names, from
}

// extraEvidence is the evidence of a model flag driven by an extra feature g (model.ExtraPrefix +
// a RuleFeatures name): the rules' pieces the feature rests on, under the model's rule, or the
// feature's name alone when it rests on none (a count).
func extraEvidence(g string, from map[string][]Evidence, base Evidence) []Evidence {
	name := strings.TrimPrefix(g, model.ExtraPrefix)
	pieces := from[name]
	if len(pieces) == 0 {
		e := base
		e.Phrase = g
		return []Evidence{e}
	}
	var out []Evidence
	for _, r := range pieces {
		e := base
		e.Phrase, e.Start, e.End = r.Phrase, r.Start, r.End
		if r.Source != "" {
			e.Source = r.Source
		}
		e.Rule = base.Rule + " via " + g + " (" + r.Rule + ")"
		e.Modifiers = append(slices.Clone(base.Modifiers), "rule reading")
		out = append(out, e)
	}
	return out
}
