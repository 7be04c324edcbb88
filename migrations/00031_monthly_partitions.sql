-- +goose Up
-- The complaint history and the outbox grow with every filing and never shrink (history) or shrink
-- only by age (outbox). Both become range-partitioned by month on the instant they are ordered by
-- (complaint_events.at, outbox.created_at), so that old months can be archived or dropped whole and
-- indexes stay the size of a month. A primary key of a partitioned table must contain the partition
-- key, so the keys become (id, at) and (id, created_at); ids stay unique by construction (identity,
-- random UUIDs). Rows dated outside every monthly partition (an import of complaints years old, a
-- clock far in the future) land in the default partition; redline_create_monthly_partitions()
-- creates the coming months ahead of time and moves any rows of such a month out of the default.

ALTER TABLE complaint_events RENAME TO complaint_events_unpartitioned;
ALTER TABLE outbox RENAME TO outbox_unpartitioned;
ALTER INDEX complaint_events_complaint RENAME TO complaint_events_unpartitioned_complaint;
ALTER INDEX outbox_pending RENAME TO outbox_unpartitioned_pending;
ALTER INDEX complaint_events_pkey RENAME TO complaint_events_unpartitioned_pkey;
ALTER INDEX outbox_pkey RENAME TO outbox_unpartitioned_pkey;
ALTER SEQUENCE complaint_events_id_seq RENAME TO complaint_events_unpartitioned_id_seq;

-- The append-only history of every complaint.
CREATE TABLE complaint_events (
    id           bigint GENERATED ALWAYS AS IDENTITY,
    complaint_id uuid NOT NULL REFERENCES complaints(id),
    action       text NOT NULL,
    from_status  text,
    to_status    text,
    actor_id     bigint REFERENCES users(id),
    actor_role   text NOT NULL,
    reason       text NOT NULL DEFAULT '',
    details      jsonb NOT NULL DEFAULT '{}',
    at           timestamptz NOT NULL,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);
CREATE TABLE complaint_events_default PARTITION OF complaint_events DEFAULT;
-- Row triggers are cloned onto every partition; the statement trigger guards TRUNCATE of the whole.
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE OR DELETE ON complaint_events
    FOR EACH ROW EXECUTE FUNCTION complaint_events_append_only();
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events
    FOR EACH STATEMENT EXECUTE FUNCTION complaint_events_append_only();

-- Transactional outbox: domain events written with the change that caused them.
CREATE TABLE outbox (
    id          uuid NOT NULL,
    topic       text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    enqueued_at timestamptz,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE INDEX outbox_pending ON outbox (created_at, id) WHERE enqueued_at IS NULL;
CREATE TABLE outbox_default PARTITION OF outbox DEFAULT;

-- +goose StatementBegin
-- redline_create_monthly_partitions creates, for the history and the outbox, the partition of the
-- current month and of the months_ahead months after it, each [first day, first day of the next
-- month) in UTC, and returns how many it created. Rows of such a month already in the default
-- partition are moved into the new partition. Running it again creates nothing: it is the periodic
-- task's body and safe to run at any time, by any number of workers (an advisory lock serialises
-- them). It runs with its owner's rights, so the application role that calls it needs no right to
-- create tables; history partitions get the same refusals as the history itself.
CREATE FUNCTION redline_create_monthly_partitions(months_ahead integer DEFAULT 3) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    base    date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    created integer := 0;
    m       integer;
BEGIN
    IF months_ahead < 0 OR months_ahead > 120 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 120, not %', months_ahead;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('redline_create_monthly_partitions'));
    FOR m IN 0..months_ahead LOOP
        created := created + redline_create_month_partition('complaint_events', 'at', (base + make_interval(months => m))::date)
                           + redline_create_month_partition('outbox', 'created_at', (base + make_interval(months => m))::date);
    END LOOP;
    RETURN created;
END;
$$;

