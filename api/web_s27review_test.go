package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebPolicyWaitIsBounded (review of session 27): the start page and the check page — with its
// "call 110" — asked the deadline policy before drawing anything, and a server that did not answer
// (a busy one is retried three times) left them blank. They wait for it a few seconds at most and
// then name "the period the rules set".
func TestWebPolicyWaitIsBounded(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 1})
	b := newBrowser(t, env.URL, 360, 780)
	b.do("a server that never answers the policy", chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
			const real = window.fetch.bind(window);
			window.fetch = (url, init = {}) => String(init.body || '').includes('deadlineRules') ? new Promise(() => {}) : real(url, init);
		})()`})
		return chromedp.Void{}, err
	}))
	for _, p := range []struct{ path, sel, id string }{{"/#/", "#home-lede", "start"}, {"/#/check", "#check-periods", "check"}} {
		start := time.Now()
		b.within("the "+p.id+" page drawn", 12*time.Second, chromedp.Navigate(env.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.sel)))
		if got := b.text(p.sel); !strings.Contains(got, "规定期限") {
			t.Errorf("the %s page without the policy reads %q, want the period the rules set", p.id, got)
		}
		t.Logf("the %s page drawn in %s without the policy", p.id, time.Since(start).Round(time.Millisecond))
	}
	b.clean()
}
