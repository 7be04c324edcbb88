package postgres

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"

	"github.com/redline-regulator/redline/domain/pii"
)

// RotateOptions tune RotateKeys.
type RotateOptions struct {
	Batch  int  // rows per transaction (default 500)
	Rehash bool // recompute every keyed hash, after REDLINE_HASH_KEY changed
}

// ColumnRotation is what RotateKeys did to one encrypted column.
type ColumnRotation struct {
	Field     string // table.column
	Rotated   int    // ciphertexts re-encrypted from an older key to the current one
	Encrypted int    // plaintext values (written before encryption) encrypted
}

// RotationReport is what RotateKeys did.
type RotationReport struct {
	KeyID    string // the current key every value is now encrypted with
	Columns  []ColumnRotation
	Rehashed int // complaints whose debtor hashes were (re)computed
}

// RotateKeys re-encrypts every value of the encrypted columns that is not under the key ring's
// current key, and encrypts values still in plaintext, one batch of rows per transaction; it then
// computes missing debtor hashes (and, with Rehash, recomputes all of them). It is resumable and
// idempotent: each batch selects only what is left to do, so an interrupted run is finished by the
// next, and a run with nothing left changes nothing. progress, if set, is called after each batch.
// A value under a key no longer in the ring stops the run with an error naming the key.
func (db *DB) RotateKeys(ctx context.Context, opts RotateOptions, progress func(RotationReport)) (RotationReport, error) {
	kr, err := db.keyRing()
	if err != nil {
		return RotationReport{}, err
	}
	if opts.Batch <= 0 {
		opts.Batch = 500
	}
	rep := RotationReport{KeyID: kr.CurrentKeyID()}
	// inBatches runs batch until one does less than a full batch, reporting progress after each
	// that did something.
	inBatches := func(batch func() (int, error)) error {
		for {
			n, err := batch()
			if err != nil {
				return err
			}
			if progress != nil && n > 0 {
				progress(rep)
			}
			if n < opts.Batch {
				return nil
			}
		}
	}
	for _, col := range EncryptedColumns {
		rep.Columns = append(rep.Columns, ColumnRotation{Field: col.Field()})
		cr := &rep.Columns[len(rep.Columns)-1]
		if err := inBatches(func() (int, error) { return db.rotateBatch(ctx, kr, col, kr.CurrentPrefix(), opts.Batch, cr) }); err != nil {
			return rep, err
		}
	}
	after := "00000000-0000-0000-0000-000000000000"
	err = inBatches(func() (int, error) {
		n, last, err := db.rehashBatch(ctx, kr, after, opts, &rep)
		after = last
		return n, err
	})
	return rep, err
}

// rotateBatch brings up to batch values of col that do not start with prefix under the current key,
// returning how many rows it looked at: with kr.CurrentPrefix(), every value not under the current
// key; with pii.FormatPrefix, plaintext only.
func (db *DB) rotateBatch(ctx context.Context, kr *pii.KeyRing, col EncryptedColumn, prefix string, batch int, cr *ColumnRotation) (int, error) {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	// left(...) rather than LIKE: a key id may hold '_', a LIKE wildcard.
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %[1]s::text, %[2]s FROM %[3]s
		WHERE %[2]s <> '' AND left(%[2]s, length($1)) <> $1 ORDER BY %[1]s LIMIT $2 FOR UPDATE`, col.Key, col.Column, col.Table),
		prefix, batch)
	if err != nil {
		return 0, fmt.Errorf("rotate %s: %w", col.Field(), err)
	}
	type change struct{ key, value string }
	var changes []change
	for rows.Next() {
		var key, v string
		if err := rows.Scan(&key, &v); err != nil {
			rows.Close()
			return 0, err
		}
		if !pii.IsCiphertext(v) {
			ct, err := kr.Encrypt(col.Field(), v)
			if err != nil {
				rows.Close()
				return 0, err
			}
			changes = append(changes, change{key, ct})
			cr.Encrypted++
			continue
		}
		ct, _, err := kr.Rotate(col.Field(), v)
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("rotate %s of %s %s: %w", col.Field(), col.Table, key, err)
		}
		changes = append(changes, change{key, ct})
		cr.Rotated++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	update := fmt.Sprintf(`UPDATE %s SET %s = $1 WHERE %s = $2::text::%s`, col.Table, col.Column, col.Key, col.KeyType)
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, update, c.value, c.key); err != nil {
			return 0, fmt.Errorf("rotate %s: %w", col.Field(), err)
		}
	}
	return len(changes), tx.Commit()
}

// rehashBatch computes the debtor hashes of up to batch complaints after the id after: those
// missing a hash, or all of them with opts.Rehash. It returns how many rows it looked at and the
// last id.
func (db *DB) rehashBatch(ctx context.Context, kr *pii.KeyRing, after string, opts RotateOptions, rep *RotationReport) (int, string, error) {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return 0, "", err
	}
	defer tx.Rollback()
	cond := `((debtor_id_number <> '' AND debtor_id_hash IS NULL) OR (debtor_mobile <> '' AND debtor_mobile_hash IS NULL))`
	if opts.Rehash {
		cond = "true"
	}
	rows, err := tx.QueryContext(ctx, `SELECT id::text, debtor_id_number, debtor_mobile, debtor_id_hash, debtor_mobile_hash FROM complaints
		WHERE id > $1::text::uuid AND `+cond+` ORDER BY id LIMIT $2 FOR UPDATE`, after, opts.Batch)
	if err != nil {
		return 0, "", fmt.Errorf("rehash: %w", err)
	}
	type change struct {
		id             string
		idHash, mobile []byte
	}
	var changes []change
	n, last := 0, after
	for rows.Next() {
		var id, idNumber, mobile string
		var idHash, mobileHash []byte
		if err := rows.Scan(&id, &idNumber, &mobile, &idHash, &mobileHash); err != nil {
			rows.Close()
			return 0, "", err
		}
		n, last = n+1, id
		if err := db.unseal(sealField{colDebtorIDNumber, &idNumber}, sealField{colDebtorMobile, &mobile}); err != nil {
			rows.Close()
			return 0, "", fmt.Errorf("rehash complaint %s: %w", id, err)
		}
		c := change{id, kr.Sum(pii.KindNationalID, idNumber), kr.Sum(pii.KindPhone, mobile)}
		if !bytes.Equal(c.idHash, idHash) || !bytes.Equal(c.mobile, mobileHash) {
			changes = append(changes, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET debtor_id_hash = $1, debtor_mobile_hash = $2 WHERE id = $3::text::uuid`,
			nullBytes(c.idHash), nullBytes(c.mobile), c.id); err != nil {
			return 0, "", fmt.Errorf("rehash: %w", err)
		}
		rep.Rehashed++
	}
	return n, last, tx.Commit()
}

// nullBytes is NULL for nil, so that an absent value has no hash rather than an empty one.
func nullBytes(b []byte) any {
	if b == nil {
		return sql.Null[[]byte]{}
	}
	return b
}
