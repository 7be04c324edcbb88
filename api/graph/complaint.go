package graph

import (
	"time"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

func (r *resolvers) complaintQueries(t *types) graphql.Fields {
	ct := r.caseTypes(t) // widens Complaint, FileComplaintInput and ComplaintFilter
	return graphql.Fields{
		"complaint": &graphql.Field{
			Type:        t.complaint,
			Description: "A complaint you may see, by id or public reference number (RL-...).",
			Args:        graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Complaints.Get(p.Context, argString(p, "id"))
			}),
		},
		"complaints": r.costlyWhen(&graphql.Field{
			Type:        graphql.NewNonNull(t.complaintConnection),
			Description: "Complaints you may see (your own, your team's queue, or those forwarded to your institution), newest first unless orderBy says otherwise.",
			Args: graphql.FieldConfigArgument{
				"filter":  {Type: t.complaintFilter},
				"first":   {Type: graphql.Int, DefaultValue: 20},
				"after":   {Type: graphql.String, Description: "A cursor from a page listed in the same order."},
				"orderBy": {Type: ct.order, DefaultValue: string(domain.OrderNewest)},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				f, err := filterArgs(p)
				if err != nil {
					return nil, err
				}
				paging, err := argPage(p)
				if err != nil {
					return nil, err
				}
				paging.SkipTotal = !selects(p, "totalCount")
				page, err := r.Complaints.List(p.Context, f, paging)
				if err != nil {
					return nil, err
				}
				nodes := make([]any, len(page.Complaints))
				for i, c := range page.Complaints {
					nodes[i] = c
				}
				total := page.Total
				if !selects(p, "totalCount") {
					total = -1
				}
				return connectionPage{nodes: nodes, cursors: page.Cursors, hasNext: page.HasNext, total: total}, nil
			}),
		}, searchesText),
	}
}

func (r *resolvers) complaintMutations(t *types) graphql.Fields {
	return graphql.Fields{
		"fileComplaint": &graphql.Field{
			Type:        graphql.NewNonNull(t.complaint),
			Description: "File a complaint. Retrying with the same idempotencyKey returns the same complaint.",
			Args: graphql.FieldConfigArgument{
				"input":          {Type: graphql.NewNonNull(t.fileComplaintInput)},
				"idempotencyKey": {Type: graphql.String},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				m := p.Args["input"].(map[string]any)
				in, err := decodeFileComplaint(m)
				if err != nil {
					return nil, err
				}
				if err := decodeFileComplaintDetails(m, &in); err != nil {
					return nil, err
				}
				return r.Complaints.File(p.Context, in, argString(p, "idempotencyKey"))
			}),
		},
	}
}

func decodeFileComplaint(m map[string]any) (domain.FileComplaint, error) {
	in := domain.FileComplaint{
		Relation:   domain.Relation(str(m["relation"])),
		LenderName: str(m["lenderName"]),
		AgencyName: str(m["agencyName"]),
		Product:    domain.Product(str(m["product"])),
		Province:   str(m["province"]),
		City:       str(m["city"]),
		Narrative:  str(m["narrative"]),
	}
	var err error
	if in.LenderID, err = parseID(str(m["lenderId"]), "input.lenderId", "not an institution id", "机构编号无效"); err != nil {
		return in, err
	}
	if vs, ok := m["violations"].([]any); ok {
		for _, v := range vs {
			in.Violations = append(in.Violations, domain.ViolationType(str(v)))
		}
	}
	return in, nil
}

// filterArgs is the complaint filter and order a field's filter and orderBy arguments give.
func filterArgs(p graphql.ResolveParams) (domain.ComplaintFilter, error) {
	f, err := decodeFilter(p.Args["filter"])
	if err != nil {
		return f, err
	}
	f.Order = domain.ComplaintOrder(argString(p, "orderBy"))
	return f, nil
}

func decodeFilter(v any) (domain.ComplaintFilter, error) {
	var f domain.ComplaintFilter
	m, ok := v.(map[string]any)
	if !ok {
		return f, nil
	}
	if ss, ok := m["status"].([]any); ok {
		for _, s := range ss {
			f.Statuses = append(f.Statuses, domain.Status(str(s)))
		}
	}
	f.Team, f.Province, f.Text = str(m["team"]), str(m["province"]), str(m["text"])
	f.Violation, f.Priority = domain.ViolationType(str(m["violation"])), domain.Priority(str(m["priority"]))
	f.Overdue, _ = m["overdue"].(bool)
	f.Mine, _ = m["mine"].(bool)
	f.Unassigned, _ = m["unassigned"].(bool)
	f.ExtensionPending, _ = m["extensionPending"].(bool)
	f.FeedbackLapsed, _ = m["feedbackLapsed"].(bool)
	f.DueWithinDays, _ = m["dueWithinDays"].(int)
	var err error
	if f.AssigneeID, err = optionalID(m, "assigneeId"); err != nil {
		return f, err
	}
	if f.InstitutionID, err = optionalID(m, "institutionId"); err != nil {
		return f, err
	}
	if f.CreatedFrom, err = optionalTime(m, "createdFrom"); err != nil {
		return f, err
	}
	if f.CreatedTo, err = optionalTime(m, "createdTo"); err != nil {
		return f, err
	}
	return f, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func optionalID(m map[string]any, key string) (int64, error) {
	return parseID(str(m[key]), "filter."+key, "not a valid id", "编号无效")
}

func optionalTime(m map[string]any, key string) (time.Time, error) {
	s := str(m[key])
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, domain.Invalid("filter."+key, "use an RFC 3339 time such as 2026-01-31T00:00:00Z", "请使用RFC 3339时间格式")
	}
	return t, nil
}
