package workers

import (
	"context"
	"encoding/json"
	"regexp"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
)

// DevSMSBox is the SMSSender of dev mode, as DevMailbox is the Mailer: it keeps the last SMS sent
// in Redis for GET /dev/sms (the person running the demo and the browser tests read the codes
// confirming a number from there) and hands each to the next SMSSender. It keeps the recipient's
// user id and the number masked (138****5678), never the whole number. Production never builds one.
type DevSMSBox struct {
	Redis *redis.Client
	Next  domain.SMSSender
}

// DevSMS is one SMS in the dev box, newest first.
type DevSMS struct {
	UserID int64     `json:"userId"`
	To     string    `json:"to"` // masked
	Kind   string    `json:"kind"`
	BodyZH string    `json:"bodyZh"`
	BodyEN string    `json:"bodyEn"`
	Codes  []string  `json:"codes"`
	SentAt time.Time `json:"sentAt"`
}

const (
	devSMSKey  = "redline:dev:sms"
	devSMSSize = 200
)

var codePattern = regexp.MustCompile(`\b[0-9]{6}\b`)

// SendSMS implements domain.SMSSender.
func (b *DevSMSBox) SendSMS(ctx context.Context, mobile string, n *domain.Notification) error {
	doc, err := json.Marshal(DevSMS{UserID: n.RecipientID, To: pii.MaskPhone(mobile), Kind: n.Kind, BodyZH: n.BodyZH, BodyEN: n.BodyEN,
		Codes: codePattern.FindAllString(n.BodyEN, -1), SentAt: time.Now().UTC()})
	if err != nil {
		return err
	}
	if err := devPush(ctx, b.Redis, devSMSKey, devSMSSize, doc); err != nil {
		return err
	}
	if b.Next == nil {
		return nil
	}
	return b.Next.SendSMS(ctx, mobile, n)
}

// List returns the SMS in the box, newest first.
func (b *DevSMSBox) List(ctx context.Context) ([]DevSMS, error) {
	return devList[DevSMS](ctx, b.Redis, devSMSKey)
}
