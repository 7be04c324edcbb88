package authz_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/authz"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// addUser inserts a user; the database gives them the bindings of their role (trigger).
func addUser(tb testing.TB, db *gorm.DB, role domain.Role, inst int64, teams string) int64 {
	tb.Helper()
	var id int64
	var instID any
	if inst != 0 {
		instID = inst
	}
	err := db.Raw(`INSERT INTO users (email, display_name, role, institution_id, teams, password_hash)
		VALUES (gen_random_uuid()::text || '@t.test', 'x', ?, ?, ?::text[], 'x') RETURNING id`, string(role), instID, "{"+teams+"}").Scan(&id).Error
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

func TestEnforcer(t *testing.T) {
	db := pgtest.New(t)
	var inst int64
	if err := db.Gorm.Raw(`INSERT INTO institutions (name, kind) VALUES ('甲银行', 'BANK') RETURNING id`).Scan(&inst).Error; err != nil {
		t.Fatal(err)
	}
	users := map[domain.Role]int64{}
	for _, r := range domain.Roles {
		switch {
		case r.IsInstitution():
			users[r] = addUser(t, db.Gorm, r, inst, "")
		case r == domain.RoleReviewer || r == domain.RoleSupervisor:
			users[r] = addUser(t, db.Gorm, r, 0, "national")
		default:
			users[r] = addUser(t, db.Gorm, r, 0, "")
		}
	}
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
	}
	for _, c := range cases {
		if got := e.Allowed(domain.Actor{UserID: users[c.role]}, c.object, c.action); got != c.want {
			t.Errorf("%s %s:%s = %v, want %v", c.role, c.object, c.action, got, c.want)
		}
	}
	if e.Allowed(domain.Actor{}, "complaint", "read") {
		t.Error("the anonymous actor was allowed to read complaints")
	}

	t.Run("AccountCreatedLater", func(t *testing.T) {
		id := addUser(t, db.Gorm, domain.RoleReviewer, 0, "national")
		if !e.Allowed(domain.Actor{UserID: id}, "complaint", "triage") {
			t.Fatal("a reviewer created after the enforcer started may not triage")
		}
	})
	t.Run("RevokeAndGrant", func(t *testing.T) {
		id := users[domain.RoleReviewer]
		if !e.Allowed(domain.Actor{UserID: id}, "complaint", "triage") {
			t.Fatal("reviewer may not triage before the revocation")
		}
		e.SetBindings(id, nil)
		if e.Allowed(domain.Actor{UserID: id}, "complaint", "triage") {
			t.Fatal("the cached decision survived the revocation")
		}
		e.SetBindings(id, []domain.Binding{{UserID: id, Role: domain.RoleAnalyst, Domain: domain.DomainAll}})
		if e.Allowed(domain.Actor{UserID: id}, "complaint", "triage") || !e.Allowed(domain.Actor{UserID: id}, "statistics", "read") {
			t.Fatal("the new binding did not replace the old one")
		}
	})
	t.Run("SeveralRoles", func(t *testing.T) {
		id := addUser(t, db.Gorm, domain.RoleReviewer, 0, "national")
		e.SetBindings(id, []domain.Binding{{Role: domain.RoleReviewer, Domain: domain.TeamDomain("national")}, {Role: domain.RoleAnalyst, Domain: domain.DomainAll}})
		if !e.Allowed(domain.Actor{UserID: id}, "complaint", "triage") || !e.Allowed(domain.Actor{UserID: id}, "statistics", "read") {
			t.Fatal("a reviewer who is also an analyst lacks one of the two roles' permissions")
		}
	})
}

