package graph

import (
	"context"
	"strconv"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// statsTypes are the schema types of statistics, built once per schema.
type statsTypes struct {
	dimension                      *graphql.Enum
	filter                         *graphql.InputObject
	row, result, point, series     *graphql.Object
	trends, card, cards, violation *graphql.Object
	alert, alertPage               *graphql.Object
}

var statsTypesFor perSchema[statsTypes]

func rate(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// figuresFields are the counts and rates of a statistics cell; the source is a statsCell.
func figuresFields() graphql.Fields {
	f := func(desc string, fn func(domain.Figures) any, typ graphql.Output) *graphql.Field {
		return of(typ, desc, func(c statsCell) any {
			if c.suppressed {
				return nil
			}
			return fn(c.figures)
		})
	}
	count := func(desc string, fn func(domain.Figures) int64) *graphql.Field {
		return f(desc+" Null when suppressed.", func(x domain.Figures) any { return int(fn(x)) }, graphql.Int)
	}
	ratef := func(desc string, fn func(domain.Figures) *float64) *graphql.Field {
		return f(desc+" Null when there is nothing to divide by, or when suppressed.", func(x domain.Figures) any { return rate(fn(x)) }, graphql.Float)
	}
	return graphql.Fields{
		"complaints":          count("Complaints filed.", func(x domain.Figures) int64 { return x.Complaints }),
		"answered":            count("Answered by the institution.", func(x domain.Figures) int64 { return x.Answered }),
		"timely":              count("Answered by the due date.", func(x domain.Figures) int64 { return x.Timely }),
		"untimely":            count("Answered late, or still open and already overdue.", func(x domain.Figures) int64 { return x.Untimely }),
		"monetaryRelief":      count("Answers closed with monetary relief.", func(x domain.Figures) int64 { return x.MonetaryRelief }),
		"nonMonetaryRelief":   count("Answers closed with non-monetary relief.", func(x domain.Figures) int64 { return x.NonMonetaryRelief }),
		"explained":           count("Answers closed with an explanation only.", func(x domain.Figures) int64 { return x.Explained }),
		"accepted":            count("Answers the complainant accepted.", func(x domain.Figures) int64 { return x.Accepted }),
		"disputed":            count("Answers the complainant disputed.", func(x domain.Figures) int64 { return x.Disputed }),
		"timelyRate":          ratef("timely / (timely + untimely).", domain.Figures.TimelyRate),
		"reliefRate":          ratef("(monetary + non-monetary relief) / answered.", domain.Figures.ReliefRate),
		"disputeRate":         ratef("disputed / (accepted + disputed).", domain.Figures.DisputeRate),
		"averageSatisfaction": ratef("Mean 1-5 rating.", domain.Figures.AverageSatisfaction),
		"suppressed": of(graphql.NewNonNull(graphql.Boolean), "Figures withheld: too few complaints in too narrow a cell (docs/STATISTICS.md).",
			func(c statsCell) any { return c.suppressed }),
	}
}

// statsCell is a row of stats or a point of a trend, with its institution looked up.
type statsCell struct {
	key         domain.StatsKey
	figures     domain.Figures
	suppressed  bool
	institution *domain.Institution
	grain       domain.StatsDimension
	change      *int64
	changeRate  *float64
}

func (r *resolvers) statsTypes(t *types) *statsTypes {
	return statsTypesFor.get(t, func() *statsTypes { return r.newStatsTypes(t) })
}

func (r *resolvers) newStatsTypes(t *types) *statsTypes {
	st := &statsTypes{dimension: enum("StatsDimension", "What statistics are grouped or filtered by. DAY, WEEK (from Monday) and MONTH are time grains.", strs(domain.StatsDimensions)...)}
	list := func(typ graphql.Input) graphql.Input { return graphql.NewList(graphql.NewNonNull(typ)) }
	st.filter = graphql.NewInputObject(graphql.InputObjectConfig{Name: "StatsFilter",
		Description: "Complaints filed from..to (YYYY-MM-DD, China time, both included) and, per dimension, one of the values listed.",
		Fields: graphql.InputObjectConfigFieldMap{
			"from":             {Type: graphql.String},
			"to":               {Type: graphql.String},
			"institutions":     {Type: list(graphql.ID), Description: "Institution ids; -1 is complaints not matched to a known institution."},
			"institutionKinds": {Type: list(t.kind)},
			"violationTypes":   {Type: list(graphql.String), Description: "ViolationType values, or NONE."},
			"provinces":        {Type: list(graphql.String), Description: "6-digit codes such as 440000 (US states for imported CFPB data)."},
			"products":         {Type: list(graphql.String)},
			"channels":         {Type: list(graphql.String), Description: "IncidentChannel values, or UNSPECIFIED."},
		}})
	keyFields := graphql.Fields{
		"institution":     of(t.institution, "When grouped by institution; null for complaints not matched to one.", func(c statsCell) any { return c.institution }),
		"institutionKind": of(t.kind, "", func(c statsCell) any { return nonEmpty(string(c.key.InstitutionKind)) }),
		"violationType":   of(graphql.String, "", func(c statsCell) any { return nonEmpty(c.key.Violation) }),
		"province":        of(graphql.String, "", func(c statsCell) any { return nonEmpty(c.key.Province) }),
		"product":         of(graphql.String, "", func(c statsCell) any { return nonEmpty(c.key.Product) }),
		"channel":         of(graphql.String, "", func(c statsCell) any { return nonEmpty(c.key.Channel) }),
		"period":          of(graphql.String, "First day (YYYY-MM-DD) of the day, week or month.", func(c statsCell) any { return dateString(c.key.Period) }),
	}
	st.row = graphql.NewObject(graphql.ObjectConfig{Name: "StatsRow", Description: "One cell: the values grouped by, and the figures.",
		Fields: merge(keyFields, figuresFields())})
	st.result = graphql.NewObject(graphql.ObjectConfig{Name: "StatsResult", Fields: graphql.Fields{
		"rows":            of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(st.row))), "Largest first within each period.", func(x statsResult) any { return x.cells }),
		"suppressedCells": of(graphql.NewNonNull(graphql.Int), "Cells whose figures are withheld.", func(x statsResult) any { return x.res.Suppressed }),
		"truncated":       of(graphql.NewNonNull(graphql.Boolean), "More rows matched than first.", func(x statsResult) any { return x.res.Truncated }),
	}})
	st.point = graphql.NewObject(graphql.ObjectConfig{Name: "TrendPoint", Fields: merge(graphql.Fields{
		"period":     of(graphql.NewNonNull(graphql.String), "First day of the period.", func(c statsCell) any { return dateString(c.key.Period) }),
		"change":     of(graphql.Int, "Complaints minus the previous period's.", func(c statsCell) any { return intPtr(c.change) }),
		"changeRate": of(graphql.Float, "change / the previous period's complaints.", func(c statsCell) any { return rate(c.changeRate) }),
	}, figuresFields())})
	st.series = graphql.NewObject(graphql.ObjectConfig{Name: "TrendSeries", Fields: graphql.Fields{
		"key":    of(graphql.NewNonNull(st.row), "The lens value (figures are the series' totals).", func(x trendSeries) any { return x.key }),
		"total":  of(graphql.NewNonNull(graphql.Int), "", func(x trendSeries) any { return int(x.s.Total) }),
		"points": of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(st.point))), "", func(x trendSeries) any { return x.points }),
	}})
	st.trends = graphql.NewObject(graphql.ObjectConfig{Name: "Trends", Fields: graphql.Fields{
		"interval":      of(graphql.NewNonNull(st.dimension), "", func(x trendsResult) any { return string(x.t.Interval) }),
		"lens":          of(st.dimension, "", func(x trendsResult) any { return nonEmpty(string(x.t.Lens)) }),
		"total":         of(graphql.NewNonNull(graphql.Int), "Complaints in the period.", func(x trendsResult) any { return int(x.t.Total) }),
		"previousTotal": of(graphql.NewNonNull(graphql.Int), "Complaints in the period of the same length just before.", func(x trendsResult) any { return int(x.t.PreviousTotal) }),
		"changeRate":    of(graphql.Float, "(total - previousTotal) / previousTotal.", func(x trendsResult) any { return rate(x.t.ChangeRate) }),
		"series":        of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(st.series))), "The largest 20 values of the lens.", func(x trendsResult) any { return x.series }),
	}})
	st.violation = graphql.NewObject(graphql.ObjectConfig{Name: "ViolationCount", Fields: graphql.Fields{
		"violationType": of(graphql.NewNonNull(graphql.String), "", func(v domain.ViolationCount) any { return v.Violation }),
		"complaints":    of(graphql.NewNonNull(graphql.Int), "", func(v domain.ViolationCount) any { return int(v.Count) }),
	}})
	cardFigure := func(desc string, fn func(domain.Figures) *float64) *graphql.Field {
		return of(graphql.Float, desc, func(c *domain.Scorecard) any { return rate(fn(c.Figures)) })
	}
	st.card = graphql.NewObject(graphql.ObjectConfig{Name: "Scorecard", Description: "An institution's figures for the period.", Fields: graphql.Fields{
		"institution":             of(graphql.NewNonNull(t.institution), "", func(c *domain.Scorecard) any { return c.Institution }),
		"complaints":              of(graphql.NewNonNull(graphql.Int), "", func(c *domain.Scorecard) any { return int(c.Figures.Complaints) }),
		"perTenThousandCustomers": of(graphql.Float, "Where the customer base is known.", func(c *domain.Scorecard) any { return rate(c.PerTenThousand) }),
		"timelyRate":              cardFigure("Open and overdue cases count as untimely.", domain.Figures.TimelyRate),
		"reliefRate":              cardFigure("", domain.Figures.ReliefRate),
		"disputeRate":             cardFigure("", domain.Figures.DisputeRate),
		"averageSatisfaction":     cardFigure("", domain.Figures.AverageSatisfaction),
		"medianDaysToAnswer":      of(graphql.Float, "Median of the whole calendar days from forwarding to the answer, over the answered complaints of the period; null when none.", func(c *domain.Scorecard) any { return rate(c.MedianAnswerDays) }),
		"topViolationTypes":       of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(st.violation))), "Up to three.", func(c *domain.Scorecard) any { return c.TopViolations }),
		"ranked":                  of(graphql.NewNonNull(graphql.Boolean), "At least minCount complaints.", func(c *domain.Scorecard) any { return c.Ranked }),
		"rank":                    of(graphql.Int, "By complaints among ranked institutions (1 = most).", func(c *domain.Scorecard) any { return nonZero(c.Rank) }),
		"serviceScore":            of(graphql.Float, "Mean of timely rate, relief rate, 1 - dispute rate and (satisfaction - 1) / 4, those known.", func(c *domain.Scorecard) any { return rate(c.ServiceScore) }),
	}})
	cardList := graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(st.card)))
	st.cards = graphql.NewObject(graphql.ObjectConfig{Name: "Scorecards", Fields: graphql.Fields{
		"from":       of(graphql.NewNonNull(graphql.String), "", func(s *domain.Scorecards) any { return dateString(s.From) }),
		"to":         of(graphql.NewNonNull(graphql.String), "", func(s *domain.Scorecards) any { return dateString(s.To) }),
		"minCount":   of(graphql.NewNonNull(graphql.Int), "The fewest complaints for a rank.", func(s *domain.Scorecards) any { return s.MinCount }),
		"caveat":     of(graphql.NewNonNull(graphql.String), "Show it with any ranking.", func(s *domain.Scorecards) any { return s.Caveat }),
		"caveatZh":   of(graphql.NewNonNull(graphql.String), "", func(s *domain.Scorecards) any { return s.CaveatZH }),
		"totalCount": of(graphql.NewNonNull(graphql.Int), "", func(s *domain.Scorecards) any { return s.TotalCards }),
		"cards":      of(cardList, "Most complaints first.", func(s *domain.Scorecards) any { return s.Cards }),
		"redList":    of(cardList, "Best service scores among ranked institutions (红榜).", func(s *domain.Scorecards) any { return s.RedList }),
		"blackList":  of(cardList, "Worst service scores among ranked institutions (黑榜).", func(s *domain.Scorecards) any { return s.BlackList }),
	}})
	st.alert = graphql.NewObject(graphql.ObjectConfig{Name: "StatsAlert", Description: "A spike against an institution's baseline, or a surge of similar complaints against a collection agency.", Fields: graphql.Fields{
		"id":              of(graphql.NewNonNull(graphql.ID), "", func(a *domain.Alert) any { return a.ID }),
		"kind":            of(graphql.NewNonNull(graphql.String), "SPIKE or SURGE.", func(a *domain.Alert) any { return a.Kind }),
		"institutionId":   of(graphql.NewNonNull(graphql.ID), "", func(a *domain.Alert) any { return id64(a.InstitutionID) }),
		"institutionName": of(graphql.NewNonNull(graphql.String), "", func(a *domain.Alert) any { return a.InstitutionName }),
		"institution": {Type: t.institution, Description: "The institution, with its English name.",
			Resolve: institutionByID(func(a *domain.Alert) int64 { return a.InstitutionID })},
		"violationType":  of(graphql.String, "What the surge's complaints share.", func(a *domain.Alert) any { return nonEmpty(a.Key) }),
		"weekStart":      of(graphql.NewNonNull(graphql.String), "Monday of the week.", func(a *domain.Alert) any { return dateString(a.WeekStart) }),
		"observed":       of(graphql.NewNonNull(graphql.Int), "Complaints in the week.", func(a *domain.Alert) any { return int(a.Observed) }),
		"baseline":       of(graphql.NewNonNull(graphql.Float), "Mean weekly complaints over the 8 weeks before.", func(a *domain.Alert) any { return a.Baseline }),
		"zScore":         of(graphql.NewNonNull(graphql.Float), "(observed - baseline) / sqrt(max(baseline, 1)).", func(a *domain.Alert) any { return a.Statistic }),
		"raisedAt":       of(graphql.NewNonNull(graphql.String), "", func(a *domain.Alert) any { return timeString(a.RaisedAt) }),
		"acknowledgedAt": of(graphql.String, "", func(a *domain.Alert) any { return timeString(a.AcknowledgedAt) }),
		"acknowledgedBy": of(graphql.ID, "", func(a *domain.Alert) any { return id64(a.AcknowledgedBy) }),
		"note":           of(graphql.NewNonNull(graphql.String), "", func(a *domain.Alert) any { return a.Note }),
	}})
	st.alertPage = graphql.NewObject(graphql.ObjectConfig{Name: "StatsAlertPage", Fields: graphql.Fields{
		"nodes":       of(graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(st.alert))), "Newest first.", func(p alertPage) any { return p.nodes }),
		"hasNextPage": of(graphql.NewNonNull(graphql.Boolean), "", func(p alertPage) any { return p.more }),
		"endCursor":   of(graphql.String, "Pass as after for the next page.", func(p alertPage) any { return nonEmpty(p.end) }),
	}})
	return st
}

