-- +goose Up
-- Session 31 (attack26): an account an administrator created carries the password the administrator
-- chose; its holder must replace it before doing anything else (changePassword, or a reset by link,
-- clears the mark). Accounts registered, seeded or made by an invitation choose their own password.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE users DROP COLUMN must_change_password;
