package api_test

import (
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// firstPassword is an administrator-created account's first sign-in (session 31, attack26: such an
// account must replace the password the administrator chose before anything else). It signs in
// with first, is shown the account page with a notice saying why (Chinese, then English after the
// switch), is sent back to it from a page of its menu, sees the form refuse the same password and a
// too short one at the new password's field, changes it to next and lands on the sign-in page, in
// Chinese again. Each step is checked on a 360 px phone with axe-core.
func (b *browser) firstPassword(email, first, next string) {
	b.t.Helper()
	t := b.t
	b.signInAs(email, first, "#first-password")
	if h := b.eval(`location.hash`); h != "#/account" {
		t.Errorf("%s's first sign-in shows %s, want the account page", email, h)
	}
	if got := b.text("#first-password"); !strings.Contains(got, "由管理员创建") || !strings.Contains(got, "请先在下方设置新密码") {
		t.Errorf("%s's account page says %q, not why the password must change", email, got)
	}
	b.accessible(email + "'s first-password notice")

	// A page of the menu cannot work yet: it sends back to the notice, not to a raw error.
	away := b.eval(`[...document.querySelectorAll('#nav a[href^="#/"]')].map((a) => a.getAttribute('href')).find((h) => h !== '#/account') || ''`)
	if away == "" {
		t.Fatalf("%s's menu has no page but the account", email)
	}
	// The page on screen is marked: the wait is for the account page drawn again, not for this one.
	b.eval(fmt.Sprintf(`(document.querySelector('#first-password').dataset.before = 'yes', location.hash = %q, '')`, away))
	b.waitJS("back at the account page from "+away, `location.hash === '#/account' && !!document.querySelector('#first-password:not([data-before])') && !document.querySelector('#page-error') && !document.querySelector('main').hasAttribute('aria-busy')`)

	refused := func(value, want string) {
		t.Helper()
		b.set("#f-currentPassword", first)
		b.set("#f-newPassword", value)
		b.do("change to "+value, chromedp.Click(chromedp.CSS("#password-form button[type=submit]")))
		b.waitJS("the new password's error", `!document.querySelector('#err-newPassword').hidden && !document.querySelector('#password-form button[type=submit]').disabled`)
		got := b.eval(`document.querySelector('#err-newPassword').textContent + (document.querySelector('#f-newPassword').getAttribute('aria-invalid') === 'true' ? ' [invalid]' : '')`)
		if !strings.Contains(got, want) || !strings.Contains(got, "[invalid]") {
			t.Errorf("%s changing to %q: the new password's error reads %q, want %q and the field marked", email, value, got, want)
		}
	}
	refused(first, "新密码不能与当前密码相同")
	b.accessible(email + "'s first-password form with its error")
	b.toEnglish()
	if got := b.text("#first-password"); !strings.Contains(got, "An administrator created this account") || !strings.Contains(got, "set a new one below first") {
		t.Errorf("%s's account page says %q in English, not why the password must change", email, got)
	}
	if got := b.text("#err-newPassword"); !strings.Contains(got, "other than the current one") {
		t.Errorf("%s's error after the switch reads %q", email, got)
	}
	refused("short-1", "10 to 128 characters")
	b.accessible(email + "'s first-password form in English")

	b.set("#f-currentPassword", first)
	b.set("#f-newPassword", next)
	b.do("change the first password", chromedp.Click(chromedp.CSS("#password-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#login #f-email")))
	if got := b.text("main .flash"); !strings.Contains(got, "Password changed") {
		t.Errorf("%s after the change reads %q", email, got)
	}
	b.toChinese()
}
