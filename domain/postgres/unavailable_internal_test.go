package postgres

import (
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestUnavailableCodes checks which server errors count as "unavailable, retry" (HTTP 503) rather
// than an internal error: a server out of connection slots refused the session, not the request.
func TestUnavailableCodes(t *testing.T) {
	for code, want := range map[string]bool{
		"53300": true,  // too_many_connections (a shared server at max_connections)
		"57P03": true,  // cannot_connect_now
		"08006": true,  // connection_failure
		"23505": false, // unique_violation: the request itself was refused
		"42P01": false, // undefined_table
	} {
		err := fmt.Errorf("connect: %w", &pgconn.PgError{Code: code, Message: "x"})
		if got := unavailable(err); got != want {
			t.Errorf("unavailable(%s) = %v, want %v", code, got, want)
		}
	}
}
