package api_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk20 holds what session 20's walk (walk: every role's real work on the demo data, on a
// 360 px phone and a desktop, in Chinese and after the switch to English) found. One platform; each
// subtest registers or signs in an account of its own, so each runs alone
// (go test -run 'TestWebWalk20/X' ./api/).
func TestWebWalk20(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 20})
	br := newBrowser(t, env.URL, 360, 780)
	registered := func(b *browser, email string) string {
		b.t.Helper()
		tok := env.Register(b.t, email)
		me := env.MustDo(b.t, tok, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
		b.signedOut()
		b.signInAs(email, "correct-horse-42", "#mine-title")
		return me
	}

	// A frightened borrower who filed, then tapped "English" to read the page again, lost it: the
	// language switch drew the wizard afresh, empty, and the reference with the date the regulator
	// decides by was gone from the screen. The page after filing keeps the reference in its address
	// (#/file?filed=RL-…): the switch, and a reload, draw it again.
	t.Run("FiledPageSurvivesTheLanguageSwitch", func(t *testing.T) {
		b := br.with(t)
		me := registered(b, "walk20-filed@example.cn")
		b.eval(reviewDraft(me, "walk20-filed-key", "11010519491231002X"))
		b.do("open the draft", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS("#review")))
		b.do("submit", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#done-ref")))
		ref := b.text("#done-ref")
		b.do("switch to English", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
		b.waitJS("the page drawn again in English", `document.documentElement.lang === 'en' && !!document.querySelector('main h1') && !/投诉/.test(document.querySelector('main h1').textContent)`)
		if got := b.eval(`document.querySelector('#done-ref')?.textContent || ''`); got != ref {
			t.Fatalf("after the switch to English the page shows %q, want the reference %s: %s", got, ref, b.text("main"))
		}
		if txt := b.text("#file-done"); !strings.Contains(txt, "Your complaint was filed") || !strings.Contains(txt, "left") {
			t.Errorf("the English page after filing reads %q, want what was filed and the decision's countdown", txt)
		}
		b.accessible("the page after filing, in English")
		b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#done-ref")))
		b.toChinese()
		if got := b.eval(`document.querySelector('#done-ref')?.textContent || ''`); got != ref {
			t.Errorf("after a reload and the switch back the page shows %q, want %s", got, ref)
		}
		// Filing again starts an empty wizard.
		b.do("file another", chromedp.Click(chromedp.CSS(`#nav a[href="#/file"]`)), chromedp.WaitVisible(chromedp.CSS("#f-relation")))
		b.clean()
	})

	// A relative filing for the borrower may leave the borrower's identity out, but what they type
	// was not checked until the last step: a mobile number of 7 digits went through six steps, then
	// the server sent them back to the first for that one field, and for the ID number on the next
	// try. The first step checks both as the server does, both at once, at their fields.
	t.Run("RelativesTypedIdentityCheckedAtItsStep", func(t *testing.T) {
		b := br.with(t)
		registered(b, "walk20-parent@example.cn")
		b.do("open the wizard", chromedp.Navigate(env.URL+"/#/file?new=1"), chromedp.WaitVisible(chromedp.CSS("#f-relation")))
		b.set("#f-relation", "PARENT")
		b.set(`[id="f-debtor.mobile"]`, "1381234")
		b.set(`[id="f-debtor.idNumber"]`, "11010519491231")
		b.set("#f-province", "310000")
		b.set("#f-product", "ONLINE_LOAN")
		b.do("next", chromedp.Click(chromedp.CSS("#next")))
		b.waitJS("the errors", `!!document.querySelector('[id="err-debtor.mobile"]:not([hidden])')`)
		mobile, id := b.text(`[id="err-debtor.mobile"]`), b.eval(`document.querySelector('[id="err-debtor.idNumber"]:not([hidden])')?.textContent || ''`)
		if !strings.Contains(mobile, "11位") || !strings.Contains(mobile, "7 位") {
			t.Errorf("the mobile's error reads %q, want the 11 digits and what was typed", mobile)
		}
		if !strings.Contains(id, "17位数字") {
			t.Errorf("the ID number's error reads %q, want its format", id)
		}
		if got := b.eval(`document.querySelector('#f-relation') ? 'you' : 'moved on'`); got != "you" {
			t.Errorf("the wizard %s with a 7-digit mobile", got)
		}
		b.accessible("the first step's errors")
		// A check digit that does not match is found here too; a right one goes on.
		b.set(`[id="f-debtor.mobile"]`, "138 1234 5678")
		b.set(`[id="f-debtor.idNumber"]`, "110105194912310021")
		b.do("next", chromedp.Click(chromedp.CSS("#next")))
		b.waitJS("the check digit's error", `/校验位/.test(document.querySelector('[id="err-debtor.idNumber"]')?.textContent || '')`)
		b.set(`[id="f-debtor.idNumber"]`, "11010519491231002x")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS("#f-lenderName")))
		b.clean()
	})

	// The case page gave what the rules found in the incidents and the messages' senders in the
	// engine's English, codes and all, on the Chinese page: "phone call to the debtor's PARENT on
	// 2026-12-04 12:00", "no message states CREDITOR, AMOUNT, CONTRACT, ACCOUNT", "sent from the
	// personal mobile number …". The engine says each in Chinese too (Evidence.RuleZh, ruleZh in
	// the API); the page gives the reader's language, marked as such, and English words, not codes.
	t.Run("FindingsWithoutAPhraseInTheReadersLanguage", func(t *testing.T) {
		b := br.with(t)
		owner := env.Register(t, "walk20-findings@example.cn")
		night := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -2)
		night = time.Date(night.Year(), night.Month(), night.Day(), 23, 30, 0, 0, night.Location())
		c := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
			"relation": "PARENT", "lenderName": "招商银行信用卡中心", "product": "CREDIT_CARD", "province": "310000",
			"narrative": "催收员半夜打电话给我，说我儿子欠钱不还。",
			"incidents": []any{map[string]any{"occurredAt": night.Format(time.RFC3339), "channel": "PHONE_CALL", "count": 3}},
		}})["fileComplaint"].(map[string]any)
		id := c["id"].(string)
		env.MustDo(t, owner, `mutation($c: ID!, $m: [CollectorMessageInput!]!) { addCollectorMessages(complaintId: $c, messages: $m) { id } }`,
			map[string]any{"c": id, "m": []any{map[string]any{"sender": "17012345678", "text": "你儿子再不还钱就等着瞧。", "sentAt": night.Add(10 * time.Minute).Format(time.RFC3339)}}})
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		var ref string
		apptest.Eventually(t, 30*time.Second, "the complaint routed with the messages judged", func() bool {
			r := env.Do(t, sup, `query($id: ID!) { complaint(id: $id) { status reference assessment { violations { type } } } }`, map[string]any{"id": id})
			if r.Code() != "" {
				return false
			}
			m := r.Data["complaint"].(map[string]any)
			ref = fmt.Sprint(m["reference"])
			a, _ := m["assessment"].(map[string]any)
			return m["status"] == "IN_TRIAGE" && a != nil && strings.Contains(fmt.Sprint(a["violations"]), "UNIDENTIFIED_COLLECTOR")
		})
		b.signedOut()
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(".hit")))
		words := func() string {
			return b.eval(`[...document.querySelectorAll('.hit .rule-words')].map((e) => e.lang + ': ' + e.textContent).join('\n')`)
		}
		code := regexp.MustCompile(`\b(PARENT|CREDITOR|AMOUNT|CONTRACT|ACCOUNT|PHONE_CALL)\b`)
		zh := words()
		for _, want := range []string{"联系了借款人的父母", "个人手机号码 17012345678", "短信均未说明债权人", "不在允许的 08:00–22:00 之内"} {
			if !strings.Contains(zh, want) {
				t.Errorf("the Chinese case page's findings without a phrase lack %q:\n%s", want, zh)
			}
		}
		if strings.Contains(zh, "en: ") || code.MatchString(zh) {
			t.Errorf("English or codes among the Chinese page's findings:\n%s", zh)
		}
		b.accessible("the case page's findings")
		b.toEnglish()
		en := words()
		if !strings.Contains(en, "to the debtor's parent") || !strings.Contains(en, "no message states the creditor") || code.MatchString(en) {
			t.Errorf("the English case page's findings without a phrase read:\n%s", en)
		}
		b.toChinese()
		b.clean()
	})

	// A complaint a reviewer escalated from triage and then closed read, at the top of its page,
	// "受理决定已逾期（309 天）": a count of days that went on growing after the complaint was over.
	// A finished complaint's clock that ran out says which, without the growing count.
	t.Run("ClosedComplaintsBreachIsARecord", func(t *testing.T) {
		b := br.with(t)
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_deadlines d ON d.complaint_id = c.id
			WHERE c.status = 'IN_TRIAGE' AND d.kind = 'ACCEPTANCE' AND d.met_at IS NULL AND d.due_at < now() - interval '3 days' ORDER BY c.id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no complaint in triage whose decision is days overdue")
		}
		// The deadline sweep marks the decision clock breached, as `work` does on the demo platform.
		if _, err := env.App.Deadlines.Sweep(context.Background()); err != nil {
			t.Fatal(err)
		}
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"]
		env.MustDo(t, sup, `mutation($id: ID!) { escalateComplaint(id: $id, reason: "涉及冒充法院，需处长关注。") { id } }`, map[string]any{"id": id})
		env.MustDo(t, sup, `mutation($id: ID!) { closeComplaint(id: $id, reason: "已责令机构整改。") { id } }`, map[string]any{"id": id})
		b.signedOut()
		b.signIn("supervisor@redline.demo", "#nav .who")
		b.do("open the closed case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`.deadlines li[data-kind="ACCEPTANCE"]`)))
		growing := regexp.MustCompile(`（\d+ 天）|\(\d+ days?\)`)
		if got := b.text(`.deadlines li[data-kind="ACCEPTANCE"]`); !strings.Contains(got, "受理决定已逾期") || growing.MatchString(got) {
			t.Errorf("the closed complaint's decision clock reads %q, want which clock ran out and no count of days since", got)
		}
		b.toEnglish()
		if got := b.text(`.deadlines li[data-kind="ACCEPTANCE"]`); growing.MatchString(got) {
			t.Errorf("in English the closed complaint's decision clock reads %q", got)
		}
		b.toChinese()
		b.clean()
	})
}
