-- Clocks for the synthetic complaints, as the lifecycle would have stored them (approximate days).
INSERT INTO complaint_deadlines (id, complaint_id, kind, institution_id, jurisdiction, unit, stage, state, started_at, due_at, due_set_at, met_at, breached_at, record, updated_at)
SELECT gen_random_uuid(), c.id, 'ACCEPTANCE', NULL, 'CN', 'WORKING_DAYS', 'STANDARD',
  CASE WHEN c.status IN ('SUBMITTED','IN_TRIAGE') THEN CASE WHEN c.created_at + interval '9 days' < now() THEN 'BREACHED' ELSE 'OPEN' END ELSE 'MET' END,
  c.created_at, c.created_at + interval '9 days', c.created_at,
  CASE WHEN c.status NOT IN ('SUBMITTED','IN_TRIAGE') THEN coalesce(c.forwarded_at, c.closed_at, c.created_at + interval '2 days') END,
  CASE WHEN c.status IN ('SUBMITTED','IN_TRIAGE') AND c.created_at + interval '9 days' < now() THEN c.created_at + interval '9 days' END,
  '{}', now()
FROM complaints c;
INSERT INTO complaint_deadlines (id, complaint_id, kind, institution_id, jurisdiction, unit, stage, state, started_at, due_at, due_set_at, met_at, breached_at, record, updated_at)
SELECT gen_random_uuid(), c.id, 'INSTITUTION_RESPONSE', r.inst, 'CN', 'CALENDAR_DAYS', 'STANDARD',
  CASE WHEN c.status = 'FORWARDED' THEN CASE WHEN c.due_at < now() THEN 'BREACHED' ELSE 'OPEN' END ELSE 'MET' END,
  c.forwarded_at, c.due_at, c.forwarded_at,
  CASE WHEN c.status <> 'FORWARDED' THEN coalesce(c.responded_at, c.due_at) END,
  CASE WHEN c.status = 'FORWARDED' AND c.due_at < now() THEN c.due_at END,
  '{}', now()
FROM complaints c CROSS JOIN LATERAL unnest(c.recipients) r(inst) WHERE c.forwarded_at IS NOT NULL AND c.due_at IS NOT NULL;
INSERT INTO complaint_deadlines (id, complaint_id, kind, institution_id, jurisdiction, unit, stage, state, started_at, due_at, due_set_at, met_at, breached_at, record, updated_at)
SELECT gen_random_uuid(), c.id, 'FEEDBACK', NULL, 'CN', 'CALENDAR_DAYS', 'STANDARD',
  CASE WHEN c.status = 'RESPONDED' THEN CASE WHEN c.responded_at + interval '60 days' < now() THEN 'BREACHED' ELSE 'OPEN' END ELSE 'MET' END,
  c.responded_at, c.responded_at + interval '60 days', c.responded_at,
  CASE WHEN c.status <> 'RESPONDED' THEN coalesce(c.feedback_at, c.closed_at, c.responded_at + interval '30 days') END,
  CASE WHEN c.status = 'RESPONDED' AND c.responded_at + interval '60 days' < now() THEN c.responded_at + interval '60 days' END,
  '{}', now()
FROM complaints c WHERE c.responded_at IS NOT NULL;
-- The migration's backfill, timed.
\timing on
UPDATE complaints c SET (awaited_due_at, awaited_kind) = (SELECT a.due_at, a.kind FROM redline_awaited_clock(c.id, c.status, c.due_at) a)
WHERE c.status IN ('SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'FORWARDED', 'RESPONDED');
\timing off
VACUUM ANALYZE complaints;
VACUUM ANALYZE complaint_deadlines;
SELECT kind, state, count(*) FROM complaint_deadlines GROUP BY 1, 2 ORDER BY 1, 2;
SELECT awaited_kind, count(*), count(*) FILTER (WHERE awaited_due_at < now()) AS overdue FROM complaints GROUP BY 1;
