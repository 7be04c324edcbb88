package rules

import "math/bits"

// runeHash is a read-only map from rune to V, built once: an open-addressing table searched
// linearly from a multiplicative hash of the rune. The depth-first matcher looks a rune up at every
// alternation it dispatches (the branches that begin with it, the runes ahead); Go's map spent
// about a tenth of a warm Chinese judgement's matching time there (session 17).
type runeHash[V any] struct {
	keys  []rune // -1: empty slot
	vals  []V
	shift uint // 32 - log2(len(keys))
	n     int
}

// newRuneHash returns a table of the entries of m.
func newRuneHash[V any](m map[rune]V) *runeHash[V] {
	size := 8
	for size < 2*len(m) {
		size *= 2
	}
	h := &runeHash[V]{keys: make([]rune, size), vals: make([]V, size), shift: uint(32 - bits.TrailingZeros(uint(size)))}
	for i := range h.keys {
		h.keys[i] = -1
	}
	for r, v := range m {
		i := h.slot(r)
		for h.keys[i] >= 0 {
			i = (i + 1) & uint32(size-1)
		}
		h.keys[i], h.vals[i] = r, v
		h.n++
	}
	return h
}

func (h *runeHash[V]) slot(r rune) uint32 { return (uint32(r) * 0x9e3779b1) >> h.shift }

// get returns r's value and whether r is a key. A nil table has no keys.
func (h *runeHash[V]) get(r rune) (v V, ok bool) {
	if h == nil || r < 0 {
		return v, false
	}
	mask := uint32(len(h.keys) - 1)
	for i := h.slot(r); ; i = (i + 1) & mask {
		switch h.keys[i] {
		case r:
			return h.vals[i], true
		case -1:
			return v, false
		}
	}
}
