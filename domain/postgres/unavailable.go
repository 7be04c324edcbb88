package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

// unavailable reports whether err says the database could not be reached or went away, rather
// than refused the request: a failed connection, a connection lost mid-request, the server shutting
// down or not yet accepting connections, or no connection to be had before the deadline. Such a
// request decided nothing and may be retried (docs/FAULTS.md).
func unavailable(err error) bool {
	if err == nil || errors.Is(err, domain.ErrUnavailable) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57P01", "57P02", "57P03", // admin shutdown, crash shutdown, cannot connect now
			"53300": // too many connections: the server refused the session, not the request
			return true
		}
		return strings.HasPrefix(pgErr.Code, "08") // connection exception
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connectErr) || errors.As(err, &netErr) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		pgconn.SafeToRetry(err)
}

// markUnavailable wraps err with domain.ErrUnavailable when the database could not be reached, so
// that the edge answers "unavailable, retry" instead of an internal error, and keeps the cause for
// the log.
func markUnavailable(err error) error {
	if unavailable(err) {
		return fmt.Errorf("%w: %w", domain.ErrUnavailable, err)
	}
	return err
}

// markUnavailableErrors makes every gorm statement's connection failure domain.ErrUnavailable,
// whichever store ran it and whether or not the store maps its errors.
func markUnavailableErrors(g *gorm.DB) error {
	mark := func(tx *gorm.DB) {
		if tx.Error != nil {
			tx.Error = markUnavailable(tx.Error)
		}
	}
	cb := g.Callback()
	for _, err := range []error{
		cb.Create().Register("redline:unavailable", mark),
		cb.Query().Register("redline:unavailable", mark),
		cb.Update().Register("redline:unavailable", mark),
		cb.Delete().Register("redline:unavailable", mark),
		cb.Row().Register("redline:unavailable", mark),
		cb.Raw().Register("redline:unavailable", mark),
	} {
		if err != nil {
			return fmt.Errorf("postgres: register callback: %w", err)
		}
	}
	return nil
}
