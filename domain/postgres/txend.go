package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A transaction ends — COMMIT or ROLLBACK — on a context of its own, not the one it began with.
// database/sql hands the driver the transaction's context, and pgx's stdlib ran COMMIT and
// ROLLBACK on it: when a request's deadline passed or its client went away (round 20), database/sql
// rolled the transaction back on a context that had already ended, the ROLLBACK failed before it
// was sent, and pgx closed the connection ("a rollback failure leaves the connection in an
// undefined state"). PostgreSQL rolled the transaction back when the socket closed, but every
// stopped mutation cost the pool a connection, and the next request paid for a new one (round 20's
// leftover; session 26, attack). And had the ROLLBACK gone through, database/sql would have
// discarded the connection all the same, pgx's stdlib connection not being a driver.Validator. The
// end of a transaction now runs on a context without the request's cancellation, bounded by
// txEndTimeout, and the connection says whether it is still good (IsValid): the rollback of a
// stopped request keeps its connection. database/sql still refuses to commit a transaction whose context has ended (it
// checks before calling the driver), so a request stopped before its COMMIT writes nothing; a
// COMMIT already sent is no longer cut off half-way (the client could not tell whether it landed).

// txEndTimeout bounds a COMMIT or ROLLBACK: past it the connection is closed (PostgreSQL then
// rolls back what was not committed).
const txEndTimeout = 10 * time.Second

// txEndConnector opens pgx's stdlib connections whose transactions end on their own context.
type txEndConnector struct{ driver.Connector }

func (c txEndConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := conn.(*stdlib.Conn)
	if !ok {
		return conn, nil
	}
	return &txEndConn{sc}, nil
}

// txEndConn is pgx's stdlib connection (every interface it implements, promoted) with BeginTx of
// its own.
type txEndConn struct{ *stdlib.Conn }

// IsValid implements driver.Validator, which pgx's stdlib connection does not: database/sql
// keeps a connection whose transaction it rolled back when its context ended only if the driver
// can tell whether it is still good (driver.SessionResetter and driver.Validator both); without it
// the connection was discarded after every such rollback, however well it went. A connection is
// good when it is open and in no transaction.
func (c *txEndConn) IsValid() bool {
	conn := c.Conn.Conn()
	return !conn.IsClosed() && conn.PgConn().TxStatus() == 'I'
}

var _ driver.Validator = (*txEndConn)(nil)

// BeginTx implements driver.ConnBeginTx as stdlib.Conn does, the transaction's end aside.
func (c *txEndConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	conn := c.Conn.Conn()
	if conn.IsClosed() {
		return nil, driver.ErrBadConn
	}
	var o pgx.TxOptions
	switch sql.IsolationLevel(opts.Isolation) {
	case sql.LevelDefault:
	case sql.LevelReadUncommitted:
		o.IsoLevel = pgx.ReadUncommitted
	case sql.LevelReadCommitted:
		o.IsoLevel = pgx.ReadCommitted
	case sql.LevelRepeatableRead, sql.LevelSnapshot:
		o.IsoLevel = pgx.RepeatableRead
	case sql.LevelSerializable:
		o.IsoLevel = pgx.Serializable
	default:
		return nil, fmt.Errorf("unsupported isolation: %v", opts.Isolation)
	}
	if opts.ReadOnly {
		o.AccessMode = pgx.ReadOnly
	}
	tx, err := conn.BeginTx(ctx, o)
	if err != nil {
		return nil, err
	}
	return txEnd{tx}, nil
}

// txEnd ends a pgx transaction on a context of its own (endContext).
type txEnd struct{ tx pgx.Tx }

func (t txEnd) Commit() error {
	ctx, cancel := endContext()
	defer cancel()
	return t.tx.Commit(ctx)
}

func (t txEnd) Rollback() error {
	ctx, cancel := endContext()
	defer cancel()
	return t.tx.Rollback(ctx)
}

// endContext is the context a transaction ends on: nobody's request, at most txEndTimeout.
func endContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), txEndTimeout)
}

// pgxConn is the native connection under a driver connection of the pools (conn.Raw).
func pgxConn(dc any) (*pgx.Conn, bool) {
	switch c := dc.(type) {
	case *txEndConn:
		return c.Conn.Conn(), true
	case *stdlib.Conn:
		return c.Conn(), true
	}
	return nil, false
}

// beginFunc is pgx.BeginFunc with the transaction's end on its own context: f's statements run
// on ctx, the COMMIT (when f returns nil and ctx has not ended) and the ROLLBACK on endContext.
func beginFunc(ctx context.Context, c *pgx.Conn, f func(pgx.Tx) error) (err error) {
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			ectx, cancel := endContext()
			defer cancel()
			_ = tx.Rollback(ectx)
		}
	}()
	if err = f(tx); err != nil {
		return err
	}
	if err = ctx.Err(); err != nil { // as database/sql: no COMMIT once the request has ended
		return err
	}
	ectx, cancel := endContext()
	defer cancel()
	return tx.Commit(ectx)
}
