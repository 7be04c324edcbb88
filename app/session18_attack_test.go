package app_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 18's attack: a password-reset link asked for before the owner changed their password on
// the account page still set the password afterwards. Someone who caught the link (a shared
// mailbox, a forwarded e-mail) kept the account within the link's hour whatever its owner did to
// secure it; resetting by a link and disabling the account already used such links up.
func TestPasswordChangeUsesUpResetLinks(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	const email = "reviewer@redline.demo"
	env.MustDo(t, "", `mutation($e: String!) { requestPasswordReset(email: $e) { checkEmail } }`, map[string]any{"e": email})
	link := apptest.ResetToken(t, env.App, email)
	tok := env.Login(t, email, app.DemoPassword)
	env.MustDo(t, tok, `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
		map[string]any{"c": app.DemoPassword, "n": "owner-secured-2026"})
	const reset = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`
	r := env.Do(t, "", reset, map[string]any{"t": link, "p": "taken-over-2026"})
	if r.Code() != "BAD_USER_INPUT" || r.Field() != "token" || r.Errors[0].Extensions["reason"] != "USED" {
		t.Fatalf("a link from before the password change: %s on %q %v, want BAD_USER_INPUT on token, USED", r.Code(), r.Field(), r.Errors)
	}
	env.Login(t, email, "owner-secured-2026") // the owner's password stands
	// A link asked for after the change works.
	env.MustDo(t, "", `mutation($e: String!) { requestPasswordReset(email: $e) { checkEmail } }`, map[string]any{"e": email})
	env.MustDo(t, "", reset, map[string]any{"t": apptest.ResetToken(t, env.App, email), "p": "a-new-password-2026"})
	env.Login(t, email, "a-new-password-2026")

	// A change and the link at once: one of them sets the password, the other is refused with a
	// reason (never INTERNAL, never a deadlock between the two transactions).
	password := "a-new-password-2026"
	for round := range 4 {
		env.MustDo(t, "", `mutation($e: String!) { requestPasswordReset(email: $e) { checkEmail } }`, map[string]any{"e": email})
		link := apptest.ResetToken(t, env.App, email)
		tok := env.Login(t, email, password)
		changed, byLink := fmt.Sprintf("changed-%d-2026", round), fmt.Sprintf("by-link-%d-2026", round)
		var change, viaLink *apptest.Response
		var wg sync.WaitGroup
		wg.Go(func() {
			change = env.Do(t, tok, `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
				map[string]any{"c": password, "n": changed})
		})
		wg.Go(func() { viaLink = env.Do(t, "", reset, map[string]any{"t": link, "p": byLink}) })
		wg.Wait()
		switch {
		case len(change.Errors) == 0 && len(viaLink.Errors) != 0 && viaLink.Code() == "BAD_USER_INPUT":
			password = changed
		case len(viaLink.Errors) == 0 && len(change.Errors) != 0 && change.Code() != "INTERNAL":
			password = byLink
		default:
			t.Fatalf("round %d: change %v, link %v; want one to succeed and the other refused with a reason", round, change.Errors, viaLink.Errors)
		}
		env.Login(t, email, password)
	}
}

// Session 18's attack: notices went by the columns an account was created with (users.role, teams,
// institution_id), not by what the account may do now. An institution agent its admin had disabled
// (someone who left the collection agency) was still told, in the portal and by e-mail, of every
// complaint forwarded to the institution; a supervisor whose binding to the team was revoked still
// got the team's extension requests, and one granted the team later got none. Notices now follow
// the role bindings of accounts that are not disabled, as access does (Access.ActorFor).
func TestNoticesFollowDisablingAndRoleBindings(t *testing.T) {
	ce := newClockEnv(t, time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	agent, instAdmin := p.actors[domain.RoleInstitutionAgent], p.actors[domain.RoleInstitutionAdmin]
	supervisor := p.actors[domain.RoleSupervisor]
	admin := p.ctx(domain.RoleAdmin)

	env.MustDo(t, p.tokens[domain.RoleInstitutionAdmin], `mutation($id: ID!) { disableInstitutionUser(id: $id) { active } }`,
		map[string]any{"id": fmt.Sprint(agent.UserID)})
	c := ce.file(t)
	if !slices.Contains(supervisor.Teams, c.Team) {
		t.Fatalf("the demo supervisor (teams %v) is not of the complaint's team %q", supervisor.Teams, c.Team)
	}
	// The supervisor's binding to the team is revoked; an analyst is granted it.
	if err := env.App.Access.Revoke(admin, supervisor.UserID, domain.RoleSupervisor, "team:"+c.Team, "moved to another team"); err != nil {
		t.Fatal(err)
	}
	u, err := env.App.Accounts.CreateSeedUser(admin, domain.NewUser{Email: "attack18-new-supervisor@redline.demo", Password: app.DemoPassword,
		DisplayName: "钱主管", Role: domain.RoleAnalyst})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Access.Grant(admin, u.ID, domain.RoleSupervisor, "team:"+c.Team, "joins the team"); err != nil {
		t.Fatal(err)
	}

	c = must(cs.Forward(p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	lender := p.ctx(domain.RoleInstitutionAdmin)
	must(cs.RequestExtension(lender, c.ID, 30, "需要调取录音", 0)).of(t)
	must(cs.RequestExtension(lender, c.ID, 60, "需外部鉴定", 0)).of(t)
	for _, action := range []domain.Action{domain.ActionForward, domain.ActionRequestExtension} {
		for _, m := range outboxActions(t, env, c.ID, action) {
			dispatchOutbox(t, env, m["id"].(string))
		}
	}

	forwarded := string(domain.ActionForward)
	if got := notificationsOf(t, env, agent.UserID, forwarded); len(got) != 0 {
		t.Errorf("the disabled agent got %v notices of the forwarded complaint, want none", got)
	}
	if got := notificationsOf(t, env, instAdmin.UserID, forwarded); got[domain.NotifyInApp] != 1 {
		t.Errorf("the institution's admin got %v notices of the forwarded complaint, want 1 in-app", got)
	}
	requested := string(domain.ActionRequestExtension)
	if got := notificationsOf(t, env, supervisor.UserID, requested); len(got) != 0 {
		t.Errorf("the supervisor revoked from the team got %v extension-request notices, want none", got)
	}
	if got := notificationsOf(t, env, u.ID, requested); got[domain.NotifyInApp] == 0 {
		t.Errorf("the supervisor granted the team got %v extension-request notices, want in-app ones", got)
	}
}
