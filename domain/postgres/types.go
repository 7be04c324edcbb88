package postgres

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5/pgtype"
)

// textArray maps a PostgreSQL text[] column.
type textArray []string

// Scan implements sql.Scanner.
func (a *textArray) Scan(src any) error {
	var v []string
	if err := pgtype.NewMap().SQLScanner(&v).Scan(src); err != nil {
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
	if err := pgtype.NewMap().SQLScanner(&v).Scan(src); err != nil {
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
	m := pgtype.NewMap()
	t, ok := m.TypeForValue(v)
	if !ok {
		return nil, fmt.Errorf("no PostgreSQL type for %T", v)
	}
	buf, err := m.Encode(t.OID, pgtype.TextFormatCode, v, nil)
	if err != nil {
		return nil, err
	}
	return string(buf), nil
}

// jsonMap maps a jsonb column holding an object.
type jsonMap map[string]any

// Scan implements sql.Scanner.
func (m *jsonMap) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*m = nil
		return nil
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return fmt.Errorf("scan jsonb: unexpected %T", src)
	}
	return json.Unmarshal(b, (*map[string]any)(m))
}

// Value implements driver.Valuer.
func (m jsonMap) Value() (driver.Value, error) {
	if m == nil {
		return "{}", nil
	}
	b, err := json.Marshal(map[string]any(m))
	return string(b), err
}
