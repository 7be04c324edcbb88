package graph

import (
	"time"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// publicQueries serve the public dataset (docs/STATISTICS.md, "Public dataset"): anyone may read
// it, signed in or not.
func (r *resolvers) publicQueries(t *types) graphql.Fields {
	text, nn := graphql.String, graphql.NewNonNull
	day := func(fn func(c domain.PublicComplaint) time.Time) func(c domain.PublicComplaint) any {
		return func(c domain.PublicComplaint) any { return dateString(fn(c)) }
	}
	node := graphql.NewObject(graphql.ObjectConfig{Name: "PublicComplaint",
		Description: "A published complaint: consented to by its complainant, no identity, the narrative scrubbed of personal data (XXXX), dates to the day (China time).",
		Fields: graphql.Fields{
			"reference":    of(nn(text), "Public reference number.", func(c domain.PublicComplaint) any { return c.Reference }),
			"jurisdiction": of(nn(text), "CN or US.", func(c domain.PublicComplaint) any { return c.Jurisdiction }),
			"receivedOn":   of(nn(text), "YYYY-MM-DD the complaint was filed.", day(func(c domain.PublicComplaint) time.Time { return c.ReceivedOn })),
			"sentOn":       of(nn(text), "YYYY-MM-DD it was forwarded to the institution.", day(func(c domain.PublicComplaint) time.Time { return c.SentOn })),
			"publishedOn":  of(nn(text), "YYYY-MM-DD it was published: the answer, or 15 days after forwarding.", day(func(c domain.PublicComplaint) time.Time { return c.PublishedOn })),
			"respondedOn":  of(text, "YYYY-MM-DD of the institution's final answer; null without one.", day(func(c domain.PublicComplaint) time.Time { return c.RespondedOn })),
			"lender":       of(text, "The lender's registered name; null when not matched to a known institution.", func(c domain.PublicComplaint) any { return nonEmpty(c.Lender) }),
			"agency":       of(text, "The collection agency's registered name.", func(c domain.PublicComplaint) any { return nonEmpty(c.Agency) }),
			"lenderEn":     of(text, "The lender's English name; null when it has none (show lender).", func(c domain.PublicComplaint) any { return nonEmpty(c.LenderEn) }),
			"agencyEn":     of(text, "The collection agency's English name; null when it has none (show agency).", func(c domain.PublicComplaint) any { return nonEmpty(c.AgencyEn) }),
			"product":      of(nn(t.product), "", func(c domain.PublicComplaint) any { return string(c.Product) }),
			"province":     of(nn(text), "6-digit code (a US state for imported CFPB complaints).", func(c domain.PublicComplaint) any { return c.Province }),
			"violationTypes": of(nn(graphql.NewList(nn(t.violation))), "Confirmed by a reviewer, else as claimed.",
				func(c domain.PublicComplaint) any { return strs(c.Violations) }),
			"narrative": of(nn(text), "Scrubbed: ID numbers, phones, names, addresses, contract and account numbers replaced by XXXX.",
				func(c domain.PublicComplaint) any { return c.Narrative }),
			"response": of(text, "The institution's latest answer (CLOSED_WITH_EXPLANATION, CLOSED_WITH_MONETARY_RELIEF, CLOSED_WITH_NON_MONETARY_RELIEF, IN_PROGRESS); null without one.",
				func(c domain.PublicComplaint) any { return nonEmpty(string(c.Response)) }),
			"timely": of(graphql.Boolean, "Answered by the due date; false when late or overdue; null while not yet due.", func(c domain.PublicComplaint) any {
				if c.Timely == nil {
					return nil
				}
				return *c.Timely
			}),
		}})
	filter := graphql.NewInputObject(graphql.InputObjectConfig{Name: "PublicComplaintFilter",
		Description: "Complaints received from..to (YYYY-MM-DD, China time, both included), against an institution, of a product, in a province, naming a violation type.",
		Fields: graphql.InputObjectConfigFieldMap{
			"from":          {Type: text},
			"to":            {Type: text},
			"institutionId": {Type: graphql.ID, Description: "As lender or collection agency."},
			"product":       {Type: t.product},
			"province":      {Type: text},
			"violationType": {Type: t.violation},
		}})
	return graphql.Fields{
		"publicComplaints": r.costly(&graphql.Field{
			Type: nn(t.connection("PublicComplaint", node)),
			Description: "The public dataset, most recently published first; anyone may read it. Also as CSV: GET /public/complaints.csv " +
				"(docs/STATISTICS.md).",
			Args: graphql.FieldConfigArgument{
				"filter": {Type: filter},
				"first":  {Type: graphql.Int, DefaultValue: 20, Description: "1-100."},
				"after":  {Type: text},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				if r.Public == nil {
					return nil, domain.ErrNotFound
				}
				f, err := publicFilter(p)
				if err != nil {
					return nil, err
				}
				page, err := r.Public.List(p.Context, f, domain.Page{First: argInt(p, "first", 20), After: argString(p, "after")})
				if err != nil {
					return nil, err
				}
				nodes := make([]any, len(page.Complaints))
				for i, c := range page.Complaints {
					nodes[i] = c
				}
				return connectionPage{nodes: nodes, cursors: page.Cursors, hasNext: page.HasNext, total: page.Total}, nil
			}),
		}),
		"publicFigures": r.costly(&graphql.Field{
			Type: nn(r.publicFiguresType(t)),
			Description: "Figures of the public dataset, aggregated over every published complaint of the selection: its volume, " +
				"timely-answer rate, relief rate and satisfaction, the same per institution (largest volume first), and complaints " +
				"received per month. Rates are withheld below the scorecards' minimum counts (see minCount, minRatings and the caveat). " +
				"Anyone may read them.",
			Args: graphql.FieldConfigArgument{
				"filter": {Type: filter},
				"first":  {Type: graphql.Int, DefaultValue: 10, Description: "How many institutions, 1-100."},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				if r.Public == nil {
					return nil, domain.ErrNotFound
				}
				f, err := publicFilter(p)
				if err != nil {
					return nil, err
				}
				return r.Public.Figures(p.Context, f, argInt(p, "first", 10))
			}),
		}),
	}
}

