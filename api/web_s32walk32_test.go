package api_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/rules"
)

// TestWebWalk32 holds what session 32's walk (walk32) found walking every role's work on the demo
// platform, 360 px phones, zh then the language switch, axe-core at each state. Each subtest signs
// in on browsers of its own, so each runs alone (go test -run 'TestWebWalk32/X').
func TestWebWalk32(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// A complaint answered, disputed, closed, reopened by its complainant with new facts and
	// forwarded to the lender again: the lender was asked to answer anew and read only 重新处理 in
	// the history, never the facts it was reopened for (the history's policy showed institutions
	// the bare step). The lender forwarded again reads them above its answer form and in the
	// history, marked with their language; before the forwarding it reads the bare step.
	t.Run("ReopenedFactsReachTheLender", func(t *testing.T) {
		ref, id := answeredByTheDemoLender(t, env)
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		env.MustDo(t, owner, `mutation($id: ID!) { submitFeedback(id: $id, decision: DISPUTE, satisfaction: 1, comment: "还在打电话") { status } }`, map[string]any{"id": id})
		env.MustDo(t, sup, `mutation($id: ID!) { closeComplaint(id: $id, reason: "已约谈机构。") { id } }`, map[string]any{"id": id})
		closed := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := closed.text("#institution-help"); !strings.Contains(got, "办结，贵机构无需再操作，办结理由见下方处理记录") {
			t.Errorf("closed, the lender's page says %q", got)
		}
		closed.clean()
		const facts = "办结后催收员又在晚上十一点打电话，还联系了我的同事"
		env.MustDo(t, owner, `mutation($id: ID!, $r: String!) { reopenComplaint(id: $id, reason: $r) { status } }`, map[string]any{"id": id, "r": facts + "。"})

		reopened := `document.querySelector('#complaint .timeline li[data-action="REOPENED"]')?.textContent || ''`
		before := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := before.eval(reopened); got == "" || strings.Contains(got, "晚上十一点") {
			t.Errorf("not yet forwarded again, the lender's history reads %q", got)
		}
		// It read only the status badge 审核中: was its answer owed?
		if got := before.text("#institution-help"); !strings.Contains(got, "申请重新处理，监管部门正在审核是否再次转交贵机构") {
			t.Errorf("reopened, the lender's page says %q", got)
		}
		before.accessible("the lender's page of a reopened complaint")
		before.clean()

		env.MustDo(t, sup, `mutation($id: ID!) { forwardComplaint(id: $id, target: LENDER) { status } }`, map[string]any{"id": id})
		a := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#respond-form")
		if got := a.text("#reopen-facts"); !strings.Contains(got, "申请重新处理，提出的新情况：“"+facts+"。”请在本轮答复中一并说明") {
			t.Errorf("forwarded again, the lender's answer card reads %q", got)
		}
		if got := a.eval(reopened); !strings.Contains(got, facts) {
			t.Errorf("forwarded again, the lender's history entry reads %q", got)
		}
		a.accessible("the lender's page with the reopening's facts")
		a.toEnglish()
		if got := a.text("#reopen-facts"); !strings.Contains(got, "reopened the complaint with new facts") ||
			a.eval(`document.querySelector('#reopen-facts [lang]')?.lang || ''`) != "zh-CN" {
			t.Errorf("the English answer card reads %q, the facts not marked Chinese", got)
		}
		a.accessible("the lender's page with the reopening's facts in English")
		a.clean()
	})

	// A complaint forwarded to the lender, withdrawn by its complainant on her phone: the lender's
	// page read only the badge 已撤回, not whether its answer was still owed; the complainant's
	// English page read the borrower's Chinese name unmarked.
	t.Run("WithdrawnToldToTheLender", func(t *testing.T) {
		ref := forwardedToTheDemoLender(t, env)
		c := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#withdraw")
		c.do("open the withdrawal", chromedp.Click(chromedp.CSS("#withdraw summary")), chromedp.WaitVisible(chromedp.CSS("#withdraw-form button[type=submit]")))
		c.do("withdraw", chromedp.Click(chromedp.CSS("#withdraw-form button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="WITHDRAWN"]`)))
		c.toEnglish()
		if got := c.eval(unmarkedChinese("main")); got != "" {
			t.Errorf("the English withdrawn complaint reads Chinese unmarked: %s", got)
		}
		c.clean()
		a := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, `#complaint[data-status="WITHDRAWN"]`)
		if got := a.text("#institution-help"); !strings.Contains(got, "撤回投诉，投诉不再处理，贵机构无需答复") {
			t.Errorf("withdrawn, the lender's page says %q", got)
		}
		a.accessible("the lender's page of a withdrawn complaint")
		a.toEnglish()
		if got := a.text("#institution-help"); !strings.Contains(got, "no answer is asked of your institution") {
			t.Errorf("withdrawn, the lender's English page says %q", got)
		}
		a.clean()
	})

	// A mother files twice about her son's debt; the supervisor merges the second into the first
	// from the likely duplicates on a phone. Both case pages named the other complaint by its
	// internal id (a UUID) under 已关联, which no one can read out, search for or tell a complainant.
	t.Run("LinkedByReference", func(t *testing.T) {
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		var refs []string
		for _, n := range []string{"催收员打电话给我说再不还钱就去我儿子学校闹，我是他妈妈。", "又打来了，说明天就去学校找我儿子，我很害怕。"} {
			id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
				"relation": "PARENT", "province": "310000", "product": "CREDIT_CARD", "lenderId": demoLenderGraphID(t, env),
				"debtor": map[string]any{"name": "李明", "mobile": "13812345679", "idNumber": "11010519491231002X"}, "narrative": n}})["fileComplaint"].(map[string]any)["id"].(string)
			refs = append(refs, routedReference(t, env, sup, id))
		}
		b := phoneAt(t, env, "supervisor@redline.demo", "/c/"+refs[1], "#duplicates [data-merge=true]")
		b.do("merge into the first", chromedp.Click(chromedp.CSS(`#duplicates [data-dup="`+refs[0]+`"] [data-merge=true]`)))
		b.waitJS("merged", `document.querySelector('#complaint')?.dataset.status === 'CLOSED' && !!document.querySelector('#duplicates ul.links a')`)
		if got := b.text("#duplicates ul.links"); !strings.Contains(got, "本投诉重复于") || !strings.Contains(got, refs[0]) || !strings.Contains(got, "已合并") {
			t.Errorf("the merged complaint's links read %q", got)
		}
		b.accessible("the merged complaint's case page")
		b.do("open the primary", chromedp.Click(chromedp.CSS("#duplicates ul.links a")), chromedp.WaitVisible(chromedp.CSS(`#complaint[data-status="IN_TRIAGE"] #duplicates ul.links`)))
		if got := b.text("#duplicates ul.links"); !strings.Contains(got, "重复本投诉") || !strings.Contains(got, refs[1]) {
			t.Errorf("the primary's links read %q", got)
		}
		b.clean()
	})

	// The statistics after a reassessment, which no walk had read in a browser. Two complaints
	// calling the borrower a name no pack knew; a revision that knows it; the administrator judges
	// today's complaints again and, the job done, found no way to the figures it said "follow":
	// the job's row links to the dashboard from the job's day, whose violations table counts the
	// two as insults now, for the administrator and for an analyst (the single-dimension table is
	// not small-cell suppressed).
	t.Run("StatisticsFollowTheReassessment", func(t *testing.T) {
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		for i := range 2 {
			id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
				"relation": "SELF", "province": "310000", "product": "CREDIT_CARD", "lenderName": demoLender,
				"debtor":    map[string]any{"name": "王芳", "mobile": "13812345678", "idNumber": "11010519491231002X"},
				"narrative": fmt.Sprintf("对方在电话里一直叫我蓝色河马，我很难受。这是第%d次。", i+1)}})["fileComplaint"].(map[string]any)["id"].(string)
			routedReference(t, env, sup, id)
		}
		insults := func(b *browser) int {
			b.waitJS("the violations table", `!!document.querySelector('#dash-violations')`)
			n, _ := strconv.Atoi(b.eval(`document.querySelector('#dash-violations tr[data-violation="ABUSIVE_LANGUAGE"] td[data-k="complaints"]')?.textContent.trim() || '0'`))
			return n
		}
		an := phoneAt(t, env, "analyst@redline.demo", "/dashboard", "#dash-violations")
		before := insults(an)
		an.clean()

		edited, _ := json.Marshal(apptest.PackWithPhrase(t, rules.CN, "ABUSIVE_LANGUAGE", map[string]any{"weight": 0.8, "zh": []any{"蓝色河马"}}))
		admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
		env.MustDo(t, admin, `mutation($d: String!) { updateRulePack(jurisdiction: CN, document: $d, reason: "新增侮辱用语“蓝色河马”") { revision } }`, map[string]any{"d": string(edited)})

		b := phoneAt(t, env, "admin@redline.demo", "/admin/rules", "#reassess-form")
		today := time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
		b.set("#f-since", today)
		b.do("start", chromedp.Click(chromedp.CSS("#reassess-form button[type=submit]")))
		b.waitJS("the job done", `document.querySelector('#reassess-jobs tr[data-job]')?.dataset.state === 'DONE'`)
		if got := b.text("#reassess-jobs tr[data-job] .job-stats"); !strings.Contains(got, "查看统计") {
			t.Fatalf("the job done offers %q to see the statistics", got)
		}
		b.accessible("the job done with its link to the statistics")
		b.do("see the statistics", chromedp.Click(chromedp.CSS("#reassess-jobs tr[data-job] .job-stats")), chromedp.WaitVisible(chromedp.CSS("#dash-violations")))
		if got := b.eval(`document.querySelector('#dash-from').value`); got != today {
			t.Errorf("the dashboard opened from the job reads from %q, not the job's day %s", got, today)
		}
		if got := insults(b); got < 2 {
			t.Errorf("after the reassessment the administrator's dashboard counts %d insults since today", got)
		}
		b.accessible("the dashboard opened from the job")
		b.clean()

		a2 := phoneAt(t, env, "analyst@redline.demo", "/dashboard", "#dash-violations")
		if got := insults(a2); got != before+2 {
			t.Errorf("the analyst's dashboard counts %d insults after the reassessment, %d before", got, before)
		}
		a2.toEnglish()
		a2.waitJS("the English dashboard's insults row", `/Insults/.test(document.querySelector('#dash-violations tr[data-violation="ABUSIVE_LANGUAGE"]')?.textContent || '')`)
		a2.accessible("the analyst's English dashboard after the reassessment")
		a2.clean()
	})
}
