package model

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"
)

// featuresS29Ref is FeaturesWith as it was before session 29 (a map[string]bool of the n-grams
// seen, every gram hashed whole), the reference the faster one must equal.
func featuresS29Ref(text string, fs FeatureSet) (string, []Gram) {
	lang, rs := normalizeS29Ref(text)
	// n-grams are substrings of the normalised text: its words are separated by exactly one
	// space (Normalize), so a word n-gram is the text from its first word's start to its last's end
	s := string(rs)
	var bounds []int // Chinese: each rune's byte offset and len(s); else each word's start and end
	if lang == LangEN {
		start := 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || s[i] == ' ' {
				if i > start {
					bounds = append(bounds, start, i)
				}
				start = i + 1
			}
		}
	} else {
		bounds = make([]int, 0, len(rs)+1)
		for i := range s {
			bounds = append(bounds, i)
		}
		bounds = append(bounds, len(s))
	}
	seen := map[string]bool{}
	// most n-grams of a text are distinct: one list of about their number, not a doubling series
	out := make([]Gram, 0, 3*len(bounds)/2)
	add := func(key, shown string) {
		if !seen[key] {
			seen[key] = true
			out = append(out, Gram{Text: shown, Bucket: bucketS29Ref(key)})
		}
	}
	if lang == LangEN {
		if fs == (FeatureSet{}) { // the default: word n-grams as substrings, no joins to allocate
			nw := len(bounds) / 2
			for i := range nw {
				for n := 1; n <= 3 && i+n <= nw; n++ {
					g := s[bounds[2*i]:bounds[2*(i+n-1)+1]]
					add(g, g)
				}
			}
			return lang, out
		}
		words := strings.Fields(s)
		keys := words
		if fs.Stem {
			keys = make([]string, len(words))
			for i, w := range words {
				keys[i] = stem(w)
			}
		}
		for i := range words {
			for n := 1; n <= 3 && i+n <= len(words); n++ {
				add(strings.Join(keys[i:i+n], " "), strings.Join(words[i:i+n], " "))
			}
		}
		if fs.Negation > 0 {
			for i, w := range words {
				if !negationCue(w) {
					continue
				}
				for j := i + 1; j <= i+fs.Negation && j < len(words) && !negationCue(words[j]); j++ {
					add("not_"+keys[j], strings.Join(words[i:j+1], " "))
				}
			}
		}
		if fs.CharMin > 0 {
			for _, w := range words {
				r := []rune("<" + w + ">")
				if len(r) < 5 {
					continue
				}
				for n := fs.CharMin; n <= fs.CharMax; n++ {
					for i := 0; i+n <= len(r); i++ {
						add("#"+string(r[i:i+n]), w)
					}
				}
			}
		}
		return lang, out
	}
	for i := range rs {
		for n := 1; n <= 3 && i+n <= len(rs); n++ {
			g := s[bounds[i]:bounds[i+n]]
			if seen[g] || strings.TrimSpace(g) == "" {
				continue
			}
			seen[g] = true
			out = append(out, Gram{Text: g, Bucket: bucketS29Ref(g)})
		}
	}
	return lang, out
}

// normalizeS29Ref is Normalize as it was before session 29 (runes appended one by one).
func normalizeS29Ref(text string) (string, []rune) {
	t2sOnce.Do(func() { t2s, _ = opencc.New("t2s") })
	s := strings.ToLower(norm.NFKC.String(text))
	if t2s != nil && strings.IndexFunc(s, han) >= 0 {
		if c, err := t2s.Convert(s); err == nil {
			s = c
		}
	}
	var out []rune
	gap := false
	hasHan := false
	for _, r := range s {
		switch {
		case han(r):
			hasHan = true
			if gap && len(out) > 0 && !han(out[len(out)-1]) {
				out = append(out, ' ')
			}
			out = append(out, r)
			gap = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'':
			if gap && len(out) > 0 {
				out = append(out, ' ')
			}
			out = append(out, r)
			gap = false
		default:
			gap = true
		}
	}
	if hasHan {
		return LangZH, out
	}
	return LangEN, out
}

// bucketS29Ref is bucket as it was before session 29.
func bucketS29Ref(g string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(g); i++ {
		h ^= uint32(g[i])
		h *= 16777619
	}
	return h & (1<<HashBits - 1)
}

// s29TrainTexts are the train texts of the labelled sets (testdata/rules/*.jsonl; held-out records
// are skipped unread).
func s29TrainTexts(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "rules", "*.jsonl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no labelled sets: %v", err)
	}
	var texts []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var rec struct {
				Text  string `json:"text"`
				Split string `json:"split"`
			}
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Split == "train" {
				texts = append(texts, rec.Text)
			}
		}
		fh.Close()
	}
	return texts
}

// TestS29FeaturesSameAsMap: FeaturesWith's n-grams (session 29, speed: a set on the FNV hash the
// buckets are made of, the 2- and 3-grams' hashes going on from the 1-gram's) are exactly the
// map-based reference's — the same grams, texts, buckets and order — for every train text of both
// languages, long and odd texts, under the default features, the built-in model's and every option.
func TestS29FeaturesSameAsMap(t *testing.T) {
	texts := append(s29TrainTexts(t), "", " ", "a", "a a a a", "他们他们他们", strings.Repeat("call me now ", 800),
		strings.Repeat("催收天天打电话", 600), "\xff\xfe 我 x", "Ⅻ ＡＢＣ 臺灣 don't won't can't")
	if len(texts) < 1000 {
		t.Fatalf("only %d texts", len(texts))
	}
	sets := []FeatureSet{{}, {Stem: true}, {Negation: 3}, {CharMin: 3, CharMax: 5}, {Stem: true, Negation: 2, CharMin: 2, CharMax: 4}}
	if m, err := Builtin(); err == nil {
		sets = append(sets, m.Meta.EN)
	}
	grams := 0
	for _, fs := range sets {
		for _, text := range texts {
			lang, got := FeaturesWith(text, fs)
			wlang, want := featuresS29Ref(text, fs)
			if lang != wlang || !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Fatalf("%+v %.60q: %s %d grams, the map's %s %d", fs, text, lang, len(got), wlang, len(want))
			}
			grams += len(got)
			if fs == (FeatureSet{}) {
				_, rs := Normalize(text)
				_, wrs := normalizeS29Ref(text)
				if string(rs) != string(wrs) {
					t.Fatalf("%.60q: Normalize %q, the reference's %q", text, string(rs), string(wrs))
				}
			}
		}
	}
	t.Logf("%d texts, %d feature sets, %d grams: all the same", len(texts), len(sets), grams)
}

// TestS29GramSetCollisions: keys whose whole hashes are equal are still told apart by their text,
// and the set grows past half full without losing one.
func TestS29GramSetCollisions(t *testing.T) {
	var g gramSet
	g.reset(1)
	var keys []string
	for i := range 500 {
		keys = append(keys, strings.Repeat("x", i%37)+string(rune('a'+i%26))+strings.Repeat("y", i/26))
	}
	for round := range 2 {
		for i, k := range keys {
			h := uint32(i % 3) // three hashes for 500 keys
			if got := g.add(k, h); got != (round == 0) {
				t.Fatalf("round %d: add(%q) = %v", round, k, got)
			}
		}
	}
	if len(g.keys) != len(keys) || 2*len(g.keys) > len(g.slots) {
		t.Fatalf("%d keys in %d slots, want %d", len(g.keys), len(g.slots), len(keys))
	}
}
