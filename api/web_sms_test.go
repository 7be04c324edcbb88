package api_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestPortalConfirmsMobile (session 15, sms) walks the SMS number's confirmation on a 360 px phone:
// saving a number texts a code and shows the number awaiting it, with the resend button counting
// down; a wrong code is refused at the code's own field; the right one (from the dev SMS box)
// confirms it. In English, a changed number awaits a code again, a resend is offered once the wait
// is over, and the new code confirms it. axe-core finds nothing serious at each state.
func TestPortalConfirmsMobile(t *testing.T) {
	env := startForBrowser(t, apptest.Options{NoWork: true, NoRelay: true})
	const email = "sms-portal@example.cn"
	env.Register(t, email)
	b := newBrowser(t, env.URL, 360, 780)
	b.signInAs(email, registeredPassword, "#nav .who")
	b.do("open the notifications", chromedp.Navigate(env.URL+"/#/notifications"), chromedp.WaitVisible(chromedp.CSS("#prefs")))
	if b.eval(`String(!!document.querySelector('#mobile-state'))`) != "false" {
		t.Error("a state is shown for no number")
	}
	b.do("save a number", chromedp.Click(chromedp.CSS("#f-sms")), chromedp.SendKeys(chromedp.CSS("#f-mobile"), "13812345678"),
		chromedp.Click(chromedp.CSS("#prefs button[type=submit]")))
	b.waitJS("the number awaiting its code", `document.querySelector('#mobile-state')?.dataset.status === 'AWAITING_CODE'`)
	if s := b.text("#mobile-state"); !strings.Contains(s, "待验证") || !strings.Contains(s, "短信通知才会发送") {
		t.Errorf("the state reads %q", s)
	}
	if got := b.eval(`document.querySelector('label[for="f-code"]').textContent + '|' + document.querySelector('#resend-code').disabled + '|' + document.querySelector('#resend-code').textContent`); !strings.HasPrefix(got, "短信验证码|true|重新发送（") {
		t.Errorf("code label | resend disabled | resend text = %q", got)
	}
	b.accessible("a number awaiting its code")

	code := apptest.MobileCode(t, env.App, email)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	b.set("#f-code", wrong)
	b.do("a wrong code", chromedp.Click(chromedp.CSS("#mobile-confirm button[type=submit]")))
	b.waitJS("the refusal at the code", `!document.querySelector('#err-code').hidden && document.querySelector('#err-code').textContent.includes('验证码不正确')`)
	b.accessible("a wrong code")
	b.set("#f-code", code)
	b.do("the right code", chromedp.Click(chromedp.CSS("#mobile-confirm button[type=submit]")))
	b.waitJS("the number confirmed", `document.querySelector('#mobile-state')?.dataset.status === 'CONFIRMED' && !document.querySelector('#mobile-confirm')`)
	if s := b.text("#mobile-state"); !strings.Contains(s, "已验证") {
		t.Errorf("the confirmed state reads %q", s)
	}
	b.accessible("a confirmed number")

	// In English: a changed number awaits a code again.
	b.do("switch to English", chromedp.Click(chromedp.CSS("#lang-switch")))
	b.waitJS("the page drawn again in English", switchedToEnglish)
	b.waitJS("the English state", `document.querySelector('#mobile-state')?.textContent.includes('Confirmed')`)
	b.set("#f-mobile", "13912345678")
	b.do("change the number", chromedp.Click(chromedp.CSS("#prefs button[type=submit]")))
	b.waitJS("the new number awaiting its code", `document.querySelector('#mobile-state')?.dataset.status === 'AWAITING_CODE' && document.querySelector('#mobile-state').textContent.includes('Awaiting code')`)
	if got := b.text("#resend-code"); !strings.HasPrefix(got, "Resend (") {
		t.Errorf("the resend button reads %q, want a countdown", got)
	}
	// Once the minute is over (the codes made older), the button asks for another code.
	if err := env.App.DB.Gorm.Exec(`UPDATE mobile_codes SET created_at = created_at - interval '61 seconds'`).Error; err != nil {
		t.Fatal(err)
	}
	b.do("open the page again", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#mobile-confirm")))
	b.waitJS("the resend button enabled", `!document.querySelector('#resend-code').disabled && document.querySelector('#resend-code').textContent === 'Resend the code'`)
	b.do("resend", chromedp.Click(chromedp.CSS("#resend-code")))
	b.waitJS("the countdown again", `document.querySelector('#resend-code').disabled && document.querySelector('#resend-code').textContent.startsWith('Resend (')`)
	b.accessible("a resent code, in English")
	b.set("#f-code", apptest.MobileCode(t, env.App, email))
	b.do("the new code", chromedp.Click(chromedp.CSS("#mobile-confirm button[type=submit]")))
	b.waitJS("the new number confirmed", `document.querySelector('#mobile-state')?.dataset.status === 'CONFIRMED' && document.querySelector('#mobile-state').textContent.includes('13912345678')`)
	b.check("notifications-sms-en")
}
