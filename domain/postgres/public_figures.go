package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
)

var _ domain.PublicFiguresStore = (*PublicStore)(nil)

// publicFiguresSQL sums the statistics contributions (stats_contributions) of the selected published
// complaints: for the selection as a whole from each complaint's own measures, and per institution
// from its own answer and clock (the i_* arrays aligned with insts, as the scorecards count them).
// Satisfaction is the complaint's rating; satisfied ones rated 4 or 5.
//
// Ratings count in whole blocks (%[3]d of the format: the public minimum of ratings, 5 by default),
// the earliest given first (by feedback_at, then the complaint's id): of n ratings in blocks of 5 the
// first n/5*5 are summed, for the whole selection and for each institution apart. Summed as they
// came, the figures told anyone who read them before and after one complainant rated the answer
// that rating — the count went up by one, and the sum by the rating (session 29, attack: an
// anonymous poll read a 2 seconds after it was given); now they move once a block is full, and the
// difference is a block's.
const publicFiguresSQL = `WITH sel AS (SELECT c.id, c.satisfaction, c.feedback_at FROM complaints c WHERE %[1]s),
fig AS (SELECT sel.satisfaction, sel.feedback_at, s.* FROM sel JOIN stats_contributions s ON s.complaint_id = sel.id),
whole AS (SELECT fig.*, row_number() OVER (PARTITION BY fig.satisfaction IS NULL ORDER BY fig.feedback_at, fig.complaint_id) AS nth,
	count(fig.satisfaction) OVER () AS rated FROM fig),
per AS (SELECT u.*, fig.satisfaction, fig.feedback_at, fig.complaint_id AS cid
	FROM fig CROSS JOIN LATERAL unnest(fig.insts, fig.i_answered, fig.i_timely, fig.i_untimely, fig.i_monetary, fig.i_nonmonetary)
	AS u(inst, answered, timely, untimely, monetary, nonmonetary)),
perr AS (SELECT per.*, row_number() OVER (PARTITION BY per.inst, per.satisfaction IS NULL ORDER BY per.feedback_at, per.cid) AS nth,
	count(per.satisfaction) OVER (PARTITION BY per.inst) AS rated FROM per)
SELECT 0::bigint, ''::text, ''::text, count(*), COALESCE(sum(answered), 0), COALESCE(sum(timely), 0), COALESCE(sum(untimely), 0),
	COALESCE(sum(monetary), 0), COALESCE(sum(nonmonetary), 0),
	count(satisfaction) FILTER (WHERE nth <= rated / %[3]d * %[3]d), COALESCE(sum(satisfaction) FILTER (WHERE nth <= rated / %[3]d * %[3]d), 0),
	count(*) FILTER (WHERE satisfaction >= 4 AND nth <= rated / %[3]d * %[3]d)
FROM whole
UNION ALL
(SELECT p.inst, i.name, i.name_en, count(*), sum(p.answered), sum(p.timely), sum(p.untimely), sum(p.monetary), sum(p.nonmonetary),
	count(p.satisfaction) FILTER (WHERE p.nth <= p.rated / %[3]d * %[3]d), COALESCE(sum(p.satisfaction) FILTER (WHERE p.nth <= p.rated / %[3]d * %[3]d), 0),
	count(*) FILTER (WHERE p.satisfaction >= 4 AND p.nth <= p.rated / %[3]d * %[3]d)
FROM perr p JOIN institutions i ON i.id = p.inst
GROUP BY p.inst, i.name, i.name_en ORDER BY count(*) DESC, p.inst LIMIT %[2]d)`

// PublishedFigures implements domain.PublicFiguresStore.
func (s *PublicStore) PublishedFigures(ctx context.Context, f domain.PublicFilter, asOf time.Time, first int, ratingsBlock int64) (domain.PublicInstitutionFigures, []domain.PublicInstitutionFigures, error) {
	var args sqlArgs
	where := publicWhere(&args, f, asOf)
	rows, err := s.DB.SQL.QueryContext(ctx, fmt.Sprintf(publicFiguresSQL, strings.Join(where, " AND "), first, max(ratingsBlock, 1)), args...)
	if err != nil {
		return domain.PublicInstitutionFigures{}, nil, mapError(err, "public figures")
	}
	defer rows.Close()
	var total domain.PublicInstitutionFigures
	var insts []domain.PublicInstitutionFigures
	for rows.Next() {
		var r domain.PublicInstitutionFigures
		g := &r.Figures
		if err := rows.Scan(&r.InstitutionID, &r.InstitutionName, &r.InstitutionNameEn, &g.Complaints, &g.Answered, &g.Timely, &g.Untimely,
			&g.MonetaryRelief, &g.NonMonetaryRelief, &g.SatisfactionCount, &g.SatisfactionSum, &r.Satisfied); err != nil {
			return total, nil, mapError(err, "public figures")
		}
		if r.InstitutionID == 0 {
			total = r
		} else {
			insts = append(insts, r)
		}
	}
	return total, insts, mapError(rows.Err(), "public figures")
}

// PublishedMonths implements domain.PublicFiguresStore.
func (s *PublicStore) PublishedMonths(ctx context.Context, f domain.PublicFilter, asOf time.Time) ([]domain.PublicMonth, error) {
	var args sqlArgs
	where := publicWhere(&args, f, asOf)
	q := `SELECT date_trunc('month', c.created_at AT TIME ZONE '` + StatsZone + `')::date, count(*) FROM complaints c WHERE ` +
		strings.Join(where, " AND ") + fmt.Sprintf(" GROUP BY 1 ORDER BY 1 DESC LIMIT %d", domain.MaxPublicMonths)
	rows, err := s.DB.SQL.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapError(err, "public trend")
	}
	defer rows.Close()
	var out []domain.PublicMonth
	for rows.Next() {
		var m domain.PublicMonth
		if err := rows.Scan(&m.Month, &m.Complaints); err != nil {
			return nil, mapError(err, "public trend")
		}
		out = append(out, m)
	}
	slices.Reverse(out)
	return out, mapError(rows.Err(), "public trend")
}
