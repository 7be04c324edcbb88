package postgres_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestAuditEntriesLandAsWritten (session 27, tidy): the stores that write a domain.AuditEntry to
// audit_log through one function (recordAudit) write what each wrote itself: the actor (NULL for
// none), the action, the target (the new user's, the changed password's user), the details and the
// time.
func TestAuditEntriesLandAsWritten(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	db.Keys = ring(t, "k1:"+testKey('1'), testKey('h'))
	at := time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC)
	type row struct {
		actor          sql.NullInt64
		target, detail string
		at             time.Time
	}
	read := func(action string) row {
		t.Helper()
		var r row
		if err := db.SQL.QueryRow(`SELECT actor_id, target, COALESCE(details->>'k', ''), at FROM audit_log WHERE action = $1`, action).
			Scan(&r.actor, &r.target, &r.detail, &r.at); err != nil {
			t.Fatalf("%s: %v", action, err)
		}
		return r
	}

	users := &postgres.UserStore{DB: db}
	u := &domain.User{Email: "s27tidy@example.cn", DisplayName: "测试", Role: domain.RoleAdmin, PasswordHash: "h1", CreatedAt: at}
	if err := users.CreateUser(ctx, u, domain.AuditEntry{Action: "s27tidy.create", Details: map[string]any{"k": "v1"}, At: at}); err != nil {
		t.Fatal(err)
	}
	if r := read("s27tidy.create"); r.actor.Valid || r.target != "user:"+strconv.FormatInt(u.ID, 10) || r.detail != "v1" || !r.at.Equal(at) {
		t.Errorf("CreateUser's audit row = %+v; want no actor, user:%d, v1, %v", r, u.ID, at)
	}

	sessions := &postgres.SessionStore{DB: db}
	notice := domain.Message{ID: uuid.NewString(), Topic: "s27tidy.notice", Payload: map[string]any{}}
	if err := sessions.SetPasswordHash(ctx, u.ID, "h1", "h2", domain.AuditEntry{ActorID: u.ID, Action: "s27tidy.password", Target: "ignored",
		Details: map[string]any{"k": "v2"}, At: at}, notice); err != nil {
		t.Fatal(err)
	}
	if r := read("s27tidy.password"); r.actor.Int64 != u.ID || r.target != "user:"+strconv.FormatInt(u.ID, 10) || r.detail != "v2" {
		t.Errorf("SetPasswordHash's audit row = %+v; want actor %d, user:%d, v2", r, u.ID, u.ID)
	}

	inst := &domain.Institution{Name: "测试银行", Kind: domain.KindBank}
	if err := (&postgres.InstitutionStore{DB: db}).CreateInstitution(ctx, inst); err != nil {
		t.Fatal(err)
	}
	secret, err := domain.NewWebhookSecret()
	if err != nil {
		t.Fatal(err)
	}
	w := domain.Webhook{InstitutionID: inst.ID, URL: "https://hooks.example.cn/redline", Secret: secret, UpdatedAt: at}
	if err := (&postgres.NotificationStore{DB: db}).SetWebhook(ctx, w, domain.AuditEntry{ActorID: u.ID, Action: "s27tidy.webhook",
		Target: "institution:" + strconv.FormatInt(inst.ID, 10), Details: map[string]any{"k": "v3"}, At: at}); err != nil {
		t.Fatal(err)
	}
	if r := read("s27tidy.webhook"); r.actor.Int64 != u.ID || r.target != "institution:"+strconv.FormatInt(inst.ID, 10) || r.detail != "v3" {
		t.Errorf("SetWebhook's audit row = %+v; want actor %d, institution:%d, v3", r, u.ID, inst.ID)
	}
}
