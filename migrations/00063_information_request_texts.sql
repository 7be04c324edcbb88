-- +goose Up
-- The question of an information request and the complainant's answer are personal data (a
-- reviewer may name the debtor, a complainant answers with contract numbers and amounts): they
-- leave the history's details, which are kept as written, for rows of their own, encrypted like
-- the debtor fields ("v1:<key id>:…", bound to the column, domain/postgres/personal.go). The
-- history entry keeps only a reference and the lengths: details {"text": <id>, "questionLength":
-- n, "answerLength": n}. Each entry of a request (INFORMATION_REQUESTED) or of its answer
-- (INFORMATION_PROVIDED) has its row; the store reads the text back for the history. The open
-- question on the complaint (complaints.information_request) is encrypted as well, and the
-- acceptance clock's pause no longer carries the question as its note.
--
-- Rows moved here by this migration are plaintext (SQL cannot encrypt: the key is runtime
-- configuration); every process encrypts them when it starts (postgres.EncryptPlaintext). The two
-- partial indexes below hold only plaintext values, so that check costs an index probe of an empty
-- index once they are encrypted, whatever the size of complaints.
CREATE TABLE information_request_texts (
    id           bigserial PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints(id),
    question     text NOT NULL DEFAULT '',
    answer       text NOT NULL DEFAULT '',
    at           timestamptz NOT NULL
);
CREATE INDEX information_request_texts_complaint ON information_request_texts (complaint_id, id);
-- The predicates are postgres.plaintextCond's, word for word (the planner matches them).
CREATE INDEX information_request_texts_plaintext ON information_request_texts (id)
    WHERE (question <> '' AND left(question, 3) <> 'v1:') OR (answer <> '' AND left(answer, 3) <> 'v1:');
CREATE INDEX complaints_information_request_plaintext ON complaints (id)
    WHERE (information_request <> '' AND left(information_request, 3) <> 'v1:');

CREATE TEMP TABLE redline_info_move ON COMMIT DROP AS
    SELECT e.id AS event_id, e.at AS event_at, e.complaint_id, e.at,
           coalesce(e.details ->> 'question', '') AS question, coalesce(e.details ->> 'answer', '') AS answer,
           nextval(pg_get_serial_sequence('information_request_texts', 'id')) AS text_id
    FROM complaint_events e
    WHERE e.action IN ('INFORMATION_REQUESTED', 'INFORMATION_PROVIDED') AND (e.details ? 'question' OR e.details ? 'answer');
INSERT INTO information_request_texts (id, complaint_id, question, answer, at)
    SELECT text_id, complaint_id, question, answer, at FROM redline_info_move;
-- The history is append-only; the guard is lifted for this statement alone.
ALTER TABLE complaint_events DISABLE TRIGGER complaint_events_no_update;
UPDATE complaint_events e
    SET details = (e.details - 'question' - 'answer') || jsonb_build_object('text', m.text_id,
        'questionLength', char_length(m.question), 'answerLength', char_length(m.answer))
    FROM redline_info_move m WHERE e.id = m.event_id AND e.at = m.event_at;
ALTER TABLE complaint_events ENABLE TRIGGER complaint_events_no_update;

-- The acceptance clock paused for the complainant kept the question as the pause's note.
UPDATE complaint_deadlines SET record = jsonb_set(record, '{pauses}',
        (SELECT jsonb_agg(CASE WHEN p ->> 'reason' = 'WAITING_FOR_COMPLAINANT' THEN p - 'note' ELSE p END ORDER BY n)
         FROM jsonb_array_elements(record -> 'pauses') WITH ORDINALITY AS x(p, n)))
    WHERE jsonb_path_exists(record, '$.pauses[*] ? (@.reason == "WAITING_FOR_COMPLAINANT" && exists(@.note))');

COMMENT ON COLUMN information_request_texts.question IS
    'AES-256-GCM ciphertext "v1:<key id>:..." bound to information_request_texts.question; plaintext only in rows moved by migration 00063 until redline rotate-keys';
COMMENT ON COLUMN information_request_texts.answer IS
    'AES-256-GCM ciphertext "v1:<key id>:..." bound to information_request_texts.answer; plaintext only in rows moved by migration 00063 until redline rotate-keys';

-- +goose Down
-- The texts go back into the history's details as they are stored: ciphertext once rotate-keys
-- or the new binary wrote them (the binary before this migration shows those as they are).
ALTER TABLE complaint_events DISABLE TRIGGER complaint_events_no_update;
UPDATE complaint_events e
    SET details = (e.details - 'text' - 'questionLength' - 'answerLength')
        || jsonb_build_object('question', t.question)
        || CASE WHEN e.action = 'INFORMATION_PROVIDED' THEN jsonb_build_object('answer', t.answer) ELSE '{}'::jsonb END
    FROM information_request_texts t
    WHERE e.action IN ('INFORMATION_REQUESTED', 'INFORMATION_PROVIDED') AND e.details ? 'text'
      AND (e.details ->> 'text')::bigint = t.id;
ALTER TABLE complaint_events ENABLE TRIGGER complaint_events_no_update;
DROP INDEX complaints_information_request_plaintext;
DROP TABLE information_request_texts;
