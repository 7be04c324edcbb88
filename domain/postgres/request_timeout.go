package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

// Requests get a statement timeout; background work does not. A query of an API request that runs
// longer than the timeout is cancelled by PostgreSQL itself (statement_timeout, set on every
// connection of a second pool that only request contexts use) and answers TIMEOUT; workers,
// migrations, imports, seeds and statistics rebuilds keep the main pool, which has none.

type requestKey struct{}

// ForRequest marks ctx as an API request's: its queries run on the pool with the statement timeout.
func ForRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, requestKey{}, true)
}

func isRequest(ctx context.Context) bool {
	b, _ := ctx.Value(requestKey{}).(bool)
	return b
}

// EnableRequestTimeout opens the request pool on dsn, whose connections run every statement under
// statement_timeout d, and routes the queries of contexts marked ForRequest to it. d <= 0 does
// nothing.
func (db *DB) EnableRequestTimeout(dsn string, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return fmt.Errorf("postgres: DATABASE_URL: %w", err)
	}
	q := u.Query()
	q.Set("statement_timeout", strconv.FormatInt(max(1, d.Milliseconds()), 10)) // pgx passes unknown keys on as run-time parameters
	u.RawQuery = q.Encode()
	reqDB, err := openPool(u.String())
	if err != nil {
		return fmt.Errorf("postgres: open the request pool: %w", err)
	}
	// Sized as the main pool, all of it kept idle: a pool keeping half its connections idle made
	// PostgreSQL sessions churn at 32 concurrent requests (issue 14).
	db.pool.apply(reqDB)
	db.Requests = reqDB
	r := &router{main: db.SQL, request: reqDB}
	db.Gorm.ConnPool = r
	db.Gorm.Statement.ConnPool = r
	return nil
}

// router is gorm's connection pool: the request pool for contexts marked ForRequest, the main pool
// otherwise. Transactions begin on the pool of the context they begin with.
type router struct{ main, request *sql.DB }

func (r *router) pick(ctx context.Context) *sql.DB {
	if isRequest(ctx) {
		return r.request
	}
	return r.main
}

func (r *router) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return r.pick(ctx).PrepareContext(ctx, query)
}

func (r *router) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.pick(ctx).ExecContext(ctx, query, args...)
}

func (r *router) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.pick(ctx).QueryContext(ctx, query, args...)
}

func (r *router) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return r.pick(ctx).QueryRowContext(ctx, query, args...)
}

// BeginTx implements gorm.TxBeginner.
func (r *router) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return r.pick(ctx).BeginTx(ctx, opts)
}

// GetDBConn implements gorm.GetDBConnector: gorm's DB() is the main pool.
func (r *router) GetDBConn() (*sql.DB, error) { return r.main, nil }

var (
	_ gorm.ConnPool       = (*router)(nil)
	_ gorm.TxBeginner     = (*router)(nil)
	_ gorm.GetDBConnector = (*router)(nil)
)

// IsStatementTimeout reports whether err is PostgreSQL cancelling a statement (57014
// query_canceled: statement_timeout, or a cancelled request).
func IsStatementTimeout(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "57014"
}

// timeoutError puts domain.ErrTimeout in the chain of a cancelled statement's error, so that every
// edge answers TIMEOUT instead of INTERNAL.
func timeoutError(err error) error {
	if err == nil || !IsStatementTimeout(err) || errors.Is(err, domain.ErrTimeout) {
		return err
	}
	return fmt.Errorf("%w: %w", domain.ErrTimeout, err)
}

// registerTimeoutErrors makes every gorm operation report a cancelled statement as domain.ErrTimeout.
func registerTimeoutErrors(g *gorm.DB) error {
	mark := func(tx *gorm.DB) { tx.Error = timeoutError(tx.Error) }
	cb := g.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("redline:timeout", mark),
		cb.Create().After("gorm:create").Register("redline:timeout", mark),
		cb.Update().After("gorm:update").Register("redline:timeout", mark),
		cb.Delete().After("gorm:delete").Register("redline:timeout", mark),
		cb.Row().After("gorm:row").Register("redline:timeout", mark),
		cb.Raw().After("gorm:raw").Register("redline:timeout", mark),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}
