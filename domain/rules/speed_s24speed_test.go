package rules

import (
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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
		for _, l := range equivalenceSet(t, name) {
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

// foundCalls are the (k, i) calls of a found-like walk.
func foundCalls(walk func(f func(k, i int))) [][2]int {
	var out [][2]int
	walk(func(k, i int) { out = append(out, [2]int{k, i}) })
	return out
}

// straightFound is what found and foundIn answer, asked id by id: (k, i) for each ids[i] the text
// holds, in the list's order.
func straightFound(h *litHits, ids []int32) [][2]int {
	var out [][2]int
	for i, id := range ids {
		if k, ok := h.has(id); ok {
			out = append(out, [2]int{k, i})
		}
	}
	return out
}

// TestS24FoundInSameAsFound: foundIn (the literals found, intersected with an id list a 64-id word
// at a time) calls f exactly as found does and as looking each id up does, for every lead, gate
// and cue list of both packs over every train text; and every such list has its idSet (its ids
// are strictly ascending), so no list falls back to found.
func TestS24FoundInSameAsFound(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.lead != nil })
		type list struct {
			ids []int32
			set *idSet
		}
		var lists []list
		for _, m := range ms {
			lm := m.lead
			if lm.litSet == nil || len(lm.gateSets) != len(lm.gates) {
				t.Fatalf("%s: %q: lead without its idSets", j, m.pattern)
			}
			lists = append(lists, list{lm.lits, lm.litSet})
			for gi, g := range lm.gates {
				if lm.gateSets[gi] == nil {
					t.Fatalf("%s: %q: gate %d without its idSet", j, m.pattern, gi)
				}
				lists = append(lists, list{g, lm.gateSets[gi]})
			}
		}
		for kind := range cueKinds {
			for li := range 2 {
				if ids := p.pre.cueSorted[kind][li]; ids != nil {
					if p.pre.cueSet[kind][li] == nil {
						t.Fatalf("%s: cue list %d/%d without its idSet", j, kind, li)
					}
					lists = append(lists, list{ids, p.pre.cueSet[kind][li]})
				}
			}
		}
		calls := 0
		for ti, text := range s24Texts(t, j) {
			p.lastPrepared.Store(nil)
			h := p.prepare(text).lits
			if h == nil {
				continue
			}
			for li, l := range lists {
				if ti%7 != 0 && li%5 != ti%5 {
					continue // a fifth of the lists for most texts, all of them for every seventh
				}
				want := straightFound(h, l.ids)
				got := foundCalls(func(f func(k, i int)) { h.foundIn(l.set, l.ids, f) })
				old := foundCalls(func(f func(k, i int)) { h.found(l.ids, f) })
				if !slices.Equal(got, want) || !slices.Equal(old, want) {
					t.Fatalf("%s: %q: list %v: foundIn %v, found %v, id by id %v", j, text, l.ids, got, old, want)
				}
				calls += len(want)
			}
		}
		if calls == 0 {
			t.Fatalf("%s: no list member found: the test tests nothing", j)
		}
	}
}

// TestS24IDSetProperty: for random id lists (ascending, sparse or clustered, over word edges) and
// random sets of literals found, foundIn gives the id-by-id answer; a list with a repeated id or
// out of order has no idSet (foundIn then is found).
func TestS24IDSetProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(24))
	const space = 2000
	for round := range 3000 {
		var ids []int32
		step := 1 + rng.Intn(1+round%200)
		for id := int32(rng.Intn(130)); id < space && len(ids) < 1+rng.Intn(400); id += int32(1 + rng.Intn(step)) {
			ids = append(ids, id)
		}
		h := &litHits{lit: newRankSet(space)}
		for range rng.Intn(300) {
			h.lit.add(int32(rng.Intn(space)))
		}
		if round%3 == 0 {
			for _, id := range ids {
				if rng.Intn(2) == 0 {
					h.lit.add(id)
				}
			}
		}
		h.lit.seal()
		for w, b := range h.lit.bits {
			for ; b != 0; b &= b - 1 {
				h.touched = append(h.touched, int32(w*64+bitIndex(b&-b)))
			}
		}
		set := newIDSet(ids)
		if (set == nil) != (len(ids) == 0) {
			t.Fatalf("ids %v: idSet %v", ids, set)
		}
		want := straightFound(h, ids)
		if got := foundCalls(func(f func(k, i int)) { h.foundIn(set, ids, f) }); !slices.Equal(got, want) {
			t.Fatalf("ids %v: foundIn %v, id by id %v", ids, got, want)
		}
	}
	for _, bad := range [][]int32{{3, 3}, {5, 4}, {1, 64, 64, 200}, {-1, 2}} {
		if newIDSet(bad) != nil {
			t.Fatalf("%v: an idSet for a list not strictly ascending", bad)
		}
	}
}

// TestS24CandidatesSameAsLiterals: candidates' reading of a short text's conjunct table (the
// conjuncts' clause words ANDed) gives, for every pattern with a literal requirement of both packs
// and every train text, the clauses that its straightforward reading gives: each conjunct's
// literals' clauses ORed, then intersected (a matcher without the pack's conjunct indices).
func TestS24CandidatesSameAsLiterals(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.needIdx != nil })
		dense := 0
		for _, text := range s24Texts(t, j) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			h := st.lits
			if h == nil {
				continue
			}
			if h.dense != nil {
				dense++
			}
			buf := make([]uint64, 2*h.words)
			for _, m := range ms {
				got, ok := h.candidates(m, st.all, buf)
				got = slices.Clone(got)
				want, wok := h.candidates(&phraseMatcher{need: m.need, gate: -1}, st.all, make([]uint64, 2*h.words))
				if ok != wok || ok && !slices.Equal(got, want) {
					t.Fatalf("%s: %q: %q: candidates %b (%v), by its literals %b (%v)", j, text, m.pattern, got, ok, want, wok)
				}
			}
		}
		if dense == 0 {
			t.Fatalf("%s: no text of at most 64 clauses", j)
		}
	}
}

// TestS24RuneCountSameAsUTF8: runeCount is utf8.RuneCountInString for the train texts of both
// packs, the odd texts and random byte strings (valid, cut and invalid UTF-8).
func TestS24RuneCountSameAsUTF8(t *testing.T) {
	texts := append(s24Texts(t, CN), s24Texts(t, US)...)
	rng := rand.New(rand.NewSource(24))
	pieces := []string{"打", "a", "\xe4", "\xbd", "\xe4\xbd", "\xed\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd", "\U0010FFFF", "é", "\xff", "\xc0\x80", "𠀀", " "}
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(12) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("%q: runeCount %d, RuneCountInString %d", s, got, want)
		}
	}
}
