package rules

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// The prefilter finds, in one Aho-Corasick pass over a normalised text, every literal that some
// pattern of the pack requires, and so the clauses where each pattern could match. A pattern's
// requirement is a conjunction of literal sets (one literal of each set occurs in every match:
// "打...我(爸|妈)" needs 打 and one of 爸, 妈), so a clause that lacks one set is never searched.
// Only patterns with a candidate clause run their regular expression, and only there.

// prefilter is a pack's literal automaton.
type prefilter struct {
	ac   *runeAutomaton
	lits []string // literal id -> literal
	// postings[id] are the conjuncts (pack-wide indices) that literal id belongs to
	postings  [][]int32
	conjuncts int
	// cueLits[kind][langIndex] are the literal ids of a cue list's cues, in the list's order, so
	// that the same pass finds the cues (see scanState.cueOccurrences); nil when the list holds an
	// empty cue, which occurs everywhere: it is then searched for as before.
	cueLits [cueKinds][2][]int32
	// cueSorted[kind][langIndex] is cueLits' distinct literal ids in ascending order, and
	// cueAt[kind][langIndex][cueFrom[..][i]:cueFrom[..][i+1]] the list indices of cueSorted's i-th:
	// presentCues asks the literals found for the list (litHits.found) instead of the list for each
	// of its cues (session 23: the hearsay list grew to 4,600 cues with the kin prefixes, and looking
	// each up was 13 % of a Chinese judgement).
	cueSorted, cueAt, cueFrom [cueKinds][2][]int32
	cueSet                    [cueKinds][2]*idSet // cueSorted's (foundIn)
	// negUnderscore[langIndex]: a negation cue holds "_" (see negationCueNear)
	negUnderscore [2]bool
}

// litHits is where a text contains the prefilter's literals. Only the few literals found have
// entries, in the order of their ids; a bit set over all literal ids and its running counts of set
// bits (rank) give a literal's index among them, so that nothing per judgement is as large as the
// pack's literal list (a dense table of it was half of a judgement's allocations).
type litHits struct {
	words   int      // uint64 words per clause set
	lit     rankSet  // literal ids found
	touched []int32  // literal ids found, ascending
	sets    []uint64 // index in touched * words -> clause bits
	// starts[first[k]:first[k+1]] are the byte offsets where touched literal k starts, ascending
	starts []int
	first  []int32
	// conj[k*words:] are the clauses holding a literal of the k-th conjunct (in id order) with one
	conjs rankSet
	conj  []uint64
	// dense[cj] are the clauses holding a literal of conjunct cj, for a text of at most 64 clauses
	// (one word per clause set), by conjunct over the whole pack: 0 when the text lacks it, as
	// every literal found lies in a clause (conjs and conj are then unused; session 24: setting a
	// rank set's bit per posting and reading the conjuncts found out of a scratch table by rank
	// was 6.4 % of a Chinese judgement)
	dense []uint64
}

// conjKnown reports that find listed the conjuncts the text holds (hasConj, conjClauses).
func (h *litHits) conjKnown() bool { return h.dense != nil || h.conjs.bits != nil }

// hasConj reports whether the text holds a literal of conjunct cj (conjKnown must be true).
func (h *litHits) hasConj(cj int32) bool {
	if h.dense != nil {
		return h.dense[cj] != 0
	}
	return h.conjs.contains(cj)
}

// conjClauses returns the clauses (words long) holding a literal of conjunct cj, or false when the
// text holds none (conjKnown must be true).
func (h *litHits) conjClauses(cj int32) ([]uint64, bool) {
	if h.dense != nil {
		return h.dense[cj : cj+1], h.dense[cj] != 0
	}
	c, ok := h.conjs.index(cj)
	if !ok {
		return nil, false
	}
	return h.conj[c*h.words : (c+1)*h.words], true
}

// rankSet is a set of small integers with each member's index among them.
type rankSet struct {
	bits []uint64
	rank []int32 // rank[w]: members below w*64
}

func newRankSet(n int) rankSet { return rankSet{bits: make([]uint64, (n+63)/64)} }

// add puts i in the set (never negative: unsigned, i/64 and i%64 are a shift and a mask).
func (r *rankSet) add(i int32) { u := uint32(i); r.bits[u/64] |= 1 << (u % 64) }

