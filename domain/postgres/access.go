package postgres

import (
	"context"
	"encoding/base64"
	"maps"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

type bindingRow struct {
	UserID    int64 `gorm:"primaryKey"`
	Role      string
	Domain    string
	GrantedBy *int64
	GrantedAt time.Time
}

func (bindingRow) TableName() string { return "role_bindings" }

func toDomainBinding(r bindingRow) domain.Binding {
	return domain.Binding{UserID: r.UserID, Role: domain.Role(r.Role), Domain: r.Domain, GrantedBy: deref(r.GrantedBy), GrantedAt: r.GrantedAt}
}

type adminActRow struct {
	ID        int64 `gorm:"primaryKey;->"`
	ActorID   int64
	ActorRole string
	Action    string
	Target    string
	Reason    string
	Details   jsonMap
	Address   string
	At        time.Time
}

func (adminActRow) TableName() string { return "admin_audit_log" }

// recordAdminAct appends act to the admin audit log within tx: the one writer of admin_audit_log,
// called in the transaction of the change it records.
func recordAdminAct(tx *gorm.DB, a domain.AdminAct) error {
	if a.Details == nil {
		a.Details = map[string]any{}
	}
	if a.Address == "" {
		a.Address = "unknown"
	}
	return tx.Create(&adminActRow{ActorID: a.ActorID, ActorRole: string(a.ActorRole), Action: a.Action, Target: a.Target, Reason: a.Reason,
		Details: jsonMap(a.Details), Address: a.Address, At: a.At}).Error
}

// recordAdminActInAuditLog appends act to the admin audit log and, for the readers of the
// platform's audit_log (routing and rule pack publishes were recorded there first), to audit_log
// too, with the reason among the details; both within tx.
func recordAdminActInAuditLog(tx *gorm.DB, a domain.AdminAct) error {
	if err := recordAdminAct(tx, a); err != nil {
		return err
	}
	details := maps.Clone(a.Details)
	if details == nil {
		details = map[string]any{}
	}
	if a.Reason != "" {
		details["reason"] = a.Reason
	}
	return tx.Create(&auditRow{ActorID: nullable(a.ActorID), Action: a.Action, Target: a.Target, Details: jsonMap(details),
		Address: a.Address, At: a.At}).Error
}

// AccessStore implements domain.AccessStore.
type AccessStore struct{ DB *DB }

var _ domain.AccessStore = (*AccessStore)(nil)

// Bindings implements domain.AccessStore.
func (s *AccessStore) Bindings(ctx context.Context, userID int64) ([]domain.Binding, error) {
	var rows []bindingRow
	if err := s.DB.Gorm.WithContext(ctx).Where("user_id = ?", userID).Order("role, domain").Find(&rows).Error; err != nil {
		return nil, mapError(err, "role binding")
	}
	out := make([]domain.Binding, len(rows))
	for i, r := range rows {
		out[i] = toDomainBinding(r)
	}
	return out, nil
}

// SessionBindings implements domain.AccessStore: the session's primary key and the bindings' user
// index answer it in one query. A disabled account's sessions are not live.
func (s *AccessStore) SessionBindings(ctx context.Context, userID, sessionID int64) ([]domain.Binding, bool, error) {
	// Every authenticated request runs it: database/sql directly, not gorm's reflection (issue 14).
	rows, err := s.DB.poolFor(ctx).QueryContext(ctx, `SELECT b.role, b.domain, b.granted_by, b.granted_at
		FROM sessions s JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
		LEFT JOIN role_bindings b ON b.user_id = s.user_id
		WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL ORDER BY b.role, b.domain`, sessionID, userID)
	if err != nil {
		return nil, false, mapError(markUnavailable(timeoutError(err)), "session")
	}
	defer rows.Close()
	var out []domain.Binding
	found := false
	for rows.Next() {
		found = true
		var role, dom *string
		var grantedBy *int64
		var grantedAt *time.Time
		if err := rows.Scan(&role, &dom, &grantedBy, &grantedAt); err != nil {
			return nil, false, mapError(err, "session")
		}
		if role != nil {
			out = append(out, toDomainBinding(bindingRow{UserID: userID, Role: *role, Domain: deref(dom), GrantedBy: grantedBy, GrantedAt: deref(grantedAt)}))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, mapError(markUnavailable(timeoutError(err)), "session")
	}
	return out, found, nil
}

// AllBindings calls fn with every binding, in batches, for loading the authorizer.
func (s *AccessStore) AllBindings(ctx context.Context, fn func([]domain.Binding) error) error {
	var rows []bindingRow
	return s.DB.Gorm.WithContext(ctx).Order("user_id, role, domain").FindInBatches(&rows, 10_000, func(tx *gorm.DB, _ int) error {
		bs := make([]domain.Binding, len(rows))
		for i, r := range rows {
			bs[i] = toDomainBinding(r)
		}
		return fn(bs)
	}).Error
}

// TeamCodes implements domain.AccessStore.
func (s *AccessStore) TeamCodes(ctx context.Context) ([]string, error) {
	var codes []string
	err := s.DB.Gorm.WithContext(ctx).Table("teams").Order("code").Pluck("code", &codes).Error
	return codes, mapError(err, "team")
}

// DomainExists implements domain.AccessStore.
func (s *AccessStore) DomainExists(ctx context.Context, dom string) (bool, error) {
	var n int64
	var err error
	switch {
	case dom == domain.DomainAll:
		return true, nil
	case strings.HasPrefix(dom, "inst:"):
		id, perr := strconv.ParseInt(strings.TrimPrefix(dom, "inst:"), 10, 64)
		if perr != nil {
			return false, nil
		}
		err = s.DB.Gorm.WithContext(ctx).Table("institutions").Where("id = ?", id).Count(&n).Error
	case strings.HasPrefix(dom, "team:"):
		err = s.DB.Gorm.WithContext(ctx).Table("teams").Where("code = ?", strings.TrimPrefix(dom, "team:")).Count(&n).Error
	}
	return n > 0, mapError(err, "domain")
}

// Grant implements domain.AccessStore.
func (s *AccessStore) Grant(ctx context.Context, b domain.Binding, act domain.AdminAct) (bool, error) {
	var added bool
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&bindingRow{UserID: b.UserID, Role: string(b.Role), Domain: b.Domain,
			GrantedBy: nullable(b.GrantedBy), GrantedAt: b.GrantedAt})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		added = true
		return recordAdminAct(tx, act)
	})
	return added, mapError(err, "role binding")
}

