package domain

import (
	"context"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// This file is the statistics the regulator publishes and its analysts query (docs/STATISTICS.md):
// counts of complaints by institution, violation type, province, product, channel and time, the
// outcomes of the institutions' answers, scorecards, trends and alerts. The figures are read from
// aggregates kept current from the complaints' events, never by scanning complaints.

// StatsDimension is what statistics may be grouped or filtered by.
type StatsDimension string

// The dimensions. DAY, WEEK and MONTH are time grains: a query groups by at most one.
const (
	DimInstitution     StatsDimension = "INSTITUTION"
	DimInstitutionKind StatsDimension = "INSTITUTION_KIND"
	DimViolationType   StatsDimension = "VIOLATION_TYPE"
	DimProvince        StatsDimension = "PROVINCE"
	DimProduct         StatsDimension = "PRODUCT"
	DimChannel         StatsDimension = "CHANNEL"
	DimDay             StatsDimension = "DAY"
	DimWeek            StatsDimension = "WEEK"
	DimMonth           StatsDimension = "MONTH"
)

// StatsDimensions lists every dimension.
var StatsDimensions = []StatsDimension{DimInstitution, DimInstitutionKind, DimViolationType, DimProvince, DimProduct, DimChannel, DimDay, DimWeek, DimMonth}

// IsTime reports whether the dimension is a time grain.
func (d StatsDimension) IsTime() bool { return d == DimDay || d == DimWeek || d == DimMonth }

// Values that stand for "none given" in the violation and channel dimensions, and for "not matched
// to a known institution" in the institution dimension.
const (
	NoViolation                = "NONE"
	UnspecifiedChannel         = "UNSPECIFIED"
	UnmatchedInstitution int64 = -1
)

// StatsFilter narrows statistics to complaints filed in [From, To] (calendar days in the
// statistics time zone, both included; zero means unbounded) and, for each dimension given, to the
// listed values. A complaint matches a multi-valued dimension (institutions, violation types,
// channels) when one of its values is listed.
type StatsFilter struct {
	From, To         time.Time
	Institutions     []int64
	InstitutionKinds []InstitutionKind
	Violations       []string
	Provinces        []string
	Products         []string
	Channels         []string
	// RecipientOf, when set, keeps only the complaints forwarded to that institution (what its
	// scope reads: ScopeFor). An institution's own scorecard counts those only, never complaints
	// naming it that the regulator still triages, rejected or referred (session 19, attack). Set
	// by the domain only; the per-complaint rows answer it.
	RecipientOf int64
}

// StatsQuery is a statistics question: the filter, and the dimensions to group by.
type StatsQuery struct {
	Filter  StatsFilter
	GroupBy []StatsDimension
	// Limit caps the rows returned (0: DefaultStatsRows).
	Limit int
}

// Grain returns the time grain grouped by, or "".
func (q StatsQuery) Grain() StatsDimension {
	for _, d := range q.GroupBy {
		if d.IsTime() {
			return d
		}
	}
	return ""
}

// Groups reports whether the query groups by d.
func (q StatsQuery) Groups(d StatsDimension) bool {
	for _, g := range q.GroupBy {
		if g == d {
			return true
		}
	}
	return false
}

// Figures are additive counts of complaints and of their answers' outcomes.
type Figures struct {
	Complaints        int64 // complaints filed
	Answered          int64 // answered by the institution (not "in progress")
	Timely            int64 // answered by the due date
	Untimely          int64 // answered after it, or still open and already overdue
	MonetaryRelief    int64 // answers closed with monetary relief
	NonMonetaryRelief int64 // answers closed with non-monetary relief
	Explained         int64 // answers closed with an explanation only
	Accepted          int64 // answers the complainant accepted
	Disputed          int64 // answers the complainant disputed
	SatisfactionSum   int64
	SatisfactionCount int64
}

// Add adds o to f.
func (f *Figures) Add(o Figures) {
	f.Complaints += o.Complaints
	f.Answered += o.Answered
	f.Timely += o.Timely
	f.Untimely += o.Untimely
	f.MonetaryRelief += o.MonetaryRelief
	f.NonMonetaryRelief += o.NonMonetaryRelief
	f.Explained += o.Explained
	f.Accepted += o.Accepted
	f.Disputed += o.Disputed
	f.SatisfactionSum += o.SatisfactionSum
	f.SatisfactionCount += o.SatisfactionCount
}

func ratio(num, den int64) *float64 {
	if den == 0 {
		return nil
	}
	r := float64(num) / float64(den)
	return &r
}

// TimelyRate is timely answers over answers that were due: answered, or open and overdue.
func (f Figures) TimelyRate() *float64 { return ratio(f.Timely, f.Timely+f.Untimely) }

// ReliefRate is answers with monetary or non-monetary relief over all answers.
func (f Figures) ReliefRate() *float64 {
	return ratio(f.MonetaryRelief+f.NonMonetaryRelief, f.Answered)
}

// DisputeRate is disputed answers over answers the complainant reviewed.
func (f Figures) DisputeRate() *float64 { return ratio(f.Disputed, f.Accepted+f.Disputed) }

// AverageSatisfaction is the mean 1-5 rating.
func (f Figures) AverageSatisfaction() *float64 { return ratio(f.SatisfactionSum, f.SatisfactionCount) }

// StatsKey names a cell of a statistics result; fields not grouped by are zero.
type StatsKey struct {
	InstitutionID   int64
	InstitutionKind InstitutionKind
	Violation       string
	Province        string
	Product         string
	Channel         string
	Period          time.Time // first day of the day, week (Monday) or month
}

// StatsRow is one cell of a statistics result. A suppressed cell carries its key only.
type StatsRow struct {
	Key        StatsKey
	Figures    Figures
	Suppressed bool
}

// StatsResult is the answer to a statistics query.
type StatsResult struct {
	Rows []StatsRow
	// Suppressed counts the cells withheld because they could single out a person.
	Suppressed int
	// Truncated is set when more rows matched than the limit.
	Truncated bool
}

// AnswerTimes is a histogram of whole days from forwarding to the answer, for medians.
type AnswerTimes map[int]int64

// Median returns the median of the histogram in days, or nil when it is empty.
func (h AnswerTimes) Median() *float64 {
	var n int64
	days := make([]int, 0, len(h))
	for d, c := range h {
		n += c
		days = append(days, d)
	}
	if n == 0 {
		return nil
	}
	sort.Ints(days)
	lo, hi := (n-1)/2, n/2 // the middle one or two positions, 0-based
	var seen int64
	var a, b float64
	for _, d := range days {
		c := h[d]
		if lo >= seen && lo < seen+c {
			a = float64(d)
		}
		if hi >= seen && hi < seen+c {
			b = float64(d)
			break
		}
		seen += c
	}
	m := (a + b) / 2
	return &m
}

// Alert kinds.
const (
	AlertSpike = "SPIKE" // an institution's week against its own trailing baseline
	AlertSurge = "SURGE" // many similar complaints (same violation type) against one collection agency in a week
)

// Alert is a signal for supervisors: a spike or a surge, with the statistic that raised it.
type Alert struct {
	ID              string
	Kind            string
	InstitutionID   int64
	InstitutionName string
	Key             string // the violation type of a surge
	WeekStart       time.Time
	Observed        int64
	Baseline        float64 // expected weekly count: the trailing weeks' mean
	Statistic       float64 // Poisson z score: (observed - baseline) / sqrt(baseline)
	RaisedAt        time.Time
	AcknowledgedBy  int64
	AcknowledgedAt  time.Time
	Note            string
}

// AlertFilter narrows a list of alerts: open ones only, of institutions of the kinds listed, of
// the weeks that start from..to (zero: no bound).
type AlertFilter struct {
	OpenOnly         bool
	InstitutionKinds []InstitutionKind
	From, To         time.Time
}

// WeekCount is one week's complaints against an institution (and, for surges, one violation type).
type WeekCount struct {
	InstitutionID int64
	Key           string
	WeekStart     time.Time
	Count         int64
}

// Scorecard is one institution's figures for a period.
type Scorecard struct {
	Institution      *Institution
	Figures          Figures
	PerTenThousand   *float64 // complaints per 10,000 customers, when the customer base is known
	MedianAnswerDays *float64
	TopViolations    []ViolationCount
	Rank             int  // by complaints among ranked institutions (1 = most); 0 when not ranked
	Ranked           bool // at least MinRankCount complaints
	ServiceScore     *float64
}

// ViolationCount is how many complaints of a set named a violation type.
type ViolationCount struct {
	Violation string
	Count     int64
}

// Scorecards are every institution's scorecard for a period, with the red and black lists.
type Scorecards struct {
	From, To   time.Time
	Cards      []*Scorecard
	RedList    []*Scorecard // best service scores among ranked institutions
	BlackList  []*Scorecard // worst service scores among ranked institutions
	MinCount   int
	Caveat     string
	CaveatZH   string
	TotalCards int
}

// StatsStore is what statistics need from storage.
type StatsStore interface {
	// Apply brings the aggregates up to date with one complaint's current state (idempotent).
	Apply(ctx context.Context, complaintID string) error
	// ApplyMany is Apply for several complaints at once (one transaction), with the same result.
	ApplyMany(ctx context.Context, complaintIDs []string) error
	// Rebuild recomputes the aggregates of the complaints filed on the days from..to.
	Rebuild(ctx context.Context, from, to time.Time) error
	// FoldPending adds to the aggregates the differences ApplyMany staged and no fold took in
	// (a worker that died between the two), after a fold that is running.
	FoldPending(ctx context.Context) error
	// Backlog says how many staged differences wait for a fold, and since when.
	Backlog(ctx context.Context) (StatsBacklog, error)
	// Aggregate answers a statistics query from the aggregates, limit+1 rows at most, largest
	// first within each period.
	Aggregate(ctx context.Context, q StatsQuery, limit int) ([]StatsRow, error)
	// EachAggregate is Aggregate handing each row to fn as it is read (for exports); an error
	// from fn stops the reading and is returned.
	EachAggregate(ctx context.Context, q StatsQuery, limit int, fn func(StatsRow) error) error
	// AnswerTimes returns the answer-time histograms of the institutions (0: all complaints) for
	// the months from..to.
	AnswerTimes(ctx context.Context, from, to time.Time, institutions []int64) (map[int64]AnswerTimes, error)
	// RecipientAnswerTimes is the answer-time histogram of one institution over the complaints of
	// the days from..to forwarded to it (its own scorecard, as StatsFilter.RecipientOf).
	RecipientAnswerTimes(ctx context.Context, from, to time.Time, institution int64) (AnswerTimes, error)
	// WeeklyCounts returns complaints per week against each institution for the weeks starting
	// from..to (Mondays); with byViolation, per collection agency and violation type instead.
	WeeklyCounts(ctx context.Context, from, to time.Time, byViolation bool) ([]WeekCount, error)
	// RaiseAlert stores an alert unless the same kind, institution, week and key was raised
	// before; it reports whether it was new.
	RaiseAlert(ctx context.Context, a *Alert) (bool, error)
	// Alerts lists the alerts that f lets through, newest first.
	Alerts(ctx context.Context, f AlertFilter, p Page) ([]*Alert, bool, error)
	// AcknowledgeAlert records that a staff member saw the alert, with an audit record.
	AcknowledgeAlert(ctx context.Context, id string, by int64, note string, at time.Time) (*Alert, error)
	// Supervisors returns the ids of every supervisor.
	Supervisors(ctx context.Context) ([]int64, error)
	// InstitutionsByID returns the institutions of the ids that exist.
	InstitutionsByID(ctx context.Context, ids []int64) (map[int64]*Institution, error)
}

// StatsPolicy holds the thresholds that make figures fair and safe to publish.
type StatsPolicy struct {
	// SuppressBelow withholds, from analysts, cells with fewer complaints than this when the cell
	// is narrow (see Narrow).
	SuppressBelow int64
	// NarrowDimensions is how many pinned dimensions make a cell narrow.
	NarrowDimensions int
	// MinRankCount is the fewest complaints in the period for an institution to be ranked.
	MinRankCount int64
	// Alerts: the least weekly count, the least z score, and how many trailing weeks make the baseline.
	AlertMinCount int64
	AlertMinZ     float64
	BaselineWeeks int
	SurgeMinCount int64
	ListLength    int
	MaxRows       int // the most rows a query returns
	MaxExportRows int // the most rows a CSV export streams
}

// DefaultStatsPolicy is the policy of docs/STATISTICS.md.
var DefaultStatsPolicy = StatsPolicy{SuppressBelow: 5, NarrowDimensions: 3, MinRankCount: 30,
	AlertMinCount: 10, AlertMinZ: 3, BaselineWeeks: 8, SurgeMinCount: 10, ListLength: 10,
	MaxRows: 5000, MaxExportRows: 100000}

// DefaultStatsRows is the default row limit of a statistics query.
const DefaultStatsRows = 1000

// Statistics answers statistics questions and keeps the aggregates and alerts current.
type Statistics struct {
	Store        StatsStore
	Authz        Authorizer
	Institutions InstitutionStore
	Notices      NotificationStore // supervisors hear of new alerts; nil sends nothing
	Policy       StatsPolicy       // zero means DefaultStatsPolicy
	Now          func() time.Time
	NewID        func() string
}

func (s *Statistics) policy() StatsPolicy {
	if s.Policy.MaxRows == 0 {
		return DefaultStatsPolicy
	}
	return s.Policy
}

func (s *Statistics) require(ctx context.Context, action string) (Actor, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return a, ErrUnauthenticated
	}
	if !s.Authz.Allowed(a, "statistics", action) {
		return a, ErrForbidden
	}
	return a, nil
}

