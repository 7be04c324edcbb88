package postgres

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

type refreshRow struct {
	TokenHash []byte `gorm:"primaryKey"`
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt *time.Time
	SessionID *int64
	// ParentHash is the token this one was rotated from (nil for a sign-in's first token).
	ParentHash []byte
}

func (refreshRow) TableName() string { return "refresh_tokens" }

type sessionRow struct {
	ID        int64 `gorm:"primaryKey;->"`
	UserID    int64
	CreatedAt time.Time
	RevokedAt *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

// SessionStore implements domain.SessionStore.
type SessionStore struct{ DB *DB }

var _ domain.SessionStore = (*SessionStore)(nil)

// SaveRefresh implements domain.SessionStore.
func (s *SessionStore) SaveRefresh(ctx context.Context, userID, sessionID int64, checked string, hash, parent []byte, created, expires time.Time) (int64, error) {
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if sessionID == 0 { // a sign-in
			// The password it verified must still be the account's, under the user's row lock
			// that a change, a reset and disabling take (shutOut runs in their transaction): a
			// sign-in with the old password still verifying when the owner changed it started a
			// session the change never ended (session 27, attack: 3 of 3 sign-ins in flight).
			// FOR NO KEY UPDATE, not FOR UPDATE: it conflicts with those updates all the same, and
			// does not wait for (nor hold up) the transactions that write rows referring to the user
			// (session 28, attack).
			var n int64
			if err := tx.Raw("SELECT count(*) FROM (SELECT 1 FROM users WHERE id = ? AND password_hash = ? AND disabled_at IS NULL FOR NO KEY UPDATE) u",
				userID, checked).Scan(&n).Error; err != nil {
				return err
			}
			if n != 1 {
				return signInOvertaken
			}
			row := sessionRow{UserID: userID, CreatedAt: created}
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			sessionID = row.ID
			if err := tx.Table("users").Where("id = ?", userID).Update("last_sign_in_at", created).Error; err != nil {
				return err
			}
		} else if live, err := sessionLive(tx, sessionID, true); err != nil {
			return err
		} else if !live {
			// A refresh whose session was ended (sign-out everywhere, a password change, the
			// account disabled) after its token was used and before its successor is saved: the
			// successor would be a live token of an ended session (session 27, attack: 9 of 15
			// refreshes raced against logout(everywhere: true) kept refreshing afterwards).
			return sessionEnded
		}
		return tx.Create(&refreshRow{TokenHash: hash, UserID: userID, CreatedAt: created, ExpiresAt: expires, SessionID: &sessionID, ParentHash: parent}).Error
	})
	return sessionID, mapError(err, "refresh token")
}

// revokeSessions ends sessions: those where the condition holds, and their refresh tokens.
func revokeSessions(tx *gorm.DB, now time.Time, query string, args ...any) error {
	var ids []int64
	if err := tx.Model(&sessionRow{}).Where("revoked_at IS NULL").Where(query, args...).Pluck("id", &ids).Error; err != nil || len(ids) == 0 {
		return err
	}
	if err := tx.Model(&sessionRow{}).Where("id IN ?", ids).Update("revoked_at", now).Error; err != nil {
		return err
	}
	return tx.Model(&refreshRow{}).Where("session_id IN ? AND revoked_at IS NULL", ids).Update("revoked_at", now).Error
}

