package domain

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file tells the parties of a complaint what happened to it: in-app notifications, e-mail and
// SMS to users, and signed webhooks to the institutions a complaint was forwarded to. It is driven by
// the outbox: every complaint.filed and complaint.changed message is dispatched once, and writing
// is idempotent per (message, recipient, channel), so a redelivered task creates nothing twice.
// Texts carry the complaint's public reference and nothing else about the case or its people.

// NotificationChannel is how a notification reaches its recipient.
type NotificationChannel string

// The channels.
const (
	NotifyInApp NotificationChannel = "IN_APP"
	NotifyEmail NotificationChannel = "EMAIL"
	NotifySMS   NotificationChannel = "SMS"
)

// Audience is a party of a complaint that an event may concern.
type Audience string

// The audiences.
const (
	AudienceComplainant Audience = "complainant" // the person who filed
	AudienceCaseworker  Audience = "caseworker"  // the assigned reviewer, else the team's reviewers
	AudienceSupervisors Audience = "supervisors" // the supervisors of the complaint's team
	AudienceInstitution Audience = "institution" // the users of the institutions it was forwarded to
)

// Notification is one message to one user on one channel. Only IN_APP notifications are shown in
// the app; EMAIL and SMS rows record that the message was sent.
type Notification struct {
	ID                 int64
	MessageID          string // the outbox message that caused it
	RecipientID        int64
	Channel            NotificationChannel
	Kind               string // the complaint action, e.g. FORWARDED
	ComplaintID        string
	ComplaintReference string
	TitleZH, TitleEN   string
	BodyZH, BodyEN     string
	CreatedAt          time.Time
	ReadAt             time.Time
	SentAt             time.Time
}

// NotificationPage is one page of a user's notifications, newest first.
type NotificationPage struct {
	Notifications []*Notification
	HasNext       bool
}

// Contact is how a user may be reached outside the app. It is personal data: it is handed to the
// Mailer or SMSSender and never logged.
type Contact struct {
	Email  string
	Mobile string
	// EmailOn and SMSOn are the user's choices; e-mail is on and SMS off unless changed.
	EmailOn bool
	SMSOn   bool
	// MobileConfirmed says the owner confirmed Mobile with a code texted to it; no SMS goes to
	// an unconfirmed number (domain/mobile_confirm.go).
	MobileConfirmed bool
}

// smsTo reports whether SMS may go to the contact's number: chosen, given and confirmed.
func (c Contact) smsTo() bool { return c.SMSOn && c.Mobile != "" && c.MobileConfirmed }

// NotificationPreferences are a user's choices of channels besides the app.
type NotificationPreferences struct {
	Email  bool
	SMS    bool   // the user's choice; SMS go out only to a confirmed number
	Mobile string // required when SMS is on
	// MobileConfirmedAt is when the number was confirmed; zero while it is not.
	MobileConfirmedAt time.Time
	// The code waiting for the number, when one may still be typed: when it was sent, when it
	// expires and the tries left; zero otherwise. Read only (Preferences).
	CodeSentAt, CodeExpiresAt time.Time
	CodeAttemptsLeft          int
	// ResendAt is when another code may be asked for; zero when now. Read only.
	ResendAt time.Time
}

// ComplaintParties is what dispatching a message needs of its complaint: its reference and who its
// parties are; nothing personal, nothing of the assessment.
type ComplaintParties struct {
	ID            string
	Reference     string
	ComplainantID int64
	Team          string
	AssigneeID    int64
	Recipients    []int64
}

// ComplaintReader finds complaints; the dispatcher reads the current complaints to find their parties.
type ComplaintReader interface {
	// PartiesOf returns the parties of those of the complaints that exist, in one read.
	PartiesOf(ctx context.Context, ids []string) ([]*ComplaintParties, error)
}

// NotificationStore is what notifications need from storage.
type NotificationStore interface {
	// TeamMembers returns the ids of the users who hold role on team now (their role bindings),
	// disabled accounts left out.
	TeamMembers(ctx context.Context, team string, role Role) ([]int64, error)
	// InstitutionMembers returns the ids of the users who hold an institution role on one of the
	// institutions now, disabled accounts left out.
	InstitutionMembers(ctx context.Context, institutionIDs []int64) ([]int64, error)
	// Contacts returns the contact details and channel choices of the users.
	Contacts(ctx context.Context, userIDs []int64) (map[int64]Contact, error)
	// SaveDispatch writes the notifications and webhook deliveries one outbox message causes, in
	// one transaction, skipping those already written for the message; each new delivery's outbox
	// message is written with it. It returns how many notifications were new.
	SaveDispatch(ctx context.Context, messageID string, ns []Notification, hooks []WebhookDelivery) (int, error)
	// SaveDispatches is SaveDispatch for several messages in one transaction; it returns how many
	// notifications of each record were new.
	SaveDispatches(ctx context.Context, ds []DispatchRecord) ([]int, error)
	// Unsent returns the EMAIL and SMS notifications of the messages not yet marked sent, in the
	// order they were written.
	Unsent(ctx context.Context, messageIDs []string) ([]*Notification, error)
	// MarkSent records that EMAIL or SMS notifications went out.
	MarkSent(ctx context.Context, ids []int64, at time.Time) error
	// ListNotifications returns a page of a user's IN_APP notifications, newest first.
	ListNotifications(ctx context.Context, userID int64, unreadOnly bool, p Page) (NotificationPage, error)
	// UnreadCount counts a user's unread IN_APP notifications.
	UnreadCount(ctx context.Context, userID int64) (int, error)
	// MarkRead marks those of ids that belong to the user and are unread as read, and returns how many.
	MarkRead(ctx context.Context, userID int64, ids []int64, at time.Time) (int, error)
}

// Mailer sends a notification by e-mail.
type Mailer interface {
	SendMail(ctx context.Context, to string, n *Notification) error
}

// Mail is one e-mail to send: a notification and the address it goes to.
type Mail struct {
	To string
	N  *Notification
}

// MailBatcher is a Mailer that sends several e-mails at once (the dev mailbox: one Redis round
// trip for all of them); the dispatch of a batch of messages sends its e-mails through it.
type MailBatcher interface {
	// SendMails sends the e-mails in order and returns how many of the first it sent, all of them
	// unless it returns an error.
	SendMails(ctx context.Context, mails []Mail) (int, error)
}

// SMSSender sends a notification by SMS.
type SMSSender interface {
	SendSMS(ctx context.Context, mobile string, n *Notification) error
}

// LogMailer is the default Mailer: it sends nothing and logs the kind, the complaint reference and
// the recipient's user id — never the address, which is personal data.
type LogMailer struct{}

// SendMail implements Mailer.
func (LogMailer) SendMail(ctx context.Context, _ string, n *Notification) error {
	slog.InfoContext(ctx, "e-mail notification (not sent: no SMTP server configured)",
		"kind", n.Kind, "complaint", n.ComplaintReference, "recipient", n.RecipientID)
	return nil
}

// LogSMS is the default SMSSender: it sends nothing and logs the kind, the complaint reference and
// the recipient's user id — never the phone number.
type LogSMS struct{}

// SendSMS implements SMSSender.
func (LogSMS) SendSMS(ctx context.Context, _ string, n *Notification) error {
	slog.InfoContext(ctx, "SMS notification (not sent: no SMS gateway configured)",
		"kind", n.Kind, "complaint", n.ComplaintReference, "recipient", n.RecipientID)
	return nil
}