// Apply updates the aggregates after a change of one complaint (the stats:apply task).
func (s *Statistics) Apply(ctx context.Context, complaintID string) error {
	return s.Store.Apply(ctx, complaintID)
}

// ApplyMany updates the aggregates after changes of several complaints (a routed batch) at once,
// with the same result as Apply of each.
func (s *Statistics) ApplyMany(ctx context.Context, complaintIDs []string) error {
	return s.Store.ApplyMany(ctx, complaintIDs)
}

// StatsBacklog is what ApplyMany staged and no fold has yet added to the aggregates: normally
// nothing (each batch folds its own), more while folds fail or after a worker died between the
// two; the periodic stats:fold takes it in.
type StatsBacklog struct {
	Pending int64         // staged differences
	Oldest  time.Duration // how long the oldest has waited (0 when none)
}

// FoldPending adds what ApplyMany staged and no fold took in to the aggregates (the periodic
// stats:fold task).
func (s *Statistics) FoldPending(ctx context.Context) error {
	return s.Store.FoldPending(ctx)
}

// Backlog says what waits to be folded into the aggregates (the metrics).
func (s *Statistics) Backlog(ctx context.Context) (StatsBacklog, error) {
	return s.Store.Backlog(ctx)
}

// RebuildRecent recomputes the aggregates of the complaints filed in the last days days, catching
// complaints that became overdue without an event.
func (s *Statistics) RebuildRecent(ctx context.Context, days int) error {
	now := s.Now()
	return s.Store.Rebuild(ctx, now.AddDate(0, 0, -days), now)
}

