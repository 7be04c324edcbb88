package postgres

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

type userRow struct {
	ID            int64 `gorm:"primaryKey;->"`
	Email         string
	DisplayName   string
	Role          string
	InstitutionID *int64
	Teams         textArray
	PasswordHash  string
	CreatedAt     time.Time
	DisabledAt    *time.Time `gorm:"->"` // written by InstitutionUserStore.SetDisabled only
	// MustChangePassword is set at creation (an administrator's account) and cleared by passwordSet.
	MustChangePassword bool
}

func (userRow) TableName() string { return "users" }

type auditRow struct {
	ID      int64 `gorm:"primaryKey;->"`
	ActorID *int64
	Action  string
	Target  string
	Details jsonMap
	Address string
	At      time.Time
}

func (auditRow) TableName() string { return "audit_log" }

// recordAudit appends e to the platform's audit log (audit_log) within tx.
func recordAudit(tx *gorm.DB, e domain.AuditEntry) error {
	return tx.Create(&auditRow{ActorID: nullable(e.ActorID), Action: e.Action, Target: e.Target, Details: jsonMap(e.Details), At: e.At}).Error
}

func toDomainUser(r *userRow) *domain.User {
	return &domain.User{ID: r.ID, Email: r.Email, DisplayName: r.DisplayName, Role: domain.Role(r.Role),
		InstitutionID: deref(r.InstitutionID), Teams: []string(r.Teams), PasswordHash: r.PasswordHash, CreatedAt: r.CreatedAt,
		DisabledAt: deref(r.DisabledAt), MustChangePassword: r.MustChangePassword}
}

// UserStore implements domain.UserStore.
type UserStore struct{ DB *DB }

var _ domain.UserStore = (*UserStore)(nil)

// CreateUser implements domain.UserStore.
func (s *UserStore) CreateUser(ctx context.Context, u *domain.User, audit domain.AuditEntry) error {
	row := userRow{Email: u.Email, DisplayName: u.DisplayName, Role: string(u.Role), InstitutionID: nullable(u.InstitutionID),
		Teams: textArray(u.Teams), PasswordHash: u.PasswordHash, CreatedAt: u.CreatedAt, MustChangePassword: u.MustChangePassword}
	if err := s.DB.seal(sealField{colDisplayName, &row.DisplayName}); err != nil {
		return err
	}
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			if domain.CodeOf(mapError(err, "user")) == domain.CodeConflict {
				return domain.Invalid("email", "an account with this e-mail address already exists", "该邮箱已注册")
			}
			return err
		}
		u.ID = row.ID
		audit.Target = "user:" + strconv.FormatInt(row.ID, 10)
		return recordAudit(tx, audit)
	})
	return mapError(err, "user")
}

// UserByEmail implements domain.UserStore.
func (s *UserStore) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	var row userRow
	if err := s.DB.Gorm.WithContext(ctx).Where("email = ?", email).Take(&row).Error; err != nil {
		return nil, mapError(err, "user")
	}
	u, err := s.DB.toDomainUser(&row)
	return u, mapError(err, "user")
}

// UserByID implements domain.UserStore.
func (s *UserStore) UserByID(ctx context.Context, id int64) (*domain.User, error) {
	var row userRow
	if err := s.DB.Gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapError(err, "user")
	}
	u, err := s.DB.toDomainUser(&row)
	return u, mapError(err, "user")
}

// ComplainantIdentities implements domain.ComplainantIdentities: each account's display name,
// e-mail address and SMS mobile, those it has, decrypted.
func (s *UserStore) ComplainantIdentities(ctx context.Context, userIDs []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ID          int64
		DisplayName string
		Email       string
		Mobile      string
	}
	err := s.DB.Gorm.WithContext(ctx).Raw(`SELECT u.id, u.display_name, u.email, coalesce(p.mobile, '') AS mobile
		FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id WHERE u.id IN ?`, userIDs).Scan(&rows).Error
	if err != nil {
		return nil, mapError(err, "complainants")
	}
	for _, r := range rows {
		if err := s.DB.unseal(sealField{colDisplayName, &r.DisplayName}, sealField{colContactMobile, &r.Mobile}); err != nil {
			return nil, mapError(err, "complainants")
		}
		for _, v := range []string{r.DisplayName, r.Email, r.Mobile} {
			if v != "" {
				out[r.ID] = append(out[r.ID], v)
			}
		}
	}
	return out, nil
}
