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

-- +goose Down
DROP INDEX refresh_tokens_session;
ALTER TABLE refresh_tokens DROP COLUMN session_id;
DROP TABLE sessions;
