package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk16a holds what session 16's walk as a frightened borrower, a harassed relative and an
// institution's compliance officer (s16-walkA; redline dev with the demo data, zh and en, 360 and
// 1280 px) found: each subtest signs in on a browser of its own, so each runs alone
// (go test -run 'TestWebWalk16a/X').
func TestWebWalk16a(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 41, NoRelay: true})
	cmb := demoLenderID(t, env)

	// The extension form offered "30 天" but not the day the answer would then be due: the officer
	// counted working days and holidays by hand. nextExtension.untilDate gives it, counted on the
	// clock's calendar, and the form shows it beside the due day in force; it is the day the
	// answer is due once the extension is granted.
	t.Run("ExtensionFormSaysUntilWhen", func(t *testing.T) {
		ref, _ := confirmedWithPhrases(t, env) // forwarded to the agent's institution: its answer clock runs
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		q := `query($r: ID!) { complaint(id: $r) { nextExtension { days untilDate } deadlines { kind institutionId dueAt } } }`
		c := env.MustDo(t, agent, q, map[string]any{"r": ref})["complaint"].(map[string]any)
		next, _ := c["nextExtension"].(map[string]any)
		until, _ := next["untilDate"].(string)
		if until == "" {
			t.Fatalf("nextExtension gives no untilDate: %v", c["nextExtension"])
		}
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#extension")
		b.do("open the extension form", chromedp.Click(chromedp.CSS("#extension summary")), chromedp.WaitVisible(chromedp.CSS("#f-days")))
		if got := b.eval(`document.querySelector('#extension-until strong time')?.getAttribute('datetime') || ''`); got != until {
			t.Errorf("the form says the answer would be due %q, nextExtension.untilDate is %q", got, until)
		}
		if got := b.eval(`document.querySelector('#f-days option')?.textContent || ''`); !strings.Contains(got, "至 ") {
			t.Errorf("the option reads %q: no date", got)
		}
		b.accessible("the extension form with its date")
		b.toEnglish()
		b.waitJS("the form in English", `(document.querySelector('#extension-until')?.textContent || '').includes('due by')`)
		// The section opened stays open across the switch (session 30 walk).
		if b.eval(`String(document.querySelector('#extension').open)`) != "true" {
			t.Error("the language switch folded the extension form away")
		}
		b.do("the form still open", chromedp.WaitVisible(chromedp.CSS("#f-reason")))
		b.set("#f-reason", "需要调取通话录音核实")
		b.do("ask for it", chromedp.Click(chromedp.CSS("#extension-form button[type=submit]")))
		b.waitJS("the extension listed", `(document.querySelector('#extensions')?.textContent || '').includes('30')`)
		b.clean()
		c = env.MustDo(t, agent, q, map[string]any{"r": ref})["complaint"].(map[string]any)
		for _, d := range c["deadlines"].([]any) {
			d := d.(map[string]any)
			if d["kind"] == "INSTITUTION_RESPONSE" && fmt.Sprint(d["institutionId"]) == fmt.Sprint(cmb) && d["dueAt"] != until {
				t.Errorf("extended, the answer is due %v; the form said %s", d["dueAt"], until)
			}
		}
	})

	// A borrower types the app they borrowed on ("掌上生活", "分期乐") in full and does not pick the
	// suggestion (on a phone the list is easy to miss): the page said nothing, neither matched nor
	// not found, and the complaint went without the institution. An alias or English name that
	// only one institution has matches as if picked.
	t.Run("AppBrandTypedInFullMatches", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#nav .who")
		b.wizardAtLenderStep(env.URL, "310000")
		b.do("type the app", chromedp.SendKeys(chromedp.CSS("#f-lenderName"), "掌上生活"))
		b.waitJS("the app matched", `(document.querySelector('#lender-match')?.textContent || '').includes('招商银行信用卡中心')`)
		if got := b.eval(`String(JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('redline.draft'))) || '{}').lenderId || '')`); got == "" {
			t.Errorf("the draft holds no lender id after the app name matched")
		}
		b.accessible("the lender step with an app name matched")
		b.clean()
	})

	// An institution's agent, the compliance officer who answers, had no way to see how the
	// institution stands (on time, disputed, the violations complained of): the scorecard was on
	// the admin's settings page only, though the API gives it to every institution user. The agent
	// has "本机构统计" with the scorecard, without the admin's webhook and users.
	t.Run("AgentSeesTheInstitutionsFigures", func(t *testing.T) {
		b := phoneAt(t, env, "agent@redline.demo", "/inbox", "#inbox-list")
		b.do("open the figures", chromedp.Click(chromedp.CSS(`#nav a[href="#/institution"]`)), chromedp.WaitVisible(chromedp.CSS("#scorecard")))
		b.waitJS("the scorecard's figures", `document.querySelectorAll('#scorecard .kpi').length >= 5`)
		if got := b.eval(`[...document.querySelectorAll('#webhook, #users-link, #deliveries')].map((e) => e.id).join(' ')`); got != "" {
			t.Errorf("the agent's page shows the admin's %s", got)
		}
		// The satisfaction was a bare "4.2": out of what? The complainant rates 1 to 5.
		if got := b.eval(`document.querySelector('#kpi-satisfaction strong')?.textContent || ''`); !strings.Contains(got, "/ 5") {
			t.Errorf("the satisfaction reads %q, without its scale", got)
		}
		b.accessible("the agent's figures")
		b.toEnglish()
		b.waitJS("the English figures", `(document.querySelector('#nav a[href="#/institution"]')?.textContent || '') === 'Our figures'`)
		b.clean()
	})

	// The answer form checked only the outcome before asking the server, which names one error at
	// a time: an empty explanation, monetary relief without an amount, non-monetary relief without
	// a measure each took a round trip, and the last one ("say which non-monetary relief") showed
	// under the fee amount, the first error slot inside the relief box. All are said at once, each
	// at its field; a relief error from the server has a slot of its own.
	t.Run("AnswerFormSaysEveryErrorAtItsField", func(t *testing.T) {
		ref, _ := confirmedWithPhrases(t, env)
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#respond-form")
		shown := `[...document.querySelectorAll('#respond-form .field-error:not([hidden])')].map((e) => e.id).join(' ')`
		b.do("send it empty", chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")))
		b.waitJS("the errors", `!!document.querySelector('#err-category:not([hidden])')`)
		if got := b.eval(shown); got != "err-category err-explanation" {
			t.Errorf("an empty answer shows the errors %q, want the outcome's and the explanation's", got)
		}
		b.set("#f-category", "CLOSED_WITH_NON_MONETARY_RELIEF")
		b.set("#f-explanation", "经核查，已要求外包机构停止联系。")
		b.do("send it without a measure", chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")))
		b.waitJS("the measure's error", `!!document.querySelector('#err-measures:not([hidden])')`)
		if got := b.eval(shown); got != "err-measures" {
			t.Errorf("non-monetary relief without a measure shows the errors %q, want the measures'", got)
		}
		b.accessible("the answer form with its errors")
		if got := b.eval(`(() => { const f = document.querySelector('[data-field="relief"]'); return f.querySelector('.field-error').id; })()`); got != "err-relief" {
			t.Errorf("a relief error from the server would show in %q", got)
		}
		b.clean()
	})

	// Confirming a mobile number: the state read "it works until <time datetime=…>05/12/2026,
	// 05:14</time>", the markup as text; after a wrong code the hint still said "5 tries left"
	// beside the error's "4 tries left".
	t.Run("MobileCodeStateReadsAsText", func(t *testing.T) {
		const email = "walk16a-sms@example.cn"
		env.Register(t, email)
		b := newBrowser(t, env.URL, 360, 780)
		b.signInAs(email, registeredPassword, "#nav .who")
		b.do("open the notifications", chromedp.Navigate(env.URL+"/#/notifications"), chromedp.WaitVisible(chromedp.CSS("#prefs")))
		b.toEnglish()
		b.do("save a number", chromedp.Click(chromedp.CSS("#f-sms")), chromedp.SendKeys(chromedp.CSS("#f-mobile"), "13812345678"),
			chromedp.Click(chromedp.CSS("#prefs button[type=submit]")))
		b.waitJS("the number awaiting its code", `document.querySelector('#mobile-state')?.dataset.status === 'AWAITING_CODE'`)
		if got := b.text("#mobile-state-text"); strings.Contains(got, "<time") || b.eval(`String(!!document.querySelector('#mobile-state-text time[datetime]'))`) != "true" {
			t.Errorf("the state reads %q", got)
		}
		wrong := "000000"
		if apptest.MobileCode(t, env.App, email) == wrong {
			wrong = "111111"
		}
		b.do("a wrong code", chromedp.SendKeys(chromedp.CSS("#f-code"), wrong), chromedp.Click(chromedp.CSS("#mobile-confirm button[type=submit]")))
		b.waitJS("the error", `!!document.querySelector('#err-code:not([hidden])')`)
		if got := b.text("#hint-code"); strings.Contains(got, "5 tries") {
			t.Errorf("after a wrong code the hint still reads %q beside %q", got, b.text("#err-code"))
		}
		b.accessible("a wrong code")
		b.forget("400")
		b.clean()
	})

	// Withdrawing is final (no reopen from WITHDRAWN), but the form said only "no longer handled",
	// and the withdrawn page only "you withdrew it": a borrower pressed by collectors to withdraw
	// learnt neither that it cannot be undone nor that a new complaint is open to them.
	t.Run("WithdrawSaysItIsFinal", func(t *testing.T) {
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		ref := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "SPOUSE", "province": "310000", "product": "ONLINE_LOAN",
			"lenderName": "分期乐", "narrative": "催收员每天给我丈夫的同事打电话，说他欠钱不还。", "violations": []string{"THIRD_PARTY_CONTACT"}}})["fileComplaint"].(map[string]any)["reference"].(string)
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#withdraw")
		b.do("open the withdraw form", chromedp.Click(chromedp.CSS("#withdraw summary")), chromedp.WaitVisible(chromedp.CSS("#withdraw-form button[type=submit]")))
		if got := b.text("#withdraw-form"); !strings.Contains(got, "不能恢复") || !strings.Contains(got, "新的投诉") {
			t.Errorf("the withdraw form reads %q: not that it is final, nor that a new complaint is possible", got)
		}
		b.accessible("the withdraw form")
		b.do("withdraw", chromedp.Click(chromedp.CSS("#withdraw-form button[type=submit]")))
		b.waitJS("withdrawn", `(document.querySelector('main')?.textContent || '').includes('已撤回')`)
		if got := b.eval(`document.querySelector('main').textContent`); !strings.Contains(got, "不能恢复") || !strings.Contains(got, "新的投诉") {
			t.Errorf("the withdrawn complaint's page does not say it is final and a new complaint is possible")
		}
		b.clean()
	})

	// While an outside appraisal pauses the answer clock the extension may still be asked for, but
	// both days the form gives (the one in force, the one extended) move on when the clock
	// restarts: the form says so rather than give them as fixed.
	t.Run("ExtensionFormOnAPausedClock", func(t *testing.T) {
		ref, _ := confirmedWithPhrases(t, env)
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		env.MustDo(t, agent, `mutation($id: ID!) { startAppraisal(id: $id, note: "委托司法鉴定机构鉴定通话录音") { id } }`, map[string]any{"id": ref})
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#extension")
		b.do("open the extension form", chromedp.Click(chromedp.CSS("#extension summary")), chromedp.WaitVisible(chromedp.CSS("#f-days")))
		if got := b.eval(`document.querySelector('#extension-until')?.textContent || ''`); !strings.Contains(got, "暂停") {
			t.Errorf("on a paused clock the extension's day reads %q, as if fixed", got)
		}
		b.accessible("the extension form on a paused clock")
		b.clean()
	})

	// An inbox row said nothing of an answer clock that an outside appraisal had stopped (the
	// complaint has no due instant then): the row says the clock is paused, as the complaint's
	// page does.
	t.Run("InboxRowSaysTheClockIsPaused", func(t *testing.T) {
		ref, _ := confirmedWithPhrases(t, env)
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		env.MustDo(t, agent, `mutation($id: ID!) { startAppraisal(id: $id, note: "委托司法鉴定机构鉴定通话录音") { id } }`, map[string]any{"id": ref})
		b := phoneAt(t, env, "agent@redline.demo", "/inbox", "#inbox-list a[data-ref]")
		if got := b.eval(fmt.Sprintf(`document.querySelector('#inbox-list a[data-ref=%q] .countdown')?.textContent || ''`, ref)); got != "计时暂停" {
			t.Errorf("the row of a complaint whose answer clock is paused reads %q", got)
		}
		b.accessible("the inbox with a paused clock")
		b.clean()
	})
}
