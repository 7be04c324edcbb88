package app_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestDeadlinePolicyPublishedByAdmin: an admin publishes a CN deadline policy with 5 working days
// for acceptance and 20/40/60 days for an institution's answer. A complaint filed afterwards counts
// its acceptance with 5 working days while one filed before keeps 7; a complaint forwarded
// afterwards has 20 days and may ask for 40 (30 is refused) while one forwarded before still takes
// 30: the casework reads the days from the complaint's own clock. Others may not publish; broken
// stages, a missing reason and a stale revision are refused at their field with nothing stored; the
// publish is one policy.update entry in the admin audit log.
func TestDeadlinePolicyPublishedByAdmin(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00")) // a Tuesday
	ce.env.App.Policies.Now = func() time.Time { return ce.now }
	env, cs := ce.env, ce.env.App.Complaints
	admin, reviewer := ce.p.tokens[domain.RoleAdmin], ce.p.tokens[domain.RoleReviewer]
	staff, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)

	filedBefore := ce.file(t)
	forwardedBefore := must(cs.Forward(staff, ce.file(t).ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	if forwardedBefore.ResponseDays != 15 {
		t.Fatalf("forwarded under the built-in policy: %d days, want 15", forwardedBefore.ResponseDays)
	}

	const read = `{ deadlineRules(jurisdiction: CN) { policy policyRevision policyVersion policyReason policyAt } }`
	rules := env.MustDo(t, admin, read, nil)["deadlineRules"].(map[string]any)
	if rules["policyRevision"] != float64(1) || rules["policyVersion"] != "CN-2024.1" || rules["policyReason"] != "built-in" || rules["policyAt"] != nil {
		t.Fatalf("the policy in force: %v", rules)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(rules["policy"].(string)), &doc); err != nil {
		t.Fatal(err)
	}
	clock := func(k string) map[string]any { return doc["clocks"].(map[string]any)[k].(map[string]any) }
	stage := func(k string, i int) map[string]any { return clock(k)["stages"].([]any)[i].(map[string]any) }
	setDays := func(k string, days ...int) {
		for i, d := range days {
			stage(k, i)["days"] = d
		}
	}
	encode := func() string { b, _ := json.Marshal(doc); return string(b) }

	const publish = `mutation($d: String!, $r: String!, $v: Int) { updateDeadlinePolicy(jurisdiction: CN, document: $d, reason: $r, expectedRevision: $v) { policyRevision policyVersion policyReason policyAt policy } }`
	vars := func(d, reason string, v int) map[string]any { return map[string]any{"d": d, "r": reason, "v": v} }
	refused := func(what, doc, reason string, v int, code, field, zh string) {
		t.Helper()
		r := env.Do(t, admin, publish, vars(doc, reason, v))
		if r.Code() != code || r.Field() != field {
			t.Errorf("%s: %q at %q, want %s at %q", what, r.Code(), r.Field(), code, field)
			return
		}
		if got, _ := r.Errors[0].Extensions["messageZh"].(string); zh != "" && !strings.Contains(got, zh) {
			t.Errorf("%s: messageZh %q, want it to say %q", what, got, zh)
		}
	}

	setDays("ACCEPTANCE", 5)
	setDays("INSTITUTION_RESPONSE", 20, 40, 60)
	good := encode()
	if r := env.Do(t, reviewer, publish, vars(good, "试图修改", 1)); r.Code() != "FORBIDDEN" {
		t.Errorf("a reviewer publishing a policy: %q, want FORBIDDEN", r.Code())
	}
	refused("no reason", good, " ", 1, "BAD_USER_INPUT", "reason", "原因")
	setDays("ACCEPTANCE", 0)
	refused("zero days", encode(), "测试", 1, "BAD_USER_INPUT", "policy.clocks.ACCEPTANCE.stages[0].days", "正整数")
	setDays("ACCEPTANCE", -3)
	refused("negative days", encode(), "测试", 1, "BAD_USER_INPUT", "policy.clocks.ACCEPTANCE.stages[0].days", "")
	setDays("ACCEPTANCE", 400)
	refused("more than a year", encode(), "测试", 1, "BAD_USER_INPUT", "policy.clocks.ACCEPTANCE.stages[0].days", "365")
	setDays("ACCEPTANCE", 5)
	clock("ACCEPTANCE")["unit"] = "HOURS"
	refused("an unknown unit", encode(), "测试", 1, "BAD_USER_INPUT", "policy.clocks.ACCEPTANCE.unit", "工作日")
	clock("ACCEPTANCE")["unit"] = "WORKING_DAYS"
	clock("ACCEPTANCE")["rollToWorkingDay"] = true
	refused("rolling a working-day clock", encode(), "测试", 1, "BAD_USER_INPUT", "policy.clocks.ACCEPTANCE.rollToWorkingDay", "")
	delete(clock("ACCEPTANCE"), "rollToWorkingDay")
	setDays("INSTITUTION_RESPONSE", 20, 15, 60)
	refused("shrinking stages", encode(), "测试", 1, "BAD_USER_INPUT", "policy.clocks.INSTITUTION_RESPONSE.stages[1].days", "须长于上一阶段")
	setDays("INSTITUTION_RESPONSE", 20, 40, 100)
	refused("an extension beyond the maximum", encode(), "测试", 1, "BAD_USER_INPUT", "policy.clocks.INSTITUTION_RESPONSE.stages[2].days", "4 倍")
	setDays("INSTITUTION_RESPONSE", 20, 40, 60)
	doc["jurisdiction"] = "US"
	refused("another jurisdiction's document", encode(), "测试", 1, "BAD_USER_INPUT", "policy.jurisdiction", "")
	doc["jurisdiction"] = "CN"
	refused("a stale revision", good, "测试", 7, "CONFLICT", "", "")
	if v := env.MustDo(t, admin, read, nil)["deadlineRules"].(map[string]any)["policyRevision"]; v != float64(1) {
		t.Fatalf("after refused editions the policy is revision %v", v)
	}

	got := env.MustDo(t, admin, publish, vars(good, "依据监管通知缩短受理时限", 1))["updateDeadlinePolicy"].(map[string]any)
	if got["policyRevision"] != float64(2) || got["policyVersion"] != "CN-2024.1+r2" || got["policyReason"] != "依据监管通知缩短受理时限" || got["policyAt"] == nil {
		t.Errorf("the published edition: %v %v %v %v", got["policyRevision"], got["policyVersion"], got["policyReason"], got["policyAt"])
	}
	if !strings.Contains(got["policy"].(string), `"days": 20`) {
		t.Errorf("the policy in force after publishing: %s", got["policy"])
	}
	refused("publishing on revision 1 again", good, "再来一次", 1, "CONFLICT", "", "")

	// Acceptance: Wed 11, Thu 12, Fri 13, Mon 16, Tue 17 for the new complaint; 7 days for the old one.
	filedAfter := ce.file(t)
	wantDue(t, "acceptance with the new edition", only(t, ce.deadlines(t, domain.RoleReviewer, filedAfter.ID), domain.DeadlineAcceptance, domain.DeadlineOpen).DueAt, "2026-03-17 23:59:59")
	wantDue(t, "acceptance started before", only(t, ce.deadlines(t, domain.RoleReviewer, filedBefore.ID), domain.DeadlineAcceptance, domain.DeadlineOpen).DueAt, "2026-03-19 23:59:59")

	// The institution's answer: 20 days, extension to 40 (not 30) for the complaint forwarded now.
	forwardedAfter := must(cs.Forward(staff, filedAfter.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	if forwardedAfter.ResponseDays != 20 {
		t.Errorf("forwarded under the published policy: %d days, want 20", forwardedAfter.ResponseDays)
	}
	wantDue(t, "the answer under the published policy", forwardedAfter.DueAt, "2026-03-30 23:59:59")
	// The portal offers the institution the policy's next stage, not a built-in 30.
	nextQ := `query($id: ID!) { complaint(id: $id) { nextExtension { days } } }`
	if n := env.MustDo(t, ce.p.tokens[domain.RoleInstitutionAgent], nextQ, map[string]any{"id": forwardedAfter.ID})["complaint"].(map[string]any)["nextExtension"]; fmt.Sprint(n) != "map[days:40]" {
		t.Errorf("the next extension under a 20/40/60 policy: %v, want 40 days", n)
	}
	_, err := cs.RequestExtension(agent, forwardedAfter.ID, 30, "需要调取录音", 0)
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.CodeInvalid || e.Field != "days" || !strings.Contains(e.MessageZH, "40") {
		t.Errorf("30 days under a 20/40/60 policy: %v, want BAD_USER_INPUT at days naming 40", err)
	}
	if x := must(cs.RequestExtension(agent, forwardedAfter.ID, 40, "需要调取录音", 0)).of(t); x.Status != domain.ExtensionGranted {
		t.Errorf("40 days under a 20/40/60 policy: %s, want GRANTED", x.Status)
	}
	d := only(t, ce.deadlines(t, domain.RoleReviewer, forwardedAfter.ID), domain.DeadlineInstitutionResponse, domain.DeadlineOpen)
	wantDue(t, "the answer extended to 40 days", d.DueAt, "2026-04-20 23:59:59")
	// The complaint forwarded before keeps the built-in 15/30/60.
	if x := must(cs.RequestExtension(agent, forwardedBefore.ID, 30, "需要调取录音", 0)).of(t); x.Status != domain.ExtensionGranted {
		t.Errorf("30 days for a complaint forwarded before: %s, want GRANTED", x.Status)
	}

	log := env.MustDo(t, admin, `{ adminAuditLog(first: 5, action: "policy.") { edges { node { action target reason details } } } }`, nil)["adminAuditLog"].(map[string]any)["edges"].([]any)
	if len(log) != 1 {
		t.Fatalf("%d policy entries in the audit log, want 1", len(log))
	}
	n := log[0].(map[string]any)["node"].(map[string]any)
	if n["action"] != "policy.update" || n["target"] != "deadline-policy:CN:2" || n["reason"] != "依据监管通知缩短受理时限" ||
		!strings.Contains(n["details"].(string), `"previousVersion":"CN-2024.1"`) || !strings.Contains(n["details"].(string), "ACCEPTANCE.STANDARD: 7→5") {
		t.Errorf("the audit entry: %v", n)
	}
}
