package api_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// apiModule imports the portal's GraphQL client, the instance the page itself uses (same URL).
const apiModule = `import('/static/v/' + document.querySelector('script[src*="/static/v/"]').src.split('/static/v/')[1].split('/')[0] + '/core/api.js')`

// TestPortalRefreshKeepsTheSession: a person stays signed in when two tabs of the browser, or two
// browsers, renew the same session at once (a duplicated tab shares its refresh token), and when the
// page is reloaded
// while its refresh was in flight (the new pair never reached the page, which presents the old
// refresh token again). Without the server's reuse grace either would end the session as theft.
func TestPortalRefreshKeepsTheSession(t *testing.T) {
	env := startForBrowser(t, apptest.Options{NoWork: true, NoRelay: true})
	one := newBrowser(t, env.URL, 1280, 900)
	one.signIn("complainant@redline.demo", "#mine-title")
	stored := func(b *browser, key string) string {
		return b.eval(`sessionStorage.getItem('` + key + `') || ''`)
	}
	alive := func(t *testing.T, b *browser, what string) {
		t.Helper()
		if got := b.evalAsync(apiModule + `.then((m) => m.gql('{ me { email } }')).then((d) => d.me.email, (e) => 'error ' + e.code)`); got != "complainant@redline.demo" {
			t.Errorf("%s: me = %q, want the complainant still signed in", what, got)
		}
		// The server agrees: the tab's access token works.
		if r := env.Do(t, stored(b, "redline.token"), `{ me { id } }`, nil); len(r.Errors) != 0 {
			t.Errorf("%s: the tab's access token: %+v", what, r.Errors)
		}
	}

	pairJS := `JSON.stringify(['redline.token', 'redline.refresh', 'redline.expires'].map((k) => [k, sessionStorage.getItem(k)]))`
	// bothRefresh opens the portal in two with one's session, as a duplicated tab has it, then
	// renews the session in both pages at once; both must stay signed in.
	bothRefresh := func(t *testing.T, two *browser) {
		t.Helper()
		pair := one.with(t).eval(pairJS)
		two.do("open the portal with the same session",
			chromedp.Navigate(env.URL+"/#/login"), chromedp.WaitVisible(chromedp.CSS("#f-email")))
		two.eval(`(JSON.parse('` + pair + `').forEach(([k, v]) => sessionStorage.setItem(k, v)), '')`)
		// A new document (another query string), not a hash change the open page would route first.
		two.do("load it signed in", chromedp.Navigate(env.URL+"/?again=1#/mine"), chromedp.WaitVisible(chromedp.CSS("#mine-title")))
		start := `(window.__refreshed = undefined, ` + apiModule + `.then((m) => m.refresh()).then(() => { window.__refreshed = 'ok'; }, (e) => { window.__refreshed = 'error ' + e.code; }), '')`
		one.eval(start)
		two.eval(start)
		for _, b := range []*browser{one, two} {
			b.waitJS("the refresh finished", `window.__refreshed !== undefined`)
			if got := b.eval(`window.__refreshed`); got != "ok" {
				t.Errorf("refresh in a page: %s, want ok", got)
			}
		}
		alive(t, one, "the first page")
		alive(t, two, "the second page")
	}

	// Two tabs of one browser take turns (Web Lock) and tell each other the new pair.
	t.Run("TwoTabsRefreshAtOnce", func(t *testing.T) {
		tabCtx, cancel := chromedp.NewContext(one.ctx)
		defer cancel()
		if err := chromedp.Do(tabCtx); err != nil { // the tab lives as long as tabCtx, not a step's timeout
			t.Fatalf("open a second tab: %v", err)
		}
		bothRefresh(t, &browser{t: t, ctx: tabCtx, base: env.URL, width: 1280, height: 900})
	})

	// Two browsers with the same session cannot coordinate at all: the server's reuse grace alone
	// carries them (the worst case of a tab whose refresh is late).
	t.Run("TwoBrowsersRefreshAtOnce", func(t *testing.T) {
		bothRefresh(t, newBrowser(t, env.URL, 1280, 900))
	})

	t.Run("ReloadDuringRefresh", func(t *testing.T) {
		b := one.with(t)
		before := stored(b, "redline.refresh")
		// The refresh reaches the server, which rotates the token, but the page is reloaded before
		// the answer arrives: the new pair is lost and the page still holds the old token.
		r := env.Do(t, "", `mutation($r:String!){ refreshSession(refreshToken:$r){ refreshToken } }`, map[string]any{"r": before})
		if len(r.Errors) != 0 {
			t.Fatalf("refresh: %+v", r.Errors)
		}
		b.do("reload the page", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#mine-title")))
		if got := b.evalAsync(apiModule + `.then((m) => m.refresh()).then(() => 'ok', (e) => 'error ' + e.code)`); got != "ok" {
			t.Fatalf("refresh after the reload: %s, want ok", got)
		}
		if after := stored(b, "redline.refresh"); after == "" || after == before {
			t.Errorf("the page kept refresh token %q after renewing it", after)
		}
		alive(t, b, "after the reload")
		if strings.Contains(b.text("main"), "登录已过期") {
			t.Error("the page says the session expired")
		}
	})
	one.with(t).clean()
}
