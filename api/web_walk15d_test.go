package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk15d holds what session 15's walk through the institution's, the analyst's and the
// admin's pages (s15-walk4; redline dev with the demo data, zh and en, 360 and 1280 px) found: each
// subtest signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk15d/X').
func TestWebWalk15d(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 40, NoRelay: true})
	cmb := demoLenderID(t, env)

	// The inbox listed each complaint to answer by its number, lender, kind of credit and due date:
	// not what the regulator confirmed it for, so an agent opened every complaint to learn which
	// to take first. Each row names the confirmed violations.
	t.Run("InboxRowsNameTheConfirmedViolations", func(t *testing.T) {
		// the two due first: the complaints still in time are left to the extension subtests below
		// (ordered by id, this took one of the demo's three in-time complaints on some runs and the
		// last subtest found none: CI on 8dc2c4c)
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET recipients = array_append(recipients, ?),
			confirmed_violations = '{THIRD_PARTY_CONTACT,IMPROPER_HOURS}' WHERE id IN
			(SELECT id FROM complaints WHERE status = 'FORWARDED' AND NOT recipients @> ARRAY[?]::bigint[] ORDER BY due_at, id LIMIT 2)`, cmb, cmb).Error; err != nil {
			t.Fatal(err)
		}
		b := phoneAt(t, env, "agent@redline.demo", "/inbox", "#inbox-list a[data-ref]")
		b.waitJS("the rows", `!!document.querySelector('#inbox-list a[data-ref]')`)
		if got := b.eval(`[...document.querySelectorAll('#inbox-list a[data-ref]')].map((a) => a.querySelector('.tags')?.textContent || 'none').join(' | ')`); strings.Contains(got, "none") || !strings.Contains(got, "不当时间催收") {
			t.Errorf("the inbox rows' violations read %q", got)
		}
		b.toEnglish()
		b.waitJS("the English rows", `(document.querySelector('#inbox-list .tags')?.textContent || '').includes('Contact at improper hours')`)
		b.accessible("the inbox with violations")
		b.onPhone("the inbox with violations")
		b.clean()
	})

	// The rule packs page's two tables (the packs in force, a pack's revisions) ran past a 360 px
	// phone's width, the reasons wrapped a character a line: one card per row, as the other
	// admin tables.
	t.Run("RulePackTablesFitAPhone", func(t *testing.T) {
		b := phoneAt(t, env, "admin@redline.demo", "/admin/rules", "#revisions")
		if got := b.eval(`[...document.querySelectorAll('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.querySelector('table').id + ' ' + w.scrollWidth + ' px').join(', ')`); got != "" {
			t.Errorf("tables wider than the phone: %s", got)
		}
		b.accessible("the rule packs page on a phone")
		b.clean()
	})

	// The extension form offered 30 and 60 days at once; 60 first was refused ("ask for 30 days
	// first"). It offers the step the agent may take: 30 days, then 60 once 30 were given.
	t.Run("ExtensionOffersTheNextStepOnly", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`UPDATE complaints SET recipients = array_append(recipients, ?) WHERE id = (SELECT id FROM complaints
			WHERE status = 'FORWARDED' AND due_at > now() + interval '2 days' AND NOT recipients @> ARRAY[?]::bigint[] ORDER BY id LIMIT 1) RETURNING reference`, cmb, cmb).Scan(&ref)
		if ref == "" {
			t.Fatal("no forwarded demo complaint still in time")
		}
		days := `[...document.querySelectorAll('#f-days option')].map((o) => o.value).join(' ')`
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#extension")
		b.do("open the extension form", chromedp.Click(chromedp.CSS("#extension summary")), chromedp.WaitVisible(chromedp.CSS("#f-days")))
		if got := b.eval(days); got != "30" {
			t.Errorf("a first extension offers %q days, want 30", got)
		}
		b.set("#f-reason", "需要调取通话录音核实")
		b.do("ask for it", chromedp.Click(chromedp.CSS("#extension-form button[type=submit]")))
		b.waitJS("the extension listed", `(document.querySelector('#extensions')?.textContent || '').includes('30')`)
		b.do("open the form again", chromedp.Click(chromedp.CSS("#extension summary")), chromedp.WaitVisible(chromedp.CSS("#f-days")))
		if got := b.eval(days); got != "60" {
			t.Errorf("after 30 days given the form offers %q days, want 60", got)
		}
		b.accessible("the extension form after a first extension")
		b.clean()
	})

	// An inbox row said nothing of an extension awaiting a supervisor: the agent learnt it only on
	// the complaint's page. The row marks it.
	t.Run("InboxRowsMarkPendingExtensions", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`UPDATE complaints SET recipients = array_append(recipients, ?) WHERE id = (SELECT id FROM complaints
			WHERE status = 'FORWARDED' AND due_at > now() + interval '2 days' AND NOT recipients @> ARRAY[?]::bigint[] ORDER BY id LIMIT 1) RETURNING reference`, cmb, cmb).Scan(&ref)
		if ref == "" {
			t.Fatal("no forwarded demo complaint still in time")
		}
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		for _, d := range []int{30, 60} {
			env.MustDo(t, agent, `mutation($id: ID!, $d: Int!) { requestExtension(id: $id, days: $d, reason: "需调取外包机构的通话录音") { id } }`, map[string]any{"id": ref, "d": d})
		}
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("agent@redline.demo", "#inbox-list a[data-ref]")
		if got := b.eval(fmt.Sprintf(`document.querySelector('#inbox-list a[data-ref=%q] [data-extension]')?.textContent || ''`, ref)); got != "延期待审批" {
			t.Errorf("the row of a complaint with an extension pending reads %q", got)
		}
		b.accessible("the inbox with a pending extension")
		b.onPhone("the inbox with a pending extension")
		b.clean()
	})
}
