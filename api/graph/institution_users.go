package graph

import (
	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// institutionUserType is a user of an institution as its admin sees them.
func (r *resolvers) institutionUserType(t *types) *graphql.Object {
	if t.institutionUser != nil {
		return t.institutionUser
	}
	t.institutionUser = graphql.NewObject(graphql.ObjectConfig{Name: "InstitutionUser",
		Description: "An agent or admin of your institution, as its admin sees them: the e-mail address masked.",
		Fields: graphql.Fields{
			"id":      of(graphql.NewNonNull(graphql.ID), "", func(m *domain.InstitutionMember) any { return id64(m.ID) }),
			"name":    of(graphql.NewNonNull(graphql.String), "", func(m *domain.InstitutionMember) any { return m.Name }),
			"email":   of(graphql.NewNonNull(graphql.String), "Masked: z***@example.cn.", func(m *domain.InstitutionMember) any { return m.Email }),
			"role":    of(graphql.NewNonNull(t.role), "institution_agent or institution_admin.", func(m *domain.InstitutionMember) any { return string(m.Role) }),
			"active":  of(graphql.NewNonNull(graphql.Boolean), "False once disabled: they cannot sign in.", func(m *domain.InstitutionMember) any { return m.Active }),
			"invited": of(graphql.NewNonNull(graphql.Boolean), "True until they set a password from the invitation.", func(m *domain.InstitutionMember) any { return m.Invited }),
			"lastSignInAt": of(graphql.String, "Null when they never signed in.", func(m *domain.InstitutionMember) any {
				return timeString(m.LastSignInAt)
			}),
			"createdAt": of(graphql.NewNonNull(graphql.String), "", func(m *domain.InstitutionMember) any { return timeString(m.CreatedAt) }),
		}})
	return t.institutionUser
}

// institutionUserQueries adds institutionUsers.
func (r *resolvers) institutionUserQueries(t *types) graphql.Fields {
	ut := r.institutionUserType(t)
	return graphql.Fields{
		"institutionUsers": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(ut))),
			Description: "The agents and admins of your institution (its admin only).",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				ms, err := r.InstitutionUsers.List(p.Context)
				if err != nil {
					return nil, err
				}
				out := make([]*domain.InstitutionMember, len(ms))
				for i := range ms {
					out[i] = &ms[i]
				}
				return out, nil
			}),
		},
	}
}

// institutionUserMutations adds inviting, disabling and enabling an institution's users, and
// taking up an invitation.
func (r *resolvers) institutionUserMutations(t *types) graphql.Fields {
	ut := r.institutionUserType(t)
	input := graphql.NewInputObject(graphql.InputObjectConfig{Name: "InviteInstitutionUserInput", Fields: graphql.InputObjectConfigFieldMap{
		"email": {Type: graphql.NewNonNull(graphql.String)},
		"name":  {Type: graphql.NewNonNull(graphql.String)},
		"role":  {Type: graphql.NewNonNull(t.role), Description: "institution_agent or institution_admin."},
	}})
	setActive := func(active bool) graphql.FieldResolveFn {
		return resolve(func(p graphql.ResolveParams) (any, error) {
			id, err := parseID(argString(p, "id"), "id", "the user id is a positive number", "用户编号须为正整数")
			if err != nil {
				return nil, err
			}
			return r.InstitutionUsers.SetActive(p.Context, id, active)
		})
	}
	idArg := graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}}
	sent := graphql.NewObject(graphql.ObjectConfig{Name: "InvitationSent",
		Description: "The answer to an invitation; the same whether the address was new or already had an account.",
		Fields: graphql.Fields{
			"email":     of(graphql.NewNonNull(graphql.String), "Masked: z***@example.cn.", func(s *domain.InvitationSent) any { return s.Email }),
			"expiresAt": of(graphql.NewNonNull(graphql.String), "When the link stops working.", func(s *domain.InvitationSent) any { return timeString(s.ExpiresAt) }),
		}})
	return graphql.Fields{
		"inviteInstitutionUser": &graphql.Field{
			Type: graphql.NewNonNull(sent),
			Description: "Open an agent or admin account in your institution (its admin only); the person is e-mailed a link " +
				"to set their password, valid 7 days. Recorded in the admin audit log. An address that already has an account " +
				"gets nothing created, only an e-mail telling its owner; the answer is the same, so it reveals nothing about " +
				"who has an account. The new user appears in institutionUsers.",
			Args: graphql.FieldConfigArgument{"input": {Type: graphql.NewNonNull(input)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				in, _ := p.Args["input"].(map[string]any)
				email, _ := in["email"].(string)
				name, _ := in["name"].(string)
				role, _ := in["role"].(string)
				return r.InstitutionUsers.Invite(p.Context, email, name, domain.Role(role))
			}),
		},
		"resendInstitutionInvitation": &graphql.Field{
			Type: graphql.NewNonNull(ut),
			Description: "Send a new invitation link to a user of your institution who has not set a password yet (its admin " +
				"only); the links sent before stop working. Recorded in the admin audit log.",
			Args: idArg,
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := parseID(argString(p, "id"), "id", "the user id is a positive number", "用户编号须为正整数")
				if err != nil {
					return nil, err
				}
				return r.InstitutionUsers.ResendInvitation(p.Context, id)
			}),
		},
		"disableInstitutionUser": &graphql.Field{
			Type: graphql.NewNonNull(ut),
			Description: "Disable a user of your institution (its admin only; not yourself): their sessions end at once and " +
				"they cannot sign in until enabled. Recorded in the admin audit log.",
			Args:    idArg,
			Resolve: setActive(false),
		},
		"enableInstitutionUser": &graphql.Field{
			Type:        graphql.NewNonNull(ut),
			Description: "Let a disabled user of your institution sign in again (its admin only). Recorded in the admin audit log.",
			Args:        idArg,
			Resolve:     setActive(true),
		},
		"acceptInvitation": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.Boolean),
			Description: "Set the password of an invited account from the e-mailed link's token; then sign in.",
			Args: graphql.FieldConfigArgument{
				"token":    {Type: graphql.NewNonNull(graphql.String)},
				"password": {Type: graphql.NewNonNull(graphql.String)},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return true, r.InstitutionUsers.AcceptInvitation(p.Context, argString(p, "token"), argString(p, "password"))
			}),
		},
	}
}
