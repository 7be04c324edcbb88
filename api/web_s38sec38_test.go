package api_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebSec38 holds what session 38's attack round (sec38) changed in the portal, in headless
// Chromium, zh then the language switch, axe-core at each state. Each subtest signs in on browsers
// of its own (go test -run 'TestWebSec38/X').
func TestWebSec38(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// Institution names that clashed before the registry refused clashes (migration 00070) were
	// logged at start and shown nowhere: the admin's institutions page lists them, each institution
	// a link to its panel; every other role is FORBIDDEN the query.
	t.Run("NameClashesOnTheAdminPage", func(t *testing.T) {
		admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
		const create = `mutation($i: InstitutionInput!){ createInstitution(input:$i){ id } }`
		a := env.MustDo(t, admin, create, map[string]any{"i": map[string]any{"name": "甲乙冲突银行", "nameEn": "Jiayi Clash Bank", "kind": "BANK"}})["createInstitution"].(map[string]any)["id"].(string)
		b := env.MustDo(t, admin, create, map[string]any{"i": map[string]any{"name": "丙丁后来银行", "kind": "BANK"}})["createInstitution"].(map[string]any)["id"].(string)
		// A clash from before 00070, as the migration keeps one: b holds a's name, grandfathered.
		db := env.App.DB.Gorm
		if err := db.Exec(`INSERT INTO institution_name_keys (key, institution_id, grandfathered) VALUES (institution_name_key('甲乙冲突银行'), ?, true)`, b).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(`UPDATE institutions SET aliases = aliases || ARRAY['甲乙 冲突银行'] WHERE id = ?`, b).Error; err != nil {
			t.Fatal(err)
		}
		const q = `{ institutionNameClashes { key institution { id name } holder { id name nameEn } } }`
		got := env.MustDo(t, admin, q, nil)["institutionNameClashes"].([]any)
		if len(got) != 1 {
			t.Fatalf("clashes %v, want the one made", got)
		}
		if c := got[0].(map[string]any); c["institution"].(map[string]any)["id"] != b || c["holder"].(map[string]any)["id"] != a {
			t.Errorf("clash %v, want %s keeping %s's name", c, b, a)
		}
		for _, email := range []string{"complainant@redline.demo", "reviewer@redline.demo", "supervisor@redline.demo", "agent@redline.demo", "instadmin@redline.demo", "analyst@redline.demo"} {
			if r := env.Do(t, env.Login(t, email, app.DemoPassword), q, nil); r.Code() != "FORBIDDEN" || r.Data["institutionNameClashes"] != nil {
				t.Errorf("%s reads the clashes: %q %v, want FORBIDDEN", email, r.Code(), r.Data)
			}
		}
		if r := env.Do(t, "", q, nil); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("anonymous reads the clashes: %q, want UNAUTHENTICATED", r.Code())
		}

		d := newBrowser(t, env.URL, 1280, 900)
		d.signIn("admin@redline.demo", "#nav .who")
		d.do("open the institutions", chromedp.Navigate(env.URL+"/#/admin/institutions"), chromedp.WaitVisible(chromedp.CSS("#name-clashes #clash-list")))
		if n := d.eval(`String(document.querySelectorAll('#clash-list tbody tr').length)`); n != "1" {
			t.Errorf("%s clash rows, want 1", n)
		}
		row := d.text("#clash-list tbody tr")
		if !strings.Contains(row, "丙丁后来银行") || !strings.Contains(row, "甲乙冲突银行") || !strings.Contains(d.text("#clash-title"), "名称冲突") {
			t.Errorf("the clash reads %q under %q, want both institutions under 名称冲突", row, d.text("#clash-title"))
		}
		d.accessible("the institutions page with a name clash")
		d.toEnglish()
		d.waitJS("the English clash list", `document.querySelector('#clash-title')?.textContent.includes('Name clashes')`)
		if row := d.text("#clash-list tbody tr"); !strings.Contains(row, "Jiayi Clash Bank") {
			t.Errorf("the English clash reads %q, want the holder's English name", row)
		}
		d.accessible("the English institutions page with a name clash")
		d.do("open the institution keeping the name", chromedp.Click(chromedp.CSS(`#clash-list tbody tr td:nth-child(2) a`)),
			chromedp.WaitVisible(chromedp.CSS("#inst-panel #e-name")))
		d.clean()
	})

	// The portal counted "denied twice" itself, the number 2 written again; it now words the
	// server's reason (Complaint.extensionUnavailable), here EXTENSION_LIMIT at 60 days.
	t.Run("NoExtensionSaysTheServersReason", func(t *testing.T) {
		ref := forwardedToTheDemoLender(t, env)
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, agent, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["id"].(string)
		ask := func(days int, why string) {
			env.MustDo(t, agent, `mutation($id: ID!, $d: Int!, $r: String!) { requestExtension(id: $id, days: $d, reason: $r) { status } }`,
				map[string]any{"id": id, "d": days, "r": why})
		}
		ask(30, "需调取外包催收机构的全部通话录音")
		for _, why := range []string{"录音涉及三家外包机构，需逐一核实", "三家外包机构的录音仍在调取中"} {
			ask(60, why)
			env.MustDo(t, sup, `mutation($id: ID!) { decideExtension(id: $id, approve: false, reason: "理由不充分，请按期答复") { status } }`, map[string]any{"id": id})
		}
		p := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#respond")
		p.do("open the extension", chromedp.Evaluate[chromedp.Void](`document.querySelector('#extension').open = true`))
		if got := p.eval(`document.querySelector('#no-extension')?.dataset.reason || ''`); got != "EXTENSION_LIMIT" {
			t.Errorf("the page's reason is %q, want the server's EXTENSION_LIMIT", got)
		}
		if got := p.text("#no-extension"); !strings.Contains(got, "60 天") || !strings.Contains(got, "驳回两次") {
			t.Errorf("the page says %q, want the 60 days denied twice", got)
		}
		if p.eval(`String(!!document.querySelector('#extension-form'))`) != "false" {
			t.Error("the page still draws the extension form")
		}
		p.accessible("the answer card after two denials")
		p.toEnglish()
		if got := p.text("#no-extension"); !strings.Contains(got, "denied an extension to 60 days twice") {
			t.Errorf("the English page says %q", got)
		}
		p.clean()
	})
}