// Revoke implements domain.AccessStore.
func (s *AccessStore) Revoke(ctx context.Context, b domain.Binding, act domain.AdminAct) (bool, error) {
	var removed bool
	err := s.DB.inTx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("user_id = ? AND role = ? AND domain = ?", b.UserID, string(b.Role), b.Domain).Delete(&bindingRow{})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		removed = true
		return recordAdminAct(tx, act)
	})
	return removed, mapError(err, "role binding")
}

// RecordAct implements domain.AccessStore.
func (s *AccessStore) RecordAct(ctx context.Context, act domain.AdminAct) error {
	return mapError(recordAdminAct(s.DB.Gorm.WithContext(ctx), act), "admin audit log")
}

// AdminActs implements domain.AccessStore. The cursor is the entry's id.
func (s *AccessStore) AdminActs(ctx context.Context, f domain.AdminActFilter, p domain.Page) (domain.AdminActPage, error) {
	q := s.DB.Gorm.WithContext(ctx).Order("id DESC").Limit(p.First + 1)
	if a, prefix := strings.CutSuffix(f.Action, "."); prefix {
		q = q.Where("action LIKE ?", likeEscape(a)+".%")
	} else if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Target != "" {
		q = q.Where("target = ?", f.Target)
	}
	if f.ActorID != 0 {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if p.After != "" {
		raw, err := base64.RawURLEncoding.DecodeString(p.After)
		id, perr := strconv.ParseInt(string(raw), 10, 64)
		if err != nil || perr != nil {
			return domain.AdminActPage{}, domain.Invalid("after", "the cursor is not valid", "分页游标无效")
		}
		q = q.Where("id < ?", id)
	}
	var rows []adminActRow
	if err := q.Find(&rows).Error; err != nil {
		return domain.AdminActPage{}, mapError(err, "admin audit log")
	}
	var page domain.AdminActPage
	if len(rows) > p.First {
		page.HasNext, rows = true, rows[:p.First]
	}
	for _, r := range rows {
		page.Acts = append(page.Acts, domain.AdminAct{ID: r.ID, ActorID: r.ActorID, ActorRole: domain.Role(r.ActorRole), Action: r.Action,
			Target: r.Target, Reason: r.Reason, Details: map[string]any(r.Details), Address: r.Address, At: r.At})
		page.Cursors = append(page.Cursors, base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(r.ID, 10))))
	}
	return page, nil
}

// likeEscape escapes LIKE's wildcards in s.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// SearchUsers implements domain.AccessStore: a number is a user's id, other text a part of the
// e-mail address; by id, the cursor being the last id.
func (s *AccessStore) SearchUsers(ctx context.Context, search string, p domain.Page) ([]*domain.User, bool, error) {
	q := s.DB.Gorm.WithContext(ctx).Model(&userRow{})
	if search != "" {
		if id, err := strconv.ParseInt(search, 10, 64); err == nil && id > 0 {
			q = q.Where("id = ?", id)
		} else {
			q = q.Where("email ILIKE ?", "%"+likeEscape(search)+"%")
		}
	}
	q, err := afterNumber(q, "id > ?", p.After)
	if err != nil {
		return nil, false, err
	}
	var rows []userRow
	if err := q.Order("id").Limit(p.First + 1).Find(&rows).Error; err != nil {
		return nil, false, mapError(err, "users")
	}
	more := len(rows) > p.First
	if more {
		rows = rows[:p.First]
	}
	out := make([]*domain.User, 0, len(rows))
	for i := range rows {
		u, err := s.DB.toDomainUser(&rows[i])
		if err != nil {
			return nil, false, mapError(err, "users")
		}
		out = append(out, u)
	}
	return out, more, nil
}
