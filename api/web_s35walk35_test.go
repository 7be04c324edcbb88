package api_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk35 holds what session 35's walk (walk35) found walking every role's work on the demo
// platform, 360 px phones and a desktop, zh then the language switch, axe-core at each state. Each
// subtest signs in on browsers of its own, so each runs alone (go test -run 'TestWebWalk35/X').
func TestWebWalk35(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// A supervisor on a phone read 20 breaches and 20 near-breaches, then 评价期已过, before the
	// extension requests that only a supervisor decides (an institution waits on each). They come
	// first for a supervisor.
	t.Run("SupervisorDecidesFirst", func(t *testing.T) {
		ref := forwardedToTheDemoLender(t, env)
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		// The first extension is granted as asked; the second waits for a supervisor.
		for _, why := range []string{"需调取外包催收机构的全部通话录音", "录音涉及三家外包机构，需逐一核实"} {
			c := env.MustDo(t, agent, `query($r: ID!) { complaint(id: $r) { id nextExtension { days } } }`, map[string]any{"r": ref})["complaint"].(map[string]any)
			env.MustDo(t, agent, `mutation($id: ID!, $d: Int!, $r: String!) { requestExtension(id: $id, days: $d, reason: $r) { status } }`,
				map[string]any{"id": c["id"], "d": c["nextExtension"].(map[string]any)["days"], "r": why})
		}

		s := phoneAt(t, env, "supervisor@redline.demo", "/supervise", `#extensions .ext-item[data-ref="`+ref+`"]`)
		first := `(() => { const top = (id) => document.getElementById(id).getBoundingClientRect().top;
			return String(top('extensions') < top('breaches') && top('extensions') < top('near') && top('extensions') < top('lapsed')); })()`
		if s.eval(first) != "true" {
			t.Error("on the supervisor's phone the extension requests come after the breaches")
		}
		s.accessible("the supervision page with an extension request first")
		s.screenshot("walk35-supervise-phone.png", "")
		s.toEnglish()
		if s.eval(first) != "true" {
			t.Error("on the supervisor's English page the extension requests come after the breaches")
		}
		s.accessible("the English supervision page")
		s.clean()
	})

	// The staff case page showed its shortcut letters (认领 c, 指派 a …) on the action buttons of a
	// phone, which has no keyboard to press them on; a desktop keeps them.
	t.Run("NoShortcutLettersOnPhones", func(t *testing.T) {
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
			"relation": "PARENT", "province": "310000", "product": "CREDIT_CARD", "lenderId": demoLenderGraphID(t, env),
			"narrative": "催收员每天晚上十一点以后还打电话找我儿子，我睡不着觉。", "violations": []any{"IMPROPER_HOURS"}}})["fileComplaint"].(map[string]any)["id"].(string)
		ref := routedReference(t, env, sup, id)
		shown := `String([...document.querySelectorAll('.action-buttons kbd')].filter((k) => k.offsetParent !== null).length)`
		p := phoneAt(t, env, "reviewer@redline.demo", "/c/"+ref, "#actions .action-buttons")
		if got := p.eval(shown); got != "0" {
			t.Errorf("the phone shows %s shortcut letters on the action buttons", got)
		}
		p.accessible("the case page on a phone")
		p.clean()

		d := newBrowser(t, env.URL, 1280, 900)
		d.signIn("reviewer@redline.demo", "#nav .who")
		d.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#actions .action-buttons")))
		if got := d.eval(shown); got == "0" {
			t.Error("the desktop shows no shortcut letters")
		}
		d.clean()
	})

	// A complaint disputed, then investigated or escalated, runs no clock (DOMAIN.md sets none):
	// the complainant read 已升级处理 and a line, the staff and the lender no date and no next step.
	// Each reads what comes next, who takes it, since when the complaint stands there, and that no
	// time limit applies (not a date no law gives).
	t.Run("NextStepWithoutADeadline", func(t *testing.T) {
		ref, id := answeredByTheDemoLender(t, env)
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, owner, `mutation($id: ID!) { submitFeedback(id: $id, decision: DISPUTE, satisfaction: 1, comment: "还在打电话") { status } }`, map[string]any{"id": id})
		env.MustDo(t, sup, `mutation($id: ID!) { investigateComplaint(id: $id, reason: "投诉人称催收仍在继续，需调取录音。") { id } }`, map[string]any{"id": id})

		next := `document.querySelector('#next-step')?.textContent.replace(/\s+/g, ' ') || ''`
		st := phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := st.eval(next); !strings.Contains(got, "下一步：调查后办结或升级处理") || !strings.Contains(got, "启动调查于") || !strings.Contains(got, "没有到期日") {
			t.Errorf("the staff case page of an investigation reads %q", got)
		}
		st.accessible("the case page of an investigation")
		st.clean()

		env.MustDo(t, sup, `mutation($id: ID!) { escalateComplaint(id: $id, reason: "涉及多名亲友被骚扰，需处长关注。") { id } }`, map[string]any{"id": id})
		own := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := own.eval(next); !strings.Contains(got, "下一步：上级监管人员决定办结或移送其他机关，结果会通知您") || !strings.Contains(got, "升级处理于") || !strings.Contains(got, "今天") || !strings.Contains(got, "没有到期日") {
			t.Errorf("the complainant's page of an escalated complaint reads %q", got)
		}
		own.accessible("the complainant's escalated complaint")
		own.screenshot("walk35-next-step-phone.png", "")
		own.toEnglish()
		if got := own.eval(next); !strings.Contains(got, "Next: senior regulator staff close it or refer it to another body") || !strings.Contains(got, "Escalated on") || !strings.Contains(got, "no due date") {
			t.Errorf("the complainant's English page reads %q", got)
		}
		if got := own.eval(unmarkedChinese("#next-step")); got != "" {
			t.Errorf("the English next step reads Chinese: %s", got)
		}
		own.accessible("the complainant's English escalated complaint")
		own.clean()

		st = phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := st.eval(next); !strings.Contains(got, "下一步：办结，或移送其他机关") {
			t.Errorf("the staff case page of an escalated complaint reads %q", got)
		}
		st.clean()
		inst := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := inst.eval(next); !strings.Contains(got, "下一步：上级监管人员决定办结或移送其他机关") || strings.Contains(got, "通知您") {
			t.Errorf("the lender's page of an escalated complaint reads %q", got)
		}
		inst.accessible("the lender's escalated complaint")
		inst.clean()
	})

	// A complainant who disputed the answer read "调查结果会通知您" once the regulator opened an
	// investigation, and was told nothing of the opening itself (no notice for it): she is told, in
	// her notifications, in both languages.
	t.Run("ToldOfTheInvestigation", func(t *testing.T) {
		ref, id := answeredByTheDemoLender(t, env)
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, owner, `mutation($id: ID!) { submitFeedback(id: $id, decision: DISPUTE, satisfaction: 1, comment: "还在打电话") { status } }`, map[string]any{"id": id})
		env.MustDo(t, sup, `mutation($id: ID!) { investigateComplaint(id: $id, reason: "投诉人称催收仍在继续，需调取录音。") { id } }`, map[string]any{"id": id})
		apptest.Eventually(t, apptest.Patience, "the complainant's notice of the investigation", func() bool {
			r := env.Do(t, owner, `{ notifications(first: 50) { edges { node { kind complaintReference } } } }`, nil)
			for _, e := range r.Data["notifications"].(map[string]any)["edges"].([]any) {
				n := e.(map[string]any)["node"].(map[string]any)
				if n["kind"] == "INVESTIGATION_OPENED" && n["complaintReference"] == ref {
					return true
				}
			}
			return false
		})
		item := `[...document.querySelectorAll('#notif-list li[data-kind="INVESTIGATION_OPENED"]')].map((li) => li.textContent.replace(/\s+/g, ' ')).find((s) => s.includes('` + ref + `')) || ''`
		b := phoneAt(t, env, "complainant@redline.demo", "/notifications", "#notif-list")
		if got := b.eval(item); !strings.Contains(got, "已启动调查") || !strings.Contains(got, "调查结果会通知您") {
			t.Errorf("the complainant's notice reads %q", got)
		}
		b.accessible("the notifications with the investigation's notice")
		b.toEnglish()
		if got := b.eval(item); !strings.Contains(got, "Investigation opened") {
			t.Errorf("the complainant's English notice reads %q", got)
		}
		b.clean()
	})

	// An escalated complaint runs no clock, so it never showed among the breaches or near-breaches:
	// the supervisor, the senior staff it goes to, found it nowhere on the supervision page, and the
	// complainant's list gave it its filing time and nothing more. The supervision page lists the
	// disputed, investigated and escalated complaints, longest at their step first, with since when;
	// the complainant's list says the regulator has it and no time limit applies.
	t.Run("EscalatedOnTheSupervisorsPage", func(t *testing.T) {
		ref, id := answeredByTheDemoLender(t, env)
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, owner, `mutation($id: ID!) { submitFeedback(id: $id, decision: DISPUTE, satisfaction: 1, comment: "还在打电话") { status } }`, map[string]any{"id": id})
		env.MustDo(t, sup, `mutation($id: ID!) { escalateComplaint(id: $id, reason: "涉及多名亲友被骚扰，需处长关注。") { id } }`, map[string]any{"id": id})

		s := phoneAt(t, env, "supervisor@redline.demo", "/supervise", "#sv-title")
		row := `document.querySelector('#waiting .sv-case[data-ref="` + ref + `"]')?.textContent.replace(/\s+/g, ' ') || ''`
		if got := s.eval(row); !strings.Contains(got, "升级处理于") || !strings.Contains(got, "今天") {
			t.Errorf("the supervisor's page lists the escalated complaint as %q", got)
		}
		s.accessible("the supervision page with an escalated complaint")
		s.toEnglish()
		if got := s.eval(row); !strings.Contains(got, "Escalated on") {
			t.Errorf("the supervisor's English page lists the escalated complaint as %q", got)
		}
		if got := s.eval(unmarkedChinese("#waiting")); got != "" {
			t.Errorf("the English list reads Chinese unmarked: %s", got)
		}
		s.accessible("the English supervision page with an escalated complaint")
		s.clean()

		m := phoneAt(t, env, "complainant@redline.demo", "/mine", "#mine-title")
		item := `document.querySelector('a.case[data-ref="` + ref + `"] .case-next')?.textContent || ''`
		m.waitJS("the list", `!!document.querySelector('a.case[data-ref="`+ref+`"]')`)
		if got := m.eval(item); !strings.Contains(got, "监管部门处理中") {
			t.Errorf("the complainant's list says of the escalated complaint %q", got)
		}
		m.accessible("the complainant's list with an escalated complaint")
		m.clean()
	})

	// A supervisor working on the English page asked a complainant who had written in Chinese a
	// question in English; she read it on her Chinese page with nothing said. The form tells the
	// reviewer the complainant's language and warns while the question is in another; the
	// complainant reads in which language it was written, that it is shown as written (the platform
	// translates nothing), and that she may answer in Chinese.
	t.Run("QuestionInAnotherLanguage", func(t *testing.T) {
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
			"relation": "CHILD", "province": "310000", "product": "CONSUMER_LOAN", "lenderId": demoLenderGraphID(t, env),
			"narrative": "催收员天天打电话给我，说我妈妈欠钱不还，要去她单位闹。", "violations": []any{"THIRD_PARTY_CONTACT"}}})["fileComplaint"].(map[string]any)["id"].(string)
		ref := routedReference(t, env, sup, id)

		d := newBrowser(t, env.URL, 1280, 900)
		d.signIn("supervisor@redline.demo", "#nav .who")
		d.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#actions .action-buttons")))
		d.toEnglish()
		d.do("open the question form", chromedp.Click(chromedp.CSS(`[data-act="INFORMATION_REQUESTED"]`)), chromedp.WaitVisible(chromedp.CSS("#f-question")))
		if got := d.text("#action-form .field"); !strings.Contains(got, "The complainant wrote in Chinese") {
			t.Errorf("the question form reads %q", got)
		}
		const question = "On which days did the collector call you, and how many times?"
		d.do("type the question", chromedp.SendKeys(chromedp.CSS("#f-question"), question))
		d.waitJS("the language warning", `!document.querySelector('#question-lang-warn').hidden`)
		if got := d.text("#question-lang-warn"); !strings.Contains(got, "Consider asking in Chinese") {
			t.Errorf("the warning reads %q", got)
		}
		d.accessible("the question form with its warning")
		d.onPhone("the question form with its warning")
		d.do("send it", chromedp.Click(chromedp.CSS("#action-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="NEEDS_INFORMATION"]`)))
		d.clean()

		own := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#info-request")
		if got := own.eval(`document.querySelector('#question-lang')?.textContent || ''`); !strings.Contains(got, "用英文写了这个问题") || !strings.Contains(got, "不提供翻译") || !strings.Contains(got, "可以用中文回答") {
			t.Errorf("the complainant's Chinese page says of the English question %q", got)
		}
		if got := own.eval(`document.querySelector('#info-request blockquote.question')?.lang || ''`); got != "en" {
			t.Errorf("the question is marked %q", got)
		}
		own.accessible("the complainant's page with an English question")
		own.screenshot("walk35-question-lang-phone.png", "#info-request")
		own.toEnglish()
		if got := own.eval(`document.querySelector('#question-lang') ? 'shown' : ''`); got != "" {
			t.Error("the English page notes the language of an English question")
		}
		own.clean()
	})
}
