package api_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// isoDay is a day as the server writes it (2026-11-02), or a month (2026-11), on a page.
var isoDay = regexp.MustCompile(`\b\d{4}-\d{2}(-\d{2})?\b`)

// TestWebWalk24 holds what session 24's walk (the analyst's and the admin's work on the demo data,
// zh then en, 360 px and desktop, axe-core) found. Each subtest signs in on a browser of its own, so
// each runs alone (go test -run 'TestWebWalk24/X').
func TestWebWalk24(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// The dashboard's data tables gave each period as the server's first day, 2026-09-07, under
	// "期间起始日": a week read as a day, a month as its 1st, and the first week of the view began
	// before the view. Periods read as weeks (2026年9月8日至13日, cut to the view), days and months,
	// in both languages; the row keeps the first day in data-period.
	t.Run("DashboardPeriodsReadAsPeriods", func(t *testing.T) {
		b := phoneAt(t, env, "analyst@redline.demo", "/dashboard", `#dash-trend-table td[data-k="period"]`)
		cells := `[...document.querySelectorAll('#dash-trend-table td[data-k="period"], #dash-trend-table td[data-k="prevPeriod"], #dash-timely-table td[data-k="period"]')].map((e) => e.textContent).join(' | ')`
		got := b.eval(cells)
		if isoDay.MatchString(got) || !strings.Contains(got, "日至") {
			t.Errorf("the weekly periods read %.300q, want weeks as days (…日至…日)", got)
		}
		if b.eval(`String([...document.querySelectorAll('#dash-trend-table tbody tr')].every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.dataset.period || '')))`) != "true" {
			t.Error("a row of the trend table lost its period's first day (data-period)")
		}
		if h := b.text("#dash-trend-table thead"); strings.Contains(h, "起始日") {
			t.Errorf("the trend table's head reads %q", h)
		}
		b.accessible("the analyst's dashboard on a phone")
		b.toEnglish()
		b.waitJS("the tables in English", `/Period/.test(document.querySelector('#dash-trend-table thead')?.textContent || '')`)
		if got := b.eval(cells); isoDay.MatchString(got) || !regexp.MustCompile(`\d+(–| – )\d+ [A-Z][a-z]+ 20\d\d`).MatchString(got) {
			t.Errorf("the English weekly periods read %.300q", got)
		}
		// A year by month reads months; the CSV holds the table as shown.
		b.do("a year by month", chromedp.Navigate(env.URL+"/#/dashboard?from=2026-01-01&to=2026-12-31&interval=MONTH"),
			chromedp.WaitVisible(chromedp.CSS(`#dashboard[data-filter^="2026-01-01"] #dash-trend-table td[data-k="period"]`)))
		if got := b.eval(`document.querySelector('#dash-trend-table td[data-k="period"]').textContent`); got != "Jan 2026" {
			t.Errorf("January 2026 reads %q", got)
		}
		b.toChinese()
		b.waitJS("the months in Chinese", `document.querySelector('#dash-trend-table td[data-k="period"]')?.textContent === '2026年1月'`)
		b.clean()
	})

	// The scorecards gave a big lender's complaints per 10,000 customers as "0.00" (11 complaints
	// among tens of millions of customers), as if it had none.
	t.Run("ScorecardRatesPerCustomerAreNotZero", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("analyst@redline.demo", "#nav .who")
		b.do("the dashboard", chromedp.Navigate(env.URL+"/#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#dash-scorecards-table td[data-k="per10k"]`)))
		rows := b.eval(`[...document.querySelectorAll('#dash-scorecards-table tbody tr')].map((r) => r.querySelector('[data-k="complaints"]').textContent + '=' + r.querySelector('[data-k="per10k"]').textContent).join(' ')`)
		if regexp.MustCompile(`=0\.00( |$)`).MatchString(rows) || !regexp.MustCompile(`=0\.00\d`).MatchString(rows) {
			t.Errorf("complaints per 10,000 customers read %q, want no 0.00 for complaints received", rows)
		}
		b.clean()
	})

	// The public data's trend by month read "2025-11" in its table and on its chart.
	t.Run("PublicTrendReadsMonths", func(t *testing.T) {
		b := phoneAt(t, env, "analyst@redline.demo", "/data", `#trend-table`)
		got := b.eval(`document.querySelector('#trend-table tbody').textContent`)
		if isoDay.MatchString(got) || !regexp.MustCompile(`20\d\d年\d{1,2}月`).MatchString(got) {
			t.Errorf("the months read %.200q", got)
		}
		b.accessible("the public data on a phone")
		b.toEnglish()
		b.waitJS("the months in English", `/[A-Z][a-z]+ 20\d\d/.test(document.querySelector('#trend-table tbody')?.textContent || '')`)
		if got := b.eval(`document.querySelector('#trend-table tbody').textContent`); isoDay.MatchString(got) {
			t.Errorf("the English months read %.200q", got)
		}
		b.clean()
	})
}
