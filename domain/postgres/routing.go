package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
)

// jsonDoc maps a nullable jsonb column holding one document of type T.
type jsonDoc[T any] struct{ V *T }

// Scan implements sql.Scanner.
func (d *jsonDoc[T]) Scan(src any) error {
	d.V = new(T)
	return scanJSONB("jsonb", src, d.V, func() { d.V = nil })
}

// jsonDocument is implemented by jsonDoc: a column whose driver value is the document's JSON text.
type jsonDocument interface{ jsonDocument() }

func (jsonDoc[T]) jsonDocument() {}

// Value implements driver.Valuer.
func (d jsonDoc[T]) Value() (driver.Value, error) {
	if d.V == nil {
		return nil, nil
	}
	b, err := json.Marshal(d.V)
	return string(b), err
}

// RoutingStore implements domain.RoutingStore.
type RoutingStore struct {
	DB *DB

	// current caches the latest version read: a version never changes once stored, so routing
	// asks only for the newest version number (an index-only look-up) and decodes the document
	// once per version instead of once per complaint.
	mu      sync.Mutex
	current *domain.RoutingTable
}

var _ domain.RoutingStore = (*RoutingStore)(nil)

type routingTableRow struct {
	Version   int `gorm:"primaryKey"`
	Document  jsonDoc[domain.RoutingTable]
	CreatedBy *int64
	Reason    string
	CreatedAt time.Time
}

func (routingTableRow) TableName() string { return "routing_tables" }

func toDomainRoutingTable(r *routingTableRow) domain.RoutingTable {
	var t domain.RoutingTable
	if r.Document.V != nil {
		t = *r.Document.V
	}
	t.Version, t.CreatedBy, t.Reason, t.CreatedAt = r.Version, deref(r.CreatedBy), r.Reason, r.CreatedAt
	return t
}

// CurrentRoutingTable implements domain.RoutingStore.
func (s *RoutingStore) CurrentRoutingTable(ctx context.Context, def domain.RoutingTable) (domain.RoutingTable, error) {
	var latest []int
	if err := s.DB.Gorm.WithContext(ctx).Model(&routingTableRow{}).Order("version DESC").Limit(1).Pluck("version", &latest).Error; err != nil {
		return domain.RoutingTable{}, mapError(err, "routing table")
	}
	s.mu.Lock()
	cached := s.current
	s.mu.Unlock()
	if cached != nil && len(latest) == 1 && cached.Version == latest[0] {
		return cloneRoutingTable(*cached), nil
	}
	t, err := s.loadCurrentRoutingTable(ctx, def)
	if err == nil {
		c := cloneRoutingTable(t)
		s.mu.Lock()
		if s.current == nil || s.current.Version < c.Version {
			s.current = &c
		}
		s.mu.Unlock()
	}
	return t, err
}

// cloneRoutingTable copies t's lists, so that a caller changing its copy leaves the cache alone.
func cloneRoutingTable(t domain.RoutingTable) domain.RoutingTable {
	t.Rules, t.Teams = slices.Clone(t.Rules), slices.Clone(t.Teams)
	return t
}

func (s *RoutingStore) loadCurrentRoutingTable(ctx context.Context, def domain.RoutingTable) (domain.RoutingTable, error) {
	var rows []routingTableRow
	if err := s.DB.Gorm.WithContext(ctx).Order("version DESC").Limit(1).Find(&rows).Error; err != nil {
		return domain.RoutingTable{}, mapError(err, "routing table")
	}
	if len(rows) == 1 {
		return toDomainRoutingTable(&rows[0]), nil
	}
	def.Version, def.CreatedAt = 1, s.DB.Now()
	row := routingTableRow{Version: 1, Document: jsonDoc[domain.RoutingTable]{V: &def}, Reason: def.Reason, CreatedAt: def.CreatedAt}
	if err := s.DB.Gorm.WithContext(ctx).Exec(`INSERT INTO routing_tables (version, document, reason, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (version) DO NOTHING`, row.Version, row.Document, row.Reason, row.CreatedAt).Error; err != nil {
		return domain.RoutingTable{}, mapError(err, "routing table")
	}
	return s.RoutingTableVersion(ctx, 0)
}

