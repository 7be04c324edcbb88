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

// plaintextCond is the condition on col that selects its values not in the ciphertext format. It is
// also, word for word, the predicate of the partial indexes migration 00063 creates, which hold only
// the plaintext values: with none left, EncryptPlaintext's check probes two empty indexes.
func plaintextCond(col EncryptedColumn) string {
	return fmt.Sprintf(`(%[1]s <> '' AND left(%[1]s, %[2]d) <> '%[3]s')`, col.Column, len(pii.FormatPrefix), pii.FormatPrefix)
}

// EncryptPlaintext encrypts, under the current key, the values of PlaintextColumns still in
// plaintext, batch rows per transaction (500 if batch <= 0), and reports how many of each column
// it encrypted. With nothing to do it costs one query (probes of the two partial indexes of plaintext
// values, empty by then). Another process already at it (it holds an advisory lock) makes this one
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
	var exists []string
	for _, t := range tables {
		exists = append(exists, fmt.Sprintf(`EXISTS (SELECT 1 FROM %s WHERE %s)`, t, strings.Join(conds[t], " OR ")))
	}
	var todo bool
	if err := db.SQL.QueryRowContext(ctx, `SELECT `+strings.Join(exists, " OR ")).Scan(&todo); err != nil {
		return nil, fmt.Errorf("look for plaintext: %w", err)
	}
	if !todo {
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
