// Package pii protects personal data at rest: authenticated field encryption with rotating keys, a
// keyed hash for equality lookups (duplicate detection) without storing the value, and masking for
// the roles that may know that a value exists but not what it is. It uses the standard library only.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the length in bytes of every encryption and hash key (AES-256, HMAC-SHA256).
const KeySize = 32

// version is the ciphertext format: "v1:<key id>:<base64url(nonce || AES-256-GCM sealed data)>".
const version = "v1"

// FormatPrefix starts every ciphertext, whatever its key: a value without it is plaintext.
const FormatPrefix = version + ":"

// Errors that Decrypt and Rotate wrap; none of them carries the value or the key.
var (
	ErrMalformed  = errors.New("pii: not a ciphertext of a known format")
	ErrUnknownKey = errors.New("pii: ciphertext encrypted with a key that is not in the key ring")
	ErrTampered   = errors.New("pii: ciphertext failed authentication (tampered, or read from another field)")
)

// KeyRing holds the encryption keys by id, the id of the current key that new values are encrypted
// with, and the separate key of the equality hash. It is safe for concurrent use.
type KeyRing struct {
	current string
	order   []string
	aeads   map[string]cipher.AEAD
	hashKey []byte
	raw     [][]byte // the encryption keys, to refuse published ones
}

// ParseKeyRing builds a key ring from a list like "k2:<base64 key>,k1:<base64 key>" (the first is
// the current key; the others only decrypt) and a base64 hash key. Keys are 32 bytes.
func ParseKeyRing(keys, hashKey string) (*KeyRing, error) {
	hk, err := decodeKey(strings.TrimSpace(hashKey))
	if err != nil {
		return nil, fmt.Errorf("pii: hash key: %w", err)
	}
	var ids []string
	var raw [][]byte
	for i, entry := range strings.Split(keys, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		id, b64, ok := strings.Cut(entry, ":")
		if !ok {
			return nil, fmt.Errorf("pii: key %d is not <id>:<base64 key>", i+1)
		}
		if !validKeyID(id) {
			return nil, fmt.Errorf("pii: key id %q: use 1 to 32 letters, digits, '-' or '_'", id)
		}
		k, err := decodeKey(b64)
		if err != nil {
			return nil, fmt.Errorf("pii: key %q: %w", id, err)
		}
		ids = append(ids, id)
		raw = append(raw, k)
	}
	if len(ids) == 0 {
		return nil, errors.New("pii: no encryption key given")
	}
	return newKeyRing(ids, raw, hk)
}

// DevKeyRing derives a fixed key ring from a development secret, so that a developer's data survives
// restarts. Its keys are public; never use it in production.
func DevKeyRing(secret string) *KeyRing {
	enc, hash := DevKeyMaterial(secret)
	kr, err := newKeyRing([]string{"dev1"}, [][]byte{enc}, hash)
	if err != nil {
		panic(err) // unreachable: the derived keys have the right size
	}
	return kr
}

// DevKeyMaterial is the encryption and hash key DevKeyRing derives from secret; production refuses
// them when the secret is a published one.
func DevKeyMaterial(secret string) (encryption, hash []byte) {
	derive := func(purpose string) []byte {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte("redline/pii/dev/" + purpose))
		return m.Sum(nil)
	}
	return derive("encryption/dev1"), derive("hash")
}

// UsesEncryptionKey reports whether key is one of the ring's encryption keys; UsesHashKey whether
// it is the hash key.
func (k *KeyRing) UsesEncryptionKey(key []byte) bool {
	for _, r := range k.raw {
		if hmac.Equal(r, key) {
			return true
		}
	}
	return false
}

// UsesHashKey reports whether key is the ring's hash key.
func (k *KeyRing) UsesHashKey(key []byte) bool { return hmac.Equal(k.hashKey, key) }

// GenerateKey returns a fresh random key, base64-encoded, for REDLINE_ENCRYPTION_KEYS or
// REDLINE_HASH_KEY.
func GenerateKey() string {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k) // crypto/rand.Read never fails; it crashes the program if it cannot read
	return base64.StdEncoding.EncodeToString(k)
}

func newKeyRing(ids []string, keys [][]byte, hashKey []byte) (*KeyRing, error) {
	kr := &KeyRing{current: ids[0], aeads: make(map[string]cipher.AEAD, len(ids)), hashKey: hashKey}
	for i, id := range ids {
		if _, dup := kr.aeads[id]; dup {
			return nil, fmt.Errorf("pii: key id %q appears twice", id)
		}
		block, err := aes.NewCipher(keys[i])
		if err != nil {
			return nil, fmt.Errorf("pii: key %q: %w", id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("pii: key %q: %w", id, err)
		}
		kr.aeads[id] = aead
		kr.order = append(kr.order, id)
		kr.raw = append(kr.raw, keys[i])
	}
	return kr, nil
}

func decodeKey(s string) ([]byte, error) {
	k, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if k, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil, errors.New("not base64")
		}
	}
	if len(k) != KeySize {
		return nil, fmt.Errorf("decodes to %d bytes, want %d (make one with `openssl rand -base64 32`)", len(k), KeySize)
	}
	return k, nil
}

