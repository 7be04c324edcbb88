package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/rules/judge-golden.json from the current engine")

// goldenSet is one labelled file's judgements in testdata/rules/judge-golden.json: for each train
// record the hash of its full judgement, for the held-out records one hash over all of them (so a
// change to a held-out judgement is detected without naming the record).
type goldenSet struct {
	Train   map[string]string `json:"train"`
	Heldout struct {
		Texts  int    `json:"texts"`
		SHA256 string `json:"sha256"`
	} `json:"heldout"`
}

// goldenJudgement is a text's full judgement as routing records it (violations with evidence,
// spans, rules, confidences and law; urgency; dismissed hits; severity and referral), as JSON.
func goldenJudgement(t *testing.T, p *Pack, text string) []byte {
	t.Helper()
	b, err := json.Marshal(p.Judge(Facts{Narrative: text}, "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// goldenPack is the built-in pack that judges a labelled set, as `redline rules eval` picks it.
func goldenPack(t *testing.T, set string) *Pack {
	t.Helper()
	j := CN
	if strings.HasPrefix(set, "cfpb") || strings.HasPrefix(set, "en-") {
		j = US
	}
	p, err := Default(j)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func goldenHash(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:12])
}

// TestJudgeGolden: the engine's full judgement of every labelled text is byte-identical to the one
// recorded in testdata/rules/judge-golden.json. It guards work on the engine's speed, which must
// change no output. When a pack or the engine rightly changes judgements, regenerate it with
// `go test ./domain/rules -count=1 -run TestJudgeGolden -args -update-golden`.
func TestJudgeGolden(t *testing.T) {
	path := filepath.Join(labelDir, "judge-golden.json")
	files, _ := filepath.Glob(filepath.Join(labelDir, "*.jsonl"))
	if len(files) == 0 {
		t.Fatalf("no labelled sets in %s", labelDir)
	}
	got := map[string]*goldenSet{}
	texts := map[string]map[string]string{} // set -> train id -> text, to show what changed
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		p := goldenPack(t, name)
		gs := &goldenSet{Train: map[string]string{}}
		texts[name] = map[string]string{}
		held := sha256.New()
		for _, l := range labelledSet(t, name) {
			b := goldenJudgement(t, p, l.Text)
			if l.Split != "train" {
				gs.Heldout.Texts++
				held.Write(b)
				held.Write([]byte{'\n'})
				continue
			}
			if _, dup := gs.Train[l.ID]; dup {
				t.Fatalf("%s: id %s twice", name, l.ID)
			}
			gs.Train[l.ID] = goldenHash(b)
			texts[name][l.ID] = l.Text
		}
		gs.Heldout.SHA256 = hex.EncodeToString(held.Sum(nil)[:12])
		got[name] = gs
	}
	if *updateGolden {
		b, err := json.MarshalIndent(got, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run go test ./domain/rules -run TestJudgeGolden -args -update-golden", err)
	}
	want := map[string]*goldenSet{}
	if err := json.Unmarshal(doc, &want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		g, w := got[name], want[name]
		if w == nil {
			t.Errorf("%s: not in %s", name, path)
			continue
		}
		changed := 0
		for id, h := range g.Train {
			if w.Train[id] == h {
				continue
			}
			if changed++; changed <= 3 {
				t.Errorf("%s %s: judgement changed, now %s", name, id, goldenJudgement(t, goldenPack(t, name), texts[name][id]))
			}
		}
		if changed > 0 || len(g.Train) != len(w.Train) {
			t.Errorf("%s: %d of %d train judgements changed (%d recorded)", name, changed, len(g.Train), len(w.Train))
		}
		if g.Heldout != w.Heldout {
			t.Errorf("%s: the held-out judgements changed (%d texts)", name, g.Heldout.Texts)
		}
	}
	if len(want) != len(got) {
		t.Errorf("%s lists %d sets, testdata/rules has %d", path, len(want), len(got))
	}
}
