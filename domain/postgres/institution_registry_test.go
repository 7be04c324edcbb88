package postgres_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestSaveInstitutionOptimistic: an edit of the registry applies only to the institution as the
// editor read it, so that two administrators adding aliases at once do not lose one; each applied
// edit writes its admin audit entry, a refused one writes nothing.
func TestSaveInstitutionOptimistic(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	store := &postgres.InstitutionStore{DB: db}
	admin := &domain.User{Email: "registry-admin@example.cn", DisplayName: "管理员", Role: domain.RoleAdmin, PasswordHash: "x", CreatedAt: db.Now()}
	if err := (&postgres.UserStore{DB: db}).CreateUser(ctx, admin, domain.AuditEntry{Action: "user.create", At: db.Now()}); err != nil {
		t.Fatal(err)
	}
	act := domain.AdminAct{ActorID: admin.ID, ActorRole: domain.RoleAdmin, Action: domain.ActCreateInstitution, Address: "test", At: db.Now()}
	in := &domain.Institution{Name: "测试消费金融", Kind: domain.KindConsumerFinance, Aliases: []string{"测试花"}}
	if err := store.SaveInstitution(ctx, in, nil, act); err != nil || in.ID == 0 {
		t.Fatalf("create: %v (id %d)", err, in.ID)
	}
	read := func() *domain.Institution {
		got, err := store.InstitutionByID(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	a, b := read(), read() // two administrators open the same institution
	before := *a
	before.Aliases = slices.Clone(a.Aliases)
	a.Aliases = append(a.Aliases, "甲")
	target := "institution:" + strconv.FormatInt(in.ID, 10)
	act.Action, act.Target = domain.ActAddAlias, target
	if err := store.SaveInstitution(ctx, a, &before, act); err != nil {
		t.Fatalf("first edit: %v", err)
	}
	stale := *b
	stale.Aliases = slices.Clone(b.Aliases)
	b.Aliases = append(b.Aliases, "乙")
	if err := store.SaveInstitution(ctx, b, &stale, act); domain.CodeOf(err) != domain.CodeConflict {
		t.Fatalf("an edit of a stale read: %v, want CONFLICT", err)
	}
	if got := read().Aliases; !slices.Equal(got, []string{"测试花", "甲"}) {
		t.Fatalf("aliases %v, want the first edit kept", got)
	}
	gone := &domain.Institution{ID: in.ID + 1000, Name: "x", Kind: domain.KindBank}
	if err := store.SaveInstitution(ctx, gone, gone, act); domain.CodeOf(err) != domain.CodeNotFound {
		t.Fatalf("an edit of no institution: %v, want NOT_FOUND", err)
	}
	var n int64
	if err := db.Gorm.Raw("SELECT count(*) FROM admin_audit_log WHERE target = ?", target).Scan(&n).Error; err != nil || n != 2 {
		t.Fatalf("%d audit entries (%v), want 2: the create and the applied edit", n, err)
	}
}
