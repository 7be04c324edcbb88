package graph

import (
	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

func (r *resolvers) accountQueries(t *types) graphql.Fields {
	return graphql.Fields{
		"me": &graphql.Field{
			Type:        t.user,
			Description: "The signed-in user, or null. Role, teams and institution are those the user acts with now, from their role bindings.",
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				a := domain.ActorFrom(p.Context)
				if a.Anonymous() {
					return nil, nil
				}
				u, err := r.Accounts.Store.UserByID(p.Context, a.UserID)
				if err != nil {
					return nil, err
				}
				u.Role, u.Teams, u.InstitutionID = a.Role, a.Teams, a.InstitutionID
				return u, nil
			}),
		},
	}
}

// registrationStarted is register's answer: the same for every address.
var registrationStarted = graphql.NewObject(graphql.ObjectConfig{
	Name:        "RegistrationStarted",
	Description: "A registration was taken: the address gets an e-mail (a confirmation link, or a warning if it already has an account).",
	Fields: graphql.Fields{
		"checkEmail":     &graphql.Field{Type: graphql.NewNonNull(graphql.Boolean), Description: "Always true: look in your mailbox."},
		"expiresInHours": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "How long the link works."},
	},
})

// passwordResetRequested is requestPasswordReset's answer: the same for every address.
var passwordResetRequested = graphql.NewObject(graphql.ObjectConfig{
	Name:        "PasswordResetRequested",
	Description: "A password reset was asked for: if the address has an enabled account, it gets an e-mail with a link.",
	Fields: graphql.Fields{
		"checkEmail":       &graphql.Field{Type: graphql.NewNonNull(graphql.Boolean), Description: "Always true: look in your mailbox."},
		"expiresInMinutes": &graphql.Field{Type: graphql.NewNonNull(graphql.Int), Description: "How long the link works."},
	},
})

