package rules

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// The statistical THREAT model in the judgement (session 33, threatmodel33; docs/RULES.md "Session 33
// (threatmodel33)"). A pack's threatModel field turns it on: each sentence of a text the rules did not
// already rank URGENT for a threat is scored by the language's model (model.ThreatModel) on the
// engine's own normalised runes, folded once; a sentence whose probability reaches the pack's
// threshold is a firsthand THREAT (evidence rule ThreatModelRule, the n-grams that drove it) only
// where the rules' scopes around it allow it: the n-gram that drove it most is not negated, asked,
// supposed or told of someone else (hearsay never raises severity), the sentence holds no THREAT
// exception (another speaker: the complainant, kin, an ex, a scammer…) and no THREAT evidence the
// rules dismissed. The rules' URGENT threshold then ranks the complaint URGENT with a police referral.

// ThreatModelRule names the evidence of a THREAT model flag.
const ThreatModelRule = "model.threat"

// ThreatModelUse is a pack's use of the THREAT model.
type ThreatModelUse struct {
	// Model is "builtin" (domain/rules/model/threat.bin.gz) or "off" (the rules alone).
	Model string `json:"model"`
	// Threshold is the probability from which a sentence of a language (zh, en) is a threat; a
	// language not listed is not scored.
	Threshold map[string]float64 `json:"threshold"`
}

func (u *ThreatModelUse) validate() error {
	if u == nil {
		return nil
	}
	if u.Model != "builtin" && u.Model != "off" {
		return fmt.Errorf("threatModel.model %q is neither builtin nor off", u.Model)
	}
	for l, t := range u.Threshold {
		if (l != model.LangZH && l != model.LangEN) || !(t > 0 && t <= 1) {
			return fmt.Errorf("threatModel.threshold %s=%v: a language zh or en and a probability in (0, 1]", l, t)
		}
	}
	return nil
}

// threatOverride is REDLINE_THREAT_MODEL, for measurement only (the leave-one-writer-out thresholds):
// a model file read instead of the built-in one ("off": no THREAT model), and REDLINE_THREAT_THRESHOLD
// a probability that replaces the packs' thresholds (0: every sentence the gates admit is reported).
var threatOverride = sync.OnceValues(func() (model.ThreatModels, error) {
	p := threatEnv().model
	if p == "" || p == "off" {
		return nil, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return model.ReadThreat(f)
})

// threatEnv is REDLINE_THREAT_MODEL and REDLINE_THREAT_THRESHOLD as the process started: read once,
// not on every judgement (they are for measurement runs, set before the process starts).
var threatEnv = sync.OnceValue(func() struct{ model, threshold string } {
	return struct{ model, threshold string }{os.Getenv("REDLINE_THREAT_MODEL"), os.Getenv("REDLINE_THREAT_THRESHOLD")}
})

// threatModelFor returns the THREAT model and threshold a pack judges a language with, nil for none.
func (p *Pack) threatModelFor(lang string) (*model.ThreatModel, float64) {
	u := p.ThreatModel
	env := threatEnv().model
	t, ok := 0.0, false
	if u != nil && u.Model != "off" {
		t, ok = u.Threshold[lang]
	}
	if s := threatEnv().threshold; s != "" && env != "" && env != "off" {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			t, ok = v, true // measurement: any pack, this threshold
		}
	}
	if !ok || env == "off" {
		return nil, 0
	}
	ms, err := threatOverride()
	if ms == nil && err == nil {
		ms, err = model.BuiltinThreat()
	}
	if err != nil || ms[lang] == nil {
		return nil, 0
	}
	return ms[lang], t
}

// threatScratch is threatOpinion's scratch (session 33, tmcost33): nothing of it outlives a call.
type threatScratch struct {
	set  model.ThreatSet
	gs   []model.ThreatGram
	fold []rune
	from []int32
}

var threatScratchPool = sync.Pool{New: func() any { return new(threatScratch) }}

