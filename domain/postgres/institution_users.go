package postgres

import (
	"context"
	"errors"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/pii"
)

type invitationRow struct {
	TokenHash []byte `gorm:"primaryKey"`
	UserID    int64
	CreatedBy int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

func (invitationRow) TableName() string { return "account_invitations" }

// InstitutionUserStore implements domain.InstitutionUserStore.
type InstitutionUserStore struct{ DB *DB }

var _ domain.InstitutionUserStore = (*InstitutionUserStore)(nil)

// memberSQL selects the users holding an institution role in one institution (the role_bindings
// domain index), with their strongest institution role there, whether they hold roles elsewhere and
// whether an invitation is still open.
const memberSQL = `SELECT u.id, u.email, u.display_name, u.created_at, u.disabled_at, u.last_sign_in_at,
	CASE WHEN bool_or(b.role = 'institution_admin') THEN 'institution_admin' ELSE 'institution_agent' END AS role,
	EXISTS (SELECT 1 FROM role_bindings o WHERE o.user_id = u.id AND o.domain <> ?) AS elsewhere,
	u.last_sign_in_at IS NULL AND EXISTS (SELECT 1 FROM account_invitations i WHERE i.user_id = u.id AND i.used_at IS NULL) AS invited
	FROM role_bindings b JOIN users u ON u.id = b.user_id
	WHERE b.domain = ? AND b.role IN ('institution_agent','institution_admin')`

type instMemberRow struct {
	ID           int64
	Email        string
	DisplayName  string
	CreatedAt    time.Time
	DisabledAt   *time.Time
	LastSignInAt *time.Time
	Role         string
	Elsewhere    bool
	Invited      bool
}

func (s *InstitutionUserStore) members(ctx context.Context, institutionID int64, userID int64) ([]domain.InstitutionMember, error) {
	dom := domain.InstitutionDomain(institutionID)
	q, args := memberSQL, []any{dom, dom}
	if userID != 0 {
		q += ` AND u.id = ?`
		args = append(args, userID)
	}
	var rows []instMemberRow
	if err := s.DB.Gorm.WithContext(ctx).Raw(q+` GROUP BY u.id ORDER BY u.id`, args...).Scan(&rows).Error; err != nil {
		return nil, mapError(err, "institution users")
	}
	out := make([]domain.InstitutionMember, len(rows))
	for i, r := range rows {
		if err := s.DB.unseal(sealField{colDisplayName, &r.DisplayName}); err != nil {
			return nil, mapError(err, "institution users")
		}
		out[i] = domain.InstitutionMember{ID: r.ID, Name: r.DisplayName, Email: domain.MaskedEmail(r.Email), Role: domain.Role(r.Role),
			Active: r.DisabledAt == nil, Invited: r.Invited, LastSignInAt: deref(r.LastSignInAt), CreatedAt: r.CreatedAt, Elsewhere: r.Elsewhere}
	}
	return out, nil
}

// Members implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) Members(ctx context.Context, institutionID int64) ([]domain.InstitutionMember, error) {
	return s.members(ctx, institutionID, 0)
}

// Member implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) Member(ctx context.Context, institutionID, userID int64) (*domain.InstitutionMember, error) {
	ms, err := s.members(ctx, institutionID, userID)
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, &domain.Error{Code: domain.CodeNotFound, Message: "no such user", MessageZH: "用户不存在"}
	}
	return &ms[0], nil
}

type instInvitationRow struct {
	ID            int64 `gorm:"primaryKey"`
	InstitutionID int64
	Email         string
	EmailHash     []byte
	DisplayName   string
	Role          string
	TokenHash     []byte
	CreatedBy     int64
	CreatedAt     time.Time
	ExpiresAt     time.Time
	AcceptedAt    *time.Time
	RevokedAt     *time.Time
	UserID        *int64
}

func (instInvitationRow) TableName() string { return "institution_invitations" }

func (r *instInvitationRow) fields() []sealField {
	return []sealField{{colInvitationEmail, &r.Email}, {colInvitationName, &r.DisplayName}}
}

const pendingInvitation = "accepted_at IS NULL AND revoked_at IS NULL"

