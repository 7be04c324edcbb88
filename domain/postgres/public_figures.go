package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
)

var _ domain.PublicFiguresStore = (*PublicStore)(nil)

// publicFiguresSQL sums the statistics contributions (stats_contributions) of the selected published
// complaints: for the selection as a whole from each complaint's own measures, and per institution
// from its own answer and clock (the i_* arrays aligned with insts, as the scorecards count them).
//
// Satisfaction is read from the ledger of published ratings (public_rating_ledger, fillRatingLedger),
// not from the selection: the whole dataset's blocks for the total (%[3]s names the scope: 0 for the
// whole dataset, an institution's id for its own page, -1 for a narrower selection, whose
// satisfaction is withheld anyway), each institution's own blocks for its row. Summed as they came,
// the figures told anyone who read them before and after one complainant rated the answer that
// rating (session 29, attack); counted in blocks of the selection's current ratings, the blocks
// shifted by one when a rated complaint left the dataset (withdrawn, merged, its consent taken
// back), and told one rating less another (session 30, attack). A block in the ledger never changes.
const publicFiguresSQL = `WITH sel AS (SELECT c.id FROM complaints c WHERE %[1]s),
fig AS (SELECT s.* FROM sel JOIN stats_contributions s ON s.complaint_id = sel.id),
per AS (SELECT u.*
	FROM fig CROSS JOIN LATERAL unnest(fig.insts, fig.i_answered, fig.i_timely, fig.i_untimely, fig.i_monetary, fig.i_nonmonetary)
	AS u(inst, answered, timely, untimely, monetary, nonmonetary)),
led AS (SELECT scope, count(*) AS n, sum(satisfaction)::bigint AS total, count(*) FILTER (WHERE satisfaction >= 4) AS good
	FROM public_rating_ledger GROUP BY scope)
SELECT 0::bigint, ''::text, ''::text, count(*), COALESCE(sum(answered), 0), COALESCE(sum(timely), 0), COALESCE(sum(untimely), 0),
	COALESCE(sum(monetary), 0), COALESCE(sum(nonmonetary), 0),
	COALESCE((SELECT n FROM led WHERE scope = %[3]s), 0), COALESCE((SELECT total FROM led WHERE scope = %[3]s), 0),
	COALESCE((SELECT good FROM led WHERE scope = %[3]s), 0)
FROM fig
UNION ALL
(SELECT p.inst, i.name, i.name_en, count(*), sum(p.answered), sum(p.timely), sum(p.untimely), sum(p.monetary), sum(p.nonmonetary),
	COALESCE(max(led.n), 0), COALESCE(max(led.total), 0), COALESCE(max(led.good), 0)
FROM per p JOIN institutions i ON i.id = p.inst LEFT JOIN led ON led.scope = p.inst
GROUP BY p.inst, i.name, i.name_en ORDER BY count(*) DESC, p.inst LIMIT %[2]d)`

// fillRatingLedgerSQL appends to the ledger, for the whole dataset (scope 0) and for each institution
// a rating counts for, the ratings of the complaints published at asOf that the scope has not taken
// yet, in full blocks of %[2]d, the earliest given first; what does not fill a block waits. A rating
// taken stays in its block whatever becomes of its complaint (session 30, attack).
const fillRatingLedgerSQL = `INSERT INTO public_rating_ledger (scope, complaint_id, block, satisfaction)
SELECT n.scope, n.id, COALESCE(b.last, 0) + (n.nth - 1) / %[2]d + 1, n.satisfaction
FROM (SELECT x.scope, x.id, x.satisfaction,
		row_number() OVER (PARTITION BY x.scope ORDER BY x.feedback_at, x.id) AS nth,
		count(*) OVER (PARTITION BY x.scope) AS cnt
	FROM (SELECT DISTINCT sc.scope, c.id, c.satisfaction, c.feedback_at
		FROM complaints c JOIN stats_contributions s ON s.complaint_id = c.id
		CROSS JOIN LATERAL unnest(array_prepend(0::bigint, s.insts)) AS sc(scope)
		WHERE %[1]s AND c.satisfaction IS NOT NULL AND sc.scope >= 0
			AND NOT EXISTS (SELECT 1 FROM public_rating_ledger l WHERE l.scope = sc.scope AND l.complaint_id = c.id)) x) n
LEFT JOIN (SELECT scope, max(block) AS last FROM public_rating_ledger GROUP BY scope) b ON b.scope = n.scope
WHERE n.nth <= n.cnt / %[2]d * %[2]d`

