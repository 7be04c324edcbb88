package graph

import (
	"strconv"
	"strings"

	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// institutionUserType is a user of an institution as its admin sees them.
func (r *resolvers) institutionUserType(t *types) *graphql.Object {
	if t.institutionUser != nil {
		return t.institutionUser
	}
	t.institutionUser = graphql.NewObject(graphql.ObjectConfig{Name: "InstitutionUser",
		Description: "An agent or admin of your institution, or a pending invitation to become one, as its admin sees them: " +
			"the e-mail address masked. A pending invitation looks the same whether or not its address has an account elsewhere.",
		Fields: graphql.Fields{
			"id": of(graphql.NewNonNull(graphql.ID), "The user's id, or invitation:<n> for a pending invitation (no account yet).",
				func(m *domain.InstitutionMember) any { return memberID(m) }),
			"name":    of(graphql.NewNonNull(graphql.String), "", func(m *domain.InstitutionMember) any { return m.Name }),
			"email":   of(graphql.NewNonNull(graphql.String), "Masked: z***@example.cn.", func(m *domain.InstitutionMember) any { return m.Email }),
			"role":    of(graphql.NewNonNull(t.role), "institution_agent or institution_admin.", func(m *domain.InstitutionMember) any { return string(m.Role) }),
			"active":  of(graphql.NewNonNull(graphql.Boolean), "False once disabled: they cannot sign in.", func(m *domain.InstitutionMember) any { return m.Active }),
			"invited": of(graphql.NewNonNull(graphql.Boolean), "True until they set a password from the invitation.", func(m *domain.InstitutionMember) any { return m.Invited }),
			"lastSignInAt": of(graphql.String, "Null when they never signed in.", func(m *domain.InstitutionMember) any {
				return timeString(m.LastSignInAt)
			}),
			"createdAt": of(graphql.NewNonNull(graphql.String), "When the account or the invitation was created.", func(m *domain.InstitutionMember) any { return timeString(m.CreatedAt) }),
			"expiresAt": of(graphql.String, "When a pending invitation's link stops working; null for accounts.", func(m *domain.InstitutionMember) any {
				return timeString(m.ExpiresAt)
			}),
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
			Description: "Invite an agent or admin to your institution (its admin only): a pending invitation, valid 7 days, " +
				"listed in institutionUsers. A new address is e-mailed a link where the person sets a password, which opens " +
				"the account; an address that already has an account is e-mailed a note without a link, and its invitation " +
				"stays pending until it expires or is revoked. The answer and the list are the same either way, so inviting " +
				"reveals nothing about who has an account. Recorded in the admin audit log.",
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
			Description: "Send a pending invitation of your institution again (its admin only), expired or not: valid 7 days " +
				"from now, and the link sent before stops working. Also takes the id of an account invited before " +
				"invitations were records of their own that has not set a password. Recorded in the admin audit log.",
			Args: idArg,
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				if inv, ok := invitationID(argString(p, "id")); ok {
					if inv == 0 {
						return nil, errInvitationID
					}
					return r.InstitutionUsers.ResendPending(p.Context, inv)
				}
				id, err := parseID(argString(p, "id"), "id", "the user id is a positive number", "用户编号须为正整数")
				if err != nil {
					return nil, err
				}
				return r.InstitutionUsers.ResendInvitation(p.Context, id)
			}),
		},
		"revokeInstitutionInvitation": &graphql.Field{
			Type: graphql.NewNonNull(graphql.Boolean),
			Description: "Revoke a pending invitation of your institution (its admin only; id invitation:<n>): its link stops " +
				"working and it leaves institutionUsers. Recorded in the admin audit log.",
			Args: idArg,
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				inv, ok := invitationID(argString(p, "id"))
				if !ok || inv == 0 {
					return nil, errInvitationID
				}
				return true, r.InstitutionUsers.RevokePending(p.Context, inv)
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
			Description: "Set a password from the e-mailed invitation link's token, which opens the invited account; then sign in.",
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

const invitationPrefix = "invitation:"

var errInvitationID = domain.Invalid("id", "the id of a pending invitation looks like invitation:12", "待接受邀请的编号形如 invitation:12")

// memberID is a user's id, or invitation:<n> for a pending invitation.
func memberID(m *domain.InstitutionMember) any {
	if m.InvitationID != 0 {
		return invitationPrefix + strconv.FormatInt(m.InvitationID, 10)
	}
	return id64(m.ID)
}

// invitationID parses invitation:<n>: ok tells whether the id has the prefix, and n is 0 when
// what follows is not a positive number.
func invitationID(s string) (n int64, ok bool) {
	rest, ok := strings.CutPrefix(s, invitationPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || n <= 0 {
		return 0, true
	}
	return n, true
}
