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
)

// TestWebWalk27 holds what session 27's walk (every role on the demo data, zh then en, 360 px and
// desktop, axe-core) found. Each subtest signs in on a browser of its own, so each runs alone
// (go test -run 'TestWebWalk27/X'); PeriodsAreThePolicys, which publishes a deadline policy and
// puts the built-in one back, runs last.
func TestWebWalk27(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// The inbox and the queue showed a complaint's days and times in China time whatever its
	// calendar: a US complaint's answer, due at the end of a day in New York, read as due the day
	// after (the case page names the calendar's day, Deadline.dueDate), and the moment it was filed
	// as Beijing's. The lists show the due day its calendar counts and the complaint's moments in
	// the calendar's zone, named.
	t.Run("ListsShowTheCalendarsDays", func(t *testing.T) {
		ref := forwardedToTheDemoLender(t, env)
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Fatal(err)
		}
		day := time.Now().In(ny).AddDate(0, 0, 5)
		due := time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, ny)
		filed := time.Date(2026, 11, 30, 22, 30, 0, 0, ny) // 1 December 11:30 in Beijing
		// A US complaint: every clock counts on the US calendar.
		if err := env.App.DB.Gorm.Exec(`UPDATE complaint_deadlines SET jurisdiction = 'US' WHERE complaint_id = (SELECT id FROM complaints WHERE reference = ?)`, ref).Error; err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`UPDATE complaint_deadlines SET due_at = ? WHERE kind = 'INSTITUTION_RESPONSE' AND state = 'OPEN' AND complaint_id = (SELECT id FROM complaints WHERE reference = ?)`,
			`UPDATE complaints SET due_at = ? WHERE reference = ?`,
		} {
			if err := env.App.DB.Gorm.Exec(q, due, ref).Error; err != nil {
				t.Fatal(err)
			}
		}
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET created_at = ? WHERE reference = ?`, filed, ref).Error; err != nil {
			t.Fatal(err)
		}
		dueZh := fmt.Sprintf("%d年%d月%d日", due.Year(), due.Month(), due.Day())
		// The agent's inbox.
		a := phoneAt(t, env, "agent@redline.demo", "/inbox?n=50", "#inbox-list")
		row := `#inbox-list a[data-ref="` + ref + `"]`
		a.waitJS(ref+" listed", `!!document.querySelector('`+row+`')`)
		times := a.eval(`[...document.querySelectorAll('` + row + ` .case-meta time')].map((e) => e.textContent).join(' | ')`)
		if !strings.Contains(times, "2026/11/30 22:30 GMT-5") || !strings.Contains(times, dueZh) {
			t.Errorf("the inbox shows %s, filed 30 Nov 22:30 and due %s in New York, as %q", ref, dueZh, times)
		}
		a.accessible("the inbox with a US complaint")
		a.toEnglish()
		a.waitJS("the row in English", `/Answer due/.test(document.querySelector('`+row+`')?.textContent || '')`)
		if got, want := a.eval(`document.querySelector('`+row+` .countdown time').textContent`), due.Format("2 January 2006"); !strings.Contains(got, want) {
			t.Errorf("the English inbox shows the answer due %q, want %s", got, want)
		}
		a.clean()
		// The supervisor's queue.
		s := newBrowser(t, env.URL, 1280, 900)
		s.signIn("supervisor@redline.demo", "#nav .who")
		var lender string
		env.App.DB.Gorm.Raw(`SELECT lender_id::text FROM complaints WHERE reference = ?`, ref).Scan(&lender)
		s.do("the lender's forwarded complaints", chromedp.Navigate(env.URL+"/#/queue?status=FORWARDED&n=50&inst="+lender))
		qrow := `.qrow[data-ref="` + ref + `"]`
		s.waitJS(ref+" in the queue", `!!document.querySelector('`+qrow+` .q-due time')`)
		if got := s.text(qrow + ` .q-due time`); !strings.HasPrefix(got, dueZh) {
			t.Errorf("the queue shows %s's answer due %q, want %s (New York's day)", ref, got, dueZh)
		}
		if got := s.text(qrow + ` .q-where time`); !strings.Contains(got, "2026/11/30 22:30 GMT-5") {
			t.Errorf("the queue shows %s filed at %q, want 30 Nov 22:30 in New York", ref, got)
		}
		s.onPhone("the queue with a US complaint")
		s.clean()
	})

	// The rule pack editor's JSON document, the Chinese pack's phrases, was not marked Chinese: a
	// screen reader on the English page read "爆通讯录" in an English voice. The document, the
	// messages it is tried on and the diff's lines say their language.
	t.Run("RulePackEditorMarksItsLanguage", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("the rules page", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#f-document")))
		if got := b.eval(`document.querySelector('#f-document').lang`); got != "zh-CN" {
			t.Errorf("the Chinese pack's document is marked %q", got)
		}
		b.eval(`(() => { const el = document.querySelector('#f-document'); el.value = el.value.replace('"phrases": [', '"phrases": ["走着瞧", '); el.dispatchEvent(new Event('input', {bubbles: true})); return ''; })()`)
		b.do("show the changes", chromedp.Click(chromedp.CSS("#show-diff")))
		b.waitJS("the diff", `document.querySelector('#pack-diff')?.dataset.added > 0`)
		b.toEnglish()
		b.waitJS("the page in English", `/Rule packs/.test(document.querySelector('main h1')?.textContent || '')`)
		b.do("show the changes in English", chromedp.Click(chromedp.CSS("#show-diff")))
		b.waitJS("the diff in English", `document.querySelector('#pack-diff')?.dataset.added > 0 && /lines/.test(document.querySelector('#pack-diff').textContent)`)
		if got := b.eval(unmarkedChinese("main")); got != "" {
			t.Errorf("Chinese unmarked on the English rules page: %s", got)
		}
		b.accessible("the rules page in English")
		b.clean()
	})

	// A rule pack draft whose JSON was broken got the Go parser's answer, "规则包无效：parse pack:
	// invalid character 'o' looking for beginning of object key string", in English on the Chinese
	// page, with no line: the page says where (line and column, the caret put there) and what to
	// check, in the reader's language, before asking the server.
	t.Run("RulePackJSONErrorSaysWhere", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("admin@redline.demo", "#nav .who")
		b.do("the rules page", chromedp.Navigate(env.URL+"/#/admin/rules"), chromedp.WaitVisible(chromedp.CSS("#f-texts")))
		b.set("#f-document", "{\n  \"jurisdiction\": \"CN\",\n  oops: 1\n}")
		b.set("#f-texts", "再不还钱就去你单位找你领导")
		for _, k := range []struct{ lang, want string }{{"zh", "第 3 行第 3 列"}, {"en", "line 3, column 3"}} {
			if k.lang == "en" {
				b.toEnglish()
				b.waitJS("the draft kept", `(document.querySelector('#f-document')?.value || '').includes('oops')`)
			}
			b.do("run the draft", chromedp.Click(chromedp.CSS("#try-pack")))
			b.waitJS("the document's error", `!document.querySelector('#err-document').hidden`)
			got := b.text("#err-document")
			if !strings.Contains(got, k.want) || strings.Contains(got, "parse pack") || strings.Contains(got, "invalid character") {
				t.Errorf("the broken JSON's error in %s reads %q, want where (%s) in words", k.lang, got, k.want)
			}
			if at := b.eval(`String(document.querySelector('#f-document').selectionStart)`); at != "28" {
				t.Errorf("the caret is at %s, want 28 (where oops begins)", at)
			}
		}
		b.accessible("the broken pack's error on a phone")
		b.do("discard the draft", chromedp.Click(chromedp.CSS("#reset-pack")))
		b.clean()
	})

	// The borrower asked for information read "如需补充截图或录音，请在下方"证据"中上传": no part of
	// the page is called 证据 with an upload (the evidence list is; the upload is under
	// “补充证据或短信”), and the quotes were ASCII ones in Chinese text. The hint names the part
	// that takes the files, in Chinese quotes, and so does the register page's name hint.
	t.Run("InformationHintNamesWhereToUpload", func(t *testing.T) {
		var ref string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status = 'IN_TRIAGE' ORDER BY reference LIMIT 1`).Scan(&ref)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, sup, `mutation($id: ID!) { requestInformation(id: $id, question: "请上传催收短信的截图，并写明催收电话打到您单位的日期。") { status } }`, map[string]any{"id": ref})
		giveToComplainant(t, env, ref)
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#info-request #provide")
		hint := b.text("#info-request .hint")
		summary := b.text("#add-evidence summary")
		if !strings.Contains(hint, "“"+summary+"”") || strings.Contains(hint, `"`) {
			t.Errorf("the information request's hint reads %q; the upload is under %q", hint, summary)
		}
		b.accessible("an information request on a phone")
		b.toEnglish()
		b.waitJS("the hint in English", `/upload them under/.test(document.querySelector('#info-request .hint')?.textContent || '')`)
		if hint, summary := b.text("#info-request .hint"), b.text("#add-evidence summary"); !strings.Contains(hint, "“"+summary+"”") {
			t.Errorf("the English hint reads %q; the upload is under %q", hint, summary)
		}
		b.toChinese()
		b.signedOut()
		b.do("the register page", chromedp.Navigate(env.URL+"/#/register"), chromedp.WaitVisible(chromedp.CSS("#f-displayName")))
		if got := b.text(`[data-field="displayName"] .hint`); !strings.Contains(got, "“王女士”") {
			t.Errorf("the register page's name hint reads %q", got)
		}
		b.clean()
	})

	// The start page, the check page and the page after filing said "7 个工作日" and "15 日" (and
	// "60 日" to accept an answer) as general information, whatever the deadline policy an admin
	// published: they say the policy's periods in force, in both languages, and the page after
	// filing names the day the decision is due.
	t.Run("PeriodsAreThePolicys", func(t *testing.T) {
		admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
		original := env.MustDo(t, admin, `{ deadlineRules(jurisdiction: CN) { policy } }`, nil)["deadlineRules"].(map[string]any)["policy"].(string)
		var doc map[string]any
		if err := json.Unmarshal([]byte(original), &doc); err != nil {
			t.Fatal(err)
		}
		clocks := doc["clocks"].(map[string]any)
		clocks["ACCEPTANCE"].(map[string]any)["stages"].([]any)[0].(map[string]any)["days"] = 5
		for i, d := range []int{20, 40, 60} {
			clocks["INSTITUTION_RESPONSE"].(map[string]any)["stages"].([]any)[i].(map[string]any)["days"] = d
		}
		clocks["FEEDBACK"].(map[string]any)["stages"].([]any)[0].(map[string]any)["days"] = 45
		policy, _ := json.Marshal(doc)
		publish := `mutation($d: String!, $r: String!) { updateDeadlinePolicy(jurisdiction: CN, document: $d, reason: $r) { policyRevision } }`
		env.MustDo(t, admin, publish, map[string]any{"d": string(policy), "r": "依据监管通知调整受理、答复和评价期限"})
		t.Cleanup(func() {
			env.MustDo(t, env.Login(t, "admin@redline.demo", app.DemoPassword), publish, map[string]any{"d": original, "r": "恢复内置期限"})
		})
		stale := []string{"7 个工作日", "15 日", "60 日", "7 working days", "15 days", "60 days"}
		says := func(what, got string, want ...string) {
			t.Helper()
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%s reads %q, want %q", what, got, w)
				}
			}
			for _, s := range stale {
				if strings.Contains(got, s) {
					t.Errorf("%s still says %q: %q", what, s, got)
				}
			}
		}
		v := newBrowser(t, env.URL, 360, 780)
		for _, p := range []struct{ path, css string }{{"/", "#home-lede"}, {"/check", "#check-periods"}} {
			v.do("open "+p.path, chromedp.Navigate(env.URL+"/#"+p.path), chromedp.WaitVisible(chromedp.CSS(p.css)))
			says(p.path, v.text(p.css), "5 个工作日内", "20 日内")
			v.accessible(p.path + " on a phone")
			v.toEnglish()
			v.waitJS(p.path+" in English", `/within/.test(document.querySelector('`+p.css+`')?.textContent || '')`)
			says(p.path+" in English", v.text(p.css), "within 5 working days", "within 20 days")
			v.toChinese()
		}
		v.clean()

		// A complaint filed now, under the policy just published: the demo's complaints in triage
		// were filed days ago, and after midnight in Beijing (16:00 UTC) the 5-day clock of every one
		// of them could have run out, which left none to open.
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
			"relation": "SELF", "lenderId": demoLenderGraphID(t, env), "product": "CREDIT_CARD", "province": "310000",
			"debtor":     map[string]any{"name": "王芳", "mobile": "13812345678", "idNumber": "11010519491231002X"},
			"narrative":  "催收员每天打十几个电话到我单位，我很害怕。",
			"violations": []any{"EXCESSIVE_CONTACT"},
		}})["fileComplaint"].(map[string]any)["id"].(string)
		ref := routedReference(t, env, env.Login(t, "supervisor@redline.demo", app.DemoPassword), id)
		b := phoneAt(t, env, "complainant@redline.demo", "/file?filed="+ref, "#file-done .next-steps")
		b.waitJS("the decision's day", `!!document.querySelector('#acceptance-due time')`)
		due := b.text("#acceptance-due time")
		says("the page after filing", b.text("#file-done .next-steps"), "在 "+due+" 前决定", "20 日内", "45 日内")
		b.accessible("the page after filing on a phone")
		b.toEnglish()
		b.waitJS("the page after filing in English", `/within 20 days/.test(document.querySelector('#file-done .next-steps')?.textContent || '')`)
		says("the English page after filing", b.text("#file-done .next-steps"), "by "+b.text("#acceptance-due time"), "within 45 days")
		b.clean()
	})
}

