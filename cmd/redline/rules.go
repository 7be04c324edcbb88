package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/cfpb"
	"github.com/redline-regulator/redline/domain/rules/model"
)

const rulesUsage = `usage: redline rules judge [--jurisdiction CN|US] < texts.jsonl   ({"id","text","jurisdiction"} per line)
       redline rules eval [--jurisdiction CN|US] [--json] [--model both|builtin|off] FILE.jsonl...   ({"id","text","must","optional","split"})
       redline rules perturb [--jurisdiction CN|US] [--json] FILE.jsonl...   (train texts only: flags kept when rewritten as people evade filters)
       redline rules eval-cfpb [--jurisdiction US] [--threshold 0.5] [--product NAME]... FILE...
       redline rules train [--out domain/rules/model/model.bin.gz] [--cv FOLDS [--rules-only | --combine JSON]] [--options JSON] [FILE.jsonl...]
       redline rules reassess --since YYYY-MM-DD | --resume JOB-ID
       redline rules check PACK.json
       redline rules show CN|US`

// runRules is `redline rules`: evaluate a rule pack on CFPB exports, validate an edited pack, or
// print a built-in one. It needs neither the database nor Redis.
func runRules(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(rulesUsage)
	}
	switch args[0] {
	case "judge":
		return judgeTexts(args[1:], os.Stdin, stdout)
	case "eval":
		return evalLabelled(args[1:], stdout)
	case "eval-cfpb":
		return evalCFPB(args[1:], stdout)
	case "perturb":
		return perturbLabelled(args[1:], stdout)
	case "reassess":
		return runReassess(context.Background(), args[1:], stdout)
	case "train":
		return trainModel(args[1:], stdout)
	case "check":
		if len(args) != 2 {
			return errors.New(rulesUsage)
		}
		doc, err := os.ReadFile(args[1])
		if err != nil {
			return err
		}
		p, err := rules.Parse(doc)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: pack %s version %s is valid\n", args[1], p.Jurisdiction, p.Version)
		return nil
	case "show":
		if len(args) != 2 {
			return errors.New(rulesUsage)
		}
		doc, err := rules.BuiltinDocument(rules.Jurisdiction(strings.ToUpper(args[1])))
		if err != nil {
			return err
		}
		_, err = stdout.Write(doc)
		return err
	}
	return fmt.Errorf("unknown rules command %q\n%s", args[0], rulesUsage)
}

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, "; ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func evalCFPB(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rules eval-cfpb", flag.ContinueOnError)
	juris := fs.String("jurisdiction", "US", "rule pack to run")
	threshold := fs.Float64("threshold", 0.5, "confidence at which a finding counts as a prediction")
	var products listFlag
	fs.Var(&products, "product", "CFPB product to read (repeatable; default: debt collection and payday/title/personal loans)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New(rulesUsage)
	}
	p, err := rules.Default(rules.Jurisdiction(strings.ToUpper(*juris)))
	if err != nil {
		return err
	}
	var all []cfpb.Record
	for _, name := range fs.Args() {
		records, err := readCFPB(name)
		if err != nil {
			return err
		}
		all = append(all, records...)
		rep := cfpb.Eval(p, records, cfpb.Options{Products: products, Threshold: *threshold, Name: filepath.Base(name)})
		fmt.Fprintln(stdout, rep.Markdown())
	}
	if fs.NArg() > 1 {
		rep := cfpb.Eval(p, all, cfpb.Options{Products: products, Threshold: *threshold, Name: "all files"})
		fmt.Fprintln(stdout, rep.Markdown())
	}
	return nil
}

func readCFPB(name string) ([]cfpb.Record, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	records, err := cfpb.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return records, nil
}

// judgeTexts is `redline rules judge`: JSON lines {"id","text","jurisdiction"} in, one verdict per
// line out, each text judged as routing judges a complaint's narrative.
func judgeTexts(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("rules judge", flag.ContinueOnError)
	juris := fs.String("jurisdiction", "CN", "pack for lines that name no jurisdiction")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	now := time.Now()
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var in struct {
			ID           string `json:"id"`
			Text         string `json:"text"`
			Jurisdiction string `json:"jurisdiction"`
		}
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		j := in.Jurisdiction
		if j == "" {
			j = *juris
		}
		p, err := rules.Default(rules.Jurisdiction(strings.ToUpper(j)))
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if err := enc.Encode(p.JudgeText(in.ID, in.Text, now)); err != nil {
			return err
		}
	}
	return sc.Err()
}

