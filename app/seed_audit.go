package app

import (
	"context"
	"fmt"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// The demo's admin audit log: what an administrator of a running platform would have done in the
// months before, done through the same services an administrator's requests use (so each entry
// matches the state it leaves: a role granted for a while and revoked, a spelling added to the
// registry, a duplicate alias added and taken off), on a clock set back to their days (the log is
// append-only: an entry is never dated back after it is written). Without it the demo admin's
// audit log was empty and the page showed nothing to read or filter.

// demoAdminAddress is the client address the demo's admin acts recorded: the regulator's office
// network (a documentation range).
const demoAdminAddress = "192.0.2.18"

// SeedDemoTrail leaves the demo's admin audit log, once: `redline dev` and `redline seed --demo`
// call it after SeedDemo; it does nothing without the demo admin or when the demo admin has acted
// already. The tests' platforms (apptest) start without it: their admin audit log starts empty.
//
// It first leaves the demo institution's extension requests that await a supervisor
// (seedDemoExtensions), once, and the demo collection agency's agent with the complaints forwarded
// to that agency (seedDemoAgency), once, and the demo complainant's complaints awaiting information,
// referred to the police and disputed (seedDemoStatuses), once.
func (a *App) SeedDemoTrail(ctx context.Context) error {
	if err := a.seedDemoExtensions(ctx); err != nil {
		return err
	}
	if err := a.seedDemoAgency(ctx); err != nil {
		return err
	}
	if err := a.seedDemoStatuses(ctx); err != nil {
		return err
	}
	var ids []struct {
		ID    int64
		Email string
	}
	if err := a.DB.Gorm.WithContext(ctx).Raw(`SELECT id, email FROM users WHERE email IN ('admin@redline.demo', 'reviewer@redline.demo')`).Scan(&ids).Error; err != nil {
		return fmt.Errorf("seed: admin audit trail: %w", err)
	}
	var admin, reviewer int64
	for _, u := range ids {
		if u.Email == "admin@redline.demo" {
			admin = u.ID
		} else {
			reviewer = u.ID
		}
	}
	if admin == 0 || reviewer == 0 {
		return nil
	}
	var acted int64
	if err := a.DB.Gorm.WithContext(ctx).Raw(`SELECT count(*) FROM admin_audit_log WHERE actor_id = ?`, admin).Scan(&acted).Error; err != nil || acted > 0 {
		return err
	}
	var lenders []struct {
		ID   int64
		Name string
	}
	if err := a.DB.Gorm.WithContext(ctx).Raw(`SELECT id, name FROM institutions WHERE name IN ('广发银行信用卡中心', '马上消费金融股份有限公司')`).Scan(&lenders).Error; err != nil {
		return fmt.Errorf("seed: admin audit trail: %w", err)
	}
	byName := map[string]int64{}
	for _, l := range lenders {
		byName[l.Name] = l.ID
	}
	if len(byName) < 2 {
		return nil
	}
	actx, err := a.seedActor(ctx, admin)
	if err != nil {
		return err
	}
	ctx = domain.WithRequestAddress(actx, demoAdminAddress)
	acc, reg := *a.Access, *a.InstitutionAdmin
	steps := []struct {
		daysAgo int
		do      func() error
	}{
		{150, func() error {
			_, err := reg.AddAlias(ctx, byName["广发银行信用卡中心"], "广发银行信用卡")
			return err
		}},
		{121, func() error {
			_, err := acc.Grant(ctx, reviewer, domain.RoleReviewer, "team:south", "华南组积压较多，临时支援两周（处室安排第3号）")
			return err
		}},
		{107, func() error {
			return acc.Revoke(ctx, reviewer, domain.RoleReviewer, "team:south", "支援期满，华南组积压已清理")
		}},
		{46, func() error {
			_, err := reg.AddAlias(ctx, byName["马上消费金融股份有限公司"], "安逸花APP")
			return err
		}},
		{45, func() error {
			_, err := reg.RemoveAlias(ctx, byName["马上消费金融股份有限公司"], "安逸花APP")
			return err
		}},
	}
	now := a.DB.Now()
	for _, s := range steps {
		// A working day, in office hours in Beijing (09:00–15:00, 01:00–07:00 UTC).
		day := now.AddDate(0, 0, -s.daysAgo).UTC().Truncate(24 * time.Hour)
		for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			day = day.AddDate(0, 0, -1)
		}
		at := day.Add(time.Duration(60+s.daysAgo*37%360) * time.Minute)
		acc.Now = func() time.Time { return at }
		reg.Now = acc.Now
		if err := s.do(); err != nil {
			return fmt.Errorf("seed: admin audit trail: %w", err)
		}
	}
	return nil
}