// ValidateStatsQuery checks a query's dimensions and filter values, returning BAD_USER_INPUT with
// the argument path at fault.
func ValidateStatsQuery(q *StatsQuery) error {
	seen := map[StatsDimension]bool{}
	grains := 0
	for i, d := range q.GroupBy {
		if !oneOf(d, StatsDimensions) {
			return Invalid("groupBy."+itoa(i), "unknown dimension", "统计维度无效")
		}
		if seen[d] {
			return Invalid("groupBy."+itoa(i), "dimension listed twice", "统计维度重复")
		}
		seen[d] = true
		if d.IsTime() {
			grains++
		}
	}
	if grains > 1 {
		return Invalid("groupBy", "group by one of DAY, WEEK and MONTH at most", "DAY、WEEK、MONTH 至多选一个")
	}
	f := &q.Filter
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return Invalid("filter.to", "the end of the period is before its start", "结束日期早于开始日期")
	}
	for i, id := range f.Institutions {
		if id <= 0 && id != UnmatchedInstitution {
			return Invalid("filter.institutions."+itoa(i), "no institution has this id", "没有此编号的机构")
		}
	}
	for i, k := range f.InstitutionKinds {
		if !oneOf(k, InstitutionKinds) {
			return Invalid("filter.institutionKinds."+itoa(i), "unknown institution kind", "机构类型无效")
		}
	}
	for i, v := range f.Violations {
		if _, ok := ParseViolationType(v); !ok && v != NoViolation {
			return Invalid("filter.violationTypes."+itoa(i), "unknown violation type", "违规类型无效")
		}
	}
	for i, p := range f.Provinces {
		if _, ok := ProvinceByCode(p); !ok && !usState(p) {
			return Invalid("filter.provinces."+itoa(i), "province must be a 6-digit code such as 440000 (or a US state such as CA)", "省份须为6位行政区划代码，如440000")
		}
	}
	for i, p := range f.Products {
		if p == "" || len(p) > 100 {
			return Invalid("filter.products."+itoa(i), "unknown product", "产品类型无效")
		}
	}
	for i, c := range f.Channels {
		if !oneOf(Channel(c), Channels) && c != UnspecifiedChannel {
			return Invalid("filter.channels."+itoa(i), "unknown channel", "联系方式无效")
		}
	}
	if q.Limit < 0 {
		return Invalid("first", "the row limit cannot be negative", "行数不能为负数")
	}
	return nil
}

