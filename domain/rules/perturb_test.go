package rules

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

var perturbReport = flag.Bool("perturb-report", false, "TestPerturbationRetention: print the retention table and the ids whose flags were lost")

// trainRecords reads the train split of the labelled sets named.
func trainRecords(t *testing.T, names ...string) []Labelled {
	t.Helper()
	var out []Labelled
	for _, name := range names {
		f, err := os.Open(filepath.Join(labelDir, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := ReadLabelled(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range recs {
			if r.Split == "train" {
				out = append(out, r)
			}
		}
	}
	return out
}

// TestPerturbationRetention judges the train texts as written and perturbed the way people evade
// filters (traditional characters, spaced words, emoji, numerals, pinyin, no punctuation) or write
// carelessly (no apostrophes, capitals, misspellings, texting), and holds the share of the original
// flags each perturbation keeps, and the flags it adds, to the figures reached in session 8.
func TestPerturbationRetention(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sets := []struct {
		lang  string
		pack  Jurisdiction
		files []string
	}{
		{"zh", CN, []string{"zh-real.jsonl", "zh-written-train.jsonl"}},
		{"en", US, []string{"en-written-train.jsonl", "cfpb.jsonl"}},
	}
	for _, s := range sets {
		rs := MeasureRetention(mustPack(t, s.pack), s.lang, trainRecords(t, s.files...), now)
		if *perturbReport {
			t.Logf("%s\n%s", s.lang, RetentionMarkdown(rs))
			for _, r := range rs {
				for typ, ids := range r.Lost {
					slices.Sort(ids)
					t.Logf("%s %s lost: %v", r.Perturbation, typ, ids)
				}
				for typ, ids := range r.Added {
					t.Logf("%s %s added: %v", r.Perturbation, typ, ids)
				}
			}
		}
		for _, r := range rs {
			min, ok := minRetention[r.Perturbation]
			if !ok {
				t.Errorf("%s: no minimum retention", r.Perturbation)
				continue
			}
			if got := r.Overall(); got < min {
				t.Errorf("%s: %d texts keep %.3f of the original flags, below %.3f", r.Perturbation, r.Texts, got, min)
			}
			if r.SpuriousCount() > maxSpurious[r.Perturbation] {
				t.Errorf("%s: %d flags added, more than %d", r.Perturbation, r.SpuriousCount(), maxSpurious[r.Perturbation])
			}
		}
	}
}

// minRetention and maxSpurious are the figures reached in session 8 (docs/RULES.md, "Evasion
// robustness"), less a margin of 0.01 and 3 flags. Before the session: spaced 0.977, numerals 0.990
// and 0.985, pinyin 0.989, spacing 0.926, misspellings 0.913, texting 0.973, no apostrophes 0.986.
var (
	minRetention = map[string]float64{
		"traditional": 0.989, "full-width": 0.99, "spaced": 0.988, "emoji": 0.989, "zh-numerals": 0.984,
		"arabic-numerals": 0.985, "pinyin": 0.989, "punct-spaces": 0.984, "punct-removed": 0.968,
		"no-apostrophes": 0.983, "all-caps": 0.99, "spacing": 0.988, "misspellings": 0.964, "texting": 0.973,
	}
	maxSpurious = map[string]int{
		"traditional": 3, "full-width": 3, "spaced": 3, "emoji": 3, "zh-numerals": 5, "arabic-numerals": 7,
		"pinyin": 4, "punct-spaces": 15, "punct-removed": 38,
		"no-apostrophes": 3, "all-caps": 3, "spacing": 3, "misspellings": 7, "texting": 7,
	}
)
