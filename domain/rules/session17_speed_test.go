package rules

import (
	"math/rand"
	"regexp/syntax"
	"testing"
)

// TestRuneHashAsMap: the matcher's rune tables (runeHash) return what the maps they are built
// from return, for keys and for runes that are none (session 17, speed).
func TestRuneHashAsMap(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	for _, n := range []int{0, 1, 7, 8, 9, 100, 1000} {
		m := map[rune]uint64{}
		for len(m) < n {
			m[rune(rng.Intn(0x30000))] = rng.Uint64()
		}
		h := newRuneHash(m)
		for r := rune(0); r < 0x30000; r++ {
			want, wok := m[r]
			got, ok := h.get(r)
			if ok != wok || got != want {
				t.Fatalf("n=%d: get(%U) = %d, %v; the map has %d, %v", n, r, got, ok, want, wok)
			}
		}
	}
	var nilHash *runeHash[[]int32]
	if _, ok := nilHash.get('a'); ok {
		t.Fatal("a nil table has a key")
	}
}

// TestClassBitmapsAsMatchRune: a program's large classes (the gaps, \p{Han}, negated classes) are
// tested by bitmap; the bitmap holds exactly the runes below 0x10000 that the instruction matches.
func TestClassBitmapsAsMatchRune(t *testing.T) {
	pm := newProgMatcher(`(?:\p{Han}{0,2}?外婆|[^，。！？；,.!?;]{0,6}?催|[\p{Greek}\p{Cyrillic}a-f0-9]+x|(?i:[a-z\p{Han}]+)y)`)
	sets := 0
	for pc := range pm.prog.Inst {
		i := &pm.prog.Inst[pc]
		if i.Op != syntax.InstRune || pm.alt[pc] == 0 {
			continue
		}
		sets++
		set := pm.sets[pm.alt[pc]]
		for r := rune(0); r < 0x10000; r++ {
			if in := set[r/64]&(1<<(r%64)) != 0; in != i.MatchRune(r) {
				t.Fatalf("pc %d: bitmap has %U: %v, MatchRune: %v", pc, r, in, !in)
			}
		}
	}
	if sets < 3 {
		t.Fatalf("%d classes with a bitmap, want at least 3 (\\p{Han}, the gap, Greek+Cyrillic)", sets)
	}
	for _, c := range []struct {
		text string
		want bool
	}{{"我外婆", true}, {"说了好几次催", true}, {"αβx", true}, {"ABCy", true}, {"，催", false}} {
		loc, done := pm.match(c.text, 0, 0, len(c.text), false)
		if !done || (loc != nil) != c.want {
			t.Errorf("%q: match %v (done %v), want a match: %v", c.text, loc, done, c.want)
		}
	}
}
