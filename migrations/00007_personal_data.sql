-- +goose Up
-- Keyed hashes (HMAC-SHA256 under REDLINE_HASH_KEY, of the normalised value) beside the debtor's
-- encrypted ID number and mobile number, so that likely duplicates (same debtor, recent complaint)
-- are found by equality without storing or decrypting the values. NULL when the value was not given.
ALTER TABLE complaints
    ADD COLUMN debtor_id_hash     bytea CHECK (debtor_id_hash IS NULL OR length(debtor_id_hash) = 32),
    ADD COLUMN debtor_mobile_hash bytea CHECK (debtor_mobile_hash IS NULL OR length(debtor_mobile_hash) = 32);

CREATE INDEX complaints_debtor_id_hash ON complaints (debtor_id_hash, created_at) WHERE debtor_id_hash IS NOT NULL;
CREATE INDEX complaints_debtor_mobile_hash ON complaints (debtor_mobile_hash, created_at) WHERE debtor_mobile_hash IS NOT NULL;

-- +goose Down
DROP INDEX complaints_debtor_mobile_hash;
DROP INDEX complaints_debtor_id_hash;
ALTER TABLE complaints DROP COLUMN debtor_mobile_hash, DROP COLUMN debtor_id_hash;
