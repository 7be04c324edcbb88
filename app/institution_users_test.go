package app_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// mailbox keeps the e-mails the platform sends instead of sending them.
type mailbox struct {
	mu   sync.Mutex
	sent []struct {
		to string
		n  domain.Notification
	}
}

func (m *mailbox) SendMail(_ context.Context, to string, n *domain.Notification) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, struct {
		to string
		n  domain.Notification
	}{to, *n})
	return nil
}

var inviteLink = regexp.MustCompile(`/#/invite/([A-Za-z0-9_-]+)`)

// token returns the invitation token of the last e-mail to address.
func (m *mailbox) token(t *testing.T, to string) string {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.sent) - 1; i >= 0; i-- {
		if m.sent[i].to == to {
			if sm := inviteLink.FindStringSubmatch(m.sent[i].n.BodyZH); sm != nil && strings.Contains(m.sent[i].n.BodyEN, sm[0]) {
				return sm[1]
			}
			t.Fatalf("the invitation to %s carries no link: %+v", to, m.sent[i].n)
		}
	}
	t.Fatalf("no e-mail to %s", to)
	return ""
}

// TestInstitutionAdminManagesItsUsers: an institution's admin sees the agents and admins of their
// own institution only (e-mail masked), invites a new agent who sets a password from the e-mailed
// link, and disables and enables them; a disabled user's session ends at once. Another institution's
// admin can neither see nor touch them, and every change is in the admin audit log.
func TestInstitutionAdminManagesItsUsers(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	mails := &mailbox{}
	env.App.InstitutionUsers.Mailer = mails
	ctx := context.Background()
	other, err := env.App.Accounts.CreateSeedUser(ctx, domain.NewUser{Email: "other-admin@bank2.example.cn", Password: "correct-horse-42",
		DisplayName: "另一家机构管理员", Role: domain.RoleInstitutionAdmin, InstitutionID: p.otherID})
	if err != nil {
		t.Fatal(err)
	}
	admin := p.tokens[domain.RoleInstitutionAdmin]
	otherAdmin := env.Login(t, "other-admin@bank2.example.cn", "correct-horse-42")
	const list = `{ institutionUsers { id name email role active invited lastSignInAt } }`
	users := func(tok string) map[string]map[string]any {
		t.Helper()
		out := map[string]map[string]any{}
		for _, u := range env.MustDo(t, tok, list, nil)["institutionUsers"].([]any) {
			m := u.(map[string]any)
			out[m["id"].(string)] = m
		}
		return out
	}
	id := func(r domain.Role) string { return strconv.FormatInt(p.actors[r].UserID, 10) }
	otherID := strconv.FormatInt(other.ID, 10)

	t.Run("ListOwnInstitutionOnly", func(t *testing.T) {
		us := users(admin)
		ag, ad := us[id(domain.RoleInstitutionAgent)], us[id(domain.RoleInstitutionAdmin)]
		if ag == nil || ad == nil || len(us) != 2 {
			t.Fatalf("institutionUsers = %v, want the demo agent and admin", us)
		}
		if ag["email"] != "a***@redline.demo" || ag["role"] != "institution_agent" || ag["active"] != true || ag["lastSignInAt"] == nil {
			t.Errorf("agent = %v, want masked a***@redline.demo, institution_agent, active, signed in", ag)
		}
		if ad["role"] != "institution_admin" {
			t.Errorf("admin = %v", ad)
		}
		if o := users(otherAdmin); len(o) != 1 || o[otherID] == nil {
			t.Errorf("the other institution's admin sees %v, want only themselves", o)
		}
		for _, r := range []domain.Role{domain.RoleInstitutionAgent, domain.RoleComplainant, domain.RoleReviewer, domain.RoleAnalyst, domain.RoleAdmin} {
			if c := env.Do(t, p.tokens[r], list, nil).Code(); c != "FORBIDDEN" {
				t.Errorf("%s: institutionUsers: %q, want FORBIDDEN", r, c)
			}
		}
		if c := env.Do(t, "", list, nil).Code(); c != "UNAUTHENTICATED" {
			t.Errorf("anonymous: %q", c)
		}
	})

	const invite = `mutation($e:String!,$n:String!,$r:Role!){ inviteInstitutionUser(input:{email:$e, name:$n, role:$r}){ email expiresAt } }`
	// newMember returns the one user of the admin's institution that is not in before.
	newMember := func(t *testing.T, before map[string]map[string]any) map[string]any {
		t.Helper()
		var added []map[string]any
		for k, u := range users(admin) {
			if before[k] == nil {
				added = append(added, u)
			}
		}
		if len(added) != 1 {
			t.Fatalf("%d new users in the institution, want 1", len(added))
		}
		return added[0]
	}
	const email = "li.si@bank.example.cn"
	var newID, newTok, newRefresh string
	t.Run("InviteAndSetPassword", func(t *testing.T) {
		for _, c := range []struct {
			vars  map[string]any
			field string
		}{
			{map[string]any{"e": "not-an-address", "n": "李四", "r": "institution_agent"}, "input.email"},
			{map[string]any{"e": "x@bank.example.cn", "n": " ", "r": "institution_agent"}, "input.name"},
			{map[string]any{"e": "x@bank.example.cn", "n": "李四", "r": "admin"}, "input.role"},
		} {
			if r := env.Do(t, admin, invite, c.vars); r.Code() != "BAD_USER_INPUT" || r.Field() != c.field || r.Errors[0].Extensions["messageZh"] == nil {
				t.Errorf("invite %v: %q on %q, want BAD_USER_INPUT on %s with Chinese text", c.vars, r.Code(), r.Field(), c.field)
			}
		}
		if c := env.Do(t, p.tokens[domain.RoleInstitutionAgent], invite, map[string]any{"e": "y@bank.example.cn", "n": "王五", "r": "institution_agent"}).Code(); c != "FORBIDDEN" {
			t.Errorf("an agent invites: %q, want FORBIDDEN", c)
		}
		before := users(admin)
		if sent := env.MustDo(t, admin, invite, map[string]any{"e": email, "n": "李四", "r": "institution_agent"})["inviteInstitutionUser"].(map[string]any); sent["email"] != "l***@bank.example.cn" {
			t.Errorf("invitation sent = %v", sent)
		}
		u := newMember(t, before)
		newID = u["id"].(string)
		if u["email"] != "l***@bank.example.cn" || u["invited"] != true || u["active"] != true || u["lastSignInAt"] != nil {
			t.Errorf("invited = %v", u)
		}
		tok := mails.token(t, email)
		if r := env.Do(t, "", `mutation($e:String!){ login(email:$e, password:"correct-horse-42"){ token } }`, map[string]any{"e": email}); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("sign-in before the invitation is taken up: %q", r.Code())
		}
		const accept = `mutation($t:String!,$p:String!){ acceptInvitation(token:$t, password:$p) }`
		if r := env.Do(t, "", accept, map[string]any{"t": tok, "p": "short"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "password" {
			t.Errorf("weak password: %q on %q", r.Code(), r.Field())
		}
		env.MustDo(t, "", accept, map[string]any{"t": tok, "p": "correct-horse-42"})
		if r := env.Do(t, "", accept, map[string]any{"t": tok, "p": "another-horse-43"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
			t.Errorf("the link used twice: %q on %q, want BAD_USER_INPUT on token", r.Code(), r.Field())
		}
		d := env.MustDo(t, "", `mutation($e:String!){ login(email:$e, password:"correct-horse-42"){ token refreshToken user { role institutionId } } }`, map[string]any{"e": email})["login"].(map[string]any)
		newTok, newRefresh = d["token"].(string), d["refreshToken"].(string)
		if who := d["user"].(map[string]any); who["role"] != "institution_agent" || who["institutionId"] != strconv.FormatInt(p.lenderID, 10) {
			t.Errorf("the invited user signs in as %v, want an agent of the admin's institution", who)
		}
		if m := users(admin)[newID]; m["invited"] != false || m["lastSignInAt"] == nil {
			t.Errorf("after signing in: %v", m)
		}
	})

	const disable = `mutation($id:ID!){ disableInstitutionUser(id:$id){ id active } }`
	const enable = `mutation($id:ID!){ enableInstitutionUser(id:$id){ id active } }`
	t.Run("TenancyAndSelf", func(t *testing.T) {
		for _, q := range []string{disable, enable} {
			if r := env.Do(t, otherAdmin, q, map[string]any{"id": newID}); r.Code() != "NOT_FOUND" {
				t.Errorf("another institution's admin on our agent: %q, want NOT_FOUND", r.Code())
			}
			if r := env.Do(t, admin, q, map[string]any{"id": otherID}); r.Code() != "NOT_FOUND" {
				t.Errorf("our admin on another institution's admin: %q, want NOT_FOUND", r.Code())
			}
			if r := env.Do(t, admin, q, map[string]any{"id": id(domain.RoleComplainant)}); r.Code() != "NOT_FOUND" {
				t.Errorf("our admin on a complainant: %q, want NOT_FOUND", r.Code())
			}
			if r := env.Do(t, p.tokens[domain.RoleInstitutionAgent], q, map[string]any{"id": newID}); r.Code() != "FORBIDDEN" {
				t.Errorf("an agent: %q, want FORBIDDEN", r.Code())
			}
		}
		if r := env.Do(t, admin, disable, map[string]any{"id": id(domain.RoleInstitutionAdmin)}); r.Code() != "BAD_USER_INPUT" || r.Field() != "id" {
			t.Errorf("disable yourself: %q on %q, want BAD_USER_INPUT on id", r.Code(), r.Field())
		}
		env.MustDo(t, newTok, `{ me { id } }`, nil) // untouched by the refusals
	})

	t.Run("DisableEndsSessionsAtOnce", func(t *testing.T) {
		const inbox = `{ complaints(first:1){ totalCount } }`
		env.MustDo(t, newTok, inbox, nil)
		if u := env.MustDo(t, admin, disable, map[string]any{"id": newID})["disableInstitutionUser"].(map[string]any); u["active"] != false {
			t.Errorf("disabled = %v", u)
		}
		if r := env.Do(t, newTok, inbox, nil); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("the disabled user's access token still works: %q, want UNAUTHENTICATED", r.Code())
		}
		if r := env.Do(t, "", `mutation($r:String!){ refreshSession(refreshToken:$r){ token } }`, map[string]any{"r": newRefresh}); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("the disabled user's refresh token: %q, want UNAUTHENTICATED", r.Code())
		}
		r := env.Do(t, "", `mutation($e:String!){ login(email:$e, password:"correct-horse-42"){ token } }`, map[string]any{"e": email})
		if r.Code() != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "disabled") || r.Errors[0].Extensions["messageZh"] != "该账户已停用，请联系本机构管理员" {
			t.Errorf("a disabled user signs in: %+v", r.Errors)
		}
		if u := env.MustDo(t, admin, enable, map[string]any{"id": newID})["enableInstitutionUser"].(map[string]any); u["active"] != true {
			t.Errorf("enabled = %v", u)
		}
		env.MustDo(t, env.Login(t, email, "correct-horse-42"), inbox, nil)
		// Enabling does not bring the ended sessions back.
		if r := env.Do(t, newTok, inbox, nil); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("a session ended by disabling works again after enabling: %q", r.Code())
		}
	})

	t.Run("AdminAuditLog", func(t *testing.T) {
		d := env.MustDo(t, p.tokens[domain.RoleAdmin], `{ adminAuditLog(first:20, action:"institution.user."){ edges { node { actorId actorRole action target details } } } }`, nil)
		var got []string
		for _, e := range d["adminAuditLog"].(map[string]any)["edges"].([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			if n["actorId"] != id(domain.RoleInstitutionAdmin) || n["actorRole"] != "institution_admin" || n["target"] != "user:"+newID {
				t.Errorf("audit entry %v", n)
			}
			if d := n["details"].(string); strings.Contains(d, "li.si") || strings.Contains(d, "李四") || !strings.Contains(d, `"institution":`+strconv.FormatInt(p.lenderID, 10)) {
				t.Errorf("audit details %s: want the institution and no personal data", d)
			}
			got = append(got, n["action"].(string))
		}
		if strings.Join(got, ",") != "institution.user.enable,institution.user.disable,institution.user.invite" {
			t.Errorf("audit log = %v, want invite, disable, enable (newest first) and nothing for refusals", got)
		}
	})

	// Inviting an address that already has an account answers exactly as for a new one, creates
	// nothing, and tells the account's owner by e-mail.
	t.Run("InviteDoesNotRevealAccounts", func(t *testing.T) {
		countUsers := func() (n int64) {
			if err := env.App.DB.Gorm.Table("users").Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}
		before, n := users(admin), countUsers()
		taken := env.Do(t, admin, invite, map[string]any{"e": "complainant@redline.demo", "n": "王五", "r": "institution_agent"})
		if countUsers() != n || len(users(admin)) != len(before) {
			t.Fatal("inviting a taken address created an account")
		}
		fresh := env.Do(t, admin, invite, map[string]any{"e": "chen@redline.demo", "n": "王五", "r": "institution_agent"})
		newMember(t, before)
		if len(taken.Errors) != 0 || len(fresh.Errors) != 0 {
			t.Fatalf("errors: taken %+v, new %+v", taken.Errors, fresh.Errors)
		}
		a, b := taken.Data["inviteInstitutionUser"].(map[string]any), fresh.Data["inviteInstitutionUser"].(map[string]any)
		if a["email"] != "c***@redline.demo" || a["email"] != b["email"] || len(a) != len(b) || taken.Status != fresh.Status {
			t.Errorf("answers differ: taken %v (%d), new %v (%d)", a, taken.Status, b, fresh.Status)
		}
		ta, _ := time.Parse(time.RFC3339, a["expiresAt"].(string))
		tb, _ := time.Parse(time.RFC3339, b["expiresAt"].(string))
		if d := tb.Sub(ta); ta.IsZero() || d < 0 || d > time.Minute {
			t.Errorf("expiresAt: taken %v, new %v", a["expiresAt"], b["expiresAt"])
		}
		mails.mu.Lock()
		var notice *domain.Notification
		for i := range mails.sent {
			if mails.sent[i].to == "complainant@redline.demo" {
				notice = &mails.sent[i].n
			}
		}
		mails.mu.Unlock()
		if notice == nil || notice.Kind != "ACCOUNT_INVITATION_ADDRESS_TAKEN" || inviteLink.MatchString(notice.BodyZH+notice.BodyEN) {
			t.Errorf("the owner of the taken address was told %+v, want a notice without an invitation link", notice)
		}
		// The regulator's administrators see the attempt in the admin audit log.
		d := env.MustDo(t, p.tokens[domain.RoleAdmin], `{ adminAuditLog(first:5, action:"institution.user.invite.taken"){ edges { node { actorId target details } } } }`, nil)
		edges := d["adminAuditLog"].(map[string]any)["edges"].([]any)
		if len(edges) != 1 || edges[0].(map[string]any)["node"].(map[string]any)["target"] != "user:"+id(domain.RoleComplainant) ||
			strings.Contains(edges[0].(map[string]any)["node"].(map[string]any)["details"].(string), "complainant@") {
			t.Errorf("audit of the taken address: %v, want one entry naming the account, without the address", edges)
		}
		// The complainant's account is untouched: same role, same password.
		if r := env.Do(t, "", `mutation{ login(email:"complainant@redline.demo", password:"`+app.DemoPassword+`"){ user { role institutionId } } }`, nil); len(r.Errors) != 0 ||
			r.Data["login"].(map[string]any)["user"].(map[string]any)["role"] != "complainant" {
			t.Errorf("the taken account after the invitation: %+v %v", r.Errors, r.Data)
		}
	})

	// The admin sends a pending invitation again: a new link, and the old one stops working.
	t.Run("ResendInvitation", func(t *testing.T) {
		const resend = `mutation($id:ID!){ resendInstitutionInvitation(id:$id){ id invited active } }`
		const to = "zhao@bank.example.cn"
		before := users(admin)
		env.MustDo(t, admin, invite, map[string]any{"e": to, "n": "赵六", "r": "institution_agent"})
		uid := newMember(t, before)["id"].(string)
		old := mails.token(t, to)
		if u := env.MustDo(t, admin, resend, map[string]any{"id": uid})["resendInstitutionInvitation"].(map[string]any); u["invited"] != true || u["active"] != true {
			t.Errorf("after resending: %v", u)
		}
		tok := mails.token(t, to)
		if tok == old {
			t.Fatal("the resent invitation carries the old link")
		}
		const accept = `mutation($t:String!,$p:String!){ acceptInvitation(token:$t, password:$p) }`
		if r := env.Do(t, "", accept, map[string]any{"t": old, "p": "correct-horse-42"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
			t.Errorf("the replaced link: %q on %q, want BAD_USER_INPUT on token", r.Code(), r.Field())
		}
		if r := env.Do(t, otherAdmin, resend, map[string]any{"id": uid}); r.Code() != "NOT_FOUND" {
			t.Errorf("another institution's admin resends: %q, want NOT_FOUND", r.Code())
		}
		if r := env.Do(t, p.tokens[domain.RoleInstitutionAgent], resend, map[string]any{"id": uid}); r.Code() != "FORBIDDEN" {
			t.Errorf("an agent resends: %q, want FORBIDDEN", r.Code())
		}
		env.MustDo(t, "", accept, map[string]any{"t": tok, "p": "correct-horse-42"})
		if r := env.Do(t, admin, resend, map[string]any{"id": newID}); r.Code() != "BAD_USER_INPUT" || r.Field() != "id" {
			t.Errorf("resend to a user who set a password: %q on %q, want BAD_USER_INPUT on id", r.Code(), r.Field())
		}
		env.MustDo(t, env.Login(t, to, "correct-horse-42"), `{ me { id } }`, nil)
	})
}
