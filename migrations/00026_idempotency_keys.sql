-- +goose Up
-- The first answer of every mutation sent with an idempotency key (the Idempotency-Key header or
-- extensions.idempotencyKey), per caller (user_id 0: not signed in). A retry with the same key and
-- the same request gets this answer back and runs nothing; the same key with another request is
-- refused. A row without a response is a request still running (or one whose process died: taken
-- over after a minute). The answer is encrypted with the personal-data key ring: it may hold
-- personal data or a session's tokens. Rows older than a day are pruned with the outbox.
CREATE TABLE idempotency_keys (
    user_id      bigint NOT NULL,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    operation    text NOT NULL,
    request_hash bytea NOT NULL,
    status       integer,
    response     text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, key),
    CHECK ((status IS NULL) = (response IS NULL))
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
