-- +goose Up
-- Session 32 (sec32): 00067 flagged only the accounts an administrator creates from then on. An
-- account an administrator made before it still signs in with the password the administrator chose,
-- unless its holder set one since. The audit log tells both since the foundation: createUser writes
-- `user.create` with the administrator as actor (seeding, self-registration and invitations write no
-- actor or none of this action), and every password the holder sets (changePassword, a reset link)
-- writes `user.password.change` or `user.password.reset` for the account in the same transaction.
-- An account created by someone else and with no password set since must change it.
UPDATE users u SET must_change_password = true
WHERE NOT u.must_change_password
  AND EXISTS (SELECT 1 FROM audit_log c
              WHERE c.action = 'user.create' AND c.target = 'user:' || u.id
                AND c.actor_id IS NOT NULL AND c.actor_id <> u.id)
  AND NOT EXISTS (SELECT 1 FROM audit_log p
                  WHERE p.action IN ('user.password.change', 'user.password.reset')
                    AND p.target = 'user:' || u.id);

-- +goose Down
-- The marks set above are not told apart from those set since; each is cleared by its holder's new
-- password, as 00067's are.
SELECT 1;
