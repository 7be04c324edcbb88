package app_test

import (
	"strconv"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestAdminChangesLandInTheAdminAuditLog: every admin change made over GraphQL (routing table
// publish, rule pack revision publish, rule reassessment start, calendar publish, role grant and
// revocation, institution edits, institution user changes) leaves exactly one admin audit record,
// with the action, target, actor, reason and client address; routing and rule pack publishes are
// still in audit_log for its readers.
func TestAdminChangesLandInTheAdminAuditLog(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	instAdmin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
	adminID := demoUserID(t, env, "admin@redline.demo")
	reviewerID := demoUserID(t, env, "reviewer@redline.demo")

	pack := env.MustDo(t, admin, `{ rulePack(jurisdiction: CN) { document } }`, nil)["rulePack"].(map[string]any)["document"].(string)
	calendar := env.MustDo(t, admin, `{ deadlineRules(jurisdiction: CN) { calendar } }`, nil)["deadlineRules"].(map[string]any)["calendar"].(string)
	inst := env.MustDo(t, admin, `mutation{ createInstitution(input:{name:"审计测试银行", kind: BANK}){ id } }`, nil)["createInstitution"].(map[string]any)["id"].(string)
	invited := ""

	type row struct {
		ActorID int64
		Action  string
		Target  string
		Reason  string
		Address string
	}
	last := func(t *testing.T) (int64, row) {
		t.Helper()
		var n int64
		var r row
		if err := env.App.DB.Gorm.Raw(`SELECT count(*) FROM admin_audit_log`).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if err := env.App.DB.Gorm.Raw(`SELECT actor_id, action, target, reason, address FROM admin_audit_log ORDER BY id DESC LIMIT 1`).Scan(&r).Error; err != nil {
			t.Fatal(err)
		}
		return n, r
	}

	for _, c := range []struct {
		name, token, query string
		vars               func() map[string]any
		action, target     string // target "" is not checked (a new id)
		reason             string
		after              func(t *testing.T, d map[string]any)
	}{
		{name: "RoutingTablePublish", token: admin, action: "routing.update", target: "routing-table:2", reason: "全国统一处理组",
			query: `mutation($r:String!){ updateRoutingTable(input:{rules:[{team:"national"}]}, reason:$r){ version } }`},
		{name: "RulePackRevisionPublish", token: admin, action: "rulepack.update", target: "rule-pack:CN", reason: "重新发布规则包",
			query: `mutation($d:String!,$r:String!){ updateRulePack(jurisdiction: CN, document:$d, reason:$r){ revision } }`,
			vars:  func() map[string]any { return map[string]any{"d": pack} }},
		{name: "RuleReassessmentStart", token: admin, action: "rules.reassess", reason: "新规则包生效",
			query: `mutation($r:String!){ reassessRules(since:"2026-01-01", reason:$r){ id } }`},
		{name: "CalendarPublish", token: admin, action: "calendar.update", target: "calendar:CN:2", reason: "核对国务院通知",
			query: `mutation($d:String!,$r:String!){ updateCalendar(jurisdiction: CN, document:$d, reason:$r){ calendarVersion } }`,
			vars:  func() map[string]any { return map[string]any{"d": calendar} }},
		{name: "RoleGrant", token: admin, action: "role.grant", target: "user:" + reviewerID, reason: "支援西区（工单 RL-12）",
			query: `mutation($u:ID!,$r:String!){ grantRole(userId:$u, role: reviewer, domain:"team:west", reason:$r){ role } }`,
			vars:  func() map[string]any { return map[string]any{"u": reviewerID} }},
		{name: "RoleRevocation", token: admin, action: "role.revoke", target: "user:" + reviewerID, reason: "支援结束",
			query: `mutation($u:ID!,$r:String!){ revokeRole(userId:$u, role: reviewer, domain:"team:west", reason:$r) }`,
			vars:  func() map[string]any { return map[string]any{"u": reviewerID} }},
		{name: "InstitutionEdit", token: admin, action: "institution.update", target: "institution:" + inst,
			query: `mutation($i:ID!){ updateInstitution(id:$i, input:{name:"审计测试银行股份有限公司", kind: BANK}){ id } }`,
			vars:  func() map[string]any { return map[string]any{"i": inst} }},
		{name: "InstitutionAlias", token: admin, action: "institution.alias.add", target: "institution:" + inst,
			query: `mutation($i:ID!){ addInstitutionAlias(id:$i, alias:"审计贷"){ id } }`,
			vars:  func() map[string]any { return map[string]any{"i": inst} }},
		{name: "InstitutionUserInvite", token: instAdmin, action: "institution.user.invite",
			query: `mutation{ inviteInstitutionUser(input:{email:"audit.agent@bank.example.cn", name:"审计", role: institution_agent}){ expiresAt } }`,
			after: func(t *testing.T, _ map[string]any) {
				users := env.MustDo(t, instAdmin, `{ institutionUsers { id name } }`, nil)["institutionUsers"].([]any)
				for _, u := range users {
					if u := u.(map[string]any); u["name"] == "审计" {
						invited = u["id"].(string)
					}
				}
				if invited == "" {
					t.Fatal("the invitation is not among the institution's users")
				}
			}},
		{name: "InstitutionInvitationRevoke", token: instAdmin, action: "institution.user.invite.revoke",
			query: `mutation($u:ID!){ revokeInstitutionInvitation(id:$u) }`,
			vars:  func() map[string]any { return map[string]any{"u": invited} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			vars := map[string]any{}
			if c.vars != nil {
				vars = c.vars()
			}
			if c.reason != "" {
				vars["r"] = c.reason
			}
			before, _ := last(t)
			d := env.MustDo(t, c.token, c.query, vars)
			if c.after != nil {
				c.after(t, d)
			}
			n, got := last(t)
			if n != before+1 {
				t.Fatalf("%d admin audit records written, want 1", n-before)
			}
			if got.Action != c.action || (c.target != "" && got.Target != c.target) || got.Reason != c.reason {
				t.Errorf("record: action %q target %q reason %q; want %q %q %q", got.Action, got.Target, got.Reason, c.action, c.target, c.reason)
			}
			if got.Address == "" || got.Address == "unknown" {
				t.Errorf("record without the client address: %q", got.Address)
			}
			if c.token == admin && strconv.FormatInt(got.ActorID, 10) != adminID {
				t.Errorf("record's actor %d, want the admin %s", got.ActorID, adminID)
			}
		})
	}

	t.Run("PublishesStayInAuditLog", func(t *testing.T) {
		for _, action := range []string{"routing.update", "rulepack.update"} {
			var reason string
			if err := env.App.DB.Gorm.Raw(`SELECT details->>'reason' FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1`, action).Scan(&reason).Error; err != nil {
				t.Fatal(err)
			}
			if reason == "" {
				t.Errorf("%s is no longer in audit_log with its reason", action)
			}
		}
	})

	t.Run("ShownByAdminAuditLog", func(t *testing.T) {
		d := env.MustDo(t, admin, `{ adminAuditLog(first: 1, action: "routing.") { edges { node { action target reason address } } } }`, nil)
		edges := d["adminAuditLog"].(map[string]any)["edges"].([]any)
		if len(edges) != 1 || edges[0].(map[string]any)["node"].(map[string]any)["reason"] != "全国统一处理组" {
			t.Errorf("adminAuditLog(action: routing.): %v", edges)
		}
	})
}
