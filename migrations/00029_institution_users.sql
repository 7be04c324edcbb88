-- +goose Up
-- An institution's admin manages the agents and admins of their own institution: invites them (the
-- invited person sets a password from an e-mailed link), disables and enables them. A disabled
-- account cannot sign in or refresh, and its live sessions end when it is disabled. The last
-- sign-in is what the admin sees to spot accounts nobody uses.
ALTER TABLE users ADD COLUMN disabled_at timestamptz, ADD COLUMN last_sign_in_at timestamptz;

-- One-time links to set the password of an invited account; only a SHA-256 of the token is kept.
CREATE TABLE account_invitations (
    token_hash bytea PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_by bigint NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX account_invitations_user ON account_invitations (user_id);

-- Who holds a role in an institution, for the institution's list of its users.
CREATE INDEX role_bindings_domain ON role_bindings (domain, user_id);

-- The baseline policy (domain/authz/policy.csv) is installed on first start when casbin_rule is
-- empty; a database that already has a policy gets the new row here.
INSERT INTO casbin_rule (ptype, v0, v1, v2)
SELECT 'p', 'institution_admin', 'institution_user', 'manage'
WHERE EXISTS (SELECT 1 FROM casbin_rule)
ON CONFLICT DO NOTHING;

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = 'institution_user' AND v2 = 'manage';
DROP INDEX role_bindings_domain;
DROP TABLE account_invitations;
ALTER TABLE users DROP COLUMN disabled_at, DROP COLUMN last_sign_in_at;
