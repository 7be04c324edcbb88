package rules

import (
	"hash/fnv"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// LabelledSet is a named list of labelled texts judged by one pack.
type LabelledSet struct {
	Name string
	Pack *Pack
	Recs []Labelled
}

// OuterFold is the fold of the outer cross-validation a record falls in: a hash of its id, salted so
// that it is independent of the folds the model's own training uses to choose thresholds.
func OuterFold(id string, folds int) int {
	h := fnv.New32a()
	h.Write([]byte("outer:" + id))
	return int(h.Sum32() % uint32(folds))
}

// CrossValidate is the outer cross-validation of the rules with a second opinion, on train records
// only: for each fold, a model is trained (options o) on the examples of the other folds, and the
// train records of each set in the fold are judged by the set's pack with that model; the flags of
// all folds are scored together (split "cv"). With o.Epochs == 0 the rules judge alone. Held-out
// records are skipped, never read into a model or a report.
func CrossValidate(sets []LabelledSet, examples []model.Example, o model.Options, folds int, now time.Time) []EvalReport {
	before := CurrentModel()
	defer UseModel(before)
	type judged struct {
		recs []Labelled
		got  [][]domain.ViolationType
	}
	out := make([]judged, len(sets))
	for f := range folds {
		u := ModelUse{}
		if o.Epochs > 0 {
			var train []model.Example
			for _, e := range examples {
				if OuterFold(e.ID, folds) != f {
					train = append(train, e)
				}
			}
			u = Everywhere(model.Train(train, o))
		}
		UseModel(u)
		for i, s := range sets {
			for _, l := range s.Recs {
				if l.Split != "train" || OuterFold(l.ID, folds) != f {
					continue
				}
				out[i].recs = append(out[i].recs, l)
				out[i].got = append(out[i].got, s.Pack.JudgeText(l.ID, l.Text, now).Flagged())
			}
		}
	}
	reports := make([]EvalReport, len(sets))
	for i, s := range sets {
		reports[i] = Score(s.Name, "cv", out[i].recs, out[i].got)
	}
	return reports
}
