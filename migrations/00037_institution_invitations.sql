-- +goose Up
-- Invitations of an institution's users become records of their own (domain/institution_users.go):
-- inviting creates no account, so that an institution cannot learn from its users list whether an
-- address has an account on the platform. Every valid invitation is a row here whatever the address;
-- the account is created when the invited person sets a password from the link, and an address
-- that already has an account never gets a link (its invitation stays pending until it expires or
-- is revoked). The address and the name are encrypted like users.display_name ("v1:<key id>:…",
-- bound to the column); email_hash is the keyed hash of the address (pii.KindEmail), to find the
-- other invitations of an address without decrypting. Only a SHA-256 of the link's token is kept.
-- Accounts invited before (account_invitations) keep working as they were.
CREATE TABLE institution_invitations (
    id             bigserial PRIMARY KEY,
    institution_id bigint NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
    email          text NOT NULL,
    email_hash     bytea NOT NULL,
    display_name   text NOT NULL,
    role           text NOT NULL CHECK (role IN ('institution_agent','institution_admin')),
    token_hash     bytea NOT NULL UNIQUE,
    created_by     bigint NOT NULL REFERENCES users(id),
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    accepted_at    timestamptz,
    revoked_at     timestamptz,
    user_id        bigint REFERENCES users(id) ON DELETE SET NULL,
    CHECK ((accepted_at IS NULL) = (user_id IS NULL))
);
-- The pending invitations of an institution, for its users list.
CREATE INDEX institution_invitations_pending ON institution_invitations (institution_id, id)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX institution_invitations_email ON institution_invitations (email_hash);

-- +goose Down
DROP TABLE institution_invitations;
