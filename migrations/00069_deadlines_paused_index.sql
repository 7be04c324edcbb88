-- +goose Up
-- Attack round 30 (session 35, sec35): the deadline sweep ends a pause for an outside appraisal that
-- has lasted the longest one may (REDLINE_MAX_APPRAISAL_DAYS). Paused clocks leave
-- complaint_deadlines_due; this index finds the open paused ones by the instant of the pause.
CREATE INDEX complaint_deadlines_paused ON complaint_deadlines (paused_at) WHERE state = 'OPEN' AND paused_at IS NOT NULL;

-- +goose Down
DROP INDEX complaint_deadlines_paused;
