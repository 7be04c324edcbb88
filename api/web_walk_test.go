package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk holds what a walk through every role's pages at 360 px and in both languages found:
// each subtest signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk/X').
func TestWebWalk(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 20, NoRelay: true})

	// A version conflict said to reload and decide whether to do it again; the reload dropped the
	// open form, and the question or reason typed in it with it. The form opens again on the
	// latest version, filled in.
	t.Run("ConflictKeepsWhatWasTyped", func(t *testing.T) {
		// First of the subtests: the ones after use up the demo's complaints in triage.
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'IN_TRIAGE' ORDER BY id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no demo complaint in triage")
		}
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		b := phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, `[data-act="INFORMATION_REQUESTED"]`)
		b.do("open the question form", chromedp.Click(chromedp.CSS(`[data-act="INFORMATION_REQUESTED"]`)), chromedp.WaitVisible(chromedp.CSS("#f-question")))
		const question = "请补充催收员来电的号码和时间，最好附通话录音。"
		b.set("#f-question", question)
		id := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"]
		env.MustDo(t, sup, `mutation($id: ID!) { classifyComplaint(id: $id, priority: HIGH) { version } }`, map[string]any{"id": id})
		b.do("send it on the old version", chromedp.Click(chromedp.CSS("#action-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#conflict-reload")))
		b.do("reload", chromedp.Click(chromedp.CSS("#conflict-reload")), chromedp.WaitVisible(chromedp.CSS("#kept-input")))
		if got := b.eval(`document.querySelector('#f-question').value`); got != question {
			t.Errorf("after the reload the question reads %q, want %q", got, question)
		}
		b.accessible("the case page with the form kept")
		b.forget("409")
		b.clean()
	})

	// A page slow to come (a phone on a slow network) left the page before it on screen with
	// nothing to say a tap had done anything: after 300 ms a bar says it is loading.

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
		name, body := b.download("#inbox-csv")
		if !strings.HasPrefix(name, "complaints-"+view+"-") || !strings.HasSuffix(name, ".csv") || !strings.Contains(body, first) || !strings.HasPrefix(body, "\ufeff") {
			t.Errorf("the downloaded file %q holds %.300q, want the view's complaints (%s) with a byte-order mark for Excel", name, body, first)
		}
		b.accessible("the inbox with its download")
		b.clean()
	})

	// axe-core's moderate findings too: the demo notice lay outside every landmark, the
	// dashboard's spike alerts were a section and a table region of one name, and headings skipped
	// levels. The sign-in page
	// offers every demo account (the analyst's and the administrator's were missing).
	t.Run("EverythingInALandmark", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		// Someone who came to complain, with no account, is told what it takes to get one.
		b.do("come to complain", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS(".demo-accounts")))
		if f := b.text("main .flash"); !strings.Contains(f, "注册") || !strings.Contains(f, "化名") {
			t.Errorf("the sign-in page, asked for the wizard, says %q", f)
		}
		if got := b.eval(`[...document.querySelectorAll('[data-demo]')].map((x) => x.dataset.demo.split('@')[0]).join(' ')`); got != "complainant reviewer supervisor agent instadmin analyst admin" {
			t.Errorf("the demo accounts offered: %s", got)
		}
		if i := b.axeRules("region", "landmark-unique"); len(i) > 0 {
			t.Errorf("the sign-in page: %v", i)
		}
		// The check page's findings were a level-4 heading under the page's level-1 one.
		b.do("check a message", chromedp.Navigate(env.URL+"/#/check"), chromedp.WaitVisible(chromedp.CSS("#f-check-0-text")))
		b.set("#f-check-0-text", "再不还钱就去你家泼油漆，法院已经立案了")
		b.waitJS("the findings", `!!document.querySelector('#check-analysis .found-types')`)
		if i := b.axeRules("region", "landmark-unique", "heading-order"); len(i) > 0 {
			t.Errorf("the check page: %v", i)
		}
		b.signIn("analyst@redline.demo", "#dashboard[data-charts]")
		if i := b.axeRules("region", "landmark-unique", "heading-order"); len(i) > 0 {
			t.Errorf("the dashboard: %v", i)
		}
		b.clean()
	})

	// A clock the deadline sweep had marked breached read "overdue" on the complainant's page
	// forever, after the step it awaited came: late (the soonest-due demo complaint's decision, due
	// months ago), or even within the clock's own time (the test moves only the column the sweep
	// reads); it says when the step came, and whether late. A document
	// the institution shares with the complainant is theirs to see, named; one it does not share is
	// only mentioned, for the regulator.
	t.Run("ComplainantSeesLateStepsAndSharedDocuments", func(t *testing.T) {
		// The soonest due of the complaints in triage (the latest are for QuestionInPlainSight).
		ref := complainantsInTriage(t, env, "", "d.due_at")
		breachClock(t, env, ref, "ACCEPTANCE")
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		lender := firstInstitutionID(env.MustDo(t, sup, institutionSearch, map[string]any{"s": demoLender}))
		id := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"]
		env.MustDo(t, sup, `mutation($id: ID!, $l: ID) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { status } }`, map[string]any{"id": id, "l": lender})
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		for _, doc := range []struct {
			name  string
			share bool
		}{{"还款计划.pdf", true}, {"通话记录.pdf", false}} {
			up := upload(t, env, agent, doc.name, "application/pdf", pdfBytes())
			env.MustDo(t, agent, `mutation($c: ID!, $t: String!, $d: String, $s: Boolean) { addEvidence(complaintId: $c, uploadToken: $t, description: $d, shareWithComplainant: $s) { id } }`,
				map[string]any{"c": id, "t": up.Body.UploadToken, "d": doc.name, "s": doc.share})
		}

		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#complaint .deadlines")
		acceptance := `#complaint .deadlines li[data-kind="ACCEPTANCE"]`
		// Met in time by the clock's own record, or late: said as such, never as overdue.
		met := b.eval(`document.querySelector('` + acceptance + ` [data-met]')?.dataset.met || ''`)
		want := map[string]string{"on-time": "已按期完成", "late": "逾期完成"}[met]
		if got := b.text(acceptance); want == "" || !strings.Contains(got, want) || strings.Contains(got, "已超期") {
			t.Errorf("the decision taken (%q) reads %q", met, got)
		}
		if got := b.eval(`[...document.querySelectorAll('.evidence-list [data-source="INSTITUTION"]')].map((p) => p.closest('li').textContent.replace(/\s+/g, ' ')).join(' | ')`); !strings.Contains(got, "还款计划.pdf") || strings.Contains(got, "通话记录") {
			t.Errorf("the complainant's evidence from the institution: %q, want the shared plan only", got)
		}
		if got := b.eval(`[...document.querySelectorAll('[data-action="INSTITUTION_EVIDENCE_ADDED"] .t-details')].map((p) => p.dataset.shared + ':' + p.textContent).join(' | ')`); !strings.Contains(got, "true:文件 · 已提供给投诉人") || !strings.Contains(got, "false:文件 · 仅提交监管部门") {
			t.Errorf("the history says of the documents: %q", got)
		}
		b.accessible("the complaint with a late decision and a shared document")
		b.do("my complaints", chromedp.Navigate(env.URL+"/#/mine"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref))))
		if got := b.text(fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref)); strings.Contains(got, "受理") && strings.Contains(got, "逾期") {
			t.Errorf("the list says the decision is overdue after it was taken: %q", got)
		}
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		b.do("the complaint in English", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#complaint .deadlines")))
		if got := b.text(acceptance); !strings.Contains(got, map[string]string{"on-time": "Met", "late": "Met late"}[met]) || strings.Contains(got, "Overdue") {
			t.Errorf("in English the decision taken (%q) reads %q", met, got)
		}
		b.clean()
	})

	// Asked a question, the complainant found it said "see the history below" while the question
	// stood just below, and their list counted days down on a clock stopped until they answer.
	t.Run("QuestionInPlainSight", func(t *testing.T) {
		ref := complainantsInTriage(t, env, "AND d.due_at > now() + interval '1 day'", "d.due_at DESC")
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"]
		env.MustDo(t, sup, `mutation($id: ID!) { requestInformation(id: $id, question: "请上传带发送号码和时间的短信截图。") { status } }`, map[string]any{"id": id})
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref))
		if got := b.text(fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref)); !strings.Contains(got, "计时暂停") || strings.Contains(got, "还剩") {
			t.Errorf("the list item of the question asked reads %q, want the clock paused", got)
		}
		b.do("open it", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#info-request")))
		if got := b.text(".status-help"); strings.Contains(got, "处理记录") || !strings.Contains(got, "下方") {
			t.Errorf("the help above the question reads %q", got)
		}
		b.clean()
	})

	// The filing wizard spells out the dates it was given in the page's language (the browser draws
	// a date field in its own, mm/dd/yyyy here, whatever the page's), and asks for a message's
	// sender before the end instead of failing after the complaint was filed.
	t.Run("WizardSpellsDatesAndAsksForSenders", func(t *testing.T) {
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		me := env.MustDo(t, tok, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#mine-title")
		d, _ := json.Marshal(map[string]any{"step": 2, "key": "walk-dates", "relation": "PARENT", "debtor": map[string]any{"name": "", "mobile": "", "idNumber": ""},
			"province": "440000", "product": "ONLINE_LOAN", "lenderName": "安逸花", "incidents": []any{map[string]any{"date": "", "time": "", "channel": "", "count": "1", "from": "", "description": ""}}})
		b.eval(fmt.Sprintf(`(localStorage.setItem('redline.draft.%s', %q), '')`, me, d))
		b.do("open the wizard", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="what"]`)))
		b.set(`[id="f-incidents.0.date"]`, "2026-03-04")
		b.waitJS("the date spelled out", `document.getElementById('echo-f-incidents.0.date')?.textContent === '2026年3月4日周三'`)
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		if got := b.eval(`document.getElementById('echo-f-incidents.0.date')?.textContent || ''`); !strings.Contains(got, "4 March 2026") {
			t.Errorf("in English the date reads %q", got)
		}
		b.set(`[id="f-incidents.0.channel"]`, "PHONE_CALL")
		b.set("#f-narrative", "催收员半夜打电话给我，说要到我家来泼油漆。")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="evidence"]`)))
		b.set("#f-messages-0-text", "再不还钱就去你家泼油漆！")
		b.set("#f-messages-0-sentAt", "2026-03-04T23:40")
		b.waitJS("the time spelled out", `(document.getElementById('echo-f-messages-0-sentAt')?.textContent || '').includes('4 March 2026, 23:40')`)
		b.refusedAt("#next", "messages.0.sender", "sender")
		b.accessible("the evidence step asking for the sender")
		b.clean()
	})

	// In English, the staff pages name institutions in English (the names of migration 00043):
	// the queue's lenders and agencies, the dashboard's rankings and scorecards.
	t.Run("InstitutionsInEnglish", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#queue-list .qrow")
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		han := `/[\u4e00-\u9fff]/`
		if got := b.eval(`[...document.querySelectorAll('#queue-list [data-matched="true"]')].filter((x) => ` + han + `.test(x.textContent)).map((x) => x.textContent).join(' | ')`); got != "" {
			t.Errorf("the queue names matched institutions in Chinese: %s", got)
		}
		if n := b.eval(`String(document.querySelectorAll('#queue-list [data-matched="true"]').length)`); n == "0" {
			t.Error("no queue row names a matched institution")
		}
		b.do("the dashboard", chromedp.Navigate(env.URL+"/#/dashboard"), chromedp.WaitVisible(chromedp.CSS("#dash-scorecards-table")))
		if got := b.eval(`[...document.querySelectorAll('#dash-lenders-table td[data-k="name"], #dash-scorecards-table td[data-k="name"], #dash-red li, #dash-black li')].filter((x) => ` + han + `.test(x.textContent)).map((x) => x.textContent).join(' | ')`); got != "" {
			t.Errorf("the dashboard names institutions in Chinese: %s", got)
		}
		b.clean()
	})

	// The complaint and case pages' clocks said a bare 已超期 for every clock that ran out: each says
	// which clock ran out (the decision, the institution's answer, the feedback window) and how long
	// ago, in both languages.
	t.Run("DeadlinesNameTheClockThatRanOut", func(t *testing.T) {
		words := map[string][2]string{"ACCEPTANCE": {"受理决定已逾期", "Decision to accept overdue"},
			"INSTITUTION_RESPONSE": {"机构逾期未答复", "Institution late to answer"}, "FEEDBACK": {"评价期已结束", "The feedback period has ended"}}
		// A clock of any kind that runs, or ran out, made the demo complainant's (run out if it runs).
		var mine struct{ Reference, Kind, State string }
		env.App.DB.Gorm.Raw(`SELECT c.reference, d.kind, d.state FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
			WHERE d.state IN ('OPEN', 'BREACHED') AND d.met_at IS NULL AND d.paused_at IS NULL AND d.kind IN ('ACCEPTANCE', 'INSTITUTION_RESPONSE', 'FEEDBACK')
			ORDER BY d.state DESC, c.id DESC LIMIT 1`).Scan(&mine)
		if mine.Reference == "" {
			t.Fatal("no demo complaint with a clock running or run out")
		}
		giveToComplainant(t, env, mine.Reference)
		if mine.State == "OPEN" {
			breachClock(t, env, mine.Reference, mine.Kind)
		}
		clock := fmt.Sprintf(`#complaint .deadlines li[data-kind=%q]`, mine.Kind)
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+mine.Reference, clock)
		// The complainant's own feedback window reads calmly, without how long ago (session 15, walk2).
		ago := map[bool][2]string{true: {"", ""}, false: {"（", " ("}}[mine.Kind == "FEEDBACK"]
		if got := b.text(clock); !strings.Contains(got, words[mine.Kind][0]+ago[0]) || strings.Contains(got, "已超期") {
			t.Errorf("the complainant's %s clock that ran out reads %q", mine.Kind, got)
		}
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		if got := b.text(clock); !strings.Contains(got, words[mine.Kind][1]+ago[1]) || strings.Contains(got, "· Overdue") {
			t.Errorf("in English the %s clock that ran out reads %q", mine.Kind, got)
		}
		b.clean()

		// The institution's answer, forwarded to the agent's institution, run out: its answer form
		// and the case page say so.
		var late, state string
		env.App.DB.Gorm.Raw(`SELECT c.reference, d.state FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
			WHERE c.status = 'FORWARDED' AND d.kind = 'INSTITUTION_RESPONSE' AND d.state IN ('OPEN', 'BREACHED') AND d.met_at IS NULL AND d.paused_at IS NULL
			ORDER BY d.state DESC, c.id LIMIT 1`).Row().Scan(&late, &state)
		if late == "" {
			t.Fatal("no demo complaint waiting for an institution's answer")
		}
		if err := env.App.DB.Gorm.Exec(`WITH cmb AS (SELECT id FROM institutions WHERE name = ?), c AS (SELECT id FROM complaints WHERE reference = ?),
			d AS (UPDATE complaint_deadlines SET institution_id = (SELECT id FROM cmb) WHERE complaint_id = (SELECT id FROM c) AND kind = 'INSTITUTION_RESPONSE' AND state IN ('OPEN', 'BREACHED') AND met_at IS NULL)
			UPDATE complaints SET recipients = ARRAY[(SELECT id FROM cmb)] WHERE id = (SELECT id FROM c)`, demoLender, late).Error; err != nil {
			t.Fatal(err)
		}
		if state == "OPEN" {
			breachClock(t, env, late, "INSTITUTION_RESPONSE")
		}
		a := phoneAt(t, env, "agent@redline.demo", "/c/"+late, "#respond")
		if got := a.text("#respond"); !strings.Contains(got, "机构逾期未答复（") || strings.Contains(got, "已超期") {
			t.Errorf("the institution's late answer form reads %.200q", got)
		}
		a.clean()
		answer := `#complaint .deadlines li[data-kind="INSTITUTION_RESPONSE"]`
		s := newBrowser(t, env.URL, 1280, 900)
		s.signIn("supervisor@redline.demo", "#nav .who")
		s.do("open the late one", chromedp.Navigate(env.URL+"/#/c/"+late), chromedp.WaitVisible(chromedp.CSS(answer)))
		if got := s.text(answer); !strings.Contains(got, "机构逾期未答复（") || strings.Contains(got, "已超期") {
			t.Errorf("the case page's late answer reads %q", got)
		}
		s.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		s.waitJS("the page drawn again in English", switchedToEnglish)
		if got := s.text(answer); !strings.Contains(got, "Institution late to answer (") || strings.Contains(got, "· Overdue") {
			t.Errorf("in English the case page's late answer reads %q", got)
		}
		s.accessible("the case page with a late answer")
		s.clean()
	})

	// rulePacks (every jurisdiction's pack in force) was the one API operation no page used: the
	// rules page lists the packs in force, each a link to its jurisdiction's revisions and draft.
	t.Run("AdminSeesEveryPackInForce", func(t *testing.T) {
		packs := env.MustDo(t, "", `{ rulePacks { jurisdiction revision version } }`, nil)["rulePacks"].([]any)
		var want []string
		for _, p := range packs {
			p := p.(map[string]any)
			want = append(want, fmt.Sprintf("%s %v %v", p["jurisdiction"], p["revision"], p["version"]))
		}
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the rule packs", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#packs-in-force")))
		got := b.eval(`[...document.querySelectorAll('#packs-in-force tbody tr')].map((r) => r.dataset.jurisdiction + ' ' + [...r.querySelectorAll('td')].slice(0, 2).map((d) => d.textContent).join(' ')).join('|')`)
		if got != strings.Join(want, "|") {
			t.Errorf("the packs in force listed: %q, want %q", got, strings.Join(want, "|"))
		}
		b.accessible("the rules page with the packs in force")
		b.do("open the US pack", chromedp.Click(chromedp.CSS(`#packs-in-force tr[data-jurisdiction="US"] a`)),
			chromedp.WaitVisible(chromedp.CSS(`#packs-in-force tr[data-jurisdiction="US"] a[aria-current="page"]`)))
		if got := b.text("#pack-current"); !strings.Contains(got, "美国") {
			t.Errorf("the US pack's page says %q", got)
		}
		b.clean()
	})

	// A supervisor assigning a complaint had to type the reviewer's user id, and the case page named
	// whoever worked it as "用户 2": the team's reviewers and supervisors are picked, and shown, by name.
	t.Run("AssignByName", func(t *testing.T) {
		rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
		me := env.MustDo(t, rev, `{ me { id displayName } }`, nil)["me"].(map[string]any)
		edges := env.MustDo(t, rev, `{ complaints(first: 1, filter: {status: [FORWARDED]}) { edges { node { reference } } } }`, nil)["complaints"].(map[string]any)["edges"].([]any)
		if len(edges) == 0 {
			t.Fatal("nothing forwarded in the reviewer's team")
		}
		ref := edges[0].(map[string]any)["node"].(map[string]any)["reference"].(string)
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`[data-act="ASSIGNED"]`)),
			chromedp.Click(chromedp.CSS(`[data-act="ASSIGNED"]`)), chromedp.WaitVisible(chromedp.CSS("#action-form #f-assignee")))
		if tag := b.eval(`document.querySelector('#f-assignee').tagName`); tag != "SELECT" {
			t.Fatalf("the assignee is a %s, want a list of the team's people", tag)
		}
		b.accessible("the assign form")
		b.set("#f-assignee", fmt.Sprint(me["id"]))
		b.do("assign", chromedp.Click(chromedp.CSS("#action-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#complaint[data-assignee=%q]`, fmt.Sprint(me["id"])))))
		b.waitJS("the assignee by name", fmt.Sprintf(`(document.querySelector('#assignee-name')?.textContent || '') === %q`, me["displayName"]))
		b.clean()
	})

	// The queue's overdue rows said 已超期 and, beside it, 已超时 ("Overdue Overdue" in English), and
	// supervision a bare 已超期: each names the clock that ran out and how long ago, once.
	t.Run("QueueNamesTheClockThatRanOut", func(t *testing.T) {
		// Session 15 (walk3): the complainant's feedback window that ran out is no breach but a
		// to-do for staff; it reads "评价期已过 · 待办结" in grey, never "评价期限已过（N 天）" in red.
		late := `/(受理决定已逾期|机构逾期未答复)（\d+ 天）/`
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("supervisor@redline.demo", "#queue-list")
		b.do("the overdue view", chromedp.Navigate(env.URL+"/#/queue?due=overdue&sort=DUE_DATE"), chromedp.WaitVisible(chromedp.CSS(`#queue-list[data-filter*="due=overdue"] .qrow .q-due`)))
		if got := b.eval(`[...document.querySelectorAll('#queue-list .qrow .q-due')].map((x) => x.textContent.replace(/\s+/g, ' ').trim()).filter((x) => !` + late + `.test(x) || /已超期|已超时/.test(x)).join(' | ')`); got != "" {
			t.Errorf("overdue rows that do not say which clock ran out, once: %s", got)
		}
		b.do("supervision", chromedp.Navigate(env.URL+"/#/supervise"), chromedp.WaitVisible(chromedp.CSS("#breaches .sv-case")))
		if got := b.eval(`[...document.querySelectorAll('#breaches .sv-due')].map((x) => x.textContent.replace(/\s+/g, ' ').trim()).filter((x) => !` + late + `.test(x) || /已超期/.test(x)).join(' | ')`); got != "" {
			t.Errorf("breaches that do not say which clock ran out: %s", got)
		}
		b.accessible("supervision's breaches")
		lapsed := `.countdown[data-lapsed="true"]:not(.tone-danger)`
		todo := `/^\S+ · 评价期已过 · 待办结$/`
		b.do("the ready-to-close view", chromedp.Navigate(env.URL+"/#/queue?due=lapsed&sort=DUE_DATE"), chromedp.WaitVisible(chromedp.CSS(`#queue-list[data-filter*="due=lapsed"] .qrow .q-due`)))
		if got := b.eval(`[...document.querySelectorAll('#queue-list .qrow .q-due')].filter((x) => !x.querySelector('` + lapsed + `') || !` + todo + `.test(x.querySelector('.countdown').textContent.replace(/\s+/g, ' ').trim())).map((x) => x.textContent.replace(/\s+/g, ' ').trim()).join(' | ')`); got != "" {
			t.Errorf("lapsed feedback windows that do not read as a to-do (评价期已过 · 待办结, not red): %s", got)
		}
		b.do("supervision again", chromedp.Navigate(env.URL+"/#/supervise"), chromedp.WaitVisible(chromedp.CSS("#lapsed .sv-case")))
		if got := b.eval(`[...document.querySelectorAll('#lapsed .sv-due')].filter((x) => !x.querySelector('` + lapsed + `') || !` + todo + `.test(x.querySelector('.countdown').textContent.replace(/\s+/g, ' ').trim()) || /评价期限已过/.test(x.textContent)).map((x) => x.textContent.replace(/\s+/g, ' ').trim()).join(' | ')`); got != "" {
			t.Errorf("supervision's ready-to-close list reads: %s", got)
		}
		b.toEnglish()
		if got := b.text("#lapsed .sv-due .countdown"); !strings.HasSuffix(got, "Feedback period over · ready to close") {
			t.Errorf("in English a lapsed feedback window reads %q", got)
		}
		b.clean()
	})

	// What people wrote is marked with the language they wrote it in (a screen reader read an English
	// narrative on the Chinese page in a Chinese voice, an institution's Chinese answer on the English
	// page in an English one).
	t.Run("WrittenTextsSayTheirLanguage", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE narrative !~ '[一-龥]' ORDER BY id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no demo complaint written in English")
		}
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("open the English narrative", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#narrative")))
		if got := b.eval(`document.querySelector('#narrative').lang + ' ' + document.documentElement.lang`); got != "en zh-CN" {
			t.Errorf("an English narrative on the Chinese page: lang %q", got)
		}
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		var zh string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE narrative ~ '[一-龥]' ORDER BY id LIMIT 1`).Scan(&zh)
		b.do("open a Chinese narrative", chromedp.Navigate(env.URL+"/#/c/"+zh))
		b.waitJS("its page", fmt.Sprintf(`(document.querySelector('#complaint h1')?.textContent || '').includes(%q) && !!document.querySelector('#narrative')`, zh))
		if got := b.eval(`document.querySelector('#narrative').lang + ' ' + document.documentElement.lang`); got != "zh-CN en" {
			t.Errorf("a Chinese narrative on the English page: lang %q", got)
		}
		b.clean()
	})

	// Session 12's walk. The deadline policies' legal basis was English text in the policy
	// documents, shown as it was on the Chinese admin page: each clock's basis and the policy's
	// source are given in both languages and shown in the reader's.
	t.Run("DeadlinePolicyBasisInTheReadersLanguage", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the deadline policies", chromedp.Navigate(env.URL+"/#/admin/deadlines"), chromedp.WaitVisible(chromedp.CSS("[data-basis]")))
		english := `/[A-Za-z]+[ ,;:'-]+[A-Za-z]+[ ,;:'-]+[A-Za-z]+/`
		if got := b.eval(`[...document.querySelectorAll('[data-basis], [data-source]')].filter((x) => !/[\u4e00-\u9fff]/.test(x.textContent) || ` + english + `.test(x.textContent)).map((x) => x.textContent).join(' | ')`); got != "" {
			t.Errorf("the Chinese page gives the legal basis in English: %.300s", got)
		}
		// On a phone the table of clocks was wider than the screen, its basis a column of a few
		// characters far to the right of rows of blank space: each clock is a card.
		if got := b.eval(`[...document.querySelectorAll('.policy-table [data-basis]')].filter((x) => x.getBoundingClientRect().width < 250 || x.closest('.table-wrap').scrollWidth > x.closest('.table-wrap').clientWidth).length + ''`); got != "0" {
			t.Errorf("%s legal bases squeezed or off the screen of a phone", got)
		}
		b.accessible("the deadline policies in Chinese")
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		if got := b.text(`tr[data-clock="FEEDBACK"] [data-basis]`); !strings.HasPrefix(got, "Platform policy: the complainant accepts or disputes") {
			t.Errorf("the English page gives the feedback window's basis as %q", got)
		}
		b.clean()
	})

	// A busy server (429 RATE_LIMITED, 503 UNAVAILABLE, both with Retry-After) made any page fail
	// at once with 操作过于频繁 or 服务暂时不可用: a read is asked again after the wait the server
	// gave, and the page says it is retrying; a mutation without an idempotency key is not sent
	// again, and the form says that nothing was done and when to try again.
	t.Run("BusyServerWaitedOutOrExplained", func(t *testing.T) {
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#mine-title")
		b.busyServer("notifications(first: 50)", 2, 429, 1)
		b.do("open the notifications", chromedp.Navigate(env.URL+"/#/notifications"))
		b.waitJS("the notifications after two refusals", `!!document.querySelector('#n-title') && window.busySent === 3`)
		if got := b.eval(`window.toastsSeen.join(' | ')`); !strings.Contains(got, "服务器繁忙，1 秒后自动重试") {
			t.Errorf("while waiting the page said %q", got)
		}
		b.do("open the account", chromedp.Navigate(env.URL+"/#/account"), chromedp.WaitVisible(chromedp.CSS("#password-form")))
		b.busyServer("changePassword", 5, 503, 7)
		b.set("#f-currentPassword", app.DemoPassword)
		b.set("#f-newPassword", "walk-busy-2026-pass")
		b.do("change the password", chromedp.Click(chromedp.CSS("#password-form button[type=submit]")))
		b.waitJS("the form's answer", `!document.querySelector('#password-form .form-alert').hidden`)
		if got := b.text("#password-form .form-alert"); !strings.Contains(got, "7 秒后再试") || !strings.Contains(got, "没有执行") {
			t.Errorf("a 503 on changing the password reads %q", got)
		}
		if n := b.eval(`String(window.busySent)`); n != "1" {
			t.Errorf("the password change was sent %s times, want once", n)
		}
		b.accessible("the account page after a 503")
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		b.busyServer("changePassword", 5, 429, 30)
		b.set("#f-currentPassword", app.DemoPassword)
		b.set("#f-newPassword", "walk-busy-2026-pass")
		b.do("change the password", chromedp.Click(chromedp.CSS("#password-form button[type=submit]")))
		b.waitJS("the form's answer", `/Nothing was done/.test(document.querySelector('#password-form .form-alert').textContent)`)
		if got := b.text("#password-form .form-alert"); !strings.Contains(got, "Too many requests; try again in 30 seconds.") {
			t.Errorf("a 429 on changing the password reads %q in English", got)
		}
		b.clean()
	})

	// A server out of reach when the page opened (503 on the first question, who is signed in)
	// signed the person out: the session is kept and the page offers to try again.
	t.Run("BusyAtStartKeepsTheSession", func(t *testing.T) {
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#mine-title")
		b.do("a server out of reach at the next start", chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: busyScript("{ me {", 10, 503, 30)})
			return chromedp.Void{}, err
		}), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#boot-retry")))
		if got := b.text("#page-error"); !strings.Contains(got, "30 秒后再试") || !strings.Contains(got, "没有退出登录") {
			t.Errorf("the page opened with the server out of reach reads %q", got)
		}
		if got := b.eval(`String(!!sessionStorage.getItem('redline.refresh'))`); got != "true" {
			t.Error("the session was forgotten")
		}
		b.accessible("the page opened with the server out of reach")
		b.clean()
	})

	// The filing carries its idempotency key: a 429 while filing is waited out and the complaint
	// sent again with the same Idempotency-Key (the server runs it once), and filed once. A
	// parent files, with no details of the borrower.
	t.Run("BusyServerWhileFiling", func(t *testing.T) {
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		me := env.MustDo(t, tok, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
		count := func() int {
			return int(env.MustDo(t, tok, `{ complaints(first: 1) { totalCount } }`, nil)["complaints"].(map[string]any)["totalCount"].(float64))
		}
		before := count()
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#mine-title")
		d, _ := json.Marshal(map[string]any{"step": 6, "key": "walk-busy-filing", "relation": "PARENT", "debtor": map[string]any{"name": "", "mobile": "", "idNumber": ""},
			"province": "440000", "product": "ONLINE_LOAN", "lenderName": "安逸花", "narrative": "催收员天天给我打电话，说儿子不还钱就到家里来闹。",
			"incidents": []any{map[string]any{"date": "2026-03-04", "time": "23:30", "channel": "PHONE_CALL", "count": "3", "from": "", "description": ""}}})
		b.eval(fmt.Sprintf(`(localStorage.setItem('redline.draft.%s', %q), '')`, me, d))
		b.do("open the review", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS("#submit")))
		// The review gave the incident's date as 2026-03-04, where every other page spells it out.
		if got := b.text("main"); !strings.Contains(got, "2026年3月4日周三 23:30 电话 ×3") {
			t.Errorf("the review reads %.600q", got)
		}
		b.busyServer("fileComplaint", 1, 429, 1)
		b.do("file", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#done-ref")))
		keys := b.eval(`window.busyKeys.join(' ')`)
		if k := strings.Fields(keys); len(k) != 2 || k[0] != k[1] {
			t.Errorf("the filing was sent with the keys %q, want twice with one key", keys)
		}
		if n := count(); n != before+1 {
			t.Errorf("%d complaints filed, want 1", n-before)
		}
		// Session 14: the last page said to keep the number "to follow the complaint", not where.
		if got := b.text("#follow-how"); !strings.Contains(got, "complainant@redline.demo") || !strings.Contains(got, "“我的投诉”") || !strings.Contains(got, "按编号查找") {
			t.Errorf("the last page says how to follow the complaint: %q", got)
		}
		b.clean()
	})

	// The rule packs' and the routing table's editions built into the release gave their reason in
	// the server's English ("built-in pack", "built-in routing table") on the Chinese pages.
	t.Run("BuiltInEditionsSaySoInChinese", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		for page, wait := range map[string]string{"rules": "#packs-in-force", "routing": "#routing-current"} {
			b.do("open "+page, chromedp.Navigate(env.URL+"/#/admin/"+page), chromedp.WaitVisible(chromedp.CSS(wait)))
			if got := b.text("main"); strings.Contains(got, "built-in") || !strings.Contains(got, "随版本发布") {
				t.Errorf("the %s page: %.400q", page, got)
			}
		}
		b.clean()
	})

	// A complaint in triage said 已受理 (accepted) while the decision to accept it was still to come,
	// or overdue: it says 审核中.
	t.Run("TriageIsNotAcceptance", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'IN_TRIAGE' ORDER BY id DESC LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no demo complaint in triage")
		}
		giveToComplainant(t, env, ref)
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref))
		if got := b.text(fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref)); strings.Contains(got, "已受理") || !strings.Contains(got, "审核中") {
			t.Errorf("a complaint in triage reads %q", got)
		}
		b.clean()
	})

	// Session 13's walk. The business calendars named holidays "端午节 Dragon Boat Festival" and gave
	// their sources half in English on both languages' pages: each is shown in the reader's language,
	// and a holiday added is named in both.
	t.Run("HolidaysInTheReadersLanguage", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		latin, han := `/[A-Za-z]{3,}/`, `/[\u4e00-\u9fff]/`
		texts := `[...document.querySelectorAll('#calendar .holidays strong, #calendar .workdays .muted, #calendar [data-year-source], #calendar [data-cal-source]')].map((x) => x.textContent.trim())`
		for _, j := range []string{"CN", "US"} {
			b.do("open the calendar of "+j, chromedp.Navigate(env.URL+"/#/admin/deadlines?j="+j))
			// The page drawn for this jurisdiction, not the previous one still on screen.
			b.waitJS("the calendar of "+j, `(document.querySelector('#cal-title')?.textContent || '').includes('`+map[string]string{"CN": "Asia/Shanghai", "US": "America/New_York"}[j]+`') && !!document.querySelector('#calendar .holidays strong')`)
			if got := b.eval(texts + `.filter((x) => ` + latin + `.test(x.replace(/U\.S\.C|OPM/g, ''))).join(' | ')`); got != "" {
				t.Errorf("the Chinese %s calendar: %.400s", j, got)
			}
		}
		b.accessible("the US calendar in Chinese")
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		for _, j := range []string{"US", "CN"} {
			b.do("open the calendar of "+j, chromedp.Navigate(env.URL+"/#/admin/deadlines?j="+j))
			// The page drawn for this jurisdiction, not the previous one still on screen.
			b.waitJS("the calendar of "+j, `(document.querySelector('#cal-title')?.textContent || '').includes('`+map[string]string{"CN": "Asia/Shanghai", "US": "America/New_York"}[j]+`') && !!document.querySelector('#calendar .holidays strong')`)
			if got := b.eval(texts + `.filter((x) => ` + han + `.test(x)).join(' | ')`); got != "" {
				t.Errorf("the English %s calendar: %.400s", j, got)
			}
		}
		if got := b.eval(`document.querySelector('details[data-year="2026"] .holidays')?.textContent || ''`); !strings.Contains(got, "Dragon Boat Festival") {
			t.Errorf("the English 2026 holidays read %.300q", got)
		}
		// A holiday added without its Chinese name is refused at that field.
		b.set("#f-hName", "Local work stoppage")
		b.set("#f-hFrom", "2026-03-12")
		b.refusedAt("#add-holiday", "hNameZh", "Chinese")
		b.accessible("the CN calendar in English")
		b.clean()
	})

	// A button's label never wraps, and on a phone an English one longer than the screen ("Show
	// changes against the revision in force" on the rules page) pushed the page 95 px past it.
	t.Run("LongButtonLabelsWrapOnAPhone", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		b.do("open the rule packs", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#show-diff")))
		b.accessible("the rule packs in English")
		b.clean()
	})

	// On English pages a law is cited by its English name with the Chinese original beside it
	// ("Criminal Law art. 253-1 (刑法 第253条之一)"): the original was read in an English voice; it is
	// marked as Chinese.
	t.Run("LawOriginalsMarkedChinese", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.do("check a message", chromedp.Navigate(env.URL+"/#/check"), chromedp.WaitVisible(chromedp.CSS("#f-check-0-text")),
			chromedp.Click(chromedp.CSS("#lang-switch")))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		b.set("#f-check-0-text", "再不还钱就去你家泼油漆，把你欠钱的事发给你通讯录里所有人")
		b.waitJS("the law", `!!document.querySelector('#check-analysis .laws li')`)
		unmarked := `(() => { const out = []; document.querySelectorAll('.laws, .law').forEach((box) => { const tw = document.createTreeWalker(box, NodeFilter.SHOW_TEXT); let n;
			while ((n = tw.nextNode())) if (/[\u4e00-\u9fff]/.test(n.textContent) && !n.parentElement.closest('[lang^="zh"]')) out.push(n.textContent.trim()); }); return out.join(' | '); })()`
		if got := b.eval(unmarked); got != "" {
			t.Errorf("Chinese in the English page's citations, unmarked: %.300s", got)
		}
		if got := b.text("#check-analysis .laws"); !strings.Contains(got, "Civil Code") && !strings.Contains(got, "Criminal Law") && !strings.Contains(got, "Public Security") {
			t.Errorf("the citations read %.300q", got)
		}
		b.accessible("the check page's citations in English")
		b.clean()
	})

	// The institution's inbox showed its first 100 complaints and no more: it pages.
	// Session 14's walk: the violations the regulator confirmed were bare names on the pages of
	// the complainant and of the institution, which has to answer for them: now each says what in
	// the narrative showed it (marked there too) and the law it breaches, and the answer form says
	// what to answer for.
	t.Run("ConfirmedViolationsSayWhyAndTheLaw", func(t *testing.T) {
		ref, code := confirmedWithPhrases(t, env)
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		found := env.MustDo(t, agent, `query($r: ID!) { complaint(id: $r) { confirmedFindings { type phrases { phrase start end } } } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["confirmedFindings"].([]any)
		var phrase string
		for _, f := range found {
			if f := f.(map[string]any); f["type"] == code && len(f["phrases"].([]any)) > 0 {
				phrase = f["phrases"].([]any)[0].(map[string]any)["phrase"].(string)
			}
		}
		if phrase == "" {
			t.Fatalf("confirmedFindings of %s for the institution: %v, want %s with a phrase", ref, found, code)
		}
		item := fmt.Sprintf(`#confirmed-violations li[data-code=%q]`, code)
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, item)
		if got := b.eval(`[...document.querySelectorAll('` + item + ` mark')].map((m) => m.textContent).join('|')`); !strings.Contains(got, phrase) {
			t.Errorf("the institution's page gives %s with the phrases %q, want %q", code, got, phrase)
		}
		if got := b.eval(`document.querySelector('` + item + ` .laws')?.textContent || ''`); !strings.Contains(got, "第") {
			t.Errorf("the institution's page gives %s with the law %q", code, got)
		}
		if got := b.eval(`[...document.querySelectorAll('blockquote.narrative mark')].map((m) => m.dataset.code + ':' + m.textContent).join('|')`); !strings.Contains(got, code+":") {
			t.Errorf("the narrative marks %q, want a phrase of %s", got, code)
		}
		if got := b.eval(`document.querySelector('#answer-for')?.textContent || ''`); !strings.Contains(got, "请针对监管确认的违规行为答复") {
			t.Errorf("the answer form says what to answer for: %q", got)
		}
		b.accessible("the institution's complaint with its confirmed violations")
		b.clean()

		giveToComplainant(t, env, ref)
		c := newBrowser(t, env.URL, 360, 780)
		c.signIn("complainant@redline.demo", "#mine-title")
		c.toEnglish()
		c.do("the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(item)))
		want := "en:" + phrase
		if strings.ContainsFunc(phrase, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			want = "zh-CN:" + phrase
		}
		if got := c.eval(`[...document.querySelectorAll('` + item + ` mark')].map((m) => m.lang + ':' + m.textContent).join('|')`); !strings.Contains(got, want) {
			t.Errorf("the complainant's English page gives %s with the phrases %q, want %q (marked with its language)", code, got, want)
		}
		if got := c.eval(`document.querySelector('` + item + ` .laws')?.textContent || ''`); !strings.Contains(got, "art.") {
			t.Errorf("the complainant's English page gives %s with the law %q", code, got)
		}
		c.accessible("the complainant's complaint with its confirmed violations")
		c.clean()
	})

	// A match the rules set aside said why in the engine's English ("exception: 说要上门") on the
	// Chinese case page; on the English one the phrases and the lender's name (Chinese) were not
	// marked as Chinese.
	t.Run("DismissedMatchesInTheReadersLanguage", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE assessment::text LIKE '%"Reason": "exception: %' ORDER BY id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no demo complaint with a match set aside as an exception")
		}
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#dismissed")))
		if got := b.text("#dismissed ul"); strings.Contains(got, "exception") || !strings.Contains(got, "属于例外") {
			t.Errorf("the set-aside matches read %q in Chinese", got)
		}
		b.toEnglish()
		b.do("the case in English", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#dismissed")))
		if got := b.eval(unmarkedChinese("#complaint")); got != "" {
			t.Errorf("Chinese on the English case page not marked as such: %s", got)
		}
		b.clean()
	})

	t.Run("SlowPageSaysItIsLoading", func(t *testing.T) {
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#mine-list a[data-ref]")
		b.eval(`(() => { const real = window.fetch.bind(window); window.fetch = (url, init = {}) =>
			String(init.body || '').includes('complaint(id') ? new Promise((done) => setTimeout(() => done(real(url, init)), 2500)) : real(url, init); return ''; })()`)
		b.do("open a complaint", chromedp.Click(chromedp.CSS("#mine-list a[data-ref]")))
		b.waitJS("the loading bar", `!!document.querySelector('#page-loading:not([hidden])')`)
		if got := b.text("#page-loading"); got != "正在加载…" {
			t.Errorf("the loading bar reads %q", got)
		}
		b.do("the complaint", chromedp.WaitVisible(chromedp.CSS("#complaint")))
		if got := b.eval(`String(document.querySelector('#page-loading').hidden)`); got != "true" {
			t.Error("the loading bar stays once the page is drawn")
		}
		b.accessible("the complaint after a slow load")
		b.clean()
	})

	// The filing's last page said to keep the reference "to follow the complaint", and no page took
	// one: My complaints finds a complaint by any part of its number, and says what to do when none
	// has it.
	t.Run("ComplainantFindsAComplaintByItsNumber", func(t *testing.T) {
		var refs []string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'CLOSED' ORDER BY id LIMIT 2`).Scan(&refs)
		if len(refs) < 2 {
			t.Fatal("fewer than 2 closed demo complaints")
		}
		for _, r := range refs {
			giveToComplainant(t, env, r)
		}
		// digits are the end of a number: a complaint whose number holds them one place earlier
		// (RL-…-00000019 for "0001") is not what the complainant typed (session 17: CI found it)
		var pair []struct{ Reference, Near string }
		env.App.DB.Gorm.Raw(`SELECT c.reference, d.reference AS near FROM complaints c JOIN complaints d
			ON d.reference LIKE '%' || right(c.reference, 4) || '_' WHERE c.status = 'CLOSED' ORDER BY c.id, d.id LIMIT 1`).Scan(&pair)
		if len(pair) == 0 {
			t.Fatal("no closed complaint whose last four digits another number holds one place earlier")
		}
		if refs[1] == pair[0].Reference {
			refs[1] = refs[0]
		}
		refs[0] = pair[0].Reference
		for _, r := range []string{refs[0], pair[0].Near} {
			giveToComplainant(t, env, r)
		}
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#f-find")
		b.set("#f-find", refs[0][len(refs[0])-4:])
		if got := b.eval(`[...document.querySelectorAll('#mine-list li:not([hidden]) a[data-ref]')].map((a) => a.dataset.ref).join(' ')`); got != refs[0] {
			t.Errorf("the complaints shown for %q: %q, want %s", refs[0][len(refs[0])-4:], got, refs[0])
		}
		if got := b.text("#find-result"); got != "找到 1 件" {
			t.Errorf("the search says %q", got)
		}
		b.accessible("my complaints, searched")
		b.set("#f-find", "RL-2099-1")
		if got := b.eval(`String(document.querySelectorAll('#mine-list li:not([hidden])').length)`); got != "0" {
			t.Errorf("%s complaints shown for a reference that does not exist", got)
		}
		if got := b.text("#find-result"); !strings.Contains(got, "没有找到") || !strings.Contains(got, "另一个邮箱") {
			t.Errorf("no complaint found reads %q", got)
		}
		b.clean()
	})

	// On a phone in English the header cut who is signed in to "招行投诉管理员 · Institut…": the
	// role, the one thing it says that the person did not type, was lost. It wraps.
	t.Run("WhoIsSignedInUncutOnAPhone", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("instadmin@redline.demo", "#nav .who")
		b.toEnglish()
		b.waitJS("the header in English", `(document.querySelector('#nav .who')?.textContent || '').includes('Institution admin')`)
		if got := b.eval(`(() => { const w = document.querySelector('#nav .who'); return w.scrollWidth > w.clientWidth + 1 ? w.scrollWidth + ' > ' + w.clientWidth : ''; })()`); got != "" {
			t.Errorf("the header cuts who is signed in: %s px", got)
		}
		b.accessible("the inbox in English")
		// The people's names (Chinese) on the English users page, marked as Chinese.
		b.do("the institution's users", chromedp.Navigate(env.URL+"/#/institution/users"), chromedp.WaitVisible(chromedp.CSS("main .who")))
		if got := b.eval(unmarkedChinese("main")); got != "" {
			t.Errorf("Chinese on the English users page not marked as such: %s", got)
		}
		b.clean()
	})

	t.Run("InboxPages", func(t *testing.T) {
		cmb := demoLenderID(t, env)
		// More answered complaints for the agent's institution than a page of 5 holds (the last
		// subtest: the others' complaints are done with).
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET status = 'RESPONDED', recipients = array_append(recipients, ?)
			WHERE NOT recipients @> ARRAY[?]::bigint[]`, cmb, cmb).Error; err != nil {
			t.Fatal(err)
		}
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		total := int(env.MustDo(t, agent, `{ complaints(first: 1, filter: {status: [RESPONDED, ACCEPTED, DISPUTED, IN_INVESTIGATION, ESCALATED]}) { totalCount } }`, nil)["complaints"].(map[string]any)["totalCount"].(float64))
		if total <= 5 {
			t.Fatalf("the agent has %d answered complaints, want more than a page of 5", total)
		}
		b := phoneAt(t, env, "agent@redline.demo", "/inbox?view=answered&n=5", "#inbox-list a[data-ref]")
		refs := func() string {
			return b.eval(`[...document.querySelectorAll('#inbox-list a[data-ref]')].map((a) => a.dataset.ref).join(' ')`)
		}
		first := refs()
		if c := b.text("#inbox-count"); !strings.Contains(c, fmt.Sprintf("共 %d 件，第 1–5 件", total)) {
			t.Errorf("the first page's count reads %q", c)
		}
		b.do("next page", chromedp.Click(chromedp.CSS("#next")))
		b.waitJS("the second page", `(document.querySelector('#inbox-count')?.textContent || '').includes('第 6–') && !!document.querySelector('#inbox-list a[data-ref]')`)
		if second := refs(); second == first || strings.Contains(first, strings.Fields(second)[0]) {
			t.Errorf("the second page %q repeats the first %q", second, first)
		}
		b.accessible("the inbox's second page")
		b.do("previous page", chromedp.Click(chromedp.CSS("#prev")))
		b.waitJS("the first page again", `(document.querySelector('#inbox-count')?.textContent || '').includes('第 1–') && !!document.querySelector('#inbox-list a[data-ref]')`)
		if again := refs(); again != first {
			t.Errorf("back on the first page: %q, want %q", again, first)
		}
		b.clean()
	})
}

