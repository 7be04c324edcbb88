package rules

import (
	"hash/fnv"
	"slices"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// LabelledSet is a named list of labelled texts judged by one pack.
type LabelledSet struct {
	Name string
	Pack *Pack
	Recs []Labelled
	// ScoreOnly: the set is a part of another set scored apart (e.g. the blind batches of
	// zh-written-train, written after the rules and never tuned on): its records are judged and
	// reported, but not counted again when a combination is tuned.
	ScoreOnly bool
}

// OuterFold is the fold of the outer cross-validation a record falls in: a hash of its id, salted so
// that it is independent of the folds the model's own training uses to choose thresholds.
func OuterFold(id string, folds int) int {
	h := fnv.New32a()
	h.Write([]byte("outer:" + id))
	return int(h.Sum32() % uint32(folds))
}

// Combination is another way of joining the rules and the model than the judgement's own (where the
// model adds a type the rules did not flag once its probability passes the type's threshold), for
// cross-validation experiments (session 9):
//   - Raise[t]: a type the rules found below the routing threshold (a weak hit such as a topic word)
//     is flagged when the model's probability is at least Raise[t];
//   - Alone[t]: a type only the model flags needs a probability of at least Alone[t] as well as the
//     type's threshold;
//   - Lift[t]: a type whose hit the rules dismissed (negated, an exception…) and did not flag is
//     flagged when the model's probability is at least Lift[t];
//   - Tune: Raise, Alone and Lift are chosen per type in each outer fold, on the other folds'
//     out-of-fold judgements, as the triple of highest F1 of the type (grid RaiseGrid × AloneGrid ×
//     LiftGrid, tried from the one that flags least, which ties keep), then applied to the fold.
type Combination struct {
	Raise map[domain.ViolationType]float64 `json:"raise,omitempty"`
	Alone map[domain.ViolationType]float64 `json:"alone,omitempty"`
	Lift  map[domain.ViolationType]float64 `json:"lift,omitempty"`
	Tune  bool                             `json:"tune,omitempty"`
}

// The grids Combination.Tune chooses from; never (1.01) and no further condition (0) included.
var (
	RaiseGrid = []float64{never, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3}
	AloneGrid = []float64{never, 0.9, 0.8, 0.7, 0.6, 0.5, 0}
	LiftGrid  = []float64{never, 0.8, 0.6, 0.4, 0.2}
)

const never = 1.01

// CrossValidate is the outer cross-validation of the rules with a second opinion, on train records
// only: for each fold, a model is trained (options o) on the examples of the other folds, and the
// train records of each set in the fold are judged by the set's pack with that model; the flags of
// all folds are scored together (split "cv"). With o.Epochs == 0 the rules judge alone. Held-out
// records are skipped, never read into a model or a report.
func CrossValidate(sets []LabelledSet, examples []model.Example, o model.Options, folds int, now time.Time) []EvalReport {
	return CrossValidateCombined(sets, examples, o, folds, now, nil)
}

// cvJudged is one train record of a cross-validation: its labels, the rules' confidences alone,
// the flags of the rules with the fold's model as judgement joins them, and the fold model's
// probabilities and thresholds.
type cvJudged struct {
	set, fold int
	scoreOnly bool
	rec       Labelled
	rules     map[domain.ViolationType]float64
	with      []domain.ViolationType
	dismissed []domain.ViolationType // types of the hits the rules dismissed
	prob, thr map[domain.ViolationType]float64
}

// CrossValidateCombined is CrossValidate with the rules and each fold's model joined as c says (nil:
// as judgement joins them).
func CrossValidateCombined(sets []LabelledSet, examples []model.Example, o model.Options, folds int, now time.Time, c *Combination) []EvalReport {
	before := CurrentModel()
	defer UseModel(before)
	var all []cvJudged
	for f := range folds {
		var m *model.Model
		if o.Epochs > 0 {
			var train []model.Example
			for _, e := range examples {
				if OuterFold(e.ID, folds) != f {
					train = append(train, e)
				}
			}
			m = model.Train(train, o)
		}
		for i, s := range sets {
			for _, l := range s.Recs {
				if l.Split != "train" || OuterFold(l.ID, folds) != f {
					continue
				}
				j := cvJudged{set: i, fold: f, rec: l, scoreOnly: s.ScoreOnly}
				UseModel(ModelUse{Model: m, Gates: ModelGates}) // every pack, behind the default gates
				j.with = s.Pack.JudgeText(l.ID, l.Text, now).Flagged()
				if c != nil && m != nil {
					UseModel(ModelUse{})
					j.rules = map[domain.ViolationType]float64{}
					for _, v := range s.Pack.JudgeText(l.ID, l.Text, now).Violations {
						j.rules[v.Type] = v.Confidence
					}
					reading := s.Pack.ruleReading(l.Text)
					for _, d := range reading.Dismissed {
						j.dismissed = append(j.dismissed, d.Type)
					}
					var extra []string
					if m.Extra() {
						extra, _ = ModelExtra(s.Pack, m.ReadsRules(), m.Meta.Abstract, l.Text, reading)
					}
					j.prob, j.thr = m.ProbabilitiesWith(l.Text, extra), m.Thresholds(l.Text)
				}
				all = append(all, j)
			}
		}
	}
	recs, got := make([][]Labelled, len(sets)), make([][][]domain.ViolationType, len(sets))
	tuned := map[int]Combination{}
	for _, j := range all {
		flags := j.with
		if j.rules != nil {
			cf := *c
			if c.Tune {
				if _, ok := tuned[j.fold]; !ok {
					tuned[j.fold] = tuneCombination(all, j.fold)
				}
				cf = tuned[j.fold]
			}
			flags = cf.flags(j)
		}
		recs[j.set] = append(recs[j.set], j.rec)
		got[j.set] = append(got[j.set], flags)
	}
	reports := make([]EvalReport, len(sets))
	for i, s := range sets {
		reports[i] = Score(s.Name, "cv", recs[i], got[i])
	}
	return reports
}

// flags are the types c flags for a judged record.
func (c Combination) flags(j cvJudged) []domain.ViolationType {
	var out []domain.ViolationType
	for _, vt := range domain.ViolationTypes {
		if c.flag(j, vt.Type) {
			out = append(out, vt.Type)
		}
	}
	return out
}

func (c Combination) flag(j cvJudged, t domain.ViolationType) bool {
	conf := j.rules[t]
	if conf >= domain.RoutingConfidence {
		return true
	}
	raise, ok := c.Raise[t]
	if ok && conf > 0 && j.prob[t] >= raise {
		return true
	}
	lift, ok := c.Lift[t]
	if ok && conf < domain.RoutingConfidence && slices.Contains(j.dismissed, t) && j.prob[t] >= lift {
		return true
	}
	// a flag the model added (its probability passed the type's threshold)
	return slices.Contains(j.with, t) && j.thr[t] > 0 && j.prob[t] >= max(c.Alone[t], j.thr[t])
}

// tuneCombination chooses, per type, the Raise, Alone and Lift of highest F1 on the judged records of
// the folds other than fold, parts scored apart left out (ties: the first in grid order, which flags
// least).
func tuneCombination(all []cvJudged, fold int) Combination {
	c := Combination{Raise: map[domain.ViolationType]float64{}, Alone: map[domain.ViolationType]float64{}, Lift: map[domain.ViolationType]float64{}}
	for _, vt := range domain.ViolationTypes {
		t := vt.Type
		best := -1.0
		for _, a := range AloneGrid {
			for _, r := range RaiseGrid {
				for _, lf := range LiftGrid {
					try := Combination{Raise: map[domain.ViolationType]float64{t: r}, Alone: map[domain.ViolationType]float64{t: a}, Lift: map[domain.ViolationType]float64{t: lf}}
					var n tally
					for _, j := range all {
						if j.fold == fold || j.scoreOnly || j.rules == nil || slices.Contains(j.rec.Optional, t) {
							continue
						}
						n.add(try.flag(j, t), slices.Contains(j.rec.Must, t))
					}
					if f1 := n.f1(); f1 > best+1e-9 {
						best = f1
						c.Raise[t], c.Alone[t], c.Lift[t] = r, a, lf
					}
				}
			}
		}
	}
	return c
}

// tally counts a type's decisions against its labels.
type tally struct{ tp, fp, fn int }

// add counts one text: whether the type was flagged (got) and whether it is required (want).
func (n *tally) add(got, want bool) {
	switch {
	case got && want:
		n.tp++
	case got:
		n.fp++
	case want:
		n.fn++
	}
}

// f1 is the type's F1 (0 without a true positive).
func (n tally) f1() float64 {
	if n.tp == 0 {
		return 0
	}
	return 2 * float64(n.tp) / float64(2*n.tp+n.fp+n.fn)
}
