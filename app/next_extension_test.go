package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
)

// TestNextExtensionFollowsThePolicy: Complaint.nextExtension tells the institution the one
// extension it may ask for now, from the deadline policy its answer clock started under (the
// built-in CN policy: 30 days granted at once, then 60 with a supervisor's approval), and null
// while one awaits a decision, after the last stage, for staff; an institution the complaint
// did not go to reads nothing, as before.
func TestNextExtensionFollowsThePolicy(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	staff, agent, sup := p.ctx(domain.RoleReviewer), p.ctx(domain.RoleInstitutionAgent), p.ctx(domain.RoleSupervisor)
	c := must(cs.Forward(staff, ce.file(t).ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)

	const q = `query($id: ID!) { complaint(id: $id) { nextExtension { days needsApproval } } }`
	next := func(role domain.Role) string {
		t.Helper()
		return fmt.Sprint(env.MustDo(t, p.tokens[role], q, map[string]any{"id": c.ID})["complaint"].(map[string]any)["nextExtension"])
	}
	I := domain.RoleInstitutionAgent
	if got := next(I); got != "map[days:30 needsApproval:false]" {
		t.Errorf("before any extension: %s, want 30 days granted at once", got)
	}
	for _, role := range []domain.Role{domain.RoleReviewer, domain.RoleSupervisor, domain.RoleComplainant} {
		if got := next(role); got != "<nil>" {
			t.Errorf("%s reads nextExtension %s, want null", role, got)
		}
	}
	must(cs.RequestExtension(agent, c.ID, 30, "需要调取录音", 0)).of(t)
	if got := next(I); got != "map[days:60 needsApproval:true]" {
		t.Errorf("after 30 days granted: %s, want 60 days with a supervisor's approval", got)
	}
	must(cs.RequestExtension(agent, c.ID, 60, "需外部鉴定", 0)).of(t)
	if got := next(I); got != "<nil>" {
		t.Errorf("with 60 days awaiting a decision: %s, want null", got)
	}
	must(cs.DecideExtension(sup, c.ID, true, "", 0)).of(t)
	if got := next(I); got != "<nil>" {
		t.Errorf("after the last stage: %s, want null", got)
	}

	// The agency was not sent this complaint: it reads neither it nor its next extension.
	if _, err := env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: "next-agency@redline.demo",
		Password: app.DemoPassword, DisplayName: "催收机构客服", Role: domain.RoleInstitutionAgent, InstitutionID: p.agencyID}); err != nil {
		t.Fatal(err)
	}
	other := env.Login(t, "next-agency@redline.demo", app.DemoPassword)
	r := env.Do(t, other, q, map[string]any{"id": c.ID})
	if r.Code() == "" || r.Data["complaint"] != nil {
		t.Errorf("an institution the complaint did not go to: %q, %v; want an error and no complaint", r.Code(), r.Data)
	}
}
