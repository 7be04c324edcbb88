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

// machineMoment is a date and time as a server writes it into a sentence (2026-12-03 12:00), or a
// bare ISO day: what people should not read on a page.
var machineMoment = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// TestWebWalk22 holds what session 22's walk (every role on `redline dev` with the demo data, zh
// then en, 360 px and desktop, axe-core) found. Each subtest picks or makes its complaint and signs
// in on a browser of its own, so each runs alone (go test -run 'TestWebWalk22/X').
func TestWebWalk22(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
	// inTriage files a complaint of the demo complainant and waits for it to be routed, so that its
	// decision clock runs (the demo data's may have run out, and the deadline sweep marks them).
	inTriage := func(t *testing.T, narrative string) (id, ref string) {
		t.Helper()
		c := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "SELF", "province": "310000", "product": "ONLINE_LOAN",
			"debtor":     map[string]any{"name": "王小明", "mobile": "13800138000", "idNumber": "11010519491231002X"},
			"lenderName": "分期乐", "narrative": narrative}})["fileComplaint"].(map[string]any)
		id, ref = c["id"].(string), c["reference"].(string)
		waitStatus(t, env, tok, id, "IN_TRIAGE")
		return id, ref
	}

	// A complainant asked for information read their clock as "计时暂停" and nothing more; the API
	// says why it stopped (WAITING_FOR_COMPLAINANT): the page says the wait is for their answer.
	t.Run("PausedClockSaysWhoItWaitsFor", func(t *testing.T) {
		id, ref := inTriage(t, "催收员每天打电话骂我，还说要去我单位找领导。")
		env.MustDo(t, sup, `mutation($id: ID!) { requestInformation(id: $id, question: "请补充对方来电的号码和时间。") { status } }`, map[string]any{"id": id})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#info-request")
		if got := b.text(`#complaint .deadlines li[data-kind="ACCEPTANCE"]`); !strings.Contains(got, "等待您回答") {
			t.Errorf("the paused clock reads %q, want it to say it waits for the complainant's answer", got)
		}
		b.toEnglish()
		b.waitJS("the clock in English", `/Waiting for your answer/.test(document.querySelector('#complaint .deadlines')?.textContent || '')`)
		b.clean()
	})

	// A frightened borrower whose complaint the regulator referred to the police read "投诉已转交更合适
	// 的部门处理" and nothing more: not which body, not that 110 is there while the danger lasts. The
	// page names the body and says what to do now, in both languages.
	t.Run("ReferredComplaintNamesTheBodyAndWhatNext", func(t *testing.T) {
		id, ref := inTriage(t, "催收员打电话说知道我家住哪，今晚就带人上门泼油漆。")
		env.MustDo(t, sup, `mutation($id: ID!) { referComplaint(id: $id, to: POLICE) { status } }`, map[string]any{"id": id})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, `#complaint[data-status="REFERRED"]`)
		b.waitJS("what to do now", `!!document.querySelector('#decision[data-referred="POLICE"]')`)
		if got := b.text(".status-help"); !strings.Contains(got, "公安机关") {
			t.Errorf("the status line of a complaint referred to the police reads %q", got)
		}
		if got := b.text("#decision"); !strings.Contains(got, "110") || !strings.Contains(got, "公安机关") {
			t.Errorf("the referral reads %q, want the police and 110", got)
		}
		b.accessible("a complaint referred to the police on a phone")
		b.toEnglish()
		b.waitJS("the referral in English", `/police/.test(document.querySelector('#decision')?.textContent || '')`)
		if got := b.text("#decision"); !strings.Contains(got, "call 110") {
			t.Errorf("the English referral reads %q", got)
		}
		if got := b.eval(unmarkedChinese("#decision")); got != "" {
			t.Errorf("Chinese in the English referral: %s", got)
		}
		b.clean()
	})

	// A complaint not taken up said "原因见处理记录" while the history held only the free reason, which
	// a reviewer may leave out: the legal ground never reached the complainant. The page says it and
	// what can be done about it.
	t.Run("RejectedComplaintSaysTheGroundAndWhatNext", func(t *testing.T) {
		id, ref := inTriage(t, "我想投诉这家机构的催收，请你们处理。")
		env.MustDo(t, sup, `mutation($id: ID!) { rejectComplaint(id: $id, reasonCode: NO_FACTS) { status } }`, map[string]any{"id": id})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, `#complaint[data-status="REJECTED"]`)
		b.waitJS("the ground", `!!document.querySelector('#decision[data-rejected="NO_FACTS"]')`)
		if got := b.text("#decision"); !strings.Contains(got, "没有具体事实") || !strings.Contains(got, "提交新的投诉") {
			t.Errorf("the rejection reads %q, want its ground and a new complaint offered", got)
		}
		if got := b.text(".status-help"); strings.Contains(got, "处理记录") {
			t.Errorf("the status line still sends the complainant to the history: %q", got)
		}
		b.accessible("a rejected complaint on a phone")
		b.toEnglish()
		b.waitJS("the ground in English", `/No facts/.test(document.querySelector('#decision')?.textContent || '')`)
		b.clean()
	})

	// The rule engine's finding for a call to the debtor's parents read "2026-12-03 12:00 电话联系了借
	// 款人的父母" on the reviewer's page (and "… on 2026-12-03 12:00" in English): the page writes the
	// moment as every other one on it.
	t.Run("RuleFindingMomentsReadAsDates", func(t *testing.T) {
		cst := time.FixedZone("CST", 8*3600)
		at := time.Now().In(cst).AddDate(0, 0, -2)
		at = time.Date(at.Year(), at.Month(), at.Day(), 10, 30, 0, 0, cst)
		d := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "ONLINE_LOAN",
			"lenderName": "分期乐", "narrative": "催收员每天打电话给我，说我儿子欠钱不还，让我替他还。",
			"incidents": []map[string]any{{"occurredAt": at.Format(time.RFC3339), "channel": "PHONE_CALL", "count": 1}}}})
		id, ref := d["fileComplaint"].(map[string]any)["id"].(string), d["fileComplaint"].(map[string]any)["reference"].(string)
		// A supervisor sees a complaint once it is routed to a team: on a loaded CI host the page
		// opened before routing and read "找不到这件投诉" (stop 36).
		waitStatus(t, env, tok, id, "IN_TRIAGE")
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("main h1")))
		b.within("the analysis", apptest.Patience, chromedp.WaitVisible(chromedp.CSS(`#assessment .rule-words`)))
		got := b.eval(`[...document.querySelectorAll('#assessment .rule-words')].map((e) => e.textContent).join(' | ')`)
		if want := at.Format("2006/01/02 15:04"); !strings.Contains(got, want) || machineMoment.MatchString(got) {
			t.Errorf("the rule's words read %q, want the moment as %s", got, want)
		}
		b.onPhone("the analysis")
		b.toEnglish()
		b.waitJS("the analysis in English", `/debtor's parent/.test(document.querySelector('#assessment')?.textContent || '')`)
		got = b.eval(`[...document.querySelectorAll('#assessment .rule-words')].map((e) => e.textContent).join(' | ')`)
		if want := fmt.Sprintf("%d %s %d, 10:30", at.Day(), at.Format("Jan"), at.Year()); !strings.Contains(got, want) || machineMoment.MatchString(got) {
			t.Errorf("the rule's English words read %q, want the moment as %s", got, want)
		}
		b.clean()
	})

	// The analyst's dashboard named its period "2026-09-07 至 2026-12-05" and its scorecards'
	// "（2026-01-01 至 2026-12-31）": ISO days among dates written out everywhere else.
	t.Run("DashboardPeriodsReadAsDates", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("analyst@redline.demo", "#nav .who")
		b.do("open the dashboard", chromedp.Navigate(env.URL+"/#/dashboard"), chromedp.WaitVisible(chromedp.CSS("#dash-cards")))
		const headings = `[document.querySelector('#dashboard .page-head'), ...document.querySelectorAll('#dashboard h2')].map((e) => e.textContent).join(' | ')`
		heads := b.eval(headings)
		if m := machineMoment.FindString(heads); m != "" {
			t.Errorf("the dashboard's headings hold %s: %.300q", m, heads)
		}
		if !strings.Contains(heads, "年") {
			t.Errorf("the dashboard's period is not written out: %.300q", heads)
		}
		b.onPhone("the dashboard")
		b.toEnglish()
		b.waitJS("the dashboard in English", `/scorecards/.test(document.querySelector('#dash-cards')?.textContent || '')`)
		heads = b.eval(headings)
		if m := machineMoment.FindString(heads); m != "" {
			t.Errorf("the English dashboard's headings hold %s: %.300q", m, heads)
		}
		b.clean()
	})
	// A closed complaint said "如有新的事实，可申请重新处理" and never until when (the server allows
	// 90 days), and said so still once the window had closed and the form was gone. The form names
	// its last day with a countdown; past it, the page says the time has passed and what to do.
	t.Run("ReopenNamesItsLastDay", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'CLOSED' AND merged_into IS NULL ORDER BY id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo data has no closed complaint")
		}
		giveToComplainant(t, env, ref)
		env.App.DB.Gorm.Exec(`UPDATE complaints SET closed_at = now() - interval '80 days' WHERE reference = ?`, ref)
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#reopen")
		if got := b.text("#reopen"); !strings.Contains(got, "可申请至") || !strings.Contains(got, "还剩") {
			t.Errorf("the reopen form reads %q, want its last day and the days left", got)
		}
		b.accessible("a closed complaint's reopen form on a phone")
		env.App.DB.Gorm.Exec(`UPDATE complaints SET closed_at = now() - interval '100 days' WHERE reference = ?`, ref)
		b.do("open it again", chromedp.Navigate(env.URL+"/#/mine"), chromedp.WaitVisible(chromedp.CSS("#mine-title")),
			chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="CLOSED"]`)))
		if got := b.text(".status-help"); !strings.Contains(got, "期限已过") || strings.Contains(got, "可申请重新处理") {
			t.Errorf("a closed complaint past its reopen window says %q", got)
		}
		b.toEnglish()
		b.waitJS("the page in English", `/time to reopen it has passed/.test(document.querySelector('.status-help')?.textContent || '')`)
		b.clean()
	})
}
