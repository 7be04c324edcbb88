-- +goose Up
-- Complaint rows are updated many times in their life (routing, assignment, answers, every clock
-- breached). An update that changes no indexed column can be HOT — the new version written on the
-- same page, none of the table's ~19 indexes (GIN trigram, violations, recipients among them)
-- touched — but only when the page has room for it. Pages are filled to 85 % from now on, leaving
-- about one row's room per page (a complaint row of the benchmark is ~0.7 kB, ten to a page). Existing pages keep
-- what they hold until rewritten (VACUUM FULL, pg_repack) or freed by vacuum.
ALTER TABLE complaints SET (fillfactor = 85);

-- +goose Down
ALTER TABLE complaints RESET (fillfactor);
