package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// The web tests drive the real platform (database, Redis, workers) with a real headless Chromium.
// Set REDLINE_WEB_SCREENSHOTS to a directory to save screenshots of the main pages there.

const chromiumPath = "/usr/bin/chromium"

// startForBrowser starts a platform for a browser test, after checking that Chromium is there.
func startForBrowser(t *testing.T, opts apptest.Options) *apptest.Env {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("the browser tests need Chromium at %s (%v): run `bash deploy/local.sh test`, which installs it", chromiumPath, err)
	}
	return apptest.Start(t, opts)
}

// TestWebUI runs the browser scenarios in order against one platform: the reviewer's scenario
// looks for the complaint that the complainant's scenario follows.
func TestWebUI(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 40})

	var reference string
	t.Run("ComplainantFollowsComplaint", func(t *testing.T) {
		reference = complainantFollows(t, env)
	})
	t.Run("DoubleTapFilesOnce", func(t *testing.T) {
		doubleTapFilesOnce(t, env)
	})
	t.Run("DraftSurvivesSessionEnd", func(t *testing.T) {
		draftSurvivesSessionEnd(t, env)
	})
	t.Run("ServerErrorShownAtItsFieldInChinese", func(t *testing.T) {
		serverErrorAtField(t, env)
	})
	t.Run("ReviewerSeesComplaintInQueue", func(t *testing.T) {
		if reference == "" {
			t.Skip("no complaint was filed")
		}
		reviewerSeesQueue(t, env, reference)
	})
	t.Run("ComplainantWithdraws", func(t *testing.T) {
		if reference == "" {
			t.Skip("no complaint was filed")
		}
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		b.do("withdraw the complaint",
			chromedp.Navigate(env.URL+"/#/c/"+reference), chromedp.WaitVisible(chromedp.CSS("#withdraw summary")),
			chromedp.Click(chromedp.CSS("#withdraw summary")),
			chromedp.SendKeys(chromedp.CSS("#withdraw-form #f-reason"), "已与机构协商解决"),
			chromedp.Click(chromedp.CSS("#withdraw-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="WITHDRAWN"]`)),
		)
		if h := b.text("#complaint .timeline"); !strings.Contains(h, "已与机构协商解决") {
			t.Errorf("the withdrawal's reason is not in the history: %q", h)
		}
		if b.eval(`String(document.querySelector('#withdraw') === null && document.querySelector('#add-evidence') === null)`) != "true" {
			t.Error("a withdrawn complaint still offers to withdraw or to add evidence")
		}
		b.clean()
	})
	t.Run("ChangePasswordSignsOut", func(t *testing.T) {
		env.Register(t, "new-password@example.cn")
		b := newBrowser(t, env.URL, 360, 780)
		b.do("sign in", chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")),
			chromedp.SendKeys(chromedp.CSS("#f-email"), "new-password@example.cn"), chromedp.SendKeys(chromedp.CSS("#f-password"), "correct-horse-42"),
			chromedp.Click(chromedp.CSS("#login button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#mine-title")))
		b.do("a wrong current password", chromedp.Navigate(env.URL+"/#/account"), chromedp.WaitVisible(chromedp.CSS("#password-form")),
			chromedp.SendKeys(chromedp.CSS("#f-currentPassword"), "not-my-password-1"), chromedp.SendKeys(chromedp.CSS("#f-newPassword"), "battery-staple-77"),
			chromedp.Click(chromedp.CSS("#password-form button[type=submit]")))
		b.waitJS("the error", `!document.querySelector('#err-currentPassword').hidden || !document.querySelector('#password-form .form-alert').hidden`)
		b.forget("status of 4")
		b.set("#f-currentPassword", "correct-horse-42")
		b.do("change it",
			chromedp.Click(chromedp.CSS("#password-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#login")))
		if f := b.text("main .flash"); !strings.Contains(f, "密码已修改") {
			t.Errorf("after changing the password the page says %q", f)
		}
		if r := env.Do(t, "", `mutation { login(email: "new-password@example.cn", password: "battery-staple-77") { token } }`, nil); len(r.Errors) > 0 {
			t.Errorf("signing in with the new password: %+v", r.Errors)
		}
		b.clean()
	})
	t.Run("GraphiQLWorksOffline", func(t *testing.T) {
		graphiqlOffline(t, env)
	})
	t.Run("FirstLoadUnder150KB", func(t *testing.T) {
		firstLoadBudget(t, env)
	})
}

// signIn opens the sign-in page and signs in to a demo account; wait is what the home page shows.
func (b *browser) signIn(email, wait string) {
	b.t.Helper()
	b.signInAs(email, app.DemoPassword, wait)
}

// phoneAt opens path (#/path) on a fresh 360 px phone signed in as email, once wait shows.
func phoneAt(t *testing.T, env *apptest.Env, email, path, wait string) *browser {
	t.Helper()
	b := newBrowser(t, env.URL, 360, 780)
	b.signIn(email, "#nav .who")
	b.do("open "+path, chromedp.Navigate(env.URL+"/#"+path), chromedp.WaitVisible(chromedp.CSS(wait)))
	return b
}

// toChinese clicks the language switch (the page shows English) and waits for the page drawn again in Chinese.
func (b *browser) toChinese() {
	b.t.Helper()
	b.do("switch to Chinese", chromedp.Evaluate[chromedp.Void](`document.querySelector('#lang-switch').click()`))
	b.waitJS("the page drawn again in Chinese", switchedToChinese)
}

// signedOut leaves the portal signed out, in Chinese, whatever an earlier subtest left.
func (b *browser) signedOut() {
	b.t.Helper()
	if b.eval(`location.origin`) != b.base {
		b.do("open the portal", chromedp.Navigate(b.base+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#lang-switch")))
	}
	if b.eval(`document.documentElement.lang`) == "en" {
		b.toChinese()
	}
	b.eval(`(document.querySelector('#signout')?.click(), '')`)
	b.waitJS("signed out", `!document.querySelector('#signout') && !sessionStorage.getItem('redline.token')`)
}

// signInAs signs in with the password given.
func (b *browser) signInAs(email, password, wait string) {
	b.t.Helper()
	b.do("sign in as "+email,
		chromedp.Navigate(b.base+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")),
		chromedp.SendKeys(chromedp.CSS("#f-email"), email),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.Click(chromedp.CSS("#login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(wait)),
	)
}

const webFileQuery = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id reference } }`

func complainantFollows(t *testing.T, env *apptest.Env) string {
	tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
	d := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "CONSUMER_LOAN",
		"lenderName": "马上消费", "narrative": "催收员每天给我打二十多个电话，半夜也打，还说要到我家里来。", "violations": []string{"THIRD_PARTY_CONTACT", "IMPROPER_HOURS"}}})
	ref := d["fileComplaint"].(map[string]any)["reference"].(string)

	b := newBrowser(t, env.URL, 390, 844) // a phone
	b.signIn("complainant@redline.demo", "#mine-title")
	if banner := b.text("#demo-banner"); !strings.Contains(banner, "演示环境") {
		t.Errorf("dev-mode demo notice = %q, want it to say 演示环境", banner)
	}
	if list := b.text("#mine-list"); !strings.Contains(list, ref) {
		t.Errorf("my complaints = %q, want it to hold %s", list, ref)
	}
	// The worker routes the complaint; the page follows it without a reload.
	b.do("open the complaint", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#mine-list a[data-ref=%q]`, ref))), chromedp.WaitVisible(chromedp.CSS("#complaint .timeline li")))
	b.within("the complaint to be routed", apptest.Patience, chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="IN_TRIAGE"]`)))
	if s := b.text(`#complaint .status-line`); !strings.Contains(s, "审核中") {
		t.Errorf("status shown = %q, want 审核中", s)
	}
	hist := b.text("#complaint .timeline")
	for _, want := range []string{"提交投诉", "分派至审核团队", "已提交 → 审核中"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history %q lacks %q", hist, want)
		}
	}
	if dl := b.text("#complaint .deadlines"); !strings.Contains(dl, "受理决定期限") || !strings.Contains(dl, "还剩") {
		t.Errorf("deadlines shown = %q, want the acceptance deadline with a countdown", dl)
	}
	b.check("complaint-detail")
	return ref
}

