package rules

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// The statistical second opinion (package model) beside the rules. REDLINE_MODEL chooses it for the
// whole process: auto (the default: the committed model for the packs of ModelAuto only), builtin
// (the committed model for every pack) or off (the rules alone).

// ModelRule names the evidence of a model flag.
const ModelRule = "model:ngram"

// ModelDefault is the REDLINE_MODEL setting when the variable is not set.
const ModelDefault = "auto"

// ModelAuto is the one table REDLINE_MODEL=auto reads: the packs whose judgements take the built-in
// model because it measurably helps their held-out sets (the 95 % paired-bootstrap interval of the
// macro-F1 difference lies above 0, `redline rules eval`; docs/RULES.md#statistical-second-opinion).
// US (English narratives: cfpb +0.019 [+0.001, +0.056], en-written +0.077 [+0.000, +0.125]) takes
// it; CN (Chinese: zh-real and zh-written intervals hold 0 and the flag rate on texts with no
// required label rises) does not. Re-measure and edit this table when the rules or the model change.
var ModelAuto = []Jurisdiction{US}

// Model flags are weaker than the rules: their confidence runs from modelConfMin at the type's
// threshold to modelConfMax at probability 1, so a model flag alone is never HIGH (0.7) or URGENT.
const (
	modelConfMin = 0.55
	modelConfMax = 0.65
	modelNGrams  = 3
)

// ModelUse is the second opinion judgements take and the packs that take it.
type ModelUse struct {
	Model *model.Model
	// Packs lists the jurisdictions whose judgements take Model; nil means every pack.
	Packs []Jurisdiction
	// Gates narrow, per jurisdiction, which of the model's flags a pack's judgement takes (gate.go);
	// a jurisdiction not listed takes every flag.
	Gates map[Jurisdiction]ModelGate
	// Vetoes hold back, per jurisdiction, the rules' borderline flags the model finds very unlikely
	// (veto.go); a pack whose jurisdiction is listed reads Model for its veto even when Packs leaves it out.
	Vetoes map[Jurisdiction]ModelVeto
}

// GateFor returns the gate of the model's flags in the judgements of a pack of jurisdiction j.
func (u ModelUse) GateFor(j Jurisdiction) ModelGate { return u.Gates[j] }

// For returns the model a pack of jurisdiction j judges with, nil for the rules alone.
func (u ModelUse) For(j Jurisdiction) *model.Model {
	if u.Model == nil || (u.Packs != nil && !slices.Contains(u.Packs, j)) {
		return nil
	}
	return u.Model
}

// Everywhere is the use of m by every pack (nil: the rules alone everywhere).
func Everywhere(m *model.Model) ModelUse { return ModelUse{Model: m} }

var opinion atomic.Pointer[ModelUse]

func init() {
	u, err := ModelFromSetting(os.Getenv("REDLINE_MODEL"))
	if err != nil {
		u = ModelUse{} // app.LoadConfig refuses the value; judge with the rules alone meanwhile
	}
	opinion.Store(&u)
}

// ModelFromSetting reads a REDLINE_MODEL value: "" (ModelDefault), auto (the built-in model for the
// packs of ModelAuto), builtin (for every pack) or off (the rules alone).
func ModelFromSetting(s string) (ModelUse, error) {
	if s == "" {
		s = ModelDefault
	}
	switch s {
	case "off":
		return ModelUse{}, nil
	case "builtin", "auto":
		m, err := model.Builtin()
		if err != nil {
			return ModelUse{}, err
		}
		u := Everywhere(m)
		if s == "auto" {
			u.Packs = slices.Clone(ModelAuto)
		}
		u.Gates = ModelGates
		u.Vetoes = ModelVetoes
		return u, nil
	}
	return ModelUse{}, fmt.Errorf("REDLINE_MODEL %q is neither auto, builtin nor off", s)
}

// UseModel sets the second opinion every judgement of the process uses and returns the one used
// before.
func UseModel(u ModelUse) ModelUse {
	if old := opinion.Swap(&u); old != nil {
		return *old
	}
	return ModelUse{}
}

// CurrentModel returns the second opinion in use.
func CurrentModel() ModelUse {
	if u := opinion.Load(); u != nil {
		return *u
	}
	return ModelUse{}
}