-- redline_create_month_partition creates parent's partition for the month starting at first (a
-- first day of a month) unless it exists, moving that month's rows out of the default partition;
-- it returns 1 when it created the partition, 0 otherwise.
CREATE FUNCTION redline_create_month_partition(parent text, key text, first date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    part   text := format('%s_y%sm%s', parent, to_char(first, 'YYYY'), to_char(first, 'MM'));
    lo     timestamptz := first::timestamp AT TIME ZONE 'UTC';
    hi     timestamptz := (first + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    dflt   text := parent || '_default';
    moving boolean;
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN 0;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2)', dflt, key, key)
        INTO moving USING lo, hi;
    IF moving THEN
        -- The month's rows leave the default partition for the new one: copied aside, deleted with
        -- the append-only trigger held off for this statement only (ALTER TABLE locks the table
        -- until the transaction ends, so nothing else deletes meanwhile), then inserted back
        -- through the parent, which routes them to the new partition.
        EXECUTE format('CREATE TEMP TABLE redline_moving ON COMMIT DROP AS SELECT * FROM %I WHERE %I >= $1 AND %I < $2', dflt, key, key)
            USING lo, hi;
        IF parent = 'complaint_events' THEN
            EXECUTE 'ALTER TABLE complaint_events_default DISABLE TRIGGER complaint_events_no_update';
        END IF;
        EXECUTE format('DELETE FROM %I WHERE %I >= $1 AND %I < $2', dflt, key, key) USING lo, hi;
        IF parent = 'complaint_events' THEN
            EXECUTE 'ALTER TABLE complaint_events_default ENABLE TRIGGER complaint_events_no_update';
        END IF;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent, lo, hi);
    IF parent = 'complaint_events' THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM redline_app', part);
    END IF;
    IF moving THEN
        IF parent = 'complaint_events' THEN
            EXECUTE 'INSERT INTO complaint_events OVERRIDING SYSTEM VALUE SELECT * FROM redline_moving';
        ELSE
            EXECUTE format('INSERT INTO %I SELECT * FROM redline_moving', parent);
        END IF;
        DROP TABLE redline_moving;
    END IF;
    RETURN 1;
END;
$$;
-- +goose StatementEnd
REVOKE EXECUTE ON FUNCTION redline_create_monthly_partitions(integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION redline_create_month_partition(text, text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION redline_create_monthly_partitions(integer) TO redline_app;

-- +goose StatementBegin
-- Every month that holds rows gets its partition before the rows come back, so none lands in the
-- default partition; then the months ahead.
DO $$
DECLARE
    first date;
BEGIN
    FOR first IN
        SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC')::date FROM complaint_events_unpartitioned
    LOOP
        PERFORM redline_create_month_partition('complaint_events', 'at', first);
    END LOOP;
    FOR first IN
        SELECT DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC')::date FROM outbox_unpartitioned
    LOOP
        PERFORM redline_create_month_partition('outbox', 'created_at', first);
    END LOOP;
    PERFORM redline_create_monthly_partitions(3);
END;
$$;
-- +goose StatementEnd

INSERT INTO complaint_events OVERRIDING SYSTEM VALUE SELECT * FROM complaint_events_unpartitioned;
SELECT setval(pg_get_serial_sequence('complaint_events', 'id'),
              (SELECT coalesce(max(id), 0) + 1 FROM complaint_events), false);
INSERT INTO outbox SELECT * FROM outbox_unpartitioned;
DROP TABLE complaint_events_unpartitioned;
DROP TABLE outbox_unpartitioned;
REVOKE UPDATE, DELETE, TRUNCATE ON complaint_events, complaint_events_default FROM redline_app;

-- +goose Down
CREATE TABLE complaint_events_unpartitioned (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints(id),
    action       text NOT NULL,
    from_status  text,
    to_status    text,
    actor_id     bigint REFERENCES users(id),
    actor_role   text NOT NULL,
    reason       text NOT NULL DEFAULT '',
    details      jsonb NOT NULL DEFAULT '{}',
    at           timestamptz NOT NULL
);
INSERT INTO complaint_events_unpartitioned OVERRIDING SYSTEM VALUE SELECT * FROM complaint_events;
SELECT setval(pg_get_serial_sequence('complaint_events_unpartitioned', 'id'),
              (SELECT coalesce(max(id), 0) + 1 FROM complaint_events_unpartitioned), false);
CREATE TABLE outbox_unpartitioned (
    id          uuid PRIMARY KEY,
    topic       text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    enqueued_at timestamptz
);
INSERT INTO outbox_unpartitioned SELECT * FROM outbox;
DROP TABLE complaint_events;
DROP TABLE outbox;
DROP FUNCTION redline_create_monthly_partitions(integer);
DROP FUNCTION redline_create_month_partition(text, text, date);
ALTER TABLE complaint_events_unpartitioned RENAME TO complaint_events;
ALTER TABLE outbox_unpartitioned RENAME TO outbox;
ALTER INDEX complaint_events_unpartitioned_pkey RENAME TO complaint_events_pkey;
ALTER INDEX outbox_unpartitioned_pkey RENAME TO outbox_pkey;
ALTER SEQUENCE complaint_events_unpartitioned_id_seq RENAME TO complaint_events_id_seq;
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE enqueued_at IS NULL;
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE OR DELETE ON complaint_events
    FOR EACH ROW EXECUTE FUNCTION complaint_events_append_only();
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events
    FOR EACH STATEMENT EXECUTE FUNCTION complaint_events_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON complaint_events FROM redline_app;
