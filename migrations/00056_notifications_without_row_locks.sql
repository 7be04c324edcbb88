-- +goose Up
-- A notification's INSERT no longer checks its complaint and recipient by foreign key. Each check
-- was a `SELECT 1 … FOR KEY SHARE` per row: it locks the complaint's row (a tuple lock written to the
-- complaints table's page and to the WAL, per notification) and the recipient's `users` row, which
-- every concurrent dispatch to the same person locks at once (a multixact). Notifications are a
-- derived record written only by the dispatcher, which takes the complaint's id and the
-- recipients from rows it has just read; nothing in the platform deletes a complaint (the
-- regulator's record) or a user, so the keys could only ever fail for a bug, and the locks cost the routing pipeline CPU on every filing
-- (docs/BENCHMARKS.md, "Routing, session 13 (route)"). The columns keep their indexes and types.
ALTER TABLE notifications DROP CONSTRAINT notifications_complaint_id_fkey;
ALTER TABLE notifications DROP CONSTRAINT notifications_recipient_id_fkey;

-- +goose Down
ALTER TABLE notifications ADD CONSTRAINT notifications_recipient_id_fkey
    FOREIGN KEY (recipient_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE notifications ADD CONSTRAINT notifications_complaint_id_fkey
    FOREIGN KEY (complaint_id) REFERENCES complaints(id);
