package rules

import (
	"math/bits"
	"sort"
)

// A composite's first facts where a later fact can follow (session 29, speed). A composite whose
// first fact is a common word — {SAY_EN} (said, told), {THEY_ZH} (他们, 催收) — searched that
// word's every clause and built a hit for each occurrence, and then searched its later facts after
// each, although a later fact is searched only in the clauses that hold its patterns' literals
// (within: the prefilter's candidates), from the first fact's end to the end of the sentence
// Sentences after the first fact's. A first fact in a clause from which no such clause is within
// reach finds no later fact: its hit is never joined, and dropping it changes no hit of the
// composite (the firsts are tried in order and the first joined one stands; the exceptions'
// searches only stop earlier, as since session 28). So the first facts are searched only in the
// clauses within reach of a later fact's candidate clause — none at all when the later facts'
// literals lie only before the first facts' (the common case: "said" in a text without an evil).

// thenClauses returns the union of the candidate clauses of the patterns of g that run (runs): the
// only clauses in which within finds a match of one of them. False when no pattern runs (anyRuns).
func (st *scanState) thenClauses(g *PhraseGroup, dense []uint64) ([]uint64, bool) {
	sc := st.scratch
	words := st.lits.words
	if cap(sc.reach) < 2*words {
		sc.reach = make([]uint64, 2*words)
	}
	out := sc.reach[:words]
	clear(out)
	any := false
	for mi := range g.matchers {
		if dense != nil && mi < len(g.gates) {
			if cj := g.gates[mi]; cj >= 0 && dense[cj] == 0 {
				continue // ruled out by its gate, as runs rules it out
			}
		}
		m := &g.matchers[mi]
		if st.ruledOut(m) || m.lang == "zh" && !st.hasHan || m.lang == "en" && !st.hasLatin {
			continue
		}
		set, ok := st.lits.candidates(m, st.all, st.candBuf())
		if !ok {
			continue
		}
		any = true
		for w := range set {
			out[w] |= set[w]
		}
	}
	return out, any
}

// firstClauses returns the clauses a first fact of a composite whose later facts lie in the
// clauses then (thenClauses) and reach sentences on may stand in and be joined: clause ci when a
// clause of then starts before the end of the sentence `sentences` after ci's last sentence, and
// ends after ci starts (it is ci or a later one). A first fact in ci lies in a sentence no later
// than ci's last, so its later facts' search ends no later than that end and starts no earlier
// than ci; a clause of then outside that span is never searched for it.
func (st *scanState) firstClauses(then []uint64, sentences int) []uint64 {
	sc := st.scratch
	words := st.lits.words
	out := sc.reach[words : 2*words]
	clear(out)
	if len(st.sents) == 0 {
		return out // no first fact stands outside a sentence (sentenceOf)
	}
	sentOf := st.clauseSentences()
	last := len(st.sents) - 1
	next := -1 // the first clause of then at or after ci
	for ci := len(st.clauses) - 1; ci >= 0; ci-- {
		if then[ci/64]&(1<<(ci%64)) != 0 {
			next = ci
		}
		if next < 0 {
			continue
		}
		end := st.byteOf(st.sents[min(int(sentOf[ci])+sentences, last)].end)
		if st.clauses[next][0] < end {
			out[ci/64] |= 1 << (ci % 64)
		}
	}
	return out
}

// clauseSentences returns, for each clause, the sentence that holds its last rune (the last
// sentence when none does), found once per scan.
func (st *scanState) clauseSentences() []int32 {
	sc := st.scratch
	if sc.clauseSentDone {
		return sc.clauseSent
	}
	sc.clauseSentDone = true
	sc.clauseSent = sc.clauseSent[:0]
	last := len(st.sents) - 1
	for _, c := range st.clauses {
		r := int(st.offs[c[1]]) - 1
		si := sort.Search(len(st.sents), func(i int) bool { return st.sents[i].end > r })
		sc.clauseSent = append(sc.clauseSent, int32(min(si, last)))
	}
	return sc.clauseSent
}

// firstsWithin returns the byte spans of m's matches in the clauses of allow that hold its
// literals: within(m, 0, len(st.t)) without the clauses outside allow.
func (st *scanState) firstsWithin(m *phraseMatcher, allow []uint64) [][]int {
	set, ok := st.lits.candidates(m, st.all, st.candBuf())
	if !ok {
		return nil
	}
	var out [][]int
	for w, word := range set {
		word &= allow[w]
		for word != 0 {
			b := word & -word
			word ^= b
			c := st.clauses[w*64+bits.TrailingZeros64(b)]
			if c[0] < c[1] {
				out = append(out, st.search(m, c[0], c[1])...)
			}
		}
	}
	return out
}

// anyBit reports whether a clause set holds a clause.
func anyBit(set []uint64) bool {
	for _, w := range set {
		if w != 0 {
			return true
		}
	}
	return false
}