// RoutingTableVersion implements domain.RoutingStore; version 0 is the latest.
func (s *RoutingStore) RoutingTableVersion(ctx context.Context, version int) (domain.RoutingTable, error) {
	q := s.DB.Gorm.WithContext(ctx)
	if version == 0 {
		q = q.Order("version DESC")
	} else {
		q = q.Where("version = ?", version)
	}
	var row routingTableRow
	if err := q.Take(&row).Error; err != nil {
		return domain.RoutingTable{}, mapError(err, "routing table version")
	}
	return toDomainRoutingTable(&row), nil
}

// RoutingTableVersions implements domain.RoutingStore.
func (s *RoutingStore) RoutingTableVersions(ctx context.Context) ([]domain.RoutingTable, error) {
	var rows []routingTableRow
	if err := s.DB.Gorm.WithContext(ctx).Order("version DESC").Find(&rows).Error; err != nil {
		return nil, mapError(err, "routing tables")
	}
	out := make([]domain.RoutingTable, len(rows))
	for i := range rows {
		out[i] = toDomainRoutingTable(&rows[i])
	}
	return out, nil
}

// SaveRoutingTable implements domain.RoutingStore.
func (s *RoutingStore) SaveRoutingTable(ctx context.Context, t domain.RoutingTable, act domain.AdminAct) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		row := routingTableRow{Version: t.Version, Document: jsonDoc[domain.RoutingTable]{V: &t}, CreatedBy: nullable(t.CreatedBy),
			Reason: t.Reason, CreatedAt: t.CreatedAt}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return recordAdminActInAuditLog(tx, act)
	}), "routing table version")
}

// UnknownTeams implements domain.RoutingStore.
func (s *RoutingStore) UnknownTeams(ctx context.Context, teams []string) ([]string, error) {
	var known []string
	if err := s.DB.Gorm.WithContext(ctx).Raw("SELECT code FROM teams WHERE code IN ?", append(teams, "")).Scan(&known).Error; err != nil {
		return nil, mapError(err, "teams")
	}
	var out []string
	for _, t := range teams {
		found := false
		for _, k := range known {
			found = found || k == t
		}
		if !found {
			out = append(out, t)
		}
	}
	return out, nil
}

// openStatuses are the states counted as a reviewer's load.
var openStatuses = func() []string {
	var out []string
	for _, st := range domain.Statuses {
		if st.Open() {
			out = append(out, string(st))
		}
	}
	return out
}()

// LeastLoadedReviewer implements domain.RoutingStore: the reviewers bound to the team (or to every
// team), each with the count of open complaints assigned to them, fewest first.
func (s *RoutingStore) LeastLoadedReviewer(ctx context.Context, team string) (int64, error) {
	var ids []int64
	err := s.DB.Gorm.WithContext(ctx).Raw(`
		SELECT r.id FROM (SELECT DISTINCT user_id AS id FROM role_bindings WHERE role = 'reviewer' AND domain IN (?, '*')) r
		LEFT JOIN complaints c ON c.assignee_id = r.id AND c.status IN ?
		GROUP BY r.id
		ORDER BY count(c.id), r.id
		LIMIT 1`, "team:"+team, openStatuses).Scan(&ids).Error
	if err != nil {
		return 0, mapError(err, "least-loaded reviewer")
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], nil
}

// PackStore implements rules.PackStore.
type PackStore struct{ DB *DB }

var _ rules.PackStore = (*PackStore)(nil)

type rulePackRow struct {
	PackID    string `gorm:"primaryKey"`
	Revision  int    `gorm:"primaryKey"`
	Edition   string
	Document  string
	CreatedBy *int64
	Reason    string
	CreatedAt time.Time
}

func (rulePackRow) TableName() string { return "rule_packs" }

func toPackRecord(r *rulePackRow) rules.PackRecord {
	return rules.PackRecord{ID: rules.Jurisdiction(r.PackID), Revision: r.Revision, Edition: r.Edition, Document: []byte(r.Document),
		CreatedBy: deref(r.CreatedBy), Reason: r.Reason, CreatedAt: r.CreatedAt}
}

