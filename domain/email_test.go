package domain

import (
	"strings"
	"testing"
)

// TestLookAlikeEmailAddressesAreRefused: net/mail takes any Unicode, so accounts (createUser,
// register) and invitations could be made for addresses that read exactly like another's: full
// width, with an invisible character or a bidirectional override, or with a Cyrillic letter
// (found by hand: "ａｄｍｉｎ@redline.demo", "admin\u200b@…" and "аdmin@…" were three new
// accounts beside admin@redline.demo). Full-width text folds to the ASCII address; anything else
// outside printable ASCII is BAD_USER_INPUT on email.
func TestLookAlikeEmailAddressesAreRefused(t *testing.T) {
	for in, want := range map[string]string{
		"ａｄｍｉｎ@redline.demo": "admin@redline.demo",
		"Admin@Redline.Demo": "admin@redline.demo",
		" ＡＤＭＩＮ＠ＲＥＤＬＩＮＥ．ＤＥＭＯ\u3000": "admin@redline.demo",
		"zhang.san+cfpb@example.cn": "zhang.san+cfpb@example.cn",
	} {
		got, err := checkEmail(in)
		if err != nil || got != want {
			t.Errorf("checkEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
		if NormalEmail(in) != want {
			t.Errorf("NormalEmail(%q) = %q, want %q (sign-in and the lockout count the same address)", in, NormalEmail(in), want)
		}
	}
	for _, in := range []string{
		"admin\u200b@redline.demo", "adm\u00adin@redline.demo", "\u0430dmin@redline.demo", "admın@redline.demo",
		"ad\u202emin@redline.demo", "admin@redline.demo\u202e", "admin@xn--redline.demo\u2066", "用户@例子.中国", "a\u0007@b.cn",
	} {
		if _, err := checkEmail(in); err == nil || err.(*Error).Code != CodeInvalid || err.(*Error).Field != "email" || err.(*Error).MessageZH == "" {
			t.Errorf("checkEmail(%q): %v, want BAD_USER_INPUT on email", in, err)
		}
		if _, _, err := checkNewAccount(in, "a-long-password-2026", "名字"); err == nil {
			t.Errorf("checkNewAccount(%q) accepted", in)
		}
	}
}

// TestAddressesEndInAnInternetDomain (session 12's attack by hand): net/mail takes address
// literals, bare IP addresses and single names after the @, so an anonymous `register` had the
// regulator's mail system deliver to x@[127.0.0.1], x@10.0.0.5 and x@localhost — its own and
// internal hosts. An address now ends in a domain name of two labels or more.
func TestAddressesEndInAnInternetDomain(t *testing.T) {
	for _, in := range []string{"a@[127.0.0.1]", "a@10.0.0.5", "a@localhost", "a@-bad-.cn", "a@bad-.cn", "a@b_c.cn",
		"a@" + strings.Repeat("x", 64) + ".cn", "a@example.123"} {
		if _, err := checkEmail(in); err == nil || err.(*Error).Field != "email" || err.(*Error).MessageZH == "" {
			t.Errorf("checkEmail(%q): %v, want BAD_USER_INPUT on email", in, err)
		}
	}
	for _, in := range []string{"a@example.cn", "a@mail.example.com.cn", "a@xn--fiqs8s.xn--fiqz9s", "a@163.com", "a@a-b.c1"} {
		if _, err := checkEmail(in); err != nil {
			t.Errorf("checkEmail(%q): %v, want it taken", in, err)
		}
	}
}
