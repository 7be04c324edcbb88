-- +goose Up
-- A recipient institution attaches documents to its answer (call logs, contracts, recordings):
-- evidence.institution_id names the institution whose staff attached an item, null for the
-- complainant's own evidence. Who may see which item is decided in the domain
-- (domain.EvidenceVisibleTo).
ALTER TABLE evidence ADD COLUMN institution_id bigint REFERENCES institutions(id);

-- Institutions' staff upload and attach with the addEvidence permission, as complainants do. The
-- baseline policy (domain/authz/policy.csv) is installed on first start when casbin_rule is empty;
-- a database that already has a policy gets the rows here.
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', r.role, 'complaint', 'addEvidence'
FROM (VALUES ('institution_agent'), ('institution_admin')) AS r(role)
WHERE EXISTS (SELECT 1 FROM casbin_rule)
ON CONFLICT DO NOTHING;

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v0 IN ('institution_agent', 'institution_admin') AND v1 = 'complaint' AND v2 = 'addEvidence';
ALTER TABLE evidence DROP COLUMN institution_id;
