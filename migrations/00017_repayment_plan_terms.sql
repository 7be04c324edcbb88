-- +goose Up
-- A repayment plan's terms beyond the instalments (银行保险机构消费投诉处理管理办法; the advice to
-- borrowers: get 分期, 延期 and 减免罚息 in writing): when the first instalment is due, until when
-- repayment is deferred, and how much penalty interest is waived. All optional; a plan has them only
-- with its instalments.
ALTER TABLE complaint_responses
    ADD COLUMN first_due_on            date,
    ADD COLUMN deferred_until          date,
    ADD COLUMN penalty_interest_waived numeric(14,2) CHECK (penalty_interest_waived IS NULL OR penalty_interest_waived >= 0),
    ADD CONSTRAINT complaint_responses_plan_terms CHECK (
        instalments IS NOT NULL OR (first_due_on IS NULL AND deferred_until IS NULL AND penalty_interest_waived IS NULL));

-- +goose Down
ALTER TABLE complaint_responses
    DROP CONSTRAINT complaint_responses_plan_terms,
    DROP COLUMN first_due_on,
    DROP COLUMN deferred_until,
    DROP COLUMN penalty_interest_waived;
