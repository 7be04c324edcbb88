package cfpb

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestColumnsHoldEveryTextField: every text field of a Record is one of its Columns, and a CSV with
// every column reads back into the same Columns — a field added to Record without its column would
// be neither read nor checked by the callers that walk a record's texts (the CFPB import's check
// for bytes PostgreSQL cannot store kept a hand list of 18 columns).
func TestColumnsHoldEveryTextField(t *testing.T) {
	var r Record
	v := reflect.ValueOf(&r).Elem()
	want := map[string]bool{}
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Kind() == reflect.String {
			s := fmt.Sprintf("value of %s", v.Type().Field(i).Name)
			v.Field(i).SetString(s)
			want[s] = true
		}
	}
	cols := r.Columns()
	got := map[string]bool{}
	names := map[string]bool{}
	for _, c := range cols {
		got[c.Value] = true
		if names[c.Name] {
			t.Errorf("column %q listed twice", c.Name)
		}
		names[c.Name] = true
	}
	for s := range want {
		if !got[s] {
			t.Errorf("Columns misses the field holding %q", s)
		}
	}
	var head, row []string
	for _, c := range cols {
		head = append(head, fmt.Sprintf("%q", c.Name))
		row = append(row, fmt.Sprintf("%q", c.Value))
	}
	rd, err := NewReader(strings.NewReader(strings.Join(head, ",") + "\n" + strings.Join(row, ",") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	back, err := rd.Next()
	if err != nil {
		t.Fatal(err)
	}
	back.Line = r.Line
	if back != r {
		t.Fatalf("read back %+v, want %+v", back, r)
	}
}
