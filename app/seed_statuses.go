package app

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
)

// The demo's complaints in the states the demo's random paths never reach (session 26 walk): a
// complaint awaiting the complainant's answer to a reviewer's question, one referred to the police,
// and one whose answer the complainant disputed. Without them those pages (the question with its
// answer form, the referral with "call 110", the dispute awaiting the regulator) could be walked in
// the browser tests only. Each is the demo complainant's (complainant@redline.demo), filed in the
// east team's provinces (the demo reviewer's queue), and taken there through the same services a
// person's request uses, on the days it would have been: routed a minute after filing, then the
// reviewer's question, the referral, or the lender's answer from the demo agent
// (agent@redline.demo, 招商银行信用卡中心) and the complainant's dispute.

// demoStatusCase is one such complaint: its story, how many days ago it was filed, and its path.
type demoStatusCase struct {
	story    demoStory
	province string
	daysAgo  int
	path     string // "information", "police", "dispute"
}

var demoStatusCases = []demoStatusCase{
	{demoStory{"催收员每天打电话到我单位，说我欠钱不还，可我在这家平台只借过一笔，已经按时还清了，他们说还有一笔逾期，但说不出合同号和金额。",
		[]domain.ViolationType{domain.ViolationThirdPartyContact, domain.ViolationMissingDisclosure}, domain.RelationSelf}, "320000", 3, "information"},
	{demoStory{"催收员打电话说知道我孩子在哪个学校上学，如果这周不还钱就去学校门口等他，还说要让我出门小心点。我和家人都很害怕。",
		[]domain.ViolationType{domain.ViolationThreat, domain.ViolationAbusiveLanguage}, domain.RelationSelf}, "330000", 6, "police"},
	{demoStory{"催收公司每天给我父母打十几个电话，还在晚上十一点以后发短信，说不还钱就把我的照片发到亲戚群里。",
		[]domain.ViolationType{domain.ViolationThirdPartyContact, domain.ViolationImproperHours, domain.ViolationPrivacyDisclosure}, domain.RelationSelf}, "310000", 16, "dispute"},
}

