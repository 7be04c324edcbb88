package graph

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// accessTypes are the schema types of role bindings and the admin audit log.
type accessTypes struct {
	binding, act, actConnection, userConnection *graphql.Object
}

func (r *resolvers) newAccessTypes(t *types) *accessTypes {
	at := &accessTypes{}
	at.binding = graphql.NewObject(graphql.ObjectConfig{Name: "RoleBinding",
		Description: "A role a user holds in a domain: an institution (inst:<id>), a team (team:<code>) or everywhere (*).",
		Fields: graphql.Fields{
			"userId":    of(graphql.NewNonNull(graphql.ID), "", func(b domain.Binding) any { return id64(b.UserID) }),
			"role":      of(graphql.NewNonNull(t.role), "", func(b domain.Binding) any { return string(b.Role) }),
			"domain":    of(graphql.NewNonNull(graphql.String), "inst:<id>, team:<code> or *.", func(b domain.Binding) any { return b.Domain }),
			"grantedBy": of(graphql.ID, "The administrator who granted it; null when the platform did (account creation).", func(b domain.Binding) any { return id64(b.GrantedBy) }),
			"grantedAt": of(graphql.NewNonNull(graphql.String), "", func(b domain.Binding) any { return timeString(b.GrantedAt) }),
			"grantedByName": &graphql.Field{Type: graphql.String, Description: "The display name of the administrator who granted it, to administrators; null when the platform granted it or the account no longer exists.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					b := p.Source.(domain.Binding)
					if b.GrantedBy == 0 || domain.ActorFrom(p.Context).Role != domain.RoleAdmin {
						return nil, nil
					}
					return userName(p, b.GrantedBy), nil
				}},
		}})
	at.act = graphql.NewObject(graphql.ObjectConfig{Name: "AdminAuditEntry",
		Description: "An administrator's act on access: a grant, a revocation, evidence read with a reason.",
		Fields: graphql.Fields{
			"id":        of(graphql.NewNonNull(graphql.ID), "", func(a domain.AdminAct) any { return id64(a.ID) }),
			"actorId":   of(graphql.NewNonNull(graphql.ID), "Who.", func(a domain.AdminAct) any { return id64(a.ActorID) }),
			"actorRole": of(graphql.NewNonNull(graphql.String), "", func(a domain.AdminAct) any { return string(a.ActorRole) }),
			"action":    of(graphql.NewNonNull(graphql.String), "What: role.grant, role.revoke, evidence.read, institution.*, institution.user.*, routing.update, rulepack.update, rules.reassess, calendar.update.", func(a domain.AdminAct) any { return a.Action }),
			"target":    of(graphql.NewNonNull(graphql.String), "On what: user:<id>, complaint:<id>, institution:<id>, routing-table:<version>, rule-pack:<CN|US>, rule-reassessment:<id>, calendar:<jurisdiction>:<version>.", func(a domain.AdminAct) any { return a.Target }),
			"reason":    of(graphql.String, "The reason given, where one is required.", func(a domain.AdminAct) any { return nonEmpty(a.Reason) }),
			"details": of(graphql.NewNonNull(graphql.String), "The act's details as a JSON object.", func(a domain.AdminAct) any {
				b, _ := json.Marshal(a.Details)
				return string(b)
			}),
			"address": of(graphql.NewNonNull(graphql.String), "The client address it came from.", func(a domain.AdminAct) any { return a.Address }),
			"at":      of(graphql.NewNonNull(graphql.String), "When.", func(a domain.AdminAct) any { return timeString(a.At) }),
			"actorName": &graphql.Field{Type: graphql.String, Description: "The actor's display name; null for an account that no longer exists.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return userName(p, p.Source.(domain.AdminAct).ActorID), nil
				}},
			"targetName": &graphql.Field{Type: graphql.String, Description: "The display name of the user a user:<id> target names; null for other targets.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					id := targetID(p.Source.(domain.AdminAct).Target, "user:")
					if id == 0 {
						return nil, nil
					}
					return userName(p, id), nil
				}},
			"targetInstitution": &graphql.Field{Type: t.institution, Description: "The institution an institution:<id> target names (its names in both languages).",
				Resolve: institutionByID(func(a domain.AdminAct) int64 { return targetID(a.Target, "institution:") })},
		}})
	at.actConnection = t.connection("AdminAuditEntry", at.act)
	at.userConnection = t.connection("User", t.user)
	t.user.AddFieldConfig("roles", &graphql.Field{Type: graphql.NewList(graphql.NewNonNull(at.binding)),
		Description: "The roles the user holds and where; to the user themselves and administrators.",
		Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
			return r.Access.UserBindings(p.Context, p.Source.(*domain.User).ID)
		})})
	return at
}

func (r *resolvers) accessTypes(t *types) *accessTypes {
	if t.access == nil {
		t.access = r.newAccessTypes(t)
	}
	return t.access
}

