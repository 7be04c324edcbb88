-- +goose Up
-- Password resets (domain/password_reset.go): a single-use link, valid one hour, e-mailed to the
-- owner of an enabled account who asked for it. Every request writes a row, so that an address
-- with an account and one without cost the same: user_id is NULL when the address has no enabled
-- account (such a row is never e-mailed and sets no password). The link's token is not stored: only its SHA-256
-- (the token is an HMAC of the id under the server's secret, computed again by the worker that
-- writes the e-mail). A used link keeps its row (used_at) so that using it again is told apart
-- from a link that never existed; the hourly registration:sweep deletes every row whose link
-- expired.
CREATE TABLE password_resets (
    id         uuid PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE,
    user_id    bigint REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_resets_expires ON password_resets (expires_at);
CREATE INDEX password_resets_user ON password_resets (user_id) WHERE used_at IS NULL;

-- +goose Down
DROP TABLE password_resets;