type statsResult struct {
	res   *domain.StatsResult
	cells []statsCell
}

type trendSeries struct {
	s      domain.TrendSeries
	key    statsCell
	points []statsCell
}

type trendsResult struct {
	t      *domain.Trends
	series []trendSeries
}

type alertPage struct {
	nodes []*domain.Alert
	more  bool
	end   string
}

func dateString(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02")
}

func intPtr(v *int64) any {
	if v == nil {
		return nil
	}
	return int(*v)
}

func parseDate(s, field string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return t, domain.Invalid(field, "a date is written YYYY-MM-DD", "日期格式须为YYYY-MM-DD")
	}
	if t.Year() < 1 { // PostgreSQL has no year 0: the alerts answered INTERNAL (round 29)
		return time.Time{}, domain.Invalid(field, "give a date from the year 0001 on", "日期须在0001年或之后")
	}
	return t, nil
}

// StatsFilterFrom reads a StatsFilter argument (also used by the CSV export's query parameters).
func statsFilterFrom(m map[string]any) (domain.StatsFilter, error) {
	var f domain.StatsFilter
	var err error
	if f.From, err = parseDate(str(m["from"]), "filter.from"); err != nil {
		return f, err
	}
	if f.To, err = parseDate(str(m["to"]), "filter.to"); err != nil {
		return f, err
	}
	for i, v := range anyList(m["institutions"]) {
		id, err := strconv.ParseInt(str(v), 10, 64)
		if err != nil {
			return f, domain.Invalid("filter.institutions."+strconv.Itoa(i), "no institution has this id", "没有此编号的机构")
		}
		f.Institutions = append(f.Institutions, id)
	}
	for _, v := range anyList(m["institutionKinds"]) {
		f.InstitutionKinds = append(f.InstitutionKinds, domain.InstitutionKind(str(v)))
	}
	for _, v := range anyList(m["violationTypes"]) {
		f.Violations = append(f.Violations, str(v))
	}
	for _, v := range anyList(m["provinces"]) {
		f.Provinces = append(f.Provinces, str(v))
	}
	for _, v := range anyList(m["products"]) {
		f.Products = append(f.Products, str(v))
	}
	for _, v := range anyList(m["channels"]) {
		f.Channels = append(f.Channels, str(v))
	}
	return f, nil
}

