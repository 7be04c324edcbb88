// Command threatloo measures a statistical THREAT detector leave-one-writer-out (session 32, threatmodel32;
// docs/RULES.md "Session 32 (threatmodel32)"). For each fa-sNN writer (28..31) held out, a logistic regression
// over hashed character 1–4-grams of model.Normalize'd text is trained on every other studied source:
// the other fa writers, the blind sets but blind-sNN, the hand-written threat batches of sessions before NN
// (later batches were written by helpers who had read fa-sNN), and the train split of the labelled sets
// (THREAT in must). It prints one JSON line per fa line: the held-out writer's lines with the outer model's
// probability (role "test"), and each training fa writer's lines with the probability of an inner model trained
// without that writer (role "inner", out-of-writer, for choosing thresholds). Held-out records are never read.
//
//	go run ./testdata/rules/tools/threatloo > /tmp/loo.jsonl
//	python3 testdata/rules/tools/threatloo.py BIN /tmp/loo.jsonl
//	go run ./testdata/rules/tools/threatloo score DIR > /tmp/score.jsonl   # the pre-registered model on new lines
//	python3 testdata/rules/tools/threatloo.py BIN /tmp/loo.jsonl /tmp/score.jsonl DIR
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/redline-regulator/redline/domain/rules/model"
)

const bits = 20

type text struct {
	src     string // e.g. fa-s28, blind-s29, batch-s30, train
	session int    // session of the source, 0 for train records
	writer  int    // fa/blind session number, 0 otherwise
	lang    string
	label   bool
	idx     int
	body    string
	feats   []uint32
}

var dir = "testdata/rules"

// faBodies: each fa writer's lines; a copy of one elsewhere (fa-s28 lines were added to the train records)
// is held out with the writer.
var faBodies = map[int]map[string]bool{}

func main() {
	var all []*text
	for _, s := range []int{28, 29, 30, 31} {
		all = append(all, readLines(fmt.Sprintf("fa-s%d", s), s, s)...)
	}
	for s := 25; s <= 31; s++ {
		all = append(all, readLines(fmt.Sprintf("blind-s%d", s), s, s)...)
	}
	sessRe := regexp.MustCompile(`^s(\d\d)-`)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		m := sessRe.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() || !strings.Contains(e.Name(), "threat") {
			continue
		}
		s, _ := strconv.Atoi(m[1])
		filepath.Walk(filepath.Join(dir, e.Name()), func(p string, fi os.FileInfo, err error) error {
			b := filepath.Base(p)
			if err != nil || fi.IsDir() || (b != "zh.txt" && b != "en.txt") {
				return nil
			}
			rel, _ := filepath.Rel(dir, filepath.Dir(p))
			all = append(all, readFile(p, "batch:"+rel, s, 0, strings.TrimSuffix(b, ".txt"))...)
			return nil
		})
	}
	for _, f := range []string{"zh-real.jsonl", "zh-written.jsonl", "zh-written-train.jsonl", "en-written.jsonl", "en-written-train.jsonl", "cfpb.jsonl", "cfpb-extra.jsonl"} {
		all = append(all, readJSONL(filepath.Join(dir, f))...)
	}
	for _, t := range all {
		if strings.HasPrefix(t.src, "fa-s") {
			if faBodies[t.writer] == nil {
				faBodies[t.writer] = map[string]bool{}
			}
			faBodies[t.writer][strings.TrimSpace(t.body)] = true
		}
	}
	for _, t := range all {
		t.feats = grams(t.body)
	}
	out := json.NewEncoder(os.Stdout)
	if len(os.Args) == 3 && os.Args[1] == "score" {
		// score DIR: a model per language trained on every studied source (nothing held out) scores the
		// lines of DIR/zh.txt and DIR/en.txt (EXPECT|text); role "score", held 0.
		for _, lang := range []string{"zh", "en"} {
			var train []*text
			for _, t := range all {
				if t.lang == lang {
					train = append(train, t)
				}
			}
			w := fit(train)
			for _, t := range readFile(filepath.Join(os.Args[2], lang+".txt"), "score", 0, 0, lang) {
				out.Encode(row{0, 0, lang, "score", t.idx, t.label, prob(w, grams(t.body)), "score"})
			}
		}
		return
	}
	counts := map[string][2]int{}
	for _, t := range all {
		c := counts[t.lang]
		c[0]++
		if t.label {
			c[1]++
		}
		counts[t.lang] = c
	}
	fmt.Fprintln(os.Stderr, "texts (all, threats):", counts)
	for _, lang := range []string{"zh", "en"} {
		for _, held := range []int{28, 29, 30, 31} {
			train := selectTrain(all, lang, held, 0)
			w := fit(train)
			fmt.Fprintf(os.Stderr, "%s held %d: %d training texts\n", lang, held, len(train))
			for _, t := range all {
				if t.lang == lang && t.src == fmt.Sprintf("fa-s%d", held) {
					out.Encode(row{held, held, lang, t.src, t.idx, t.label, prob(w, t.feats), "test"})
				}
			}
			for _, inner := range []int{28, 29, 30, 31} {
				if inner == held {
					continue
				}
				wi := fit(selectTrain(all, lang, held, inner))
				for _, t := range all {
					if t.lang == lang && t.src == fmt.Sprintf("fa-s%d", inner) {
						out.Encode(row{held, inner, lang, t.src, t.idx, t.label, prob(wi, t.feats), "inner"})
					}
				}
			}
		}
	}
}

