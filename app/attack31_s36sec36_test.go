package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
)

// TestOptionalTextThatShowsNothingIsNoText (attack round 31): a required reason that shows nothing
// (zero-width spaces, a BOM, combining marks alone) is refused since session 26, but an optional one
// — the reason of a link, a merge, a withdrawal, an investigation, a rejection or referral, the
// complainant's feedback comment, an alert's note — was stored as written: the history then held a
// "reason" nobody can see, which the portal draws as an empty quotation and an institution reads
// as the complainant's comment. Such a text is now no text: stored empty, as if left out.
func TestOptionalTextThatShowsNothingIsNoText(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	ce.at("2026-03-02 10:00")
	cs := ce.env.App.Complaints
	sup := ce.p.ctx(domain.RoleSupervisor)
	a, b, w := ce.file(t), ce.file(t), ce.file(t)
	must(cs.Link(sup, a.ID, b.ID, false, "\u200b\u200b\ufeff", 0)).of(t)
	must(cs.Withdraw(ce.p.ctx(domain.RoleComplainant), w.ID, " \u200b\u0301\u0301 ", 0)).of(t)
	for _, c := range []struct {
		id     string
		action domain.Action
	}{{a.ID, domain.ActionLink}, {w.ID, domain.ActionWithdraw}} {
		found := false
		for _, ev := range must(cs.History(sup, c.id)).of(t) {
			if ev.Action != c.action {
				continue
			}
			found = true
			if ev.Reason != "" {
				t.Errorf("%s stored the invisible reason %q, want none", c.action, ev.Reason)
			}
		}
		if !found {
			t.Errorf("no %s entry", c.action)
		}
	}
}

// TestNotFoundNamesTheIDArgumentOutsideComplaints (attack round 31): round 30 made a NOT_FOUND of a
// mutation on a complaint name its argument; the registry's, the webhooks' and the alerts'
// mutations still answered an unknown id with no field.
func TestNotFoundNamesTheIDArgumentOutsideComplaints(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	env := ce.env
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	for _, tc := range []struct {
		name, token, query, field string
	}{
		{"updateInstitution", admin, `mutation{ updateInstitution(id:"999999", input:{name:"无此机构", kind: BANK}){ id } }`, "id"},
		{"addInstitutionAlias", admin, `mutation{ addInstitutionAlias(id:"999999", alias:"无此别名"){ id } }`, "id"},
		{"removeInstitutionAlias", admin, `mutation{ removeInstitutionAlias(id:"999999", alias:"无此别名"){ id } }`, "id"},
		{"setInstitutionWebhook", admin, `mutation{ setInstitutionWebhook(institutionId:"999999", url:"https://hooks.example.com/x"){ url } }`, "institutionId"},
		{"pingInstitutionWebhook", admin, `mutation{ pingInstitutionWebhook(institutionId:"999999") }`, "institutionId"},
		{"acknowledgeAlert", sup, `mutation{ acknowledgeAlert(id:"999999"){ id } }`, "id"},
	} {
		r := env.Do(t, tc.token, tc.query, nil)
		if r.Code() != "NOT_FOUND" || r.Field() != tc.field {
			t.Errorf("%s of an unknown id: %q on %q (%+v), want NOT_FOUND on %s", tc.name, r.Code(), r.Field(), r.Errors, tc.field)
		}
	}
}

// TestDeniedExtensionIsNotAskedForEverAfter (attack round 31): an institution's agent could ask
// for the same extension again the moment a supervisor denied it, without bound — by hand, six
// requests to 60 days on RL-2026-00000103, each denied, each a notice to the team's supervisors, an
// entry first on their supervision page and an EXTENSION_REQUESTED entry with its reason in the
// history the complainant reads. After MaxDeniedExtensions (2) denials of one extension of one
// answer clock, the next request is CONFLICT on days, reason EXTENSION_LIMIT, nothing written.
func TestDeniedExtensionIsNotAskedForEverAfter(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	ce.at("2026-03-02 10:00")
	cs := ce.env.App.Complaints
	reviewer, sup, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleSupervisor), ce.p.ctx(domain.RoleInstitutionAgent)
	c := must(cs.Forward(reviewer, ce.file(t).ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	if x := must(cs.RequestExtension(agent, c.ID, 30, "需要调取录音", 0)).of(t); x.Status != domain.ExtensionGranted {
		t.Fatalf("30 days: %s, want GRANTED", x.Status)
	}
	for i := 0; i < domain.MaxDeniedExtensions; i++ {
		x := must(cs.RequestExtension(agent, c.ID, 60, "案情复杂，需要高级审批", 0)).of(t)
		if x.Status != domain.ExtensionPending {
			t.Fatalf("request %d to 60 days: %s, want PENDING", i+1, x.Status)
		}
		must(cs.DecideExtension(sup, c.ID, false, "理由不充分", 0)).of(t)
	}
	before := len(must(cs.History(sup, c.ID)).of(t))
	_, err := cs.RequestExtension(agent, c.ID, 60, "再次申请", 0)
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.CodeConflict || e.Field != "days" || e.Reason != "EXTENSION_LIMIT" {
		t.Fatalf("a third request after two denials: %v, want CONFLICT on days, reason EXTENSION_LIMIT", err)
	}
	if after := len(must(cs.History(sup, c.ID)).of(t)); after != before {
		t.Errorf("the refused request wrote %d history entries", after-before)
	}
}