func anyList(v any) []any {
	l, _ := v.([]any)
	return l
}

func kindsArg(v any) []domain.InstitutionKind {
	var out []domain.InstitutionKind
	for _, k := range anyList(v) {
		out = append(out, domain.InstitutionKind(str(k)))
	}
	return out
}

func dims(v any) []domain.StatsDimension {
	var out []domain.StatsDimension
	for _, d := range anyList(v) {
		out = append(out, domain.StatsDimension(str(d)))
	}
	return out
}

// cells converts rows, looking their institutions up in one query.
func (r *resolvers) cells(ctx context.Context, rows []domain.StatsRow, grain domain.StatsDimension) ([]statsCell, error) {
	var ids []int64
	for _, row := range rows {
		if row.Key.InstitutionID > 0 {
			ids = append(ids, row.Key.InstitutionID)
		}
	}
	found := map[int64]*domain.Institution{}
	if len(ids) > 0 {
		var err error
		if found, err = r.Stats.Store.InstitutionsByID(ctx, ids); err != nil {
			return nil, err
		}
	}
	out := make([]statsCell, len(rows))
	for i, row := range rows {
		out[i] = statsCell{key: row.Key, figures: row.Figures, suppressed: row.Suppressed, institution: found[row.Key.InstitutionID], grain: grain}
	}
	return out, nil
}

