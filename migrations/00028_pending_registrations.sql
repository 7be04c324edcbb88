-- +goose Up
-- Self-service registrations awaiting their e-mail confirmation (domain/registration.go). The
-- link's token is not stored: only its SHA-256 (the token is an HMAC of the id under the server's
-- secret). The name is encrypted like users.display_name; the password is an argon2id hash. A row
-- is deleted when its link is used, and by the hourly registration:sweep 24 hours after it was
-- written.
CREATE TABLE pending_registrations (
    id            uuid PRIMARY KEY,
    token_hash    bytea NOT NULL UNIQUE,
    email         text NOT NULL,
    display_name  text NOT NULL,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX pending_registrations_expires ON pending_registrations (expires_at);

-- The registration e-mails sent, by outbox message, so that a task run twice sends one e-mail.
-- Swept with the registrations after 24 hours (the relay enqueues a message once).
CREATE TABLE registration_mail_sent (
    message_id uuid PRIMARY KEY,
    sent_at    timestamptz NOT NULL
);
CREATE INDEX registration_mail_sent_at ON registration_mail_sent (sent_at);

-- +goose Down
DROP TABLE registration_mail_sent;
DROP TABLE pending_registrations;
