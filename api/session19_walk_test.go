package api_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk19 holds what session 19's walk (walk: every role on a 360 px phone, zh then en, and
// for the first time a collection agency's agent, whom the demo data had no account for) found.
// One platform with the demo trail (which now holds the demo agency's agent and the complaints a
// supervisor forwarded to its agency) and one browser; each subtest signs in an account of its own.
func TestWebWalk19(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 150}) // enough for complaints in triage outside the east team (the demo agency's)
	if err := env.App.SeedDemoTrail(context.Background()); err != nil {
		t.Fatal(err)
	}
	br := newBrowser(t, env.URL, 360, 780)
	signedInAs := func(b *browser, email, wait string) {
		b.t.Helper()
		b.signedOut()
		password := app.DemoPassword
		if strings.HasSuffix(email, "@example.cn") {
			password = "correct-horse-42" // env.Register's
		}
		b.signInAs(email, password, wait)
	}
	agencyID, lenderID := strconv.FormatInt(institutionID(t, env, demoAgency), 10), demoLenderGraphID(t, env)

	// The demo data had no collection agency's user, so nobody had walked what an agency's agent
	// sees. The demo trail gives the first demo agency a complaints desk account
	// (agency@redline.demo) and has a supervisor forward to it and its lender complaints in
	// triage. Its inbox lists exactly the complaints forwarded to its agency, and a complaint
	// forwarded to the lender alone is "not found" to it, in words, not an error code.
	t.Run("AgencyAgentSeesOnlyItsOwnCases", func(t *testing.T) {
		b := br.with(t)
		var want []string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE ?::bigint = ANY(recipients) AND status = 'FORWARDED' ORDER BY reference`, agencyID).Scan(&want)
		if len(want) == 0 {
			t.Fatal("the demo trail forwarded nothing to the demo agency")
		}
		var other string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE NOT (?::bigint = ANY(recipients)) AND cardinality(recipients) > 0 ORDER BY id LIMIT 1`, agencyID).Scan(&other)
		signedInAs(b, app.DemoAgencyEmail, "#nav .who")
		b.do("open the inbox", chromedp.Navigate(env.URL+"/#/inbox"), chromedp.WaitVisible(chromedp.CSS("#inbox-list")))
		got := strings.Fields(b.eval(`[...document.querySelectorAll('#inbox-list .ref')].map((e) => e.textContent).sort().join(' ')`))
		if !slices.Equal(got, want) {
			t.Errorf("the agency's inbox lists %v, want the complaints forwarded to its agency %v", got, want)
		}
		b.accessible("the agency's inbox")
		b.toEnglish()
		if got := b.eval(unmarkedChinese("main")); got != "" {
			t.Errorf("Chinese not marked as such on the agency's English inbox: %s", got)
		}
		b.toChinese()
		if other != "" {
			b.do("open a complaint forwarded elsewhere", chromedp.Navigate(env.URL+"/#/c/"+other))
			b.waitJS("the page for a complaint it may not see", `!document.querySelector('#inbox-list') && !!document.querySelector('main h1')`)
			b.forget("status of")
			if txt := b.text("main"); !strings.Contains(txt, "找不到这件投诉") || strings.Contains(txt, "NOT_FOUND") {
				t.Errorf("a complaint not forwarded to the agency reads %q", txt)
			}
		}
		b.clean()
	})

	// The agency's "本机构统计" read as its own answers (on time 78.6%, relief, satisfaction) though
	// the agency had answered nothing: the figures count the answers the complaints naming it got,
	// the lender's on those forwarded to the lender alone (docs/STATISTICS.md). The page says so to
	// an agency.
	t.Run("AgencyFiguresSayWhoseAnswers", func(t *testing.T) {
		b := br.with(t)
		signedInAs(b, app.DemoAgencyEmail, "#nav .who")
		b.do("open its figures", chromedp.Navigate(env.URL+"/#/institution"), chromedp.WaitVisible(chromedp.CSS("#scorecard")))
		if b.eval(`String(!!document.querySelector('#scorecard .kpis'))`) == "true" {
			if n := b.eval(`document.querySelector('#sc-agency-note')?.textContent || ''`); !strings.Contains(n, "只转交放贷机构的不计") {
				t.Errorf("the agency's figures say nothing of whose answers they count: %q", n)
			}
			b.toEnglish()
			if n := b.eval(`document.querySelector('#sc-agency-note')?.textContent || ''`); !strings.Contains(n, "not those sent to the lender alone") {
				t.Errorf("in English the note reads %q", n)
			}
			b.toChinese()
		} else {
			t.Error("the demo agency has no figures this year")
		}
		b.accessible("the agency's figures")
		b.clean()
		// A lender's agent is not told that.
		signedInAs(b, "agent@redline.demo", "#nav .who")
		b.do("open the lender's figures", chromedp.Navigate(env.URL+"/#/institution"), chromedp.WaitVisible(chromedp.CSS("#scorecard")))
		if b.eval(`String(!!document.querySelector('#sc-agency-note'))`) != "false" {
			t.Error("a lender's figures carry the agency's note")
		}
		b.clean()
	})

	// A complaint naming the lender and the agency, whose complainant let the institution see the
	// identity, forwarded to both: the agency reads the debtor's name with the mobile masked and
	// the ID number reduced to its last four, and neither in full anywhere on the page, the
	// narrative (which repeats the mobile) included; in Chinese and in English.
	var both bothCase
	t.Run("AgencySeesTheIdentityMasked", func(t *testing.T) {
		b := br.with(t)
		both = forwardedToBoth(t, env, "walk19-both@example.cn", lenderID, agencyID)
		signedInAs(b, app.DemoAgencyEmail, "#nav .who")
		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+both.ref), chromedp.WaitVisible(chromedp.CSS("#complaint .facts")))
		for _, lang := range []string{"zh", "en"} {
			if lang == "en" {
				b.toEnglish()
				b.waitJS("the English case page", `!!document.querySelector('#complaint .facts')`)
			}
			facts, page := b.text("#complaint .facts"), b.text("main")
			if !strings.Contains(facts, "王芳") || !strings.Contains(facts, "138****5678") || !strings.Contains(facts, "002X") {
				t.Errorf("[%s] the agency's facts read %q, want the name, the mobile masked and the ID number's last four", lang, facts)
			}
			for _, full := range []string{"13812345678", "11010519491231002X", "110105"} {
				if strings.Contains(page, full) {
					t.Errorf("[%s] the agency's page shows %q", lang, full)
				}
			}
		}
		b.accessible("the agency's English case page")
		b.toChinese()
		b.clean()
	})

	// The agency's answer form offered "终止与催收机构合作" (agency contract ended): a measure only the
	// lender can take, which an agency ticking it would have counted as relief given. The form
	// leaves it out for the agency (the lender's keeps it), and the server refuses it from the
	// agency at its field.
	t.Run("AgencyCannotReportItsOwnContractEnded", func(t *testing.T) {
		b := br.with(t)
		if both.ref == "" {
			t.Fatal("no complaint forwarded to both")
		}
		signedInAs(b, app.DemoAgencyEmail, "#nav .who")
		b.do("open the answer form", chromedp.Navigate(env.URL+"/#/c/"+both.ref), chromedp.WaitVisible(chromedp.CSS("#respond-form")))
		if b.eval(`String(!!document.querySelector('#respond-form [name=measures][value=agencyContractEnded]'))`) != "false" {
			t.Error("the agency's answer form offers to report its own contract ended")
		}
		if b.eval(`String(!!document.querySelector('#respond-form [name=measures][value=collectorDisciplined]'))`) != "true" {
			t.Error("the agency's answer form lost its other measures")
		}
		b.accessible("the agency's answer form")
		agency := env.Login(t, app.DemoAgencyEmail, app.DemoPassword)
		r := env.Do(t, agency, `mutation($id: ID!, $i: ResponseInput!) { respondToComplaint(id: $id, input: $i) { id } }`, map[string]any{"id": both.id,
			"i": map[string]any{"category": "CLOSED_WITH_NON_MONETARY_RELIEF", "explanation": "我司已与委托方终止合作，不再催收。", "relief": map[string]any{"agencyContractEnded": true}}})
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "input.relief.agencyContractEnded" {
			t.Errorf("the agency reporting its own contract ended: %+v, want BAD_USER_INPUT at input.relief.agencyContractEnded", r.Errors)
		}
		b.clean()
		// The lender's form keeps it.
		signedInAs(b, "agent@redline.demo", "#nav .who")
		b.do("open the lender's answer form", chromedp.Navigate(env.URL+"/#/c/"+both.ref), chromedp.WaitVisible(chromedp.CSS("#respond-form")))
		if b.eval(`String(!!document.querySelector('#respond-form [name=measures][value=agencyContractEnded]'))`) != "true" {
			t.Error("the lender's answer form lost 'agency contract ended'")
		}
		b.clean()
	})

	// Forwarded to both, the complaint has an answer clock and, once answered, an answer of each
	// institution. The complainant's page showed two rows "机构答复期限" and two answers with nothing
	// to tell whose was whose (the staff page named the answers, not the clocks): each clock and
	// each answer names its institution, in the reader's language.
	t.Run("TwoInstitutionsClocksAndAnswersNamed", func(t *testing.T) {
		b := br.with(t)
		both := forwardedToBoth(t, env, "walk19-answers@example.cn", lenderID, agencyID)
		for _, who := range []struct{ email, text string }{
			{"agent@redline.demo", "经核查，已要求外包机构停止联系您的亲友，可为您办理分期还款。"},
			{app.DemoAgencyEmail, "经核查，涉事催收员已停止催收工作并接受处理，我司向您致歉。"},
		} {
			tok := env.Login(t, who.email, app.DemoPassword)
			env.MustDo(t, tok, `mutation($id: ID!, $i: ResponseInput!) { respondToComplaint(id: $id, input: $i) { id } }`, map[string]any{"id": both.id,
				"i": map[string]any{"category": "CLOSED_WITH_NON_MONETARY_RELIEF", "explanation": who.text, "relief": map[string]any{"collectionStopped": true, "apology": true}}})
		}
		signedInAs(b, both.email, "#mine-title")
		b.do("open the answered complaint", chromedp.Navigate(env.URL+"/#/c/"+both.ref), chromedp.WaitVisible(chromedp.CSS("#answers")))
		for _, lang := range []string{"zh", "en"} {
			lender, agency := demoLender, demoAgency
			if lang == "en" {
				b.toEnglish()
				b.waitJS("the English answers", `!!document.querySelector('#answers')`)
				lender, agency = "China Merchants Bank Credit Card Center", "Hengtong Business Consulting"
			}
			clocks := b.eval(`[...document.querySelectorAll('.deadlines li[data-kind=INSTITUTION_RESPONSE] .dl-kind')].map((e) => e.textContent).join(' | ')`)
			if !strings.Contains(clocks, lender) || !strings.Contains(clocks, agency) {
				t.Errorf("[%s] the two answer clocks read %q, want each named (%s, %s)", lang, clocks, lender, agency)
			}
			answers := b.eval(`[...document.querySelectorAll('#answers .response')].map((e) => e.querySelector('.answered-by')?.textContent || '(unnamed)').join(' | ')`)
			if !strings.Contains(answers, lender) || !strings.Contains(answers, agency) {
				t.Errorf("[%s] the two answers are by %q, want each named", lang, answers)
			}
			if lang == "en" {
				if got := b.eval(unmarkedChinese("#complaint .case-head") + ` + ' ' + ` + unmarkedChinese("#answers .response .small")); strings.TrimSpace(got) != "" {
					t.Errorf("Chinese not marked as such in the English clocks and answers: %s", got)
				}
			}
		}
		b.accessible("the complainant's English page with two answers")
		b.toChinese()
		b.clean()
		// The supervisor's case page names the clocks too.
		signedInAs(b, "supervisor@redline.demo", "#nav .who")
		b.do("open the complaint as staff", chromedp.Navigate(env.URL+"/#/c/"+both.ref), chromedp.WaitVisible(chromedp.CSS("#answers")))
		clocks := b.eval(`[...document.querySelectorAll('.deadlines li[data-kind=INSTITUTION_RESPONSE] .dl-kind')].map((e) => e.textContent).join(' | ')`)
		if !strings.Contains(clocks, "招商银行信用卡中心") || !strings.Contains(clocks, "恒通商务咨询有限公司") {
			t.Errorf("the staff page's answer clocks read %q, want each named", clocks)
		}
		b.clean()
	})
}

