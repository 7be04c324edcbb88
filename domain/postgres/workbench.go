package postgres

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

// WorkbenchStore implements domain.WorkbenchStore: saved views (table saved_views) and the teams'
// load, counted from complaints and role_bindings.
type WorkbenchStore struct{ DB *DB }

var _ domain.WorkbenchStore = (*WorkbenchStore)(nil)

type savedViewRow struct {
	ID        int64 `gorm:"primaryKey;->"`
	OwnerID   int64
	Name      string
	Filter    []byte `gorm:"type:jsonb"`
	OrderBy   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (savedViewRow) TableName() string { return "saved_views" }

func (r *savedViewRow) toDomain() (domain.SavedView, error) {
	f, err := domain.ParseViewFilter(r.Filter)
	if err != nil {
		return domain.SavedView{}, err
	}
	f.Order = domain.ComplaintOrder(r.OrderBy)
	return domain.SavedView{ID: r.ID, OwnerID: r.OwnerID, Name: r.Name, Filter: f, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}, nil
}

// SavedViews implements domain.WorkbenchStore.
func (s *WorkbenchStore) SavedViews(ctx context.Context, ownerID int64) ([]domain.SavedView, error) {
	var rows []savedViewRow
	if err := s.DB.Gorm.WithContext(ctx).Where("owner_id = ?", ownerID).Order("lower(name), id").Find(&rows).Error; err != nil {
		return nil, mapError(err, "list saved views")
	}
	out := make([]domain.SavedView, 0, len(rows))
	for i := range rows {
		v, err := rows[i].toDomain()
		if err != nil {
			continue // a view whose filter no longer validates (a value retired since) is left out
		}
		out = append(out, v)
	}
	return out, nil
}

// SaveView implements domain.WorkbenchStore.
func (s *WorkbenchStore) SaveView(ctx context.Context, v *domain.SavedView, max int) error {
	filter, err := json.Marshal(domain.ViewFilterOf(v.Filter))
	if err != nil {
		return err
	}
	now := s.DB.Now()
	return s.DB.inTx(ctx, func(tx *gorm.DB) error {
		// One person saving twice at once: serialise on the owner's row (NO KEY UPDATE, so that
		// rows referring to the owner are written meanwhile; session 28, attack).
		if err := tx.Exec("SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE", v.OwnerID).Error; err != nil {
			return mapError(err, "save view")
		}
		var row savedViewRow
		err := tx.Where("owner_id = ? AND lower(name) = lower(?)", v.OwnerID, v.Name).Take(&row).Error
		switch {
		case err == nil:
			if err := tx.Model(&savedViewRow{}).Where("id = ?", row.ID).
				Updates(map[string]any{"name": v.Name, "filter": filter, "order_by": string(v.Filter.Order), "updated_at": now}).Error; err != nil {
				return mapError(err, "save view")
			}
			v.ID, v.CreatedAt, v.UpdatedAt = row.ID, row.CreatedAt, now
			return nil
		case err != gorm.ErrRecordNotFound:
			return mapError(err, "save view")
		}
		var n int64
		if err := tx.Model(&savedViewRow{}).Where("owner_id = ?", v.OwnerID).Count(&n).Error; err != nil {
			return mapError(err, "save view")
		}
		if int(n) >= max {
			return &domain.Error{Code: domain.CodeConflict, Field: "name", Message: "you already keep the most saved views allowed; delete one first",
				MessageZH: "已保存的视图数量已达上限，请先删除一个"}
		}
		if err := tx.Raw(`INSERT INTO saved_views (owner_id, name, filter, order_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			v.OwnerID, v.Name, string(filter), string(v.Filter.Order), now, now).Scan(&v.ID).Error; err != nil {
			return mapError(err, "save view")
		}
		v.CreatedAt, v.UpdatedAt = now, now
		return nil
	})
}

// DeleteView implements domain.WorkbenchStore.
func (s *WorkbenchStore) DeleteView(ctx context.Context, ownerID, id int64) (bool, error) {
	res := s.DB.Gorm.WithContext(ctx).Where("owner_id = ? AND id = ?", ownerID, id).Delete(&savedViewRow{})
	if res.Error != nil {
		return false, mapError(res.Error, "delete view")
	}
	return res.RowsAffected > 0, nil
}

type loadRow struct {
	Team       string
	AssigneeID *int64
	Open       int
	Overdue    int
	DueSoon    int
	Pending    int
}

type memberRow struct {
	Team        string
	UserID      int64
	DisplayName string
	Role        string
}

// TeamLoad implements domain.WorkbenchStore.
func (s *WorkbenchStore) TeamLoad(ctx context.Context, sc domain.Scope, asOf, soon time.Time) ([]domain.TeamLoad, error) {
	if sc.Nothing || (!sc.All && len(sc.Teams) == 0) {
		return []domain.TeamLoad{}, nil
	}
	var open []string
	for _, st := range domain.Statuses {
		if st.Open() {
			open = append(open, string(st))
		}
	}
	g := s.DB.Gorm.WithContext(ctx)
	q := g.Table("complaints").Select(`team, assignee_id, count(*) AS open,
		count(*) FILTER (WHERE awaited_due_at < ? AND `+handlerClock+`) AS overdue,
		count(*) FILTER (WHERE awaited_due_at >= ? AND awaited_due_at < ? AND `+handlerClock+`) AS due_soon,
		count(*) FILTER (WHERE pending_extension_id IS NOT NULL) AS pending`,
		asOf, complainantClocks(), asOf, soon, complainantClocks()).Where("status IN ?", open)
	if !sc.All {
		q = q.Where("team IN ?", sc.Teams)
	}
	var rows []loadRow
	if err := q.Group("team, assignee_id").Scan(&rows).Error; err != nil {
		return nil, mapError(err, "team load")
	}
	// The reviewers and supervisors bound to each team, and whoever works a complaint of it.
	mq := g.Table("role_bindings b").Select("substr(b.domain, 6) AS team, u.id AS user_id, u.display_name, b.role").
		Joins("JOIN users u ON u.id = b.user_id").Where("b.role IN ? AND b.domain LIKE 'team:%'", []string{"reviewer", "supervisor"})
	if !sc.All {
		domains := make([]string, len(sc.Teams))
		for i, t := range sc.Teams {
			domains[i] = domain.TeamDomain(t)
		}
		mq = mq.Where("b.domain IN ?", domains)
	}
	var members []memberRow
	if err := mq.Scan(&members).Error; err != nil {
		return nil, mapError(err, "team load")
	}
	for i := range members { // display names are sealed at rest (personal.go)
		if err := s.DB.unseal(sealField{colDisplayName, &members[i].DisplayName}); err != nil {
			return nil, mapError(err, "team load")
		}
	}
	teams := map[string]*domain.TeamLoad{}
	team := func(code string) *domain.TeamLoad {
		t, ok := teams[code]
		if !ok {
			t = &domain.TeamLoad{Team: code}
			teams[code] = t
		}
		return t
	}
	if !sc.All {
		for _, code := range sc.Teams {
			team(code)
		}
	}
	type key struct {
		team string
		user int64
	}
	people := map[key]*domain.MemberLoad{}
	member := func(code string, id int64) *domain.MemberLoad {
		k := key{code, id}
		m, ok := people[k]
		if !ok {
			m = &domain.MemberLoad{UserID: id}
			people[k] = m
		}
		return m
	}
	for _, m := range members {
		x := member(m.Team, m.UserID)
		x.DisplayName, x.Role = m.DisplayName, domain.Role(m.Role)
		team(m.Team)
	}
	var unknown []int64
	for _, r := range rows {
		t := team(r.Team)
		t.Open += r.Open
		t.Overdue += r.Overdue
		t.DueSoon += r.DueSoon
		t.ExtensionsPending += r.Pending
		if r.AssigneeID == nil {
			t.Unassigned += r.Open
			continue
		}
		x := member(r.Team, *r.AssigneeID)
		x.Open, x.Overdue, x.DueSoon = r.Open, r.Overdue, r.DueSoon
		if x.DisplayName == "" {
			unknown = append(unknown, *r.AssigneeID)
		}
	}
	if len(unknown) > 0 { // someone bound everywhere, or no longer bound to the team
		var us []memberRow
		if err := g.Table("users").Select("id AS user_id, display_name, role").Where("id IN ?", unknown).Scan(&us).Error; err != nil {
			return nil, mapError(err, "team load")
		}
		for _, u := range us {
			if err := s.DB.unseal(sealField{colDisplayName, &u.DisplayName}); err != nil {
				return nil, mapError(err, "team load")
			}
			for k, m := range people {
				if k.user == u.UserID && m.DisplayName == "" {
					m.DisplayName, m.Role = u.DisplayName, domain.Role(u.Role)
				}
			}
		}
	}
	for k, m := range people {
		if t, ok := teams[k.team]; ok {
			t.Members = append(t.Members, *m)
		}
	}
	out := make([]domain.TeamLoad, 0, len(teams))
	for _, t := range teams {
		sort.Slice(t.Members, func(i, j int) bool {
			a, b := t.Members[i], t.Members[j]
			if a.Open != b.Open {
				return a.Open > b.Open
			}
			return a.UserID < b.UserID
		})
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Team < out[j].Team })
	return out, nil
}

// Teams implements domain.WorkbenchStore.
func (s *WorkbenchStore) Teams(ctx context.Context) ([]domain.Team, error) {
	var out []domain.Team
	err := s.DB.Gorm.WithContext(ctx).Raw("SELECT code, name, name_en FROM teams ORDER BY code").Scan(&out).Error
	return out, mapError(err, "teams")
}