// seal counts the members and returns how many there are; index is valid after it.
func (r *rankSet) seal() int {
	r.rank = make([]int32, len(r.bits)+1)
	for w, b := range r.bits {
		r.rank[w+1] = r.rank[w] + int32(bits.OnesCount64(b))
	}
	return int(r.rank[len(r.bits)])
}

// contains reports whether i is a member.
func (r *rankSet) contains(i int32) bool { u := uint32(i); return r.bits[u/64]&(1<<(u%64)) != 0 }

// index returns i's index among the members, or false when it is not one.
func (r *rankSet) index(i int32) (int, bool) {
	u := uint32(i)
	b := r.bits[u/64]
	bit := uint64(1) << (u % 64)
	if b&bit == 0 {
		return 0, false
	}
	return int(r.rank[u/64]) + bits.OnesCount64(b&(bit-1)), true
}

// occurrences returns the byte offsets where literal id starts in the text, ascending.
func (h *litHits) occurrences(id int32) []int {
	k, ok := h.has(id)
	if !ok {
		return nil
	}
	return h.starts[h.first[k]:h.first[k+1]]
}

// has returns literal id's index among the literals found, or false when the text lacks it.
func (h *litHits) has(id int32) (int, bool) {
	if h.lit.bits == nil {
		return 0, false
	}
	return h.lit.index(id)
}

// found calls f(k, i) for each member ids[i] of ids (ascending literal ids) that the text holds, k
// being its index among the literals found, in ascending order. It takes the cheapest of three ways
// by the lists' lengths: looking each of ids up in the rank set, searching ids for each literal
// found, or walking the two sorted lists together (session 19: a pattern's lead or gate is often
// hundreds of class members, the literals found as many, and binary searches were 3 % of a judgement).
func (h *litHits) found(ids []int32, f func(k, i int)) {
	n, m := len(ids), len(h.touched)
	if n == 0 || m == 0 {
		return
	}
	// rough instructions per step: a rank lookup ~10, a binary search ~8 per halving, a merge step ~4
	byRank, bySearch, byMerge := 10*n, m*8*bits.Len(uint(n)), 4*(n+m)
	switch {
	case byRank <= bySearch && byRank <= byMerge:
		for i, id := range ids {
			if k, ok := h.has(id); ok {
				f(k, i)
			}
		}
	case bySearch <= byMerge:
		for k, id := range h.touched {
			if i, ok := slices.BinarySearch(ids, id); ok {
				f(k, i)
			}
		}
	default:
		t := h.touched
		for i, k := 0, 0; i < n && k < m; {
			switch a, b := ids[i], t[k]; {
			case a < b:
				i++
			case a > b:
				k++
			default:
				f(k, i)
				i++
				k++
			}
		}
	}
}

// idSet is a list of literal ids (strictly ascending) by 64-id word of the literal id space: the
// words that hold members, the members in each, and the list index of each word's first member.
// foundIn intersects it with the literals a text holds a word at a time (session 24: found's
// rank lookups, binary searches and merges over lists of hundreds of ids were 6 % of a Chinese
// judgement; a list's members cluster in a few words, as ids are given pattern by pattern).
type idSet struct {
	words []int32
	bits  []uint64
	base  []int32
}

// newIDSet returns the idSet of ids, or nil when ids is empty or not strictly ascending (foundIn
// then asks found, whose ways differ over a repeated id).
func newIDSet(ids []int32) *idSet {
	if len(ids) == 0 || ids[0] < 0 {
		return nil
	}
	s := &idSet{}
	for i, id := range ids {
		if i > 0 && id <= ids[i-1] {
			return nil
		}
		w := id / 64
		if n := len(s.words); n == 0 || s.words[n-1] != w {
			s.words = append(s.words, w)
			s.bits = append(s.bits, 0)
			s.base = append(s.base, int32(i))
		}
		s.bits[len(s.bits)-1] |= 1 << (uint32(id) % 64)
	}
	return s
}

