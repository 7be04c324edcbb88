-- +goose Up
-- Re-judging existing complaints after a rule pack revision was published (issue 13,
-- `redline rules reassess --since DATE`, GraphQL reassessRules): one row per job. The job walks the
-- complaints judged by the engine and filed since `since`, in complaint-id order, one batch task at a
-- time; `cursor` is the last complaint judged, so that a job whose worker died resumes after it.
CREATE TABLE rule_reassessments (
    id           uuid PRIMARY KEY,
    since        timestamptz NOT NULL,
    state        text NOT NULL CHECK (state IN ('QUEUED','RUNNING','DONE','FAILED')),
    cursor       uuid,
    changed      integer NOT NULL DEFAULT 0 CHECK (changed >= 0),
    unchanged    integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
    requested_by bigint REFERENCES users(id) ON DELETE SET NULL, -- NULL: the command line or the publish hook
    reason       text NOT NULL DEFAULT '' CHECK (char_length(reason) <= 2000),
    error        text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE INDEX rule_reassessments_created ON rule_reassessments (created_at DESC);

-- +goose Down
DROP TABLE rule_reassessments;
