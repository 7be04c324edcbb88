package domain

import "context"

// Role is what a user does on the platform (DOMAIN.md, "Who uses it").
type Role string

// The roles.
const (
	RoleComplainant      Role = "complainant"
	RoleReviewer         Role = "reviewer"
	RoleSupervisor       Role = "supervisor"
	RoleInstitutionAgent Role = "institution_agent"
	RoleInstitutionAdmin Role = "institution_admin"
	RoleAnalyst          Role = "analyst"
	RoleAdmin            Role = "admin"
)

// Roles lists every role.
var Roles = []Role{RoleComplainant, RoleReviewer, RoleSupervisor, RoleInstitutionAgent, RoleInstitutionAdmin, RoleAnalyst, RoleAdmin}

// ParseRole validates a role name.
func ParseRole(s string) (Role, bool) {
	for _, r := range Roles {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}

// IsStaff reports whether the role belongs to the regulator's own staff.
func (r Role) IsStaff() bool {
	return r == RoleReviewer || r == RoleSupervisor || r == RoleAdmin
}

// IsInstitution reports whether the role acts for a financial institution.
func (r Role) IsInstitution() bool {
	return r == RoleInstitutionAgent || r == RoleInstitutionAdmin
}

// Actor is the authenticated caller of an operation. The zero Actor is anonymous.
type Actor struct {
	UserID        int64
	Role          Role
	InstitutionID int64    // for institution roles
	Teams         []string // for reviewers and supervisors: the teams whose queues they work
	SessionID     int64    // the sign-in session of the request's access token
	// MustChangePassword: the account still has the first password an administrator gave it; the
	// API refuses every operation but changePassword, logout and me (ErrPasswordChangeRequired).
	MustChangePassword bool
}

// Anonymous reports whether no user is signed in.
func (a Actor) Anonymous() bool { return a.UserID == 0 }

type actorKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or the anonymous actor.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}
