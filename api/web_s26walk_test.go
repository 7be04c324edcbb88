package api_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk26 holds what session 26's walk (every role on the demo data, zh then en, 360 px and
// desktop, axe-core) found. Each subtest signs in on a browser of its own, so each runs alone
// (go test -run 'TestWebWalk26/X'); DemoShowsEveryStatus, which adds the demo trail, runs last.
func TestWebWalk26(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// A forwarded complaint told the borrower "机构须在 15 日内答复" whatever the deadline policy in
	// force, and one in triage "7 个工作日内": the status line names the day the clock ends, as the
	// deadline list below it does, and how long is left, in both languages.
	t.Run("StatusLineNamesTheRealDeadline", func(t *testing.T) {
		for _, k := range []struct {
			status, kind string
			zh, en       *regexp.Regexp
		}{
			{"FORWARDED", "INSTITUTION_RESPONSE", regexp.MustCompile(`机构须在 (20\d\d年\d{1,2}月\d{1,2}日\S*) 前答复（还剩 \d+ (天|小时)）`), regexp.MustCompile(`must answer by .*20\d\d.* \(\d+ (days?|hours?) left\)`)},
			{"IN_TRIAGE", "ACCEPTANCE", regexp.MustCompile(`将在 (20\d\d年\d{1,2}月\d{1,2}日\S*) 前（还剩 \d+ (天|小时)）决定`), regexp.MustCompile(`decides by .*20\d\d.* \(\d+ (days?|hours?) left\)`)},
		} {
			var ref string
			env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
				WHERE c.status = ? AND d.kind = ? AND d.state = 'OPEN' AND d.paused_at IS NULL AND d.due_at > now() + interval '2 days'
				AND NOT EXISTS (SELECT 1 FROM complaint_deadlines o WHERE o.complaint_id = c.id AND o.kind = d.kind AND o.id <> d.id)
				ORDER BY c.reference LIMIT 1`, k.status, k.kind).Scan(&ref)
			if ref == "" {
				t.Fatalf("no demo complaint %s with its %s clock running", k.status, k.kind)
			}
			giveToComplainant(t, env, ref)
			b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#complaint .status-help")
			got := b.text("#complaint .status-help")
			m := k.zh.FindStringSubmatch(got)
			listed := b.text(`#complaint .deadlines li[data-kind="` + k.kind + `"] time`)
			if m == nil || strings.Contains(got, "15 日内") || strings.Contains(got, "7 个工作日内") || !strings.HasPrefix(listed, m[1]) {
				t.Errorf("%s: the status line reads %q (the clock listed: %q)", k.status, got, listed)
			}
			b.accessible("a complaint " + k.status + " on a phone")
			b.toEnglish()
			b.waitJS("the line in English", `!/[\u3400-\u9fff]/.test(document.querySelector('#complaint .status-help')?.textContent || '')`)
			if got := b.text("#complaint .status-help"); !k.en.MatchString(got) || strings.Contains(got, "within 15") || strings.Contains(got, "7 working days") || isoDay.MatchString(got) {
				t.Errorf("%s: the English status line reads %q", k.status, got)
			}
			b.clean()
		}
	})

	// An institution's agent on a closed complaint's page read "← 待答复投诉", a link to the list of
	// complaints still to answer, which does not hold it: the link goes to the inbox view that
	// lists the complaint, by its name.
	t.Run("InstitutionCaseLinksBackToItsOwnList", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN institutions i ON i.id = c.lender_id
			WHERE i.name = ? AND c.status = 'CLOSED' AND c.forwarded_at IS NOT NULL ORDER BY c.reference LIMIT 1`, demoLender).Scan(&ref)
		if ref == "" {
			t.Fatal("no closed demo complaint of the demo agent's institution")
		}
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#complaint .crumbs a")
		if href, text := b.eval(`document.querySelector('#complaint .crumbs a').getAttribute('href')`), b.text("#complaint .crumbs a"); href != "#/inbox?view=closed" || !strings.Contains(text, "已办结") {
			t.Errorf("a closed complaint's page links back to %s %q", href, text)
		}
		b.do("back to the list", chromedp.Click(chromedp.CSS("#complaint .crumbs a")))
		b.waitJS("the closed complaints listed", `/view=closed/.test(location.hash) && !!document.querySelector('#inbox-list')`)
		b.accessible("the closed complaints on a phone")
		b.do("open "+ref+" again", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#complaint .crumbs a")))
		b.toEnglish()
		if text := b.text("#complaint .crumbs a"); !strings.Contains(text, "Closed complaints") {
			t.Errorf("the English link back reads %q", text)
		}
		b.clean()
	})

	// The case pages named the provisional clock's year (and showed its date) in China time: a US
	// clock due 31 December 2027 at 23:59:59 in New York read "1 January 2028" and "no 2028
	// holidays", though the calendar lacks 2027's. The server says the year the count lacked
	// (Deadline.provisionalYear) and the due day on the clock's own calendar (Deadline.dueDate).
	t.Run("ProvisionalYearIsTheServersOnTheClocksCalendar", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
			WHERE c.status = 'FORWARDED' AND d.kind = 'INSTITUTION_RESPONSE' AND d.state = 'OPEN' AND d.paused_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM complaint_deadlines o WHERE o.complaint_id = c.id AND o.kind = d.kind AND o.id <> d.id)
			ORDER BY c.reference DESC LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no forwarded demo complaint")
		}
		if err := env.App.DB.Gorm.Exec(`UPDATE complaint_deadlines SET jurisdiction = 'US', provisional = true, started_at = '2026-12-01 09:00:00-05',
			due_at = '2027-12-31 23:59:59 America/New_York' WHERE kind = 'INSTITUTION_RESPONSE' AND state = 'OPEN'
			AND complaint_id = (SELECT id FROM complaints WHERE reference = ?)`, ref).Error; err != nil {
			t.Fatal(err)
		}
		giveToComplainant(t, env, ref)
		for _, who := range []struct {
			email string
			width int
		}{{"complainant@redline.demo", 360}, {"supervisor@redline.demo", 1280}} {
			b := newBrowser(t, env.URL, who.width, 900)
			b.signIn(who.email, "#nav .who")
			b.do("open "+ref, chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("main h1")))
			b.within("the provisional mark", apptest.Patience, chromedp.WaitVisible(chromedp.CSS(`.deadlines [data-provisional]`)))
			year := b.eval(`document.querySelector('.deadlines [data-provisional]').dataset.provisional`)
			mark := b.text(`.deadlines [data-provisional]`)
			due := b.text(`.deadlines li[data-kind="INSTITUTION_RESPONSE"] time`)
			if year != "2027" || !strings.Contains(mark, "2027 年") || !strings.HasPrefix(due, "2027年12月31日") {
				t.Errorf("%s reads the US clock due 2027-12-31 as %q, provisional for %s: %q", who.email, due, year, mark)
			}
			b.accessible("a provisional US clock for " + who.email)
			b.toEnglish()
			b.waitJS("the mark in English", `/Provisional: the calendar has no 2027 /.test(document.querySelector('.deadlines [data-provisional]')?.textContent || '')`)
			if got := b.text(`.deadlines li[data-kind="INSTITUTION_RESPONSE"] time`); !strings.Contains(got, "31 December 2027") {
				t.Errorf("%s reads the due day in English as %q", who.email, got)
			}
			b.clean()
		}
	})

	// A disputed complaint read only "对答复有异议" to the lender's agent, who could not tell whether
	// anything was now asked of the institution, and "监管人员将进一步处理" to the borrower, with
	// nothing of what comes next: both say it, in both languages.
	t.Run("DisputeSaysWhatComesNext", func(t *testing.T) {
		ref, _ := confirmedWithPhrases(t, env)
		env.MustDo(t, env.Login(t, "agent@redline.demo", app.DemoPassword), `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_EXPLANATION,
			explanation: "经核查，催收人员按规定联系借款人本人，未发现违规。"}) { id } }`, map[string]any{"id": ref})
		giveToComplainant(t, env, ref)
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		env.MustDo(t, owner, `mutation($id: ID!) { submitFeedback(id: $id, decision: DISPUTE, satisfaction: 1, comment: "还在打电话") { status } }`, map[string]any{"id": ref})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#complaint .status-help")
		if got := b.text("#complaint .status-help"); !strings.Contains(got, "通知您") || !strings.Contains(got, "补充证据") {
			t.Errorf("the borrower's line on a disputed complaint reads %q", got)
		}
		b.toEnglish()
		b.waitJS("the line in English", `/told the outcome/.test(document.querySelector('#complaint .status-help')?.textContent || '')`)
		b.clean()
		a := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#complaint h1")
		a.within("the institution's line", apptest.Patience, chromedp.WaitVisible(chromedp.CSS("#institution-help")))
		if got := a.text("#institution-help"); !strings.Contains(got, "异议") || !strings.Contains(got, "无需") {
			t.Errorf("the agent's line on a disputed complaint reads %q", got)
		}
		a.accessible("a disputed complaint to its lender's agent")
		a.toEnglish()
		a.waitJS("the agent's line in English", `/Nothing is asked of your institution/.test(document.querySelector('#institution-help')?.textContent || '')`)
		a.clean()
	})

	// The admin's calendars and deadline policies page in English named the laws in Chinese
	// ("消费者权益保护法 art. 46") and a decree's day as 2024-11-10: the built-in documents' English
	// texts name them in English and write the day out.
	t.Run("DeadlineSourcesReadInEnglish", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("the deadlines page", chromedp.Navigate(env.URL+"/#/admin/deadlines"), chromedp.WaitVisible(chromedp.CSS("[data-basis]")))
		b.toEnglish()
		b.waitJS("the page in English", `/Deadline policy/.test(document.querySelector('main').textContent)`)
		if got := b.eval(unmarkedChinese("main")); got != "" {
			t.Errorf("Chinese on the English deadlines page: %s", got)
		}
		if got := isoDay.FindAllString(b.eval(`document.querySelector('main').innerText`), -1); len(got) > 0 {
			t.Errorf("ISO days on the English deadlines page: %v", got)
		}
		b.onPhone("the deadlines page in English")
		b.clean()
	})

	// The reviewer's forward form said "机构须在 15 日内答复" whatever the deadline policy in force:
	// after an admin publishes 20 days, it says 20, in both languages.
	t.Run("ForwardFormSaysThePolicysDays", func(t *testing.T) {
		admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
		var doc map[string]any
		if err := json.Unmarshal([]byte(env.MustDo(t, admin, `{ deadlineRules(jurisdiction: CN) { policy } }`, nil)["deadlineRules"].(map[string]any)["policy"].(string)), &doc); err != nil {
			t.Fatal(err)
		}
		stages := doc["clocks"].(map[string]any)["INSTITUTION_RESPONSE"].(map[string]any)["stages"].([]any)
		for i, d := range []int{20, 40, 60} {
			stages[i].(map[string]any)["days"] = d
		}
		policy, _ := json.Marshal(doc)
		env.MustDo(t, admin, `mutation($d: String!) { updateDeadlinePolicy(jurisdiction: CN, document: $d, reason: "依据监管通知调整答复时限") { policyRevision } }`, map[string]any{"d": string(policy)})
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'IN_TRIAGE' ORDER BY reference DESC LIMIT 1`).Scan(&ref)
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("open "+ref, chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`#actions [data-act="FORWARDED"]`)))
		b.do("the forward form", chromedp.Click(chromedp.CSS(`#actions [data-act="FORWARDED"]`)))
		b.within("the answer time", apptest.Patience, chromedp.WaitVisible(chromedp.CSS("#forward-answer-time")))
		if got := b.text("#forward-answer-time"); !strings.Contains(got, "20 日内") {
			t.Errorf("the forward form reads %q under a 20-day policy", got)
		}
		b.onPhone("the forward form")
		b.clean()
	})

	// The demo data had no complaint awaiting the borrower's information, referred to the police or
	// disputed, so those pages were walked only by the tests that made them. The demo trail
	// (`redline dev`, `redline seed --demo`) leaves one of each, the demo complainant's, in the east
	// team's queue (the demo reviewer's); the disputed one was answered by the demo agent.
	t.Run("DemoShowsEveryStatus", func(t *testing.T) {
		if err := env.App.SeedDemoTrail(context.Background()); err != nil {
			t.Fatal(err)
		}
		var refs []struct{ Reference, Status string }
		env.App.DB.Gorm.Raw(`SELECT reference, status FROM complaints WHERE status IN ('NEEDS_INFORMATION', 'REFERRED', 'DISPUTED') AND team = 'east'
			AND complainant_id = (SELECT id FROM users WHERE email = 'complainant@redline.demo') ORDER BY status`).Scan(&refs)
		byStatus := map[string]string{}
		for _, r := range refs {
			byStatus[r.Status] = r.Reference
		}
		if len(byStatus) != 3 {
			t.Fatalf("the demo complainant's complaints in those states: %v", refs)
		}
		b := phoneAt(t, env, "complainant@redline.demo", "/mine", "#mine-title")
		b.waitJS("the three listed", `['`+byStatus["NEEDS_INFORMATION"]+`', '`+byStatus["REFERRED"]+`', '`+byStatus["DISPUTED"]+`'].every((r) => document.querySelector('main').textContent.includes(r))`)
		b.accessible("my complaints with every status")
		for _, k := range [][2]string{{"NEEDS_INFORMATION", "#info-request #provide"}, {"REFERRED", `#decision[data-referred="POLICE"]`}, {"DISPUTED", "#complaint .status-help"}} {
			status, ref := k[0], byStatus[k[0]]
			b.do("open "+status, chromedp.Navigate(env.URL+"/#/c/"+ref))
			b.waitJS(ref+" drawn", `document.querySelector('#complaint .ref')?.textContent === '`+ref+`' && !!document.querySelector('`+strings.ReplaceAll(k[1], `"`, `\"`)+`')`)
			if got := b.eval(`document.querySelector('#complaint').dataset.status`); got != status {
				t.Errorf("%s reads as %s", ref, got)
			}
			if status == "REFERRED" {
				if got := b.text(`#decision`); !strings.Contains(got, "110") {
					t.Errorf("the referral to the police reads %q", got)
				}
			}
			b.accessible("the demo complaint " + status + " on a phone")
		}
		b.clean()
		a := phoneAt(t, env, "agent@redline.demo", "/inbox?view=answered", "#inbox-list")
		a.waitJS("the disputed complaint among the answered", `document.querySelector('#inbox-list').textContent.includes('`+byStatus["DISPUTED"]+`')`)
		a.clean()
	})
}
