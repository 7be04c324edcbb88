package api_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// Session 15's walk (walk3): the queue's views "mine", "unassigned" and "due soon" (and the
// supervisor's pending extensions) could not be exported: /export/complaints.csv refused mine,
// unassigned, dueWithinDays and extensionPending as unknown parameters. It takes them, and the file
// lists what GraphQL complaints lists with the same filter, in its order.
func TestExportComplaintsQueueFilters(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 110, NoWork: true, NoRelay: true})
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	// The demo leaves every complaint unassigned: the reviewer claims some not yet due.
	for _, e := range env.MustDo(t, rev, `{ complaints(filter: {unassigned: true, dueWithinDays: 90, status: [IN_TRIAGE]}, orderBy: DUE_DATE, first: 4) { edges { node { id } } } }`,
		nil)["complaints"].(map[string]any)["edges"].([]any) {
		env.MustDo(t, rev, `mutation($id: ID!) { claimComplaint(id: $id) { id } }`, map[string]any{"id": e.(map[string]any)["node"].(map[string]any)["id"]})
	}
	// The institution asks for more time than it is granted without a decision on two complaints
	// forwarded to it.
	agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
	lender := env.MustDo(t, agent, `{ me { institutionId } }`, nil)["me"].(map[string]any)["institutionId"]
	ext := `mutation($id: ID!, $d: Int!) { requestExtension(id: $id, days: $d, reason: "需要调取全部通话录音，核查外包催收机构") { status } }`
	for _, e := range env.MustDo(t, rev, `{ complaints(filter: {status: [IN_TRIAGE]}, first: 2) { edges { node { id } } } }`,
		nil)["complaints"].(map[string]any)["edges"].([]any) {
		id := e.(map[string]any)["node"].(map[string]any)["id"]
		env.MustDo(t, rev, `mutation($id: ID!, $l: ID) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { status } }`, map[string]any{"id": id, "l": lender})
		env.MustDo(t, agent, ext, map[string]any{"id": id, "d": 30})
		env.MustDo(t, agent, ext, map[string]any{"id": id, "d": 60})
	}
	for _, c := range []struct {
		who, token, filter, query string
	}{
		{"reviewer", rev, `{mine: true}`, "mine=1"},
		{"supervisor", sup, `{unassigned: true, status: [FORWARDED, RESPONDED]}`, "unassigned=true&status=FORWARDED,RESPONDED"},
		{"supervisor", sup, `{dueWithinDays: 90}`, "dueWithinDays=90"},
		{"supervisor", sup, `{dueWithinDays: 30, status: [FORWARDED]}`, "dueWithinDays=30&status=FORWARDED"},
		{"supervisor", sup, `{extensionPending: true}`, "extensionPending=1"},
		{"reviewer", rev, `{mine: true, dueWithinDays: 90}`, "mine=1&dueWithinDays=90"},
	} {
		want := listedReferences(t, env, c.token, c.filter)
		if len(want) == 0 {
			t.Fatalf("%s's complaints(filter: %s) lists none", c.who, c.filter)
		}
		got, status := exportedReferences(t, env, c.token, "orderBy=DUE_DATE&"+c.query)
		if status != http.StatusOK {
			t.Errorf("%s's GET /export/complaints.csv?%s: %d", c.who, c.query, status)
			continue
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s's export ?%s lists %d complaints %v, want the queue's %d %v", c.who, c.query, len(got), got, len(want), want)
		}
	}
	for _, q := range []string{"mine=maybe", "unassigned=2", "extensionPending=yes", "dueWithinDays=soon", "dueWithinDays=0", "dueWithinDays=91", "dueWithinDays=-1"} {
		name := q[:strings.IndexByte(q, '=')]
		if d := get(t, env, sup, "/export/complaints.csv?"+q); d.Status != http.StatusBadRequest || !strings.Contains(string(d.Body), `"field":"`+name+`"`) {
			t.Errorf("?%s: %d %s, want 400 on %s", q, d.Status, d.Body, name)
		}
	}
	if d := get(t, env, sup, "/export/complaints.csv?mine=1&unassigned=1"); d.Status != http.StatusBadRequest || !strings.Contains(string(d.Body), "unassigned") {
		t.Errorf("?mine=1&unassigned=1: %d %s, want 400 on unassigned", d.Status, d.Body)
	}
}

// listedReferences are the references complaints(filter, orderBy: DUE_DATE) lists, all on one page.
func listedReferences(t *testing.T, env *apptest.Env, token, filter string) []string {
	t.Helper()
	conn := env.MustDo(t, token, fmt.Sprintf(`{ complaints(filter: %s, orderBy: DUE_DATE, first: 100) { totalCount edges { node { reference } } } }`, filter),
		nil)["complaints"].(map[string]any)
	var refs []string
	for _, e := range conn["edges"].([]any) {
		refs = append(refs, e.(map[string]any)["node"].(map[string]any)["reference"].(string))
	}
	if len(refs) != int(conn["totalCount"].(float64)) {
		t.Fatalf("complaints(filter: %s): %d listed of %v, want all on one page", filter, len(refs), conn["totalCount"])
	}
	return refs
}

// exportedReferences are the references GET /export/complaints.csv?query lists, and its status.
func exportedReferences(t *testing.T, env *apptest.Env, token, query string) ([]string, int) {
	t.Helper()
	d := get(t, env, token, "/export/complaints.csv?"+query)
	if d.Status != http.StatusOK {
		t.Logf("GET /export/complaints.csv?%s: %d %s", query, d.Status, d.Body)
		return nil, d.Status
	}
	rows, err := csv.NewReader(bytes.NewReader(d.Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, r := range rows[1:] {
		refs = append(refs, r[0])
	}
	return refs, d.Status
}