// LatestRevision implements rules.PackStore: the newest revision number alone, 0 when none is stored.
func (s *PackStore) LatestRevision(ctx context.Context, id rules.Jurisdiction) (int, error) {
	var revs []int
	err := s.DB.Gorm.WithContext(ctx).Model(&rulePackRow{}).Where("pack_id = ?", string(id)).Order("revision DESC").Limit(1).Pluck("revision", &revs).Error
	if err != nil || len(revs) == 0 {
		return 0, mapError(err, "rule pack")
	}
	return revs[0], nil
}

// LatestPack implements rules.PackStore.
func (s *PackStore) LatestPack(ctx context.Context, id rules.Jurisdiction) (rules.PackRecord, error) {
	return s.PackRevision(ctx, id, 0)
}

// PackRevision implements rules.PackStore; revision 0 is the latest.
func (s *PackStore) PackRevision(ctx context.Context, id rules.Jurisdiction, revision int) (rules.PackRecord, error) {
	q := s.DB.Gorm.WithContext(ctx).Where("pack_id = ?", string(id))
	if revision == 0 {
		q = q.Order("revision DESC")
	} else {
		q = q.Where("revision = ?", revision)
	}
	var row rulePackRow
	if err := q.Take(&row).Error; err != nil {
		return rules.PackRecord{}, mapError(err, "rule pack")
	}
	return toPackRecord(&row), nil
}

// PackRevisions implements rules.PackStore.
func (s *PackStore) PackRevisions(ctx context.Context, id rules.Jurisdiction) ([]rules.PackRecord, error) {
	var rows []rulePackRow
	if err := s.DB.Gorm.WithContext(ctx).Where("pack_id = ?", string(id)).Order("revision DESC").Find(&rows).Error; err != nil {
		return nil, mapError(err, "rule packs")
	}
	out := make([]rules.PackRecord, len(rows))
	for i := range rows {
		out[i] = toPackRecord(&rows[i])
	}
	return out, nil
}

// SavePack implements rules.PackStore.
func (s *PackStore) SavePack(ctx context.Context, rec rules.PackRecord, act *domain.AdminAct) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		row := rulePackRow{PackID: string(rec.ID), Revision: rec.Revision, Edition: rec.Edition, Document: string(rec.Document),
			CreatedBy: nullable(rec.CreatedBy), Reason: rec.Reason, CreatedAt: rec.CreatedAt}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		if act == nil {
			return nil
		}
		return recordAdminActInAuditLog(tx, *act)
	}), "rule pack revision")
}

var _ domain.DuplicateFinder = (*ComplaintStore)(nil)

// LikelyDuplicates implements domain.DuplicateFinder: complaints filed since since and before c
// whose debtor has the same keyed hash of the ID number or of the mobile, against the same lender or
// agency as c (whose ids routing may just have matched), newest first. A complaint without the
// debtor's ID number and mobile has no hash to match and costs no query; otherwise the hash indexes
// answer it (complaints_debtor_id_hash, complaints_debtor_mobile_hash; TestLikelyDuplicatesPlan).
func (s *ComplaintStore) LikelyDuplicates(ctx context.Context, c *domain.Complaint, since time.Time) ([]string, error) {
	if c.Debtor.IDNumber == "" && c.Debtor.Mobile == "" {
		return nil, nil
	}
	var ids []string
	err := s.DB.Gorm.WithContext(ctx).Raw(likelyDuplicatesSQL, sql.Named("lender", nullable(c.LenderID)),
		sql.Named("agency", nullable(c.AgencyID)), sql.Named("since", since), sql.Named("id", c.ID)).Scan(&ids).Error
	if err != nil {
		return nil, mapError(err, "likely duplicates")
	}
	return ids, nil
}

var _ domain.DuplicatesOfMany = (*ComplaintStore)(nil)

