package app_test

import (
	"testing"

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
