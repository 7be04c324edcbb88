// Command rulesdata builds the labelled sets in testdata/rules from their sources.
//
//	go run ./testdata/rules/tools/rulesdata cfpb CSV...          > testdata/rules/cfpb.jsonl
//	go run ./testdata/rules/tools/rulesdata real SRC.jsonl LABELS.tsv >> testdata/rules/zh-real.jsonl
//	go run ./testdata/rules/tools/rulesdata written PREFIX SOURCE SRC.txt > testdata/rules/zh-written.jsonl
//	go run ./testdata/rules/tools/rulesdata written-train PREFIX SOURCE SRC.txt > testdata/rules/zh-written-train.jsonl
//	go run ./testdata/rules/tools/rulesdata cfpb-extra LABELS.tsv DC.csv CFPB.jsonl CSV... > testdata/rules/cfpb-extra.jsonl  (see extra.go)
//	go run ./testdata/rules/tools/rulesdata counts FILE...
//
// Split rule (every file): FNV-1a 32-bit hash of the id, modulo 10; 0, 1 or 2 → "heldout", else "train".
// written-train sets are written by whoever tunes the rules, after studying the train errors, so
// every record is "train": they may never measure the engine.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Codes are the violation codes of shared/DOMAIN.md, in its order.
var Codes = []string{"THREAT", "THIRD_PARTY_CONTACT", "PRIVACY_DISCLOSURE", "ABUSIVE_LANGUAGE",
	"FALSE_REPRESENTATION", "VISIT_HARASSMENT", "IMPROPER_HOURS", "EXCESSIVE_CONTACT",
	"CONTACT_AFTER_STOP", "UNIDENTIFIED_COLLECTOR", "MISSING_DISCLOSURE", "DEBT_DISPUTE", "UNLAWFUL_FEES"}

// Record is one labelled text.
type Record struct {
	ID       string   `json:"id"`
	Text     string   `json:"text"`
	Must     []string `json:"must"`
	Optional []string `json:"optional"`
	Split    string   `json:"split"`
	Source   string   `json:"source"`
	Label    string   `json:"label,omitempty"`
}

// Split returns the deterministic split of an id.
func Split(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%10 < 3 {
		return "heldout"
	}
	return "train"
}

func die(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...); os.Exit(1) }

func codes(s string) []string {
	out := []string{}
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		ok := false
		for _, k := range Codes {
			ok = ok || k == c
		}
		if !ok {
			die("unknown code %q", c)
		}
		out = append(out, c)
	}
	return out
}

// truncate cuts text longer than max runes at the last sentence end before max.
func truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max]
	for i := len(r) - 1; i > max/2; i-- {
		switch r[i] {
		case '。', '！', '？', '.', '!', '?', '；':
			return string(r[:i+1])
		}
	}
	return string(r)
}

func emit(w *bufio.Writer, r Record) {
	if r.Must == nil {
		r.Must = []string{}
	}
	if r.Optional == nil {
		r.Optional = []string{}
	}
	for _, m := range r.Must {
		for _, o := range r.Optional {
			if m == o {
				die("%s: %s both must and optional", r.ID, m)
			}
		}
	}
	if r.Split == "" {
		r.Split = Split(r.ID)
	}
	b, err := json.Marshal(r)
	if err != nil {
		die("%v", err)
	}
	// keep CJK and <>& readable
	b = []byte(strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b)))
	w.Write(b)
	w.WriteByte('\n')
}

