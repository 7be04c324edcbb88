-- +goose Up
-- The clocks of complaint handling (domain/deadline, docs/DEADLINES.md): one row per clock of a
-- complaint — the regulator's acceptance decision, each recipient institution's answer, the
-- complainant's feedback window. `record` is the clock's own history (start, pauses, extensions,
-- met), replayed by domain/deadline; the other columns are derived from it for queries and display.
CREATE TABLE complaint_deadlines (
    id              uuid PRIMARY KEY,
    complaint_id    uuid NOT NULL REFERENCES complaints(id),
    kind            text NOT NULL CHECK (kind IN ('ACCEPTANCE','INSTITUTION_RESPONSE','FEEDBACK')),
    -- The institution that must answer (INSTITUTION_RESPONSE only).
    institution_id  bigint REFERENCES institutions(id),
    jurisdiction    text NOT NULL,
    unit            text NOT NULL CHECK (unit IN ('WORKING_DAYS','CALENDAR_DAYS')),
    stage           text NOT NULL,
    state           text NOT NULL CHECK (state IN ('OPEN','MET','BREACHED','CANCELLED')),
    started_at      timestamptz NOT NULL,
    -- The current due instant; while paused, the one before the pause (it moves on resume).
    due_at          timestamptz NOT NULL,
    -- When due_at was last set (start, resume, extension): reminders before it are not sent.
    due_set_at      timestamptz NOT NULL,
    paused_at       timestamptz,
    pause_reason    text CHECK (pause_reason IN ('WAITING_FOR_COMPLAINANT','OUTSIDE_APPRAISAL')),
    -- Days, in the clock's unit, that closed pauses moved the due day.
    paused_total    integer NOT NULL DEFAULT 0,
    -- Reminder offsets (seconds before due_at) already sent for the current due_at.
    reminders_sent  bigint[] NOT NULL DEFAULT '{}',
    met_at          timestamptz,
    breached_at     timestamptz,
    cancelled_at    timestamptz,
    -- Counting reached a year without holiday data (counted as weekends only); recounted on the
    -- clock's next change once the year is added to the calendar.
    provisional     boolean NOT NULL DEFAULT false,
    record          jsonb NOT NULL,
    updated_at      timestamptz NOT NULL,
    CHECK ((kind = 'INSTITUTION_RESPONSE') = (institution_id IS NOT NULL)),
    CHECK ((paused_at IS NULL) = (pause_reason IS NULL))
);

CREATE INDEX complaint_deadlines_complaint ON complaint_deadlines (complaint_id, started_at);
-- At most one running clock of a kind per complaint and institution.
CREATE UNIQUE INDEX complaint_deadlines_one_open ON complaint_deadlines (complaint_id, kind, COALESCE(institution_id, 0))
    WHERE state = 'OPEN';
-- The sweep's index: only open, running clocks, by due time. The sweep reads the range up to
-- "now + the longest reminder offset", so its cost follows the clocks that are due (or due for a
-- reminder), not the open ones; paused clocks leave the index until they resume.
CREATE INDEX complaint_deadlines_due ON complaint_deadlines (due_at) WHERE state = 'OPEN' AND paused_at IS NULL;

-- The institution's answer came after its deadline passed (or the deadline passed with no answer):
-- the CFPB's "untimely", counted against the institution.
ALTER TABLE complaints ADD COLUMN untimely boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE complaints DROP COLUMN untimely;
DROP TABLE complaint_deadlines;
