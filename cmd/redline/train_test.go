package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// TestRulesTrainAndEvalWithModel: `rules train` writes a model that reads back; `rules eval` reports
// each set with the rules alone and with the model; `redline help` names both commands.
func TestRulesTrainAndEvalWithModel(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "zh-set.jsonl")
	var b strings.Builder
	for i := range 40 {
		if i%2 == 0 {
			b.WriteString(`{"id":"t` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `","text":"他们第` + strings.Repeat("一", i%5+1) + `次叫我紫色长颈鹿。","must":["ABUSIVE_LANGUAGE"],"optional":[],"split":"train"}` + "\n")
		} else {
			b.WriteString(`{"id":"t` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `","text":"我第` + strings.Repeat("二", i%5+1) + `次按时还款了。","must":[],"optional":[],"split":"train"}` + "\n")
		}
	}
	b.WriteString(`{"id":"h1","text":"催收员说要弄死我。","must":["THREAT"],"optional":[],"split":"heldout"}` + "\n")
	os.WriteFile(set, []byte(b.String()), 0o600)
	out := filepath.Join(dir, "m.bin.gz")
	var stdout bytes.Buffer
	if err := runRules([]string{"train", "--out", out, set}, &stdout); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "trained on 40 texts") || !strings.Contains(stdout.String(), "| ABUSIVE_LANGUAGE | 20 |") {
		t.Errorf("train output:\n%s", stdout.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if m, err := model.Read(f); err != nil || len(m.Meta.Langs) != 1 {
		t.Fatalf("model written: %v, %v", m, err)
	}
	stdout.Reset()
	if err := runRules([]string{"eval", set}, &stdout); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"### zh-set.jsonl — heldout (1 texts)", "### zh-set.jsonl (rules + model) — heldout (1 texts)",
		"| model by default (auto) |", "| no (CN) |"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("eval output lacks %q:\n%s", want, stdout.String())
		}
	}
	if err := runRules([]string{"eval", "--model", "perhaps", set}, &stdout); err == nil {
		t.Error("eval --model perhaps accepted")
	}
	// --model-file (session 11): a candidate model judges in place of the built-in one (which knows
	// no purple giraffe)
	abuse := func(args ...string) int {
		var js bytes.Buffer
		if err := runRules(append([]string{"eval", "--json", "--model", "builtin"}, append(args, set)...), &js); err != nil {
			t.Fatal(err)
		}
		var reps []rules.EvalReport
		if err := json.Unmarshal(js.Bytes(), &reps); err != nil {
			t.Fatal(err)
		}
		for _, r := range reps {
			for _, ts := range r.Types {
				if r.Split == "train" && ts.Type == domain.ViolationAbusiveLanguage {
					return ts.TP
				}
			}
		}
		return -1
	}
	if builtin, candidate := abuse(), abuse("--model-file", out); builtin != 0 || candidate < 15 {
		t.Errorf("abuse found on the 20 train texts: built-in model %d, candidate %d; want 0 and the candidate's", builtin, candidate)
	}
	for _, args := range [][]string{{"eval", "--model-file", filepath.Join(dir, "none.bin.gz"), set}, {"eval", "--model-file", set, set}, {"train", "--weights", "{bad", set}} {
		if err := runRules(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	for _, cmd := range []string{"rules train", "rules reassess --since"} {
		if !strings.Contains(usage, cmd) {
			t.Errorf("redline help does not list %q", cmd)
		}
	}
}

// TestRulesTrainCrossValidation: `rules train --cv N` scores the train split only (held-out records are
// neither judged nor trained on), writes no model, and refuses fewer than 2 folds or bad options.
func TestRulesTrainCrossValidation(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "en-set.jsonl")
	writeGiraffeSet(set)
	out := filepath.Join(dir, "m.bin.gz")
	for _, args := range [][]string{{"--cv", "2"}, {"--cv", "2", "--rules-only"}, {"--cv", "2", "--combine", `{"tune":true}`}} {
		var stdout bytes.Buffer
		if err := runRules(append(append([]string{"train", "--out", out}, args...), set), &stdout); err != nil {
			t.Fatal(err)
		}
		got := stdout.String()
		if !strings.Contains(got, "### en-set.jsonl — cv (40 texts)") || strings.Contains(got, "THREAT") {
			t.Errorf("%v: want the 40 train texts only, no held-out one:\n%s", args, got)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v wrote a model", args)
		}
	}
	for _, args := range [][]string{{"--cv", "1"}, {"--cv", "2", "--options", "{bad"}, {"--combine", "{}"}, {"--cv", "2", "--rules-only", "--combine", "{}"}, {"--cv", "2", "--combine", "{bad"}} {
		if err := runRules(append(append([]string{"train", "--out", out}, args...), set), &bytes.Buffer{}); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
}

// TestIDRanges: `rules train --cv --subset` reads ranges of ids of one prefix and scores the records in
// them apart; a malformed range is refused.
func TestIDRanges(t *testing.T) {
	rs, err := parseIDRanges("zht-876..zht-914, zht-1084..zht-1123")
	if err != nil || len(rs) != 2 {
		t.Fatalf("ranges %v, %v", rs, err)
	}
	for id, want := range map[string]bool{"zht-876": true, "zht-914": true, "zht-1100": true, "zht-915": false, "zht-1124": false, "zh-900": false, "zht-9x": false} {
		if got := slices.ContainsFunc(rs, func(r idRange) bool { return r.holds(id) }); got != want {
			t.Errorf("%s in the ranges: %v, want %v", id, got, want)
		}
	}
	for _, bad := range []string{"zht-914..zht-876", "zht-1..cfpb-2", "zht-876", "a..b"} {
		if _, err := parseIDRanges(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	dir := t.TempDir()
	set := filepath.Join(dir, "en-set.jsonl")
	var b strings.Builder
	for i := range 30 {
		text, must := "I paid the balance on time.", ""
		if i%2 == 0 {
			text, must = "They called me a purple giraffe.", `"ABUSIVE_LANGUAGE"`
		}
		fmt.Fprintf(&b, `{"id":"e-%d","text":"%s time %d","must":[%s],"optional":[],"split":"train"}`+"\n", i, text, i, must)
	}
	os.WriteFile(set, []byte(b.String()), 0o600)
	var stdout bytes.Buffer
	if err := runRules([]string{"train", "--cv", "2", "--subset", "e-10..e-19", set}, &stdout); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "### en-set.jsonl [subset] — cv (10 texts)") || !strings.Contains(stdout.String(), "### en-set.jsonl — cv (30 texts)") {
		t.Errorf("want the 30 texts and the 10 of the subset scored apart:\n%s", stdout.String())
	}
	if err := runRules([]string{"train", "--train", set, set}, &bytes.Buffer{}); err == nil {
		t.Error("--train without --cv accepted")
	}
}

// TestRulesTrainGateCV: `rules train --gate-cv` scores the train records only, in groups of
// near-duplicates (--dup), and prints every gated variant; it writes no model.
func TestRulesTrainGateCV(t *testing.T) {
	dir := t.TempDir()
	set := filepath.Join(dir, "en-set.jsonl")
	writeGiraffeSet(set)
	out := filepath.Join(dir, "m.bin.gz")
	// at Jaccard 1 only texts of the same 3-gram set join ("xxx", "xxxx" and "xxxxx" hold the same 3-grams):
	// 3 groups per class; at 0.5 each class is one group
	for dup, groups := range map[string]string{"0.5": "in 2 groups", "1": "in 6 groups"} {
		var stdout bytes.Buffer
		if err := runRules([]string{"train", "--out", out, "--gate-cv", "2", "--dup", dup, set}, &stdout); err != nil {
			t.Fatal(err)
		}
		got := stdout.String()
		if !strings.Contains(got, "grouped nested 2-fold CV, 40 train texts "+groups) || strings.Contains(got, "| THREAT |") {
			t.Errorf("--dup %s: want the 40 train texts only, %s, no held-out one:\n%s", dup, groups, got)
		}
		for _, v := range rules.GateVariants {
			if !strings.Contains(got, "| "+v.Name+" | ") {
				t.Errorf("--dup %s: no row for %q", dup, v.Name)
			}
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--gate-cv wrote a model")
		}
	}
	if err := runRules([]string{"train", "--out", out, "--gate-cv", "1", set}, &bytes.Buffer{}); err == nil {
		t.Error("--gate-cv 1 accepted")
	}
}

// writeGiraffeSet writes an English labelled set: 40 train texts, half of them ABUSIVE_LANGUAGE by a
// made-up phrase, and one held-out THREAT.
func writeGiraffeSet(set string) {
	var b strings.Builder
	for i := range 40 {
		id := "c" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		if i%2 == 0 {
			b.WriteString(`{"id":"` + id + `","text":"They called me a purple giraffe, time ` + strings.Repeat("x", i%5+1) + `.","must":["ABUSIVE_LANGUAGE"],"optional":[],"split":"train"}` + "\n")
		} else {
			b.WriteString(`{"id":"` + id + `","text":"I paid the balance on time, time ` + strings.Repeat("y", i%5+1) + `.","must":[],"optional":[],"split":"train"}` + "\n")
		}
	}
	b.WriteString(`{"id":"h1","text":"The collector said he would hurt my kids.","must":["THREAT"],"optional":[],"split":"heldout"}` + "\n")
	os.WriteFile(set, []byte(b.String()), 0o600)
}
