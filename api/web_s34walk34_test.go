package api_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestWebWalk34 holds what session 34's walk (walk34) found walking every role's work on the demo
// platform, 360 px phones, zh then the language switch, axe-core at each state. Each subtest signs
// in on browsers of its own, so each runs alone (go test -run 'TestWebWalk34/X').
func TestWebWalk34(t *testing.T) {
	env := startForBrowser(t, apptest.Options{})

	// A reviewer asks a mother who filed about calls to her for the days of the calls; she answers
	// on her phone. The reviewer's case page then read only 已补充材料 in the history: the answer
	// (which the API gives staff and the complainant in the event's details) was nowhere on the
	// page, nor the question it answered, and the complainant could not read back what she had
	// sent. The case page shows each answer under its question, the history says both, marked with
	// their language on the English page; the institution the complaint goes to reads neither.
	t.Run("TheAnswerReachesTheReviewer", func(t *testing.T) {
		owner := env.Login(t, "complainant@redline.demo", app.DemoPassword)
		sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
		id := env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
			"relation": "PARENT", "province": "310000", "product": "CREDIT_CARD", "lenderId": demoLenderGraphID(t, env),
			"narrative":  "催收员每天给我打电话，说我儿子欠钱不还，还说要到我家来找他，我很害怕。",
			"violations": []any{"THIRD_PARTY_CONTACT"}}})["fileComplaint"].(map[string]any)["id"].(string)
		ref := routedReference(t, env, sup, id)
		const question = "请写明催收员给您打电话的日期和大致次数。"
		const answer = "十一月二十日起每天七八个电话，晚上十点以后还在打。"
		env.MustDo(t, sup, `mutation($id: ID!, $q: String!) { requestInformation(id: $id, question: $q) { status } }`, map[string]any{"id": id, "q": question})
		env.MustDo(t, owner, `mutation($id: ID!, $a: String!) { provideInformation(id: $id, answer: $a) { status } }`, map[string]any{"id": id, "a": answer})

		provided := `document.querySelector('#complaint .timeline li[data-action="INFORMATION_PROVIDED"]')?.textContent || ''`
		rev := phoneAt(t, env, "reviewer@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := rev.eval(`document.querySelector('#answers')?.textContent || ''`); !strings.Contains(got, answer) || !strings.Contains(got, question) {
			t.Errorf("the reviewer's case page shows the complainant's answer as %q", got)
		}
		if got := rev.eval(provided); !strings.Contains(got, answer) || !strings.Contains(got, question) {
			t.Errorf("the reviewer's history entry reads %q", got)
		}
		if got := rev.eval(`document.querySelector('#complaint .timeline li[data-action="INFORMATION_REQUESTED"]')?.textContent || ''`); !strings.Contains(got, question) {
			t.Errorf("the reviewer's history of the request reads %q", got)
		}
		rev.accessible("the reviewer's case page with the answer")
		rev.screenshot("walk34-answers-phone.png", "#answers-title")
		rev.toEnglish()
		if got := rev.eval(`document.querySelector('#answers-title')?.textContent || ''`); got != "What the complainant answered" {
			t.Errorf("the English heading of the answers reads %q", got)
		}
		for _, root := range []string{"#answers", "#complaint .timeline"} {
			if got := rev.eval(unmarkedChinese(root)); got != "" {
				t.Errorf("the English %s reads Chinese unmarked: %s", root, got)
			}
		}
		rev.accessible("the reviewer's English case page with the answer")
		rev.clean()

		own := phoneAt(t, env, "complainant@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := own.eval(provided); !strings.Contains(got, answer) {
			t.Errorf("the complainant's history entry of her answer reads %q", got)
		}
		own.accessible("the complainant's page with her answer")
		own.clean()

		env.MustDo(t, sup, `mutation($id: ID!) { forwardComplaint(id: $id, target: LENDER) { status } }`, map[string]any{"id": id})
		inst := phoneAt(t, env, "agent@redline.demo", "/c/"+ref, "#complaint .timeline")
		if got := inst.eval(`document.querySelector('main').textContent`); strings.Contains(got, "七八个电话") || strings.Contains(got, "大致次数") {
			t.Errorf("the lender reads the question or the answer: %q", got)
		}
		inst.clean()
	})

	// A mother files in English on her phone about her son's lender: the review step read her
	// Chinese narrative, the lender's Chinese name and her incident's words without saying they are
	// Chinese (a screen reader reads them as English).
	t.Run("ReviewMarksTheTypedText", func(t *testing.T) {
		b := newBrowser(t, env.URL, 360, 780)
		b.signIn("complainant@redline.demo", "#nav .who")
		b.wizardAtLenderStep(env.URL, "310000")
		b.toEnglish()
		b.set("#f-lenderName", demoLender)
		b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="what"]`)))
		yesterday := time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, -1)
		b.do("add an incident", chromedp.Click(chromedp.CSS("#add-incident")), chromedp.WaitVisible(chromedp.CSS(`[id="f-incidents.0.date"]`)))
		b.set(`[id="f-incidents.0.date"]`, yesterday.Format("2006-01-02"))
		b.set(`[id="f-incidents.0.channel"]`, "PHONE_CALL")
		b.set(`[id="f-incidents.0.description"]`, "说要到我家来找我儿子")
		b.set("#f-narrative", "催收员每天给我打电话，说我儿子欠钱不还，还说要到我家来。")
		for _, step := range []string{"evidence", "outcome", "consent", "review"} {
			b.do("next", chromedp.Click(chromedp.CSS("#next")), chromedp.WaitVisible(chromedp.CSS(`#file[data-step="`+step+`"]`)))
		}
		if got := b.text("#review"); !strings.Contains(got, "我儿子欠钱不还") || !strings.Contains(got, "Phone call") {
			t.Fatalf("the English review reads %q", got)
		}
		if got := b.eval(unmarkedChinese("#review")); got != "" {
			t.Errorf("the English review reads Chinese unmarked: %s", got)
		}
		b.accessible("the English review step")
		b.screenshot("walk34-review-en-phone.png", "#review")
		b.toChinese()
		if got := b.eval(`document.querySelector('#review dd[lang="zh-CN"]') ? 'marked' : ''`); got != "marked" {
			t.Error("the Chinese review step marks no typed text")
		}
		b.clean()
	})

	// A complaint forwarded to the lender and its collection agency stays 已转交机构 until both have
	// answered. The lender's compliance officer, having answered within the deadline, read that
	// badge over its own answer, the form gone and nothing said: had the answer counted, was more
	// asked? The page says it answered on that day, nothing more is asked in this round, and the
	// complainant reviews both answers once the other has answered; the agency, still owing its
	// answer, reads no such line and keeps its form.
	t.Run("AnsweredWhileTheOtherOwes", func(t *testing.T) {
		agencyID := institutionID(t, env, demoAgency)
		c := forwardedToBoth(t, env, "walk34-both@example.cn", demoLenderGraphID(t, env), strconv.FormatInt(agencyID, 10))
		// The demo platform without its trail has no agency desk: one as the trail makes it.
		const agencyEmail = "walk34-agency@redline.demo"
		if _, err := env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: agencyEmail, Password: app.DemoPassword,
			DisplayName: "恒通催收合规专员", Role: domain.RoleInstitutionAgent, InstitutionID: agencyID}); err != nil {
			t.Fatal(err)
		}
		agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
		env.MustDo(t, agent, `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_NON_MONETARY_RELIEF,
			explanation: "已要求催收公司停止联系借款人的亲友。", relief: {collectionStopped: true}}) { id } }`, map[string]any{"id": c.id})

		a := phoneAt(t, env, "agent@redline.demo", "/c/"+c.ref, "#complaint .timeline")
		if got := a.eval(`document.querySelector('#institution-help')?.textContent || ''`); !strings.Contains(got, "贵机构已于") || !strings.Contains(got, "本轮无需再操作") || !strings.Contains(got, "另一被投诉机构") {
			t.Errorf("the lender that answered reads %q above its answer", got)
		}
		if a.eval(`String(!!document.querySelector('#respond-form'))`) != "false" {
			t.Error("the lender that answered is offered the answer form again")
		}
		a.accessible("the lender's page once it answered")
		a.screenshot("walk34-answered-phone.png", "")
		a.toEnglish()
		if got := a.eval(`document.querySelector('#institution-help')?.textContent || ''`); !strings.Contains(got, "nothing more is asked of it in this round") {
			t.Errorf("the English lender's page reads %q", got)
		}
		a.accessible("the lender's English page once it answered")
		a.clean()

		g := phoneAt(t, env, agencyEmail, "/c/"+c.ref, "#respond-form")
		if got := g.eval(`document.querySelector('#institution-help')?.textContent || ''`); got != "" {
			t.Errorf("the agency, which owes its answer, reads %q", got)
		}
		g.clean()
	})
}
