package pii_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain/pii"
)

func key(b byte) string {
	return base64.StdEncoding.EncodeToString([]byte(strings.Repeat(string(rune(b)), pii.KeySize)))
}

func mustRing(t testing.TB, keys string) *pii.KeyRing {
	t.Helper()
	kr, err := pii.ParseKeyRing(keys, key('h'))
	if err != nil {
		t.Fatalf("ParseKeyRing(%q): %v", keys, err)
	}
	return kr
}

const field = "complaints.debtor_national_id"

func TestEncryptDecrypt(t *testing.T) {
	kr := mustRing(t, "k1:"+key('a'))
	for _, plain := range []string{"", "110101199003071234", "欧阳娜娜", "广东省深圳市南山区科技园 1 号 🏠"} {
		ct, err := kr.Encrypt(field, plain)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(ct, "v1:k1:") {
			t.Errorf("ciphertext %q does not carry the format and key id", ct)
		}
		if plain != "" && strings.Contains(ct, plain) {
			t.Errorf("ciphertext holds the plaintext")
		}
		got, err := kr.Decrypt(field, ct)
		if err != nil || got != plain {
			t.Errorf("Decrypt = %q, %v; want %q", got, err, plain)
		}
	}
	a, _ := kr.Encrypt(field, "same")
	b, _ := kr.Encrypt(field, "same")
	if a == b {
		t.Error("two encryptions of one value are equal: the nonce is not random")
	}
}

func TestDecryptRefuses(t *testing.T) {
	kr := mustRing(t, "k1:"+key('a'))
	ct, err := kr.Encrypt(field, "13800138000")
	if err != nil {
		t.Fatal(err)
	}
	flip := func(s string) string {
		b := []byte(s)
		i := len(b) - 3
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	other := mustRing(t, "k1:"+key('b'))
	otherCT, _ := other.Encrypt(field, "13800138000")
	for _, tc := range []struct {
		name, field, ct string
		want            error
	}{
		{"Tampered", field, flip(ct), pii.ErrTampered},
		{"OtherField", "complaints.debtor_phone", ct, pii.ErrTampered},
		{"OtherKeySameID", field, otherCT, pii.ErrTampered},
		{"UnknownKey", field, strings.Replace(ct, "v1:k1:", "v1:k9:", 1), pii.ErrUnknownKey},
		{"Plaintext", field, "13800138000", pii.ErrMalformed},
		{"OtherVersion", field, strings.Replace(ct, "v1:", "v2:", 1), pii.ErrMalformed},
		{"NotBase64", field, "v1:k1:***", pii.ErrMalformed},
		{"Truncated", field, ct[:12], pii.ErrMalformed},
		{"Empty", field, "", pii.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := kr.Decrypt(tc.field, tc.ct)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Decrypt = %q, %v; want %v", got, err, tc.want)
			}
			if strings.Contains(err.Error(), "13800138000") {
				t.Errorf("error %q holds the value", err)
			}
		})
	}
}

func TestRotation(t *testing.T) {
	old := mustRing(t, "k1:"+key('a'))
	ct1, err := old.Encrypt(field, "110101199003071234")
	if err != nil {
		t.Fatal(err)
	}
	ring := mustRing(t, "k2:"+key('c')+", k1:"+key('a'))
	if ring.CurrentKeyID() != "k2" || strings.Join(ring.KeyIDs(), ",") != "k2,k1" {
		t.Fatalf("current %q, ids %v", ring.CurrentKeyID(), ring.KeyIDs())
	}
	if got, err := ring.Decrypt(field, ct1); err != nil || got != "110101199003071234" {
		t.Fatalf("new ring decrypting an old value = %q, %v", got, err)
	}
	if !ring.NeedsRotation(ct1) {
		t.Error("a k1 value does not need rotation under k2")
	}
	ct2, changed, err := ring.Rotate(field, ct1)
	if err != nil || !changed {
		t.Fatalf("Rotate = %v, %v", changed, err)
	}
	if !strings.HasPrefix(ct2, "v1:k2:") || ring.NeedsRotation(ct2) {
		t.Errorf("rotated value %q is not under k2", ct2)
	}
	if got, _ := ring.Decrypt(field, ct2); got != "110101199003071234" {
		t.Errorf("rotated value decrypts to %q", got)
	}
	again, changed, err := ring.Rotate(field, ct2)
	if err != nil || changed || again != ct2 {
		t.Errorf("rotating a current value = %q, %v, %v; want it unchanged", again, changed, err)
	}
	// Once k1 is retired, only the rotated value opens.
	retired := mustRing(t, "k2:"+key('c'))
	if _, err := retired.Decrypt(field, ct1); !errors.Is(err, pii.ErrUnknownKey) {
		t.Errorf("retired key: %v, want ErrUnknownKey", err)
	}
	if _, err := retired.Decrypt(field, ct2); err != nil {
		t.Errorf("rotated value under the retired ring: %v", err)
	}
	if _, _, err := ring.Rotate(field, "not encrypted"); !errors.Is(err, pii.ErrMalformed) {
		t.Errorf("rotating a plaintext: %v, want ErrMalformed", err)
	}
	if !ring.NeedsRotation("not encrypted") {
		t.Error("a plaintext value must be met by the sweep")
	}
}

