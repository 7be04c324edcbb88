package api_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk17 holds what session 17's walk through the staff steps (walk: reviewer assign,
// request information and close; the queue's bulk actions and CSV export; a supervisor's
// reassignment and extension decision; an admin's role grants and revocations; zh and en, 360 and
// 1280 px) found. Each subtest picks complaints of its own by their state in the database, never
// "the latest in the queue", and signs in on a browser of its own, so each runs alone
// (go test -run 'TestWebWalk17/X').
func TestWebWalk17(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60, NoRelay: true})
	userID := func(t *testing.T, email string) string {
		t.Helper()
		var id int64
		env.App.DB.Gorm.Raw(`SELECT id FROM users WHERE email = ?`, email).Scan(&id)
		if id == 0 {
			t.Fatalf("no user %s", email)
		}
		return fmt.Sprint(id)
	}

	// A supervisor deciding an institution's extension request saw the days asked for and the
	// answer's due day now, but not the day it would move to: the decision was taken blind. The
	// request gives that day (Extension.untilDate, counted on the answer clock as the institution's
	// own form counts it), on the supervision page and in the case page's decision form, which also
	// says what each decision does and asks a reason before a refusal is sent.
	t.Run("ExtensionDecisionSaysUntilWhen", func(t *testing.T) {
		if err := env.App.SeedDemoTrail(context.Background()); err != nil {
			t.Fatal(err)
		}
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_extensions x ON x.id = c.pending_extension_id WHERE x.status = 'PENDING' ORDER BY c.id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo trail left no extension request pending")
		}
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		c := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { dueAt extensions { status untilDate } } }`, map[string]any{"r": ref})["complaint"].(map[string]any)
		until := ""
		for _, x := range c["extensions"].([]any) {
			if x := x.(map[string]any); x["status"] == "PENDING" {
				until, _ = x["untilDate"].(string)
			}
		}
		if until == "" || until <= c["dueAt"].(string) {
			t.Fatalf("the pending request's untilDate is %q, the answer due %v", until, c["dueAt"])
		}

		b := phoneAt(t, env, "supervisor@redline.demo", "/supervise", "#extensions")
		item := `#extensions .ext-item[data-ref="` + ref + `"]`
		b.waitJS("the request", `!!document.querySelector('`+item+`')`)
		if got := b.eval(`document.querySelector('` + item + ` .ext-until time')?.getAttribute('datetime') || ''`); got != until {
			t.Errorf("the supervision page gives the day if approved as %q, want %q", got, until)
		}
		if got := b.text(item + " .ext-now"); !strings.Contains(got, "还剩") && !strings.Contains(got, "已超期") {
			t.Errorf("the answer's due day now reads %q, without a countdown", got)
		}
		b.accessible("the extension requests with the day if approved on a phone")

		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`[data-act="EXTENSION_DECIDED"]`)))
		b.do("open the decision form", chromedp.Click(chromedp.CSS(`[data-act="EXTENSION_DECIDED"]`)), chromedp.WaitVisible(chromedp.CSS("#action-form")))
		if got := b.eval(`document.querySelector('#action-form .ext-until time')?.getAttribute('datetime') || ''`); got != until {
			t.Errorf("the decision form gives the day if approved as %q, want %q", got, until)
		}
		if got := b.text("#action-form .ext-next"); !strings.Contains(got, "驳回") || !strings.Contains(got, "通知") {
			t.Errorf("the form does not say what each decision does: %q", got)
		}
		// A refusal without a reason is stopped at the field, before anything is sent.
		b.do("deny without a reason", chromedp.Click(chromedp.CSS(`#action-form input[name=approve][value=false]`)), chromedp.Click(chromedp.CSS("#action-form button[type=submit]")))
		b.waitJS("the reason asked for", `!document.querySelector('#err-reason')?.hidden`)
		if got := b.text("#err-reason"); !strings.Contains(got, "理由") {
			t.Errorf("the reason's error reads %q", got)
		}
		b.accessible("the decision form with its error on a phone")
		b.toEnglish()
		b.do("open the decision form in English", chromedp.Click(chromedp.CSS(`[data-act="EXTENSION_DECIDED"]`)), chromedp.WaitVisible(chromedp.CSS("#action-form .ext-until")))
		if got := b.text("#action-form .ext-dates"); !strings.Contains(got, "Due if approved") {
			t.Errorf("the English form reads %q", got)
		}
		if got := b.eval(unmarkedChinese("#action-form")); got != "" {
			t.Errorf("Chinese not marked as such in the English form: %s", got)
		}
		b.clean()
	})

	// The queue's bulk report said "✓ 完成" for a complaint assigned, without to whom (the row
	// leaves the unassigned view, so the report is all that is left of it), and refused one in the
	// wrong state with the server's code: "当前状态（RESPONDED）下不能执行此操作", "a complaint in
	// state RESPONDED cannot be CLAIMED". It names the assignee, and the state in words.
	t.Run("BulkReportNamesTheAssigneeAndTheState", func(t *testing.T) {
		var triage []struct {
			ID        string
			Reference string
		}
		env.App.DB.Gorm.Raw(`SELECT id, reference FROM complaints WHERE team = 'east' AND status = 'IN_TRIAGE' AND assignee_id IS NULL ORDER BY id DESC LIMIT 2`).Scan(&triage)
		var answered struct {
			ID        string
			Reference string
		}
		env.App.DB.Gorm.Raw(`SELECT id, reference FROM complaints WHERE team = 'east' AND status = 'RESPONDED' AND assignee_id IS NULL ORDER BY id DESC LIMIT 1`).Scan(&answered)
		if len(triage) < 2 || answered.ID == "" {
			t.Fatalf("the demo data has %d unassigned east complaints in triage and answered %q", len(triage), answered.Reference)
		}
		// Only these three are unassigned in the east team, so the view lists exactly them.
		env.App.DB.Gorm.Exec(`UPDATE complaints SET assignee_id = (SELECT id FROM users WHERE email = 'supervisor@redline.demo')
			WHERE team = 'east' AND assignee_id IS NULL AND id NOT IN (?, ?, ?)`, triage[0].ID, triage[1].ID, answered.ID)
		// act ticks the complaints and taps the bulk button in one go: a redraw of the queue (the
		// language switch, the report of the last action) between the two would untick them.
		act := func(b *browser, button string, ids ...string) {
			b.waitJS("the rows", fmt.Sprintf(`%q.split(' ').every((id) => !!document.querySelector('#pick-' + id))`, strings.Join(ids, " ")))
			b.eval(fmt.Sprintf(`(() => { %q.split(' ').forEach((id) => document.querySelector('#pick-' + id).click()); document.querySelector(%q).click(); return ''; })()`, strings.Join(ids, " "), button))
		}
		b := phoneAt(t, env, "supervisor@redline.demo", "/queue?team=east&assignee=none&n=50", "#bulk")
		act(b, "#bulk-claim", triage[0].ID, answered.ID)
		b.waitJS("the report", `!!document.querySelector('#bulk-report')`)
		if got := b.text("#bulk-report p"); !strings.HasPrefix(got, "批量认领：") {
			t.Errorf("the report's heading reads %q", got)
		}
		if got := b.text(`#bulk-report li[data-ref="` + triage[0].Reference + `"]`); !strings.Contains(got, "已认领") {
			t.Errorf("the claimed complaint reads %q", got)
		}
		refused := b.text(`#bulk-report li[data-ref="` + answered.Reference + `"]`)
		if strings.Contains(refused, "RESPONDED") || !strings.Contains(refused, "机构已答复") || !strings.Contains(refused, "不能认领") {
			t.Errorf("the complaint that could not be claimed reads %q", refused)
		}
		b.accessible("the bulk claim's report on a phone")

		reviewer := userID(t, "reviewer@redline.demo")
		b.set("#bulk-assignee", reviewer)
		act(b, "#bulk-assign", triage[1].ID)
		b.waitJS("the assign report", `(document.querySelector('#bulk-report p')?.innerText || '').startsWith('批量分派')`)
		if got := b.text(`#bulk-report li[data-ref="` + triage[1].Reference + `"]`); !strings.Contains(got, "已分派给 李审核") {
			t.Errorf("the assigned complaint reads %q", got)
		}
		if got := b.eval(`document.querySelector('#bulk-report a.ref')?.getAttribute('href') || ''`); got != "#/c/"+triage[1].Reference {
			t.Errorf("the report's reference links to %q", got)
		}

		// In English, the state in words. Switching the language redrew the queue twice (the filters
		// put back heard change and navigated), and the second redraw unticked what was ticked after
		// the first: the page stays as the switch drew it, at its URL.
		before := b.eval(`location.hash`)
		b.toEnglish()
		if got := b.eval(`location.hash`); got != before {
			t.Errorf("switching the language moved the queue from %s to %s", before, got)
		}
		b.waitJS("the English queue", `document.querySelector('#picked')?.textContent === '0 selected'`)
		act(b, "#bulk-claim", answered.ID)
		b.waitJS("the English report", `(document.querySelector('#bulk-report p')?.innerText || '').startsWith('Bulk claim: ')`)
		if got := b.text(`#bulk-report li[data-ref="` + answered.Reference + `"]`); strings.Contains(got, "RESPONDED") || !strings.Contains(got, "Institution responded") || !strings.Contains(got, "cannot be claimed") {
			t.Errorf("in English the refusal reads %q", got)
		}
		b.accessible("the English bulk report on a phone")
		b.clean()
	})

	// The admin's user page said a role was "由 #7 授予" (granted by #7): which administrator that
	// was took a search. It names them (RoleBinding.grantedByName, to administrators), and the
	// note of what was recorded names the team, not "team:east".
	t.Run("RoleGrantNamesTheAdministrator", func(t *testing.T) {
		analyst := userID(t, "analyst@redline.demo")
		b := phoneAt(t, env, "admin@redline.demo", "/admin/users?q=analyst%40redline.demo&u="+analyst, "#grant-form")
		b.set("#f-role", "supervisor")
		b.set("#f-domain", "team:east")
		b.set("#f-reason", "工单 2026-117：临时协助华东组")
		b.do("grant", chromedp.Click(chromedp.CSS("#grant-form button[type=submit]")))
		b.waitJS("the grant recorded", `!!document.querySelector('#last-audit') && !!document.querySelector('#bindings li[data-domain="team:east"]')`)
		if got := b.text(`#bindings li[data-domain="team:east"]`); !strings.Contains(got, "由 孙管理员 授予") || strings.Contains(got, "#") {
			t.Errorf("the binding granted reads %q", got)
		}
		if got := b.text("#last-audit"); !strings.Contains(got, "华东投诉处理组") {
			t.Errorf("the note of what was recorded reads %q", got)
		}
		b.accessible("a role granted on a phone")
		b.set("#f-revokeReason", "工单 2026-118：协助结束")
		b.do("revoke", chromedp.Click(chromedp.CSS(`[data-revoke="supervisor|team:east"]`)))
		b.waitJS("asked to confirm", `document.querySelector('[data-revoke="supervisor|team:east"]')?.dataset.confirm === '1'`)
		b.do("confirm", chromedp.Click(chromedp.CSS(`[data-revoke="supervisor|team:east"]`)))
		b.waitJS("the revocation recorded", `!document.querySelector('#bindings li[data-domain="team:east"]') && /已撤销/.test(document.querySelector('#last-audit')?.innerText || '')`)
		if got := b.text("#last-audit"); !strings.Contains(got, "华东投诉处理组") {
			t.Errorf("the note of the revocation reads %q", got)
		}
		b.toEnglish()
		b.waitJS("the English panel", `/Role bindings/.test(document.querySelector('#user-panel')?.innerText || '')`)
		if got := b.eval(unmarkedChinese("#bindings")); got != "" {
			t.Errorf("Chinese not marked as such in the English bindings: %s", got)
		}
		b.clean()
	})

	// A supervisor reassigning a complaint read "已指派。" (Assigned.), and the history "指派审核员":
	// neither said to whom.
	t.Run("AssignSaysToWhom", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE team = 'east' AND status = 'IN_TRIAGE' ORDER BY id LIMIT 1 OFFSET 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no east complaint in triage")
		}
		// The reviewer holds it: the supervisor reassigns it.
		env.App.DB.Gorm.Exec(`UPDATE complaints SET assignee_id = (SELECT id FROM users WHERE email = 'reviewer@redline.demo') WHERE reference = ?`, ref)
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`[data-act="ASSIGNED"]`)))
		b.watchToasts()
		b.do("open the assign form", chromedp.Click(chromedp.CSS(`[data-act="ASSIGNED"]`)), chromedp.WaitVisible(chromedp.CSS("#f-assignee")))
		if got := b.eval(`document.querySelector('#f-assignee').selectedOptions[0]?.textContent || ''`); !strings.Contains(got, "李审核") {
			t.Errorf("the form does not start at the one who holds it: %q", got)
		}
		b.do("assign it to me", chromedp.Click(chromedp.CSS("[data-me]")), chromedp.Click(chromedp.CSS("#action-form button[type=submit]")))
		b.waitJS("the toast", `(window.toastsSeen || []).length > 0`)
		if got := b.toastsSeen(); !strings.Contains(got, "已指派给 赵主管") {
			t.Errorf("after reassigning the toast reads %q", got)
		}
		// The history said "指派审核员" (Assigned to a reviewer) and not to whom.
		b.waitJS("the history names the assignee", `(document.querySelector('.timeline li[data-action="ASSIGNED"] .t-assignee')?.textContent || '') === '赵主管'`)
		b.onPhone("the case page after a reassignment")
		b.clean()
	})

	// Closing an answered complaint whose complainant still had weeks to accept or dispute the
	// answer said nothing of it: the close ended their feedback window unseen. The form says until
	// when they may still answer, and what closing now takes from them.
	t.Run("CloseSaysTheFeedbackWindowIsOpen", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
			WHERE c.status = 'RESPONDED' AND c.team = 'east' AND d.kind = 'FEEDBACK' AND d.state = 'OPEN' AND d.due_at > now() + interval '2 days' ORDER BY c.id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no east complaint answered with its feedback window open")
		}
		b := phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, `[data-act="CLOSED"]`)
		b.do("open the close form", chromedp.Click(chromedp.CSS(`[data-act="CLOSED"]`)), chromedp.WaitVisible(chromedp.CSS("#f-reason")))
		b.waitJS("the warning", `!!document.querySelector('#close-feedback-open time[datetime]')`)
		if got := b.text("#close-feedback-open"); !strings.Contains(got, "评价期尚未结束") || !strings.Contains(got, "还剩") || !strings.Contains(got, "不能再接受") {
			t.Errorf("the close form says %q", got)
		}
		b.accessible("the close form with the feedback window open on a phone")
		b.toEnglish()
		b.do("open the English close form", chromedp.Click(chromedp.CSS(`[data-act="CLOSED"]`)), chromedp.WaitVisible(chromedp.CSS("#close-feedback-open")))
		if got := b.text("#close-feedback-open"); !strings.Contains(got, "feedback window is still open") || !strings.Contains(got, "left") {
			t.Errorf("the English close form says %q", got)
		}
		b.clean()
	})

	// Walked and found working (kept so that it stays so): the queue's CSV export holds exactly
	// the view (every page of it), as filtered.
	t.Run("QueueExportIsTheView", func(t *testing.T) {
		b := phoneAt(t, env, "reviewer@redline.demo", "/queue?status=IN_TRIAGE&n=5", "#queue-csv")
		var want int64
		env.App.DB.Gorm.Raw(`SELECT count(*) FROM complaints WHERE team = 'east' AND status = 'IN_TRIAGE'`).Scan(&want)
		name, body := b.download("#queue-csv")
		// One row a complaint, its reference first (a narrative's line breaks stay inside its cell).
		lines := len(regexp.MustCompile(`(?m)^RL-\d{4}-\d+,`).FindAllString(body, -1))
		if !strings.HasPrefix(name, "complaints-") || !strings.HasPrefix(body, "\ufeff") || int64(lines) != want {
			t.Errorf("the file %q has %d complaints, want the view's %d with a byte-order mark", name, lines, want)
		}
		b.clean()
	})
}
