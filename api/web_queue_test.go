package api_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWorkbench drives the regulator's workbench in Chromium: a reviewer filters the queue,
// saves a view, reloads and finds it, and bulk-claims complaints (one of them claimed by someone
// else meanwhile: a conflict, reported on its row); a supervisor decides an extension request and
// acknowledges an alert. axe-core checks every page.
func TestWebWorkbench(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 20})
	complainant := env.Login(t, "complainant@redline.demo", app.DemoPassword)
	reviewer := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	supervisor := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	agent := env.Login(t, "agent@redline.demo", app.DemoPassword)

	// Four complaints in team east's queue (Shanghai), found by a word of their narratives.
	var refs, ids []string
	for i := 0; i < 4; i++ {
		d := env.MustDo(t, complainant, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "CONSUMER_LOAN",
			"lenderName": "队列测试贷", "narrative": fmt.Sprintf("队列测试第%d件：催收员每天打二十多个电话，还给我同事打电话。", i+1), "violations": []string{"THIRD_PARTY_CONTACT"}}})
		c := d["fileComplaint"].(map[string]any)
		refs, ids = append(refs, c["reference"].(string)), append(ids, c["id"].(string))
	}
	for _, id := range ids {
		waitStatus(t, env, complainant, id, "IN_TRIAGE")
	}

	t.Run("ReviewerQueue", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("reviewer@redline.demo", "#queue-list")
		b.check("queue")
		b.set("#q-text", "队列测试")
		b.do("open more filters", chromedp.Click(chromedp.CSS("#queue-filter details.more summary")))
		b.do("search", chromedp.Click(chromedp.CSS("#queue-filter button[type=submit]")))
		word := url.QueryEscape("队列测试")
		b.waitJS("the text filter", fmt.Sprintf(`document.querySelector('#queue-list')?.dataset.filter === %q`, "q="+word))
		b.set("#q-assignee", "none")
		b.waitJS("the unassigned filter", fmt.Sprintf(`document.querySelector('#queue-list')?.dataset.filter === %q`, "assignee=none&q="+word))
		b.set("#q-sort", "OLDEST")
		key := "assignee=none&q=" + word + "&sort=OLDEST"
		b.waitJS("the oldest first", fmt.Sprintf(`document.querySelector('#queue-list')?.dataset.filter === %q`, key))
		got := b.eval(`[...document.querySelectorAll('#queue-list .qrow')].map(r => r.dataset.ref).join(',')`)
		if got != strings.Join(refs, ",") {
			t.Fatalf("the unassigned queue, oldest first = %s, want %s", got, strings.Join(refs, ","))
		}
		if c := b.text("#queue-count"); !strings.Contains(c, "共 4 件") {
			t.Errorf("count = %q", c)
		}
		// Every row shows the institution, a violation and that nobody works it yet.
		if r := b.text(fmt.Sprintf(`.qrow[data-ref=%q]`, refs[0])); !strings.Contains(r, "队列测试贷") || !strings.Contains(r, "骚扰") || !strings.Contains(r, "未分配") ||
			!strings.Contains(r, "华东投诉处理组") || strings.Contains(r, "east") {
			t.Errorf("row = %q", r)
		}
		// A complaint in triage shows its acceptance deadline as a date and a countdown, not a dash.
		if got := b.eval(fmt.Sprintf(`(() => { const d = document.querySelector('.qrow[data-ref=%q] .q-due');
			return d.dataset.kind + '|' + d.querySelector('.q-label').textContent + '|' + !!d.querySelector('.countdown time[datetime]') })()`, refs[0])); got != "ACCEPTANCE|受理期限|true" {
			t.Errorf("the triage row's deadline = %q, want the acceptance clock's date and countdown", got)
		}
		b.check("queue-filtered")

		// Save the view; it is listed with its count and, after a reload, still there and current.
		b.do("save the view", chromedp.SendKeys(chromedp.CSS("#f-view-name"), "测试：未分配"), chromedp.Click(chromedp.CSS("#save-view button[type=submit]")))
		b.waitJS("the saved view", `document.querySelector('#saved-views a[data-name="测试：未分配"] .view-count')?.dataset.count === '4'`)
		b.do("reload", chromedp.Reload())
		b.waitJS("the same queue after a reload", fmt.Sprintf(`document.querySelector('#queue-list')?.dataset.filter === %q &&
			document.querySelector('#saved-views a[data-name="测试：未分配"]')?.getAttribute('aria-current') === 'true' &&
			document.querySelector('#q-assignee').value === 'none' && document.querySelector('#q-sort').value === 'OLDEST'`, key))
		b.do("all open", chromedp.Click(chromedp.CSS(`#builtin-views a[data-view="all"]`)))
		b.waitJS("the whole queue", `document.querySelector('#queue-list')?.dataset.filter === ''`)
		// Every row waiting on a clock shows it, demo complaints too (running, or past due and breached
		// by the sweep): none shows a dash.
		if got := b.eval(`[...document.querySelectorAll('#queue-list .qrow')].filter(r => ['SUBMITTED', 'IN_TRIAGE', 'NEEDS_INFORMATION', 'FORWARDED', 'RESPONDED'].includes(r.dataset.status) &&
			!r.querySelector('.q-due .countdown time')).map(r => r.dataset.ref + ' ' + r.dataset.status).join(', ')`); got != "" {
			t.Errorf("queue rows without their deadline: %s", got)
		}
		b.do("open the saved view", chromedp.Click(chromedp.CSS(`#saved-views a[data-name="测试：未分配"]`)))
		b.waitJS("the saved view's queue", fmt.Sprintf(`document.querySelector('#queue-list')?.dataset.filter === %q && document.querySelectorAll('#queue-list .qrow').length === 4`, key))

		// Meanwhile the supervisor claims the third; the reviewer picks three and claims them.
		env.MustDo(t, supervisor, `mutation($id: ID!) { claimComplaint(id: $id) { id } }`, map[string]any{"id": ids[2]})
		for _, ref := range refs[:3] {
			b.do("pick "+ref, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.qrow[data-ref=%q] .q-pick`, ref))))
		}
		if p := b.text("#picked"); !strings.Contains(p, "已选 3 件") {
			t.Errorf("picked = %q", p)
		}
		b.do("claim", chromedp.Click(chromedp.CSS("#bulk-claim")))
		b.waitJS("the bulk report", `!!document.querySelector('#bulk-report')`)
		for i, want := range []string{"ok", "ok", "CONFLICT"} {
			if r := b.eval(fmt.Sprintf(`document.querySelector('#bulk-report li[data-ref=%q]')?.dataset.result || ''`, refs[i])); r != want {
				t.Errorf("bulk claim of %s: %q, want %q (report %q)", refs[i], r, want, b.text("#bulk-report"))
			}
		}
		// The unassigned view now holds only the fourth.
		if got := b.eval(`[...document.querySelectorAll('#queue-list .qrow')].map(r => r.dataset.ref).join(',')`); got != refs[3] {
			t.Errorf("unassigned after the claim = %s, want %s", got, refs[3])
		}
		b.check("queue-bulk", "#bulk-report")
		me := env.MustDo(t, reviewer, `{ me { id } }`, nil)["me"].(map[string]any)["id"]
		for i, id := range ids[:2] {
			if a := env.MustDo(t, reviewer, `query($id: ID!) { complaint(id: $id) { assigneeId } }`, map[string]any{"id": id})["complaint"].(map[string]any)["assigneeId"]; a != me {
				t.Errorf("complaint %d assigned to %v, want the reviewer %v", i, a, me)
			}
		}
		// A reference typed into the search opens that complaint.
		b.do("the whole queue again", chromedp.Navigate(env.URL+"/#/queue"))
		b.waitJS("the whole queue", `document.querySelector('#queue-list')?.dataset.filter === '' && !document.querySelector('#bulk-report')`)
		b.set("#q-text", strings.ToLower(refs[3]))
		b.do("go", chromedp.Click(chromedp.CSS("#queue-filter button[type=submit]")))
		b.waitJS("the complaint", fmt.Sprintf(`location.hash === %q && document.querySelector('#complaint .ref.big')?.textContent === %q`, "#/c/"+refs[3], refs[3]))
		b.clean()
	})

	t.Run("ReviewerQueueOnAPhone", func(t *testing.T) {
		// A complaint of the reviewer's own for "my open" (not one of the four ReviewerQueue works), so
		// that this runs alone as well.
		d := env.MustDo(t, complainant, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "CONSUMER_LOAN",
			"lenderName": "手机队列贷", "narrative": "催收员每天打十几个电话，还说要找我单位领导。", "violations": []string{"EXCESSIVE_CONTACT"}}})
		own := d["fileComplaint"].(map[string]any)["id"].(string)
		waitStatus(t, env, complainant, own, "IN_TRIAGE")
		env.MustDo(t, reviewer, `mutation($id: ID!) { claimComplaint(id: $id) { id } }`, map[string]any{"id": own})
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("reviewer@redline.demo", "#queue-list")
		// Every entry of the top navigation is on screen, sign-out included, and nothing scrolls sideways.
		if off := b.eval(`[...document.querySelectorAll('#nav > *')].filter(e => { const r = e.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > window.innerWidth }).map(e => e.textContent.trim()).join('|')`); off != "" {
			t.Errorf("navigation entries cut off at 360 px: %q", off)
		}
		if w := b.eval(`[document.querySelector('#nav').scrollWidth <= document.querySelector('#nav').clientWidth, document.documentElement.scrollWidth].join(',')`); w != "true,360" {
			t.Errorf("the navigation scrolls sideways at 360 px (nav fits, page width) = %s", w)
		}
		// Paging keeps its place: page 2 survives a reload, and "previous" returns to page 1.
		refsShown := `[...document.querySelectorAll('#queue-list .qrow')].map(r => r.dataset.ref).join(',')`
		b.set("#q-n", "5")
		b.waitJS("five a page", `document.querySelector('#queue-list')?.dataset.filter === 'n=5' && document.querySelectorAll('#queue-list .qrow').length === 5`)
		first := b.eval(refsShown)
		b.do("next page", chromedp.Click(chromedp.CSS("#next")))
		b.waitJS("page 2", `/[?&]p=2(&|$)/.test(location.hash) && /第 2 页/.test(document.querySelector('#queue-count').textContent)`)
		second := b.eval(refsShown)
		if second == "" || strings.Contains(first, strings.Split(second, ",")[0]) {
			t.Fatalf("page 2 %q repeats page 1 %q", second, first)
		}
		b.do("reload", chromedp.Reload())
		b.waitJS("page 2 again", `/第 2 页/.test(document.querySelector('#queue-count')?.textContent || '') && document.querySelector('#q-n').value === '5'`)
		if again := b.eval(refsShown); again != second {
			t.Errorf("page 2 after a reload = %q, want %q", again, second)
		}
		b.do("previous page", chromedp.Click(chromedp.CSS("#prev")))
		b.waitJS("page 1", `/第 1 页/.test(document.querySelector('#queue-count').textContent) && !/[?&]p=/.test(location.hash)`)
		if back := b.eval(refsShown); back != first {
			t.Errorf("page 1 again = %q, want %q", back, first)
		}
		b.do("my open", chromedp.Click(chromedp.CSS(`#builtin-views a[data-view="mine"]`)))
		b.waitJS("my open complaints", `document.querySelector('#queue-list')?.dataset.filter === 'assignee=me&sort=DUE_DATE'`)
		// Keyboard: the checkboxes and links are reachable with Tab.
		b.waitJS("the reviewer's own complaint", `document.querySelectorAll('#queue-list .qrow').length > 0`)
		if n := b.eval(`String([...document.querySelectorAll('#queue-list .q-pick, #queue-list a.case')].filter(e => e.tabIndex >= 0).length)`); n == "0" {
			t.Error("no focusable rows")
		}
		b.check("queue-mine")
		// The institution type-ahead: a name found by institutions(search) filters by that institution's id.
		b.do("more filters", chromedp.Click(chromedp.CSS("#queue-filter details.more summary")))
		b.set("#q-inst", "招行")
		b.waitJS("suggestions", `[...document.querySelectorAll('#q-inst-list option')].some(o => o.value === '招商银行信用卡中心')`)
		b.set("#q-inst", "招商银行信用卡中心")
		b.waitJS("the institution picked", `/^\d+$/.test(document.querySelector('#queue-filter [name=inst]').value)`)
		b.do("filter", chromedp.Click(chromedp.CSS("#queue-filter button[type=submit]")))
		b.waitJS("the institution's complaints", `/(^|&)inst=\d+/.test(document.querySelector('#queue-list')?.dataset.filter || '') &&
			document.querySelector('#q-inst').value === '招商银行信用卡中心'`)
		if rows := b.eval(`[...document.querySelectorAll('#queue-list .qrow .case-main')].map(e => e.textContent).join('|')`); rows != "" && !strings.Contains(rows, "招行") {
			t.Errorf("the institution's complaints: %q", rows)
		}
		b.clean()
	})

	// An extension request awaiting a supervisor, and a spike alert.
	lender := env.MustDo(t, agent, `{ me { institutionId } }`, nil)["me"].(map[string]any)["institutionId"].(string)
	lenderID, _ := strconv.ParseInt(lender, 10, 64)
	env.MustDo(t, reviewer, `mutation($id: ID!, $l: ID) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { status } }`, map[string]any{"id": ids[3], "l": lender})
	ext := `mutation($id: ID!, $d: Int!) { requestExtension(id: $id, days: $d, reason: "需要调取全部通话录音，核查外包催收机构") { status } }`
	env.MustDo(t, agent, ext, map[string]any{"id": ids[3], "d": 30})
	if s := env.MustDo(t, agent, ext, map[string]any{"id": ids[3], "d": 60})["requestExtension"].(map[string]any)["status"]; s != "PENDING" {
		t.Fatalf("the 60-day request is %v", s)
	}
	alertID := uuid.NewString()
	if err := env.App.DB.Gorm.Exec(`INSERT INTO stats_alerts (id, kind, institution_id, week_start, observed, baseline, statistic, raised_at)
		VALUES (?, 'SPIKE', ?, date_trunc('week', now())::date, 14, 2.5, 7.3, now())`, alertID, lenderID).Error; err != nil {
		t.Fatal(err)
	}

	t.Run("SupervisorDecidesAndAcknowledges", func(t *testing.T) {
		b := newBrowser(t, env.URL, 390, 844)
		b.signIn("supervisor@redline.demo", "#queue-list")
		b.do("open supervision", chromedp.Click(chromedp.CSS(`#nav a[href="#/supervise"]`)), chromedp.WaitVisible(chromedp.CSS("#extensions")))
		form := fmt.Sprintf(`.ext-form[data-ref=%q]`, refs[3])
		if s := b.text(fmt.Sprintf(`.ext-item[data-ref=%q]`, refs[3])); !strings.Contains(s, "60") || !strings.Contains(s, "通话录音") {
			t.Errorf("extension request shown as %q", s)
		}
		if s := b.text("#team-load"); !strings.Contains(s, "华东投诉处理组") || strings.Contains(s, "east") || !strings.Contains(s, "李审核") {
			t.Errorf("team load = %q", s)
		}
		b.check("supervise")
		// Refusing needs a reason.
		b.do("refuse without a reason", chromedp.Click(chromedp.CSS(form+` button[value=refuse]`)))
		b.waitJS("the reason asked for", fmt.Sprintf(`!document.querySelector('%s .field-error').hidden`, form))
		b.do("approve with a reason", chromedp.SendKeys(chromedp.CSS(form+" textarea"), "案情复杂，同意延期"),
			chromedp.Click(chromedp.CSS(form+` button[value=approve]`)))
		b.waitJS("the request decided", fmt.Sprintf(`!!document.querySelector('#extensions') && !document.querySelector('.ext-item[data-ref=%q]')`, refs[3]))
		xs := env.MustDo(t, supervisor, `query($id: ID!) { complaint(id: $id) { extensions { status decisionReason } } }`, map[string]any{"id": ids[3]})["complaint"].(map[string]any)["extensions"].([]any)
		if last := xs[len(xs)-1].(map[string]any); last["status"] != "APPROVED" || last["decisionReason"] != "案情复杂，同意延期" {
			t.Errorf("extensions after the decision: %v", xs)
		}
		b.do("acknowledge the alert", chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`.ack-form[data-id=%q] input`, alertID)), "已约谈该机构"),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`.ack-form[data-id=%q] button`, alertID))))
		b.waitJS("the alert acknowledged", fmt.Sprintf(`!!document.querySelector('#alerts') && !document.querySelector('[data-alert=%q]')`, alertID))
		var note string
		env.App.DB.Gorm.Raw(`SELECT note FROM stats_alerts WHERE id = ? AND acknowledged_at IS NOT NULL`, alertID).Scan(&note)
		if note != "已约谈该机构" {
			t.Errorf("the alert's note = %q", note)
		}
		b.check("supervise-done")
		// The overdue list shows the first 20 of them: a link opens them all in the queue's overdue view.
		if n := b.eval(`document.querySelector('#breaches .view-count').dataset.count`); n == "0" {
			t.Fatal("no overdue complaint to list")
		}
		b.do("see all overdue", chromedp.Click(chromedp.CSS("#breaches-all")))
		b.waitJS("the queue's overdue view", `document.querySelector('#queue-list')?.dataset.filter === 'due=overdue&sort=DUE_DATE' &&
			document.querySelector('#builtin-views a[data-view="overdue"]')?.getAttribute('aria-current') === 'true'`)
	})
}

// waitStatus waits for the worker to move a complaint to status.
func waitStatus(t *testing.T, env *apptest.Env, token, id, status string) {
	t.Helper()
	deadline := time.Now().Add(apptest.Patience)
	for {
		d := env.MustDo(t, token, `query($id: ID!) { complaint(id: $id) { status } }`, map[string]any{"id": id})
		if c := d["complaint"].(map[string]any); c["status"] == status {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("complaint %s never reached %s", id, status)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
