package postgres_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// The debtor of the personal-data tests: a valid ID number and mobile, a name and a contract number.
var testDebtor = domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010119900307123X"}

const testContract = "HT20230001234"

// fileTestComplaint stores a complaint with testDebtor through the store, as filing does.
func fileTestComplaint(t *testing.T, db *postgres.DB, debtor domain.Debtor) *domain.Complaint {
	t.Helper()
	ctx := context.Background()
	var userID int64
	if err := db.SQL.QueryRowContext(ctx, `INSERT INTO users (email, display_name, role, password_hash)
		VALUES ($1, 'owner', 'complainant', 'x') RETURNING id`, uuid.NewString()+"@example.cn").Scan(&userID); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, ComplainantID: userID, Relation: domain.RelationSelf,
		Debtor: debtor, Product: domain.ProductCreditCard, ContractNumber: testContract, Province: "310000",
		Narrative: "催收员每天打二十多个电话", Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
	s := &postgres.ComplaintStore{DB: db}
	ev := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: userID, ActorRole: domain.RoleComplainant, At: now}
	if _, _, err := s.CreateComplaint(ctx, c, uuid.NewString(), ev, nil); err != nil {
		t.Fatal(err)
	}
	return c
}

func storedHashes(t *testing.T, db *postgres.DB, id string) (idHash, mobileHash []byte) {
	t.Helper()
	if err := db.SQL.QueryRow(`SELECT debtor_id_hash, debtor_mobile_hash FROM complaints WHERE id = $1`, id).Scan(&idHash, &mobileHash); err != nil {
		t.Fatal(err)
	}
	return idHash, mobileHash
}

func TestDebtorHashes(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	want := func(kind pii.Kind, v string) []byte {
		h, err := db.Hash(kind, v)
		if err != nil || len(h) != 32 {
			t.Fatalf("Hash(%s) = %x, %v", kind, h, err)
		}
		return h
	}

	t.Run("WrittenOnInsert", func(t *testing.T) {
		c := fileTestComplaint(t, db, testDebtor)
		idHash, mobileHash := storedHashes(t, db, c.ID)
		if !bytes.Equal(idHash, want(pii.KindNationalID, testDebtor.IDNumber)) || !bytes.Equal(mobileHash, want(pii.KindPhone, testDebtor.Mobile)) {
			t.Fatalf("stored hashes %x / %x do not match the keyed hashes of the debtor", idHash, mobileHash)
		}
		// Another spelling of the same values finds the same row: the duplicate lookup.
		var n int
		if err := db.SQL.QueryRow(`SELECT count(*) FROM complaints WHERE debtor_id_hash = $1 AND debtor_mobile_hash = $2`,
			want(pii.KindNationalID, "11010119900307123x"), want(pii.KindPhone, "+86 138-1234-5678")).Scan(&n); err != nil || n != 1 {
			t.Fatalf("lookup by hash found %d rows, %v", n, err)
		}
	})

	t.Run("FollowUpdates", func(t *testing.T) {
		c := fileTestComplaint(t, db, testDebtor)
		s := &postgres.ComplaintStore{DB: db}
		_, err := s.UpdateComplaint(ctx, c.ID, func(c *domain.Complaint) (domain.Change, error) {
			c.Debtor.Mobile = "13900001111"
			c.Debtor.IDNumber = ""
			return domain.Change{Events: []domain.Event{{Action: domain.ActionProvideInformation, ActorID: c.ComplainantID,
				ActorRole: domain.RoleComplainant, At: time.Now().UTC()}}}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		idHash, mobileHash := storedHashes(t, db, c.ID)
		if idHash != nil || !bytes.Equal(mobileHash, want(pii.KindPhone, "13900001111")) {
			t.Fatalf("after the update: id hash %x (want NULL), mobile hash %x", idHash, mobileHash)
		}
	})

	t.Run("NullWhenNotGiven", func(t *testing.T) {
		c := fileTestComplaint(t, db, domain.Debtor{Name: "李四"})
		if idHash, mobileHash := storedHashes(t, db, c.ID); idHash != nil || mobileHash != nil {
			t.Fatalf("hashes of absent values = %x / %x, want NULL", idHash, mobileHash)
		}
	})

	t.Run("IndexesUsable", func(t *testing.T) {
		for _, idx := range []string{"complaints_debtor_id_hash", "complaints_debtor_mobile_hash"} {
			var def string
			if err := db.SQL.QueryRow(`SELECT indexdef FROM pg_indexes WHERE indexname = $1`, idx).Scan(&def); err != nil {
				t.Fatalf("index %s: %v", idx, err)
			}
			t.Log(def)
		}
	})

	t.Run("RefusesWithoutKeys", func(t *testing.T) {
		bare := *db
		bare.Keys = nil
		s := &postgres.ComplaintStore{DB: &bare}
		now := time.Now().UTC()
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, ComplainantID: 1, Relation: domain.RelationSelf,
			Debtor: testDebtor, Product: domain.ProductCreditCard, Province: "310000", Narrative: "xxxxxxxxxxxx", CreatedAt: now, UpdatedAt: now}
		if _, _, err := s.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, At: now}, nil); err == nil {
			t.Fatal("a store without a key ring wrote personal data")
		}
	})
}