// noticeRule says whom an action concerns, on which channels, and whether the institutions it
// was forwarded to get a webhook delivery.
type noticeRule struct {
	to      []Audience
	email   []Audience
	sms     []Audience
	webhook bool
	// Titles, and bodies for the complainant (you) and for everyone else; %s is the reference.
	titleZH, titleEN, youZH, youEN, zh, en string
}

var (
	you  = []Audience{AudienceComplainant}
	work = []Audience{AudienceCaseworker}
	inst = []Audience{AudienceInstitution}
)

// noticeRules is the table of who hears of what. Actions missing from it (notes, classification,
// links, evidence, claims) notify nobody; nor does routing, which would tell a whole team of every
// new complaint — reviewers work their queue instead.
var noticeRules = map[Action]noticeRule{
	// The time the regulator has to decide is the acceptance clock's own (filedNotice, from the
	// filing's message); this text is for a message that does not carry it.
	ActionFile: {to: you, email: you,
		titleZH: "投诉已收到", titleEN: "Complaint received",
		youZH: "您的投诉 %s 已收到，我们将在规定期限内决定是否受理。", youEN: "We received your complaint %s and will decide within the period the rules set whether to accept it."},
	ActionAssign: {to: work,
		titleZH: "投诉已分派", titleEN: "Complaint assigned",
		zh: "投诉 %s 已分派给您。", en: "Complaint %s was assigned to you."},
	ActionRequestInformation: {to: you, email: you, sms: you,
		titleZH: "需要补充材料", titleEN: "Information needed",
		youZH: "您的投诉 %s 需要补充材料，请登录查看并回复。", youEN: "Your complaint %s needs more information; please sign in to answer."},
	ActionProvideInformation: {to: work,
		titleZH: "投诉人已补充材料", titleEN: "Information provided",
		zh: "投诉 %s 的投诉人已补充材料。", en: "The complainant of %s provided the information asked for."},
	ActionForward: {to: []Audience{AudienceComplainant, AudienceInstitution}, email: []Audience{AudienceComplainant, AudienceInstitution}, webhook: true,
		titleZH: "投诉已转交机构", titleEN: "Complaint forwarded",
		youZH: "您的投诉 %s 已转交被投诉机构，机构须在规定期限内答复。", youEN: "Your complaint %s was forwarded to the institution, which must answer within the deadline.",
		zh: "投诉 %s 已转交贵机构，请在规定期限内答复。", en: "Complaint %s was forwarded to your institution; please answer within the deadline."},
	ActionRespond: {to: []Audience{AudienceComplainant, AudienceCaseworker}, email: you, sms: you,
		titleZH: "机构已答复", titleEN: "Institution answered",
		youZH: "机构已答复您的投诉 %s，请登录查看并评价。", youEN: "The institution answered your complaint %s; please sign in to review it.",
		zh: "机构已答复投诉 %s。", en: "The institution answered complaint %s."},
	ActionReportProgress: {to: []Audience{AudienceComplainant, AudienceCaseworker},
		titleZH: "机构处理进展", titleEN: "Progress reported",
		youZH: "机构报告了您的投诉 %s 的处理进展。", youEN: "The institution reported progress on your complaint %s.",
		zh: "机构报告了投诉 %s 的处理进展。", en: "The institution reported progress on complaint %s."},
	ActionRequestExtension: {to: []Audience{AudienceSupervisors, AudienceCaseworker},
		titleZH: "延期申请待审批", titleEN: "Extension requested",
		zh: "机构申请延长投诉 %s 的答复期限。", en: "The institution asked for more time to answer complaint %s."},
	ActionDecideExtension: {to: []Audience{AudienceInstitution, AudienceComplainant, AudienceCaseworker}, email: inst, webhook: true,
		titleZH: "延期申请已决定", titleEN: "Extension decided",
		youZH: "您的投诉 %s 的答复期限延期申请已有决定，请登录查看。", youEN: "A request for more time to answer your complaint %s was decided; sign in to see it.",
		zh: "投诉 %s 的延期申请已有决定。", en: "The extension request on complaint %s was decided."},
	ActionAccept: {to: []Audience{AudienceCaseworker, AudienceInstitution}, webhook: true,
		titleZH: "投诉人接受答复", titleEN: "Answer accepted",
		zh: "投诉人接受了对投诉 %s 的答复。", en: "The complainant accepted the answer to complaint %s."},
	ActionDispute: {to: []Audience{AudienceCaseworker, AudienceInstitution}, webhook: true,
		titleZH: "投诉人对答复有异议", titleEN: "Answer disputed",
		zh: "投诉人对投诉 %s 的答复提出异议。", en: "The complainant disputed the answer to complaint %s."},
	// The complainant who disputed the answer is told the regulator took it up: the page said
	// "调查结果会通知您" and the opening itself came with no word (session 35 walk).
	ActionInvestigate: {to: you,
		titleZH: "已启动调查", titleEN: "Investigation opened",
		youZH: "监管部门已就您对投诉 %s 答复的异议启动调查，调查结果会通知您。", youEN: "The regulator opened an investigation of your dispute of the answer to complaint %s; you will be told the outcome."},
	ActionEscalate: {to: []Audience{AudienceSupervisors, AudienceComplainant},
		titleZH: "投诉已升级", titleEN: "Complaint escalated",
		youZH: "您的投诉 %s 已升级处理。", youEN: "Your complaint %s was escalated.",
		zh: "投诉 %s 已升级，请关注。", en: "Complaint %s was escalated."},
	ActionClose: {to: []Audience{AudienceComplainant, AudienceInstitution}, email: you, webhook: true,
		titleZH: "投诉已办结", titleEN: "Complaint closed",
		youZH: "您的投诉 %s 已办结。", youEN: "Your complaint %s was closed.",
		zh: "投诉 %s 已办结。", en: "Complaint %s was closed."},
	ActionReject: {to: you, email: you,
		titleZH: "投诉未予受理", titleEN: "Complaint not accepted",
		youZH: "您的投诉 %s 未予受理，请登录查看原因。", youEN: "Your complaint %s was not accepted; sign in to see why."},
	ActionRefer: {to: you, email: you,
		titleZH: "投诉已移送", titleEN: "Complaint referred",
		youZH: "您的投诉 %s 已移送有权处理的机关，请登录查看。", youEN: "Your complaint %s was referred to the competent body; sign in to see which."},
	ActionWithdraw: {to: []Audience{AudienceCaseworker, AudienceInstitution}, webhook: true,
		titleZH: "投诉已撤回", titleEN: "Complaint withdrawn",
		zh: "投诉 %s 已由投诉人撤回。", en: "Complaint %s was withdrawn by the complainant."},
	ActionReopen: {to: []Audience{AudienceComplainant, AudienceCaseworker, AudienceInstitution}, webhook: true,
		titleZH: "投诉已重新打开", titleEN: "Complaint reopened",
		youZH: "您的投诉 %s 已重新打开。", youEN: "Your complaint %s was reopened.",
		zh: "投诉 %s 已重新打开。", en: "Complaint %s was reopened."},
	// The deadline notices name their audiences in the message (domain/deadline_watch.go): the
	// party that must act is reminded; a breach goes to the team's supervisors (the escalation), the
	// caseworker and, for an institution's clock, that institution.
	ActionDeadlineReminder: {to: nil, titleZH: "期限即将届满", titleEN: "Deadline approaching",
		youZH: "您的投诉 %s 有一项期限即将届满，请登录处理。", youEN: "A deadline on your complaint %s is approaching; please sign in.",
		zh: "投诉 %s 的处理期限即将届满，请及时处理。", en: "A deadline on complaint %s is approaching; please act in time."},
	ActionDeadlineBreached: {to: nil, webhook: true, titleZH: "期限已届满未处理", titleEN: "Deadline missed",
		zh: "投诉 %s 的处理期限已届满而未处理，已记为逾期并提请主管关注。", en: "A deadline on complaint %s passed with no action; it is recorded as late and raised to the supervisors."},
	ActionStartAppraisal: {to: []Audience{AudienceComplainant, AudienceCaseworker}, email: you,
		titleZH: "答复期限暂停计算", titleEN: "Deadline paused",
		youZH: "机构正在等待对您的投诉 %s 的外部鉴定，鉴定期间不计入答复期限。", youEN: "The institution awaits an outside appraisal on your complaint %s; that time does not count towards its deadline.",
		zh: "投诉 %s 的机构答复期限因外部鉴定暂停计算。", en: "The institution's deadline on complaint %s is paused for an outside appraisal."},
	ActionEndAppraisal: {to: []Audience{AudienceComplainant, AudienceCaseworker},
		titleZH: "答复期限恢复计算", titleEN: "Deadline running again",
		youZH: "对您的投诉 %s 的外部鉴定已完成，机构答复期限恢复计算。", youEN: "The outside appraisal on your complaint %s is done; the institution's deadline runs again.",
		zh: "投诉 %s 的外部鉴定已完成，答复期限恢复计算。", en: "The outside appraisal on complaint %s is done; the deadline runs again."},
	ActionMerge: {to: you,
		titleZH: "投诉已合并", titleEN: "Complaint merged",
		youZH: "您的投诉 %s 已与同一事项的投诉合并处理。", youEN: "Your complaint %s was merged with another complaint about the same matter."},
}

