package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/rules"
)

// TestWebWalk30 holds what session 30's walk found carrying out the operations no walk had: an
// administrator creating accounts that then sign in, a rules administrator publishing a revision
// and following a reassessment to its end, a supervisor deciding an institution's extension
// requests, and a form's errors across the language switch. zh then en, 360 px and desktop. Each
// subtest signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk30/X').
func TestWebWalk30(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// The user list read 审核员 · 华东投诉处理组 team:east and Complainant · everywhere *: the grant
	// form's codes beside the names. The list says the scope in words, in both languages; the
	// accounts created (each role, with its team or institution) sign in to their own pages.
	t.Run("CreatedAccountsSignIn", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the users", chromedp.Navigate(env.URL+"/#/admin/users"), chromedp.WaitVisible(chromedp.CSS("#user-list")))
		noCodes := func(when string) {
			t.Helper()
			if got := b.text("#user-list"); strings.Contains(got, "team:") || strings.Contains(got, "inst:") || strings.Contains(got, " *") {
				t.Errorf("%s the user list shows the scopes' codes: %q", when, got)
			}
		}
		noCodes("in Chinese")
		accounts := []struct{ role, email, name, scope, home, zh, en string }{
			{"reviewer", "s30-reviewer@redline.demo", "钱审核", "team:north", "#queue-title", "审核员", "Reviewer"},
			{"supervisor", "s30-supervisor@redline.demo", "周主管", "team:east", "#nav .who", "主管", "Supervisor"},
			{"institution_agent", "s30-agent@redline.demo", "招行客服二", "inst", "#inbox-list", "机构", "Institution agent"},
			{"institution_admin", "s30-instadmin@redline.demo", "招行管理员二", "inst", "#nav .who", "机构", "Institution admin"},
			{"analyst", "s30-analyst@redline.demo", "吴分析", "", "#nav .who", "分析", "Analyst"},
			{"admin", "s30-admin@redline.demo", "郑管理员", "", "#nav .who", "管理员", "Administrator"},
		}
		const password = "walk-s30-first-1"
		for _, a := range accounts {
			b.do("open the new account's form", chromedp.Navigate(env.URL+"/#/admin/users"))
			b.waitJS("the users drawn afresh", `location.hash === '#/admin/users' && !document.querySelector('#bindings') && !!document.querySelector('#create-user summary')`)
			b.eval(`(document.querySelector('#create-user').open = true, '')`)
			b.set("#f-email", a.email)
			b.set("#f-displayName", a.name)
			b.set("#f-newRole", a.role)
			b.set("#f-password", password)
			switch {
			case strings.HasPrefix(a.scope, "team:"):
				b.set("#f-teams", strings.TrimPrefix(a.scope, "team:"))
			case a.scope == "inst":
				b.set("#f-institutionId", b.eval(`document.querySelector('#f-institutionId').options[1].value`))
			}
			b.do("create "+a.email, chromedp.Click(chromedp.CSS("#create-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#user-panel #bindings")))
			if got := b.text("main .flash"); !strings.Contains(got, "已创建账号 "+a.email) {
				t.Errorf("after creating %s the page says %q", a.email, got)
			}
			row := b.eval(fmt.Sprintf(`[...document.querySelectorAll('#user-list tr')].find((r) => r.textContent.includes(%q))?.textContent || ''`, a.email))
			if row == "" || strings.Contains(row, "team:") || strings.Contains(row, "inst:") {
				t.Errorf("the list's row of %s reads %q", a.email, row)
			}
		}
		b.do("the whole list", chromedp.Navigate(env.URL+"/#/admin/users"))
		b.waitJS("the users drawn afresh", `location.hash === '#/admin/users' && !document.querySelector('#bindings') && document.querySelectorAll('#user-list tr[data-user]').length > 5`)
		b.accessible("the users with the accounts created")
		b.onPhone("the users with the accounts created")
		b.toEnglish()
		noCodes("in English")
		if got := b.text("#user-list"); !strings.Contains(got, "North and Northeast complaints team") || !strings.Contains(got, "everywhere") {
			t.Errorf("the English list does not name the scopes: %q", got)
		}
		b.clean()

		for _, a := range accounts {
			p := newBrowser(t, env.URL, 360, 780)
			p.firstPassword(a.email, password, password+"-mine")
			p.signInAs(a.email, password+"-mine", a.home)
			if p.eval(`document.querySelector('#page-error') ? 'error' : ''`) != "" {
				t.Errorf("%s's first page after the change is an error: %q", a.email, p.text("main"))
			}
			if got := p.text("#nav .who"); !strings.Contains(got, a.name) || !strings.Contains(got, a.zh) {
				t.Errorf("%s signed in reads %q", a.email, got)
			}
			p.accessible(a.email + "'s first page")
			p.toEnglish()
			if got := p.text("#nav .who"); !strings.Contains(got, a.en) {
				t.Errorf("%s signed in reads %q in English", a.email, got)
			}
			p.clean()
		}
	})

	// The account form refused an empty e-mail with 请填写电子邮箱。; switching to English drew the
	// page again without the error (and the form closed), so nothing said what was wrong. The errors
	// shown are drawn again in the other language, and back.
	t.Run("FieldErrorsFollowTheLanguage", func(t *testing.T) {
		b := phoneAt(t, env, "admin@redline.demo", "/admin/users", "#create-user summary")
		b.do("open the form", chromedp.Click(chromedp.CSS("#create-user summary")), chromedp.WaitVisible(chromedp.CSS("#f-email")))
		b.set("#f-displayName", "冯审核")
		b.do("create without an e-mail", chromedp.Click(chromedp.CSS("#create-form button[type=submit]")))
		b.waitJS("the errors", `!document.querySelector('#err-email').hidden`)
		if got := b.text("#err-email"); !strings.Contains(got, "请填写电子邮箱") {
			t.Errorf("the e-mail's error reads %q", got)
		}
		b.accessible("the account form's errors")
		b.toEnglish()
		shown := func(id, want string) {
			t.Helper()
			got := b.eval(fmt.Sprintf(`(() => { const p = document.querySelector('#err-%s'); return p && !p.hidden && p.closest('details')?.open !== false ? p.textContent + (document.querySelector('#f-%s').getAttribute('aria-invalid') === 'true' ? ' [invalid]' : '') : ''; })()`, id, id))
			if !strings.Contains(got, want) || !strings.Contains(got, "[invalid]") {
				t.Errorf("after the switch the %s's error reads %q, want %q shown and the field marked", id, got, want)
			}
		}
		shown("email", "Enter the e-mail address.")
		shown("newRole", "Choose a role.")
		if got := b.eval(`document.querySelector('#err-displayName').hidden ? '' : 'shown'`); got != "" {
			t.Error("the name typed shows an error after the switch")
		}
		b.accessible("the account form's errors in English")
		b.toChinese()
		shown("email", "请填写电子邮箱。")
		b.set("#f-email", "feng@redline.demo")
		if got := b.eval(`document.querySelector('#err-email').hidden ? '' : 'shown'`); got != "" {
			t.Error("the e-mail's error stays once an e-mail is typed")
		}
		b.clean()
	})

	// A rules administrator publishes a revision with its reason and starts a reassessment of the
	// complaints filed since today: the job list said 排队中 and stayed so until the page was opened
	// again. It follows the job to its end by itself; the complaint's history says it was judged
	// again.
	t.Run("PublishAndFollowTheReassessment", func(t *testing.T) {
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		id := env.MustDo(t, tok, fileQuery, map[string]any{"i": map[string]any{
			"relation": "SELF", "province": "310000", "product": "CREDIT_CARD", "lenderName": demoLender,
			"debtor":    map[string]any{"name": "王芳", "mobile": "13812345678", "idNumber": "11010519491231002X"},
			"narrative": "对方在电话里一直叫我紫色长颈鹿，我很难受。"}})["fileComplaint"].(map[string]any)["id"].(string)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		ref := routedReference(t, env, sup, id)

		edited, _ := json.MarshalIndent(apptest.PackWithPhrase(t, rules.CN, "ABUSIVE_LANGUAGE", map[string]any{"weight": 0.8, "zh": []any{"紫色长颈鹿"}}), "", " ")

		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("open the rule packs", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#pack-form")))
		b.set("#f-document", string(edited))
		const why = "新增侮辱用语“紫色长颈鹿”"
		b.set("#f-reason", why)
		b.do("publish", chromedp.Click(chromedp.CSS("#pack-form button[type=submit]")))
		b.waitJS("the revision published", `/已发布第 2 次修订/.test(document.querySelector('main .flash')?.textContent || '')`)
		if got := b.text("#pack-current"); !strings.Contains(got, "第 2 次修订") || !strings.Contains(got, "紫色长颈鹿") {
			t.Errorf("the pack in force reads %q", got)
		}
		today := time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
		b.set("#f-since", today)
		b.set("#f-reassessReason", "第 2 次修订后重新评估")
		b.do("start", chromedp.Click(chromedp.CSS("#reassess-form button[type=submit]")))
		b.waitJS("the job started", `/已开始重新评估/.test(document.querySelector('main .flash')?.textContent || '') && !!document.querySelector('#reassess-jobs tr[data-job]')`)
		b.waitJS("the job followed to its end without opening the page again", `document.querySelector('#reassess-jobs tr[data-job]').dataset.state === 'DONE'`)
		cells := func() string {
			return b.eval(`[...document.querySelectorAll('#reassess-jobs tr[data-job] td')].map((td) => td.textContent.trim().replace(/\s+/g, ' ')).join(' | ')`)
		}
		// Started, filed since today, done (and when), one complaint changed, none unchanged, why.
		if got, since := cells(), b.eval(`document.querySelector('#reassess-jobs tr[data-job] [data-since]').textContent`); !strings.Contains(got, "已完成结束于") ||
			!strings.Contains(got, "| 1 | 0 | 第 2 次修订后重新评估") || !strings.Contains(since, "年") {
			t.Errorf("the job's row reads %q", got)
		}
		b.accessible("the rule packs with a job done")
		b.onPhone("the rule packs with a job done")
		b.toEnglish()
		if got := cells(); !strings.Contains(got, "Doneended") || !strings.Contains(got, "| 1 | 0 |") ||
			b.eval(`document.querySelector('#reassess-jobs tr[data-job] td:last-child [lang]')?.lang || ''`) != "zh-CN" {
			t.Errorf("the English job's row reads %q, its Chinese reason not marked", got)
		}
		b.clean()

		// The complaint's history (staff read it) says what the new revision found.
		p := phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, "#complaint .timeline")
		entry := `document.querySelector('#complaint .timeline li[data-action="RULES_REASSESSED"]')?.textContent || ''`
		if got := p.eval(entry); !strings.Contains(got, "按新版规则包重新评估") || !strings.Contains(got, "1 → 2 次修订") || !strings.Contains(got, "新标出：侮辱") {
			t.Errorf("the reassessment's history entry reads %q", got)
		}
		p.accessible("a reassessed complaint's history")
		p.toEnglish()
		if got := p.eval(entry); !strings.Contains(got, "revision 1 → 2") || !strings.Contains(got, "now flagged: Insults") {
			t.Errorf("the English history entry reads %q", got)
		}
		p.clean()
	})

	// A supervisor refuses one institution's second extension (with a reason) and approves
	// another's; the institution reads each outcome with the reason, the day its answer is due and
	// the days left.
	t.Run("ExtensionDecisionsReachTheInstitution", func(t *testing.T) {
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		pending := func() (ref, id string) {
			ref = forwardedToTheDemoLender(t, env)
			id = env.MustDo(t, agent, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"].(string)
			for i, why := range []string{"需调取外包催收机构的全部通话录音", "录音涉及三家外包机构，需逐一核实"} {
				next := env.MustDo(t, agent, `query($r: ID!) { complaint(id: $r) { nextExtension { days } } }`, map[string]any{"r": id})["complaint"].(map[string]any)["nextExtension"].(map[string]any)
				st := env.MustDo(t, agent, `mutation($id: ID!, $d: Int!, $r: String!) { requestExtension(id: $id, days: $d, reason: $r) { status } }`,
					map[string]any{"id": id, "d": next["days"], "r": why})["requestExtension"].(map[string]any)["status"]
				if want := []string{"GRANTED", "PENDING"}[i]; st != want {
					t.Fatalf("extension %d is %v, want %s", i+1, st, want)
				}
			}
			return ref, id
		}
		refused, _ := pending()
		approved, _ := pending()

		s := phoneAt(t, env, "supervisor@redline.demo", "/supervise", "#extensions")
		item := func(ref string) string { return fmt.Sprintf(`.ext-item[data-ref=%q]`, ref) }
		b := s
		b.waitJS("both requests listed", fmt.Sprintf(`!!document.querySelector('%s') && !!document.querySelector('%s')`, item(refused), item(approved)))
		dueNow := b.text(item(refused) + " .ext-now time")
		dueIfApproved := b.text(item(approved) + " .ext-until strong")
		b.do("refuse without a reason", chromedp.Click(chromedp.CSS(item(refused)+` button[value=refuse]`)))
		b.waitJS("the reason asked for", fmt.Sprintf(`!document.querySelector('%s .field-error').hidden`, item(refused)))
		b.toEnglish()
		if got := b.eval(fmt.Sprintf(`(() => { const p = document.querySelector('%s .field-error'); return p && !p.hidden ? p.textContent : ''; })()`, item(refused))); !strings.Contains(got, "Give a reason to refuse.") {
			t.Errorf("after the switch the refusal's error reads %q", got)
		}
		b.toChinese()
		const because = "录音调取不需要额外时间，请按期答复"
		if got := b.eval(fmt.Sprintf(`document.querySelector('%s .field-error').textContent`, item(refused))); !strings.Contains(got, "驳回延期申请须说明理由") {
			t.Errorf("back in Chinese the refusal's error reads %q", got)
		}
		b.set(item(refused)+" textarea", because)
		if b.eval(fmt.Sprintf(`String(document.querySelector('%s .field-error').hidden)`, item(refused))) != "true" {
			t.Error("the refusal's error stays while the reason is typed")
		}
		b.do("refuse", chromedp.Click(chromedp.CSS(item(refused)+` button[value=refuse]`)))
		b.waitJS("the refused request gone", fmt.Sprintf(`!document.querySelector('%s')`, item(refused)))
		b.do("approve", chromedp.Click(chromedp.CSS(item(approved)+` button[value=approve]`)))
		b.waitJS("the approved request gone", fmt.Sprintf(`!document.querySelector('%s')`, item(approved)))
		b.accessible("the supervision page after the decisions")
		b.clean()

		// The institution reads each outcome under its answer's due day: refused with the reason, due
		// as before; approved, due on the day the supervisor saw; and whose reason is whose.
		for _, c := range []struct{ ref, zh, en, due string }{
			{refused, "主管未批准延期申请，理由：“" + because + "”。答复期限不变，请在 ", "A supervisor refused the extension, because: “" + because + "”. The answer is due as before, by ", dueNow},
			{approved, "主管已批准延期（答复总期限 60 天），请在 ", "A supervisor approved the extension (60 days in all): answer by ", dueIfApproved},
		} {
			a := phoneAt(t, env, "agent@redline.demo", "/c/"+c.ref, "#respond")
			due := a.text("#respond .countdown")
			if got := a.eval(`document.querySelector('#extension-outcome')?.textContent || ''`); !strings.Contains(got, c.zh+c.due) || !strings.Contains(due, c.due) || !strings.Contains(due, "还剩") {
				t.Errorf("the institution reads %q under the due day %q, want %q", got, due, c.zh+c.due)
			}
			if c.ref == refused {
				if got := a.text("#extensions li[data-status=DENIED]"); !strings.Contains(got, "申请理由：录音涉及") || !strings.Contains(got, "主管的理由："+because) || !strings.Contains(got, "主管决定于") {
					t.Errorf("the refused request reads %q", got)
				}
			}
			a.accessible("the institution's page of a decided extension")
			a.toEnglish()
			if got := a.eval(`document.querySelector('#extension-outcome')?.textContent || ''`); !strings.Contains(got, c.en) || !strings.Contains(a.text("#respond .countdown"), "days left") {
				t.Errorf("the English page reads %q, want %q", got, c.en)
			}
			a.clean()
		}
	})
}
