package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/cfpbimport"
)

// ImporterEmail is the system user recorded as the complainant of imported CFPB complaints and the
// author of their companies' answers. Its password hash is not a hash: nobody can sign in as it.
const ImporterEmail = "cfpb-import@redline.invalid"

// CFPBImportStore implements cfpbimport.Store: batches go in with COPY into a temporary table and one
// INSERT … SELECT per table, in one transaction per batch.
type CFPBImportStore struct{ DB *DB }

var _ cfpbimport.Store = (*CFPBImportStore)(nil)

// ImporterUser implements cfpbimport.Store.
func (s *CFPBImportStore) ImporterUser(ctx context.Context) (int64, error) {
	var id int64
	name := "CFPB Consumer Complaint Database (import)"
	if s.DB.Keys != nil { // users' names are sealed like everyone's, though this one is no person's
		if err := s.DB.seal(sealField{colDisplayName, &name}); err != nil {
			return 0, err
		}
	}
	err := s.DB.inPgxTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `WITH ins AS (
			INSERT INTO users (email, display_name, role, password_hash, created_at)
			VALUES ($1, $2, 'complainant', '!no-login', now())
			ON CONFLICT (email) DO NOTHING RETURNING id)
			INSERT INTO audit_log (action, target, details, at)
			SELECT 'user.create', 'user:' || id, '{"role":"complainant","system":"cfpb import"}', now() FROM ins`, ImporterEmail, name); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT id FROM users WHERE email = $1`, ImporterEmail).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: importer user: %w", err)
	}
	return id, nil
}

// EnsureInstitutions implements cfpbimport.Store; each institution it creates gets an audit record.
func (s *CFPBImportStore) EnsureInstitutions(ctx context.Context, ins []domain.Institution) (map[string]int64, error) {
	names, kinds := make([]string, len(ins)), make([]string, len(ins))
	for i, in := range ins {
		names[i], kinds[i] = in.Name, string(in.Kind)
	}
	ids := make(map[string]int64, len(ins))
	err := s.DB.inPgxTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `WITH ins AS (
			INSERT INTO institutions (name, kind)
			SELECT DISTINCT ON (institution_name_key(n)) n, k FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(n, k, o)
			WHERE institution_name_key(n) <> '' AND NOT EXISTS (SELECT 1 FROM institution_name_keys x WHERE x.key = institution_name_key(n))
			ORDER BY institution_name_key(n), o
			ON CONFLICT (name) DO NOTHING RETURNING id, name, kind)
			INSERT INTO audit_log (action, target, details, at)
			SELECT 'institution.create', 'institution:' || id, jsonb_build_object('name', name, 'kind', kind, 'source', 'cfpb import'), now()
			FROM ins`, names, kinds); err != nil {
			return err
		}
		return institutionIDs(ctx, tx, names, ids)
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: import institutions: %w", err)
	}
	return ids, nil
}

// KnownIDs implements cfpbimport.Store.
func (s *CFPBImportStore) KnownIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	var found []string
	if err := s.DB.Gorm.WithContext(ctx).Raw(`SELECT external_id FROM complaints WHERE external_source = ? AND external_id = ANY(?)`,
		cfpbimport.Source, textArray(ids)).Scan(&found).Error; err != nil {
		return nil, mapError(err, "imported complaints")
	}
	known := make(map[string]bool, len(found))
	for _, id := range found {
		known[id] = true
	}
	return known, nil
}

var cfpbStageColumns = []string{"line", "external_id", "lender_id", "lender_name", "product", "us_state", "narrative",
	"claimed", "suggested", "consent", "status", "created_at", "forwarded_at", "due_at", "responded_at", "closed_at",
	"feedback_decision", "category", "answered_at", "explanation", "details", "assessment", "rule_pack_id", "rule_pack_revision", "untimely"}

// WriteComplaints implements cfpbimport.Store.
func (s *CFPBImportStore) WriteComplaints(ctx context.Context, importer int64, batch []cfpbimport.Row) (int, error) {
	rows := make([][]any, len(batch))
	for i, r := range batch {
		details, err := json.Marshal(map[string]any{"source": cfpbimport.Source, "externalId": r.ExternalID,
			"file": r.File, "line": r.Line, "cfpb": r.Raw})
		if err != nil {
			return 0, err
		}
		var decision, packID *string
		if r.Dispute != nil {
			decision = nullable(string(*r.Dispute))
		}
		var assessment []byte
		var revision *int
		if a := r.Assessment; a != nil {
			if assessment, err = json.Marshal(a); err != nil {
				return 0, err
			}
			packID, revision = &a.PackID, &a.PackRevision
		}
		rows[i] = []any{r.Line, r.ExternalID, r.InstitutionID, r.Company, string(r.Product), nullable(r.State), r.Narrative,
			violationStrings(r.Claimed), violationStrings(r.Suggested), r.Consent, string(r.Status), r.ReceivedAt,
			r.ForwardedAt, r.DueAt, nullTime(r.RespondedAt), nullTime(r.ClosedAt), decision, nullable(string(r.Response)),
			r.AnsweredAt, r.Explanation, details, assessment, packID, revision, !r.Timely}
	}
	var n int
	err := s.DB.inPgxTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE cfpb_stage (
			line int, external_id text, lender_id bigint, lender_name text, product text, us_state text, narrative text,
			claimed text[], suggested text[], consent boolean, status text, created_at timestamptz, forwarded_at timestamptz,
			due_at timestamptz, responded_at timestamptz, closed_at timestamptz, feedback_decision text, category text,
			answered_at timestamptz, explanation text, details jsonb, assessment jsonb, rule_pack_id text,
			rule_pack_revision integer, untimely boolean) ON COMMIT DROP;
			CREATE TEMP TABLE cfpb_new (id uuid, external_id text) ON COMMIT DROP`); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"cfpb_stage"}, cfpbStageColumns, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `WITH ins AS (
			INSERT INTO complaints (id, reference, status, complainant_id, relation, lender_id, lender_name, product, province,
				narrative, claimed_violations, suggested_violations, priority, recipients, forward_target, forwarded_at,
				response_days, due_at, responded_at, feedback_decision, feedback_at, closed_at, consent_to_publish,
				created_at, updated_at, jurisdiction, us_state, external_source, external_id, assessment, rule_pack_id,
				rule_pack_revision, untimely, awaited_due_at, awaited_kind)
			SELECT gen_random_uuid(),
				'RL-' || extract(year FROM s.created_at AT TIME ZONE 'UTC')::int || '-' || lpad(nextval('complaint_reference_seq')::text, 8, '0'),
				s.status, $1, 'SELF', s.lender_id, s.lender_name, s.product, $2, s.narrative, s.claimed, s.suggested,
				'NORMAL', ARRAY[s.lender_id], 'LENDER', s.forwarded_at, $3, s.due_at, s.responded_at, s.feedback_decision,
				CASE WHEN s.feedback_decision IS NOT NULL THEN s.answered_at END, s.closed_at, s.consent,
				s.created_at, coalesce(s.closed_at, s.forwarded_at), 'US', s.us_state, $4, s.external_id, s.assessment,
				s.rule_pack_id, s.rule_pack_revision, s.untimely,
				-- imported complaints have no clocks: one still in progress awaits its due date (migration 00042)
				CASE WHEN s.status = 'FORWARDED' THEN s.due_at END, CASE WHEN s.status = 'FORWARDED' AND s.due_at IS NOT NULL THEN 'INSTITUTION_RESPONSE' END
			FROM cfpb_stage s
			WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.external_source = $4 AND c.external_id = s.external_id)
			ORDER BY s.line
			ON CONFLICT (external_source, external_id) DO NOTHING
			RETURNING id, external_id)
			INSERT INTO cfpb_new SELECT id, external_id FROM ins`,
			importer, cfpbimport.ProvinceOutsideChina, cfpbimport.ResponseDays, cfpbimport.Source)
		if err != nil {
			return err
		}
		n = int(tag.RowsAffected())
		if n == 0 {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO complaint_responses (id, complaint_id, institution_id, author_id, category, explanation, at)
			SELECT gen_random_uuid(), n.id, s.lender_id, $1, s.category, s.explanation, s.answered_at
			FROM cfpb_new n JOIN cfpb_stage s USING (external_id) WHERE s.category IS NOT NULL`, importer); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO complaint_events (complaint_id, action, to_status, actor_id, actor_role, reason, details, at)
			SELECT n.id, $2, s.status, $1, $3, 'imported from the CFPB Consumer Complaint Database', s.details, now()
			FROM cfpb_new n JOIN cfpb_stage s USING (external_id)`, importer, cfpbimport.ActionImport, string(domain.RoleSystem))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("postgres: import complaints: %w", err)
	}
	return n, nil
}

// RecordImport implements cfpbimport.Store.
func (s *CFPBImportStore) RecordImport(ctx context.Context, sum cfpbimport.Summary) error {
	details, err := json.Marshal(map[string]any{"files": sum.Files, "total": sum.Total, "institutions": sum.Institutions,
		"from": sum.From, "to": sum.To, "tookMs": sum.Took.Milliseconds()})
	if err != nil {
		return err
	}
	return mapError(s.DB.Gorm.WithContext(ctx).Exec(`INSERT INTO audit_log (action, target, details, at) VALUES ('import.cfpb', 'cfpb', ?, ?)`,
		string(details), time.Now().UTC()).Error, "import audit")
}

func violationStrings(vs []domain.ViolationType) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
