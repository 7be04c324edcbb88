package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk30Mend holds the mends of a review of session 30's walk (TestWebWalk30): the
// institution's extension outcome on the clock's own calendar and of the current forwarding only,
// and the rule packs' job list that no longer takes the keyboard focus away every 2 s. Each
// subtest runs alone (go test -run 'TestWebWalk30Mend/X').
func TestWebWalk30Mend(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// The outcome wrote the answer's due day in China time while the countdown above it wrote the
	// clock's own calendar's: on a US clock, due at 23:59:59 in New York, "请在 X 前答复" named the day
	// after the countdown's. And it took the latest decision of every forwarding: once the complaint
	// was forwarded again, the first round's refusal stood beside the new round's clock.
	t.Run("OutcomeOnTheClocksCalendarAndRound", func(t *testing.T) {
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		ref := forwardedToTheDemoLender(t, env)
		complaint := func() map[string]any {
			return env.MustDo(t, agent, `query($r: ID!) { complaint(id: $r) { id nextExtension { days } } }`, map[string]any{"r": ref})["complaint"].(map[string]any)
		}
		id := complaint()["id"].(string)
		for _, why := range []string{"需调取外包催收机构的全部通话录音", "录音涉及三家外包机构，需逐一核实"} {
			days := complaint()["nextExtension"].(map[string]any)["days"]
			env.MustDo(t, agent, `mutation($id: ID!, $d: Int!, $r: String!) { requestExtension(id: $id, days: $d, reason: $r) { status } }`, map[string]any{"id": id, "d": days, "r": why})
		}
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, sup, `mutation($id: ID!) { decideExtension(id: $id, approve: false, reason: "录音调取不需要额外时间") { status } }`, map[string]any{"id": id})

		// A US clock, due at the end of a day in New York (the next day in China time).
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Fatal(err)
		}
		d := time.Now().In(ny).AddDate(0, 0, 5)
		due := time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, ny)
		for _, q := range []string{
			`UPDATE complaint_deadlines SET jurisdiction = 'US' WHERE complaint_id = (SELECT id FROM complaints WHERE reference = ?)`,
			`UPDATE complaint_deadlines SET due_at = '` + due.Format(time.RFC3339) + `' WHERE kind = 'INSTITUTION_RESPONSE' AND state = 'OPEN' AND complaint_id = (SELECT id FROM complaints WHERE reference = ?)`,
		} {
			if err := env.App.DB.Gorm.Exec(q, ref).Error; err != nil {
				t.Fatal(err)
			}
		}
		dueZh := fmt.Sprintf("%d年%d月%d日", due.Year(), due.Month(), due.Day())
		a := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#respond")
		outcome := `document.querySelector('#extension-outcome')?.textContent || ''`
		if got, countdown := a.eval(outcome), a.text("#respond .countdown time"); !strings.HasPrefix(countdown, dueZh) || !strings.Contains(got, "请在 "+dueZh) {
			t.Errorf("on a US clock due %s the countdown reads %q and the outcome %q", dueZh, countdown, got)
		}

		// Forwarded again (as after a reopening): the first round's refusal is not this round's.
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET forwarded_at = now() WHERE reference = ?`, ref).Error; err != nil {
			t.Fatal(err)
		}
		a.do("open it again", chromedp.Navigate(env.URL+"/#/inbox"), chromedp.WaitVisible(chromedp.CSS("#inbox-list")),
			chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#respond")))
		if got := a.eval(outcome); got != "" {
			t.Errorf("forwarded again, the page reads the first round's decision: %q", got)
		}
		if got := a.eval(`document.querySelector('#no-extension')?.textContent || ''`); strings.Contains(got, "已延长至") {
			t.Errorf("forwarded again, the page counts the first round's extension: %q", got)
		}
		a.accessible("a forwarded-again complaint with an earlier round's extensions")
		a.clean()
	})

	// While a reassessment was queued or running the job list (a region taking the keyboard focus)
	// was drawn anew every 2 s though nothing had changed: the focus fell back to the page's start.
	// It stays where it is over several looks, and in the region when the job ends.
	t.Run("JobListKeepsTheFocus", func(t *testing.T) {
		var job string
		if err := env.App.DB.Gorm.Raw(`INSERT INTO rule_reassessments (id, since, state, reason, created_at, updated_at)
			VALUES (gen_random_uuid(), now() - interval '1 day', 'QUEUED', 'walkmend', now(), now()) RETURNING id::text`).Scan(&job).Error; err != nil {
			t.Fatal(err)
		}
		defer env.App.DB.Gorm.Exec(`DELETE FROM rule_reassessments WHERE id = ?`, job)
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the rule packs", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS(`#reassess-jobs tr[data-job="`+job+`"]`)))
		b.eval(`(window.__region = document.querySelector('#reassess-list .table-wrap'), window.__region.focus(), '')`)
		b.do("wait more than two looks", chromedp.Sleep(5*time.Second))
		if got := b.eval(`document.activeElement === window.__region ? 'kept' : (document.activeElement?.tagName || '') + '#' + (document.activeElement?.id || '')`); got != "kept" {
			t.Errorf("after two looks at a queued job the focus is on %q, not the job list", got)
		}
		if err := env.App.DB.Gorm.Exec(`UPDATE rule_reassessments SET state = 'DONE', changed = 2, unchanged = 3, finished_at = now(), updated_at = now() WHERE id = ?`, job).Error; err != nil {
			t.Fatal(err)
		}
		b.waitJS("the job's end drawn", `document.querySelector('#reassess-jobs tr[data-job="`+job+`"]')?.dataset.state === 'DONE'`)
		if got := b.eval(`document.activeElement?.matches('#reassess-list .table-wrap') ? 'kept' : document.activeElement?.tagName || ''`); got != "kept" {
			t.Errorf("once the job ended the focus is on %q, not the job list", got)
		}
		b.waitJS("the end announced", `/重新评估已完成：2 件投诉有变化，3 件无变化/.test(document.querySelector('#announcer')?.textContent || '')`)
		b.clean()
	})
}
