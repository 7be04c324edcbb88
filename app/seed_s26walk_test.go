package app_test

import (
	"context"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestDemoTrailShowsEveryStatusOnce: the demo trail leaves the demo complainant a complaint awaiting
// information, one referred to the police and one disputed (session 26 walk), with the clocks and
// history the lifecycle writes, and a second start (`redline dev` runs the trail each time) files
// none of them again, even once the first ones moved on.
func TestDemoTrailShowsEveryStatusOnce(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 30, NoWork: true, NoRelay: true})
	ctx := context.Background()
	if err := env.App.SeedDemoTrail(ctx); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Status, ReferredTo string
		Events, Clocks     int
		Paused             bool
	}
	mine := func() map[string]row {
		var rows []row
		env.App.DB.Gorm.Raw(`SELECT c.status, coalesce(c.referred_to, '') AS referred_to,
			(SELECT count(*) FROM complaint_events e WHERE e.complaint_id = c.id) AS events,
			(SELECT count(*) FROM complaint_deadlines d WHERE d.complaint_id = c.id) AS clocks,
			EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.complaint_id = c.id AND d.state = 'OPEN' AND d.paused_at IS NOT NULL) AS paused
			FROM complaints c WHERE c.complainant_id = (SELECT id FROM users WHERE email = 'complainant@redline.demo')
			AND c.status IN ('NEEDS_INFORMATION', 'REFERRED', 'DISPUTED')`).Scan(&rows)
		got := map[string]row{}
		for _, r := range rows {
			if _, twice := got[r.Status]; twice {
				t.Errorf("two demo complaints %s", r.Status)
			}
			got[r.Status] = r
		}
		return got
	}
	got := mine()
	if len(got) != 3 || got["REFERRED"].ReferredTo != "POLICE" || !got["NEEDS_INFORMATION"].Paused || got["DISPUTED"].Clocks < 3 || got["DISPUTED"].Events < 6 {
		t.Fatalf("the demo complainant's complaints: %+v", got)
	}
	if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET status = 'IN_TRIAGE' WHERE status = 'NEEDS_INFORMATION'`).Error; err != nil {
		t.Fatal(err)
	}
	if err := env.App.SeedDemoTrail(ctx); err != nil {
		t.Fatal(err)
	}
	if again := mine(); len(again) != 2 {
		t.Errorf("a second start filed the demo statuses again: %+v", again)
	}
}
