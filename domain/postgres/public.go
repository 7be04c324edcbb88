package postgres

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// PublicStore reads the public dataset (domain.PublicStore) off the complaints_public index of
// migration 00013.
type PublicStore struct {
	DB *DB
	// Ledger is the database the ledger of published ratings is appended to (the primary, when DB
	// is a read replica); nil: DB.
	Ledger *DB
	// LedgerEvery is how often a read of the figures appends to the ledger: at most once per
	// LedgerEvery in this process (0: DefaultLedgerEvery; negative: at every read, as tests do).
	// The reads in between read the ledger as it stands (session 30, attackmend).
	LedgerEvery time.Duration
	// lastFill is when this process last started to append to the ledger (Unix nanoseconds).
	lastFill atomic.Int64
}

var _ domain.PublicStore = (*PublicStore)(nil)

// publishedWhere is the publication rule in SQL; its predicates are the index's, word for word, so
// that the planner uses it. It mirrors domain.PublishedAt.
const publishedWhere = `c.consent_to_publish AND c.merged_into IS NULL AND c.status <> 'WITHDRAWN'
	AND redline_publish_at(c.forwarded_at, c.responded_at) <= `

// dayStart is the first instant of a statistics day (China time).
func dayStart(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, statsZone)
}

// Published implements domain.PublicStore. The cursor is the publication time and id of the last
// complaint of the page.
func (s *PublicStore) Published(ctx context.Context, f domain.PublicFilter, asOf time.Time, p domain.Page) (domain.PublishedPage, error) {
	var args sqlArgs
	where := publicWhere(&args, f, asOf)
	var out domain.PublishedPage
	if !p.SkipTotal {
		var total int
		if err := s.DB.SQL.QueryRowContext(ctx, "SELECT count(*) FROM complaints c WHERE "+strings.Join(where, " AND "), args...).Scan(&total); err != nil {
			return out, mapError(err, "public complaints")
		}
		out.Total = total
	}
	if p.After != "" {
		at, id, err := decodePublicCursor(p.After)
		if err != nil {
			return out, domain.Invalid("after", "not a cursor of this list", "分页游标无效")
		}
		where = append(where, "(redline_publish_at(c.forwarded_at, c.responded_at), c.id) < ("+args.add(at)+", "+args.add(id)+"::uuid)")
	}
	query := `SELECT c.id, redline_publish_at(c.forwarded_at, c.responded_at), COALESCE(l.name, ''), COALESCE(a.name, ''), COALESCE(l.name_en, ''), COALESCE(a.name_en, ''), COALESCE(c.us_state, ''),
		COALESCE((SELECT r.category FROM complaint_responses r WHERE r.complaint_id = c.id ORDER BY r.at DESC LIMIT 1), '')
		FROM complaints c LEFT JOIN institutions l ON l.id = c.lender_id LEFT JOIN institutions a ON a.id = c.agency_id
		WHERE ` + strings.Join(where, " AND ") +
		fmt.Sprintf("\nORDER BY redline_publish_at(c.forwarded_at, c.responded_at) DESC, c.id DESC LIMIT %d", p.First+1)
	rows, err := s.DB.SQL.QueryContext(ctx, query, args...)
	if err != nil {
		return out, mapError(err, "public complaints")
	}
	var ids []string
	for rows.Next() {
		var r domain.PublishedRecord
		var id, response string
		if err := rows.Scan(&id, &r.PublishedAt, &r.Lender, &r.Agency, &r.LenderEn, &r.AgencyEn, &r.USState, &response); err != nil {
			rows.Close()
			return out, mapError(err, "public complaints")
		}
		r.PublishedAt = r.PublishedAt.UTC()
		r.Response = domain.ResponseCategory(response)
		r.Complaint = &domain.Complaint{ID: id}
		ids = append(ids, id)
		out.Records = append(out.Records, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, mapError(err, "public complaints")
	}
	if len(out.Records) > p.First {
		out.HasNext = true
		out.Records, ids = out.Records[:p.First], ids[:p.First]
	}
	if len(ids) == 0 {
		return out, nil
	}
	var crs []complaintRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id IN ?", ids).Find(&crs).Error; err != nil {
		return out, mapError(err, "public complaints")
	}
	byID := make(map[string]*domain.Complaint, len(crs))
	for i := range crs {
		c, err := s.DB.toDomainComplaint(&crs[i])
		if err != nil {
			return out, mapError(err, "public complaints")
		}
		byID[c.ID] = c
	}
	for i := range out.Records {
		r := &out.Records[i]
		c := byID[r.Complaint.ID]
		if c == nil { // deleted between the two reads
			return out, mapError(sql.ErrNoRows, "public complaints")
		}
		r.Complaint = c
		out.Cursors = append(out.Cursors, encodePublicCursor(r.PublishedAt, c.ID))
	}
	return out, nil
}

// publicWhere is the WHERE clause of the complaints published at asOf that match the filter.
func publicWhere(args *sqlArgs, f domain.PublicFilter, asOf time.Time) []string {
	where := []string{publishedWhere + args.add(asOf)}
	if !f.From.IsZero() {
		where = append(where, "c.created_at >= "+args.add(dayStart(f.From)))
	}
	if !f.To.IsZero() {
		where = append(where, "c.created_at < "+args.add(dayStart(f.To).AddDate(0, 0, 1)))
	}
	if f.InstitutionID != 0 {
		n := args.add(f.InstitutionID)
		where = append(where, "(c.lender_id = "+n+" OR c.agency_id = "+n+")")
	}
	if f.Product != "" {
		where = append(where, "c.product = "+args.add(string(f.Product)))
	}
	if f.Province != "" {
		n := args.add(f.Province)
		where = append(where, "(c.province = "+n+" OR c.us_state = "+n+")")
	}
	if f.Violation != "" {
		where = append(where, "COALESCE(NULLIF(c.confirmed_violations, '{}'), c.claimed_violations) @> ARRAY["+args.add(string(f.Violation))+"]::text[]")
	}
	return where
}

func encodePublicCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

func decodePublicCursor(s string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", err
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok {
		return time.Time{}, "", fmt.Errorf("cursor without position")
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return time.Time{}, "", err
	}
	if !domain.IsUUID(id) {
		return time.Time{}, "", errors.New("cursor without a complaint id")
	}
	return t, id, nil
}
