package rules

import "slices"

// Later facts searched once per text rather than once per first fact (session 31, speed31). A
// composite searches each later pattern from every first fact's end to the end of its reach
// (within); when no first fact is followed by a later one, every first fact searches to the same
// end, and a text of one long sentence (a short one repeated 20,000 characters long, without a
// full stop) searched its whole length once per first fact: quadratic in the text's length.
//
// A search that found nothing in [from, to) says the same of a later start from' in [from, to):
// within searches each clause from its start, or from from' in the clause that holds it, and a
// run from a start s > from' sees the same text as the earlier search's run from s (an anchored
// run reads the rune before its start, for \b, and nothing else before it; ^ holds only at the
// search's start) — the earlier search ran every start it had without a match, so none of them
// matches. Only from' itself, where the later search's ^ and \b see the text's start, is run
// again: when it matches, the search is made in full. A pattern with ^ or $ is searched from its
// clauses' starts whatever from is, and keeps the matches from from on, a subset. Patterns that
// the regexp searches (no lead, no start runes) are searched in full.

// emptySearch is a later pattern's search within [from, to) that found nothing; to < 0: none.
type emptySearch struct{ from, to int }

// thenWithin is within(m, from, to) for a composite's later pattern, e its last empty search.
func (st *scanState) thenWithin(m *phraseMatcher, from, to int, e *emptySearch) [][]int {
	if st.lits == nil || st.p.noThenMemo {
		return st.within(m, from, to)
	}
	if e.to == to && e.from <= from && st.noMatchAtFrom(m, from, to) {
		return nil
	}
	locs := st.within(m, from, to)
	if len(locs) == 0 && (e.to != to || from < e.from) {
		*e = emptySearch{from, to}
	}
	return locs
}

// noMatchAtFrom reports whether within(m, from, to) finds no match starting at from where an
// earlier empty search from before from would have searched from another start (false: not
// known, search).
func (st *scanState) noMatchAtFrom(m *phraseMatcher, from, to int) bool {
	if m.anchored {
		return true
	}
	// the clause that holds from after its start: there the search starts at from
	ci, _ := slices.BinarySearchFunc(st.clauses, from, func(c [2]int, x int) int { return c[1] - x })
	// clauses[ci] is the first clause ending after from (ending at or before it: not searched)
	for ; ci < len(st.clauses) && st.clauses[ci][1] <= from; ci++ {
	}
	if ci == len(st.clauses) || st.clauses[ci][0] >= from {
		return true // from starts a clause or lies between clauses: the same starts as before
	}
	be := min(st.clauses[ci][1], to)
	if from >= be {
		return true
	}
	var a *anchoredRE
	switch {
	case m.lead != nil:
		a = m.lead.anchoredRE
	case m.starts != nil && !st.p.noStarts:
		a = m.starts.anchoredRE
	default:
		return false
	}
	return a.atWith(&st.scratch.bt, st.t, st.tab, from, from, be, false) == nil
}
