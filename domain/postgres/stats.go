package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

// StatsStore keeps and reads the statistics aggregates (migration 00011, docs/STATISTICS.md).
//
// Every complaint has one row in stats_contributions: what it adds to the figures, computed from
// its current state. The rollup tables stats_r_<dims> are sums of contributions. Apply replaces one
// complaint's contribution (subtract the old, add the new, one transaction), so however often and
// in whatever order its events arrive, the complaint counts once, as it now stands. Rebuild
// recomputes contributions and rollups for a period, set-based, from complaints and their answers.
type StatsStore struct {
	DB *DB
	// Read, when set, is a read replica the statistics queries read from (DATABASE_READ_URL).
	Read *DB
}

// StatsZone is the time zone whose calendar days the statistics count in.
const StatsZone = "Asia/Shanghai"

// statsZone is StatsZone loaded once.
var statsZone = func() *time.Location {
	loc, err := time.LoadLocation(StatsZone)
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// measures are the additive columns of the outcome rollups, in table order.
var measures = []string{"n", "answered", "timely", "untimely", "monetary", "nonmonetary", "explained", "accepted", "disputed", "sat_sum", "sat_n"}

// instMeasures are the measures each institution of a complaint has of its own: on a complaint
// forwarded to both lender and agency, each is counted on its own answer and clock (migration
// 00014); the rollups by institution sum these, the others the complaint's.
var instMeasures = []string{"answered", "timely", "untimely", "monetary", "nonmonetary", "explained"}

// measureExpr is measure m of contribution row s in the rollup: the institution's own when the
// rollup is by institution or by institution kind.
func (r rollup) measureExpr(m string) string {
	if slices.Contains(instMeasures, m) {
		if r.has('i') {
			return "u_i." + m
		}
		if r.has('k') {
			return "u_k." + m
		}
	}
	return "s." + m
}

// statDim is one dimension of the rollups: its letter in the table name, its column, and how a
// contribution row s yields its values (multi-valued dimensions unnest an array).
type statDim struct {
	letter byte
	column string
	expr   string // value expression over s (or the unnest alias)
	unnest string // FROM item for multi-valued dimensions, "" otherwise
}

var statDims = map[byte]statDim{
	// An institution's own measures come with it (instMeasures): the arrays are aligned with insts.
	'i': {'i', "inst", "u_i.v", "unnest(s.insts, s.i_answered, s.i_timely, s.i_untimely, s.i_monetary, s.i_nonmonetary, s.i_explained, s.i_answer_days)" +
		" AS u_i(v, answered, timely, untimely, monetary, nonmonetary, explained, answer_days)"},
	'p': {'p', "province", "s.province", ""},
	'r': {'r', "product", "s.product", ""},
	'v': {'v', "violation", "u_v.v", "unnest(s.violations) AS u_v(v)"},
	'c': {'c', "channel", "u_c.v", "unnest(s.channels) AS u_c(v)"},
	'a': {'a', "answer_days", "s.answer_days", ""},
	// k is the institution kind (migration 00015): kinds is aligned with insts ('' for none
	// matched) and comes with each institution's own measures, so a rollup by kind holds what the
	// institution rollup summed over the kind's institutions holds. There are five kinds.
	'k': {'k', "kind", "u_k.v", "unnest(s.kinds, s.i_answered, s.i_timely, s.i_untimely, s.i_monetary, s.i_nonmonetary, s.i_explained)" +
		" AS u_k(v, answered, timely, untimely, monetary, nonmonetary, explained)"},
}

// multiValued reports whether a contribution can hold several values of the dimension.
func multiValued(letter byte) bool {
	return letter == 'i' || letter == 'v' || letter == 'c' || letter == 'k'
}

// rollup is one aggregate table.
type rollup struct {
	code string // "all" or the dimension letters, as in the table name
	dims []statDim
	// daily rollups keep day rows besides month rows. The pairs of an institution with a province,
	// product or channel keep month rows only: at day grain they would hold about a row per
	// complaint. Institution × violation type keeps day rows (migration 00015), so that one
	// institution's ragged periods read its own day rows (index on inst, grain, period).
	daily bool
	// yearly rollups also keep year rows (grain 'Y', period the first of January; migration 00015),
	// summed from their month rows: the scorecards of a year read one row per institution, not twelve.
	yearly bool
	// base names a daily rollup with more dimensions, all single-valued, whose day rows Rebuild
	// sums instead of reading every contribution again.
	base string
}

func (r rollup) table() string { return "stats_r_" + r.code }

// answers reports whether the rollup is an answer-time histogram (a count per answer day).
func (r rollup) answers() bool { return r.has('a') }

func (r rollup) has(letter byte) bool {
	for _, d := range r.dims {
		if d.letter == letter {
			return true
		}
	}
	return false
}

func (r rollup) measures() []string {
	if r.answers() {
		return []string{"n"}
	}
	return measures
}

// yearlyRollups are the rollups with year rows: those the scorecards read.
var yearlyRollups = []string{"i", "iv", "ia"}

// rollups lists the aggregate tables, bases before the rollups summed from them; it must match
// migrations 00011 and 00015.
var rollups = func() []rollup {
	specs := []struct {
		code  string
		daily bool
		base  string
	}{
		{"pr", true, ""}, {"pv", true, ""}, {"pc", true, ""}, {"rv", true, ""}, {"rc", true, ""}, {"vc", true, ""},
		{"all", true, "pr"}, {"p", true, "pr"}, {"r", true, "pr"}, {"v", true, "pv"}, {"c", true, "pc"},
		{"i", true, ""}, {"a", true, ""},
		{"ip", false, ""}, {"ir", false, ""}, {"iv", true, ""}, {"ic", false, ""}, {"ia", false, ""},
		// migration 00015: the institution kind
		{"kp", true, ""}, {"kr", true, ""}, {"kv", true, ""}, {"kc", true, ""}, {"k", true, "kp"},
	}
	out := make([]rollup, len(specs))
	for i, sp := range specs {
		r := rollup{code: sp.code, daily: sp.daily, base: sp.base, yearly: slices.Contains(yearlyRollups, sp.code)}
		if sp.code != "all" {
			for j := 0; j < len(sp.code); j++ {
				r.dims = append(r.dims, statDims[sp.code[j]])
			}
		}
		out[i] = r
	}
	return out
}()

func rollupByCode(code string) rollup {
	for _, r := range rollups {
		if r.code == code {
			return r
		}
	}
	panic("stats: no rollup " + code)
}

// contributionSQL selects the contribution of every complaint of the WHERE clause that follows it,
// in stats_contributions' column order. $now decides which unanswered complaints are overdue.
// Merged duplicates contribute nothing: their primary counts for them.
var contributionSQL = `
SELECT c.id AS complaint_id, c.version,
  (c.created_at AT TIME ZONE '` + StatsZone + `')::date AS day,
  ` + instsSQL + ` AS insts,
  coalesce(c.us_state::text, c.province::text) AS province, c.product,
  ` + violationsSQL + ` AS violations,
  COALESCE((SELECT array_agg(DISTINCT e->>'channel' ORDER BY e->>'channel') FROM jsonb_array_elements(c.incidents) e
            WHERE e->>'channel' IS NOT NULL), '{UNSPECIFIED}'::text[]) AS channels,
  ` + answerDaysSQL + ` AS answer_days,
  1 AS n,
  ` + answeredSQL + ` AS answered,
  ` + timelySQL + ` AS timely,
  ` + untimelySQL + ` AS untimely,
  ` + categorySQL("r", "CLOSED_WITH_MONETARY_RELIEF") + ` AS monetary,
  ` + categorySQL("r", "CLOSED_WITH_NON_MONETARY_RELIEF") + ` AS nonmonetary,
  ` + categorySQL("r", "CLOSED_WITH_EXPLANATION") + ` AS explained,
  (c.feedback_decision IS NOT DISTINCT FROM 'ACCEPT')::int AS accepted,
  (c.feedback_decision IS NOT DISTINCT FROM 'DISPUTE')::int AS disputed,
  COALESCE(c.satisfaction, 0)::int AS sat_sum,
  (c.satisfaction IS NOT NULL)::int AS sat_n,
  pi.i_answered, pi.i_timely, pi.i_untimely, pi.i_monetary, pi.i_nonmonetary, pi.i_explained, pi.i_answer_days,
  ARRAY(SELECT coalesce((SELECT k.kind FROM institutions k WHERE k.id = u.inst), '')
        FROM unnest(` + instsSQL + `) WITH ORDINALITY AS u(inst, ord) ORDER BY u.ord) AS kinds
FROM complaints c
LEFT JOIN LATERAL (SELECT category FROM complaint_responses
                   WHERE complaint_id = c.id AND category <> 'IN_PROGRESS' ORDER BY at DESC LIMIT 1) r ON true
` + perInstitutionSQL + `
WHERE c.merged_into IS NULL AND `

// violationsSQL is a complaint's violation types in the statistics: the ones a reviewer confirmed
// once the complaint is classified, else the claimed ones and those the rule engine flags (its
// suggestions at domain.RoutingConfidence or more, which routing counts too), else NONE. A rule
// reassessment (domain.Reassessments) that changes the suggestions therefore moves the figures.
const violationsSQL = `CASE WHEN cardinality(c.confirmed_violations) > 0 THEN c.confirmed_violations
       ELSE coalesce((SELECT array_agg(DISTINCT v ORDER BY v) FROM (
           SELECT unnest(c.claimed_violations) AS v
           UNION SELECT e->>'Type' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.assessment->'Violations') = 'array'
                                                                  THEN c.assessment->'Violations' ELSE '[]'::jsonb END) e
                 WHERE (e->>'Confidence')::float8 >= 0.5) s), '{NONE}'::text[]) END`

// The complaint's own measures. The complaint has answered when it moved to RESPONDED (every
// recipient answered); it is untimely when an institution's clock was breached (c.untimely), it was
// answered after its due instant, or it is open, unanswered and past due.
const (
	answerDaysSQL = `CASE WHEN c.responded_at IS NOT NULL AND c.forwarded_at IS NOT NULL
       THEN greatest(0, floor(extract(epoch FROM c.responded_at - c.forwarded_at) / 86400))::int END`
	answeredSQL = `(c.responded_at IS NOT NULL)::int`
	timelySQL   = `(NOT c.untimely AND c.due_at IS NOT NULL AND c.responded_at IS NOT NULL AND c.responded_at <= c.due_at)::int`
	untimelySQL = `coalesce(c.untimely OR c.responded_at > c.due_at
     OR (c.responded_at IS NULL AND c.due_at < @now AND c.status IN ('SUBMITTED','IN_TRIAGE','NEEDS_INFORMATION','FORWARDED','RESPONDED','ACCEPTED','DISPUTED','IN_INVESTIGATION','ESCALATED')), false)::int`
)

// categorySQL says whether the final answer in lateral alias r is of the category, once answered.
func categorySQL(r, category string) string {
	answered := "c.responded_at IS NOT NULL"
	if r != "r" {
		answered = "d.met_at IS NOT NULL"
	}
	return "(" + answered + " AND " + r + ".category IS NOT DISTINCT FROM '" + category + "')::int"
}

// perInstitutionSQL computes each institution's own measures, aligned with insts. On a complaint
// forwarded to both lender and agency, each institution is counted on its clock of the current
// forwarding (d) and its own latest final answer (ri): answered when its clock records the answer,
// timely when the clock was met in time, untimely when it was breached (answered late or not at
// all) or runs past due now, the answer time from the forwarding to its own answer. Every other
// complaint has one answer, and each of its institutions counts the complaint's measures.
var perInstitutionSQL = `LEFT JOIN LATERAL (
  SELECT array_agg(x.answered ORDER BY u.ord) AS i_answered, array_agg(x.timely ORDER BY u.ord) AS i_timely,
         array_agg(x.untimely ORDER BY u.ord) AS i_untimely, array_agg(x.monetary ORDER BY u.ord) AS i_monetary,
         array_agg(x.nonmonetary ORDER BY u.ord) AS i_nonmonetary, array_agg(x.explained ORDER BY u.ord) AS i_explained,
         array_agg(x.answer_days ORDER BY u.ord) AS i_answer_days
  FROM unnest(` + instsSQL + `) WITH ORDINALITY AS u(inst, ord)
  LEFT JOIN LATERAL (SELECT d.state, d.started_at, d.due_at, d.paused_at, d.met_at FROM complaint_deadlines d
                     WHERE c.forward_target = 'BOTH' AND d.complaint_id = c.id AND d.kind = 'INSTITUTION_RESPONSE'
                       AND d.institution_id = u.inst AND d.started_at >= c.forwarded_at
                     ORDER BY d.started_at DESC LIMIT 1) d ON true
  LEFT JOIN LATERAL (SELECT category FROM complaint_responses
                     WHERE d.met_at IS NOT NULL AND complaint_id = c.id AND institution_id = u.inst AND category <> 'IN_PROGRESS'
                     ORDER BY at DESC LIMIT 1) ri ON true
  CROSS JOIN LATERAL (SELECT
    CASE WHEN d.state IS NULL THEN ` + answeredSQL + ` ELSE (d.met_at IS NOT NULL)::int END AS answered,
    CASE WHEN d.state IS NULL THEN ` + timelySQL + ` ELSE (d.state = 'MET')::int END AS timely,
    CASE WHEN d.state IS NULL THEN ` + untimelySQL + `
         ELSE (d.state = 'BREACHED' OR (d.state = 'OPEN' AND d.paused_at IS NULL AND d.due_at < @now))::int END AS untimely,
    CASE WHEN d.state IS NULL THEN ` + categorySQL("r", "CLOSED_WITH_MONETARY_RELIEF") + ` ELSE ` + categorySQL("ri", "CLOSED_WITH_MONETARY_RELIEF") + ` END AS monetary,
    CASE WHEN d.state IS NULL THEN ` + categorySQL("r", "CLOSED_WITH_NON_MONETARY_RELIEF") + ` ELSE ` + categorySQL("ri", "CLOSED_WITH_NON_MONETARY_RELIEF") + ` END AS nonmonetary,
    CASE WHEN d.state IS NULL THEN ` + categorySQL("r", "CLOSED_WITH_EXPLANATION") + ` ELSE ` + categorySQL("ri", "CLOSED_WITH_EXPLANATION") + ` END AS explained,
    CASE WHEN d.state IS NULL THEN ` + answerDaysSQL + `
         WHEN d.met_at IS NOT NULL THEN greatest(0, floor(extract(epoch FROM d.met_at - d.started_at) / 86400))::int END AS answer_days
  ) x
) pi ON true`

// instsSQL is a complaint's institutions: lender and agency; {-1} when none was matched.
const instsSQL = `CASE WHEN c.lender_id IS NULL AND c.agency_id IS NULL THEN '{-1}'::bigint[]
       ELSE array_remove(ARRAY[c.lender_id, c.agency_id], NULL) END`

var contributionColumns = append(append([]string{"version", "day", "insts", "province", "product", "violations", "channels", "answer_days"}, measures...),
	"i_answered", "i_timely", "i_untimely", "i_monetary", "i_nonmonetary", "i_explained", "i_answer_days", "kinds")

// aggregateSQL adds the signed rows of src (contribution rows with a leading sign column) to the
// rollup, at its grains. Cells whose sums are all zero are left alone, so an unchanged
// contribution writes nothing. Rows are written in key order, so concurrent updates take their
// row locks in the same order and cannot deadlock.
func (r rollup) aggregateSQL(src string) string {
	gs := []string{"('M'::char(1))"}
	if r.daily {
		gs = append([]string{"('D'::char(1))"}, gs...)
	}
	if r.yearly {
		gs = append(gs, "('Y'::char(1))")
	}
	grains := "(VALUES " + strings.Join(gs, ", ") + ") AS g(grain)"
	cols, keys, sel, from, where := r.selectParts("s.sign * ")
	var set []string
	for _, m := range r.measures() {
		set = append(set, m+" = t."+m+" + excluded."+m)
	}
	nonzero := strings.Join(sel[len(keys):], " <> 0 OR ") + " <> 0"
	sel[1] = "CASE g.grain WHEN 'D' THEN s.day WHEN 'Y' THEN date_trunc('year', s.day)::date ELSE date_trunc('month', s.day)::date END"
	return "INSERT INTO " + r.table() + " AS t (" + strings.Join(cols, ", ") + ")\nSELECT " + strings.Join(sel, ", ") +
		"\nFROM (" + src + ") s, " + grains + from + "\nWHERE " + where + "\nGROUP BY " + positions(len(keys)) +
		"\nHAVING " + nonzero + "\nORDER BY " + positions(len(keys)) +
		"\nON CONFLICT (" + strings.Join(keys, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ")
}

// selectParts returns the rollup's columns, key columns, the select list over contribution rows s
// (measures multiplied by factor; the period left to the caller), extra FROM items and the WHERE
// clause.
func (r rollup) selectParts(factor string) (cols, keys, sel []string, from, where string) {
	cols = []string{"grain", "period"}
	sel = []string{"g.grain", "period"}
	where = "true"
	for _, d := range r.dims {
		cols = append(cols, d.column)
		expr := d.expr
		if d.letter == 'a' && r.has('i') { // each institution's own answer time
			expr = "u_i.answer_days"
		}
		sel = append(sel, expr)
		if d.unnest != "" {
			from += ", " + d.unnest
		}
		if d.letter == 'a' {
			where = expr + " IS NOT NULL"
		}
	}
	keys = append([]string{}, cols...)
	for _, m := range r.measures() {
		cols = append(cols, m)
		sel = append(sel, "sum("+factor+r.measureExpr(m)+")")
	}
	return cols, keys, sel, from, where
}

func positions(n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprint(i + 1)
	}
	return strings.Join(p, ", ")
}

// rebuildSQL recomputes the rollup's rows of the period: day rows of the days @first to @last
// and month rows of the months @mfirst to @mlast, from contributions or from its base's day rows,
// and month rows from its own day rows; year rows of the years @yfirst to @ylast from its month rows.
func (r rollup) rebuildSQL() []string {
	out := r.rebuildDaysMonthsSQL()
	if !r.yearly {
		return out
	}
	cols, keys, _, _, _ := r.selectParts("")
	year := []string{"'Y'", "date_trunc('year', s.period)::date"}
	for _, c := range cols[2:] {
		if slices.Contains(keys, c) {
			year = append(year, "s."+c)
		} else {
			year = append(year, "sum(s."+c+")")
		}
	}
	return append(out,
		"DELETE FROM "+r.table()+" WHERE grain = 'Y' AND period BETWEEN @yfirst AND @ylast",
		"INSERT INTO "+r.table()+" ("+strings.Join(cols, ", ")+")\nSELECT "+strings.Join(year, ", ")+
			"\nFROM "+r.table()+" s WHERE s.grain = 'M' AND s.period BETWEEN @yfirst AND @yend"+
			"\nGROUP BY "+positions(len(keys))+"\nORDER BY "+positions(len(keys)))
}

// rebuildDaysMonthsSQL is rebuildSQL's day and month rows.
func (r rollup) rebuildDaysMonthsSQL() []string {
	cols, keys, sel, from, where := r.selectParts("")
	insert := "INSERT INTO " + r.table() + " (" + strings.Join(cols, ", ") + ")\nSELECT "
	// Rows in key order lie together on disk, so a period's rows are read from few pages.
	group := "\nGROUP BY " + positions(len(keys)) + "\nORDER BY " + positions(len(keys))
	var out []string
	if r.daily {
		day := append([]string{"'D'", "s.day"}, sel[2:]...)
		src := "stats_contributions s" + from + "\nWHERE s.day BETWEEN @first AND @last AND " + where
		if r.base != "" { // the base's day rows hold these dimensions' values and measures as columns
			day = []string{"'D'", "s.period"}
			for _, c := range cols[2:] {
				if slices.Contains(keys, c) {
					day = append(day, "s."+c)
				} else {
					day = append(day, "sum(s."+c+")")
				}
			}
			src = rollupByCode(r.base).table() + " s\nWHERE s.grain = 'D' AND s.period BETWEEN @first AND @last"
		}
		out = append(out,
			"DELETE FROM "+r.table()+" WHERE grain = 'D' AND period BETWEEN @first AND @last",
			insert+strings.Join(day, ", ")+"\nFROM "+src+group)
		month := []string{"'M'", "date_trunc('month', s.period)::date"}
		for _, c := range cols[2:] {
			if slices.Contains(keys, c) {
				month = append(month, "s."+c)
			} else {
				month = append(month, "sum(s."+c+")")
			}
		}
		out = append(out,
			"DELETE FROM "+r.table()+" WHERE grain = 'M' AND period BETWEEN @mfirst AND @mlast",
			insert+strings.Join(month, ", ")+"\nFROM "+r.table()+" s WHERE s.grain = 'D' AND s.period BETWEEN @mfirst AND @mend"+group)
		return out
	}
	month := append([]string{"'M'", "date_trunc('month', s.day)::date"}, sel[2:]...)
	return append(out,
		"DELETE FROM "+r.table()+" WHERE grain = 'M' AND period BETWEEN @mfirst AND @mlast",
		insert+strings.Join(month, ", ")+"\nFROM stats_contributions s"+from+"\nWHERE s.day BETWEEN @mfirst AND @mend AND "+where+group)
}

// applySQL replaces one complaint's contribution and moves the rollups by the difference, in one
// statement: every part reads the same snapshot, so "old" is the contribution before the change.
var applySQL = applyManySQL("= @id")

// applyManySQL is applySQL for the complaints whose id matches the condition idCond (a suffix of
// "c.id " and "complaint_id "): the rollups move by the sum of their differences.
func applyManySQL(idCond string) string {
	var b strings.Builder
	b.WriteString(contributionsDeltaSQL(idCond))
	for _, r := range rollups {
		b.WriteString(",\nr_" + r.code + " AS (" + r.aggregateSQL("SELECT * FROM delta") + ")")
	}
	b.WriteString("\nSELECT count(*) FROM new")
	return b.String()
}

// contributionsDeltaSQL is the first part of applyManySQL and stageSQL: the complaints' new
// contributions (new) written over the old (old), and their difference (delta: the old rows with
// sign -1, the new with +1).
func contributionsDeltaSQL(idCond string) string {
	var b strings.Builder
	b.WriteString("WITH new AS (" + contributionSQL + "c.id " + idCond + "),\n")
	b.WriteString("old AS (SELECT * FROM stats_contributions WHERE complaint_id " + idCond + "),\n")
	b.WriteString("delta AS (SELECT -1 AS sign, o.* FROM old o UNION ALL SELECT 1 AS sign, nw.* FROM new nw),\n")
	set := make([]string, len(contributionColumns))
	for i, c := range contributionColumns {
		set[i] = c + " = excluded." + c
	}
	b.WriteString("up AS (INSERT INTO stats_contributions SELECT * FROM new ON CONFLICT (complaint_id) DO UPDATE SET " +
		strings.Join(set, ", ") + "),\n")
	b.WriteString("gone AS (DELETE FROM stats_contributions o WHERE o.complaint_id " + idCond +
		" AND NOT EXISTS (SELECT 1 FROM new WHERE new.complaint_id = o.complaint_id))")
	return b.String()
}

// stageSQL is applyManySQL for a batch (batchIDs) that leaves the rollups alone: the batch's difference goes to
// stats_pending (migration 00044), for foldSQL to add to the rollups.
var stageSQL = contributionsDeltaSQL(batchIDs) +
	",\npend AS (INSERT INTO stats_pending (sign, complaint_id, " + strings.Join(contributionColumns, ", ") + ") SELECT * FROM delta)" +
	"\nSELECT count(*) FROM new"

// foldSQL moves up to @most pending differences, the oldest, into the rollups and deletes them, in
// one statement: the rollups move by the sum of the differences of however many batches were
// staged since the last fold, each of their rows written once. (The parameter also makes pgx
// prepare it: a statement without parameters goes by the simple protocol, planned at every call.)
// The differences are first summed by everything the rollups read of them (g: alike
// contributions, differing only by complaint, become one row whose sign is their count; those
// whose signs cancel, none), so that the 23 rollups aggregate each distinct contribution once
// rather than every complaint's: the rollups are linear in the sign, so their sums are the same.
var foldSQL = func() string {
	var b strings.Builder
	b.WriteString("WITH d AS (DELETE FROM stats_pending WHERE seq IN (SELECT seq FROM stats_pending ORDER BY seq LIMIT CAST(@most AS bigint)) RETURNING *)")
	cols := strings.Join(slices.DeleteFunc(slices.Clone(contributionColumns), func(c string) bool { return c == "version" }), ", ")
	b.WriteString(",\ng AS (SELECT sum(sign)::int AS sign, " + cols + " FROM d GROUP BY " + cols + " HAVING sum(sign) <> 0)")
	for _, r := range rollups {
		b.WriteString(",\nr_" + r.code + " AS (" + r.aggregateSQL("SELECT * FROM g") + ")")
	}
	b.WriteString("\nSELECT count(*) FROM d")
	return b.String()
}()

// anyPending says whether a difference is pending. It reads the first entry of the primary key,
// not the table: every fold deletes what it folds, so until vacuum the table is mostly dead rows,
// which `EXISTS (SELECT 1 FROM stats_pending)` scanned (11 ms at 60,000 of them, at each fold's
// look again: 0.08 ms a routed complaint in bench route); the index's first live entry is a few
// pages away (0.35 ms there).
const anyPending = "SELECT EXISTS (SELECT 1 FROM (SELECT seq FROM stats_pending ORDER BY seq LIMIT 1) x)"

// foldLock is the advisory lock that lets one fold run at a time; tryFoldLock takes it when free.
const (
	foldLock    = "SELECT pg_advisory_xact_lock(hashtextextended('redline stats fold', 11))"
	tryFoldLock = "SELECT pg_try_advisory_xact_lock(hashtextextended('redline stats fold', 11))"
)

// batchIDs matches the complaints of a batch given as one parameter, the ids joined by commas: the
// text of stageSQL is the same whatever the batch's size, so that each connection prepares it once
// and, under plan_cache_mode = force_generic_plan (ApplyMany), plans it once. With one parameter
// per id (IN ($1, …, $n)) every execution was planned anew, and planning the 23 rollups took about
// as long as running them (~230 ms a batch of 50 on the loaded machine, pg_stat_statements'
// total_plan_time).
const batchIDs = "= ANY (string_to_array(CAST(@ids AS text), ',')::uuid[])"

// Apply brings the aggregates up to date with one complaint's current state. It is idempotent and
// order-independent: it recomputes the complaint's contribution rather than applying an event. A
// complaint that no longer exists (or was merged into another) stops counting.
func (s *StatsStore) Apply(ctx context.Context, complaintID string) error {
	if !domain.IsUUID(complaintID) {
		return domain.Invalid("complaintId", "not a complaint id", "投诉编号无效")
	}
	// The complaint's advisory lock is taken on its id as PostgreSQL writes a uuid (lower case), as
	// ApplyMany takes it: an id given in capitals took another lock, so Apply and ApplyMany of one
	// complaint did not keep each other out (session 25, attack).
	complaintID = strings.ToLower(complaintID)
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		// ROW EXCLUSIVE waits for a running Rebuild (SHARE ROW EXCLUSIVE) and keeps it out; the
		// advisory lock serialises two updates of the same complaint.
		if err := tx.Exec("LOCK TABLE stats_contributions IN ROW EXCLUSIVE MODE").Error; err != nil {
			return err
		}
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 11))", complaintID).Error; err != nil {
			return err
		}
		return tx.Exec(applySQL, map[string]any{"id": complaintID, "now": s.DB.Now()}).Error
	})
	return mapError(err, "apply statistics")
}

