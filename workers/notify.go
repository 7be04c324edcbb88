package workers

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/smtp"
	neturl "net/url"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/domain"
)

// NotificationDispatchPayload carries an outbox message whose parties are to be notified.
type NotificationDispatchPayload struct {
	MessageID string         `json:"messageId"`
	Topic     string         `json:"topic"`
	Payload   map[string]any `json:"payload"`
}

// NewNotificationDispatchTask builds a notification:dispatch task for an outbox message.
func NewNotificationDispatchTask(m domain.Message) (*asynq.Task, error) {
	return newTask(TypeNotificationDispatch, NotificationDispatchPayload{MessageID: m.ID, Topic: m.Topic, Payload: m.Payload},
		asynq.Queue(QueueDefault), asynq.MaxRetry(10))
}

// TypeNotificationDispatchBatch is notification:dispatch for the messages of a relayed batch.
const TypeNotificationDispatchBatch = "notification:dispatch-batch"

// NotificationDispatchBatchPayload carries up to domain.NotifyBatchSize outbox messages whose
// parties are to be notified.
type NotificationDispatchBatchPayload struct {
	Messages []NotificationDispatchPayload `json:"messages"`
}

// NewNotificationDispatchBatchTask builds a notification:dispatch-batch task for outbox messages.
func NewNotificationDispatchBatchTask(ms []domain.Message) (*asynq.Task, error) {
	p := NotificationDispatchBatchPayload{Messages: make([]NotificationDispatchPayload, len(ms))}
	for i, m := range ms {
		p.Messages[i] = NotificationDispatchPayload{MessageID: m.ID, Topic: m.Topic, Payload: m.Payload}
	}
	return newTask(TypeNotificationDispatchBatch, p, asynq.Queue(QueueDefault), asynq.MaxRetry(10))
}

// WebhookDeliverPayload names a webhook delivery to attempt.
type WebhookDeliverPayload struct {
	DeliveryID string `json:"deliveryId"`
}

// WebhookMaxRetry is how often a failed delivery is retried; with DefaultWebhookBackoff the last
// retry comes about 29 hours after the first attempt.
const WebhookMaxRetry = 12

// NewWebhookDeliverTask builds a webhook:deliver task.
func NewWebhookDeliverTask(deliveryID string) (*asynq.Task, error) {
	return newTask(TypeWebhookDeliver, WebhookDeliverPayload{DeliveryID: deliveryID}, asynq.Queue(QueueWebhooks), asynq.MaxRetry(WebhookMaxRetry),
		asynq.Timeout(WebhookTimeout+20*time.Second)) // the attempt, and writing it down
}

// Backoff returns how long to wait before the next try after a task failed retried times before.
type Backoff func(retried int) time.Duration

// DefaultWebhookBackoff doubles from 30 s up to 12 h: 30 s, 1 min, 2 min, … 8.5 h, 12 h.
func DefaultWebhookBackoff(retried int) time.Duration {
	if retried > 10 {
		return 12 * time.Hour
	}
	return 30 * time.Second << retried
}

func (h *Handlers) webhookBackoff() Backoff {
	if h.WebhookBackoff != nil {
		return h.WebhookBackoff
	}
	return DefaultWebhookBackoff
}

// RetryDelay is the server's retry delay: a task whose worker died (asynq's recoverer found its lease
// expired) runs again after a second, since it did not fail and every handler is idempotent; webhook
// deliveries back off by the handlers' schedule (the one the delivery log shows as "next retry"),
// other tasks by asynq's default.
func (h *Handlers) RetryDelay(n int, err error, t *asynq.Task) time.Duration {
	if errors.Is(err, asynq.ErrLeaseExpired) {
		return time.Second
	}
	if t.Type() == TypeWebhookDeliver {
		return h.webhookBackoff()(n)
	}
	return asynq.DefaultRetryDelayFunc(n, err, t)
}