// LikelyDuplicatesOf implements domain.DuplicatesOfMany: LikelyDuplicates of each probe, with its
// own since, in one statement for all of them (a routed batch), by complaint id. Probes without
// the debtor's ID number and mobile are not looked up.
func (s *ComplaintStore) LikelyDuplicatesOf(ctx context.Context, probes []*domain.Complaint, since []time.Time) (map[string][]string, error) {
	if len(probes) != len(since) {
		return nil, fmt.Errorf("postgres: likely duplicates of %d complaints with %d times", len(probes), len(since))
	}
	var ids, lenders, agencies, sinces []string
	for i, c := range probes {
		if c.Debtor.IDNumber == "" && c.Debtor.Mobile == "" {
			continue
		}
		if !domain.IsUUID(c.ID) {
			continue
		}
		ids = append(ids, c.ID)
		lenders, agencies = append(lenders, idOrEmpty(c.LenderID)), append(agencies, idOrEmpty(c.AgencyID))
		sinces = append(sinces, since[i].UTC().Format(time.RFC3339Nano))
	}
	out := make(map[string][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct{ Probe, ID string }
	err := s.DB.Gorm.WithContext(ctx).Raw(likelyDuplicatesOfSQL, sql.Named("ids", strings.Join(ids, ",")),
		sql.Named("lenders", strings.Join(lenders, ",")), sql.Named("agencies", strings.Join(agencies, ",")),
		sql.Named("since", strings.Join(sinces, ","))).Scan(&rows).Error
	if err != nil {
		return nil, mapError(err, "likely duplicates")
	}
	for _, r := range rows {
		out[r.Probe] = append(out[r.Probe], r.ID)
	}
	return out, nil
}

// idOrEmpty is an institution id as an element of likelyDuplicatesOfSQL's lists ("" for none).
func idOrEmpty(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// likelyDuplicatesOfSQL is likelyDuplicatesSQL for every probe of the lists (complaint ids,
// lender and agency ids with "" for none, since), each probe's complaints looked up on the hash
// indexes as there, in the probes' order. Its text is the same whatever the number of probes.
const likelyDuplicatesOfSQL = `
	SELECT p.pid::text AS probe, x.id::text AS id
	FROM unnest(string_to_array(CAST(@ids AS text), ',')::uuid[], string_to_array(CAST(@lenders AS text), ',', '')::bigint[],
	            string_to_array(CAST(@agencies AS text), ',', '')::bigint[], string_to_array(CAST(@since AS text), ',')::timestamptz[])
	     WITH ORDINALITY AS p(pid, lender, agency, since, ord)
	CROSS JOIN LATERAL (
		SELECT d.id, d.created_at FROM (
			SELECT d.id, d.created_at FROM complaints c JOIN complaints d ON d.debtor_id_hash = c.debtor_id_hash
			WHERE c.id = p.pid AND d.debtor_id_hash IS NOT NULL AND d.id <> c.id AND d.created_at >= p.since AND d.created_at <= c.created_at
			  AND (d.lender_id = p.lender OR d.agency_id = p.agency)
			UNION
			SELECT d.id, d.created_at FROM complaints c JOIN complaints d ON d.debtor_mobile_hash = c.debtor_mobile_hash
			WHERE c.id = p.pid AND d.debtor_mobile_hash IS NOT NULL AND d.id <> c.id AND d.created_at >= p.since AND d.created_at <= c.created_at
			  AND (d.lender_id = p.lender OR d.agency_id = p.agency)
		) d
		ORDER BY d.created_at DESC, d.id
		LIMIT 20 -- domain.MaxLikelyDuplicates
	) x
	ORDER BY p.ord, x.created_at DESC, x.id`

// likelyDuplicatesSQL looks each hash up on its own index (a union of two index scans) rather
// than joining on an OR of both, which the planner may answer by reading every recent complaint
// of the lender.
const likelyDuplicatesSQL = `
	WITH c AS MATERIALIZED (SELECT id, debtor_id_hash, debtor_mobile_hash, created_at FROM complaints WHERE id = @id)
	SELECT id::text FROM (
		SELECT d.id, d.created_at FROM c JOIN complaints d ON d.debtor_id_hash = c.debtor_id_hash
		WHERE d.debtor_id_hash IS NOT NULL AND d.id <> c.id AND d.created_at >= @since AND d.created_at <= c.created_at
		  AND (d.lender_id = @lender OR d.agency_id = @agency)
		UNION
		SELECT d.id, d.created_at FROM c JOIN complaints d ON d.debtor_mobile_hash = c.debtor_mobile_hash
		WHERE d.debtor_mobile_hash IS NOT NULL AND d.id <> c.id AND d.created_at >= @since AND d.created_at <= c.created_at
		  AND (d.lender_id = @lender OR d.agency_id = @agency)
	) d
	ORDER BY d.created_at DESC, d.id
	LIMIT 20` // domain.MaxLikelyDuplicates
