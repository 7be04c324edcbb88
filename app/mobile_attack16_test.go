package app_test

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 16 (attack): the notification preferences normalised a mobile number with a function of
// their own (normalMobile) that did not drop a no-break space, where filing a complaint
// (domain.NormalizeMobile) does: "139 1234 5678" written with NBSPs — what a copy from a web page
// or a word processor gives — was refused on mobile in the preferences and taken in a filing. One
// normalisation is the truth for both.

// TestMobileNumbersNormaliseAlike: a number written with no-break spaces, spaces, hyphens or +86 is
// taken and stored as its 11 digits in the preferences, as in a filing; what a filing refuses the
// preferences refuse too.
func TestMobileNumbersNormaliseAlike(t *testing.T) {
	env := guardedEnv(t)
	tok := env.Register(t, "attack16-nbsp@example.cn")
	const set = `mutation($m: String) { setNotificationPreferences(email: true, sms: false, mobile: $m) { mobile } }`
	for _, m := range []string{"139\u00a01234\u00a05678", "+86\u00a0139 1234 5678", "139-1234-5678", " 13912345678 "} {
		if got := domain.NormalizeMobile(m); got != "13912345678" {
			t.Fatalf("NormalizeMobile(%q) = %q", m, got)
		}
		r := env.Do(t, tok, set, map[string]any{"m": m})
		if r.Code() != "" {
			t.Errorf("preferences with %q: %s %v, want it taken as 13912345678", m, r.Code(), r.Errors)
			continue
		}
		if got := r.Data["setNotificationPreferences"].(map[string]any)["mobile"]; got != "13912345678" {
			t.Errorf("preferences with %q stored %v, want 13912345678", m, got)
		}
	}
	for _, m := range []string{"+86 0086 13912345678", "86 13912345678", "１３９１２３４５６７８"} {
		if domain.ValidMobile(domain.NormalizeMobile(m)) {
			t.Fatalf("NormalizeMobile takes %q", m)
		}
		if r := env.Do(t, tok, set, map[string]any{"m": m}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("preferences with %q: %s, want BAD_USER_INPUT as a filing refuses it", m, r.Code())
		}
	}
}

// Session 16 (attack): the per-number limit on confirmation codes (REDLINE_SMS_RATE_MOBILE, 5 an
// hour by every user together) could be used up by one account alone — a change of number and a
// resend a minute later, five times — so that the number's owner got no code for an hour: a
// denial of service on someone else's number for the price of one account.

// TestOneAccountCannotUseUpANumbersCodes: one account gets at most api.SMSPerMobileShare of a
// number's codes in the window (RATE_LIMITED on mobile, CODE_LIMIT, nothing stored); another
// account, the number's owner, still gets its code.
func TestOneAccountCannotUseUpANumbersCodes(t *testing.T) {
	env := guardedEnv(t)
	const victim = "13600136000"
	const set = `mutation($m: String) { setNotificationPreferences(email: true, sms: true, mobile: $m) { mobile mobileStatus } }`
	const resend = `mutation { sendMobileConfirmationCode { mobileStatus } }`
	attacker := env.Register(t, "attack16-sms-burner@example.cn")
	sent := 0
	for i := range api.DefaultLimits().SMSPerMobile.N {
		var r *apptest.Response
		if i == 0 {
			r = env.Do(t, attacker, set, map[string]any{"m": victim})
		} else {
			env.App.Notifications.Now = func() time.Time { return time.Now().Add(time.Duration(i) * 61 * time.Second) }
			r = env.Do(t, attacker, resend, nil)
		}
		switch r.Code() {
		case "":
			sent++
		case "RATE_LIMITED":
			if reason(r) != "CODE_LIMIT" {
				t.Errorf("refusal %v, want reason CODE_LIMIT", r.Errors[0].Extensions)
			}
		default:
			t.Fatalf("code %d to the number: %s %v", i, r.Code(), r.Errors)
		}
	}
	env.App.Notifications.Now = time.Now
	if sent != api.SMSPerMobileShare {
		t.Errorf("one account had %d codes texted to one number, want %d", sent, api.SMSPerMobileShare)
	}
	owner := env.Register(t, "attack16-sms-owner@example.cn")
	if r := env.Do(t, owner, set, map[string]any{"m": victim}); r.Code() != "" {
		t.Errorf("the owner of the number after another account's attempts: %s %v, want a code", r.Code(), r.Errors)
	}
}
