-- +goose Up
-- The regulator's workbench (issue 12): a staff member's saved queue views, and the permissions of
-- saved views and of the supervisor's team-load overview.
CREATE TABLE saved_views (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
    -- The complaint filter as the GraphQL ComplaintFilter input spells it (domain.ViewFilter),
    -- validated before it is written.
    filter     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(filter) = 'object'),
    order_by   text NOT NULL CHECK (order_by IN ('NEWEST','OLDEST','PRIORITY','DUE_DATE')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
-- A person's views have distinct names; saving under a name again replaces that view.
CREATE UNIQUE INDEX saved_views_owner_name ON saved_views (owner_id, lower(name));

-- The baseline policy (domain/authz/policy.csv) is installed on first start when casbin_rule is
-- empty; a database that already has a policy gets the new rows here.
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', r.role, r.obj, r.act
FROM (VALUES ('reviewer','savedview','manage'), ('supervisor','savedview','manage'), ('admin','savedview','manage'), ('reviewer','workload','read'),
             ('supervisor','workload','read'), ('admin','workload','read')) AS r(role, obj, act)
WHERE EXISTS (SELECT 1 FROM casbin_rule)
ON CONFLICT DO NOTHING;

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND ((v1 = 'savedview' AND v2 = 'manage') OR (v1 = 'workload' AND v2 = 'read'));
DROP TABLE saved_views;
