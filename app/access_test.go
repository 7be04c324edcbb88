package app_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

const (
	grantQ  = `mutation($u:ID!,$r:Role!,$d:String!){ grantRole(userId:$u, role:$r, domain:$d, reason:"工单 RL-1"){ userId role domain grantedBy } }`
	revokeQ = `mutation($u:ID!,$r:Role!,$d:String!){ revokeRole(userId:$u, role:$r, domain:$d, reason:"工单 RL-1") }`
	queueQ  = `{ complaints(first:1){ totalCount } }`
)

func demoUserID(t *testing.T, env *apptest.Env, email string) string {
	t.Helper()
	u, err := env.App.Accounts.Store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(u.ID, 10)
}

func TestRoleGrantsAndRevocations(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	reviewer := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
	reviewerID := demoUserID(t, env, "reviewer@redline.demo")

	t.Run("BindingsBackfilledAndShown", func(t *testing.T) {
		d := env.MustDo(t, reviewer, `{ me { roles { role domain grantedBy } } }`, nil)
		roles := d["me"].(map[string]any)["roles"].([]any)
		if len(roles) != 1 || roles[0].(map[string]any)["domain"] != "team:east" || roles[0].(map[string]any)["role"] != "reviewer" {
			t.Fatalf("reviewer's bindings: %v, want reviewer in team:east", roles)
		}
	})

	t.Run("RevokeTakesEffectOnTheNextRequest", func(t *testing.T) {
		env.MustDo(t, reviewer, queueQ, nil)
		if r := env.Do(t, admin, revokeQ, map[string]any{"u": reviewerID, "r": "reviewer", "d": "team:east"}); len(r.Errors) > 0 || r.Data["revokeRole"] != true {
			t.Fatalf("revoke: %+v", r.Errors)
		}
		// The same, still unexpired token: the role is gone.
		if r := env.Do(t, reviewer, queueQ, nil); r.Code() != "FORBIDDEN" {
			t.Fatalf("queue after revocation: %q, want FORBIDDEN", r.Code())
		}
		if r := env.Do(t, reviewer, `mutation{ claimComplaint(id:"00000000-0000-0000-0000-000000000000"){ id } }`, nil); r.Code() != "FORBIDDEN" {
			t.Fatalf("claim after revocation: %q, want FORBIDDEN", r.Code())
		}
		if r := env.Do(t, admin, revokeQ, map[string]any{"u": reviewerID, "r": "reviewer", "d": "team:east"}); r.Code() != "NOT_FOUND" || r.Field() != "role" {
			t.Fatalf("second revoke: %q %q, want NOT_FOUND on role", r.Code(), r.Field())
		}
		d := env.MustDo(t, admin, grantQ, map[string]any{"u": reviewerID, "r": "reviewer", "d": "team:east"})
		if g := d["grantRole"].(map[string]any); g["grantedBy"] != demoUserID(t, env, "admin@redline.demo") {
			t.Fatalf("grant: %v", g)
		}
		env.MustDo(t, reviewer, queueQ, nil)
	})

	t.Run("GrantAddsARole", func(t *testing.T) {
		if r := env.Do(t, reviewer, `{ complaints(first:1, filter:{team:"north"}){ totalCount } }`, nil); r.Code() != "" {
			t.Fatalf("%+v", r.Errors)
		}
		env.MustDo(t, admin, grantQ, map[string]any{"u": reviewerID, "r": "reviewer", "d": "team:north"})
		d := env.MustDo(t, reviewer, `{ me { roles { domain } } }`, nil)
		if n := len(d["me"].(map[string]any)["roles"].([]any)); n != 2 {
			t.Fatalf("after the grant the reviewer holds %d bindings, want 2", n)
		}
		env.MustDo(t, admin, revokeQ, map[string]any{"u": reviewerID, "r": "reviewer", "d": "team:north"})
	})

	t.Run("Refusals", func(t *testing.T) {
		cases := []struct {
			name, token, user, role, dom string
			code, field                  string
		}{
			{"Anonymous", "", reviewerID, "analyst", "*", "UNAUTHENTICATED", ""},
			{"NotAnAdmin", agent, reviewerID, "analyst", "*", "FORBIDDEN", ""},
			{"InstitutionRoleEverywhere", admin, reviewerID, "institution_agent", "*", "BAD_USER_INPUT", "domain"},
			{"AnalystInATeam", admin, reviewerID, "analyst", "team:east", "BAD_USER_INPUT", "domain"},
			{"MalformedDomain", admin, reviewerID, "reviewer", "team:东", "BAD_USER_INPUT", "domain"},
			{"UnknownTeam", admin, reviewerID, "reviewer", "team:atlantis", "NOT_FOUND", "domain"},
			{"UnknownInstitution", admin, reviewerID, "institution_agent", "inst:999999", "NOT_FOUND", "domain"},
			{"UnknownUser", admin, "999999", "analyst", "*", "NOT_FOUND", "userId"},
			{"BadUserID", admin, "x", "analyst", "*", "BAD_USER_INPUT", "userId"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				r := env.Do(t, c.token, grantQ, map[string]any{"u": c.user, "r": c.role, "d": c.dom})
				if r.Code() != c.code || r.Field() != c.field {
					t.Fatalf("grant: %q %q (%v), want %q %q", r.Code(), r.Field(), r.Errors, c.code, c.field)
				}
			})
		}
		// An agent acts for one institution.
		agentID := demoUserID(t, env, "agent@redline.demo")
		var other int64
		env.App.DB.Gorm.Raw(`SELECT id FROM institutions ORDER BY id DESC LIMIT 1`).Scan(&other)
		r := env.Do(t, admin, grantQ, map[string]any{"u": agentID, "r": "institution_agent", "d": "inst:" + strconv.FormatInt(other, 10)})
		if r.Code() != "CONFLICT" || r.Field() != "domain" {
			t.Fatalf("second institution: %q %q", r.Code(), r.Field())
		}
		// A grant or revocation needs a reason; without one nothing changes.
		for _, q := range []string{
			`mutation($u:ID!){ grantRole(userId:$u, role: analyst, domain:"*", reason:"  "){ role } }`,
			`mutation($u:ID!){ revokeRole(userId:$u, role: reviewer, domain:"team:east", reason:"") }`,
		} {
			if r := env.Do(t, admin, q, map[string]any{"u": reviewerID}); r.Code() != "BAD_USER_INPUT" || r.Field() != "reason" {
				t.Fatalf("no reason: %q %q, want BAD_USER_INPUT on reason", r.Code(), r.Field())
			}
		}
		if r := env.Do(t, admin, `mutation($u:ID!){ grantRole(userId:$u, role: analyst, domain:"*"){ role } }`, map[string]any{"u": reviewerID}); r.Code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Fatalf("reason left out: %q, want GRAPHQL_VALIDATION_FAILED (a required argument)", r.Code())
		}
		// Nobody removes their own administrator role.
		r = env.Do(t, admin, revokeQ, map[string]any{"u": demoUserID(t, env, "admin@redline.demo"), "r": "admin", "d": "*"})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "userId" {
			t.Fatalf("own admin role: %q %q", r.Code(), r.Field())
		}
	})

	t.Run("AuditLog", func(t *testing.T) {
		d := env.MustDo(t, admin, `{ adminAuditLog(first: 10){ edges { node { actorId actorRole action target reason details address at } } pageInfo { hasNextPage } } }`, nil)
		edges := d["adminAuditLog"].(map[string]any)["edges"].([]any)
		// Newest first: revoke north, grant north, grant east, revoke east; refusals record nothing.
		want := []string{"role.revoke", "role.grant", "role.grant", "role.revoke"}
		if len(edges) != len(want) {
			t.Fatalf("admin audit log has %d entries, want %d: %v", len(edges), len(want), edges)
		}
		for i, e := range edges {
			n := e.(map[string]any)["node"].(map[string]any)
			if n["action"] != want[i] || n["target"] != "user:"+reviewerID || n["address"] != "127.0.0.1" || n["actorRole"] != "admin" || n["reason"] != "工单 RL-1" {
				t.Errorf("entry %d: %v, want %s on user:%s from 127.0.0.1 with the reason", i, n, want[i], reviewerID)
			}
		}
		if r := env.Do(t, reviewer, `{ adminAuditLog { edges { node { id } } } }`, nil); r.Code() != "FORBIDDEN" {
			t.Fatalf("reviewer reading the admin audit log: %q", r.Code())
		}
		if err := env.App.DB.Gorm.Exec(`UPDATE admin_audit_log SET reason = 'edited'`).Error; err == nil {
			t.Fatal("the admin audit log accepted an UPDATE")
		}
		if err := env.App.DB.Gorm.Exec(`DELETE FROM admin_audit_log`).Error; err == nil {
			t.Fatal("the admin audit log accepted a DELETE")
		}
	})
}