// cfpbMap maps the consumer's Issue / Sub-issue to must and optional codes. A missing entry means the
// label has no counterpart among our types: must stays empty and the label is kept.
var cfpbMap = map[string][2]string{
	"Attempts to collect debt not owed|*":                                                                                {"DEBT_DISPUTE", ""},
	"Cont'd attempts collect debt not owed|*":                                                                            {"DEBT_DISPUTE", ""},
	"Written notification about debt|*":                                                                                  {"MISSING_DISCLOSURE", ""},
	"Disclosure verification of debt|*":                                                                                  {"MISSING_DISCLOSURE", ""},
	"False statements or representation|Attempted to collect wrong amount":                                               {"DEBT_DISPUTE", "UNLAWFUL_FEES,FALSE_REPRESENTATION"},
	"False statements or representation|Impersonated attorney, law enforcement, or government official":                  {"FALSE_REPRESENTATION", ""},
	"False statements or representation|Indicated you were committing crime by not paying debt":                          {"FALSE_REPRESENTATION", ""},
	"False statements or representation|Told you not to respond to a lawsuit they filed against you":                     {"FALSE_REPRESENTATION", ""},
	"Took or threatened to take negative or legal action|Threatened to sue you for very old debt":                        {"FALSE_REPRESENTATION", ""},
	"Taking/threatening an illegal action|Threatened to sue on too old debt":                                             {"FALSE_REPRESENTATION", ""},
	"Took or threatened to take negative or legal action|Threatened to arrest you or take you to jail if you do not pay": {"FALSE_REPRESENTATION", "THREAT"},
	// Session 15 (cfpb): the credit-damage sub-issue is unlawful only through facts of other types of
	// ours — false credit information such as a disputed debt not reported as disputed (1692e(8):
	// DEBT_DISPUTE) or furnishing before any notice to the consumer (Reg. F 1006.30(a), 1692g:
	// MISSING_DISCLOSURE) — so those are optional, as FALSE_REPRESENTATION is (1692e(5)).
	"Took or threatened to take negative or legal action|Threatened or suggested your credit would be damaged": {"", "FALSE_REPRESENTATION,MISSING_DISCLOSURE,DEBT_DISPUTE"},
	"Took or threatened to take negative or legal action|Seized or attempted to seize your property":           {"", "FALSE_REPRESENTATION"},
	"Taking/threatening an illegal action|Seized/Attempted to seize property":                                  {"", "FALSE_REPRESENTATION"},
	"Communication tactics|Frequent or repeated calls":                                                         {"EXCESSIVE_CONTACT", ""},
	"Electronic communications|Frequent or repeated messages":                                                  {"EXCESSIVE_CONTACT", ""},
	"Communication tactics|You told them to stop contacting you, but they keep trying":                         {"CONTACT_AFTER_STOP", ""},
	"Electronic communications|You told them to stop contacting you, but they keep trying":                     {"CONTACT_AFTER_STOP", ""},
	"Threatened to contact someone or share information improperly|Contacted you after you asked them to stop": {"CONTACT_AFTER_STOP", ""},
	"Communication tactics|Called after sent written cease of comm":                                            {"CONTACT_AFTER_STOP", ""},
	"Communication tactics|Called before 8am or after 9pm":                                                     {"IMPROPER_HOURS", ""},
	"Electronic communications|Contacted before 8am or after 9pm":                                              {"IMPROPER_HOURS", ""},
	"Communication tactics|Used obscene, profane, or other abusive language":                                   {"ABUSIVE_LANGUAGE", ""},
	"Threatened to contact someone or share information improperly|Talked to a third-party about your debt":    {"THIRD_PARTY_CONTACT", "PRIVACY_DISCLOSURE"},
	"Improper contact or sharing of info|Talked to a third party about my debt":                                {"THIRD_PARTY_CONTACT", "PRIVACY_DISCLOSURE"},
	"Threatened to contact someone or share information improperly|Contacted your employer":                    {"THIRD_PARTY_CONTACT", "PRIVACY_DISCLOSURE"},
}

func lookupCFPB(issue, sub string) ([2]string, bool) {
	if m, ok := cfpbMap[issue+"|"+sub]; ok {
		return m, true
	}
	m, ok := cfpbMap[issue+"|*"]
	return m, ok
}

func cfpb(paths []string, w *bufio.Writer) {
	seen := map[string]bool{} // ids and narratives already written (form letters are filed many times)
	unmapped := map[string]int{}
	for _, path := range paths {
		cfpbFile(path, seen, unmapped, w)
	}
	for k, n := range unmapped {
		fmt.Fprintf(os.Stderr, "unmapped (must []): %d %s\n", n, k)
	}
}

func cfpbFile(path string, seen map[string]bool, unmapped map[string]int, w *bufio.Writer) {
	for _, r := range readCFPBRows(path, "") {
		key := fold(r.text)
		if seen[r.id] || seen[key] || r.product != "Debt collection" {
			continue
		}
		seen[r.id], seen[key] = true, true
		m, ok := lookupCFPB(r.issue, r.sub)
		if !ok {
			unmapped[r.label]++
		}
		emit(w, Record{ID: r.id, Text: truncate(r.text, 2000), Must: codes(m[0]), Optional: codes(m[1]),
			Source: "cfpb:" + r.date, Label: r.label})
	}
}

func readJSONL(path string) []map[string]any {
	f, err := os.Open(path)
	if err != nil {
		die("%v", err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			die("%s: %v", path, err)
		}
		out = append(out, m)
	}
	return out
}