func (r *resolvers) statsQueries(t *types) graphql.Fields {
	st := r.statsTypes(t)
	return graphql.Fields{
		"stats": r.costly(&graphql.Field{
			Type:        graphql.NewNonNull(st.result),
			Description: "Complaint figures grouped by any combination of dimensions (analysts, supervisors, admins; no personal data; narrow small cells suppressed for analysts).",
			Args: graphql.FieldConfigArgument{
				"filter":  {Type: st.filter},
				"groupBy": {Type: graphql.NewList(graphql.NewNonNull(st.dimension))},
				"first":   {Type: graphql.Int, DefaultValue: 200, Description: "At most 5000 rows (and the query's complexity limit)."},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				q, err := statsQueryFrom(p.Args)
				if err != nil {
					return nil, err
				}
				res, err := r.Stats.Query(p.Context, q)
				if err != nil {
					return nil, err
				}
				cells, err := r.cells(p.Context, res.Rows, q.Grain())
				return statsResult{res: res, cells: cells}, err
			}),
		}),
		"trends": r.costly(&graphql.Field{
			Type:        graphql.NewNonNull(st.trends),
			Description: "Complaints per day, week or month, split by a lens, with the change against the previous period.",
			Args: graphql.FieldConfigArgument{
				"filter":   {Type: st.filter, Description: "Default period: the last 30 days, 12 weeks or 13 months."},
				"interval": {Type: graphql.NewNonNull(st.dimension)},
				"lens":     {Type: st.dimension},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				m, _ := p.Args["filter"].(map[string]any)
				f, err := statsFilterFrom(m)
				if err != nil {
					return nil, err
				}
				tr, err := r.Stats.Trends(p.Context, f, domain.StatsDimension(argString(p, "interval")), domain.StatsDimension(argString(p, "lens")))
				if err != nil {
					return nil, err
				}
				out := trendsResult{t: tr}
				var keys []domain.StatsRow
				for _, s := range tr.Series {
					keys = append(keys, domain.StatsRow{Key: s.Key, Figures: domain.Figures{Complaints: s.Total}})
				}
				keyCells, err := r.cells(p.Context, keys, "")
				if err != nil {
					return nil, err
				}
				for i, s := range tr.Series {
					ts := trendSeries{s: s, key: keyCells[i]}
					for _, pt := range s.Points {
						ts.points = append(ts.points, statsCell{key: domain.StatsKey{Period: pt.Period}, figures: pt.Figures,
							suppressed: pt.Suppressed, change: pt.Change, changeRate: pt.ChangeRate})
					}
					out.series = append(out.series, ts)
				}
				return out, nil
			}),
		}),
		"institutionScorecards": r.costly(&graphql.Field{
			Type:        graphql.NewNonNull(st.cards),
			Description: "Institutions' scorecards and the red and black lists for a month (2026-03), quarter (2026-Q1) or year (2026). Institution users get their own card only.",
			Args: graphql.FieldConfigArgument{
				"period":        {Type: graphql.NewNonNull(graphql.String)},
				"institutionId": {Type: graphql.ID},
				"institutionKinds": {Type: graphql.NewList(graphql.NewNonNull(t.kind)),
					Description: "Only institutions of these kinds get cards, ranked and listed among themselves."},
				"first": {Type: graphql.Int, DefaultValue: 50},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := parseID(argString(p, "institutionId"), "institutionId", "no institution has this id", "没有此编号的机构")
				if err != nil {
					return nil, err
				}
				return r.Stats.Scorecards(p.Context, argString(p, "period"), id, kindsArg(p.Args["institutionKinds"]), argInt(p, "first", 50))
			}),
		}),
		"alerts": r.costly(&graphql.Field{
			Type:        graphql.NewNonNull(st.alertPage),
			Description: "Spikes and group-complaint surges raised by the hourly check (analysts, supervisors, admins).",
			Args: graphql.FieldConfigArgument{
				"openOnly":         {Type: graphql.Boolean, DefaultValue: true},
				"institutionKinds": {Type: graphql.NewList(graphql.NewNonNull(t.kind)), Description: "Only alerts about institutions of these kinds."},
				"from":             {Type: graphql.String, Description: "Only alerts of weeks starting on or after this day (YYYY-MM-DD)."},
				"to":               {Type: graphql.String, Description: "Only alerts of weeks starting on or before this day (YYYY-MM-DD)."},
				"first":            {Type: graphql.Int, DefaultValue: 20},
				"after":            {Type: graphql.String},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				f := domain.AlertFilter{InstitutionKinds: kindsArg(p.Args["institutionKinds"])}
				f.OpenOnly, _ = p.Args["openOnly"].(bool)
				var err error
				if f.From, err = parseDate(argString(p, "from"), "from"); err != nil {
					return nil, err
				}
				if f.To, err = parseDate(argString(p, "to"), "to"); err != nil {
					return nil, err
				}
				list, more, err := r.Stats.Alerts(p.Context, f, domain.Page{First: argInt(p, "first", 20), After: argString(p, "after")})
				if err != nil {
					return nil, err
				}
				page := alertPage{nodes: list, more: more}
				if n := len(list); n > 0 {
					page.end = list[n-1].RaisedAt.Format(time.RFC3339Nano) + "|" + list[n-1].ID
				}
				return page, nil
			}),
		}),
	}
}

func statsQueryFrom(args map[string]any) (domain.StatsQuery, error) {
	m, _ := args["filter"].(map[string]any)
	f, err := statsFilterFrom(m)
	if err != nil {
		return domain.StatsQuery{}, err
	}
	limit, _ := args["first"].(int)
	return domain.StatsQuery{Filter: f, GroupBy: dims(args["groupBy"]), Limit: limit}, nil
}

func (r *resolvers) statsMutations(t *types) graphql.Fields {
	st := r.statsTypes(t)
	return graphql.Fields{
		"acknowledgeAlert": &graphql.Field{
			Type:        graphql.NewNonNull(st.alert),
			Description: "Record that you have seen an alert (supervisors, analysts, admins); audited.",
			Args: graphql.FieldConfigArgument{
				"id":   {Type: graphql.NewNonNull(graphql.ID)},
				"note": {Type: graphql.String},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				a, err := r.Stats.AcknowledgeAlert(p.Context, argString(p, "id"), argString(p, "note"))
				return a, notFoundOn(err, "id")
			}),
		},
	}
}
