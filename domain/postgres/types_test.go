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

// TestJSONBScanners: the jsonb columns' scanners (jsonMap, jsonDoc, incidentList) read bytes and
// text alike, make NULL their nil, and name the column kind when the driver gives anything else.
func TestJSONBScanners(t *testing.T) {
	for _, src := range []any{[]byte(`{"a":1}`), `{"a":1}`} {
		var m jsonMap
		if err := m.Scan(src); err != nil || m["a"] != float64(1) {
			t.Errorf("jsonMap.Scan(%T) = %v, %v", src, m, err)
		}
		var d jsonDoc[map[string]int]
		if err := d.Scan(src); err != nil || d.V == nil || (*d.V)["a"] != 1 {
			t.Errorf("jsonDoc.Scan(%T) = %v, %v", src, d.V, err)
		}
	}
	m, d, l := jsonMap{"x": 1}, jsonDoc[int]{V: new(int)}, incidentList{{Channel: "SMS"}}
	if m.Scan(nil) != nil || m != nil || d.Scan(nil) != nil || d.V != nil || l.Scan(nil) != nil || l != nil {
		t.Errorf("NULL: jsonMap %v, jsonDoc %v, incidentList %v; want nil", m, d.V, l)
	}
	if err := l.Scan([]byte(`[{"channel":"SMS","count":3}]`)); err != nil || len(l) != 1 || l[0].Count != 3 {
		t.Errorf("incidentList.Scan = %+v, %v", l, err)
	}
	if err := l.Scan(42); err == nil || err.Error() != "scan incidents: unexpected int" {
		t.Errorf("incidentList.Scan(42) = %v", err)
	}
	if err := m.Scan(42); err == nil || err.Error() != "scan jsonb: unexpected int" {
		t.Errorf("jsonMap.Scan(42) = %v", err)
	}
}
