-- +goose Up
-- The public dataset (docs/STATISTICS.md, "Public dataset"): a complaint is published when its
-- complainant consented, once the institution answered or 15 days after forwarding, whichever
-- comes first (domain.PublishedAt). redline_publish_at is that instant; it is immutable (an
-- interval in hours does not depend on the time zone), so an index can hold it, and the dataset is
-- read newest-published first straight off the index. It replaces 00011's complaints_published,
-- which ordered consented complaints by filing time and so had to skip every complaint not yet
-- published.
-- +goose StatementBegin
CREATE FUNCTION redline_publish_at(forwarded timestamptz, responded timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT LEAST(responded, forwarded + interval '360 hours') $$;
-- +goose StatementEnd

-- forwarded_at and responded_at ride along (INCLUDE) so that totalCount is an index-only scan.
CREATE INDEX complaints_public ON complaints (redline_publish_at(forwarded_at, responded_at) DESC, id DESC)
    INCLUDE (forwarded_at, responded_at) WHERE consent_to_publish AND merged_into IS NULL AND status <> 'WITHDRAWN';
DROP INDEX complaints_published;

-- +goose Down
CREATE INDEX complaints_published ON complaints (created_at DESC, id) WHERE consent_to_publish;
DROP INDEX complaints_public;
DROP FUNCTION redline_publish_at(timestamptz, timestamptz);
