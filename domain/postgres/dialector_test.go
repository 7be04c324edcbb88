package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestScanDoesNotWriteStatementsOut: gorm's Raw(…).Scan writes every statement out with its values
// for a log (its Dialector's Explain), which the platform discards; the platform's dialector
// leaves the statement as it is. Scans, nested transactions (savepoints) and gorm's errors work as
// before.
func TestScanDoesNotWriteStatementsOut(t *testing.T) {
	db := pgtest.New(t)
	if got := db.Gorm.Dialector.Explain("SELECT $1, $2", "秘密", 42); got != "SELECT $1, $2" {
		t.Errorf("Explain wrote the statement out: %q", got)
	}
	var rows []struct{ N int }
	if err := db.Gorm.Raw("SELECT generate_series(1, ?) AS n", 3).Scan(&rows).Error; err != nil || len(rows) != 3 || rows[2].N != 3 {
		t.Fatalf("scan: %v, %+v", err, rows)
	}
	inner := errors.New("rolled back")
	err := db.Gorm.WithContext(context.Background()).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("CREATE TEMP TABLE t (n int)").Error; err != nil {
			return err
		}
		if err := tx.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("INSERT INTO t VALUES (1)").Error; err != nil {
				return err
			}
			return inner
		}); !errors.Is(err, inner) {
			return err
		}
		var n int64
		if err := tx.Raw("SELECT count(*) FROM t").Scan(&n).Error; err != nil || n != 0 {
			t.Errorf("after the savepoint's rollback: %d rows, %v", n, err)
		}
		return tx.Exec("SELECT no_such_column FROM t").Error
	})
	if err == nil || !strings.Contains(err.Error(), "no_such_column") {
		t.Errorf("a failing statement: %v", err)
	}
}
