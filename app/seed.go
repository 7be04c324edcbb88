package app

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres"
)

// DemoPassword is the password of every demo account (dev and demo mode only).
const DemoPassword = "redline-demo-2026"

// DemoUsers are the documented demo accounts, one per role. Their names are plain Chinese names:
// the portal shows the role beside a name, in the reader's language.
var DemoUsers = []struct {
	Email string
	Role  domain.Role
	Name  string
}{
	{"complainant@redline.demo", domain.RoleComplainant, "王女士"},
	{"reviewer@redline.demo", domain.RoleReviewer, "李审核"},
	{"supervisor@redline.demo", domain.RoleSupervisor, "赵主管"},
	{"agent@redline.demo", domain.RoleInstitutionAgent, "招行信用卡客服"},
	{"instadmin@redline.demo", domain.RoleInstitutionAdmin, "招行投诉管理员"},
	{"analyst@redline.demo", domain.RoleAnalyst, "陈分析"},
	{"admin@redline.demo", domain.RoleAdmin, "孙管理员"},
}

var demoTeams = []postgres.Team{
	{Code: "north", Name: "华北及东北投诉处理组", NameEn: "North and Northeast complaints team", Provinces: []string{"110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000"}},
	{Code: "east", Name: "华东投诉处理组", NameEn: "East China complaints team", Provinces: []string{"310000", "320000", "330000", "340000", "350000", "360000", "370000"}},
	{Code: "south", Name: "华中华南投诉处理组", NameEn: "Central and South China complaints team", Provinces: []string{"410000", "420000", "430000", "440000", "450000", "460000"}},
	{Code: "west", Name: "西部投诉处理组", NameEn: "West China complaints team", Provinces: []string{"500000", "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000", "650000"}},
}

type demoInstitution struct {
	domain.Institution
	weight  int // relative share of complaints
	product domain.Product
}

var demoInstitutions = []demoInstitution{
	{domain.Institution{Name: "招商银行信用卡中心", NameEn: "China Merchants Bank Credit Card Center", Kind: domain.KindBank, Aliases: []string{"招行信用卡", "掌上生活", "CMB Credit Card Center"}, CustomerBase: 100_000_000}, 14, domain.ProductCreditCard},
	{domain.Institution{Name: "广发银行信用卡中心", NameEn: "China Guangfa Bank Credit Card Center", Kind: domain.KindBank, Aliases: []string{"广发信用卡", "发现精彩", "CGB Credit Card Center"}, CustomerBase: 50_000_000}, 9, domain.ProductCreditCard},
	{domain.Institution{Name: "浦发银行信用卡中心", NameEn: "SPD Bank Credit Card Center", Kind: domain.KindBank, Aliases: []string{"浦发信用卡", "浦大喜奔"}, CustomerBase: 40_000_000}, 7, domain.ProductCreditCard},
	{domain.Institution{Name: "中国工商银行牡丹卡中心", NameEn: "ICBC Peony Card Center", Kind: domain.KindBank, Aliases: []string{"工行信用卡", "牡丹卡", "ICBC Peony Card Center"}, CustomerBase: 160_000_000}, 5, domain.ProductCreditCard},
	{domain.Institution{Name: "马上消费金融股份有限公司", NameEn: "Mashang Consumer Finance Co., Ltd.", Kind: domain.KindConsumerFinance, Aliases: []string{"马上消费", "安逸花", "Mashang Consumer Finance"}, CustomerBase: 150_000_000}, 16, domain.ProductConsumerLoan},
	{domain.Institution{Name: "招联消费金融股份有限公司", NameEn: "Merchants Union Consumer Finance Co., Ltd.", Kind: domain.KindConsumerFinance, Aliases: []string{"招联金融", "招联好期贷", "Merchants Union Consumer Finance"}, CustomerBase: 40_000_000}, 10, domain.ProductConsumerLoan},
	{domain.Institution{Name: "中银消费金融有限公司", NameEn: "Bank of China Consumer Finance Co., Ltd.", Kind: domain.KindConsumerFinance, Aliases: []string{"中银消费", "新易贷"}}, 3, domain.ProductConsumerLoan},
	{domain.Institution{Name: "捷信消费金融有限公司", NameEn: "Home Credit Consumer Finance Co., Ltd.", Kind: domain.KindConsumerFinance, Aliases: []string{"捷信", "Home Credit"}}, 8, domain.ProductConsumerLoan},
	{domain.Institution{Name: "重庆度小满小额贷款有限公司", NameEn: "Chongqing Du Xiaoman Microcredit Co., Ltd.", Kind: domain.KindMicroloan, Aliases: []string{"度小满", "有钱花"}}, 6, domain.ProductOnlineLoan},
	{domain.Institution{Name: "分期乐（乐信）", NameEn: "Fenqile (LexinFintech)", Kind: domain.KindOnlineLending, Aliases: []string{"分期乐", "乐信", "Lexin"}}, 9, domain.ProductOnlineLoan},
	{domain.Institution{Name: "360借条（奇富科技）", NameEn: "360 Jietiao (Qifu Technology)", Kind: domain.KindOnlineLending, Aliases: []string{"360借条", "奇富借条", "Qifu"}}, 8, domain.ProductOnlineLoan},
	{domain.Institution{Name: "拍拍贷（信也科技）", NameEn: "PPDai (FinVolution Group)", Kind: domain.KindOnlineLending, Aliases: []string{"拍拍贷", "信也", "FinVolution"}}, 5, domain.ProductOnlineLoan},
}