func TestAdminReadsEvidenceOnlyWithAReason(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	c := newComplaint(t, env, p, nil)
	env.MustDo(t, p.tokens[domain.RoleComplainant], `mutation($c:ID!){ addCollectorMessages(complaintId:$c, messages:[{sender:"10690000", sentAt:"2026-05-01T23:15:00+08:00", text:"再不还钱就去你单位"}]){ id } }`,
		map[string]any{"c": c.ID})
	admin := p.tokens[domain.RoleAdmin]
	const q = `query($c:ID!,$r:String){ complaint(id:$c){ evidence(reason:$r){ kind message { text } } } }`

	for _, reason := range []any{nil, "  "} {
		r := env.Do(t, admin, q, map[string]any{"c": c.ID, "r": reason})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "reason" {
			t.Fatalf("admin without a reason (%v): %q %q, want BAD_USER_INPUT on reason", reason, r.Code(), r.Field())
		}
		if ev := r.Data["complaint"].(map[string]any)["evidence"]; ev != nil {
			t.Fatalf("admin without a reason got evidence: %v", ev)
		}
	}
	d := env.MustDo(t, admin, q, map[string]any{"c": c.ID, "r": "投诉人申诉复核 #2026-17"})
	if ev := d["complaint"].(map[string]any)["evidence"].([]any); len(ev) != 1 {
		t.Fatalf("admin with a reason: %v", ev)
	}
	// Staff in scope read without a reason.
	env.MustDo(t, p.tokens[domain.RoleReviewer], q, map[string]any{"c": c.ID})

	log := env.MustDo(t, admin, `{ adminAuditLog(first: 5){ edges { node { action target reason address actorRole } } } }`, nil)
	edges := log["adminAuditLog"].(map[string]any)["edges"].([]any)
	if len(edges) != 1 {
		t.Fatalf("admin audit log: %v, want the one read with a reason", edges)
	}
	n := edges[0].(map[string]any)["node"].(map[string]any)
	if n["action"] != "evidence.read" || n["target"] != "complaint:"+c.ID || n["reason"] != "投诉人申诉复核 #2026-17" || n["address"] != "127.0.0.1" {
		t.Fatalf("entry: %v", n)
	}
}