// reviewDraft is a draft at the review step, as the wizard keeps it on the device.
func reviewDraft(userID, key, idNumber string) string {
	d := map[string]any{"step": 6, "key": key, "relation": "SELF", "debtor": map[string]any{"name": "王小明", "mobile": "13812345678", "idNumber": idNumber},
		"province": "440000", "product": "ONLINE_LOAN", "amountOwed": "", "daysOverdue": "", "contractNumber": "", "lenderName": "分期乐", "lenderId": "",
		"agencyName": "", "agencyId": "", "incidents": []any{}, "narrative": "天天打电话到我单位，还发短信给我的同事。", "violations": []string{"THIRD_PARTY_CONTACT"},
		"files": []any{}, "messages": []any{}, "outcomesWanted": []string{"STOP_HARASSMENT"}, "consentToShareIdentity": false, "consentToPublish": false}
	js, _ := json.Marshal(d)
	return fmt.Sprintf(`(localStorage.setItem('redline.draft.%s', %q), '')`, userID, js)
}

func doubleTapFilesOnce(t *testing.T, env *apptest.Env) {
	tok := env.Register(t, "double-tap@example.cn")
	me := env.MustDo(t, tok, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
	b := newBrowser(t, env.URL, 390, 844)
	b.do("sign in", chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "double-tap@example.cn"), chromedp.SendKeys(chromedp.CSS("#f-password"), "correct-horse-42"),
		chromedp.Click(chromedp.CSS("#login button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#mine-title")))
	b.eval(reviewDraft(me, "double-tap-key", "11010519491231002X"))
	b.do("open the draft", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS("#review")))
	b.do("submit twice",
		chromedp.Evaluate[chromedp.Void](`(() => { const f = document.querySelector('#file'); f.requestSubmit(); f.requestSubmit(); })()`),
		chromedp.WaitVisible(chromedp.CSS("#done-ref")),
	)
	d := env.MustDo(t, tok, `{ complaints(first: 10) { totalCount } }`, nil)
	if n := d["complaints"].(map[string]any)["totalCount"]; n != float64(1) {
		t.Errorf("%v complaints after a double tap, want 1", n)
	}
	b.clean()
}

