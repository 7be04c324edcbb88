package api_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk holds what a walk through every role's pages at 360 px and in both languages found:
// each subtest signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk/X').
func TestWebWalk(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 20, NoRelay: true})

	// A long e-mail address (the demo complainant's) pushed the account page 14 px past a 360 px
	// screen: the facts' value column did not shrink below its longest word.
	t.Run("AccountPageFitsAPhone", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		b.do("open the account", chromedp.Navigate(env.URL+"/#/account"), chromedp.WaitVisible(chromedp.CSS("#password-form")))
		b.accessible("the account page")
		b.clean()
	})

	// Every page names the browser tab in the reader's language: the page that does not exist too.
	t.Run("PageNotFoundTitled", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.do("open the start page in English", chromedp.Navigate(env.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#home-title")),
			chromedp.Click(chromedp.CSS("#lang-switch")))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		b.do("open a page that does not exist", chromedp.Navigate(env.URL+"/#/no-such-page"), chromedp.WaitVisible(chromedp.CSS("#not-found")))
		if got := b.eval(`document.title`); got != "Page not found · Debt collection complaints" {
			t.Errorf("the tab reads %q on a page that does not exist", got)
		}
		b.clean()
	})

	// On a phone every control a finger taps is at least 24 × 24 px (WCAG 2.5.8), or lies in a label
	// that is: the queue's row checkboxes and the case page's way back were smaller.
	t.Run("TapTargetsOnAPhone", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("reviewer@redline.demo", "#queue-list .qrow")
		if small := b.smallTargets(); small != "" {
			t.Errorf("the queue's controls smaller than 24 px: %s", small)
		}
		ref := b.eval(`document.querySelector('#queue-list .qrow').dataset.ref`)
		b.do("open a complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#complaint .crumbs a")))
		if small := b.smallTargets(); small != "" {
			t.Errorf("the case page's controls smaller than 24 px: %s", small)
		}
		b.clean()
	})

	// The supervisor's breaches named no date for a complaint overdue in triage, and for an answered
	// one the institution's (met) answer date as hundreds of days overdue: each now shows the clock
	// its state waits for, named, with its date.
	t.Run("SupervisorSeesWhichClockRanOut", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#queue-list")
		b.do("open supervision", chromedp.Navigate(env.URL+"/#/supervise"), chromedp.WaitVisible(chromedp.CSS("#breaches .sv-case")))
		if got := b.eval(`[...document.querySelectorAll('#breaches .sv-case, #near .sv-case')].filter((li) => {
			const d = li.querySelector('.sv-due'), s = li.querySelector('[data-status]').dataset.status;
			const want = {SUBMITTED: 'ACCEPTANCE', IN_TRIAGE: 'ACCEPTANCE', NEEDS_INFORMATION: 'ACCEPTANCE', FORWARDED: 'INSTITUTION_RESPONSE', RESPONDED: 'FEEDBACK'}[s];
			return !d || d.dataset.kind !== want || !d.querySelector('.q-label').textContent || !d.querySelector('time[datetime]');
		}).map((li) => li.dataset.ref + ' ' + li.querySelector('[data-status]').dataset.status).join(', ')`); got != "" {
			t.Errorf("breaches without the clock their state waits for: %s", got)
		}
		b.accessible("supervision")
		b.clean()
	})

	// The compliance officer keeps the institution's records: the inbox gives the view on screen as a
	// CSV file (the staff export, which institutions may use for what was forwarded to them).
	t.Run("InstitutionDownloadsItsInbox", func(t *testing.T) {
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		d := env.MustDo(t, agent, `{ complaints(first: 1, orderBy: DUE_DATE) { edges { node { reference status } } } }`, nil)["complaints"].(map[string]any)["edges"].([]any)
		if len(d) == 0 {
			t.Fatal("the demo data forwards nothing to the agent's institution")
		}
		view := map[string]string{"FORWARDED": "todo", "CLOSED": "closed", "WITHDRAWN": "closed", "REJECTED": "closed", "REFERRED": "closed"}[d[0].(map[string]any)["node"].(map[string]any)["status"].(string)]
		if view == "" {
			view = "answered"
		}
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("agent@redline.demo", "#inbox-list")
		b.do("open the view", chromedp.Navigate(env.URL+"/#/inbox?view="+view), chromedp.WaitVisible(chromedp.CSS("#inbox-csv")))
		first := b.eval(`document.querySelector('#inbox-list a[data-ref]').dataset.ref`)
		// The file the browser would save: the blob behind the link the page clicks (the page's CSP
		// lets no fetch read a blob: URL back).
		b.eval(`(window.savedCSV = new Promise((done) => { const made = URL.createObjectURL; URL.createObjectURL = (blob) => { window.savedBlob = blob; return made(blob); };
			HTMLAnchorElement.prototype.click = function () { window.savedBlob.arrayBuffer().then((buf) => done(this.download + '\n' + new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf))); }; }), '')`)
		b.do("download", chromedp.Click(chromedp.CSS("#inbox-csv")))
		got := b.evalAsync(`window.savedCSV`)
		name, body, _ := strings.Cut(got, "\n")
		if !strings.HasPrefix(name, "complaints-"+view+"-") || !strings.HasSuffix(name, ".csv") || !strings.Contains(body, first) || !strings.HasPrefix(body, "\ufeff") {
			t.Errorf("the downloaded file %q holds %.300q, want the view's complaints (%s) with a byte-order mark for Excel", name, body, first)
		}
		b.accessible("the inbox with its download")
		b.clean()
	})
}

// smallTargets lists the visible links, buttons and form controls of the page smaller than 24 × 24
// px that are neither links within a line of text nor inside a label at least that big.
func (b *browser) smallTargets() string {
	b.t.Helper()
	return strings.TrimSpace(b.eval(`[...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')].filter((e) => {
		const r = e.getBoundingClientRect();
		if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') return false;
		if (r.width >= 24 && r.height >= 24) return false;
		if (e.tagName === 'A' && getComputedStyle(e).display === 'inline' && e.closest('p, li, td, dd')) return false;
		const l = e.closest('label');
		if (l) { const lr = l.getBoundingClientRect(); if (lr.width >= 24 && lr.height >= 24) return false; }
		return true;
	}).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height) + ' "' + (e.textContent || '').trim().slice(0, 20) + '"').join(', ')`))
}
