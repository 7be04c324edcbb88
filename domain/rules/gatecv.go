package rules

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// GateCV (session 14) measures gated joins of the rules and the model (ModelGate) by a grouped,
// nested cross-validation on train records only:
//   - groups: texts whose character-3-gram sets overlap at Jaccard ≥ Dup (the same author filing
//     twice, a written text adapted from a real one) are one group, and a group falls in one fold
//     (OuterFold of its first id), for the scored records and the training-only ones alike;
//   - outer folds: for each fold f, a model trained on the examples of the other folds judges f's
//     scored records as judgement joins them (Pack.Judge, ungated); a gate then keeps some of the
//     flags the model added;
//   - nested choice: a gate's allow-list or per-type probability is chosen for fold f only on inner
//     judgements of the other folds, by models trained without f (and without the inner fold), so
//     fold f's labels never steer the gate it is scored with;
//   - intervals: a paired bootstrap over the groups of the scored records.
type GateCVOptions struct {
	Folds  int
	Dup    float64 // Jaccard of character-3-gram sets at which two texts are one group (0: 0.5)
	Rounds int     // bootstrap resamples (0: 1000)
}

// GateVariant is one way of choosing a gate: Choose "" (the gate as given), "allow" (the types whose
// inner F1 the model's flags raise) or "min" (per type, the probability of highest inner F1).
type GateVariant struct {
	Name    string
	Support Support
	Choose  string
}

// GateVariants are the variants GateCV measures.
var GateVariants = []GateVariant{
	{Name: "rules + model (ungated)"},
	{Name: "(b) rule support, own type", Support: SupportOwn},
	{Name: "(b) rule support, own or related type", Support: SupportRelated},
	{Name: "(a) allow-list", Choose: "allow"},
	{Name: "(a+b) allow-list, own support", Support: SupportOwn, Choose: "allow"},
	{Name: "(a+b) allow-list, related support", Support: SupportRelated, Choose: "allow"},
	{Name: "(c) per-type probability", Choose: "min"},
	{Name: "(c+b) per-type probability, own support", Support: SupportOwn, Choose: "min"},
	{Name: "(c+b) per-type probability, related support", Support: SupportRelated, Choose: "min"},
	{Name: "(d) per type: rules, rules OR model ≥ t, or rules AND model ≥ k", Choose: "per-type"},
	{Name: "(d+b) per type, OR needs own support", Support: SupportOwn, Choose: "per-type"},
}

// KeepGrid are the probabilities Choose "per-type" tries for an AND gate (ModelGate.Keep): a rules
// flag stands when the model gives its type at least this much.
var KeepGrid = []float64{0.05, 0.1, 0.2, 0.3, 0.5}

// MinGrid are the probabilities Choose "min" tries for a type (never: no model flag).
var MinGrid = []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9, never}

// gateJudged is a scored record as one model judged it.
type gateJudged struct {
	rec   int // index into the scored records
	fold  int // the fold whose judgement this is (outer: the record's fold; inner: the inner fold)
	rules []domain.ViolationType
	added []domain.ViolationType // the types the model added, judgement's join ungated
	prob  map[domain.ViolationType]float64
	sup   map[Support][]domain.ViolationType
}

