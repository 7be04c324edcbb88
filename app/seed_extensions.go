package app

import (
	"context"
	"fmt"

	"github.com/redline-regulator/redline/domain"
)

// The demo's extension requests awaiting a supervisor: without them the supervisor's page read
// "0 extension requests to decide" and its approve and refuse forms could not be tried. An
// institution's agent asks, through the same service an agent's request uses, for more time on a
// forwarded complaint whose answer is not yet late: the first stage (granted at once by the
// platform) and then the next, which waits for a supervisor's decision. The demo agent's own
// institution rarely has such a complaint (its recent ones are answered), so the institutions
// asked for are those that have one, each through a complaints desk account of its own
// (ext-agent-<id>@redline.demo, the demo password).

// demoExtensionReasons are what the agents write, one per complaint asked about.
var demoExtensionReasons = []string{
	"该客户涉及多笔分期及外包催收记录，需调取催收机构录音逐一核实，预计需要更多时间。",
	"投诉涉及第三方（客户同事）被联系的情况，需向外包机构调取通话记录并约谈相关催收员。",
}

// seedDemoExtensions leaves up to len(demoExtensionReasons) pending extension requests, once: it
// does nothing when an extension was ever requested.
func (a *App) seedDemoExtensions(ctx context.Context) error {
	var asked int64
	if err := a.DB.Gorm.WithContext(ctx).Raw(`SELECT count(*) FROM complaint_extensions`).Scan(&asked).Error; err != nil || asked > 0 {
		return err
	}
	var cases []struct {
		ID       string
		LenderID int64
		Name     string
	}
	// One complaint per institution, forwarded to it alone, its answer due in more than two days.
	if err := a.DB.Gorm.WithContext(ctx).Raw(`SELECT DISTINCT ON (c.lender_id) c.id, c.lender_id, i.name FROM complaints c JOIN institutions i ON i.id = c.lender_id
		WHERE c.status = 'FORWARDED' AND c.due_at > now() + interval '2 days' AND c.pending_extension_id IS NULL
		ORDER BY c.lender_id, c.due_at, c.id`).Scan(&cases).Error; err != nil {
		return fmt.Errorf("seed: extension requests: %w", err)
	}
	pending := 0
	for _, k := range cases {
		if pending == len(demoExtensionReasons) {
			break
		}
		u, err := a.Accounts.CreateSeedUser(ctx, domain.NewUser{Email: fmt.Sprintf("ext-agent-%d@redline.demo", k.LenderID), Password: DemoPassword,
			DisplayName: k.Name + "投诉专员", Role: domain.RoleInstitutionAgent, InstitutionID: k.LenderID})
		if err != nil {
			return fmt.Errorf("seed: extension requests: %w", err)
		}
		actx, err := a.seedActor(ctx, u.ID)
		if err != nil {
			return err
		}
		for range 3 {
			c, err := a.Complaints.Get(actx, k.ID)
			if err != nil {
				return fmt.Errorf("seed: extension requests: %w", err)
			}
			next := a.Complaints.NextExtension(actx, c)
			if next == nil {
				break
			}
			x, err := a.Complaints.RequestExtension(actx, k.ID, next.Days, demoExtensionReasons[pending], 0)
			if err != nil {
				return fmt.Errorf("seed: extension requests: %w", err)
			}
			if x.Status == domain.ExtensionPending {
				pending++
				break
			}
		}
	}
	return nil
}
