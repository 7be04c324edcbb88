package postgres

import (
	"slices"
	"testing"
)

// TestArrayColumnsReuseTypeMaps: the text[] and bigint[] columns scan and encode as pgx does, with
// a type map of the pool (its plans memoized) instead of a new map for every value: scanning a
// complaint's text[] column or encoding one allocated half as much again as with a map of the pool.
func TestArrayColumnsReuseTypeMaps(t *testing.T) {
	var words textArray
	if err := words.Scan(`{THREAT,"a b","c,d",NULL-ish,""}`); err != nil || !slices.Equal(words, textArray{"THREAT", "a b", "c,d", "NULL-ish", ""}) {
		t.Fatalf("scan text[]: %q, %v", words, err)
	}
	var ids int8Array
	if err := ids.Scan([]byte("{3,-1,42}")); err != nil || !slices.Equal(ids, int8Array{3, -1, 42}) {
		t.Fatalf("scan bigint[]: %v, %v", ids, err)
	}
	if err := words.Scan(nil); err != nil || words != nil {
		t.Fatalf("scan NULL text[]: %q, %v", words, err)
	}
	if v, err := (textArray{"a b", "c"}).Value(); err != nil || v != `{"a b",c}` {
		t.Fatalf("text[] value: %v, %v", v, err)
	}
	if v, err := (textArray(nil)).Value(); err != nil || v != `{}` {
		t.Fatalf("nil text[] value: %v, %v", v, err)
	}
	if v, err := (int8Array{7, -2}).Value(); err != nil || v != `{7,-2}` {
		t.Fatalf("bigint[] value: %v, %v", v, err)
	}
	scan := testing.AllocsPerRun(200, func() {
		var a textArray
		if err := a.Scan("{THREAT,IMPROPER_HOURS}"); err != nil {
			t.Fatal(err)
		}
	})
	value := testing.AllocsPerRun(200, func() {
		if _, err := (textArray{"THREAT", "IMPROPER_HOURS"}).Value(); err != nil {
			t.Fatal(err)
		}
	})
	// With a new map for every value: 29 and 30 allocations (1,040 and 1,896 bytes); with the
	// pool's: 20 and 13 (528 and 248 bytes).
	if scan > 24 || value > 20 {
		t.Fatalf("a text[] value allocates %.0f times to scan and %.0f to encode, want at most 24 and 20 (a type map of the pool, its plans memoized)", scan, value)
	}
}