// CreateInvitation implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) CreateInvitation(ctx context.Context, inv *domain.InstitutionInvitation, acts ...domain.AdminAct) error {
	hash, err := s.DB.Hash(pii.KindEmail, inv.Email)
	if err != nil {
		return err
	}
	row := instInvitationRow{InstitutionID: inv.InstitutionID, Email: inv.Email, EmailHash: hash, DisplayName: inv.Name, Role: string(inv.Role),
		TokenHash: inv.TokenHash, CreatedBy: inv.CreatedBy, CreatedAt: inv.CreatedAt, ExpiresAt: inv.ExpiresAt}
	if err := s.DB.seal(row.fields()...); err != nil {
		return err
	}
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		inv.ID = row.ID
		for i, act := range acts {
			if i == 0 {
				act.Target = "invitation:" + strconv.FormatInt(row.ID, 10)
			}
			if err := recordAdminAct(tx, act); err != nil {
				return err
			}
		}
		return nil
	}), "invitation")
}

func (s *InstitutionUserStore) toInvitation(r *instInvitationRow) (*domain.InstitutionInvitation, error) {
	if err := s.DB.unseal(r.fields()...); err != nil {
		return nil, err
	}
	return &domain.InstitutionInvitation{ID: r.ID, InstitutionID: r.InstitutionID, Email: r.Email, Name: r.DisplayName, Role: domain.Role(r.Role),
		TokenHash: r.TokenHash, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt}, nil
}

// Invitations implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) Invitations(ctx context.Context, institutionID int64) ([]domain.InstitutionInvitation, error) {
	var rows []instInvitationRow
	if err := s.DB.Gorm.WithContext(ctx).Where("institution_id = ? AND "+pendingInvitation, institutionID).Order("id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "invitations")
	}
	out := make([]domain.InstitutionInvitation, len(rows))
	for i := range rows {
		inv, err := s.toInvitation(&rows[i])
		if err != nil {
			return nil, mapError(err, "invitations")
		}
		out[i] = *inv
	}
	return out, nil
}

// Invitation implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) Invitation(ctx context.Context, institutionID, id int64) (*domain.InstitutionInvitation, error) {
	var row instInvitationRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ? AND institution_id = ? AND "+pendingInvitation, id, institutionID).Take(&row).Error; err != nil {
		return nil, mapError(err, "invitation")
	}
	inv, err := s.toInvitation(&row)
	return inv, mapError(err, "invitation")
}

// RenewInvitation implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) RenewInvitation(ctx context.Context, inv *domain.InstitutionInvitation, act domain.AdminAct) error {
	return s.updatePending(ctx, inv.ID, map[string]any{"token_hash": inv.TokenHash, "expires_at": inv.ExpiresAt}, act)
}

// RevokeInvitation implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) RevokeInvitation(ctx context.Context, id int64, at time.Time, act domain.AdminAct) error {
	return s.updatePending(ctx, id, map[string]any{"revoked_at": at}, act)
}

// updatePending changes a pending invitation with the admin audit entry in one transaction;
// NOT_FOUND when it is no longer pending.
func (s *InstitutionUserStore) updatePending(ctx context.Context, id int64, set map[string]any, act domain.AdminAct) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&instInvitationRow{}).Where("id = ? AND "+pendingInvitation, id).Updates(set)
		if res.Error != nil {
			return res.Error
		} else if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return recordAdminAct(tx, act)
	}), "invitation")
}

// errAddressTaken rolls back the acceptance of an invitation whose address has an account.
var errAddressTaken = errors.New("the invited address has an account")

// SweepInvitations implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) SweepInvitations(ctx context.Context, expiredBefore time.Time) (int64, error) {
	res := s.DB.Gorm.WithContext(ctx).Where("accepted_at IS NOT NULL OR revoked_at IS NOT NULL OR expires_at < ?", expiredBefore).
		Delete(&instInvitationRow{})
	return res.RowsAffected, mapError(res.Error, "sweep institution invitations")
}

