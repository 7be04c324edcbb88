package main

// cfpb-extra: real CFPB narratives outside the debt-collection file (loan complaints and the
// all-products sample), selected by what they are about and labelled by hand (session 11).
//
//	go run ./testdata/rules/tools/rulesdata cfpb-extra-select DC.csv CFPB.jsonl LOAN.csv SAMPLE.csv   # candidates, for the labeller
//	go run ./testdata/rules/tools/rulesdata cfpb-extra LABELS.tsv DC.csv CFPB.jsonl LOAN.csv SAMPLE.csv > testdata/rules/cfpb-extra.jsonl

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

// extraRow is one narrative of a CFPB export.
type extraRow struct {
	id, file, date, product, issue, sub, label, text string
}

// readCFPBRows reads every row with a narrative of a CFPB export, in file order.
func readCFPBRows(path, file string) []extraRow {
	f, err := os.Open(path)
	if err != nil {
		die("%v", err)
	}
	defer f.Close()
	rd := csv.NewReader(f)
	rd.LazyQuotes = true
	head, err := rd.Read()
	if err != nil {
		die("%v", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	var out []extraRow
	for {
		row, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			die("%s: %v", path, err)
		}
		text := strings.TrimSpace(row[col["Consumer complaint narrative"]])
		if text == "" {
			continue
		}
		out = append(out, extraRow{id: "cfpb-" + row[col["Complaint ID"]], file: file, date: row[col["Date received"]],
			product: row[col["Product"]], issue: row[col["Issue"]], sub: row[col["Sub-issue"]],
			label: row[col["Issue"]] + " / " + row[col["Sub-issue"]], text: text})
	}
	return out
}

// excluded returns the ids and folded narratives of the debt-collection file and of cfpb.jsonl (every
// split): none of them may enter cfpb-extra.
func excluded(dcCSV, cfpbJSONL string) map[string]bool {
	ex := map[string]bool{}
	for _, r := range readCFPBRows(dcCSV, "dc") {
		ex[r.id], ex[fold(r.text)], ex[tail(r.text)] = true, true, true
	}
	for _, m := range readJSONL(cfpbJSONL) {
		ex[m["id"].(string)] = true
		ex[fold(m["text"].(string))] = true
		ex[tail(m["text"].(string))] = true
	}
	return ex
}

func fold(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// tail keys a form letter filed many times with only a name changed near its start: the last 300
// characters of the folded narrative (shorter narratives key on themselves, as fold).
func tail(s string) string {
	f := []rune(fold(s))
	if len(f) > 300 {
		f = f[len(f)-300:]
	}
	return "tail:" + string(f)
}

// extraTopics are the collection-conduct topics the candidates are drawn from, in order; each takes
// extraPerTopic narratives (first by the FNV-1a hash of the id) that mention it and a collector.
var extraTopics = []struct{ name, re string }{
	{"calls", `(harass|every day|everyday|daily|times a day|times per day|constant(ly)?|non-?stop|repeated(ly)?|over and over|\d+ (times|calls))`},
	{"stop", `(stop (calling|contacting|texting)|cease|do not (call|contact)|don'?t (call|contact)|asked (them )?not to|told (them|him|her) to stop|revoke)`},
	{"third", `(my (mother|father|mom|dad|wife|husband|sister|brother|son|daughter|family|employer|boss|job|work|references?|friends?|co-?workers?|neighbou?rs?|grandmother|aunt|uncle|cousin|relatives?)|references|third part|co-?signer)`},
	{"dispute", `(not my (debt|loan|account)|never (took|applied|received|signed|borrowed)|identity theft|already paid|paid (it )?(off|in full)|don'?t owe|do not owe|wrong amount|not mine)`},
	{"validation", `(validat|verif|proof of (the )?debt|no (letter|notice)|never (sent|received) (me )?(a |any )?(letter|notice|statement))`},
	{"legal", `(\bsue\b|lawsuit|arrest|jail|police|garnish|warrant|criminal|legal action|court)`},
	{"abuse", `(rude|yell|curs(e|ing)|scream|profan|insult|threat)`},
}

const extraPerTopic = 20

var collectorRe = regexp.MustCompile(`(?i)(collect|collector|debt buyer|recovery)`)

func idHash(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()
}

// extraSelect prints the candidates: per topic of the loan file, then plain negatives (loan
// narratives mentioning no collector and sample narratives of other products), each "id<TAB>topic".
func extraSelect(dcCSV, cfpbJSONL, loanCSV, sampleCSV string, w *bufio.Writer) {
	ex := excluded(dcCSV, cfpbJSONL)
	ok := func(r extraRow) bool {
		return !ex[r.id] && !ex[fold(r.text)] && !ex[tail(r.text)] && r.product != "Debt collection"
	}
	byHash := func(rs []extraRow) {
		sort.SliceStable(rs, func(i, j int) bool { return idHash(rs[i].id) < idHash(rs[j].id) })
	}
	loan := readCFPBRows(loanCSV, "loan")
	byHash(loan)
	chosen := map[string]bool{}
	for _, t := range extraTopics {
		re := regexp.MustCompile(`(?i)` + t.re)
		n := 0
		for _, r := range loan {
			if n < extraPerTopic && ok(r) && !chosen[r.id] && collectorRe.MatchString(r.text) && re.MatchString(r.text) {
				chosen[r.id], ex[tail(r.text)] = true, true
				n++
				fmt.Fprintf(w, "%s\t%s\n", r.id, t.name)
			}
		}
	}
	n := 0
	for _, r := range loan {
		if n < extraPerTopic && ok(r) && !chosen[r.id] && !collectorRe.MatchString(r.text) {
			chosen[r.id], ex[tail(r.text)] = true, true
			n++
			fmt.Fprintf(w, "%s\tnegative-loan\n", r.id)
		}
	}
	sample := readCFPBRows(sampleCSV, "sample")
	byHash(sample)
	n = 0
	for _, r := range sample {
		if n < extraPerTopic && ok(r) && !chosen[r.id] {
			chosen[r.id], ex[tail(r.text)] = true, true
			n++
			fmt.Fprintf(w, "%s\tnegative-sample\n", r.id)
		}
	}
}

// extra emits the labelled records of LABELS ("id<TAB>must<TAB>optional", # comments), texts from the
// CSVs, every record train; an id or narrative of the debt-collection file or cfpb.jsonl is refused.
func extra(labels, dcCSV, cfpbJSONL string, csvs []string, w *bufio.Writer) {
	ex := excluded(dcCSV, cfpbJSONL)
	rows := map[string]extraRow{}
	for _, path := range csvs {
		name := "loan"
		if strings.Contains(path, "sample") {
			name = "sample"
		}
		for _, r := range readCFPBRows(path, name) {
			if _, dup := rows[r.id]; !dup {
				rows[r.id] = r
			}
		}
	}
	seen := map[string]bool{}
	for _, p := range labelLines(labels) {
		r, found := rows[p[0]]
		switch {
		case !found:
			die("no narrative for %s", p[0])
		case ex[r.id] || ex[fold(r.text)] || ex[tail(r.text)]:
			die("%s is in the debt-collection file or cfpb.jsonl", r.id)
		case seen[r.id]:
			die("%s labelled twice", r.id)
		}
		seen[r.id] = true
		emit(w, Record{ID: r.id, Text: truncate(r.text, 2000), Must: codes(p[1]), Optional: codes(p[2]),
			Split: "train", Source: "cfpb-" + r.file + ":" + r.date, Label: r.label})
	}
}