// publicFilter reads a PublicComplaintFilter argument.
func publicFilter(p graphql.ResolveParams) (domain.PublicFilter, error) {
	m, _ := p.Args["filter"].(map[string]any)
	var f domain.PublicFilter
	var err error
	if f.From, err = parseDate(str(m["from"]), "filter.from"); err != nil {
		return f, err
	}
	if f.To, err = parseDate(str(m["to"]), "filter.to"); err != nil {
		return f, err
	}
	if f.InstitutionID, err = optionalID(m, "institutionId"); err != nil {
		return f, err
	}
	f.Product, f.Province, f.Violation = domain.Product(str(m["product"])), str(m["province"]), domain.ViolationType(str(m["violationType"]))
	return f, nil
}

// publicFiguresType is PublicFigures and its parts.
func (r *resolvers) publicFiguresType(t *types) *graphql.Object {
	nn := graphql.NewNonNull
	rate := func(fn func(x domain.PublicRates) *float64) func(x domain.PublicRates) any {
		return func(x domain.PublicRates) any {
			if v := fn(x); v != nil {
				return *v
			}
			return nil
		}
	}
	rates := graphql.NewObject(graphql.ObjectConfig{Name: "PublicInstitutionFigures",
		Description: "Figures of published complaints, of one institution or of the whole selection. Rates are null below the minimum counts.",
		Fields: graphql.Fields{
			"institutionId":   of(graphql.ID, "Null for the whole selection.", func(x domain.PublicRates) any { return id64(x.InstitutionID) }),
			"institutionName": of(graphql.String, "The registered name; null for the whole selection.", func(x domain.PublicRates) any { return nonEmpty(x.InstitutionName) }),
			"institutionNameEn": of(graphql.String, "The English name; null for the whole selection or when it has none (show institutionName).",
				func(x domain.PublicRates) any { return nonEmpty(x.InstitutionNameEn) }),
			"complaints": of(nn(graphql.Int), "Published complaints.", func(x domain.PublicRates) any { return int(x.Complaints) }),
			"answered":   of(nn(graphql.Int), "Of them answered (not in progress).", func(x domain.PublicRates) any { return int(x.Answered) }),
			"enough":     of(nn(graphql.Boolean), "At least minCount complaints: the rates are shown.", func(x domain.PublicRates) any { return x.Enough }),
			"timelyRate": of(graphql.Float, "Answered by the due date, over answers due (still open and overdue counts as late).",
				rate(func(x domain.PublicRates) *float64 { return x.TimelyRate })),
			"reliefRate": of(graphql.Float, "Answers with monetary or non-monetary relief, over answers.",
				rate(func(x domain.PublicRates) *float64 { return x.ReliefRate })),
			"ratings": of(graphql.Int, "How many complainants rated the answer; null when satisfaction is withheld.", func(x domain.PublicRates) any {
				if x.Ratings == nil {
					return nil
				}
				return int(*x.Ratings)
			}),
			"averageSatisfaction": of(graphql.Float, "Mean rating, 1-5; null below minRatings ratings.",
				rate(func(x domain.PublicRates) *float64 { return x.Satisfaction })),
			"satisfiedShare": of(graphql.Float, "Share of ratings of 4 or 5; null below minRatings ratings.",
				rate(func(x domain.PublicRates) *float64 { return x.SatisfiedShare })),
		}})
	month := graphql.NewObject(graphql.ObjectConfig{Name: "PublicMonth", Fields: graphql.Fields{
		"month":      of(nn(graphql.String), "YYYY-MM (China time) the complaints were received.", func(m domain.PublicMonth) any { return m.Month.Format("2006-01") }),
		"complaints": of(nn(graphql.Int), "", func(m domain.PublicMonth) any { return int(m.Complaints) }),
	}})
	return graphql.NewObject(graphql.ObjectConfig{Name: "PublicFigures",
		Description: "The public dataset's figures of a selection, with the minimum counts and the caveat to show beside them.",
		Fields: graphql.Fields{
			"total": of(nn(rates), "The whole selection.", func(x *domain.PublicFigures) any { return x.Total }),
			"institutions": of(nn(graphql.NewList(nn(rates))), "Each institution named in the selection (as lender or agency), largest volume first.", func(x *domain.PublicFigures) any {
				out := make([]any, len(x.Institutions))
				for i, v := range x.Institutions {
					out[i] = v
				}
				return out
			}),
			"months": of(nn(graphql.NewList(nn(month))), "Complaints received per month, oldest first (the latest 120 months at most).", func(x *domain.PublicFigures) any {
				out := make([]any, len(x.Months))
				for i, v := range x.Months {
					out[i] = v
				}
				return out
			}),
			"minCount":   of(nn(graphql.Int), "Published complaints needed for the rates.", func(x *domain.PublicFigures) any { return int(x.MinCount) }),
			"minRatings": of(nn(graphql.Int), "Ratings needed for satisfaction.", func(x *domain.PublicFigures) any { return int(x.MinRatings) }),
			"caveat":     of(nn(graphql.String), "", func(x *domain.PublicFigures) any { return x.Caveat }),
			"caveatZh":   of(nn(graphql.String), "", func(x *domain.PublicFigures) any { return x.CaveatZH }),
		}})
}
