package rules

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

var updateBaseline = flag.Bool("update-baseline", false, "rewrite testdata/rules/baseline.json from the current engine")

// labelDir holds the committed labelled sets (see its README) and the baseline figures.
const labelDir = "../../testdata/rules"

// baselineFigures are one split's figures that CI holds the engine to.
type baselineFigures struct {
	MacroF1   float64            `json:"macroF1"`
	FlagRate  float64            `json:"flagRate"`
	Precision map[string]float64 `json:"precision"`
	Recall    map[string]float64 `json:"recall"`
	Support   map[string]int     `json:"support"`
}

// TestEvalBaseline runs `redline rules eval` over every labelled set in testdata/rules and fails
// when a figure (macro-F1, a type's precision or recall) falls more than 0.005 below the committed
// baseline, or the flag rate on texts with no required label rises more than 0.005 above it.
// `go test ./domain/rules -run TestEvalBaseline -args -update-baseline` rewrites the baseline.
func TestEvalBaseline(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(labelDir, "*.jsonl"))
	basePath := filepath.Join(labelDir, "baseline.json")
	base := map[string]map[string]baselineFigures{}
	if doc, err := os.ReadFile(basePath); err == nil {
		if err := json.Unmarshal(doc, &base); err != nil {
			t.Fatalf("%s: %v", basePath, err)
		}
	}
	if len(files) == 0 {
		if len(base) > 0 && !*updateBaseline {
			t.Logf("no labelled sets in %s yet (they come with the labels' branch); baseline lists %v", labelDir, slices.Sorted(maps.Keys(base)))
		}
		return
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	got := map[string]map[string]baselineFigures{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := ReadLabelled(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		base := filepath.Base(name)
		p := mustPack(t, CN)
		if strings.HasPrefix(base, "cfpb") || strings.HasPrefix(base, "en-") {
			p = mustPack(t, US)
		}
		got[base] = map[string]baselineFigures{}
		for _, split := range []string{"train", "heldout"} {
			var part []Labelled
			for _, r := range recs {
				if r.Split == split {
					part = append(part, r)
				}
			}
			if len(part) == 0 {
				continue
			}
			rep := Evaluate(p, base, split, part, now)
			fig := baselineFigures{MacroF1: rep.MacroF1, FlagRate: rep.FlagRate, Precision: map[string]float64{}, Recall: map[string]float64{}, Support: map[string]int{}}
			for _, s := range rep.Types {
				fig.Precision[string(s.Type)] = s.Precision
				if s.Support > 0 {
					fig.Recall[string(s.Type)] = s.Recall
					fig.Support[string(s.Type)] = s.Support
				}
			}
			got[base][split] = fig
		}
	}
	if *updateBaseline {
		doc, _ := json.MarshalIndent(got, "", " ")
		if err := os.WriteFile(basePath, append(doc, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	const slack = 0.005
	for file, splits := range base {
		if got[file] == nil {
			t.Errorf("baseline has %s, which is not in %s", file, labelDir)
			continue
		}
		for split, want := range splits {
			g := got[file][split]
			if g.MacroF1 < want.MacroF1-slack {
				t.Errorf("%s %s: macro-F1 %.3f fell below the baseline %.3f", file, split, g.MacroF1, want.MacroF1)
			}
			if g.FlagRate > want.FlagRate+slack {
				t.Errorf("%s %s: flag rate on unlabelled texts %.3f rose above the baseline %.3f", file, split, g.FlagRate, want.FlagRate)
			}
			for typ, w := range want.Recall {
				if r, ok := g.Recall[typ]; ok && r < w-slack {
					t.Errorf("%s %s: %s recall %.3f fell below the baseline %.3f", file, split, typ, r, w)
				}
			}
			for typ, w := range want.Precision {
				if pr, ok := g.Precision[typ]; ok && pr < w-slack {
					t.Errorf("%s %s: %s precision %.3f fell below the baseline %.3f", file, split, typ, pr, w)
				}
			}
		}
	}
	for file := range got {
		if base[file] == nil {
			t.Errorf("%s has no baseline: run go test ./domain/rules -run TestEvalBaseline -args -update-baseline", file)
		}
	}
}

// TestCrossValidateScoresTrainOnly: the outer cross-validation judges each train record once (with
// the rules alone it is Evaluate on the train split) and never a held-out one; the outer folds spread
// the ids over every fold, and the model in use before is restored after the models of the folds.
func TestCrossValidateScoresTrainOnly(t *testing.T) {
	p := mustPack(t, US)
	recs := []Labelled{
		{ID: "a", Text: "They call me ten times a day.", Must: []domain.ViolationType{domain.ViolationExcessiveContact}, Split: "train"},
		{ID: "b", Text: "I never owed this debt, it is not mine.", Must: []domain.ViolationType{domain.ViolationDebtDispute}, Split: "train"},
		{ID: "c", Text: "I paid on time and the agent was polite.", Split: "train"},
		{ID: "h", Text: "The collector said he would hurt my kids.", Must: []domain.ViolationType{domain.ViolationThreat}, Split: "heldout"},
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	withModel(t, nil)
	got := CrossValidate([]LabelledSet{{Name: "s", Pack: p, Recs: recs}}, nil, model.Options{}, 3, now)
	want := Evaluate(p, "s", "cv", recs[:3], now)
	if len(got) != 1 || got[0].Texts != 3 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("rules alone: %+v, want %+v", got, want)
	}
	for _, ts := range got[0].Types {
		if ts.Type == domain.ViolationThreat {
			t.Errorf("a held-out record was scored: %+v", ts)
		}
	}
	var ex []model.Example
	for i := range 40 {
		e := model.Example{ID: fmt.Sprintf("g%d", i), Text: fmt.Sprintf("we talked on monday, number %d", i)}
		if i%2 == 0 {
			e.Text = fmt.Sprintf("they called me a purple giraffe, number %d", i)
			e.Must = []domain.ViolationType{domain.ViolationAbusiveLanguage}
		}
		ex = append(ex, e)
	}
	folds := map[int]bool{}
	for _, e := range ex {
		folds[OuterFold(e.ID, 5)] = true
	}
	if len(folds) != 5 {
		t.Fatalf("40 ids fall in %d of 5 folds", len(folds))
	}
	var set []Labelled
	for _, e := range ex {
		set = append(set, Labelled{ID: e.ID, Text: e.Text, Must: e.Must, Split: "train"})
	}
	r := CrossValidate([]LabelledSet{{Name: "g", Pack: p, Recs: set}}, ex, model.DefaultOptions, 5, now)[0]
	if r.Texts != 40 || CurrentModel().Model != nil {
		t.Errorf("with a model: %d texts judged, model in use afterwards %v", r.Texts, CurrentModel().Model)
	}
}

// TestCombination: the cross-validation's other joins of rules and model (session 9). Raise flags a
// type the rules found below the routing threshold when the model's probability reaches it; Alone
// holds back a model-only flag below it; Lift flags a type whose hit the rules dismissed when the
// model's probability reaches it; a type the rules flag stays flagged; Tune chooses per type,
// on the other folds only, the pair of best F1; and the empty combination is the judgement's own.
func TestCombination(t *testing.T) {
	dd := domain.ViolationDebtDispute
	weak := cvJudged{rules: map[domain.ViolationType]float64{dd: 0.45}, prob: map[domain.ViolationType]float64{dd: 0.62}, thr: map[domain.ViolationType]float64{dd: 0.744}}
	alone := cvJudged{rules: map[domain.ViolationType]float64{}, with: []domain.ViolationType{dd}, prob: map[domain.ViolationType]float64{dd: 0.78}, thr: map[domain.ViolationType]float64{dd: 0.744}}
	ruled := cvJudged{rules: map[domain.ViolationType]float64{dd: 0.85}, with: []domain.ViolationType{dd}, prob: map[domain.ViolationType]float64{dd: 0.01}}
	dismissed := cvJudged{rules: map[domain.ViolationType]float64{}, dismissed: []domain.ViolationType{dd}, prob: map[domain.ViolationType]float64{dd: 0.5}, thr: map[domain.ViolationType]float64{dd: 0.744}}
	noHit := cvJudged{rules: map[domain.ViolationType]float64{}, prob: map[domain.ViolationType]float64{dd: 0.5}, thr: map[domain.ViolationType]float64{dd: 0.744}}
	cases := []struct {
		name string
		c    Combination
		j    cvJudged
		want bool
	}{
		{"weak hit, no raise", Combination{}, weak, false},
		{"weak hit raised at 0.6", Combination{Raise: map[domain.ViolationType]float64{dd: 0.6}}, weak, true},
		{"weak hit not raised at 0.7", Combination{Raise: map[domain.ViolationType]float64{dd: 0.7}}, weak, false},
		{"model alone at its threshold", Combination{}, alone, true},
		{"model alone held back below 0.8", Combination{Alone: map[domain.ViolationType]float64{dd: 0.8}}, alone, false},
		{"rules flag whatever the model says", Combination{Alone: map[domain.ViolationType]float64{dd: 0.9}}, ruled, true},
		// Lift (session 11): a hit the rules dismissed is flagged once the model's probability reaches it
		{"dismissed hit lifted at 0.4", Combination{Lift: map[domain.ViolationType]float64{dd: 0.4}}, dismissed, true},
		{"dismissed hit not lifted at 0.6", Combination{Lift: map[domain.ViolationType]float64{dd: 0.6}}, dismissed, false},
		{"no dismissed hit: nothing to lift", Combination{Lift: map[domain.ViolationType]float64{dd: 0.4}}, noHit, false},
	}
	for _, c := range cases {
		if got := c.c.flag(c.j, dd); got != c.want {
			t.Errorf("%s: flagged %v, want %v", c.name, got, c.want)
		}
	}
	// Tune: on folds 1 and 2 a weak hit at probability 0.65 is a dispute and one at 0.35 is not, so
	// raising at 0.6 or 0.5 is best (0.6 flags less); fold 0's own records are never read
	var all []cvJudged
	for f := range 3 {
		for _, p := range []float64{0.65, 0.35} {
			j := cvJudged{fold: f, rules: map[domain.ViolationType]float64{dd: 0.45}, prob: map[domain.ViolationType]float64{dd: p}}
			if p > 0.5 != (f == 0) {
				j.rec.Must = []domain.ViolationType{dd}
			}
			all = append(all, j)
		}
	}
	if c := tuneCombination(all, 0); c.Raise[dd] != 0.6 {
		t.Errorf("tuned on folds 1 and 2: raise %v, want 0.6", c.Raise[dd])
	}
	if c := tuneCombination(all, 1); c.Raise[dd] != 0.3 {
		t.Errorf("tuned on folds 0 and 2, where half the weak hits are disputes whatever the model says: raise %v, want 0.3 (F1 0.67, not raising 0)", c.Raise[dd])
	}
	p := mustPack(t, US)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var ex []model.Example
	var set []Labelled
	for i := range 40 {
		l := Labelled{ID: fmt.Sprintf("c%d", i), Text: fmt.Sprintf("we talked on monday, number %d", i), Split: "train"}
		if i%2 == 0 {
			l.Text = fmt.Sprintf("they called me a purple giraffe and I dispute it, number %d", i)
			l.Must = []domain.ViolationType{domain.ViolationAbusiveLanguage}
		}
		set = append(set, l)
		ex = append(ex, model.Example{ID: l.ID, Text: l.Text, Must: l.Must})
	}
	sets := []LabelledSet{{Name: "g", Pack: p, Recs: set}}
	own := CrossValidate(sets, ex, model.DefaultOptions, 5, now)[0]
	empty := CrossValidateCombined(sets, ex, model.DefaultOptions, 5, now, &Combination{})[0]
	if own.MacroF1 != empty.MacroF1 || own.FlagRate != empty.FlagRate || own.Texts != empty.Texts {
		t.Errorf("the empty combination: %+v, the judgement's own: %+v", empty, own)
	}
}
