package rules

import (
	"fmt"
	"math/bits"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
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
	lits  []int32 // prefilter literal ids: a match starts with one of them,
	backs []int   // after at most backs[i] runes before lits[i]
	// gates are the pattern's other required conjuncts (literal ids, ascending): a match starting
	// at s holds a literal of each, so it starts at or after s and ends by the clause end and, when
	// the pattern's matches are at most width runes long (width >= 0), within width runes of s.
	// A start without one is not run (session 14).
	gates [][]int32
	width int
	// litSet is lits' idSet and gateSets[i] gates[i]'s, for litHits.foundIn (nil: found)
	litSet   *idSet
	gateSets []*idSet
	// cx is the pattern's class prefix C{m,n} and its rest (classprefix.go); nil: none
	cx *classPrefix
	*anchoredRE
}

// anchoredRE runs a regular expression P at a given start. Its forms compile on first use: most
// patterns of a pack never run on a given day, and compiling them all would double a pack's Parse.
// The depth-first matcher runs almost every time; the regexp forms, which it falls back to when a
// run exceeds its budget, compile only when that first happens (session 14: a pack kept a second
// and third copy of the program of every pattern it had run, about a third of its live heap).
type anchoredRE struct {
	src      string // P
	prev     bool   // P has assertions: withPrev is needed
	begin    bool   // P has ^: inner is needed
	once     sync.Once
	prog     *progMatcher // P run depth first (progmatch.go); nil: the anchored forms run
	slowOnce sync.Once
	anchored *regexp.Regexp // ^(?:P), compiled on the first fallback
	withPrev *regexp.Regexp // ^(?s:.)(?:P), for patterns with assertions; nil otherwise
	// inner is P's anchored form (withPrev's if P has assertions) with ^ matching nothing, for
	// starts after lo (patterns with ^ only; session 18)
	inner *regexp.Regexp
}

func newAnchoredRE(re fmt.Stringer, t *syntax.Regexp) *anchoredRE {
	return &anchoredRE{src: re.String(), prev: hasAssertion(t), begin: hasBeginText(t)}
}

// compile builds the depth-first matcher; it compiles whenever P does.
func (a *anchoredRE) compile() {
	a.once.Do(func() {
		a.prog = newProgMatcher(a.src)
	})
}

// compileSlow builds the regexp forms, for the runs the depth-first matcher cannot finish.
func (a *anchoredRE) compileSlow() {
	a.slowOnce.Do(func() {
		a.anchored = regexp.MustCompile(`^(?:` + a.src + `)`)
		if a.prev {
			a.withPrev = regexp.MustCompile(`^(?s:.)(?:` + a.src + `)`)
		}
		if a.begin {
			t, err := syntax.Parse(a.src, syntax.Perl)
			if err != nil {
				panic(err) // P compiled when its pack did
			}
			inner := withoutBegin(t).String()
			if a.prev {
				a.inner = regexp.MustCompile(`^(?s:.)(?:` + inner + `)`)
			} else {
				a.inner = regexp.MustCompile(`^(?:` + inner + `)`)
			}
		}
	})
}

// at returns the submatch indices (as FindStringSubmatchIndex, in t) of P matched at s, searching
// t[lo:hi] as the clause-wide search would, or nil; with sub false only the match's span.
func (a *anchoredRE) at(t string, lo, s, hi int, sub bool) []int {
	return a.atIn(t, nil, lo, s, hi, sub)
}

// atIn is at with t's runes read from tab (nil: decoded as they are read).
func (a *anchoredRE) atIn(t string, tab *runeTable, lo, s, hi int, sub bool) []int {
	return a.atWith(nil, t, tab, lo, s, hi, sub)
}

// atWith is atIn with b as the depth-first run's state (nil: one from the matcher's pool).
func (a *anchoredRE) atWith(b *btState, t string, tab *runeTable, lo, s, hi int, sub bool) []int {
	a.compile()
	if a.prog != nil {
		var loc []int
		var done bool
		if b != nil {
			loc, done = a.prog.run(b, t, tab, lo, s, hi, sub)
		} else {
			loc, done = a.prog.matchIn(t, tab, lo, s, hi, sub)
		}
		if done {
			return loc
		}
	}
	return a.slowAt(t, lo, s, hi, sub)
}

