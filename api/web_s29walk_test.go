package api_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk29 holds what session 29's walk found carrying the operations out end to end (a
// frightened borrower filing with evidence, a relative, triage, the institution's answer,
// escalation and closing, feedback) on the demo data, zh then en, 360 px and desktop. Each subtest
// signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk29/X').
func TestWebWalk29(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// A borrower typed the amount owed as "8,600": the wizard went on, and filing at the last step
	// sent her back to the first with 金额须为数字. The server reads amounts as people write them
	// (grouping commas, full-width digits, ¥ and 元: domain.ParseAmount), and what it would still
	// refuse is said at the field on the first step.
	t.Run("AmountAsPeopleWriteIt", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		b.do("open the wizard", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="you"]`)))
		b.set("#f-relation", "PARENT")
		b.waitJS("the step drawn for a relative", `!!document.querySelector('#f-amountOwed')`)
		b.set("#f-province", "310000")
		b.set("#f-product", "CREDIT_CARD")
		b.set("#f-amountOwed", "8,60")
		b.do("next", chromedp.Click(chromedp.CSS("#next")))
		b.waitJS("the next step or the amount's error", `document.querySelector('#file').dataset.step !== 'you' || document.querySelector('#err-amountOwed')?.hidden === false`)
		if step := b.eval(`document.querySelector('#file').dataset.step`); step != "you" {
			t.Fatalf("the wizard went on to step %q with the amount 8,60, to refuse it after the last step", step)
		}
		if got := b.text("#err-amountOwed"); !strings.Contains(got, "12,800.50") {
			t.Errorf("the amount's error reads %q", got)
		}
		b.accessible("the amount's error on a phone")
		b.set("#f-amountOwed", "８，６００元")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="who"]`)))
		b.clean()
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		r := env.MustDo(t, tok, `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { amountOwed } }`, map[string]any{"i": map[string]any{
			"relation": "PARENT", "province": "310000", "product": "CREDIT_CARD", "lenderName": demoLender, "amountOwed": "8,600",
			"narrative": "催收员每天打电话到我单位，我很害怕。"}})
		if got := r["fileComplaint"].(map[string]any)["amountOwed"]; got != "8600.00" {
			t.Errorf("the amount filed as 8,600 reads %v", got)
		}
	})

	// "提交新的投诉" opens #/file?new=1: the address kept new=1, so switching the language (or a
	// reload) started the wizard afresh and wiped what had been typed. The wizard starts afresh once
	// and the address becomes #/file.
	t.Run("NewComplaintKeptOnLanguageSwitch", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		b.do("file a new complaint", chromedp.Navigate(env.URL+"/#/file?new=1"), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="you"]`)))
		b.set("#f-relation", "PARENT")
		b.waitJS("the step drawn for a relative", `!!document.querySelector('#f-amountOwed')`)
		b.set("#f-province", "310000")
		b.set("#f-product", "CREDIT_CARD")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="who"]`)))
		b.set("#f-lenderName", "闪电借款App")
		b.toEnglish()
		if got := b.eval(`document.querySelector('#file')?.dataset.step + ' ' + (document.querySelector('#f-lenderName')?.value || '')`); got != "who 闪电借款App" {
			t.Errorf("after the language switch the wizard shows %q, want the lender step with the lender typed", got)
		}
		b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#file")))
		if got := b.eval(`document.querySelector('#file').dataset.step`); got != "who" {
			t.Errorf("after a reload the wizard is at step %q, want who", got)
		}
		b.clean()
	})

	// A borrower who reported threats of violence read, after filing and on the complaint's page
	// while it waited days for a decision, only when the reviewer would decide: the advice to call
	// 110 now was on the wizard alone.
	t.Run("ThreatenedBorrowerToldToCallThePolice", func(t *testing.T) {
		tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		filed := env.MustDo(t, tok, `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id reference } }`, map[string]any{"i": map[string]any{
			"relation": "SELF", "province": "440000", "product": "ONLINE_LOAN", "lenderName": demoLender,
			"debtor":    map[string]any{"name": "王小梅", "mobile": "13812345678", "idNumber": "11010519491231002X"},
			"narrative": "催收员说这周不还钱就带人去我家，把我的腿打断。", "violations": []string{"THREAT"}}})["fileComplaint"].(map[string]any)
		ref := filed["reference"].(string)
		b := phoneAt(t, env, "complainant@redline.demo", "/file?filed="+ref, "#file-done")
		if got := b.eval(`document.querySelector('#danger-now')?.textContent || ''`); !strings.Contains(got, "110") {
			t.Errorf("the page after filing a threat says nothing of calling the police (%q)", got)
		}
		b.accessible("the filed page with the safety advice")
		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#complaint .deadlines")))
		if got := b.eval(`document.querySelector('#complaint .case-head #danger-now')?.textContent || ''`); !strings.Contains(got, "110") {
			t.Errorf("the complaint's page says nothing of calling the police (%q)", got)
		}
		b.toEnglish()
		if got := b.eval(`document.querySelector('#danger-now')?.textContent || ''`); !strings.Contains(got, "call the police on 110") {
			t.Errorf("the English page's safety advice reads %q", got)
		}
		b.clean()
		// Not for a complaint that reports no threat.
		other := forwardedToTheDemoLender(t, env)
		c := phoneAt(t, env, "complainant@redline.demo", "/c/"+other, "#complaint .deadlines")
		if c.eval(`String(!!document.querySelector('#danger-now'))`) != "false" {
			t.Error("a complaint of excessive calls tells the borrower to call the police")
		}
		c.clean()
	})

	// The institution's compliance officer attached the documents for an answer, switched the
	// language, and answered: the documents had gone from the form without a word and the answer
	// went without them. Files uploaded are kept across the switch, and sent.
	t.Run("AnswerDocumentsKeptOnLanguageSwitch", func(t *testing.T) {
		ref := forwardedToTheDemoLender(t, env)
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#respond-form")
		pdf := filepath.Join(t.TempDir(), "还款计划.pdf")
		if err := os.WriteFile(pdf, pdfBytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		b.do("attach a document", chromedp.SetUploadFiles(chromedp.CSS("#f-documents-files"), []string{pdf}),
			chromedp.WaitVisible(chromedp.CSS(`#documents-uploads .upload[data-done="true"]`)))
		b.toEnglish()
		if got := b.eval(`document.querySelector('#documents-uploads')?.textContent || ''`); !strings.Contains(got, "还款计划.pdf") || !strings.Contains(got, "Uploaded") {
			t.Errorf("after the language switch the answer's documents read %q", got)
		}
		b.accessible("the answer form with its document kept")
		b.set("#f-category", "CLOSED_WITH_EXPLANATION")
		b.set("#f-explanation", "经核查，已向投诉人解释借款合同的约定，并附还款计划。")
		b.do("answer", chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="RESPONDED"]`)))
		var n int
		env.App.DB.Gorm.Raw(`SELECT count(*) FROM evidence e JOIN complaints c ON c.id = e.complaint_id WHERE c.reference = ? AND e.content_type = 'application/pdf'`, ref).Scan(&n)
		if n != 1 {
			t.Errorf("the answer went with %d documents, want the one attached", n)
		}
		b.clean()
	})

	// The compliance officer asked for more time and read 延期申请已提交 (Extension requested), as if
	// it awaited a supervisor, when the first extension is granted at once: the line says it was
	// granted and until when the answer is due.
	t.Run("ExtensionGrantedSaysSo", func(t *testing.T) {
		ref := forwardedToTheDemoLender(t, env)
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#extension summary")
		b.do("open the extension", chromedp.Click(chromedp.CSS("#extension summary")), chromedp.WaitVisible(chromedp.CSS("#extension-form #f-reason")))
		until := b.eval(`document.querySelector('#extension-until strong')?.textContent || ''`)
		b.set("#extension-form #f-reason", "需调取外包催收机构的全部通话录音")
		b.do("ask", chromedp.Click(chromedp.CSS("#extension-form button[type=submit]")))
		b.waitJS("the extension listed", `!!document.querySelector('#extensions li')`)
		if got := b.text("#complaint .flash"); !strings.Contains(got, "已延期") || until == "" || !strings.Contains(got, until) || strings.Contains(got, "已提交") {
			t.Errorf("after an extension granted at once (to %q) the page says %q", until, got)
		}
		b.accessible("an extension granted on a phone")
		// Said where it was done, and not again on the next page opened.
		b.do("back to the inbox", chromedp.Navigate(env.URL+"/#/inbox"), chromedp.WaitVisible(chromedp.CSS("#inbox-list")))
		if got := b.eval(`document.querySelector('main .flash')?.textContent || ''`); got != "" {
			t.Errorf("the inbox opened next says %q", got)
		}
		b.clean()
	})

	// A borrower whose disputed complaint was closed read 投诉已办结。如有新的事实，可申请重新处理。 at
	// the top; the reason the supervisor gave (for the complainant to read) was far down the history.
	t.Run("ClosedComplaintSaysWhy", func(t *testing.T) {
		ref := lapsedFeedbackComplaint(t, env)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"]
		const reason = "已约谈机构，机构确认终止与该催收公司的合作"
		env.MustDo(t, sup, `mutation($id: ID!, $r: String!) { closeComplaint(id: $id, reason: $r) { status } }`, map[string]any{"id": id, "r": reason})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, `#complaint[data-status="CLOSED"]`)
		if got := b.text("#complaint .status-help"); !strings.Contains(got, reason) || !strings.Contains(got, "办结") || !strings.Contains(got, "重新处理") {
			t.Errorf("the closed complaint's status line reads %q, want the reason given", got)
		}
		b.accessible("a closed complaint with its reason")
		b.toEnglish()
		if got := b.text("#complaint .status-help"); !strings.Contains(got, "The reason given") || !strings.Contains(got, reason) || b.eval(`document.querySelector('#closed-why [lang]')?.lang || ''`) != "zh-CN" {
			t.Errorf("the English status line reads %q, the reason not marked as Chinese", got)
		}
		b.clean()
	})
}