// complainantsInTriage makes a demo complaint in triage whose decision clock runs (and meets cond)
// the demo complainant's, the first in order, and returns its reference.
func complainantsInTriage(t *testing.T, env *apptest.Env, cond, order string) string {
	t.Helper()
	var ref string
	env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
		WHERE c.status = 'IN_TRIAGE' AND d.kind = 'ACCEPTANCE' AND d.state = 'OPEN' ` + cond + ` ORDER BY ` + order + ` LIMIT 1`).Scan(&ref)
	if ref == "" {
		t.Fatalf("no demo complaint in triage with its decision clock running %s", cond)
	}
	giveToComplainant(t, env, ref)
	return ref
}

// lapsedFeedbackComplaint is an answered demo complaint whose feedback window ran out two days ago
// or more, unanswered, given to complainant@redline.demo.
func lapsedFeedbackComplaint(t *testing.T, env *apptest.Env) string {
	t.Helper()
	var ref string
	env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'RESPONDED' AND feedback_decision IS NULL
		AND awaited_kind = 'FEEDBACK' AND awaited_due_at < now() - interval '2 days' ORDER BY awaited_due_at, id LIMIT 1`).Scan(&ref)
	if ref == "" {
		t.Fatal("no demo complaint whose feedback window lapsed")
	}
	giveToComplainant(t, env, ref)
	return ref
}

