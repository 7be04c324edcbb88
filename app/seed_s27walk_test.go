package app_test

import (
	"context"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestDemoAgencyCasesAreClassified: the complaints the demo trail forwards to the demo collection
// agency and its lender were forwarded unclassified, so the agency's and the lender's agents read
// no violation the regulator confirmed, nor its phrases (session 27 walk): the demo supervisor
// confirms the claims (those the rules also found, else all) before forwarding, as every other
// demo complaint forwarded was.
func TestDemoAgencyCasesAreClassified(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 100, NoWork: true, NoRelay: true})
	if err := env.App.SeedDemoTrail(context.Background()); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Reference string
		Confirmed int
	}
	env.App.DB.Gorm.Raw(`SELECT c.reference, cardinality(c.confirmed_violations) AS confirmed FROM complaints c
		WHERE c.agency_id = (SELECT id FROM institutions WHERE name = '恒通商务咨询有限公司（示例）') AND c.forward_target = 'BOTH' AND c.status = 'FORWARDED'`).Scan(&rows)
	if len(rows) == 0 {
		t.Fatal("the demo trail forwarded nothing to the demo agency")
	}
	for _, r := range rows {
		if r.Confirmed == 0 {
			t.Errorf("%s was forwarded to the demo agency with no confirmed violation", r.Reference)
		}
	}
}