// slowAt is at with the regexp forms.
func (a *anchoredRE) slowAt(t string, lo, s, hi int, sub bool) []int {
	a.compileSlow()
	re, from := a.anchored, s
	switch {
	case a.inner != nil && s > lo && a.prev:
		_, w := utf8.DecodeLastRuneInString(t[lo:s])
		re, from = a.inner, s-w
	case a.inner != nil && s > lo:
		re = a.inner
	case a.withPrev != nil && s > lo:
		_, w := utf8.DecodeLastRuneInString(t[lo:s])
		re, from = a.withPrev, s-w
	}
	var loc []int
	if sub {
		loc = re.FindStringSubmatchIndex(t[from:hi])
	} else {
		loc = re.FindStringIndex(t[from:hi])
	}
	if loc == nil {
		return nil
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += from
		}
	}
	loc[0] = s // withPrev's match includes the rune before s
	return loc
}

// newLeadMatcher returns re's lead strings (lower case), the most runes a match has before each,
// and its anchored forms, or ok false when some match need not start near a literal.
func newLeadMatcher(re fmt.Stringer) (lm *leadMatcher, lits []string, backs []int, ok bool) {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil, nil, nil, false
	}
	t = t.Simplify()
	ls, ok := leadOf(t)
	if !ok || len(ls) == 0 || len(ls) > 4096 || hasLineAnchor(t) {
		return nil, nil, nil, false
	}
	// a literal may lead several branches: the most runes before it
	most := map[string]int{}
	for _, l := range ls {
		if b, seen := most[l.s]; !seen || l.back > b {
			most[l.s] = l.back
		}
	}
	for l := range most {
		lits = append(lits, l)
	}
	slices.Sort(lits)
	for _, l := range lits {
		backs = append(backs, most[l])
	}
	w, bounded := widthMax(t)
	if !bounded {
		w = -1
	}
	return &leadMatcher{anchoredRE: newAnchoredRE(re, t), width: w, cx: newClassPrefix(re.String(), lits, backs)},
		lits, backs, true
}

// leadLit is a string a match can start with, after at most back runes.
type leadLit struct {
	s    string
	back int
}