type row struct {
	Held   int     `json:"held"`
	Writer int     `json:"writer"`
	Lang   string  `json:"lang"`
	Src    string  `json:"src"`
	Idx    int     `json:"idx"`
	Label  bool    `json:"label"`
	P      float64 `json:"p"`
	Role   string  `json:"role"`
}

// selectTrain keeps the texts of lang that a model for held-out writer held (and, when inner > 0, also
// without writer inner) may learn from.
func selectTrain(all []*text, lang string, held, inner int) []*text {
	var ts []*text
	for _, t := range all {
		if t.lang != lang {
			continue
		}
		out := false
		for _, x := range []int{held, inner} {
			if x == 0 {
				continue
			}
			if t.writer == x || (strings.HasPrefix(t.src, "batch:") && t.session >= x) || (t.src != fmt.Sprintf("fa-s%d", x) && faBodies[x][strings.TrimSpace(t.body)]) {
				out = true
			}
		}
		if !out {
			ts = append(ts, t)
		}
	}
	return ts
}

func readLines(name string, session, writer int) []*text {
	var ts []*text
	for _, l := range []string{"zh", "en"} {
		ts = append(ts, readFile(filepath.Join(dir, name, l+".txt"), name, session, writer, l)...)
	}
	return ts
}

func readFile(p, src string, session, writer int, lang string) []*text {
	f, err := os.Open(p)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var ts []*text
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
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
		ts = append(ts, &text{src: src, session: session, writer: writer, lang: lang, label: label, idx: n, body: body})
	}
	return ts
}

func readJSONL(p string) []*text {
	f, err := os.Open(p)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var ts []*text
	sc := bufio.NewScanner(f)
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
		ts = append(ts, &text{src: "train", lang: model.Language(r.Text), label: lab, body: r.Text})
	}
	return ts
}

// grams: hashed character 1–4-grams of the normalised text, each once, plus a bias feature (0).
func grams(body string) []uint32 {
	_, rs := model.Normalize(body)
	seen := map[uint32]bool{0: true}
	fs := []uint32{0}
	for i := range rs {
		for n := 1; n <= 4 && i+n <= len(rs); n++ {
			h := fnv(string(rs[i:i+n])) & (1<<bits - 1)
			if h == 0 {
				h = 1
			}
			if !seen[h] {
				seen[h] = true
				fs = append(fs, h)
			}
		}
	}
	sort.Slice(fs, func(a, b int) bool { return fs[a] < fs[b] })
	return fs
}

func fnv(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// fit: L2-regularised logistic regression by SGD (AdaGrad), features scaled by 1/sqrt(count), texts in a
// fixed shuffled order (seed 13), 10 epochs. Deterministic.
func fit(ts []*text) []float64 {
	w := make([]float64, 1<<bits)
	g2 := make([]float64, 1<<bits)
	order := make([]int, len(ts))
	for i := range order {
		order[i] = i
	}
	seed := uint64(13)
	for i := len(order) - 1; i > 0; i-- {
		seed = seed*6364136223846793005 + 1442695040888963407
		j := int((seed >> 33) % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
	const lr, l2 = 0.5, 1e-6
	for ep := 0; ep < 10; ep++ {
		for _, i := range order {
			t := ts[i]
			x := 1 / math.Sqrt(float64(len(t.feats)))
			p := prob(w, t.feats)
			y := 0.0
			if t.label {
				y = 1
			}
			for _, f := range t.feats {
				g := (p-y)*x + l2*w[f]
				g2[f] += g * g
				w[f] -= lr * g / (math.Sqrt(g2[f]) + 1e-8)
			}
		}
	}
	return w
}

func prob(w []float64, fs []uint32) float64 {
	x := 1 / math.Sqrt(float64(len(fs)))
	z := 0.0
	for _, f := range fs {
		z += w[f] * x
	}
	return 1 / (1 + math.Exp(-z))
}
