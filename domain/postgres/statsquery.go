package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
)

var _ domain.StatsStore = (*StatsStore)(nil)

// sqlArgs collects positional arguments.
type sqlArgs []any

func (a *sqlArgs) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

var (
	minDay = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDay = time.Date(2999, 12, 31, 0, 0, 0, 0, time.UTC)
)

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// statsPlan is how a query is answered: which rollup (nil: the contributions) and which rows.
type statsPlan struct {
	rollup   *rollup
	letters  map[byte]bool // dimensions the query needs
	grouped  map[byte]bool // multi-valued dimensions it groups by (i, v, c)
	daysOnly bool          // day rows over the whole period
	byKind   bool          // institutions are asked for by kind only: the kind rollups answer
	from, to time.Time
	mA, mB   time.Time // whole months [mA, mB) read from month rows
	yA, yB   time.Time // whole years [yA, yB) within them, read from year rows of a yearly rollup
}

// kindOnly reports whether a query asks for institutions by kind only (grouped or filtered by
// kind, neither grouped nor filtered by institution): the kind rollups, or the contributions'
// kinds, answer it without the institutions table.
func kindOnly(q domain.StatsQuery) bool {
	return !q.Groups(domain.DimInstitution) && len(q.Filter.Institutions) == 0 &&
		(q.Groups(domain.DimInstitutionKind) || len(q.Filter.InstitutionKinds) > 0)
}

