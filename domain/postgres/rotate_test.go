package postgres_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

func testKey(c byte) string {
	return base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{c}, pii.KeySize))
}

func ring(t *testing.T, keys, hashKey string) *pii.KeyRing {
	t.Helper()
	kr, err := pii.ParseKeyRing(keys, hashKey)
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

// encryptedValues is every non-empty value of the encrypted columns.
func encryptedValues(t *testing.T, db *postgres.DB) []string {
	t.Helper()
	var out []string
	for _, col := range postgres.EncryptedColumns {
		rows, err := db.SQL.Query(`SELECT ` + col.Column + ` FROM ` + col.Table + ` WHERE ` + col.Column + ` <> ''`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v string
			rows.Scan(&v)
			out = append(out, v)
		}
		rows.Close()
	}
	return out
}

func TestRotateKeys(t *testing.T) {
	ctx := context.Background()
	db := pgtest.New(t)
	old := ring(t, "k1:"+testKey('1'), testKey('h'))
	db.Keys = old
	store := &postgres.ComplaintStore{DB: db}
	var ids []string
	for range 5 {
		ids = append(ids, fileTestComplaint(t, db, testDebtor).ID)
	}
	if err := (&postgres.NotificationStore{DB: db}).SavePreferences(ctx, 1, domain.NotificationPreferences{SMS: true, Mobile: "13900002222"}, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	// A row written before encryption: plaintext and no hashes.
	legacy := fileTestComplaint(t, db, testDebtor).ID
	if _, err := db.SQL.Exec(`UPDATE complaints SET debtor_name = '赵六', debtor_mobile = '13700001111', debtor_id_number = '110101199003071234',
		contract_number = 'LEGACY-0001', debtor_id_hash = NULL, debtor_mobile_hash = NULL WHERE id = $1`, legacy); err != nil {
		t.Fatal(err)
	}
	ids = append(ids, legacy)

	// The new key comes first; the old one stays to decrypt until the rotation is done.
	db.Keys = ring(t, "k2:"+testKey('2')+",k1:"+testKey('1'), testKey('h'))
	var batches int
	rep, err := db.RotateKeys(ctx, postgres.RotateOptions{Batch: 2}, func(postgres.RotationReport) { batches++ })
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string][2]int{}
	for _, c := range rep.Columns {
		counts[c.Field] = [2]int{c.Rotated, c.Encrypted}
	}
	for field, want := range map[string][2]int{
		"complaints.debtor_name": {5, 1}, "complaints.debtor_mobile": {5, 1}, "complaints.debtor_id_number": {5, 1},
		"complaints.contract_number": {5, 1}, "users.display_name": {0, 6}, "notification_preferences.mobile": {1, 0},
	} {
		if counts[field] != want {
			t.Errorf("%s: rotated, encrypted = %v, want %v", field, counts[field], want)
		}
	}
	if rep.KeyID != "k2" || rep.Rehashed != 1 || batches < 10 {
		t.Errorf("report %+v after %d batches; want key k2, the legacy row hashed, batches of 2", rep, batches)
	}
	for _, v := range encryptedValues(t, db) {
		if !strings.HasPrefix(v, "v1:k2:") {
			t.Errorf("after rotation a stored value is %q, want it under k2", v)
		}
	}

	t.Run("Idempotent", func(t *testing.T) {
		again, err := db.RotateKeys(ctx, postgres.RotateOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range again.Columns {
			if c.Rotated+c.Encrypted != 0 {
				t.Errorf("second run changed %s: %+v", c.Field, c)
			}
		}
		if again.Rehashed != 0 {
			t.Errorf("second run rehashed %d complaints", again.Rehashed)
		}
	})

	t.Run("OldKeyRetired", func(t *testing.T) {
		db.Keys = ring(t, "k2:"+testKey('2'), testKey('h'))
		for _, id := range ids {
			c, err := store.FindComplaint(ctx, id)
			if err != nil {
				t.Fatalf("FindComplaint(%s) with k1 retired: %v", id, err)
			}
			if id == legacy {
				if c.Debtor.Name != "赵六" || c.ContractNumber != "LEGACY-0001" {
					t.Errorf("legacy complaint reads %+v %q", c.Debtor, c.ContractNumber)
				}
			} else if c.Debtor != testDebtor || c.ContractNumber != testContract {
				t.Errorf("complaint %s reads %+v %q", id, c.Debtor, c.ContractNumber)
			}
		}
		var idHash []byte
		db.SQL.QueryRow(`SELECT debtor_id_hash FROM complaints WHERE id = $1`, legacy).Scan(&idHash)
		if want, _ := db.Hash(pii.KindNationalID, "110101199003071234"); !bytes.Equal(idHash, want) {
			t.Errorf("legacy row's ID hash = %x, want %x", idHash, want)
		}
	})

	t.Run("UnknownKeyStopsTheRun", func(t *testing.T) {
		db.Keys = ring(t, "k3:"+testKey('3'), testKey('h')) // k2 forgotten before rotating to k3
		_, err := db.RotateKeys(ctx, postgres.RotateOptions{}, nil)
		if !errors.Is(err, pii.ErrUnknownKey) {
			t.Fatalf("rotation without the key in use = %v, want ErrUnknownKey", err)
		}
		db.Keys = ring(t, "k2:"+testKey('2'), testKey('h'))
		if _, err := store.FindComplaint(ctx, ids[0]); err != nil {
			t.Fatalf("the failed run damaged data: %v", err)
		}
	})

	t.Run("Rehash", func(t *testing.T) {
		db.Keys = ring(t, "k2:"+testKey('2'), testKey('H'))
		rep, err := db.RotateKeys(ctx, postgres.RotateOptions{Rehash: true, Batch: 4}, nil)
		if err != nil || rep.Rehashed != len(ids) {
			t.Fatalf("rehash = %+v, %v; want %d complaints rehashed", rep, err, len(ids))
		}
		want, _ := db.Hash(pii.KindPhone, testDebtor.Mobile)
		var n int
		db.SQL.QueryRow(`SELECT count(*) FROM complaints WHERE debtor_mobile_hash = $1`, want).Scan(&n)
		if n != len(ids)-1 {
			t.Errorf("%d complaints found by the new mobile hash, want %d", n, len(ids)-1)
		}
	})
}

// TestRotateKeysLeavesNewWritesAlone checks that a complaint written under the current key during
// a rotation is not touched.
func TestRotateKeysLeavesNewWritesAlone(t *testing.T) {
	db := pgtest.New(t)
	c := fileTestComplaint(t, db, testDebtor)
	var before string
	db.SQL.QueryRow(`SELECT debtor_name FROM complaints WHERE id = $1`, c.ID).Scan(&before)
	if _, err := db.RotateKeys(context.Background(), postgres.RotateOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	var after string
	db.SQL.QueryRow(`SELECT debtor_name FROM complaints WHERE id = $1`, c.ID).Scan(&after)
	if before != after {
		t.Fatal("rotation re-encrypted a value already under the current key")
	}
}
