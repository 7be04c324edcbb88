-- +goose Up
-- Business calendars published by admins (docs/DEADLINES.md, "Changing a calendar"): every edition
-- of a jurisdiction's calendar, the newest in force. Version 1 is the calendar built into the
-- release and is not stored; the first published edition is version 2.
CREATE TABLE deadline_calendars (
    jurisdiction text NOT NULL,
    version      integer NOT NULL CHECK (version > 1),
    document     jsonb NOT NULL,
    reason       text NOT NULL,
    created_by   bigint REFERENCES users(id),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (jurisdiction, version)
);

-- +goose Down
DROP TABLE deadline_calendars;