// RetryDelay is the retry delay of a server whose handlers use the default schedules.
func RetryDelay(n int, err error, t *asynq.Task) time.Duration {
	return (&Handlers{}).RetryDelay(n, err, t)
}

func (h *Handlers) dispatchNotifications(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t, TypeNotificationDispatch, func(p NotificationDispatchPayload) bool { return domain.IsUUID(p.MessageID) })
	if err != nil {
		return err
	}
	res, err := h.Notifications.Dispatch(ctx, domain.Message{ID: p.MessageID, Topic: p.Topic, Payload: p.Payload})
	if err != nil {
		return failed("notification:dispatch "+p.MessageID, err, domain.CodeNotFound, domain.CodeInvalid)
	}
	slog.InfoContext(ctx, "notifications dispatched", "message", p.MessageID, "kind", res.Kind,
		"complaint", res.ComplaintReference, "new", res.Notifications, "sent", res.Sent)
	return nil
}

// dispatchNotificationsBatch is dispatchNotifications for several messages, sharing reads and one
// transaction; a message that cannot be dispatched for good (no complaint, nothing to notify it
// by) is logged and left out, as notification:dispatch gives it up.
func (h *Handlers) dispatchNotificationsBatch(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t, TypeNotificationDispatchBatch, func(p NotificationDispatchBatchPayload) bool {
		return len(p.Messages) > 0 && len(p.Messages) <= domain.NotifyBatchSize
	})
	if err != nil {
		return err
	}
	ms := make([]domain.Message, len(p.Messages))
	for i, m := range p.Messages {
		if m.MessageID == "" {
			return permanent(fmt.Errorf("notification:dispatch-batch: message %d has no id", i))
		}
		ms[i] = domain.Message{ID: m.MessageID, Topic: m.Topic, Payload: m.Payload}
	}
	res, err := h.Notifications.DispatchMany(ctx, ms)
	var retry []error
	for _, e := range unjoin(err) {
		var de *domain.DispatchError
		if errors.As(e, &de) {
			switch domain.CodeOf(de.Err) {
			case domain.CodeNotFound, domain.CodeInvalid:
				slog.ErrorContext(ctx, "message cannot be dispatched; skipped", "message", de.MessageID, "err", de.Err)
				continue
			}
		}
		retry = append(retry, e)
	}
	if len(retry) > 0 {
		return fmt.Errorf("notification:dispatch-batch of %d messages: %w", len(ms), errors.Join(retry...))
	}
	for i, r := range res {
		slog.InfoContext(ctx, "notifications dispatched", "message", ms[i].ID, "kind", r.Kind,
			"complaint", r.ComplaintReference, "new", r.Notifications, "sent", r.Sent, "batch", len(ms))
	}
	return nil
}

func (h *Handlers) deliverWebhook(ctx context.Context, t *asynq.Task) error {
	p, err := decode(t, TypeWebhookDeliver, func(p WebhookDeliverPayload) bool { return domain.IsUUID(p.DeliveryID) })
	if err != nil {
		return err
	}
	retried, _ := asynq.GetRetryCount(ctx)
	maxRetry, _ := asynq.GetMaxRetry(ctx)
	var next time.Time
	if retried < maxRetry {
		next = time.Now().UTC().Add(h.webhookBackoff()(retried))
	}
	err = h.Notifications.DeliverWebhook(ctx, p.DeliveryID, retried+1, next)
	var f *domain.WebhookFailure
	if errors.As(err, &f) && f.Permanent || domain.CodeOf(err) == domain.CodeNotFound {
		return permanent(fmt.Errorf("webhook:deliver %s: %w", p.DeliveryID, err))
	}
	if err != nil {
		return fmt.Errorf("webhook:deliver %s (attempt %d): %w", p.DeliveryID, retried+1, err)
	}
	slog.InfoContext(ctx, "webhook delivered", "delivery", p.DeliveryID, "attempt", retried+1)
	return nil
}