// secondOpinion adds the model's flags to the rules' assessment: a type the model flags (its
// probability passes the type's threshold) that the rules did not flag gets evidence with rule
// ModelRule, one piece per n-gram that drove it, at a lower confidence. The rules' scopes apply at
// each n-gram: a negated one (unless the type's omissions are stated by negation) is dismissed, and
// questions, hypotheticals and hearsay weaken it as they weaken a phrase. Model evidence never counts
// as firsthand, so it never raises severity.
func (p *Pack) secondOpinion(f Facts, res Assessment) Assessment {
	use := CurrentModel()
	res = p.modelVeto(use, f, res)
	m := use.For(p.Jurisdiction)
	if m == nil {
		return res
	}
	gate := use.GateFor(p.Jurisdiction)
	// the rules' own reading, before the model adds to it: what a gate's support is read from
	var ruleRes Assessment
	if gate.Support != "" {
		ruleRes = Assessment{Violations: slices.Clone(res.Violations), Dismissed: slices.Clone(res.Dismissed)}
	}
	texts := []struct{ source, text string }{{"narrative", f.Narrative}}
	for i, msg := range f.Messages {
		texts = append(texts, struct{ source, text string }{fmt.Sprintf("messages[%d]", i), msg.Text})
	}
	// a stacked model reads the narrative with the rules' reading of the complaint (stack.go)
	var extra []string
	var from map[string][]Evidence
	if m.Extra() {
		extra, from = ModelExtra(p, m.ReadsRules(), m.Meta.Abstract, f.Narrative, res)
	}
	for n, t := range texts {
		if strings.TrimSpace(t.text) == "" {
			continue
		}
		var x []string
		if n == 0 {
			x = extra
		}
		for _, fl := range m.OpinionWith(t.text, x, modelNGrams) {
			i := slices.IndexFunc(res.Violations, func(x Finding) bool { return x.Type == fl.Type })
			if i >= 0 && res.Violations[i].Confidence >= domain.RoutingConfidence {
				continue // the rules found it: they are the explainable opinion
			}
			if !gate.Admits(fl, ruleRes) {
				continue // not a type, a probability or a reading the pack's gate lets the model add
			}
			conf := modelConfMin + (modelConfMax-modelConfMin)*(fl.Probability-fl.Threshold)/math.Max(1e-9, 1-fl.Threshold)
			conf = math.Round(min(modelConfMax, max(modelConfMin, conf))*100) / 100
			ev, dismissed, fromRules := p.locateNGrams(t.source, t.text, fl, conf, from)
			res.Dismissed = append(res.Dismissed, dismissed...)
			if p.modelBarred(fl.Type, t.text) {
				// the complainant tells the fact the type denies (ModelBar): the model's n-grams are
				// kept among the dismissed, as an exception's are, for the reviewer to see
				for _, e := range ev {
					e.Type, e.Reason = fl.Type, modelBarReason
					res.Dismissed = append(res.Dismissed, e)
				}
				continue
			}
			if i >= 0 {
				// an n-gram over a phrase the rules already weighed (and kept below the routing
				// threshold, a topic word such as "cease and desist") is no second piece of evidence
				ev = slices.DeleteFunc(ev, func(e Evidence) bool { return overlapsRules(res.Violations[i].Evidence, e) })
			}
			// the rules' reading that drove a stacked model's flag (a weak or dismissed hit it lifts)
			ev = append(ev, fromRules...)
			if len(ev) == 0 {
				continue
			}
			if i < 0 {
				res.Violations = append(res.Violations, Finding{Type: fl.Type, Legal: p.Violations[fl.Type].Legal})
				i = len(res.Violations) - 1
			}
			fd := &res.Violations[i]
			fd.Evidence = append(fd.Evidence, ev...)
			fd.Confidence = combine(fd.Evidence, false) // Firsthand stays the rules' own
		}
	}
	// keep the findings in the order of the violation types, as Assess returns them
	order := func(v domain.ViolationType) int {
		return slices.IndexFunc(domain.ViolationTypes, func(x domain.ViolationInfo) bool { return x.Type == v })
	}
	slices.SortStableFunc(res.Violations, func(a, b Finding) int { return order(a.Type) - order(b.Type) })
	return res
}

// overlapsRules reports whether model evidence e, placed in the text, overlaps a phrase of the rules'
// evidence evs in the same source.
func overlapsRules(evs []Evidence, e Evidence) bool {
	if e.End <= e.Start {
		return false
	}
	return slices.ContainsFunc(evs, func(r Evidence) bool {
		return !strings.HasPrefix(r.Rule, ModelRule) && r.Source == e.Source && r.End > r.Start && r.Start < e.End && e.Start < r.End
	})
}

