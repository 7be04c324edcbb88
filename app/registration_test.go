package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/workers"
)

// rawRegister sends register and returns the response body as it came.
func rawRegister(t *testing.T, env *apptest.Env, email string) []byte {
	t.Helper()
	return rawAnswer(t, env, `mutation($e:String!){register(email:$e,password:"correct-horse-42",displayName:"新用户"){checkEmail expiresInHours}}`, email)
}

// rawAnswer sends an anonymous mutation with the variable e (an e-mail address) and returns the
// response body as it came, for answers that must not differ by a byte.
func rawAnswer(t *testing.T, env *apptest.Env, mutation, email string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": mutation, "variables": map[string]any{"e": email}})
	resp, err := http.Post(env.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s for %s: %d %s", mutation, email, resp.StatusCode, b)
	}
	return b
}

func (c regCount) of(t *testing.T, env *apptest.Env) int64 {
	t.Helper()
	var n int64
	if err := env.App.DB.Gorm.Raw(string(c)).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

type regCount string

// TestRegisterDoesNotRevealAccounts: registering an address that has an account and one that has
// none give byte-identical answers, and neither creates an account or a session; the owner of each
// address learns by e-mail which it was. The link creates the account once and signs in.
func TestRegisterDoesNotRevealAccounts(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	ctx := context.Background()
	users, sessions := regCount("SELECT count(*) FROM users"), regCount("SELECT count(*) FROM sessions")
	u0, s0 := users.of(t, env), sessions.of(t, env)

	taken := rawRegister(t, env, "complainant@redline.demo")
	fresh := rawRegister(t, env, "brand-new@example.cn")
	if !bytes.Equal(taken, fresh) {
		t.Fatalf("a taken and a new address answer differently:\n%s\n%s", taken, fresh)
	}
	if u, s := users.of(t, env), sessions.of(t, env); u != u0 || s != s0 {
		t.Fatalf("before confirmation: users %d -> %d, sessions %d -> %d", u0, u, s0, s)
	}
	if _, err := env.App.Accounts.Store.UserByEmail(ctx, "brand-new@example.cn"); domain.CodeOf(err) != domain.CodeNotFound {
		t.Fatalf("the new address has an account before confirming: %v", err)
	}
	if r := env.Do(t, "", `mutation{login(email:"brand-new@example.cn",password:"correct-horse-42"){token}}`, nil); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("sign-in before confirming: %q", r.Code())
	}

	// The mails: a link for the new address, a warning for the taken one.
	token := apptest.ConfirmationToken(t, env.App, "brand-new@example.cn")
	h := env.App.Handlers().Mux()
	var payload []byte
	if err := env.App.DB.Gorm.Raw(`SELECT payload::text FROM outbox WHERE topic = ? AND payload->>'kind' = ?`, domain.TopicRegistrationMail, domain.MailAddressTaken).
		Row().Scan(&payload); err != nil {
		t.Fatal(err)
	}
	for range 2 { // a task run twice sends one e-mail
		if err := h.ProcessTask(ctx, asynq.NewTask(workers.TypeRegistrationMail, payload)); err != nil {
			t.Fatal(err)
		}
	}
	mails, err := env.App.DevMailbox.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	warned := 0
	for _, m := range mails {
		if m.To == "complainant@redline.demo" && m.Kind == domain.MailAddressTaken {
			warned++
		}
		if m.To == "complainant@redline.demo" && len(m.Links) > 0 && bytes.Contains([]byte(m.Links[0]), []byte("confirm")) {
			t.Errorf("the taken address got a confirmation link: %+v", m)
		}
	}
	if warned != 1 {
		t.Errorf("%d warnings to the taken address, want 1", warned)
	}
	var stored int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM pending_registrations WHERE token_hash = sha256(convert_to(?, 'UTF8'))", token).Scan(&stored)
	var plain int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM outbox WHERE payload::text LIKE ?", "%"+token+"%").Scan(&plain)
	if stored != 1 || plain != 0 {
		t.Errorf("the token: %d rows by its hash (want 1), %d outbox messages holding it (want 0)", stored, plain)
	}

	// Confirming creates the account and signs in, as login does; the link works once.
	confirm := `mutation($t:String!){confirmRegistration(token:$t){token refreshToken user{email role}}}`
	d := env.MustDo(t, "", confirm, map[string]any{"t": token})["confirmRegistration"].(map[string]any)
	if d["token"] == "" || d["refreshToken"] == "" || d["user"].(map[string]any)["role"] != "complainant" {
		t.Fatalf("confirmRegistration: %+v", d)
	}
	if me := env.MustDo(t, d["token"].(string), `{me{email}}`, nil)["me"].(map[string]any); me["email"] != "brand-new@example.cn" {
		t.Fatalf("me after confirming: %+v", me)
	}
	if r := env.Do(t, "", confirm, map[string]any{"t": token}); r.Code() != "BAD_USER_INPUT" || r.Field() != "token" {
		t.Fatalf("the link used twice: %q %q", r.Code(), r.Field())
	}
	env.Login(t, "brand-new@example.cn", "correct-horse-42")

	// An expired link is refused with its own message.
	rawRegister(t, env, "late@example.cn")
	late := apptest.ConfirmationToken(t, env.App, "late@example.cn")
	if err := env.App.DB.Gorm.Exec("UPDATE pending_registrations SET expires_at = now() - interval '1 minute' WHERE email = 'late@example.cn'").Error; err != nil {
		t.Fatal(err)
	}
	r := env.Do(t, "", confirm, map[string]any{"t": late})
	if r.Code() != "BAD_USER_INPUT" || r.Field() != "token" || len(r.Errors) == 0 || !bytes.Contains([]byte(r.Errors[0].Message), []byte("expired")) {
		t.Fatalf("an expired link: %+v", r.Errors)
	}
}