func planStats(q domain.StatsQuery) statsPlan {
	f := q.Filter
	p := statsPlan{letters: map[byte]bool{}, grouped: map[byte]bool{}, from: f.From, to: f.To}
	if p.from.IsZero() {
		p.from = minDay
	}
	if p.to.IsZero() {
		p.to = maxDay
	}
	need := func(l byte, group bool, values int) {
		if group || values > 0 {
			p.letters[l] = true
		}
		if group && multiValued(l) {
			p.grouped[l] = true
		}
	}
	groupInst := q.Groups(domain.DimInstitution) || q.Groups(domain.DimInstitutionKind)
	if p.byKind = kindOnly(q); p.byKind {
		need('k', q.Groups(domain.DimInstitutionKind), len(f.InstitutionKinds))
	} else {
		need('i', groupInst, len(f.Institutions)+len(f.InstitutionKinds))
	}
	need('p', q.Groups(domain.DimProvince), len(f.Provinces))
	need('r', q.Groups(domain.DimProduct), len(f.Products))
	need('v', q.Groups(domain.DimViolationType), len(f.Violations))
	need('c', q.Groups(domain.DimChannel), len(f.Channels))
	// Several values of a multi-valued dimension not grouped by would count a complaint that has
	// two of them twice: only the per-complaint rows can answer that.
	exactOnly := f.RecipientOf != 0 || (!groupInst && (len(f.Institutions) > 1 || len(f.InstitutionKinds) > 1)) ||
		(!p.grouped['v'] && len(f.Violations) > 1) || (!p.grouped['c'] && len(f.Channels) > 1)
	g := q.Grain()
	p.daysOnly = g == domain.DimDay || g == domain.DimWeek
	p.mA = monthStart(p.from)
	if !p.mA.Equal(p.from) {
		p.mA = p.mA.AddDate(0, 1, 0)
	}
	p.mB = monthStart(p.to.AddDate(0, 0, 1))
	if !p.mA.Before(p.mB) {
		p.daysOnly = true
	}
	needDays := p.daysOnly || p.from.Before(p.mA) || !p.to.Before(p.mB)
	if g == "" { // no time grouping: whole years may come from year rows
		p.yA = time.Date(p.mA.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		if !p.yA.Equal(p.mA) {
			p.yA = p.yA.AddDate(1, 0, 0)
		}
		p.yB = time.Date(p.mB.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if exactOnly {
		return p
	}
	// The rollup with the fewest dimensions that holds the query's: the fewest rows to read.
	for i := range rollups {
		r := &rollups[i]
		if r.answers() || (needDays && !r.daily) || (p.rollup != nil && len(r.dims) >= len(p.rollup.dims)) {
			continue
		}
		ok := true
		for l := range p.letters {
			if !r.has(l) {
				ok = false
			}
		}
		// Every multi-valued dimension of the rollup must be grouped or pinned to one value.
		for _, d := range r.dims {
			if multiValued(d.letter) && !p.letters[d.letter] {
				ok = false
			}
		}
		if ok {
			p.rollup = r
		}
	}
	return p
}

// source returns the FROM item that yields rows (period, dimension columns, measures).
func (p statsPlan) source(args *sqlArgs) string {
	if p.rollup != nil {
		var when string
		if p.daysOnly {
			from, to := args.add(p.from), args.add(p.to)
			when = "s.grain = 'D' AND s.period BETWEEN " + from + " AND " + to
		} else {
			mA, mB := args.add(p.mA), args.add(p.mB)
			when = "(s.grain = 'M' AND s.period >= " + mA + " AND s.period < " + mB + ")"
			if p.rollup.yearly && p.yA.Before(p.yB) && !p.daysOnly {
				yA, yB := args.add(p.yA), args.add(p.yB)
				when = "(s.grain = 'Y' AND s.period >= " + yA + " AND s.period < " + yB + ")" +
					" OR (s.grain = 'M' AND ((s.period >= " + mA + " AND s.period < " + yA + ") OR (s.period >= " + yB + " AND s.period < " + mB + ")))"
			}
			if p.rollup.daily && (p.from.Before(p.mA) || !p.to.Before(p.mB)) { // ragged ends
				from, to := args.add(p.from), args.add(p.to)
				when += " OR (s.grain = 'D' AND ((s.period >= " + from + " AND s.period < " + mA + ") OR (s.period >= " + mB + " AND s.period <= " + to + ")))"
			}
		}
		return "(SELECT * FROM " + p.rollup.table() + " s WHERE " + when + ") s"
	}
	from, to := args.add(p.from), args.add(p.to)
	cols := []string{"s.complaint_id", "s.day AS period", "s.province", "s.product", "s.insts", "s.violations", "s.channels", "s.kinds"}
	fromItems := []string{"stats_contributions s"}
	for _, l := range []byte{'i', 'v', 'c', 'k'} {
		if d := statDims[l]; p.grouped[l] {
			cols = append(cols, d.expr+" AS "+d.column)
			fromItems = append(fromItems, d.unnest)
		}
	}
	for _, m := range measures {
		switch {
		case p.grouped['i'] && slices.Contains(instMeasures, m): // each institution's own
			cols = append(cols, "u_i."+m+" AS "+m)
		case p.grouped['k'] && slices.Contains(instMeasures, m): // each institution's own, by its kind
			cols = append(cols, "u_k."+m+" AS "+m)
		default:
			cols = append(cols, "s."+m)
		}
	}
	return "(SELECT " + strings.Join(cols, ", ") + " FROM " + strings.Join(fromItems, ", ") +
		" WHERE s.day BETWEEN " + from + " AND " + to + ") s"
}

// Aggregate implements domain.StatsStore.
func (s *StatsStore) Aggregate(ctx context.Context, q domain.StatsQuery, limit int) ([]domain.StatsRow, error) {
	var out []domain.StatsRow
	err := s.EachAggregate(ctx, q, limit, func(r domain.StatsRow) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// EachAggregate implements domain.StatsStore: the rows are scanned and handed over one by one.
func (s *StatsStore) EachAggregate(ctx context.Context, q domain.StatsQuery, limit int, fn func(domain.StatsRow) error) error {
	p := planStats(q)
	f := q.Filter
	var args sqlArgs
	src := p.source(&args)
	groupInst := q.Groups(domain.DimInstitution) || q.Groups(domain.DimInstitutionKind)
	var keys []string // select expressions of the key, in StatsKey order
	var where []string
	kinds := len(f.InstitutionKinds) > 0 || q.Groups(domain.DimInstitutionKind)
	join := ""
	exact := p.rollup == nil
	if p.letters['i'] {
		if exact && !groupInst {
			// the complaint counts once if any of its institutions matches
			conds := []string{"k.id = ANY(s.insts)"}
			if len(f.Institutions) > 0 {
				conds = append(conds, "k.id = ANY("+args.add(f.Institutions)+"::bigint[])")
			}
			if len(f.InstitutionKinds) > 0 {
				conds = append(conds, "k.kind = ANY("+args.add(strs(f.InstitutionKinds))+"::text[])")
			}
			where = append(where, "EXISTS (SELECT 1 FROM institutions k WHERE "+strings.Join(conds, " AND ")+")")
		} else {
			if len(f.Institutions) > 0 {
				where = append(where, "s.inst = ANY("+args.add(f.Institutions)+"::bigint[])")
			}
			if kinds {
				join = " LEFT JOIN institutions k ON k.id = s.inst"
				if len(f.InstitutionKinds) > 0 {
					where = append(where, "k.kind = ANY("+args.add(strs(f.InstitutionKinds))+"::text[])")
				}
			}
		}
	}
	if q.Groups(domain.DimInstitution) {
		keys = append(keys, "s.inst")
	} else {
		keys = append(keys, "0::bigint")
	}
	switch {
	case q.Groups(domain.DimInstitutionKind) && p.byKind:
		keys = append(keys, "s.kind")
	case q.Groups(domain.DimInstitutionKind):
		keys = append(keys, "COALESCE(k.kind, '')")
	default:
		keys = append(keys, "''")
	}
	if p.byKind {
		switch kinds := strs(f.InstitutionKinds); {
		case len(kinds) == 0:
		case exact && !p.grouped['k']:
			where = append(where, "s.kinds && "+args.add(kinds)+"::text[]")
		default:
			where = append(where, "s.kind = ANY("+args.add(kinds)+"::text[])")
		}
	}
	if f.RecipientOf != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM complaints rc WHERE rc.id = s.complaint_id AND rc.recipients @> ARRAY["+args.add(f.RecipientOf)+"::bigint])")
	}
	type multi struct {
		letter byte
		dim    domain.StatsDimension
		values []string
		col    string
	}
	for _, m := range []multi{
		{'v', domain.DimViolationType, f.Violations, "violation"},
		{'p', domain.DimProvince, f.Provinces, "province"},
		{'r', domain.DimProduct, f.Products, "product"},
		{'c', domain.DimChannel, f.Channels, "channel"},
	} {
		if len(m.values) > 0 {
			switch {
			case exact && (m.letter == 'v' || m.letter == 'c') && !p.grouped[m.letter]:
				arr := map[byte]string{'v': "violations", 'c': "channels"}[m.letter]
				where = append(where, "s."+arr+" && "+args.add(m.values)+"::text[]")
			default:
				where = append(where, "s."+m.col+" = ANY("+args.add(m.values)+"::text[])")
			}
		}
		if q.Groups(m.dim) {
			keys = append(keys, "s."+m.col)
		} else {
			keys = append(keys, "''")
		}
	}
	switch q.Grain() {
	case domain.DimDay:
		keys = append(keys, "s.period")
	case domain.DimWeek:
		keys = append(keys, "date_trunc('week', s.period)::date")
	case domain.DimMonth:
		keys = append(keys, "date_trunc('month', s.period)::date")
	default:
		keys = append(keys, "NULL::date")
	}
	sums := make([]string, len(measures))
	for i, m := range measures {
		sums[i] = "sum(s." + m + ")::bigint"
	}
	query := "SELECT " + strings.Join(keys, ", ") + ", " + strings.Join(sums, ", ") + "\nFROM " + src + join
	if len(where) > 0 {
		query += "\nWHERE " + strings.Join(where, " AND ")
	}
	query += "\nGROUP BY " + positions(len(keys)) + "\nHAVING sum(s.n) > 0" +
		fmt.Sprintf("\nORDER BY %d, %d DESC, %s\nLIMIT %d", len(keys), len(keys)+1, positions(len(keys)-1), limit+1)
	rows, err := s.reader().SQL.QueryContext(ctx, query, args...)
	if err != nil {
		return mapError(err, "statistics")
	}
	defer rows.Close()
	for rows.Next() {
		var r domain.StatsRow
		var kind string
		var period sql.NullTime
		fg := &r.Figures
		if err := rows.Scan(&r.Key.InstitutionID, &kind, &r.Key.Violation, &r.Key.Province, &r.Key.Product, &r.Key.Channel, &period,
			&fg.Complaints, &fg.Answered, &fg.Timely, &fg.Untimely, &fg.MonetaryRelief, &fg.NonMonetaryRelief, &fg.Explained,
			&fg.Accepted, &fg.Disputed, &fg.SatisfactionSum, &fg.SatisfactionCount); err != nil {
			return mapError(err, "statistics")
		}
		r.Key.InstitutionKind = domain.InstitutionKind(kind)
		if period.Valid {
			r.Key.Period = period.Time.UTC()
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return mapError(rows.Err(), "statistics")
}

// AnswerTimes implements domain.StatsStore from the month rows of the answer-day histograms.
func (s *StatsStore) AnswerTimes(ctx context.Context, from, to time.Time, institutions []int64) (map[int64]domain.AnswerTimes, error) {
	var args sqlArgs
	mf, mt := args.add(monthStart(from)), args.add(monthStart(to))
	query := "SELECT 0::bigint, answer_days, sum(n)::bigint FROM stats_r_a WHERE grain = 'M' AND period BETWEEN " + mf + " AND " + mt + " GROUP BY 1, 2"
	if len(institutions) > 0 {
		// whole years from year rows, the other months from month rows
		mA, mB := monthStart(from), monthStart(to).AddDate(0, 1, 0)
		yA, yB := time.Date(mA.Year(), 1, 1, 0, 0, 0, 0, time.UTC), time.Date(mB.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		if !yA.Equal(mA) {
			yA = yA.AddDate(1, 0, 0)
		}
		when := "grain = 'M' AND period BETWEEN " + mf + " AND " + mt
		if yA.Before(yB) {
			y1, y2 := args.add(yA), args.add(yB)
			when = "(grain = 'Y' AND period >= " + y1 + " AND period < " + y2 + ") OR (" + when +
				" AND (period < " + y1 + " OR period >= " + y2 + "))"
		}
		query = "SELECT inst, answer_days, sum(n)::bigint FROM stats_r_ia WHERE (" + when + ")" +
			" AND inst = ANY(" + args.add(institutions) + ") GROUP BY 1, 2"
	}
	rows, err := s.reader().SQL.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapError(err, "answer times")
	}
	defer rows.Close()
	out := map[int64]domain.AnswerTimes{}
	for rows.Next() {
		var inst, n int64
		var days int
		if err := rows.Scan(&inst, &days, &n); err != nil {
			return nil, mapError(err, "answer times")
		}
		if out[inst] == nil {
			out[inst] = domain.AnswerTimes{}
		}
		out[inst][days] += n
	}
	return out, mapError(rows.Err(), "answer times")
}

// RecipientAnswerTimes implements domain.StatsStore from the per-complaint rows: the institution's
// own answer days on the complaints of the days from..to that were forwarded to it.
func (s *StatsStore) RecipientAnswerTimes(ctx context.Context, from, to time.Time, institution int64) (domain.AnswerTimes, error) {
	rows, err := s.reader().SQL.QueryContext(ctx, `SELECT u.days, count(*) FROM stats_contributions s
  CROSS JOIN LATERAL unnest(s.insts, s.i_answer_days) AS u(inst, days)
WHERE s.day BETWEEN $1 AND $2 AND u.inst = $3 AND u.days IS NOT NULL
  AND EXISTS (SELECT 1 FROM complaints rc WHERE rc.id = s.complaint_id AND rc.recipients @> ARRAY[$3::bigint])
GROUP BY 1`, from, to, institution)
	if err != nil {
		return nil, mapError(err, "answer times")
	}
	defer rows.Close()
	out := domain.AnswerTimes{}
	for rows.Next() {
		var days int
		var n int64
		if err := rows.Scan(&days, &n); err != nil {
			return nil, mapError(err, "answer times")
		}
		out[days] += n
	}
	return out, mapError(rows.Err(), "answer times")
}

// WeeklyCounts implements domain.StatsStore: institutions' weeks from the day rows of stats_r_i,
// agencies' weeks by violation type from the contributions of the period.
func (s *StatsStore) WeeklyCounts(ctx context.Context, from, to time.Time, byViolation bool) ([]domain.WeekCount, error) {
	var args sqlArgs
	f, t := args.add(from), args.add(to.AddDate(0, 0, 6))
	query := "SELECT inst, '', date_trunc('week', period)::date, sum(n)::bigint FROM stats_r_i WHERE grain = 'D' AND period BETWEEN " + f + " AND " + t + " AND inst > 0 GROUP BY 1, 2, 3"
	if byViolation {
		query = `SELECT u_i.v, u_v.v, date_trunc('week', s.day)::date, count(*)::bigint
			FROM stats_contributions s, unnest(s.insts) u_i(v), unnest(s.violations) u_v(v)
			WHERE s.day BETWEEN ` + f + ` AND ` + t + ` AND u_v.v <> 'NONE'
			  AND u_i.v IN (SELECT id FROM institutions WHERE kind = 'COLLECTION_AGENCY')
			GROUP BY 1, 2, 3`
	}
	rows, err := s.reader().SQL.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapError(err, "weekly counts")
	}
	defer rows.Close()
	var out []domain.WeekCount
	for rows.Next() {
		var w domain.WeekCount
		if err := rows.Scan(&w.InstitutionID, &w.Key, &w.WeekStart, &w.Count); err != nil {
			return nil, mapError(err, "weekly counts")
		}
		w.WeekStart = w.WeekStart.UTC()
		out = append(out, w)
	}
	return out, mapError(rows.Err(), "weekly counts")
}

// RaiseAlert implements domain.StatsStore.
func (s *StatsStore) RaiseAlert(ctx context.Context, a *domain.Alert) (bool, error) {
	res, err := s.DB.SQL.ExecContext(ctx, `INSERT INTO stats_alerts (id, kind, institution_id, key, week_start, observed, baseline, statistic, raised_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (kind, institution_id, week_start, key) DO NOTHING`,
		a.ID, a.Kind, a.InstitutionID, a.Key, a.WeekStart, a.Observed, a.Baseline, a.Statistic, a.RaisedAt)
	if err != nil {
		return false, mapError(err, "alert")
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

const alertColumns = `a.id, a.kind, a.institution_id, i.name, a.key, a.week_start, a.observed, a.baseline, a.statistic, a.raised_at,
	COALESCE(a.acknowledged_by, 0), a.acknowledged_at, a.note`

func scanAlert(sc interface{ Scan(...any) error }) (*domain.Alert, error) {
	a := &domain.Alert{}
	var ack sql.NullTime
	if err := sc.Scan(&a.ID, &a.Kind, &a.InstitutionID, &a.InstitutionName, &a.Key, &a.WeekStart, &a.Observed, &a.Baseline,
		&a.Statistic, &a.RaisedAt, &a.AcknowledgedBy, &ack, &a.Note); err != nil {
		return nil, err
	}
	a.WeekStart, a.RaisedAt = a.WeekStart.UTC(), a.RaisedAt.UTC()
	if ack.Valid {
		a.AcknowledgedAt = ack.Time.UTC()
	}
	return a, nil
}

// Alerts implements domain.StatsStore; the cursor is the raised time and id of the last alert.
func (s *StatsStore) Alerts(ctx context.Context, f domain.AlertFilter, p domain.Page) ([]*domain.Alert, bool, error) {
	var args sqlArgs
	where := []string{"true"}
	if f.OpenOnly {
		where = append(where, "a.acknowledged_at IS NULL")
	}
	if len(f.InstitutionKinds) > 0 {
		where = append(where, "i.kind = ANY("+args.add(strs(f.InstitutionKinds))+"::text[])")
	}
	if !f.From.IsZero() {
		where = append(where, "a.week_start >= "+args.add(f.From.Format("2006-01-02"))+"::date")
	}
	if !f.To.IsZero() {
		where = append(where, "a.week_start <= "+args.add(f.To.Format("2006-01-02"))+"::date")
	}
	if p.After != "" {
		at, id, ok := strings.Cut(p.After, "|")
		t, err := time.Parse(time.RFC3339Nano, at)
		if !ok || err != nil || !domain.IsUUID(id) {
			return nil, false, domain.Invalid("after", "not a cursor of this list", "分页游标无效")
		}
		where = append(where, "(a.raised_at, a.id) < ("+args.add(t)+", "+args.add(id)+"::uuid)")
	}
	rows, err := s.DB.SQL.QueryContext(ctx, "SELECT "+alertColumns+" FROM stats_alerts a JOIN institutions i ON i.id = a.institution_id WHERE "+
		strings.Join(where, " AND ")+fmt.Sprintf(" ORDER BY a.raised_at DESC, a.id DESC LIMIT %d", p.First+1), args...)
	if err != nil {
		return nil, false, mapError(err, "alerts")
	}
	defer rows.Close()
	var out []*domain.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, false, mapError(err, "alerts")
		}
		out = append(out, a)
	}
	more := len(out) > p.First
	if more {
		out = out[:p.First]
	}
	return out, more, mapError(rows.Err(), "alerts")
}

// AcknowledgeAlert implements domain.StatsStore; the first acknowledgement stands, and each
// leaves an audit record.
func (s *StatsStore) AcknowledgeAlert(ctx context.Context, id string, by int64, note string, at time.Time) (*domain.Alert, error) {
	if !domain.IsUUID(id) {
		return nil, domain.ErrNotFound
	}
	tx, err := s.DB.SQL.BeginTx(ctx, nil)
	if err != nil {
		return nil, mapError(err, "acknowledge alert")
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE stats_alerts SET acknowledged_by = $2, acknowledged_at = $3, note = $4 WHERE id = $1 AND acknowledged_at IS NULL`, id, by, at, note)
	if err != nil {
		return nil, mapError(err, "acknowledge alert")
	}
	if n, _ := res.RowsAffected(); n == 1 {
		details, _ := json.Marshal(map[string]any{"note": note})
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (actor_id, action, target, details, at) VALUES ($1, 'ALERT_ACKNOWLEDGED', $2, $3, $4)`,
			by, "alert:"+id, string(details), at); err != nil {
			return nil, mapError(err, "acknowledge alert")
		}
	}
	a, err := scanAlert(tx.QueryRowContext(ctx, "SELECT "+alertColumns+" FROM stats_alerts a JOIN institutions i ON i.id = a.institution_id WHERE a.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.ErrNotFound
	}
	if err != nil {
		return nil, mapError(err, "acknowledge alert")
	}
	return a, mapError(tx.Commit(), "acknowledge alert")
}

// Supervisors implements domain.StatsStore.
func (s *StatsStore) Supervisors(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.DB.Gorm.WithContext(ctx).Raw("SELECT id FROM users WHERE role = 'supervisor' ORDER BY id").Scan(&ids).Error
	return ids, mapError(err, "supervisors")
}

// InstitutionsByID implements domain.StatsStore.
func (s *StatsStore) InstitutionsByID(ctx context.Context, ids []int64) (map[int64]*domain.Institution, error) {
	rows, err := s.DB.SQL.QueryContext(ctx, "SELECT id, name, COALESCE(name_en, ''), kind, COALESCE(customer_base, 0) FROM institutions WHERE id = ANY($1)", ids)
	if err != nil {
		return nil, mapError(err, "institutions")
	}
	defer rows.Close()
	out := map[int64]*domain.Institution{}
	for rows.Next() {
		in := &domain.Institution{}
		var kind string
		if err := rows.Scan(&in.ID, &in.Name, &in.NameEn, &kind, &in.CustomerBase); err != nil {
			return nil, mapError(err, "institutions")
		}
		in.Kind = domain.InstitutionKind(kind)
		out[in.ID] = in
	}
	return out, mapError(rows.Err(), "institutions")
}

// reader is the database statistics are read from: the read replica when one is configured
// (DATABASE_READ_URL), else the primary. Writes (Apply, Rebuild, alerts) always go to the primary.
func (s *StatsStore) reader() *DB {
	if s.Read != nil {
		return s.Read
	}
	return s.DB
}
