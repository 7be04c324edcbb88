package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestDemoSeedFillsStatistics: the demo complaints are written straight to storage, so the seed
// must compute their statistics itself; an analyst opening the demo sees every seeded complaint.
func TestDemoSeedFillsStatistics(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 60, NoWork: true, NoRelay: true})
	analyst := env.Login(t, "analyst@redline.demo", app.DemoPassword)
	d := env.MustDo(t, analyst, `{ stats(filter: {from: "2020-01-01", to: "2030-12-31"}, groupBy: [PROVINCE]) { rows { complaints } } }`, nil)
	total := 0
	for _, r := range d["stats"].(map[string]any)["rows"].([]any) {
		total += int(r.(map[string]any)["complaints"].(float64))
	}
	if total != 60 {
		t.Fatalf("statistics count %d complaints after seeding 60: %v", total, d)
	}
}
