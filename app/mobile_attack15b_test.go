package app_test

import (
	"fmt"
	"testing"

	"github.com/redline-regulator/redline/api"
)

// Session 15 (attack2): the limits on confirmation codes were per user only, so every account
// could have the platform text a stranger's number five codes an hour — an SMS bomb in the
// regulator's name, and five more guesses at a code for each account — where invitations and
// resets are bounded per address.

// TestMobileCodesPerNumberAreBounded: complainants giving one number get at most
// REDLINE_SMS_RATE_MOBILE codes texted to it between them; over it the change is refused whole
// (RATE_LIMITED on mobile, CODE_LIMIT), the +86 form and spaces count as the number; another
// number still gets its code.
func TestMobileCodesPerNumberAreBounded(t *testing.T) {
	env := guardedEnv(t)
	max := api.DefaultLimits().SMSPerMobile.N
	const set = `mutation($m: String) { setNotificationPreferences(email: true, sms: true, mobile: $m) { mobile mobileStatus } }`
	const victim = "13800138000"
	forms := []string{victim, "+86 138 0013 8000", "0086-13800138000", "138 0013 8000"}
	var toks []string
	for i := range max + 3 {
		toks = append(toks, env.Register(t, fmt.Sprintf("sms-bomb-%d@example.cn", i)))
	}
	codes := func() int {
		var n int
		if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM mobile_codes").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	sent := 0
	for i, tok := range toks {
		r := env.Do(t, tok, set, map[string]any{"m": forms[i%len(forms)]})
		switch r.Code() {
		case "":
			sent++
		case "RATE_LIMITED":
			if f, _ := r.Errors[0].Extensions["field"].(string); f != "mobile" || reason(r) != "CODE_LIMIT" {
				t.Errorf("refusal %v, want field mobile, reason CODE_LIMIT", r.Errors[0].Extensions)
			}
			if p := env.MustDo(t, tok, `{ notificationPreferences { mobile } }`, nil)["notificationPreferences"].(map[string]any); p["mobile"] != nil && p["mobile"] != "" {
				t.Errorf("a refused change stored the number %v", p["mobile"])
			}
		default:
			t.Fatalf("user %d giving the number: %s %v", i, r.Code(), r.Errors)
		}
	}
	if sent != max || codes() != max {
		t.Fatalf("%d accounts giving one number: %d accepted, %d codes texted, want %d", len(toks), sent, codes(), max)
	}
	// Another number is not held back by it.
	if r := env.Do(t, toks[len(toks)-1], set, map[string]any{"m": "13900139000"}); r.Code() != "" {
		t.Fatalf("another number: %s %v", r.Code(), r.Errors)
	}
	// Asking again for a code to the number (resend) is refused too.
	if err := env.App.DB.Gorm.Exec("UPDATE mobile_codes SET created_at = created_at - interval '2 minutes'").Error; err != nil {
		t.Fatal(err)
	}
	if r := env.Do(t, toks[0], `mutation { sendMobileConfirmationCode { mobileStatus } }`, nil); r.Code() != "RATE_LIMITED" {
		t.Errorf("another code to the number: %s %v, want RATE_LIMITED", r.Code(), r.Errors)
	}
}
