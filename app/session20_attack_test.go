package app_test

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
)

// Session 20 (attack): trends' previousTotal, the headline "against the previous period", was a
// plain count of the previous period under the query's filters, outside the suppression of small
// cells. An analyst asking for one day's trend of one institution in one province read the day
// before's count of that cell — 1 complaint — which stats withholds from them (suppressed: true).

// TestTrendsPreviousTotalFollowsSuppression: the analyst's previous-period total counts only the
// cells it may read; supervisors read the whole count.
func TestTrendsPreviousTotalFollowsSuppression(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	ctx := context.Background()
	c, err := cs.File(p.ctx(domain.RoleComplainant), domain.FileComplaint{Relation: domain.RelationParent,
		LenderID: p.lenderID, LenderName: "招行信用卡", AgencyID: p.agencyID, Product: domain.ProductCreditCard,
		Province: "310000", Narrative: "催收员说不还钱就把我儿子的腿打断。", Violations: []domain.ViolationType{domain.ViolationThreat}}, uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Route(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Stats.Store.Rebuild(ctx, mustTime("2026-03-01 00:00"), mustTime("2026-03-31 00:00")); err != nil {
		t.Fatal(err)
	}
	cell := domain.StatsFilter{From: mustTime("2026-03-10 00:00"), To: mustTime("2026-03-10 00:00"),
		Institutions: []int64{p.lenderID}, Provinces: []string{"310000"}}
	// What stats answers the analyst for that cell: withheld.
	res, err := env.App.Stats.Query(p.ctx(domain.RoleAnalyst), domain.StatsQuery{Filter: cell,
		GroupBy: []domain.StatsDimension{domain.DimDay}})
	if err != nil || len(res.Rows) != 1 || !res.Rows[0].Suppressed {
		t.Fatalf("stats for the analyst: %+v %v, want the day's one cell suppressed", res, err)
	}
	next := cell
	next.From, next.To = mustTime("2026-03-11 00:00"), mustTime("2026-03-11 00:00")
	for _, tc := range []struct {
		role domain.Role
		want int64
	}{{domain.RoleAnalyst, 0}, {domain.RoleSupervisor, 1}} {
		for _, lens := range []domain.StatsDimension{"", domain.DimViolationType} {
			tr, err := env.App.Stats.Trends(p.ctx(tc.role), next, domain.DimDay, lens)
			if err != nil {
				t.Fatalf("%s, lens %q: %v", tc.role, lens, err)
			}
			if tr.PreviousTotal != tc.want {
				t.Errorf("%s, lens %q: the day after's trend says %d complaints the day before, want %d (stats withholds the cell from analysts)",
					tc.role, lens, tr.PreviousTotal, tc.want)
			}
		}
	}
	// A period that is not narrow still counts the previous one whole for the analyst.
	wide := domain.StatsFilter{From: mustTime("2026-03-11 00:00"), To: mustTime("2026-04-30 00:00")}
	tr, err := env.App.Stats.Trends(p.ctx(domain.RoleAnalyst), wide, domain.DimMonth, "")
	if err != nil || tr.PreviousTotal != 1 {
		t.Errorf("analyst, months without filters: previous total %+v %v, want 1", tr, err)
	}
}
