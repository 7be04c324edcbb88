package domain

import (
	"errors"
	"strings"
	"testing"
)

// adminsManagePolicy lets admins, and only them, manage policy.
type adminsManagePolicy struct{}

func (adminsManagePolicy) Allowed(a Actor, object, action string) bool {
	return a.Role == RoleAdmin && object == "policy" && action == "manage"
}
func (adminsManagePolicy) AllowedIn(Actor, string, string, string) bool { return false }

// TestPolicyChecksInOnePlace (session 27, tidy): the checks the rule packs, the routing table, the
// deadline policies and calendars and the reassessment jobs wrote each again answer as they did —
// UNAUTHENTICATED when no one is signed in, FORBIDDEN for one who may not manage policy (and where
// no authorizer is set, which panicked), staff reading — and a reason of zero-width spaces or over
// 2000 characters is refused on reason with the caller's message.
func TestPolicyChecksInOnePlace(t *testing.T) {
	authz := adminsManagePolicy{}
	admin, reviewer, analyst := Actor{UserID: 1, Role: RoleAdmin}, Actor{UserID: 2, Role: RoleReviewer}, Actor{UserID: 3, Role: RoleAnalyst}
	for _, c := range []struct {
		name         string
		a            Actor
		authz        Authorizer
		manage, read error
	}{
		{"anonymous", Actor{}, authz, ErrUnauthenticated, ErrUnauthenticated},
		{"admin", admin, authz, nil, nil},
		{"reviewer", reviewer, authz, ErrForbidden, nil},
		{"analyst", analyst, authz, ErrForbidden, ErrForbidden},
		{"admin without authorizer", admin, nil, ErrForbidden, nil},
		{"analyst without authorizer", analyst, nil, ErrForbidden, ErrForbidden},
		{"reviewer without authorizer", reviewer, nil, ErrForbidden, nil},
	} {
		if err := MayManagePolicy(c.a, c.authz); !errors.Is(err, c.manage) || (err == nil) != (c.manage == nil) {
			t.Errorf("%s: MayManagePolicy = %v; want %v", c.name, err, c.manage)
		}
		if err := MayReadPolicy(c.a, c.authz); !errors.Is(err, c.read) || (err == nil) != (c.read == nil) {
			t.Errorf("%s: MayReadPolicy = %v; want %v", c.name, err, c.read)
		}
	}
	for _, bad := range []string{"", "  ", "\u200b\u200b", "\u3164", strings.Repeat("因", 2001)} {
		_, err := PolicyChangeReason(bad, "say why", "请说明")
		var de *Error
		if !errors.As(err, &de) || de.Code != CodeInvalid || de.Field != "reason" || de.Message != "say why" || de.MessageZH != "请说明" {
			t.Errorf("PolicyChangeReason(%+q) = %v; want BAD_USER_INPUT on reason with the caller's message", bad, err)
		}
	}
	if got, err := PolicyChangeReason("  2027 holidays notice \n", "say why", "请说明"); got != "2027 holidays notice" || err != nil {
		t.Errorf("PolicyChangeReason = %q, %v; want the reason trimmed", got, err)
	}
	if got, err := PolicyChangeReason(strings.Repeat("因", 2000), "", ""); len([]rune(got)) != 2000 || err != nil {
		t.Errorf("PolicyChangeReason of 2000 characters: %v; want it taken", err)
	}
}
