package rules

import (
	"errors"
	"unicode/utf8"
)

// runeAutomaton is an Aho-Corasick automaton over runes that reports every occurrence of every
// literal, overlapping ones included. It replaces a byte-level DFA (github.com/coregx/ahocorasick)
// whose dense table, for the Chinese pack's ~9,000 literals, had ~39,000 states × 256 byte classes
// × 4 bytes = 40 MB: each byte of a text read a row far from the last, so the pass over a
// 200-character narrative cost 14 µs with the table in cache and over 200 µs without. Here a
// state's transitions are entries of one open-addressing table keyed by (state, rune), about 8
// bytes per trie edge (a few hundred KB for the Chinese pack), and a rune without a transition
// follows the failure links as in the textbook algorithm.
type runeAutomaton struct {
	table []uint64 // (from+1)<<42 | rune<<21 | to; 0: empty
	mask  uint64   // len(table)-1
	shift uint     // 64 - log2(len(table)): a key's first slot is the top bits of its product
	fail  []int32  // by state: the longest proper suffix that is a state
	dict  []int32  // by state: the nearest state on its failure chain with literals of its own, -1: none
	// outs[outStart[s]:outStart[s+1]] are the literals (ids) that end at state s itself
	outStart []int32
	outs     []int32
	lens     []int32 // by literal id: its length in bytes
}

// acHit is one occurrence of a literal: its id and the byte offset where it starts. A pass lists
// them in order of their end.
type acHit struct {
	id    int32
	start int32
}

// acMaxStates is the most states an automaton can have: a transition packs two state numbers and
// a rune into 64 bits (21 bits each).
const acMaxStates = 1<<21 - 1

// newRuneAutomaton builds the automaton of lits (literal id = index). An empty literal is never
// reported.
func newRuneAutomaton(lits []string) (*runeAutomaton, error) {
	type edge struct {
		r  rune
		to int32
	}
	children := [][]edge{nil} // state 0 is the root
	edges := map[uint64]int32{}
	var ownOuts [][]int32
	ownOuts = append(ownOuts, nil)
	lens := make([]int32, len(lits))
	for id, l := range lits {
		lens[id] = int32(len(l))
		if l == "" {
			continue
		}
		s := int32(0)
		for _, r := range l {
			k := uint64(s)<<21 | uint64(r)
			next, ok := edges[k]
			if !ok {
				next = int32(len(children))
				if next > acMaxStates {
					return nil, errors.New("rules: too many literals for the prefilter's automaton")
				}
				edges[k] = next
				children = append(children, nil)
				ownOuts = append(ownOuts, nil)
				children[s] = append(children[s], edge{r, next})
			}
			s = next
		}
		ownOuts[s] = append(ownOuts[s], int32(id))
	}
	n := len(children)
	a := &runeAutomaton{fail: make([]int32, n), dict: make([]int32, n), outStart: make([]int32, n+1), lens: lens}
	size, shift := 16, uint(60)
	for size < 2*len(edges) {
		size, shift = size*2, shift-1
	}
	a.table, a.mask, a.shift = make([]uint64, size), uint64(size-1), shift
	for k, to := range edges {
		a.insert(int32(k>>21), rune(k&(1<<21-1)), to)
	}
	for s, o := range ownOuts {
		a.outStart[s+1] = a.outStart[s] + int32(len(o))
		a.outs = append(a.outs, o...)
	}
	// failure and dictionary links, breadth first: a state's links need its parent's
	a.dict[0] = -1
	queue := make([]int32, 0, n)
	for _, e := range children[0] {
		a.fail[e.to], a.dict[e.to] = 0, -1
		queue = append(queue, e.to)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range children[s] {
			f := a.fail[s]
			for {
				if to, ok := a.next(f, e.r); ok {
					a.fail[e.to] = to
					break
				}
				if f == 0 {
					a.fail[e.to] = 0
					break
				}
				f = a.fail[f]
			}
			if g := a.fail[e.to]; a.outStart[g+1] > a.outStart[g] {
				a.dict[e.to] = g
			} else {
				a.dict[e.to] = a.dict[g]
			}
			queue = append(queue, e.to)
		}
	}
	return a, nil
}

// slot is the table index where the probe for (from, r) starts.
func (a *runeAutomaton) slot(from int32, r rune) uint64 {
	return (uint64(from)<<21 | uint64(r)) * 0x9e3779b97f4a7c15 >> a.shift
}

func (a *runeAutomaton) insert(from int32, r rune, to int32) {
	key := uint64(from+1)<<42 | uint64(r)<<21
	for h := a.slot(from, r); ; h = (h + 1) & a.mask {
		if a.table[h] == 0 {
			a.table[h] = key | uint64(to)
			return
		}
	}
}

// next is the state that rune r leads to from state from, if there is a transition.
func (a *runeAutomaton) next(from int32, r rune) (int32, bool) {
	key := uint64(from+1)<<42 | uint64(r)<<21
	for h := a.slot(from, r); ; h = (h + 1) & a.mask {
		e := a.table[h]
		if e == 0 {
			return 0, false
		}
		if e&^(1<<21-1) == key {
			return int32(e & (1<<21 - 1)), true
		}
	}
}

// findAll appends every occurrence of every literal in t to out, in order of their end.
func (a *runeAutomaton) findAll(t string, out []acHit) []acHit {
	s := int32(0)
	for i := 0; i < len(t); {
		r, w := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			if r, w = decode3(t, i); w == 0 {
				r, w = utf8.DecodeRuneInString(t[i:])
			}
			if w == 1 { // not UTF-8: no literal holds this byte
				s, i = 0, i+1
				continue
			}
		}
		i += w
		for {
			if to, ok := a.next(s, r); ok {
				s = to
				break
			}
			if s == 0 {
				break
			}
			s = a.fail[s]
		}
		for q := s; q > 0; q = a.dict[q] {
			for _, id := range a.outs[a.outStart[q]:a.outStart[q+1]] {
				out = append(out, acHit{id: id, start: int32(i) - a.lens[id]})
			}
		}
	}
	return out
}
