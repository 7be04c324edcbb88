package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestListsRefuseEmptyPages: a page of 0 or fewer, or of more than 100, is refused by every list
// alike (BAD_USER_INPUT on first), never answered with the default page.
func TestListsRefuseEmptyPages(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 3, NoWork: true, NoRelay: true})
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	for _, tc := range []struct {
		token, query string
		denied       bool // a valid page is FORBIDDEN to this token
	}{
		{sup, `query($n: Int) { complaints(first: $n) { edges { node { id } } } }`, false},
		{admin, `query($n: Int) { adminAuditLog(first: $n) { edges { node { action } } } }`, false},
		{admin, `query($n: Int) { users(first: $n) { edges { node { id } } } }`, false},
		// The page size is checked where the list is read, before who may read it, as for
		// adminAuditLog: users checked it only after the administrator check (session 15).
		{sup, `query($n: Int) { users(first: $n) { edges { node { id } } } }`, true},
		{sup, `query($n: Int) { adminAuditLog(first: $n) { edges { node { action } } } }`, true},
		{sup, `query($n: Int) { notifications(first: $n) { edges { node { id } } } }`, false},
		{"", `query($n: Int) { institutions(first: $n) { edges { node { id } } } }`, false},
		{"", `query($n: Int) { publicComplaints(first: $n) { totalCount } }`, false},
	} {
		for _, n := range []int{0, -1, 101} {
			if r := env.Do(t, tc.token, tc.query, map[string]any{"n": n}); r.Code() != "BAD_USER_INPUT" || r.Field() != "first" {
				t.Errorf("%s with first %d: %s on %q, want BAD_USER_INPUT on first", tc.query, n, r.Code(), r.Field())
			}
		}
		want := ""
		if tc.denied {
			want = "FORBIDDEN"
		}
		if r := env.Do(t, tc.token, tc.query, map[string]any{"n": 1}); r.Code() != want {
			t.Errorf("%s with first 1: %q, want %q", tc.query, r.Code(), want)
		}
	}
}