// shutOut ends every way into a user's account but its password, in tx: its sessions, its refresh
// tokens and its unused password-reset links. A password change, a reset by link and disabling the
// account call it: a link asked for before (perhaps by whoever the change is against, who caught
// it) must not set a password afterwards (session 14 for disabling, session 18 for a change).
func shutOut(tx *gorm.DB, userID int64, at time.Time) error {
	if err := revokeSessions(tx, at, "user_id = ?", userID); err != nil {
		return err
	}
	if err := tx.Model(&refreshRow{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", at).Error; err != nil {
		return err
	}
	return tx.Model(&passwordResetRow{}).Where("user_id = ? AND used_at IS NULL", userID).Update("used_at", at).Error
}

// sessionEnded refuses a refresh token whose session was ended (sign-out, a password change, the
// account disabled, a copy of the token used); sessionExpired one that lived its time out;
// sessionUnknown one never issued (no reason: nothing is known of it). The reason lets the portal
// tell the person which (session 18, walk): "expired" after a password change on another device hid
// that the account had changed.
var (
	sessionEnded = &domain.Error{Code: domain.CodeUnauthenticated, Reason: domain.ReasonSessionEnded,
		Message: "this session has ended; sign in again", MessageZH: "会话已结束，请重新登录"}
	sessionExpired = &domain.Error{Code: domain.CodeUnauthenticated, Reason: domain.ReasonSessionExpired,
		Message: "this session has expired; sign in again", MessageZH: "登录已过期，请重新登录"}
	// signInOvertaken answers a sign-in whose password was changed or reset, or whose account was
	// disabled, while it was being checked: as a wrong password (it is one now).
	signInOvertaken = &domain.Error{Code: domain.CodeUnauthenticated, Message: "wrong e-mail address or password", MessageZH: "邮箱或密码错误"}
	sessionUnknown  = &domain.Error{Code: domain.CodeUnauthenticated, Message: "this session has ended; sign in again", MessageZH: "会话已结束，请重新登录"}
)

// UseRefresh implements domain.SessionStore. The refreshes of one session take turns (a lock on
// its row, taken before the token's, in the order revokeSessions takes them), so two successors
// of one token used at once cannot both see the other unused.
func (s *SessionStore) UseRefresh(ctx context.Context, hash []byte, now time.Time, grace time.Duration) (int64, int64, error) {
	var userID, sessionID int64
	var reused bool
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		var sess []int64
		if err := tx.Raw("SELECT session_id FROM refresh_tokens WHERE token_hash = ? AND session_id IS NOT NULL", hash).Scan(&sess).Error; err != nil {
			return err
		}
		if len(sess) == 1 {
			if err := tx.Exec("SELECT 1 FROM sessions WHERE id = ? FOR UPDATE", sess[0]).Error; err != nil {
				return err
			}
		}
		var row refreshRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hash).Take(&row).Error; err != nil {
			return err
		}
		theft := false
		if row.RevokedAt != nil {
			// Presented again: a reload or a second tab within the grace, as long as none of the
			// successors it got has been used; otherwise a copy of the token.
			if rotatedWithin(tx, row, now, grace) {
				used, err := successorUsed(tx, hash, nil)
				if err != nil {
					return err
				}
				if !used {
					userID, sessionID = row.UserID, *row.SessionID
					return nil
				}
			}
			theft = true
		} else if row.ParentHash != nil {
			// A second successor of one token, handed out within the grace: whoever goes on
			// second with their own successor is one of two holders.
			used, err := successorUsed(tx, row.ParentHash, hash)
			if err != nil {
				return err
			}
			theft = used
		}
		if theft {
			reused = true
			if err := revokeSessions(tx, now, "user_id = ?", row.UserID); err != nil {
				return err
			}
			return tx.Model(&refreshRow{}).Where("user_id = ? AND revoked_at IS NULL", row.UserID).Update("revoked_at", now).Error
		}
		if !row.ExpiresAt.After(now) {
			return sessionExpired
		}
		if row.SessionID != nil {
			// A token saved beside its session's end before SaveRefresh checked for it.
			if live, err := sessionLive(tx, *row.SessionID, false); err != nil {
				return err
			} else if !live {
				return sessionEnded
			}
		}
		userID, sessionID = row.UserID, deref(row.SessionID)
		return tx.Model(&refreshRow{}).Where("token_hash = ?", hash).Update("revoked_at", now).Error
	})
	if err != nil {
		if domain.CodeOf(mapError(err, "refresh")) == domain.CodeNotFound {
			return 0, 0, sessionUnknown
		}
		return 0, 0, mapError(err, "refresh token")
	}
	if reused {
		return 0, 0, sessionEnded
	}
	return userID, sessionID, nil
}

// sessionLive reports whether a session has not been ended, in tx; lock takes the session's row
// lock first, the one UseRefresh and revokeSessions take, so an end being written is waited for.
func sessionLive(tx *gorm.DB, id int64, lock bool) (bool, error) {
	q := "SELECT count(*) FROM sessions WHERE id = ? AND revoked_at IS NULL"
	if lock {
		q = "SELECT count(*) FROM (SELECT 1 FROM sessions WHERE id = ? AND revoked_at IS NULL FOR UPDATE) s"
	}
	var n int64
	err := tx.Raw(q, id).Scan(&n).Error
	return n == 1, err
}

