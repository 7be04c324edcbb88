package api_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// clockTime is a time of day on a page (12:00).
var clockTime = regexp.MustCompile(`\d{1,2}:\d{2}`)

// TestWebWalk23 holds what session 23's walk (every role on the demo data, zh then en, 360 px and
// desktop, axe-core) found. Each subtest makes or picks its complaint and signs in on a browser of
// its own, so each runs alone (go test -run 'TestWebWalk23/X').
func TestWebWalk23(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})
	tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)

	// A complaint reopened with new facts listed its first round's clocks (the decision, the
	// institution's answer, the feedback, all met) above its new decision clock under the same
	// names, and its status line read "审核人员将在 7 个工作日内决定" as for a new complaint: not that
	// it was reopened nor by which day the new decision is due. The page says so, with the date and
	// the days left, lists the new clock first and folds the first round's under its own name.
	t.Run("ReopenedComplaintNamesItsNewClocks", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c WHERE c.status = 'CLOSED' AND c.merged_into IS NULL
			AND EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.complaint_id = c.id AND d.state <> 'CANCELLED')
			ORDER BY c.id DESC LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo data has no closed complaint with clocks")
		}
		giveToComplainant(t, env, ref)
		env.App.DB.Gorm.Exec(`UPDATE complaints SET closed_at = now() - interval '5 days' WHERE reference = ?`, ref)
		env.MustDo(t, tok, `mutation($id: ID!) { reopenComplaint(id: $id, reason: "催收员上周又打电话到我单位，威胁要上门。") { status } }`, map[string]any{"id": ref})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, `#complaint[data-status="IN_TRIAGE"]`)
		if got := b.text(".status-help"); !strings.Contains(got, "重新处理") || !strings.Contains(got, "还剩") || !strings.Contains(got, "年") {
			t.Errorf("a reopened complaint's status line reads %q, want the reopening, the new decision's date and the days left", got)
		}
		if got := b.eval(`[...document.querySelectorAll('#complaint ul.deadlines[data-round="current"] li')].map((e) => e.dataset.kind).join(',')`); got != "ACCEPTANCE" {
			t.Errorf("the clocks since the reopening are %q, want the new decision clock alone", got)
		}
		if got := b.text("#complaint details.dl-earlier summary"); !strings.Contains(got, "重新处理前") {
			t.Errorf("the first round's clocks are not set apart: %q", got)
		}
		b.accessible("a reopened complaint on a phone")
		b.toEnglish()
		b.waitJS("the status line in English", `/reopened/.test(document.querySelector('.status-help')?.textContent || '')`)
		if got := b.text(".status-help"); !strings.Contains(got, "left") {
			t.Errorf("the English status line reads %q", got)
		}
		if got := b.eval(unmarkedChinese("#complaint .case-head")); got != "" {
			t.Errorf("Chinese in the English clocks: %s", got)
		}
		b.clean()
		// The reviewer's page sets the rounds apart the same way.
		s := newBrowser(t, env.URL, 1280, 900)
		s.signIn("supervisor@redline.demo", "#nav .who")
		s.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("main h1")))
		s.waitJS("the clocks", `!!document.querySelector('.case-head ul.deadlines')`)
		if got := s.eval(`[...document.querySelectorAll('.case-head ul.deadlines[data-round="current"] li')].map((e) => e.dataset.kind).join(',')`); got != "ACCEPTANCE" {
			t.Errorf("the reviewer's clocks since the reopening are %q", got)
		}
		s.clean()
	})

	// A complaint the complainant reopened and the regulator forwarded again found, on the
	// institution's page, the first round's answer and met clock: the answer form was gone and the
	// agent could not answer at all. Once answered again, the complainant's page found the first
	// round's "您已接受答复" and offered no way to judge the new answer (the server takes both).
	t.Run("ReforwardedComplaintIsAnsweredAndJudgedAgain", func(t *testing.T) {
		var inst int64
		env.App.DB.Gorm.Raw(`SELECT institution_id FROM users WHERE email = 'agent@redline.demo'`).Scan(&inst)
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints c WHERE status = 'CLOSED' AND merged_into IS NULL AND feedback_decision IS NOT NULL
			AND recipients = ARRAY[?]::bigint[] AND lender_id = ?
			AND EXISTS (SELECT 1 FROM complaint_responses r WHERE r.complaint_id = c.id AND r.institution_id = ?) ORDER BY id DESC LIMIT 1`, inst, inst, inst).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo data has no closed complaint answered by the agent's institution alone")
		}
		giveToComplainant(t, env, ref)
		env.App.DB.Gorm.Exec(`UPDATE complaints SET closed_at = now() - interval '5 days' WHERE reference = ?`, ref)
		env.MustDo(t, tok, `mutation($id: ID!) { reopenComplaint(id: $id, reason: "机构答复后催收员仍然每天打电话。") { status } }`, map[string]any{"id": ref})
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, sup, `mutation($id: ID!, $l: ID) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { status } }`, map[string]any{"id": ref, "l": fmt.Sprint(inst)})
		a := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, `#complaint[data-status="FORWARDED"]`)
		if a.eval(`String(!!document.querySelector('#respond form, #respond'))`) != "true" {
			t.Fatalf("the institution's page of a complaint forwarded again offers no answer: %.400q", a.text("#complaint .case-head"))
		}
		if got := a.text("#respond"); !strings.Contains(got, "还剩") || strings.Contains(got, "已按期完成") {
			t.Errorf("the answer form reads %.300q, want the new clock's days left", got)
		}
		a.accessible("the institution's page of a complaint forwarded again")
		// Its inbox row read "答复于" the first round's answer among the complaints still to answer.
		a.do("open the inbox", chromedp.Navigate(env.URL+"/#/inbox"), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
		row := a.eval(`document.querySelector('#inbox-list a[data-ref="` + ref + `"]')?.textContent || 'missing'`)
		if strings.Contains(row, "答复于") || row == "missing" || !strings.Contains(row, "还剩") {
			t.Errorf("the inbox row of the complaint forwarded again reads %q", row)
		}
		a.clean()
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		env.MustDo(t, agent, `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_EXPLANATION,
			explanation: "已再次核查并要求催收员停止联系。"}) { id } }`, map[string]any{"id": ref})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, `#complaint[data-status="RESPONDED"]`)
		if b.eval(`String(!!document.querySelector('#feedback-form'))`) != "true" {
			t.Errorf("the complainant cannot judge the new answer: %.300q", b.text("#complaint"))
		}
		if got := b.eval(`document.querySelector('.feedback-given')?.textContent || ''`); got != "" {
			t.Errorf("the new answer shows the first round's judgement: %q", got)
		}
		b.toEnglish()
		b.waitJS("the form in English", `/Do you accept/.test(document.querySelector('#feedback')?.textContent || '')`)
		b.clean()
		// The regulator's page no longer reads the first round's judgement under the new answer.
		s := newBrowser(t, env.URL, 1280, 900)
		s.signIn("supervisor@redline.demo", "#nav .who")
		s.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		s.waitJS("the answers", `/已再次核查/.test(document.querySelector('main')?.textContent || '')`)
		if got := s.eval(`document.querySelector('.feedback-given')?.textContent || ''`); got != "" {
			t.Errorf("the reviewer reads the first round's judgement under the new answer: %q", got)
		}
		s.clean()
	})

	// An incident the complainant dated but gave no time for was sent as 12:00 and shown as "12:00"
	// to everyone, the rule engine's finding included ("…12:00 电话联系了借款人的父母"); one dated
	// today, filed before noon (a frightened borrower at night), was refused as in the future. The
	// day alone is sent, kept and shown.
	t.Run("IncidentWithoutTimeReadsAsADay", func(t *testing.T) {
		cst := time.FixedZone("CST", 8*3600)
		day := time.Now().In(cst).AddDate(0, 0, -2)
		today := time.Now().In(cst).Format(time.DateOnly)
		d := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "ONLINE_LOAN",
			"lenderName": "分期乐", "narrative": "催收员给我打电话，说我儿子欠钱不还，让我替他还，今天又打来了。",
			"incidents": []map[string]any{{"occurredAt": day.Format(time.DateOnly), "channel": "PHONE_CALL", "count": 1},
				{"occurredAt": today, "channel": "PHONE_CALL", "count": 1}}}})
		ref := d["fileComplaint"].(map[string]any)["reference"].(string)
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#complaint .incidents")
		got := b.text("#complaint .incidents")
		if clockTime.MatchString(got) || !strings.Contains(got, fmt.Sprintf("%d月%d日", day.Month(), day.Day())) {
			t.Errorf("the incidents read %q, want their days and no time", got)
		}
		b.toEnglish()
		b.waitJS("the incidents in English", `/Phone call/i.test(document.querySelector('#complaint .incidents')?.textContent || '')`)
		if got := b.text("#complaint .incidents"); clockTime.MatchString(got) {
			t.Errorf("the English incidents read %q", got)
		}
		b.clean()
		s := newBrowser(t, env.URL, 1280, 900)
		s.signIn("supervisor@redline.demo", "#nav .who")
		s.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("main h1")))
		s.within("the analysis", apptest.Patience, chromedp.WaitVisible(chromedp.CSS(`#assessment .rule-words`)))
		words := s.eval(`[...document.querySelectorAll('#assessment .rule-words')].map((e) => e.textContent).join(' | ')`)
		if want := day.Format("2006/01/02"); !strings.Contains(words, want) || clockTime.MatchString(words) {
			t.Errorf("the rule's words read %q, want the day %s and no time", words, want)
		}
		if got := s.text("main .incidents"); clockTime.MatchString(got) {
			t.Errorf("the reviewer reads the incidents as %q", got)
		}
		s.clean()
	})
}