// foundIn is found(ids, f) for the idSet s of ids (nil: found itself): f(k, i) for each member
// ids[i] the text holds, k its index among the literals found, in ascending order of both.
func (h *litHits) foundIn(s *idSet, ids []int32, f func(k, i int)) {
	if s == nil {
		h.found(ids, f)
		return
	}
	if len(h.touched) == 0 || h.lit.bits == nil {
		return
	}
	lb, rank := h.lit.bits, h.lit.rank
	for j, w := range s.words {
		if int(w) >= len(lb) {
			return
		}
		tw := lb[w]
		sb := s.bits[j]
		for x := tw & sb; x != 0; x &= x - 1 {
			low := x & -x
			f(int(rank[w])+bits.OnesCount64(tw&(low-1)), int(s.base[j])+bits.OnesCount64(sb&(low-1)))
		}
	}
}

// buildPrefilter gives every matcher of the pack its literal requirement and builds the automaton.
func (p *Pack) buildPrefilter() error {
	ids := map[string]int32{}
	pf := &prefilter{}
	idOf := func(l string) int32 {
		id, ok := ids[l]
		if !ok {
			id = int32(len(pf.lits))
			ids[l] = id
			pf.lits = append(pf.lits, l)
		}
		return id
	}
	conjIDs := map[string]int32{} // a conjunct's literal ids (ascending, 4 bytes each) -> its index
	visit := func(g *PhraseGroup) {
		if g == nil {
			return
		}
		g.gates = make([]int32, 0, len(g.matchers))
		for i := range g.matchers {
			m := &g.matchers[i]
			m.need, m.needIdx, m.gate = nil, nil, -1
			gateLen := 0
			for _, set := range requiredConjuncts(m.re.String()) {
				var conj []int32
				shortest := -1
				for _, l := range set {
					conj = append(conj, idOf(l))
					if n := utf8.RuneCountInString(l); shortest < 0 || n < shortest {
						shortest = n
					}
				}
				slices.Sort(conj) // ascending: a lead's gates share it (gateStarts searches it)
				// patterns that need the same literals share one conjunct (session 21: each had its
				// own, and a found literal's postings listed the same set again and again)
				key := make([]byte, 0, 4*len(conj))
				for _, id := range conj {
					key = binary.LittleEndian.AppendUint32(key, uint32(id))
				}
				cj, ok := conjIDs[string(key)]
				if !ok {
					cj = int32(pf.conjuncts)
					conjIDs[string(key)] = cj
					for _, id := range conj {
						for int(id) >= len(pf.postings) {
							pf.postings = append(pf.postings, nil)
						}
						pf.postings[id] = append(pf.postings[id], cj)
					}
					pf.conjuncts++
				}
				if shortest > gateLen {
					m.gate, gateLen = cj, shortest
				}
				m.need = append(m.need, conj)
				m.needIdx = append(m.needIdx, cj)
			}
			g.gates = append(g.gates, -1)
			if m.needIdx != nil {
				g.gates[i] = m.gate
			}
			m.lead = nil
			// a plain pattern's anchors consume clause marks that find trims off its matches,
			// which the lead's runs would not
			if lm, lits, backs, ok := newLeadMatcher(m.re); ok && !m.trim {
				for _, l := range lits {
					lm.lits = append(lm.lits, idOf(l))
				}
				lm.backs = backs
				// by id, as the literals a text holds are listed (leadMatches merges the two)
				sort.Sort(leadByID{lm})
				// every conjunct gates the starts but one that a lead literal itself satisfies.
				// Chinese patterns only: in English narratives (long, many literals found) checking
				// the gates cost more than the runs they saved (docs/BENCHMARKS.md, session 14)
				for _, conj := range m.need {
					if m.lang == "zh" && !subset(conj, lm.lits) {
						lm.gates = append(lm.gates, conj)
						lm.gateSets = append(lm.gateSets, newIDSet(conj))
					}
				}
				lm.litSet = newIDSet(lm.lits)
				m.lead = lm
			}
			m.starts = nil
			if m.lead == nil {
				m.starts = newStartSearch(m.re)
			}
		}
	}
	for _, g := range p.phraseGroups() {
		visit(g)
	}
	// the cue lists' places, found by the same pass (after the patterns' literals, whose ids stay)
	for li, lang := range []string{"zh", "en"} {
		c := p.Language[lang]
		if c == nil {
			continue
		}
		pf.negUnderscore[li] = slices.ContainsFunc(c.Negation, func(cue string) bool { return strings.Contains(cue, "_") })
		for kind, cues := range [cueKinds][]string{cueIntent: c.Intent, cueNegation: c.Negation, cueHypothetical: c.Hypothetical, cueHearsay: c.Hearsay, cueNorm: c.Norm} {
			if slices.Contains(cues, "") {
				continue
			}
			ids := make([]int32, len(cues))
			for i, cue := range cues {
				ids[i] = idOf(cue)
			}
			pf.cueLits[kind][li] = ids
			pf.cueSorted[kind][li], pf.cueAt[kind][li], pf.cueFrom[kind][li] = sortCueLits(ids)
			pf.cueSet[kind][li] = newIDSet(pf.cueSorted[kind][li])
		}
	}
	if len(pf.lits) == 0 {
		p.pre = pf
		return nil
	}
	ac, err := newRuneAutomaton(pf.lits)
	if err != nil {
		return err
	}
	pf.ac = ac
	p.pre = pf
	return nil
}

