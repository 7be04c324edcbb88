package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// noticeTo dispatches the outbox messages of a complaint's action (as the worker would) and returns
// the in-app notice the demo complainant got for it.
func (ce *clockEnv) noticeTo(t *testing.T, complaintID, topic, action string) (titleZH, zh, en string) {
	t.Helper()
	var ids []string
	q := "SELECT id::text FROM outbox WHERE topic = ? AND payload->>'complaintId' = ?"
	args := []any{topic, complaintID}
	if action != "" {
		q += " AND payload->>'action' = ?"
		args = append(args, action)
	}
	if err := ce.env.App.DB.Gorm.Raw(q, args...).Scan(&ids).Error; err != nil || len(ids) != 1 {
		t.Fatalf("outbox messages of %s %s: %v (%v), want one", topic, action, ids, err)
	}
	dispatchOutbox(t, ce.env, ids[0])
	var row struct{ TitleZh, BodyZh, BodyEn string }
	if err := ce.env.App.DB.Gorm.Raw("SELECT title_zh, body_zh, body_en FROM notifications WHERE source_message_id = ? AND recipient_id = ? AND channel = 'IN_APP'",
		ids[0], ce.p.actors[domain.RoleComplainant].UserID).Scan(&row).Error; err != nil || row.BodyZh == "" {
		t.Fatalf("the complainant's notice of %s %s: %+v (%v)", topic, action, row, err)
	}
	return row.TitleZh, row.BodyZh, row.BodyEn
}

// TestReceiptStatesThePolicysTime (session 36): the "received" notice to the complainant said
// 7个工作日 / 7 working days whatever the deadline policy in force; a regulator that publishes 10
// calendar days for its acceptance decision promised its complainants what the clock did not hold.
// The notice now states the days and unit of the acceptance clock the complaint was filed under.
func TestReceiptStatesThePolicysTime(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	ce.env.App.Policies.Now = func() time.Time { return ce.now }
	admin := ce.p.tokens[domain.RoleAdmin]

	before := ce.file(t)
	if _, zh, en := ce.noticeTo(t, before.ID, domain.TopicComplaintFiled, ""); !strings.Contains(zh, "7个工作日") || !strings.Contains(en, "7 working days") {
		t.Errorf("receipt under the built-in policy: %q / %q, want 7 working days", zh, en)
	}

	rules := ce.env.MustDo(t, admin, `{ deadlineRules(jurisdiction: CN) { policy } }`, nil)["deadlineRules"].(map[string]any)
	var doc map[string]any
	if err := json.Unmarshal([]byte(rules["policy"].(string)), &doc); err != nil {
		t.Fatal(err)
	}
	acc := doc["clocks"].(map[string]any)["ACCEPTANCE"].(map[string]any)
	acc["unit"] = "CALENDAR_DAYS"
	acc["stages"].([]any)[0].(map[string]any)["days"] = 10
	b, _ := json.Marshal(doc)
	ce.env.MustDo(t, admin, `mutation($d: String!) { updateDeadlinePolicy(jurisdiction: CN, document: $d, reason: "受理时限改为10个自然日", expectedRevision: 1) { policyRevision } }`,
		map[string]any{"d": string(b)})

	after := ce.file(t)
	_, zh, en := ce.noticeTo(t, after.ID, domain.TopicComplaintFiled, "")
	if !strings.Contains(zh, "10个自然日") || !strings.Contains(en, "10 calendar days") || strings.Contains(zh, "7个工作日") || strings.Contains(en, "working") {
		t.Errorf("receipt under a 10-calendar-day policy: %q / %q, want 10 calendar days", zh, en)
	}
}

// TestSweepEndedPauseSaysTheLimitEndedIt (session 35's leftover): when the deadline sweep ended an
// outside-appraisal pause at its longest (REDLINE_MAX_APPRAISAL_DAYS), the complainant was told
// "对您的投诉的外部鉴定已完成" — the text of an end the institution records — and their history read
// the bare step. The notice now says the regulator's limit ended it (and that the appraisal need not
// be done); the history entry gives the complainant and the institution its limit and days. An end
// the institution records reads as before.
func TestSweepEndedPauseSaysTheLimitEndedIt(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	ce.at("2026-03-02 10:00")
	reviewer, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	c := ce.file(t)
	c = must(cs.Forward(reviewer, c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	own := ce.file(t)
	own = must(cs.Forward(reviewer, own.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	ce.at("2026-03-03 10:00")
	must(cs.StartAppraisal(agent, c.ID, "录音鉴定", 0)).of(t)
	must(cs.StartAppraisal(agent, own.ID, "笔迹鉴定", 0)).of(t)
	ce.at("2026-03-05 10:00")
	must(cs.EndAppraisal(agent, own.ID, 0)).of(t)
	if _, zh, en := ce.noticeTo(t, own.ID, domain.TopicComplaintChanged, string(domain.ActionEndAppraisal)); !strings.Contains(zh, "鉴定已完成") || !strings.Contains(en, "is done") {
		t.Errorf("an end the institution recorded: %q / %q, want the appraisal done", zh, en)
	}

	ce.at("2026-05-04 10:00")
	must(ce.env.App.Deadlines.Sweep(context.Background())).of(t)
	title, zh, en := ce.noticeTo(t, c.ID, domain.TopicComplaintChanged, string(domain.ActionEndAppraisal))
	if strings.Contains(zh, "鉴定已完成") || strings.Contains(en, "is done") || !strings.Contains(zh, "最长期限") || !strings.Contains(zh, "60") ||
		!strings.Contains(en, "regulator") || !strings.Contains(en, "60 days") || !strings.Contains(title, "上限") {
		t.Errorf("the sweep's end at the longest pause: %q: %q / %q, want the regulator's 60-day limit named, not the appraisal done", title, zh, en)
	}

	const hist = `query($id: ID!) { complaint(id: $id) { history { action actorRole details } } }`
	for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleInstitutionAgent} {
		found := false
		for _, e := range ce.env.MustDo(t, ce.p.tokens[role], hist, map[string]any{"id": c.ID})["complaint"].(map[string]any)["history"].([]any) {
			ev := e.(map[string]any)
			if ev["action"] != string(domain.ActionEndAppraisal) {
				continue
			}
			found = true
			details, _ := ev["details"].(string)
			if !strings.Contains(details, `"limit":"MAX_APPRAISAL_DAYS"`) || !strings.Contains(details, `"maxDays":60`) {
				t.Errorf("%s reads the sweep's end as %v, want its limit and days", role, ev)
			}
		}
		if !found {
			t.Errorf("%s reads no APPRAISAL_ENDED", role)
		}
	}
}
