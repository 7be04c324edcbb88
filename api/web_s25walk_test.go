package api_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk25 holds what session 25's walk (the borrower's, the institution's and the
// regulator's case pages, the analyst's dashboard and the supervision page, zh then en, 360 px and
// desktop, axe-core) found. Each subtest signs in on a browser of its own, so each runs alone
// (go test -run 'TestWebWalk25/X').
func TestWebWalk25(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// A clock counted into a year the calendar in force has no holidays for (the demo calendars
	// end with 2026) counts weekends only and is provisional (Deadline.provisional); the admin's
	// calendar page warned of it (session 24), but the case pages showed its date as firm to the
	// borrower, the lender's agent and the reviewer. Each names it provisional beside the date,
	// with the year, in both languages.
	t.Run("ProvisionalClockSaysSo", func(t *testing.T) {
		ref := forwardedToTheDemoLender(t, env)
		if err := env.App.DB.Gorm.Exec(`UPDATE complaint_deadlines SET provisional = true
			WHERE complaint_id = (SELECT id FROM complaints WHERE reference = ?) AND state = 'OPEN'`, ref).Error; err != nil {
			t.Fatal(err)
		}
		yearOf := regexp.MustCompile(`(20\d\d) 年的节假日`)
		for _, who := range []struct {
			email string
			width int
		}{{"complainant@redline.demo", 360}, {"agent@redline.demo", 360}, {"supervisor@redline.demo", 1280}} {
			b := newBrowser(t, env.URL, who.width, 900)
			b.signIn(who.email, "#nav .who")
			b.do("open "+ref, chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("main h1")))
			b.within("the provisional mark", apptest.Patience, chromedp.WaitVisible(chromedp.CSS(`.deadlines [data-provisional]`)))
			got := b.text(`.deadlines [data-provisional]`)
			m := yearOf.FindStringSubmatch(got)
			if m == nil || !strings.Contains(got, "暂定") || m[1] != b.eval(`document.querySelector('.deadlines [data-provisional]').dataset.provisional`) {
				t.Errorf("%s reads the provisional clock as %q", who.email, got)
			}
			b.accessible("a provisional clock for " + who.email)
			b.toEnglish()
			b.waitJS("the mark in English", `/Provisional/.test(document.querySelector('.deadlines [data-provisional]')?.textContent || '')`)
			if got := b.eval(unmarkedChinese(".deadlines")); got != "" {
				t.Errorf("Chinese among %s's English clocks: %s", who.email, got)
			}
			b.clean()
		}
	})

	// The dashboard's complaints per 10,000 customers read "4e-7" for a rate below one in a million
	// (String of a small number): a figure nobody reads as a rate. It is written out in full.
	t.Run("TinyRatesPerCustomerReadAsFigures", func(t *testing.T) {
		if err := env.App.DB.Gorm.Exec(`UPDATE institutions SET customer_base = customer_base * 100000 WHERE customer_base > 0`).Error; err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			env.App.DB.Gorm.Exec(`UPDATE institutions SET customer_base = customer_base / 100000 WHERE customer_base > 0`)
		})
		b := phoneAt(t, env, "analyst@redline.demo", "/dashboard", `#dash-scorecards-table td[data-k="per10k"]`)
		rows := b.eval(`[...document.querySelectorAll('#dash-scorecards-table tbody tr')].map((r) => r.querySelector('[data-k="complaints"]').textContent + '=' + r.querySelector('[data-k="per10k"]').textContent).join(' ')`)
		if strings.Contains(rows, "e-") || !regexp.MustCompile(`=0\.000000\d`).MatchString(rows) {
			t.Errorf("complaints per 10,000 customers read %q, want figures such as 0.00000055", rows)
		}
		b.clean()
	})

	// The dashboard's spike-alert form and its handler were a near-copy of the supervision page's;
	// both now use components/alertack.js. The first acknowledgement stands (the server drops a
	// later note), yet the form said "预警已确认" over a note that went nowhere when someone else had
	// acknowledged the alert meanwhile: it says who was first and that the note was not kept.
	t.Run("AlertAcknowledgementIsSharedAndSaysWhoWasFirst", func(t *testing.T) {
		var inst int64
		env.App.DB.Gorm.Raw(`SELECT id FROM institutions WHERE kind = 'COLLECTION_AGENCY' ORDER BY id LIMIT 1`).Scan(&inst)
		first, second := uuid.NewString(), uuid.NewString()
		for i, id := range []string{first, second} {
			if err := env.App.DB.Gorm.Exec(`INSERT INTO stats_alerts (id, kind, institution_id, key, week_start, observed, baseline, statistic, raised_at)
				VALUES (?, 'SURGE', ?, ?, date_trunc('week', now())::date, 12, 1.5, 8.6, now())`, id, inst, []string{"THREAT", "PRIVACY_DISCLOSURE"}[i]).Error; err != nil {
				t.Fatal(err)
			}
		}
		shared := `String(performance.getEntriesByType('resource').some((e) => e.name.includes('/components/alertack.js')))`

		a := phoneAt(t, env, "analyst@redline.demo", "/dashboard", `#dash-ack form[data-id="`+first+`"]`)
		if a.eval(shared) != "true" {
			t.Error("the dashboard does not use the shared alert form (components/alertack.js)")
		}
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, sup, `mutation($id: ID!) { acknowledgeAlert(id: $id, note: "主管已处理") { id } }`, map[string]any{"id": first})
		a.watchToasts()
		a.set(`#ack-`+first, "分析员的说明")
		a.do("acknowledge", chromedp.Click(chromedp.CSS(`#dash-ack form[data-id="`+first+`"] button`)))
		a.waitJS("the page drawn again", `!document.querySelector('#dash-ack form[data-id="`+first+`"]') && (window.toastsSeen || []).length > 0`)
		if got := a.toastsSeen(); !strings.Contains(got, "已由他人") || !strings.Contains(got, "未保存") {
			t.Errorf("acknowledging an alert someone else acknowledged reads %q", got)
		}
		a.clean()

		s := newBrowser(t, env.URL, 1280, 900)
		s.signIn("supervisor@redline.demo", "#nav .who")
		s.do("the supervision page", chromedp.Navigate(env.URL+"/#/supervise"), chromedp.WaitVisible(chromedp.CSS(`#alerts form[data-id="`+second+`"]`)))
		if s.eval(shared) != "true" {
			t.Error("the supervision page does not use the shared alert form (components/alertack.js)")
		}
		s.watchToasts()
		s.set(`#ack-`+second, "已转稽查")
		s.do("acknowledge", chromedp.Click(chromedp.CSS(`#alerts form[data-id="`+second+`"] button`)))
		s.waitJS("the alert acknowledged", `!document.querySelector('#alerts form[data-id="`+second+`"]') && /预警已确认/.test((window.toastsSeen || []).join(' '))`)
		var note string
		env.App.DB.Gorm.Raw(`SELECT note FROM stats_alerts WHERE id = ? AND acknowledged_at IS NOT NULL`, second).Scan(&note)
		if note != "已转稽查" {
			t.Errorf("the alert's note is %q", note)
		}
		s.onPhone("the supervision page")
		s.clean()
	})

	// A complaint its institution did not answer in time told the borrower "投诉已转交机构，机构须在
	// 15 日内答复" above a clock 96 days overdue, as if the 15 days still ran, and nothing of what
	// happens now. The status line says by which day the answer was due, how late it is and what
	// follows, in both languages.
	t.Run("LateAnswerIsSaidToTheBorrower", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
			WHERE c.status = 'FORWARDED' AND d.kind = 'INSTITUTION_RESPONSE' AND d.met_at IS NULL AND d.state IN ('OPEN', 'BREACHED')
			AND d.paused_at IS NULL AND d.due_at < now() - interval '3 days' ORDER BY c.reference LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no demo complaint whose institution is late to answer")
		}
		giveToComplainant(t, env, ref)
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#complaint .status-help")
		got := b.text("#complaint .status-help")
		if strings.Contains(got, "15 日内") || !regexp.MustCompile(`应在 20\d\d年\d{1,2}月\d{1,2}日.* 前答复，已逾期 \d+ 天`).MatchString(got) || !strings.Contains(got, "通知您") {
			t.Errorf("the borrower's status line reads %q", got)
		}
		b.accessible("a complaint its institution is late to answer, on a phone")
		b.toEnglish()
		b.waitJS("the line in English", `/days? late/.test(document.querySelector('#complaint .status-help')?.textContent || '')`)
		if got := b.text("#complaint .status-help"); strings.Contains(got, "within 15") || isoDay.MatchString(got) {
			t.Errorf("the English status line reads %q", got)
		}
		b.clean()
	})
}
