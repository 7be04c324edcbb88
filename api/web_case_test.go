package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebCaseWorkbench drives the staff case page in Chromium: a complaint filed through the API
// with a screenshot, a recording and a threatening pasted message; the reviewer sees the phrases
// highlighted, the dismissed hit apart, the evidence with its hash in a viewer and a player; a
// shortcut does nothing while typing and claims otherwise; a version conflict is explained and
// reloaded; the classification is saved; the identity is revealed only with a reason; the
// complaint is forwarded to the lender, which then sees it.
func TestWebCaseWorkbench(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})
	owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
	reviewer := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
	reviewerID := env.MustDo(t, reviewer, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)

	d := env.MustDo(t, owner, webFileQuery, map[string]any{"i": map[string]any{"relation": "SELF", "province": "310000", "product": "CREDIT_CARD",
		"lenderName": "招行信用卡", "debtor": map[string]any{"name": "王小明", "mobile": "13812345678", "idNumber": "11010519491231002X"},
		"narrative":  "催收员没有骂我，但是他们天天打电话到我单位，还给我父母打电话。",
		"violations": []string{"THREAT", "THIRD_PARTY_CONTACT"}}})["fileComplaint"].(map[string]any)
	id, ref := d["id"].(string), d["reference"].(string)
	png := pngBytes(t)
	shot := upload(t, env, owner, "screenshot.png", "image/png", png)
	env.MustDo(t, owner, addEvidence, map[string]any{"c": id, "t": shot.Body.UploadToken, "d": "催收短信截图"})
	rec := upload(t, env, owner, "call.mp3", "audio/mpeg", mp3Bytes())
	env.MustDo(t, owner, addEvidence, map[string]any{"c": id, "t": rec.Body.UploadToken, "d": "通话录音"})
	sent := time.Now().Add(-2 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
	env.MustDo(t, owner, addMessages, map[string]any{"c": id, "m": []any{
		map[string]any{"sender": "13800138000", "sentAt": sent, "text": "再不还钱就去你家泼油漆，打断你的腿，让你全家不得安宁"}}})

	// Routing, then the reassessment of the pasted message, run in the workers.
	const probe = `query($id: ID!) { complaint(id: $id) { status version assessment { severity suggestedReferral violations { evidence { source phrase } } } } }`
	var severity, referral string
	deadline := time.Now().Add(apptest.Patience)
	for {
		r := env.Do(t, reviewer, probe, map[string]any{"id": id}) // NOT_FOUND until routed into the reviewer's team
		c, _ := r.Data["complaint"].(map[string]any)
		if a, ok := c["assessment"].(map[string]any); ok && c["status"] == "IN_TRIAGE" && strings.Contains(fmt.Sprint(a["violations"]), "打断你的腿") {
			severity = a["severity"].(string)
			referral, _ = a["suggestedReferral"].(string)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the complaint was not routed and assessed with its message: %v %v", c, r.Errors)
		}
		time.Sleep(200 * time.Millisecond)
	}

	// On a phone: the page fits, and passes axe.
	phone := newBrowser(t, env.URL, 360, 780)
	phone.signIn("reviewer@redline.demo", "#nav .who")
	phone.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#complaint[data-case] #assessment")))
	if got := phone.eval(`document.querySelector('.kbd-hint') ? getComputedStyle(document.querySelector('.kbd-hint')).display : 'absent'`); got != "none" {
		t.Errorf("the keyboard shortcuts hint on a phone: display %s, want none", got)
	}
	phone.check("case-workbench")

	b := newBrowser(t, env.URL, 1280, 900)
	b.signIn("reviewer@redline.demo", "#nav .who")
	b.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#complaint[data-case] #assessment")))
	if got := b.text(".kbd-hint"); !strings.Contains(got, "快捷键") {
		t.Errorf("the keyboard shortcuts hint on a desktop = %q", got)
	}

	// What the rules found, highlighted where it was found.
	for _, tc := range []struct{ where, phrase string }{
		{`#evidence [data-message="0"] .msg-text`, "打断你的腿"},
		{`#evidence [data-message="0"] .msg-text`, "全家不得安宁"},
		{`#narrative`, "给我父母打电话"},
	} {
		got := b.eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].flatMap(e => [...e.querySelectorAll('mark')]).map(m => m.textContent).join('|')`, tc.where))
		if !strings.Contains("|"+got+"|", "|"+tc.phrase+"|") {
			t.Errorf("%s marks %q, want a <mark> holding %q", tc.where, got, tc.phrase)
		}
	}
	if got := b.text(`#assessment .suggestions li[data-code="THREAT"]`); !strings.Contains(got, "治安管理处罚法") || !strings.Contains(got, "置信度") {
		t.Errorf("the threat finding = %q, want the law and the confidence", got)
	}
	if got := b.text("#dismissed"); !strings.Contains(got, "骂我") || !strings.Contains(got, "没有") {
		t.Errorf("dismissed hits = %q, want 骂我 set aside by 没有", got)
	}
	if b.eval(`String(document.querySelector('#narrative mark.dismissed, #narrative mark[data-code="ABUSIVE_LANGUAGE"]') === null)`) != "true" {
		t.Error("a dismissed hit is highlighted in the narrative as if it counted")
	}
	if got := b.eval(`document.querySelector('#assessment').dataset.severity`); got != severity {
		t.Errorf("severity shown %q, the API says %q", got, severity)
	}
	if referral == "POLICE" {
		if got := b.text("#referral-advice"); !strings.Contains(got, "公安") || !strings.Contains(got, "110") {
			t.Errorf("police referral advice = %q", got)
		}
	}
	if got := b.text("#debtor"); strings.Contains(got, "13812345678") || strings.Contains(got, "11010519491231002X") {
		t.Errorf("the debtor is shown unmasked before any reveal: %q", got)
	}

	b.screenshots("case-findings", ".case-work")

	// Evidence: the whole hash, the image in a viewer Escape closes, the recording in a player.
	if got := b.eval(`[...document.querySelectorAll('#evidence [data-sha256]')].map(e => e.textContent).join(' ')`); !strings.Contains(got, sha(png)) {
		t.Errorf("evidence hashes %q lack the screenshot's %s", got, sha(png))
	}
	b.do("view the image", chromedp.Click(chromedp.CSS(`#evidence [data-type="image/png"]`)), chromedp.WaitVisible(chromedp.CSS("dialog#lightbox[open] img")))
	b.waitJS("the image to load", `document.querySelector('dialog#lightbox img').naturalWidth === 16`)
	for _, i := range b.axeIssues() {
		t.Errorf("axe-core with the image viewer open: %s", i)
	}
	b.do("close it with Escape", chromedp.KeyEvent(kb.Escape))
	b.waitJS("the viewer to close and focus to return", `!document.querySelector('dialog#lightbox') && document.activeElement?.dataset.type === 'image/png'`)
	b.do("play the recording", chromedp.Click(chromedp.CSS(`#evidence [data-type="audio/mpeg"]`)), chromedp.WaitVisible(chromedp.CSS("#evidence audio[controls]")))

	// Shortcuts: ? lists them; c typed into the note is text, not a claim; c on the page claims.
	b.eval(`(document.activeElement.blur(), '')`)
	b.do("open the shortcuts", chromedp.KeyEvent("?"), chromedp.WaitVisible(chromedp.CSS("dialog#shortcuts[open]")))
	b.do("close them", chromedp.KeyEvent(kb.Escape))
	b.waitJS("the shortcuts to close", `!document.querySelector('dialog#shortcuts')`)
	b.do("type c into the note", chromedp.SendKeys(chromedp.CSS("#f-note"), "c"))
	time.Sleep(700 * time.Millisecond)
	if got := b.eval(`document.querySelector('#complaint').dataset.assignee + '|' + document.querySelector('#f-note').value`); got != "|c" {
		t.Errorf("after typing c into the note: assignee|note = %q, want nothing claimed and the c in the note", got)
	}
	b.set("#f-note", "")
	b.eval(`(document.activeElement.blur(), '')`)
	b.do("claim with c", chromedp.KeyEvent("c"))
	b.waitJS("the claim", fmt.Sprintf(`document.querySelector('#complaint')?.dataset.assignee === %q`, reviewerID))

	// Someone else changes the complaint: the next action is refused and explained, with a reload.
	seen := b.eval(`document.querySelector('#complaint').dataset.version`)
	env.MustDo(t, reviewer, `mutation($id: ID!) { classifyComplaint(id: $id, confirm: [THREAT]) { version } }`, map[string]any{"id": id})
	b.eval(`(document.activeElement.blur(), '')`)
	b.do("open the classification with k", chromedp.KeyEvent("k"), chromedp.WaitVisible(chromedp.CSS(`#action-form[data-action="CLASSIFIED"]`)))
	b.do("save it on the old version", chromedp.Click(chromedp.CSS(`#action-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS("#conflict")))
	if got := b.text("#conflict"); !strings.Contains(got, "没有保存") || !strings.Contains(got, "第 "+seen+" 版") || !strings.Contains(got, "重新载入") {
		t.Errorf("the conflict says %q, want that nothing was saved, the version seen and a reload", got)
	}
	if got := b.eval(`document.activeElement.id`); got != "conflict" {
		t.Errorf("focus after the conflict is on %q, want the explanation", got)
	}
	b.do("reload", chromedp.Click(chromedp.CSS("#conflict-reload")))
	b.waitJS("the new version", fmt.Sprintf(`document.querySelector('#complaint').dataset.version !== %q && document.querySelector('#conflict').hidden`, seen))

	// Classify: THREAT confirmed by the colleague, third-party contact added, priority high.
	b.eval(`(document.activeElement.blur(), '')`)
	b.do("open the classification", chromedp.KeyEvent("k"), chromedp.WaitVisible(chromedp.CSS(`#action-form[data-action="CLASSIFIED"]`)))
	b.eval(`(document.querySelector('#action-form input[name=violations][value=THIRD_PARTY_CONTACT]').checked = true, '')`)
	b.set("#f-priority", "HIGH")
	b.check("case-classify", "#action-panel")
	b.do("save the classification", chromedp.Click(chromedp.CSS(`#action-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#confirmed [data-code="THIRD_PARTY_CONTACT"]`)))
	if got := b.eval(`[...document.querySelectorAll('#confirmed [data-code]')].map(e => e.dataset.code).sort().join(',') + ' ' + document.querySelector('.status-line [data-priority]')?.dataset.priority`); got != "THIRD_PARTY_CONTACT,THREAT HIGH" {
		t.Errorf("after classifying: %q", got)
	}

	// The history says what the classification decided, not only that there was one.
	if got := b.text(`#complaint .timeline li[data-action="CLASSIFIED"] .t-details`); !strings.Contains(got, "骚扰亲友") || !strings.Contains(got, "优先级：高") {
		t.Errorf("the classification in the history reads %q, want the violations and the priority", got)
	}

	// The identity: a reason is required, then the full values show.
	b.do("open the reveal", chromedp.Click(chromedp.CSS("#reveal summary")), chromedp.WaitVisible(chromedp.CSS("#reveal-form")))
	b.do("reveal without a reason", chromedp.Click(chromedp.CSS("#reveal-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#err-revealReason")))
	if got := b.text("#revealed"); got != "" {
		t.Errorf("revealed without a reason: %q", got)
	}
	b.do("reveal with a reason", chromedp.SendKeys(chromedp.CSS("#f-revealReason"), "需致电借款人核实催收情况"),
		chromedp.Click(chromedp.CSS("#reveal-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#revealed dl")))
	if got := b.text("#revealed"); !strings.Contains(got, "13812345678") || !strings.Contains(got, "11010519491231002X") {
		t.Errorf("revealed identity = %q", got)
	}

	// Forward to the lender with f.
	b.eval(`(document.activeElement.blur(), '')`)
	b.do("open the forward form", chromedp.KeyEvent("f"), chromedp.WaitVisible(chromedp.CSS(`#action-form[data-action="FORWARDED"]`)))
	b.eval(`(() => { const s = document.querySelector('#f-lenderId'); if (s && s.options.length > 1 && !s.closest('.field').querySelector('.hint').textContent.includes('已匹配')) s.selectedIndex = 1; return ''; })()`)
	b.do("forward", chromedp.Click(chromedp.CSS(`#action-form button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="FORWARDED"]`)))
	if got := b.text("#complaint .timeline"); !strings.Contains(got, "转交机构") || !strings.Contains(got, "审核员认领") || !strings.Contains(got, "分类") {
		t.Errorf("history after the work = %q", got)
	}
	if c := env.MustDo(t, agent, `query($id: ID!) { complaint(id: $id) { status } }`, map[string]any{"id": id})["complaint"].(map[string]any); c["status"] != "FORWARDED" {
		t.Errorf("the lender's agent sees %v", c)
	}

	// A second complaint about the same debtor and lender: the earlier one side by side, and a link.
	d2 := env.MustDo(t, owner, webFileQuery, map[string]any{"i": map[string]any{"relation": "SELF", "province": "310000", "product": "CREDIT_CARD",
		"lenderName": "招行信用卡", "debtor": map[string]any{"name": "王小明", "mobile": "13812345678", "idNumber": "11010519491231002X"},
		"narrative": "他们还在每天打电话到我单位。", "violations": []string{"THIRD_PARTY_CONTACT"}}})["fileComplaint"].(map[string]any)
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		r := env.Do(t, reviewer, `query($id: ID!) { complaint(id: $id) { status likelyDuplicates { id } } }`, map[string]any{"id": d2["id"]})
		if c, _ := r.Data["complaint"].(map[string]any); c != nil && c["status"] == "IN_TRIAGE" {
			if !strings.Contains(fmt.Sprint(c["likelyDuplicates"]), id) {
				t.Fatalf("the second complaint was routed without its likely duplicate: %v", c)
			}
			break
		}
		if time.Since(start) > apptest.Patience {
			t.Fatalf("the second complaint was not routed: %v", r.Errors)
		}
	}
	b.do("open the second complaint", chromedp.Navigate(env.URL+"/#/c/"+d2["reference"].(string)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#duplicates .pair[data-dup=%q]`, ref))))
	if got := b.text("#duplicates .pair"); !strings.Contains(got, d2["reference"].(string)) || !strings.Contains(got, ref) || !strings.Contains(got, "他们还在每天打电话") || !strings.Contains(got, "没有骂我") {
		t.Errorf("the pair side by side = %q, want both references and narratives", got)
	}
	b.check("case-duplicates", "#duplicates")
	b.do("link it", chromedp.Click(chromedp.CSS(`#duplicates [data-link][data-merge="false"]`)), chromedp.WaitVisible(chromedp.CSS("#duplicates .links")))
	// By its reference, not its internal id (session 32 walk32).
	if got := b.text("#duplicates .links"); !strings.Contains(got, ref) || strings.Contains(got, id) {
		t.Errorf("links after linking = %q, want the primary %s by its reference", got, ref)
	}
	if got := b.text("#complaint .timeline"); !strings.Contains(got, "关联投诉") {
		t.Errorf("history after linking = %q", got)
	}
	b.clean()
}