// TestRegistrationSweep: the hourly registration:sweep deletes the registrations whose links
// expired and keeps the others.
func TestRegistrationSweep(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	rawRegister(t, env, "old@example.cn")
	rawRegister(t, env, "young@example.cn")
	old := time.Now().Add(-domain.RegistrationTTL - time.Minute)
	if err := env.App.DB.Gorm.Exec("UPDATE pending_registrations SET expires_at = ? WHERE email = 'old@example.cn'", old.Add(domain.RegistrationTTL)).Error; err != nil {
		t.Fatal(err)
	}
	if err := env.App.Handlers().Mux().ProcessTask(context.Background(), workers.NewRegistrationSweepTask()); err != nil {
		t.Fatal(err)
	}
	var left []string
	env.App.DB.Gorm.Raw("SELECT email FROM pending_registrations ORDER BY email").Scan(&left)
	if len(left) != 1 || left[0] != "young@example.cn" {
		t.Fatalf("after the sweep: %v, want only young@example.cn", left)
	}
	found := false
	for _, p := range workers.Periodic() {
		found = found || p.Task.Type() == workers.TypeRegistrationSweep
	}
	if !found {
		t.Error("registration:sweep is not scheduled")
	}
}

// TestInvitationSweep: registration:sweep deletes institutions' invitations that are done with —
// accepted, revoked, or pending with a link expired more than domain.InvitationRetention ago —
// and keeps the pending ones an admin may still send again. They used to stay for ever, with the
// invited person's address and name.
func TestInvitationSweep(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	db := env.App.DB.Gorm
	var inst, admin int64
	if err := db.Raw("SELECT id FROM institutions ORDER BY id LIMIT 1").Scan(&inst).Error; err != nil || inst == 0 {
		t.Fatalf("an institution: %v", err)
	}
	env.Register(t, "inviter@example.cn")
	if err := db.Raw("SELECT id FROM users WHERE email = 'inviter@example.cn'").Scan(&admin).Error; err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	day := 24 * time.Hour
	rows := []struct {
		name              string
		expires           time.Time
		accepted, revoked bool
		keep              bool
	}{
		{"live", now.Add(7 * day), false, false, true},
		{"expired-lately", now.Add(-domain.InvitationRetention + day), false, false, true},
		{"expired-long-ago", now.Add(-domain.InvitationRetention - day), false, false, false},
		{"revoked", now.Add(7 * day), false, true, false},
		{"accepted", now.Add(7 * day), true, false, false},
	}
	for _, r := range rows {
		var accepted, revoked, user any
		if r.accepted {
			accepted, user = now, admin
		}
		if r.revoked {
			revoked = now
		}
		if err := db.Exec(`INSERT INTO institution_invitations (institution_id, email, email_hash, display_name, role, token_hash,
			created_by, created_at, expires_at, accepted_at, revoked_at, user_id) VALUES (?, 'v1:x:y', ?, ?, 'institution_agent', ?, ?, ?, ?, ?, ?, ?)`,
			inst, []byte(r.name), r.name, []byte(r.name), admin, now.Add(-40*day), r.expires, accepted, revoked, user).Error; err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if err := env.App.Handlers().Mux().ProcessTask(context.Background(), workers.NewRegistrationSweepTask()); err != nil {
			t.Fatal(err)
		}
	}
	var left []string
	db.Raw("SELECT display_name FROM institution_invitations ORDER BY id").Scan(&left)
	var want []string
	for _, r := range rows {
		if r.keep {
			want = append(want, r.name)
		}
	}
	if fmt.Sprint(left) != fmt.Sprint(want) {
		t.Fatalf("after the sweep: %v, want %v", left, want)
	}
}

// TestRegistrationMailCarriesNoChosenText: register e-mails any address before it is confirmed, so
// its e-mail must hold nothing the registering person chose. The name was in it, and a name with
// line breaks and an address (found by hand) made a phishing e-mail in the regulator's name; a name
// that is not one line of text is refused as well.
func TestRegistrationMailCarriesNoChosenText(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	const q = `mutation($e:String!,$n:String!){register(email:$e,password:"correct-horse-42",displayName:$n){checkEmail}}`
	for _, bad := range []string{"用户\n\n您的账户存在风险，请访问 http://evil.example/login", "王\r五", "王\u2028五", "Bob\u202etxt.exe", "王\u0007五", "王\u0085五"} {
		if r := env.Do(t, "", q, map[string]any{"e": "phished@example.cn", "n": bad}); r.Code() != "BAD_USER_INPUT" || r.Field() != "displayName" {
			t.Errorf("register with the name %q: %q %q, want BAD_USER_INPUT on displayName", bad, r.Code(), r.Field())
		}
	}
	env.MustDo(t, "", q, map[string]any{"e": "phished@example.cn", "n": "用户 请立即访问 http://evil.example/login 验证身份"})
	apptest.ConfirmationToken(t, env.App, "phished@example.cn")
	mails, err := env.App.DevMailbox.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mails {
		if m.To != "phished@example.cn" {
			continue
		}
		if strings.Contains(m.BodyZH+m.BodyEN+m.SubjectZH+m.SubjectEN, "evil") || len(m.Links) != 1 {
			t.Errorf("the confirmation e-mail carries the registering person's text:\n%s\n%s\n%v", m.BodyZH, m.BodyEN, m.Links)
		}
	}
}