// usState accepts a two-letter US state or territory code, for complaints imported from the CFPB.
func usState(p string) bool {
	if len(p) != 2 {
		return false
	}
	return p[0] >= 'A' && p[0] <= 'Z' && p[1] >= 'A' && p[1] <= 'Z'
}

// Narrowness counts the dimensions that pin a cell: each grouped dimension, each filtered (to any
// number of values: a second value that matches nothing pins as well as one, seventh attack,
// session 13), and time when grouped by day or week or when the period is a month or shorter.
func (q StatsQuery) Narrowness() int {
	n := 0
	f := q.Filter
	pinned := map[StatsDimension]bool{
		DimInstitution:     len(f.Institutions) > 0,
		DimInstitutionKind: len(f.InstitutionKinds) > 0,
		DimViolationType:   len(f.Violations) > 0,
		DimProvince:        len(f.Provinces) > 0,
		DimProduct:         len(f.Products) > 0,
		DimChannel:         len(f.Channels) > 0,
	}
	for _, d := range StatsDimensions {
		if d.IsTime() {
			continue
		}
		if pinned[d] || q.Groups(d) {
			n++
		}
	}
	if g := q.Grain(); g == DimDay || g == DimWeek ||
		(!f.From.IsZero() && !f.To.IsZero() && f.To.Sub(f.From) <= 31*24*time.Hour) {
		n++
	}
	return n
}

// Query answers a statistics query for an analyst, supervisor or admin. For analysts, narrow cells
// with fewer than SuppressBelow complaints are withheld (docs/STATISTICS.md, "Suppression").
func (s *Statistics) Query(ctx context.Context, q StatsQuery) (*StatsResult, error) {
	a, err := s.require(ctx, "read")
	if err != nil {
		return nil, err
	}
	return s.query(ctx, a, q, s.policy().MaxRows)
}

func (s *Statistics) query(ctx context.Context, a Actor, q StatsQuery, maxRows int) (*StatsResult, error) {
	if err := ValidateStatsQuery(&q); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit == 0 {
		limit = DefaultStatsRows
	}
	if limit > maxRows {
		return nil, Invalid("first", "at most "+strconv.Itoa(maxRows)+" rows", "行数不能超过"+strconv.Itoa(maxRows))
	}
	rows, err := s.Store.Aggregate(ctx, q, limit)
	if err != nil {
		return nil, err
	}
	res := &StatsResult{}
	if len(rows) > limit {
		rows, res.Truncated = rows[:limit], true
	}
	suppress := s.suppressor(a, q)
	for i := range rows {
		if suppress(&rows[i]) {
			res.Suppressed++
		}
	}
	res.Rows = rows
	return res, nil
}

// suppressor returns what withholds a row's figures from the actor (docs/STATISTICS.md,
// "Suppression"), reporting whether it did; queries and exports share it.
func (s *Statistics) suppressor(a Actor, q StatsQuery) func(*StatsRow) bool {
	pol := s.policy()
	narrow := s.suppresses(a, q)
	return func(r *StatsRow) bool {
		if narrow && r.Figures.Complaints < pol.SuppressBelow {
			r.Figures, r.Suppressed = Figures{}, true
			return true
		}
		return false
	}
}

// suppresses says whether q is narrow enough for its small cells to be withheld from a.
func (s *Statistics) suppresses(a Actor, q StatsQuery) bool {
	return a.Role == RoleAnalyst && q.Narrowness() >= s.policy().NarrowDimensions
}

// TrendPoint is one period of a series, with the change against the period before it.
type TrendPoint struct {
	Period     time.Time
	Figures    Figures
	Suppressed bool
	Change     *int64   // complaints minus the previous period's; nil for the first period
	ChangeRate *float64 // Change over the previous period's complaints; nil when that was 0
}

// TrendSeries is the series of one value of the lens (or of all complaints).
type TrendSeries struct {
	Key    StatsKey
	Points []TrendPoint
	Total  int64
}

// Trends is a time series of complaints split by a lens.
type Trends struct {
	Interval StatsDimension
	Lens     StatsDimension
	Series   []TrendSeries
	// Change compares the whole period with the period of the same length just before it.
	Total, PreviousTotal int64
	ChangeRate           *float64
}

// MaxTrendSeries is how many series a lens yields: the largest ones.
const MaxTrendSeries = 20

