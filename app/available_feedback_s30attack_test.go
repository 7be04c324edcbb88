package app_test

import (
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestAvailableActionsOfferNoLateFeedback (attack round 25, session 30): availableActions listed
// ACCEPTED and DISPUTED to the complainant months after the feedback window closed (by hand on the
// demo data: RL-2026-00000124, window closed on 2026-08-28), and submitFeedback then refused them
// (BAD_USER_INPUT, "the window to give feedback closed"). They are offered until the feedback
// clock's due day only, as session 29 did for extensions.
func TestAvailableActionsOfferNoLateFeedback(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	reviewer, lender := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	ce.at("2026-03-02 09:00")
	c := ce.file(t)
	must(cs.Forward(reviewer, c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	ce.now = ce.now.Add(24 * time.Hour)
	must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "已核实催收记录并向客户说明。"}, 0)).of(t)
	fb := clockByKind(t, ce.deadlines(t, domain.RoleReviewer, c.ID), domain.DeadlineFeedback, domain.DeadlineOpen)
	actions := func() []string {
		t.Helper()
		d := ce.env.MustDo(t, ce.p.tokens[domain.RoleComplainant], `query($id: ID!) { complaint(id: $id) { availableActions } }`, map[string]any{"id": c.ID})
		var out []string
		for _, a := range d["complaint"].(map[string]any)["availableActions"].([]any) {
			out = append(out, a.(string))
		}
		return out
	}
	ce.now = fb.DueAt.Add(-time.Hour)
	if got := actions(); !slices.Contains(got, "ACCEPTED") || !slices.Contains(got, "DISPUTED") {
		t.Errorf("an hour before the feedback clock's due day the complainant may %v, want ACCEPTED and DISPUTED", got)
	}
	ce.now = fb.DueAt.Add(time.Hour)
	if got := actions(); slices.Contains(got, "ACCEPTED") || slices.Contains(got, "DISPUTED") || !slices.Contains(got, "WITHDRAWN") {
		t.Errorf("after the feedback clock's due day the complainant is offered %v, want neither ACCEPTED nor DISPUTED (still WITHDRAWN)", got)
	}
	if _, err := cs.SubmitFeedback(ce.p.ctx(domain.RoleComplainant), c.ID, domain.FeedbackInput{Decision: domain.FeedbackAccept, Satisfaction: 4}, 0); domain.CodeOf(err) != domain.CodeInvalid {
		t.Errorf("feedback after the window: %v, want BAD_USER_INPUT", err)
	}
}
