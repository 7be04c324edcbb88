package postgres_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// TestMigrationKeepsAndReportsInstitutionNameClashes (attack round 32, session 36's leftover):
// institution names that already clash in a database (an import, edits before session 36) were
// not reported, and only SaveInstitution refused new clashes. Migration 00070 gives every name,
// English name and alias its key (domain.InstitutionNameKey) under a unique index: the clashes found
// are kept (the migration does not fail on them) and listed (NameClashes, logged at start); any
// later write that brings in another institution's key is refused by the database itself; the
// later of a clashing pair keeps its name while it is unchanged, and once the holder drops the name
// it becomes the holder. Down and up again, the same.
func TestMigrationKeepsAndReportsInstitutionNameClashes(t *testing.T) {
	ctx := context.Background()
	const version = 70
	db, p := migratedTo(t, version-1)
	id := func(name, nameEn string, aliases ...string) int64 {
		t.Helper()
		var id int64
		if err := db.SQL.QueryRowContext(ctx, `INSERT INTO institutions (name, name_en, kind, aliases) VALUES ($1, $2, 'BANK', $3) RETURNING id`,
			name, nameEn, "{"+strings.Join(aliases, ",")+"}").Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	first := id("丙丁银行", "Bingding Bank", "丙丁")
	second := id("丙丁 银行", "", "ＢＩＮＧＤＩＮＧ　bank")       // two clashes with first
	third := id("JiaYi Loan", "jiayi loan", "Ｊｉａｙｉ") // its own names share a key: no clash
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatalf("the migration failed on existing clashes: %v", err)
	}
	store := &postgres.InstitutionStore{DB: db}
	clashes := func() []string {
		t.Helper()
		cs, err := store.NameClashes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			if c.ID != second || c.HolderID != first {
				t.Errorf("clash %+v: want institution %d against %d", c, second, first)
			}
			out = append(out, c.Key)
		}
		return out
	}
	if got := clashes(); !slices.Equal(got, []string{"bingdingbank", "丙丁银行"}) {
		t.Errorf("clashes after the migration: %q", got)
	}
	taken := func(err error) bool {
		var de *domain.Error
		return errors.As(postgres.MapErrorForTest(err), &de) && de.Reason == "NAME_TAKEN"
	}
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO institutions (name, kind) VALUES ($1, 'BANK')`, "ＪＩＡＹＩ\u3000loan"); !taken(err) {
		t.Errorf("a new institution named as another: %v, want NAME_TAKEN", err)
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE institutions SET aliases = aliases || '{"jia yi"}' WHERE id = $1`, first); !taken(err) {
		t.Errorf("an alias that is another's alias: %v, want NAME_TAKEN", err)
	}
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO institutions (name, kind) VALUES ($1, 'BANK')`, "Ｂｉｎｇ\u200bding"); err != nil {
		t.Errorf("a name no institution has: %v", err)
	}
	// The later of the pair keeps its names while an edit leaves them, and may add a new one.
	if _, err := db.SQL.ExecContext(ctx, `UPDATE institutions SET kind = 'CONSUMER_FINANCE', aliases = aliases || '{"丙丁二号"}' WHERE id = $1`, second); err != nil {
		t.Errorf("an edit of the later institution that keeps its clashing names: %v", err)
	}
	// The holder drops 丙丁银行: the later institution holds it now, and a third may not take it.
	if _, err := db.SQL.ExecContext(ctx, `UPDATE institutions SET name = '丙丁银行股份' WHERE id = $1`, first); err != nil {
		t.Fatal(err)
	}
	if got := clashes(); !slices.Equal(got, []string{"bingdingbank"}) {
		t.Errorf("clashes after the holder's rename: %q", got)
	}
	if _, err := db.SQL.ExecContext(ctx, `UPDATE institutions SET aliases = '{"丙丁银行"}' WHERE id = $1`, third); !taken(err) {
		t.Errorf("a name the later institution kept, taken by a third: %v, want NAME_TAKEN", err)
	}
	if _, err := p.DownTo(ctx, version-1); err != nil {
		t.Fatalf("down: %v", err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if got := clashes(); !slices.Equal(got, []string{"bingdingbank"}) {
		t.Errorf("clashes after down and up: %q", got)
	}
}

// TestInstitutionNameKeyInSQLIsGos: the database's institution_name_key gives every name the key
// domain.InstitutionNameKey gives it, so SaveInstitution's check (which names the field) and the
// index (the backstop) agree.
func TestInstitutionNameKeyInSQLIsGos(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	names := []string{"丙丁银行", "丙丁 银行", "ＪｉａＹｉ　ＬＯＡＮ", "JIAYI consumer  finance", "Le\u200bXin", "\ufeffLexin\u00ad",
		"ΟΔΟΣ", "ΟΔΟΣ ΑΣ", "İstanbul Bank", "Straße", "ǅemal", "Ж Банк", "ｶﾀｶﾅ", "①号", "㍿", "\t a \u2028b\u3000", "ǰ", "ß", "ﬁnance",
		"Σ", "ΑΣ.", "x\u0345", "\U000E0041tag", "\u202Eevil", "Ⅻ", "ＡＢＣ\u0301", "\u0130\u0307"}
	for _, n := range names {
		var got string
		if err := db.SQL.QueryRowContext(ctx, `SELECT institution_name_key($1)`, n).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := domain.InstitutionNameKey(n); got != want {
			t.Errorf("%q: SQL %q (%U), Go %q (%U)", n, got, []rune(got), want, []rune(want))
		}
	}
}