// locateNGrams finds each n-gram of a flag in the text as the rules read it and applies the rules'
// scopes there: it returns the evidence that stands and the pieces dismissed. An n-gram the rules'
// reading does not hold (punctuation between its words) stands unscoped, with no position; when
// every n-gram found is dismissed, the flag is.
//
// An extra feature of a stacked model (model.ExtraPrefix) is no n-gram: it stands for the rules'
// pieces it rests on (from, RuleFeatures), returned apart as fromRules, unscoped (the rules scoped them).
func (p *Pack) locateNGrams(source, text string, fl model.Flag, conf float64, from map[string][]Evidence) (kept, dismissed, fromRules []Evidence) {
	st := p.prepare(text)
	keepNegated := false
	var except [][2]int
	if vr := p.Violations[fl.Type]; vr != nil {
		keepNegated = slices.ContainsFunc(vr.Phrases, func(g PhraseGroup) bool { return g.Negation == "keep" })
		// session 20: the type's exceptions hold for the model's n-grams as for the rules' phrases
		// ("they sent me a validation letter" is no omission, whichever opinion reads it)
		except = st.exceptSpans(vr.Except)
	}
	lang := "en"
	if st.hasHan {
		lang = "zh"
	}
	rule := fmt.Sprintf("%s: %s p=%.3f ≥ %.3f", ModelRule, fl.Type, fl.Probability, fl.Threshold)
	var unplaced []Evidence
	for _, g := range fl.NGrams {
		e := Evidence{Source: source, Phrase: g, Pattern: ModelRule + ":" + string(fl.Type), Rule: rule, Law: lawOf(p, fl.Type),
			Confidence: conf, Modifiers: []string{"model"}}
		if strings.HasPrefix(g, model.ExtraPrefix) {
			fromRules = append(fromRules, extraEvidence(g, from, e)...)
			continue
		}
		s := runeIndex(st.rs, []rune(g))
		if s < 0 {
			unplaced = append(unplaced, e)
			continue
		}
		end := s + len([]rune(g))
		si, ok := st.sentenceOf(s, end)
		if !ok {
			unplaced = append(unplaced, e)
			continue
		}
		h := st.hit(s, end, si, lang, conf, keepNegated)
		if h.negatedBy == "" {
			if x := slices.IndexFunc(except, func(x [2]int) bool { return x[0] < end && s < x[1] }); x >= 0 {
				h.negatedBy = "exception: " + string(st.rs[except[x][0]:except[x][1]])
			}
		}
		e.Phrase, e.Start, e.End = h.phrase, h.start, h.end
		e.Confidence = math.Round(h.weight*100) / 100
		e.Modifiers = append(e.Modifiers, h.modifiers...)
		if h.negatedBy != "" {
			e.Type, e.Reason = fl.Type, h.negatedBy
			e.Modifiers = append(e.Modifiers, h.negatedBy)
			dismissed = append(dismissed, e)
			continue
		}
		kept = append(kept, e)
	}
	if len(kept) == 0 && len(dismissed) > 0 {
		return nil, dismissed, fromRules
	}
	return append(kept, unplaced...), dismissed, fromRules
}