// giveToComplainant makes the demo complaint ref the demo complainant's.
func giveToComplainant(t *testing.T, env *apptest.Env, ref string) {
	t.Helper()
	if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET complainant_id = (SELECT id FROM users WHERE email = 'complainant@redline.demo') WHERE reference = ?`, ref).Error; err != nil {
		t.Fatal(err)
	}
}

// axeRules runs the axe-core rules named, whatever their impact, and returns their findings.
func (b *browser) axeRules(rules ...string) []string {
	b.t.Helper()
	b.axeIssues() // injects axe-core
	list, _ := json.Marshal(rules)
	res := b.evalAsync(`axe.run(document, {runOnly: {type: 'rule', values: ` + string(list) + `}, resultTypes: ['violations']}).then(r => JSON.stringify(r.violations
		.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '))))`)
	var issues []string
	if err := json.Unmarshal([]byte(res), &issues); err != nil {
		b.t.Fatalf("axe-core result %q: %v", res, err)
	}
	return issues
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

// busyServer makes the page answer its next n requests to /graphql whose body holds match with
// status (429 RATE_LIMITED or 503 UNAVAILABLE) and Retry-After: wait, as a busy server does,
// before they reach the server; window.busySent counts the requests that matched and
// window.busyKeys lists their Idempotency-Key headers; window.toastsSeen keeps the toasts shown.
func (b *browser) busyServer(match string, n, status, wait int) {
	b.t.Helper()
	b.eval(busyScript(match, n, status, wait))
}

// busyScript is busyServer's script.
func busyScript(match string, n, status, wait int) string {
	return fmt.Sprintf(`(() => {
		const real = window.realFetch || (window.realFetch = window.fetch.bind(window));
		let left = %d;
		const status = %d, wait = %d, code = status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE';
		window.busySent = 0; window.busyKeys = []; window.toastsSeen = window.toastsSeen || [];
		const box = document.querySelector('#toasts');
		if (box && !window.toastWatch) {
			window.toastWatch = new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => window.toastsSeen.push(n.textContent))));
			window.toastWatch.observe(box, {childList: true});
		}
		window.fetch = (url, init = {}) => {
			if (url === '/graphql' && String(init.body || '').includes(%q)) {
				window.busySent++;
				window.busyKeys.push((init.headers || {})['Idempotency-Key'] || '');
				if (left-- > 0) {
					const e = code === 'RATE_LIMITED' ? {message: 'too many requests; try again in ' + wait + ' seconds', extensions: {code, messageZh: '请求过于频繁，请' + wait + '秒后再试'}}
						: {message: 'the service is temporarily unavailable; try again in a few seconds', extensions: {code, messageZh: '服务暂时不可用，请稍后重试'}};
					return Promise.resolve(new Response(JSON.stringify({errors: [e]}), {status, headers: {'Content-Type': 'application/json', 'Retry-After': String(wait)}}));
				}
			}
			return real(url, init);
		};
		return '';
	})()`, n, status, wait, match)
}

// confirmedWithPhrases has a supervisor confirm, on a complaint in triage, a violation the rule
// engine found in its narrative, and forward it to the demo agent's institution; it returns the
// reference and that violation.
func confirmedWithPhrases(t *testing.T, env *apptest.Env) (string, string) {
	t.Helper()
	var row struct{ Reference, Code string }
	env.App.DB.Gorm.Raw(`SELECT c.reference, v->>'Type' AS code FROM complaints c
		CROSS JOIN jsonb_array_elements(c.assessment->'Violations') v
		WHERE c.status = 'IN_TRIAGE' AND EXISTS (SELECT 1 FROM jsonb_array_elements(v->'Evidence') e WHERE e->>'Source' = 'narrative')
		ORDER BY c.id LIMIT 1`).Scan(&row)
	if row.Reference == "" {
		t.Fatal("no complaint in triage with a finding in its narrative")
	}
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	lender := firstInstitutionID(env.MustDo(t, sup, institutionSearch, map[string]any{"s": demoLender}))
	id := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": row.Reference})["complaint"].(map[string]any)["id"]
	env.MustDo(t, sup, `mutation($id: ID!, $v: [ViolationType!]) { classifyComplaint(id: $id, confirm: $v) { version } }`, map[string]any{"id": id, "v": []string{row.Code}})
	env.MustDo(t, sup, `mutation($id: ID!, $l: ID) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { status } }`, map[string]any{"id": id, "l": lender})
	return row.Reference, row.Code
}

// unmarkedChinese is a script listing the visible Chinese texts under root on an English page that
// no lang attribute marks as Chinese.
func unmarkedChinese(root string) string {
	return `(() => { const out = [], w = document.createTreeWalker(document.querySelector('` + root + `'), NodeFilter.SHOW_TEXT); let n;
		while ((n = w.nextNode())) { const el = n.parentElement, s = n.textContent.trim();
			if (s && /[\u3400-\u9fff]/.test(s) && el.offsetParent !== null && !(el.closest('[lang]')?.lang || '').startsWith('zh')) out.push(s.slice(0, 40)); }
		return [...new Set(out)].join(' | '); })()`
}

// toEnglish taps the language switch and waits for the page drawn again in English.
func (b *browser) toEnglish() {
	b.t.Helper()
	b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
	b.waitJS("the page drawn again in English", switchedToEnglish)
}
