package graph

import (
	"strconv"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

func (r *resolvers) institutionQueries(t *types) graphql.Fields {
	nn := graphql.NewNonNull
	// inst resolves an institution of a clash through the request's batch loader: a list of clashes
	// reads its institutions in one statement.
	inst := func(id func(domain.NameClash) int64) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) {
			c := p.Source.(domain.NameClash)
			return thunk(p, loadersFrom(p.Context).institutions.load(p.Context, id(c)), func(in *domain.Institution) any {
				if in == nil {
					return nil
				}
				return in
			}), nil
		}
	}
	clash := graphql.NewObject(graphql.ObjectConfig{Name: "InstitutionNameClash",
		Description: "Two institutions holding one name key (a name, English name or alias that reads the same, case, width and spaces ignored), kept from before the registry refused clashes (migration 00070): " +
			"the filing type-ahead offers both. Resolved by renaming either or removing the alias (updateInstitution, removeInstitutionAlias).",
		Fields: graphql.Fields{
			"key":         of(nn(graphql.String), "The name key both hold.", func(c domain.NameClash) any { return c.Key }),
			"institution": {Type: t.institution, Description: "The institution that keeps the key from before (the later one).", Resolve: inst(func(c domain.NameClash) int64 { return c.ID })},
			"holder":      {Type: t.institution, Description: "The institution the key belongs to (the earlier one).", Resolve: inst(func(c domain.NameClash) int64 { return c.HolderID })},
		}})
	return graphql.Fields{
		"institutionNameClashes": &graphql.Field{
			Type:        nn(graphql.NewList(nn(clash))),
			Description: "Administrators: the institution names that clash, kept from before the registry refused clashes (FORBIDDEN to every other role), by key.",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return r.InstitutionAdmin.NameClashes(p.Context)
			}),
		},
		"institutions": &graphql.Field{
			Type:        graphql.NewNonNull(t.institutionConnection),
			Description: "Lenders and collection agencies whose name or brand contains search (public: complainants pick their lender from it).",
			Args:        searchPageArgs(),
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				paging, err := argPage(p)
				if err != nil {
					return nil, err
				}
				search, err := domain.InstitutionSearch(argString(p, "search"))
				if err != nil {
					return nil, err
				}
				list, more, err := r.Institutions.ListInstitutions(p.Context, search, paging)
				if err != nil {
					return nil, err
				}
				return idPage(list, more, func(in *domain.Institution) int64 { return in.ID }), nil
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

// institutionMutations are the administrators' edits of the institution registry: create, rename,
// and add or remove the brand and app names complainants type (aliases); each is recorded in the
// admin audit log.
func (r *resolvers) institutionMutations(t *types) graphql.Fields {
	nn := graphql.NewNonNull
	input := graphql.NewInputObject(graphql.InputObjectConfig{Name: "InstitutionInput", Fields: graphql.InputObjectConfigFieldMap{
		"name":    {Type: nn(graphql.String), Description: "The legal name."},
		"nameEn":  {Type: graphql.String, Description: "The English name, shown when the portal is in English (at most 200 characters; \"\" clears it; left out, updateInstitution keeps it)."},
		"kind":    {Type: nn(t.kind)},
		"aliases": {Type: graphql.NewList(nn(graphql.String)), Description: "Brand and app names (createInstitution only)."},
	}})
	instID := func(p graphql.ResolveParams) (int64, error) {
		id, err := parseID(argString(p, "id"), "id", "the institution id is a positive number", "机构编号须为正整数")
		if err == nil && id == 0 {
			err = domain.Invalid("id", "the institution id is a positive number", "机构编号须为正整数")
		}
		return id, err
	}
	aliasOp := func(desc string, fn func(p graphql.ResolveParams, id int64, alias string) (*domain.Institution, error)) *graphql.Field {
		return &graphql.Field{Type: nn(t.institution), Description: desc,
			Args: graphql.FieldConfigArgument{"id": {Type: nn(graphql.ID)}, "alias": {Type: nn(graphql.String)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := instID(p)
				if err != nil {
					return nil, err
				}
				in, err := fn(p, id, argString(p, "alias"))
				return in, notFoundOn(err, "id")
			})}
	}
	return graphql.Fields{
		"createInstitution": &graphql.Field{Type: nn(t.institution),
			Description: "Add a lender or collection agency to the registry (administrators); recorded in the admin audit log.",
			Args:        graphql.FieldConfigArgument{"input": {Type: nn(input)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				in, _ := p.Args["input"].(map[string]any)
				var aliases []string
				for _, a := range listArg(in["aliases"]) {
					aliases = append(aliases, str(a))
				}
				return r.InstitutionAdmin.Create(p.Context, str(in["name"]), str(in["nameEn"]), domain.InstitutionKind(str(in["kind"])), aliases)
			})},
		"updateInstitution": &graphql.Field{Type: nn(t.institution),
			Description: "Rename an institution or change its kind (administrators; aliases are changed one by one); recorded in the admin audit log.",
			Args:        graphql.FieldConfigArgument{"id": {Type: nn(graphql.ID)}, "input": {Type: nn(input)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := instID(p)
				if err != nil {
					return nil, err
				}
				in, _ := p.Args["input"].(map[string]any)
				if len(listArg(in["aliases"])) > 0 {
					return nil, domain.Invalid("input.aliases", "change aliases with addInstitutionAlias and removeInstitutionAlias", "请用添加/删除别名操作修改别名")
				}
				var nameEn *string
				if v, ok := in["nameEn"].(string); ok {
					nameEn = &v
				}
				got, err := r.InstitutionAdmin.Update(p.Context, id, str(in["name"]), nameEn, domain.InstitutionKind(str(in["kind"])))
				return got, notFoundOn(err, "id")
			})},
		"addInstitutionAlias": aliasOp("Add a brand or app name to an institution (administrators); the filing type-ahead finds it at once. Recorded in the admin audit log.",
			func(p graphql.ResolveParams, id int64, alias string) (*domain.Institution, error) {
				return r.InstitutionAdmin.AddAlias(p.Context, id, alias)
			}),
		"removeInstitutionAlias": aliasOp("Take a brand or app name off an institution (administrators); recorded in the admin audit log.",
			func(p graphql.ResolveParams, id int64, alias string) (*domain.Institution, error) {
				return r.InstitutionAdmin.RemoveAlias(p.Context, id, alias)
			}),
	}
}
