package domain_test

import (
	"context"
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

func TestVerifyWebhookSignature(t *testing.T) {
	const secret = "whsec_test"
	now := time.Unix(1_760_000_000, 0)
	ts := strconv.FormatInt(now.Unix(), 10)
	body := []byte(`{"event":"complaint.forwarded","data":{"reference":"RL-2026-00000001"}}`)
	sig := domain.SignWebhook(secret, ts, body)
	if !strings.HasPrefix(sig, "sha256=") || len(sig) != len("sha256=")+64 {
		t.Fatalf("signature %q is not sha256=<64 hex digits>", sig)
	}
	tests := []struct {
		name            string
		secret, ts, sig string
		body            []byte
		now             time.Time
		want            error
	}{
		{"OK", secret, ts, sig, body, now, nil},
		{"OKWithinTolerance", secret, ts, sig, body, now.Add(4 * time.Minute), nil},
		{"TamperedBody", secret, ts, sig, []byte(strings.Replace(string(body), "0001", "0002", 1)), now, domain.ErrWebhookSignature},
		{"WrongSecret", "whsec_other", ts, sig, body, now, domain.ErrWebhookSignature},
		{"TimestampChanged", secret, strconv.FormatInt(now.Unix()+1, 10), sig, body, now, domain.ErrWebhookSignature},
		{"Stale", secret, ts, sig, body, now.Add(10 * time.Minute), domain.ErrWebhookStale},
		{"NoPrefix", secret, ts, strings.TrimPrefix(sig, "sha256="), body, now, domain.ErrWebhookSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := domain.VerifyWebhookSignature(tt.secret, tt.ts, tt.sig, tt.body, tt.now, 5*time.Minute)
			if !errors.Is(err, tt.want) {
				t.Fatalf("VerifyWebhookSignature = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestPublicAddress(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.216.34": true, "2606:2800:220:1::1": true,
		"127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false, "169.254.169.254": false,
		"100.64.0.1": false, "0.0.0.0": false, "::1": false, "fe80::1": false, "fc00::1": false, "::ffff:10.0.0.1": false,
		"224.0.0.1": false,
	} {
		if got := domain.PublicAddress(netip.MustParseAddr(addr)); got != want {
			t.Errorf("PublicAddress(%s) = %v, want %v", addr, got, want)
		}
	}
}

// webhookFakes are just enough storage for SetWebhook.
type webhookFakes struct {
	domain.WebhookStore
	set []domain.Webhook
}

func (f *webhookFakes) Webhook(context.Context, int64) (*domain.Webhook, error) {
	return nil, domain.ErrNotFound
}

func (f *webhookFakes) SetWebhook(_ context.Context, w domain.Webhook, _ domain.AuditEntry) error {
	f.set = append(f.set, w)
	return nil
}

type institutionFake struct{ domain.InstitutionStore }

func (institutionFake) InstitutionByID(_ context.Context, id int64) (*domain.Institution, error) {
	if id != 7 && id != 8 {
		return nil, domain.ErrNotFound
	}
	return &domain.Institution{ID: id, Name: "test bank", Kind: domain.KindBank}, nil
}

func TestSetWebhook(t *testing.T) {
	lookup := func(_ context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "hooks.bank.example":
			return []netip.Addr{netip.MustParseAddr("93.184.216.34")}, nil
		case "internal.bank.example": // a public name that points inside
			return []netip.Addr{netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("10.0.0.5")}, nil
		}
		return nil, errors.New("no such host")
	}
	service := func(production bool) (*domain.Notifications, *webhookFakes) {
		f := &webhookFakes{}
		return &domain.Notifications{Webhooks: f, Institutions: institutionFake{}, Production: production, LookupHost: lookup,
			Now: func() time.Time { return time.Unix(1_760_000_000, 0).UTC() }}, f
	}
	admin := domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleAdmin})
	instAdmin := domain.WithActor(context.Background(), domain.Actor{UserID: 2, Role: domain.RoleInstitutionAdmin, InstitutionID: 7})
	agent := domain.WithActor(context.Background(), domain.Actor{UserID: 3, Role: domain.RoleInstitutionAgent, InstitutionID: 7})

	tests := []struct {
		name       string
		ctx        context.Context
		production bool
		inst       int64
		url        string
		code       domain.ErrorCode // "" means OK
	}{
		{"OKAdminHTTPS", admin, true, 7, "https://hooks.bank.example/redline", ""},
		{"OKOwnInstitutionAdmin", instAdmin, true, 7, "https://hooks.bank.example/redline", ""},
		{"OKHTTPInDev", admin, false, 7, "http://127.0.0.1:9000/hook", ""},
		{"ErrOtherInstitution", instAdmin, true, 8, "https://hooks.bank.example/redline", domain.CodeForbidden},
		{"ErrAgent", agent, true, 7, "https://hooks.bank.example/redline", domain.CodeForbidden},
		{"ErrAnonymous", context.Background(), true, 7, "https://hooks.bank.example/redline", domain.CodeUnauthenticated},
		{"ErrNoInstitution", admin, true, 99, "https://hooks.bank.example/redline", domain.CodeNotFound},
		{"ErrHTTPInProduction", admin, true, 7, "http://hooks.bank.example/redline", domain.CodeInvalid},
		{"ErrLoopbackInProduction", admin, true, 7, "https://127.0.0.1/hook", domain.CodeInvalid},
		{"ErrPrivateInProduction", admin, true, 7, "https://192.168.0.10/hook", domain.CodeInvalid},
		{"ErrLocalhostInProduction", admin, true, 7, "https://localhost/hook", domain.CodeInvalid},
		{"ErrResolvesPrivateInProduction", admin, true, 7, "https://internal.bank.example/hook", domain.CodeInvalid},
		{"ErrUnresolvableInProduction", admin, true, 7, "https://nowhere.example/hook", domain.CodeInvalid},
		{"ErrCredentials", admin, false, 7, "https://user:pw@hooks.bank.example/hook", domain.CodeInvalid},
		{"ErrNotAURL", admin, false, 7, "hooks.bank.example/hook", domain.CodeInvalid},
		{"ErrScheme", admin, false, 7, "ftp://hooks.bank.example/hook", domain.CodeInvalid},
		// Session 11: only https's port in production, unless REDLINE_WEBHOOK_PORTS allows more.
		{"OKExplicitPort443", admin, true, 7, "https://hooks.bank.example:443/redline", ""},
		{"ErrOtherPortInProduction", admin, true, 7, "https://hooks.bank.example:8443/redline", domain.CodeInvalid},
		{"ErrSMTPPortInProduction", admin, true, 7, "https://hooks.bank.example:25/redline", domain.CodeInvalid},
		{"ErrPort80InProduction", admin, true, 7, "https://hooks.bank.example:80/redline", domain.CodeInvalid},
		{"OKAnyPortInDev", admin, false, 7, "https://hooks.bank.example:8443/redline", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, f := service(tt.production)
			w, err := s.SetWebhook(tt.ctx, tt.inst, tt.url)
			if tt.code != "" {
				if domain.CodeOf(err) != tt.code {
					t.Fatalf("SetWebhook = %v, want %s", err, tt.code)
				}
				if de, _ := domain.AsError(err); tt.code == domain.CodeInvalid && (de.Field != "url" || de.Reason == "") {
					t.Errorf("field = %q, reason %q; want url and a reason", de.Field, de.Reason)
				}
				if len(f.set) != 0 {
					t.Errorf("a rejected webhook was stored: %+v", f.set)
				}
				return
			}
			if err != nil {
				t.Fatalf("SetWebhook: %v", err)
			}
			if !strings.HasPrefix(w.Secret, "whsec_") || len(w.Secret) < 40 || w.URL != tt.url {
				t.Errorf("webhook = %+v", w)
			}
			if len(f.set) != 1 || f.set[0].Secret != w.Secret {
				t.Errorf("stored %+v", f.set)
			}
		})
	}
}