// threatOpinion adds the THREAT model's firsthand flags to res (see above).
func (p *Pack) threatOpinion(f Facts, res Assessment) Assessment {
	if (p.ThreatModel == nil || p.ThreatModel.Model == "off") && threatEnv().threshold == "" || p.Severity == nil {
		return res
	}
	urgent := p.Severity.UrgentThreatConfidence
	if th, ok := res.Find(domain.ViolationThreat); ok && th.Firsthand >= urgent {
		return res // the rules rank it already
	}
	vr := p.Violations[domain.ViolationThreat]
	if vr == nil {
		return res
	}
	var found []Evidence
	// scratch reused from sentence to sentence, text to text and judgement to judgement (tmcost33)
	sc := threatScratchPool.Get().(*threatScratch)
	defer threatScratchPool.Put(sc)
	gs := sc.gs[:0]
	defer func() { sc.gs = gs[:0] }()
	scan := func(source, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		st := p.prepare(text)
		lang := model.LangEN
		if st.hasHan {
			lang = model.LangZH
		}
		m, t := p.threatModelFor(lang)
		if m == nil {
			return
		}
		fold, from := model.ThreatFold(st.rs, sc.fold[:0], sc.from[:0])
		sc.fold, sc.from = fold, from
		var except [][2]int
		exceptDone := false
		k := 0
		for si, sp := range st.sents {
			for k < len(from) && int(from[k]) < sp.start {
				k++
			}
			a := k
			for k < len(from) && int(from[k]) < sp.end {
				k++
			}
			if k-a < 2 {
				continue
			}
			gs = sc.set.Grams(fold, a, k, gs[:0]) // ThreatGrams' grams unsorted; Score is the same (tmcost33)
			pr := m.Score(gs)
			if pr < t {
				continue
			}
			model.SortGrams(gs)
			// the n-grams that drove it, strongest first (the bias is none)
			top := slices.DeleteFunc(slices.Clone(gs), func(g model.ThreatGram) bool { return g.At < 0 || g.Weight <= 0 })
			slices.SortStableFunc(top, func(x, y model.ThreatGram) int {
				if x.Weight != y.Weight {
					if x.Weight > y.Weight {
						return -1
					}
					return 1
				}
				return int(x.At - y.At)
			})
			if len(top) == 0 {
				continue
			}
			if lang == model.LangEN && !threatGateEN(st, si, top, fold) {
				continue // English: no collector-side utterance, or no content (threatgate_en.go)
			}
			// the rules' scopes at the n-gram that drove it most
			g := top[0]
			s, e := int(from[g.At]), int(from[g.At+g.N-1])+1
			h := st.hit(s, e, si, lang, pr, false)
			if h.negatedBy != "" || slices.ContainsFunc(h.modifiers, func(x string) bool {
				return x == "question" || x == "hypothetical" || x == "hearsay"
			}) {
				continue
			}
			if !exceptDone {
				except, exceptDone = st.exceptSpans(vr.Except), true
			}
			if slices.ContainsFunc(except, func(x [2]int) bool { return x[0] < sp.end && sp.start < x[1] }) {
				continue // another speaker's words, or a threat the pack excepts
			}
			os, oe := st.n.span(sp.start, sp.end)
			if slices.ContainsFunc(res.Dismissed, func(d Evidence) bool {
				return d.Type == domain.ViolationThreat && d.Source == source && d.Start < oe && os < d.End
			}) {
				continue // the rules read a threat here and set it aside
			}
			var grams []string
			for _, x := range top[:min(3, len(top))] {
				grams = append(grams, string(fold[x.At:x.At+x.N]))
			}
			found = append(found, Evidence{Source: source, Phrase: strings.TrimSpace(st.n.phrase(os, oe)), Start: os, End: oe,
				Pattern: ThreatModelRule, Rule: fmt.Sprintf("%s: p=%.3f ≥ %.3f; n-grams: %s", ThreatModelRule, pr, t, strings.Join(grams, ", ")),
				Law: lawOf(p, domain.ViolationThreat), Confidence: math.Round(pr*1000) / 1000, Modifiers: []string{"model"}})
		}
	}
	scan("narrative", f.Narrative)
	for i, msg := range f.Messages {
		scan(fmt.Sprintf("messages[%d]", i), msg.Text)
	}
	if len(found) == 0 {
		return res
	}
	i := slices.IndexFunc(res.Violations, func(x Finding) bool { return x.Type == domain.ViolationThreat })
	if i < 0 {
		res.Violations = append(res.Violations, Finding{Type: domain.ViolationThreat, Legal: vr.Legal})
		order := func(v domain.ViolationType) int {
			return slices.IndexFunc(domain.ViolationTypes, func(x domain.ViolationInfo) bool { return x.Type == v })
		}
		slices.SortStableFunc(res.Violations, func(a, b Finding) int { return order(a.Type) - order(b.Type) })
		i = slices.IndexFunc(res.Violations, func(x Finding) bool { return x.Type == domain.ViolationThreat })
	}
	fd := &res.Violations[i]
	fd.Evidence = append(fd.Evidence, found...)
	// a sentence the model and the gates admit is a firsthand threat as the rules' URGENT threshold reads one
	fd.Confidence = max(fd.Confidence, urgent)
	fd.Firsthand = max(fd.Firsthand, urgent)
	return res
}