// Notices returns the audiences an action notifies, for documentation and tests.
func Notices(a Action) []Audience { return noticeRules[a].to }

// Notifications is the notification service: dispatching outbox messages to the parties of a
// complaint, the signed-in user's inbox, and institutions' webhooks.
type Notifications struct {
	Complaints   ComplaintReader
	Store        NotificationStore
	Webhooks     WebhookStore
	Institutions InstitutionStore
	Transport    WebhookTransport
	Mailer       Mailer    // nil means LogMailer
	SMS          SMSSender // nil means LogSMS
	// Mobiles keeps the confirmation of the numbers SMS go to; Secret (the server's) derives and
	// hashes the codes texted to them (domain/mobile_confirm.go).
	Mobiles MobileStore
	Secret  []byte
	// CodeAllowed, when set, counts a code about to be texted to a (normalised) number by every
	// user together and returns how long until another may go when it is over its limit (0 when
	// allowed): api.MobileGuard with REDLINE_SMS_RATE_MOBILE (session 15, attack2).
	CodeAllowed func(ctx context.Context, mobile string) (time.Duration, error)
	// Production allows only https webhook URLs on public addresses, on one of WebhookPorts.
	Production bool
	// WebhookPorts are the ports a webhook URL may name in production (REDLINE_WEBHOOK_PORTS);
	// empty means DefaultWebhookPorts, 443 only.
	WebhookPorts []int
	// LookupHost resolves a webhook host; nil means net.DefaultResolver.
	LookupHost func(ctx context.Context, host string) ([]netip.Addr, error)
	Now        func() time.Time
	NewID      func() string
}

// Dispatched reports what one dispatch wrote.
type Dispatched struct {
	Kind               string
	ComplaintReference string
	Notifications      int // new ones; 0 when the message was dispatched before
	Sent               int // e-mails and SMS sent now
}

// NotifyBatchSize is the most outbox messages one DispatchMany is given by the workers.
const NotifyBatchSize = 100

// DispatchRecord is what the dispatch of one outbox message writes: its notifications and its
// webhook deliveries.
type DispatchRecord struct {
	MessageID     string
	Notifications []Notification
	Hooks         []WebhookDelivery
}

// DispatchError is the failure of one message of a batch that retrying cannot mend (a payload
// without a complaint, a complaint that does not exist); the batch's other messages are dispatched.
type DispatchError struct {
	MessageID string
	Err       error
}

func (e *DispatchError) Error() string { return "dispatch " + e.MessageID + ": " + e.Err.Error() }
func (e *DispatchError) Unwrap() error { return e.Err }

// Dispatch notifies the parties of the complaint an outbox message is about. It is the platform's
// own action (no actor) and idempotent: a message dispatched before writes nothing new, and only
// e-mails and SMS not yet marked sent are sent again.
func (s *Notifications) Dispatch(ctx context.Context, m Message) (Dispatched, error) {
	out, err := s.DispatchMany(ctx, []Message{m})
	if de := (*DispatchError)(nil); errors.As(err, &de) {
		err = de.Err
	}
	return out[0], err
}

// dispatching is one message of a batch on its way through DispatchMany.
type dispatching struct {
	i         int // its place in the batch
	m         Message
	action    Action
	rule      noticeRule
	c         *ComplaintParties
	audiences map[Audience][]int64
	users     map[int64]bool // everyone it notifies
}

// DispatchMany dispatches several outbox messages, each exactly as Dispatch would, sharing what
// can be shared: their complaints are read in one statement, the members of a team or an
// institution and the webhooks of institutions once, the recipients' contacts in one statement,
// the notifications and webhook deliveries of all the messages are written in one transaction
// with multi-row inserts, and the e-mails and SMS left unsent are read and marked sent in one
// statement each. It returns what each message wrote, in order. A message that cannot be
// dispatched for good is left out and its *DispatchError returned, joined with the others'; any
// other error means the batch is to be dispatched again (nothing is written twice).
func (s *Notifications) DispatchMany(ctx context.Context, ms []Message) ([]Dispatched, error) {
	out := make([]Dispatched, len(ms))
	var errs []error
	var todo []*dispatching
	var ids []string
	for i, m := range ms {
		id, action, err := noticeAction(m)
		if err != nil {
			errs = append(errs, &DispatchError{MessageID: m.ID, Err: err})
			continue
		}
		out[i].Kind = string(action)
		if rule, ok := noticeRules[action]; ok {
			todo = append(todo, &dispatching{i: i, m: m, action: action, rule: rule})
			ids = append(ids, id)
		}
	}
	if len(todo) == 0 {
		return out, errors.Join(errs...)
	}
	found, err := s.Complaints.PartiesOf(ctx, ids)
	if err != nil {
		return out, err
	}
	byID := make(map[string]*ComplaintParties, len(found))
	for _, c := range found {
		byID[c.ID] = c
	}
	cache := audienceCache{}
	var everyone []int64
	ready := todo[:0]
	for k, d := range todo {
		c := byID[ids[k]]
		if c == nil {
			errs = append(errs, &DispatchError{MessageID: d.m.ID, Err: fmt.Errorf("notify: complaint %s: %w", ids[k], ErrNotFound)})
			continue
		}
		if d.action == ActionDeadlineReminder || d.action == ActionDeadlineBreached {
			d.rule = deadlineNotice(d.rule, d.m.Payload)
		}
		d.rule = payloadNotice(d.action, d.rule, d.m.Payload)
		c = institutionNotice(d.m.Payload, c)
		d.c = c
		out[d.i].ComplaintReference = c.Reference
		d.audiences = map[Audience][]int64{}
		for _, au := range d.rule.to {
			uids, err := s.members(ctx, au, c, &cache)
			if err != nil {
				return out, err
			}
			d.audiences[au] = uids
			everyone = append(everyone, uids...)
		}
		ready = append(ready, d)
	}
	slices.Sort(everyone)
	contacts, err := s.Store.Contacts(ctx, slices.Compact(everyone))
	if err != nil {
		return out, err
	}
	now := s.Now()
	records := make([]DispatchRecord, len(ready))
	for k, d := range ready {
		records[k] = DispatchRecord{MessageID: d.m.ID, Notifications: d.notifications(contacts, now)}
		if d.rule.webhook && len(d.c.Recipients) > 0 {
			if records[k].Hooks, err = s.webhookDeliveries(ctx, d.m, d.action, d.c, now, &cache); err != nil {
				return out, err
			}
		}
	}
	created, err := s.Store.SaveDispatches(ctx, records)
	if err != nil {
		return out, err
	}
	for k, d := range ready {
		out[d.i].Notifications = created[k]
	}
	sent, err := s.sendUnsent(ctx, ready, contacts)
	for _, d := range ready {
		out[d.i].Sent = sent[strings.ToLower(d.m.ID)]
	}
	return out, errors.Join(append(errs, err)...)
}

