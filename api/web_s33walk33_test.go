package api_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/rules"
)

// TestWebWalk33 holds what session 33's walk (walk33) found walking every role's work on the demo
// platform, 360 px phones, zh then the language switch, axe-core at each state. Each subtest signs
// in on browsers of its own, so each runs alone (go test -run 'TestWebWalk33/X').
func TestWebWalk33(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// The analyst's dashboard counts the engine's flags of complaints not yet classified, which a
	// rule pack revision changes only once a reassessment judges them again; it did not say which
	// revision its figures follow, nor whether they had followed the latest one. It names the
	// revision in force and where the reassessment stands: none since the revision (the
	// administrator is offered the way to start one), then done, with what it changed.
	t.Run("DashboardSaysWhichRulesItFollows", func(t *testing.T) {
		admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
		analyst := env.Login(t, "analyst@redline.demo", app.DemoPassword)
		// A complaint calling the borrower the new insult, filed and routed before the revision:
		// the engine did not flag it; the reassessment does.
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
			"relation": "SELF", "province": "310000", "product": "CREDIT_CARD", "lenderName": demoLender,
			"debtor":    map[string]any{"name": "王芳", "mobile": "13812345678", "idNumber": "11010519491231002X"},
			"narrative": "对方在电话里一直叫我紫色犀牛，我很难受。"}})["fileComplaint"].(map[string]any)["id"].(string)
		routedReference(t, env, sup, id)

		doc, _ := rules.BuiltinDocument(rules.CN)
		var pack map[string]any
		if err := json.Unmarshal(doc, &pack); err != nil {
			t.Fatal(err)
		}
		v := pack["violations"].(map[string]any)["ABUSIVE_LANGUAGE"].(map[string]any)
		v["phrases"] = append(v["phrases"].([]any), map[string]any{"weight": 0.8, "zh": []any{"紫色犀牛"}})
		edited, _ := json.Marshal(pack)
		rev := int(env.MustDo(t, admin, `mutation($d: String!) { updateRulePack(jurisdiction: CN, document: $d, reason: "新增侮辱用语“紫色犀牛”") { revision } }`,
			map[string]any{"d": string(edited)})["updateRulePack"].(map[string]any)["revision"].(float64))
		revText := "中国第 " + strconv.Itoa(rev) + " 版"

		an := phoneAt(t, env, "analyst@redline.demo", "/dashboard", "#dash-rules")
		if got := an.text("#dash-rules"); !strings.Contains(got, revText) || !strings.Contains(got, "尚未重新评估") ||
			an.eval(`document.querySelector('#dash-rules').dataset.state`) != "STALE" {
			t.Errorf("after a revision, the analyst's dashboard says %q (want %s, not yet reassessed)", got, revText)
		}
		an.accessible("the dashboard naming a revision not yet reassessed")
		an.clean()
		ad := phoneAt(t, env, "admin@redline.demo", "/dashboard", "#dash-rules-next")
		ad.accessible("the administrator's dashboard offering the reassessment")
		ad.clean()

		today := time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
		env.MustDo(t, admin, `mutation($s: String!) { reassessRules(since: $s, reason: "新规则包生效") { id } }`, map[string]any{"s": today})
		deadline := time.Now().Add(60 * time.Second)
		for {
			j := env.MustDo(t, analyst, `{ statsReassessment { state } }`, nil)["statsReassessment"].(map[string]any)
			if j["state"] == "DONE" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the reassessment is still %v", j["state"])
			}
			time.Sleep(300 * time.Millisecond)
		}
		if r := env.Do(t, env.Login(t, "complainant@redline.demo", app.DemoPassword), `{ statsReassessment { state } }`, nil); len(r.Errors) == 0 {
			t.Error("a complainant reads the reassessment's state")
		}
		done := phoneAt(t, env, "analyst@redline.demo", "/dashboard", `#dash-rules[data-state="DONE"]`)
		if got := done.text("#dash-rules"); !strings.Contains(got, revText) || !strings.Contains(got, "按现行版本重新评估") || strings.Contains(got, "，0 件判定改变") {
			t.Errorf("after the reassessment, the analyst's dashboard says %q", got)
		}
		// The violations table names the law each kind breaches, in both languages.
		law := `document.querySelector('#dash-violations tr[data-violation="ABUSIVE_LANGUAGE"] td[data-k="law"]')?.textContent.trim() || ''`
		if got := done.eval(law); !strings.Contains(got, "第") {
			t.Errorf("the insults row of the violations table cites %q", got)
		}
		done.toEnglish()
		done.waitJS("the English basis", `/revision \d+/.test(document.querySelector('#dash-rules')?.textContent || '')`)
		if got := done.text("#dash-rules"); !strings.Contains(got, "China revision "+strconv.Itoa(rev)) || !strings.Contains(got, "judged again with the revision in force") {
			t.Errorf("the English dashboard says %q", got)
		}
		if got := done.eval(law); !strings.Contains(got, "art.") && !strings.Contains(got, "(") {
			t.Errorf("the English insults row cites %q", got)
		}
		if got := done.eval(unmarkedChinese("#dash-violations")); got != "" {
			t.Errorf("the English violations table reads Chinese unmarked: %s", got)
		}
		if got := done.eval(unmarkedChinese("#dash-rules")); got != "" {
			t.Errorf("the English basis reads Chinese unmarked: %s", got)
		}
		done.accessible("the English dashboard after the reassessment")
		done.clean()
	})
}
