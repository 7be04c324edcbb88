package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/redline-regulator/redline/domain/rules"
)

// perturbLabelled is `redline rules perturb`: how much of what the engine flags in each file's
// train texts (and texts without a split; never held-out ones) survives the texts being rewritten
// the way people evade filters or write carelessly (rules.Perturbations), per transform and type.
func perturbLabelled(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rules perturb", flag.ContinueOnError)
	juris := fs.String("jurisdiction", "", "pack to run (default: US for files named cfpb* or en-*, else CN)")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New(rulesUsage)
	}
	byPack := map[rules.Jurisdiction][]rules.Labelled{}
	packs := map[rules.Jurisdiction]*rules.Pack{}
	var order []rules.Jurisdiction
	for _, name := range fs.Args() {
		p, _, splits, err := readSplits(name, *juris)
		if err != nil {
			return err
		}
		if packs[p.Jurisdiction] == nil {
			packs[p.Jurisdiction] = p
			order = append(order, p.Jurisdiction)
		}
		byPack[p.Jurisdiction] = append(byPack[p.Jurisdiction], splits["train"]...)
		byPack[p.Jurisdiction] = append(byPack[p.Jurisdiction], splits["all"]...)
	}
	out := map[string][]rules.Retention{}
	for _, j := range order {
		lang := "zh"
		if j == rules.US {
			lang = "en"
		}
		rs := rules.MeasureRetention(packs[j], lang, byPack[j], time.Now())
		if *asJSON {
			out[string(j)] = rs
			continue
		}
		fmt.Fprintf(stdout, "### %s pack, %d texts (kept/original flags per type)\n\n%s\n", j, len(byPack[j]), rules.RetentionMarkdown(rs))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return nil
}
