package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/redline-regulator/redline/domain/pii"
)

// PlaintextColumns are the encrypted columns a migration filled with plaintext: migration 00063
// moved the information requests' questions and answers out of the history's details into
// information_request_texts, and left the open questions of complaints.information_request, as
// written (SQL cannot encrypt: the key is runtime configuration). EncryptPlaintext encrypts them
// when a process starts.
var PlaintextColumns = []EncryptedColumn{colInformationRequest, colInfoQuestion, colInfoAnswer}

// plaintextLock is the PostgreSQL advisory lock EncryptPlaintext holds while it encrypts, so that
// processes starting together do not do the work twice.
const plaintextLock int64 = 0x7265646c696e6501 // "redline" 01

// plaintextDone is the comment EncryptPlaintext puts on information_request_texts.question once no
// plaintext is left, in place of migration 00063's, so that later starts skip with a catalog lookup
// rather than scan complaints (the binary writes only ciphertext). Rolling 00063 back and up again
// brings the migration's comment back, and with it the sweep.
const plaintextDone = `AES-256-GCM ciphertext "v1:<key id>:..." bound to information_request_texts.question; rows moved by migration 00063 encrypted at startup (postgres.EncryptPlaintext)`

// plaintextCond is the condition on col that selects its values not in the ciphertext format.
func plaintextCond(col EncryptedColumn) string {
	return fmt.Sprintf(`(%[1]s <> '' AND left(%[1]s, %[2]d) <> '%[3]s')`, col.Column, len(pii.FormatPrefix), pii.FormatPrefix)
}

// EncryptPlaintext encrypts, under the current key, the values of PlaintextColumns still in
// plaintext, batch rows per transaction (500 if batch <= 0), and reports how many of each column
// it encrypted. With nothing to do it costs one query (a scan of the two tables that stops at the
// first plaintext value). Another process already at it (it holds an advisory lock) makes this one
// skip; each batch locks its rows and selects only plaintext, so it is idempotent and resumable.
// Values under any key, even one no longer in the ring, are left alone: that is rotate-keys' work.
func (db *DB) EncryptPlaintext(ctx context.Context, batch int) ([]ColumnRotation, error) {
	kr, err := db.keyRing()
	if err != nil {
		return nil, err
	}
	if batch <= 0 {
		batch = 500
	}
	var tables []string
	conds := map[string][]string{}
	for _, col := range PlaintextColumns {
		if conds[col.Table] == nil {
			tables = append(tables, col.Table)
		}
		conds[col.Table] = append(conds[col.Table], plaintextCond(col))
	}
	var comment string
	if err := db.SQL.QueryRowContext(ctx, `SELECT coalesce(col_description('information_request_texts'::regclass,
		(SELECT attnum FROM pg_attribute WHERE attrelid = 'information_request_texts'::regclass AND attname = 'question')), '')`).Scan(&comment); err != nil {
		return nil, fmt.Errorf("look for plaintext: %w", err)
	}
	if comment == plaintextDone {
		return nil, nil
	}
	var exists []string
	for _, t := range tables {
		exists = append(exists, fmt.Sprintf(`EXISTS (SELECT 1 FROM %s WHERE %s)`, t, strings.Join(conds[t], " OR ")))
	}
	var todo bool
	if err := db.SQL.QueryRowContext(ctx, `SELECT `+strings.Join(exists, " OR ")).Scan(&todo); err != nil {
		return nil, fmt.Errorf("look for plaintext: %w", err)
	}
	if !todo {
		// Without the privilege to comment (not the tables' owner) the next start scans again.
		_, _ = db.SQL.ExecContext(ctx, `COMMENT ON COLUMN information_request_texts.question IS '`+plaintextDone+`'`)
		return nil, nil
	}
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var locked bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, plaintextLock).Scan(&locked); err != nil {
		return nil, err
	}
	if !locked {
		return nil, nil
	}
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, plaintextLock)
	}()
	var done []ColumnRotation
	for _, col := range PlaintextColumns {
		cr := ColumnRotation{Field: col.Field()}
		for {
			n, err := db.rotateBatch(ctx, kr, col, pii.FormatPrefix, batch, &cr)
			if err != nil {
				return done, err
			}
			if n < batch {
				break
			}
		}
		done = append(done, cr)
	}
	return done, nil
}
