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
		"publicComplaints": &graphql.Field{
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
				m, _ := p.Args["filter"].(map[string]any)
				var f domain.PublicFilter
				var err error
				if f.From, err = parseDate(str(m["from"]), "filter.from"); err != nil {
					return nil, err
				}
				if f.To, err = parseDate(str(m["to"]), "filter.to"); err != nil {
					return nil, err
				}
				if f.InstitutionID, err = optionalID(m, "institutionId"); err != nil {
					return nil, err
				}
				f.Product, f.Province, f.Violation = domain.Product(str(m["product"])), str(m["province"]), domain.ViolationType(str(m["violationType"]))
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
		},
	}
}
