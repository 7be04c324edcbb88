// Package postgres stores redline's domain in PostgreSQL through gorm (pgx driver). It is the only
// package that imports gorm; it maps database errors to domain error codes.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	gormpg "gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/migrations"
)

// DB is redline's PostgreSQL database.
type DB struct {
	Gorm *gorm.DB
	SQL  *sql.DB
	// Requests is the pool of API requests' queries, with a statement timeout (EnableRequestTimeout);
	// nil when there is none.
	Requests *sql.DB
	Now      func() time.Time
	// pool is the size applied to both pools (SizePool).
	pool Pool
	// Keys encrypts personal data on its way into the database and decrypts it on its way out, and
	// computes the keyed hashes stored beside it; stores refuse to write personal data without it.
	Keys *pii.KeyRing
}

// Open connects to the database at url, creating the database first when it does not exist. The
// error says what was tried and how to fix it.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if err := ensureDatabase(ctx, dsn); err != nil {
		return nil, err
	}
	sqlDB, err := openPool(withConnectTimeout(dsn))
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", redact(dsn), err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		sqlDB.Close()
		return nil, unreachable(dsn, err)
	}
	g, err := gorm.Open(quietDialector{gormpg.New(gormpg.Config{Conn: sqlDB}).(*gormpg.Dialector)}, &gorm.Config{
		SkipDefaultTransaction: true, // explicit transactions where a unit of work needs one
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err == nil {
		err = registerTimeoutErrors(g)
		if err == nil {
			err = markUnavailableErrors(g)
		}
	}
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := &DB{Gorm: g, SQL: sqlDB, Now: func() time.Time { return time.Now().UTC() }}
	db.SizePool(DefaultPool)
	return db, nil
}

// Pool sizes the connection pool of a process.
type Pool struct {
	// MaxConns is the most connections open at once; as many are kept idle, so that a process at
	// full concurrency never closes a connection only to open another one a moment later.
	MaxConns int
	// MaxIdleTime closes a connection idle this long, so a quiet process gives its sessions back.
	MaxIdleTime time.Duration
}

// DefaultPool is the pool of a process unless configured otherwise (REDLINE_DB_MAX_CONNS,
// REDLINE_DB_MAX_IDLE_TIME).
var DefaultPool = Pool{MaxConns: 32, MaxIdleTime: 5 * time.Minute}

// SizePool applies p to the connection pool, and to the request pool when there is one (each gets
// p.MaxConns); zero fields keep DefaultPool's values.
func (db *DB) SizePool(p Pool) {
	if p.MaxConns <= 0 {
		p.MaxConns = DefaultPool.MaxConns
	}
	if p.MaxIdleTime <= 0 {
		p.MaxIdleTime = DefaultPool.MaxIdleTime
	}
	db.pool = p
	for _, pool := range []*sql.DB{db.SQL, db.Requests} {
		if pool != nil {
			p.apply(pool)
		}
	}
}

// apply sizes one pool: as many connections kept idle as may be open, so that none churns.
func (p Pool) apply(pool *sql.DB) {
	pool.SetMaxOpenConns(p.MaxConns)
	pool.SetMaxIdleConns(p.MaxConns)
	pool.SetConnMaxIdleTime(p.MaxIdleTime)
}

// DefaultConnectTimeout bounds how long opening a connection may take when DATABASE_URL does not
// say (connect_timeout): a PostgreSQL that does not answer at all (a dropped network path, a
// stopped machine) makes requests fail as UNAVAILABLE after it instead of hanging for minutes.
const DefaultConnectTimeout = 5 * time.Second

// withConnectTimeout adds connect_timeout to a URL that has none.
func withConnectTimeout(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" || u.Query().Has("connect_timeout") {
		return dsn
	}
	q := u.Query()
	q.Set("connect_timeout", strconv.Itoa(int(DefaultConnectTimeout/time.Second)))
	u.RawQuery = q.Encode()
	return u.String()
}

// Close closes the connection pool.
func (db *DB) Close() error {
	if db.Requests != nil {
		db.Requests.Close()
	}
	return db.SQL.Close()
}

func unreachable(dsn string, err error) error {
	msg := strings.TrimSpace(rootCause(err).Error())
	if i := strings.LastIndex(msg, "\n"); i >= 0 { // pgconn repeats the attempt per address, one per line
		msg = msg[i+1:]
	}
	if refusedLogin(err) {
		return fmt.Errorf("postgres: cannot sign in to %s (%s); set DATABASE_URL to a role that may create databases and its password "+
			"(percent-encoded: a space is %%20), e.g. postgres://postgres:PASSWORD@127.0.0.1:5432/redline?sslmode=disable", redact(dsn), msg)
	}
	return fmt.Errorf("postgres: cannot connect to %s (%s); start PostgreSQL with `bash deploy/local.sh services` or set DATABASE_URL", redact(dsn), msg)
}

// refusedLogin tells a server that is up but refuses the URL's role or password (SQLSTATE class 28,
// or no password in the URL for a server that asks for one) from one that cannot be reached: the
// advice to start PostgreSQL would mislead.
func refusedLogin(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "28")
	}
	return strings.Contains(err.Error(), "no password supplied") || strings.Contains(err.Error(), "failed SASL auth")
}