// ApplyMany brings the aggregates up to date with several complaints' current state (a routed
// batch): they end as after Apply of each. Duplicate ids count once. The batch is first "staged":
// one transaction writes the complaints' contributions and their differences to stats_pending.
// Then it is "folded": one transaction at a time (an advisory lock) adds every pending difference
// to the rollups in one statement and deletes it. When a fold is running already, ApplyMany
// leaves its batch to it: the running fold, once committed, looks again and folds what was staged
// meanwhile, until nothing is pending. So batches applied while a fold runs are summed together,
// each rollup row written once between them instead of once per batch (and no batch waits for
// another's rollup rows); when every ApplyMany running at the same time has returned, all of them
// are in the rollups. A fold that fails returns its error to its ApplyMany (whose task is retried,
// and folds again); Rebuild folds first.
func (s *StatsStore) ApplyMany(ctx context.Context, complaintIDs []string) error {
	ids := make([]string, 0, len(complaintIDs))
	for _, id := range complaintIDs {
		if !domain.IsUUID(id) { // the one spelling of an id, as Apply (urn:uuid:… is no complaint's)
			return domain.Invalid("complaintId", "not a complaint id", "投诉编号无效")
		}
		ids = append(ids, strings.ToLower(id))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return nil
	}
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := lockForApply(tx); err != nil {
			return err
		}
		// The complaints' advisory locks in one order, so two batches sharing complaints cannot
		// deadlock (Apply's lock of one complaint is the same lock).
		if err := tx.Exec("SELECT count(pg_advisory_xact_lock(hashtextextended(x.id, 11))) FROM"+
			" (SELECT unnest(string_to_array(?, ',')) AS id ORDER BY 1) x", strings.Join(ids, ",")).Error; err != nil {
			return err
		}
		return tx.Exec(stageSQL, map[string]any{"ids": strings.Join(ids, ","), "now": s.DB.Now()}).Error
	})
	if err != nil {
		return mapError(err, "apply statistics")
	}
	return mapError(s.fold(ctx), "apply statistics")
}