// accessQueries adds the admin audit log.
func (r *resolvers) accessQueries(t *types) graphql.Fields {
	at := r.accessTypes(t)
	return graphql.Fields{
		"adminAuditLog": &graphql.Field{
			Type:        graphql.NewNonNull(at.actConnection),
			Description: "Administrators' changes (access, institutions and their users, routing, rule packs, reassessments, calendars) and reads with a reason, newest first (administrators only).",
			Args: graphql.FieldConfigArgument{
				"first":   {Type: graphql.Int, DefaultValue: 20},
				"after":   {Type: graphql.String},
				"action":  {Type: graphql.String, Description: "Only this action (role.grant), or, ending in a dot, actions under it (institution.)."},
				"target":  {Type: graphql.String, Description: "Only acts on this target (user:42, institution:7)."},
				"actorId": {Type: graphql.ID, Description: "Only acts of this administrator."},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				actor, err := parseID(argString(p, "actorId"), "actorId", "the actor id is a positive number", "操作人编号须为正整数")
				if err != nil {
					return nil, err
				}
				f := domain.AdminActFilter{Action: argString(p, "action"), Target: argString(p, "target"), ActorID: actor}
				paging, err := argPage(p)
				if err != nil {
					return nil, err
				}
				pg, err := r.Access.AuditLog(p.Context, f, paging)
				if err != nil {
					return nil, err
				}
				page := connectionPage{hasNext: pg.HasNext, total: -1, cursors: pg.Cursors}
				for _, a := range pg.Acts {
					page.nodes = append(page.nodes, a)
				}
				return page, nil
			}),
		},
		"users": &graphql.Field{
			Type:        graphql.NewNonNull(at.userConnection),
			Description: "The user whose id search is (a number), or users whose e-mail address contains search, by id (administrators only); each with their roles.",
			Args:        searchPageArgs(),
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				paging, err := argPage(p)
				if err != nil {
					return nil, err
				}
				list, more, err := r.Access.SearchUsers(p.Context, argString(p, "search"), paging)
				if err != nil {
					return nil, err
				}
				return idPage(list, more, func(u *domain.User) int64 { return u.ID }), nil
			}),
		},
	}
}

// accessMutations adds grantRole and revokeRole.
func (r *resolvers) accessMutations(t *types) graphql.Fields {
	at := r.accessTypes(t)
	args := graphql.FieldConfigArgument{
		"userId": {Type: graphql.NewNonNull(graphql.ID)},
		"role":   {Type: graphql.NewNonNull(t.role)},
		"domain": {Type: graphql.NewNonNull(graphql.String), Description: "inst:<id> for institution roles, team:<code> or * for reviewers and supervisors, * for the others."},
		"reason": {Type: graphql.NewNonNull(graphql.String), Description: "Why the role changes (the request or ticket it answers), 1 to 500 characters; kept in the admin audit record."},
	}
	userID := func(p graphql.ResolveParams) (int64, error) {
		id, err := strconv.ParseInt(argString(p, "userId"), 10, 64)
		if err != nil || id <= 0 {
			return 0, domain.Invalid("userId", "the user id is a positive number", "用户编号须为正整数")
		}
		return id, nil
	}
	return graphql.Fields{
		"grantRole": &graphql.Field{
			Type:        graphql.NewNonNull(at.binding),
			Description: "Give a user a role in a domain (administrators only), for a reason; recorded in the admin audit log with the reason.",
			Args:        args,
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := userID(p)
				if err != nil {
					return nil, err
				}
				return r.Access.Grant(p.Context, id, domain.Role(argString(p, "role")), argString(p, "domain"), argString(p, "reason"))
			}),
		},
		"revokeRole": &graphql.Field{
			Type: graphql.NewNonNull(graphql.Boolean),
			Description: "Take a role in a domain away from a user (administrators only); it takes effect on the user's " +
				"next request and is recorded in the admin audit log with the reason.",
			Args: args,
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := userID(p)
				if err != nil {
					return nil, err
				}
				return true, r.Access.Revoke(p.Context, id, domain.Role(argString(p, "role")), argString(p, "domain"), argString(p, "reason"))
			}),
		},
	}
}

// targetID is the id of an admin audit target of the kind prefix names ("user:", "institution:"),
// or 0.
func targetID(target, prefix string) int64 {
	rest, ok := strings.CutPrefix(target, prefix)
	if !ok {
		return 0
	}
	id, _ := strconv.ParseInt(rest, 10, 64)
	return id
}

// userName resolves a user's display name through the request's loader.
func userName(p graphql.ResolveParams, id int64) func() (any, error) {
	return thunk(p, loadersFrom(p.Context).users.load(p.Context, id), func(u *domain.User) any {
		if u == nil || u.DisplayName == "" {
			return nil
		}
		return u.DisplayName
	})
}
