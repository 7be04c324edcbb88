package api_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestAmountSpacesShared (session 29 review), without a browser: the wizard let through every
// JavaScript \s and the server read three of them, so "12\u202f800" (a narrow no-break space) passed
// the first step and was refused after the last. The wizard's list of spaces is the server's.
func TestAmountSpacesShared(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("web", "static", "core", "amount.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^export const AMOUNT_SPACES = '((?:[^'\\]|\\.)*)';`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no AMOUNT_SPACES in core/amount.js")
	}
	js := string(m[1])
	for k, v := range map[string]string{`\t`: `\u0009`, `\n`: `\u000a`, `\v`: `\u000b`, `\f`: `\u000c`, `\r`: `\u000d`} {
		js = strings.ReplaceAll(js, k, v)
	}
	got, err := strconv.Unquote(`"` + js + `"`)
	if err != nil {
		t.Fatalf("AMOUNT_SPACES %q: %v", m[1], err)
	}
	if got != domain.AmountSpaces {
		t.Errorf("the wizard's spaces %+q differ from the server's %+q", got, domain.AmountSpaces)
	}
	file, _ := os.ReadFile(filepath.Join("web", "static", "pages", "file.js"))
	if strings.Contains(string(file), "amountOK") || !strings.Contains(string(file), "money(readAmount(d.amountOwed)") {
		t.Error("the wizard does not read the amount with core/amount.js, nor show it formatted from the value read")
	}
}

// TestWebWalk29Fix holds what the review of session 29's walk found (each subtest alone:
// go test -run 'TestWebWalk29Fix/X' ./api/).
func TestWebWalk29Fix(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 60})

	// The wizard and the server read an amount alike: the same spaces, a space a group separator
	// under the three-digit rule as a comma is, one currency sign at most; the review step shows
	// "8,600" as ¥8,600.00, not raw.
	t.Run("AmountReadAlike", func(t *testing.T) {
		ins := []string{"8,600", "12,800.50", "１２，８００．５", "8600元", "¥ 8,600", "￥300", "12 800", "12\u202f800", "12\u2009800",
			"\t8600\t", "\ufeff8600", "1 234 567", "\u30008,600 元", "007.10", "999999999999.99",
			"1 2 3 4", "1,00 0", "1 , 0 0 0", "1,234 567", "12  800", "12.5 0", "¥￥5", "¥ ¥5", "5元元", "1,00", "12,34,567", "-8,600",
			"元", "8600美元", "1234567890123", ".5", "1.", "12\u200b800"}
		for _, r := range domain.AmountSpaces {
			ins = append(ins, "12"+string(r)+"800")
		}
		list, _ := json.Marshal(ins)
		b := newBrowser(t, env.URL, 360, 780)
		b.do("open the portal", chromedp.Navigate(env.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#lang-switch")))
		const base = `'/static/v/' + document.querySelector('script[src*="/static/v/"]').src.split('/static/v/')[1].split('/')[0]`
		res := b.evalAsync(`Promise.all([import(` + base + ` + '/core/amount.js'), import(` + base + ` + '/core/format.js')]).then(([a, f]) =>
			JSON.stringify({read: ` + string(list) + `.map(a.readAmount), shown: f.money(a.readAmount('8,600'))}))`)
		var got struct {
			Read  []string
			Shown string
		}
		if err := json.Unmarshal([]byte(res), &got); err != nil || len(got.Read) != len(ins) {
			t.Fatalf("the wizard read %s (%v)", res, err)
		}
		for i, in := range ins {
			want, _, _ := domain.ParseAmount(in)
			if got.Read[i] != string(want) {
				t.Errorf("%+q: the wizard reads %q, the server %q", in, got.Read[i], want)
			}
		}
		if got.Shown != "¥8,600.00" {
			t.Errorf("the review step shows 8,600 as %q", got.Shown)
		}
		b.clean()
	})

	// A complaint closed with a reason, reopened, then merged into another: the top line named the
	// first closing's date and reason. It says the latest closing: merged, into which complaint when
	// the complainant may read that one, and not which when it is another person's.
	t.Run("MergedAfterReopenSaysMerged", func(t *testing.T) {
		ref := lapsedFeedbackComplaint(t, env)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		me := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		idOf := func(r string) any {
			return env.MustDo(t, sup, `query($r: ID!) { complaint(id: $r) { id } }`, map[string]any{"r": r})["complaint"].(map[string]any)["id"]
		}
		id := idOf(ref)
		const reason = "已约谈机构，机构确认终止与该催收公司的合作"
		env.MustDo(t, sup, `mutation($id: ID!, $r: String!) { closeComplaint(id: $id, reason: $r) { status } }`, map[string]any{"id": id, "r": reason})
		env.MustDo(t, me, `mutation($id: ID!) { reopenComplaint(id: $id, reason: "催收员上周又打电话到我单位。") { status } }`, map[string]any{"id": ref})
		var primary string
		env.App.DB.Gorm.Raw(`SELECT reference FROM complaints WHERE status IN ('FORWARDED', 'IN_TRIAGE') AND merged_into IS NULL AND reference <> ? ORDER BY id LIMIT 1`, ref).Scan(&primary)
		if primary == "" {
			t.Fatal("no open demo complaint to merge into")
		}
		giveToComplainant(t, env, primary)
		env.MustDo(t, sup, `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: true, reason: "同一事项重复投诉") { status } }`,
			map[string]any{"d": id, "p": idOf(primary)})
		b := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, `#complaint[data-status="CLOSED"]`)
		if got := b.text("#complaint .status-help"); strings.Contains(got, reason) || !strings.Contains(got, "并入") || !strings.Contains(got, primary) {
			t.Errorf("the merged complaint's status line reads %q, want it merged into %s and not the first closing's reason", got, primary)
		}
		closedAt := env.MustDo(t, me, `query($r: ID!) { complaint(id: $r) { closedAt } }`, map[string]any{"r": ref})["complaint"].(map[string]any)["closedAt"]
		if got := b.evalAsync(`Promise.resolve(String(Date.parse(document.querySelector('#closed-why')?.dataset.closedAt) === Date.parse(` + strconv.Quote(fmt.Sprint(closedAt)) + `)))`); got != "true" {
			t.Errorf("the status line names another closing than the latest, at %v", closedAt)
		}
		b.accessible("a merged complaint")
		b.toEnglish()
		if got := b.text("#complaint .status-help"); !strings.Contains(got, "merged") || !strings.Contains(got, primary) {
			t.Errorf("the English status line reads %q", got)
		}
		// Another person's complaint is not named.
		if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET complainant_id = (SELECT id FROM users WHERE role = 'complainant' AND email <> 'complainant@redline.demo' ORDER BY id LIMIT 1) WHERE reference = ?`, primary).Error; err != nil {
			t.Fatal(err)
		}
		b.do("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#closed-why`)))
		if got := b.text("#complaint .status-help"); strings.Contains(got, primary) || !strings.Contains(got, "another complaint") {
			t.Errorf("merged into another person's complaint, the status line reads %q", got)
		}
		b.clean()
	})
}
