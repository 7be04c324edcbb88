package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
)

// Session 17 (attack): a supervisor's reason for a decision on an extension reached the
// institution as written through Complaint.extensions.decisionReason, while the same reason in the
// history (EXTENSION_DECIDED) lost the filed values the institution may not read and the
// complainant's own contact details (forInstitution). A refusal that quoted the debtor's mobile
// ("已电话联系债务人13812345678核实") handed the institution the number the complaint withheld from it.

// TestExtensionDecisionReasonIsScrubbedForInstitutions: an institution reads a decision's reason
// on its extension as it reads it in the history; staff and the complainant read it as written.
func TestExtensionDecisionReasonIsScrubbedForInstitutions(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	const mobile, idNumber = "13912345678", "11010519491231002X"
	c, err := cs.File(p.ctx(domain.RoleComplainant), domain.FileComplaint{Relation: domain.RelationParent,
		LenderID: p.lenderID, LenderName: "招行信用卡", AgencyID: p.agencyID, Product: domain.ProductCreditCard,
		Debtor:   domain.Debtor{Name: "王小明", Mobile: mobile, IDNumber: idNumber},
		Province: "310000", Narrative: "催收员每天给我打二十多个电话，说不还钱就到我家来。"}, uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Route(context.Background(), c.ID); err != nil {
		t.Fatal(err)
	}
	c = must(cs.Forward(p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	lender, sup := p.ctx(domain.RoleInstitutionAgent), p.ctx(domain.RoleSupervisor)
	must(cs.RequestExtension(lender, c.ID, 30, "需要调取录音", 0)).of(t)
	must(cs.RequestExtension(lender, c.ID, 60, "需外部鉴定", 0)).of(t)
	reason := "已电话联系债务人" + mobile + "（身份证" + idNumber + "）核实，理由不充分"
	must(cs.DecideExtension(sup, c.ID, false, reason, 0)).of(t)

	const q = `query($id: ID!) { complaint(id: $id) { extensions { status decisionReason } history { action reason } } }`
	read := func(tok string) (ext, hist string) {
		t.Helper()
		got := env.MustDo(t, tok, q, map[string]any{"id": c.ID})["complaint"].(map[string]any)
		for _, x := range got["extensions"].([]any) {
			if x := x.(map[string]any); x["status"] == "DENIED" {
				ext = fmt.Sprint(x["decisionReason"])
			}
		}
		for _, e := range got["history"].([]any) {
			if e := e.(map[string]any); e["action"] == string(domain.ActionDecideExtension) {
				hist = fmt.Sprint(e["reason"])
			}
		}
		return ext, hist
	}
	ext, hist := read(p.tokens[domain.RoleInstitutionAgent])
	if strings.Contains(ext, mobile) || strings.Contains(ext, "5678") || strings.Contains(ext, idNumber) || strings.Contains(ext, "1002X") {
		t.Errorf("the lender reads the decision reason on its extension as %q, with the debtor's withheld mobile or ID number", ext)
	}
	if ext != hist {
		t.Errorf("the lender reads the decision reason as %q on its extension and as %q in the history; want the same", ext, hist)
	}
	for _, role := range []domain.Role{domain.RoleSupervisor, domain.RoleComplainant} {
		if ext, _ := read(p.tokens[role]); ext != reason {
			t.Errorf("%s reads the decision reason as %q, want it as written", role, ext)
		}
	}
	// Analysts may not read one complaint at all (FORBIDDEN); should they, not the number.
	if got := env.Do(t, p.tokens[domain.RoleAnalyst], q, map[string]any{"id": c.ID}); strings.Contains(fmt.Sprint(got), mobile) {
		t.Errorf("the analyst reads the debtor's mobile in the decision: %v", got)
	}
	// The agency reads neither the lender's extension nor its decision.
	agencyAgent(t, ce, "attack17-agency@redline.demo")
	if ext, hist := read(env.Login(t, "attack17-agency@redline.demo", app.DemoPassword)); ext != "" || hist != "" {
		t.Errorf("the agency reads the lender's decision: extension %q, history %q", ext, hist)
	}
}

// Session 17 (attack): the notice of a decision on an extension went to every institution the
// complaint was forwarded to — in-app and by e-mail to each of their users, and as a webhook — so
// the collection agency learnt that the lender had asked for more time and been answered, though an
// institution reads only its own extension requests and their history entries (ownEntry).

// TestExtensionDecisionNoticeGoesToTheInstitutionThatAsked: the decision's notice reaches the
// users of the institution whose request it decides, not the other recipient's.
func TestExtensionDecisionNoticeGoesToTheInstitutionThatAsked(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	agency := agencyAgent(t, ce, "attack17-notice-agency@redline.demo")
	c := must(cs.Forward(p.ctx(domain.RoleReviewer), ce.file(t).ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	lender := p.ctx(domain.RoleInstitutionAgent)
	must(cs.RequestExtension(lender, c.ID, 30, "需要调取录音", 0)).of(t)
	must(cs.RequestExtension(lender, c.ID, 60, "需外部鉴定", 0)).of(t)
	must(cs.DecideExtension(p.ctx(domain.RoleSupervisor), c.ID, true, "同意", 0)).of(t)
	msgs := outboxActions(t, env, c.ID, domain.ActionDecideExtension)
	if len(msgs) != 1 {
		t.Fatalf("%d decision messages, want 1", len(msgs))
	}
	dispatchOutbox(t, env, msgs[0]["id"].(string))
	kind := string(domain.ActionDecideExtension)
	if got := notificationsOf(t, env, p.actors[domain.RoleInstitutionAgent].UserID, kind); got[domain.NotifyInApp] != 1 {
		t.Errorf("the lender's agent got %v decision notices, want 1 in-app", got)
	}
	if got := notificationsOf(t, env, domain.ActorFrom(agency).UserID, kind); len(got) != 0 {
		t.Errorf("the agency's agent got %v notices of the lender's extension decision, want none", got)
	}
}
