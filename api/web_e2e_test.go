package api_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebEndToEnd is the regulator's whole path, every step through the browser, on one platform
// with its real workers (routing, assessment, statistics): a complainant files with an uploaded
// screenshot and two pasted collector messages; a reviewer opens it from the queue, sees the
// phrases the rules found highlighted, classifies it and forwards it to the lender; the lender's
// agent answers with a repayment plan; the complainant accepts with a rating; the analyst's
// dashboard count for that lender, read on the page before and after, has gone up by one; a
// supervisor decides an extension request on another complaint; an admin adds an alias to an
// institution and the filing wizard's type-ahead finds it. Only the other complaint and its
// pending extension request are set up through the API.
func TestWebEndToEnd(t *testing.T) {
	// Enough seeded complaints that the lender's row is never withheld from the analyst (cells
	// under 5 are) and stays among the top ten.
	env := startForBrowser(t, apptest.Options{Seed: 150})
	const lenderName = demoLender
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	lenderID := firstInstitutionID(env.MustDo(t, admin, institutionSearch, map[string]any{"s": lenderName}))

	// Set-up through the API: another complaint, forwarded to the lender, whose agent asks for 60
	// more days (a second request: a supervisor decides it).
	complainantTok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
	reviewerTok := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	agentTok := env.Login(t, "agent@redline.demo", app.DemoPassword)
	other := env.MustDo(t, complainantTok, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "CREDIT_CARD",
		"lenderId": lenderID, "narrative": "另一件投诉：催收员每天打电话到我单位。", "violations": []string{"THIRD_PARTY_CONTACT"}}})["fileComplaint"].(map[string]any)
	otherID, otherRef := other["id"].(string), other["reference"].(string)
	waitStatus(t, env, complainantTok, otherID, "IN_TRIAGE")
	env.MustDo(t, reviewerTok, `mutation($id: ID!, $l: ID) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { status } }`, map[string]any{"id": otherID, "l": lenderID})
	ext := `mutation($id: ID!, $d: Int!) { requestExtension(id: $id, days: $d, reason: "需调取外包机构全部通话录音") { status } }`
	env.MustDo(t, agentTok, ext, map[string]any{"id": otherID, "d": 30})
	if s := env.MustDo(t, agentTok, ext, map[string]any{"id": otherID, "d": 60})["requestExtension"].(map[string]any)["status"]; s != "PENDING" {
		t.Fatalf("the 60-day request is %v, want PENDING", s)
	}

	// The analyst reads the lender's count on the dashboard before anything is filed.
	analyst := newBrowser(t, env.URL, 1280, 900)
	analyst.signIn("analyst@redline.demo", "#dash-title")
	before := dashboardCount(analyst, lenderID)
	analyst.clean()

	// 1. The complainant files on a phone, with a screenshot and two pasted messages.
	var ref string
	t.Run("ComplainantFiles", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		b.wizardAtLenderStep(env.URL, "310000")
		b.do("type the app brand", chromedp.SendKeys(chromedp.CSS("#f-lenderName"), "掌上生活"),
			chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`#lender-options option[value=%q]`, lenderName))))
		b.set("#f-lenderName", lenderName)
		b.waitJS("the lender matched", `(document.querySelector('#lender-match').textContent || '').includes('已匹配')`)
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="what"]`)))
		b.do("describe it",
			chromedp.SendKeys(chromedp.CSS("#f-narrative"), "端到端：催收员半夜给我女儿打电话，还打给她的同事，说要上门。"),
			chromedp.Click(chromedp.CSS(`input[name=violations][value="THIRD_PARTY_CONTACT"]`)),
			chromedp.Click(chromedp.CSS(`input[name=violations][value="THREAT"]`)),
		)
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="evidence"]`)))
		b.do("upload a screenshot", chromedp.SetUploadFiles(chromedp.CSS("#f-evidence-files"), []string{writePNG(t)}),
			chromedp.WaitVisible(chromedp.CSS(`.upload[data-done="true"]`)))
		b.do("paste a message", chromedp.SendKeys(chromedp.CSS("#f-messages-0-sender"), "17012345678"),
			chromedp.SendKeys(chromedp.CSS("#f-messages-0-text"), "再不还钱就去你家泼油漆，打断你的腿！"))
		b.do("paste another", chromedp.Click(chromedp.CSS("#messages-add")), chromedp.WaitVisible(chromedp.CSS("#f-messages-1-text")),
			chromedp.SendKeys(chromedp.CSS("#f-messages-1-sender"), "17012345678"),
			chromedp.SendKeys(chromedp.CSS("#f-messages-1-text"), "我们已经通知你的同事和领导，让你在单位抬不起头。"))
		b.waitJS("the messages analysed", `document.querySelectorAll('#messages-analysis .msg-text mark').length >= 2`)
		// The rules need the time a message was sent: the page asks for it before filing, at the field.
		b.do("next without the times", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`[id="err-messages.0.sentAt"]`)))
		if e := b.text(`[id="err-messages.1.sentAt"]`); !strings.Contains(e, "发送时间") {
			t.Errorf("the second message's time error = %q", e)
		}
		b.accessible("the evidence step with its errors")
		yesterday := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -1).Format("2006-01-02")
		b.set("#f-messages-0-sentAt", yesterday+"T23:40")
		b.set("#f-messages-1-sentAt", yesterday+"T23:45")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="outcome"]`)))
		b.do("outcomes", chromedp.Click(chromedp.CSS(`input[name=outcomesWanted][value="STOP_HARASSMENT"]`)),
			chromedp.Click(chromedp.CSS(`input[name=outcomesWanted][value="REPAYMENT_PLAN"]`)))
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="consent"]`)))
		// Ticking consent and submitting at once: the typing's delayed draft save is still pending
		// when the complaint is filed.
		b.do("consent, review and submit at once", chromedp.Evaluate[chromedp.Void](`(() => {
			document.querySelector('#f-consentToShareIdentity').click();
			document.querySelector('#next').click();
			document.querySelector('#file').requestSubmit(); })()`),
			chromedp.WaitVisible(chromedp.CSS("#file-done #done-ref")))
		ref = b.text("#done-ref")
		b.accessible("the filed page")
		time.Sleep(600 * time.Millisecond) // past any delayed save
		if n := b.eval(`String(Object.keys(localStorage).filter(k => k.startsWith('redline.draft')).length)`); n != "0" {
			t.Errorf("%s drafts left on the device after filing, want 0: a late save brought the filed draft back", n)
		}
		// The menu's "file a complaint", on the page that says it was filed, starts a new one.
		b.do("open the wizard again", chromedp.Click(chromedp.CSS(`#nav a[href="#/file"]`)), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="you"]`)))
		if v := b.eval(`document.querySelector('#f-relation').value`); v != "" {
			t.Errorf("the wizard after filing starts from the filed complaint (relation %q), want a blank form", v)
		}
		b.clean()
	})
	if !strings.HasPrefix(ref, "RL-") {
		t.Fatalf("no complaint was filed (reference %q)", ref)
	}
	id := env.MustDo(t, complainantTok, `query($id: ID!) { complaint(id: $id) { id } }`, map[string]any{"id": ref})["complaint"].(map[string]any)["id"].(string)

	// 2. The reviewer opens it from the queue, sees the findings, classifies it and forwards it.
	t.Run("ReviewerClassifiesAndForwards", func(t *testing.T) {
		// The workers route it and assess the pasted messages.
		apptest.Eventually(t, 30*time.Second, "the complaint routed and its messages assessed", func() bool {
			r := env.Do(t, reviewerTok, `query($id: ID!) { complaint(id: $id) { status assessment { violations { evidence { phrase } } } } }`, map[string]any{"id": id})
			c, _ := r.Data["complaint"].(map[string]any)
			return c != nil && c["status"] == "IN_TRIAGE" && strings.Contains(fmt.Sprint(c["assessment"]), "打断你的腿")
		})
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("reviewer@redline.demo", "#queue-list")
		b.set("#q-text", "端到端")
		b.do("search the queue", chromedp.Click(chromedp.CSS("#queue-filter button[type=submit]")))
		b.waitJS("the complaint in the queue", fmt.Sprintf(`document.querySelector('#queue-list')?.dataset.filter === %q && !!document.querySelector('.qrow[data-ref=%q]')`, "q="+url.QueryEscape("端到端"), ref))
		b.do("open it", chromedp.Click(chromedp.CSS(fmt.Sprintf(`.qrow[data-ref=%q] a.case`, ref))),
			chromedp.WaitVisible(chromedp.CSS("#complaint[data-case] #assessment")))
		marks := func(css string) string {
			return b.eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].map(m => m.textContent).join('|')`, css))
		}
		if m := marks(`#evidence [data-message] .msg-text mark`); !strings.Contains(m, "打断你的腿") || !strings.Contains(m, "同事") {
			t.Errorf("the messages' highlighted phrases = %q, want the threat and the contact with colleagues", m)
		}
		if m := marks(`#narrative mark`); !strings.Contains(m, "同事") {
			t.Errorf("the narrative's highlighted phrases = %q", m)
		}
		if b.eval(`String(!!document.querySelector('#evidence [data-type="image/png"]'))`) != "true" {
			t.Error("the reviewer does not see the uploaded screenshot")
		}
		b.do("claim", chromedp.Click(chromedp.CSS(`[data-act="CLAIMED"]`)))
		b.waitJS("the claim", `!!document.querySelector('#complaint')?.dataset.assignee`)
		b.do("open the classification", chromedp.Click(chromedp.CSS(`[data-act="CLASSIFIED"]`)), chromedp.WaitVisible(chromedp.CSS(`#action-form[data-action="CLASSIFIED"]`)))
		b.set("#f-priority", "URGENT")
		b.do("classify", chromedp.Click(chromedp.CSS(`#action-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#confirmed [data-code="THREAT"]`)))
		b.do("open the forward form", chromedp.Click(chromedp.CSS(`[data-act="FORWARDED"]`)), chromedp.WaitVisible(chromedp.CSS(`#action-form[data-action="FORWARDED"]`)))
		if h := b.text(`#action-form`); !strings.Contains(h, "已匹配") || !strings.Contains(h, lenderName) {
			t.Errorf("the forward form = %q, want the lender matched", h)
		}
		b.do("forward to the lender", chromedp.Click(chromedp.CSS(`#action-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="FORWARDED"]`)))
		if h := b.text("#complaint .timeline"); !strings.Contains(h, "分类") || !strings.Contains(h, "转交机构") {
			t.Errorf("history = %q", h)
		}
		b.clean()
	})

	// 3. The lender's agent answers with a repayment plan.
	t.Run("InstitutionAnswers", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("agent@redline.demo", "#inbox-list")
		b.do("open it from the inbox", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#inbox-list a[data-ref=%q]`, ref))), chromedp.WaitVisible(chromedp.CSS("#respond-form")))
		b.set("#f-category", "CLOSED_WITH_NON_MONETARY_RELIEF")
		b.set(`[id="f-relief.repaymentPlan.firstDueOn"]`, time.Now().AddDate(0, 1, 0).Format("2006-01-02"))
		b.do("answer with a repayment plan",
			chromedp.SendKeys(chromedp.CSS("#f-explanation"), "经核查，外包催收机构存在威胁和联系第三人的行为，已停止催收并提供分期方案。"),
			chromedp.SendKeys(chromedp.CSS(`[id="f-relief.repaymentPlan.instalments"]`), "12"),
			chromedp.SendKeys(chromedp.CSS(`[id="f-relief.repaymentPlan.instalmentAmount"]`), "850.00"),
			chromedp.Click(chromedp.CSS(`input[name=measures][value="collectionStopped"]`)),
			chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="RESPONDED"]`)))
		b.clean()
	})

	// 4. The complainant accepts with a rating.
	t.Run("ComplainantAccepts", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		b.do("open the answer", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#todo-list a[data-ref=%q]`, ref))), chromedp.WaitVisible(chromedp.CSS("#feedback-form")))
		if a := b.text("#answers"); !strings.Contains(a, "分期还款：12 期") {
			t.Errorf("the answer shown = %q, want the repayment plan", a)
		}
		b.do("accept with five stars",
			chromedp.Click(chromedp.CSS(`input[name=decision][value="ACCEPT"]`)),
			chromedp.Click(chromedp.CSS(`input[name=satisfaction][value="5"]`)),
			chromedp.Click(chromedp.CSS("#feedback-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="ACCEPTED"] .feedback-given[data-decision="ACCEPT"]`)))
		b.clean()
	})

	// 5. The analyst's count for the lender has gone up by one (the workers aggregate the filing).
	t.Run("AnalystCountUpByOne", func(t *testing.T) {
		b := analyst.with(t)
		var after int
		for start := time.Now(); ; time.Sleep(time.Second) {
			b.do("reload the dashboard", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#dash-title")))
			if after = dashboardCount(b, lenderID); after == before+1 || time.Since(start) > apptest.Patience {
				break
			}
		}
		if after != before+1 {
			t.Errorf("the dashboard shows %d complaints against %s, want %d (%d before)", after, lenderName, before+1, before)
		}
		b.clean()
	})

	// 6. A supervisor decides the extension request on the other complaint.
	t.Run("SupervisorDecidesExtension", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("supervisor@redline.demo", "#queue-list")
		b.do("open supervision", chromedp.Navigate(env.URL+"/#/supervise"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`.ext-form[data-ref=%q]`, otherRef))))
		form := fmt.Sprintf(`.ext-form[data-ref=%q]`, otherRef)
		b.do("approve", chromedp.SendKeys(chromedp.CSS(form+" textarea"), "需核查录音，同意延期"), chromedp.Click(chromedp.CSS(form+` button[value=approve]`)))
		b.waitJS("the request decided", fmt.Sprintf(`!!document.querySelector('#extensions') && !document.querySelector('.ext-item[data-ref=%q]')`, otherRef))
		xs := env.MustDo(t, agentTok, `query($id: ID!) { complaint(id: $id) { extensions { days status } } }`, map[string]any{"id": otherID})["complaint"].(map[string]any)["extensions"].([]any)
		if last := xs[len(xs)-1].(map[string]any); last["status"] != "APPROVED" || last["days"] != float64(60) {
			t.Errorf("the extension after the decision: %v", xs)
		}
		b.clean()
	})

	// 7. An admin adds an alias; the filing wizard's type-ahead finds the institution by it.
	t.Run("AdminAliasFoundByTypeAhead", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", `#nav a[href="#/admin/users"]`)
		b.do("open the institution", chromedp.Navigate(env.URL+"/#/admin/institutions?q="+url.QueryEscape("广发银行")), chromedp.WaitVisible(chromedp.CSS("#inst-list a")),
			chromedp.Click(chromedp.CSS("#inst-list a")), chromedp.WaitVisible(chromedp.CSS("#alias-form")))
		b.do("add an alias", chromedp.SendKeys(chromedp.CSS("#f-alias"), "广发分期宝"), chromedp.Click(chromedp.CSS("#alias-form button[type=submit]")))
		b.waitJS("the alias added", `!!document.querySelector('#alias-list li[data-alias="广发分期宝"]') && !!document.querySelector('#inst-audit tr[data-action="institution.alias.add"]')`)
		b.clean()

		c := newBrowser(t, env.URL, 360, 780)
		c.signIn("complainant@redline.demo", "#mine-title")
		c.wizardAtLenderStep(env.URL, "440000")
		c.do("type the alias", chromedp.SendKeys(chromedp.CSS("#f-lenderName"), "分期宝"))
		c.waitJS("the suggestion", `[...document.querySelectorAll('#lender-options option')].some(o => o.value === '广发银行信用卡中心' && o.label.includes('广发分期宝'))`)
		c.set("#f-lenderName", "广发银行信用卡中心")
		c.waitJS("the match", `(document.querySelector('#lender-match')?.textContent || '').includes('已匹配')`)
		c.clean()
	})
}

// dashboardCount waits for the dashboard's figures and returns the complaints counted against an
// institution in its league table, as shown.
func dashboardCount(b *browser, institutionID string) int {
	b.t.Helper()
	b.waitJS("the charts", `document.querySelector('#dashboard')?.dataset.charts === 'drawn'`)
	s := b.eval(fmt.Sprintf(`document.querySelector('#dash-lenders-table tr[data-institution=%q] td[data-k="complaints"]')?.textContent || ''`, institutionID))
	n, err := strconv.Atoi(s)
	if err != nil {
		b.t.Fatalf("the dashboard shows %q complaints against institution %s, want a number", s, institutionID)
	}
	return n
}