// Trends returns complaints per interval between from and to, one series per value of lens (the
// largest MaxTrendSeries; lens "" gives one series of all complaints), each point with its change
// against the previous point, and the whole period against the one before it.
func (s *Statistics) Trends(ctx context.Context, f StatsFilter, interval, lens StatsDimension) (*Trends, error) {
	a, err := s.require(ctx, "read")
	if err != nil {
		return nil, err
	}
	if !interval.IsTime() {
		return nil, Invalid("interval", "interval must be DAY, WEEK or MONTH", "时间间隔须为 DAY、WEEK 或 MONTH")
	}
	if lens.IsTime() {
		return nil, Invalid("lens", "the lens must be a dimension other than time", "分组维度不能是时间")
	}
	now := StatsDate(s.Now())
	if f.To.IsZero() {
		f.To = now
	}
	if f.From.IsZero() {
		switch interval {
		case DimDay:
			f.From = f.To.AddDate(0, 0, -29)
		case DimWeek:
			f.From = f.To.AddDate(0, 0, -7*12+1)
		default:
			f.From = time.Date(f.To.Year(), f.To.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(-1, 0, 0)
		}
	}
	f.From, f.To = StatsDate(f.From), StatsDate(f.To)
	periods := PeriodsBetween(f.From, f.To, interval)
	if len(periods) > 1100 {
		return nil, Invalid("filter.from", "too many periods; choose a coarser interval or a shorter period", "时间段过多，请选择更粗的间隔或更短的期间")
	}
	q := StatsQuery{Filter: f, GroupBy: []StatsDimension{interval}, Limit: s.policy().MaxRows}
	if lens != "" {
		q.GroupBy = append(q.GroupBy, lens)
	}
	res, err := s.query(ctx, a, q, s.policy().MaxRows)
	if err != nil {
		return nil, err
	}
	if res.Truncated {
		return nil, Invalid("lens", "too many values in the lens for this period; filter or shorten it", "该维度取值过多，请缩小范围")
	}
	byKey := map[StatsKey]map[time.Time]StatsRow{}
	totals := map[StatsKey]int64{}
	out := &Trends{Interval: interval, Lens: lens}
	for _, r := range res.Rows {
		k := r.Key
		k.Period = time.Time{}
		if byKey[k] == nil {
			byKey[k] = map[time.Time]StatsRow{}
		}
		byKey[k][r.Key.Period] = r
		totals[k] += r.Figures.Complaints
		out.Total += r.Figures.Complaints
	}
	keys := make([]StatsKey, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if totals[keys[i]] != totals[keys[j]] {
			return totals[keys[i]] > totals[keys[j]]
		}
		return keyString(keys[i]) < keyString(keys[j])
	})
	if len(keys) > MaxTrendSeries {
		keys = keys[:MaxTrendSeries]
	}
	if lens == "" && len(keys) == 0 {
		keys = []StatsKey{{}}
	}
	for _, k := range keys {
		ser := TrendSeries{Key: k, Total: totals[k]}
		var prev *TrendPoint
		for _, p := range periods {
			row := byKey[k][p]
			pt := TrendPoint{Period: p, Figures: row.Figures, Suppressed: row.Suppressed}
			if prev != nil && !pt.Suppressed && !prev.Suppressed {
				d := pt.Figures.Complaints - prev.Figures.Complaints
				pt.Change = &d
				pt.ChangeRate = ratio(d, prev.Figures.Complaints)
			}
			ser.Points = append(ser.Points, pt)
			prev = &ser.Points[len(ser.Points)-1]
		}
		out.Series = append(out.Series, ser)
	}
	// The previous period of the same length, for the headline change, counted as the headline
	// total is: where the query suppresses small cells for the actor, the previous period's cells
	// pass through the same suppressor and only those shown are added (a plain total of a narrow
	// previous period is a withheld cell read in one query; session 20, attack).
	span := f.To.Sub(f.From) + 24*time.Hour
	pq := q
	pq.Filter.From, pq.Filter.To = f.From.Add(-span), f.From.AddDate(0, 0, -1)
	if s.suppresses(a, pq) {
		prevRes, err := s.query(ctx, a, pq, s.policy().MaxRows)
		if err != nil {
			return nil, err
		}
		if prevRes.Truncated {
			return nil, Invalid("lens", "too many values in the lens for this period; filter or shorten it", "该维度取值过多，请缩小范围")
		}
		for _, r := range prevRes.Rows {
			out.PreviousTotal += r.Figures.Complaints
		}
	} else {
		prevRes, err := s.Store.Aggregate(ctx, StatsQuery{Filter: pq.Filter}, 1)
		if err != nil {
			return nil, err
		}
		for _, r := range prevRes {
			out.PreviousTotal += r.Figures.Complaints
		}
	}
	out.ChangeRate = ratio(out.Total-out.PreviousTotal, out.PreviousTotal)
	return out, nil
}

func keyString(k StatsKey) string {
	return strings.Join([]string{strconv.FormatInt(k.InstitutionID, 10), string(k.InstitutionKind), k.Violation, k.Province, k.Product, k.Channel}, "|")
}

// StatsDate returns the statistics day of an instant (its date in China Standard Time, the
// statistics time zone) as midnight UTC; a time already at midnight UTC is taken as that date.
func StatsDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	if t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t
	}
	y, m, d := t.In(statsLocation).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

var statsLocation = time.FixedZone("CST", 8*3600) // China has no daylight saving time

