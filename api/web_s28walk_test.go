package api_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk28 holds what session 28's walk (every role on the demo data, zh then en, 360 px and
// desktop, axe-core) found. Each subtest signs in on a browser of its own, so each runs alone
// (go test -run 'TestWebWalk28/X').
func TestWebWalk28(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// The reviewer's analysis named each hit's rule by the pack's id, "规则 FALSE_REPRESENTATION.1",
	// read as an error code. It names the rule in words (the violation or urgency it looks for and,
	// for a numbered phrase group, the group), the id kept on the element for an admin.
	t.Run("FindingsNameTheirRuleInWords", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c WHERE c.status = 'IN_TRIAGE'
			AND c.assessment->'Violations'->0->'Evidence'->0->>'Phrase' <> '' ORDER BY c.id DESC LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("no complaint in triage with a phrase found")
		}
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET assessment = jsonb_set(assessment, '{Violations,0,Evidence,0,Rule}', '"FALSE_REPRESENTATION.1: (法院|律师函)"') WHERE reference = ?`, ref).Error; err != nil {
			t.Fatal(err)
		}
		b := phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, "#assessment .rule-id")
		raw := `[...document.querySelectorAll('#assessment .rule-id')].filter((e) => /[A-Z_]{4,}\.[\w-]+/.test(e.textContent)).map((e) => e.textContent).join(' | ')`
		if got := b.eval(raw); got != "" {
			t.Errorf("the analysis names rules by their pack ids: %s", got)
		}
		one := `document.querySelector('#assessment .rule-id[data-rule="FALSE_REPRESENTATION.1"]')?.textContent || ''`
		if got := b.eval(one); !strings.Contains(got, "第 1 组短语") || !strings.Contains(got, "“") {
			t.Errorf("the rule FALSE_REPRESENTATION.1 reads %q, want its kind and group in words", got)
		}
		b.accessible("the analysis with rules named on a phone")
		b.toEnglish()
		b.waitJS("the analysis in English", `/phrase group 1/.test(`+one+`)`)
		if got := b.eval(raw); got != "" {
			t.Errorf("the English analysis names rules by their pack ids: %s", got)
		}
		b.clean()
	})

	// A rule pack draft the engine refused got its English reason on the Chinese page ("规则包无效：
	// pack CN …: violation THREAT: phrases[0]: pattern …: unbalanced ("): the place and the fault
	// are in Chinese, groups counted from 1; the English page keeps the engine's words.
	t.Run("PackErrorsInTheReadersLanguage", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("the rules page", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#f-texts")))
		// The first phrase of the pack's first phrase group given an unclosed bracket.
		b.eval(`(() => { const el = document.querySelector('#f-document'); const d = JSON.parse(el.value);
			const [code, v] = Object.entries(d.violations).find(([, x]) => (x.phrases || []).length && (x.phrases[0].zh || []).length); v.phrases[0].zh[0] = '(小心点';
			el.value = JSON.stringify(d, null, 1); el.dispatchEvent(new Event('input', {bubbles: true})); return code; })()`)
		b.set("#f-texts", "再不还钱就去你单位找你领导")
		b.do("run the draft", chromedp.Click(chromedp.CSS("#try-pack")))
		b.waitJS("the document's error", `!document.querySelector('#err-document').hidden`)
		if got := b.text("#err-document"); !strings.Contains(got, "第 1 组短语") || !strings.Contains(got, "不成对") || strings.Contains(got, "unbalanced") || strings.Contains(got, "phrases[") {
			t.Errorf("the refused pack's error on the Chinese page reads %q", got)
		}
		b.accessible("a refused pack's error on a phone")
		b.toEnglish()
		b.waitJS("the draft kept", `(document.querySelector('#f-document')?.value || '').includes('(小心点')`)
		b.do("run the draft in English", chromedp.Click(chromedp.CSS("#try-pack")))
		b.waitJS("the document's error in English", `/unbalanced/.test(document.querySelector('#err-document').textContent)`)
		b.do("discard the draft", chromedp.Click(chromedp.CSS("#reset-pack")))
		b.clean()
	})

	// The draft's results listed a finding's modifiers as the engine's codes, "(intended)", on the
	// Chinese page: they are said in words, as the case page says them.
	t.Run("TryResultsSayModifiersInWords", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("the rules page", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#f-texts")))
		b.set("#f-texts", "他说要把我的欠款发到通讯录里")
		b.do("run the draft", chromedp.Click(chromedp.CSS("#try-pack")))
		b.waitJS("the results", `!!document.querySelector('#try-results .findings li')`)
		got := b.text("#try-results .findings")
		if strings.Contains(got, "intended") || !strings.Contains(got, "扬言要做") {
			t.Errorf("the draft's findings read %q, want the modifier in words (扬言要做)", got)
		}
		b.onPhone("the draft's results")
		b.toEnglish()
		b.do("run the draft in English", chromedp.Click(chromedp.CSS("#try-pack")))
		b.waitJS("the results in English", `/announced, not yet done/.test(document.querySelector('#try-results')?.textContent || '')`)
		b.clean()
	})

	// A borrower whose feedback window ran out read "评价期已结束" four times on a phone (the line at
	// the top, the clock, the card's heading, the history) and "监管人员将办结此投诉" three times: what
	// happens next is said once, at the top; the card says what it adds (no more accepting or
	// disputing, and how to reopen), under a heading of its own.
	t.Run("LapsedFeedbackSaidOnce", func(t *testing.T) {
		ref := lapsedFeedbackComplaint(t, env)
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#feedback-closed")
		count := func(s string) string {
			return b.eval(`String((document.querySelector('#complaint').innerText.match(/` + s + `/gi) || []).length)`)
		}
		if n := count("监管人员将办结"); n != "1" {
			t.Errorf("the page says the staff will close the complaint %s times", n)
		}
		if n := b.eval(`String([...document.querySelectorAll('#complaint h2, #complaint .deadlines strong')].filter((e) => e.textContent.includes('评价期已结束')).length)`); n != "1" {
			t.Errorf("the clock and the card's heading both say 评价期已结束 (%s)", n)
		}
		b.accessible("a lapsed feedback window on a phone")
		b.toEnglish()
		if n := count("Regulator staff will close"); n != "1" {
			t.Errorf("the English page says the staff will close the complaint %s times", n)
		}
		b.clean()
	})
}