// forwardedToTheDemoLender files a complaint against 招商银行信用卡中心 (the demo agent's) as the demo
// complainant, waits for it to be routed, forwards it to the lender and returns its reference.
func forwardedToTheDemoLender(t *testing.T, env *apptest.Env) string {
	t.Helper()
	lender := demoLenderGraphID(t, env)
	owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
	id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
		"relation": "SELF", "lenderId": lender, "product": "CREDIT_CARD", "province": "310000",
		"debtor":                 map[string]any{"name": "王芳", "mobile": "13812345678", "idNumber": "11010519491231002X"},
		"consentToShareIdentity": true,
		"narrative":              "催收员每天打十几个电话，还说要去我单位找领导，我很害怕。",
		"violations":             []any{"EXCESSIVE_CONTACT"},
	}})["fileComplaint"].(map[string]any)["id"].(string)
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	ref := routedReference(t, env, sup, id)
	env.MustDo(t, sup, `mutation($id: ID!) { forwardComplaint(id: $id, target: LENDER) { status } }`, map[string]any{"id": id})
	return ref
}

// answeredByTheDemoLender is forwardedToTheDemoLender's complaint answered by the lender's agent
// (closed with an explanation), its reference and id: the first round of the walks' second rounds
// (sessions 31, 32).
func answeredByTheDemoLender(t *testing.T, env *apptest.Env) (ref, id string) {
	t.Helper()
	ref = forwardedToTheDemoLender(t, env)
	agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	id = env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"].(string)
	env.MustDo(t, agent, `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_EXPLANATION,
		explanation: "经核实，催收员按规定每日联系不超过三次，未发现违规。"}) { id } }`, map[string]any{"id": id})
	return ref, id
}
