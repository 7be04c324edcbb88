package api_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk21 holds what session 21's walk (every role on `redline dev` with the demo data, zh
// and en, 360 px, axe-core; the institution's pages after attack round 16 withheld the
// complainant's open question from institutions) found. Each subtest picks its complaint in the
// database and signs in on a browser of its own, so each runs alone (go test -run 'TestWebWalk21/X').
func TestWebWalk21(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60, NoRelay: true})
	var inst int64
	env.App.DB.Gorm.Raw(`SELECT institution_id FROM users WHERE email = 'agent@redline.demo'`).Scan(&inst)
	if inst == 0 {
		t.Fatal("the demo agent has no institution")
	}

	// The institution's agent read the complainant's judgement of its answer as the complainant
	// reads it: "您已接受答复", "You accepted the answer". It names the complainant, and a comment
	// the complainant typed is marked in its language.
	t.Run("InstitutionReadsTheComplainantsFeedback", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE feedback_decision = 'ACCEPT' AND ? = ANY(recipients) ORDER BY id LIMIT 1`, inst).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo data has no accepted answer of the agent's institution")
		}
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, ".feedback-given")
		if got := b.text(".feedback-given"); !strings.Contains(got, "投诉人已接受答复") || strings.Contains(got, "您") {
			t.Errorf("the institution reads the complainant's feedback as %q", got)
		}
		b.accessible("the institution's case page with the complainant's feedback")
		b.toEnglish()
		b.waitJS("the answers in English", `!!document.querySelector('.feedback-given')`)
		if got := b.text(".feedback-given"); !strings.Contains(got, "The complainant accepted the answer") || strings.Contains(got, "You ") {
			t.Errorf("the institution reads the complainant's feedback in English as %q", got)
		}
		if got := b.eval(unmarkedChinese("#answers")); got != "" {
			t.Errorf("Chinese not marked as such in the English answers: %s", got)
		}
		b.clean()
	})

	// A complaint reopened after the institution answered, then awaiting the complainant's
	// information, read "待补充材料" / "Needs information" on the institution's page and nothing
	// more: the question is the complainant's alone (attack round 16), so the badge read as if the
	// institution had materials to supply. The page says who was asked and that nothing is asked of
	// the institution now.
	t.Run("ReopenedComplaintSaysNothingIsAskedOfTheInstitution", func(t *testing.T) {
		const question = "请提供催收电话的通话录音。"
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status IN ('CLOSED', 'ACCEPTED') AND ? = ANY(recipients) ORDER BY id DESC LIMIT 1`, inst).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo data has no closed complaint of the agent's institution")
		}
		env.App.DB.Gorm.Exec(`UPDATE complaints SET status = 'NEEDS_INFORMATION', information_request = ?, closed_at = NULL WHERE reference = ?`, question, ref)
		b := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, `#complaint[data-status="NEEDS_INFORMATION"]`)
		if got := b.text("#complaint .case-head"); !strings.Contains(got, "投诉人补充信息") || !strings.Contains(got, "无需操作") {
			t.Errorf("the institution's page of a complaint awaiting the complainant reads %q", got)
		}
		if got := b.text("#complaint"); strings.Contains(got, question) {
			t.Errorf("the institution reads the question to the complainant")
		}
		b.accessible("the institution's page of a reopened complaint awaiting the complainant")
		b.toEnglish()
		b.waitJS("the page in English", `!!document.querySelector('#complaint .case-head')`)
		if got := b.text("#complaint .case-head"); !strings.Contains(got, "Nothing is asked of your institution now") {
			t.Errorf("the English page reads %q", got)
		}
		b.clean()
	})

	// A complaint the complainant reopened after the institution answered went back to the
	// regulator (in triage, then awaiting the complainant's information) and was in none of the
	// inbox's views (to answer, answered, closed): it vanished from the institution's inbox. A view
	// of its own lists it.
	t.Run("ReopenedComplaintStaysInTheInbox", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status IN ('CLOSED', 'ACCEPTED') AND ? = ANY(recipients) ORDER BY id LIMIT 1`, inst).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo data has no closed complaint of the agent's institution")
		}
		env.App.DB.Gorm.Exec(`UPDATE complaints SET status = 'IN_TRIAGE', closed_at = NULL WHERE reference = ?`, ref)
		b := phoneAt(t, env, "agent@redline.demo", "/inbox", "#inbox-title")
		tab := `.tabs a[href="#/inbox?view=reopened"]`
		if b.eval(`String(!!document.querySelector('`+tab+`'))`) != "true" {
			t.Fatal("the inbox has no view of reopened complaints")
		}
		if got := b.text(tab); got != "重新处理中" {
			t.Errorf("the view is named %q", got)
		}
		b.do("open the view", chromedp.Click(chromedp.CSS(tab)), chromedp.WaitVisible(chromedp.CSS(`#inbox-list a[data-ref="`+ref+`"]`)))
		if got := b.text(`#inbox-list a[data-ref="` + ref + `"]`); strings.Contains(got, "undefined") || strings.Contains(got, "null") || !strings.Contains(got, "审核中") {
			t.Errorf("the reopened complaint's row reads %q", got)
		}
		if _, body := b.download("#inbox-csv"); !strings.Contains(body, ref) {
			t.Errorf("the view's CSV file holds %.300q, without %s", body, ref)
		}
		b.accessible("the inbox's reopened complaints on a phone")
		b.toEnglish()
		b.waitJS("the view in English", `document.querySelector('`+tab+`')?.textContent === 'Reopened'`)
		b.clean()
	})
}
