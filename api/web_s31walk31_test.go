package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestWebWalk31 holds what session 31's walk (walk31) found carrying out the rounds session 30
// left: a complaint forwarded to the lender and its collection agency whose two recipients each
// ask for more time, decided by a supervisor and read by each; and a complaint disputed, closed,
// reopened by its complainant, forwarded again, answered again and accepted. zh then en, 360 px.
// Each subtest signs in on browsers of its own, so each runs alone (go test -run 'TestWebWalk31/X').
func TestWebWalk31(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// Forwarded to both, the agency asked for a second extension first, then the lender. The
	// supervisor's list showed one request under the lender's name with the complaint's (the
	// lender's) due day, whichever recipient had asked, and nothing of the other waiting behind it:
	// the supervisor could refuse the agency thinking it was the lender. The list names who asked,
	// with that institution's own due day, and the request waiting behind; each recipient then
	// reads its own decision under its own due day, never the other's.
	t.Run("TwoRecipientsExtensions", func(t *testing.T) {
		agencyID, lenderID := strconv.FormatInt(institutionID(t, env, demoAgency), 10), demoLenderGraphID(t, env)
		c := forwardedToBoth(t, env, "walk31-both@example.cn", lenderID, agencyID)
		// The demo platform without its trail has no agency desk: one as the trail makes it.
		const agencyEmail = "walk31-agency@redline.demo"
		agencyNum, _ := strconv.ParseInt(agencyID, 10, 64)
		if _, err := env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: agencyEmail, Password: app.DemoPassword,
			DisplayName: "恒通催收合规专员", Role: domain.RoleInstitutionAgent, InstitutionID: agencyNum}); err != nil {
			t.Fatal(err)
		}
		agency := env.Login(t, agencyEmail, app.DemoPassword)
		lender := env.Login(t, "agent@redline.demo", app.DemoPassword)
		ask := func(tok, why string, want string) {
			t.Helper()
			next := env.MustDo(t, tok, `query($r: ID!) { complaint(id: $r) { nextExtension { days } } }`, map[string]any{"r": c.id})["complaint"].(map[string]any)["nextExtension"].(map[string]any)
			st := env.MustDo(t, tok, `mutation($id: ID!, $d: Int!, $r: String!) { requestExtension(id: $id, days: $d, reason: $r) { status } }`,
				map[string]any{"id": c.id, "d": next["days"], "r": why})["requestExtension"].(map[string]any)["status"]
			if st != want {
				t.Fatalf("the extension asked (%s) is %v, want %s", why, st, want)
			}
		}
		ask(agency, "需核对外呼系统的全部通话记录", "GRANTED")
		ask(lender, "需调取委外催收的录音", "GRANTED")
		const agencyWhy, lenderWhy = "外包催收员已离职，需联系原团队取证", "需与外包机构逐一核对通话录音"
		ask(agency, agencyWhy, "PENDING")
		time.Sleep(20 * time.Millisecond)
		ask(lender, lenderWhy, "PENDING")
		// The agency's clock ends three days before the lender's: each recipient's own day.
		if err := env.App.DB.Gorm.Exec(`UPDATE complaint_deadlines SET due_at = due_at - interval '3 days'
			WHERE kind = 'INSTITUTION_RESPONSE' AND state = 'OPEN' AND institution_id = ? AND complaint_id = (SELECT id FROM complaints WHERE reference = ?)`, agencyID, c.ref).Error; err != nil {
			t.Fatal(err)
		}
		var agencyDue time.Time
		if err := env.App.DB.Gorm.Raw(`SELECT due_at FROM complaint_deadlines WHERE kind = 'INSTITUTION_RESPONSE' AND state = 'OPEN' AND institution_id = ?
			AND complaint_id = (SELECT id FROM complaints WHERE reference = ?)`, agencyID, c.ref).Scan(&agencyDue).Error; err != nil {
			t.Fatal(err)
		}
		cst := agencyDue.In(time.FixedZone("CST", 8*3600))
		agencyDueZh := fmt.Sprintf("%d年%d月%d日", cst.Year(), cst.Month(), cst.Day())

		s := phoneAt(t, env, "supervisor@redline.demo", "/supervise", "#extensions")
		item := fmt.Sprintf(`.ext-item[data-ref=%q]`, c.ref)
		s.waitJS("the request listed", `!!document.querySelector('`+item+`')`)
		if got := s.text(item + " .ext-who"); !strings.Contains(got, "催收机构") || !strings.Contains(got, demoAgency) {
			t.Errorf("the request decided first (the agency's) is said to be %q's", got)
		}
		if got := s.text(item + " .ext-now"); !strings.HasPrefix(got, agencyDueZh) {
			t.Errorf("the agency's request reads its answer due now %q, want the agency's own day %s", got, agencyDueZh)
		}
		if got := s.text(item + " blockquote"); got != agencyWhy {
			t.Errorf("the agency's request quotes %q", got)
		}
		if got := s.eval(`document.querySelector('` + item + ` .ext-waiting')?.textContent || ''`); !strings.Contains(got, "另有 1 项延期申请") || !strings.Contains(got, demoLender) {
			t.Errorf("the lender's request waiting behind reads %q", got)
		}
		s.accessible("the supervisor's list of a complaint forwarded to both with two requests")
		s.toEnglish()
		if got := s.text(item + " .ext-who"); !strings.Contains(got, "The collection agency") || !strings.Contains(got, "Hengtong") {
			t.Errorf("in English the request is said to be %q's", got)
		}
		s.toChinese()
		const because = "取证不需要额外时间，请按期答复"
		s.set(item+" textarea", because)
		s.do("refuse the agency's", chromedp.Click(chromedp.CSS(item+` button[value=refuse]`)))
		s.waitJS("the lender's request next", `document.querySelector('`+item+` .ext-who')?.dataset.asker === 'LENDER'`)
		if got := s.text(item + " blockquote"); got != lenderWhy {
			t.Errorf("the lender's request quotes %q", got)
		}
		if got := s.eval(`document.querySelector('` + item + ` .ext-waiting')?.textContent || ''`); got != "" {
			t.Errorf("nothing waits behind the lender's request, yet the list reads %q", got)
		}
		s.do("approve the lender's", chromedp.Click(chromedp.CSS(item+` button[value=approve]`)))
		s.waitJS("both decided", `!document.querySelector('`+item+`')`)
		s.clean()

		// Each recipient reads its own decision under its own due day.
		a := phoneAt(t, env, agencyEmail, "/c/"+c.ref, "#respond")
		if got := a.eval(`document.querySelector('#extension-outcome')?.textContent || ''`); !strings.Contains(got, "主管未批准延期申请，理由：“"+because+"”") || !strings.Contains(got, "请在 "+agencyDueZh) {
			t.Errorf("the agency reads %q, want the refusal and its own day %s", got, agencyDueZh)
		}
		if got := a.text("#respond"); strings.Contains(got, lenderWhy) || strings.Contains(got, "已批准") {
			t.Errorf("the agency reads the lender's request: %q", got)
		}
		a.accessible("the agency's page of its refused extension")
		a.clean()
		l := phoneAt(t, env, "agent@redline.demo", "/c/"+c.ref, "#respond")
		if got := l.eval(`document.querySelector('#extension-outcome')?.textContent || ''`); !strings.Contains(got, "主管已批准延期（答复总期限 60 天）") {
			t.Errorf("the lender reads %q", got)
		}
		if got := l.text("#respond"); strings.Contains(got, agencyWhy) || strings.Contains(got, because) {
			t.Errorf("the lender reads the agency's request: %q", got)
		}
		l.clean()

		// The case page names whose request each line is.
		p := phoneAt(t, env, "supervisor@redline.demo", "/c/"+c.ref, "#answers")
		lines := p.eval(`[...document.querySelectorAll('#answers #extensions li')].map((li) => li.textContent.replace(/\s+/g, ' ')).join(' | ')`)
		if !strings.Contains(lines, demoAgency+" · 答复期限 60 天 · 未批准") || !strings.Contains(lines, demoLender+" · 答复期限 60 天 · 已批准") {
			t.Errorf("the case page's extensions read %q", lines)
		}
		p.accessible("the case page of a complaint with both recipients' extensions")
		p.clean()
	})

	// A real second round: the lender answers, the complainant disputes on a phone, the regulator
	// closes it, the complainant reopens it with new facts, a supervisor forwards it again, the
	// lender answers again on its phone and the complainant accepts.
	t.Run("DisputeReopenAnswerAgain", func(t *testing.T) {
		ref, id := answeredByTheDemoLender(t, env)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)

		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#feedback-form")
		b.do("dispute with one star",
			chromedp.Click(chromedp.CSS(`input[name=decision][value="DISPUTE"]`)),
			chromedp.Click(chromedp.CSS(`input[name=satisfaction][value="1"]`)),
			chromedp.SendKeys(chromedp.CSS("#f-comment"), "他们昨天还打了十五个电话，答复不属实。"),
			chromedp.Click(chromedp.CSS("#feedback-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="DISPUTED"]`)))
		b.accessible("the disputed complaint")
		b.clean()

		env.MustDo(t, sup, `mutation($id: ID!) { closeComplaint(id: $id, reason: "机构答复与通话记录不符，已约谈机构。") { id } }`, map[string]any{"id": id})
		r := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#reopen")
		// The closing reason read 理由：“…已约谈机构。”。 and the lender, picked by its id with no
		// name typed, 放贷机构 (招商银行信用卡中心).
		if got := r.text("#closed-why"); !strings.Contains(got, "理由：“机构答复与通话记录不符，已约谈机构。”如有新的事实") {
			t.Errorf("the closed complaint reads %q", got)
		}
		if got := r.eval(`[...document.querySelectorAll('main dd')].map((d) => d.textContent.trim()).join(' | ')`); !strings.Contains(got, demoLender) || strings.Contains(got, "("+demoLender+")") {
			t.Errorf("the complaint's facts read %q", got)
		}
		r.do("reopen", chromedp.Click(chromedp.CSS("#reopen summary")), chromedp.WaitVisible(chromedp.CSS("#f-reopenReason")))
		r.set("#f-reopenReason", "办结后催收员又在晚上十一点打电话，还联系了我的同事。")
		r.do("send", chromedp.Click(chromedp.CSS("#reopen-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="IN_TRIAGE"]`)))
		if got := r.eval(`document.querySelector('#answers .round-tag')?.textContent || ''`); got != "" {
			t.Errorf("reopened, not forwarded again, the first answer is labelled %q", got)
		}
		r.clean()

		env.MustDo(t, sup, `mutation($id: ID!) { forwardComplaint(id: $id, target: LENDER) { status } }`, map[string]any{"id": id})
		a := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#respond-form")
		// The lender's page said nothing of a new round: the first answer stood under 机构答复 as
		// if it were the answer, above the form asking for one.
		if got := a.eval(`document.querySelector('#round-note')?.textContent || ''`); !strings.Contains(got, "再次转交贵机构：请重新答复") || !strings.Contains(got, "不计为本轮答复") {
			t.Errorf("forwarded again, the lender's answer card reads %q", got)
		}
		if got := a.text(`#answers article[data-round="earlier"]`); !strings.Contains(got, "重新处理前的答复") || !strings.Contains(got, "未发现违规") {
			t.Errorf("the first round's answer reads %q", got)
		}
		a.accessible("the lender's page of a complaint forwarded again")
		a.set("#f-category", "CLOSED_WITH_NON_MONETARY_RELIEF")
		a.set("#f-explanation", "已核实办结后的夜间来电，涉事外包催收员已停止联系并被处理。")
		a.do("measures", chromedp.Click(chromedp.CSS(`input[name=measures][value=collectionStopped]`)), chromedp.Click(chromedp.CSS(`input[name=measures][value=collectorDisciplined]`)))
		a.do("answer", chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="RESPONDED"]`)))
		a.clean()

		f := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#feedback-form")
		// Asked to judge "the answer below", the complainant found two, undated as to round.
		if got := f.text("#feedback-hint"); !strings.Contains(got, "本轮答复") {
			t.Errorf("the feedback form's hint reads %q", got)
		}
		if cur, old := f.text(`#answers article[data-round="current"]`), f.text(`#answers article[data-round="earlier"]`); !strings.Contains(cur, "本轮答复") || !strings.Contains(cur, "夜间来电") ||
			!strings.Contains(old, "重新处理前的答复") || !strings.Contains(old, "未发现违规") {
			t.Errorf("the answers read: this round %q, earlier %q", cur, old)
		}
		f.accessible("the second answer to judge")
		f.do("accept with four stars",
			chromedp.Click(chromedp.CSS(`input[name=decision][value="ACCEPT"]`)),
			chromedp.Click(chromedp.CSS(`input[name=satisfaction][value="4"]`)),
			chromedp.Click(chromedp.CSS("#feedback-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="ACCEPTED"]`)))
		f.toEnglish()
		if cur, old := f.text(`#answers article[data-round="current"]`), f.text(`#answers article[data-round="earlier"]`); !strings.Contains(cur, "This round") || !strings.Contains(old, "Before the reopening") {
			t.Errorf("the English answers read: this round %q, earlier %q", cur, old)
		}
		f.accessible("the accepted second answer in English")
		p := phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, "#answers")
		if got := p.text(`#answers article[data-round="earlier"]`); !strings.Contains(got, "重新处理前的答复") {
			t.Errorf("the staff case page's first answer reads %q", got)
		}
		p.clean()
		f.clean()
	})

	// Session 30's mend made the rule packs' job list wait while the tab is hidden, look less often
	// after a failure and stop with a "refresh" hint, but no browser had watched it do so. A queued
	// job on the admin's page: no look while the tab is hidden, a look soon after it shows again,
	// failing looks further and further apart, then none after the hint.
	t.Run("JobListPausesHiddenAndBacksOff", func(t *testing.T) {
		var job string
		if err := env.App.DB.Gorm.Raw(`INSERT INTO rule_reassessments (id, since, state, reason, created_at, updated_at)
			VALUES (gen_random_uuid(), now() - interval '1 day', 'QUEUED', 'walk31', now(), now()) RETURNING id::text`).Scan(&job).Error; err != nil {
			t.Fatal(err)
		}
		defer env.App.DB.Gorm.Exec(`DELETE FROM rule_reassessments WHERE id = ?`, job)
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the rule packs", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS(`#reassess-jobs tr[data-job="`+job+`"]`)))
		// Each look at the jobs is counted (known by its persisted query's hash once one answer
		// held the jobs), and fails while __fail is set; document.hidden follows __hidden.
		b.eval(`(() => {
			const real = window.fetch.bind(window);
			window.__looks = []; window.__fail = false; window.__hidden = false;
			Object.defineProperty(document, 'hidden', { configurable: true, get: () => window.__hidden });
			window.fetch = (url, init = {}) => {
				const body = String(init.body || '');
				let h = '';
				try { h = JSON.parse(body).extensions?.persistedQuery?.sha256Hash || ''; } catch { /* not JSON */ }
				if (url === '/graphql' && (body.includes('reassessJobs(first: 5)') || (window.__hash && h === window.__hash))) {
					window.__looks.push(performance.now());
					if (window.__fail) return Promise.reject(new TypeError('offline'));
				}
				const p = real(url, init);
				// The page sent the jobs' query when it opened: its looks send only the hash, learnt here.
				if (url === '/graphql' && h && !window.__hash) p.then((r) => r.clone().text()).then((x) => { if (x.includes('"reassessJobs"')) window.__hash = h; }).catch(() => {});
				return p;
			};
			return '';
		})()`)
		looks := func() int { n, _ := strconv.Atoi(b.eval(`String(window.__looks.length)`)); return n }
		b.waitJS("the list looking at the job", `window.__looks.length >= 2`)
		b.eval(`(window.__hidden = true, '')`)
		hiddenAt := looks()
		b.do("the tab hidden for three looks' time", chromedp.Sleep(6*time.Second))
		if n := looks(); n > hiddenAt+1 {
			t.Errorf("the hidden tab looked at the jobs %d times in 6 s", n-hiddenAt)
		}
		shown := looks()
		b.eval(`(window.__hidden = false, '')`)
		b.waitJS("a look once the tab shows again", fmt.Sprintf(`window.__looks.length > %d`, shown))
		b.eval(`(window.__fail = true, window.__failFrom = window.__looks.length, '')`)
		b.within("the refresh hint after the failures", 60*time.Second, chromedp.WaitVisible(chromedp.CSS("#reassess-stale")))
		var gaps []float64
		if err := json.Unmarshal([]byte(b.eval(`JSON.stringify(window.__looks.slice(window.__failFrom).map((x, i, a) => i ? (x - a[i - 1]) / 1000 : 0).slice(1))`)), &gaps); err != nil {
			t.Fatal(err)
		}
		if len(gaps) != 3 || gaps[0] < 3.5 || gaps[1] < 7.5 || gaps[2] < 15 {
			t.Errorf("four failing looks, each waiting twice as long as the last, then the hint: the gaps were %v s", gaps)
		}
		if got := b.text("#reassess-stale"); !strings.Contains(got, "请刷新页面") {
			t.Errorf("the hint reads %q", got)
		}
		stopped := looks()
		b.do("after the hint", chromedp.Sleep(5*time.Second))
		if n := looks(); n != stopped {
			t.Errorf("after the hint the list looked %d times more", n-stopped)
		}
		b.accessible("the rule packs with the refresh hint")
		b.forget("offline")
		b.clean()
	})
}
