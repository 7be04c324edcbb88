package api_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk16b holds what session 16's walk through the regulator's staff pages (walkB: reviewer,
// supervisor, analyst, admin; redline dev with the demo data, zh and en, 360 and 1280 px) found:
// each subtest signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk16b/X').
func TestWebWalk16b(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60, NoRelay: true})

	// The dashboard's data tables with many columns (the scorecards' nine, the league tables, the
	// alerts; in English the trend too) scrolled sideways on a 360 px phone: a reader saw the rank
	// and the name and had to swipe for the scores. Each row is a card, each value beside its
	// column's name.
	t.Run("DashboardTablesFitAPhone", func(t *testing.T) {
		b := phoneAt(t, env, "analyst@redline.demo", "/dashboard", "#dash-scorecards-table")
		wide := `([...document.querySelectorAll('details.dash-data')].forEach((d) => { d.open = true; }),
			[...document.querySelectorAll('.dash-data .table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.querySelector('table').id + ' ' + w.scrollWidth + '/' + w.clientWidth + ' px').join(', '))`
		if n := b.eval(`String(document.querySelectorAll('#dash-scorecards-table tbody tr[data-institution]').length)`); n == "0" {
			t.Fatal("the demo data gave no scorecard")
		}
		if got := b.eval(wide); got != "" {
			t.Errorf("tables wider than the phone: %s", got)
		}
		if got := b.eval(`getComputedStyle(document.querySelector('#dash-scorecards-table td[data-k="score"]'), '::before').content`); got != `"服务得分"` {
			t.Errorf("a scorecard's score is not named beside it on a phone: %s", got)
		}
		b.toEnglish()
		b.waitJS("the English scorecards", `!!document.querySelector('#dash-scorecards-table td[data-label="Service score"]')`)
		if got := b.eval(wide); got != "" {
			t.Errorf("tables wider than the phone in English: %s", got)
		}
		b.accessible("the dashboard's tables on a phone")
		b.clean()
	})
}