func rootCause(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// ensureDatabase creates the database named in dsn when it is missing, connecting to the server's
// "postgres" database to do so.
func ensureDatabase(ctx context.Context, dsn string) error {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return fmt.Errorf("postgres: DATABASE_URL %q is not a URL like postgres://user:pass@host:5432/redline", redact(dsn))
	}
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" || name == "postgres" {
		return nil
	}
	admin := *u
	admin.Path = "/postgres"
	cfg, err := pgconn.ParseConfig(admin.String())
	if err != nil {
		return fmt.Errorf("postgres: DATABASE_URL: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := pgconn.ConnectConfig(cctx, cfg)
	if err != nil {
		return unreachable(dsn, err)
	}
	defer conn.Close(ctx)
	res := conn.ExecParams(cctx, "SELECT 1 FROM pg_database WHERE datname = $1", [][]byte{[]byte(name)}, nil, nil, nil).Read()
	if res.Err != nil {
		return fmt.Errorf("postgres: look up database %s: %w", name, res.Err)
	}
	if len(res.Rows) > 0 {
		return nil
	}
	_, err = conn.Exec(cctx, "CREATE DATABASE "+quoteIdent(name)).ReadAll()
	var pgErr *pgconn.PgError
	if err != nil && !(errors.As(err, &pgErr) && pgErr.Code == "42P04") { // created concurrently
		return fmt.Errorf("postgres: create database %s: %w", name, err)
	}
	slog.Info("created database", "database", name)
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparseable URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func init() { _ = stdlib.GetDefaultDriver() }

// cancelGrace is how long a statement whose context ended may take to stop after PostgreSQL was
// asked to cancel it, before its connection is closed under it.
const cancelGrace = 2 * time.Second

// openPool opens a pool on dsn whose statements PostgreSQL is asked to cancel when their context
// ends, on the same connection, before the call returns. pgx's default set a deadline on the socket:
// the call returned at once, the connection was closed and a cancel request sent afterwards from a
// goroutine, so a request stopped at its deadline (attack round 20, session 25) was answered while
// its statement still ran or waited in the server, and a statement stopped outside a transaction
// cost the pool its connection. Past cancelGrace without an answer the socket deadline closes it as before.
func openPool(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: cancelGrace}
	}
	return sql.OpenDB(txEndConnector{stdlib.GetConnector(*cfg)}), nil // transactions end on their own context (txend.go)
}

// Migrate runs the goose migrations: "up", "down" (one step), "reset" (all the way down) or
// "status", writing what it did to the log.
func (db *DB) Migrate(ctx context.Context, command string) error {
	// Out-of-order migrations are applied: parallel branches of work land with interleaved numbers.
	p, err := goose.NewProvider(goose.DialectPostgres, db.SQL, migrations.FS, goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	switch command {
	case "up":
		res, err := p.Up(ctx)
		for _, r := range res {
			slog.Info("migrated up", "version", r.Source.Version, "file", r.Source.Path, "took", r.Duration)
		}
		return err
	case "down":
		r, err := p.Down(ctx)
		if r != nil {
			slog.Info("migrated down", "version", r.Source.Version, "file", r.Source.Path)
		}
		return err
	case "reset":
		_, err := p.DownTo(ctx, 0)
		return err
	case "status":
		st, err := p.Status(ctx)
		if err != nil {
			return err
		}
		for _, s := range st {
			fmt.Printf("%-8s %-40s %s\n", s.State, s.Source.Path, s.AppliedAt.Format(time.RFC3339))
		}
		return nil
	}
	return fmt.Errorf("migrate: unknown command %q (use up, down, reset or status)", command)
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }

// inTx runs fn in a transaction. A transaction that cannot begin or commit because the database
// went away ends in domain.ErrUnavailable.
// quietDialector is gorm's PostgreSQL dialector without Explain, which writes a statement out
// with its values for a log. The platform's logger discards gorm's logs, but gorm's Raw(…).Scan
// records every statement it runs this way all the same (logger.Recorder): for a batch's
// multi-row INSERT of 1,300 values, 4.5 % of the routing worker's CPU (bench route's profile).
type quietDialector struct{ *gormpg.Dialector }

// Explain implements gorm.Dialector: the statement as it is, its values left out.
func (quietDialector) Explain(sql string, _ ...any) string { return sql }

func (db *DB) inTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return markUnavailable(db.Gorm.WithContext(ctx).Transaction(fn))
}

// afterNumber narrows q to the rows past a numeric page cursor with cond ("id > ?", or "seq < ?"
// for newest first); an empty cursor is the first page.
func afterNumber(q *gorm.DB, cond, after string) (*gorm.DB, error) {
	if after == "" {
		return q, nil
	}
	n, err := strconv.ParseInt(after, 10, 64)
	if err != nil {
		return nil, domain.Invalid("after", "the cursor is not valid", "分页游标无效")
	}
	return q.Where(cond, n), nil
}

// mapError turns database errors into domain errors where they mean something to a user.
func mapError(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.ErrNotFound
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	if unavailable(err) {
		return fmt.Errorf("postgres: %s: %w", what, markUnavailable(err))
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			if pgErr.ConstraintName == institutionNameKeysIndex {
				// The database's own check of the registry's names (migration 00070); SaveInstitution
				// refuses the clash first, naming the field, unless the two keys disagree.
				return &domain.Error{Code: domain.CodeInvalid, Field: "input.name", Reason: "NAME_TAKEN",
					Message:   "a name of this institution is already a name or alias of another institution",
					MessageZH: "该机构的名称或别名已是另一机构的名称或别名"}
			}
			return &domain.Error{Code: domain.CodeConflict, Message: what + " already exists", MessageZH: "记录已存在"}
		case "40001", "40P01":
			return domain.ErrConflict
		}
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}
