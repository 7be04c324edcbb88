package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/workers"
)

// TestPasswordChangeIsMailed: changing the password on the account page and setting one through a
// reset link each e-mail the account's owner (zh and en, through the registration:mail task) that it was changed, how and when, and
// what to do if it was not them; the outbox message names the user only, and a message sent twice
// is one e-mail. Without it, someone who learnt the password (or read the mailbox once) could take
// the account over with nobody told.
func TestPasswordChangeIsMailed(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	ctx := context.Background()
	const email = "changed@example.cn"
	access := env.Register(t, email)
	h := env.App.Handlers().Mux()

	// sendChanged sends the e-mails the outbox messages of kind PASSWORD_CHANGED ask for, twice
	// (a task retried), and returns those in the mailbox to email, newest first.
	sendChanged := func(t *testing.T) []workers.DevMail {
		t.Helper()
		var payloads []string
		if err := env.App.DB.Gorm.Raw(`SELECT payload::text FROM outbox WHERE topic = ? AND payload->>'kind' = ?`,
			domain.TopicRegistrationMail, domain.MailPasswordChanged).Scan(&payloads).Error; err != nil {
			t.Fatal(err)
		}
		for _, raw := range payloads {
			if strings.Contains(raw, "@") || strings.Contains(raw, "horse") {
				t.Fatalf("the outbox message carries an address or the password: %s", raw)
			}
			for range 2 {
				if err := h.ProcessTask(ctx, asynq.NewTask(workers.TypeRegistrationMail, []byte(raw))); err != nil {
					t.Fatal(err)
				}
			}
		}
		all, err := env.App.DevMailbox.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []workers.DevMail
		for _, m := range all {
			if m.To == email && m.Kind == domain.MailPasswordChanged {
				out = append(out, m)
			}
		}
		return out
	}

	env.MustDo(t, access, `mutation{ changePassword(currentPassword:"correct-horse-42", newPassword:"another-horse-43") }`, nil)
	mails := sendChanged(t)
	if len(mails) != 1 {
		t.Fatalf("%d e-mails after changePassword, want 1", len(mails))
	}
	m := mails[0]
	if m.SubjectZH != "您的密码已更改" || m.SubjectEN != "Your password was changed" ||
		!strings.Contains(m.BodyZH, "在账户页面") || !strings.Contains(m.BodyEN, "on your account page") ||
		!strings.Contains(m.BodyZH, "(UTC+8)") || len(m.Links) != 1 || !strings.HasSuffix(m.Links[0], "/#/forgot") {
		t.Fatalf("the e-mail after changePassword: %+v", m)
	}
	if strings.Contains(m.BodyZH+m.BodyEN, "horse") {
		t.Fatal("the e-mail holds the password")
	}

	env.MustDo(t, "", `mutation($e:String!){ requestPasswordReset(email:$e){ checkEmail } }`, map[string]any{"e": email})
	env.MustDo(t, "", `mutation($t:String!){ resetPassword(token:$t, newPassword:"third-horse-44") }`,
		map[string]any{"t": apptest.ResetToken(t, env.App, email)})
	mails = sendChanged(t)
	if len(mails) != 2 || !strings.Contains(mails[0].BodyZH, "重置密码链接") || !strings.Contains(mails[0].BodyEN, "password-reset link") {
		t.Fatalf("the e-mails after resetPassword: %+v", mails)
	}
	// A refused change sends nothing.
	access = env.Login(t, email, "third-horse-44")
	env.Do(t, access, `mutation{ changePassword(currentPassword:"wrong-horse-00", newPassword:"fourth-horse-45") }`, nil)
	if n := len(sendChanged(t)); n != 2 {
		t.Fatalf("%d e-mails after a refused change, want still 2", n)
	}
}
