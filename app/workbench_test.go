package app_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

const listIDs = `query($f: ComplaintFilter, $o: ComplaintOrder) { complaints(filter: $f, orderBy: $o, first: 50) { totalCount edges { node { id } } } }`

func ids(t *testing.T, d map[string]any) []string {
	t.Helper()
	var out []string
	for _, e := range d["complaints"].(map[string]any)["edges"].([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any)["id"].(string))
	}
	return out
}

func sameIDs(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	g, w := append([]string(nil), got...), append([]string(nil), want...)
	sort.Strings(g)
	sort.Strings(w)
	if strings.Join(g, ",") != strings.Join(w, ",") {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// queueFixture is one complaint of each kind the queue's filters tell apart, all in team east.
type queueFixture struct {
	mine, unassigned, dueSoon, overdue, pending, dueLater string
}

func newQueueFixture(t *testing.T, env *apptest.Env, p *people) queueFixture {
	t.Helper()
	now := time.Now().UTC()
	reviewer := p.actors[domain.RoleReviewer].UserID
	forwarded := func(due time.Time, assignee int64) func(c *domain.Complaint) {
		return func(c *domain.Complaint) {
			c.Status, c.ForwardTarget, c.ForwardedAt, c.DueAt, c.ResponseDays = domain.StatusForwarded, domain.ForwardLender, now.AddDate(0, 0, -10), due, 15
			c.Recipients, c.AssigneeID = []int64{p.lenderID}, assignee
		}
	}
	return queueFixture{
		mine:       newComplaint(t, env, p, func(c *domain.Complaint) { c.AssigneeID = reviewer }).ID,
		unassigned: newComplaint(t, env, p, nil).ID,
		dueSoon:    newComplaint(t, env, p, forwarded(now.Add(36*time.Hour), reviewer)).ID,
		overdue:    newComplaint(t, env, p, forwarded(now.Add(-36*time.Hour), reviewer)).ID,
		dueLater:   newComplaint(t, env, p, forwarded(now.AddDate(0, 0, 10), reviewer)).ID,
		pending: newComplaint(t, env, p, func(c *domain.Complaint) {
			forwarded(now.AddDate(0, 0, 5), reviewer)(c)
			c.PendingExtensionID = uuid.NewString()
		}).ID,
	}
}

// TestQueueFilters lists complaints with the workbench's filters: mine, unassigned, due soon
// (near-breach), overdue and pending extension; and refuses filters that can match nothing.
func TestQueueFilters(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	x := newQueueFixture(t, env, p)
	tok := p.tokens[domain.RoleReviewer]
	list := func(f map[string]any) []string {
		return ids(t, env.MustDo(t, tok, listIDs, map[string]any{"f": f}))
	}
	sameIDs(t, "unassigned", list(map[string]any{"unassigned": true}), x.unassigned)
	sameIDs(t, "mine", list(map[string]any{"mine": true}), x.mine, x.dueSoon, x.overdue, x.dueLater, x.pending)
	sameIDs(t, "mine in triage", list(map[string]any{"mine": true, "status": []string{"IN_TRIAGE"}}), x.mine)
	sameIDs(t, "due within 3 days", list(map[string]any{"dueWithinDays": 3}), x.dueSoon)
	sameIDs(t, "due within 7 days", list(map[string]any{"dueWithinDays": 7}), x.dueSoon, x.pending)
	sameIDs(t, "overdue", list(map[string]any{"overdue": true}), x.overdue)
	sameIDs(t, "extension pending", list(map[string]any{"extensionPending": true}), x.pending)

	// Due date order: soonest first, complaints without a due date last.
	got := ids(t, env.MustDo(t, tok, listIDs, map[string]any{"o": "DUE_DATE"}))
	if len(got) != 6 || got[0] != x.overdue || got[1] != x.dueSoon || got[2] != x.pending || got[3] != x.dueLater {
		t.Errorf("due date order: %v", got)
	}

	// Another reviewer's "mine" is theirs, not the first reviewer's.
	other := p.tokens[domain.RoleSupervisor]
	if n := ids(t, env.MustDo(t, other, listIDs, map[string]any{"f": map[string]any{"mine": true}})); len(n) != 0 {
		t.Errorf("the supervisor's own complaints: %v, want none", n)
	}

	for _, c := range []struct {
		f     map[string]any
		field string
	}{
		{map[string]any{"unassigned": true, "mine": true}, "filter.unassigned"},
		{map[string]any{"unassigned": true, "assigneeId": fmt.Sprint(p.actors[domain.RoleReviewer].UserID)}, "filter.unassigned"},
		{map[string]any{"mine": true, "assigneeId": "7"}, "filter.mine"},
		{map[string]any{"dueWithinDays": 91}, "filter.dueWithinDays"},
		{map[string]any{"dueWithinDays": -1}, "filter.dueWithinDays"},
	} {
		r := env.Do(t, tok, listIDs, map[string]any{"f": c.f})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != c.field {
			t.Errorf("filter %v: %s on %q, want BAD_USER_INPUT on %s (%+v)", c.f, r.Code(), r.Field(), c.field, r.Errors)
		}
	}
}

const saveView = `mutation($n: String!, $f: ComplaintFilter, $o: ComplaintOrder) { saveView(name: $n, filter: $f, orderBy: $o) { id name filter orderBy count } }`
const listViews = `{ savedViews { id name filter orderBy count } }`

// TestSavedViews saves, lists with counts, replaces and deletes a reviewer's views; nobody else sees
// or deletes them; names and filters are validated.
func TestSavedViews(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	x := newQueueFixture(t, env, p)
	tok := p.tokens[domain.RoleReviewer]

	d := env.MustDo(t, tok, saveView, map[string]any{"n": "  我的超时 ", "f": map[string]any{"mine": true, "overdue": true, "status": []string{"FORWARDED"}}, "o": "DUE_DATE"})
	v := d["saveView"].(map[string]any)
	if v["name"] != "我的超时" || v["orderBy"] != "DUE_DATE" || v["count"] != float64(1) {
		t.Fatalf("saved view: %v", v)
	}
	var stored map[string]any
	if err := json.Unmarshal([]byte(v["filter"].(string)), &stored); err != nil {
		t.Fatal(err)
	}
	if stored["mine"] != true || stored["overdue"] != true || len(stored) != 3 {
		t.Errorf("stored filter: %v", stored)
	}
	// The stored filter is a ComplaintFilter: passed back, it lists the same complaints.
	sameIDs(t, "view's filter", ids(t, env.MustDo(t, tok, listIDs, map[string]any{"f": stored})), x.overdue)

	env.MustDo(t, tok, saveView, map[string]any{"n": "Unassigned", "f": map[string]any{"unassigned": true}})
	// Saving under a name used before (any case) replaces that view.
	again := env.MustDo(t, tok, saveView, map[string]any{"n": "unassigned", "f": map[string]any{"unassigned": true, "province": "310000"}})["saveView"].(map[string]any)
	views := env.MustDo(t, tok, listViews, nil)["savedViews"].([]any)
	if len(views) != 2 {
		t.Fatalf("views: %v", views)
	}
	var u map[string]any
	for _, w := range views {
		if w.(map[string]any)["id"] == again["id"] {
			u = w.(map[string]any)
		}
	}
	if u == nil || u["name"] != "unassigned" || u["count"] != float64(1) || !strings.Contains(u["filter"].(string), "310000") {
		t.Errorf("replaced view: %v", u)
	}

	// Another staff member sees none of them and cannot delete them.
	sup := p.tokens[domain.RoleSupervisor]
	if vs := env.MustDo(t, sup, listViews, nil)["savedViews"].([]any); len(vs) != 0 {
		t.Errorf("the supervisor sees the reviewer's views: %v", vs)
	}
	if r := env.Do(t, sup, `mutation($id: ID!) { deleteView(id: $id) }`, map[string]any{"id": v["id"]}); r.Code() != "NOT_FOUND" {
		t.Errorf("deleting another's view: %+v", r.Errors)
	}
	// Complainants, institutions and analysts have no saved views.
	for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleInstitutionAgent, domain.RoleAnalyst} {
		if r := env.Do(t, p.tokens[role], listViews, nil); r.Code() != "FORBIDDEN" {
			t.Errorf("%s lists views: %+v", role, r.Errors)
		}
		if r := env.Do(t, p.tokens[role], saveView, map[string]any{"n": "x"}); r.Code() != "FORBIDDEN" {
			t.Errorf("%s saves a view: %+v", role, r.Errors)
		}
	}
	if r := env.Do(t, "", listViews, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous: %+v", r.Errors)
	}

	for _, c := range []struct {
		vars  map[string]any
		field string
	}{
		{map[string]any{"n": "   "}, "name"},
		{map[string]any{"n": strings.Repeat("名", 61)}, "name"},
		{map[string]any{"n": "a\nb"}, "name"},
		{map[string]any{"n": "bad", "f": map[string]any{"province": "999999"}}, "filter.province"},
		{map[string]any{"n": "bad", "f": map[string]any{"mine": true, "unassigned": true}}, "filter.unassigned"},
		{map[string]any{"n": "bad", "f": map[string]any{"assigneeId": "x"}}, "filter.assigneeId"},
		{map[string]any{"n": "bad", "f": map[string]any{"text": strings.Repeat("字", 201)}}, "filter.text"},
	} {
		r := env.Do(t, tok, saveView, c.vars)
		if r.Code() != "BAD_USER_INPUT" || r.Field() != c.field {
			t.Errorf("save %v: %s on %q, want BAD_USER_INPUT on %s", c.vars, r.Code(), r.Field(), c.field)
		}
	}

	if ok := env.MustDo(t, tok, `mutation($id: ID!) { deleteView(id: $id) }`, map[string]any{"id": v["id"]})["deleteView"]; ok != true {
		t.Errorf("delete: %v", ok)
	}
	if vs := env.MustDo(t, tok, listViews, nil)["savedViews"].([]any); len(vs) != 1 {
		t.Errorf("after delete: %v", vs)
	}
	if r := env.Do(t, tok, `mutation($id: ID!) { deleteView(id: $id) }`, map[string]any{"id": v["id"]}); r.Code() != "NOT_FOUND" {
		t.Errorf("deleting twice: %+v", r.Errors)
	}
}

// TestTeamLoad counts each team's open work and each person's open complaints for supervisors and
// reviewers; complainants and institutions may not see it.
func TestTeamLoad(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	newQueueFixture(t, env, p)
	// A closed complaint is no load.
	newComplaint(t, env, p, func(c *domain.Complaint) { c.Status = domain.StatusClosed })
	q := `{ teamLoad { team open unassigned overdue dueSoon extensionsPending members { userId displayName role open overdue dueSoon } } }`
	for _, role := range []domain.Role{domain.RoleSupervisor, domain.RoleAdmin, domain.RoleReviewer} {
		loads := env.MustDo(t, p.tokens[role], q, nil)["teamLoad"].([]any)
		var east map[string]any
		for _, l := range loads {
			if l.(map[string]any)["team"] == "east" {
				east = l.(map[string]any)
			}
		}
		if east == nil {
			t.Fatalf("%s: no east team in %v", role, loads)
		}
		if east["open"] != float64(6) || east["unassigned"] != float64(1) || east["overdue"] != float64(1) || east["dueSoon"] != float64(1) || east["extensionsPending"] != float64(1) {
			t.Errorf("%s: east load %v", role, east)
		}
		found := false
		for _, m := range east["members"].([]any) {
			m := m.(map[string]any)
			if m["userId"] == fmt.Sprint(p.actors[domain.RoleReviewer].UserID) {
				found = true
				if m["open"] != float64(5) || m["overdue"] != float64(1) || m["dueSoon"] != float64(1) || m["role"] != "reviewer" || m["displayName"] == "" {
					t.Errorf("%s: the reviewer's load %v", role, m)
				}
			}
		}
		if !found {
			t.Errorf("%s: the reviewer is not among east's members: %v", role, east["members"])
		}
	}
	// The reviewer works team east only: no other team's load.
	for _, l := range env.MustDo(t, p.tokens[domain.RoleReviewer], q, nil)["teamLoad"].([]any) {
		if team := l.(map[string]any)["team"]; team != "east" {
			t.Errorf("the east reviewer sees team %v", team)
		}
	}
	for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleInstitutionAgent, domain.RoleAnalyst} {
		if r := env.Do(t, p.tokens[role], q, nil); r.Code() != "FORBIDDEN" {
			t.Errorf("%s reads team load: %+v", role, r.Errors)
		}
	}
}
