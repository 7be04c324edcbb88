package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk15b holds the follow-ups of session 15's walk through the portal (walk2); each subtest
// signs in on a browser of its own (go test -run 'TestWebWalk15b/X').
func TestWebWalk15b(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 110, NoRelay: true})

	// A complainant's own feedback window that ran out read in the danger red of an institution's
	// breach ("评价期限已过（12 天）"): for a frightened borrower it is no breach. It reads calmly, says
	// what happens next; the institution's late answer keeps its red.
	t.Run("LapsedFeedbackReadsCalmly", func(t *testing.T) {
		ref := lapsedFeedbackComplaint(t, env)
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		item := fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref)
		b.waitJS("the complaint listed", fmt.Sprintf(`!!document.querySelector('%s')`, item))
		if got := b.eval(fmt.Sprintf(`[...document.querySelectorAll('%s .tone-danger')].map((x) => x.textContent).join(' | ')`, item)); got != "" {
			t.Errorf("the list shows the lapsed feedback window in red: %s", got)
		}
		if got := b.text(item); !strings.Contains(got, "评价期已结束") || !strings.Contains(got, "监管人员将办结") {
			t.Errorf("the list item reads %q, want 评价期已结束 and what happens next", got)
		}
		clock := `#complaint .deadlines li[data-kind="FEEDBACK"]`
		b.do("open it", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(clock)))
		if got := b.eval(`[...document.querySelectorAll('#complaint .deadlines li[data-kind="FEEDBACK"] .tone-danger, #feedback-closed .tone-danger')].map((x) => x.textContent).join(' | ')`); got != "" {
			t.Errorf("the complaint page shows the lapsed feedback window in red: %s", got)
		}
		// What happens next is said once, at the top (session 28 walk: it was said three times).
		if got, help := b.text(clock), b.text("#complaint .status-help"); !strings.Contains(got, "评价期已结束") || !strings.Contains(help, "监管人员将办结") {
			t.Errorf("the feedback clock reads %q and the page %q, want 评价期已结束 and what happens next", got, help)
		}
		b.accessible("a complaint whose feedback period ended")
		b.toEnglish()
		if got := b.text(clock); !strings.Contains(got, "The feedback period has ended") {
			t.Errorf("in English the feedback clock reads %q", got)
		}
		b.clean()

		// The institution's answer that ran out stays red.
		var late, state string
		env.App.DB.Gorm.Raw(`SELECT c.reference, d.state FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
			WHERE c.status = 'FORWARDED' AND d.kind = 'INSTITUTION_RESPONSE' AND d.state IN ('OPEN', 'BREACHED') AND d.met_at IS NULL AND d.paused_at IS NULL
			ORDER BY d.state, c.id LIMIT 1`).Row().Scan(&late, &state)
		if late == "" {
			t.Fatal("no demo complaint waiting for an institution's answer")
		}
		if state == "OPEN" {
			breachClock(t, env, late, "INSTITUTION_RESPONSE")
		}
		giveToComplainant(t, env, late)
		s := phoneAt(t, env, "complainant@redline.demo", "/c/"+late, `#complaint .deadlines li[data-kind="INSTITUTION_RESPONSE"]`)
		if s.eval(`String(!!document.querySelector('#complaint .deadlines li[data-kind="INSTITUTION_RESPONSE"] .countdown.tone-danger'))`) != "true" {
			t.Errorf("the institution's overdue answer reads %q, not in red", s.text(`#complaint .deadlines li[data-kind="INSTITUTION_RESPONSE"]`))
		}
		s.clean()
	})

	// The institution's scorecard said "at least 30 to be ranked" twice: the caveat, then
	// "（最少 30 件才排名）". Once.
	t.Run("ScorecardSaysTheMinimumOnce", func(t *testing.T) {
		b := phoneAt(t, env, "instadmin@redline.demo", "/institution", "#scorecard .caveat")
		if got := b.text("#scorecard .caveat"); strings.Count(got, "30") != 1 {
			t.Errorf("the scorecard's note reads %q, want the minimum said once", got)
		}
		b.toEnglish()
		b.waitJS("the English note", `(document.querySelector('#scorecard .caveat')?.textContent || '').includes('Ranked')`)
		if got := b.text("#scorecard .caveat"); strings.Count(got, "30") != 1 {
			t.Errorf("in English the scorecard's note reads %q", got)
		}
		b.clean()
	})

	// The dashboard's latest periods, none of whose complaints fell due yet, read "—" with nothing
	// said, beside a period of one overdue case at 0 %: a collapse to the eye. The rate's cell says
	// why it is missing, and how many fell due stands beside every rate.
	t.Run("TimelyRateWhenNothingFellDue", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("the dashboard", chromedp.Navigate(env.URL+"/#/dashboard"), chromedp.WaitVisible(chromedp.CSS("#dash-timely-table")))
		rows := `[...document.querySelectorAll('#dash-timely-table tbody tr')]`
		var last string
		for _, r := range strings.Split(b.eval(rows+`.map((r) => ['iso=' + r.dataset.period, ...[...r.querySelectorAll('td')].map((d) => d.dataset.k + '=' + d.textContent.trim())].join(';')).join('\n')`), "\n") {
			cells := map[string]string{}
			for _, c := range strings.Split(r, ";") {
				k, v, _ := strings.Cut(c, "=")
				cells[k] = v
			}
			if strings.HasPrefix(cells["timelyRate"], "—") {
				last = cells["iso"] // the period's first day (its cell reads it as a week: session 24)
				if !strings.Contains(cells["timelyRate"], "本期尚无到期案件") || cells["due"] != "0 / 0" {
					t.Errorf("period %s: timely rate %q, fell due %q; want why it is missing, and 0 / 0", cells["period"], cells["timelyRate"], cells["due"])
				}
			} else if !strings.HasSuffix(cells["due"], " / 0") && strings.Contains(cells["due"], " / ") {
				continue
			} else {
				t.Errorf("period %s: timely rate %q with fell due %q", cells["period"], cells["timelyRate"], cells["due"])
			}
		}
		if last == "" {
			t.Fatal("no period of the demo dashboard without a complaint due yet")
		}
		// The KPI of a view none of whose complaints fell due says so as well.
		day, err := time.Parse(time.DateOnly, last)
		if err != nil {
			t.Fatal(err)
		}
		b.do("the latest period alone", chromedp.Navigate(env.URL+"/#/dashboard?from="+last+"&to="+day.AddDate(0, 0, 6).Format(time.DateOnly)),
			chromedp.WaitVisible(chromedp.CSS(`#dash-timely-table td[data-k="period"]`)))
		b.waitJS("the view of that period", fmt.Sprintf(`document.querySelector('#dash-timely-table tbody tr')?.dataset.period === %q`, last))
		if got := b.text("#dash-kpis"); !strings.Contains(got, "本期尚无到期案件") {
			t.Errorf("the KPIs of a period with nothing due read %q", got)
		}
		b.accessible("the dashboard of a period with nothing due")
		b.toEnglish()
		if got := b.text("#dash-kpis"); !strings.Contains(got, "No deadlines fell due yet in this period") {
			t.Errorf("in English the KPIs read %q", got)
		}
		b.clean()
	})
}
