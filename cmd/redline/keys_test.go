package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/domain/postgres"
)

func TestRotateKeysCommand(t *testing.T) {
	ctx := context.Background()
	key := func(c byte) string { return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{c}, pii.KeySize)) }
	db := commandDatabase(t, true)
	var err error
	if db.Keys, err = pii.ParseKeyRing("k1:"+key('1'), key('h')); err != nil {
		t.Fatal(err)
	}
	var userID int64
	db.SQL.QueryRow(`INSERT INTO users (email, display_name, role, password_hash) VALUES ('a@example.cn', 'legacy name', 'complainant', 'x') RETURNING id`).Scan(&userID)
	now := time.Now().UTC()
	c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, ComplainantID: userID, Relation: domain.RelationSelf,
		Debtor: domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010119900307123X"}, Product: domain.ProductCreditCard,
		Province: "310000", Narrative: "催收员每天打二十多个电话", Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
	if _, _, err := (&postgres.ComplaintStore{DB: db}).CreateComplaint(ctx, c, "k", domain.Event{Action: domain.ActionFile, ActorID: userID, ActorRole: domain.RoleComplainant, At: now}, nil); err != nil {
		t.Fatal(err)
	}

	t.Setenv("REDLINE_ENCRYPTION_KEYS", "k2:"+key('2')+",k1:"+key('1'))
	t.Setenv("REDLINE_HASH_KEY", key('h'))
	var out strings.Builder
	if err := runRotateKeys(ctx, []string{"--batch", "1"}, &out); err != nil {
		t.Fatalf("rotate-keys: %v\n%s", err, out.String())
	}
	for _, want := range []string{"current key k2", "complaints.debtor_id_number", "1 re-encrypted", "users.display_name", "1 plaintext encrypted", "done"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	var name, display string
	db.SQL.QueryRow(`SELECT debtor_name FROM complaints`).Scan(&name)
	db.SQL.QueryRow(`SELECT display_name FROM users`).Scan(&display)
	if !strings.HasPrefix(name, "v1:k2:") || !strings.HasPrefix(display, "v1:k2:") {
		t.Errorf("after rotate-keys: debtor_name %q, display_name %q; want both under k2", name, display)
	}

	out.Reset()
	if err := runRotateKeys(ctx, []string{"extra"}, &out); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("rotate-keys with an argument = %v, want usage", err)
	}
}
