package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
)

// Personal data is protected here, at the storage edge: the domain works with plain values, and
// what reaches PostgreSQL is ciphertext under the key ring's current key ("v1:<key id>:…"), with
// keyed hashes beside the values that duplicate detection looks up by equality. An empty value is
// stored empty: it says nothing about anyone.

// EncryptedColumn is a text column that holds personal data encrypted; its Field ("table.column")
// is bound into each ciphertext, so a value copied into another column does not decrypt.
type EncryptedColumn struct {
	Table, Key, KeyType, Column string // Key, KeyType: the primary key, to re-encrypt row by row
}

// Field is the name the ciphertexts of the column are bound to.
func (c EncryptedColumn) Field() string { return c.Table + "." + c.Column }

// The encrypted columns.
var (
	colDebtorName     = EncryptedColumn{"complaints", "id", "uuid", "debtor_name"}
	colDebtorMobile   = EncryptedColumn{"complaints", "id", "uuid", "debtor_mobile"}
	colDebtorIDNumber = EncryptedColumn{"complaints", "id", "uuid", "debtor_id_number"}
	colContractNumber = EncryptedColumn{"complaints", "id", "uuid", "contract_number"}
	colDisplayName    = EncryptedColumn{"users", "id", "bigint", "display_name"}
	colContactMobile  = EncryptedColumn{"notification_preferences", "user_id", "bigint", "mobile"}
	colWebhookSecret  = EncryptedColumn{"institution_webhooks", "institution_id", "bigint", "secret"}
	colPendingName    = EncryptedColumn{"pending_registrations", "id", "uuid", "display_name"}
	// The address and name of an institution's pending invitation (the address's keyed hash,
	// pii.KindEmail, is institution_invitations.email_hash).
	colInvitationEmail = EncryptedColumn{"institution_invitations", "id", "bigint", "email"}
	colInvitationName  = EncryptedColumn{"institution_invitations", "id", "bigint", "display_name"}
	// The open question to the complainant, and the question and answer of each history entry of an
	// information request (migration 00063; the entry's details keep only the row's id).
	colInformationRequest = EncryptedColumn{"complaints", "id", "uuid", "information_request"}
	colInfoQuestion       = EncryptedColumn{"information_request_texts", "id", "bigint", "question"}
	colInfoAnswer         = EncryptedColumn{"information_request_texts", "id", "bigint", "answer"}
)

// EncryptedColumns lists every column that holds personal data encrypted: the debtor's identity
// and contract number on complaints, users' names, the mobile number users get SMS at, and the
// secret that signs an institution's webhook deliveries (whoever reads it can forge deliveries),
// and the questions to complainants and their answers.
var EncryptedColumns = []EncryptedColumn{colDebtorName, colDebtorMobile, colDebtorIDNumber, colContractNumber, colDisplayName, colContactMobile,
	colWebhookSecret, colPendingName, colInvitationEmail, colInvitationName, colInformationRequest, colInfoQuestion, colInfoAnswer}

// errNoKeys means a store was asked to write or read personal data without a key ring; it fails
// closed rather than write plaintext.
var errNoKeys = errors.New("postgres: no key ring (DB.Keys) to protect personal data with")

func (db *DB) keyRing() (*pii.KeyRing, error) {
	if db.Keys == nil {
		return nil, errNoKeys
	}
	return db.Keys, nil
}

// Hash is the keyed hash of a personal value as the hash columns hold it (complaints.debtor_id_hash
// with pii.KindNationalID, complaints.debtor_mobile_hash with pii.KindPhone), or nil for an empty
// value.
func (db *DB) Hash(kind pii.Kind, value string) ([]byte, error) {
	kr, err := db.keyRing()
	if err != nil {
		return nil, err
	}
	return kr.Sum(kind, value), nil
}

// seal encrypts the values of columns in place, so that a row is either wholly protected or an
// error.
func (db *DB) seal(fields ...sealField) error {
	kr, err := db.keyRing()
	if err != nil {
		return err
	}
	for _, f := range fields {
		if *f.v == "" {
			continue
		}
		ct, err := kr.Encrypt(f.col.Field(), *f.v)
		if err != nil {
			return err
		}
		*f.v = ct
	}
	return nil
}

// unseal decrypts the values of columns in place. A value that is not a ciphertext at all is a
// row written before encryption (rotate-keys encrypts those) and is returned as it is.
func (db *DB) unseal(fields ...sealField) error {
	kr, err := db.keyRing()
	if err != nil {
		return err
	}
	for _, f := range fields {
		if !pii.IsCiphertext(*f.v) {
			continue
		}
		pt, err := kr.Decrypt(f.col.Field(), *f.v)
		if err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		*f.v = pt
	}
	return nil
}

// sealField is one value of an encrypted column, sealed or unsealed in place.
type sealField struct {
	col EncryptedColumn
	v   *string
}

func complaintFields(r *complaintRow) []sealField {
	return []sealField{{colDebtorName, &r.DebtorName}, {colDebtorMobile, &r.DebtorMobile},
		{colDebtorIDNumber, &r.DebtorIDNumber}, {colContractNumber, &r.ContractNumber}, {colInformationRequest, &r.InformationRequest}}
}

// toComplaintRow converts a complaint for writing, with its personal data encrypted and the keyed
// hashes of the debtor's ID number and mobile beside it.
func (db *DB) toComplaintRow(c *domain.Complaint) (complaintRow, error) {
	r := toComplaintRow(c)
	kr, err := db.keyRing()
	if err != nil {
		return r, err
	}
	r.DebtorIDHash = kr.Sum(pii.KindNationalID, c.Debtor.IDNumber)
	r.DebtorMobileHash = kr.Sum(pii.KindPhone, c.Debtor.Mobile)
	return r, db.seal(complaintFields(&r)...)
}

// toDomainComplaint converts a stored complaint back, its personal data decrypted.
func (db *DB) toDomainComplaint(r *complaintRow) (*domain.Complaint, error) {
	if err := db.unseal(complaintFields(r)...); err != nil {
		return nil, err
	}
	return toDomainComplaint(r), nil
}

// toDomainUser converts a stored user back, their name decrypted.
func (db *DB) toDomainUser(r *userRow) (*domain.User, error) {
	if err := db.unseal(sealField{colDisplayName, &r.DisplayName}); err != nil {
		return nil, err
	}
	return toDomainUser(r), nil
}

// RecordReveal implements domain.RevealLog: a reveal of a debtor's identity is an entry in the
// admin audit log, apart from the case history the institution and complainant may read.
func (s *ComplaintStore) RecordReveal(ctx context.Context, r domain.IdentityReveal) error {
	row := auditRow{ActorID: nullable(r.ActorID), Action: "complaint.reveal_debtor_identity", Target: "complaint:" + r.ComplaintID,
		Details: jsonMap{"reference": r.Reference, "reason": r.Reason, "role": string(r.ActorRole)}, Address: r.Address, At: r.At}
	return mapError(s.DB.Gorm.WithContext(ctx).Create(&row).Error, "audit log")
}