// subset reports whether every member of a is in b (ascending).
func subset(a, b []int32) bool {
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			return false
		}
	}
	return true
}

// leadByID sorts a lead's literals (and their runes before) by literal id.
type leadByID struct{ *leadMatcher }

func (l leadByID) Len() int           { return len(l.lits) }
func (l leadByID) Less(i, j int) bool { return l.lits[i] < l.lits[j] }
func (l leadByID) Swap(i, j int) {
	l.lits[i], l.lits[j] = l.lits[j], l.lits[i]
	l.backs[i], l.backs[j] = l.backs[j], l.backs[i]
}

// phraseGroups are the pack's phrase groups: violations and their exceptions, composites, the
// mentions' contact words and the severity factors (nil entries for absent exceptions and firsts).
func (p *Pack) phraseGroups() []*PhraseGroup {
	var gs []*PhraseGroup
	for _, vr := range p.Violations {
		for gi := range vr.Phrases {
			gs = append(gs, &vr.Phrases[gi])
		}
		gs = append(gs, vr.Except)
	}
	for i := range p.Composites {
		gs = append(gs, p.Composites[i].First, &p.Composites[i].Then, p.Composites[i].Except, p.Composites[i].ThenExcept, p.Composites[i].Gate, p.Composites[i].GateExcept, p.Composites[i].Unless)
	}
	if p.Mentions != nil {
		gs = append(gs, &p.Mentions.Contact)
	}
	if p.Severity != nil {
		for _, groups := range p.Severity.Factors {
			for gi := range groups {
				gs = append(gs, &groups[gi])
			}
		}
		for _, g := range p.Severity.Except {
			gs = append(gs, g)
		}
	}
	return gs
}

// find runs the automaton over t and records which clauses contain which literal.
func (pf *prefilter) find(t string, clauses [][2]int) *litHits {
	words := (len(clauses) + 63) / 64
	h := &litHits{words: words}
	if pf.ac == nil || len(clauses) == 0 {
		return h
	}
	fs := findScratch.Get().(*findBufs)
	defer findScratch.Put(fs)
	ms := pf.ac.findAll(t, fs.ms[:0])
	fs.ms = ms
	h.lit = newRankSet(len(pf.lits))
	for _, m := range ms {
		h.lit.add(m.id)
	}
	n := h.lit.seal()
	h.touched = make([]int32, 0, n)
	for w, b := range h.lit.bits {
		for b != 0 {
			low := b & -b
			h.touched = append(h.touched, int32(w*64+bitIndex(low)))
			b ^= low
		}
	}
	h.sets = make([]uint64, n*words)
	// group the occurrences by literal: matches of one literal come in order of their end, and
	// so of their start
	h.first = make([]int32, n+1)
	ks := fs.ints(&fs.ks, len(ms))
	for i, m := range ms {
		k, _ := h.lit.index(m.id)
		ks[i] = int32(k)
		h.first[k+1]++
	}
	for k := range n {
		h.first[k+1] += h.first[k]
	}
	h.starts = make([]int, len(ms))
	fill := fs.ints(&fs.fill, n)
	ci := 0
	for i, m := range ms {
		k := ks[i]
		start := int(m.start)
		h.starts[h.first[k]+fill[k]] = start
		fill[k]++
		// matches come in order of their end; a literal never spans a clause break that it does
		// not itself contain, so its clause is the one where it starts
		for ci > 0 && clauses[ci][0] > start {
			ci--
		}
		for ci < len(clauses)-1 && clauses[ci][1] <= start {
			ci++
		}
		h.sets[int(k)*words+ci/64] |= 1 << (ci % 64)
	}
	// each conjunct's clauses, from the few literals found rather than the conjunct's many
	if words == 1 {
		pf.conjunctClauses(h)
		return h
	}
	h.conjs = newRankSet(pf.conjuncts)
	for _, id := range h.touched {
		if int(id) < len(pf.postings) {
			for _, cj := range pf.postings[id] {
				h.conjs.add(cj)
			}
		}
	}
	h.conj = make([]uint64, h.conjs.seal()*words)
	for k, id := range h.touched {
		if int(id) >= len(pf.postings) {
			continue
		}
		for _, cj := range pf.postings[id] {
			c, _ := h.conjs.index(cj)
			for w := 0; w < words; w++ {
				h.conj[c*words+w] |= h.sets[k*words+w]
			}
		}
	}
	return h
}

