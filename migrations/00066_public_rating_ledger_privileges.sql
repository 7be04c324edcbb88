-- +goose Up
-- Session 30 (attackmend): the ledger of published ratings (00065) is append-only by its triggers;
-- like complaint_events, audit_log, admin_audit_log (00008, 00031) and deadline_policies (00034), the
-- application's role may not change or remove its rows whatever the triggers say (a trigger can be
-- dropped by the owner; a role's privileges hold for the application's connections).
REVOKE UPDATE, DELETE, TRUNCATE ON public_rating_ledger FROM redline_app;

-- +goose Down
GRANT UPDATE, DELETE ON public_rating_ledger TO redline_app;
