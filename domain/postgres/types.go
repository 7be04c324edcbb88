package postgres

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5/pgtype"
)

// typeMaps lends pgx type maps to the array columns' Scan and Value. A map memoizes the plans by
// which it scans and encodes each Go type, and is not safe for concurrent use; a new map for every
// value (pgtype.NewMap: its registry of types, then the plan found again) was ~3 % of the routing
// worker's CPU and of its allocations, for the text[] and bigint[] columns of every complaint row
// read (docs/BENCHMARKS.md, "Routing, session 14 (route)").
var typeMaps = sync.Pool{New: func() any { return pgtype.NewMap() }}

// withTypeMap runs f with a type map of the pool.
func withTypeMap[T any](f func(m *pgtype.Map) T) T {
	m := typeMaps.Get().(*pgtype.Map)
	defer typeMaps.Put(m)
	return f(m)
}

// textArray maps a PostgreSQL text[] column.
type textArray []string

// Scan implements sql.Scanner.
func (a *textArray) Scan(src any) error {
	var v []string
	if err := withTypeMap(func(m *pgtype.Map) error { return m.SQLScanner(&v).Scan(src) }); err != nil {
		return fmt.Errorf("scan text[]: %w", err)
	}
	*a = v
	return nil
}

// Value implements driver.Valuer.
func (a textArray) Value() (driver.Value, error) {
	if a == nil {
		a = textArray{}
	}
	return encodeArray([]string(a))
}

// int8Array maps a PostgreSQL bigint[] column.
type int8Array []int64

// Scan implements sql.Scanner.
func (a *int8Array) Scan(src any) error {
	var v []int64
	if err := withTypeMap(func(m *pgtype.Map) error { return m.SQLScanner(&v).Scan(src) }); err != nil {
		return fmt.Errorf("scan bigint[]: %w", err)
	}
	*a = v
	return nil
}

// Value implements driver.Valuer.
func (a int8Array) Value() (driver.Value, error) {
	if a == nil {
		a = int8Array{}
	}
	return encodeArray([]int64(a))
}

func encodeArray(v any) (driver.Value, error) {
	type encoded struct {
		buf []byte
		err error
	}
	e := withTypeMap(func(m *pgtype.Map) encoded {
		t, ok := m.TypeForValue(v)
		if !ok {
			return encoded{err: fmt.Errorf("no PostgreSQL type for %T", v)}
		}
		buf, err := m.Encode(t.OID, pgtype.TextFormatCode, v, nil)
		return encoded{buf, err}
	})
	if e.err != nil {
		return nil, e.err
	}
	return string(e.buf), nil
}

// jsonMap maps a jsonb column holding an object.
type jsonMap map[string]any

// Scan implements sql.Scanner.
func (m *jsonMap) Scan(src any) error {
	return scanJSONB("jsonb", src, (*map[string]any)(m), func() { *m = nil })
}

// scanJSONB is the Scan of a jsonb column (what names it in errors): the value, as the driver gives
// it (bytes or text), decoded into dst, or null called for NULL.
func scanJSONB(what string, src, dst any, null func()) error {
	switch v := src.(type) {
	case nil:
		null()
		return nil
	case []byte:
		return json.Unmarshal(v, dst)
	case string:
		return json.Unmarshal([]byte(v), dst)
	}
	return fmt.Errorf("scan %s: unexpected %T", what, src)
}

// Value implements driver.Valuer.
func (m jsonMap) Value() (driver.Value, error) {
	if m == nil {
		return "{}", nil
	}
	b, err := json.Marshal(map[string]any(m))
	return string(b), err
}