// fold adds the pending differences to the rollups unless another fold is running; after its
// commit it looks again, and folds again what was staged meanwhile. A stage that commits while a
// fold runs is therefore folded: by that fold's look after its commit (the stage committed before
// its ApplyMany tried the lock, so before the running fold released it), or by a fold that took
// the lock since, and looks again in turn.
func (s *StatsStore) fold(ctx context.Context) error {
	for {
		var mine bool
		err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
			if err := lockForApply(tx); err != nil {
				return err
			}
			if err := tx.Raw(tryFoldLock).Row().Scan(&mine); err != nil || !mine {
				return err
			}
			return foldAll(tx)
		})
		if err != nil || !mine {
			return err
		}
		var pending bool
		if err := s.DB.Gorm.WithContext(ctx).Raw(anyPending).Row().Scan(&pending); err != nil || !pending {
			return err
		}
	}
}

// FoldPending folds what ApplyMany staged and no fold took in: a worker that died (or whose fold
// failed for good) between its stage and its fold leaves its differences in stats_pending, where
// only the next batch's fold would otherwise find them. Unlike ApplyMany's fold it waits for a
// fold that holds the lock (or a dead session's lock, until the server has ended that session),
// so that what was staged before it was called is in the rollups when it returns. Nothing pending
// costs one index probe.
func (s *StatsStore) FoldPending(ctx context.Context) error {
	var pending bool
	if err := s.DB.Gorm.WithContext(ctx).Raw(anyPending).Row().Scan(&pending); err != nil {
		return mapError(err, "fold statistics")
	}
	if !pending {
		return nil
	}
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := lockForApply(tx); err != nil {
			return err
		}
		if err := tx.Exec(foldLock).Error; err != nil {
			return err
		}
		return foldAll(tx)
	})
	return mapError(err, "fold statistics")
}

