package rules

import (
	"regexp/syntax"
	"strings"
)

// Class-prefix search (session 33, speed33). A look-alike exception shaped C{m,n}X — a bounded
// greedy run of one character class, then a part X with a lead, such as THREAT's
// `[^，,。！？；]{0,30}((他|她|对方…)(并|也)?(不是|并非)催收|…)` — may begin n runes before each of X's
// leads, and its anchored run from each of those starts stepped through the class run and tried X
// at every rune of it again: up to n+1 runs of n steps and n tries of X per lead. The match from a
// start s, though, is decided by X alone: leftmost-first prefers the longest class run, so it is
// s … the end of X's preferred match at q_k for the largest k in [m, K] at which X matches, where
// q_0 = s, q_1 … are the runes after s and K the most class runes from s (at most n, up to the
// search's end). X's match at q depends only on q and the search's bounds (its assertions read the
// rune before q, which is the text's), so within one search X runs at most once per place, and only
// at the places its own lead allows (its leads' places less X's own runes before them, which are
// the pattern's less n). The starts, their order and the runs' continuation after each match are
// leadMatchesNear's; only each start's run is answered this way, with the same span.

// classPrefix is a lead pattern's C{m,n} prefix and its rest X.
type classPrefix struct {
	class    []rune // C's ranges, lo-hi pairs
	min, max int
	rest     *anchoredRE // X
}

// newClassPrefix returns re's class prefix, or nil when re is not C{m,n}X with C a character class
// (or any character), the repetition greedy and bounded, and X a part whose lead is re's own
// shifted by n runes (backs[i] is re's count of runes before lits[i], sorted by string).
func newClassPrefix(src string, lits []string, backs []int) *classPrefix {
	t, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	for t.Op == syntax.OpCapture && len(t.Sub) == 1 {
		t = t.Sub[0]
	}
	if t.Op != syntax.OpConcat || len(t.Sub) < 2 {
		return nil
	}
	p := t.Sub[0]
	if p.Op != syntax.OpRepeat || p.Flags&syntax.NonGreedy != 0 || p.Max < 1 || p.Min > p.Max {
		return nil
	}
	var class []rune
	switch c := p.Sub[0]; c.Op {
	case syntax.OpCharClass:
		class = append([]rune(nil), c.Rune...)
	case syntax.OpAnyChar:
		class = []rune{0, 0x10ffff}
	case syntax.OpAnyCharNotNL:
		class = []rune{0, '\n' - 1, '\n' + 1, 0x10ffff}
	default:
		return nil
	}
	if len(class) == 0 {
		return nil
	}
	rest := &syntax.Regexp{Op: syntax.OpConcat, Flags: t.Flags, Sub: t.Sub[1:]}
	if len(t.Sub) == 2 {
		rest = t.Sub[1]
	}
	restSrc := rest.String()
	// X's lead must be re's, every literal's runes before it n fewer: then X starts only where
	// leadMatchesNear's candidates, less n runes, say
	rt, err := syntax.Parse(restSrc, syntax.Perl)
	if err != nil {
		return nil
	}
	rt = rt.Simplify()
	ls, ok := leadOf(rt)
	if !ok || len(ls) == 0 || hasLineAnchor(rt) || canBeEmpty(rt) {
		return nil
	}
	most := map[string]int{}
	for _, l := range ls {
		if b, seen := most[l.s]; !seen || l.back > b {
			most[l.s] = l.back
		}
	}
	if len(most) != len(lits) {
		return nil
	}
	for i, l := range lits {
		b, seen := most[l]
		if !seen || b+p.Max != backs[i] {
			return nil
		}
	}
	if strings.ContainsAny(restSrc, "\x00") {
		return nil
	}
	return &classPrefix{class: class, min: p.Min, max: p.Max, rest: newAnchoredRE(stringer(restSrc), rt)}
}

type stringer string

func (s stringer) String() string { return string(s) }

// cxMemo is one search's places where X may start (stamp == gen) and X's match end there.
type cxMemo struct {
	gen   uint32
	stamp []uint32 // per rune: gen when X may start there
	known []uint32 // per rune: gen when end is known
	end   []int32  // X's match end in bytes, or -1
	// runs and walked count X's runs and the class runes read, for the tests' step bound
	runs, walked int
}

// begin starts a search's memo over n runes.
func (m *cxMemo) begin(n int) {
	if len(m.stamp) < n {
		m.stamp = make([]uint32, n)
		m.known = make([]uint32, n)
		m.end = make([]int32, n)
		m.gen = 0
	}
	m.gen++
	if m.gen == 0 { // wrapped: clear
		clear(m.stamp)
		clear(m.known)
		m.gen = 1
	}
}

// cxAt is lm.atWith(bt, t, tab, bs, s, be, false) for a pattern with a class prefix: the span of
// its match at s in t[bs:be], or nil. memo holds X's places of this search (begin, marked).
func (st *scanState) cxAt(cx *classPrefix, memo *cxMemo, bs, s, be int) []int {
	r0 := int(st.offs[s])
	// K: the class runes from s, at most max, before be
	k := 0
	for k < cx.max {
		b := int(st.bytePos[r0+k])
		if b >= be || !inRanges(cx.class, st.rs[r0+k]) {
			break
		}
		k++
	}
	memo.walked += k + 1
	for ; k >= cx.min; k-- {
		r := r0 + k
		if memo.stamp[r] != memo.gen {
			continue
		}
		if memo.known[r] != memo.gen {
			memo.known[r] = memo.gen
			memo.end[r] = -1
			q := int(st.bytePos[r])
			memo.runs++
			if loc := cx.rest.atWith(&st.scratch.bt, st.t, st.tab, bs, q, be, false); loc != nil {
				memo.end[r] = int32(loc[1])
			}
		}
		if e := memo.end[r]; e >= 0 {
			return []int{s, int(e)}
		}
	}
	return nil
}