func validKeyID(id string) bool {
	if id == "" || len(id) > 32 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// CurrentKeyID is the id of the key new values are encrypted with.
func (k *KeyRing) CurrentKeyID() string { return k.current }

// KeyIDs lists the key ids, the current one first.
func (k *KeyRing) KeyIDs() []string { return append([]string(nil), k.order...) }

// CurrentPrefix is the prefix of every ciphertext made with the current key; a rotation sweep can
// select the rows left to re-encrypt with `col NOT LIKE prefix || '%'`.
func (k *KeyRing) CurrentPrefix() string { return version + ":" + k.current + ":" }

// aad binds a ciphertext to its field and key id, so that a value copied into another column (or
// relabelled with another key id) fails to decrypt.
func aad(field, keyID string) []byte {
	return []byte("redline/pii/" + version + "\x00" + keyID + "\x00" + field)
}

// Encrypt seals plaintext with the current key; field names the column (e.g.
// "complaints.debtor_phone") and must be given again to decrypt.
func (k *KeyRing) Encrypt(field, plaintext string) (string, error) {
	aead := k.aeads[k.current]
	buf := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("pii: nonce: %w", err)
	}
	buf = aead.Seal(buf, buf, []byte(plaintext), aad(field, k.current))
	return k.CurrentPrefix() + base64.RawURLEncoding.EncodeToString(buf), nil
}

// IsCiphertext reports whether s has the form of a ciphertext ("v1:<key id>:…"); a stored value
// that does not is plaintext written before its column was encrypted.
func IsCiphertext(s string) bool {
	_, _, err := parse(s)
	return err == nil
}

// parse splits a ciphertext into its key id and sealed bytes.
func parse(ciphertext string) (keyID string, sealed []byte, err error) {
	v, rest, ok := strings.Cut(ciphertext, ":")
	if !ok || v != version {
		return "", nil, ErrMalformed
	}
	keyID, body, ok := strings.Cut(rest, ":")
	if !ok || !validKeyID(keyID) {
		return "", nil, ErrMalformed
	}
	sealed, err = base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return "", nil, ErrMalformed
	}
	return keyID, sealed, nil
}

// Decrypt opens a ciphertext of field made with any key in the ring.
func (k *KeyRing) Decrypt(field, ciphertext string) (string, error) {
	keyID, sealed, err := parse(ciphertext)
	if err != nil {
		return "", fmt.Errorf("pii: decrypt %s: %w", field, err)
	}
	aead, ok := k.aeads[keyID]
	if !ok {
		return "", fmt.Errorf("pii: decrypt %s with key %q: %w", field, keyID, ErrUnknownKey)
	}
	if len(sealed) < aead.NonceSize()+aead.Overhead() {
		return "", fmt.Errorf("pii: decrypt %s: %w", field, ErrMalformed)
	}
	n := aead.NonceSize()
	plain, err := aead.Open(nil, sealed[:n], sealed[n:], aad(field, keyID))
	if err != nil {
		return "", fmt.Errorf("pii: decrypt %s: %w", field, ErrTampered)
	}
	return string(plain), nil
}

// NeedsRotation reports whether ciphertext was not made with the current key. It also answers true
// for a value that is not a ciphertext at all, so that a sweep meets it and Rotate reports it.
func (k *KeyRing) NeedsRotation(ciphertext string) bool {
	return !strings.HasPrefix(ciphertext, k.CurrentPrefix())
}

// Rotate re-encrypts a ciphertext of field with the current key when it was made with an older one;
// changed is false, and the ciphertext is returned as is, when it is already current.
func (k *KeyRing) Rotate(field, ciphertext string) (rotated string, changed bool, err error) {
	if !k.NeedsRotation(ciphertext) {
		return ciphertext, false, nil
	}
	plain, err := k.Decrypt(field, ciphertext)
	if err != nil {
		return "", false, err
	}
	out, err := k.Encrypt(field, plain)
	if err != nil {
		return "", false, err
	}
	return out, true, nil
}

// Hash is the keyed hash (HMAC-SHA256) of a value of the given kind after normalisation, for
// equality lookups: two spellings of one phone number or ID number hash alike, and the kind
// separates the domains so that equal digits in different kinds do not match.
func (k *KeyRing) Hash(kind Kind, value string) string {
	return base64.RawURLEncoding.EncodeToString(k.Sum(kind, value))
}

// Sum is Hash as the 32 raw bytes a bytea column holds, or nil for a value that is empty once
// normalised (nothing to look up, and SQL NULL never equals anything).
func (k *KeyRing) Sum(kind Kind, value string) []byte {
	n := Normalize(kind, value)
	if n == "" {
		return nil
	}
	m := hmac.New(sha256.New, k.hashKey)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(n))
	return m.Sum(nil)
}