// draftSurvivesSessionEnd ends the session under a complainant who is about to submit (both tokens
// refused, as after a long absence): the portal asks them to sign in again, brings them back to the
// wizard with everything they typed, and the complaint is filed.
func draftSurvivesSessionEnd(t *testing.T, env *apptest.Env) {
	tok := env.Register(t, "long-absence@example.cn")
	me := env.MustDo(t, tok, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
	b := newBrowser(t, env.URL, 360, 780)
	signIn := func() {
		b.do("sign in", chromedp.WaitVisible(chromedp.CSS("#f-email")),
			chromedp.SendKeys(chromedp.CSS("#f-email"), "long-absence@example.cn"), chromedp.SendKeys(chromedp.CSS("#f-password"), "correct-horse-42"),
			chromedp.Click(chromedp.CSS("#login button[type=submit]")))
	}
	b.do("open the sign-in page", chromedp.Navigate(env.URL+"/#/login"))
	signIn()
	b.do("wait", chromedp.WaitVisible(chromedp.CSS("#mine-title")))
	b.eval(reviewDraft(me, "long-absence-key", "11010519491231002X"))
	b.do("open the draft", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS("#review")))
	b.eval(`(sessionStorage.setItem('redline.token', 'gone'), sessionStorage.setItem('redline.refresh', 'gone'), '')`)
	b.do("submit", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#login")))
	b.forget("status of 401")
	if f := b.text("main .flash"); !strings.Contains(f, "草稿已保存在本机") {
		t.Errorf("the sign-in page says %q, want that the draft is kept", f)
	}
	signIn()
	b.do("back at the wizard", chromedp.WaitVisible(chromedp.CSS("#review")))
	if r := b.text("#review"); !strings.Contains(r, "天天打电话到我单位") || !strings.Contains(r, "分期乐") {
		t.Errorf("the draft after signing in again = %q", r)
	}
	b.do("submit", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#done-ref")))
	b.clean()
}

func serverErrorAtField(t *testing.T, env *apptest.Env) {
	tok := env.Register(t, "wrong-id@example.cn")
	me := env.MustDo(t, tok, `{ me { id } }`, nil)["me"].(map[string]any)["id"].(string)
	b := newBrowser(t, env.URL, 390, 844)
	b.do("sign in", chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")),
		chromedp.SendKeys(chromedp.CSS("#f-email"), "wrong-id@example.cn"), chromedp.SendKeys(chromedp.CSS("#f-password"), "correct-horse-42"),
		chromedp.Click(chromedp.CSS("#login button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#mine-title")))
	// The ID number has the right shape and check character but no such birth date (month 13): only
	// the server knows (the wizard checks the shape and the check character itself, session 20).
	b.eval(reviewDraft(me, "wrong-id-key", "110105194913310021"))
	b.do("open the draft", chromedp.Navigate(env.URL+"/#/file"), chromedp.WaitVisible(chromedp.CSS("#review")))
	b.do("submit", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS(`[id="err-debtor.idNumber"]`)))
	// The wizard went back to the step that holds the field, with the message in Chinese next to it.
	if step := b.eval(`document.querySelector('#file').dataset.step`); step != "you" {
		t.Errorf("the wizard shows step %q, want the step with the ID number", step)
	}
	if got := b.text(`[id="err-debtor.idNumber"]`); !strings.Contains(got, "身份证") {
		t.Errorf("ID number error = %q, want the Chinese message", got)
	}
	if got := b.eval(`document.querySelector('[id="f-debtor.idNumber"]').getAttribute('aria-invalid') + ' ' + document.activeElement.id`); got != "true f-debtor.idNumber" {
		t.Errorf("ID number aria-invalid and focus = %q", got)
	}
	if got := b.eval(`document.querySelector('[id="f-debtor.idNumber"]').getAttribute('aria-describedby')`); !strings.Contains(got, "err-debtor.idNumber") {
		t.Errorf("the ID number field is not described by its error: %q", got)
	}
	b.check("file-error")
	// Fixing the field removes the error at once.
	b.set(`[id="f-debtor.idNumber"]`, "11010519491231002X")
	b.waitJS("the error to go", `document.querySelector('[id="err-debtor.idNumber"]').hidden && !document.querySelector('[id="f-debtor.idNumber"]').hasAttribute('aria-invalid')`)
	b.clean()
}

// firstLoadBudget measures what a first visit to the start page downloads, compressed: under 150 KB.
func firstLoadBudget(t *testing.T, env *apptest.Env) {
	b := newBrowser(t, env.URL, 390, 844)
	b.do("open the start page", chromedp.Navigate(env.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#home-title")))
	b.waitJS("the page to settle", `document.documentElement.dataset.ready === 'true'`)
	time.Sleep(500 * time.Millisecond)
	got := b.eval(`(() => { const n = performance.getEntriesByType('navigation')[0]; const rs = performance.getEntriesByType('resource');
		return JSON.stringify({total: n.transferSize + rs.reduce((s, r) => s + r.transferSize, 0), files: rs.length + 1,
			gzip: rs.filter(r => /\.(js|css)$/.test(r.name)).every(r => r.encodedBodySize < r.decodedBodySize)}); })()`)
	var m struct {
		Total int  `json:"total"`
		Files int  `json:"files"`
		Gzip  bool `json:"gzip"`
	}
	if err := json.Unmarshal([]byte(got), &m); err != nil {
		t.Fatal(err)
	}
	t.Logf("first load: %d bytes in %d files", m.Total, m.Files)
	if m.Total > 150*1024 || m.Total == 0 {
		t.Errorf("first load is %d bytes, want at most 150 KB", m.Total)
	}
	if !m.Gzip {
		t.Errorf("some scripts or styles came uncompressed: %s", got)
	}
	b.clean()
}

func reviewerSeesQueue(t *testing.T, env *apptest.Env, reference string) {
	b := newBrowser(t, env.URL, 1280, 900)
	b.signIn("reviewer@redline.demo", "#queue-list")
	if q := b.text("#queue-list"); !strings.Contains(q, reference) {
		t.Errorf("the reviewer's queue does not hold %s: %q", reference, q)
	}
	if c := b.text("#queue-count"); !strings.Contains(c, "共") {
		t.Errorf("queue count = %q", c)
	}
	b.screenshot("reviewer-queue.png", "")
	b.do("filter by status",
		chromedp.SetValue(chromedp.CSS("#q-status"), "IN_TRIAGE"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#q-status').dispatchEvent(new Event('change'))`),
	)
	b.waitJS("the filtered queue", `document.querySelector('#queue-list')?.dataset.filter === 'status=IN_TRIAGE'`)
	if got := b.eval(`[...document.querySelectorAll('#queue-list [data-status]')].every(e => e.dataset.status === 'IN_TRIAGE') ? 'ok' : 'mixed'`); got != "ok" {
		t.Errorf("filtered queue shows statuses other than IN_TRIAGE")
	}
	b.do("open the complaint",
		chromedp.Click(chromedp.CSS(`#queue-list a.case`)),
		chromedp.WaitVisible(chromedp.CSS("#complaint .facts")),
	)
	b.do("open the filed complaint by reference", chromedp.Navigate(env.URL+"/#/c/"+reference))
	// The province and the team are among the facts that staff see.
	b.waitJS("the complaint "+reference, fmt.Sprintf(`document.querySelector('#complaint .ref.big')?.textContent === %q &&
		/上海市[\s\S]*华东投诉处理组/.test(document.querySelector('#complaint .facts')?.textContent || '')`, reference))
	b.clean()
}

func graphiqlOffline(t *testing.T, env *apptest.Env) {
	b := newBrowser(t, env.URL, 1280, 900)
	b.do("open GraphiQL",
		chromedp.Navigate(env.URL+"/graphql"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-container")),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-query-editor .CodeMirror")),
	)
	// Run the default query: the fetcher posts to /graphql, which asks for a token.
	b.do("run the default query", chromedp.Click(chromedp.CSS(".graphiql-execute-button")))
	b.waitJS("the response", `(document.querySelector('.graphiql-response')?.textContent || '').includes('UNAUTHENTICATED')`)
	b.screenshot("graphiql.png", "")
	b.clean()
}

// browser is a headless Chromium with a fresh profile that records every request that leaves the
// platform's origin and every console error.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string

	width, height int64
	viewport      []chromedp.EmulateViewportOption

	mu       sync.Mutex
	external []string
	errors   []string
}

func newBrowser(t *testing.T, base string, width, height int) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); acancel() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	b := &browser{t: t, ctx: ctx, base: base, width: int64(width), height: int64(height)}
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
				b.mu.Lock()
				b.external = append(b.external, u)
				b.mu.Unlock()
			}
		}
	}()
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.errors = append(b.errors, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line+1))
				b.mu.Unlock()
			}
		}
	}()
	var vp []chromedp.EmulateViewportOption
	if width < 600 {
		vp = append(vp, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	b.viewport = vp
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height), vp...)); err != nil {
		t.Fatalf("set the viewport: %v", err)
	}
	return b
}

