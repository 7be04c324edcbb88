-- +goose Up
-- The full complaint (debtor identity, debt, incidents, wanted outcomes, consents) and the records
-- of its handling: classification, forwarding and deadlines, feedback, closing, notes, responses,
-- duplicate links and extension requests.

-- Debtor personal data sits in these clearly named plain columns for now; a later change encrypts
-- exactly these (debtor_name, debtor_mobile, debtor_id_number, contract_number).
ALTER TABLE complaints
    ADD COLUMN debtor_name               text NOT NULL DEFAULT '',
    ADD COLUMN debtor_mobile             text NOT NULL DEFAULT '',
    ADD COLUMN debtor_id_number          text NOT NULL DEFAULT '',
    ADD COLUMN contract_number           text NOT NULL DEFAULT '',
    ADD COLUMN amount_owed               numeric(14,2) CHECK (amount_owed IS NULL OR amount_owed >= 0),
    ADD COLUMN days_overdue              integer CHECK (days_overdue IS NULL OR days_overdue BETWEEN 0 AND 36500),
    -- [{occurredAt, channel, from, count, description}], at most 100: always read with the complaint.
    ADD COLUMN incidents                 jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(incidents) = 'array'),
    ADD COLUMN outcomes_wanted           text[] NOT NULL DEFAULT '{}',
    ADD COLUMN consent_to_share_identity boolean NOT NULL DEFAULT false,
    ADD COLUMN consent_to_publish        boolean NOT NULL DEFAULT false,
    ADD COLUMN confirmed_violations      text[] NOT NULL DEFAULT '{}',
    ADD COLUMN forward_target            text CHECK (forward_target IN ('LENDER','AGENCY','BOTH')),
    ADD COLUMN forwarded_at              timestamptz,
    ADD COLUMN response_days             integer NOT NULL DEFAULT 0,
    -- When the institution's answer is due; set on forwarding (calendar days for now).
    ADD COLUMN due_at                    timestamptz,
    ADD COLUMN pending_extension_id      uuid,
    ADD COLUMN information_request       text NOT NULL DEFAULT '',
    ADD COLUMN responded_at              timestamptz,
    ADD COLUMN feedback_decision         text CHECK (feedback_decision IN ('ACCEPT','DISPUTE')),
    ADD COLUMN satisfaction              smallint CHECK (satisfaction BETWEEN 1 AND 5),
    ADD COLUMN feedback_comment          text NOT NULL DEFAULT '',
    ADD COLUMN feedback_at               timestamptz,
    ADD COLUMN closed_at                 timestamptz,
    ADD COLUMN rejection_reason          text CHECK (rejection_reason IN ('OUTSIDE_REMIT','ALREADY_DECIDED','TIME_BARRED','NO_RESPONDENT','NO_FACTS','NO_REQUEST','DUPLICATE')),
    ADD COLUMN referred_to               text CHECK (referred_to IN ('POLICE','ANTI_SPAM_12321','COURT','OTHER_REGULATOR')),
    ADD COLUMN merged_into               uuid REFERENCES complaints(id),
    -- Sort key of the PRIORITY order.
    ADD COLUMN priority_rank             smallint GENERATED ALWAYS AS (
        CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END) STORED,
    -- What free-text search looks in: the narrative and the institutions' names (not the debtor's
    -- identity, which is to be encrypted).
    ADD COLUMN search_text               text GENERATED ALWAYS AS (
        narrative || ' ' || lender_name || ' ' || agency_name) STORED;

ALTER TABLE complaints ADD CONSTRAINT complaints_status_check CHECK (status IN
    ('SUBMITTED','IN_TRIAGE','NEEDS_INFORMATION','FORWARDED','RESPONDED','ACCEPTED','DISPUTED',
     'IN_INVESTIGATION','ESCALATED','CLOSED','REJECTED','REFERRED','WITHDRAWN'));

