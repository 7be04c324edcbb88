package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestCalendarPublishedByAdmin: an admin publishes the next edition of the CN business calendar
// through the API with a two-day holiday; a complaint filed afterwards counts its acceptance
// deadline with it (two working days later) while the clock started before keeps its due day; the
// edition is versioned and in the admin audit log. Others may not publish; a broken document, a
// dropped year, a missing reason and a stale version are refused with nothing stored.
func TestCalendarPublishedByAdmin(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00")) // a Tuesday
	env := ce.env
	admin, reviewer := ce.p.tokens[domain.RoleAdmin], ce.p.tokens[domain.RoleReviewer]

	before := ce.file(t)
	// Wed 11 … Thu 19: the 7th working day.
	wantDue(t, "acceptance before the new edition", only(t, ce.deadlines(t, domain.RoleReviewer, before.ID), domain.DeadlineAcceptance, domain.DeadlineOpen).DueAt, "2026-03-19 23:59:59")

	const read = `{ deadlineRules(jurisdiction: CN) { calendar calendarVersion calendarReason } }`
	rules := env.MustDo(t, admin, read, nil)["deadlineRules"].(map[string]any)
	if rules["calendarVersion"] != float64(1) || rules["calendarReason"] != "built-in" {
		t.Fatalf("the calendar in force: version %v, reason %v", rules["calendarVersion"], rules["calendarReason"])
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(rules["calendar"].(string)), &doc); err != nil {
		t.Fatal(err)
	}
	years := doc["years"].([]any)
	y2026 := years[len(years)-1].(map[string]any)
	if y2026["year"] != float64(2026) {
		t.Fatalf("the last year of the calendar is %v", y2026["year"])
	}
	y2026["holidays"] = append(y2026["holidays"].([]any), map[string]any{"name": "地方停工日", "from": "2026-03-12", "to": "2026-03-13"})
	edited, _ := json.Marshal(doc)

	const publish = `mutation($d: String!, $r: String!, $v: Int) { updateCalendar(jurisdiction: CN, document: $d, reason: $r, expectedVersion: $v) { calendarVersion calendarReason calendar } }`
	vars := func(d, reason string, v int) map[string]any { return map[string]any{"d": d, "r": reason, "v": v} }
	if r := env.Do(t, reviewer, publish, vars(string(edited), "试图修改", 1)); r.Code() != "FORBIDDEN" {
		t.Errorf("a reviewer publishing a calendar: %q, want FORBIDDEN", r.Code())
	}
	if r := env.Do(t, admin, publish, vars(string(edited), "  ", 1)); r.Code() != "BAD_USER_INPUT" || r.Field() != "reason" {
		t.Errorf("no reason: %q at %q, want BAD_USER_INPUT at reason", r.Code(), r.Field())
	}
	// A make-up working day that is not a weekend day, at its field.
	workdays := y2026["workdays"]
	y2026["workdays"] = append(workdays.([]any), map[string]any{"date": "2026-03-11", "for": "错误"})
	bad, _ := json.Marshal(doc)
	y2026["workdays"] = workdays
	if r := env.Do(t, admin, publish, vars(string(bad), "测试", 1)); r.Code() != "BAD_USER_INPUT" || !strings.HasPrefix(r.Field(), "calendar.years[") {
		t.Errorf("a make-up day on a Wednesday: %q at %q, want BAD_USER_INPUT at the calendar's field", r.Code(), r.Field())
	} else if zh, _ := r.Errors[0].Extensions["messageZh"].(string); !strings.Contains(zh, "2026-03-11") || !strings.Contains(zh, "不是周末") {
		t.Errorf("a make-up day on a Wednesday: messageZh %q, want the day and why", zh)
	}
	dropped, _ := json.Marshal(map[string]any{"jurisdiction": "CN", "timezone": doc["timezone"], "weekend": doc["weekend"], "source": doc["source"], "years": years[1:]})
	if r := env.Do(t, admin, publish, vars(string(dropped), "去掉旧年份", 1)); r.Code() != "BAD_USER_INPUT" || r.Field() != "calendar.years" {
		t.Errorf("a dropped year: %q at %q, want BAD_USER_INPUT at calendar.years", r.Code(), r.Field())
	}
	if r := env.Do(t, admin, publish, vars(string(edited), "测试", 7)); r.Code() != "CONFLICT" {
		t.Errorf("a stale version: %q, want CONFLICT", r.Code())
	}
	if v := env.MustDo(t, admin, read, nil)["deadlineRules"].(map[string]any)["calendarVersion"]; v != float64(1) {
		t.Fatalf("after refused editions the calendar is version %v", v)
	}

	got := env.MustDo(t, admin, publish, vars(string(edited), "依据市政府停工通知", 1))["updateCalendar"].(map[string]any)
	if got["calendarVersion"] != float64(2) || got["calendarReason"] != "依据市政府停工通知" || !strings.Contains(got["calendar"].(string), "地方停工日") {
		t.Errorf("the published edition: %v %v", got["calendarVersion"], got["calendarReason"])
	}
	if r := env.Do(t, admin, publish, vars(string(edited), "再来一次", 1)); r.Code() != "CONFLICT" {
		t.Errorf("publishing on version 1 again: %q, want CONFLICT", r.Code())
	}

	// A clock started now counts with the new edition: Thu 12 and Fri 13 are no longer working days.
	after := ce.file(t)
	wantDue(t, "acceptance with the new edition", only(t, ce.deadlines(t, domain.RoleReviewer, after.ID), domain.DeadlineAcceptance, domain.DeadlineOpen).DueAt, "2026-03-23 23:59:59")
	wantDue(t, "acceptance started before", only(t, ce.deadlines(t, domain.RoleReviewer, before.ID), domain.DeadlineAcceptance, domain.DeadlineOpen).DueAt, "2026-03-19 23:59:59")

	log := env.MustDo(t, admin, `{ adminAuditLog(first: 5, action: "calendar.") { edges { node { action target reason details } } } }`, nil)["adminAuditLog"].(map[string]any)["edges"].([]any)
	if len(log) != 1 {
		t.Fatalf("%d calendar entries in the audit log, want 1", len(log))
	}
	n := log[0].(map[string]any)["node"].(map[string]any)
	if n["action"] != "calendar.update" || n["target"] != "calendar:CN:2" || n["reason"] != "依据市政府停工通知" || !strings.Contains(n["details"].(string), `"previousVersion":1`) {
		t.Errorf("the audit entry: %v", n)
	}
}

func mustTime(s string) (t0 time.Time) {
	t0, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t0
}