// conjunctClauses is the end of find for a text of at most 64 clauses (one word per clause set):
// each posting ORs its literal's clauses into the text's table by conjunct (dense), which is the
// result: no rank set of the conjuncts found, no reading out (session 24).
func (pf *prefilter) conjunctClauses(h *litHits) {
	d := make([]uint64, pf.conjuncts)
	for k, id := range h.touched {
		if int(id) >= len(pf.postings) {
			continue
		}
		set := h.sets[k]
		for _, cj := range pf.postings[id] {
			d[cj] |= set
		}
	}
	h.dense = d
}

// findBufs are find's temporary lists: the automaton's hits, each hit's literal index and each
// literal's count of starts placed.
type findBufs struct {
	ms       []acHit
	ks, fill []int32
}

var findScratch = sync.Pool{New: func() any { return new(findBufs) }}

// ints returns *b resized to n zeros.
func (*findBufs) ints(b *[]int32, n int) []int32 {
	if cap(*b) < n {
		*b = make([]int32, n)
	}
	*b = (*b)[:n]
	clear(*b)
	return *b
}

// anywhere reports whether the text holds a literal of each of m's conjuncts, in any clauses.
func (h *litHits) anywhere(m *phraseMatcher) bool {
	if m.needIdx != nil && h.conjKnown() {
		// the conjuncts find listed: one has a literal in the text when its clause set is not
		// empty, every literal found lying in a clause (session 36, speed36: asking each conjunct's
		// literals again was 2.4 % of a Chinese judgement)
		for _, cj := range m.needIdx {
			if !h.hasConj(cj) {
				return false
			}
		}
		return true
	}
	for _, conj := range m.need {
		if !slices.ContainsFunc(conj, func(id int32) bool { _, ok := h.has(id); return ok }) {
			return false
		}
	}
	return true
}

// candidates returns the clauses (as a bit set) where m could match: those with a literal of each
// of its conjuncts. all is the bit set of every clause; ok is false when there is none. The result
// is written to buf (2 × words long) and valid until its next use. With the pack's conjunct
// index (needIdx) it only intersects the conjuncts' clause sets that find computed.
func (h *litHits) candidates(m *phraseMatcher, all, buf []uint64) ([]uint64, bool) {
	if len(m.need) == 0 {
		return all, true
	}
	if d := h.dense; d != nil && m.needIdx != nil {
		// one word per clause set: the conjuncts' clauses ANDed straight from the table (the gate
		// is one of them; session 24)
		acc := ^uint64(0)
		for _, cj := range m.needIdx {
			if acc &= d[cj]; acc == 0 {
				return nil, false
			}
		}
		out := buf[:1]
		out[0] = acc
		return out, true
	}
	known := h.conjKnown()
	if m.needIdx != nil && m.gate >= 0 && known && !h.hasConj(m.gate) {
		return nil, false
	}
	out := buf[:h.words]
	if m.needIdx != nil && known {
		for k, cj := range m.needIdx {
			or, ok := h.conjClauses(cj)
			if !ok {
				return nil, false
			}
			anyBit := false
			for w := range out {
				if k == 0 {
					out[w] = or[w]
				} else {
					out[w] &= or[w]
				}
				anyBit = anyBit || out[w] != 0
			}
			if !anyBit {
				return nil, false
			}
		}
		return out, true
	}
	or := buf[h.words : 2*h.words]
	for ci, conj := range m.need {
		clear(or)
		hit := false
		for _, id := range conj {
			k, ok := h.has(id)
			if !ok {
				continue
			}
			hit = true
			for w := range or {
				or[w] |= h.sets[k*h.words+w]
			}
		}
		if !hit {
			return nil, false
		}
		if ci == 0 {
			copy(out, or)
			continue
		}
		anyBit := false
		for w := range out {
			out[w] &= or[w]
			anyBit = anyBit || out[w] != 0
		}
		if !anyBit {
			return nil, false
		}
	}
	return out, true
}

