package app_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestExtensionUnavailableIsTheRequestsRefusal (attack round 33): availableActions, nextExtension
// and requestExtension each wrote the extension checks again, and the portal counted "denied twice"
// itself with the number 2 written again. One rule (extensionRule) now answers all three, and
// Complaint.extensionUnavailable tells the institution the reason requestExtension would refuse
// with — the same reason, the same code.
func TestExtensionUnavailableIsTheRequestsRefusal(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	ce.at("2026-03-02 10:00")
	env, cs := ce.env, ce.env.App.Complaints
	reviewer, sup, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleSupervisor), ce.p.ctx(domain.RoleInstitutionAgent)
	c := must(cs.Forward(reviewer, ce.file(t).ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	const q = `query($id: ID!) { complaint(id: $id) { nextExtension { days } extensionUnavailable { code reason message days } } }`
	offer := func(token string) (next, no map[string]any) {
		t.Helper()
		d := env.MustDo(t, token, q, map[string]any{"id": c.ID})["complaint"].(map[string]any)
		next, _ = d["nextExtension"].(map[string]any)
		no, _ = d["extensionUnavailable"].(map[string]any)
		return next, no
	}
	agentToken := ce.p.tokens[domain.RoleInstitutionAgent]
	// refused checks that the offer names the reason the request is refused with.
	refused := func(step string, days int, reason string, reasonDays any) {
		t.Helper()
		next, no := offer(agentToken)
		if next != nil || no == nil || no["reason"] != reason || fmt.Sprint(no["days"]) != fmt.Sprint(reasonDays) {
			t.Fatalf("%s: nextExtension %v, extensionUnavailable %v; want none, reason %s, days %v", step, next, no, reason, reasonDays)
		}
		_, err := cs.RequestExtension(agent, c.ID, days, "再次申请", 0)
		var e *domain.Error
		if !errors.As(err, &e) || e.Reason != reason || string(e.Code) != no["code"] || e.Message != no["message"] {
			t.Fatalf("%s: requestExtension(%d) = %v, want the offer's refusal %v", step, days, err, no)
		}
	}
	if next, no := offer(agentToken); fmt.Sprint(next) != "map[days:30]" || no != nil {
		t.Fatalf("first: nextExtension %v, extensionUnavailable %v; want 30 days, no reason", next, no)
	}
	// Another role is told nothing of the institution's extensions.
	for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleReviewer, domain.RoleSupervisor} {
		if next, no := offer(ce.p.tokens[role]); next != nil || no != nil {
			t.Errorf("%s reads nextExtension %v, extensionUnavailable %v; want null", role, next, no)
		}
	}
	must(cs.RequestExtension(agent, c.ID, 30, "需要调取录音", 0)).of(t)
	must(cs.RequestExtension(agent, c.ID, 60, "案情复杂", 0)).of(t)
	refused("pending", 60, "EXTENSION_PENDING", nil)
	must(cs.DecideExtension(sup, c.ID, false, "理由不充分", 0)).of(t)
	if next, no := offer(agentToken); fmt.Sprint(next) != "map[days:60]" || no != nil {
		t.Fatalf("one denial: nextExtension %v, extensionUnavailable %v; want 60 days, no reason", next, no)
	}
	must(cs.RequestExtension(agent, c.ID, 60, "案情复杂，补充材料", 0)).of(t)
	must(cs.DecideExtension(sup, c.ID, false, "理由仍不充分", 0)).of(t)
	refused("denied twice", 60, "EXTENSION_LIMIT", domain.MaxDeniedExtensions*30)
}