// browserPatience bounds a browser step and a wait for the page: a bound against hanging, not a
// speed assertion. Chromium, the platform and its workers share CI's loaded 2-core machine, where a
// page that draws in half a second on a quiet machine has taken tens (session 19).
const browserPatience = time.Minute

// do runs the steps within browserPatience and fails the test with what the page shows if they fail.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.within(what, browserPatience, steps...)
}

func (b *browser) within(what string, d time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v\npage: %s\nconsole errors: %v", what, err, b.eval(`location.href + '\n' + (document.querySelector('main')?.innerText || document.body?.innerText || '')`), b.consoleErrors())
	}
}

// waitJS waits up to browserPatience for a JavaScript expression to be true.
func (b *browser) waitJS(what, expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserPatience+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(browserPatience))); err != nil {
		b.t.Fatalf("waiting for %s: %v\npage: %s\nconsole errors: %v", what, err, b.eval(`location.href + '\n' + (document.querySelector('main')?.innerText || document.body?.innerText || '')`), b.consoleErrors())
	}
}

func (b *browser) eval(expr string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func (b *browser) text(css string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", css, err)
	}
	return v
}

// screenshot saves a PNG of the viewport to $REDLINE_WEB_SCREENSHOTS, when set, scrolled to the
// element that scrollTo selects, if any.
func (b *browser) screenshot(name, scrollTo string) {
	dir := os.Getenv("REDLINE_WEB_SCREENSHOTS")
	if dir == "" {
		return
	}
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if scrollTo != "" {
		b.eval(fmt.Sprintf(`(document.querySelector(%q).scrollIntoView({block: 'start'}), '')`, scrollTo))
	} else {
		b.eval(`(window.scrollTo(0, 0), '')`)
	}
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
	}
}