// noticeAction returns the complaint and the action an outbox message is about.
func noticeAction(m Message) (string, Action, error) {
	id, _ := m.Payload["complaintId"].(string)
	if id == "" {
		return "", "", Invalid("payload.complaintId", "message has no complaintId", "消息缺少投诉编号")
	}
	switch m.Topic {
	case TopicComplaintFiled:
		return id, ActionFile, nil
	case TopicComplaintChanged:
		a, _ := m.Payload["action"].(string)
		return id, Action(a), nil
	}
	return "", "", Invalid("topic", "topic "+m.Topic+" notifies nobody", "该消息类型无需通知")
}

// notifications builds the notifications of one message: in the app to each of its users (the
// first audience a user belongs to decides the text), by e-mail and SMS where the rule and the
// user's choices say so.
func (d *dispatching) notifications(contacts map[int64]Contact, now time.Time) []Notification {
	var ns []Notification
	d.users = map[int64]bool{}
	for _, au := range d.rule.to {
		for _, uid := range d.audiences[au] {
			if d.users[uid] {
				continue
			}
			d.users[uid] = true
			n := d.rule.notice(au, d.c, string(d.action), d.m.ID, uid, now)
			ns = append(ns, n)
			ct := contacts[uid]
			if contains(d.rule.email, au) && ct.EmailOn && ct.Email != "" {
				e := n
				e.Channel = NotifyEmail
				ns = append(ns, e)
			}
			if contains(d.rule.sms, au) && ct.smsTo() {
				e := n
				e.Channel = NotifySMS
				ns = append(ns, e)
			}
		}
	}
	return ns
}

// notice builds the in-app notification of one user.
func (r noticeRule) notice(au Audience, c *ComplaintParties, kind, messageID string, userID int64, now time.Time) Notification {
	zh, en := r.zh, r.en
	if au == AudienceComplainant {
		zh, en = r.youZH, r.youEN
	}
	return Notification{MessageID: messageID, RecipientID: userID, Channel: NotifyInApp, Kind: kind,
		ComplaintID: c.ID, ComplaintReference: c.Reference, TitleZH: r.titleZH, TitleEN: r.titleEN,
		BodyZH: fmt.Sprintf(zh, c.Reference), BodyEN: fmt.Sprintf(en, c.Reference), CreatedAt: now}
}

// audienceCache keeps, for one dispatch, the members of teams and institutions and which
// institutions have a webhook, so that a batch reads each once.
type audienceCache struct {
	members  map[string][]int64 // by role and team, or by institutions
	webhooks map[string][]int64 // by institutions
}

// institutionsKey names a list of institutions in the cache.
func institutionsKey(ids []int64) string { return fmt.Sprint(ids) }

// cached returns m[key], calling read and keeping its result the first time.
func cached(m *map[string][]int64, key string, read func() ([]int64, error)) ([]int64, error) {
	if v, ok := (*m)[key]; ok {
		return v, nil
	}
	v, err := read()
	if err != nil {
		return nil, err
	}
	if *m == nil {
		*m = map[string][]int64{}
	}
	(*m)[key] = v
	return v, nil
}

// members returns the users of an audience of a complaint.
func (s *Notifications) members(ctx context.Context, au Audience, c *ComplaintParties, cache *audienceCache) ([]int64, error) {
	team := func(role Role) ([]int64, error) {
		return cached(&cache.members, string(role)+" "+c.Team, func() ([]int64, error) { return s.Store.TeamMembers(ctx, c.Team, role) })
	}
	switch au {
	case AudienceComplainant:
		return []int64{c.ComplainantID}, nil
	case AudienceCaseworker:
		if c.AssigneeID != 0 {
			return []int64{c.AssigneeID}, nil
		}
		if c.Team == "" {
			return nil, nil
		}
		return team(RoleReviewer)
	case AudienceSupervisors:
		if c.Team == "" {
			return nil, nil
		}
		return team(RoleSupervisor)
	case AudienceInstitution:
		if len(c.Recipients) == 0 {
			return nil, nil
		}
		return cached(&cache.members, "institutions "+institutionsKey(c.Recipients), func() ([]int64, error) {
			return s.Store.InstitutionMembers(ctx, c.Recipients)
		})
	}
	return nil, nil
}

// sendUnsent sends the messages' e-mails and SMS that are not marked sent yet, and returns how
// many of each message's it sent. Those it sent are marked sent in one statement, also when
// sending one of them fails.
func (s *Notifications) sendUnsent(ctx context.Context, ds []*dispatching, contacts map[int64]Contact) (map[string]int, error) {
	ids := make([]string, len(ds))
	users := make(map[string]map[int64]bool, len(ds))
	for k, d := range ds {
		ids[k] = d.m.ID
		users[strings.ToLower(d.m.ID)] = d.users // as the store reads a uuid back
	}
	unsent, err := s.Store.Unsent(ctx, ids)
	if err != nil || len(unsent) == 0 {
		return nil, err
	}
	var mailer Mailer = LogMailer{}
	if s.Mailer != nil {
		mailer = s.Mailer
	}
	var sms SMSSender = LogSMS{}
	if s.SMS != nil {
		sms = s.SMS
	}
	batcher, _ := mailer.(MailBatcher)
	sent := map[string]int{}
	var done []int64
	var mails []Mail           // e-mails for the batcher, sent after the loop
	var mailed []*Notification // their notifications
	for _, n := range unsent {
		ct, ok := contacts[n.RecipientID]
		switch {
		case !ok || !users[strings.ToLower(n.MessageID)][n.RecipientID]:
			// a recipient of an earlier run who no longer qualifies; nothing to send
		case n.Channel == NotifyEmail && ct.Email != "" && batcher != nil:
			mails, mailed = append(mails, Mail{To: ct.Email, N: n}), append(mailed, n)
			continue
		case n.Channel == NotifyEmail && ct.Email != "":
			err = mailer.SendMail(ctx, ct.Email, n)
			if err != nil {
				err = fmt.Errorf("notify: e-mail notification %d: %w", n.ID, err)
			}
		case n.Channel == NotifySMS && ct.smsTo():
			err = sms.SendSMS(ctx, ct.Mobile, n)
			if err != nil {
				err = fmt.Errorf("notify: SMS notification %d: %w", n.ID, err)
			}
		}
		if err != nil {
			break
		}
		done = append(done, n.ID)
		sent[strings.ToLower(n.MessageID)]++
	}
	if len(mails) > 0 && err == nil {
		k, merr := batcher.SendMails(ctx, mails)
		for _, n := range mailed[:min(max(k, 0), len(mailed))] {
			done = append(done, n.ID)
			sent[strings.ToLower(n.MessageID)]++
		}
		if merr != nil {
			err = fmt.Errorf("notify: %d of %d e-mail notifications sent: %w", k, len(mails), merr)
		}
	}
	if len(done) > 0 {
		if merr := s.Store.MarkSent(ctx, done, s.Now()); merr != nil {
			return nil, errors.Join(err, merr)
		}
	}
	return sent, err
}

