package app_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
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
	const list = `{ institutionUsers { id name email role active invited lastSignInAt createdAt expiresAt } }`
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
	const accept = `mutation($t:String!,$p:String!){ acceptInvitation(token:$t, password:$p) }`
	// countUsers counts the accounts with an e-mail address.
	countUsers := func(email string) (n int64) {
		if err := env.App.DB.Gorm.Table("users").Where("email = ?", email).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	var invID, newID, newTok, newRefresh string
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
		invID = u["id"].(string)
		if !strings.HasPrefix(invID, "invitation:") || u["email"] != "l***@bank.example.cn" || u["invited"] != true || u["active"] != true ||
			u["lastSignInAt"] != nil || u["expiresAt"] == nil {
			t.Errorf("invited = %v, want a pending invitation with its expiry", u)
		}
		if n := countUsers(email); n != 0 {
			t.Fatalf("inviting created %d accounts; the account is created when the invitation is accepted", n)
		}
		tok := mails.token(t, email)
		if r := env.Do(t, "", `mutation($e:String!){ login(email:$e, password:"correct-horse-42"){ token } }`, map[string]any{"e": email}); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("sign-in before the invitation is taken up: %q", r.Code())
		}
		if r := env.Do(t, "", accept, map[string]any{"t": tok, "p": "short"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "password" {
			t.Errorf("weak password: %q on %q", r.Code(), r.Field())
		}
		before = users(admin)
		env.MustDo(t, "", accept, map[string]any{"t": tok, "p": "correct-horse-42"})
		if n := countUsers(email); n != 1 {
			t.Fatalf("accepting created %d accounts, want 1", n)
		}
		if r := env.Do(t, "", accept, map[string]any{"t": tok, "p": "another-horse-43"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
			t.Errorf("the link used twice: %q on %q, want BAD_USER_INPUT on token", r.Code(), r.Field())
		}
		d := env.MustDo(t, "", `mutation($e:String!){ login(email:$e, password:"correct-horse-42"){ token refreshToken user { id role institutionId } } }`, map[string]any{"e": email})["login"].(map[string]any)
		newTok, newRefresh = d["token"].(string), d["refreshToken"].(string)
		who := d["user"].(map[string]any)
		if who["role"] != "institution_agent" || who["institutionId"] != strconv.FormatInt(p.lenderID, 10) {
			t.Errorf("the invited user signs in as %v, want an agent of the admin's institution", who)
		}
		newID = who["id"].(string)
		after := users(admin)
		if after[invID] != nil {
			t.Errorf("the accepted invitation is still pending: %v", after[invID])
		}
		if m := after[newID]; m == nil || m["invited"] != false || m["lastSignInAt"] == nil || m["name"] != "李四" || m["expiresAt"] != nil || len(after) != len(before) {
			t.Errorf("after signing in: %v (list %d, was %d)", m, len(after), len(before))
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
			target := "user:" + newID
			if n["action"] == "institution.user.invite" {
				target = invID
			}
			if n["actorId"] != id(domain.RoleInstitutionAdmin) || n["actorRole"] != "institution_admin" || n["target"] != target {
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

	// sameShape fails unless a and b have the same fields with the same values, but for the fields
	// in vary: those must both be set, and times less than a minute apart.
	sameShape := func(t *testing.T, what string, a, b map[string]any, vary ...string) {
		t.Helper()
		if len(a) != len(b) {
			t.Errorf("%s: fields differ: %v and %v", what, a, b)
		}
		for k, va := range a {
			vb, ok := b[k]
			switch {
			case !ok:
				t.Errorf("%s: %s only on one side", what, k)
			case slices.Contains(vary, k):
				ta, ea := time.Parse(time.RFC3339, fmt.Sprint(va))
				tb, eb := time.Parse(time.RFC3339, fmt.Sprint(vb))
				if va == nil || vb == nil || (ea == nil) != (eb == nil) || (ea == nil && (tb.Sub(ta) > time.Minute || ta.Sub(tb) > time.Minute)) {
					t.Errorf("%s: %s = %v and %v", what, k, va, vb)
				}
			case va != vb:
				t.Errorf("%s: %s = %v and %v, want the same", what, k, va, vb)
			}
		}
	}
	added := func(t *testing.T, before, after map[string]map[string]any) map[string]any {
		t.Helper()
		var out []map[string]any
		for k, u := range after {
			if before[k] == nil {
				out = append(out, u)
			}
		}
		if len(out) != 1 || len(after) != len(before)+1 {
			t.Fatalf("%d rows added to the institution's users, want 1", len(out))
		}
		return out[0]
	}
	lastMail := func(to string) *domain.Notification {
		mails.mu.Lock()
		defer mails.mu.Unlock()
		for i := len(mails.sent) - 1; i >= 0; i-- {
			if mails.sent[i].to == to {
				return &mails.sent[i].n
			}
		}
		return nil
	}
	allUsers := func(t *testing.T) (n int64) {
		t.Helper()
		if err := env.App.DB.Gorm.Table("users").Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Inviting an address that already has an account (a borrower who complained about this very
	// lender, say) is answered and listed exactly like a new address: the same answer, the same
	// pending row (only the masked address may differ), no account for either until a link is used.
	// The taken address gets a note without a link, and its invitation cannot be accepted into an
	// account, even with its token; it stays pending like an unanswered one.
	t.Run("InviteDoesNotRevealAccounts", func(t *testing.T) {
		const takenAddr, freshAddr = "complainant@redline.demo", "chen@redline.demo"
		n, before := allUsers(t), users(admin)
		taken := env.Do(t, admin, invite, map[string]any{"e": takenAddr, "n": "王五", "r": "institution_agent"})
		mid := users(admin)
		fresh := env.Do(t, admin, invite, map[string]any{"e": freshAddr, "n": "王五", "r": "institution_agent"})
		after := users(admin)
		if len(taken.Errors) != 0 || len(fresh.Errors) != 0 || taken.Status != fresh.Status {
			t.Fatalf("taken: %d %+v, new: %d %+v", taken.Status, taken.Errors, fresh.Status, fresh.Errors)
		}
		a, b := taken.Data["inviteInstitutionUser"].(map[string]any), fresh.Data["inviteInstitutionUser"].(map[string]any)
		if a["email"] != "c***@redline.demo" {
			t.Errorf("answer for the taken address: %v", a)
		}
		sameShape(t, "answers", a, b, "expiresAt")
		rt, rf := added(t, before, mid), added(t, mid, after)
		sameShape(t, "rows", rt, rf, "id", "createdAt", "expiresAt")
		if !strings.HasPrefix(rt["id"].(string), "invitation:") || rt["invited"] != true || rt["active"] != true || rt["lastSignInAt"] != nil {
			t.Errorf("the taken address's row: %v, want a pending invitation", rt)
		}
		if m := allUsers(t); m != n {
			t.Fatalf("inviting created %d accounts", m-n)
		}
		// The e-mails: the new address gets the link, the taken one a note without a link.
		freshTok := mails.token(t, freshAddr)
		if notice := lastMail(takenAddr); notice == nil || notice.Kind != "ACCOUNT_INVITATION_ADDRESS_TAKEN" || inviteLink.MatchString(notice.BodyZH+notice.BodyEN) ||
			!strings.Contains(notice.BodyZH, "已有账户") || !strings.Contains(notice.BodyEN, "already has an account") {
			t.Errorf("the owner of the taken address was told %+v, want a note that it has an account, without a link", notice)
		}
		// The regulator's administrators see the attempt; the institution's admin sees two invitations.
		d := env.MustDo(t, p.tokens[domain.RoleAdmin], `{ adminAuditLog(first:5, action:"institution.user."){ edges { node { action target details } } } }`, nil)
		var got []string
		for _, e := range d["adminAuditLog"].(map[string]any)["edges"].([]any)[:3] {
			nd := e.(map[string]any)["node"].(map[string]any)
			got = append(got, nd["action"].(string)+" "+nd["target"].(string))
			if strings.Contains(nd["details"].(string), "@") || strings.Contains(nd["details"].(string), "王五") {
				t.Errorf("audit details %s carry personal data", nd["details"])
			}
		}
		if want := []string{"institution.user.invite " + rf["id"].(string), "institution.user.invite.taken user:" + id(domain.RoleComplainant),
			"institution.user.invite " + rt["id"].(string)}; !slices.Equal(got, want) {
			t.Errorf("audit log = %v, want %v", got, want)
		}
		// Even with its token (here written into the row, as if it had leaked), the taken address's
		// invitation opens no account and changes nothing of the existing one.
		takenID, _ := strings.CutPrefix(rt["id"].(string), "invitation:")
		if err := env.App.DB.Gorm.Exec(`UPDATE institution_invitations SET token_hash = sha256(convert_to(?, 'UTF8')) WHERE id = ?`,
			"leaked-token-of-a-taken-address", takenID).Error; err != nil {
			t.Fatal(err)
		}
		if r := env.Do(t, "", accept, map[string]any{"t": "leaked-token-of-a-taken-address", "p": "correct-horse-42"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
			t.Errorf("accepting the taken address's invitation: %q on %q, want BAD_USER_INPUT on token", r.Code(), r.Field())
		}
		if r := env.Do(t, "", `mutation{ login(email:"complainant@redline.demo", password:"`+app.DemoPassword+`"){ user { role institutionId } } }`, nil); len(r.Errors) != 0 ||
			r.Data["login"].(map[string]any)["user"].(map[string]any)["role"] != "complainant" || r.Data["login"].(map[string]any)["user"].(map[string]any)["institutionId"] != nil {
			t.Errorf("the taken account after the invitation: %+v %v", r.Errors, r.Data)
		}
		if countUsers(takenAddr) != 1 || users(admin)[rt["id"].(string)] == nil {
			t.Error("the taken address's invitation should stay pending, and its account alone")
		}
		// The new address's link opens the account.
		env.MustDo(t, "", accept, map[string]any{"t": freshTok, "p": "correct-horse-42"})
		if countUsers(freshAddr) != 1 || users(admin)[rf["id"].(string)] != nil {
			t.Error("accepting the new address's invitation: want one account and the invitation gone from the pending rows")
		}
		env.MustDo(t, env.Login(t, freshAddr, "correct-horse-42"), `{ me { id } }`, nil)
		if o := users(otherAdmin); len(o) != 1 {
			t.Errorf("another institution's admin sees %v", o)
		}
	})

	const resend = `mutation($id:ID!){ resendInstitutionInvitation(id:$id){ id invited active expiresAt } }`
	// An invitation expires; the admin sends it again: a new link valid 7 days from now, and the old
	// one stops working.
	t.Run("ExpiryAndResend", func(t *testing.T) {
		const to = "zhao@bank.example.cn"
		before := users(admin)
		env.MustDo(t, admin, invite, map[string]any{"e": to, "n": "赵六", "r": "institution_agent"})
		inv := added(t, before, users(admin))["id"].(string)
		old := mails.token(t, to)
		n, _ := strings.CutPrefix(inv, "invitation:")
		if err := env.App.DB.Gorm.Exec(`UPDATE institution_invitations SET expires_at = now() - interval '1 minute' WHERE id = ?`, n).Error; err != nil {
			t.Fatal(err)
		}
		if r := env.Do(t, "", accept, map[string]any{"t": old, "p": "correct-horse-42"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
			t.Errorf("an expired link: %q on %q, want BAD_USER_INPUT on token", r.Code(), r.Field())
		}
		if e, _ := time.Parse(time.RFC3339, fmt.Sprint(users(admin)[inv]["expiresAt"])); !e.Before(time.Now()) {
			t.Errorf("the expired invitation is listed with expiresAt %v", e)
		}
		if r := env.Do(t, otherAdmin, resend, map[string]any{"id": inv}); r.Code() != "NOT_FOUND" {
			t.Errorf("another institution's admin resends: %q, want NOT_FOUND", r.Code())
		}
		if r := env.Do(t, p.tokens[domain.RoleInstitutionAgent], resend, map[string]any{"id": inv}); r.Code() != "FORBIDDEN" {
			t.Errorf("an agent resends: %q, want FORBIDDEN", r.Code())
		}
		u := env.MustDo(t, admin, resend, map[string]any{"id": inv})["resendInstitutionInvitation"].(map[string]any)
		if e, _ := time.Parse(time.RFC3339, fmt.Sprint(u["expiresAt"])); u["id"] != inv || u["invited"] != true || e.Before(time.Now().Add(6*24*time.Hour)) {
			t.Errorf("after resending: %v", u)
		}
		tok := mails.token(t, to)
		if tok == old {
			t.Fatal("the resent invitation carries the old link")
		}
		if r := env.Do(t, "", accept, map[string]any{"t": old, "p": "correct-horse-42"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
			t.Errorf("the replaced link: %q on %q, want BAD_USER_INPUT on token", r.Code(), r.Field())
		}
		env.MustDo(t, "", accept, map[string]any{"t": tok, "p": "correct-horse-42"})
		env.MustDo(t, env.Login(t, to, "correct-horse-42"), `{ me { id } }`, nil)
		if r := env.Do(t, admin, resend, map[string]any{"id": inv}); r.Code() != "NOT_FOUND" {
			t.Errorf("resend an accepted invitation: %q, want NOT_FOUND", r.Code())
		}
		if r := env.Do(t, admin, resend, map[string]any{"id": newID}); r.Code() != "BAD_USER_INPUT" || r.Field() != "id" {
			t.Errorf("resend to a user who set a password: %q on %q, want BAD_USER_INPUT on id", r.Code(), r.Field())
		}
	})

	// The admin revokes a pending invitation: its link stops working and it leaves the list.
	t.Run("Revoke", func(t *testing.T) {
		const revoke = `mutation($id:ID!){ revokeInstitutionInvitation(id:$id) }`
		const to = "wu@bank.example.cn"
		before := users(admin)
		env.MustDo(t, admin, invite, map[string]any{"e": to, "n": "吴七", "r": "institution_admin"})
		inv := added(t, before, users(admin))["id"].(string)
		tok := mails.token(t, to)
		if r := env.Do(t, otherAdmin, revoke, map[string]any{"id": inv}); r.Code() != "NOT_FOUND" {
			t.Errorf("another institution's admin revokes: %q, want NOT_FOUND", r.Code())
		}
		if r := env.Do(t, p.tokens[domain.RoleInstitutionAgent], revoke, map[string]any{"id": inv}); r.Code() != "FORBIDDEN" {
			t.Errorf("an agent revokes: %q, want FORBIDDEN", r.Code())
		}
		if r := env.Do(t, admin, revoke, map[string]any{"id": newID}); r.Code() != "BAD_USER_INPUT" || r.Field() != "id" {
			t.Errorf("revoke a user's id: %q on %q, want BAD_USER_INPUT on id", r.Code(), r.Field())
		}
		env.MustDo(t, admin, revoke, map[string]any{"id": inv})
		if users(admin)[inv] != nil {
			t.Error("the revoked invitation is still listed")
		}
		if r := env.Do(t, "", accept, map[string]any{"t": tok, "p": "correct-horse-42"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
			t.Errorf("a revoked link: %q on %q, want BAD_USER_INPUT on token", r.Code(), r.Field())
		}
		if countUsers(to) != 0 {
			t.Error("a revoked invitation opened an account")
		}
		for _, q := range []string{revoke, resend} {
			if r := env.Do(t, admin, q, map[string]any{"id": inv}); r.Code() != "NOT_FOUND" {
				t.Errorf("%s after revoking: %q, want NOT_FOUND", q, r.Code())
			}
		}
		d := env.MustDo(t, p.tokens[domain.RoleAdmin], `{ adminAuditLog(first:1, action:"institution.user.invite.revoke"){ edges { node { target } } } }`, nil)
		if e := d["adminAuditLog"].(map[string]any)["edges"].([]any); len(e) != 1 || e[0].(map[string]any)["node"].(map[string]any)["target"] != inv {
			t.Errorf("audit of the revocation: %v", e)
		}
	})

	// An account invited before invitations were records of their own (the account exists, with an
	// unused account_invitations link) is still listed as invited, can be sent a new link, and sets
	// its password from it.
	t.Run("AccountInvitedBeforeStillWorks", func(t *testing.T) {
		const to = "legacy@bank.example.cn"
		u, err := env.App.Accounts.CreateSeedUser(ctx, domain.NewUser{Email: to, Password: "unknown-to-anyone-42", DisplayName: "孙八",
			Role: domain.RoleInstitutionAgent, InstitutionID: p.lenderID})
		if err != nil {
			t.Fatal(err)
		}
		if err := env.App.DB.Gorm.Exec(`INSERT INTO account_invitations (token_hash, user_id, created_by, created_at, expires_at)
			VALUES (sha256(convert_to(?, 'UTF8')), ?, ?, now(), now() + interval '7 days')`, "legacy-link", u.ID, p.actors[domain.RoleInstitutionAdmin].UserID).Error; err != nil {
			t.Fatal(err)
		}
		uid := strconv.FormatInt(u.ID, 10)
		if m := users(admin)[uid]; m == nil || m["invited"] != true {
			t.Fatalf("the account invited before: %v", m)
		}
		env.MustDo(t, admin, resend, map[string]any{"id": uid})
		tok := mails.token(t, to)
		if r := env.Do(t, "", accept, map[string]any{"t": "legacy-link", "p": "correct-horse-42"}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("the link replaced by the resend: %q", r.Code())
		}
		env.MustDo(t, "", accept, map[string]any{"t": tok, "p": "correct-horse-42"})
		env.MustDo(t, env.Login(t, to, "correct-horse-42"), `{ me { id } }`, nil)
	})
}