// leadOf returns the strings one of which every match of t starts with, each with the most runes
// a match has before it. Each literal keeps its own count: a class member "外婆" starts a match
// itself, "~外婆" (\p{Han}{0,2}?外婆) up to two runes later, so only the latter's occurrences need
// the two starts before them.
func leadOf(t *syntax.Regexp) (lits []leadLit, ok bool) {
	switch t.Op {
	case syntax.OpLiteral:
		return []leadLit{{strings.ToLower(string(t.Rune)), 0}}, true
	case syntax.OpCharClass:
		l := literalSet(t)
		for _, s := range l {
			lits = append(lits, leadLit{s, 0})
		}
		return lits, l != nil
	case syntax.OpCapture, syntax.OpPlus:
		return leadOf(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return leadOf(t.Sub[0])
		}
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			l, ok := leadOf(s)
			if !ok {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, true
	case syntax.OpConcat:
		// parts before the first part with a lead must be bounded: they are the runes before it.
		// An optional part whose lead is of longer strings (the class attributes "现在的", "几个")
		// leads the matches where it is present; where it is absent it adds no runes before the
		// next part. An optional single rune ("(了)?催") counts as a rune before: it occurs too often.
		back := 0
		for _, s := range t.Sub {
			if l, ok := leadOf(s); ok {
				return append(lits, shiftLead(l, back)...), true
			}
			if s.Op == syntax.OpQuest {
				if l, ok := leadOf(s.Sub[0]); ok && longLeads(l) {
					lits = append(lits, shiftLead(l, back)...)
					continue
				}
			}
			w, bounded := widthMax(s)
			if !bounded {
				return nil, false
			}
			back += w
		}
	}
	return nil, false
}

func shiftLead(ls []leadLit, back int) []leadLit {
	out := make([]leadLit, len(ls))
	for i, l := range ls {
		out[i] = leadLit{l.s, l.back + back}
	}
	return out
}

// longLeads reports whether every lead string has at least two runes.
func longLeads(ls []leadLit) bool {
	for _, l := range ls {
		if utf8.RuneCountInString(l.s) < 2 {
			return false
		}
	}
	return true
}

// widthMax is the most runes a match of t spans; bounded is false when there is no limit.
func widthMax(t *syntax.Regexp) (w int, bounded bool) {
	return maxOver(t, func(leaf *syntax.Regexp) int {
		if leaf.Op == syntax.OpLiteral {
			return len(leaf.Rune)
		}
		return 1 // a character class or any character
	})
}

// maxOver is the most a match of t holds of what weigh counts in a leaf (a literal, a character
// class or any character; zero-width assertions hold nothing); bounded is false when there is no
// limit. A repeat of a part that holds nothing holds nothing. The one walk of widthMax (runes) and
// spacesMax (white-space runes).
func maxOver(t *syntax.Regexp, weigh func(leaf *syntax.Regexp) int) (n int, bounded bool) {
	switch t.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return weigh(t), true
	case syntax.OpCapture, syntax.OpQuest:
		return maxOver(t.Sub[0], weigh)
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		n, ok := maxOver(t.Sub[0], weigh)
		if !ok {
			return 0, false
		}
		if n == 0 {
			return 0, true
		}
		if t.Op != syntax.OpRepeat || t.Max < 0 {
			return 0, false
		}
		return n * t.Max, true
	case syntax.OpConcat, syntax.OpAlternate:
		for _, s := range t.Sub {
			sn, ok := maxOver(s, weigh)
			if !ok {
				return 0, false
			}
			if t.Op == syntax.OpConcat {
				n += sn
			} else {
				n = max(n, sn)
			}
		}
		return n, true
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

// hasLineAnchor reports a multi-line ^ or $ ((?m)), which holds inside a clause after a line break.
// A clause-wide search sees ^ (\A) and $ (\z) at the clause's ends, as an anchored run does (it
// sees t[lo:hi] as the whole input; session 18); the anchored forms see them at the clause too, or
// never for ^ from within it (withoutBegin).
func hasLineAnchor(t *syntax.Regexp) bool {
	if t.Op == syntax.OpBeginLine || t.Op == syntax.OpEndLine {
		return true
	}
	return slices.ContainsFunc(t.Sub, hasLineAnchor)
}

// hasBeginText reports ^ (\A).
func hasBeginText(t *syntax.Regexp) bool {
	return t.Op == syntax.OpBeginText || slices.ContainsFunc(t.Sub, hasBeginText)
}

// withoutBegin returns t with every ^ (\A) made a match of nothing: what P is at a start after the
// clause's, where ^ cannot hold.
func withoutBegin(t *syntax.Regexp) *syntax.Regexp {
	if t.Op == syntax.OpBeginText {
		return &syntax.Regexp{Op: syntax.OpNoMatch, Flags: t.Flags}
	}
	c := *t
	c.Sub = make([]*syntax.Regexp, len(t.Sub))
	for i, s := range t.Sub {
		c.Sub[i] = withoutBegin(s)
	}
	return &c
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
	return st.leadMatchesUntil(m, bs, be, be)
}

// leadMatchesUntil is leadMatches run only from starts before byte until.
func (st *scanState) leadMatchesUntil(m *phraseMatcher, bs, be, until int) [][]int {
	return st.leadMatchesNear(m, bs, be, until, nil)
}

// leadMatchesNear is leadMatchesUntil without (some of) the matches that overlap none of near
// (rune spans; nil: every match), for a pattern whose matches are at most m.lead.width runes
// long. The starts fall in runs separated by more than width runes: a match from a run's last
// start ends before the next run's first, so each run's matches are those of the whole search,
// and a run whose matches all lie before or after each of near (its first start to its last
// plus width) is not run (session 32, speed32: the look-alike exceptions that may begin 30 runes
// before a common lead, 他 or 她, ran from every rune before each).
func (st *scanState) leadMatchesNear(m *phraseMatcher, bs, be, until int, near [][2]int) [][]int {
	lm := m.lead
	cx := lm.cx
	if st.p.noClassPrefix {
		cx = nil
	}
	memo := &st.scratch.cx
	if cx != nil {
		memo.begin(len(st.rs) + 1)
	}
	var starts []int
	if st.p.noStartBits {
		starts = st.leadStartsSorted(lm, bs, be, cx, memo)
	} else {
		starts = st.leadStarts(lm, bs, be, cx, memo)
	}
	if len(starts) == 0 {
		st.scratch.starts = starts
		return nil
	}
	starts = st.gateStarts(lm, starts, be)
	if near != nil && lm.width >= 0 {
		starts = st.startsNear(starts, lm.width, near)
	}
	st.scratch.starts = starts
	var out [][]int
	next := bs // the search continues after the last match
	for _, s := range starts {
		if s >= until {
			break
		}
		if s < next {
			continue
		}
		var loc []int
		if cx != nil {
			loc = st.cxAt(cx, memo, bs, s, be)
		} else {
			loc = lm.atWith(&st.scratch.bt, st.t, st.tab, bs, s, be, false)
		}
		if loc != nil {
			out = append(out, loc)
			next = loc[1]
		}
	}
	return out
}

// leadStarts lists, ascending and once each, the places where a match of lm may start in [bs, be):
// its lead literals' occurrences and up to back runes before each. It stamps in memo the starts
// from which cx's rest may begin. The starts are marked by rune in a bit set and read back in
// order (session 38): sorting the list of every literal's starts was 2.8 % of a Chinese
// judgement. The set is all zero between calls: the words marked, lo to hi, are cleared as read.
func (st *scanState) leadStarts(lm *leadMatcher, bs, be int, cx *classPrefix, memo *cxMemo) []int {
	h := st.lits
	words := (len(st.bytePos) + 63) / 64
	if cap(st.scratch.startBits) < words {
		st.scratch.startBits = make([]uint64, words)
	}
	set := st.scratch.startBits[:words]
	lo, hi := words, -1
	add := func(k, back int) {
		occ := h.starts[h.first[k]:h.first[k+1]]
		xback := -1 // the runes X (cx's rest) may have before the lead
		if cx != nil {
			xback = back - cx.max
		}
		for _, s := range occ[sortedFrom(occ, bs):] {
			if s >= be {
				break
			}
			// a match may start up to back runes before its lead: the runes before it are read from
			// the rune tables (the text is string(st.rs), a rune's start is bytePos of its offset),
			// not decoded backwards from the text again (session 36, speed36)
			r := st.offs[s]
			for k := 0; ; k++ {
				w := int(r) / 64
				set[w] |= 1 << (uint(r) % 64)
				lo, hi = min(lo, w), max(hi, w)
				if k <= xback {
					memo.stamp[r] = memo.gen
				}
				if k == back || s == bs {
					break
				}
				r--
				s = int(st.bytePos[r])
			}
		}
	}
	h.foundIn(lm.litSet, lm.lits, func(k, i int) { add(k, lm.backs[i]) })
	starts := st.scratch.starts[:0]
	for w := lo; w <= hi; w++ {
		for x := set[w]; x != 0; x &= x - 1 {
			starts = append(starts, int(st.bytePos[w*64+bits.TrailingZeros64(x)]))
		}
		set[w] = 0
	}
	return starts
}

// leadStartsSorted is leadStarts as before session 38: the starts listed, sorted and compacted
// (Pack.noStartBits; tests).
func (st *scanState) leadStartsSorted(lm *leadMatcher, bs, be int, cx *classPrefix, memo *cxMemo) []int {
	h := st.lits
	starts := st.scratch.starts[:0]
	add := func(k, back int) {
		occ := h.starts[h.first[k]:h.first[k+1]]
		xback := -1
		if cx != nil {
			xback = back - cx.max
		}
		for _, s := range occ[sortedFrom(occ, bs):] {
			if s >= be {
				break
			}
			r := st.offs[s]
			for k := 0; ; k++ {
				starts = append(starts, s)
				if k <= xback {
					memo.stamp[r] = memo.gen
				}
				if k == back || s == bs {
					break
				}
				r--
				s = int(st.bytePos[r])
			}
		}
	}
	h.foundIn(lm.litSet, lm.lits, func(k, i int) { add(k, lm.backs[i]) })
	slices.Sort(starts)
	return slices.Compact(starts)
}

// startsNear keeps the runs of starts (ascending bytes) more than width runes apart from the
// next run whose matches, width runes long at most, could touch one of near (see leadMatchesNear).
func (st *scanState) startsNear(starts []int, width int, near [][2]int) []int {
	kept := starts[:0]
	for i := 0; i < len(starts); {
		j := i + 1
		last := int(st.offs[starts[i]])
		for j < len(starts) && int(st.offs[starts[j]])-last <= width {
			last = int(st.offs[starts[j]])
			j++
		}
		lo, hi := int(st.offs[starts[i]]), last+width+1
		if slices.ContainsFunc(near, func(x [2]int) bool { return lo <= x[1] && x[0] <= hi }) {
			kept = append(kept, starts[i:j]...)
		}
		i = j
	}
	return kept
}

// gateStarts keeps the starts (ascending, in [bs, be)) from which a match could hold a literal of
// each of the lead's gates: one that starts at or after the start and ends by be and, for a
// pattern of bounded width, within width runes of the start. The others would fail; they are not
// run.
func (st *scanState) gateStarts(lm *leadMatcher, starts []int, be int) []int {
	if st.p.noGate || len(starts) < minGated {
		return starts
	}
	h, sc := st.lits, st.scratch
	for gi, gate := range lm.gates {
		// the gate's occurrences in [starts[0], be), as (start, end) byte pairs
		occ := sc.occ[:0]
		collect := func(k int, id int32) {
			n := len(st.p.pre.lits[id])
			os := h.starts[h.first[k]:h.first[k+1]]
			for _, o := range os[sortedFrom(os, starts[0]):] {
				if o+n > be {
					break
				}
				occ = append(occ, [2]int{o, o + n})
			}
		}
		var set *idSet
		if gi < len(lm.gateSets) {
			set = lm.gateSets[gi]
		}
		h.foundIn(set, gate, func(k, i int) { collect(k, gate[i]) })
		sc.occ = occ
		if len(occ) == 0 {
			return starts[:0]
		}
		slices.SortFunc(occ, func(a, b [2]int) int { return a[0] - b[0] })
		// occ[i][1] becomes the earliest end among occurrences i and later
		for i := len(occ) - 2; i >= 0; i-- {
			occ[i][1] = min(occ[i][1], occ[i+1][1])
		}
		kept := starts[:0]
		i := 0
		for _, s := range starts {
			for i < len(occ) && occ[i][0] < s {
				i++
			}
			if i == len(occ) {
				break
			}
			limit := be
			if lm.width >= 0 {
				if r := int(st.offs[s]) + lm.width; r < len(st.bytePos) {
					limit = min(limit, int(st.bytePos[r]))
				}
			}
			if occ[i][1] <= limit {
				kept = append(kept, s)
			}
		}
		starts = kept
		if len(starts) < minGated {
			return starts
		}
	}
	return starts
}

// minGated is the fewest starts worth gating: one run costs about what a gate's check does.
const minGated = 2

// sortedFrom is the index of the first element of xs (ascending) that is at least x.
func sortedFrom(xs []int, x int) int {
	if len(xs) == 0 || xs[0] >= x {
		return 0 // most searches start at the text's start (exceptions), before every element
	}
	i, _ := slices.BinarySearch(xs, x)
	return i
}

// firstRuneSearch finds all matches of a regular expression whose matches all start with a rune of
// a small set (the time and count parsers: a digit, a numeral, a period word), trying it only at
// such runes, anchored. Same matches as FindAllStringSubmatchIndex.
type firstRuneSearch struct {
	re    *regexp.Regexp
	first []rune // rune ranges, lo-hi pairs; nil: search as the regexp does
	// need and alpha (rune ranges; need nil: none): every match holds a part that starts with a
	// rune of need, and every rune of the match before that part is one of alpha (zhTime: the
	// separator 点/:/., after period words, numerals and spaces). A start from which the runes of
	// alpha do not lead to a rune of need cannot match, and is not tried.
	need, alpha []rune
	// firstBMP, needBMP, alphaBMP: the same sets as bitmaps of the Basic Multilingual Plane, for the
	// test at every rune of a sentence (inRanges searches by halves); runes above it use the ranges
	firstBMP, needBMP, alphaBMP *bmpSet
	*anchoredRE
}

// bmpSet is a set of runes below 0x10000, a bit each.
type bmpSet [0x10000 / 64]uint64

func newBMPSet(rs []rune) *bmpSet {
	var b bmpSet
	for i := 0; i+1 < len(rs); i += 2 {
		for r := rs[i]; r <= min(rs[i+1], 0xFFFF); r++ {
			b[r/64] |= 1 << (r % 64)
		}
	}
	return &b
}

// inSet is inRanges(rs, r), with b the bitmap of rs's runes below 0x10000.
func inSet(b *bmpSet, rs []rune, r rune) bool {
	if r >= 0 && r < 0x10000 {
		return b[r/64]&(1<<(r%64)) != 0
	}
	return inRanges(rs, r)
}

// bmp reports whether the rune r, below 0x10000, is in b: inSet's first test, which is inlined
// where inSet (cost 87 with its call of inRanges) is not (session 26: a call at each rune of the
// first-rune searches).
func (b *bmpSet) bmp(r rune) bool { return b[uint32(r)>>6]&(1<<(uint32(r)&63)) != 0 }

func newFirstRuneSearch(re *regexp.Regexp) *firstRuneSearch {
	f := &firstRuneSearch{re: re}
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return f
	}
	t = t.Simplify()
	first, nullable, ok := firstRunes(t)
	if !ok || nullable || hasTextAnchor(t) {
		return f
	}
	f.anchoredRE, f.first = newAnchoredRE(re, t), mergeRanges(first)
	f.need, f.alpha = requiredPart(t)
	f.firstBMP, f.needBMP, f.alphaBMP = newBMPSet(f.first), newBMPSet(f.need), newBMPSet(f.alpha)
	return f
}

// requiredPart finds, in a concatenation, the last part after the first that every match holds
// (not nullable) and whose first runes can be listed, with the runes the parts before it can match
// (ranges); nil when there is none.
func requiredPart(t *syntax.Regexp) (need, alpha []rune) {
	if t.Op != syntax.OpConcat {
		return nil, nil
	}
	var before []rune
	for q, s := range t.Sub {
		if q > 0 {
			if f, nullable, ok := firstRunes(s); ok && !nullable {
				need, alpha = mergeRanges(f), mergeRanges(slices.Clone(before))
			}
		}
		a, ok := alphabet(s)
		if !ok {
			break
		}
		before = append(before, a...)
	}
	return need, alpha
}

// alphabet returns the runes (lo-hi ranges) that a match of t can hold; ok is false when they
// cannot be listed (case folding).
func alphabet(t *syntax.Regexp) (rs []rune, ok bool) {
	switch t.Op {
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine,
		syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return nil, true
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		for _, r := range t.Rune {
			rs = append(rs, r, r)
		}
		return rs, true
	case syntax.OpCharClass:
		return t.Rune, true
	case syntax.OpAnyChar:
		return []rune{0, utf8.MaxRune}, true
	case syntax.OpAnyCharNotNL:
		return []rune{0, '\n' - 1, '\n' + 1, utf8.MaxRune}, true
	case syntax.OpCapture, syntax.OpPlus, syntax.OpStar, syntax.OpQuest, syntax.OpRepeat, syntax.OpConcat, syntax.OpAlternate:
		for _, s := range t.Sub {
			a, ok := alphabet(s)
			if !ok {
				return nil, false
			}
			rs = append(rs, a...)
		}
		return rs, true
	}
	return nil, false
}

// mergeRanges sorts rune ranges (lo-hi pairs) and joins those that overlap or touch, so that
// inRanges can search them by halves.
func mergeRanges(rs []rune) []rune {
	type rr struct{ lo, hi rune }
	var ps []rr
	for i := 0; i+1 < len(rs); i += 2 {
		ps = append(ps, rr{rs[i], rs[i+1]})
	}
	slices.SortFunc(ps, func(a, b rr) int { return int(a.lo - b.lo) })
	var out []rune
	for _, p := range ps {
		if n := len(out); n > 0 && p.lo <= out[n-1]+1 {
			out[n-1] = max(out[n-1], p.hi)
			continue
		}
		out = append(out, p.lo, p.hi)
	}
	return out
}

// FindAllStringSubmatchIndex is re.FindAllStringSubmatchIndex(s, -1).
func (f *firstRuneSearch) FindAllStringSubmatchIndex(s string) [][]int {
	return f.findSubmatchIndex(s, -1)
}

// FindStringSubmatchIndex is re.FindStringSubmatchIndex(s): the first match (session 18).
func (f *firstRuneSearch) FindStringSubmatchIndex(s string) []int {
	if ms := f.findSubmatchIndex(s, 1); len(ms) > 0 {
		return ms[0]
	}
	return nil
}

// findSubmatchIndex is re.FindAllStringSubmatchIndex(s, n).
func (f *firstRuneSearch) findSubmatchIndex(s string, n int) [][]int {
	if f.first == nil {
		return f.re.FindAllStringSubmatchIndex(s, n)
	}
	var out [][]int
	next := 0
	// blocker is the first byte at or after the last start checked whose rune is of need or
	// outside alpha (len(s): none); the runes before it are of alpha and not of need
	blocker, blocked := -1, false
	// the runes are decoded by decode3, inline, not by range, which calls the runtime's decoder (session 21)
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		if w = 1; r >= utf8.RuneSelf {
			if r, w = decode3(s, i); w == 0 {
				r, w = utf8.DecodeRuneInString(s[i:])
			}
		}
		if i < next {
			continue
		}
		if uint32(r) < 0x10000 { // inSet, inlined
			if !f.firstBMP.bmp(r) {
				continue
			}
		} else if !inRanges(f.first, r) {
			continue
		}
		if f.need != nil {
			if i > blocker {
				blocker, blocked = len(s), true
				for j, v := i, 0; j < len(s); j += v {
					c := rune(s[j])
					if v = 1; c >= utf8.RuneSelf {
						if c, v = decode3(s, j); v == 0 {
							c, v = utf8.DecodeRuneInString(s[j:])
						}
					}
					var need, alpha bool // inSet, inlined
					if uint32(c) < 0x10000 {
						need, alpha = f.needBMP.bmp(c), f.alphaBMP.bmp(c)
					} else {
						need, alpha = inRanges(f.need, c), inRanges(f.alpha, c)
					}
					if need {
						blocker, blocked = j, false
						break
					}
					if !alpha {
						blocker = j
						break
					}
				}
			}
			if blocked {
				continue
			}
		}
		if loc := f.at(s, 0, i, len(s), true); loc != nil {
			out = append(out, loc)
			next = loc[1]
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// inRanges reports whether r is in one of the sorted, disjoint ranges rs (lo-hi pairs).
func inRanges(rs []rune, r rune) bool {
	lo, hi := 0, len(rs)/2 // ranges [lo, hi) may hold r
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < rs[2*m]:
			hi = m
		case r > rs[2*m+1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// firstRunes returns the runes a match of t can start with (as lo-hi pairs) and whether t matches
// the empty string; ok is false when they cannot be listed (any character, case folding, a class
// of more than 32 ranges, a text or line anchor).
func firstRunes(t *syntax.Regexp) (first []rune, nullable, ok bool) {
	return leadRunes(t, false)
}

// leadRunes is firstRunes (afterStart false) and startRunes (afterStart true): the one walk of
// the syntax tree, the two differing only in the anchors and in the size of the classes listed.
func leadRunes(t *syntax.Regexp, afterStart bool) (first []rune, nullable, ok bool) {
	switch t.Op {
	case syntax.OpBeginText, syntax.OpNoMatch:
		if afterStart {
			return nil, false, true
		}
	case syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine:
		if afterStart {
			return nil, true, true
		}
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return nil, false, false
		}
		return []rune{t.Rune[0], t.Rune[0]}, false, true
	case syntax.OpCharClass:
		return t.Rune, false, afterStart || len(t.Rune) <= 64
	case syntax.OpCapture, syntax.OpPlus:
		return leadRunes(t.Sub[0], afterStart)
	case syntax.OpQuest, syntax.OpStar:
		f, _, ok := leadRunes(t.Sub[0], afterStart)
		return f, true, ok
	case syntax.OpRepeat:
		f, n, ok := leadRunes(t.Sub[0], afterStart)
		return f, n || t.Min == 0, ok
	case syntax.OpAlternate:
		for _, s := range t.Sub {
			f, n, ok := leadRunes(s, afterStart)
			if !ok {
				return nil, false, false
			}
			first, nullable = append(first, f...), nullable || n
		}
		return first, nullable, true
	case syntax.OpConcat:
		for _, s := range t.Sub {
			f, n, ok := leadRunes(s, afterStart)
			if !ok {
				return nil, false, false
			}
			first = append(first, f...)
			if !n {
				return first, false, true
			}
		}
		return first, true, true
	}
	return nil, false, false
}