// AcceptNewInvitation implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) AcceptNewInvitation(ctx context.Context, tokenHash []byte, passwordHash string, now time.Time) (bool, error) {
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var inv instInvitationRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ? AND expires_at > ? AND "+pendingInvitation, tokenHash, now).
			Take(&inv).Error; err != nil {
			return err
		}
		if err := s.DB.unseal(inv.fields()...); err != nil {
			return err
		}
		// The account's name is sealed again for its own column (ciphertexts are bound to theirs).
		row := userRow{Email: inv.Email, DisplayName: inv.DisplayName, Role: inv.Role, InstitutionID: nullable(inv.InstitutionID),
			PasswordHash: passwordHash, CreatedAt: now}
		if err := s.DB.seal(sealField{colDisplayName, &row.DisplayName}); err != nil {
			return err
		}
		// An address with an account is never accepted into one (nor is the account touched); an
		// account created between this check and the insert is refused by the unique e-mail.
		var taken bool
		if err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM users WHERE email = ?)`, inv.Email).Scan(&taken).Error; err != nil {
			return err
		}
		if taken {
			return errAddressTaken
		}
		// The users_default_bindings trigger binds the new account to its role in the institution.
		if err := tx.Create(&row).Error; err != nil {
			if domain.CodeOf(mapError(err, "user")) == domain.CodeConflict {
				return errAddressTaken
			}
			return err
		}
		if err := tx.Model(&instInvitationRow{}).Where("id = ?", inv.ID).Updates(map[string]any{"accepted_at": now, "user_id": row.ID}).Error; err != nil {
			return err
		}
		// The institution's other invitations of the address can no longer be accepted.
		if err := tx.Model(&instInvitationRow{}).Where("institution_id = ? AND email_hash = ? AND id <> ? AND "+pendingInvitation,
			inv.InstitutionID, inv.EmailHash, inv.ID).Update("revoked_at", now).Error; err != nil {
			return err
		}
		return tx.Create(&auditRow{ActorID: nullable(row.ID), Action: "user.invitation.accept",
			Target: "user:" + strconv.FormatInt(row.ID, 10), Details: jsonMap{"invitation": inv.ID}, At: now}).Error
	})
	if errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, errAddressTaken) {
		return false, nil
	}
	return err == nil, mapError(err, "invitation")
}

// ReplaceInvitation implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) ReplaceInvitation(ctx context.Context, inv *domain.Invitation, act domain.AdminAct) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("user_id = ? AND used_at IS NULL", inv.UserID).Delete(&invitationRow{}).Error; err != nil {
			return err
		}
		if err := tx.Create(&invitationRow{TokenHash: inv.TokenHash, UserID: inv.UserID, CreatedBy: inv.CreatedBy,
			CreatedAt: inv.CreatedAt, ExpiresAt: inv.ExpiresAt}).Error; err != nil {
			return err
		}
		return recordAdminAct(tx, act)
	}), "invitation")
}

// SetDisabled implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) SetDisabled(ctx context.Context, userID int64, at time.Time, act domain.AdminAct) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Table("users").Where("id = ?", userID).Update("disabled_at", nullable(at)).Error; err != nil {
			return err
		}
		if !at.IsZero() {
			// A reset link asked for before the account was disabled (perhaps by whoever it was
			// disabled against) must not set a password once it is enabled again.
			if err := shutOut(tx, userID, at); err != nil {
				return err
			}
		}
		return recordAdminAct(tx, act)
	}), "user")
}

// AcceptInvitation implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) AcceptInvitation(ctx context.Context, tokenHash []byte, passwordHash string, now time.Time) (bool, error) {
	var ok bool
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var inv invitationRow
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
			Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash, now).
			Where("user_id IN (SELECT id FROM users WHERE disabled_at IS NULL)").Take(&inv).Error
		if err == gorm.ErrRecordNotFound {
			return nil
		} else if err != nil {
			return err
		}
		if err := tx.Model(&invitationRow{}).Where("token_hash = ?", tokenHash).Update("used_at", now).Error; err != nil {
			return err
		}
		if err := tx.Table("users").Where("id = ?", inv.UserID).Update("password_hash", passwordHash).Error; err != nil {
			return err
		}
		ok = true
		return tx.Create(&auditRow{ActorID: nullable(inv.UserID), Action: "user.invitation.accept",
			Target: "user:" + strconv.FormatInt(inv.UserID, 10), Details: jsonMap{}, At: now}).Error
	})
	return ok, mapError(err, "invitation")
}
