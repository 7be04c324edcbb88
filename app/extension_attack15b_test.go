package app_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 15 (attack2): extensionPending matched any pending extension on a complaint, so an
// institution sharing a complaint with another (forwarded to the lender and its agency) could list
// — and since today export — the complaints where the other had asked for more time, though it
// reads only its own extension requests (DiscloseExtensions).

// TestExtensionPendingIsAnInstitutionsOwn: a lender's extensionPending lists the complaints where
// it asked, not those where the agency did; staff see both; the CSV export filters alike.
func TestExtensionPendingIsAnInstitutionsOwn(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	now := time.Now().UTC()
	pending := func(inst int64) string {
		c := newComplaint(t, env, p, nil)
		x := domain.Extension{ID: uuid.NewString(), ComplaintID: c.ID, InstitutionID: inst, RequestedBy: p.actors[domain.RoleInstitutionAgent].UserID,
			Days: 30, Reason: "需要调取录音", Status: domain.ExtensionPending, RequestedAt: now}
		return drive(t, env, c.ID, func(c *domain.Complaint) {
			c.Status, c.ForwardTarget, c.ForwardedAt, c.DueAt, c.ResponseDays = domain.StatusForwarded, domain.ForwardBoth, now.AddDate(0, 0, -3), now.AddDate(0, 0, 12), 15
			c.Recipients, c.PendingExtensionID = []int64{p.lenderID, p.agencyID}, x.ID
		}, x).ID
	}
	lenders, agencys := pending(p.lenderID), pending(p.agencyID)
	f := map[string]any{"extensionPending": true}
	sameIDs(t, "the lender's pending extensions", ids(t, env.MustDo(t, p.tokens[domain.RoleInstitutionAgent], listIDs, map[string]any{"f": f})), lenders)
	sameIDs(t, "a supervisor's pending extensions", ids(t, env.MustDo(t, p.tokens[domain.RoleSupervisor], listIDs, map[string]any{"f": f})), lenders, agencys)

	req, _ := http.NewRequest("GET", env.URL+"/export/complaints.csv?extensionPending=1", nil)
	req.Header.Set("Authorization", "Bearer "+p.tokens[domain.RoleInstitutionAgent])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if rows := strings.Count(strings.TrimSpace(string(body)), "\n"); res.StatusCode != 200 || rows != 1 {
		t.Errorf("the lender's export of pending extensions: %d, %d rows, want 200 and 1 row:\n%s", res.StatusCode, rows, body)
	}
}

// TestFeedbackLapsedIsNotAnInstitutionsFilter: an institution sees its own answer's clock only,
// not the complainant's feedback window; filtering by its lapse (GraphQL, CSV) is refused, as the
// regulator's internal handling is.
func TestFeedbackLapsedIsNotAnInstitutionsFilter(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	r := env.Do(t, p.tokens[domain.RoleInstitutionAgent], listIDs, map[string]any{"f": map[string]any{"feedbackLapsed": true}})
	if r.Code() != "BAD_USER_INPUT" {
		t.Errorf("an institution filtering by the feedback window: %s %v, want BAD_USER_INPUT", r.Code(), r.Errors)
	}
	req, _ := http.NewRequest("GET", env.URL+"/export/complaints.csv?feedbackLapsed=1", nil)
	req.Header.Set("Authorization", "Bearer "+p.tokens[domain.RoleInstitutionAgent])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("an institution exporting by the feedback window: %d, want 400", res.StatusCode)
	}
	env.MustDo(t, p.tokens[domain.RoleSupervisor], listIDs, map[string]any{"f": map[string]any{"feedbackLapsed": true}})
}
