package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// isoDay is a day as the server writes it (2026-11-02), or a month (2026-11), on a page.
var isoDay = regexp.MustCompile(`\b\d{4}-\d{2}(-\d{2})?\b`)

// TestWebWalk24 holds what session 24's walk (the analyst's and the admin's work on the demo data,
// zh then en, 360 px and desktop, axe-core) found. Each subtest signs in on a browser of its own, so
// each runs alone (go test -run 'TestWebWalk24/X').
func TestWebWalk24(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// The dashboard's data tables gave each period as the server's first day, 2026-09-07, under
	// "期间起始日": a week read as a day, a month as its 1st, and the first week of the view began
	// before the view. Periods read as weeks (2026年9月8日至13日, cut to the view), days and months,
	// in both languages; the row keeps the first day in data-period.
	t.Run("DashboardPeriodsReadAsPeriods", func(t *testing.T) {
		b := phoneAt(t, env, "analyst@redline.demo", "/dashboard", `#dash-trend-table td[data-k="period"]`)
		cells := `[...document.querySelectorAll('#dash-trend-table td[data-k="period"], #dash-trend-table td[data-k="prevPeriod"], #dash-timely-table td[data-k="period"]')].map((e) => e.textContent).join(' | ')`
		got := b.eval(cells)
		if isoDay.MatchString(got) || !strings.Contains(got, "日至") {
			t.Errorf("the weekly periods read %.300q, want weeks as days (…日至…日)", got)
		}
		if b.eval(`String([...document.querySelectorAll('#dash-trend-table tbody tr')].every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.dataset.period || '')))`) != "true" {
			t.Error("a row of the trend table lost its period's first day (data-period)")
		}
		if h := b.text("#dash-trend-table thead"); strings.Contains(h, "起始日") {
			t.Errorf("the trend table's head reads %q", h)
		}
		b.accessible("the analyst's dashboard on a phone")
		b.toEnglish()
		b.waitJS("the tables in English", `/Period/.test(document.querySelector('#dash-trend-table thead')?.textContent || '')`)
		if got := b.eval(cells); isoDay.MatchString(got) || !regexp.MustCompile(`\d+(–| – )\d+ [A-Z][a-z]+ 20\d\d`).MatchString(got) {
			t.Errorf("the English weekly periods read %.300q", got)
		}
		// A year by month reads months; the CSV holds the table as shown.
		b.do("a year by month", chromedp.Navigate(env.URL+"/#/dashboard?from=2026-01-01&to=2026-12-31&interval=MONTH"),
			chromedp.WaitVisible(chromedp.CSS(`#dashboard[data-filter^="2026-01-01"] #dash-trend-table td[data-k="period"]`)))
		if got := b.eval(`document.querySelector('#dash-trend-table td[data-k="period"]').textContent`); got != "Jan 2026" {
			t.Errorf("January 2026 reads %q", got)
		}
		b.toChinese()
		b.waitJS("the months in Chinese", `document.querySelector('#dash-trend-table td[data-k="period"]')?.textContent === '2026年1月'`)
		b.clean()
	})

	// The scorecards gave a big lender's complaints per 10,000 customers as "0.00" (11 complaints
	// among tens of millions of customers), as if it had none.
	t.Run("ScorecardRatesPerCustomerAreNotZero", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("analyst@redline.demo", "#nav .who")
		b.do("the dashboard", chromedp.Navigate(env.URL+"/#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#dash-scorecards-table td[data-k="per10k"]`)))
		rows := b.eval(`[...document.querySelectorAll('#dash-scorecards-table tbody tr')].map((r) => r.querySelector('[data-k="complaints"]').textContent + '=' + r.querySelector('[data-k="per10k"]').textContent).join(' ')`)
		if regexp.MustCompile(`=0\.00( |$)`).MatchString(rows) || !regexp.MustCompile(`=0\.00\d`).MatchString(rows) {
			t.Errorf("complaints per 10,000 customers read %q, want no 0.00 for complaints received", rows)
		}
		b.clean()
	})

	// The public data's trend by month read "2025-11" in its table and on its chart.
	t.Run("PublicTrendReadsMonths", func(t *testing.T) {
		b := phoneAt(t, env, "analyst@redline.demo", "/data", `#trend-table`)
		got := b.eval(`document.querySelector('#trend-table tbody').textContent`)
		if isoDay.MatchString(got) || !regexp.MustCompile(`20\d\d年\d{1,2}月`).MatchString(got) {
			t.Errorf("the months read %.200q", got)
		}
		b.accessible("the public data on a phone")
		b.toEnglish()
		b.waitJS("the months in English", `/[A-Z][a-z]+ 20\d\d/.test(document.querySelector('#trend-table tbody')?.textContent || '')`)
		if got := b.eval(`document.querySelector('#trend-table tbody').textContent`); isoDay.MatchString(got) {
			t.Errorf("the English months read %.200q", got)
		}
		b.clean()
	})

	// An incident given by its day alone was written into the rule engine's finding, through the
	// API, as "… 12:00 电话联系了借款人的父母": a noon nobody reported (the page guessed it back,
	// session 23). The finding names the day alone, and the case page reads it as a day.
	t.Run("DayOnlyFindingSaysTheDay", func(t *testing.T) {
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		day := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -3)
		d := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "ONLINE_LOAN",
			"lenderName": "分期乐", "narrative": "催收员给我打电话，说我儿子欠钱不还，让我替他还。",
			"incidents": []map[string]any{{"occurredAt": day.Format(time.DateOnly), "channel": "PHONE_CALL", "count": 1}}}})
		ref := d["fileComplaint"].(map[string]any)["reference"].(string)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		var words string
		for deadline := time.Now().Add(apptest.Patience); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
			// Staff see the complaint once it is routed (a worker's task).
			r := env.Do(t, sup, `query($id: ID!) { complaint(id: $id) { assessment { violations { type evidence { rule ruleZh } } } } }`, map[string]any{"id": ref})
			if len(r.Errors) > 0 || r.Data["complaint"] == nil {
				continue
			}
			words = fmt.Sprint(r.Data["complaint"].(map[string]any)["assessment"])
			if strings.Contains(words, "THIRD_PARTY_CONTACT") {
				break
			}
		}
		want := day.Format(time.DateOnly)
		if !strings.Contains(words, want+" 电话联系了借款人的父母") || !strings.Contains(words, "parent on "+want) || strings.Contains(words, want+" 12:00") {
			t.Errorf("the API's finding reads %.600s, want the day %s alone", words, want)
		}
		s := newBrowser(t, env.URL, 1280, 900)
		s.signIn("supervisor@redline.demo", "#nav .who")
		s.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("main h1")))
		s.within("the analysis", apptest.Patience, chromedp.WaitVisible(chromedp.CSS(`#assessment .rule-words`)))
		got := s.eval(`[...document.querySelectorAll('#assessment .rule-words')].map((e) => e.textContent).join(' | ')`)
		if !strings.Contains(got, day.Format("2006/01/02")) || clockTime.MatchString(got) || isoDay.MatchString(got) {
			t.Errorf("the case page reads the finding as %q", got)
		}
		s.clean()
	})

	// The admin's institutions table left the aliases cell of an institution without aliases blank
	// (the collection agencies), as if the page had not finished (left by sessions 21 to 23).
	t.Run("InstitutionWithoutAliasesSaysSo", func(t *testing.T) {
		b := phoneAt(t, env, "admin@redline.demo", "/admin/institutions", "#inst-list")
		if got := b.eval(`String([...document.querySelectorAll('#inst-list tbody tr')].filter((r) => r.cells[1].textContent.trim() === '').length)`); got != "0" {
			t.Errorf("%s institutions have a blank aliases cell", got)
		}
		if got := b.eval(`document.querySelector('#inst-list .no-alias')?.textContent || ''`); got != "无别名" {
			t.Errorf("an institution without aliases reads %q", got)
		}
		b.accessible("the institutions on a phone")
		b.toEnglish()
		b.waitJS("the table in English", `document.querySelector('#inst-list .no-alias')?.textContent === 'No aliases'`)
		b.clean()
	})

	// The business calendar in force had no holidays for the year ahead, and the admin's calendar
	// page said nothing: the engine counts such a year as weekends only and marks the clocks
	// provisional (GraphQL Deadline.provisional), so a calendar ending with 2026 (the one in force
	// on 5 December 2026) takes a complaint filed that month through the 2027 Spring Festival as
	// working days. The page says which year is missing, from when and in how many days, and what
	// to do. The browser's clock is set to 5 December of the calendar's last year.
	t.Run("CalendarSaysWhichYearIsMissing", func(t *testing.T) {
		admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
		r := env.MustDo(t, admin, `{ deadlineRules(jurisdiction: CN) { calendar } }`, nil)["deadlineRules"].(map[string]any)
		var cal struct{ Years []struct{ Year int } }
		if err := json.Unmarshal([]byte(r["calendar"].(string)), &cal); err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, y := range cal.Years {
			last = max(last, y.Year)
		}
		at := time.Date(last, 12, 5, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
		b := newBrowser(t, env.URL, 360, 780)
		b.do("the clock set to "+at.Format(time.DateOnly), chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fmt.Sprintf(`(() => {
				const D = Date, off = %d - D.now();
				class F extends D { constructor(...a) { super(...(a.length ? a : [D.now() + off])); } static now() { return D.now() + off; } }
				window.Date = F; })()`, at.UnixMilli())})
			return chromedp.Void{}, err
		}))
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the calendars", chromedp.Navigate(env.URL+"/#/admin/deadlines"), chromedp.WaitVisible(chromedp.CSS("#calendar")))
		if got := b.eval(`document.querySelector('#cal-missing')?.dataset.year || ''`); got != fmt.Sprint(last+1) {
			t.Fatalf("the calendar page warns of year %q, want %d: %.300q", got, last+1, b.text("#calendar"))
		}
		if got := b.text("#cal-missing"); !strings.Contains(got, fmt.Sprintf("日历尚无 %d 年的节假日安排", last+1)) || !strings.Contains(got, "还剩 27 天") || !strings.Contains(got, "临时") {
			t.Errorf("the warning reads %q", got)
		}
		b.accessible("the calendar with next year missing, on a phone")
		b.toEnglish()
		b.waitJS("the warning in English", `/has no holidays for/.test(document.querySelector('#cal-missing')?.textContent || '')`)
		if got := b.text("#cal-missing"); !strings.Contains(got, "27 days from now") {
			t.Errorf("the English warning reads %q", got)
		}
		if got := b.eval(unmarkedChinese("#cal-missing")); got != "" {
			t.Errorf("Chinese in the English warning: %s", got)
		}
		b.clean()
	})

	// An analyst's dashboard listed spike alerts as "待处理" and offered no way to acknowledge one:
	// the API lets analysts (acknowledgeAlert), and the supervision page, where supervisors do, is
	// closed to them. Each open alert has its form on the dashboard; acknowledged, it reads so.
	t.Run("AnalystAcknowledgesAnAlert", func(t *testing.T) {
		var inst int64
		env.App.DB.Gorm.Raw(`SELECT id FROM institutions WHERE kind = 'COLLECTION_AGENCY' ORDER BY id LIMIT 1`).Scan(&inst)
		id := uuid.NewString()
		if err := env.App.DB.Gorm.Exec(`INSERT INTO stats_alerts (id, kind, institution_id, key, week_start, observed, baseline, statistic, raised_at)
			VALUES (?, 'SURGE', ?, 'THREAT', date_trunc('week', now())::date, 12, 1.5, 8.6, now())`, id, inst).Error; err != nil {
			t.Fatal(err)
		}
		b := phoneAt(t, env, "analyst@redline.demo", "/dashboard", `#dash-ack [data-alert="`+id+`"]`)
		if got := b.eval(`document.querySelector('#dash-alerts-table tr[data-alert="` + id + `"] td[data-k="week"]').textContent`); isoDay.MatchString(got) || !strings.Contains(got, "至") {
			t.Errorf("the alert's week reads %q", got)
		}
		b.accessible("the dashboard with an open alert, on a phone")
		b.set(`#ack-`+id, "已核实：该机构本周集中出现威胁类投诉，已转主管。")
		b.do("acknowledge", chromedp.Click(chromedp.CSS(`#dash-ack form[data-id="`+id+`"] button`)))
		b.waitJS("the alert acknowledged", `document.querySelector('#dash-alerts-table tr[data-alert="`+id+`"] td[data-k="status"]')?.textContent === '已确认'`)
		var note string
		env.App.DB.Gorm.Raw(`SELECT note FROM stats_alerts WHERE id = ? AND acknowledged_at IS NOT NULL`, id).Scan(&note)
		if !strings.Contains(note, "已转主管") {
			t.Errorf("the alert's note is %q", note)
		}
		if b.eval(`String(!!document.querySelector('#dash-ack [data-alert="`+id+`"]'))`) != "false" {
			t.Error("the acknowledged alert still offers its form")
		}
		b.clean()
	})

	// Judging complaints again since a day answered "已开始重新评估 2026-11-01 以来提交的投诉" and listed
	// the job's day as a moment, "2026/11/01 00:00": both read the day as a day.
	t.Run("ReassessmentNamesItsDay", func(t *testing.T) {
		b := phoneAt(t, env, "admin@redline.demo", "/admin/rules", "#reassess-form")
		since := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -20)
		b.set("#f-since", since.Format(time.DateOnly))
		b.set("#f-reassessReason", "walk 24")
		b.do("judge again", chromedp.Click(chromedp.CSS("#reassess-form button[type=submit]")))
		b.waitJS("the answer", `/已开始重新评估/.test(document.querySelector('main .flash')?.textContent || '')`)
		want := fmt.Sprintf("%d年%d月%d日", since.Year(), since.Month(), since.Day())
		if got := b.text("main .flash"); !strings.Contains(got, want) || isoDay.MatchString(got) {
			t.Errorf("the answer reads %q, want the day %s", got, want)
		}
		if got := b.eval(`document.querySelector('[data-job] [data-since]')?.textContent || ''`); got != want {
			t.Errorf("the job's day reads %q, want %s", got, want)
		}
		b.accessible("the rule packs after judging again, on a phone")
		b.clean()
	})

	// A dashboard link with filters the page does not know said it ignored "from、kind": the URL's
	// keys. It names them as the form does.
	t.Run("IgnoredFiltersAreNamed", func(t *testing.T) {
		b := phoneAt(t, env, "analyst@redline.demo", "/dashboard?from=2026-13-40&kind=NOPE", "#dash-dropped")
		if got := b.text("#dash-dropped"); !strings.Contains(got, "起始日期、机构类型") || strings.Contains(got, "kind") {
			t.Errorf("the ignored filters read %q", got)
		}
		b.toEnglish()
		b.waitJS("in English", `/From, Institution kind/.test(document.querySelector('#dash-dropped')?.textContent || '')`)
		b.clean()
	})
}