// PeriodStart returns the first day of the period of the grain that contains day.
func PeriodStart(day time.Time, grain StatsDimension) time.Time {
	switch grain {
	case DimWeek:
		wd := (int(day.Weekday()) + 6) % 7 // Monday 0
		return day.AddDate(0, 0, -wd)
	case DimMonth:
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}

// PeriodsBetween lists the starts of the periods of the grain that overlap [from, to].
func PeriodsBetween(from, to time.Time, grain StatsDimension) []time.Time {
	var out []time.Time
	for p := PeriodStart(from, grain); !p.After(to); {
		out = append(out, p)
		switch grain {
		case DimWeek:
			p = p.AddDate(0, 0, 7)
		case DimMonth:
			p = p.AddDate(0, 1, 0)
		default:
			p = p.AddDate(0, 0, 1)
		}
		if len(out) > 5000 {
			break
		}
	}
	return out
}

// ParseStatsPeriod reads a scorecard period: a month "2026-03", a quarter "2026-Q1" or a year
// "2026". It returns its first and last day.
func ParseStatsPeriod(s string) (from, to time.Time, err error) {
	bad := Invalid("period", "period must be a month (2026-03), a quarter (2026-Q1) or a year (2026)", "期间须为月份（2026-03）、季度（2026-Q1）或年份（2026）")
	s = strings.TrimSpace(s)
	if len(s) < 4 {
		return from, to, bad
	}
	y, e := strconv.Atoi(s[:4])
	if e != nil || y < 2000 || y > 2100 {
		return from, to, bad
	}
	switch {
	case len(s) == 4:
		from = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(1, 0, -1), nil
	case len(s) == 7 && s[4] == '-' && s[5] == 'Q':
		q := int(s[6] - '0')
		if q < 1 || q > 4 {
			return from, to, bad
		}
		from = time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 3, -1), nil
	case len(s) == 7 && s[4] == '-':
		m, e := strconv.Atoi(s[5:])
		if e != nil || m < 1 || m > 12 {
			return from, to, bad
		}
		from = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, -1), nil
	}
	return from, to, bad
}

// ScorecardCaveat explains what rankings mean; it is shown with every ranking.
const (
	ScorecardCaveat   = "Ranked only institutions with at least %d complaints in the period. Figures count complaints received, not proven misconduct, and volumes grow with an institution's customer base; compare rates, and per-10,000-customer figures where the base is known."
	ScorecardCaveatZH = "仅对期间内投诉量不少于%d件的机构排名。数据为收到的投诉，并非已查实的违规；投诉量随客户规模增长，请比较比率及每万名客户投诉量。"
)

// Scorecards returns the institutions' scorecards for a period ("2026-03", "2026-Q1", "2026"),
// largest volume first, and the red and black lists by service score. With kinds, only
// institutions of those kinds have cards, and they are ranked and listed among themselves. An
// institution's own users see their institution's card only, without the lists.
func (s *Statistics) Scorecards(ctx context.Context, period string, institutionID int64, kinds []InstitutionKind, first int) (*Scorecards, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return nil, ErrUnauthenticated
	}
	own := a.Role.IsInstitution()
	if own {
		if institutionID != 0 && institutionID != a.InstitutionID {
			return nil, ErrForbidden
		}
		institutionID = a.InstitutionID
	} else if !s.Authz.Allowed(a, "statistics", "read") {
		return nil, ErrForbidden
	}
	from, to, err := ParseStatsPeriod(period)
	if err != nil {
		return nil, err
	}
	if first <= 0 || first > 500 {
		return nil, Invalid("first", "first must be between 1 and 500", "每页须为1至500条")
	}
	pol := s.policy()
	// Every institution's figures: ranks need them all. Unmatched complaints have no card.
	rows, err := s.Store.Aggregate(ctx, StatsQuery{Filter: StatsFilter{From: from, To: to}, GroupBy: []StatsDimension{DimInstitution}}, 100000)
	if err != nil {
		return nil, err
	}
	out := &Scorecards{From: from, To: to, MinCount: int(pol.MinRankCount)}
	out.Caveat = strings.Replace(ScorecardCaveat, "%d", strconv.FormatInt(pol.MinRankCount, 10), 1)
	out.CaveatZH = strings.Replace(ScorecardCaveatZH, "%d", strconv.FormatInt(pol.MinRankCount, 10), 1)
	// With kinds, each institution's kind is looked up (the rows by institution do not carry it).
	var kindOf map[int64]*Institution
	if len(kinds) > 0 {
		var ids []int64
		for _, r := range rows {
			if r.Key.InstitutionID > 0 {
				ids = append(ids, r.Key.InstitutionID)
			}
		}
		if kindOf, err = s.Store.InstitutionsByID(ctx, ids); err != nil {
			return nil, err
		}
	}
	var cards, ranked []*Scorecard
	for _, r := range rows {
		if r.Key.InstitutionID <= 0 {
			continue
		}
		if len(kinds) > 0 && (kindOf[r.Key.InstitutionID] == nil || !slices.Contains(kinds, kindOf[r.Key.InstitutionID].Kind)) {
			continue
		}
		c := &Scorecard{Institution: &Institution{ID: r.Key.InstitutionID, Kind: r.Key.InstitutionKind}, Figures: r.Figures}
		c.Ranked = r.Figures.Complaints >= pol.MinRankCount
		c.ServiceScore = serviceScore(r.Figures)
		cards = append(cards, c)
		if c.Ranked {
			ranked = append(ranked, c)
		}
	}
	sort.SliceStable(cards, func(i, j int) bool { return cards[i].Figures.Complaints > cards[j].Figures.Complaints })
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Figures.Complaints > ranked[j].Figures.Complaints })
	for i, c := range ranked {
		c.Rank = i + 1
	}
	if !own {
		byScore := append([]*Scorecard{}, ranked...)
		sort.SliceStable(byScore, func(i, j int) bool { return scoreOf(byScore[i]) > scoreOf(byScore[j]) })
		n := min(pol.ListLength, len(byScore))
		out.RedList = byScore[:n]
		for i := len(byScore) - 1; i >= len(byScore)-n; i-- {
			out.BlackList = append(out.BlackList, byScore[i])
		}
	}
	if own {
		if cards, err = s.ownCard(ctx, from, to, institutionID, kinds); err != nil {
			return nil, err
		}
	} else if institutionID != 0 {
		var mine []*Scorecard
		for _, c := range cards {
			if c.Institution.ID == institutionID {
				mine = append(mine, c)
			}
		}
		cards = mine
	}
	out.TotalCards = len(cards)
	if len(cards) > first {
		cards = cards[:first]
	}
	// Details for the cards shown and the lists: names, customer base, medians, top violations.
	show := map[int64]*Scorecard{}
	var ids []int64
	for _, list := range [][]*Scorecard{cards, out.RedList, out.BlackList} {
		for _, c := range list {
			if show[c.Institution.ID] == nil {
				show[c.Institution.ID] = c
				ids = append(ids, c.Institution.ID)
			}
		}
	}
	recipientOf := int64(0)
	if own {
		recipientOf = institutionID
	}
	if err := s.details(ctx, a, from, to, ids, show, recipientOf); err != nil {
		return nil, err
	}
	out.Cards = cards
	return out, nil
}

