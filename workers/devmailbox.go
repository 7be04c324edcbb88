package workers

import (
	"context"
	"encoding/json"
	"regexp"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/domain"
)

// DevMailbox is the Mailer of dev mode: it keeps the last e-mails sent in Redis, shared by every
// process of the platform, for GET /dev/mailbox (the person running the demo and the browser tests
// follow the links from there), and hands each to the next Mailer. Production never builds one.
type DevMailbox struct {
	Redis *redis.Client
	Next  domain.Mailer
}

// DevMail is one e-mail in the dev mailbox, newest first.
type DevMail struct {
	To        string    `json:"to"`
	Kind      string    `json:"kind"`
	SubjectZH string    `json:"subjectZh"`
	SubjectEN string    `json:"subjectEn"`
	BodyZH    string    `json:"bodyZh"`
	BodyEN    string    `json:"bodyEn"`
	Links     []string  `json:"links"`
	SentAt    time.Time `json:"sentAt"`
}

const (
	devMailboxKey  = "redline:dev:mailbox"
	devMailboxSize = 200
)

var linkPattern = regexp.MustCompile(`https?://\S+`)

// SendMail implements domain.Mailer.
func (m *DevMailbox) SendMail(ctx context.Context, to string, n *domain.Notification) error {
	_, err := m.SendMails(ctx, []domain.Mail{{To: to, N: n}})
	return err
}

// SendMails implements domain.MailBatcher: the e-mails go into the mailbox in one Redis round
// trip (the last one newest, as if sent one by one), then to the next Mailer one by one.
func (m *DevMailbox) SendMails(ctx context.Context, mails []domain.Mail) (int, error) {
	if len(mails) == 0 {
		return 0, nil
	}
	now := time.Now().UTC()
	docs := make([]any, 0, len(mails))
	for _, ml := range mails {
		n := ml.N
		b, err := json.Marshal(DevMail{To: ml.To, Kind: n.Kind, SubjectZH: n.TitleZH, SubjectEN: n.TitleEN, BodyZH: n.BodyZH, BodyEN: n.BodyEN,
			Links: linkPattern.FindAllString(n.BodyEN, -1), SentAt: now})
		if err != nil {
			return 0, err
		}
		docs = append(docs, b)
	}
	if err := devPush(ctx, m.Redis, devMailboxKey, devMailboxSize, docs...); err != nil {
		return 0, err
	}
	if m.Next == nil {
		return len(mails), nil
	}
	if b, ok := m.Next.(domain.MailBatcher); ok {
		return b.SendMails(ctx, mails)
	}
	for i, ml := range mails {
		if err := m.Next.SendMail(ctx, ml.To, ml.N); err != nil {
			return i, err
		}
	}
	return len(mails), nil
}

// List returns the e-mails in the mailbox, newest first.
func (m *DevMailbox) List(ctx context.Context) ([]DevMail, error) {
	return devList[DevMail](ctx, m.Redis, devMailboxKey)
}

// devPush adds documents to the front of a dev box (the last one newest), keeping the newest size
// for a day, in one Redis round trip.
func devPush(ctx context.Context, rdb *redis.Client, key string, size int64, docs ...any) error {
	pipe := rdb.TxPipeline()
	pipe.LPush(ctx, key, docs...)
	pipe.LTrim(ctx, key, 0, size-1)
	pipe.Expire(ctx, key, 24*time.Hour)
	_, err := pipe.Exec(ctx)
	return err
}

// devList returns the documents of a dev box, newest first.
func devList[T any](ctx context.Context, rdb *redis.Client, key string) ([]T, error) {
	raw, err := rdb.LRange(ctx, key, 0, -1).Result()
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(raw))
	for _, r := range raw {
		var d T
		if json.Unmarshal([]byte(r), &d) == nil {
			out = append(out, d)
		}
	}
	return out, nil
}
