package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestStatsSuppressionCountsEveryFilteredDimension (seventh attack, session 13): a narrow cell of
// fewer than 5 complaints is withheld from analysts, but a dimension counted as pinned only when
// filtered to exactly one value — so one query gave the withheld cell: grouped by institution and
// product, filtered to the cell's province and a province with no such complaints (found by hand:
// institution 3, CREDIT_CARD, 120000 withheld; with provinces [120000, 110000] shown as 4). A
// filtered dimension now counts however many values it lists.
func TestStatsSuppressionCountsEveryFilteredDimension(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	ctx := context.Background()
	now := time.Now().UTC()
	for i := 0; i < 3; i++ { // province 310000, credit card: a cell of 3
		newComplaint(t, env, p, nil)
	}
	if err := env.App.Stats.Store.Rebuild(ctx, now.AddDate(0, 0, -2), now.AddDate(0, 0, 2)); err != nil {
		t.Fatal(err)
	}
	var analyst string
	for _, du := range app.DemoUsers {
		if du.Role == domain.RoleAnalyst {
			analyst = env.Login(t, du.Email, app.DemoPassword)
		}
	}
	const q = `query($f: StatsFilter, $g: [StatsDimension!]) { stats(filter: $f, groupBy: $g) { suppressedCells rows { complaints suppressed } } }`
	shown := func(vars map[string]any) []any {
		var out []any
		for _, r := range env.MustDo(t, analyst, q, vars)["stats"].(map[string]any)["rows"].([]any) {
			if r.(map[string]any)["suppressed"] != true {
				out = append(out, r)
			}
		}
		return out
	}
	if rows := shown(map[string]any{"g": []any{"INSTITUTION", "PRODUCT", "PROVINCE"}}); len(rows) != 0 {
		t.Fatalf("the narrow cell of 3 is shown to an analyst: %v", rows)
	}
	for _, f := range []map[string]any{
		{"provinces": []any{"310000", "120000"}},
		{"provinces": []any{"310000", "120000", "110000"}},
	} {
		if rows := shown(map[string]any{"g": []any{"INSTITUTION", "PRODUCT"}, "f": f}); len(rows) != 0 {
			t.Errorf("filter %v: the withheld cell is read with a second, empty value: %v", f, rows)
		}
	}
	// Unfiltered, two dimensions are not narrow: the figures are shown.
	if rows := shown(map[string]any{"g": []any{"INSTITUTION", "PRODUCT"}}); len(rows) == 0 {
		t.Errorf("a two-dimension query without filters is suppressed")
	}
}
