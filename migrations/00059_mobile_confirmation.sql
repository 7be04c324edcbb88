-- +goose Up
-- Confirmation of the mobile number SMS notifications go to (domain/mobile_confirm.go, session 15).
-- A number is confirmed only once its owner typed back a one-time code texted to it; SMS go only to
-- a confirmed number. mobile_confirmed_at is NULL while the number is unconfirmed: every number
-- given before this migration starts unconfirmed (its owner confirms it from the preferences page),
-- and changing the number clears it.
ALTER TABLE notification_preferences ADD COLUMN mobile_confirmed_at timestamptz;

-- One code texted to a user's number. The code itself is never stored: it is derived from the id
-- under the server's secret and computed again by the worker that writes the SMS; code_hash is an
-- HMAC, under the same secret, of the id, the number it was sent to and the code, so a code only
-- confirms the number it went to. closed_at is set when the code was used, replaced by a newer one,
-- ran out of attempts or its number changed. Rows stay a day (the hourly registration:sweep) so the
-- per-user limit on codes sent can count them.
CREATE TABLE mobile_codes (
    id         uuid PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash  bytea NOT NULL CHECK (length(code_hash) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    attempts   integer NOT NULL DEFAULT 0,
    closed_at  timestamptz
);
CREATE INDEX mobile_codes_user ON mobile_codes (user_id, created_at DESC);
CREATE INDEX mobile_codes_created ON mobile_codes (created_at);

-- +goose Down
DROP TABLE mobile_codes;
ALTER TABLE notification_preferences DROP COLUMN mobile_confirmed_at;
