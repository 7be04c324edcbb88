-- +goose Up
-- Rule packs and the routing table as versioned data, and what routing records on a complaint: the
-- rule engine's assessment (with the pack and revision that judged it), the routing-table version
-- used, and likely duplicates.

-- Every revision of a jurisdiction's rule pack. Revision 1 is the built-in document, stored the
-- first time the pack is used; an admin's edit adds the next revision. Rows are never changed.
CREATE TABLE rule_packs (
    pack_id    text NOT NULL,
    revision   integer NOT NULL CHECK (revision > 0),
    edition    text NOT NULL,             -- the document's own "version" label, e.g. 2024.1
    document   json NOT NULL,             -- json, not jsonb: the admin's document as written
    created_by bigint REFERENCES users(id), -- NULL for the built-in revision
    reason     text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (pack_id, revision)
);

-- Every version of the routing table (province x product x violation type -> team, and which teams
-- want the least-loaded reviewer assigned). Version 1 is the built-in table.
CREATE TABLE routing_tables (
    version    integer PRIMARY KEY CHECK (version > 0),
    document   jsonb NOT NULL,
    created_by bigint REFERENCES users(id),
    reason     text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL
);

-- The regional teams the built-in routing table names (demo seeding fills in their provinces).
INSERT INTO teams (code, name) VALUES
    ('north', '华北及东北投诉处理组'), ('east', '华东投诉处理组'),
    ('south', '华中华南投诉处理组'), ('west', '西部投诉处理组')
ON CONFLICT (code) DO NOTHING;

ALTER TABLE complaints
    -- {violations: [{type, confidence, evidence, legal}], severity, urgency, suggestedReferral, notes}
    ADD COLUMN assessment        jsonb,
    ADD COLUMN rule_pack_id      text,
    ADD COLUMN rule_pack_revision integer,
    ADD COLUMN routing_version   integer,
    -- Complaints of the same debtor against the same institution within 30 days, found at routing.
    ADD COLUMN likely_duplicates text[] NOT NULL DEFAULT '{}';

-- Duplicate search looks at one institution's recent complaints.
CREATE INDEX complaints_lender_recent ON complaints (lender_id, created_at) WHERE lender_id IS NOT NULL;
CREATE INDEX complaints_agency_recent ON complaints (agency_id, created_at) WHERE agency_id IS NOT NULL;

-- +goose Down
DROP INDEX complaints_agency_recent;
DROP INDEX complaints_lender_recent;
ALTER TABLE complaints
    DROP COLUMN likely_duplicates,
    DROP COLUMN routing_version,
    DROP COLUMN rule_pack_revision,
    DROP COLUMN rule_pack_id,
    DROP COLUMN assessment;
DROP TABLE routing_tables;
DROP TABLE rule_packs;