// rawText is every text value of a table's rows as PostgreSQL holds them.
func rawText(t *testing.T, db *postgres.DB, table string) string {
	t.Helper()
	var out string
	if err := db.SQL.QueryRow(`SELECT coalesce(string_agg(t::text, E'\n'), '') FROM ` + table + ` t`).Scan(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPersonalDataEncryptedAtRest(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	prefix := "v1:" + pgtest.Keys.CurrentKeyID() + ":"
	c := fileTestComplaint(t, db, testDebtor)
	secrets := []string{testDebtor.Name, testDebtor.Mobile, testDebtor.IDNumber, testContract, "5678", "123X"}

	t.Run("ComplaintColumnsHoldCiphertext", func(t *testing.T) {
		var name, mobile, idNumber, contract, search string
		if err := db.SQL.QueryRow(`SELECT debtor_name, debtor_mobile, debtor_id_number, contract_number, search_text FROM complaints WHERE id = $1`, c.ID).
			Scan(&name, &mobile, &idNumber, &contract, &search); err != nil {
			t.Fatal(err)
		}
		for col, v := range map[string]string{"debtor_name": name, "debtor_mobile": mobile, "debtor_id_number": idNumber, "contract_number": contract} {
			if !strings.HasPrefix(v, prefix) {
				t.Errorf("%s = %q, want a ciphertext starting %q", col, v, prefix)
			}
		}
		for _, s := range secrets {
			if strings.Contains(rawText(t, db, "complaints"), s) || strings.Contains(search, s) {
				t.Errorf("the complaints table holds %q in plaintext", s)
			}
		}
	})

	t.Run("ReadBackInFull", func(t *testing.T) {
		s := &postgres.ComplaintStore{DB: db}
		got, err := s.FindComplaint(ctx, c.Reference)
		if err != nil || got.Debtor != testDebtor || got.ContractNumber != testContract {
			t.Fatalf("FindComplaint = %+v / %q, %v", got.Debtor, got.ContractNumber, err)
		}
		page, err := s.ListComplaints(ctx, domain.Scope{All: true}, domain.ComplaintFilter{}, domain.Page{First: 10})
		if err != nil || len(page.Complaints) != 1 || page.Complaints[0].Debtor != testDebtor {
			t.Fatalf("ListComplaints = %+v, %v", page, err)
		}
	})

	t.Run("TextSearchDoesNotFindPersonalData", func(t *testing.T) {
		s := &postgres.ComplaintStore{DB: db}
		for _, q := range []string{testDebtor.Name, testDebtor.Mobile, testDebtor.IDNumber, testContract} {
			page, err := s.ListComplaints(ctx, domain.Scope{All: true}, domain.ComplaintFilter{Text: q}, domain.Page{First: 10})
			if err != nil || page.Total != 0 {
				t.Errorf("search %q found %d complaints (%v); personal data must not be searchable", q, page.Total, err)
			}
		}
	})

	t.Run("UserNamesAndContactMobiles", func(t *testing.T) {
		users := &postgres.UserStore{DB: db}
		u := &domain.User{Email: "zhang@example.cn", DisplayName: "张三丰", Role: domain.RoleComplainant, PasswordHash: "x", CreatedAt: time.Now().UTC()}
		if err := users.CreateUser(ctx, u, domain.AuditEntry{Action: "register", At: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
		notes := &postgres.NotificationStore{DB: db}
		if err := notes.SavePreferences(ctx, u.ID, domain.NotificationPreferences{SMS: true, Mobile: "13900002222"}, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		raw := rawText(t, db, "users") + rawText(t, db, "notification_preferences")
		if strings.Contains(raw, "张三丰") || strings.Contains(raw, "13900002222") || !strings.Contains(raw, prefix) {
			t.Fatalf("users / notification_preferences hold plaintext:\n%s", raw)
		}
		got, err := users.UserByEmail(ctx, "zhang@example.cn")
		if err != nil || got.DisplayName != "张三丰" {
			t.Fatalf("UserByEmail = %+v, %v", got, err)
		}
		contacts, err := notes.Contacts(ctx, []int64{u.ID})
		if err != nil || contacts[u.ID].Mobile != "13900002222" {
			t.Fatalf("Contacts = %+v, %v", contacts, err)
		}
	})

	t.Run("LegacyPlaintextStillReads", func(t *testing.T) {
		legacy := fileTestComplaint(t, db, testDebtor)
		if _, err := db.SQL.Exec(`UPDATE complaints SET debtor_name = '赵六' WHERE id = $1`, legacy.ID); err != nil {
			t.Fatal(err)
		}
		got, err := (&postgres.ComplaintStore{DB: db}).FindComplaint(ctx, legacy.ID)
		if err != nil || got.Debtor.Name != "赵六" || got.Debtor.IDNumber != testDebtor.IDNumber {
			t.Fatalf("FindComplaint of a legacy row = %+v, %v", got, err)
		}
	})

	t.Run("CiphertextMovedToAnotherColumnFails", func(t *testing.T) {
		moved := fileTestComplaint(t, db, testDebtor)
		if _, err := db.SQL.Exec(`UPDATE complaints SET debtor_name = debtor_id_number WHERE id = $1`, moved.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := (&postgres.ComplaintStore{DB: db}).FindComplaint(ctx, moved.ID); err == nil {
			t.Fatal("an ID-number ciphertext decrypted as a name")
		}
	})
}
