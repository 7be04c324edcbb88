package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// switchedToEnglish is true once the language switch has drawn the page again: the <html> lang
// changes at once, the page a moment later, and then the switch announces it.
const switchedToEnglish = `document.querySelector('#announcer')?.textContent === 'Switched to English'`

// switchedToChinese is the same for the switch back: until it holds, the page's elements may still
// be replaced under a click (CI once clicked a "next" button that the redraw then removed).
const switchedToChinese = `document.querySelector('#announcer')?.textContent === '已切换到中文'`

// portalTokenTTL is the access tokens' lifetime in TestPortal: every page of it runs on sessions
// that the portal must renew with the refresh token every few seconds.
const portalTokenTTL = 5 * time.Second

// TestPortal walks the portal as complainants, institutions and the public use it, in a real
// headless Chromium, on one platform whose access tokens live 5 seconds. Staff steps (request
// information, forward) go through the GraphQL API: their pages are part 2. axe-core checks every
// page (no serious or critical issue), and every phone page must fit 360 px. Each subtest signs in
// on a browser of its own and files what it needs (portalComplaint), so each runs alone too.
func TestPortal(t *testing.T) {
	env := startForBrowser(t, apptest.Options{TokenTTL: portalTokenTTL})
	staff := func(t *testing.T, query string, vars map[string]any) map[string]any {
		t.Helper()
		return env.MustDo(t, env.Login(t, "supervisor@redline.demo", app.DemoPassword), query, vars)
	}
	// status is what staff see of a complaint's state; "" while no team holds it yet.
	status := func(t *testing.T, ref string) string {
		r := env.Do(t, env.Login(t, "supervisor@redline.demo", app.DemoPassword), `query($id: ID!) { complaint(id: $id) { status } }`, map[string]any{"id": ref})
		if c, _ := r.Data["complaint"].(map[string]any); c != nil && len(r.Errors) == 0 {
			s, _ := c["status"].(string)
			return s
		}
		return ""
	}

	// complaintAt gives a subtest a complaint of its own, so that it runs alone as well as after the
	// others (go test -run 'TestPortal/X').
	complaintAt := func(t *testing.T, stage string) (ref, email string) {
		t.Helper()
		return portalComplaint(t, env, stage, staff, status)
	}

	t.Run("PublicPagesWithoutAccount", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.do("open the start page", chromedp.Navigate(env.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#home-title")))
		b.check("home")
		// The check does see issues: a button without a name is a critical one.
		b.eval(`(document.querySelector('main').insertAdjacentHTML('beforeend', '<button id="axe-probe"></button>'), '')`)
		if issues := b.axeIssues(); !strings.Contains(strings.Join(issues, " "), "button-name") {
			t.Errorf("axe-core did not report a button without a name: %v", issues)
		}
		b.eval(`(document.querySelector('#axe-probe').remove(), '')`)
		b.do("switch to English", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #home-title`)))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		if h := b.text("#home-title"); !strings.Contains(h, "Harassed") || strings.ContainsAny(h, "催收") {
			t.Errorf("English start page title = %q, want English only", h)
		}
		b.do("reload: English is remembered", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #home-title`)))
		b.check("home-en")
		// An institution's public page names it in English, with its registered (Chinese) name below;
		// in Chinese, the registered name alone.
		const cmb = "/#/data/institution/" + "%E6%8B%9B%E5%95%86%E9%93%B6%E8%A1%8C%E4%BF%A1%E7%94%A8%E5%8D%A1%E4%B8%AD%E5%BF%83" // 招商银行信用卡中心
		b.do("open a lender's public page in English", chromedp.Navigate(env.URL+cmb), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #institution-page`)))
		if h, legal := b.text("#inst-title"), b.text("#inst-legal-name"); h != "China Merchants Bank Credit Card Center" || !strings.Contains(legal, "招商银行信用卡中心") {
			t.Errorf("the lender's page in English: title %q, registered name %q", h, legal)
		}
		b.check("public-institution-en")
		b.do("back to Chinese on the lender's page", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #institution-page`)))
		b.waitJS("the page drawn again in Chinese", switchedToChinese)
		b.waitJS("the Chinese name", `document.querySelector('#inst-title')?.textContent === '招商银行信用卡中心' && !document.querySelector('#inst-legal-name')`)
		b.do("English again, home", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #institution-page`)),
			chromedp.Navigate(env.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #home-title`)))
		b.do("back to Chinese", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #home-title`)))
		b.waitJS("the page drawn again in Chinese", switchedToChinese)
		b.do("open the registration page", chromedp.Navigate(env.URL+"/#/register"), chromedp.WaitVisible(chromedp.CSS("#f-displayName")))
		b.check("register")
		b.do("open a link that is not valid", chromedp.Navigate(env.URL+"/#/confirm?token=not-a-link"), chromedp.WaitVisible(chromedp.CSS("#confirm-body .alert")))
		if got := b.text("#confirm-body"); !strings.Contains(got, "确认链接无效或已使用") {
			t.Errorf("a bad link: %q, want the server's Chinese explanation", got)
		}
		b.check("confirm-invalid")
		b.do("open the sign-in page", chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
		b.check("login")
	})

	// Needs nothing filed: runs before the complainant's scenarios.
	t.Run("InstitutionAdminInvitesAndDisablesUsers", func(t *testing.T) {
		mails := &inviteMails{}
		env.App.InstitutionUsers.Mailer = mails
		b := newBrowser(t, env.URL, 360, 780) // on a phone: b.check fails a page wider than the screen
		b.do("sign in as the institution admin and open the users",
			chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")),
			chromedp.SendKeys(chromedp.CSS("#f-email"), "instadmin@redline.demo"),
			chromedp.SendKeys(chromedp.CSS("#f-password"), app.DemoPassword),
			chromedp.Click(chromedp.CSS("#login button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#inbox-list")),
			chromedp.Navigate(env.URL+"/#/institution"), chromedp.WaitVisible(chromedp.CSS("#users-link")),
			chromedp.Click(chromedp.CSS("#users-link")), chromedp.WaitVisible(chromedp.CSS("#inst-users")),
		)
		if l := b.text("#inst-users"); !strings.Contains(l, "a***@redline.demo") || strings.Contains(l, "agent@redline.demo") || !strings.Contains(l, "机构客服") {
			t.Errorf("users list = %q, want the agent with the e-mail masked", l)
		}
		invite := func(what, name, email string) {
			b.do(what,
				chromedp.SendKeys(chromedp.CSS("#f-name"), name), // empty: the form is reset after each invitation
				chromedp.SendKeys(chromedp.CSS("#f-email"), email),
				chromedp.Click(chromedp.CSS("#invite-form button[type=submit]")),
			)
		}
		rowOf := func(masked string) string {
			return fmt.Sprintf(`[...document.querySelectorAll('#inst-users li')].find((r) => r.textContent.includes(%q))`, masked)
		}
		// A new address and one that has an account (a borrower's) are listed alike: a pending
		// invitation with the same status and buttons; no account exists for either yet.
		invite("invite an agent", "李四", "li.si@bank.example.cn")
		b.waitJS("the invitation in the list", rowOf("l***@bank.example.cn")+`?.textContent.includes('已邀请，待接受') || false`)
		invite("invite an address that has an account", "李四", "complainant@redline.demo")
		b.waitJS("the second invitation in the list", rowOf("c***@redline.demo")+`?.textContent.includes('已邀请，待接受') || false`)
		shape := func(masked string) string {
			return b.eval(fmt.Sprintf(`(() => { const r = %s; return [r.querySelector('.badge').textContent, ...[...r.querySelectorAll('button')].map((x) => x.textContent + '|' + x.getAttribute('aria-label'))].join(' / '); })()`, rowOf(masked)))
		}
		if a, c := shape("l***@bank.example.cn"), shape("c***@redline.demo"); a != c || !strings.Contains(a, "撤销邀请") || !strings.Contains(a, "重新发送邀请") {
			t.Errorf("the rows of a new and a taken address differ or lack the buttons: %q and %q", a, c)
		}
		id := b.eval(rowOf("l***@bank.example.cn") + `.dataset.user`)
		taken := b.eval(rowOf("c***@redline.demo") + `.dataset.user`)
		if !strings.HasPrefix(id, "invitation:") || !strings.HasPrefix(taken, "invitation:") {
			t.Errorf("row ids %q and %q, want pending invitations", id, taken)
		}
		b.check("institution-users")
		b.do("switch to English", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #inst-users`)))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		if l := b.text("#inst-users"); !strings.Contains(l, "Invited, not yet accepted") || !strings.Contains(l, "Link valid until") || !strings.Contains(l, "Revoke") {
			t.Errorf("the users list in English = %q", l)
		}
		b.check("institution-users-en")
		b.do("back to Chinese", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #inst-users`)))
		b.waitJS("the page drawn again in Chinese", switchedToChinese)
		b.waitJS("the list drawn again in Chinese", fmt.Sprintf(`document.querySelector('[data-revoke=%q]')?.textContent === '撤销邀请'`, taken))
		// By keyboard: the toast at the foot of a phone screen may cover the button.
		b.do("revoke the second invitation", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`[data-revoke=%q]`, taken))), chromedp.KeyEvent(kb.Enter))
		b.waitJS("the revoked invitation gone", fmt.Sprintf(`document.querySelector('[data-user=%q]') === null && (document.querySelector('#announcer')?.textContent || '').includes('已撤销')`, taken))
		// The admin sends the invitation again: a new link, and the first one stops working.
		first := mails.token(t, "li.si@bank.example.cn")
		b.do("send the invitation again", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`[data-resend=%q]`, id))), chromedp.KeyEvent(kb.Enter))
		b.waitJS("the resend announced", `(document.querySelector('#announcer')?.textContent || '').includes('重新发送邀请')`)
		tok := mails.token(t, "li.si@bank.example.cn")
		if tok == first {
			t.Error("the resent invitation carries the first link")
		}
		if r := env.Do(t, "", `mutation($t:String!){ acceptInvitation(token:$t, password:"correct-horse-42") }`, map[string]any{"t": first}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("the first link after a resend: %q, want BAD_USER_INPUT", r.Code())
		}
		// The invited person sets a password from the e-mailed link, which opens the account.
		b.do("open the invitation", chromedp.Navigate(env.URL+"/#/invite/"+tok), chromedp.WaitVisible(chromedp.CSS("#invite-accept")))
		b.check("invite")
		b.do("set the password", chromedp.SendKeys(chromedp.CSS("#f-password"), "correct-horse-42"),
			chromedp.Click(chromedp.CSS("#invite-accept button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#login")))
		if f := b.text("main"); !strings.Contains(f, "密码已设置") {
			t.Errorf("after setting the password: %q", f)
		}
		env.Login(t, "li.si@bank.example.cn", "correct-horse-42")
		// The admin (still signed in in the other tab's session storage) sees the account, and disables
		// and enables it.
		admin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)
		var uid string
		for _, u := range env.MustDo(t, admin, `{ institutionUsers { id email invited } }`, nil)["institutionUsers"].([]any) {
			if u := u.(map[string]any); u["email"] == "l***@bank.example.cn" && u["invited"] == false {
				uid = u["id"].(string)
			}
		}
		if uid == "" || strings.HasPrefix(uid, "invitation:") {
			t.Fatalf("no account for the accepted invitation (%q)", uid)
		}
		b.do("sign in as the institution admin again and open the users",
			chromedp.SendKeys(chromedp.CSS("#f-email"), "instadmin@redline.demo"),
			chromedp.SendKeys(chromedp.CSS("#f-password"), app.DemoPassword),
			chromedp.Click(chromedp.CSS("#login button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#inbox-list")),
			chromedp.Navigate(env.URL+"/#/institution/users"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-toggle=%q]`, uid))),
		)
		active := func() any {
			for _, u := range env.MustDo(t, admin, `{ institutionUsers { id active } }`, nil)["institutionUsers"].([]any) {
				if u.(map[string]any)["id"] == uid {
					return u.(map[string]any)["active"]
				}
			}
			return nil
		}
		b.do("disable them", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`[data-toggle=%q]`, uid))), chromedp.KeyEvent(kb.Enter))
		b.waitJS("the row shows them disabled", fmt.Sprintf(`document.querySelector('[data-user=%q][data-active="false"]') !== null`, uid))
		if a := active(); a != false {
			t.Errorf("after disabling on the page, active = %v", a)
		}
		b.do("enable them again", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`[data-toggle=%q]`, uid))), chromedp.KeyEvent(kb.Enter))
		b.waitJS("the row shows them active", fmt.Sprintf(`document.querySelector('[data-user=%q][data-active="true"]') !== null`, uid))
		if a := active(); a != true {
			t.Errorf("after enabling on the page, active = %v", a)
		}
	})

	// A complainant who forgot the password asks for a link on the sign-in page, follows it from
	// the dev mailbox (the real workers send the e-mail), sets a new password and signs in with it.
	t.Run("ComplainantResetsForgottenPassword", func(t *testing.T) {
		const email = "forgetful@example.cn"
		env.Register(t, email)
		b := newBrowser(t, env.URL, 360, 780)
		b.do("open the sign-in page and follow the forgotten-password link",
			chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#forgot-link")),
			chromedp.Click(chromedp.CSS("#forgot-link")), chromedp.WaitVisible(chromedp.CSS("#forgot #f-email")))
		b.check("forgot")
		b.do("switch to English", chromedp.Click(chromedp.CSS("#lang-switch")))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		if h := b.text("#forgot-title"); h != "Forgot password" {
			t.Errorf("English title %q", h)
		}
		b.do("back to Chinese", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #forgot-title`)))
		b.waitJS("the page drawn again in Chinese", switchedToChinese)
		b.do("ask for a link", chromedp.SendKeys(chromedp.CSS("#f-email"), email),
			chromedp.Click(chromedp.CSS("#forgot button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#reset-sent")))
		if got := b.text("#reset-sent"); !strings.Contains(got, "如果该邮箱已注册账号") || !strings.Contains(got, "60 分钟") {
			t.Errorf("after asking: %q", got)
		}
		b.check("forgot-sent")
		var link string // the page links to the dev mailbox; it reads it as a person would
		apptest.Eventually(t, apptest.Patience, "the reset e-mail in the dev mailbox", func() bool {
			link = b.evalAsync(fmt.Sprintf(`fetch('/dev/mailbox').then((r) => r.json()).then((box) => (box.messages.find((m) => m.to === %q && m.kind === 'PASSWORD_RESET')?.links || [''])[0])`, email))
			return link != ""
		})
		_, hash, ok := strings.Cut(link, "/#/reset?token=")
		if !ok {
			t.Fatalf("the e-mailed link %q is not a reset link", link)
		}
		b.do("open the e-mailed link", chromedp.Navigate(env.URL+"/#/reset?token="+hash), chromedp.WaitVisible(chromedp.CSS("#reset #f-newPassword")))
		b.do("try a password the rules refuse", chromedp.SendKeys(chromedp.CSS("#f-newPassword"), "short1"),
			chromedp.Click(chromedp.CSS("#reset button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#err-newPassword")))
		if got := b.text("#err-newPassword"); !strings.Contains(got, "密码须为10至128个字符") {
			t.Errorf("a short password: %q, want the server's rule at the field", got)
		}
		b.check("reset")
		b.set("#f-newPassword", "")
		b.do("set a new password", chromedp.SendKeys(chromedp.CSS("#f-newPassword"), "a-new-horse-2026"),
			chromedp.Click(chromedp.CSS("#reset button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#login")))
		if f := b.text("main"); !strings.Contains(f, "密码已重置") {
			t.Errorf("after the reset: %q", f)
		}
		b.do("sign in with the new password", chromedp.SendKeys(chromedp.CSS("#f-email"), email),
			chromedp.SendKeys(chromedp.CSS("#f-password"), "a-new-horse-2026"),
			chromedp.Click(chromedp.CSS("#login button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#mine-title")))
		b.do("open the link again", chromedp.Navigate(env.URL+"/#/reset?token="+hash), chromedp.WaitVisible(chromedp.CSS("#reset #f-newPassword")),
			chromedp.SendKeys(chromedp.CSS("#f-newPassword"), "a-third-horse-2026"),
			chromedp.Click(chromedp.CSS("#reset button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#err-token")))
		if got := b.text("#err-token"); !strings.Contains(got, "已使用") {
			t.Errorf("the link used twice: %q, want the server's explanation", got)
		}
		b.check("reset-used")
	})

	t.Run("ComplainantFilesWithScreenshotAndMessages", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.do("register",
			chromedp.Navigate(env.URL+"/#/register"), chromedp.WaitVisible(chromedp.CSS("#f-displayName")),
			chromedp.SendKeys(chromedp.CSS("#f-displayName"), "李女士"),
			chromedp.SendKeys(chromedp.CSS("#f-email"), "portal-borrower@example.cn"),
			chromedp.SendKeys(chromedp.CSS("#f-password"), "correct-horse-42"),
			chromedp.Click(chromedp.CSS("#register button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#check-email`)),
		)
		if rt := b.eval(`sessionStorage.getItem('redline.refresh') || ''`); rt != "" {
			t.Fatal("signed in before the e-mail was confirmed")
		}
		if got := b.text("#check-email"); !strings.Contains(got, "请查收邮件") || !strings.Contains(got, "演示邮箱") {
			t.Errorf("after registering: %q, want the check-your-e-mail note with the demo mailbox", got)
		}
		b.check("register-check-email")
		// The link in the e-mail (the dev mailbox has it; REDLINE_PUBLIC_URL names another host here).
		token := apptest.ConfirmationToken(t, env.App, "portal-borrower@example.cn")
		b.do("open the e-mailed link", chromedp.Navigate(env.URL+"/#/confirm?token="+token), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="you"]`)))
		if rt := b.eval(`sessionStorage.getItem('redline.refresh') || ''`); rt == "" {
			t.Fatal("no refresh token kept after confirming")
		}
		b.check("file-1-you")
		// One language at a time: in English the wizard shows no Chinese (but for the switch back to 中文
		// and the name the person chose).
		b.do("switch to English", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #file`)))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		if zh := b.eval(`([...document.querySelectorAll('#nav a, #nav button, .brand')].map(e => e.innerText).join(' ') + document.querySelector('main').innerText + document.querySelector('footer').innerText).match(/[\u4e00-\u9fff]+/g)?.join(' ') || ''`); zh != "" {
			t.Errorf("the English wizard shows Chinese: %s", zh)
		}
		b.check("file-1-you-en")
		b.do("back to Chinese", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #file`)))
		b.waitJS("the page drawn again in Chinese", switchedToChinese)
		// The page checks the step before moving on; the error goes once the field is fixed.
		b.do("next without answers", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS("#err-relation")))
		if got := b.text("#err-relation"); !strings.Contains(got, "请选择您与借款人的关系") {
			t.Errorf("relation error = %q", got)
		}
		b.set("#f-relation", "PARENT")
		b.waitJS("the relation error to go", `document.querySelector('#err-relation').hidden && !document.querySelector('#f-relation').hasAttribute('aria-invalid')`)
		b.set("#f-province", "310000")
		b.set("#f-product", "CREDIT_CARD")
		b.set("#f-amountOwed", "12800.50")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="who"]`)))
		// A name no institution has is no dead end: the page says it is filed as typed.
		b.do("type an unknown name", chromedp.SendKeys(chromedp.CSS("#f-lenderName"), "某某不存在的贷款"))
		b.waitJS("the note on an unknown name", `(document.querySelector('#lender-match').textContent || '').includes('没有找到登记的机构')`)
		b.set("#f-lenderName", "")
		// The type-ahead finds the lender by its app brand.
		b.do("type the app brand",
			chromedp.SendKeys(chromedp.CSS("#f-lenderName"), "掌上生活"),
			chromedp.WaitReady(chromedp.CSS(`#lender-options option[value="招商银行信用卡中心"]`)),
		)
		b.set("#f-lenderName", "招商银行信用卡中心")
		b.waitJS("the lender to be matched", `(document.querySelector('#lender-match').textContent || '').includes('招商银行信用卡中心')`)
		b.check("file-2-who")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="what"]`)))
		yesterday := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -1)
		b.do("add an incident", chromedp.Click(chromedp.CSS("#add-incident")), chromedp.WaitVisible(chromedp.CSS(`[id="f-incidents.0.date"]`)))
		b.set(`[id="f-incidents.0.date"]`, yesterday.Format("2006-01-02"))
		b.set(`[id="f-incidents.0.time"]`, "23:30")
		b.set(`[id="f-incidents.0.channel"]`, "PHONE_CALL")
		b.set(`[id="f-incidents.0.count"]`, "12")
		b.set(`[id="f-incidents.0.from"]`, "17012345678")
		b.set(`[id="f-incidents.0.description"]`, "说要到我单位来闹")
		b.do("describe it",
			chromedp.SendKeys(chromedp.CSS("#f-narrative"), "催收员半夜给我女儿打了十几个电话，还打给她的同事，说要上门。"),
			chromedp.Click(chromedp.CSS(`input[name=violations][value="THIRD_PARTY_CONTACT"]`)),
			chromedp.Click(chromedp.CSS(`input[name=violations][value="IMPROPER_HOURS"]`)),
		)
		b.check("file-3-what", "#incident-list")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="evidence"]`)))
		if got := b.eval(`document.querySelector('#f-evidence-files').accept + ' ' + document.querySelector('#f-evidence-camera').getAttribute('capture')`); got != "image/*,audio/* environment" {
			t.Errorf("evidence inputs: accept and capture = %q", got)
		}
		shot := writePNG(t)
		b.do("upload a screenshot",
			chromedp.SetUploadFiles(chromedp.CSS("#f-evidence-files"), []string{shot}),
			chromedp.WaitVisible(chromedp.CSS(`.upload[data-done="true"]`)),
		)
		b.do("paste a collector message",
			chromedp.SendKeys(chromedp.CSS("#f-messages-0-sender"), "17012345678"),
			chromedp.SendKeys(chromedp.CSS("#f-messages-0-text"), "你再不还钱，我们就去你家泼油漆，让你全家都知道你是老赖！"),
		)
		b.set("#f-messages-0-sentAt", yesterday.Format("2006-01-02")+"T23:40")
		b.waitJS("the message analysis", `document.querySelector('#messages-analysis .msg-text mark') !== null`)
		if got := b.text("#messages-analysis"); !strings.Contains(got, "威胁") || !strings.Contains(got, "法") {
			t.Errorf("analysis of the pasted message = %q, want a threat and the law", got)
		}
		b.check("file-4-evidence", "#messages-analysis")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="outcome"]`)))
		b.do("choose outcomes",
			chromedp.Click(chromedp.CSS(`input[name=outcomesWanted][value="STOP_HARASSMENT"]`)),
			chromedp.Click(chromedp.CSS(`input[name=outcomesWanted][value="REPAYMENT_PLAN"]`)),
		)
		b.check("file-5-outcome")
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="consent"]`)))
		b.do("consent", chromedp.Click(chromedp.CSS("#f-consentToShareIdentity")), chromedp.Click(chromedp.CSS("#f-consentToPublish")))
		b.check("file-6-consent")
		b.do("review", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS("#review")))
		// The draft survives a reload, and the person takes longer than a token lives.
		b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#review")))
		review := b.text("#review")
		for _, want := range []string{"招商银行信用卡中心", "半夜给我女儿", "1 个文件", "1 条短信", "停止骚扰", "匿名公开", "17012345678"} {
			if !strings.Contains(review, want) {
				t.Errorf("the review after a reload lacks %q: %q", want, review)
			}
		}
		b.check("file-7-review")
		// The page renews its token by a timer, a little before it expires, with nothing typed: wait
		// for the new token (a fixed 2 s past the lifetime was too short on CI's loaded machine).
		before := b.eval(`sessionStorage.getItem('redline.token')`)
		b.waitJS("the access token renewed while the person reads the review", fmt.Sprintf(`((tok) => !!tok && tok !== %q)(sessionStorage.getItem('redline.token'))`, before))
		// A token the server refuses (a laptop that slept past the refresh) is renewed on the spot.
		b.eval(`(sessionStorage.setItem('redline.token', 'expired.' + sessionStorage.getItem('redline.token')), sessionStorage.setItem('redline.expires', new Date(Date.now() + 600000).toISOString()), '')`)
		// The connection drops: the submission fails with a message and nothing typed is lost.
		b.eval(`(window.realFetch = window.fetch, window.fetch = () => Promise.reject(new TypeError('Failed to fetch')), '')`)
		b.do("submit offline", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#file .form-alert")))
		if msg := b.text("#file .form-alert"); !strings.Contains(msg, "网络连接失败") || !strings.Contains(msg, "保存在本机") {
			t.Errorf("offline submission says %q, want the network message", msg)
		}
		if b.eval(`String(Object.keys(localStorage).some(k => k.startsWith('redline.draft') && localStorage.getItem(k).includes('半夜给我女儿')))`) != "true" {
			t.Error("the draft is gone after an offline submission")
		}
		b.eval(`(window.fetch = window.realFetch, '')`)
		b.do("submit", chromedp.Click(chromedp.CSS("#submit")), chromedp.WaitVisible(chromedp.CSS("#file-done #done-ref")))
		// The refused token shows in the console as a 401; the portal renewed the session and went on.
		b.forget("status of 401")
		ref := b.text("#done-ref")
		if !strings.HasPrefix(ref, "RL-") {
			t.Fatalf("reference after filing = %q", ref)
		}
		if due := b.text("#acceptance-due"); !strings.Contains(due, "年") || strings.Count(due, "月") != 1 || !strings.Contains(due, "还剩") {
			t.Errorf("acceptance due date = %q, want a real date, once, and the time left", due)
		}
		b.check("file-done")
		if n := b.eval(`String(Object.keys(localStorage).filter(k => k.startsWith('redline.draft')).length)`); n != "0" {
			t.Errorf("%s drafts left after filing, want 0", n)
		}
		apptest.Eventually(t, 30*time.Second, "the complaint to be routed", func() bool { return status(t, ref) == "IN_TRIAGE" })
		c := staff(t, `query($id: ID!) { complaint(id: $id) { lenderId relation outcomesWanted consentToPublish amountOwed
			incidents { channel count from } evidence { kind message { sender text } } } }`, map[string]any{"id": ref})["complaint"].(map[string]any)
		js, _ := json.Marshal(c)
		for _, want := range []string{`"relation":"PARENT"`, `"lenderId":"`, `"STOP_HARASSMENT"`, `"consentToPublish":true`, `"amountOwed":"12800.50"`, `"count":12`, `"kind":"IMAGE"`, `"kind":"MESSAGE"`, `泼油漆`} {
			if !bytes.Contains(js, []byte(want)) {
				t.Errorf("the filed complaint lacks %s: %s", want, js)
			}
		}
	})

	t.Run("ComplainantAnswersInformationRequest", func(t *testing.T) {
		ref, email := complaintAt(t, "triage")
		staff(t, `mutation($id: ID!) { requestInformation(id: $id, question: "请说明催收员自称是哪家公司。") { id } }`, map[string]any{"id": ref})
		b := newBrowser(t, env.URL, 360, 780)
		b.signInAs(email, registeredPassword, "#todo-list")
		if got := b.text("#todo-list"); !strings.Contains(got, ref) || !strings.Contains(got, "请补充材料") {
			t.Errorf("needs-action list = %q, want %s with 请补充材料", got, ref)
		}
		b.check("mine")
		b.do("open it", chromedp.Click(chromedp.CSS("#todo-list a.case")), chromedp.WaitVisible(chromedp.CSS("#info-request")))
		if q := b.text("#info-request .question"); !strings.Contains(q, "哪家公司") {
			t.Errorf("question shown = %q", q)
		}
		b.check("complaint-information-request")
		b.do("answer",
			chromedp.SendKeys(chromedp.CSS("#f-answer"), "对方自称恒通商务咨询，号码17012345678。"),
			chromedp.Click(chromedp.CSS("#provide button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="IN_TRIAGE"]`)),
		)
		if hist := b.text("#complaint .timeline"); !strings.Contains(hist, "已补充材料") || !strings.Contains(hist, "要求补充材料") {
			t.Errorf("history = %q", hist)
		}
	})

	t.Run("InstitutionAnswersWithRepaymentPlan", func(t *testing.T) {
		ref, _ := complaintAt(t, "triage")
		inst := firstInstitutionID(staff(t, institutionSearch, map[string]any{"s": demoLender}))
		staff(t, `mutation($id: ID!) { classifyComplaint(id: $id, priority: URGENT, confirm: [THIRD_PARTY_CONTACT]) { id } }`, map[string]any{"id": ref})
		staff(t, `mutation($id: ID!, $l: ID!) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { id } }`, map[string]any{"id": ref, "l": inst})
		// The API does not tell institutions the regulator's team or priority.
		agentTok := env.Login(t, "agent@redline.demo", app.DemoPassword)
		c := env.MustDo(t, agentTok, `query($id: ID!) { complaint(id: $id) { team priority } }`, map[string]any{"id": ref})["complaint"].(map[string]any)
		if c["team"] != nil || c["priority"] != nil {
			t.Errorf("the institution sees team %v and priority %v", c["team"], c["priority"])
		}

		b := newBrowser(t, env.URL, 1280, 900)
		b.do("sign in as the institution's agent",
			chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")),
			chromedp.SendKeys(chromedp.CSS("#f-email"), "agent@redline.demo"),
			chromedp.SendKeys(chromedp.CSS("#f-password"), app.DemoPassword),
			chromedp.Click(chromedp.CSS("#login button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#inbox-list")),
		)
		if got := b.text("#inbox-list"); !strings.Contains(got, ref) || !strings.Contains(got, "还剩") {
			t.Errorf("inbox = %q, want %s with a countdown", got, ref)
		}
		b.check("inbox")
		b.do("open the complaint", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#inbox-list a[data-ref=%q]`, ref))), chromedp.WaitVisible(chromedp.CSS("#respond-form")))
		if page := b.text("#complaint"); strings.Contains(page, "优先级") || strings.Contains(page, "紧急") || strings.Contains(page, "URGENT") || strings.Contains(page, "east") || strings.Contains(page, "投诉处理组") {
			t.Errorf("the institution's page shows the regulator's team or priority: %q", page)
		}
		// What the regulator confirmed is what the institution answers for.
		if v := b.eval(`document.querySelector('#confirmed-violations')?.textContent || ''`); !strings.Contains(v, "骚扰亲友") {
			t.Errorf("the violations the regulator confirmed, on the institution's page: %q, want 骚扰亲友", v)
		}
		if ev := b.text("#ev-title + *"); !strings.Contains(ev, "泼油漆") {
			t.Errorf("the institution does not see the pasted message in the evidence: %q", ev)
		}
		// An empty amount shows no number: a sample in grey passed for an amount already entered.
		if got := b.eval(`[...document.querySelectorAll('#respond-form input')].filter((i) => /\d/.test(i.placeholder)).map((i) => i.id + '=' + i.placeholder).join(', ')`); got != "" {
			t.Errorf("the answer's empty fields show numbers: %s", got)
		}
		b.check("institution-complaint", "#respond-form .sub")
		b.onPhone("the institution's answer form")
		b.do("ask for more time",
			chromedp.Click(chromedp.CSS("#extension summary")),
			chromedp.SendKeys(chromedp.CSS("#extension-form #f-reason"), "需调取外包机构的通话录音"),
			chromedp.Click(chromedp.CSS("#extension-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#extensions li`)),
		)
		if x := b.text("#extensions"); !strings.Contains(x, "30") || !strings.Contains(x, "调取外包机构") {
			t.Errorf("extension shown = %q", x)
		}
		b.set("#f-category", "CLOSED_WITH_NON_MONETARY_RELIEF")
		firstDue := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
		b.set(`[id="f-relief.repaymentPlan.firstDueOn"]`, firstDue)
		b.set(`[id="f-relief.repaymentPlan.deferredUntil"]`, time.Now().AddDate(0, 0, 20).Format("2006-01-02"))
		b.do("answer with a repayment plan",
			chromedp.SendKeys(chromedp.CSS("#f-explanation"), "经核查，外包催收机构存在夜间致电和联系第三人的行为。已停止催收并为客户提供分期方案。"),
			chromedp.SendKeys(chromedp.CSS(`[id="f-relief.repaymentPlan.instalments"]`), "12"),
			chromedp.SendKeys(chromedp.CSS(`[id="f-relief.repaymentPlan.instalmentAmount"]`), "1066.71"),
			chromedp.SendKeys(chromedp.CSS(`[id="f-relief.feeWaiverAmount"]`), "320.00"),
			chromedp.SendKeys(chromedp.CSS(`[id="f-relief.repaymentPlan.penaltyInterestWaived"]`), "580.40"),
			chromedp.Click(chromedp.CSS(`input[name=measures][value="collectionStopped"]`)),
			chromedp.Click(chromedp.CSS(`input[name=measures][value="apology"]`)),
			chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="RESPONDED"]`)),
		)
		if a := b.text("#answers"); !strings.Contains(a, "12 期") || !strings.Contains(a, "1,066.71") || !strings.Contains(a, "已停止催收") {
			t.Errorf("answer shown = %q", a)
		}
		// Among the answered: the day it answered, not the complainant's to-do nor a countdown.
		b.do("the answered view", chromedp.Navigate(env.URL+"/#/inbox?view=answered"), chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#inbox-list a[data-ref=%q]`, ref))))
		if item := b.text(fmt.Sprintf(`#inbox-list a[data-ref=%q]`, ref)); !strings.Contains(item, "答复于") || strings.Contains(item, "请评价") || strings.Contains(item, "还剩") {
			t.Errorf("the answered complaint in the inbox reads %q", item)
		}
		b.clean()
	})

	t.Run("ComplainantAcceptsWithRating", func(t *testing.T) {
		ref, email := complaintAt(t, "answered")
		b := newBrowser(t, env.URL, 360, 780)
		b.signInAs(email, registeredPassword, "#mine-title")
		b.do("my complaints", chromedp.Navigate(env.URL+"/#/mine"), chromedp.WaitVisible(chromedp.CSS("#todo-list")))
		if item := b.text(fmt.Sprintf(`#todo-list a[data-ref=%q]`, ref)); !strings.Contains(item, "评价期限") || !strings.Contains(item, "还剩") {
			t.Errorf("the complaint to judge = %q, want the feedback deadline with the time left", item)
		}
		b.do("open the complaint", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#todo-list a[data-ref=%q]`, ref))), chromedp.WaitVisible(chromedp.CSS("#feedback-form")))
		if a := b.text("#answers"); !strings.Contains(a, "分期还款：12 期，每期 ¥1,066.71，首期") || !strings.Contains(a, "¥320.00") ||
			!strings.Contains(a, "延期还款至") || !strings.Contains(a, "减免罚息 ¥580.40") {
			t.Errorf("the answer in full = %q", a)
		}
		if fb := b.text("#feedback"); !strings.Contains(fb, "还剩") {
			t.Errorf("feedback section = %q, want the deadline countdown", fb)
		}
		// What the pasted message breaks, and the law, as the wizard showed it.
		b.waitJS("the findings in the pasted message", `!!document.querySelector('#msg-findings mark') && document.querySelector('#msg-findings').textContent.includes('刑法')`)
		b.check("complaint-answer", "#answers")
		b.do("accept with four stars",
			chromedp.Click(chromedp.CSS(`input[name=decision][value="ACCEPT"]`)),
			chromedp.Click(chromedp.CSS(`input[name=satisfaction][value="4"]`)),
			chromedp.SendKeys(chromedp.CSS("#f-comment"), "电话已经停了，谢谢。"),
			chromedp.Click(chromedp.CSS("#feedback-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="ACCEPTED"] .feedback-given[data-decision="ACCEPT"]`)),
		)
		// The bell counts what the complainant was told (the question, the answer) and not yet read.
		b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#complaint")))
		b.waitJS("the unread count", `Number(document.querySelector('#bell-count')?.textContent || 0) > 0`)
		b.do("open the notifications", chromedp.Click(chromedp.CSS("#bell")), chromedp.WaitVisible(chromedp.CSS("#notif-list li.unread")))
		if n := b.text("#notif-list"); !strings.Contains(n, ref) {
			t.Errorf("notifications = %q, want %s", n, ref)
		}
		if c := b.text("#n-count"); !strings.Contains(c, "条未读") || strings.Contains(c, "null") {
			t.Errorf("the notifications count reads %q", c)
		}
		b.check("notifications")
		b.do("mark them read", chromedp.Click(chromedp.CSS("#mark-read")))
		b.waitJS("the bell to show none unread", `document.querySelector('#bell') && !document.querySelector('#bell-count') && !document.querySelector('#notif-list li.unread')`)
		b.do("save preferences", chromedp.Click(chromedp.CSS("#f-sms")), chromedp.SendKeys(chromedp.CSS("#f-mobile"), "13812345678"),
			chromedp.Click(chromedp.CSS("#prefs button[type=submit]")))
		b.waitJS("the preferences saved", `[...document.querySelectorAll('.toast')].some((e) => e.textContent.includes('通知方式已保存'))`)
		// A toast lies over the bottom of a phone's screen for seconds: a tap there reaches the page
		// (a button under it), not the toast.
		if got := b.eval(`(() => { const r = document.querySelector('.toast').getBoundingClientRect();
			const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			return hit && hit.closest('#toasts') ? 'the toast' : 'the page'; })()`); got != "the page" {
			t.Errorf("a tap on the toast's place reaches %s, want the page under it", got)
		}
		// The form shows what the server stored when the page is opened again, and keeps no copy on
		// the device.
		b.do("open the preferences again", chromedp.Navigate(env.URL+"/#/account"), chromedp.WaitVisible(chromedp.CSS("#password-form")),
			chromedp.Navigate(env.URL+"/#/notifications"), chromedp.WaitVisible(chromedp.CSS("#prefs")))
		if got := b.eval(`[document.querySelector('#f-email').checked, document.querySelector('#f-sms').checked, document.querySelector('#f-mobile').value, Object.keys(localStorage).filter((k) => k.startsWith('redline.prefs')).length].join(',')`); got != "true,true,13812345678,0" {
			t.Errorf("preferences form after reload (email,sms,mobile,copies on the device) = %q, want true,true,13812345678,0", got)
		}
		b.do("open the account page", chromedp.Navigate(env.URL+"/#/account"), chromedp.WaitVisible(chromedp.CSS("#password-form")))
		b.check("account")
		// Signing out ends the session on the server: the old refresh token no longer works.
		rt := b.eval(`sessionStorage.getItem('redline.refresh')`)
		b.do("sign out", chromedp.Click(chromedp.CSS("#signout-here")), chromedp.WaitVisible(chromedp.CSS("#login")))
		if left := b.eval(`String(sessionStorage.length)`); left != "0" {
			t.Errorf("%s items left in sessionStorage after signing out", left)
		}
		r := env.Do(t, "", `mutation($r: String!) { refreshSession(refreshToken: $r) { token } }`, map[string]any{"r": rt})
		if r.Code() != "UNAUTHENTICATED" {
			t.Errorf("refreshing with the signed-out session's token: code %q, want UNAUTHENTICATED", r.Code())
		}
	})

	t.Run("ComplainantReopensClosedComplaint", func(t *testing.T) {
		ref, email := complaintAt(t, "closed")
		b := newBrowser(t, env.URL, 360, 780)
		b.signInAs(email, registeredPassword, "#mine-title")
		// The closed page promises that new facts reopen it: the form to do so is there.
		b.do("open the closed complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="CLOSED"] #reopen`)))
		b.do("ask without saying what is new", chromedp.Click(chromedp.CSS("#reopen summary")), chromedp.Click(chromedp.CSS("#reopen-form button[type=submit]")))
		b.waitJS("the missing reason at its field", `!document.querySelector('#err-reopenReason').hidden`)
		// What is scrolled into view (the field with the error, an anchor) is not left under the
		// sticky header, where a tap would reach the header instead.
		if got := b.eval(`(() => { const f = document.querySelector('#f-reopenReason'); f.scrollIntoView();
			const gap = f.getBoundingClientRect().top - document.querySelector('.top').getBoundingClientRect().bottom;
			return gap >= 0 ? 'below the header' : 'under the header by ' + Math.round(-gap) + ' px'; })()`); got != "below the header" {
			t.Errorf("a field scrolled into view is %s", got)
		}
		b.accessible("the reopen form")
		b.do("reopen with the new facts",
			chromedp.SendKeys(chromedp.CSS("#f-reopenReason"), "昨晚十一点又接到催收电话，说要去单位找我。"),
			chromedp.Click(chromedp.CSS("#reopen-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="IN_TRIAGE"]`)))
		if h := b.text("#complaint .timeline"); !strings.Contains(h, "重新处理") || !strings.Contains(h, "又接到催收电话") {
			t.Errorf("history after reopening = %q", h)
		}
		if status(t, ref) != "IN_TRIAGE" {
			t.Errorf("after reopening the complaint is %s, want IN_TRIAGE", status(t, ref))
		}
		b.clean()
	})

	t.Run("ComplainantSeesFeedbackWindowClosed", func(t *testing.T) {
		lapsed := forwardedToCMB(t, env, staff, status)
		env.MustDo(t, env.Login(t, "agent@redline.demo", app.DemoPassword), `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_EXPLANATION,
			explanation: "经核查，催收均按规定时间进行。"}) { id } }`, map[string]any{"id": lapsed})
		breachClock(t, env, lapsed, "FEEDBACK")
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#mine-title")
		// Nothing to do any more: not among what needs action, and the list says which clock ran out.
		item := b.text(fmt.Sprintf(`#mine-list a[data-ref=%q]`, lapsed))
		if b.eval(fmt.Sprintf(`String(!!document.querySelector('#todo-list a[data-ref=%q]'))`, lapsed)) != "false" || strings.Contains(item, "请评价") {
			t.Errorf("a complaint whose feedback window closed is listed as needing action: %q", item)
		}
		// Their own window closed, in words of its own: not the "已超期" of someone else's lateness.
		if !strings.Contains(item, "评价期已结束") || strings.Contains(item, "已超期") || strings.Contains(item, "机构逾期") {
			t.Errorf("the list item = %q, want the feedback window named as ended (评价期已结束)", item)
		}
		b.do("open it", chromedp.Navigate(env.URL+"/#/c/"+lapsed), chromedp.WaitVisible(chromedp.CSS("#feedback-closed")))
		if b.eval(`String(!!document.querySelector('#feedback-form'))`) != "false" {
			t.Error("the page offers to accept or dispute after the window closed (the server refuses it)")
		}
		if h := b.text("#complaint .timeline"); !strings.Contains(h, "评价期已结束") || strings.Contains(h, "超过答复期限") {
			t.Errorf("history = %q, want the lapsed feedback window named as such (评价期已结束)", h)
		}
		b.check("complaint-feedback-closed")
	})

	t.Run("InstitutionAnswersLate", func(t *testing.T) {
		late := forwardedToCMB(t, env, staff, status)
		breachClock(t, env, late, "INSTITUTION_RESPONSE")
		// The complaint's answer due date is the clock's, past as well.
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET due_at = now() - interval '1 day' WHERE reference = ?`, late).Error; err != nil {
			t.Fatal(err)
		}
		// The complainant's list says the institution is late, not that some time of theirs ran out.
		cb := newBrowser(t, env.URL, 360, 780)
		cb.signIn("complainant@redline.demo", "#mine-title")
		if item := cb.text(fmt.Sprintf(`#mine-list a[data-ref=%q]`, late)); !strings.Contains(item, "机构逾期未答复") || strings.Contains(item, "已超期") || strings.Contains(item, "评价期限") {
			t.Errorf("the complainant's list item = %q, want the institution's lateness named (机构逾期未答复)", item)
		}
		cb.do("English", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #mine-title`)))
		cb.waitJS("the list item in English", fmt.Sprintf(`(document.querySelector('#mine-list a[data-ref=%q]')?.textContent || '').includes('Institution late to answer')`, late))
		cb.clean()
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("agent@redline.demo", "#inbox-list")
		// The inbox marks it overdue once, not twice (the countdown and a badge).
		if item := b.text(fmt.Sprintf(`#inbox-list a[data-ref=%q]`, late)); strings.Count(item, "已超期") != 1 {
			t.Errorf("the overdue inbox item = %q, want 已超期 exactly once", item)
		}
		b.do("open the overdue complaint", chromedp.Navigate(env.URL+"/#/c/"+late), chromedp.WaitVisible(chromedp.CSS("#respond-form")))
		// Late, it must still answer; an extension is no longer possible (the server refuses it), so
		// the page does not offer one.
		if a := b.text("#answer-late"); !strings.Contains(a, "逾期答复") {
			t.Errorf("the overdue answer's note = %q", a)
		}
		if b.eval(`String(!!document.querySelector('#extension-form, #extension'))`) != "false" {
			t.Error("the page offers an extension of a breached answer deadline")
		}
		// Nor a pause for an appraisal: the deadline has passed (availableActions leaves it out).
		if b.eval(`String(!!document.querySelector('#appraisal, #appraisal-form'))`) != "false" {
			t.Error("the page offers to pause a breached answer deadline for an appraisal")
		}
		b.check("institution-answer-late", "#respond")
		if u := b.text("#untimely"); u != "机构逾期未答复" {
			t.Errorf("before the answer the overdue mark reads %q, want 机构逾期未答复", u)
		}
		b.set("#f-category", "CLOSED_WITH_EXPLANATION")
		b.do("answer late", chromedp.SendKeys(chromedp.CSS("#f-explanation"), "经核查，已要求外包机构停止联系您的同事。"),
			chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="RESPONDED"]`)))
		// Answered now, late: the mark no longer says it is unanswered.
		if u := b.text("#untimely"); u != "机构逾期答复" {
			t.Errorf("after the late answer the overdue mark reads %q, want 机构逾期答复", u)
		}
		b.clean()
	})

	t.Run("InstitutionAttachesDocumentsToItsAnswer", func(t *testing.T) {
		ref := forwardedToCMB(t, env, staff, status)
		pdf := filepath.Join(t.TempDir(), "借款合同.pdf")
		if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("agent@redline.demo", "#inbox-list")
		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#respond-form #f-documents-files")))
		// The answer clock runs: the pause for an appraisal is offered (it is not once the deadline passed).
		if b.eval(`String(!!document.querySelector('#appraisal-form'))`) != "true" {
			t.Error("a running answer clock: no pause for an appraisal offered")
		}
		b.do("attach the contract", chromedp.SetUploadFiles(chromedp.CSS("#f-documents-files"), []string{pdf}),
			chromedp.WaitVisible(chromedp.CSS(`#documents-uploads li[data-done="true"]`)))
		b.check("institution-answer-documents", "#answer-documents")
		b.set("#f-category", "CLOSED_WITH_EXPLANATION")
		b.do("answer with the contract", chromedp.SendKeys(chromedp.CSS("#f-explanation"), "已核实借款合同及通话记录，已要求外包机构停止联系您的家人。"),
			chromedp.Click(chromedp.CSS("#respond-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="RESPONDED"]`)))
		if ev := b.text("#complaint .evidence-list"); !strings.Contains(ev, "机构提交") || !strings.Contains(ev, "招商银行信用卡中心") {
			t.Errorf("the institution's evidence list after answering = %q", ev)
		}
		b.clean()

		// The reviewer sees the document with the institution and the user who attached it.
		r := newBrowser(t, env.URL, 360, 780)
		r.signIn("reviewer@redline.demo", "#nav .who")
		r.do("open the case", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS(`#evidence [data-source="INSTITUTION"]`)))
		if ev := r.text(`#evidence [data-source="INSTITUTION"]`); !strings.Contains(ev, "招商银行信用卡中心") || !strings.Contains(ev, "提交人") {
			t.Errorf("the reviewer's view of the institution's document = %q", ev)
		}
		r.check("case-institution-documents", "#evidence")

		// The complainant is told documents were submitted, and is not shown them.
		c := newBrowser(t, env.URL, 360, 780)
		c.signIn("complainant@redline.demo", "#mine-title")
		c.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#answers")))
		if h := c.text("#complaint .timeline"); !strings.Contains(h, "机构提交答复材料") {
			t.Errorf("the complainant's history = %q, want the submitted documents named", h)
		}
		if c.eval(`String(!!document.querySelector('[data-source="INSTITUTION"]'))`) != "false" {
			t.Error("the complainant is shown the institution's document")
		}
		c.clean()
	})

	t.Run("PublicChecksMessageAndFindsComplaint", func(t *testing.T) {
		ref, _ := complaintAt(t, "accepted")
		b := newBrowser(t, env.URL, 360, 780)
		b.do("open check a message", chromedp.Navigate(env.URL+"/#/check"), chromedp.WaitVisible(chromedp.CSS("#f-check-0-text")))
		b.do("paste a message", chromedp.SendKeys(chromedp.CSS("#f-check-0-text"), "再不还款就通知你所有通讯录联系人，并上报公安机关抓你坐牢。"))
		b.waitJS("the analysis", `document.querySelector('#check-analysis mark') !== null`)
		page := b.text("main")
		for _, want := range []string{"110", "12321", "保留证据"} {
			if !strings.Contains(page, want) {
				t.Errorf("check-a-message page lacks %q", want)
			}
		}
		b.check("check", "#check-analysis")
		// Switching the language keeps the pasted message; in English the law is named in English
		// with its official Chinese name.
		b.do("switch to English", chromedp.Click(chromedp.CSS("#lang-switch")))
		b.waitJS("the page drawn again in English", switchedToEnglish)
		b.waitJS("the message kept and analysed in English", `(document.querySelector('#check-analysis')?.textContent || '').includes('Criminal Law art. 253-1 (刑法 第253条之一)')`)
		if a := b.text("#check-analysis"); !strings.Contains(a, "(announced, not yet done)") {
			t.Errorf("the English analysis does not say the threat is announced, not done: %q", a)
		}
		b.do("back to Chinese", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #check-title`)))
		b.waitJS("the page drawn again in Chinese", switchedToChinese)
		b.do("open the public data", chromedp.Navigate(env.URL+"/#/data"), chromedp.WaitVisible(chromedp.CSS("#data-filter")))
		b.waitJS("the published complaint", fmt.Sprintf(`(document.querySelector('#public-list')?.textContent || '').includes(%q)`, ref))
		if txt := b.text(fmt.Sprintf(`[data-ref=%q]`, ref)); strings.Contains(txt, "17012345678") {
			t.Errorf("the public record shows a phone number: %q", txt)
		}
		b.check("data")
		// In English the list and the league table name institutions in English (institutions.name_en).
		b.do("switch the data page to English", chromedp.Click(chromedp.CSS("#lang-switch")))
		b.waitJS("the data page in English", fmt.Sprintf(`document.documentElement.lang === 'en' && (document.querySelector('[data-ref=%q] .case-main')?.textContent || '').includes('China Merchants Bank Credit Card Center')`, ref))
		if l := b.text("#league"); regexp.MustCompile(`\p{Han}`).MatchString(l) {
			t.Errorf("the English league table names institutions in Chinese: %q", l)
		}
		b.check("data-en")
		b.do("data page back to Chinese", chromedp.Click(chromedp.CSS("#lang-switch")), chromedp.WaitVisible(chromedp.CSS(`html[lang="zh-CN"] #data-filter`)))
		b.waitJS("the page drawn again in Chinese", switchedToChinese)
		b.waitJS("the list drawn again in Chinese", fmt.Sprintf(`(document.querySelector('[data-ref=%q] .case-main')?.textContent || '').includes('招商银行信用卡中心')`, ref))
		csv := b.evalAsync(`fetch(document.querySelector('#csv-link').href).then(r => r.text())`)
		if !strings.Contains(csv, ref) {
			t.Errorf("the CSV download lacks %s", ref)
		}
		b.do("open the institution's page", chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-ref=%q] .case-main a`, ref))), chromedp.WaitVisible(chromedp.CSS("#institution-page")))
		if got := b.text(`[data-kpi="count"]`); got == "0" || got == "" {
			t.Errorf("institution page count = %q", got)
		}
		// One published complaint is far below the scorecards' minimum: no rates, no satisfaction.
		if got := b.text(`[data-kpi="satisfaction"]`) + " " + b.text(`[data-kpi="timely"]`); got != "— —" || b.eval(`String(!!document.querySelector('#too-few'))`) != "true" {
			t.Errorf("below the minimum count the page shows satisfaction and on-time rate %q, want — — and the reason", got)
		}
		if got := b.eval(`document.querySelector('#trend-table tbody').innerHTML`); !strings.Contains(got, `datetime="`+time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01")+`"`) {
			t.Errorf("the trend table (publicFigures.months) = %q, want this month", got)
		}
		// With minimums this scenario reaches (app/TestPublicFigures tests the real ones), the
		// complainant's 4-star rating is the institution's satisfaction.
		env.App.Public.Policy = domain.StatsPolicy{MinRankCount: 1, SuppressBelow: 1}
		defer func() { env.App.Public.Policy = domain.StatsPolicy{} }()
		b.do("reload the institution's page", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#institution-page")))
		b.waitJS("the satisfaction", `document.querySelector('[data-kpi="satisfaction"]')?.textContent === '4.0'`)
		if got := b.text(`[data-kpi="satisfied"]`); !strings.HasPrefix(got, "100") {
			t.Errorf("satisfied share = %q, want 100%%", got)
		}
		b.check("data-institution")
	})

	t.Run("InstitutionAdminWebhookAndScorecard", func(t *testing.T) {
		b := newBrowser(t, env.URL, 1280, 900)
		b.do("sign in as the institution admin",
			chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")),
			chromedp.SendKeys(chromedp.CSS("#f-email"), "instadmin@redline.demo"),
			chromedp.SendKeys(chromedp.CSS("#f-password"), app.DemoPassword),
			chromedp.Click(chromedp.CSS("#login button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#inbox-list")),
			chromedp.Navigate(env.URL+"/#/institution"), chromedp.WaitVisible(chromedp.CSS("#webhook-form")),
		)
		b.do("set the webhook",
			chromedp.SendKeys(chromedp.CSS("#f-url"), "https://hooks.example.cn/redline"),
			chromedp.Click(chromedp.CSS("#webhook-form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#webhook-secret")),
		)
		if s := b.text("#webhook-secret"); len(s) < 16 {
			t.Errorf("webhook secret shown = %q", s)
		}
		b.do("ping it", chromedp.Click(chromedp.CSS("#ping")), chromedp.WaitVisible(chromedp.CSS(".toast")))
		b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#webhook-form")))
		b.waitJS("the ping in the delivery log", `document.querySelector('table#deliveries tbody tr') !== null`)
		if sc := b.text("#scorecard"); !strings.Contains(sc, "投诉量") {
			t.Errorf("scorecard = %q", sc)
		}
		// The median answer time says its unit: calendar days.
		if m := b.eval(`[...document.querySelectorAll('#scorecard .kpi')].find(k => k.querySelector('span').textContent === '答复用时中位数')?.querySelector('strong').textContent || ''`); !regexp.MustCompile(`^\d+(\.\d)? 天$`).MatchString(m) {
			t.Errorf("median time to answer = %q, want a number of days (天)", m)
		}
		b.check("institution-admin")
	})

}

// inviteMails keeps the invitation e-mails instead of sending them.
type inviteMails struct {
	mu   sync.Mutex
	sent map[string]string // address → English body
}

func (m *inviteMails) SendMail(_ context.Context, to string, n *domain.Notification) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sent == nil {
		m.sent = map[string]string{}
	}
	m.sent[to] = n.BodyEN
	return nil
}

func (m *inviteMails) token(t *testing.T, to string) string {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	_, tok, ok := strings.Cut(m.sent[to], "/#/invite/")
	if !ok {
		t.Fatalf("no invitation link e-mailed to %s: %q", to, m.sent[to])
	}
	return tok
}

// writePNG writes a small real PNG (a phone screenshot stand-in) and returns its path.
// forwardedToCMB files a complaint as the demo complainant and has staff forward it to 招商银行信用卡中心
// (the demo agent's institution).
func forwardedToCMB(t *testing.T, env *apptest.Env, staff func(*testing.T, string, map[string]any) map[string]any, status func(*testing.T, string) string) string {
	t.Helper()
	tok := env.Login(t, "complainant@redline.demo", app.DemoPassword)
	d := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "SPOUSE", "province": "310000", "product": "CREDIT_CARD",
		"lenderName": "招商银行信用卡中心", "narrative": "催收员每天给我丈夫打十几个电话，还打给我的同事。", "violations": []string{"THIRD_PARTY_CONTACT"}}})
	ref := d["fileComplaint"].(map[string]any)["reference"].(string)
	apptest.Eventually(t, 30*time.Second, "the complaint to be routed", func() bool { return status(t, ref) == "IN_TRIAGE" })
	inst := firstInstitutionID(staff(t, institutionSearch, map[string]any{"s": demoLender}))
	staff(t, `mutation($id: ID!, $l: ID!) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { id } }`, map[string]any{"id": ref, "l": inst})
	return ref
}

// registeredPassword is the password of the accounts apptest.Env.Register opens.
const registeredPassword = "correct-horse-42"

// portalComplaint opens an account of its own (named after the subtest) and files through the API
// what the wizard files in ComplainantFilesWithScreenshotAndMessages (to 招商银行信用卡中心, consent to
// publish, a pasted threat); staff and the institution's agent then take it to stage: "triage" (routed),
// "answered" (forwarded and answered with a repayment plan), "accepted" (4 stars) or "closed".
// It returns the reference and the owner's e-mail address.
func portalComplaint(t *testing.T, env *apptest.Env, stage string, staff func(*testing.T, string, map[string]any) map[string]any, status func(*testing.T, string) string) (ref, email string) {
	t.Helper()
	email = strings.ToLower(regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(t.Name(), "-")) + "@example.cn"
	tok := env.Register(t, email)
	d := env.MustDo(t, tok, webFileQuery, map[string]any{"i": map[string]any{"relation": "PARENT", "province": "310000", "product": "CREDIT_CARD",
		"lenderName": "招商银行信用卡中心", "narrative": "催收员半夜给我女儿打了十几个电话，还打给她的同事，说要上门。",
		"violations": []string{"THIRD_PARTY_CONTACT", "IMPROPER_HOURS"}, "outcomesWanted": []string{"STOP_HARASSMENT", "REPAYMENT_PLAN"},
		"consentToShareIdentity": true, "consentToPublish": true}})
	c := d["fileComplaint"].(map[string]any)
	ref = c["reference"].(string)
	sent := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -1).Format("2006-01-02") + "T23:40:00+08:00"
	env.MustDo(t, tok, `mutation($id: ID!, $m: [CollectorMessageInput!]!) { addCollectorMessages(complaintId: $id, messages: $m) { id } }`,
		map[string]any{"id": c["id"], "m": []map[string]any{{"sender": "17012345678", "sentAt": sent, "text": "你再不还钱，我们就去你家泼油漆，让你全家都知道你是老赖！"}}})
	apptest.Eventually(t, 30*time.Second, "the complaint to be routed", func() bool { return status(t, ref) == "IN_TRIAGE" })
	if stage == "triage" {
		return ref, email
	}
	inst := firstInstitutionID(staff(t, institutionSearch, map[string]any{"s": demoLender}))
	staff(t, `mutation($id: ID!) { classifyComplaint(id: $id, priority: URGENT, confirm: [THIRD_PARTY_CONTACT]) { id } }`, map[string]any{"id": ref})
	staff(t, `mutation($id: ID!, $l: ID!) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { id } }`, map[string]any{"id": ref, "l": inst})
	day := func(days int) string {
		return time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, days).Format("2006-01-02")
	}
	env.MustDo(t, env.Login(t, "agent@redline.demo", app.DemoPassword), `mutation($id: ID!, $i: ResponseInput!) { respondToComplaint(id: $id, input: $i) { id } }`,
		map[string]any{"id": ref, "i": map[string]any{"category": "CLOSED_WITH_NON_MONETARY_RELIEF",
			"explanation": "经核查，外包催收机构存在夜间致电和联系第三人的行为。已停止催收并为客户提供分期方案。",
			"relief": map[string]any{"repaymentPlan": map[string]any{"instalments": 12, "instalmentAmount": "1066.71", "firstDueOn": day(30),
				"deferredUntil": day(20), "penaltyInterestWaived": "580.40"}, "feeWaiverAmount": "320.00", "collectionStopped": true, "apology": true}}})
	if stage == "answered" {
		return ref, email
	}
	env.MustDo(t, tok, `mutation($id: ID!) { submitFeedback(id: $id, decision: ACCEPT, satisfaction: 4, comment: "电话已经停了，谢谢。") { id } }`, map[string]any{"id": ref})
	if stage == "accepted" {
		return ref, email
	}
	staff(t, `mutation($id: ID!) { closeComplaint(id: $id, reason: "机构已整改") { id } }`, map[string]any{"id": ref})
	if stage != "closed" {
		t.Fatalf("portalComplaint: no stage %q", stage)
	}
	return ref, email
}

// breachClock moves the complaint's running clock of kind into the past and lets the deadline
// sweep breach it, as time would.
func breachClock(t *testing.T, env *apptest.Env, ref, kind string) {
	t.Helper()
	if err := env.App.DB.Gorm.Exec(`UPDATE complaint_deadlines SET due_at = now() - interval '1 day'
		WHERE kind = ? AND state = 'OPEN' AND complaint_id = (SELECT id FROM complaints WHERE reference = ?)`, kind, ref).Error; err != nil {
		t.Fatalf("move the %s clock into the past: %v", kind, err)
	}
	if _, err := env.App.Deadlines.Sweep(context.Background()); err != nil {
		t.Fatalf("deadline sweep: %v", err)
	}
	var breached int64
	env.App.DB.Gorm.Raw(`SELECT count(*) FROM complaint_deadlines WHERE kind = ? AND state = 'BREACHED'
		AND complaint_id = (SELECT id FROM complaints WHERE reference = ?)`, kind, ref).Scan(&breached)
	if breached != 1 {
		t.Fatalf("%d breached %s clocks after the sweep, want 1", breached, kind)
	}
}

func writePNG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 120; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y), 160, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "sms-screenshot.png")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
