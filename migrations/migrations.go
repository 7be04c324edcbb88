// Package migrations holds the goose SQL migrations that own redline's schema. They are embedded in
// the binary so that `redline migrate up` needs nothing else.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
