package api_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebMomentsReadOneWayInEnglish: a moment (a message's time, a code's expiry, a history entry)
// read "05/12/2026, 14:14" in English, which half of English readers take for May 12. English now
// spells the month; Chinese keeps 2026/12/05 14:14.
func TestWebMomentsReadOneWayInEnglish(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})
	b := newBrowser(t, env.URL, 360, 780)
	b.do("open the portal", chromedp.Navigate(env.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#lang-switch")))
	const format = `import('/static/v/' + document.querySelector('script[src*="/static/v/"]').src.split('/static/v/')[1].split('/')[0] + '/core/format.js').then(m => m.fmtDateTime('2026-12-05T06:14:00Z'))`
	if got := b.evalAsync(format); got != "2026/12/05 14:14" {
		t.Errorf("in Chinese a moment reads %q, want 2026/12/05 14:14", got)
	}
	b.toEnglish()
	if got := b.evalAsync(format); got != "5 Dec 2026, 14:14" {
		t.Errorf("in English a moment reads %q, want 5 Dec 2026, 14:14", got)
	}
	b.clean()
}
