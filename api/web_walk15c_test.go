package api_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk15c holds the follow-ups of session 15's walk through the portal (walk3); each subtest
// signs in on a browser of its own (go test -run 'TestWebWalk15c/X').
func TestWebWalk15c(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 110, NoRelay: true})

	// The queue had no way to take a view away as a file: the institution's inbox had one, the
	// regulator's queue none. Its "导出 CSV" link exports the view shown, every filter of it and its
	// order (not only the page), with the staff member's token.
	t.Run("QueueExportsTheView", func(t *testing.T) {
		// Every view below lists some: the supervisor works one complaint, one answer falls due soon.
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, sup, `{ complaints(filter: {status: [IN_TRIAGE]}, first: 1) { edges { node { id } } } }`,
			nil)["complaints"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"]
		env.MustDo(t, sup, `mutation($id: ID!) { claimComplaint(id: $id) { id } }`, map[string]any{"id": id})
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET awaited_due_at = now() + interval '1 day'
			WHERE id = (SELECT id FROM complaints WHERE status = 'FORWARDED' AND awaited_kind = 'INSTITUTION_RESPONSE' ORDER BY id LIMIT 1)`).Error; err != nil {
			t.Fatal(err)
		}
		open := "SUBMITTED,IN_TRIAGE,NEEDS_INFORMATION,FORWARDED,RESPONDED,DISPUTED,IN_INVESTIGATION,ESCALATED"
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("supervisor@redline.demo", "#queue-list")
		for _, c := range []struct{ view, want string }{
			{"assignee=none&sort=OLDEST", "bom=1&orderBy=OLDEST&status=" + open + "&unassigned=1"},
			{"assignee=me&sort=DUE_DATE", "bom=1&mine=1&orderBy=DUE_DATE&status=" + open},
			{"due=soon&sort=DUE_DATE&status=ALL", "bom=1&dueWithinDays=3&orderBy=DUE_DATE"},
			{"due=lapsed&sort=DUE_DATE", "bom=1&feedbackLapsed=1&orderBy=DUE_DATE&status=" + open},
			{"status=FORWARDED&due=overdue&from=2025-01-01&to=2026-12-31&q=催收",
				"bom=1&createdFrom=2025-01-01T00:00:00+08:00&createdTo=2027-01-01T00:00:00+08:00&orderBy=NEWEST&overdue=1&status=FORWARDED&text=催收"},
		} {
			b.do("open the view "+c.view, chromedp.Navigate(env.URL+"/#/queue?"+c.view))
			b.waitJS("the view "+c.view, fmt.Sprintf(`document.querySelector('#queue-list')?.dataset.filter === %q`, keyOfView(c.view)))
			if b.eval(`String(!!document.querySelector('#queue-list .qrow'))`) != "true" {
				t.Errorf("the view %s lists nothing", c.view)
				continue
			}
			href := b.eval(`document.querySelector('#queue-csv').getAttribute('href')`)
			u, err := url.Parse(href)
			if err != nil || u.Path != "/export/complaints.csv" {
				t.Errorf("the view %s links the export %q", c.view, href)
				continue
			}
			if got := u.Query().Encode(); got != mustQuery(t, c.want) {
				t.Errorf("the view %s exports\n  %s\nwant\n  %s", c.view, got, mustQuery(t, c.want))
			}
		}

		b.do("open an empty view", chromedp.Navigate(env.URL+"/#/queue?q=nothing-matches-this"))
		b.waitJS("the empty view", `!!document.querySelector('#queue-list.empty')`)
		if b.eval(`String(!!document.querySelector('#queue-csv'))`) != "false" {
			t.Error("an empty view offers an export")
		}

		// The link downloads with the token and the file lists the view: its first page first.
		b.do("open the unassigned view", chromedp.Navigate(env.URL+"/#/queue?assignee=none&sort=OLDEST&n=5"))
		b.waitJS("the view", `document.querySelector('#queue-list')?.dataset.filter === 'assignee=none&sort=OLDEST&n=5'`)
		b.do("watch the downloads", chromedp.Evaluate[chromedp.Void](`window.exported = null; const f0 = window.fetch;
			window.fetch = (u, o) => f0(u, o).then(async (r) => { if (String(u).startsWith('/export/')) window.exported = { url: String(u), auth: !!(o && o.headers && o.headers.Authorization), status: r.status, body: await r.clone().text() }; return r; });`))
		b.do("export", chromedp.Click(chromedp.CSS("#queue-csv")))
		b.waitJS("the export", `!!window.exported`)
		got, err := url.Parse(b.eval(`window.exported.url`))
		if err != nil || got.Path != "/export/complaints.csv" || got.Query().Encode() != mustQuery(t, "bom=1&orderBy=OLDEST&status="+open+"&unassigned=1") {
			t.Errorf("the export asked %v", got)
		}
		if r := b.eval(`window.exported.auth + ' ' + window.exported.status`); r != "true 200" {
			t.Errorf("the export (with a token, status): %s", r)
		}
		page := b.eval(`[...document.querySelectorAll('#queue-list .qrow')].map((r) => r.dataset.ref).join(' ')`)
		file := b.eval(`window.exported.body.replace(/^\uFEFF/, '').split('\n').slice(1, 6).map((l) => l.split(',')[0]).join(' ')`)
		if page == "" || file != page {
			t.Errorf("the file begins %q, the view's first page is %q", file, page)
		}
		if b.eval(`String(document.querySelector('#queue-csv').getAttribute('aria-disabled'))`) != "null" {
			t.Error("the link stays disabled after the download")
		}
		b.accessible("the queue with its export link")
		b.toEnglish()
		if got := b.eval(`document.querySelector('#queue-csv').textContent.trim()`); got != "Export CSV" {
			t.Errorf("in English the link reads %q", got)
		}
		b.clean()
	})

	// The history said "评价期限已过" ("Time to judge the answer passed") when the complainant's
	// feedback window ran out, as if it were a breach; it says what the clocks say: 评价期已结束,
	// "The feedback period ended".
	t.Run("HistoryNamesTheEndedFeedbackPeriod", func(t *testing.T) {
		// The demo's lapsed windows are past due; the deadline sweep records them in the history.
		if _, err := env.App.Deadlines.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id
			WHERE e.action = 'DEADLINE_BREACHED' AND e.details->>'kind' = 'FEEDBACK' ORDER BY c.id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no demo complaint whose history records the feedback window running out")
		}
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open it", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#complaint .timeline")))
		if h := b.text("#complaint .timeline"); !strings.Contains(h, "评价期已结束") || strings.Contains(h, "评价期限已过") {
			t.Errorf("the history reads %q, want 评价期已结束", h)
		}
		b.toEnglish()
		if h := b.text("#complaint .timeline"); !strings.Contains(h, "The feedback period ended") || strings.Contains(h, "Time to judge") {
			t.Errorf("the English history reads %q, want The feedback period ended", h)
		}
		b.clean()
	})
}

// keyOfView is the queue's data-filter for a view's query: its keys in the queue's order.
func keyOfView(view string) string {
	q, _ := url.ParseQuery(view)
	var parts []string
	for _, k := range []string{"status", "team", "assignee", "province", "inst", "violation", "priority", "due", "from", "to", "q", "sort", "n"} {
		if v := q.Get(k); v != "" && !(k == "status" && v == "OPEN") && !(k == "sort" && v == "NEWEST") {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	return strings.Join(parts, "&")
}

func mustQuery(t *testing.T, s string) string {
	t.Helper()
	q, err := url.ParseQuery(strings.ReplaceAll(s, "+", "%2B"))
	if err != nil {
		t.Fatal(err)
	}
	return q.Encode()
}