// ratingLedgerLock is the advisory lock of the ledger's filling: one filler at a time; a read
// that finds it taken reads the ledger as it stands (a block a moment later changes nothing).
const ratingLedgerLock = 7430_2030

// fillRatingLedger appends the full blocks of ratings published at asOf that are not in the
// ledger yet (fillRatingLedgerSQL). Run by maybeFillRatingLedger, at most once per LedgerEvery.
func (s *PublicStore) fillRatingLedger(ctx context.Context, asOf time.Time, block int64) error {
	db := s.Ledger
	if db == nil {
		db = s.DB
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return mapError(err, "public figures")
	}
	defer func() { _ = tx.Rollback() }()
	var got bool
	if err := tx.QueryRowContext(ctx, `SELECT pg_try_advisory_xact_lock($1)`, int64(ratingLedgerLock)).Scan(&got); err != nil {
		return mapError(err, "public figures")
	}
	if !got {
		return nil
	}
	var args sqlArgs
	where := publishedWhere + args.add(asOf)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(fillRatingLedgerSQL, where, block), args...); err != nil {
		return mapError(err, "public figures")
	}
	return mapError(tx.Commit(), "public figures")
}

// DefaultLedgerEvery is how often, at most, a process appends to the ledger of published ratings on
// the read path: the figures show a rating published (and folded into the statistics, every
// minute) within a minute at the most, and the anonymous reads in between cost no write.
const DefaultLedgerEvery = 30 * time.Second

// maybeFillRatingLedger appends to the ledger when this process has not tried for LedgerEvery. An
// append that fails (a read-only primary, a lock, a timeout) is logged and the figures are read
// from the ledger as it stands: its blocks never change, so an older ledger is only less recent.
// The log names the error only: the statement carries no personal data in its text.
func (s *PublicStore) maybeFillRatingLedger(ctx context.Context, asOf time.Time, block int64) {
	every := s.LedgerEvery
	if every == 0 {
		every = DefaultLedgerEvery
	}
	if every > 0 {
		now, last := time.Now().UnixNano(), s.lastFill.Load()
		if last != 0 && now-last < int64(every) && now >= last {
			return
		}
		if !s.lastFill.CompareAndSwap(last, now) {
			return // another read of this process is filling
		}
	}
	// the append is the process's, not the caller's: an anonymous caller who drops the request does
	// not cancel it (and so hold the figures back for another LedgerEvery), and it has a bound of its
	// own (the final review of session 30).
	fillCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ledgerFillTimeout)
	defer cancel()
	if err := s.fillRatingLedger(fillCtx, asOf, block); err != nil {
		slog.WarnContext(ctx, "public figures: the ledger of published ratings was not appended to; the figures are read from it as it stands", "err", err)
	}
}

// ledgerFillTimeout bounds one append to the ledger of published ratings on the read path.
const ledgerFillTimeout = 10 * time.Second

// PublishedFigures implements domain.PublicFiguresStore.
func (s *PublicStore) PublishedFigures(ctx context.Context, f domain.PublicFilter, asOf time.Time, first int, ratingsBlock int64) (domain.PublicInstitutionFigures, []domain.PublicInstitutionFigures, error) {
	var args sqlArgs
	where := publicWhere(&args, f, asOf)
	scope := int64(-1) // a narrower selection: its satisfaction is withheld
	switch {
	case f == domain.PublicFilter{}:
		scope = 0
	case f == domain.PublicFilter{InstitutionID: f.InstitutionID}:
		scope = f.InstitutionID
	}
	if scope >= 0 { // a selection whose satisfaction is withheld reads no ledger: nothing to append
		s.maybeFillRatingLedger(ctx, asOf, max(ratingsBlock, 1))
	}
	rows, err := s.DB.SQL.QueryContext(ctx, fmt.Sprintf(publicFiguresSQL, strings.Join(where, " AND "), first, args.add(scope)), args...)
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
