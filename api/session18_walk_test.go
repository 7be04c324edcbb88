package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk18 holds what session 18's walk (walk: every role on a 360 px phone, zh then en, on
// the product after the twelfth attack round, which made a password change end every session and
// refresh token of the user and refuse a change that meets a concurrent one with CONFLICT,
// PASSWORD_CHANGED) found. One platform and one browser; each subtest signs in an account of its
// own.
func TestWebWalk18(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 61, NoRelay: true})
	br := newBrowser(t, env.URL, 360, 780)

	// The password changed on another device ends this device's session: its next request was
	// refused and the portal said "登录已过期" (your session expired), which hid that the account
	// had changed, and what to do if that was not them. The server says why a session is refused
	// (extensions.reason SESSION_ENDED, or SESSION_EXPIRED), and the portal says it, with the way
	// to reset the password; the message stays through the language switch (the switch dropped it).
	t.Run("SignedOutByAPasswordChangeElsewhere", func(t *testing.T) {
		b := br.with(t)
		env.Register(t, "walk18-elsewhere@example.cn")
		b.signInAs("walk18-elsewhere@example.cn", "correct-horse-42", "#mine-title")
		other := env.Login(t, "walk18-elsewhere@example.cn", "correct-horse-42")
		old := env.Login(t, "walk18-elsewhere@example.cn", "correct-horse-42")
		env.MustDo(t, other, `mutation { changePassword(currentPassword: "correct-horse-42", newPassword: "battery-staple-77") }`, nil)
		if r := env.Do(t, old, `{ me { id } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["reason"] != "SESSION_ENDED" {
			t.Errorf("an access token of a session the change ended: %+v, want UNAUTHENTICATED with reason SESSION_ENDED", r.Errors)
		}

		b.do("open My complaints", chromedp.Click(chromedp.CSS(`#nav a[href="#/mine"]`)), chromedp.WaitVisible(chromedp.CSS("#login")))
		b.forget("status of 401")
		f := b.text("main .flash")
		if strings.Contains(f, "过期") || !strings.Contains(f, "密码已在其他设备上修改") || !strings.Contains(f, "草稿已保存在本机") {
			t.Errorf("signed out by a change elsewhere, the sign-in page says %q", f)
		}
		if got := b.eval(`document.querySelector('main .flash a')?.getAttribute('href') || ''`); got != "#/forgot" {
			t.Errorf("the message links to %q, want the password reset", got)
		}
		b.accessible("the sign-in page after a password change elsewhere")
		b.toEnglish()
		if f := b.text("main .flash"); !strings.Contains(f, "password was changed on another device") || !strings.Contains(f, "reset your password") {
			t.Errorf("in English the message reads %q", f)
		}
		if got := b.eval(unmarkedChinese("main")); got != "" {
			t.Errorf("Chinese not marked as such on the English sign-in page: %s", got)
		}
		b.toChinese()
		if f := b.text("main .flash"); !strings.Contains(f, "密码已在其他设备上修改") {
			t.Errorf("back in Chinese the message reads %q", f)
		}
		b.signInAs("walk18-elsewhere@example.cn", "battery-staple-77", "#mine-title")
		b.clean()
	})

	// A change that met a concurrent one (a reset by link, a change on another device) is refused
	// with CONFLICT, reason PASSWORD_CHANGED, "密码已被更改，请重新登录", and the concurrent one has
	// ended this session. The account page showed that at the current-password field and stayed:
	// a form that could no longer do anything, and the next tap said "your session expired". It
	// signs the device out and says what happened and what to do. The race cannot be arranged from
	// outside, so the page gets the server's answer to the change as the server words it; the
	// concurrent change is real.
	t.Run("ChangeMetAConcurrentOne", func(t *testing.T) {
		b := br.with(t)
		b.signedOut()
		env.Register(t, "walk18-meanwhile@example.cn")
		b.signInAs("walk18-meanwhile@example.cn", "correct-horse-42", "#mine-title")
		b.do("open the account page", chromedp.Navigate(env.URL+"/#/account"), chromedp.WaitVisible(chromedp.CSS("#password-form")))
		b.set("#f-currentPassword", "correct-horse-42")
		b.set("#f-newPassword", "my-own-choice-88")
		other := env.Login(t, "walk18-meanwhile@example.cn", "correct-horse-42")
		env.MustDo(t, other, `mutation { changePassword(currentPassword: "correct-horse-42", newPassword: "battery-staple-77") }`, nil)
		b.eval(`(() => { const real = window.realFetch || (window.realFetch = window.fetch.bind(window));
			window.fetch = (url, init = {}) => String(init.body || '').includes('changePassword')
				? Promise.resolve(new Response(JSON.stringify({errors: [{message: 'the password was changed meanwhile; sign in again', path: ['changePassword'],
					extensions: {code: 'CONFLICT', field: 'currentPassword', reason: 'PASSWORD_CHANGED', messageZh: '密码已被更改，请重新登录'}}], data: null}),
					{status: 200, headers: {'Content-Type': 'application/json'}}))
				: real(url, init); return ''; })()`)
		b.do("change it", chromedp.Click(chromedp.CSS("#password-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#login")))
		f := b.text("main .flash")
		if !strings.Contains(f, "本次修改没有生效") || !strings.Contains(f, "重置密码") {
			t.Errorf("after a change that met another, the sign-in page says %q", f)
		}
		if got := b.eval(`document.querySelector('main .flash a')?.getAttribute('href') || ''`); got != "#/forgot" {
			t.Errorf("the message links to %q, want the password reset", got)
		}
		if got := b.eval(`sessionStorage.getItem('redline.token') || ''`); got != "" {
			t.Error("the device kept the ended session's token")
		}
		b.accessible("the sign-in page after a change that met another")
		b.toEnglish()
		if f := b.text("main .flash"); !strings.Contains(f, "this change was not made") {
			t.Errorf("in English the message reads %q", f)
		}
		b.toChinese()
		b.signInAs("walk18-meanwhile@example.cn", "battery-staple-77", "#mine-title")
		b.clean()
	})

	// On the English case page an institution's reason for an extension (the list of requests and
	// the history) and the reasons in the history were Chinese text the page did not mark as such:
	// a screen reader read them with an English voice. What people wrote carries its language.
	t.Run("ReasonsCarryTheirLanguage", func(t *testing.T) {
		b := br.with(t)
		if err := env.App.SeedDemoTrail(context.Background()); err != nil {
			t.Fatal(err)
		}
		var ref string
		env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c JOIN complaint_extensions x ON x.complaint_id = c.id ORDER BY c.id LIMIT 1`).Scan(&ref)
		if ref == "" {
			t.Fatal("the demo trail left no extension request")
		}
		b.signedOut()
		b.signInAs("supervisor@redline.demo", app.DemoPassword, "#nav .who")
		b.do("open the complaint", chromedp.Navigate(env.URL+"/#/c/"+ref), chromedp.WaitVisible(chromedp.CSS("#extensions")))
		b.toEnglish()
		b.waitJS("the English case page", `!!document.querySelector('#extensions') && !!document.querySelector('.timeline .t-reason')`)
		for _, root := range []string{"#extensions", ".timeline"} {
			if got := b.eval(unmarkedChinese(root)); got != "" {
				t.Errorf("Chinese not marked as such in %s on the English case page: %s", root, got)
			}
		}
		b.accessible("the English case page with extension reasons on a phone")
		b.toChinese()
		b.clean()
	})
}
