package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// trainModel is `redline rules train`: it fits the statistical second opinion on the train split of
// the labelled sets and writes the model file (by default the built-in one, from the repository root).
func trainModel(args []string, stdout io.Writer) error {
	if len(args) > 0 && (args[0] == "--threat" || args[0] == "-threat") {
		return trainThreat(args[1:], stdout)
	}
	fs := flag.NewFlagSet("rules train", flag.ContinueOnError)
	out := fs.String("out", "domain/rules/model/model.bin.gz", "where to write the model")
	cv := fs.Int("cv", 0, "instead of writing a model: an outer cross-validation with this many folds of the rules with models trained on the other folds, on the files' train split")
	rulesOnly := fs.Bool("rules-only", false, "with --cv: the rules alone, no model")
	combineJSON := fs.String("combine", "", "with --cv: join the rules and each fold's model otherwise than judgement does, as JSON (rules.Combination), e.g. {\"raise\":{\"DEBT_DISPUTE\":0.6}} or {\"tune\":true}")
	weightsJSON := fs.String("weights", "", "weigh the training texts of a file (by base name) in the fit, as JSON, e.g. {\"zh-real.jsonl\":2} (default: rules.TrainingWeights)")
	trainOn := fs.String("train", "", "with --cv: train the models on these files' train split (comma-separated) instead of the files scored, e.g. to score a set the model does not learn from")
	subset := fs.String("subset", "", "with --cv: also score apart the records whose ids fall in these ranges, e.g. zht-876..zht-914,zht-1084..zht-1123 (blind batches the rules were never tuned on)")
	gateCV := fs.Int("gate-cv", 0, "instead of writing a model: the grouped, nested cross-validation with this many folds of gated joins of the rules and the model (rules.GateCV) on the train split of the files scored; --train names every file the models learn from (the files scored among them)")
	dup := fs.Float64("dup", 0.5, "with --gate-cv: the Jaccard of character 3-gram sets at which two texts are one group")
	optsJSON := fs.String("options", "", "training options as JSON over the defaults (experiments), e.g. {\"lang\":{\"en\":{\"maxFpr\":0.03}}}")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		files = rules.TrainingFiles
	}
	opts := model.DefaultOptions
	if *optsJSON != "" {
		opts.Lang = nil // replaced by the JSON's, when it has one
		if err := json.Unmarshal([]byte(*optsJSON), &opts); err != nil {
			return fmt.Errorf("--options: %w", err)
		}
		if opts.Lang == nil {
			opts.Lang = model.DefaultOptions.Lang
		}
	}
	weights := rules.TrainingWeights
	if *weightsJSON != "" {
		if err := json.Unmarshal([]byte(*weightsJSON), &weights); err != nil {
			return fmt.Errorf("--weights: %w", err)
		}
	}
	trainFiles := files
	if *trainOn != "" {
		if *cv == 0 && *gateCV == 0 {
			return errors.New("--train needs --cv")
		}
		trainFiles = strings.Split(*trainOn, ",")
	}
	examples, err := readTrainingExamples(trainFiles, weights, opts)
	if err != nil {
		return err
	}
	if *gateCV > 0 {
		return gateCrossValidate(files, examples, opts, *gateCV, *dup, stdout)
	}
	var combine *rules.Combination
	if *combineJSON != "" {
		if *cv == 0 || *rulesOnly {
			return errors.New("--combine needs --cv and a model (not --rules-only)")
		}
		combine = &rules.Combination{}
		if err := json.Unmarshal([]byte(*combineJSON), combine); err != nil {
			return fmt.Errorf("--combine: %w", err)
		}
	}
	if *cv > 0 {
		ranges, err := parseIDRanges(*subset)
		if err != nil {
			return fmt.Errorf("--subset: %w", err)
		}
		return crossValidate(files, examples, opts, *cv, *rulesOnly, combine, ranges, stdout)
	}
	t0 := time.Now()
	m := model.Train(examples, opts)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "trained on %d texts (train split of %v) in %s; %s: %d bytes; inputs %s\n\n",
		len(examples), files, time.Since(t0).Round(time.Millisecond), *out, buf.Len(), m.Meta.Inputs)
	fmt.Fprintln(stdout, m.Markdown())
	return nil
}

// crossValidate prints the outer cross-validation of the rules and the model (rules.CrossValidate,
// rules.CrossValidateCombined with a combination) on the train split of the files.
// With id ranges, each set's records in them are also scored apart ("NAME [subset]").
func crossValidate(files []string, examples []model.Example, opts model.Options, folds int, rulesOnly bool, combine *rules.Combination, ranges []idRange, stdout io.Writer) error {
	if folds < 2 {
		return errors.New("--cv needs at least 2 folds")
	}
	var sets, parts []rules.LabelledSet
	for _, name := range files {
		p, base, splits, err := readSplits(name, "")
		if err != nil {
			return err
		}
		sets = append(sets, rules.LabelledSet{Name: base, Pack: p, Recs: splits["train"]})
		var in []rules.Labelled
		for _, l := range splits["train"] {
			if slices.ContainsFunc(ranges, func(r idRange) bool { return r.holds(l.ID) }) {
				in = append(in, l)
			}
		}
		if len(in) > 0 {
			parts = append(parts, rules.LabelledSet{Name: base + " [subset]", Pack: p, Recs: in, ScoreOnly: true})
		}
	}
	sets = append(sets, parts...)
	if rulesOnly {
		opts.Epochs = 0
	}
	for _, r := range rules.CrossValidateCombined(sets, examples, opts, folds, time.Now(), combine) {
		fmt.Fprintln(stdout, r.Markdown())
	}
	return nil
}

