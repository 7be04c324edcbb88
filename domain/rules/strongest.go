package rules

import "github.com/redline-regulator/redline/domain"

// The strongest hits of a sentence, kept by coverage (session 31, speed31). strongest keeps a hit
// unless a stronger one kept before it, of the same type, factor and negation, overlaps it: each
// hit was compared with every hit kept, quadratic in a sentence's hits — a 20,000-character text
// without a full stop is one sentence with thousands of hits. The hits kept of one kind never
// overlap one another (a later one that did was not kept), so a hit overlaps one of them exactly
// when one of its runes is covered by one: a bit set per kind over the text's runes answers that in
// the hit's length.

// strongestLinear is the most hits strongest compares one by one.
const strongestLinear = 64

// hitKind is what strongest compares hits by, besides their spans.
type hitKind struct {
	typ     domain.ViolationType
	factor  domain.UrgencyFactor
	negated bool
}

// keepStrongestCovered is strongest's selection: the hits of order (strongest first) that overlap
// no hit of their kind kept before them, in order. Hits with an empty span (none is known) are
// compared one by one, as before.
func keepStrongestCovered(hits []match, order []int32) []int32 {
	n := 0
	for i := range hits {
		if hits[i].ns >= hits[i].ne || hits[i].ns < 0 {
			return keepStrongestLinear(hits, order)
		}
		n = max(n, hits[i].ne)
	}
	words := (n + 63) / 64
	cover := map[hitKind][]uint64{}
	kept := order[:0]
	for _, i := range order {
		h := &hits[i]
		k := hitKind{h.typ, h.factor, h.negatedBy != ""}
		bits := cover[k]
		if bits == nil {
			bits = make([]uint64, words)
			cover[k] = bits
		}
		if anyBit(bits, h.ns, h.ne) {
			continue
		}
		setBits(bits, h.ns, h.ne)
		kept = append(kept, i)
	}
	return kept
}

// anyBit reports whether one of the bits [from, to) of bits is set (from < to).
func anyBit(bits []uint64, from, to int) bool {
	for w := from / 64; w <= (to-1)/64; w++ {
		if bits[w]&wordMask(w, from, to) != 0 {
			return true
		}
	}
	return false
}

// setBits sets the bits [from, to) of bits (from < to).
func setBits(bits []uint64, from, to int) {
	for w := from / 64; w <= (to-1)/64; w++ {
		bits[w] |= wordMask(w, from, to)
	}
}

// wordMask is the mask of the bits [from, to) that fall in word w.
func wordMask(w, from, to int) uint64 {
	lo, hi := max(from-w*64, 0), min(to-w*64, 64) // bits [lo, hi) of the word
	m := ^uint64(0) << lo
	if hi < 64 {
		m &= (1 << hi) - 1
	}
	return m
}

// keepStrongestLinear is strongest's selection hit by hit against every hit kept.
func keepStrongestLinear(hits []match, order []int32) []int32 {
	kept := order[:0]
	for _, i := range order {
		h := &hits[i]
		overlaps := false
		for _, j := range kept {
			k := &hits[j]
			if k.typ == h.typ && k.factor == h.factor && (k.negatedBy == "") == (h.negatedBy == "") && k.ns < h.ne && h.ns < k.ne {
				overlaps = true
				break
			}
		}
		if !overlaps {
			kept = append(kept, i)
		}
	}
	return kept
}
