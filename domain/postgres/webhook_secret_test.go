package postgres_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestWebhookSecretEncrypted: an institution's webhook secret is stored as ciphertext bound to its
// column, read back as it was (so deliveries sign with it), and a secret stored in plaintext before
// encryption is encrypted by rotate-keys.
func TestWebhookSecretEncrypted(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	db.Keys = ring(t, "k1:"+testKey('1'), testKey('h'))
	inst := &domain.Institution{Name: "测试银行", Kind: domain.KindBank}
	if err := (&postgres.InstitutionStore{DB: db}).CreateInstitution(ctx, inst); err != nil {
		t.Fatal(err)
	}
	store := &postgres.NotificationStore{DB: db}
	secret, err := domain.NewWebhookSecret()
	if err != nil {
		t.Fatal(err)
	}
	w := domain.Webhook{InstitutionID: inst.ID, URL: "https://hooks.example.cn/redline", Secret: secret, UpdatedAt: time.Now().UTC()}
	if err := store.SetWebhook(ctx, w, domain.AuditEntry{Action: "webhook.set", At: w.UpdatedAt}); err != nil {
		t.Fatal(err)
	}
	stored := func() string {
		var v string
		if err := db.SQL.QueryRow(`SELECT secret FROM institution_webhooks WHERE institution_id = $1`, inst.ID).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := stored(); !strings.HasPrefix(v, "v1:k1:") || strings.Contains(v, secret) {
		t.Errorf("institution_webhooks.secret holds %q, want ciphertext under k1", v)
	}
	got, err := store.Webhook(ctx, inst.ID)
	if err != nil || got.Secret != secret {
		t.Fatalf("webhook read back: %v, %v", got, err)
	}
	body := []byte(`{"event":"ping"}`)
	now := time.Now()
	ts := strconv.FormatInt(now.Unix(), 10)
	if err := domain.VerifyWebhookSignature(secret, ts, domain.SignWebhook(got.Secret, ts, body), body, now, time.Minute); err != nil {
		t.Errorf("a delivery signed with the stored secret does not verify: %v", err)
	}

	// A secret from before encryption: read as it is, encrypted by rotate-keys.
	if _, err := db.SQL.Exec(`UPDATE institution_webhooks SET secret = 'legacy-plain-secret' WHERE institution_id = $1`, inst.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := store.Webhook(ctx, inst.ID); err != nil || got.Secret != "legacy-plain-secret" {
		t.Fatalf("legacy secret: %v, %v", got, err)
	}
	if _, err := db.RotateKeys(ctx, postgres.RotateOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	if v := stored(); !strings.HasPrefix(v, "v1:k1:") {
		t.Errorf("after rotate-keys the legacy secret is %q, want ciphertext", v)
	}
	if got, err := store.Webhook(ctx, inst.ID); err != nil || got.Secret != "legacy-plain-secret" {
		t.Fatalf("legacy secret after rotate-keys: %v, %v", got, err)
	}
}
