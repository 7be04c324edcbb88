package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebAdmin drives the admin pages in a real Chromium: a role granted and revoked with its audit
// record; an alias added that a complainant's type-ahead then finds; the routing table's draft
// refused at its field, then valid with its row diff, then published and shown in the admin audit log;
// a rule pack draft run against an example message and flagging it. Every admin page passes axe-core at phone and desktop widths.
func TestWebAdmin(t *testing.T) {
	env := startForBrowser(t, apptest.Options{NoWork: true, NoRelay: true})
	b := newBrowser(t, env.URL, 1280, 900)
	b.signIn("admin@redline.demo", `#nav a[href="#/admin/users"]`)
	// inForce reads what the administrator's change put in force, through the API.
	adminTok := env.Login(t, "admin@redline.demo", app.DemoPassword)
	inForce := func(t *testing.T, query string) map[string]any {
		t.Helper()
		for _, v := range env.MustDo(t, adminTok, query, nil) {
			return v.(map[string]any)
		}
		return nil
	}

	t.Run("GrantAndRevokeWithAuditRecord", func(t *testing.T) {
		b := b.with(t)
		env.Register(t, "grant-me@example.cn")
		b.do("find the user", chromedp.Navigate(env.URL+"/#/admin/users?q=grant-me"), chromedp.WaitVisible(chromedp.CSS("#user-list a")),
			chromedp.Click(chromedp.CSS("#user-list a")), chromedp.WaitVisible(chromedp.CSS("#grant-form")))
		// A domain the role cannot have: the server's error is shown at the domain field.
		b.set("#f-role", "institution_agent")
		b.set("#f-domain", "team:east")
		b.set("#f-reason", "工单 RL-3：新同事")
		b.refusedAt("#grant-form button[type=submit]", "domain", "机构角色须指定机构")
		b.set("#f-role", "analyst")
		if d := b.eval(`document.querySelector('#f-domain').value`); d != "team:east" {
			t.Logf("domain after choosing analyst: %q", d)
		}
		b.set("#f-domain", "*")
		b.do("grant analyst", chromedp.Click(chromedp.CSS("#grant-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#last-audit")))
		b.waitJS("the binding and its audit record", `!!document.querySelector('#bindings li[data-role="analyst"][data-domain="*"]') &&
			!!document.querySelector('#user-audit tr[data-action="role.grant"]')`)
		if row := b.text(`#user-audit tr[data-action="role.grant"]`); !strings.Contains(row, "分析员") || !strings.Contains(row, "授予角色") || !strings.Contains(row, "工单 RL-3：新同事") {
			t.Errorf("the grant's audit record reads %q", row)
		}
		b.check("admin-users")
		// The grant form offers every domain by name: no institution id to look up elsewhere.
		if o := b.eval(`document.querySelector('#f-domain').list?.querySelector('option[value="inst:1"]')?.textContent || ''`); o != "招商银行信用卡中心" {
			t.Errorf("the grant form's domain choices name inst:1 %q, want 招商银行信用卡中心", o)
		}

		// On a phone the users table is one card per user, each value under its column's name: nothing
		// scrolls sideways.
		ph := phoneAt(t, env, "admin@redline.demo", "/admin/users", "#user-list tbody tr")
		if got := ph.eval(`(() => { const w = document.querySelector('#user-list').closest('.table-wrap'), td = document.querySelector('#user-list tbody td');
			return (w.scrollWidth <= w.clientWidth) + '|' + getComputedStyle(td, '::before').content + '|' + getComputedStyle(document.querySelector('#user-list thead')).position })()`); got != `true|"编号"|absolute` {
			t.Errorf("the users table on a phone: %q, want no sideways scrolling and labelled cells", got)
		}
		ph.accessible("the users table on a phone")
		// A binding's domain is named, not coded: the institution and the team by name (the codes
		// the grant form takes are in the user's panel; session 30 walk).
		for _, want := range []string{"机构客服 · 招商银行信用卡中心", "审核员 · 华东投诉处理组", "分析员 · 全部范围"} {
			if list := ph.text("#user-list"); !strings.Contains(list, want) || strings.Contains(list, "inst:1") || strings.Contains(list, "team:east") {
				t.Errorf("the users list lacks %q or shows a scope's code: %q", want, list)
			}
		}
		// The audit log likewise: one card per entry, each value under its column's name.
		ph.do("open the audit log", chromedp.Navigate(env.URL+"/#/admin/audit"), chromedp.WaitVisible(chromedp.CSS("#audit-table tbody tr")))
		if got := ph.eval(`(() => { const w = document.querySelector('#audit-table').closest('.table-wrap'), tr = document.querySelector('#audit-table tbody tr');
			return (w.scrollWidth <= w.clientWidth) + '|' + [...tr.cells].map((td) => getComputedStyle(td, '::before').content).join(',') + '|' + getComputedStyle(document.querySelector('#audit-table thead')).position })()`); got != `true|"时间","操作人","操作","对象","详情","来源地址"|absolute` {
			t.Errorf("the audit log on a phone: %q, want no sideways scrolling and labelled cells", got)
		}
		ph.accessible("the audit log on a phone")
		ph.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		ph.waitJS("the audit log's labels in English", `getComputedStyle(document.querySelector('#audit-table tbody td'), '::before').content === '"When"'`)
		ph.do("back to Chinese", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		ph.clean()
		b.do("revoke without a reason", chromedp.Click(chromedp.CSS(`[data-revoke="analyst|*"]`)))
		b.waitJS("the reason asked for", `!document.querySelector('#err-revokeReason').hidden`)
		b.set("#f-revokeReason", "调岗")
		b.do("revoke: ask", chromedp.Click(chromedp.CSS(`[data-revoke="analyst|*"]`)))
		b.do("revoke: confirm", chromedp.Click(chromedp.CSS(`[data-revoke="analyst|*"]`)))
		b.waitJS("the revocation's audit record", `!document.querySelector('#bindings li[data-role="analyst"]') && !!document.querySelector('#user-audit tr[data-action="role.revoke"]')`)
		if row := b.text(`#user-audit tr[data-action="role.revoke"]`); !strings.Contains(row, "调岗") {
			t.Errorf("the revocation's audit record reads %q, want its reason", row)
		}
		b.clean()
	})

	// Staff accounts are opened by an administrator (complainants register): the form asks for the
	// team of a reviewer, shows the server's password rule at its field, and opens the new user.
	t.Run("CreateStaffAccount", func(t *testing.T) {
		b := b.with(t)
		// The search finds nobody yet: its empty list tells the page drawn for this address from the
		// one before it.
		b.do("open the form", chromedp.Navigate(env.URL+"/#/admin/users?q=new-reviewer"), chromedp.WaitVisible(chromedp.CSS("p#user-list.empty")),
			chromedp.Click(chromedp.CSS("#create-user summary")), chromedp.WaitVisible(chromedp.CSS("#f-displayName")))
		if b.eval(`String(document.querySelector('#create-teams').hidden && document.querySelector('#create-inst').hidden)`) != "true" {
			t.Error("team and institution are asked before a role is chosen")
		}
		b.set("#f-newRole", "reviewer")
		b.waitJS("the team asked for", `!document.querySelector('#create-teams').hidden && document.querySelector('#create-inst').hidden`)
		if o := b.eval(`document.querySelector('#f-teams option[value="east"]')?.textContent || ''`); o != "华东投诉处理组" {
			t.Errorf("the team choice for east reads %q, want its name", o)
		}
		b.do("fill it in", chromedp.SendKeys(chromedp.CSS("#f-email"), "new-reviewer@regulator.example.cn"),
			chromedp.SendKeys(chromedp.CSS("#f-displayName"), "周审核"), chromedp.SendKeys(chromedp.CSS("#f-password"), "short1"))
		b.refusedAt("#create-form button[type=submit]", "teams", "")
		b.set("#f-teams", "east")
		b.refusedAt("#create-form button[type=submit]", "password", "密码须为10至128个字符") // the server's rule
		b.forget("status of 4")
		b.accessible("the create-account form")
		b.set("#f-password", "first-password-2026")
		b.do("create", chromedp.Click(chromedp.CSS("#create-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#bindings li[data-role="reviewer"][data-domain="team:east"]`)))
		if f := b.text("main .flash"); !strings.Contains(f, "已创建账号 new-reviewer@regulator.example.cn") {
			t.Errorf("after creating: %q", f)
		}
		tok := env.Login(t, "new-reviewer@regulator.example.cn", "first-password-2026")
		if me := env.MustDo(t, tok, `{ me { role teams } }`, nil)["me"].(map[string]any); me["role"] != "reviewer" || fmt.Sprint(me["teams"]) != "[east]" {
			t.Errorf("the new account is %v", me)
		}
		b.onPhone("the users page with the new account")
		b.clean()
	})

	// After a pack changes, the administrator judges recent complaints again from the rules page: a
	// day in the future is refused at its field, a past one starts a job that the page lists.
	t.Run("ReassessFromTheRulesPage", func(t *testing.T) {
		b := b.with(t)
		b.do("open the rule packs", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#reassess-form")))
		b.set("#f-since", "2099-01-01")
		b.refusedAt("#reassess-form button[type=submit]", "since", "不晚于今天")
		b.forget("status of 4")
		b.set("#f-since", "2026-01-01")
		b.do("start", chromedp.SendKeys(chromedp.CSS("#f-reassessReason"), "新增“爆通讯录”词条"),
			chromedp.Click(chromedp.CSS("#reassess-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#reassess-jobs tbody tr[data-job]")))
		if row := b.text("#reassess-jobs tbody tr"); !strings.Contains(row, "新增“爆通讯录”词条") || !strings.Contains(row, "2026") {
			t.Errorf("the job listed: %q", row)
		}
		if f := b.text("main .flash"); !strings.Contains(f, "已开始重新评估") {
			t.Errorf("after starting: %q", f)
		}
		b.onPhone("the rules page with a reassessment")
		b.clean()
	})

	t.Run("AliasFoundByTheTypeAhead", func(t *testing.T) {
		b := b.with(t)
		b.do("open the institution", chromedp.Navigate(env.URL+"/#/admin/institutions?q="+"马上消费"), chromedp.WaitVisible(chromedp.CSS("#inst-list a")),
			chromedp.Click(chromedp.CSS("#inst-list a")), chromedp.WaitVisible(chromedp.CSS("#alias-form")))
		b.do("add an alias", chromedp.SendKeys(chromedp.CSS("#f-alias"), "闪电借钱"), chromedp.Click(chromedp.CSS("#alias-form button[type=submit]")))
		b.waitJS("the type-ahead check", `document.querySelector('#typeahead-check')?.dataset.found === 'true' && !!document.querySelector('#alias-list li[data-alias="闪电借钱"]')`)
		b.waitJS("the alias's audit record", `!!document.querySelector('#inst-audit tr[data-action="institution.alias.add"]')`)
		b.do("the same alias again", chromedp.SendKeys(chromedp.CSS("#f-alias"), "闪电借钱"), chromedp.Click(chromedp.CSS("#alias-form button[type=submit]")))
		b.waitJS("the alias error", `!document.querySelector('#err-alias').hidden`)
		b.check("admin-institutions")
		b.set("#e-nameEn", "Mashang Consumer Finance Company")
		b.do("save the English name", chromedp.Click(chromedp.CSS("#edit-form button[type=submit]")))
		b.waitJS("the English name saved, listed and audited", `document.querySelector('#e-nameEn')?.value === 'Mashang Consumer Finance Company'
			&& !!document.querySelector('#inst-status') && !!document.querySelector('#inst-audit tr[data-action="institution.update"]')`)

		// The complainant's filing page, at the lender step, finds the institution by the new alias.
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		me := env.MustDo(t, tok, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
		c := newBrowser(t, env.URL, 360, 780)
		c.signIn("complainant@redline.demo", "#mine-title")
		d, _ := json.Marshal(map[string]any{"step": 1, "key": "alias-typeahead", "relation": "SELF", "debtor": map[string]any{"name": "", "mobile": "", "idNumber": ""},
			"province": "440000", "product": "CONSUMER_LOAN", "lenderName": "", "lenderId": ""})
		c.eval(fmt.Sprintf(`(localStorage.setItem('redline.draft.%s', %q), '')`, me, d))
		c.do("type the alias", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS("#f-lenderName")),
			chromedp.SendKeys(chromedp.CSS("#f-lenderName"), "闪电借"))
		c.waitJS("the suggestion", `[...document.querySelectorAll('#lender-options option')].some(o => o.value === '马上消费金融股份有限公司' && o.label.includes('闪电借钱'))`)
		c.set("#f-lenderName", "马上消费金融股份有限公司")
		c.waitJS("the match", `(document.querySelector('#lender-match')?.textContent || '').includes('已匹配')`)
		c.clean()
	})

	t.Run("RoutingDraftValidateDiffPublish", func(t *testing.T) {
		b := b.with(t)
		b.do("open the routing table", chromedp.Navigate(env.URL+"/#/admin/routing"), chromedp.WaitVisible(chromedp.CSS("#rule-rows .rule-row")))
		b.set("#r-0-team", "atlantis")
		b.do("validate", chromedp.Click(chromedp.CSS("#validate")))
		b.waitJS("the team error", `!document.querySelector('[id="err-rules.0.team"]').hidden && document.querySelector('#r-0-team').getAttribute('aria-invalid') === 'true'`)
		if e := b.text(`[id="err-rules.0.team"]`); !strings.Contains(e, "处理组不存在") {
			t.Errorf("team error = %q", e)
		}
		b.set("#r-0-team", "east")
		b.do("validate again", chromedp.Click(chromedp.CSS("#validate")), chromedp.WaitVisible(chromedp.CSS("#routing-valid")))
		if d := b.text(`#routing-diff tr[data-op="~"]`); !strings.Contains(d, "north") || !strings.Contains(d, "east") || !strings.Contains(d, "北京") {
			t.Errorf("the row diff reads %q", d)
		}
		if n := b.eval(`document.querySelector('#routing-diff').dataset.changes`); n != "1" {
			t.Errorf("%s changes in the diff, want 1", n)
		}
		// Teams by name beside their codes, in the diff and the least-loaded choices.
		if d := b.text(`#routing-diff tr[data-op="~"]`); !strings.Contains(d, "华北及东北投诉处理组") || !strings.Contains(d, "华东投诉处理组") {
			t.Errorf("the routing diff names no team: %q", d)
		}
		if p := b.text("#team-policies"); !strings.Contains(p, "华东投诉处理组 east") {
			t.Errorf("the least-loaded choices read %q, want the teams by name", p)
		}
		b.check("admin-routing", "#routing-check")
		b.do("publish", chromedp.SendKeys(chromedp.CSS("#f-reason"), "北京的投诉交华东组试点"), chromedp.Click(chromedp.CSS("#publish")))
		b.waitJS("version 2", `(document.querySelector('#routing-current')?.textContent || '').includes('第 2 版')`)
		got := inForce(t, `{ routingTable { version reason rules { province team } } }`)
		if got["version"] != float64(2) || got["reason"] != "北京的投诉交华东组试点" || got["rules"].([]any)[0].(map[string]any)["team"] != "east" {
			t.Errorf("published table: %v", got["version"])
		}
		b.do("compare version 2", chromedp.Click(chromedp.CSS(`[data-compare="2"]`)), chromedp.WaitVisible(chromedp.CSS(`#version-rows tr[data-op="~"]`)))
		b.audited("routing.update", "发布路由表", "routing-table:2", "北京的投诉交华东组试点")
		b.clean()
	})

	t.Run("RulePackDraftFlagsExample", func(t *testing.T) {
		b := b.with(t)
		b.do("open the rule packs", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#f-document")))
		b.set("#f-texts", "你这个臭虫，赶紧还钱")
		doc := b.eval(`document.querySelector('#f-document').value`)
		b.set("#f-document", doc[:len(doc)/2])
		b.refusedAt("#try-pack", "document", "")
		b.eval(fmt.Sprintf(`(() => { const p = JSON.parse(%q); p.violations.ABUSIVE_LANGUAGE.phrases.push({weight: 0.9, zh: ['(臭虫)'], note: 'a new slur'});
			const el = document.querySelector('#f-document'); el.value = JSON.stringify(p, null, 1); el.dispatchEvent(new Event('input', {bubbles: true})); return ''; })()`, doc))
		b.do("run the draft", chromedp.Click(chromedp.CSS("#try-pack")), chromedp.WaitVisible(chromedp.CSS("#try-results")))
		b.waitJS("the flag", `!!document.querySelector('#try-results li[data-code="ABUSIVE_LANGUAGE"][data-phrase="臭虫"] .new') &&
			document.querySelector('#try-results mark')?.textContent === '臭虫'`)
		b.do("show the changes", chromedp.Click(chromedp.CSS("#show-diff")), chromedp.WaitVisible(chromedp.CSS("#pack-diff")))
		if a := b.eval(`document.querySelector('#pack-diff').dataset.added`); a == "0" || a == "" {
			t.Errorf("the diff adds %q lines", a)
		}
		if d := b.text("#pack-diff"); !strings.Contains(d, "臭虫") {
			t.Errorf("the diff does not show the new phrase: %q", d)
		}
		b.check("admin-rules", "#try-box")
	})

	t.Run("CalendarsAndDeadlinePolicies", func(t *testing.T) {
		b := b.with(t)
		b.do("open the calendars", chromedp.Navigate(env.URL+"/#/admin/deadlines"), chromedp.WaitVisible(chromedp.CSS(`tr[data-clock="INSTITUTION_RESPONSE"]`)))
		if r := b.text(`tr[data-clock="INSTITUTION_RESPONSE"]`); !strings.Contains(r, "15") || !strings.Contains(r, "60") || !strings.Contains(r, "外部鉴定") {
			t.Errorf("the institution's clock reads %q", r)
		}
		if c := b.eval(`document.querySelector('details[data-year="2024"]').textContent`); !strings.Contains(c, "春节") {
			t.Errorf("the 2024 calendar reads %q", c)
		}
		// A make-up workday on a Wednesday is refused at its field, before the server is asked.
		b.set("#f-wDate", "2026-03-11")
		b.refusedAt("#add-workday", "wDate", "周末")
		// A two-day holiday goes into the draft, kept on the device across a reload.
		b.set("#f-hNameZh", "地方停工日")
		b.set("#f-hName", "Local work stoppage")
		b.set("#f-hFrom", "2026-03-12")
		b.set("#f-hTo", "2026-03-13")
		b.do("add the holiday", chromedp.Click(chromedp.CSS("#add-holiday")))
		b.waitJS("the holiday in the draft", `document.querySelector('#cal-changes')?.dataset.changed === 'true' && !!document.querySelector('details[data-year="2026"] li[data-holiday="地方停工日"]')`)
		b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`details[data-year="2026"] li[data-holiday="地方停工日"]`)))
		b.check("admin-deadlines", "#calendar")
		b.screenshots("admin-calendar-edit", "#cal-edit")
		// Publishing needs a reason; then the calendar in force is version 2, with the holiday.
		b.refusedAt("#publish-calendar", "calReason", "")
		b.do("publish", chromedp.SendKeys(chromedp.CSS("#f-calReason"), "依据市政府停工通知"), chromedp.Click(chromedp.CSS("#publish-calendar")))
		b.waitJS("version 2", `document.querySelector('#cal-version')?.dataset.version === '2' && document.querySelector('#cal-changes')?.dataset.changed === 'false' &&
			!!document.querySelector('details[data-year="2026"] li[data-holiday="地方停工日"]')`)
		if v := b.text("#cal-version"); !strings.Contains(v, "依据市政府停工通知") {
			t.Errorf("the calendar's version line = %q", v)
		}
		got := inForce(t, `{ deadlineRules(jurisdiction: CN) { calendarVersion calendar } }`)
		if got["calendarVersion"] != float64(2) || !strings.Contains(got["calendar"].(string), `"from": "2026-03-12"`) {
			t.Errorf("the calendar in force: version %v", got["calendarVersion"])
		}
		b.audited("calendar.update", "发布工作日历", "依据市政府停工通知")
		b.do("back to the calendars", chromedp.Navigate(env.URL+"/#/admin/deadlines"), chromedp.WaitVisible(chromedp.CSS("#policy-form")))
		// The deadline policy: a shrinking stage is refused at its field before the server is asked;
		// the diff shows the change; published with a reason it is revision 2, in the audit log.
		if v := b.text("#policy-version"); !strings.Contains(v, "CN-2024.1") {
			t.Errorf("the policy's version line = %q", v)
		}
		b.set("#f-days-INSTITUTION_RESPONSE-1", "10")
		b.refusedAt("#publish-policy", "days-INSTITUTION_RESPONSE-1", "上一阶段")
		b.set("#f-days-INSTITUTION_RESPONSE-1", "30")
		b.set("#f-days-ACCEPTANCE-0", "5")
		b.waitJS("the diff", `document.querySelector('#policy-diff')?.dataset.changed === 'true'`)
		if d := b.text("#policy-diff"); !strings.Contains(d, "7 → 5") {
			t.Errorf("the policy diff reads %q", d)
		}
		b.check("admin-deadline-policy", "#policy-edit")
		b.do("publish the policy", chromedp.SendKeys(chromedp.CSS("#f-polReason"), "依据监管通知缩短受理时限"), chromedp.Click(chromedp.CSS("#publish-policy")))
		b.waitJS("revision 2", `document.querySelector('#policy-version')?.dataset.revision === '2' && document.querySelector('#f-days-ACCEPTANCE-0')?.value === '5'`)
		if v := b.text("#policy-version"); !strings.Contains(v, "依据监管通知缩短受理时限") || !strings.Contains(v, "CN-2024.1+r2") {
			t.Errorf("the policy's version line = %q", v)
		}
		pol := inForce(t, `{ deadlineRules(jurisdiction: CN) { policyRevision policy } }`)
		if pol["policyRevision"] != float64(2) || !strings.Contains(pol["policy"].(string), `"days": 5`) {
			t.Errorf("the policy in force: revision %v", pol["policyRevision"])
		}
		b.audited("policy.update", "发布时限政策", "依据监管通知缩短受理时限")
		b.do("back to the deadlines", chromedp.Navigate(env.URL+"/#/admin/deadlines"), chromedp.WaitVisible(chromedp.CSS("#holiday-form")))
		b.clean()
		// On a phone the editor fits and passes axe-core.
		ph := phoneAt(t, env, "admin@redline.demo", "/admin/deadlines", "#holiday-form")
		ph.accessible("the calendar and policy editors on a phone")
		ph.clean()
	})

	t.Run("AuditLogFiltered", func(t *testing.T) {
		b := b.with(t)
		b.do("open the audit log", chromedp.Navigate(env.URL+"/#/admin/audit"), chromedp.WaitVisible(chromedp.CSS("#audit-filter")))
		b.set("#f-action", "role.")
		b.do("filter", chromedp.Click(chromedp.CSS("#audit-filter button[type=submit]")))
		b.waitJS("role changes only", `location.hash.includes('action=role.') && document.querySelectorAll('#audit-table tbody tr').length >= 2 &&
			[...document.querySelectorAll('#audit-table tbody tr')].every(r => r.dataset.action.startsWith('role.'))`)
		b.set("#f-actorId", "x")
		b.refusedAt("#audit-filter button[type=submit]", "actorId", "")
		b.check("admin-audit")
	})
}

// refusedAt presses button and waits for the error at the field (its err-<field> element) that
// says want ("" for any error).
func (b *browser) refusedAt(button, field, want string) {
	b.t.Helper()
	b.do("press "+button, chromedp.Click(chromedp.CSS(button)))
	b.waitJS("the error at "+field, fmt.Sprintf(`!document.getElementById(%q).hidden`, "err-"+field))
	if e := b.text(fmt.Sprintf(`[id=%q]`, "err-"+field)); !strings.Contains(e, want) {
		b.t.Errorf("the error at %s = %q, want it to say %q", field, e, want)
	}
}

// audited opens the admin audit log filtered to action and checks that its entry says each of wants.
func (b *browser) audited(action string, wants ...string) {
	b.t.Helper()
	row := fmt.Sprintf(`#audit-table tr[data-action=%q]`, action)
	b.do(action+" in the audit log", chromedp.Navigate(b.base+"/#/admin/audit?action="+action), chromedp.WaitVisible(chromedp.CSS(row)))
	got := b.text(row)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			b.t.Errorf("the %s audit entry reads %q, want %q in it", action, got, w)
		}
	}
}
