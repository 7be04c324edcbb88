package graph

import (
	"strconv"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

func (r *resolvers) institutionQueries(t *types) graphql.Fields {
	return graphql.Fields{
		"institutions": &graphql.Field{
			Type:        graphql.NewNonNull(t.institutionConnection),
			Description: "Lenders and collection agencies whose name or brand contains search (public: complainants pick their lender from it).",
			Args: graphql.FieldConfigArgument{
				"search": {Type: graphql.String},
				"first":  {Type: graphql.Int, DefaultValue: 20},
				"after":  {Type: graphql.String},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				first := argInt(p, "first", 20)
				if first < 1 || first > 100 {
					return nil, domain.Invalid("first", "first must be between 1 and 100", "每页须为1至100条")
				}
				list, more, err := r.Institutions.ListInstitutions(p.Context, argString(p, "search"), domain.Page{First: first, After: argString(p, "after")})
				if err != nil {
					return nil, err
				}
				page := connectionPage{hasNext: more, total: -1}
				for _, in := range list {
					page.nodes = append(page.nodes, in)
					page.cursors = append(page.cursors, strconv.FormatInt(in.ID, 10))
				}
				return page, nil
			}),
		},
		"institution": &graphql.Field{
			Type: t.institution,
			Args: graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := strconv.ParseInt(argString(p, "id"), 10, 64)
				if err != nil {
					return nil, domain.ErrNotFound
				}
				return r.Institutions.InstitutionByID(p.Context, id)
			}),
		},
		"violationTypes": &graphql.Field{
			Type:        graphql.NewList(graphql.NewNonNull(t.violationInfo)),
			Description: "The kinds of abusive collection, with Chinese and English labels.",
			Args:        graphql.FieldConfigArgument{"jurisdiction": {Type: t.jurisdiction, DefaultValue: "CN"}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				return domain.ViolationTypes, nil
			},
		},
	}
}
