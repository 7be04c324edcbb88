-- +goose Up
-- A statistics contribution's INSERT no longer checks its complaint by foreign key. The check was a
-- `SELECT 1 FROM complaints … FOR KEY SHARE` per inserted row: a tuple lock written into the
-- complaint's row (its header rewritten, the page of the 1,000,000-row table dirtied again, a WAL
-- record) right after routing had written it. Every routed complaint paid it once, when the
-- statistics staged its first contribution (docs/BENCHMARKS.md, "Routing, session 14 (route)"),
-- and a rebuild once per complaint of its period. Contributions are computed from the complaint
-- rows themselves (StatsStore's stage and rebuild select them from complaints, and drop the
-- contribution of a merged complaint); nothing in the platform deletes a complaint (the
-- regulator's record), so the key could only fail, and its ON DELETE CASCADE only act, for a bug,
-- as with the notifications' keys (migration 00056). The column keeps its primary key.
ALTER TABLE stats_contributions DROP CONSTRAINT stats_contributions_complaint_id_fkey;

-- +goose Down
ALTER TABLE stats_contributions ADD CONSTRAINT stats_contributions_complaint_id_fkey
    FOREIGN KEY (complaint_id) REFERENCES complaints(id) ON DELETE CASCADE;