// TestExtensionAskedAfterTheDueDayIsRefused (attack round 33): the offer left the extension out once
// the answer's due day had passed, but requestExtension took a request for the stage a supervisor
// approves (60 days) as PENDING — a supervisor was asked to approve what the clock could no longer
// take, and the approval then failed. The one rule refuses it: CONFLICT, reason DUE_PASSED.
func TestExtensionAskedAfterTheDueDayIsRefused(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	ce.at("2026-03-02 10:00")
	env, cs := ce.env, ce.env.App.Complaints
	reviewer, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	c := must(cs.Forward(reviewer, ce.file(t).ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	must(cs.RequestExtension(agent, c.ID, 30, "需要调取录音", 0)).of(t)
	ce.at("2026-07-01 10:00") // long past the 30 days
	_, err := cs.RequestExtension(agent, c.ID, 60, "案情复杂", 0)
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.CodeConflict || e.Reason != "DUE_PASSED" {
		t.Fatalf("a 60-day request after the due day: %v, want CONFLICT, reason DUE_PASSED", err)
	}
	d := env.MustDo(t, ce.p.tokens[domain.RoleInstitutionAgent], `query($id: ID!) { complaint(id: $id) { extensionUnavailable { reason } } }`,
		map[string]any{"id": c.ID})["complaint"].(map[string]any)
	if fmt.Sprint(d["extensionUnavailable"]) != "map[reason:DUE_PASSED]" {
		t.Errorf("extensionUnavailable = %v, want DUE_PASSED", d["extensionUnavailable"])
	}
}

// TestForwardedPageReadsExtensionRequestsOnce (attack round 33): an institution's page of forwarded
// complaints asking for availableActions and nextExtension read each complaint's extension requests
// in a statement of its own once its clock had been extended (the next stage needs a supervisor,
// whose denials count): one statement per row. The page's requests are now read in one.
func TestForwardedPageReadsExtensionRequestsOnce(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	ce.at("2026-03-02 10:00")
	env, cs := ce.env, ce.env.App.Complaints
	reviewer, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	extended := func(n int) {
		for range n {
			c := must(cs.Forward(reviewer, ce.file(t).ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
			must(cs.RequestExtension(agent, c.ID, 30, "需要调取录音", 0)).of(t)
		}
	}
	const q = `{ complaints(first: 50) { edges { node { id availableActions nextExtension { days } } } } }`
	statements := pgtest.Statements(t, env.App.DB)
	page := func() (rows int, n int64) {
		before := statements.Load()
		d := env.MustDo(t, ce.p.tokens[domain.RoleInstitutionAgent], q, nil)
		n = statements.Load() - before
		for _, e := range d["complaints"].(map[string]any)["edges"].([]any) {
			node := e.(map[string]any)["node"].(map[string]any)
			if fmt.Sprint(node["nextExtension"]) != "map[days:60]" {
				t.Fatalf("row %v: want the 60-day stage offered", node)
			}
			rows++
		}
		return rows, n
	}
	extended(2)
	rows2, two := page()
	extended(8)
	rows10, ten := page()
	t.Logf("%d rows: %d statements; %d rows: %d statements", rows2, two, rows10, ten)
	if rows2 != 2 || rows10 != 10 {
		t.Fatalf("pages of %d and %d rows, want 2 and 10", rows2, rows10)
	}
	if ten > two {
		t.Errorf("a page of 10 extended complaints runs %d statements, of 2 %d: want no more", ten, two)
	}
}

// TestInboxPageReadsExtensionsOnce (attack round 33): the institution's inbox asks each forwarded
// complaint for its extensions; each row read the complaint again and its requests, and a row with
// a request awaiting a supervisor its clocks too — two or three statements a row. The page's
// requests, and the clocks of those pending, are now read in one statement each.
func TestInboxPageReadsExtensionsOnce(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	ce.at("2026-03-02 10:00")
	env, cs := ce.env, ce.env.App.Complaints
	reviewer, agent := ce.p.ctx(domain.RoleReviewer), ce.p.ctx(domain.RoleInstitutionAgent)
	add := func(n int) {
		for i := range n {
			c := must(cs.Forward(reviewer, ce.file(t).ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
			must(cs.RequestExtension(agent, c.ID, 30, "需要调取录音", 0)).of(t)
			if i%2 == 0 {
				must(cs.RequestExtension(agent, c.ID, 60, "案情复杂", 0)).of(t)
			}
		}
	}
	const q = `{ complaints(first: 50, orderBy: DUE_DATE) { edges { node { id status extensions { status days untilDate } deadlines { kind state dueAt } } } } }`
	statements := pgtest.Statements(t, env.App.DB)
	page := func() (rows, pending int, n int64) {
		before := statements.Load()
		d := env.MustDo(t, ce.p.tokens[domain.RoleInstitutionAgent], q, nil)
		n = statements.Load() - before
		for _, e := range d["complaints"].(map[string]any)["edges"].([]any) {
			rows++
			for _, x := range e.(map[string]any)["node"].(map[string]any)["extensions"].([]any) {
				if x := x.(map[string]any); x["status"] == "PENDING" {
					pending++
					if x["untilDate"] == nil {
						t.Errorf("a pending request without its untilDate: %v", x)
					}
				}
			}
		}
		return rows, pending, n
	}
	add(2)
	rows2, pending2, two := page()
	add(8)
	rows10, pending10, ten := page()
	t.Logf("%d rows (%d pending): %d statements; %d rows (%d pending): %d statements", rows2, pending2, two, rows10, pending10, ten)
	if rows2 != 2 || rows10 != 10 || pending2 != 1 || pending10 != 5 {
		t.Fatalf("pages of %d (%d pending) and %d (%d pending) rows, want 2 (1) and 10 (5)", rows2, pending2, rows10, pending10)
	}
	if ten > two {
		t.Errorf("an inbox page of 10 complaints runs %d statements, of 2 %d: want no more", ten, two)
	}
}
