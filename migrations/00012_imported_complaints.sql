-- +goose Up
-- Complaints that come from another register (the CFPB's public Consumer Complaint Database) and
-- complaints under another jurisdiction.
--   jurisdiction          CN (default) or US: which law and rule pack the complaint is judged by.
--   us_state              the two-letter USPS state or territory code of a US complaint. province keeps
--                         holding GB/T 2260 codes only: a US complaint has province '000000' (outside
--                         China's divisions) and its state here.
--   external_source/_id   where an imported complaint came from and its id there ('cfpb', '19737724');
--                         unique, so that importing a file twice adds nothing the second time.
--   suggested_violations  what the jurisdiction's rule pack found in the narrative: a suggestion for
--                         reviewers, not the complainant's claim and not a reviewer's finding.
ALTER TABLE complaints
    ADD COLUMN jurisdiction         text NOT NULL DEFAULT 'CN' CHECK (jurisdiction IN ('CN','US')),
    ADD COLUMN us_state             char(2) CHECK (us_state ~ '^[A-Z]{2}$'),
    ADD COLUMN external_source      text,
    ADD COLUMN external_id          text,
    ADD COLUMN suggested_violations text[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT complaints_external_id UNIQUE (external_source, external_id),
    ADD CONSTRAINT complaints_external_both CHECK ((external_source IS NULL) = (external_id IS NULL)),
    ADD CONSTRAINT complaints_us_state_us CHECK (us_state IS NULL OR jurisdiction = 'US');

-- +goose Down
ALTER TABLE complaints
    DROP CONSTRAINT complaints_us_state_us,
    DROP CONSTRAINT complaints_external_both,
    DROP CONSTRAINT complaints_external_id,
    DROP COLUMN suggested_violations,
    DROP COLUMN external_id,
    DROP COLUMN external_source,
    DROP COLUMN us_state,
    DROP COLUMN jurisdiction;