// TestWebhookURLPortsAndReasons: an institution's admin could have the platform post to any port of
// any public host (a mail server's 25, an admin console's 8080: found by hand, session 11). In
// production a webhook URL names https's port or one REDLINE_WEBHOOK_PORTS allows, refused with a
// reason a client can act on; a URL stored before is not posted to.
func TestWebhookURLPortsAndReasons(t *testing.T) {
	lookup := func(_ context.Context, host string) ([]netip.Addr, error) {
		if host == "inside.example" {
			return []netip.Addr{netip.MustParseAddr("10.1.2.3")}, nil
		}
		if host == "hooks.bank.example" {
			return []netip.Addr{netip.MustParseAddr("93.184.216.34")}, nil
		}
		return nil, errors.New("no such host")
	}
	admin := domain.WithActor(context.Background(), domain.Actor{UserID: 1, Role: domain.RoleAdmin})
	for _, tc := range []struct {
		ports  []int
		url    string
		reason string // "" means accepted
	}{
		{nil, "https://hooks.bank.example/h", ""},
		{nil, "https://hooks.bank.example:8443/h", domain.WebhookReasonPort},
		{[]int{443, 8443}, "https://hooks.bank.example:8443/h", ""},
		{[]int{443, 8443}, "https://hooks.bank.example:9000/h", domain.WebhookReasonPort},
		{[]int{8443}, "https://hooks.bank.example/h", domain.WebhookReasonPort},
		{nil, "http://hooks.bank.example/h", domain.WebhookReasonHTTPS},
		{nil, "https://inside.example/h", domain.WebhookReasonLocal},
		{nil, "https://[::1]/h", domain.WebhookReasonLocal},
		{nil, "https://nowhere.example/h", domain.WebhookReasonUnresolved},
		{nil, "https://hooks.bank.example:http/h", domain.WebhookReasonMalformed},
	} {
		s := &domain.Notifications{Webhooks: &webhookFakes{}, Institutions: institutionFake{}, Production: true, LookupHost: lookup,
			WebhookPorts: tc.ports, Now: time.Now}
		_, err := s.SetWebhook(admin, 7, tc.url)
		de, _ := domain.AsError(err)
		switch {
		case tc.reason == "" && err != nil:
			t.Errorf("ports %v, %s: %v, want accepted", tc.ports, tc.url, err)
		case tc.reason != "" && (de == nil || de.Code != domain.CodeInvalid || de.Field != "url" || de.Reason != tc.reason || de.MessageZH == ""):
			t.Errorf("ports %v, %s: %+v, want BAD_USER_INPUT on url with reason %s", tc.ports, tc.url, de, tc.reason)
		}
	}
	if de, _ := domain.AsError(func() error {
		_, err := (&domain.Notifications{Webhooks: &webhookFakes{}, Institutions: institutionFake{}, Production: true, LookupHost: lookup}).
			SetWebhook(admin, 7, "https://hooks.bank.example:8443/h")
		return err
	}()); de == nil || !strings.Contains(de.Message, "443") {
		t.Errorf("the refusal should name the allowed port: %+v", de)
	}

	// A URL stored before the rule (or under a wider REDLINE_WEBHOOK_PORTS) is not posted to: the
	// attempt fails for good, with the reason, and the transport is never called.
	store := &deliveryFakes{webhook: domain.Webhook{InstitutionID: 7, URL: "https://hooks.bank.example:8443/h", Secret: "whsec_x"},
		delivery: domain.WebhookDelivery{ID: "d1", InstitutionID: 7, Event: "ping"}}
	tr := &countingTransport{}
	s := &domain.Notifications{Webhooks: store, Institutions: institutionFake{}, Transport: tr, Production: true, Now: time.Now}
	err := s.DeliverWebhook(context.Background(), "d1", 1, time.Now().Add(time.Minute))
	var f *domain.WebhookFailure
	if !errors.As(err, &f) || !f.Permanent || tr.calls != 0 {
		t.Fatalf("delivery to a stored URL on port 8443: %v (transport called %d times), want a permanent failure before posting", err, tr.calls)
	}
	if len(store.attempts) != 1 || store.status != domain.WebhookFailed || !strings.Contains(store.attempts[0].Error, "port") {
		t.Errorf("recorded %+v as %s, want one FAILED attempt naming the port", store.attempts, store.status)
	}
	// The same URL with the port allowed is posted.
	s.WebhookPorts = []int{443, 8443}
	if err := s.DeliverWebhook(context.Background(), "d1", 2, time.Time{}); err != nil || tr.calls != 1 {
		t.Errorf("with 8443 allowed: %v, %d posts", err, tr.calls)
	}
}

