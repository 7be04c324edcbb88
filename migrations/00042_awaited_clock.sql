-- +goose Up
-- The clock each open complaint is waiting on, on the complaint row: the regulator's acceptance
-- decision (SUBMITTED, IN_TRIAGE, NEEDS_INFORMATION), the recipients' answers (FORWARDED, the
-- earliest of them, extensions included), the complainant's feedback (RESPONDED). The overdue and
-- due-soon filters and counts read it; computing it with a join over complaint_deadlines made the
-- staff's overdue count 5 to 7 times slower at 200,000 complaints (docs/DEADLINES.md). The store
-- writes it with every change of the complaint or its clocks (domain.Complaint.AwaitedClock); null
-- when the state waits for no clock or every awaited clock is paused (a paused clock is never
-- overdue).
ALTER TABLE complaints ADD COLUMN awaited_due_at timestamptz,
    ADD COLUMN awaited_kind text CHECK (awaited_kind IN ('ACCEPTANCE','INSTITUTION_RESPONSE','FEEDBACK')),
    ADD CONSTRAINT complaints_awaited_both CHECK ((awaited_due_at IS NULL) = (awaited_kind IS NULL));

-- redline_awaited_clock is domain.Complaint.AwaitedClock over the stored clocks: the backfill
-- below, and the test that walks a complaint through its life and compares the two at every step.
-- +goose StatementBegin
CREATE FUNCTION redline_awaited_clock(cid uuid, st text, legacy_due timestamptz,
    OUT due_at timestamptz, OUT kind text) LANGUAGE plpgsql STABLE AS $$
DECLARE
    latest timestamptz;
BEGIN
    kind := CASE WHEN st IN ('SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION') THEN 'ACCEPTANCE'
                 WHEN st = 'FORWARDED' THEN 'INSTITUTION_RESPONSE'
                 WHEN st = 'RESPONDED' THEN 'FEEDBACK' END;
    IF kind IS NULL THEN
        RETURN;
    END IF;
    SELECT max(d.started_at) INTO latest FROM complaint_deadlines d WHERE d.complaint_id = cid AND d.kind = redline_awaited_clock.kind;
    IF latest IS NULL THEN -- forwarded before clocks were stored: the complaint's own due date
        IF kind = 'INSTITUTION_RESPONSE' AND legacy_due IS NOT NULL THEN
            due_at := legacy_due;
        ELSE
            kind := NULL;
        END IF;
        RETURN;
    END IF;
    SELECT min(d.due_at) INTO due_at FROM complaint_deadlines d
    WHERE d.complaint_id = cid AND d.kind = redline_awaited_clock.kind AND d.started_at = latest
      AND ((d.state = 'OPEN' AND d.paused_at IS NULL) OR (d.state = 'BREACHED' AND d.met_at IS NULL));
    IF due_at IS NULL THEN
        kind := NULL;
    END IF;
END
$$;
-- +goose StatementEnd

UPDATE complaints c SET (awaited_due_at, awaited_kind) = (SELECT a.due_at, a.kind FROM redline_awaited_clock(c.id, c.status, c.due_at) a)
WHERE c.status IN ('SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'FORWARDED', 'RESPONDED');

-- Only complaints awaiting a clock are in the index: the overdue count reads the range before now,
-- the due-soon count the next days, the DUE_DATE order the whole index.
CREATE INDEX complaints_awaited_due ON complaints (awaited_due_at, created_at, id) WHERE awaited_due_at IS NOT NULL;

-- An institution's inbox counts its own clocks only (a complaint forwarded to lender and agency
-- waits on both; each sees its own): the clocks it still owes an answer on, by due time.
CREATE INDEX complaint_deadlines_owed ON complaint_deadlines (institution_id, due_at)
    WHERE kind = 'INSTITUTION_RESPONSE' AND met_at IS NULL AND paused_at IS NULL AND state IN ('OPEN', 'BREACHED');

-- +goose Down
DROP INDEX complaint_deadlines_owed;
DROP INDEX complaints_awaited_due;
DROP FUNCTION redline_awaited_clock(uuid, text, timestamptz);
ALTER TABLE complaints DROP CONSTRAINT complaints_awaited_both, DROP COLUMN awaited_kind, DROP COLUMN awaited_due_at;