// Backlog counts the staged differences and the age of the oldest (stats_pending.staged_at,
// migration 00052), by the database's clock.
func (s *StatsStore) Backlog(ctx context.Context) (domain.StatsBacklog, error) {
	var b domain.StatsBacklog
	var oldest float64
	err := s.DB.Gorm.WithContext(ctx).Raw(`SELECT count(*), coalesce(extract(epoch FROM now() - min(staged_at)), 0)::float8 FROM stats_pending`).
		Row().Scan(&b.Pending, &oldest)
	if err != nil {
		return b, mapError(err, "statistics backlog")
	}
	b.Oldest = time.Duration(max(oldest, 0) * float64(time.Second))
	return b, nil
}

// lockForApply takes what a transaction that writes contributions or rollups needs: ROW EXCLUSIVE
// on stats_contributions waits for a running Rebuild (SHARE ROW EXCLUSIVE) and keeps it out; and
// the statement settings of ApplyMany's statements.
func lockForApply(tx *gorm.DB) error {
	if err := tx.Exec("LOCK TABLE stats_contributions IN ROW EXCLUSIVE MODE").Error; err != nil {
		return err
	}
	// The planner's cost of the statements grows with the ids past jit_above_cost, and compiling
	// their ~500 expressions took 0.5 s for 100 complaints that they read and write in 0.1 s. And
	// one plan per connection for each statement, whatever its ids (stageSQL, foldSQL): both settings in one round trip.
	return tx.Exec("SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)").Error
}

