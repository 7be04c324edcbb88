package rules

import (
	"fmt"
	"regexp/syntax"
	"slices"
)

// Start-rune search for patterns without a lead (session 25, speed). A pattern whose matches need
// not start at a literal the Aho-Corasick pass knows (a plain pattern opening with ^, which is
// "(?:^|[clause marks])[spaces, quotes]*"; one opening with a class such as [0-9]) was searched by
// Go's regexp over the whole clause or text: for a pattern with {THIRD}'s hundreds of branches its
// NFA costs more than all the lead patterns of a judgement together. Every match of such a
// pattern, though, starts at the search's start (where ^ holds) or with a rune of a set that can
// be listed (its first runes). It is run anchored (the lead patterns' depth-first program) only
// there, left to right, continuing after each match: exactly the matches FindAllStringIndex finds,
// as for the leads (leftmost start first, then the pattern's own preference).

// startSearch is the runes a pattern's matches start with and its anchored forms.
type startSearch struct {
	first []rune // sorted, disjoint lo-hi ranges
	*anchoredRE
}

// maxStartRunes is the most runes a start set may hold: a pattern that may start with almost any
// rune ([^。！？]…) gains nothing from being tried rune by rune, and keeps the regexp's search.
const maxStartRunes = 4096

// newStartSearch returns re's start search, or nil when some match could be empty or start with a
// rune that cannot be listed (any character, case folding).
func newStartSearch(re fmt.Stringer) *startSearch {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	t = t.Simplify()
	first, nullable, ok := startRunes(t)
	if !ok || nullable || canBeEmpty(t) {
		return nil
	}
	first = mergeRanges(first)
	n := 0
	for i := 0; i+1 < len(first); i += 2 {
		n += int(first[i+1]-first[i]) + 1
	}
	if n > maxStartRunes {
		return nil
	}
	return &startSearch{first: first, anchoredRE: newAnchoredRE(re, t)}
}

// startRunes is firstRunes for the starts after the search's own (which is always tried): there ^
// (\A) cannot hold, so it matches nothing — "(?:^|[，。])…" starts at a clause mark — and the other
// empty-width assertions ($, \b, \B, (?m)^) are read as the empty string. A match starting after
// the search's start starts with one of the runes returned; a set larger than the matches need is
// only slower, never wrong, and an empty one (not nullable) means "^…": the search's start only.
// Character classes of any size are listed (newStartSearch bounds the whole set).
func startRunes(t *syntax.Regexp) (first []rune, nullable, ok bool) {
	return leadRunes(t, true)
}

// startMatches returns the byte spans of m's matches in t[bs:be], the same as m.find(st.t, bs, be),
// running the pattern anchored only at bs and at the runes of its start set.
func (st *scanState) startMatches(m *phraseMatcher, bs, be int) [][]int {
	return st.startMatchesUntil(m, bs, be, be)
}

// startMatchesUntil is startMatches run only from starts before byte until.
func (st *scanState) startMatchesUntil(m *phraseMatcher, bs, be, until int) [][]int {
	ss := m.starts
	var out [][]int
	next := bs // the search continues after the last match
	for r, end := int(st.offs[bs]), int(st.offs[be]); r < end; r++ {
		s := int(st.bytePos[r])
		if s >= until {
			break
		}
		if s < next || s > bs && !inRanges(ss.first, st.rs[r]) {
			continue
		}
		if loc := ss.atWith(&st.scratch.bt, st.t, st.tab, bs, s, be, false); loc != nil {
			out = append(out, m.span(st.t, loc[0], loc[1]))
			next = loc[1]
		}
	}
	return out
}

// search returns the byte spans of m's matches in st.t[bs:be] (m.find's): from its lead's places,
// from its start runes, or by the regexp's own search.
func (st *scanState) search(m *phraseMatcher, bs, be int) [][]int {
	return st.searchUntil(m, bs, be, be)
}

// searchUntil is search with the runs from a lead or from start runes stopped at byte until: the
// matches that start before it, and perhaps others.
func (st *scanState) searchUntil(m *phraseMatcher, bs, be, until int) [][]int {
	if st.lits != nil {
		if m.lead != nil {
			return st.leadMatchesUntil(m, bs, be, until)
		}
		if m.starts != nil && !st.p.noStarts {
			return st.startMatchesUntil(m, bs, be, until)
		}
	}
	return m.find(st.t, bs, be)
}

// canBeEmpty reports whether t may match the empty string somewhere, every assertion (^ too) taken
// to hold: FindAll's rules for empty matches are not the start search's.
func canBeEmpty(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpQuest, syntax.OpStar:
		return true
	case syntax.OpCapture, syntax.OpPlus:
		return canBeEmpty(t.Sub[0])
	case syntax.OpRepeat:
		return t.Min == 0 || canBeEmpty(t.Sub[0])
	case syntax.OpAlternate:
		return slices.ContainsFunc(t.Sub, canBeEmpty)
	case syntax.OpConcat:
		for _, s := range t.Sub {
			if !canBeEmpty(s) {
				return false
			}
		}
		return true
	}
	return false
}