// requiredConjuncts returns the literal sets of which every match of the expression contains one
// literal of each, in lower case; nil when nothing is required.
func requiredConjuncts(expr string) [][]string {
	t, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	var out [][]string
	for _, set := range conjuncts(t.Simplify()) {
		if len(set) == 0 || len(set) > 512 || containsEmpty(set) {
			continue
		}
		out = append(out, set)
	}
	return out
}

func containsEmpty(set []string) bool {
	for _, l := range set {
		if l == "" {
			return true
		}
	}
	return false
}

// conjuncts is literalSet extended to concatenations: each part that requires literals adds its own
// conjuncts, and a run of adjacent parts that match a few strings each joins into their products
// ("打(了)?(遍|爆)" needs one of 打了遍, 打了爆, 打遍, 打爆), which is rarer than 打 alone.
func conjuncts(t *syntax.Regexp) [][]string {
	switch t.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return conjuncts(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return conjuncts(t.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		var out [][]string
		for i := 0; i < len(t.Sub); i++ {
			prod, j := []string{""}, i
			for ; j < len(t.Sub); j++ {
				set, ok := exactSet(t.Sub[j])
				if !ok || len(prod)*len(set) > maxProduct {
					break
				}
				prod = product(prod, set)
			}
			if j == i {
				out = append(out, conjuncts(t.Sub[i])...)
				continue
			}
			if !containsEmpty(prod) {
				out = append(out, prod)
			}
			i = j - 1
		}
		return out
	}
	if l := literalSet(t); l != nil {
		return [][]string{l}
	}
	return nil
}

// maxProduct bounds the strings a run of parts joins into.
const maxProduct = 16

// exactSet returns the strings t matches (lower case) when they are a few: literals, small
// classes, optional parts ("") and their alternations and concatenations.
func exactSet(t *syntax.Regexp) ([]string, bool) {
	switch t.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(t.Rune))}, true
	case syntax.OpCharClass:
		l := literalSet(t)
		return l, l != nil && len(l) <= maxProduct
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpCapture:
		return exactSet(t.Sub[0])
	case syntax.OpQuest:
		l, ok := exactSet(t.Sub[0])
		return dedupe(append(l, "")), ok
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			l, ok := exactSet(s)
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		out = dedupe(out)
		return out, len(out) <= maxProduct
	case syntax.OpConcat:
		prod := []string{""}
		for _, s := range t.Sub {
			l, ok := exactSet(s)
			if !ok || len(prod)*len(l) > maxProduct {
				return nil, false
			}
			prod = product(prod, l)
		}
		return prod, true
	}
	return nil, false
}

func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

// sortCueLits returns ids' distinct values in ascending order and, for each, the indices in ids
// that hold it (at[from[i]:from[i+1]], ascending).
func sortCueLits(ids []int32) (sorted, at, from []int32) {
	at = make([]int32, len(ids))
	for i := range at {
		at[i] = int32(i)
	}
	slices.SortStableFunc(at, func(a, b int32) int { return cmp.Compare(ids[a], ids[b]) })
	for k, ci := range at {
		if k == 0 || ids[ci] != sorted[len(sorted)-1] {
			sorted = append(sorted, ids[ci])
			from = append(from, int32(k))
		}
	}
	from = append(from, int32(len(at)))
	return sorted, at, from
}
