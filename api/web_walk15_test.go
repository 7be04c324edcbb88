package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk15 holds what session 15's walk through every role's pages (redline dev with the demo
// data, zh and en, 360 and 1280 px) found: each subtest signs in on a browser of its own, so each
// runs alone (go test -run 'TestWebWalk15/X').
func TestWebWalk15(t *testing.T) {
	// More demo complaints than "my complaints" lists (100): the first subtest makes them all the
	// demo complainant's.
	env := startForBrowser(t, apptest.Options{Seed: 110, NoRelay: true})

	// "Find by reference" on my complaints filtered only the 100 complaints the page had loaded: an
	// older complaint's whole reference was "not found". It is looked up on the server.
	t.Run("FindsAnOlderComplaintByItsReference", func(t *testing.T) {
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET complainant_id = (SELECT id FROM users WHERE email = 'complainant@redline.demo')`).Error; err != nil {
			t.Fatal(err)
		}
		var oldest string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints ORDER BY created_at, id LIMIT 1`).Scan(&oldest)
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#f-find")
		if n := b.eval(`String(document.querySelectorAll('#mine-list a[data-ref]').length)`); n != "100" {
			t.Fatalf("my complaints lists %s complaints, want the first 100", n)
		}
		if b.eval(fmt.Sprintf(`String(!!document.querySelector('#mine-list a[data-ref=%q]'))`, oldest)) != "false" {
			t.Fatalf("the oldest complaint %s is among the 100 listed", oldest)
		}
		b.set("#f-find", strings.ToLower(oldest))
		b.waitJS("the older complaint found on the server", fmt.Sprintf(`!!document.querySelector('#find-remote a[data-ref=%q]')`, oldest))
		if got := b.text("#find-result"); got != "找到 1 件" {
			t.Errorf("the search says %q", got)
		}
		b.accessible("my complaints, an older one found")
		b.set("#f-find", "RL-2099-00000001")
		b.waitJS("not found", `(document.querySelector('#find-result')?.textContent || '').includes('没有找到')`)
		if got := b.eval(`String(document.querySelectorAll('#find-remote li, #mine-list li:not([hidden])').length)`); got != "0" {
			t.Errorf("%s complaints shown for a reference that does not exist", got)
		}
		// Part of a number matches only the listed complaints: the page says to type all of it.
		b.set("#f-find", "2099")
		if got := b.text("#find-result"); !strings.Contains(got, "完整编号") {
			t.Errorf("a part of a number not among the 100 reads %q", got)
		}
		b.clean()
	})

	// Answered complaints whose complainant let the feedback window run out stayed RESPONDED with
	// no list that showed them as done with: a built-in view of the queue counts and lists them,
	// and closes the ones picked; the case page says it may be closed.
	t.Run("LapsedFeedbackReadyToClose", func(t *testing.T) {
		var lapsed []string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'RESPONDED' AND feedback_decision IS NULL
			AND awaited_kind = 'FEEDBACK' AND awaited_due_at < now() ORDER BY awaited_due_at, created_at, id`).Scan(&lapsed)
		if len(lapsed) < 2 {
			t.Fatalf("%d demo complaints with a lapsed feedback window, want 2 or more", len(lapsed))
		}
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		n := env.MustDo(t, sup, `{ complaints(filter: {feedbackLapsed: true}) { totalCount } }`, nil)["complaints"].(map[string]any)["totalCount"]
		if n != float64(len(lapsed)) {
			t.Errorf("complaints(filter: {feedbackLapsed: true}) counts %v, want %d", n, len(lapsed))
		}
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#queue-list")
		b.waitJS("the view's count", `!!document.querySelector('[data-view="lapsed"] .view-count')`)
		if got := b.eval(`document.querySelector('[data-view="lapsed"] .view-count').dataset.count`); got != fmt.Sprint(len(lapsed)) {
			t.Errorf("the lapsed view counts %s, want %d", got, len(lapsed))
		}
		b.do("open the view", chromedp.Click(chromedp.CSS(`[data-view="lapsed"]`)))
		b.waitJS("the lapsed complaints", `document.querySelector('#queue-list')?.dataset.filter === 'due=lapsed&sort=DUE_DATE' && !!document.querySelector('#bulk-close')`)
		if got := b.eval(`[...document.querySelectorAll('#queue-list .qrow')].map((r) => r.dataset.ref).join(' ')`); got != strings.Join(lapsed[:min(20, len(lapsed))], " ") {
			t.Errorf("the view lists %q, want %q", got, strings.Join(lapsed, " "))
		}
		if h := b.text("#lapsed-hint"); !strings.Contains(h, "评价期限") {
			t.Errorf("the view's explanation reads %q", h)
		}
		b.accessible("the lapsed feedback view")
		b.do("the supervision page", chromedp.Navigate(env.URL+"/#/supervise"), chromedp.WaitVisible(chromedp.CSS("#lapsed .view-count")))
		if got := b.eval(`document.querySelector('#lapsed .view-count').dataset.count`); got != fmt.Sprint(len(lapsed)) {
			t.Errorf("the supervision page counts %s complaints whose feedback lapsed, want %d", got, len(lapsed))
		}
		b.do("back to the view", chromedp.Click(chromedp.CSS("#lapsed-all")))
		b.waitJS("the lapsed complaints", `document.querySelector('#queue-list')?.dataset.filter === 'due=lapsed&sort=DUE_DATE' && !!document.querySelector('#bulk-close')`)
		b.onPhone("the lapsed feedback view")
		b.do("pick the first and close it", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.qrow[data-ref=%q] .q-pick`, lapsed[0]))),
			chromedp.Click(chromedp.CSS("#bulk-close")))
		b.waitJS("the report", fmt.Sprintf(`document.querySelector('#bulk-report li[data-ref=%q]')?.dataset.result === 'ok'`, lapsed[0]))
		h := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { status history { action reason } } }`, map[string]any{"r": lapsed[0]})["complaint"].(map[string]any)
		if h["status"] != "CLOSED" || !strings.Contains(fmt.Sprint(h["history"]), "评价期限") {
			t.Errorf("after closing from the view %s is %v", lapsed[0], h)
		}
		// The case page of another says so, and closes it with the reason filled in.
		b.do("open another", chromedp.Navigate(env.URL+"/#/c/"+lapsed[1]), chromedp.WaitVisible(chromedp.CSS("#lapsed-note")))
		b.accessible("a case whose feedback window lapsed")
		b.do("close it", chromedp.Click(chromedp.CSS("#close-lapsed")), chromedp.WaitVisible(chromedp.CSS(`#action-form[data-action="CLOSED"]`)))
		if got := b.eval(`document.querySelector('#action-form #f-reason').value`); !strings.Contains(got, "评价期限") {
			t.Errorf("the close form's reason reads %q", got)
		}
		b.do("submit", chromedp.Click(chromedp.CSS("#action-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="CLOSED"]`)))
		b.clean()
	})

	// The case page gave the regulator's staff an institution's answer as "机构 2 · date" and its
	// explanation: not who answered, nor the relief given (the repayment plan, collection stopped),
	// which the complainant's page lists. Both are there.
	t.Run("StaffSeeWhoAnsweredAndTheRelief", func(t *testing.T) {
		var row struct{ Reference, Lender string }
		env.App.DB.Gorm.Raw(`SELECT c.reference, c.lender_name AS lender FROM complaints c JOIN complaint_responses r ON r.complaint_id = c.id
			WHERE r.institution_id = c.lender_id AND r.collection_stopped ORDER BY c.id LIMIT 1`).Scan(&row)
		if row.Reference == "" {
			t.Fatal("no demo answer from a lender that stopped collection")
		}
		b := phoneAt(t, env, "supervisor@redline.demo", "/c/"+row.Reference, "#answers .response")
		if got := b.text("#answers .response .answered-by"); got != row.Lender {
			t.Errorf("the answer is by %q, want the lender %q", got, row.Lender)
		}
		if got := b.text("#answers .relief"); !strings.Contains(got, "已停止催收联系") {
			t.Errorf("the answer's relief reads %q", got)
		}
		b.accessible("the case page's answers")
		b.clean()
	})

	// The institution's inbox stretched its "per page" select over the whole width, on its own line
	// under the CSV button, at 1280 px as on a phone: it sits beside its label.
	t.Run("InboxPerPageBesideItsLabel", func(t *testing.T) {
		cmb := demoLenderID(t, env)
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET recipients = array_append(recipients, ?) WHERE id IN
			(SELECT id FROM complaints WHERE status = 'FORWARDED' AND NOT recipients @> ARRAY[?]::bigint[] ORDER BY id LIMIT 2)`, cmb, cmb).Error; err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("agent@redline.demo", "#inbox-list a[data-ref]")
		if got := b.eval(`(() => { const s = document.querySelector('#inbox-n').getBoundingClientRect(), l = document.querySelector('label[for=inbox-n]').getBoundingClientRect();
			return s.width > 200 || Math.abs(s.top - l.top) > 20 ? Math.round(s.width) + ' px wide, ' + Math.round(s.top - l.top) + ' px below its label' : ''; })()`); got != "" {
			t.Errorf("the per-page select is %s", got)
		}
		b.onPhone("the inbox")
		b.clean()
	})

	// On the English "check a message" page the collector's message, drawn with its phrases
	// marked, was not marked as Chinese: a screen reader read it out in an English voice.
	t.Run("CheckedMessageMarkedChinese", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.do("open the check page", chromedp.Navigate(env.URL+"/#/check"), chromedp.WaitVisible(chromedp.CSS("#check-form textarea")))
		b.toEnglish()
		b.set("#check-form textarea", "你再不还钱，我们就把你欠款的事发给你通讯录里所有人，明天上门找你家人。")
		b.waitJS("the analysis", `!!document.querySelector('#check-form .msg-report .findings')`)
		if got := b.eval(unmarkedChinese("#check-form")); got != "" {
			t.Errorf("Chinese on the English check page not marked as such: %s", got)
		}
		b.accessible("the English check page with a message")
		b.clean()
	})
}