// ownCard is an institution user's own scorecard: figures over the complaints forwarded to the
// institution only, which it reads (ScopeFor), never over every complaint naming it. Counting
// those too told the institution, month by month and with their top violation types, of
// complaints it must not learn exist (NOT_FOUND to it): still in triage, rejected, referred to the
// police, or forwarded to the other institution only (session 19, attack). The card has no rank:
// ranks order institutions by every complaint received, and a rank (or being ranked at all, at
// MinRankCount received) moving with one complaint in triage would tell the same. The card is
// there whenever the institution is of the kinds asked for, with zero figures when nothing was
// forwarded to it in the period.
func (s *Statistics) ownCard(ctx context.Context, from, to time.Time, institutionID int64, kinds []InstitutionKind) ([]*Scorecard, error) {
	inst := &Institution{ID: institutionID}
	if len(kinds) > 0 {
		found, err := s.Store.InstitutionsByID(ctx, []int64{institutionID})
		if err != nil {
			return nil, err
		}
		if found[institutionID] == nil || !slices.Contains(kinds, found[institutionID].Kind) {
			return nil, nil
		}
		inst = found[institutionID]
	}
	rows, err := s.Store.Aggregate(ctx, StatsQuery{Filter: StatsFilter{From: from, To: to, RecipientOf: institutionID},
		GroupBy: []StatsDimension{DimInstitution}}, 100000)
	if err != nil {
		return nil, err
	}
	c := &Scorecard{Institution: inst}
	for _, r := range rows {
		if r.Key.InstitutionID == institutionID {
			c.Institution.Kind, c.Figures = r.Key.InstitutionKind, r.Figures
		}
	}
	c.Ranked = c.Figures.Complaints >= s.policy().MinRankCount
	c.ServiceScore = serviceScore(c.Figures)
	return []*Scorecard{c}, nil
}

// details fills in the cards' names, customer base, median answer times and top violation types;
// recipientOf (an institution's own card) counts the violation types of the complaints forwarded
// to it only, as ownCard counts its figures. A top violation type is a cell of institution,
// violation type and period: for an analyst it is left out when stats would suppress it (fewer
// than SuppressBelow complaints in a month or shorter; session 19, attack), so that the cards do
// not answer what stats withholds.
func (s *Statistics) details(ctx context.Context, a Actor, from, to time.Time, ids []int64, show map[int64]*Scorecard, recipientOf int64) error {
	if len(ids) == 0 {
		return nil
	}
	found, err := s.Store.InstitutionsByID(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if in := found[id]; in != nil {
			c := show[id]
			c.Institution = in
			if in.CustomerBase > 0 {
				v := float64(c.Figures.Complaints) * 10000 / float64(in.CustomerBase)
				c.PerTenThousand = &v
			}
		}
	}
	times, err := s.Store.AnswerTimes(ctx, from, to, ids)
	if err != nil {
		return err
	}
	for id, h := range times {
		if c := show[id]; c != nil {
			c.MedianAnswerDays = h.Median()
		}
	}
	if c := show[recipientOf]; recipientOf != 0 && c != nil {
		h, err := s.Store.RecipientAnswerTimes(ctx, from, to, recipientOf)
		if err != nil {
			return err
		}
		c.MedianAnswerDays = h.Median()
	}
	top := StatsQuery{Filter: StatsFilter{From: from, To: to, Institutions: ids, RecipientOf: recipientOf},
		GroupBy: []StatsDimension{DimInstitution, DimViolationType}}
	rows, err := s.Store.Aggregate(ctx, top, 100000)
	if err != nil {
		return err
	}
	suppress := s.suppressor(a, top)
	for _, r := range rows { // largest first
		c := show[r.Key.InstitutionID]
		if c != nil && len(c.TopViolations) < 3 && r.Key.Violation != NoViolation && !suppress(&r) {
			c.TopViolations = append(c.TopViolations, ViolationCount{Violation: r.Key.Violation, Count: r.Figures.Complaints})
		}
	}
	return nil
}

// serviceScore is the mean of the rates known for the figures, each in [0, 1] with 1 best: timely
// rate, relief rate, one minus the dispute rate, and satisfaction scaled from 1-5.
func serviceScore(f Figures) *float64 {
	var sum float64
	n := 0
	for _, r := range []*float64{f.TimelyRate(), f.ReliefRate()} {
		if r != nil {
			sum += *r
			n++
		}
	}
	if d := f.DisputeRate(); d != nil {
		sum += 1 - *d
		n++
	}
	if sat := f.AverageSatisfaction(); sat != nil {
		sum += (*sat - 1) / 4
		n++
	}
	if n == 0 {
		return nil
	}
	v := sum / float64(n)
	return &v
}

func scoreOf(c *Scorecard) float64 {
	if c.ServiceScore == nil {
		return 0.5
	}
	return *c.ServiceScore
}