// bothCase is a complaint forwarded to its lender and its collection agency.
type bothCase struct{ id, ref, email string }

// forwardedToBoth files, as a new complainant (email), a complaint about the lender and the agency
// with the debtor's identity and consent to share it, waits for routing and has the supervisor
// forward it to both.
func forwardedToBoth(t *testing.T, env *apptest.Env, email, lender, agency string) bothCase {
	t.Helper()
	owner := env.Register(t, email)
	c := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
		"relation": "SELF", "lenderId": lender, "agencyId": agency, "product": "CREDIT_CARD", "province": "310000",
		"debtor":                 map[string]any{"name": "王芳", "mobile": "13812345678", "idNumber": "11010519491231002X"},
		"consentToShareIdentity": true,
		"narrative":              "催收公司每天打二十多个电话，还把我的手机号13812345678发到亲友群里，说我是老赖。",
		"violations":             []any{"EXCESSIVE_CONTACT", "PRIVACY_DISCLOSURE"},
	}})["fileComplaint"].(map[string]any)
	id := c["id"].(string)
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	ref := routedReference(t, env, sup, id)
	env.MustDo(t, sup, `mutation($id: ID!) { forwardComplaint(id: $id, target: BOTH) { status } }`, map[string]any{"id": id})
	return bothCase{id: id, ref: ref, email: email}
}