// flags are the types flagged by the rules and the model's additions that gate g admits.
func (j gateJudged) flags(g ModelGate) []domain.ViolationType {
	out := slices.Clone(j.rules)
	if len(g.Keep) > 0 {
		out = slices.DeleteFunc(out, func(t domain.ViolationType) bool { k, ok := g.Keep[t]; return ok && j.prob[t] < k })
	}
	for _, t := range j.added {
		if g.Allow != nil && !slices.Contains(g.Allow, t) {
			continue
		}
		if m, ok := g.Min[t]; ok && j.prob[t] < m {
			continue
		}
		if g.Support != "" && !slices.Contains(j.sup[g.Support], t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// GateCVResult is what GateCV measured.
type GateCVResult struct {
	Name          string
	Texts, Groups int
	TrainingTexts int
	// Joined: groups of more than one distinct text id; JoinedScored: those holding a scored record.
	Joined, JoinedScored int
	Variants             []GateVariantResult
	Rules                GateScore
	types                []domain.ViolationType
	recs                 []Labelled
	groups               [][]int
	rounds               int
	folds                int
	alone                [][]domain.ViolationType
}

// GateVariantResult is one variant's outer-CV score, its gate chosen on all folds' judgements (what a
// model trained on all train data would take), and the macro-F1 difference to the rules alone.
type GateVariantResult struct {
	Variant   GateVariant
	Score     GateScore
	Gate      ModelGate
	Delta     float64
	Low, High float64
	got       [][]domain.ViolationType
}

// GateScore is a macro-F1, the flag rate on the texts with no required label, and per-type F1.
type GateScore struct {
	Macro, FlagRate float64
	F1              map[domain.ViolationType]float64
	TP, FP, FN      map[domain.ViolationType]int
}

// GateCV runs the experiment on the train records of recs judged by p, the model trained (options o)
// on examples (which hold the scored records' own examples and any training-only texts).
func GateCV(name string, p *Pack, recs []Labelled, examples []model.Example, o model.Options, opt GateCVOptions, now time.Time) GateCVResult {
	if opt.Dup == 0 {
		opt.Dup = 0.5
	}
	if opt.Rounds == 0 {
		opt.Rounds = 1000
	}
	before := CurrentModel()
	defer UseModel(before)
	recs = slices.DeleteFunc(slices.Clone(recs), func(l Labelled) bool { return l.Split != "train" })
	// groups of near-duplicates over the scored and the training texts
	texts := make([]string, 0, len(recs)+len(examples))
	ids := make([]string, 0, cap(texts))
	for _, l := range recs {
		texts, ids = append(texts, l.Text), append(ids, l.ID)
	}
	for _, e := range examples {
		texts, ids = append(texts, e.Text), append(ids, e.ID)
	}
	root := nearDuplicateGroups(texts, opt.Dup)
	foldOf := map[string]int{}
	for i, id := range ids {
		foldOf[id] = OuterFold(ids[root[i]], opt.Folds)
	}
	members := map[int]map[string]bool{}
	for i, id := range ids {
		if members[root[i]] == nil {
			members[root[i]] = map[string]bool{}
		}
		members[root[i]][id] = true
	}
	joined, joinedScored := 0, 0
	for rt, m := range members {
		if len(m) > 1 {
			joined++
			if rt < len(recs) {
				joinedScored++
			}
		}
	}
	groupIdx := map[int]int{}
	var groups [][]int
	for i := range recs {
		g, ok := groupIdx[root[i]]
		if !ok {
			g = len(groups)
			groupIdx[root[i]] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	// the rules alone and their support, once
	UseModel(ModelUse{})
	alone := make([][]domain.ViolationType, len(recs))
	sup := make([]map[Support][]domain.ViolationType, len(recs))
	readings := make([]Assessment, len(recs))
	for i, l := range recs {
		alone[i] = p.JudgeText(l.ID, l.Text, now).Flagged()
		reading := p.ruleReading(l.Text)
		readings[i] = reading
		sup[i] = map[Support][]domain.ViolationType{}
		for _, vt := range domain.ViolationTypes {
			for _, s := range []Support{SupportOwn, SupportRelated} {
				if RuleSupport(reading, vt.Type, s) {
					sup[i][s] = append(sup[i][s], vt.Type)
				}
			}
		}
	}
	judge := func(m *model.Model, fold int, in func(int) bool) []gateJudged {
		var out []gateJudged
		for i, l := range recs {
			if !in(foldOf[l.ID]) {
				continue
			}
			UseModel(Everywhere(m))
			with := p.JudgeText(l.ID, l.Text, now).Flagged()
			var extra []string
			if m.Extra() {
				extra, _ = ModelExtra(p, m.ReadsRules(), m.Meta.Abstract, l.Text, readings[i])
			}
			j := gateJudged{rec: i, fold: fold, rules: alone[i], prob: m.ProbabilitiesWith(l.Text, extra), sup: sup[i]}
			for _, t := range with {
				if !slices.Contains(alone[i], t) {
					j.added = append(j.added, t)
				}
			}
			out = append(out, j)
		}
		return out
	}
	train := func(out ...int) *model.Model {
		var ex []model.Example
		for _, e := range examples {
			if !slices.Contains(out, foldOf[e.ID]) {
				ex = append(ex, e)
			}
		}
		return model.Train(ex, o)
	}
	var outer []gateJudged
	inner := make([][]gateJudged, opt.Folds)
	for f := range opt.Folds {
		outer = append(outer, judge(train(f), f, func(x int) bool { return x == f })...)
		for g := range opt.Folds {
			if g != f {
				inner[f] = append(inner[f], judge(train(f, g), g, func(x int) bool { return x == g })...)
			}
		}
	}
	r := GateCVResult{Name: name, Texts: len(recs), Groups: len(groups), TrainingTexts: len(examples), recs: recs,
		Joined: joined, JoinedScored: joinedScored, groups: groups, rounds: opt.Rounds, folds: opt.Folds, alone: alone}
	for _, vt := range domain.ViolationTypes {
		r.types = append(r.types, vt.Type)
	}
	r.Rules = gateScore(recs, alone, nil)
	for _, v := range GateVariants {
		got := make([][]domain.ViolationType, len(recs))
		gates := make([]ModelGate, opt.Folds)
		for f := range opt.Folds {
			gates[f] = chooseGate(v, recs, inner[f])
		}
		for _, j := range outer {
			got[j.rec] = j.flags(gates[j.fold])
		}
		vr := GateVariantResult{Variant: v, Score: gateScore(recs, got, nil), Gate: chooseGate(v, recs, outer), got: got}
		vr.Delta, vr.Low, vr.High = r.bootstrap(func(idx []int) float64 {
			return macroOf(recs, got, idx) - macroOf(recs, alone, idx)
		})
		r.Variants = append(r.Variants, vr)
	}
	return r
}

// bootstrap returns stat on all records and its 95 % interval over resamples of the groups.
func (r GateCVResult) bootstrap(stat func(idx []int) float64) (float64, float64, float64) {
	all := make([]int, len(r.recs))
	for i := range all {
		all[i] = i
	}
	rng := rand.New(rand.NewPCG(14, uint64(len(r.recs))))
	ds := make([]float64, r.rounds)
	for k := range ds {
		var idx []int
		for range r.groups {
			idx = append(idx, r.groups[rng.IntN(len(r.groups))]...)
		}
		ds[k] = stat(idx)
	}
	slices.Sort(ds)
	return round3(stat(all)), round3(ds[int(0.025*float64(r.rounds))]), round3(ds[int(0.975*float64(r.rounds))-1])
}

// chooseGate chooses variant v's gate on judged records js (their labels in recs): with Choose
// "allow", the types whose F1 the admitted model flags raise above the rules alone; with "min", per
// type the probability of MinGrid of highest F1 (ties: the higher, which flags less).
func chooseGate(v GateVariant, recs []Labelled, js []gateJudged) ModelGate {
	g := ModelGate{Support: v.Support}
	f1 := func(t domain.ViolationType, try ModelGate) float64 {
		var n tally
		for _, j := range js {
			if l := recs[j.rec]; !slices.Contains(l.Optional, t) {
				n.add(slices.Contains(j.flags(try), t), slices.Contains(l.Must, t))
			}
		}
		return n.f1()
	}
	switch v.Choose {
	case "allow":
		g.Allow = []domain.ViolationType{}
		for _, vt := range domain.ViolationTypes {
			t := vt.Type
			if f1(t, ModelGate{Support: v.Support, Allow: []domain.ViolationType{t}}) > f1(t, ModelGate{Allow: []domain.ViolationType{}})+1e-9 {
				g.Allow = append(g.Allow, t)
			}
		}
	case "min":
		g.Min = map[domain.ViolationType]float64{}
		for _, vt := range domain.ViolationTypes {
			t := vt.Type
			best, bestMin := -1.0, never
			for k := len(MinGrid) - 1; k >= 0; k-- { // from the one that flags least
				try := ModelGate{Support: v.Support, Min: map[domain.ViolationType]float64{}}
				for _, u := range domain.ViolationTypes {
					try.Min[u.Type] = never
				}
				try.Min[t] = MinGrid[k]
				if s := f1(t, try); s > best+1e-9 {
					best, bestMin = s, MinGrid[k]
				}
			}
			g.Min[t] = bestMin // 0: the type's threshold alone
		}
	case "per-type":
		// per type, of the rules alone, rules OR model ≥ t (MinGrid) and rules AND model ≥ k
		// (KeepGrid), the one of highest F1 (ties: the rules alone, then the earlier)
		g.Min, g.Keep = map[domain.ViolationType]float64{}, map[domain.ViolationType]float64{}
		for _, vt := range domain.ViolationTypes {
			t := vt.Type
			try := func(min, keep float64) ModelGate {
				x := ModelGate{Support: v.Support, Min: map[domain.ViolationType]float64{}, Keep: map[domain.ViolationType]float64{}}
				for _, u := range domain.ViolationTypes {
					x.Min[u.Type] = never
				}
				x.Min[t] = min
				if keep > 0 {
					x.Keep[t] = keep
				}
				return x
			}
			best, bestMin, bestKeep := f1(t, try(never, 0)), never, 0.0
			for k := len(MinGrid) - 2; k >= 0; k-- {
				if s := f1(t, try(MinGrid[k], 0)); s > best+1e-9 {
					best, bestMin, bestKeep = s, MinGrid[k], 0
				}
			}
			for _, k := range KeepGrid {
				if s := f1(t, try(never, k)); s > best+1e-9 {
					best, bestMin, bestKeep = s, never, k
				}
			}
			g.Min[t] = bestMin
			if bestKeep > 0 {
				g.Keep[t] = bestKeep
			}
		}
	}
	return g
}

// gateScore scores the flags got of recs (idx: the records, nil for all).
func gateScore(recs []Labelled, got [][]domain.ViolationType, idx []int) GateScore {
	s := GateScore{F1: map[domain.ViolationType]float64{}, TP: map[domain.ViolationType]int{}, FP: map[domain.ViolationType]int{}, FN: map[domain.ViolationType]int{}}
	if idx == nil {
		for i := range recs {
			idx = append(idx, i)
		}
	}
	s.Macro = macroOf(recs, got, idx)
	none, flagged := 0, 0
	for _, i := range idx {
		l := recs[i]
		if len(l.Must) == 0 {
			none++
			if slices.ContainsFunc(got[i], func(t domain.ViolationType) bool { return !slices.Contains(l.Optional, t) }) {
				flagged++
			}
		}
		for _, t := range l.Must {
			if slices.Contains(got[i], t) {
				s.TP[t]++
			} else {
				s.FN[t]++
			}
		}
		for _, t := range got[i] {
			if !slices.Contains(l.Must, t) && !slices.Contains(l.Optional, t) {
				s.FP[t]++
			}
		}
	}
	s.FlagRate = ratio(flagged, none)
	for _, vt := range domain.ViolationTypes {
		t := vt.Type
		if s.TP[t]+s.FN[t] > 0 {
			s.F1[t] = ratio(2*s.TP[t], 2*s.TP[t]+s.FP[t]+s.FN[t])
		}
	}
	return s
}

// nearDuplicateGroups returns, for each text, the index of the first text of its group: texts whose
// sets of normalised character 3-grams have a Jaccard similarity of at least min are joined.
func nearDuplicateGroups(texts []string, at float64) []int {
	sets := make([][]uint64, len(texts))
	for i, t := range texts {
		_, rs := model.Normalize(t)
		seen := map[uint64]bool{}
		for k := 0; k+3 <= len(rs); k++ {
			h := fnv.New64a()
			h.Write([]byte(string(rs[k : k+3])))
			seen[h.Sum64()] = true
		}
		for x := range seen {
			sets[i] = append(sets[i], x)
		}
		slices.Sort(sets[i])
	}
	parent := make([]int, len(texts))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range sets {
		for j := i + 1; j < len(sets); j++ {
			a, b := len(sets[i]), len(sets[j])
			if a == 0 || b == 0 || float64(min(a, b)) < at*float64(max(a, b)) {
				continue
			}
			if jaccard(sets[i], sets[j]) >= at {
				ri, rj := find(i), find(j)
				if ri != rj {
					parent[max(ri, rj)] = min(ri, rj)
				}
			}
		}
	}
	out := make([]int, len(texts))
	for i := range out {
		out[i] = find(i)
	}
	return out
}

// jaccard is |a∩b| / |a∪b| of two sorted sets.
func jaccard(a, b []uint64) float64 {
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// Markdown prints the variants (macro-F1, the difference to the rules alone with its interval, the
// flag rate on texts with no required label, the gate chosen on all folds) and the per-type F1 of
// the rules alone and each variant, with the 95 % group-bootstrap interval of the difference.
func (r GateCVResult) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s — grouped nested %d-fold CV, %d train texts in %d groups, models trained on %d texts; %d groups of near-duplicates, %d of them holding a scored text\n\n",
		r.Name, r.folds, r.Texts, r.Groups, r.TrainingTexts, r.Joined, r.JoinedScored)
	fmt.Fprintf(&b, "| variant | macro-F1 | difference to rules alone (95 %% group bootstrap) | flag rate, no required label | gate chosen on all folds |\n|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| rules alone | %.3f | – | %.3f | – |\n", r.Rules.Macro, r.Rules.FlagRate)
	for _, v := range r.Variants {
		fmt.Fprintf(&b, "| %s | %.3f | %+.3f [%+.3f, %+.3f] | %.3f | %s |\n", v.Variant.Name, v.Score.Macro, v.Delta, v.Low, v.High, v.Score.FlagRate, gateString(v.Gate))
	}
	for _, v := range r.Variants {
		fmt.Fprintf(&b, "\n#### %s: per type (F1 rules → variant, difference [95 %%]; TP/FP)\n\n| type | support | rules F1 | variant F1 | difference | TP/FP rules → variant |\n|---|---|---|---|---|---|\n", v.Variant.Name)
		for _, t := range r.types {
			sup := r.Rules.TP[t] + r.Rules.FN[t]
			if sup == 0 {
				continue
			}
			d, lo, hi := r.bootstrap(func(idx []int) float64 {
				return typeF1(r.recs, v.got, idx, t) - typeF1(r.recs, r.alone, idx, t)
			})
			fmt.Fprintf(&b, "| %s | %d | %.3f | %.3f | %+.3f [%+.3f, %+.3f] | %d/%d → %d/%d |\n", t, sup, r.Rules.F1[t], v.Score.F1[t], d, lo, hi,
				r.Rules.TP[t], r.Rules.FP[t], v.Score.TP[t], v.Score.FP[t])
		}
	}
	return b.String()
}

// typeF1 is type t's F1 of the flags got on the records idx.
func typeF1(recs []Labelled, got [][]domain.ViolationType, idx []int, t domain.ViolationType) float64 {
	var n tally
	for _, i := range idx {
		if !slices.Contains(recs[i].Optional, t) {
			n.add(slices.Contains(got[i], t), slices.Contains(recs[i].Must, t))
		}
	}
	return n.f1()
}

// gateString is a gate in one line.
func gateString(g ModelGate) string {
	var parts []string
	if g.Allow != nil {
		var a []string
		for _, t := range g.Allow {
			a = append(a, string(t))
		}
		parts = append(parts, "allow "+strings.Join(a, ", "))
		if len(a) == 0 {
			parts[len(parts)-1] = "allow none"
		}
	}
	if len(g.Min) > 0 {
		var a []string
		for t, m := range g.Min {
			switch {
			case m >= never:
				a = append(a, string(t)+" never")
			case m == 0:
				a = append(a, string(t)+" at its threshold")
			default:
				a = append(a, fmt.Sprintf("%s ≥ %.1f", t, m))
			}
		}
		sort.Strings(a)
		parts = append(parts, strings.Join(a, ", "))
	}
	if len(g.Keep) > 0 {
		var a []string
		for t, k := range g.Keep {
			a = append(a, fmt.Sprintf("%s kept when model ≥ %.2f", t, k))
		}
		sort.Strings(a)
		parts = append(parts, "AND: "+strings.Join(a, ", "))
	}
	if g.Support != "" {
		parts = append(parts, "support "+string(g.Support))
	}
	if len(parts) == 0 {
		return "all types"
	}
	return strings.Join(parts, "; ")
}