// seedDemoStatuses files the demo complainant's complaints of demoStatusCases, each once (one the
// demo complainant filed already is left as it is, whatever became of it); it does nothing without
// the demo complainant, reviewer, agent or the agent's institution.
func (a *App) seedDemoStatuses(ctx context.Context) error {
	db := a.DB.Gorm.WithContext(ctx)
	var ids struct{ Complainant, Reviewer, Agent, Lender int64 }
	if err := db.Raw(`SELECT (SELECT id FROM users WHERE email = 'complainant@redline.demo') AS complainant,
		(SELECT id FROM users WHERE email = 'reviewer@redline.demo') AS reviewer,
		(SELECT id FROM users WHERE email = 'agent@redline.demo') AS agent,
		(SELECT institution_id FROM users WHERE email = 'agent@redline.demo') AS lender`).Scan(&ids).Error; err != nil {
		return fmt.Errorf("seed: demo statuses: %w", err)
	}
	if ids.Complainant == 0 || ids.Reviewer == 0 || ids.Agent == 0 || ids.Lender == 0 {
		return nil
	}
	lender, err := a.Institutions.InstitutionByID(ctx, ids.Lender)
	if err != nil {
		return fmt.Errorf("seed: demo statuses: %w", err)
	}
	var product domain.Product = domain.ProductCreditCard
	for _, di := range demoInstitutions {
		if di.Name == lender.Name {
			product = di.product
		}
	}
	acting := map[int64]context.Context{}
	as := func(id int64) (context.Context, error) {
		if c, ok := acting[id]; ok {
			return c, nil
		}
		c, err := a.seedActor(ctx, id)
		acting[id] = c
		return c, err
	}
	now := time.Now().UTC()
	for i, k := range demoStatusCases {
		// Once: a case the demo complainant filed already (an earlier start) is not filed again.
		var filedBefore int64
		if err := db.Raw(`SELECT count(*) FROM complaints WHERE complainant_id = ? AND narrative = ?`, ids.Complainant, k.story.text).Scan(&filedBefore).Error; err != nil {
			return fmt.Errorf("seed: demo statuses: %w", err)
		}
		if filedBefore > 0 {
			continue
		}
		// A working day's office hours in Beijing (09:00–15:00, 01:00–07:00 UTC).
		filed := now.AddDate(0, 0, -k.daysAgo).Truncate(24 * time.Hour)
		for filed.Weekday() == time.Saturday || filed.Weekday() == time.Sunday {
			filed = filed.AddDate(0, 0, -1)
		}
		filed = filed.Add(time.Duration(90+i*47) * time.Minute)
		name := lender.Name
		if len(lender.Aliases) > 0 {
			name = lender.Aliases[0]
		}
		c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1,
			ComplainantID: ids.Complainant, Relation: k.story.relation, LenderID: lender.ID, LenderName: name, Product: product,
			Province: k.province, Narrative: k.story.text, ClaimedViolations: k.story.violations, Priority: domain.PriorityNormal,
			CreatedAt: filed, UpdatedAt: filed, ConsentToPublish: true}
		ev := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: ids.Complainant, ActorRole: domain.RoleComplainant, At: filed}
		if err := a.Complaints.ReplayClocks(c, domain.ActionFile, domain.Actor{UserID: ids.Complainant, Role: domain.RoleComplainant}, filed); err != nil {
			return fmt.Errorf("seed: demo statuses: %w", err)
		}
		if _, _, err := a.Complaints.Store.CreateComplaint(ctx, c, "", ev, nil); err != nil {
			return fmt.Errorf("seed: demo statuses: %w", err)
		}
		// Each step through the service, as of its day.
		at := filed
		svc := func(after time.Duration) *domain.Complaints {
			at = at.Add(after)
			s := *a.Complaints
			moment := at
			s.Now = func() time.Time { return moment }
			return &s
		}
		if _, err := svc(time.Minute).Route(ctx, c.ID); err != nil {
			return fmt.Errorf("seed: demo statuses: route: %w", err)
		}
		rctx, err := as(ids.Reviewer)
		if err != nil {
			return err
		}
		switch k.path {
		case "information":
			_, err = svc(26*time.Hour).RequestInformation(rctx, c.ID, "请补充说明：催收员说的那笔逾期借款，您是否在该平台办理过？如有结清证明或还款记录，请上传截图；并请写明催收电话打到您单位的日期和大致次数。", 0)
		case "police":
			_, err = svc(20*time.Hour).Refer(rctx, c.ID, domain.ReferPolice, "催收人员以伤害投诉人子女相威胁，涉嫌违法犯罪，移送公安机关处理。", 0)
		case "dispute":
			if _, err = svc(28*time.Hour).Classify(rctx, c.ID, domain.Classification{Confirm: k.story.violations}, 0); err != nil {
				break
			}
			if _, err = svc(10*time.Minute).Forward(rctx, c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0); err != nil {
				break
			}
			actx, aerr := as(ids.Agent)
			if aerr != nil {
				return aerr
			}
			if _, err = svc(6*24*time.Hour).Respond(actx, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation,
				Explanation: "经核查，外包催收机构系按合同约定联系借款人登记的联系人，未发现违规行为。我行已提醒该机构注意联系频次。"}, 0); err != nil {
				break
			}
			cctx, cerr := as(ids.Complainant)
			if cerr != nil {
				return cerr
			}
			_, err = svc(2*24*time.Hour).SubmitFeedback(cctx, c.ID, domain.FeedbackInput{Decision: domain.FeedbackDispute, Satisfaction: 1,
				Comment: "银行说没有违规，但我父母这两周还是每天接到电话，晚上也有短信，我有截图。请监管部门调查。"}, 0)
		}
		if err != nil {
			return fmt.Errorf("seed: demo statuses: %s: %w", k.path, err)
		}
		// The store stamps the last change with the database's clock: the page's "last update"
		// read today for steps taken days ago.
		if err := db.Exec(`UPDATE complaints SET updated_at = ? WHERE id = ?`, at, c.ID).Error; err != nil {
			return fmt.Errorf("seed: demo statuses: %w", err)
		}
	}
	return nil
}
