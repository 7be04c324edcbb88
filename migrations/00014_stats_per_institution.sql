-- +goose Up
-- Each institution of a complaint forwarded to both lender and agency is counted on its own answer
-- and its own clock (docs/STATISTICS.md, docs/DEADLINES.md). The per-institution measures of a
-- contribution are arrays aligned with insts; the institution rollups (stats_r_i*) sum them, the
-- others keep the complaint's own measures. Existing contributions counted the complaint's measures
-- for every institution, which is what the arrays are filled with here, so the rollups stay sums of
-- their contributions.
ALTER TABLE stats_contributions
    ADD COLUMN i_answered    integer[],
    ADD COLUMN i_timely      integer[],
    ADD COLUMN i_untimely    integer[],
    ADD COLUMN i_monetary    integer[],
    ADD COLUMN i_nonmonetary integer[],
    ADD COLUMN i_explained   integer[],
    ADD COLUMN i_answer_days integer[];

UPDATE stats_contributions SET
    i_answered    = array_fill(answered, ARRAY[cardinality(insts)]),
    i_timely      = array_fill(timely, ARRAY[cardinality(insts)]),
    i_untimely    = array_fill(untimely, ARRAY[cardinality(insts)]),
    i_monetary    = array_fill(monetary, ARRAY[cardinality(insts)]),
    i_nonmonetary = array_fill(nonmonetary, ARRAY[cardinality(insts)]),
    i_explained   = array_fill(explained, ARRAY[cardinality(insts)]),
    i_answer_days = array_fill(answer_days, ARRAY[cardinality(insts)]);

ALTER TABLE stats_contributions
    ALTER COLUMN i_answered SET NOT NULL,
    ALTER COLUMN i_timely SET NOT NULL,
    ALTER COLUMN i_untimely SET NOT NULL,
    ALTER COLUMN i_monetary SET NOT NULL,
    ALTER COLUMN i_nonmonetary SET NOT NULL,
    ALTER COLUMN i_explained SET NOT NULL,
    ALTER COLUMN i_answer_days SET NOT NULL;

-- +goose Down
ALTER TABLE stats_contributions
    DROP COLUMN i_answered,
    DROP COLUMN i_timely,
    DROP COLUMN i_untimely,
    DROP COLUMN i_monetary,
    DROP COLUMN i_nonmonetary,
    DROP COLUMN i_explained,
    DROP COLUMN i_answer_days;
