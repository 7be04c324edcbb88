package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestNotificationPreferencesReadBack: the portal's preferences form shows what is stored, so the
// stored choice can be read back: the defaults (e-mail on, SMS off) before any change, then exactly
// what was saved; another user reads their own choice, never someone else's number.
func TestNotificationPreferencesReadBack(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	alice := env.Register(t, "prefs-alice@example.cn")
	bob := env.Register(t, "prefs-bob@example.cn")
	const read = `{ notificationPreferences { email sms mobile } }`
	prefs := func(tok string) map[string]any {
		return env.MustDo(t, tok, read, nil)["notificationPreferences"].(map[string]any)
	}
	if p := prefs(alice); p["email"] != true || p["sms"] != false || p["mobile"] != nil {
		t.Errorf("defaults = %v, want e-mail on, SMS off, no mobile", p)
	}
	env.MustDo(t, alice, `mutation{ setNotificationPreferences(email:false, sms:true, mobile:"+86 138-1234-5678"){ email } }`, nil)
	if p := prefs(alice); p["email"] != false || p["sms"] != true || p["mobile"] != "13812345678" {
		t.Errorf("after saving = %v, want e-mail off, SMS on to 13812345678", p)
	}
	if p := prefs(bob); p["email"] != true || p["sms"] != false || p["mobile"] != nil {
		t.Errorf("another user reads %v, want their own defaults", p)
	}
	if r := env.Do(t, "", read, nil); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous: %q, want UNAUTHENTICATED", r.Code())
	}
}
