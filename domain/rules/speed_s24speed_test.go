package rules

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// s24Texts are the train texts of every labelled set of jurisdiction j (as mkalltrain.py lists
// them: the golden file left out, cfpb* and en-written* English), with the odd texts of session 21
// and a text of more than 64 clauses (find's other branch).
func s24Texts(t *testing.T, j Jurisdiction) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(labelDir, "*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	texts := slices.Clone(s21Odd)
	texts = append(texts, strings.Repeat("他们打电话给我妈，威胁要上门，", 40), strings.Repeat("they called my mother, threatened to come, ", 40))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		if strings.Contains(name, "golden") {
			continue
		}
		us := strings.Contains(name, "cfpb") || strings.Contains(name, "en-written")
		if us != (j == US) {
			continue
		}
		for _, l := range labelledSet(t, name) {
			if l.Split == "train" {
				texts = append(texts, l.Text)
			}
		}
	}
	if len(texts) < 500 {
		t.Fatalf("%s: only %d texts", j, len(texts))
	}
	return texts
}

// TestS24DenseConjunctsSameAsLiterals: the conjuncts find lists (dense by conjunct for a text of
// at most 64 clauses, by rank for a longer one) are, for every conjunct of both packs and every
// train text, exactly the clauses holding one of the conjunct's literals, as the literals' own
// clause sets give them (the straightforward reading of the postings).
func TestS24DenseConjunctsSameAsLiterals(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		pf := p.pre
		litsOf := make([][]int32, pf.conjuncts) // conjunct -> its literal ids
		for id, ps := range pf.postings {
			for _, cj := range ps {
				litsOf[cj] = append(litsOf[cj], int32(id))
			}
		}
		dense, ranked := 0, 0
		for _, text := range s24Texts(t, j) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			h := st.lits
			if h == nil || !h.conjKnown() {
				continue
			}
			if h.dense != nil {
				dense++
			} else {
				ranked++
			}
			for cj := range pf.conjuncts {
				want := make([]uint64, h.words)
				has := false
				for _, id := range litsOf[cj] {
					if k, ok := h.has(id); ok {
						has = true
						for w := range want {
							want[w] |= h.sets[k*h.words+w]
						}
					}
				}
				got, ok := h.conjClauses(int32(cj))
				if ok != has || h.hasConj(int32(cj)) != has || has && !slices.Equal(got, want) {
					t.Fatalf("%s: %q: conjunct %d: clauses %b (%v, hasConj %v), its literals' %b (%v)", j, text, cj, got, ok, h.hasConj(int32(cj)), want, has)
				}
			}
		}
		if dense == 0 || ranked == 0 {
			t.Fatalf("%s: %d dense texts, %d ranked: a branch untested", j, dense, ranked)
		}
	}
}