func TestParseKeyRing(t *testing.T) {
	for _, tc := range []struct{ name, keys, hash, want string }{
		{"OK", "k1:" + key('a'), key('h'), ""},
		{"RawBase64", "k1:" + strings.TrimRight(key('a'), "="), key('h'), ""},
		{"Empty", " ", key('h'), "no encryption key"},
		{"NoID", key('a'), key('h'), "not <id>:<base64 key>"},
		{"BadID", "k 1:" + key('a'), key('h'), "key id"},
		{"Short", "k1:" + base64.StdEncoding.EncodeToString([]byte("short")), key('h'), "want 32"},
		{"NotBase64", "k1:!!!", key('h'), "not base64"},
		{"Duplicate", "k1:" + key('a') + ",k1:" + key('b'), key('h'), "appears twice"},
		{"NoHashKey", "k1:" + key('a'), "", "hash key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pii.ParseKeyRing(tc.keys, tc.hash)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
			if strings.Contains(err.Error(), key('a')) {
				t.Errorf("error %q holds a key", err)
			}
		})
	}
	if _, err := pii.ParseKeyRing("k1:"+pii.GenerateKey(), pii.GenerateKey()); err != nil {
		t.Errorf("generated keys: %v", err)
	}
}

func TestDevKeyRingIsStable(t *testing.T) {
	a, b := pii.DevKeyRing("s"), pii.DevKeyRing("s")
	ct, _ := a.Encrypt(field, "x")
	if got, err := b.Decrypt(field, ct); err != nil || got != "x" {
		t.Errorf("dev ring across restarts: %q, %v", got, err)
	}
	if a.Hash(pii.KindPhone, "13800138000") != b.Hash(pii.KindPhone, "13800138000") {
		t.Error("dev hash differs across restarts")
	}
	if pii.DevKeyRing("t").Hash(pii.KindPhone, "1") == a.Hash(pii.KindPhone, "1") {
		t.Error("dev keys do not depend on the secret")
	}
}

func TestHash(t *testing.T) {
	kr := mustRing(t, "k1:"+key('a'))
	for _, tc := range []struct {
		name string
		kind pii.Kind
		a, b string
		same bool
	}{
		{"IDLowerX", pii.KindNationalID, "11010119900307123x", "11010119900307123X", true},
		{"IDSpaces", pii.KindNationalID, "110101 19900307 123X", "11010119900307123X", true},
		{"IDFullWidth", pii.KindNationalID, "１１０１０１１９９００３０７１２３Ｘ", "11010119900307123X", true},
		{"IDDifferent", pii.KindNationalID, "110101199003071234", "110101199003071235", false},
		{"PhoneFormatted", pii.KindPhone, "+86 138-0013-8000", "13800138000", true},
		{"Phone0086", pii.KindPhone, "0086 13800138000", "138 0013 8000", true},
		{"PhoneDifferent", pii.KindPhone, "13800138000", "13800138001", false},
		{"EmailCase", pii.KindEmail, " Zhang.San@Example.CN ", "zhang.san@example.cn", true},
		{"NameSpaces", pii.KindName, "  John   Smith ", "john smith", true},
		{"ContractDashes", pii.KindContract, "ht-2023-0001", "HT20230001", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := kr.Hash(tc.kind, tc.a) == kr.Hash(tc.kind, tc.b); got != tc.same {
				t.Errorf("Hash(%q) == Hash(%q) is %v, want %v", tc.a, tc.b, got, tc.same)
			}
		})
	}
	if kr.Hash(pii.KindPhone, "13800138000") == kr.Hash(pii.KindContract, "13800138000") {
		t.Error("equal digits of different kinds hash alike")
	}
	other, _ := pii.ParseKeyRing("k1:"+key('a'), key('i'))
	if other.Hash(pii.KindPhone, "13800138000") == kr.Hash(pii.KindPhone, "13800138000") {
		t.Error("the hash does not depend on the hash key")
	}
	rotated := mustRing(t, "k2:"+key('c')+",k1:"+key('a'))
	if rotated.Hash(pii.KindPhone, "13800138000") != kr.Hash(pii.KindPhone, "13800138000") {
		t.Error("rotating the encryption keys changed the hash")
	}
}
