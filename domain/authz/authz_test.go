package authz_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/authz"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

func TestEnforcer(t *testing.T) {
	db := pgtest.New(t)
	e, err := authz.New(db.Gorm)
	if err != nil {
		t.Fatal(err)
	}
	// A second start finds the policy in the database and does not add it again.
	if _, err := authz.New(db.Gorm); err != nil {
		t.Fatal(err)
	}
	var rows int64
	db.Gorm.Table("casbin_rule").Count(&rows)
	if rows == 0 || rows > 100 {
		t.Fatalf("casbin_rule has %d rows, want the role-level baseline (tens of rows)", rows)
	}
	var again int64
	db.Gorm.Table("casbin_rule").Distinct("v0", "v1", "v2").Count(&again)
	if again != rows {
		t.Fatalf("policy rows duplicated: %d rows, %d distinct", rows, again)
	}

	cases := []struct {
		role           domain.Role
		object, action string
		want           bool
	}{
		{domain.RoleComplainant, "complaint", "file", true},
		{domain.RoleComplainant, "complaint", "triage", false},
		{domain.RoleReviewer, "complaint", "triage", true},
		{domain.RoleReviewer, "complaint", "file", false},
		{domain.RoleReviewer, "complaint", "supervise", false},
		{domain.RoleSupervisor, "complaint", "supervise", true},
		{domain.RoleInstitutionAgent, "complaint", "respond", true},
		{domain.RoleInstitutionAgent, "institution", "manage", false},
		{domain.RoleInstitutionAdmin, "institution", "manage", true},
		{domain.RoleAnalyst, "complaint", "read", false},
		{domain.RoleAnalyst, "statistics", "read", true},
		{domain.RoleAdmin, "user", "manage", true},
		{"", "complaint", "read", false},
	}
	for _, c := range cases {
		if got := e.Allowed(domain.Actor{UserID: 1, Role: c.role}, c.object, c.action); got != c.want {
			t.Errorf("%s %s:%s = %v, want %v", c.role, c.object, c.action, got, c.want)
		}
	}
}

// BenchmarkDecision measures one role-level decision. Bindings live on the user (the token carries
// the role), so the cost does not grow with the number of users.
func BenchmarkDecision(b *testing.B) {
	db := pgtest.New(b)
	e, err := authz.New(db.Gorm)
	if err != nil {
		b.Fatal(err)
	}
	actors := []domain.Actor{{UserID: 7, Role: domain.RoleReviewer}, {UserID: 99_999, Role: domain.RoleInstitutionAgent}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a := actors[i%2]
		i++
		e.Allowed(a, "complaint", "respond")
	}
}
