package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/cfpb"
)

const rulesUsage = `usage: redline rules eval-cfpb [--jurisdiction US] [--threshold 0.5] [--product NAME]... FILE...
       redline rules check PACK.json
       redline rules show CN|US`

// runRules is `redline rules`: evaluate a rule pack on CFPB exports, validate an edited pack, or
// print a built-in one. It needs neither the database nor Redis.
func runRules(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(rulesUsage)
	}
	switch args[0] {
	case "eval-cfpb":
		return evalCFPB(args[1:], stdout)
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
