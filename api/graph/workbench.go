package graph

import (
	"encoding/json"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// workbenchFields are the regulator's saved queue views and the teams' load (domain.Workbench).
func (r *resolvers) workbenchFields(t *types) (queries, mutations graphql.Fields) {
	ct := r.caseTypes(t)
	nn, integer := graphql.NewNonNull, graphql.NewNonNull(graphql.Int)
	view := graphql.NewObject(graphql.ObjectConfig{Name: "SavedView", Description: "A complaint filter and order a staff member saved under a name; only its owner sees it.",
		Fields: graphql.Fields{
			"id":   of(nn(graphql.ID), "", func(v *domain.SavedView) any { return id64(v.ID) }),
			"name": of(nn(graphql.String), "", func(v *domain.SavedView) any { return v.Name }),
			"filter": of(nn(graphql.String), "The filter as a JSON object with the fields of ComplaintFilter; pass it back as the complaints filter.", func(v *domain.SavedView) any {
				b, _ := json.Marshal(domain.ViewFilterOf(v.Filter))
				return string(b)
			}),
			"orderBy":   of(nn(ct.order), "", func(v *domain.SavedView) any { return string(v.Filter.Order) }),
			"createdAt": of(nn(graphql.String), "", func(v *domain.SavedView) any { return timeString(v.CreatedAt) }),
			"updatedAt": of(nn(graphql.String), "", func(v *domain.SavedView) any { return timeString(v.UpdatedAt) }),
			"count": {Type: integer, Description: "Complaints the view shows you now.",
				Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
					v := p.Source.(*domain.SavedView)
					page, err := r.Complaints.List(p.Context, v.Filter, domain.Page{First: 1})
					if err != nil {
						return nil, err
					}
					return page.Total, nil
				})},
		}})
	member := graphql.NewObject(graphql.ObjectConfig{Name: "MemberLoad", Description: "One reviewer's or supervisor's open complaints in a team.", Fields: graphql.Fields{
		"userId":      of(nn(graphql.ID), "", func(m domain.MemberLoad) any { return id64(m.UserID) }),
		"displayName": of(nn(graphql.String), "", func(m domain.MemberLoad) any { return m.DisplayName }),
		"role":        of(t.role, "", func(m domain.MemberLoad) any { return nonEmpty(string(m.Role)) }),
		"open":        of(integer, "Open complaints assigned to them.", func(m domain.MemberLoad) any { return m.Open }),
		"overdue":     of(integer, "Of those, past the due date of the clock they await (acceptance, an answer; not the complainant's feedback window).", func(m domain.MemberLoad) any { return m.Overdue }),
		"dueSoon":     of(integer, "Of those, with the clock they await due within 3 days.", func(m domain.MemberLoad) any { return m.DueSoon }),
	}})
	load := graphql.NewObject(graphql.ObjectConfig{Name: "TeamLoad", Description: "A team's open work.", Fields: graphql.Fields{
		"team":              of(nn(graphql.String), "", func(x domain.TeamLoad) any { return x.Team }),
		"open":              of(integer, "Open complaints of the team.", func(x domain.TeamLoad) any { return x.Open }),
		"unassigned":        of(integer, "Open complaints nobody works.", func(x domain.TeamLoad) any { return x.Unassigned }),
		"overdue":           of(integer, "Past the due date of the clock they await: acceptance, an institution's answer (breaches); not the complainant's feedback window.", func(x domain.TeamLoad) any { return x.Overdue }),
		"dueSoon":           of(integer, "With the clock they await due within 3 days (near-breaches).", func(x domain.TeamLoad) any { return x.DueSoon }),
		"extensionsPending": of(integer, "Extension requests awaiting a supervisor.", func(x domain.TeamLoad) any { return x.ExtensionsPending }),
		"members":           of(nn(graphql.NewList(nn(member))), "The team's reviewers and supervisors and anyone else working its complaints, busiest first.", func(x domain.TeamLoad) any { return orEmpty(x.Members) }),
	}})
	team := graphql.NewObject(graphql.ObjectConfig{Name: "Team", Description: "A regulator team: the code complaints and bindings name, and its display names.", Fields: graphql.Fields{
		"code":   of(nn(graphql.String), "", func(x domain.Team) any { return x.Code }),
		"name":   of(nn(graphql.String), "The Chinese name.", func(x domain.Team) any { return x.Name }),
		"nameEn": of(graphql.String, "The English name; null when not given (show the Chinese one).", func(x domain.Team) any { return nonEmpty(x.NameEn) }),
	}})
	queries = graphql.Fields{
		"teams": {Type: nn(graphql.NewList(nn(team))), Description: "The regulator's teams by code, with their names (reviewers, supervisors, admins, analysts).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Workbench.Teams(p.Context)
			})},
		"savedViews": {Type: nn(graphql.NewList(nn(view))), Description: "Your saved queue views, by name (reviewers, supervisors, admins).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				vs, err := r.Workbench.SavedViews(p.Context)
				return ptrs(vs), err
			})},
		"teamLoad": {Type: nn(graphql.NewList(nn(load))), Description: "Open work per team and per person: your teams, every team for an admin (reviewers, supervisors, admins).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.Workbench.TeamLoad(p.Context)
			})},
	}
	mutations = graphql.Fields{
		"saveView": {Type: nn(view), Description: "Save a complaint filter and order under a name (1 to 60 characters); saving under a name you used replaces that view. At most 50 views.",
			Args: graphql.FieldConfigArgument{
				"name":    {Type: nn(graphql.String)},
				"filter":  {Type: t.complaintFilter},
				"orderBy": {Type: ct.order, DefaultValue: string(domain.OrderNewest)},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				f, err := filterArgs(p)
				if err != nil {
					return nil, err
				}
				return r.Workbench.SaveView(p.Context, argString(p, "name"), f)
			})},
		"deleteView": {Type: nn(graphql.Boolean), Description: "Delete one of your saved views.",
			Args: graphql.FieldConfigArgument{"id": {Type: nn(graphql.ID)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := argID64(p, "id")
				if err != nil {
					return nil, err
				}
				if id == 0 {
					return nil, domain.Invalid("id", "not a valid id", "编号无效")
				}
				return true, r.Workbench.DeleteView(p.Context, id)
			})},
	}
	return queries, mutations
}
