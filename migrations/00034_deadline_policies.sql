-- +goose Up
-- Deadline policies published by admins (docs/DEADLINES.md, "Editing the deadline policies"): every
-- edition of a jurisdiction's policy, append-only. The editions built into the release are
-- revisions 1…n and are not stored; a published one is the next revision, with the version
-- "<built-in version>+r<revision>" that the clocks started under it record.
CREATE TABLE deadline_policies (
    jurisdiction text NOT NULL,
    revision     integer NOT NULL CHECK (revision > 1),
    version      text NOT NULL,
    document     jsonb NOT NULL,
    reason       text NOT NULL,
    created_by   bigint REFERENCES users(id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (jurisdiction, revision),
    UNIQUE (jurisdiction, version)
);

-- +goose StatementBegin
CREATE FUNCTION deadline_policies_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'deadline_policies is append-only: publish a new revision';
END $$;
-- +goose StatementEnd
CREATE TRIGGER deadline_policies_append_only BEFORE UPDATE OR DELETE ON deadline_policies
    FOR EACH ROW EXECUTE FUNCTION deadline_policies_append_only();
REVOKE UPDATE, DELETE ON deadline_policies FROM redline_app;

-- +goose Down
DROP TABLE deadline_policies;
DROP FUNCTION deadline_policies_append_only();
