-- +goose Up
-- Files received but not yet attached to a complaint. Only a SHA-256 of the upload token is kept;
-- claimed_at and complaint_id are set once, when the file is attached.
CREATE TABLE evidence_uploads (
    token_hash   text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    uploader_id  bigint NOT NULL REFERENCES users(id),
    storage_key  text NOT NULL UNIQUE,
    kind         text NOT NULL CHECK (kind IN ('IMAGE','AUDIO','VIDEO','DOCUMENT')),
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size > 0),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL,
    claimed_at   timestamptz,
    complaint_id uuid REFERENCES complaints(id),
    CHECK ((claimed_at IS NULL) = (complaint_id IS NULL))
);
CREATE INDEX evidence_uploads_unclaimed ON evidence_uploads (created_at) WHERE claimed_at IS NULL;

-- A complaint's evidence: a stored file (storage_key) or a collector's message pasted as text
-- (sender, sent_at, body). sha256 and size describe the stored bytes and are checked on download.
CREATE TABLE evidence (
    id           uuid PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints(id),
    kind         text NOT NULL CHECK (kind IN ('IMAGE','AUDIO','VIDEO','DOCUMENT','MESSAGE')),
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size >= 0),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    description  text NOT NULL DEFAULT '',
    storage_key  text UNIQUE,
    sender       text CHECK (length(sender) <= 32),
    sent_at      timestamptz,
    body         text,
    uploaded_by  bigint NOT NULL REFERENCES users(id),
    uploaded_at  timestamptz NOT NULL,
    CHECK (CASE WHEN kind = 'MESSAGE'
                THEN storage_key IS NULL AND sender IS NOT NULL AND sent_at IS NOT NULL AND body IS NOT NULL
                ELSE storage_key IS NOT NULL AND sender IS NULL AND sent_at IS NULL AND body IS NULL END)
);
CREATE INDEX evidence_complaint ON evidence (complaint_id, uploaded_at, id);

-- Evidence is part of the case file: once written it is never changed (retention may delete it).
-- +goose StatementBegin
CREATE FUNCTION evidence_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence is immutable (UPDATE refused)' USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_immutable();

-- +goose Down
DROP TABLE evidence;
DROP FUNCTION evidence_immutable();
DROP TABLE evidence_uploads;