func TestActorFromBindings(t *testing.T) {
	all := []string{"east", "national", "north"}
	cases := []struct {
		name string
		bs   []domain.Binding
		want domain.Actor
	}{
		{"None", nil, domain.Actor{UserID: 1}},
		{"Complainant", []domain.Binding{{Role: domain.RoleComplainant, Domain: "*"}}, domain.Actor{UserID: 1, Role: domain.RoleComplainant}},
		{"Agent", []domain.Binding{{Role: domain.RoleInstitutionAgent, Domain: "inst:7"}}, domain.Actor{UserID: 1, Role: domain.RoleInstitutionAgent, InstitutionID: 7}},
		{"ReviewerTwoTeams", []domain.Binding{{Role: domain.RoleReviewer, Domain: "team:north"}, {Role: domain.RoleReviewer, Domain: "team:east"}},
			domain.Actor{UserID: 1, Role: domain.RoleReviewer, Teams: []string{"east", "north"}}},
		{"SupervisorEverywhere", []domain.Binding{{Role: domain.RoleSupervisor, Domain: "*"}}, domain.Actor{UserID: 1, Role: domain.RoleSupervisor, Teams: all}},
		{"ReviewerAndAnalyst", []domain.Binding{{Role: domain.RoleAnalyst, Domain: "*"}, {Role: domain.RoleReviewer, Domain: "team:east"}},
			domain.Actor{UserID: 1, Role: domain.RoleReviewer, Teams: []string{"east"}}},
		{"AgentKeepsNoTeams", []domain.Binding{{Role: domain.RoleInstitutionAdmin, Domain: "inst:3"}, {Role: domain.RoleInstitutionAgent, Domain: "inst:3"}},
			domain.Actor{UserID: 1, Role: domain.RoleInstitutionAdmin, InstitutionID: 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := domain.ActorFromBindings(1, c.bs, all)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestCheckBinding(t *testing.T) {
	cases := []struct {
		role  domain.Role
		dom   string
		field string
	}{
		{domain.RoleInstitutionAgent, "inst:12", ""},
		{domain.RoleInstitutionAgent, "*", "domain"},
		{domain.RoleInstitutionAgent, "inst:012", "domain"},
		{domain.RoleReviewer, "team:east", ""},
		{domain.RoleReviewer, "*", ""},
		{domain.RoleReviewer, "inst:1", "domain"},
		{domain.RoleReviewer, "team:East Side", "domain"},
		{domain.RoleAdmin, "*", ""},
		{domain.RoleAnalyst, "team:east", "domain"},
		{"superuser", "*", "role"},
	}
	for _, c := range cases {
		err := domain.CheckBinding(c.role, c.dom)
		de, _ := domain.AsError(err)
		got := ""
		if de != nil {
			got = de.Field
		}
		if got != c.field || (c.field != "" && de.Code != domain.CodeInvalid) {
			t.Errorf("CheckBinding(%s, %q) = %v, want field %q", c.role, c.dom, err, c.field)
		}
	}
}

// BenchmarkDecision measures one decision for a random one of 100,000 users whose bindings are in
// the role manager: uncached (casbin evaluates the matcher over the role-level policy, resolving
// the user's roles in the domain through the role manager) and cached (casbin's decision cache).
func BenchmarkDecision(b *testing.B) {
	const users = 100_000
	db := pgtest.New(b)
	var inst int64
	if err := db.Gorm.Raw(`INSERT INTO institutions (name, kind) VALUES ('甲银行', 'BANK') RETURNING id`).Scan(&inst).Error; err != nil {
		b.Fatal(err)
	}
	// Nine in ten users complainants, the rest institution agents and reviewers.
	err := db.Gorm.Exec(`INSERT INTO users (email, display_name, role, institution_id, teams, password_hash)
		SELECT 'u' || i || '@t.test', 'x',
		       CASE WHEN i % 10 = 1 THEN 'institution_agent' WHEN i % 10 = 2 THEN 'reviewer' ELSE 'complainant' END,
		       CASE WHEN i % 10 = 1 THEN ?::bigint END,
		       CASE WHEN i % 10 = 2 THEN ARRAY['national'] ELSE '{}' END, 'x'
		FROM generate_series(1, ?) AS i`, inst, users).Error
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	db.Gorm.Table("users").Order("id").Pluck("id", &ids)
	start := time.Now()
	e, err := authz.New(db.Gorm)
	if err != nil {
		b.Fatal(err)
	}
	loaded := time.Since(start)
	var bound int64
	db.Gorm.Table("role_bindings").Count(&bound)
	b.Logf("%d users, %d bindings loaded into the role manager in %s", len(ids), bound, loaded.Round(time.Millisecond))
	questions := []struct{ object, action string }{{"complaint", "read"}, {"complaint", "respond"}, {"complaint", "triage"}, {"statistics", "read"}}

	run := func(b *testing.B) {
		b.ReportAllocs()
		before := cpuTime()
		i := 0
		for b.Loop() {
			q := questions[i%len(questions)]
			e.Allowed(domain.Actor{UserID: ids[(i*7919)%len(ids)]}, q.object, q.action)
			i++
		}
		// ns/op is wall time, which other processes on a shared machine inflate; cpu-ns/op is the
		// CPU time this process spent (garbage collection included) per decision.
		b.ReportMetric(float64(cpuTime()-before)/float64(b.N), "cpu-ns/op")
	}
	b.Run("Uncached", func(b *testing.B) { e.EnableCache(false); run(b) })
	b.Run("Cached", func(b *testing.B) { e.EnableCache(true); run(b) })
}

// cpuTime is the user and system CPU time this process has used, in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
