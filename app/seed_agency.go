package app

import (
	"context"
	"fmt"

	"github.com/redline-regulator/redline/domain"
)

// The demo's collection agency desk (session 19, walk): the demo data had no user of a collection
// agency, so nobody could see what an agency's agent is shown — only the complaints forwarded to
// its own agency, with the debtor's identity masked or withheld as domain.Disclose says. The first
// demo agency, 恒通商务咨询有限公司（示例）, gets a complaints desk account (DemoAgencyEmail, the demo
// password), and a supervisor forwards to it and its lender, through the same service a
// supervisor's request uses, a few complaints in triage whose lender engages it.

// DemoAgencyEmail is the demo collection agency's agent.
const DemoAgencyEmail = "agency@redline.demo"

// demoAgencyName is the demo agency the agent works for.
const demoAgencyName = "恒通商务咨询有限公司（示例）"

// demoAgencyCases is how many complaints the supervisor forwards to the demo agency.
const demoAgencyCases = 3

// seedDemoAgency creates the demo agency's agent and forwards complaints to its agency, once: it
// does nothing when the account exists, or without the demo agency or the demo supervisor.
func (a *App) seedDemoAgency(ctx context.Context) error {
	db := a.DB.Gorm.WithContext(ctx)
	var ids struct{ Agency, Supervisor, Agent int64 }
	if err := db.Raw(`SELECT (SELECT id FROM institutions WHERE name = ?) AS agency,
		(SELECT id FROM users WHERE email = 'supervisor@redline.demo') AS supervisor,
		(SELECT id FROM users WHERE email = ?) AS agent`, demoAgencyName, DemoAgencyEmail).Scan(&ids).Error; err != nil {
		return fmt.Errorf("seed: agency desk: %w", err)
	}
	if ids.Agency == 0 || ids.Supervisor == 0 || ids.Agent != 0 {
		return nil
	}
	if _, err := a.Accounts.CreateSeedUser(ctx, domain.NewUser{Email: DemoAgencyEmail, Password: DemoPassword,
		DisplayName: "恒通催收合规专员", Role: domain.RoleInstitutionAgent, InstitutionID: ids.Agency}); err != nil {
		return fmt.Errorf("seed: agency desk: %w", err)
	}
	// Complaints in triage whose lender engages the agency, those naming it first, then the newest;
	// none of the east team's, whose triage queue is the demo reviewer's (and the walks' work).
	var cases []struct {
		ID       string
		LenderID int64
		Version  int
	}
	if err := db.Raw(`SELECT c.id, c.lender_id, c.version FROM complaints c JOIN engagements e ON e.lender_id = c.lender_id AND e.agency_id = ?
		WHERE c.status = 'IN_TRIAGE' AND c.team <> 'east' AND (c.agency_id IS NULL OR c.agency_id = 0 OR c.agency_id = ?)
		ORDER BY (c.agency_id = ?) DESC NULLS LAST, c.created_at DESC, c.id LIMIT ?`, ids.Agency, ids.Agency, ids.Agency, demoAgencyCases).Scan(&cases).Error; err != nil {
		return fmt.Errorf("seed: agency desk: %w", err)
	}
	sctx, err := a.seedActor(ctx, ids.Supervisor)
	if err != nil {
		return err
	}
	for _, k := range cases {
		// The supervisor classifies before forwarding, as the workbench asks: forwarded unclassified,
		// the agency's and the lender's agents read no violation the regulator confirmed, nor its
		// phrases (session 27 walk).
		c, err := a.Complaints.Get(sctx, k.ID)
		if err != nil {
			return fmt.Errorf("seed: agency desk: %w", err)
		}
		if confirmed := demoConfirmed(c); len(c.ConfirmedViolations) == 0 && len(confirmed) > 0 {
			if _, err := a.Complaints.Classify(sctx, k.ID, domain.Classification{Confirm: confirmed}, 0); err != nil {
				return fmt.Errorf("seed: agency desk: classify %s: %w", k.ID, err)
			}
		}
		if _, err := a.Complaints.Forward(sctx, k.ID, domain.Forwarding{Target: domain.ForwardBoth, LenderID: k.LenderID, AgencyID: ids.Agency}, 0); err != nil {
			return fmt.Errorf("seed: agency desk: forward %s: %w", k.ID, err)
		}
	}
	return nil
}

// seedActor is ctx acting as the user id, with the role bindings the user holds now (put in the
// bindings cache, as a sign-in does): the demo seeds act through the services as people do.
func (a *App) seedActor(ctx context.Context, id int64) (context.Context, error) {
	bs, err := a.Access.Store.Bindings(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.Access.Cache != nil {
		a.Access.Cache.SetBindings(id, bs)
	}
	return domain.WithActor(ctx, domain.ActorFromBindings(id, bs, nil)), nil
}