func contains[T comparable](set []T, v T) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

// List returns a page of the signed-in user's in-app notifications, newest first.
func (s *Notifications) List(ctx context.Context, unreadOnly bool, p Page) (NotificationPage, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return NotificationPage{}, ErrUnauthenticated
	}
	if p.First <= 0 {
		p.First = 20
	}
	if p.First > 100 {
		return NotificationPage{}, Invalid("first", "first must be at most 100", "每页最多100条")
	}
	return s.Store.ListNotifications(ctx, a.UserID, unreadOnly, p)
}

// UnreadCount counts the signed-in user's unread in-app notifications.
func (s *Notifications) UnreadCount(ctx context.Context) (int, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return 0, ErrUnauthenticated
	}
	return s.Store.UnreadCount(ctx, a.UserID)
}

// MarkRead marks the signed-in user's notifications among ids as read and returns how many were
// unread. Ids of other users' notifications are ignored, so they reveal nothing.
func (s *Notifications) MarkRead(ctx context.Context, ids []int64) (int, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return 0, ErrUnauthenticated
	}
	if len(ids) > 500 {
		return 0, Invalid("ids", "at most 500 ids at a time", "每次最多500条")
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return s.Store.MarkRead(ctx, a.UserID, ids, s.Now())
}

// --- Institution webhooks ---

// TopicWebhookDelivery is the outbox topic of a webhook delivery to make; the relay turns it into
// a delivery task.
const TopicWebhookDelivery = "webhook.delivery"

// Webhook headers.
const (
	HeaderWebhookTimestamp = "X-Redline-Timestamp"
	HeaderWebhookSignature = "X-Redline-Signature"
	HeaderWebhookDelivery  = "X-Redline-Delivery"
	HeaderWebhookEvent     = "X-Redline-Event"
)

// WebhookEventPing is the event of a test delivery.
const WebhookEventPing = "ping"

// Webhook is an institution's endpoint for complaint events. The secret signs every delivery.
type Webhook struct {
	InstitutionID int64
	URL           string
	Secret        string
	SetBy         int64
	UpdatedAt     time.Time
	// Replaces, when set, is the secret of the webhook this one replaces as SetWebhook read it (""
	// none): the store writes it only if that is still the one stored, else CONFLICT, reason
	// WEBHOOK_CHANGED (attack round 33: of two settings at once each caller was shown its secret
	// and only the last was kept, so one institution's receiver checked signatures with a secret
	// the platform no longer used). Nil writes without the check.
	Replaces *string
}

// ErrWebhookChanged is SetWebhook's answer when another setting of the institution's webhook was
// stored between its read and its write: nothing is written, and the secret it made is never shown.
var ErrWebhookChanged = &Error{Code: CodeConflict, Field: "institutionId", Reason: "WEBHOOK_CHANGED",
	Message:   "the institution's webhook was set by another request meanwhile; read it and set it again if you mean to replace it",
	MessageZH: "该机构的Webhook刚被另一请求设置，请刷新后再决定是否重新设置"}

// WebhookStatus is where a delivery stands.
type WebhookStatus string

// The delivery states.
const (
	WebhookPending   WebhookStatus = "PENDING"
	WebhookRetrying  WebhookStatus = "RETRYING"
	WebhookSucceeded WebhookStatus = "SUCCEEDED"
	WebhookFailed    WebhookStatus = "FAILED"
)

// WebhookDelivery is one event to deliver to one institution, with the log of its attempts.
type WebhookDelivery struct {
	ID            string
	InstitutionID int64
	MessageID     string // the outbox message that caused it; empty for pings
	Event         string // e.g. complaint.forwarded, ping
	Payload       map[string]any
	Status        WebhookStatus
	Attempts      []WebhookAttempt
	CreatedAt     time.Time
	DeliveredAt   time.Time
}

// Message is the outbox message that asks for the delivery to be made.
func (d WebhookDelivery) Message() Message {
	return Message{ID: d.ID, Topic: TopicWebhookDelivery, Payload: map[string]any{"deliveryId": d.ID}}
}

// WebhookAttempt is one try at a delivery.
type WebhookAttempt struct {
	Attempt     int // 1 for the first try
	StatusCode  int // 0 when no answer came
	Duration    time.Duration
	Error       string
	NextRetryAt time.Time // zero when no retry follows
	At          time.Time
}

// WebhookDeliveryPage is one page of an institution's deliveries, newest first.
type WebhookDeliveryPage struct {
	Deliveries []*WebhookDelivery
	Cursors    []string
	HasNext    bool
}

// WebhookStore is what webhooks need from storage.
type WebhookStore interface {
	// SetWebhook creates or replaces an institution's webhook and records the act in the audit log.
	SetWebhook(ctx context.Context, w Webhook, audit AuditEntry) error
	// Webhook returns an institution's webhook; NOT_FOUND when it has none.
	Webhook(ctx context.Context, institutionID int64) (*Webhook, error)
	// WebhookInstitutions returns those of the institutions that have a webhook.
	WebhookInstitutions(ctx context.Context, institutionIDs []int64) ([]int64, error)
	// CreateDelivery stores a delivery and its outbox message in one transaction.
	CreateDelivery(ctx context.Context, d WebhookDelivery) error
	// CreatePing stores a test delivery like CreateDelivery unless the institution's test
	// deliveries created after since number max already: then RATE_LIMITED and nothing is written.
	// Calls for one institution take turns, so parallel ones cannot overshoot.
	CreatePing(ctx context.Context, d WebhookDelivery, since time.Time, max int) error
	// Delivery returns a delivery without its attempts.
	Delivery(ctx context.Context, id string) (*WebhookDelivery, error)
	// RecordAttempt appends an attempt to a delivery's log and sets its status.
	RecordAttempt(ctx context.Context, deliveryID string, a WebhookAttempt, status WebhookStatus) error
	// Deliveries returns a page of an institution's deliveries with their attempts, newest first.
	Deliveries(ctx context.Context, institutionID int64, p Page) (WebhookDeliveryPage, error)
}