// PoissonZ is the alert statistic: how many standard deviations the observed count lies above a
// Poisson expectation (the baseline, at least 1 so that a first complaint is no alarm).
func PoissonZ(observed int64, baseline float64) float64 {
	lambda := math.Max(baseline, 1)
	return (float64(observed) - lambda) / math.Sqrt(lambda)
}

// RaiseAlerts looks at the last complete week (Monday to Sunday, statistics days): an institution
// whose complaints reach AlertMinCount and lie AlertMinZ above its trailing BaselineWeeks' mean
// spikes; a collection agency with SurgeMinCount complaints of one violation type, AlertMinZ
// above its baseline for that type, has a surge. New alerts notify every supervisor. It returns
// the alerts raised now; raising again for the same week does nothing.
func (s *Statistics) RaiseAlerts(ctx context.Context) ([]*Alert, error) {
	pol := s.policy()
	today := StatsDate(s.Now())
	week := PeriodStart(today, DimWeek).AddDate(0, 0, -7)
	since := week.AddDate(0, 0, -7*pol.BaselineWeeks)
	var raised []*Alert
	for _, surge := range []bool{false, true} {
		counts, err := s.Store.WeeklyCounts(ctx, since, week, surge)
		if err != nil {
			return nil, err
		}
		type series struct {
			inst int64
			key  string
		}
		past := map[series]int64{}
		now := map[series]int64{}
		for _, c := range counts {
			k := series{c.InstitutionID, c.Key}
			if c.WeekStart.Equal(week) {
				now[k] += c.Count
			} else {
				past[k] += c.Count
			}
		}
		minCount, kind := pol.AlertMinCount, AlertSpike
		if surge {
			minCount, kind = pol.SurgeMinCount, AlertSurge
		}
		for k, obs := range now {
			base := float64(past[k]) / float64(pol.BaselineWeeks)
			z := PoissonZ(obs, base)
			if obs < minCount || z < pol.AlertMinZ || k.inst <= 0 {
				continue
			}
			al := &Alert{ID: s.NewID(), Kind: kind, InstitutionID: k.inst, Key: k.key, WeekStart: week,
				Observed: obs, Baseline: base, Statistic: z, RaisedAt: s.Now()}
			fresh, err := s.Store.RaiseAlert(ctx, al)
			if err != nil {
				return nil, err
			}
			if fresh {
				raised = append(raised, al)
				if err := s.notifySupervisors(ctx, al); err != nil {
					return raised, err
				}
			}
		}
	}
	return raised, nil
}

func (s *Statistics) notifySupervisors(ctx context.Context, al *Alert) error {
	if s.Notices == nil {
		return nil
	}
	ids, err := s.Store.Supervisors(ctx)
	if err != nil || len(ids) == 0 {
		return err
	}
	name := strconv.FormatInt(al.InstitutionID, 10)
	if in, err := s.Institutions.InstitutionByID(ctx, al.InstitutionID); err == nil {
		name = in.Name
	}
	titleZH, titleEN := "投诉量异常升高", "Complaint spike"
	bodyZH := name + "：" + al.WeekStart.Format("2006-01-02") + "当周投诉" + strconv.FormatInt(al.Observed, 10) + "件，基线约" + strconv.FormatFloat(al.Baseline, 'f', 1, 64) + "件。"
	bodyEN := name + ": " + strconv.FormatInt(al.Observed, 10) + " complaints in the week of " + al.WeekStart.Format("2006-01-02") + " against a baseline of " + strconv.FormatFloat(al.Baseline, 'f', 1, 64) + "."
	if al.Kind == AlertSurge {
		titleZH, titleEN = "集体投诉", "Group complaints"
		bodyZH = name + "：" + al.WeekStart.Format("2006-01-02") + "当周" + strconv.FormatInt(al.Observed, 10) + "件同类投诉（" + al.Key + "）。"
		bodyEN = name + ": " + strconv.FormatInt(al.Observed, 10) + " similar complaints (" + al.Key + ") in the week of " + al.WeekStart.Format("2006-01-02") + "."
	}
	ns := make([]Notification, len(ids))
	for i, id := range ids {
		ns[i] = Notification{RecipientID: id, Channel: NotifyInApp, Kind: "ALERT_" + al.Kind, TitleZH: titleZH, TitleEN: titleEN,
			BodyZH: bodyZH, BodyEN: bodyEN, CreatedAt: al.RaisedAt}
	}
	_, err = s.Notices.SaveDispatch(ctx, al.ID, ns, nil)
	return err
}

// Alerts lists alerts for staff who read statistics, newest first.
func (s *Statistics) Alerts(ctx context.Context, f AlertFilter, p Page) ([]*Alert, bool, error) {
	if _, err := s.require(ctx, "read"); err != nil {
		return nil, false, err
	}
	if p.First < 1 || p.First > 200 {
		return nil, false, Invalid("first", "first must be between 1 and 200", "每页须为1至200条")
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, false, Invalid("to", "the end is before the start", "截止日期早于起始日期")
	}
	return s.Store.Alerts(ctx, f, p)
}

// AcknowledgeAlert records that a staff member has seen an alert and what they make of it.
func (s *Statistics) AcknowledgeAlert(ctx context.Context, id, note string) (*Alert, error) {
	a, err := s.require(ctx, "acknowledge")
	if err != nil {
		return nil, err
	}
	if note = strings.TrimSpace(note); Blank(note) {
		note = "" // an invisible note is no note (attack round 31)
	}
	if len([]rune(note)) > 2000 {
		return nil, Invalid("note", "the note is longer than 2000 characters", "备注超过2000字")
	}
	return s.Store.AcknowledgeAlert(ctx, id, a.UserID, note, s.Now())
}