func (r *resolvers) accountMutations(t *types) graphql.Fields {
	signIn := func(p graphql.ResolveParams, u *domain.User, refresh string, session int64) (any, error) {
		var err error
		if refresh == "" {
			if refresh, session, err = r.Sessions.Start(p.Context, u); err != nil {
				return nil, err
			}
		}
		tok, exp, err := r.IssueToken(u, session)
		if err != nil {
			return nil, err
		}
		return map[string]any{"token": tok, "expiresAt": timeString(exp), "refreshToken": refresh, "user": u}, nil
	}
	return graphql.Fields{
		"register": &graphql.Field{
			Type: graphql.NewNonNull(registrationStarted),
			Description: "Start a complainant account: a link to create it is e-mailed to the address, valid 24 hours (confirmRegistration). " +
				"The answer is the same whether or not the address already has an account (its owner is told by e-mail).",
			Args: graphql.FieldConfigArgument{
				"email":       {Type: graphql.NewNonNull(graphql.String)},
				"password":    {Type: graphql.NewNonNull(graphql.String), Description: "10 to 128 characters, letters and digits or symbols."},
				"displayName": {Type: graphql.NewNonNull(graphql.String)},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				register := r.Register
				if register == nil {
					register = r.Registrations.Register
				}
				if err := register(p.Context, argString(p, "email"), argString(p, "password"), argString(p, "displayName")); err != nil {
					return nil, err
				}
				return map[string]any{"checkEmail": true, "expiresInHours": int(domain.RegistrationTTL.Hours())}, nil
			}),
		},
		"confirmRegistration": &graphql.Field{
			Type:        graphql.NewNonNull(t.authPayload),
			Description: "Create the account from the e-mailed link's token and sign in. A link works once, for 24 hours.",
			Args:        graphql.FieldConfigArgument{"token": {Type: graphql.NewNonNull(graphql.String)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				u, err := r.Registrations.Confirm(p.Context, argString(p, "token"))
				if err != nil {
					return nil, err
				}
				return signIn(p, u, "", 0)
			}),
		},
		"requestPasswordReset": &graphql.Field{
			Type: graphql.NewNonNull(passwordResetRequested),
			Description: "Ask for a link to set a new password, e-mailed to the address if it has an enabled account; it works once, for 1 hour (resetPassword). " +
				"The answer is the same whether or not the address has an account. RATE_LIMITED after 5 requests an hour for an address or 50 from a network.",
			Args: graphql.FieldConfigArgument{"email": {Type: graphql.NewNonNull(graphql.String)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				request := r.RequestPasswordReset
				if request == nil {
					request = r.PasswordResets.Request
				}
				if err := request(p.Context, argString(p, "email")); err != nil {
					return nil, err
				}
				return map[string]any{"checkEmail": true, "expiresInMinutes": int(domain.PasswordResetTTL.Minutes())}, nil
			}),
		},
		"resetPassword": &graphql.Field{
			Type: graphql.NewNonNull(graphql.Boolean),
			Description: "Set a new password from the e-mailed link's token; every session of the account ends, and the link stops working. " +
				"A link that is unknown, used or expired is BAD_USER_INPUT on token with extensions.reason UNKNOWN, USED or EXPIRED; one of a disabled account FORBIDDEN with ACCOUNT_DISABLED.",
			Args: graphql.FieldConfigArgument{
				"token":       {Type: graphql.NewNonNull(graphql.String)},
				"newPassword": {Type: graphql.NewNonNull(graphql.String), Description: "10 to 128 characters, letters and digits or symbols."},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return true, r.PasswordResets.Reset(p.Context, argString(p, "token"), argString(p, "newPassword"))
			}),
		},
		"login": &graphql.Field{
			Type:        graphql.NewNonNull(t.authPayload),
			Description: "Sign in with e-mail address and password.",
			Args: graphql.FieldConfigArgument{
				"email":    {Type: graphql.NewNonNull(graphql.String)},
				"password": {Type: graphql.NewNonNull(graphql.String)},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				auth := r.Authenticate
				if auth == nil {
					auth = r.Accounts.Authenticate
				}
				u, err := auth(p.Context, argString(p, "email"), argString(p, "password"))
				if err != nil {
					return nil, err
				}
				return signIn(p, u, "", 0)
			}),
		},
		"refreshSession": &graphql.Field{
			Type:        graphql.NewNonNull(t.authPayload),
			Description: "Exchange a refresh token for a new access token and a new refresh token (the old one stops working).",
			Args:        graphql.FieldConfigArgument{"refreshToken": {Type: graphql.NewNonNull(graphql.String)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				u, next, session, err := r.Sessions.Refresh(p.Context, argString(p, "refreshToken"))
				if err != nil {
					return nil, err
				}
				return signIn(p, u, next, session)
			}),
		},
		"logout": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.Boolean),
			Description: "Revoke a refresh token, or with everywhere: true every session of the signed-in user.",
			Args: graphql.FieldConfigArgument{
				"refreshToken": {Type: graphql.String},
				"everywhere":   {Type: graphql.Boolean, DefaultValue: false},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				everywhere, _ := p.Args["everywhere"].(bool)
				return true, r.Sessions.End(p.Context, argString(p, "refreshToken"), everywhere)
			}),
		},
		"changePassword": &graphql.Field{
			Type:        graphql.NewNonNull(graphql.Boolean),
			Description: "Change your password; every session is signed out.",
			Args: graphql.FieldConfigArgument{
				"currentPassword": {Type: graphql.NewNonNull(graphql.String)},
				"newPassword":     {Type: graphql.NewNonNull(graphql.String)},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				return true, r.Sessions.ChangePassword(p.Context, argString(p, "currentPassword"), argString(p, "newPassword"))
			}),
		},
		"createUser": &graphql.Field{
			Type:        graphql.NewNonNull(t.user),
			Description: "Admin: create a staff, institution, analyst or admin account.",
			Args: graphql.FieldConfigArgument{
				"email":         {Type: graphql.NewNonNull(graphql.String)},
				"password":      {Type: graphql.NewNonNull(graphql.String)},
				"displayName":   {Type: graphql.NewNonNull(graphql.String)},
				"role":          {Type: graphql.NewNonNull(t.role)},
				"institutionId": {Type: graphql.ID},
				"teams":         {Type: graphql.NewList(graphql.NewNonNull(graphql.String))},
			},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				nu := domain.NewUser{Email: argString(p, "email"), Password: argString(p, "password"),
					DisplayName: argString(p, "displayName"), Role: domain.Role(argString(p, "role"))}
				var err error
				if nu.InstitutionID, err = parseID(argString(p, "institutionId"), "institutionId", "not an institution id", "机构编号无效"); err != nil {
					return nil, err
				}
				if ts, ok := p.Args["teams"].([]any); ok {
					for _, t := range ts {
						nu.Teams = append(nu.Teams, str(t))
					}
				}
				return r.Accounts.CreateUser(p.Context, nu)
			}),
		},
	}
}