func (b *browser) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// clean fails the test if the page asked anything of another origin or logged an error.
func (b *browser) clean() {
	b.t.Helper()
	time.Sleep(200 * time.Millisecond) // let the last events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.external) > 0 {
		b.t.Errorf("the page made requests outside the platform: %v", b.external)
	}
	if len(b.errors) > 0 {
		b.t.Errorf("console errors: %v", b.errors)
	}
	b.external, b.errors = nil, nil
}

// with makes the browser report to t (a subtest) from now on.
func (b *browser) with(t *testing.T) *browser {
	b.t = t
	return b
}

// set gives a form control a value the way a person does: the page hears input and change.
func (b *browser) set(css, value string) {
	b.t.Helper()
	b.eval(fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) throw new Error('no element ' + %q);
		el.value = %q; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); return ''; })()`, css, css, value))
}

// wizardAtLenderStep opens the filing wizard at base, answers its first step (a parent of the
// debtor, in province, about a credit card) and goes on to the step that names the lender.
func (b *browser) wizardAtLenderStep(base, province string) {
	b.t.Helper()
	b.do("open the wizard", chromedp.Navigate(base+"/#/file"), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="you"]`)))
	b.set("#f-relation", "PARENT")
	b.set("#f-province", province)
	b.set("#f-product", "CREDIT_CARD")
	b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="who"]`)))
}

// evalAsync evaluates an expression that returns a promise of a string.
func (b *browser) evalAsync(expr string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "axe.min.js"))
	return string(b), err
})

// check runs the checks every page must pass: axe-core finds no serious or critical accessibility
// issue; on a phone the page is no wider than the screen; the page asked nothing of another origin
// and logged no error. With REDLINE_WEB_SCREENSHOTS set it saves the page at phone and desktop
// widths as <name>-phone.png and <name>-desktop.png.
func (b *browser) check(name string, scrollTo ...string) {
	b.t.Helper()
	b.accessible(name)
	b.clean()
	b.screenshots(name, scrollTo...)
}

// accessible fails the test if axe-core finds a serious or critical issue on the page, or if on a
// phone the page is wider than the screen.
func (b *browser) accessible(what string) {
	b.t.Helper()
	for _, i := range b.axeIssues() {
		b.t.Errorf("axe-core on %s: %s", what, i)
	}
	// On an emulated phone a too-wide page widens the layout viewport (innerWidth grows with it),
	// so the page is measured against the screen's width.
	var sw, iw int
	fmt.Sscan(b.eval(`String(document.documentElement.scrollWidth) + ' ' + String(screen.width)`), &sw, &iw)
	if iw < 600 && sw > iw {
		b.t.Errorf("%s is %d px wide on a %d px phone screen", what, sw, iw)
	}
}

// onPhone runs accessible on the page at a 360 px phone's width, then sets the size back: for a
// page a test drives on a desktop.
func (b *browser) onPhone(what string) {
	b.t.Helper()
	b.do("phone size", chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile, chromedp.EmulateScale(1)))
	time.Sleep(150 * time.Millisecond)
	b.accessible(what + " on a phone")
	b.do("size back", chromedp.EmulateViewport(b.width, b.height, b.viewport...))
}

// axeIssues runs axe-core (api/testdata, injected: the portal never ships it) on the page and
// returns its serious and critical findings.
func (b *browser) axeIssues() []string {
	b.t.Helper()
	src, err := axeSource()
	if err != nil {
		b.t.Fatalf("axe-core: %v", err)
	}
	if b.eval(`typeof axe`) == "undefined" {
		ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
		_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src))
		cancel()
		if err != nil {
			b.t.Fatalf("inject axe-core: %v", err)
		}
	}
	res := b.evalAsync(`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations
		.filter(v => v.impact === 'serious' || v.impact === 'critical')
		.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '))))`)
	var issues []string
	if err := json.Unmarshal([]byte(res), &issues); err != nil {
		b.t.Fatalf("axe-core result %q: %v", res, err)
	}
	return issues
}

