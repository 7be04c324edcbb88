package rules

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// Lead-anchored matching. Go's regexp searches a clause by trying a match at every position,
// which for the long class alternations ({THIRD}, {KIN_EN}) costs far more than the match itself.
// Most patterns, though, begin with a literal: every match starts with at most `back` runes and
// then one of a few strings (its lead: "(联系|打给|催)…" starts with 联系, 打给 or 催, "{THIRD}…"
// with a class member, or up to two Chinese characters before one for "~" members). The
// Aho-Corasick pass already knows where those strings occur, so such a pattern runs only there,
// anchored: `^(?:P)` on the text from each candidate start to the clause end. Taking the candidates
// from left to right and continuing after each match finds exactly the matches that
// FindAllStringIndex finds on the clause (leftmost start first, then the pattern's own preference).
//
// An anchored run cannot see the rune before its start, so a pattern with assertions (\b) gets a
// second form, `^(?s:.)(?:P)`, run from one rune earlier: the assertion then sees the same context
// as in the clause-wide search.

// leadMatcher is a pattern's lead and its anchored forms; nil when the pattern has no lead.
type leadMatcher struct {
	lits     []int32        // prefilter literal ids: a match starts with one of them, after back runes at most
	back     int            // the most runes a match has before its lead
	anchored *regexp.Regexp // ^(?:P)
	withPrev *regexp.Regexp // ^(?s:.)(?:P), for patterns with assertions; nil otherwise
}

// newLeadMatcher returns re's lead strings (lower case) and anchored forms, or ok false when some
// match need not start near a literal.
func newLeadMatcher(re *regexp.Regexp) (lm *leadMatcher, lits []string, ok bool) {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil, nil, false
	}
	t = t.Simplify()
	lits, back, ok := leadOf(t)
	if !ok || len(lits) == 0 || len(lits) > 4096 || hasTextAnchor(t) {
		return nil, nil, false
	}
	lm = &leadMatcher{back: back}
	if lm.anchored, err = regexp.Compile(`^(?:` + re.String() + `)`); err != nil {
		return nil, nil, false
	}
	if hasAssertion(t) {
		if lm.withPrev, err = regexp.Compile(`^(?s:.)(?:` + re.String() + `)`); err != nil {
			return nil, nil, false
		}
	}
	return lm, dedupe(lits), true
}

// leadOf returns the strings one of which every match of t starts with, after at most back runes.
func leadOf(t *syntax.Regexp) (lits []string, back int, ok bool) {
	switch t.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(t.Rune))}, 0, true
	case syntax.OpCharClass:
		l := literalSet(t)
		return l, 0, l != nil
	case syntax.OpCapture, syntax.OpPlus:
		return leadOf(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return leadOf(t.Sub[0])
		}
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			l, b, ok := leadOf(s)
			if !ok {
				return nil, 0, false
			}
			lits, back = append(lits, l...), max(back, b)
		}
		return lits, back, true
	case syntax.OpConcat:
		// parts before the first part with a lead must be bounded: they are the runes before it
		for _, s := range t.Sub {
			if l, b, ok := leadOf(s); ok {
				return l, back + b, true
			}
			w, bounded := widthMax(s)
			if !bounded {
				return nil, 0, false
			}
			back += w
		}
	}
	return nil, 0, false
}

// widthMax is the most runes a match of t spans; bounded is false when there is no limit.
func widthMax(t *syntax.Regexp) (w int, bounded bool) {
	switch t.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral:
		return len(t.Rune), true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, true
	case syntax.OpCapture, syntax.OpQuest:
		return widthMax(t.Sub[0])
	case syntax.OpRepeat:
		if t.Max < 0 {
			return 0, false
		}
		w, ok := widthMax(t.Sub[0])
		return w * t.Max, ok
	case syntax.OpConcat, syntax.OpAlternate:
		for _, s := range t.Sub {
			sw, ok := widthMax(s)
			if !ok {
				return 0, false
			}
			if t.Op == syntax.OpConcat {
				w += sw
			} else {
				w = max(w, sw)
			}
		}
		return w, true
	}
	return 0, false
}

// hasTextAnchor reports ^ or $: the clause-wide search anchors them at the clause, not at a lead.
func hasTextAnchor(t *syntax.Regexp) bool {
	switch t.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	return slices.ContainsFunc(t.Sub, hasTextAnchor)
}

// hasAssertion reports \b or \B, which look at the rune before a match's start.
func hasAssertion(t *syntax.Regexp) bool {
	if t.Op == syntax.OpWordBoundary || t.Op == syntax.OpNoWordBoundary {
		return true
	}
	return slices.ContainsFunc(t.Sub, hasAssertion)
}

// leadMatches returns the byte spans of m's matches in t[bs:be], the same as
// m.re.FindAllStringIndex(t[bs:be]) shifted by bs, running the pattern only where its lead occurs.
func (st *scanState) leadMatches(m *phraseMatcher, bs, be int) [][]int {
	lm, h := m.lead, st.lits
	starts := st.starts[:0]
	for _, id := range lm.lits {
		if !h.found[id] {
			continue
		}
		occ := h.starts[h.first[id]:h.first[id+1]]
		for _, s := range occ[sortedFrom(occ, bs):] {
			if s >= be {
				break
			}
			// a match may start up to back runes before its lead
			for k := 0; ; k++ {
				starts = append(starts, s)
				if k == lm.back || s == bs {
					break
				}
				_, w := utf8.DecodeLastRuneInString(st.t[bs:s])
				s -= w
			}
		}
	}
	if len(starts) == 0 {
		st.starts = starts
		return nil
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	st.starts = starts
	var out [][]int
	next := bs // the search continues after the last match
	for _, s := range starts {
		if s < next {
			continue
		}
		var end int
		if lm.withPrev != nil && s > bs {
			_, w := utf8.DecodeLastRuneInString(st.t[bs:s])
			loc := lm.withPrev.FindStringIndex(st.t[s-w : be])
			if loc == nil {
				continue
			}
			end = s - w + loc[1]
		} else {
			loc := lm.anchored.FindStringIndex(st.t[s:be])
			if loc == nil {
				continue
			}
			end = s + loc[1]
		}
		out = append(out, []int{s, end})
		next = end
	}
	return out
}

// sortedFrom is the index of the first element of xs (ascending) that is at least x.
func sortedFrom(xs []int, x int) int {
	i, _ := slices.BinarySearch(xs, x)
	return i
}