// gateCrossValidate prints rules.GateCV of each file's train split, the models trained on examples.
func gateCrossValidate(files []string, examples []model.Example, opts model.Options, folds int, dup float64, stdout io.Writer) error {
	if folds < 2 {
		return errors.New("--gate-cv needs at least 2 folds")
	}
	for _, name := range files {
		p, base, splits, err := readSplits(name, "")
		if err != nil {
			return err
		}
		r := rules.GateCV(base, p, splits["train"], examples, opts, rules.GateCVOptions{Folds: folds, Dup: dup}, time.Now())
		fmt.Fprintln(stdout, r.Markdown())
	}
	return nil
}

// readTrainingExamples reads the train split of the files as the model's examples, weighed by file
// (base name) and with the extra features a model trained with opts reads (rules.TrainingExamplesOf).
func readTrainingExamples(files []string, weights map[string]float64, opts model.Options) ([]model.Example, error) {
	var out []model.Example
	for _, name := range files {
		p, base, splits, err := readSplits(name, "")
		if err != nil {
			return nil, err
		}
		out = append(out, rules.TrainingExamplesOf(p, splits["train"], weights[base], opts)...)
	}
	return out, nil
}

// evalWithModels evaluates the files with the rules alone ("off"), with the built-in model
// ("builtin"), as the default judges them ("auto": the model for the packs of rules.ModelAuto), or
// the rules alone and then with the model ("both"); reports with the model say so in their name
// ("cfpb.jsonl (rules + model)").
func evalWithModels(files []string, juris, setting string, m *model.Model) ([]rules.EvalReport, error) {
	settings := []string{setting}
	if setting == "both" {
		settings = []string{"off", "builtin"}
	}
	before := rules.CurrentModel()
	defer rules.UseModel(before)
	var reports []rules.EvalReport
	for _, s := range settings {
		u, err := rules.ModelFromSetting(s)
		if err != nil {
			return nil, fmt.Errorf("--model: %w", err)
		}
		if u.Model != nil {
			u.Model = m // the built-in one or a candidate (--model-file)
		}
		rules.UseModel(u)
		for _, name := range files {
			p, _, _, err := readSplits(name, juris)
			if err != nil {
				return nil, err
			}
			reps, err := evalFile(name, juris)
			if err != nil {
				return nil, err
			}
			for i := range reps {
				if u.For(p.Jurisdiction) != nil {
					reps[i].Name += " (rules + model)"
				}
			}
			reports = append(reports, reps...)
		}
	}
	return reports, nil
}

// printModelGains prints, per file and split, the macro-F1 difference model m (the built-in one or a
// candidate) makes and its 95 % paired-bootstrap interval (1000 resamples), and whether the default
// (REDLINE_MODEL=auto) judges the set's pack with a model.
func printModelGains(files []string, juris string, m *model.Model, stdout io.Writer) error {
	fmt.Fprintln(stdout, "### the built-in model against the rules alone (macro-F1 difference, 95 % paired bootstrap, 1000 resamples)")
	auto, err := rules.ModelFromSetting("auto")
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\n| set | split | texts | difference | interval | model by default (auto) |\n|---|---|---|---|---|---|")
	return eachSplit(files, juris, func(p *rules.Pack, base, s string, recs []rules.Labelled) {
		g := rules.CompareModel(p, m, base, s, recs, time.Now(), 1000)
		on := "no"
		if auto.For(p.Jurisdiction) != nil {
			on = "yes"
		}
		fmt.Fprintf(stdout, "| %s | %s | %d | %+.3f | [%+.3f, %+.3f] | %s (%s) |\n", g.Name, g.Split, g.Texts, g.Delta, g.Low, g.High, on, p.Jurisdiction)
	})
}

// idRange is a range of record ids of one prefix ("zht-876..zht-914": zht-876 to zht-914).
type idRange struct {
	prefix string
	lo, hi int
}

func (r idRange) holds(id string) bool {
	rest, ok := strings.CutPrefix(id, r.prefix)
	n, err := strconv.Atoi(rest)
	return ok && err == nil && n >= r.lo && n <= r.hi
}

// parseIDRanges reads "zht-876..zht-914,zht-1084..zht-1123" ("" is none).
func parseIDRanges(s string) ([]idRange, error) {
	var out []idRange
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		a, b, ok := strings.Cut(strings.TrimSpace(part), "..")
		pa, na, okA := splitID(a)
		pb, nb, okB := splitID(b)
		if !ok || !okA || !okB || pa != pb || na > nb {
			return nil, fmt.Errorf("%q is not a range such as zht-876..zht-914", part)
		}
		out = append(out, idRange{prefix: pa, lo: na, hi: nb})
	}
	return out, nil
}

// splitID splits an id into its prefix and trailing number ("zht-876" -> "zht-", 876).
func splitID(id string) (string, int, bool) {
	i := strings.LastIndexFunc(id, func(r rune) bool { return r < '0' || r > '9' }) + 1
	n, err := strconv.Atoi(id[i:])
	return id[:i], n, err == nil
}
