package rules

import (
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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