// Collection agencies in the demo are fictional: "（示例）" marks them. Each: Chinese, English name.
var demoAgencies = [][2]string{
	{"恒通商务咨询有限公司（示例）", "Hengtong Business Consulting Co., Ltd. (example)"},
	{"鼎信资产管理有限公司（示例）", "Dingxin Asset Management Co., Ltd. (example)"},
	{"速达信息服务有限公司（示例）", "Suda Information Services Co., Ltd. (example)"},
	{"安和法务咨询有限公司（示例）", "Anhe Legal Consulting Co., Ltd. (example)"},
}

type demoStory struct {
	text       string
	violations []domain.ViolationType
	relation   domain.Relation
}

var demoStories = []demoStory{
	{"逾期两个月后，催收人员每天打二三十个电话，还给我父母和单位领导打电话，说我是老赖，让他们帮我还钱。", []domain.ViolationType{domain.ViolationExcessiveContact, domain.ViolationThirdPartyContact, domain.ViolationPrivacyDisclosure}, domain.RelationSelf},
	{"催收员在电话里辱骂我，说话非常难听，还威胁说要上门泼油漆，让我全家不得安宁。", []domain.ViolationType{domain.ViolationAbusiveLanguage, domain.ViolationThreat}, domain.RelationSelf},
	{"我是借款人的母亲，从来没有借过钱，催收公司天天给我发短信打电话，半夜十二点还打，说不还钱就去我家。", []domain.ViolationType{domain.ViolationThirdPartyContact, domain.ViolationImproperHours, domain.ViolationThreat}, domain.RelationParent},
	{"对方自称是法院工作人员，说已经立案，明天就来冻结我的银行卡并拘留我，后来才知道根本没有起诉。", []domain.ViolationType{domain.ViolationFalseRepresentation}, domain.RelationSelf},
	{"用个人手机号发短信催款，不说是哪家公司，也没有欠款金额和合同号，问他要授权书也不给。", []domain.ViolationType{domain.ViolationUnidentifiedCollector, domain.ViolationMissingDisclosure}, domain.RelationSelf},
	{"我已经书面要求通过律师沟通，催收仍然每天打电话，还在晚上十一点以后发信息。", []domain.ViolationType{domain.ViolationContactAfterStop, domain.ViolationImproperHours}, domain.RelationSelf},
	{"两个人到我公司前台大声喊我欠钱不还，还在小区门口贴了我的照片和身份证号。", []domain.ViolationType{domain.ViolationVisitHarassment, domain.ViolationPrivacyDisclosure}, domain.RelationSelf},
	{"账单里多出了所谓的催收服务费和违约金，合同里根本没有约定，金额也和我实际借的不一样。", []domain.ViolationType{domain.ViolationUnlawfulFees, domain.ViolationDebtDispute}, domain.RelationSelf},
	{"我是他的同事，催收把我们整个部门的微信群都加了，群发他欠钱的截图，影响很坏。", []domain.ViolationType{domain.ViolationThirdPartyContact, domain.ViolationPrivacyDisclosure}, domain.RelationColleague},
	{"The collector calls my wife at work several times a day and told her I would be arrested if I don't pay by Friday.", []domain.ViolationType{domain.ViolationThirdPartyContact, domain.ViolationFalseRepresentation}, domain.RelationSpouse},
	{"They keep calling before 7 am and after 10 pm, sometimes 15 times a day, even though I asked them in writing to stop.", []domain.ViolationType{domain.ViolationImproperHours, domain.ViolationExcessiveContact, domain.ViolationContactAfterStop}, domain.RelationSelf},
	{"这笔贷款不是我借的，有人冒用我的身份信息，我已经报警，但催收还是不停打电话给我。", []domain.ViolationType{domain.ViolationDebtDispute, domain.ViolationExcessiveContact}, domain.RelationSelf},
}

