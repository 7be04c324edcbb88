package app_test

import (
	"context"
	"slices"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// Session 19 (attack): an institution's own scorecard counted every complaint naming it — still in
// triage, rejected, referred, or forwarded to the other institution only — with the three violation
// types most named among them, month by month. An institution may not learn that a complaint it
// was not forwarded exists (NOT_FOUND to it), yet a card of 1 complaint in a month with "THREAT"
// among its types told a lender, before the regulator had decided anything, that the debtor it
// threatened had complained, and about what.

// TestInstitutionScorecardCountsOnlyForwardedComplaints: the lender's and the agency's own cards
// count what was forwarded to each; staff see every complaint received.
func TestInstitutionScorecardCountsOnlyForwardedComplaints(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	ctx := context.Background()
	file := func(narrative string, claimed ...domain.ViolationType) *domain.Complaint {
		t.Helper()
		return fileRouted(t, ce, narrative, claimed...)
	}
	toLender := file("催收员晚上十一点还打电话给我。", domain.ViolationImproperHours)
	must(cs.Forward(p.ctx(domain.RoleReviewer), toLender.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	toAgency := file("催收员晚上十一点还打电话给我。", domain.ViolationImproperHours)
	must(cs.Forward(p.ctx(domain.RoleReviewer), toAgency.ID, domain.Forwarding{Target: domain.ForwardAgency}, 0)).of(t)
	agencyAgent := p.actors[domain.RoleInstitutionAgent]
	agencyAgent.InstitutionID = p.agencyID
	// The agency answers its complaint two days later: the lender's median answer time must not
	// include it.
	ce.at("2026-03-12 10:00")
	must(cs.Respond(domain.WithActor(ctx, agencyAgent), toAgency.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation,
		Explanation: "已核实催收记录并向客户说明。"}, 0)).of(t)
	// Still in triage: neither institution may learn it exists.
	file("催收员说不还钱就把我儿子的腿打断，还要找人到家里来。", domain.ViolationThreat)

	if err := env.App.Stats.Store.Rebuild(ctx, mustTime("2026-03-01 00:00"), mustTime("2026-03-31 00:00")); err != nil {
		t.Fatal(err)
	}
	card := func(role domain.Role, actor domain.Actor) *domain.Scorecard {
		t.Helper()
		sc, err := env.App.Stats.Scorecards(domain.WithActor(ctx, actor), "2026-03", 0, nil, 50)
		if err != nil {
			t.Fatalf("%s: %v", role, err)
		}
		if len(sc.Cards) != 1 {
			t.Fatalf("%s: %d cards, want its own only", role, len(sc.Cards))
		}
		return sc.Cards[0]
	}
	for _, tc := range []struct {
		name  string
		actor domain.Actor
		id    int64
	}{{"lender", p.actors[domain.RoleInstitutionAgent], p.lenderID}, {"agency", agencyAgent, p.agencyID}} {
		c := card(domain.RoleInstitutionAgent, tc.actor)
		if c.Institution.ID != tc.id {
			t.Fatalf("%s: the card is institution %d's", tc.name, c.Institution.ID)
		}
		if c.Figures.Complaints != 1 {
			t.Errorf("%s: its own card counts %d complaints, want 1 (the one forwarded to it; 3 name it)", tc.name, c.Figures.Complaints)
		}
		for _, v := range c.TopViolations {
			if v.Violation == string(domain.ViolationThreat) || v.Count > 1 {
				t.Errorf("%s: its top violation types %v name a complaint not forwarded to it", tc.name, c.TopViolations)
			}
		}
		if c.Rank != 0 {
			t.Errorf("%s: its own card has rank %d (ranks order every complaint received)", tc.name, c.Rank)
		}
		if answered := tc.id == p.agencyID; (c.MedianAnswerDays != nil) != answered {
			t.Errorf("%s: median answer days %v, want a median only over the answer to its own complaint", tc.name, c.MedianAnswerDays)
		}
		// Its list agrees: what the card counts is what it reads.
		page, err := cs.List(domain.WithActor(ctx, tc.actor), domain.ComplaintFilter{}, domain.Page{First: 10})
		if err != nil || page.Total != int(c.Figures.Complaints) {
			t.Errorf("%s: lists %d complaints (%v), its card counts %d", tc.name, page.Total, err, c.Figures.Complaints)
		}
	}
	// The regulator's staff see every complaint received, the one in triage too.
	sc, err := env.App.Stats.Scorecards(p.ctx(domain.RoleSupervisor), "2026-03", p.lenderID, nil, 50)
	if err != nil || len(sc.Cards) != 1 || sc.Cards[0].Figures.Complaints != 3 {
		t.Fatalf("supervisor: %+v %v, want the lender's 3 complaints received", sc, err)
	}
	if !slices.ContainsFunc(sc.Cards[0].TopViolations, func(v domain.ViolationCount) bool { return v.Violation == string(domain.ViolationThreat) }) {
		t.Errorf("supervisor: top violations %v lack the threat", sc.Cards[0].TopViolations)
	}
}

// TestScorecardTopViolationsFollowSuppression: a scorecard's top violation types are cells of
// institution, violation type and period, which stats withholds from analysts when a month or
// shorter holds fewer than 5 complaints; the cards answered them (THREAT 1 of a lender in a month:
// one person's complaint), so an analyst read on the card what stats suppresses.
func TestScorecardTopViolationsFollowSuppression(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, p := ce.env, ce.p
	ctx := context.Background()
	fileRouted(t, ce, "催收员说不还钱就把我儿子的腿打断。", domain.ViolationThreat)
	if err := env.App.Stats.Store.Rebuild(ctx, mustTime("2026-03-01 00:00"), mustTime("2026-03-31 00:00")); err != nil {
		t.Fatal(err)
	}
	top := func(role domain.Role, period string) []domain.ViolationCount {
		t.Helper()
		sc, err := env.App.Stats.Scorecards(p.ctx(role), period, p.lenderID, nil, 50)
		if err != nil || len(sc.Cards) != 1 || sc.Cards[0].Figures.Complaints != 1 {
			t.Fatalf("%s %s: %+v %v", role, period, sc, err)
		}
		return sc.Cards[0].TopViolations
	}
	// What stats answers the analyst for the same cell.
	res, err := env.App.Stats.Query(p.ctx(domain.RoleAnalyst), domain.StatsQuery{Filter: domain.StatsFilter{
		From: mustTime("2026-03-01 00:00"), To: mustTime("2026-03-31 00:00"), Institutions: []int64{p.lenderID}},
		GroupBy: []domain.StatsDimension{domain.DimInstitution, domain.DimViolationType}})
	if err != nil || res.Suppressed == 0 {
		t.Fatalf("stats for the analyst: %+v %v, want the month's cells of 1 complaint suppressed", res, err)
	}
	if got := top(domain.RoleAnalyst, "2026-03"); len(got) != 0 {
		t.Errorf("analyst, a month: top violation types %v, want none (each a cell of 1 that stats suppresses)", got)
	}
	if got := top(domain.RoleSupervisor, "2026-03"); len(got) == 0 {
		t.Error("supervisor, a month: no top violation types (supervisors see every cell)")
	}
	if got := top(domain.RoleAnalyst, "2026-Q1"); len(got) == 0 {
		t.Error("analyst, a quarter: no top violation types (a quarter is not narrow)")
	}
}