// evalLabelled is `redline rules eval`: per-type precision, recall and F1 and the macro-F1 of each
// labelled file, train and held-out splits reported apart.
func evalLabelled(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rules eval", flag.ContinueOnError)
	juris := fs.String("jurisdiction", "", "pack to run (default: US for files named cfpb* or en-*, else CN)")
	asJSON := fs.Bool("json", false, "print the reports as JSON")
	withModel := fs.String("model", "both", "the statistical second opinion: both (the rules alone, then with the model), auto (as the default judges: the model for the packs of rules.ModelAuto), builtin or off")
	modelFile := fs.String("model-file", "", "judge with this model (written by `rules train --out`) in place of the built-in one, e.g. a candidate measured once on the held-out split")
	severity := fs.Bool("severity", false, "print the severity table instead (as `rules judge` ranks: threats URGENT with police, hearsay raised, false referrals); held-out as counts only")
	misses := fs.Bool("severity-misses", false, "with -severity, list the train texts' ids that miss (never held-out)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New(rulesUsage)
	}
	if *severity {
		return printSeverity(fs.Args(), *juris, *misses, stdout)
	}
	m, err := model.Builtin()
	if err != nil {
		return err
	}
	if *modelFile != "" {
		f, err := os.Open(*modelFile)
		if err != nil {
			return err
		}
		m, err = model.Read(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("--model-file: %w", err)
		}
	}
	reports, err := evalWithModels(fs.Args(), *juris, *withModel, m)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(reports)
	}
	for _, r := range reports {
		fmt.Fprintln(stdout, r.Markdown())
	}
	if *withModel == "both" {
		return printModelGains(fs.Args(), *juris, m, stdout)
	}
	return nil
}

// printSeverity prints the severity table of each file and split, judged as `rules judge` judges
// (the default model setting); the ids of train misses when misses is set, never held-out ones.
func printSeverity(files []string, juris string, misses bool, stdout io.Writer) error {
	fmt.Fprintln(stdout, rules.SeverityHeader)
	var list []string
	err := eachSplit(files, juris, func(p *rules.Pack, base, s string, recs []rules.Labelled) {
		r := rules.EvaluateSeverity(p, base, s, recs, time.Now())
		fmt.Fprintln(stdout, r.Markdown())
		if s == "train" {
			for _, m := range r.Misses {
				list = append(list, base+" "+m)
			}
		}
	})
	if err != nil {
		return err
	}
	if misses {
		fmt.Fprintln(stdout)
		for _, m := range list {
			fmt.Fprintln(stdout, m)
		}
	}
	return nil
}

// eachSplit calls fn for each non-empty split of each labelled file, in splitOrder, with the file's
// pack (see readSplits) and base name.
func eachSplit(files []string, juris string, fn func(p *rules.Pack, base, split string, recs []rules.Labelled)) error {
	for _, name := range files {
		p, base, splits, err := readSplits(name, juris)
		if err != nil {
			return err
		}
		for _, s := range splitOrder {
			if len(splits[s]) > 0 {
				fn(p, base, s, splits[s])
			}
		}
	}
	return nil
}

// evalFile evaluates one labelled file, one report per split (train, heldout).
func evalFile(name, juris string) ([]rules.EvalReport, error) {
	p, base, splits, err := readSplits(name, juris)
	if err != nil {
		return nil, err
	}
	var out []rules.EvalReport
	for _, s := range splitOrder {
		if len(splits[s]) > 0 {
			out = append(out, rules.Evaluate(p, base, s, splits[s], time.Now()))
		}
	}
	return out, nil
}

// splitOrder is the order in which a file's splits are reported.
var splitOrder = []string{"train", "heldout", "all"}

// readSplits reads a labelled file and its pack (juris, or by the file's name: US for cfpb* and
// en-*, else CN), its records by split ("all" for records without one).
func readSplits(name, juris string) (*rules.Pack, string, map[string][]rules.Labelled, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, "", nil, err
	}
	defer f.Close()
	recs, err := rules.ReadLabelled(f)
	if err != nil {
		return nil, "", nil, fmt.Errorf("%s: %w", name, err)
	}
	base := filepath.Base(name)
	if juris == "" {
		juris = "CN"
		if strings.HasPrefix(base, "cfpb") || strings.HasPrefix(base, "en-") {
			juris = "US"
		}
	}
	p, err := rules.Default(rules.Jurisdiction(strings.ToUpper(juris)))
	if err != nil {
		return nil, "", nil, err
	}
	splits := map[string][]rules.Labelled{}
	for _, r := range recs {
		s := r.Split
		if s == "" {
			s = "all"
		}
		splits[s] = append(splits[s], r)
	}
	return p, base, splits, nil
}