// WebhookTransport makes the HTTP request of a delivery.
type WebhookTransport interface {
	// Post sends body with the headers to url and returns the response's status code.
	Post(ctx context.Context, url string, header map[string]string, body []byte) (int, error)
}

// CanManageWebhook reports whether the actor may set, test and read the log of an institution's
// webhook: an admin, or the institution's own admin.
func CanManageWebhook(a Actor, institutionID int64) bool {
	return a.Role == RoleAdmin || (a.Role == RoleInstitutionAdmin && a.InstitutionID == institutionID)
}

func (s *Notifications) manage(ctx context.Context, institutionID int64) (Actor, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return a, ErrUnauthenticated
	}
	if !CanManageWebhook(a, institutionID) {
		return a, ErrForbidden
	}
	if _, err := s.Institutions.InstitutionByID(ctx, institutionID); err != nil {
		return a, err
	}
	return a, nil
}

// SetWebhook sets an institution's webhook URL with a new secret, and returns both; the secret
// is shown this once. Setting it again replaces URL and secret.
func (s *Notifications) SetWebhook(ctx context.Context, institutionID int64, rawURL string) (*Webhook, error) {
	a, err := s.manage(ctx, institutionID)
	if err != nil {
		return nil, err
	}
	u, err := s.checkWebhookURL(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	secret, err := NewWebhookSecret()
	if err != nil {
		return nil, err
	}
	replaces := ""
	if prev, err := s.Webhooks.Webhook(ctx, institutionID); err == nil {
		replaces = prev.Secret
	} else if CodeOf(err) != CodeNotFound {
		return nil, err
	}
	now := s.Now()
	w := Webhook{InstitutionID: institutionID, URL: u, Secret: secret, SetBy: a.UserID, UpdatedAt: now, Replaces: &replaces}
	audit := AuditEntry{ActorID: a.UserID, Action: "webhook.set", Target: "institution:" + strconv.FormatInt(institutionID, 10),
		Details: map[string]any{"url": u}, At: now}
	if err := s.Webhooks.SetWebhook(ctx, w, audit); err != nil {
		return nil, err
	}
	return &w, nil
}

// PingWebhook queues a test delivery to an institution's webhook and returns its id; at most
// WebhookPingsPerHour an hour per institution, then RATE_LIMITED.
func (s *Notifications) PingWebhook(ctx context.Context, institutionID int64) (string, error) {
	if _, err := s.manage(ctx, institutionID); err != nil {
		return "", err
	}
	if _, err := s.Webhooks.Webhook(ctx, institutionID); CodeOf(err) == CodeNotFound {
		return "", Invalid("institutionId", "this institution has no webhook; set one first", "该机构尚未设置Webhook")
	} else if err != nil {
		return "", err
	}
	now := s.Now()
	d := WebhookDelivery{ID: s.NewID(), InstitutionID: institutionID, Event: WebhookEventPing, Status: WebhookPending, CreatedAt: now}
	d.Payload = webhookPayload(d, nil)
	if err := s.Webhooks.CreatePing(ctx, d, now.Add(-time.Hour), WebhookPingsPerHour); err != nil {
		return "", err
	}
	return d.ID, nil
}

// WebhookPingsPerHour bounds an institution's test deliveries. Each is a request, retried up to 12
// times over a day, from the platform to a host and port the institution's admin chose: without
// a bound one admin had the regulator post 300 a minute anywhere (fourth attack pass), and a
// receiver that answers slowly holds one of the few webhook workers for up to 10 s an attempt
// (workers.WebhookTimeout).
const WebhookPingsPerHour = 10

// Deliveries returns a page of an institution's webhook deliveries with their attempts.
func (s *Notifications) Deliveries(ctx context.Context, institutionID int64, p Page) (WebhookDeliveryPage, error) {
	if _, err := s.manage(ctx, institutionID); err != nil {
		return WebhookDeliveryPage{}, err
	}
	if p.First <= 0 {
		p.First = 20
	}
	if p.First > 100 {
		return WebhookDeliveryPage{}, Invalid("first", "first must be at most 100", "每页最多100条")
	}
	return s.Webhooks.Deliveries(ctx, institutionID, p)
}

func (s *Notifications) webhookDeliveries(ctx context.Context, m Message, action Action, c *ComplaintParties, now time.Time, cache *audienceCache) ([]WebhookDelivery, error) {
	ids, err := cached(&cache.webhooks, institutionsKey(c.Recipients), func() ([]int64, error) {
		return s.Webhooks.WebhookInstitutions(ctx, c.Recipients)
	})
	if err != nil {
		return nil, err
	}
	from, _ := m.Payload["from"].(string)
	to, _ := m.Payload["to"].(string)
	data := map[string]any{"complaintId": c.ID, "reference": c.Reference, "action": string(action), "from": from, "to": to}
	out := make([]WebhookDelivery, 0, len(ids))
	for _, id := range ids {
		d := WebhookDelivery{ID: s.NewID(), InstitutionID: id, MessageID: m.ID,
			Event: "complaint." + strings.ToLower(string(action)), Status: WebhookPending, CreatedAt: now}
		d.Payload = webhookPayload(d, data)
		out = append(out, d)
	}
	return out, nil
}

// webhookPayload is the JSON body of a delivery (docs/WEBHOOKS.md). It names the complaint by id
// and reference only; the institution reads the rest through the API, under its own permissions.
func webhookPayload(d WebhookDelivery, data map[string]any) map[string]any {
	if data == nil {
		data = map[string]any{}
	}
	return map[string]any{"id": d.ID, "event": d.Event, "institutionId": strconv.FormatInt(d.InstitutionID, 10),
		"createdAt": d.CreatedAt.UTC().Format(time.RFC3339), "data": data}
}

// WebhookFailure is a delivery attempt that did not succeed. Permanent failures (a 4xx other than
// 408 and 429, no webhook configured) are not retried.
type WebhookFailure struct {
	StatusCode int
	Permanent  bool
	Reason     string
}

// Error implements error.
func (f *WebhookFailure) Error() string {
	if f.StatusCode != 0 {
		return fmt.Sprintf("webhook: receiver answered %d: %s", f.StatusCode, f.Reason)
	}
	return "webhook: " + f.Reason
}

// DeliverWebhook makes one attempt at a delivery and records it. attempt counts from 1; nextRetry
// is when the queue will try again should this attempt fail, zero if it will not. A delivery that
// already succeeded is not sent again. The error is a *WebhookFailure when the receiver did not
// take the delivery.
func (s *Notifications) DeliverWebhook(ctx context.Context, deliveryID string, attempt int, nextRetry time.Time) error {
	d, err := s.Webhooks.Delivery(ctx, deliveryID)
	if err != nil {
		return err
	}
	if d.Status == WebhookSucceeded {
		return nil
	}
	start := s.Now()
	rec := WebhookAttempt{Attempt: attempt, At: start}
	w, err := s.Webhooks.Webhook(ctx, d.InstitutionID)
	if CodeOf(err) == CodeNotFound {
		f := &WebhookFailure{Permanent: true, Reason: "the institution has no webhook"}
		rec.Error = f.Reason
		return errors.Join(f, s.Webhooks.RecordAttempt(ctx, d.ID, rec, WebhookFailed))
	}
	if err != nil {
		return err
	}
	body, err := json.Marshal(d.Payload)
	if err != nil {
		return fmt.Errorf("webhook: encode delivery %s: %w", d.ID, err)
	}
	ts := strconv.FormatInt(start.Unix(), 10)
	header := map[string]string{
		"Content-Type":         "application/json",
		HeaderWebhookTimestamp: ts,
		HeaderWebhookSignature: SignWebhook(w.Secret, ts, body),
		HeaderWebhookDelivery:  d.ID,
		HeaderWebhookEvent:     d.Event,
	}
	if _, err := s.checkStaticWebhookURL(w.URL); err != nil {
		de, _ := AsError(err)
		f := &WebhookFailure{Permanent: true, Reason: "the URL is no longer allowed: " + de.Message}
		rec.Error = f.Error()
		return errors.Join(f, s.Webhooks.RecordAttempt(ctx, d.ID, rec, WebhookFailed))
	}
	code, postErr := s.Transport.Post(ctx, w.URL, header, body)
	rec.StatusCode, rec.Duration = code, s.Now().Sub(start)
	var failure *WebhookFailure
	switch {
	case postErr != nil:
		failure = &WebhookFailure{Reason: truncate(postErr.Error(), 500)}
	case code >= 200 && code < 300:
	case code == 408 || code == 429 || code >= 500:
		failure = &WebhookFailure{StatusCode: code, Reason: "will retry"}
	default:
		failure = &WebhookFailure{StatusCode: code, Permanent: true, Reason: "not retried"}
	}
	status := WebhookSucceeded
	if failure != nil {
		rec.Error = failure.Error()
		status = WebhookFailed
		if !failure.Permanent && !nextRetry.IsZero() {
			status, rec.NextRetryAt = WebhookRetrying, nextRetry
		}
	}
	if err := s.Webhooks.RecordAttempt(ctx, d.ID, rec, status); err != nil {
		return err
	}
	if failure != nil {
		return failure
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// NewWebhookSecret returns a random secret for signing deliveries.
func NewWebhookSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhook: secret: %w", err)
	}
	return "whsec_" + hex.EncodeToString(b), nil
}

// SignWebhook returns the X-Redline-Signature value of a delivery: "sha256=" and the hex
// HMAC-SHA256, keyed with the secret, of the timestamp, a dot and the body.
func SignWebhook(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write([]byte("."))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Errors of VerifyWebhookSignature.
var (
	ErrWebhookSignature = errors.New("webhook: signature does not match")
	ErrWebhookStale     = errors.New("webhook: timestamp outside the tolerance")
)

// VerifyWebhookSignature checks a delivery as a receiver should: the signature must match the
// timestamp and the exact body received, compared in constant time, and when tolerance is not zero
// the timestamp must lie within tolerance of now, so that a captured delivery cannot be replayed.
func VerifyWebhookSignature(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	want := SignWebhook(secret, timestamp, body)
	if !hmac.Equal([]byte(want), []byte(signature)) {
		return ErrWebhookSignature
	}
	if tolerance > 0 {
		sec, err := strconv.ParseInt(timestamp, 10, 64)
		if err != nil {
			return ErrWebhookStale
		}
		if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
			return ErrWebhookStale
		}
	}
	return nil
}

// DefaultWebhookPorts are the ports a production webhook URL may name when REDLINE_WEBHOOK_PORTS
// is not set: https's own. Any other port let an institution's admin have the platform post to
// whatever service listens on a public host (found by hand, session 11).
var DefaultWebhookPorts = []int{443}

// Reasons a webhook URL is refused, in extensions.reason.
const (
	WebhookReasonMalformed  = "MALFORMED"
	WebhookReasonHTTPS      = "HTTPS_REQUIRED"
	WebhookReasonPort       = "PORT_NOT_ALLOWED"
	WebhookReasonLocal      = "NOT_PUBLIC"
	WebhookReasonUnresolved = "UNRESOLVABLE"
)

func webhookURLError(reason, en, zh string) *Error {
	e := Invalid("url", en, zh)
	e.Reason = reason
	return e
}

// webhookPorts are the ports allowed in production.
func (s *Notifications) webhookPorts() []int {
	if len(s.WebhookPorts) == 0 {
		return DefaultWebhookPorts
	}
	return s.WebhookPorts
}

// checkStaticWebhookURL checks what a webhook URL says by itself: absolute, no credentials or
// fragment, http or https; in production https on an allowed port, not a local name, not a
// non-public literal address. It is checked when the URL is set and again before each delivery
// (a URL stored before a rule tightened is not posted to).
func (s *Notifications) checkStaticWebhookURL(raw string) (*url.URL, error) {
	if len(raw) > 2000 {
		return nil, webhookURLError(WebhookReasonMalformed, "the URL is too long", "URL过长")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return nil, webhookURLError(WebhookReasonMalformed, "not an absolute URL", "URL格式无效")
	}
	if u.User != nil {
		return nil, webhookURLError(WebhookReasonMalformed, "the URL must not contain a user name or password", "URL中不能包含用户名或密码")
	}
	if u.Fragment != "" {
		return nil, webhookURLError(WebhookReasonMalformed, "the URL must not contain a fragment", "URL中不能包含片段标识")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && !s.Production:
	case u.Scheme == "http":
		return nil, webhookURLError(WebhookReasonHTTPS, "webhooks must use https", "Webhook必须使用https")
	default:
		return nil, webhookURLError(WebhookReasonMalformed, "the URL must start with https://", "URL须以https://开头")
	}
	if !s.Production {
		return u, nil
	}
	port := 443
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, webhookURLError(WebhookReasonMalformed, "the port is not a number", "端口号无效")
		}
	}
	if allowed := s.webhookPorts(); !slices.Contains(allowed, port) {
		ps := make([]string, len(allowed))
		for i, p := range allowed {
			ps[i] = strconv.Itoa(p)
		}
		list := strings.Join(ps, ", ")
		return nil, webhookURLError(WebhookReasonPort, "webhooks are delivered to port "+list+" only; leave the port out of the URL",
			"Webhook只能发送到端口"+list+"，请在URL中省略端口号")
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return nil, webhookURLError(WebhookReasonLocal, "the URL must not point to this machine", "URL不能指向本机")
	}
	if a, err := netip.ParseAddr(host); err == nil && !PublicAddress(a) {
		return nil, errNotPublic()
	}
	return u, nil
}

