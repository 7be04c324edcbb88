package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/redline-regulator/redline/domain/rules/model"
)

// trainThreat is `redline rules train --threat`: the statistical THREAT model (session 33,
// threatmodel33) trained per language on every studied source as testdata/rules/tools/threatloo
// reads them: the fa-sNN writers, the blind-sNN sets, the hand-written threat batches sNN-*threat*,
// and the train split of the labelled sets (THREAT in must; held-out records are never read).
// --without N leaves writer N out as the leave-one-writer-out measurement does: fa-sN, blind-sN,
// the threat batches of sessions ≥ N and any copy of an fa-sN line elsewhere. Deterministic.
func trainThreat(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("rules train --threat", flag.ContinueOnError)
	out := fs.String("out", "domain/rules/model/threat.bin.gz", "where to write the THREAT models")
	dir := fs.String("dir", "testdata/rules", "the studied sources")
	last := fs.Int("last", 32, "the last studied writer session (fa-s28…, blind-s25…)")
	without := fs.Int("without", 0, "leave writer N out (fa-sN, blind-sN, threat batches of sessions ≥ N, copies of fa-sN lines)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	texts, err := threatSources(*dir, *last)
	if err != nil {
		return err
	}
	held := map[string]bool{}
	for _, t := range texts {
		if *without > 0 && t.src == fmt.Sprintf("fa-s%d", *without) {
			held[strings.TrimSpace(t.body)] = true
		}
	}
	by := map[string][]model.ThreatExample{}
	counts := map[string][2]int{}
	for _, t := range texts {
		if *without > 0 && (t.writer == *without || strings.HasPrefix(t.src, "batch:") && t.session >= *without || held[strings.TrimSpace(t.body)]) {
			continue
		}
		by[t.lang] = append(by[t.lang], model.ThreatExample{Text: t.body, Threat: t.label})
		c := counts[t.lang]
		c[0]++
		if t.label {
			c[1]++
		}
		counts[t.lang] = c
	}
	ms := model.ThreatModels{}
	for _, lang := range []string{"zh", "en"} {
		ms[lang] = model.TrainThreat(lang, by[lang])
		fmt.Fprintf(stdout, "%s: %d texts, %d threats\n", lang, counts[lang][0], counts[lang][1])
	}
	var b bytes.Buffer
	if err := ms.Write(&b); err != nil {
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, b.Len())
	return nil
}

type threatText struct {
	src             string
	session, writer int
	lang            string
	label           bool
	body            string
}

func threatSources(dir string, last int) ([]threatText, error) {
	var all []threatText
	add := func(p, src string, session, writer int, lang string) error {
		ts, err := readThreatLines(p, src, session, writer, lang)
		all = append(all, ts...)
		return err
	}
	for s := 28; s <= last; s++ {
		for _, l := range []string{"zh", "en"} {
			if err := add(filepath.Join(dir, fmt.Sprintf("fa-s%d", s), l+".txt"), fmt.Sprintf("fa-s%d", s), s, s, l); err != nil {
				return nil, err
			}
		}
	}
	for s := 25; s <= last; s++ {
		for _, l := range []string{"zh", "en"} {
			if err := add(filepath.Join(dir, fmt.Sprintf("blind-s%d", s), l+".txt"), fmt.Sprintf("blind-s%d", s), s, s, l); err != nil {
				return nil, err
			}
		}
	}
	sessRe := regexp.MustCompile(`^s(\d\d)-`)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range ents { // ReadDir sorts by name: a fixed order
		m := sessRe.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() || !strings.Contains(e.Name(), "threat") {
			continue
		}
		s, _ := strconv.Atoi(m[1])
		var files []string
		filepath.Walk(filepath.Join(dir, e.Name()), func(p string, fi os.FileInfo, err error) error {
			if b := filepath.Base(p); err == nil && !fi.IsDir() && (b == "zh.txt" || b == "en.txt") {
				files = append(files, p)
			}
			return nil
		})
		for _, p := range files {
			rel, _ := filepath.Rel(dir, filepath.Dir(p))
			if err := add(p, "batch:"+rel, s, 0, strings.TrimSuffix(filepath.Base(p), ".txt")); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range []string{"zh-real.jsonl", "zh-written.jsonl", "zh-written-train.jsonl", "en-written.jsonl", "en-written-train.jsonl", "cfpb.jsonl", "cfpb-extra.jsonl"} {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<22), 1<<22)
		for sc.Scan() {
			var r struct {
				Text  string   `json:"text"`
				Must  []string `json:"must"`
				Split string   `json:"split"`
			}
			if json.Unmarshal(sc.Bytes(), &r) != nil || r.Split != "train" {
				continue // held-out records are never read
			}
			lab := false
			for _, m := range r.Must {
				lab = lab || m == "THREAT"
			}
			all = append(all, threatText{src: "train", lang: model.Language(r.Text), label: lab, body: r.Text})
		}
		fh.Close()
	}
	return all, nil
}

// readThreatLines reads a studied file's lines: EXPECT|text (URGENT is a threat) or
// TYPES|…|SEVERITY|text (URGENT or THREAT in the types is a threat).
func readThreatLines(p, src string, session, writer int, lang string) ([]threatText, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ts []threatText
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		var label bool
		var body string
		switch {
		case parts[0] == "URGENT" || parts[0] == "NOT":
			label, body = parts[0] == "URGENT", strings.Join(parts[1:], "|")
		case len(parts) >= 4:
			label = parts[2] == "URGENT" || strings.Contains(parts[0], "THREAT")
			body = strings.Join(parts[3:], "|")
		default:
			continue
		}
		ts = append(ts, threatText{src: src, session: session, writer: writer, lang: lang, label: label, body: body})
	}
	return ts, sc.Err()
}
