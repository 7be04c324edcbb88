package workers_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/workers"
)

// countingHook counts the round trips of a Redis client that carry the mailbox's commands (a
// pipeline is one; the connection's own set-up is left out).
type countingHook struct{ trips int }

func mailboxCommand(c redis.Cmder) bool {
	switch c.Name() {
	case "lpush", "ltrim", "expire":
		return true
	}
	return false
}

func (h *countingHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *countingHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if mailboxCommand(cmd) {
			h.trips++
		}
		return next(ctx, cmd)
	}
}
func (h *countingHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if slices.ContainsFunc(cmds, mailboxCommand) {
			h.trips++
		}
		return next(ctx, cmds)
	}
}

// TestDevMailboxSendMailsAsOneByOne: the dev mailbox keeps e-mails sent together exactly as sent
// one by one (newest first, each handed to the next Mailer), in one Redis round trip.
func TestDevMailboxSendMailsAsOneByOne(t *testing.T) {
	ctx := context.Background()
	opt, err := redis.ParseURL(apptest.RedisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	mails := func(tag string) []domain.Mail {
		var ms []domain.Mail
		for i := range 3 {
			ms = append(ms, domain.Mail{To: fmt.Sprintf("%s%d@example.cn", tag, i), N: &domain.Notification{Kind: "FILED",
				TitleZH: "投诉已提交", TitleEN: "Filed", BodyZH: "正文", BodyEN: fmt.Sprintf("see https://example.cn/c/%s%d", tag, i)}})
		}
		return ms
	}
	list := func(m *workers.DevMailbox) []string {
		got, err := m.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range got {
			out = append(out, fmt.Sprint(d.To, " ", d.Kind, " ", d.SubjectZH, " ", d.BodyEN, " ", d.Links))
		}
		return out
	}
	one, many := redis.NewClient(opt), redis.NewClient(&redis.Options{Addr: opt.Addr, DB: opt.DB + 1})
	defer one.Close()
	defer many.Close()
	next1, nextN := &batchingMailer{}, &batchingMailer{}
	a, b := &workers.DevMailbox{Redis: one, Next: next1}, &workers.DevMailbox{Redis: many, Next: nextN}
	for _, ml := range mails("x") {
		if err := a.SendMail(ctx, ml.To, ml.N); err != nil {
			t.Fatal(err)
		}
	}
	hook := &countingHook{}
	many.AddHook(hook)
	if n, err := b.SendMails(ctx, mails("x")); err != nil || n != 3 {
		t.Fatalf("SendMails: %d, %v", n, err)
	}
	if hook.trips != 1 {
		t.Errorf("3 e-mails took %d Redis round trips, want 1", hook.trips)
	}
	if fmt.Sprint(list(a)) != fmt.Sprint(list(b)) || len(list(b)) != 3 || list(b)[0][:3] != "x2@" {
		t.Errorf("one by one:\n%q\ntogether:\n%q", list(a), list(b))
	}
	if fmt.Sprint(next1.sent) != fmt.Sprint(nextN.sent) || nextN.calls != 1 {
		t.Errorf("handed on one by one %v, together %v (%d batch calls)", next1.sent, nextN.sent, nextN.calls)
	}
}