// foldAll moves every pending difference visible to its statements into the rollups; the caller
// holds the fold's lock.
func foldAll(tx *gorm.DB) error {
	for {
		var folded int
		if err := tx.Raw(foldSQL, map[string]any{"most": foldMost}).Row().Scan(&folded); err != nil || folded < foldMost {
			return err
		}
	}
}

// foldMost is the most differences one fold statement sums (a fold after a long pause, or a
// Rebuild's, loops).
const foldMost = 20000

// StatsDay returns the statistics day of an instant: its calendar date in StatsZone, at midnight UTC.
func StatsDay(t time.Time) time.Time {
	y, m, d := t.In(statsZone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Rebuild recomputes the aggregates of every complaint filed on the statistics days from from's day
// to to's day, both included, from the complaints, their answers and feedback: set-based, in one
// transaction that holds off Apply meanwhile. Monthly figures of the months touched are recomputed
// whole. Call it after loading complaints in bulk (which writes no events) and to repair drift.
//
// Timeliness follows the complaint's untimely flag (set at a breach, or by an import), due_at and
// responded_at: answered by due_at is timely; flagged, answered after due_at, or unanswered past
// it while the complaint is open is untimely.
func (s *StatsStore) Rebuild(ctx context.Context, from, to time.Time) error {
	if to.Before(from) {
		return domain.Invalid("to", "the end of the period is before its start", "结束日期早于开始日期")
	}
	first, last := StatsDay(from), StatsDay(to)
	monthFirst := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
	monthLast := time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)
	args := map[string]any{"first": first, "last": last, "mfirst": monthFirst, "mlast": monthLast,
		"mend": monthLast.AddDate(0, 1, -1), "now": s.DB.Now(),
		"yfirst": time.Date(first.Year(), 1, 1, 0, 0, 0, 0, time.UTC), "ylast": time.Date(last.Year(), 1, 1, 0, 0, 0, 0, time.UTC),
		"yend": time.Date(last.Year(), 12, 1, 0, 0, 0, 0, time.UTC)}
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("LOCK TABLE stats_contributions IN SHARE ROW EXCLUSIVE MODE").Error; err != nil {
			return err
		}
		// The differences ApplyMany staged and not yet folded go into the rollups first: the
		// rebuilt period is recomputed from the contributions below, the rest keeps them.
		if err := tx.Exec(foldLock).Error; err != nil {
			return err
		}
		if err := foldAll(tx); err != nil {
			return err
		}
		stmts := []string{
			"SET LOCAL work_mem = '256MB'",
			"DELETE FROM stats_contributions WHERE day BETWEEN @first AND @last",
			"INSERT INTO stats_contributions " + contributionSQL +
				"c.created_at >= CAST(@first AS date)::timestamp AT TIME ZONE '" + StatsZone + "'" +
				" AND c.created_at < (CAST(@last AS date) + 1)::timestamp AT TIME ZONE '" + StatsZone + "'",
		}
		for _, r := range rollups {
			stmts = append(stmts, r.rebuildSQL()...)
		}
		// Fresh statistics for the planner: a bulk rebuild changes the tables' sizes by orders.
		stmts = append(stmts, "ANALYZE stats_contributions")
		for _, r := range rollups {
			stmts = append(stmts, "ANALYZE "+r.table())
		}
		for _, q := range stmts {
			t0 := time.Now()
			var err error
			if strings.Contains(q, "@") {
				err = tx.Exec(q, args).Error
			} else {
				err = tx.Exec(q).Error
			}
			if err != nil {
				return fmt.Errorf("%.60s…: %w", q, err)
			}
			slog.DebugContext(ctx, "statistics rebuild step", "sql", fmt.Sprintf("%.40s", q), "took", time.Since(t0))
		}
		return nil
	})
	return mapError(err, "rebuild statistics")
}