type deliveryFakes struct {
	domain.WebhookStore
	webhook  domain.Webhook
	delivery domain.WebhookDelivery
	attempts []domain.WebhookAttempt
	status   domain.WebhookStatus
}

func (f *deliveryFakes) Delivery(context.Context, string) (*domain.WebhookDelivery, error) {
	d := f.delivery
	return &d, nil
}

func (f *deliveryFakes) Webhook(context.Context, int64) (*domain.Webhook, error) {
	w := f.webhook
	return &w, nil
}

func (f *deliveryFakes) RecordAttempt(_ context.Context, _ string, a domain.WebhookAttempt, st domain.WebhookStatus) error {
	f.attempts, f.status = append(f.attempts, a), st
	return nil
}

type countingTransport struct{ calls int }

func (c *countingTransport) Post(context.Context, string, map[string]string, []byte) (int, error) {
	c.calls++
	return 200, nil
}

func TestNoticesCarryNoPartyForUnlistedActions(t *testing.T) {
	if got := domain.Notices(domain.ActionAddNote); len(got) != 0 {
		t.Errorf("a note notifies %v; internal notes must notify nobody", got)
	}
	if got := domain.Notices(domain.ActionForward); len(got) != 2 {
		t.Errorf("FORWARDED notifies %v, want the complainant and the institution", got)
	}
}