// real appends labelled real complaints: LABELS has lines "id<TAB>must<TAB>optional" (comma lists).
func real(src, labels string, w *bufio.Writer) {
	texts := map[string]string{}
	var order []string
	for _, m := range readJSONL(src) {
		texts[m["id"].(string)] = m["text"].(string)
		order = append(order, m["id"].(string))
	}
	n := 0 // the labelled complaints must be the source's first ones, in order: no cherry-picking
	for _, p := range labelLines(labels) {
		t, ok := texts[p[0]]
		if !ok {
			die("no text for %s", p[0])
		}
		if n >= len(order) || order[n] != p[0] {
			die("%s is not complaint %d of the source: labels must follow the source order", p[0], n+1)
		}
		n++
		emit(w, Record{ID: p[0], Text: truncate(t, 1500), Must: codes(p[1]), Optional: codes(p[2]),
			Source: "heimao:celineyaxin/celine@7cb5174a"})
	}
}

// labelLines reads a label file's lines "id<TAB>must<TAB>optional" (blank lines and # comments
// skipped), each as three fields.
func labelLines(path string) [][3]string {
	f, err := os.Open(path)
	if err != nil {
		die("%v", err)
	}
	defer f.Close()
	var out [][3]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var p [3]string
		copy(p[:], strings.Split(line, "\t"))
		out = append(out, p)
	}
	return out
}

// written turns lines "must|optional|text" (one text a line, # comments) into records PREFIX-NNN.
func written(prefix, source, path string, trainOnly bool, w *bufio.Writer) {
	f, err := os.Open(path)
	if err != nil {
		die("%v", err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if at, ok := strings.CutPrefix(line, "#@next "); ok {
			// "#@next 800": the next record is PREFIX-800 (a batch given its own id range, so that
			// batches written at the same time on other branches do not collide); never backwards.
			k, err := strconv.Atoi(strings.TrimSpace(at))
			if err != nil || k <= n {
				die("bad %q after %s-%03d", line, prefix, n)
			}
			n = k - 1
			continue
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.SplitN(line, "|", 3)
		if len(p) != 3 || strings.TrimSpace(p[2]) == "" {
			die("bad line %q", line)
		}
		n++
		r := Record{ID: fmt.Sprintf("%s-%03d", prefix, n), Text: strings.TrimSpace(p[2]),
			Must: codes(p[0]), Optional: codes(p[1]), Source: source}
		if trainOnly {
			r.Split = "train"
		}
		emit(w, r)
	}
}

func counts(files []string) {
	for _, file := range files {
		recs := readJSONL(file)
		type k struct{ code, split string }
		must, opt := map[k]int{}, map[k]int{}
		total, empty := map[string]int{}, map[string]int{}
		for _, r := range recs {
			s := r["split"].(string)
			total[s]++
			ms := r["must"].([]any)
			if len(ms) == 0 {
				empty[s]++
			}
			for _, c := range ms {
				must[k{c.(string), s}]++
			}
			for _, c := range r["optional"].([]any) {
				opt[k{c.(string), s}]++
			}
		}
		fmt.Printf("\n`%s`: %d records (train %d, heldout %d; empty must: train %d, heldout %d)\n\n",
			file, len(recs), total["train"], total["heldout"], empty["train"], empty["heldout"])
		fmt.Println("| code | must train | must heldout | optional train | optional heldout |")
		fmt.Println("|---|---:|---:|---:|---:|")
		cs := append([]string(nil), Codes...)
		sort.SliceStable(cs, func(i, j int) bool { return false })
		for _, c := range cs {
			fmt.Printf("| %s | %d | %d | %d | %d |\n", c, must[k{c, "train"}], must[k{c, "heldout"}],
				opt[k{c, "train"}], opt[k{c, "heldout"}])
		}
	}
}

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	if len(os.Args) < 2 {
		die("usage: rulesdata cfpb|cfpb-extra|cfpb-extra-select|real|written|written-train|counts ...")
	}
	switch a := os.Args[2:]; os.Args[1] {
	case "cfpb":
		cfpb(a, w)
	case "real":
		real(a[0], a[1], w)
	case "written":
		written(a[0], a[1], a[2], false, w)
	case "written-train":
		written(a[0], a[1], a[2], true, w)
	case "cfpb-extra-select":
		extraSelect(a[0], a[1], a[2], a[3], w)
	case "cfpb-extra":
		extra(a[0], a[1], a[2], a[3:], w)
	case "counts":
		w.Flush()
		counts(a)
	default:
		die("unknown command %s", os.Args[1])
	}
}
