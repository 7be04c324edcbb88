package rules

import "sort"

// Later facts first (session 30, speed). A composite's first facts were searched over the whole
// text and its later facts from each of them; since session 29 a first fact may be as common as
// the complainant's persons and things ({TARGETS_ZH}: 你, 家, 孩子, 车 — in nearly every
// sentence), and each one found was then tested against the composite's exceptions and its gate
// (the collector's side speaking), whose exceptions search the whole text. The later facts (a
// harm, a mishap in a future frame) are rare. So the later facts are looked for first, clause by
// clause, and the first facts only in the sentences from which a later fact's clause is within
// the composite's reach; when no later fact stands anywhere, nothing else is searched.
//
// Exact: the join searches a later fact from a first fact f in [f's end, the end of sentence
// f.sent+Sentences), clause by clause (within). For a pattern with no anchor (^, $) and no word
// boundary (\b, \B), a match in part of a clause is a match in the whole clause (what is matched
// does not depend on the text around it), so the clause-wide search finds one too. Such a later
// fact lies in a sentence si of that clause, at or after f's sentence and at most Sentences after
// it: f.sent lies in [si-Sentences, si]. A first fact in no such sentence joins nothing, and
// leaving it out changes no join: the first facts are filtered one by one (exceptions, gate) and
// the join takes the first of them, in their order, that reaches a later fact. Their number only
// bounds the exceptions' searches, which give the same spans below the bound.

// thenPlain reports whether every pattern of g has no anchor and no word boundary (see above).
func thenPlain(g *PhraseGroup) bool {
	for mi := range g.matchers {
		if m := &g.matchers[mi]; m.anchored || m.boundary {
			return false
		}
	}
	return len(g.matchers) > 0
}

// clauseSents returns, for each clause, the first and last sentences that overlap it (lo > hi:
// none), found once per scan.
func (st *scanState) clauseSents() [][2]int32 {
	sc := st.scratch
	if sc.clauseSentsDone {
		return sc.clauseSents
	}
	out := resize(sc.clauseSents, len(st.clauses))
	for ci, c := range st.clauses {
		r0, r1 := int(st.offs[c[0]]), int(st.offs[c[1]])
		lo := sort.Search(len(st.sents), func(i int) bool { return st.sents[i].end > r0 })
		hi := sort.Search(len(st.sents), func(i int) bool { return st.sents[i].start >= r1 }) - 1
		out[ci] = [2]int32{int32(lo), int32(hi)}
	}
	sc.clauseSents, sc.clauseSentsDone = out, true
	return out
}

// thenReach returns, for a composite whose later facts lead (thenLeads), the sentences from which
// a first fact may reach a later fact (reach, by sentence) and the clauses that overlap one of them
// (a bit set like candidates'); ok is false when no later fact stands in the text. The prefilter's
// places must be known (st.lits).
func (st *scanState) thenReach(c *Composite, dense []uint64) (reach []bool, clauses []uint64, ok bool) {
	sc := st.scratch
	sents := st.clauseSents()
	reach = resize(sc.reach, len(st.sents))
	clear(reach)
	for mi := range c.Then.matchers {
		if gatedOut(c.Then.gates, mi, dense) {
			continue
		}
		m := &c.Then.matchers[mi]
		if !st.mayRun(m) {
			continue
		}
		set, found := st.lits.candidates(m, st.all, st.candBuf())
		if !found {
			continue
		}
		for w, word := range set {
			for word != 0 {
				b := word & -word
				word ^= b
				ci := w*64 + bitIndex(b)
				lo, hi := int(sents[ci][0]), int(sents[ci][1])
				if lo > hi {
					continue
				}
				from := max(0, lo-c.Sentences)
				if !slicesContainsFalse(reach[from : hi+1]) {
					continue // every sentence it would add is in already
				}
				if cl := st.clauses[ci]; len(st.search(m, cl[0], cl[1])) == 0 {
					continue
				}
				for i := from; i <= hi; i++ {
					reach[i] = true
				}
				ok = true
			}
		}
	}
	sc.reach = reach
	if !ok {
		return nil, nil, false
	}
	clauses = resize(sc.reachClauses, st.lits.words)
	clear(clauses)
	for ci, sr := range sents {
		for i := sr[0]; i <= sr[1]; i++ {
			if reach[i] {
				clauses[ci/64] |= 1 << (ci % 64)
				break
			}
		}
	}
	sc.reachClauses = clauses
	return reach, clauses, true
}

// slicesContainsFalse reports whether some element of bs is false.
func slicesContainsFalse(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return true
		}
	}
	return false
}

// resize returns s with length n, reallocated when its capacity is short (contents undefined).
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
