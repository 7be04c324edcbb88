-- +goose Up
-- Reading the teams' display names (query teams) is a policy decision like every other: the
-- regulator's staff and analysts may. The baseline policy (domain/authz/policy.csv) is installed on
-- first start when casbin_rule is empty; a database that already has a policy gets the rows here.
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', r.role, 'team', 'read'
FROM (VALUES ('reviewer'), ('supervisor'), ('admin'), ('analyst')) AS r(role)
WHERE EXISTS (SELECT 1 FROM casbin_rule)
ON CONFLICT DO NOTHING;

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = 'team' AND v2 = 'read';