// SeedDemo fills an empty database with demo data: teams, institutions and agencies, one user per
// role, and a few hundred complaints over the last 18 months. It does nothing when users exist.
func (a *App) SeedDemo(ctx context.Context, complaints int) error {
	if a.Config.Env == "production" {
		return fmt.Errorf("seed: refusing to create the demo accounts with their published password with REDLINE_ENV=production; seed demo data only with REDLINE_ENV=dev, and create real accounts with createUser")
	}
	var users int64
	if err := a.DB.Gorm.WithContext(ctx).Table("users").Count(&users).Error; err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if users > 0 {
		slog.Info("seed: database already has users; demo data not added")
		return nil
	}
	start := time.Now()
	for _, t := range demoTeams {
		if err := a.Teams.SaveTeam(ctx, t); err != nil {
			return fmt.Errorf("seed team %s: %w", t.Code, err)
		}
	}
	var lenders []demoInstitution
	for _, di := range demoInstitutions {
		in := di.Institution
		if err := a.Institutions.CreateInstitution(ctx, &in); err != nil {
			return fmt.Errorf("seed institution: %w", err)
		}
		di.Institution = in
		lenders = append(lenders, di)
	}
	var agencies []domain.Institution
	for i, name := range demoAgencies {
		ag := domain.Institution{Name: name[0], NameEn: name[1], Kind: domain.KindCollectionAgency}
		if err := a.Institutions.CreateInstitution(ctx, &ag); err != nil {
			return fmt.Errorf("seed agency: %w", err)
		}
		agencies = append(agencies, ag)
		for j := i; j < len(lenders); j += len(demoAgencies) {
			if err := a.Institutions.Engage(ctx, domain.Engagement{LenderID: lenders[j].ID, AgencyID: ag.ID}); err != nil {
				return err
			}
		}
	}

	byRole := map[domain.Role]*domain.User{}
	for _, du := range DemoUsers {
		nu := domain.NewUser{Email: du.Email, Password: DemoPassword, DisplayName: du.Name, Role: du.Role}
		switch du.Role {
		case domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin:
			nu.InstitutionID = lenders[0].ID
		case domain.RoleReviewer:
			nu.Teams = []string{"east"}
		case domain.RoleSupervisor:
			nu.Teams = []string{"north", "east", "south", "west", postgres.NationalTeam}
		}
		u, err := a.Accounts.CreateSeedUser(ctx, nu)
		if err != nil {
			return fmt.Errorf("seed user %s: %w", du.Email, err)
		}
		byRole[du.Role] = u
	}
	// Other complainants share one precomputed hash: hashing is deliberately slow.
	hash, err := domain.HashPassword(DemoPassword)
	if err != nil {
		return err
	}
	userStore := &postgres.UserStore{DB: a.DB}
	complainants := []int64{byRole[domain.RoleComplainant].ID}
	for i := 1; i <= 40; i++ {
		u := &domain.User{Email: fmt.Sprintf("complainant%02d@redline.demo", i), DisplayName: fmt.Sprintf("投诉人%02d", i),
			Role: domain.RoleComplainant, PasswordHash: hash, CreatedAt: time.Now().UTC()}
		if err := userStore.CreateUser(ctx, u, domain.AuditEntry{Action: "user.create", Details: map[string]any{"role": "complainant", "seed": true}, At: u.CreatedAt}); err != nil {
			return err
		}
		complainants = append(complainants, u.ID)
	}

	rng := rand.New(rand.NewPCG(2026, 11))
	total := 0
	for _, l := range lenders {
		total += l.weight
	}
	store := a.Complaints.Store
	now := time.Now().UTC()
	for i := 0; i < complaints; i++ {
		// Skewed towards the big lenders and towards recent months, as real complaint volumes are.
		pick := rng.IntN(total)
		var lender demoInstitution
		for _, l := range lenders {
			if pick < l.weight {
				lender = l
				break
			}
			pick -= l.weight
		}
		ageDays := int(float64(18*30) * (1 - rng.Float64()*rng.Float64()))
		created := now.Add(-time.Duration(18*30-ageDays)*24*time.Hour - time.Duration(rng.IntN(86400))*time.Second)
		story := demoStories[rng.IntN(len(demoStories))]
		prov := demoTeams[rng.IntN(len(demoTeams))].Provinces
		c := &domain.Complaint{
			ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1,
			ComplainantID: complainants[i%len(complainants)], Relation: story.relation,
			LenderID: lender.ID, LenderName: lender.Aliases[0], Product: lender.product,
			Province: prov[rng.IntN(len(prov))], Narrative: story.text, ClaimedViolations: story.violations,
			Priority: domain.PriorityNormal, CreatedAt: created, UpdatedAt: created,
			// Most complainants agree to publication: the public data pages have something to show.
			ConsentToPublish: rng.IntN(5) < 3,
		}
		if rng.IntN(3) == 0 {
			ag := agencies[rng.IntN(len(agencies))]
			c.AgencyID, c.AgencyName = ag.ID, ag.Name
		}
		for _, v := range story.violations {
			if v == domain.ViolationThreat {
				c.Priority = domain.PriorityUrgent
			}
		}
		filed := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: c.ComplainantID, ActorRole: domain.RoleComplainant, At: created}
		// The acceptance clock filing starts, counted on the business calendar from the filing.
		if err := a.Complaints.ReplayClocks(c, domain.ActionFile, domain.Actor{UserID: c.ComplainantID, Role: domain.RoleComplainant}, created); err != nil {
			return fmt.Errorf("seed complaint clocks: %w", err)
		}
		if _, _, err := store.CreateComplaint(ctx, c, "", filed, nil); err != nil {
			return fmt.Errorf("seed complaint: %w", err)
		}
		if err := a.demoHistory(ctx, rng, c, byRole); err != nil {
			return err
		}
	}
	// The demo complaints are written straight to storage, not through the outbox, so the
	// statistics are computed once for the whole seeded period.
	if err := a.Stats.Store.Rebuild(ctx, time.Now().AddDate(-2, 0, 0), time.Now().AddDate(0, 0, 1)); err != nil {
		return fmt.Errorf("seed: statistics: %w", err)
	}
	slog.Info("seed: demo data ready", "complaints", complaints, "institutions", len(lenders)+len(agencies), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// demoHistory walks a demo complaint along a plausible path, further for older complaints.
func (a *App) demoHistory(ctx context.Context, rng *rand.Rand, c *domain.Complaint, users map[domain.Role]*domain.User) error {
	age := time.Since(c.CreatedAt)
	steps := []struct {
		action   domain.Action
		to       domain.Status
		role     domain.Role
		after    time.Duration
		minAge   time.Duration
		chance   int // percent
		forwards bool
	}{
		{domain.ActionRoute, domain.StatusInTriage, domain.RoleSystem, time.Minute, 0, 100, false},
		{domain.ActionForward, domain.StatusForwarded, domain.RoleReviewer, 3 * 24 * time.Hour, 5 * 24 * time.Hour, 85, true},
		{domain.ActionRespond, domain.StatusResponded, domain.RoleInstitutionAgent, 12 * 24 * time.Hour, 20 * 24 * time.Hour, 90, false},
		{domain.ActionAccept, domain.StatusAccepted, domain.RoleComplainant, 20 * 24 * time.Hour, 30 * 24 * time.Hour, 70, false},
		{domain.ActionClose, domain.StatusClosed, domain.RoleReviewer, 25 * 24 * time.Hour, 40 * 24 * time.Hour, 95, false},
	}
	_, err := a.Complaints.Store.UpdateComplaint(ctx, c.ID, func(cur *domain.Complaint) (domain.Change, error) {
		var ch domain.Change
		for _, s := range steps {
			if age < s.minAge || rng.IntN(100) >= s.chance {
				break
			}
			actor := int64(0)
			if u := users[s.role]; u != nil && s.role != domain.RoleComplainant {
				actor = u.ID
			} else if s.role == domain.RoleComplainant {
				actor = cur.ComplainantID
			}
			from := cur.Status
			cur.Status = s.to
			if s.action == domain.ActionRoute {
				team, err := a.Teams.TeamFor(ctx, cur)
				if err != nil {
					return ch, err
				}
				cur.Team = team
				// The rule engine's findings, as routing stores them: the case page shows the
				// phrases and the law.
				if a.Complaints.Assessor != nil {
					asm, err := a.Complaints.Assessor.Assess(ctx, cur, nil)
					if err != nil {
						return ch, err
					}
					if asm != nil {
						asm.AssessedAt = cur.CreatedAt.Add(s.after)
						cur.Assessment = asm
					}
				}
			}
			at := cur.CreatedAt.Add(s.after + time.Duration(rng.IntN(3600))*time.Second)
			if s.forwards {
				// The reviewer classifies before forwarding, as in the workbench: the confirmed
				// violations are what statistics, scorecards, the public data and the case pages
				// count and show.
				ch.Events = append(ch.Events, demoClassification(cur, from, users[domain.RoleReviewer], at.Add(-time.Hour)))
				cur.Recipients = []int64{cur.LenderID}
				cur.ForwardTarget, cur.ForwardedAt = domain.ForwardLender, at
			}
			// The clocks the step moves, as the lifecycle runs them: the acceptance clock met on
			// forwarding, the institution's started (its days and due date from the policy and the
			// calendar), met by the answer, the complainant's feedback clock, and so on.
			by := domain.Actor{UserID: actor, Role: s.role}
			if s.role.IsInstitution() {
				by.InstitutionID = cur.LenderID
			}
			if err := a.Complaints.ReplayClocks(cur, s.action, by, at); err != nil {
				return ch, err
			}
			details := map[string]any{"seed": true}
			switch s.action {
			case domain.ActionRespond:
				// The institution's answer in full, so the complainant has something to accept and
				// the scorecards have timely answers and relief to count.
				r := demoResponse(rng, cur, users[domain.RoleInstitutionAgent], at)
				ch.Responses = append(ch.Responses, r)
				cur.RespondedAt = at
				details["responseId"], details["category"], details["institutionId"] = r.ID, string(r.Category), r.InstitutionID
				details["timely"] = !at.After(cur.DueAt)
			case domain.ActionClose:
				// The reopen window counts from here, as after closeComplaint.
				cur.ClosedAt = at
			case domain.ActionAccept:
				cur.Feedback = &domain.Feedback{Decision: domain.FeedbackAccept, Satisfaction: 3 + rng.IntN(3), At: at}
				details["decision"], details["satisfaction"] = string(domain.FeedbackAccept), cur.Feedback.Satisfaction
			}
			ch.Events = append(ch.Events, domain.Event{Action: s.action, FromStatus: from, ToStatus: s.to, ActorID: actor, ActorRole: s.role,
				At: at, Details: details})
		}
		return ch, nil
	})
	return err
}

// demoClassification confirms, as the reviewer, the violations the complainant claimed that the
// rule engine also found in the narrative — all the claims when it found none of them (the reviewer
// read the story) — and returns the history entry, as classifyComplaint writes it. It draws nothing
// from the random source, so the rest of the demo stays as it was.
func demoClassification(c *domain.Complaint, triage domain.Status, reviewer *domain.User, at time.Time) domain.Event {
	confirmed := demoConfirmed(c)
	c.ConfirmedViolations = nil
	for _, v := range domain.ViolationTypes { // stable order, as Classify keeps it
		if slices.Contains(confirmed, v.Type) {
			c.ConfirmedViolations = append(c.ConfirmedViolations, v.Type)
		}
	}
	names := make([]string, len(c.ConfirmedViolations))
	for i, v := range c.ConfirmedViolations {
		names[i] = string(v)
	}
	actor := int64(0)
	if reviewer != nil {
		actor = reviewer.ID
	}
	return domain.Event{Action: domain.ActionClassify, FromStatus: triage, ToStatus: triage, ActorID: actor, ActorRole: domain.RoleReviewer,
		At: at, Details: map[string]any{"seed": true, "confirmed": names, "added": []string{}, "rejected": []string{}}}
}

// demoConfirmed is what a demo reviewer confirms of a complaint's claims: those the rules also
// found, else all of them.
func demoConfirmed(c *domain.Complaint) []domain.ViolationType {
	var confirmed []domain.ViolationType
	for _, v := range c.ClaimedViolations {
		if c.Assessment.Has(v) {
			confirmed = append(confirmed, v)
		}
	}
	if len(confirmed) == 0 {
		confirmed = append(confirmed, c.ClaimedViolations...)
	}
	return confirmed
}

// demoResponses are the answers demo institutions give: an explanation, a repayment plan, fees
// waived with the contact stopped.
var demoResponses = []struct {
	category    domain.ResponseCategory
	explanation string
	relief      domain.Relief
}{
	{domain.ClosedWithExplanation, "经核查，催收人员已按规定时间联系借款人本人；我行已再次提醒外包机构不得联系无关第三方。", domain.Relief{}},
	{domain.ClosedWithNonMonetaryRelief, "经核查，催收人员存在不当言语，已停止其催收工作并向您致歉；可为您办理分期还款。",
		domain.Relief{RepaymentPlan: &domain.RepaymentPlan{Instalments: 12, InstalmentAmount: "850.00"}, CollectionStopped: true, Apology: true}},
	{domain.ClosedWithMonetaryRelief, "经核查，外包催收机构多次联系您的亲友，已终止与该机构的合作，并减免逾期产生的违约金。",
		domain.Relief{FeeWaiverAmount: "620.00", CollectionStopped: true, AgencyContractEnded: true}},
}

// demoResponse is a demo institution's answer to c, given at at.
func demoResponse(rng *rand.Rand, c *domain.Complaint, agent *domain.User, at time.Time) domain.Response {
	d := demoResponses[rng.IntN(len(demoResponses))]
	r := domain.Response{ID: uuid.NewString(), ComplaintID: c.ID, InstitutionID: c.LenderID, Category: d.category,
		Explanation: d.explanation, Relief: d.relief, At: at}
	if agent != nil {
		r.AuthorID = agent.ID
	}
	return r
}
