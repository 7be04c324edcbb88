package app_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
)

// TestReassessRulesOverGraphQL: a complaint judged under the built-in pack; an admin publishes a
// revision that adds a phrase and asks for reassessRules; the running workers re-judge the complaint,
// its RULES_REASSESSED entry is for staff only, and reassessJobs reports the job done.
func TestReassessRulesOverGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	p := demoPeople(t, env)
	env.Register(t, "reassess-victim@example.cn")
	r := &routingEnv{env: env, p: p, complainant: env.Login(t, "reassess-victim@example.cn", "correct-horse-42"),
		admin: p.tokens[domain.RoleAdmin], reviewer: p.tokens[domain.RoleReviewer], supervisor: p.tokens[domain.RoleSupervisor]}
	const narrative = "对方在电话里一直叫我紫色长颈鹿。"
	c := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", narrative)
	if findViolation(c, "ABUSIVE_LANGUAGE") != nil {
		t.Fatalf("the built-in pack already flags %q", narrative)
	}

	edited, _ := json.Marshal(apptest.PackWithPhrase(t, rules.CN, "ABUSIVE_LANGUAGE", map[string]any{"weight": 0.8, "zh": []any{"紫色长颈鹿"}}))
	env.MustDo(t, r.admin, `mutation($d: String!){ updateRulePack(jurisdiction: CN, document: $d, reason: "新增侮辱用语") { revision } }`,
		map[string]any{"d": string(edited)})

	const start = `mutation($s: String!){ reassessRules(since: $s, reason: "新规则包") { id state since } }`
	today := time.Now().Format("2006-01-02")
	if res := env.Do(t, r.reviewer, start, map[string]any{"s": today}); res.Code() != "FORBIDDEN" {
		t.Errorf("reviewer starts a reassessment: %q, want FORBIDDEN", res.Code())
	}
	if res := env.Do(t, r.admin, start, map[string]any{"s": "2026/01/01"}); res.Code() != "BAD_USER_INPUT" || res.Field() != "since" {
		t.Errorf("bad date: %q on %q", res.Code(), res.Field())
	}
	job := env.MustDo(t, r.admin, start, map[string]any{"s": today})["reassessRules"].(map[string]any)
	var got map[string]any
	apptest.Eventually(t, 30*time.Second, "the reassessment job to finish", func() bool {
		jobs := env.MustDo(t, r.supervisor, `{ reassessJobs { id state changed unchanged cursor } }`, nil)["reassessJobs"].([]any)
		got = jobs[0].(map[string]any)
		return got["id"] == job["id"] && got["state"] == "DONE"
	})
	if got["changed"] != float64(1) || got["cursor"] != c["id"] {
		t.Errorf("job = %v, want one changed complaint ending at %v", got, c["id"])
	}
	after := env.MustDo(t, r.supervisor, routedQuery, map[string]any{"id": c["id"]})["complaint"].(map[string]any)
	if findViolation(after, "ABUSIVE_LANGUAGE") == nil || after["assessment"].(map[string]any)["packRevision"] != float64(2) {
		t.Fatalf("after reassessment: %v", after["assessment"])
	}
	e := lastEvent(t, after, "RULES_REASSESSED")
	if !slices.Contains(e.details["violations"].([]any), any("ABUSIVE_LANGUAGE")) || e.details["job"] != job["id"] {
		t.Errorf("RULES_REASSESSED details = %v", e.details)
	}
	own := env.MustDo(t, r.complainant, `query($id: ID!){ complaint(id: $id){ history { action } } }`, map[string]any{"id": c["id"]})
	for _, h := range own["complaint"].(map[string]any)["history"].([]any) {
		if h.(map[string]any)["action"] == "RULES_REASSESSED" {
			t.Error("the complainant sees the RULES_REASSESSED entry")
		}
	}
	if res := env.Do(t, r.complainant, `{ reassessJobs { id } }`, nil); res.Code() != "FORBIDDEN" {
		t.Errorf("complainant lists jobs: %q, want FORBIDDEN", res.Code())
	}

	// With REDLINE_REASSESS_DAYS, publishing a revision starts a job by itself; the same pack again
	// changes nothing.
	env.App.RulePacks.Published = env.App.ReassessOnPublish(7)
	audited := func() (n int64) {
		t.Helper()
		if err := env.App.DB.Gorm.Raw(`SELECT count(*) FROM admin_audit_log WHERE action = ?`, domain.ActStartReassessment).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	startsAudited := audited()
	env.MustDo(t, r.admin, `mutation($d: String!){ updateRulePack(jurisdiction: CN, document: $d, reason: "再发布一次") { revision } }`,
		map[string]any{"d": string(edited)})
	apptest.Eventually(t, 30*time.Second, "the publish hook's job to finish", func() bool {
		jobs := env.MustDo(t, r.supervisor, `{ reassessJobs { id state changed unchanged reason requestedById } }`, nil)["reassessJobs"].([]any)
		got = jobs[0].(map[string]any)
		return got["id"] != job["id"] && got["state"] == "DONE"
	})
	if got["changed"] != float64(0) || got["unchanged"] != float64(1) || !strings.Contains(got["reason"].(string), "revision 3") || got["requestedById"] == nil {
		t.Errorf("publish hook job = %v, want revision 3's job by the admin, one complaint unchanged", got)
	}
	if n := audited(); n != startsAudited {
		t.Errorf("the publish hook's job wrote %d admin audit entries of its own; the publication's entry covers it", n-startsAudited)
	}
}