-- Trigram index for text search of three characters or more (Chinese included). One- and
-- two-character searches (催收) have no trigram to look up; they still match, by scanning.
CREATE INDEX complaints_search_trgm ON complaints USING gin (search_text gin_trgm_ops);
CREATE INDEX complaints_priority_queue ON complaints (priority_rank, created_at, id);
CREATE INDEX complaints_due ON complaints (due_at, created_at, id) WHERE due_at IS NOT NULL;
CREATE INDEX complaints_assignee ON complaints (assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX complaints_violations ON complaints USING gin (claimed_violations);
CREATE INDEX complaints_confirmed_violations ON complaints USING gin (confirmed_violations);

-- Internal notes of the regulator's staff: never shown to complainants or institutions.
CREATE TABLE complaint_notes (
    id           uuid PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints(id),
    author_id    bigint NOT NULL REFERENCES users(id),
    author_role  text NOT NULL,
    text         text NOT NULL,
    at           timestamptz NOT NULL
);
CREATE INDEX complaint_notes_complaint ON complaint_notes (complaint_id, at);

-- Institutions' structured answers (CFPB categories).
CREATE TABLE complaint_responses (
    id             uuid PRIMARY KEY,
    complaint_id   uuid NOT NULL REFERENCES complaints(id),
    institution_id bigint NOT NULL REFERENCES institutions(id),
    author_id      bigint NOT NULL REFERENCES users(id),
    category       text NOT NULL CHECK (category IN ('CLOSED_WITH_EXPLANATION','CLOSED_WITH_MONETARY_RELIEF','CLOSED_WITH_NON_MONETARY_RELIEF','IN_PROGRESS')),
    explanation    text NOT NULL,
    instalments           integer CHECK (instalments IS NULL OR instalments BETWEEN 1 AND 360),
    instalment_amount     numeric(14,2) CHECK (instalment_amount IS NULL OR instalment_amount > 0),
    fee_waiver_amount     numeric(14,2) CHECK (fee_waiver_amount IS NULL OR fee_waiver_amount >= 0),
    collection_stopped      boolean NOT NULL DEFAULT false,
    credit_record_corrected boolean NOT NULL DEFAULT false,
    apology                 boolean NOT NULL DEFAULT false,
    collector_disciplined   boolean NOT NULL DEFAULT false,
    agency_contract_ended   boolean NOT NULL DEFAULT false,
    at             timestamptz NOT NULL,
    CHECK ((instalments IS NULL) = (instalment_amount IS NULL))
);
CREATE INDEX complaint_responses_complaint ON complaint_responses (complaint_id, at);
CREATE INDEX complaint_responses_institution ON complaint_responses (institution_id, at);

-- A duplicate complaint linked to its primary (and perhaps merged into it).
CREATE TABLE complaint_links (
    complaint_id uuid NOT NULL REFERENCES complaints(id),
    primary_id   uuid NOT NULL REFERENCES complaints(id),
    merged       boolean NOT NULL DEFAULT false,
    linked_by    bigint NOT NULL REFERENCES users(id),
    reason       text NOT NULL DEFAULT '',
    at           timestamptz NOT NULL,
    PRIMARY KEY (complaint_id, primary_id),
    CHECK (complaint_id <> primary_id)
);
CREATE INDEX complaint_links_primary ON complaint_links (primary_id);

-- Institutions' requests for more time, and supervisors' decisions.
CREATE TABLE complaint_extensions (
    id              uuid PRIMARY KEY,
    complaint_id    uuid NOT NULL REFERENCES complaints(id),
    institution_id  bigint NOT NULL REFERENCES institutions(id),
    requested_by    bigint NOT NULL REFERENCES users(id),
    days            integer NOT NULL CHECK (days > 0),
    reason          text NOT NULL,
    status          text NOT NULL CHECK (status IN ('GRANTED','PENDING','APPROVED','DENIED')),
    requested_at    timestamptz NOT NULL,
    decided_by      bigint REFERENCES users(id),
    decided_at      timestamptz,
    decision_reason text NOT NULL DEFAULT ''
);
CREATE INDEX complaint_extensions_complaint ON complaint_extensions (complaint_id, requested_at);
CREATE UNIQUE INDEX complaint_extensions_one_pending ON complaint_extensions (complaint_id) WHERE status = 'PENDING';

-- +goose Down
DROP TABLE complaint_extensions;
DROP TABLE complaint_links;
DROP TABLE complaint_responses;
DROP TABLE complaint_notes;
DROP INDEX complaints_confirmed_violations;
DROP INDEX complaints_violations;
DROP INDEX complaints_assignee;
DROP INDEX complaints_due;
DROP INDEX complaints_priority_queue;
DROP INDEX complaints_search_trgm;
ALTER TABLE complaints DROP CONSTRAINT complaints_status_check;
ALTER TABLE complaints
    DROP COLUMN search_text,
    DROP COLUMN priority_rank,
    DROP COLUMN merged_into,
    DROP COLUMN referred_to,
    DROP COLUMN rejection_reason,
    DROP COLUMN closed_at,
    DROP COLUMN feedback_at,
    DROP COLUMN feedback_comment,
    DROP COLUMN satisfaction,
    DROP COLUMN feedback_decision,
    DROP COLUMN responded_at,
    DROP COLUMN information_request,
    DROP COLUMN pending_extension_id,
    DROP COLUMN due_at,
    DROP COLUMN response_days,
    DROP COLUMN forwarded_at,
    DROP COLUMN forward_target,
    DROP COLUMN confirmed_violations,
    DROP COLUMN consent_to_publish,
    DROP COLUMN consent_to_share_identity,
    DROP COLUMN outcomes_wanted,
    DROP COLUMN incidents,
    DROP COLUMN days_overdue,
    DROP COLUMN amount_owed,
    DROP COLUMN contract_number,
    DROP COLUMN debtor_id_number,
    DROP COLUMN debtor_mobile,
    DROP COLUMN debtor_name;
