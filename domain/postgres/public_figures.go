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
const publicFiguresSQL = `WITH sel AS (SELECT c.id, c.satisfaction FROM complaints c WHERE %s),
fig AS (SELECT sel.satisfaction, s.* FROM sel JOIN stats_contributions s ON s.complaint_id = sel.id)
SELECT 0::bigint, ''::text, ''::text, count(*), COALESCE(sum(answered), 0), COALESCE(sum(timely), 0), COALESCE(sum(untimely), 0),
	COALESCE(sum(monetary), 0), COALESCE(sum(nonmonetary), 0), count(satisfaction), COALESCE(sum(satisfaction), 0),
	count(*) FILTER (WHERE satisfaction >= 4)
FROM fig
UNION ALL
(SELECT u.inst, i.name, i.name_en, count(*), sum(u.answered), sum(u.timely), sum(u.untimely), sum(u.monetary), sum(u.nonmonetary),
	count(fig.satisfaction), COALESCE(sum(fig.satisfaction), 0), count(*) FILTER (WHERE fig.satisfaction >= 4)
FROM fig CROSS JOIN LATERAL unnest(fig.insts, fig.i_answered, fig.i_timely, fig.i_untimely, fig.i_monetary, fig.i_nonmonetary)
	AS u(inst, answered, timely, untimely, monetary, nonmonetary)
	JOIN institutions i ON i.id = u.inst
GROUP BY u.inst, i.name, i.name_en ORDER BY count(*) DESC, u.inst LIMIT %d)`

// PublishedFigures implements domain.PublicFiguresStore.
func (s *PublicStore) PublishedFigures(ctx context.Context, f domain.PublicFilter, asOf time.Time, first int) (domain.PublicInstitutionFigures, []domain.PublicInstitutionFigures, error) {
	var args sqlArgs
	where := publicWhere(&args, f, asOf)
	rows, err := s.DB.SQL.QueryContext(ctx, fmt.Sprintf(publicFiguresSQL, strings.Join(where, " AND "), first), args...)
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