// screenshots saves the page at phone and desktop widths when REDLINE_WEB_SCREENSHOTS is set.
func (b *browser) screenshots(name string, scrollTo ...string) {
	b.t.Helper()
	if os.Getenv("REDLINE_WEB_SCREENSHOTS") == "" {
		return
	}
	to := ""
	if len(scrollTo) > 0 {
		to = scrollTo[0]
	}
	// Screenshots are taken at one device pixel per CSS pixel, to keep the files small.
	b.do("phone size", chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile, chromedp.EmulateScale(1)))
	time.Sleep(150 * time.Millisecond)
	b.screenshot(name+"-phone.png", to)
	b.do("desktop size", chromedp.EmulateViewport(1280, 900))
	time.Sleep(150 * time.Millisecond)
	b.screenshot(name+"-desktop.png", to)
	b.do("size back", chromedp.EmulateViewport(b.width, b.height, b.viewport...))
}

// forget drops console errors that contain text: ones a scenario caused on purpose.
func (b *browser) forget(text string) {
	time.Sleep(100 * time.Millisecond)
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.errors[:0]
	for _, e := range b.errors {
		if !strings.Contains(e, text) {
			kept = append(kept, e)
		}
	}
	b.errors = kept
}

// watchToasts keeps every toast the page shows from now on in window.toastsSeen: a toast leaves
// the screen after a few seconds, before a test may read it.
func (b *browser) watchToasts() {
	b.t.Helper()
	b.eval(`(() => { window.toastsSeen = window.toastsSeen || []; const box = document.querySelector('#toasts');
		if (box && !window.toastWatch) { window.toastWatch = new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => window.toastsSeen.push(n.textContent))));
			window.toastWatch.observe(box, {childList: true}); } return ''; })()`)
}

// toastsSeen is the text of every toast shown since watchToasts, one a line.
func (b *browser) toastsSeen() string {
	b.t.Helper()
	return b.eval(`(window.toastsSeen || []).join('\n')`)
}

// download clicks the element css selects, which saves a file the page made (a blob: link the
// page clicks), and returns the file's name and its text (the page's CSP lets no fetch read a
// blob: URL back, so the blob is kept as it is made).
func (b *browser) download(css string) (name, body string) {
	b.t.Helper()
	b.eval(`(window.savedCSV = new Promise((done) => { const made = URL.createObjectURL; URL.createObjectURL = (blob) => { window.savedBlob = blob; return made(blob); };
		HTMLAnchorElement.prototype.click = function () { window.savedBlob.arrayBuffer().then((buf) => done(this.download + '\n' + new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf))); }; }), '')`)
	b.do("download", chromedp.Click(chromedp.CSS(css)))
	name, body, _ = strings.Cut(b.evalAsync(`window.savedCSV`), "\n")
	return name, body
}
