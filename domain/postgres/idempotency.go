package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// IdempotencyStore implements domain.IdempotencyStore on the idempotency_keys table (migration
// 00026). A claim is a row without an answer, so no connection or lock is held while the mutation
// runs (it needs connections of its own).
type IdempotencyStore struct{ DB *DB }

var _ domain.IdempotencyStore = (*IdempotencyStore)(nil)

const idempotencyField = "idempotency.response"

// Claim implements domain.IdempotencyStore.
func (s *IdempotencyStore) Claim(ctx context.Context, userID int64, key, operation string, requestHash []byte) (bool, *domain.IdempotentAnswer, error) {
	now := s.DB.Now()
	var owned bool
	err := s.DB.SQL.QueryRowContext(ctx, `INSERT INTO idempotency_keys (user_id, key, operation, request_hash, created_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (user_id, key) DO UPDATE SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash,
			created_at = EXCLUDED.created_at
		WHERE idempotency_keys.response IS NULL AND idempotency_keys.created_at < $6
		RETURNING true`, userID, key, operation, requestHash, now, now.Add(-domain.IdempotencyStale)).Scan(&owned)
	if err == nil {
		return true, nil, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, nil, mapError(err, "idempotency key")
	}
	a, err := s.read(ctx, userID, key)
	if err != nil {
		return false, nil, err
	}
	if a == nil { // abandoned meanwhile: claim again
		return s.Claim(ctx, userID, key, operation, requestHash)
	}
	return false, a, nil
}

// Answer implements domain.IdempotencyStore.
func (s *IdempotencyStore) Answer(ctx context.Context, userID int64, key string) (*domain.IdempotentAnswer, error) {
	a, err := s.read(ctx, userID, key)
	if err != nil || a == nil || a.Status == 0 {
		return nil, err
	}
	return a, nil
}

// read returns the row of (userID, key), nil if none; Status 0 while its request runs.
func (s *IdempotencyStore) read(ctx context.Context, userID int64, key string) (*domain.IdempotentAnswer, error) {
	var a domain.IdempotentAnswer
	var status sql.NullInt64
	var resp sql.NullString
	err := s.DB.SQL.QueryRowContext(ctx, `SELECT operation, request_hash, status, response FROM idempotency_keys
		WHERE user_id = $1 AND key = $2`, userID, key).Scan(&a.Operation, &a.RequestHash, &status, &resp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, mapError(err, "idempotency key")
	}
	if status.Valid {
		a.Status = int(status.Int64)
		text := resp.String
		if s.DB.Keys != nil {
			if text, err = s.DB.Keys.Decrypt(idempotencyField, resp.String); err != nil {
				return nil, err
			}
		}
		a.Response = []byte(text)
	}
	return &a, nil
}

// Save implements domain.IdempotencyStore.
func (s *IdempotencyStore) Save(ctx context.Context, userID int64, key string, status int, response []byte) error {
	text := string(response)
	if s.DB.Keys != nil {
		var err error
		if text, err = s.DB.Keys.Encrypt(idempotencyField, text); err != nil {
			return err
		}
	}
	_, err := s.DB.SQL.ExecContext(ctx, `UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2`,
		userID, key, status, text)
	return mapError(err, "idempotency key")
}

// Abandon implements domain.IdempotencyStore.
func (s *IdempotencyStore) Abandon(ctx context.Context, userID int64, key string) error {
	_, err := s.DB.SQL.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND response IS NULL`, userID, key)
	return mapError(err, "idempotency key")
}

// Prune deletes answers older than olderThan.
func (s *IdempotencyStore) Prune(ctx context.Context, olderThan time.Duration) (int64, error) {
	res, err := s.DB.SQL.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < $1`, s.DB.Now().Add(-olderThan))
	if err != nil {
		return 0, mapError(err, "prune idempotency keys")
	}
	return res.RowsAffected()
}
