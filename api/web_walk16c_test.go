package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk16c holds what session 16's walk through the reviewer's, supervisor's and admin's
// steps (walkC: redline dev with the demo data, zh and en, 360 and 1280 px) found: each subtest
// signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk16c/X').
func TestWebWalk16c(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60, NoRelay: true})

	// The supervisor's overdue complaints were all unassigned and the supervisor page had no way
	// to assign them: its link opened every overdue complaint in the queue. The breaches card says
	// how many no one works on, and its link opens the queue on exactly those, where the bulk form
	// assigns them.
	t.Run("OverdueUnassignedOpenTheQueueToAssign", func(t *testing.T) {
		var unassigned int64
		env.App.DB.Gorm.Raw(`SELECT count(*) FROM complaints WHERE assignee_id IS NULL AND status NOT IN ('CLOSED', 'WITHDRAWN', 'REJECTED') AND due_at < now()`).Scan(&unassigned)
		if unassigned == 0 {
			t.Fatal("the demo data left no overdue complaint unassigned")
		}
		b := phoneAt(t, env, "supervisor@redline.demo", "/supervise", "#breaches")
		b.waitJS("the assign link", `!!document.querySelector('#breaches-assign')`)
		if got := b.text("#breaches-assign"); !strings.Contains(got, "未分配") || !strings.Contains(got, "分派") {
			t.Errorf("the link reads %q", got)
		}
		b.accessible("the supervisor's breaches with the assign link on a phone")
		b.do("follow the link", chromedp.Click(chromedp.CSS("#breaches-assign")))
		b.waitJS("the queue on the unassigned overdue", `location.hash.includes('assignee=none') && location.hash.includes('due=overdue') && !!document.querySelector('#bulk-assign')`)
		b.toEnglish()
		b.do("back to the supervisor page", chromedp.Navigate(env.URL+"/#/supervise"))
		b.waitJS("the English link", `/unassigned: assign them in the queue/.test(document.querySelector('#breaches-assign')?.innerText || '')`)
		b.clean()
	})

	// The demo left no extension request pending: the supervisor's page read 0 and its approve and
	// refuse forms could not be tried. The demo seed has the demo institution's agent ask, through
	// the service, for the stage a supervisor decides on a few forwarded complaints.
	t.Run("DemoLeavesExtensionsToDecide", func(t *testing.T) {
		if err := env.App.SeedDemoTrail(context.Background()); err != nil {
			t.Fatal(err)
		}
		var pending int64
		env.App.DB.Gorm.Raw(`SELECT count(*) FROM complaint_extensions x JOIN complaints c ON c.pending_extension_id = x.id WHERE x.status = 'PENDING'`).Scan(&pending)
		if pending < 1 || pending > 2 {
			t.Fatalf("%d extension requests pending after the demo seed, want one or two", pending)
		}
		b := phoneAt(t, env, "supervisor@redline.demo", "/supervise", "#extensions")
		if got := b.eval(`document.querySelector('#ext-h .view-count').dataset.count`); got == "0" {
			t.Fatal("the supervisor's page reads 0 extension requests")
		}
		if got := b.text("#extensions .ext-item"); !strings.Contains(got, "核实") && !strings.Contains(got, "通话记录") {
			t.Errorf("the pending request gives no reason: %q", got)
		}
		b.accessible("the extension requests on a phone")
		b.clean()
	})

	// In English the supervisor's queue named the teams "North and Northeast complaints team、East
	// China complaints team、…": joined with the Chinese enumeration comma, under "team".
	t.Run("QueueTeamsJoinedInEnglish", func(t *testing.T) {
		b := phoneAt(t, env, "supervisor@redline.demo", "/queue", "#bulk")
		b.toEnglish()
		b.waitJS("the English queue", `/Supervisor/.test(document.querySelector('.page-head p.muted')?.innerText || '')`)
		if got := b.text(".page-head p.muted"); strings.Contains(got, "、") || !strings.Contains(got, "teams ") {
			t.Errorf("the supervisor's teams read %q", got)
		}
		b.clean()
	})

	// In English the admin's institution list read the Chinese names and aliases unmarked: a screen
	// reader spoke them with an English voice. Each name, alias and the panel's heading carries its
	// language.
	t.Run("InstitutionNamesMarkedChinese", func(t *testing.T) {
		b := phoneAt(t, env, "admin@redline.demo", "/admin/institutions", "#inst-list")
		b.toEnglish()
		b.waitJS("the English list", `!!document.querySelector('#inst-list tr[data-inst] a')`)
		if got := b.eval(unmarkedChinese("#inst-list")); got != "" {
			t.Errorf("Chinese not marked as such in the English list: %s", got)
		}
		b.do("open one", chromedp.Click(chromedp.CSS("#inst-list tr[data-inst] a")))
		b.waitJS("its panel", `!!document.querySelector('#alias-list li[data-alias]')`)
		if got := b.eval(unmarkedChinese("main")); got != "" {
			t.Errorf("Chinese not marked as such on the English institutions page: %s", got)
		}
		b.accessible("the English institutions page on a phone")
		b.clean()
	})

	// A reviewer following a link to another team's complaint read "Something went wrong · Not
	// found", as if the portal had broken. The page says that there is no such complaint the
	// reader may see, and why that may be.
	t.Run("OtherTeamsComplaintExplained", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE team <> 'east' ORDER BY id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no complaint of another team in the demo")
		}
		b := phoneAt(t, env, "reviewer@redline.demo", "/c/"+ref, "#page-error")
		if got := b.text("#page-error"); !strings.Contains(got, "找不到这件投诉") || !strings.Contains(got, ref) || !strings.Contains(got, "其他处理组") {
			t.Errorf("the page reads %q", got)
		}
		b.accessible("another team's complaint on a phone")
		b.forget("not found")
		b.clean()
	})

	// On a desktop the admin's users list broke its id column's heading "编号" one character a line
	// (the column is as narrow as the numbers in it).
	t.Run("UsersIdHeadingOnOneLine", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the users", chromedp.Navigate(env.URL+"/#/admin/users"), chromedp.WaitVisible(chromedp.CSS("#user-list")))
		lines := `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('#user-list thead th')); return String(new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size); })()`
		if got := b.eval(lines); got != "1" {
			t.Errorf("the id heading takes %s lines", got)
		}
		b.accessible("the users list on a desktop")
		b.clean()
	})

	// The analysis advised "Consider referring to the police" but the action bar names the step
	// "转其他部门 / Refer": a reviewer looking for the police did not find it. The advice has a
	// button that opens the referral form with the police chosen.
	t.Run("PoliceAdviceOpensTheReferral", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'IN_TRIAGE' AND team = 'east' AND assessment->>'SuggestedReferral' = 'POLICE' ORDER BY id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no complaint in the east team's triage with the police suggested")
		}
		b := phoneAt(t, env, "reviewer@redline.demo", "/c/"+ref, "#referral-advice")
		b.waitJS("the refer button", `!!document.querySelector('#referral-open:not([hidden])')`)
		b.do("open the referral", chromedp.Click(chromedp.CSS("#referral-open")))
		b.waitJS("the referral form", `document.querySelector('#action-form')?.dataset.action === 'REFERRED' && document.querySelector('#f-to')?.value === 'POLICE'`)
		b.accessible("the referral form opened from the advice on a phone")
		b.clean()
	})
}
