package app_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestSecondReassessmentWhileOneCoversItIsRefused (session 32, sec32): four reassessRules at once
// (a double click, two admins) started four jobs that each judged every complaint again, in
// parallel. Now one is recorded; the others, and a later start with the same or a later day while
// it is queued or running, answer CONFLICT on since with reason REASSESSMENT_RUNNING naming it; a
// start with an earlier day (more complaints) is a job of its own.
func TestSecondReassessmentWhileOneCoversItIsRefused(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true}) // no worker: jobs stay queued
	p := demoPeople(t, env)
	admin := p.tokens[domain.RoleAdmin]
	const start = `mutation($s: String!){ reassessRules(since: $s, reason: "双击") { id state } }`
	day := time.Now().AddDate(0, 0, -3).Format("2006-01-02")
	var wg sync.WaitGroup
	res := make([]*apptest.Response, 4)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = env.Do(t, admin, start, map[string]any{"s": day})
		}()
	}
	wg.Wait()
	started := 0
	for _, r := range res {
		switch {
		case len(r.Errors) == 0:
			started++
		case r.Code() != "CONFLICT" || r.Field() != "since" || r.Errors[0].Extensions["reason"] != "REASSESSMENT_RUNNING":
			t.Errorf("a start at once answered %v, want CONFLICT on since (REASSESSMENT_RUNNING)", r.Errors)
		}
	}
	if started != 1 {
		t.Errorf("%d of 4 starts at once recorded a job, want 1", started)
	}
	later := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	if r := env.Do(t, admin, start, map[string]any{"s": later}); r.Code() != "CONFLICT" || r.Field() != "since" {
		t.Errorf("a later day while the job is queued: %v, want CONFLICT on since", r.Errors)
	}
	earlier := time.Now().AddDate(0, 0, -10).Format("2006-01-02")
	if r := env.Do(t, admin, start, map[string]any{"s": earlier}); len(r.Errors) != 0 {
		t.Errorf("an earlier day (more complaints) was refused: %v", r.Errors)
	}
	jobs := env.MustDo(t, admin, `{ reassessJobs { id } }`, nil)["reassessJobs"].([]any)
	if len(jobs) != 2 {
		t.Errorf("%d jobs recorded, want 2", len(jobs))
	}
}

// TestLinkNotFoundNamesTheArgument (session 32, sec32): linkComplaints named primaryId when an id
// was not found but no field when a reference was, nor for a duplicate not found; each NOT_FOUND
// now names the argument it is about, the same for an unknown reference and one outside the scope.
func TestLinkNotFoundNamesTheArgument(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S := p.tokens[domain.RoleSupervisor]
	c := newComplaint(t, env, p, nil)
	const link = `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, reason: "重复") { id } }`
	for _, tc := range []struct{ d, p, field string }{
		{c.ID, "RL-2026-99999999", "primaryId"},
		{c.ID, "00000000-0000-4000-8000-000000000000", "primaryId"},
		{"RL-2026-99999999", c.ID, "duplicateId"},
		{"00000000-0000-4000-8000-000000000000", c.ID, "duplicateId"},
	} {
		r := env.Do(t, S, link, map[string]any{"d": tc.d, "p": tc.p})
		if r.Code() != "NOT_FOUND" || r.Field() != tc.field {
			t.Errorf("link %s to %s: %s on %q, want NOT_FOUND on %s", tc.d, tc.p, r.Code(), r.Field(), tc.field)
		}
	}
	for _, merge := range []bool{false, true} {
		r := env.Do(t, S, `mutation($d: ID!, $p: ID!, $m: Boolean) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: $m, reason: "重复") { id } }`,
			map[string]any{"d": "00000000-0000-4000-8000-000000000000", "p": c.ID, "m": merge})
		if r.Code() != "NOT_FOUND" || r.Field() != "duplicateId" {
			t.Errorf("merge=%v of an unknown duplicate: %s on %q, want NOT_FOUND on duplicateId", merge, r.Code(), r.Field())
		}
	}
}

// TestPublishedDocumentsAreOneJSONValueWithEachKeyOnce (session 32, sec32): by hand, a deadline
// policy with " x" after it was published (revision 2), a calendar with it answered INTERNAL (the
// database's json column refused it) with an ERROR log line, and a rule pack, policy or calendar
// naming a key twice, or in another case, was published and read with the last, where its stored
// text shows both. Each is now BAD_USER_INPUT on its document and publishes nothing.
func TestPublishedDocumentsAreOneJSONValueWithEachKeyOnce(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	admin := p.tokens[domain.RoleAdmin]
	cur := env.MustDo(t, admin, `{ rulePack(jurisdiction: CN) { revision document } deadlineRules(jurisdiction: CN) { calendar calendarVersion policy policyRevision } }`, nil)
	pack := cur["rulePack"].(map[string]any)
	rules := cur["deadlineRules"].(map[string]any)
	docs := []struct {
		name, mutation, field, doc string
		version                    any
		revision                   string
	}{
		{"pack", `mutation($d: String!, $v: Int) { updateRulePack(jurisdiction: CN, document: $d, reason: "测试", expectedRevision: $v) { revision } }`,
			"document", pack["document"].(string), pack["revision"], `{ rulePack(jurisdiction: CN) { revision } }`},
		{"policy", `mutation($d: String!, $v: Int) { updateDeadlinePolicy(jurisdiction: CN, document: $d, reason: "测试", expectedRevision: $v) { policyRevision } }`,
			"policy", rules["policy"].(string), rules["policyRevision"], `{ deadlineRules(jurisdiction: CN) { policyRevision } }`},
		{"calendar", `mutation($d: String!, $v: Int) { updateCalendar(jurisdiction: CN, document: $d, reason: "测试", expectedVersion: $v) { calendarVersion } }`,
			"calendar", rules["calendar"].(string), rules["calendarVersion"], `{ deadlineRules(jurisdiction: CN) { calendarVersion } }`},
	}
	for _, d := range docs {
		doc := strings.TrimSpace(d.doc)
		if !strings.HasPrefix(doc, `{"jurisdiction":`) && !strings.HasPrefix(doc, "{") {
			t.Fatalf("%s: %.40s", d.name, doc)
		}
		before := env.MustDo(t, admin, d.revision, nil)
		for what, bad := range map[string]string{
			"text after":          doc + " x",
			"a second document":   doc + "{}",
			"a key twice":         `{"jurisdiction":"US",` + doc[1:],
			"a key in other case": `{"JURISDICTION":"CN",` + doc[1:],
		} {
			r := env.Do(t, admin, d.mutation, map[string]any{"d": bad, "v": d.version})
			if r.Code() != "BAD_USER_INPUT" || r.Field() != d.field {
				t.Errorf("%s with %s: %s on %q (%v), want BAD_USER_INPUT on %s", d.name, what, r.Code(), r.Field(), r.Errors, d.field)
			}
		}
		if after := env.MustDo(t, admin, d.revision, nil); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("%s: %v after the refusals, want %v", d.name, after, before)
		}
	}
}
