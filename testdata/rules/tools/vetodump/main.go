// Command vetodump writes, one JSON line per text, the rules' own findings (model off) beside the
// statistical model's probabilities, for measuring a model veto of borderline rule flags (session 31,
// veto31; docs/RULES.md "Session 31 (veto31)"). Held-out records are never read.
//
//	go run ./testdata/rules/tools/vetodump cv 5              # train split of rules.TrainingFiles, out-of-fold models
//	go run ./testdata/rules/tools/vetodump blind DIR...      # DIR/zh.txt, DIR/en.txt (blindeval.py format), built-in model
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/model"
)

type finding struct {
	Type       domain.ViolationType `json:"type"`
	Confidence float64              `json:"conf"`
	Firsthand  float64              `json:"firsthand"`
	Evidence   []evidence           `json:"ev"`
}

type evidence struct {
	Rule       string   `json:"rule"`
	Phrase     string   `json:"phrase"`
	Confidence float64  `json:"conf"`
	Modifiers  []string `json:"mods,omitempty"`
}

type row struct {
	Set      string                           `json:"set"`
	ID       string                           `json:"id"`
	Fold     int                              `json:"fold"`
	Lang     string                           `json:"lang"`
	Must     []domain.ViolationType           `json:"must"`
	Optional []domain.ViolationType           `json:"opt"`
	Findings []finding                        `json:"findings"`
	Prob     map[domain.ViolationType]float64 `json:"prob"`
	Thr      map[domain.ViolationType]float64 `json:"thr"`
}

var now = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

func main() {
	rules.UseModel(rules.ModelUse{}) // the rules alone: the model is read apart
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	switch os.Args[1] {
	case "cv":
		folds, _ := strconv.Atoi(os.Args[2])
		type set struct {
			name string
			pack *rules.Pack
			recs []rules.Labelled
		}
		var sets []set
		var examples []model.Example
		for _, name := range rules.TrainingFiles {
			f, err := os.Open(name)
			check(err)
			recs, err := rules.ReadLabelled(f)
			f.Close()
			check(err)
			j := rules.CN
			if base := filepath.Base(name); strings.HasPrefix(base, "cfpb") || strings.HasPrefix(base, "en-") {
				j = rules.US
			}
			p, err := rules.Default(j)
			check(err)
			var train []rules.Labelled
			for _, r := range recs {
				if r.Split == "train" {
					train = append(train, r)
				}
			}
			sets = append(sets, set{filepath.Base(name), p, train})
			examples = append(examples, rules.TrainingExamplesOf(p, train, rules.TrainingWeights[filepath.Base(name)], model.DefaultOptions)...)
		}
		for f := range folds {
			var tr []model.Example
			for _, e := range examples {
				if rules.OuterFold(e.ID, folds) != f {
					tr = append(tr, e)
				}
			}
			m := model.Train(tr, model.DefaultOptions)
			for _, s := range sets {
				for _, r := range s.recs {
					if rules.OuterFold(r.ID, folds) == f {
						check(out.Encode(judge(s.name, r.ID, f, s.pack, m, r.Text, r.Must, r.Optional)))
					}
				}
			}
		}
	case "blind":
		m, err := model.Builtin()
		check(err)
		for _, dir := range os.Args[2:] {
			for _, lang := range []string{"zh", "en"} {
				j := rules.CN
				if lang == "en" {
					j = rules.US
				}
				p, err := rules.Default(j)
				check(err)
				f, err := os.Open(filepath.Join(dir, lang+".txt"))
				check(err)
				sc := bufio.NewScanner(f)
				sc.Buffer(nil, 1<<20)
				for n := 0; sc.Scan(); n++ {
					line := sc.Text()
					if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
						continue
					}
					parts := strings.SplitN(line, "|", 4)
					check(out.Encode(judge(filepath.Base(dir), fmt.Sprintf("%s-%03d", lang, n), -1, p, m, parts[3], types(parts[0]), types(parts[1]))))
				}
				f.Close()
			}
		}
	}
}

func types(s string) []domain.ViolationType {
	var out []domain.ViolationType
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" && x != "-" {
			out = append(out, domain.ViolationType(x))
		}
	}
	return out
}

func judge(set, id string, fold int, p *rules.Pack, m *model.Model, text string, must, opt []domain.ViolationType) row {
	r := row{Set: set, ID: id, Fold: fold, Lang: model.Language(text), Must: must, Optional: opt,
		Prob: m.Probabilities(text), Thr: m.Thresholds(text)}
	a := p.Assess(rules.Facts{Narrative: text})
	for _, v := range a.Violations {
		fd := finding{Type: v.Type, Confidence: v.Confidence, Firsthand: v.Firsthand}
		for _, e := range v.Evidence {
			fd.Evidence = append(fd.Evidence, evidence{e.Rule, e.Phrase, e.Confidence, e.Modifiers})
		}
		r.Findings = append(r.Findings, fd)
	}
	return r
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
