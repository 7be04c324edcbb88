-- +goose Up

-- One message to one user on one channel. Only IN_APP rows are shown in the app; EMAIL and SMS rows
-- record that the message was sent. The unique key makes a redelivered dispatch task a no-op.
-- Titles and bodies name the complaint by its public reference only: no personal data.
CREATE TABLE notifications (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_message_id   uuid NOT NULL,
    recipient_id        bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    channel             text NOT NULL CHECK (channel IN ('IN_APP','EMAIL','SMS')),
    kind                text NOT NULL,
    complaint_id        uuid REFERENCES complaints(id),
    complaint_reference text NOT NULL,
    title_zh            text NOT NULL,
    title_en            text NOT NULL,
    body_zh             text NOT NULL,
    body_en             text NOT NULL,
    created_at          timestamptz NOT NULL,
    read_at             timestamptz,
    sent_at             timestamptz,
    UNIQUE (source_message_id, recipient_id, channel)
);
CREATE INDEX notifications_inbox ON notifications (recipient_id, id DESC) WHERE channel = 'IN_APP';
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE channel = 'IN_APP' AND read_at IS NULL;
CREATE INDEX notifications_unsent ON notifications (source_message_id) WHERE channel <> 'IN_APP' AND sent_at IS NULL;

-- A user's choice of channels besides the app. The mobile number is personal data.
CREATE TABLE notification_preferences (
    user_id    bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email      boolean NOT NULL DEFAULT true,
    sms        boolean NOT NULL DEFAULT false,
    mobile     text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL,
    CHECK (NOT sms OR mobile <> '')
);

-- An institution's endpoint for complaint events; the secret signs each delivery (HMAC-SHA256), so
-- it is kept as issued.
CREATE TABLE institution_webhooks (
    institution_id bigint PRIMARY KEY REFERENCES institutions(id) ON DELETE CASCADE,
    url            text NOT NULL,
    secret         text NOT NULL,
    set_by         bigint REFERENCES users(id),
    updated_at     timestamptz NOT NULL
);

-- One event to deliver to one institution. A message delivers at most once per institution; pings
-- have no source message.
CREATE TABLE webhook_deliveries (
    id                uuid PRIMARY KEY,
    seq               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    institution_id    bigint NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
    source_message_id uuid,
    event             text NOT NULL,
    payload           jsonb NOT NULL,
    status            text NOT NULL CHECK (status IN ('PENDING','RETRYING','SUCCEEDED','FAILED')),
    attempts          integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    delivered_at      timestamptz,
    UNIQUE (source_message_id, institution_id)
);
CREATE INDEX webhook_deliveries_institution ON webhook_deliveries (institution_id, seq DESC);

-- The log of every attempt, for the institution's admin to see why a delivery failed.
CREATE TABLE webhook_delivery_attempts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id   uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempt       integer NOT NULL CHECK (attempt >= 1),
    status_code   integer,
    duration_ms   integer NOT NULL DEFAULT 0,
    error         text NOT NULL DEFAULT '',
    next_retry_at timestamptz,
    at            timestamptz NOT NULL
);
CREATE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, id);

-- +goose Down
DROP TABLE webhook_delivery_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE institution_webhooks;
DROP TABLE notification_preferences;
DROP TABLE notifications;
