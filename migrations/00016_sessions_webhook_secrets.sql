-- +goose Up
-- Sessions: one per sign-in, kept across refresh-token rotations. Every access token names its
-- session, and each request checks that the session is live, so logging out, changing the password
-- or reusing a refresh token ends the session's access tokens at once, not when they expire.
CREATE TABLE sessions (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users(id),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;
ALTER TABLE refresh_tokens ADD COLUMN session_id bigint REFERENCES sessions(id);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Webhook secrets are encrypted like personal data from now on (the storage layer seals them);
-- secrets stored before this migration stay readable as plaintext until `redline rotate-keys`
-- encrypts them, which it does for every encrypted column.
COMMENT ON COLUMN institution_webhooks.secret IS
    'AES-256-GCM ciphertext "v1:<key id>:..." bound to institution_webhooks.secret; plaintext only in rows from before migration 00016 until redline rotate-keys';

-- +goose Down
COMMENT ON COLUMN institution_webhooks.secret IS NULL;
DROP INDEX refresh_tokens_session;
ALTER TABLE refresh_tokens DROP COLUMN session_id;
DROP TABLE sessions;
