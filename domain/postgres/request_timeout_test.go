package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestRequestStatementTimeout: queries of a request context (postgres.ForRequest) run under the
// statement timeout, in and outside transactions, and a cancelled one is domain.ErrTimeout (code
// TIMEOUT); queries of other contexts (workers, migrations, imports) have none.
func TestRequestStatementTimeout(t *testing.T) {
	url := pgtest.NewURL(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.EnableRequestTimeout(url, 250*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	req := postgres.ForRequest(ctx)
	show := func(ctx context.Context) string {
		var v string
		if err := db.Gorm.WithContext(ctx).Raw("SHOW statement_timeout").Scan(&v).Error; err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := show(req); v != "250ms" {
		t.Errorf("a request's statement_timeout is %q, want 250ms", v)
	}
	if v := show(ctx); v != "0" {
		t.Errorf("background work's statement_timeout is %q, want 0 (none)", v)
	}
	err = db.Gorm.WithContext(req).Transaction(func(tx *gorm.DB) error {
		var v string
		if err := tx.Raw("SHOW statement_timeout").Scan(&v).Error; err != nil || v != "250ms" {
			t.Errorf("in a request transaction statement_timeout is %q (%v), want 250ms", v, err)
		}
		return tx.Exec("SELECT pg_sleep(30)").Error
	})
	if !errors.Is(err, domain.ErrTimeout) || domain.CodeOf(err) != domain.CodeTimeout {
		t.Errorf("a request's long query: %v, want TIMEOUT", err)
	}
	var one int
	if err := db.Gorm.WithContext(req).Raw("SELECT 1 FROM pg_sleep(30)").Scan(&one).Error; domain.CodeOf(err) != domain.CodeTimeout {
		t.Errorf("a request's long query outside a transaction: %v, want TIMEOUT", err)
	}
	// Background work is not cut short (a query past the request timeout completes).
	if err := db.Gorm.WithContext(ctx).Raw("SELECT 1 FROM pg_sleep(0.5)").Scan(&one).Error; err != nil || one != 1 {
		t.Errorf("background query: %v", err)
	}
}