// WebhookTimeout bounds one delivery attempt, from dialling to the end of the receiver's answer
// (GitHub's webhooks give receivers 10 s too): a receiver that takes longer fails the attempt,
// which is retried on the backoff schedule.
const WebhookTimeout = 10 * time.Second

// HTTPTransport posts webhook deliveries. It follows no redirects and, when Production is set,
// connects only to public addresses and the allowed ports, checked at dial time so that a host
// name re-pointed after the URL was accepted cannot reach the internal network.
type HTTPTransport struct {
	client *http.Client
}

// NewHTTPTransport builds the webhook transport; production restricts it to public addresses on
// the given ports (none given: domain.DefaultWebhookPorts).
func NewHTTPTransport(production bool, ports ...int) *HTTPTransport {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	if len(ports) == 0 {
		ports = domain.DefaultWebhookPorts
	}
	if production {
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !domain.PublicAddress(ap.Addr()) {
				return fmt.Errorf("webhook: refusing to connect to non-public address %s", address)
			}
			if !slices.Contains(ports, int(ap.Port())) {
				return fmt.Errorf("webhook: refusing to connect to port %d", ap.Port())
			}
			return nil
		}
	}
	tr := &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: 5 * time.Second,
		ResponseHeaderTimeout: WebhookTimeout, MaxIdleConnsPerHost: 4, IdleConnTimeout: 90 * time.Second}
	if !production {
		tr.Proxy = http.ProxyFromEnvironment
	}
	return &HTTPTransport{client: &http.Client{Transport: tr, Timeout: WebhookTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Post implements domain.WebhookTransport. Its errors name the URL's scheme and host only: the
// path and query of a webhook URL often hold the receiver's secret (hooks.example.com/T01/B02/<key>),
// and net/http's errors repeat the whole URL into the task logs (found by hand).
func (t *HTTPTransport) Post(ctx context.Context, url string, header map[string]string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, errors.New("the URL cannot be posted to")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", "redline-webhooks/1")
	resp, err := t.client.Do(req)
	if err != nil {
		var ue *neturl.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, fmt.Errorf("post to %s://%s: %w", req.URL.Scheme, req.URL.Host, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
	return resp.StatusCode, nil
}

// SMTPMailer sends notification e-mails through an SMTP server (STARTTLS when offered, PLAIN
// authentication when a user name is set).
type SMTPMailer struct {
	Addr     string // host:port
	From     string
	Username string
	Password string
}

// SendMail implements domain.Mailer. Its errors never contain the recipient's address.
func (m *SMTPMailer) SendMail(ctx context.Context, to string, n *domain.Notification) error {
	if err := m.send(ctx, to, m.message(to, n)); err != nil {
		return fmt.Errorf("smtp: %s", strings.ReplaceAll(err.Error(), to, "<recipient>"))
	}
	slog.InfoContext(ctx, "e-mail notification sent", "kind", n.Kind, "complaint", n.ComplaintReference, "recipient", n.RecipientID)
	return nil
}

func (m *SMTPMailer) message(to string, n *domain.Notification) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\n",
		m.From, to, mime.BEncoding.Encode("UTF-8", n.TitleZH+" / "+n.TitleEN), time.Now().Format(time.RFC1123Z))
	b.WriteString("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(n.BodyZH + "\r\n\r\n" + n.BodyEN + "\r\n"))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.Bytes()
}

func (m *SMTPMailer) send(ctx context.Context, to string, msg []byte) error {
	host, _, err := net.SplitHostPort(m.Addr)
	if err != nil {
		return fmt.Errorf("SMTP_ADDR %q is not host:port", m.Addr)
	}
	conn, err := (&net.Dialer{Timeout: 10 * time.Second}).DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return err
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(30 * time.Second)
	}
	_ = conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
	}
	if m.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", m.Username, m.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.From); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}
