-- +goose Up
-- Free-text search moves its trigram index off the complaint row. Every change of a complaint
-- that touches an indexed column (a routing sets its status and team, a forwarding its
-- institutions' clocks…) cannot be a HOT update, so every index of the row gets an entry for the
-- new row version; for the trigram GIN index that is a few hundred entries (one per trigram of
-- the narrative and the institutions' names) although the text never changed. The backend's CPU
-- for a routing-like UPDATE of 200 complaints at 1,000,000: 0.84 ms a complaint with the index,
-- 0.73 ms without (docs/BENCHMARKS.md, "Routing, session 9").
--
-- complaint_search holds the same text (complaints.search_text, the narrative and the
-- institutions' names: never personal data) with the trigram index; a trigger writes it when a
-- complaint is filed and when one of the columns it is made of is written, so the application's
-- writes are unchanged. Text search reads it (ComplaintStore's filter).
CREATE TABLE complaint_search (
    complaint_id uuid PRIMARY KEY REFERENCES complaints(id) ON DELETE CASCADE,
    search_text  text NOT NULL
);
INSERT INTO complaint_search (complaint_id, search_text)
SELECT id, coalesce(search_text, '') FROM complaints;
CREATE INDEX complaint_search_trgm ON complaint_search USING gin (search_text gin_trgm_ops);
DROP INDEX complaints_search_trgm;

-- +goose StatementBegin
CREATE FUNCTION complaint_search_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO complaint_search (complaint_id, search_text) VALUES (NEW.id, coalesce(NEW.search_text, ''))
    ON CONFLICT (complaint_id) DO UPDATE SET search_text = excluded.search_text
        WHERE complaint_search.search_text IS DISTINCT FROM excluded.search_text;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
-- UPDATE OF fires only when the statement sets one of these columns (an update of the complaint
-- sets only the columns that changed): a routing, a forwarding or an answer writes nothing here.
CREATE TRIGGER complaints_search_write AFTER INSERT OR UPDATE OF narrative, lender_name, agency_name
    ON complaints FOR EACH ROW EXECUTE FUNCTION complaint_search_write();

-- Statistics deltas waiting to be summed into the rollups (StatsStore.ApplyMany): a routed batch
-- writes its complaints' contributions and, here, the difference each makes (the old row with
-- sign -1, the new with +1); one fold at a time moves every pending difference into the rollups
-- and deletes it, so that batches routed meanwhile are summed together and touch each rollup
-- row once instead of once per batch (docs/STATISTICS.md).
CREATE TABLE stats_pending (
    seq  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sign smallint NOT NULL CHECK (sign IN (-1, 1)),
    LIKE stats_contributions
);

-- +goose Down
DROP TABLE stats_pending;
DROP TRIGGER complaints_search_write ON complaints;
DROP FUNCTION complaint_search_write();
CREATE INDEX complaints_search_trgm ON complaints USING gin (search_text gin_trgm_ops);
DROP TABLE complaint_search;