func errNotPublic() *Error {
	return webhookURLError(WebhookReasonLocal, "the URL must point to a public address, not a private or loopback one", "URL须指向公网地址，不能是内网或本机地址")
}

// checkWebhookURL validates a webhook URL (checkStaticWebhookURL) and, in production, that its host
// resolves only to public addresses. The production transport checks the address again when it
// connects, so a host re-pointed later (DNS rebinding) is refused too.
func (s *Notifications) checkWebhookURL(ctx context.Context, raw string) (string, error) {
	u, err := s.checkStaticWebhookURL(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	if s.Production {
		addrs, err := s.lookup(ctx, u.Hostname())
		if err != nil || len(addrs) == 0 {
			return "", webhookURLError(WebhookReasonUnresolved, "the host name cannot be resolved", "无法解析该主机名")
		}
		for _, a := range addrs {
			if !PublicAddress(a) {
				return "", errNotPublic()
			}
		}
	}
	return u.String(), nil
}

func (s *Notifications) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	if s.LookupHost != nil {
		return s.LookupHost(ctx, host)
	}
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// specialPurpose are the blocks of the IANA IPv4 and IPv6 Special-Purpose Address Registries
// (RFC 6890 and its updates), multicast, and the deprecated IPv4-compatible IPv6 block. A webhook
// may reach none of them: besides private and loopback space they hold translators and tunnels
// (NAT64, 6to4, Teredo) that lead back to internal IPv4 addresses, benchmarking and documentation
// space, and anycast services.
var specialPurpose = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		// IPv4
		"0.0.0.0/8",          // "this network"
		"10.0.0.0/8",         // private-use
		"100.64.0.0/10",      // shared address space (carrier-grade NAT)
		"127.0.0.0/8",        // loopback
		"169.254.0.0/16",     // link-local (cloud metadata services)
		"172.16.0.0/12",      // private-use
		"192.0.0.0/24",       // IETF protocol assignments (DS-Lite, NAT64 discovery, PCP and TURN anycast)
		"192.0.2.0/24",       // documentation (TEST-NET-1)
		"192.31.196.0/24",    // AS112-v4
		"192.52.193.0/24",    // AMT
		"192.88.99.0/24",     // deprecated 6to4 relay anycast
		"192.168.0.0/16",     // private-use
		"192.175.48.0/24",    // direct delegation AS112 service
		"198.18.0.0/15",      // benchmarking
		"198.51.100.0/24",    // documentation (TEST-NET-2)
		"203.0.113.0/24",     // documentation (TEST-NET-3)
		"224.0.0.0/4",        // multicast
		"240.0.0.0/4",        // reserved
		"255.255.255.255/32", // limited broadcast
		// IPv6
		"::/128",            // unspecified
		"::1/128",           // loopback
		"::/96",             // deprecated IPv4-compatible
		"::ffff:0:0/96",     // IPv4-mapped (checked again as IPv4 too)
		"64:ff9b::/96",      // IPv4-IPv6 translation (NAT64)
		"64:ff9b:1::/48",    // local-use IPv4-IPv6 translation
		"100::/64",          // discard-only
		"100:0:0:1::/64",    // dummy IPv6 prefix
		"2001::/23",         // IETF protocol assignments: Teredo 2001::/32, benchmarking, AMT, AS112, ORCHID
		"2001:db8::/32",     // documentation
		"2002::/16",         // 6to4
		"2620:4f:8000::/48", // direct delegation AS112 service
		"3fff::/20",         // documentation
		"5f00::/16",         // segment routing (SRv6) SIDs
		"fc00::/7",          // unique-local
		"fe80::/10",         // link-local
		"ff00::/8",          // multicast
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// globalUnicast6 is the only IPv6 space IANA allocates as global unicast.
var globalUnicast6 = netip.MustParsePrefix("2000::/3")

// PublicAddress reports whether an IP address is routable on the public internet: in no block of
// the IANA special-purpose registries (private, loopback, link-local, shared, translation and
// tunnel, documentation, benchmarking, reserved, multicast), and for IPv6 within 2000::/3. An
// IPv4-mapped IPv6 address is judged by its IPv4 address.
func PublicAddress(a netip.Addr) bool {
	a = a.WithZone("")
	if !a.IsValid() {
		return false
	}
	if a.Is4In6() {
		a = a.Unmap()
	}
	if a.Is6() && !globalUnicast6.Contains(a) {
		return false
	}
	for _, p := range specialPurpose {
		if p.Contains(a) {
			return false
		}
	}
	return a.IsGlobalUnicast()
}

// deadlineNotice fills a deadline notice's audiences from its message (e-mail too, to each of
// them).
func deadlineNotice(rule noticeRule, payload map[string]any) noticeRule {
	aus, _ := payload["audiences"].([]any)
	for _, a := range aus {
		if s, ok := a.(string); ok {
			rule.to = append(rule.to, Audience(s))
		}
	}
	if ss, ok := payload["audiences"].([]string); ok { // not yet through JSON
		for _, s := range ss {
			rule.to = append(rule.to, Audience(s))
		}
	}
	rule.email = rule.to
	// An institution's webhook hears of a breach of its own clock only (institutionNotice narrows
	// the recipients to it), as its users do: the complainant's feedback window and the
	// regulator's clocks name no institution among their audiences (attack round 16).
	rule.webhook = rule.webhook && slices.Contains(rule.to, AudienceInstitution)
	return rule
}

// institutionNotice narrows the institution audience (users and webhooks) of a notice about one
// institution (its deadline, its extension, its answer: the message's institutionId) to it.
func institutionNotice(payload map[string]any, c *ComplaintParties) *ComplaintParties {
	v, ok := payload["institutionId"]
	if !ok {
		return c
	}
	cc := *c
	cc.Recipients = nil // none but a recipient of the complaint
	if inst := anyInt64(v); inst > 0 && slices.Contains(c.Recipients, inst) {
		cc.Recipients = []int64{inst}
	}
	return &cc
}

// payloadNotice words a notice from what its message carries (session 36):
//   - the receipt of a complaint states the time the acceptance clock's policy gives (acceptDays,
//     acceptUnit), not a fixed "7 working days": a regulator's policy may give 5 working days or
//     10 calendar days, and the notice promised what the clock did not hold;
//   - the end of an outside-appraisal pause that the deadline sweep ended at its longest (limit
//     MAX_APPRAISAL_DAYS) says so: it read "the appraisal is done", as if the institution had ended
//     it, when the regulator's limit had.
func payloadNotice(action Action, rule noticeRule, payload map[string]any) noticeRule {
	switch action {
	case ActionFile:
		days := anyInt64(payload["acceptDays"])
		unit, _ := payload["acceptUnit"].(string)
		if days <= 0 {
			return rule
		}
		zh, en := fmt.Sprintf("%d个自然日", days), fmt.Sprintf("%d calendar day%s", days, plural(days))
		if unit == "WORKING_DAYS" {
			zh, en = fmt.Sprintf("%d个工作日", days), fmt.Sprintf("%d working day%s", days, plural(days))
		}
		rule.youZH = "您的投诉 %s 已收到，我们将在" + zh + "内决定是否受理。"
		rule.youEN = "We received your complaint %s and will decide within " + en + " whether to accept it."
	case ActionEndAppraisal:
		if limit, _ := payload["limit"].(string); limit != LimitMaxAppraisalDays {
			return rule
		}
		days := anyInt64(payload["maxDays"])
		zhDays, enDays := "", ""
		if days > 0 {
			zhDays, enDays = fmt.Sprintf("（%d天）", days), fmt.Sprintf(" (%d days)", days)
		}
		rule.titleZH, rule.titleEN = "暂停已达上限，答复期限恢复计算", "Pause limit reached: deadline running again"
		rule.youZH = "对您的投诉 %s 的外部鉴定暂停已达监管规定的最长期限" + zhDays + "，平台已按规定恢复机构答复期限的计算；这不表示机构告知鉴定已结束。"
		rule.youEN = "The pause for an outside appraisal on your complaint %s reached the longest the regulator allows" + enDays +
			"; the platform restarted the institution's deadline under that rule (this does not mean the institution reported the appraisal finished)."
		rule.zh = "投诉 %s 的外部鉴定暂停已达监管规定的最长期限" + zhDays + "，平台已恢复答复期限计算。"
		rule.en = "The outside-appraisal pause on complaint %s reached the regulator's limit" + enDays + "; the platform restarted the deadline."
	}
	return rule
}

func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}