// runeIndex returns the first rune offset of sub in rs, or -1.
func runeIndex(rs, sub []rune) int {
	if len(sub) == 0 {
		return -1
	}
	for i := 0; i+len(sub) <= len(rs); i++ {
		if slices.Equal(rs[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// TrainingFiles are the labelled sets the built-in model is trained on (their train split), in the
// order read; paths are relative to the repository root.
var TrainingFiles = []string{"testdata/rules/zh-real.jsonl", "testdata/rules/zh-written.jsonl",
	"testdata/rules/en-written.jsonl", "testdata/rules/cfpb.jsonl"}

// measureOnly are the id ranges of batches written to measure the engine by writers who never read
// the rules (session 22 (blind), docs/RULES.md "Session 22 (blind)"). They are scored like every
// record of their set, but the built-in model never learns from them: a measurement batch that
// trains the model no longer measures it (and the writer's style would reach the held-out part of
// the same batch through the model).
var measureOnly = []struct {
	prefix   string
	from, to int
}{{"zhw-", 400, 469}, {"enw-", 100, 134}}

// MeasureOnly reports whether id belongs to a batch kept out of the model's training (measureOnly).
func MeasureOnly(id string) bool {
	for _, r := range measureOnly {
		if n, ok := strings.CutPrefix(id, r.prefix); ok {
			if v, err := strconv.Atoi(n); err == nil && v >= r.from && v <= r.to {
				return true
			}
		}
	}
	return false
}

// TrainingExamples reads the train split of labelled sets (ReadLabelled), in file order, as the
// model's examples. Held-out records are never read into the model.
func TrainingExamples(recs []Labelled) []model.Example {
	var out []model.Example
	for _, r := range recs {
		if r.Split != "train" || MeasureOnly(r.ID) {
			continue
		}
		out = append(out, model.Example{ID: r.ID, Text: r.Text, Must: r.Must, Optional: r.Optional})
	}
	return out
}

// ModelGain is how much the second opinion changes the macro-F1 of a labelled set: the difference
// (with the model minus the rules alone) and its 95 % paired-bootstrap interval over the texts.
type ModelGain struct {
	Name, Split string
	Texts       int
	Delta       float64
	Low, High   float64
}

// CompareModel judges each text with the rules alone and with m, and resamples the texts (rounds
// times, a fixed seed) to give the macro-F1 difference an interval: a gain whose interval holds 0 is
// not measurable on this set.
func CompareModel(p *Pack, m *model.Model, name, split string, recs []Labelled, now time.Time, rounds int) ModelGain {
	before := UseModel(ModelUse{})
	defer UseModel(before)
	alone, with := make([][]domain.ViolationType, len(recs)), make([][]domain.ViolationType, len(recs))
	for i, l := range recs {
		UseModel(ModelUse{})
		alone[i] = p.JudgeText(l.ID, l.Text, now).Flagged()
		UseModel(ModelUse{Model: m, Gates: ModelGates}) // as the default gates the model's flags
		with[i] = p.JudgeText(l.ID, l.Text, now).Flagged()
	}
	all := make([]int, len(recs))
	for i := range all {
		all[i] = i
	}
	g := ModelGain{Name: name, Split: split, Texts: len(recs), Delta: round3(macroOf(recs, with, all) - macroOf(recs, alone, all))}
	rng := rand.New(rand.NewPCG(13, uint64(len(recs))))
	ds := make([]float64, rounds)
	idx := make([]int, len(recs))
	for r := range ds {
		for i := range idx {
			idx[i] = rng.IntN(len(recs))
		}
		ds[r] = macroOf(recs, with, idx) - macroOf(recs, alone, idx)
	}
	slices.Sort(ds)
	if rounds > 0 {
		g.Low, g.High = round3(ds[int(0.025*float64(rounds))]), round3(ds[int(0.975*float64(rounds))-1])
	}
	return g
}

// macroOf is Evaluate's macro-F1 of the flags got on the texts idx (with repeats) of recs.
func macroOf(recs []Labelled, got [][]domain.ViolationType, idx []int) float64 {
	var tp, fp, fn [32]int
	var support [32]bool
	pos := func(v domain.ViolationType) int {
		return slices.IndexFunc(domain.ViolationTypes, func(x domain.ViolationInfo) bool { return x.Type == v })
	}
	for _, i := range idx {
		for _, v := range recs[i].Must {
			k := pos(v)
			support[k] = true
			if slices.Contains(got[i], v) {
				tp[k]++
			} else {
				fn[k]++
			}
		}
		for _, v := range got[i] {
			if !slices.Contains(recs[i].Must, v) && !slices.Contains(recs[i].Optional, v) {
				fp[pos(v)]++
			}
		}
	}
	sum, n := 0.0, 0
	for k := range domain.ViolationTypes {
		if !support[k] {
			continue
		}
		p, r := ratio(tp[k], tp[k]+fp[k]), ratio(tp[k], tp[k]+fn[k])
		if p+r > 0 {
			sum += 2 * p * r / (p + r)
		}
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// modelBarReason is the reason a model n-gram barred by ModelBar is kept among the dismissed.
const modelBarReason = "model bar: the complainant states the fact this type denies"

// modelBarred reports whether text states, with no negation cue inside the statement, a fact of
// type t's ModelBar: the model's flag of t then stands on topic words against the complainant's own
// account, and is not added. Session 38 (en38).
func (p *Pack) modelBarred(t domain.ViolationType, text string) bool {
	vr := p.Violations[t]
	if vr == nil || vr.ModelBar == nil {
		return false
	}
	st := p.prepare(text)
	lang := "en"
	if st.hasHan {
		lang = "zh"
	}
	cues := p.Language[lang]
	for _, sp := range st.exceptSpans(vr.ModelBar) {
		span := string(st.rs[sp[0]:sp[1]])
		if cues == nil {
			return true
		}
		// the sentence before the statement, as negation reads it ("they never sent me the
		// validation notice" states nothing)
		before := string(st.rs[max(0, sp[0]-80):sp[0]])
		if i := strings.LastIndexAny(before, ".!?"); i >= 0 {
			before = before[i+1:]
		}
		if !slices.ContainsFunc(cues.Negation, func(c string) bool { return lastCue(span, c, lang) >= 0 }) && cues.negation(before, span, lang) == "" {
			return true
		}
	}
	return false
}