// successorUsed reports whether a token rotated from parent, other than except, has been used:
// revoked while its session lives on (a revoked session ends every token of it, so a used
// successor is the only revoked one under a live session).
func successorUsed(tx *gorm.DB, parent, except []byte) (bool, error) {
	q := tx.Model(&refreshRow{}).Where("parent_hash = ? AND revoked_at IS NOT NULL", parent)
	if except != nil {
		q = q.Where("token_hash <> ?", except)
	}
	var n int64
	err := q.Count(&n).Error
	return n > 0, err
}

// rotatedWithin reports whether a revoked refresh token was rotated no longer than grace before now:
// revoked that recently while its session is still live (every other revocation ends the session).
func rotatedWithin(tx *gorm.DB, row refreshRow, now time.Time, grace time.Duration) bool {
	// A concurrent refresh may have rotated the token with a clock read a little after this
	// request's: a rotation "after" now counts as within the grace as well.
	if d := now.Sub(*row.RevokedAt); grace <= 0 || row.SessionID == nil || d > grace || d < -grace {
		return false
	}
	var live int64
	err := tx.Model(&sessionRow{}).Where("id = ? AND revoked_at IS NULL", *row.SessionID).Count(&live).Error
	return err == nil && live == 1
}

// RevokeRefresh implements domain.SessionStore.
func (s *SessionStore) RevokeRefresh(ctx context.Context, userID, sessionID int64, hash []byte, now time.Time) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if len(hash) > 0 {
			if err := revokeSessions(tx, now, "id = (SELECT session_id FROM refresh_tokens WHERE token_hash = ?)", hash); err != nil {
				return err
			}
			if err := tx.Model(&refreshRow{}).Where("token_hash = ? AND revoked_at IS NULL", hash).Update("revoked_at", now).Error; err != nil {
				return err
			}
		}
		if sessionID != 0 {
			return revokeSessions(tx, now, "id = ? AND user_id = ?", sessionID, userID)
		}
		return nil
	}), "revoke session")
}

// RevokeAllRefresh implements domain.SessionStore.
func (s *SessionStore) RevokeAllRefresh(ctx context.Context, userID int64, now time.Time) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		if err := revokeSessions(tx, now, "user_id = ?", userID); err != nil {
			return err
		}
		return tx.Model(&refreshRow{}).Where("user_id = ? AND revoked_at IS NULL", userID).Update("revoked_at", now).Error
	}), "revoke sessions")
}

// SetPasswordHash implements domain.SessionStore.
func (s *SessionStore) SetPasswordHash(ctx context.Context, userID int64, was, hash string, audit domain.AuditEntry, notice domain.Message) error {
	return mapError(s.DB.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&userRow{}).Where("id = ? AND password_hash = ?", userID, was).Update("password_hash", hash)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return domain.ErrPasswordChangedMeanwhile
		}
		return passwordSet(tx, userID, audit, notice)
	}), "change password")
}

// setPassword replaces a user's password hash, ends every way into the account but the new
// password (shutOut) and writes the audit entry and the outbox message notice (the e-mail that
// tells the user), in tx.
func setPassword(tx *gorm.DB, userID int64, hash string, audit domain.AuditEntry, notice domain.Message) error {
	if err := tx.Model(&userRow{}).Where("id = ?", userID).Update("password_hash", hash).Error; err != nil {
		return err
	}
	return passwordSet(tx, userID, audit, notice)
}

// passwordSet is what follows a new password hash in tx: shutOut, the audit entry and the notice.
func passwordSet(tx *gorm.DB, userID int64, audit domain.AuditEntry, notice domain.Message) error {
	// A password the holder chose ends the obligation to replace an administrator's first one.
	if err := tx.Model(&userRow{}).Where("id = ? AND must_change_password", userID).Update("must_change_password", false).Error; err != nil {
		return err
	}
	if err := shutOut(tx, userID, audit.At); err != nil {
		return err
	}
	audit.Target = "user:" + strconv.FormatInt(userID, 10)
	if err := recordAudit(tx, audit); err != nil {
		return err
	}
	return writeMessages(tx, []domain.Message{notice})
}
