-- +goose Up
-- Complaint rows are updated many times in their life (routing, assignment, answers, every clock
-- breached). An update that changes no indexed column can be HOT — the new version written on the
-- same page, none of the table's ~19 indexes (GIN trigram, violations, recipients among them)
-- touched — but only when the page has room for it. Pages are filled to 85 % from now on, leaving
-- about one row's room per page (a complaint row of the benchmark is ~0.7 kB, ten to a page). Existing pages keep
-- what they hold until rewritten (VACUUM FULL, pg_repack) or freed by vacuum.
ALTER TABLE complaints SET (fillfactor = 85);

-- +goose StatementBegin
-- redline_prune_outbox drops the outbox's monthly partitions that ended before
-- cutoff and in which every message was relayed before cutoff, and returns how many messages they
-- held. Pruning a month this way costs a catalog change instead of a DELETE of every row (a
-- month's dead rows, their index entries and the vacuum after them). A month that still holds a
-- message not relayed, or relayed since cutoff, is kept whole for a later run. The month is
-- checked first without blocking anyone; then the parent is locked (waiting at most a second, or
-- the month is left for the next run: a waiting exclusive lock would hold up every filing) and
-- the month checked again for unrelayed messages through its partial index before it is dropped.
-- Nothing enters a past month afterwards: messages are written at now(), and a month's partition
-- once made receives no rows from the default partition. Runs with its owner's rights (the
-- application role may not drop tables); serialised with redline_create_monthly_partitions.
CREATE FUNCTION redline_prune_outbox(cutoff timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    part    record;
    rels    regclass[] := '{}';
    counts  bigint[] := '{}';
    msgs    bigint;
    held    bigint;
    dropped bigint := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('redline_create_monthly_partitions'));
    -- The months that ended before cutoff and hold nothing to keep, found without blocking anyone.
    FOR part IN
        SELECT c.oid::regclass AS rel,
               (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz AS hi
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'outbox'::regclass AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
        ORDER BY 2
    LOOP
        CONTINUE WHEN part.hi IS NULL OR part.hi > cutoff;
        EXECUTE format('SELECT count(*), count(*) FILTER (WHERE enqueued_at IS NULL OR enqueued_at >= $1) FROM %s', part.rel)
            INTO msgs, held USING cutoff;
        IF held = 0 THEN
            rels := rels || part.rel;
            counts := counts || msgs;
        END IF;
    END LOOP;
    IF cardinality(rels) = 0 THEN
        RETURN 0;
    END IF;
    -- Dropped together under one short exclusive lock of the outbox.
    BEGIN
        PERFORM set_config('lock_timeout', '1s', true);
        LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE;
        FOR i IN 1..cardinality(rels) LOOP
            EXECUTE format('SELECT count(*) FROM %s WHERE enqueued_at IS NULL', rels[i]) INTO held;
            CONTINUE WHEN held > 0;
            EXECUTE format('DROP TABLE %s', rels[i]);
            dropped := dropped + counts[i];
        END LOOP;
    EXCEPTION WHEN lock_not_available THEN
        RAISE NOTICE 'outbox months left for the next run: the outbox is busy';
        RETURN 0;
    END;
    RETURN dropped;
END;
$$;
-- +goose StatementEnd
REVOKE EXECUTE ON FUNCTION redline_prune_outbox(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redline_prune_outbox(timestamptz) TO redline_app;

-- +goose Down
DROP FUNCTION redline_prune_outbox(timestamptz);
ALTER TABLE complaints RESET (fillfactor);
