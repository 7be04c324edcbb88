package postgres

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
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

// CreateInvited implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) CreateInvited(ctx context.Context, u *domain.User, inv *domain.Invitation, act domain.AdminAct) error {
	row := userRow{Email: u.Email, DisplayName: u.DisplayName, Role: string(u.Role), InstitutionID: nullable(u.InstitutionID),
		PasswordHash: u.PasswordHash, CreatedAt: u.CreatedAt}
	if err := s.DB.seal(sealField{colDisplayName, &row.DisplayName}); err != nil {
		return err
	}
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		// The users_default_bindings trigger binds the new account to its role in the institution.
		if err := tx.Create(&row).Error; err != nil {
			if domain.CodeOf(mapError(err, "user")) == domain.CodeConflict {
				return domain.Invalid("email", "an account with this e-mail address already exists", "该邮箱已注册")
			}
			return err
		}
		u.ID, inv.UserID = row.ID, row.ID
		act.Target = "user:" + strconv.FormatInt(row.ID, 10)
		if err := tx.Create(&invitationRow{TokenHash: inv.TokenHash, UserID: inv.UserID, CreatedBy: inv.CreatedBy,
			CreatedAt: inv.CreatedAt, ExpiresAt: inv.ExpiresAt}).Error; err != nil {
			return err
		}
		return recordAdminAct(tx, act)
	})
	return mapError(err, "user")
}

// RecordAct implements domain.InstitutionUserStore.
func (s *InstitutionUserStore) RecordAct(ctx context.Context, act domain.AdminAct) error {
	return mapError(recordAdminAct(s.DB.Gorm.WithContext(ctx), act), "audit")
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
			if err := revokeSessions(tx, at, "user_id = ?", userID); err != nil {
				return err
			}
			if err := tx.Model(&refreshRow{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", at).Error; err != nil {
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
