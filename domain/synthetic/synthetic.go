// Package synthetic makes realistic made-up complaints in bulk, for load tests and benchmarks: many
// institutions with complaint volumes skewed like real ones (a few get most), provinces weighted by
// population, products by the kind of lender, the violations, channels and relations borrowers
// report, and handling that depends on age and on each institution's own habits (some answer late,
// some give relief more often). Everything follows from the seed: the same seed gives the same data.
package synthetic

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/deadline"
)

// Options shape the data.
type Options struct {
	Complaints   int
	Institutions int // lenders and agencies together (default 2,000)
	Years        int // complaints are spread over this many years up to Now (default 3)
	Seed         uint64
	Now          time.Time
	// Teams maps a province code to the team whose queue it goes to; a province not in it goes to
	// Fallback (e.g. the national team).
	Teams    map[string]string
	Fallback string
	// Complainants are the user ids complaints are filed by (round-robin).
	Complainants []int64
}

// Institution is a made-up lender or agency and the habits its complaints follow.
type Institution struct {
	domain.Institution
	weight      float64 // Zipf share of complaints
	timely      float64 // chance an answer is on time
	relief      float64 // chance an answer gives relief
	unanswered  float64 // chance a forwarded complaint is never answered
	product     []weighted[domain.Product]
	agencyShare float64 // share of its complaints that name one of its agencies
	// What a reviewer finds at classification, where its collectors are the ones named (the
	// agency if the complaint names one, else the lender): the chance each claimed violation is
	// confirmed, and the institution's habits — the one or two kinds of conduct its collectors
	// show more than others, confirmed more often and sometimes found in the evidence although not
	// claimed. So the confirmed violations differ by institution, as in real registers.
	confirm float64
	habits  []domain.ViolationType
}

// Zipf exponent of complaint volume by institution rank: with 2,000 institutions the top 20 get
// about 45% of complaints and the top 200 about 80%, like real complaint registers.
const zipfExponent = 1.07

type weighted[T any] struct {
	v T
	w float64
}

// picker draws from weighted values by binary search over the cumulative weights.
type picker[T any] struct {
	vals []T
	cum  []float64
}

func newPicker[T any](ws []weighted[T]) picker[T] {
	p := picker[T]{vals: make([]T, len(ws)), cum: make([]float64, len(ws))}
	total := 0.0
	for i, w := range ws {
		total += w.w
		p.vals[i], p.cum[i] = w.v, total
	}
	for i := range p.cum {
		p.cum[i] /= total
	}
	return p
}

func (p picker[T]) pick(r *rand.Rand) T {
	i := sort.SearchFloat64s(p.cum, r.Float64())
	if i >= len(p.vals) {
		i = len(p.vals) - 1
	}
	return p.vals[i]
}

// Provinces weighted by population (2020 census, millions).
var provinceWeights = []weighted[string]{
	{"440000", 126.0}, {"370000", 101.5}, {"410000", 99.4}, {"320000", 84.7}, {"510000", 83.7}, {"130000", 74.6},
	{"430000", 66.4}, {"330000", 64.6}, {"340000", 61.0}, {"420000", 57.8}, {"450000", 50.1}, {"530000", 47.2},
	{"360000", 45.2}, {"210000", 42.6}, {"350000", 41.5}, {"610000", 39.5}, {"520000", 38.6}, {"140000", 34.9},
	{"500000", 32.1}, {"230000", 31.9}, {"650000", 25.9}, {"310000", 24.9}, {"620000", 25.0}, {"150000", 24.0},
	{"220000", 24.1}, {"110000", 21.9}, {"120000", 13.9}, {"460000", 10.1}, {"640000", 7.2}, {"630000", 5.9},
	{"540000", 3.6},
}

var violationWeights = []weighted[domain.ViolationType]{
	{domain.ViolationExcessiveContact, 30}, {domain.ViolationThirdPartyContact, 26}, {domain.ViolationAbusiveLanguage, 13},
	{domain.ViolationFalseRepresentation, 11}, {domain.ViolationThreat, 8}, {domain.ViolationPrivacyDisclosure, 8},
	{domain.ViolationImproperHours, 7}, {domain.ViolationDebtDispute, 6}, {domain.ViolationUnlawfulFees, 6},
	{domain.ViolationContactAfterStop, 4}, {domain.ViolationUnidentifiedCollector, 4}, {domain.ViolationVisitHarassment, 3},
	{domain.ViolationMissingDisclosure, 2},
}

var channelWeights = []weighted[domain.Channel]{
	{domain.ChannelPhoneCall, 50}, {domain.ChannelSMS, 20}, {domain.ChannelWeChatAppMessage, 11},
	{domain.ChannelThirdPartyContact, 9}, {domain.ChannelHomeVisit, 4}, {domain.ChannelWorkplaceVisit, 2},
	{domain.ChannelSocialMediaPost, 2}, {domain.ChannelLetter, 2},
}

var relationWeights = []weighted[domain.Relation]{
	{domain.RelationSelf, 70}, {domain.RelationParent, 8}, {domain.RelationSpouse, 6}, {domain.RelationColleague, 5},
	{domain.RelationFriend, 4}, {domain.RelationOtherRelative, 3}, {domain.RelationChild, 2}, {domain.RelationEmployer, 1},
	{domain.RelationOther, 1},
}

// productsByKind is what each kind of lender lends.
var productsByKind = map[domain.InstitutionKind][]weighted[domain.Product]{
	domain.KindBank:            {{domain.ProductCreditCard, 78}, {domain.ProductConsumerLoan, 12}, {domain.ProductCarLoan, 5}, {domain.ProductMortgage, 5}},
	domain.KindConsumerFinance: {{domain.ProductConsumerLoan, 85}, {domain.ProductOnlineLoan, 10}, {domain.ProductCarLoan, 5}},
	domain.KindOnlineLending:   {{domain.ProductOnlineLoan, 92}, {domain.ProductConsumerLoan, 8}},
	domain.KindMicroloan:       {{domain.ProductOnlineLoan, 85}, {domain.ProductConsumerLoan, 12}, {domain.ProductOther, 3}},
}

// lenderKinds is the mix of lenders; a quarter of institutions are collection agencies.
var lenderKinds = []weighted[domain.InstitutionKind]{
	{domain.KindBank, 12}, {domain.KindConsumerFinance, 6}, {domain.KindOnlineLending, 30}, {domain.KindMicroloan, 27},
}

var (
	namePlaces = []string{"北京", "上海", "深圳", "广州", "杭州", "南京", "成都", "重庆", "武汉", "天津", "苏州", "西安",
		"长沙", "郑州", "济南", "青岛", "厦门", "福州", "合肥", "南昌", "昆明", "贵阳", "南宁", "沈阳", "大连", "哈尔滨"}
	nameWords = []string{"恒信", "汇通", "鼎盛", "安和", "速达", "华融", "金穗", "瑞丰", "中和", "宏达", "信诚", "民泰",
		"众邦", "兴业", "博远", "通宝", "嘉禾", "永安", "德润", "聚鑫", "融e", "快易", "乐享", "微粒"}
	nameSuffix = map[domain.InstitutionKind]string{
		domain.KindBank:             "银行信用卡中心",
		domain.KindConsumerFinance:  "消费金融有限公司",
		domain.KindOnlineLending:    "网络借贷平台",
		domain.KindMicroloan:        "网络小额贷款有限公司",
		domain.KindCollectionAgency: "商务咨询有限公司",
	}
)

// Generator makes the institutions once and then complaints one by one.
type Generator struct {
	o            Options
	Institutions []Institution // lenders first, then agencies
	lenders      picker[int]
	agencies     picker[int]
	provinces    picker[string]
	violations   picker[domain.ViolationType]
	channels     picker[domain.Channel]
	relations    picker[domain.Relation]
	products     map[int]picker[domain.Product]
	nLenders     int
	start        time.Time
	span         float64 // seconds between start and Now
	spikes       map[int]time.Time
}

// New builds the institutions. Their IDs are 0 until the caller stores them and calls SetIDs.
func New(o Options) *Generator {
	if o.Institutions <= 0 {
		o.Institutions = 2000
	}
	if o.Years <= 0 {
		o.Years = 3
	}
	if o.Now.IsZero() {
		o.Now = time.Now().UTC()
	}
	r := rand.New(rand.NewPCG(o.Seed, 2026))
	g := &Generator{o: o, products: map[int]picker[domain.Product]{}, spikes: map[int]time.Time{}}
	g.start = o.Now.AddDate(-o.Years, 0, 0)
	g.span = o.Now.Sub(g.start).Seconds()
	g.provinces, g.violations = newPicker(provinceWeights), newPicker(violationWeights)
	g.channels, g.relations = newPicker(channelWeights), newPicker(relationWeights)

	g.nLenders = max(1, o.Institutions*3/4)
	kinds := newPicker(lenderKinds)
	used := map[string]bool{}
	var lw, aw []weighted[int]
	for i := 0; i < o.Institutions; i++ {
		kind := domain.KindCollectionAgency
		rank := i - g.nLenders + 1
		if i < g.nLenders {
			kind, rank = kinds.pick(r), i+1
		}
		// The biggest lenders are banks and big consumer-finance companies, as in real registers.
		if i < 5 {
			kind = []domain.InstitutionKind{domain.KindBank, domain.KindConsumerFinance, domain.KindBank, domain.KindOnlineLending, domain.KindConsumerFinance}[i]
		}
		name := namePlaces[r.IntN(len(namePlaces))] + nameWords[r.IntN(len(nameWords))] + nameSuffix[kind]
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s%s%s（%d）", namePlaces[r.IntN(len(namePlaces))], nameWords[r.IntN(len(nameWords))], nameSuffix[kind], n)
		}
		used[name] = true
		in := Institution{Institution: domain.Institution{Name: name + "（示例）", Kind: kind},
			weight:     1 / math.Pow(float64(rank), zipfExponent),
			timely:     clamp(0.9+r.NormFloat64()*0.07, 0.4, 0.995),
			relief:     clamp(0.3+r.NormFloat64()*0.12, 0.02, 0.8),
			unanswered: clamp(0.03+r.NormFloat64()*0.03, 0, 0.3)}
		if kind != domain.KindCollectionAgency {
			in.product = productsByKind[kind]
			in.agencyShare = clamp(0.35+r.NormFloat64()*0.15, 0, 0.9)
			if kind == domain.KindBank || kind == domain.KindConsumerFinance {
				in.CustomerBase = int64(math.Exp(15 + 1.5*r.NormFloat64())) // a few million, widely spread
			}
			g.products[i] = newPicker(in.product)
			lw = append(lw, weighted[int]{i, in.weight})
		} else {
			aw = append(aw, weighted[int]{i, in.weight})
		}
		g.Institutions = append(g.Institutions, in)
	}
	// The habits come from a stream of their own, so that adding them left the rest as it was.
	hr := rand.New(rand.NewPCG(o.Seed, 2027))
	for i := range g.Institutions {
		in := &g.Institutions[i]
		in.confirm = clamp(0.72+hr.NormFloat64()*0.12, 0.35, 0.97)
		pool := habitsByKind[in.Kind]
		for n := 1 + hr.IntN(2); len(in.habits) < n; {
			if v := pool[hr.IntN(len(pool))]; !contains(in.habits, v) {
				in.habits = append(in.habits, v)
			}
		}
	}
	g.lenders = newPicker(lw)
	if len(aw) == 0 {
		aw = lw
	}
	g.agencies = newPicker(aw)
	// A few institutions have a bad week (a spike, for alerts to find).
	for k := 0; k < 5 && k < len(lw); k++ {
		g.spikes[lw[r.IntN(min(50, len(lw)))].v] = g.start.Add(time.Duration(r.Float64()*g.span) * time.Second).Truncate(24 * time.Hour)
	}
	return g
}

// SetIDs records the stored institutions' ids, in the order of Institutions.
func (g *Generator) SetIDs(ids []int64) {
	for i := range g.Institutions {
		g.Institutions[i].ID = ids[i]
	}
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// Complaint is one made-up complaint and, if it was answered, the institution's answer.
type Complaint struct {
	*domain.Complaint
	Response *domain.Response // nil when unanswered
}

// Complaint returns the i-th complaint. Each i has its own random stream, so complaints can be made
// in parallel, in any order, and the same i always gives the same complaint.
func (g *Generator) Complaint(i int) Complaint {
	r := rand.New(rand.NewPCG(g.o.Seed^0x9e3779b97f4a7c15, uint64(i)))
	li := g.lenders.pick(r)
	lender := &g.Institutions[li]
	// Volume grows over time (the register gets known) and dips at weekends.
	u := math.Sqrt(r.Float64()) // density rising linearly with time
	created := g.start.Add(time.Duration(u*g.span) * time.Second)
	if wd := created.Weekday(); (wd == time.Saturday || wd == time.Sunday) && r.IntN(2) == 0 {
		created = created.AddDate(0, 0, 2)
	}
	if day, ok := g.spikes[li]; ok && r.IntN(40) == 0 {
		created = day.Add(time.Duration(r.IntN(7*86400)) * time.Second)
	}
	if created.After(g.o.Now) {
		created = g.o.Now.Add(-time.Duration(r.IntN(86400)) * time.Second)
	}
	c := &domain.Complaint{
		Status: domain.StatusSubmitted, Version: 1, Relation: g.relations.pick(r),
		LenderID: lender.ID, LenderName: lender.Name, Product: g.products[li].pick(r),
		Province: g.provinces.pick(r), Priority: domain.PriorityNormal, CreatedAt: created, UpdatedAt: created,
		ConsentToPublish: r.IntN(10) < 4,
	}
	if n := len(g.o.Complainants); n > 0 {
		c.ComplainantID = g.o.Complainants[i%n]
	}
	collector := lender // whose collectors the complaint is about
	if r.Float64() < lender.agencyShare {
		ag := &g.Institutions[g.agencies.pick(r)]
		c.AgencyID, c.AgencyName = ag.ID, ag.Name
		collector = ag
	}
	nv := 1 + r.IntN(3)
	for len(c.ClaimedViolations) < nv {
		v := g.violations.pick(r)
		if !contains(c.ClaimedViolations, v) {
			c.ClaimedViolations = append(c.ClaimedViolations, v)
		}
	}
	if contains(c.ClaimedViolations, domain.ViolationThreat) {
		c.Priority = domain.PriorityUrgent
	}
	c.Narrative = narrative(r, c.ClaimedViolations)
	for k, n := 0, 1+r.IntN(2); k < n; k++ {
		c.Incidents = append(c.Incidents, domain.Incident{OccurredAt: created.Add(-time.Duration(r.IntN(30*86400)) * time.Second),
			Channel: g.channels.pick(r), Count: 1 + r.IntN(30)})
	}
	c.Team = g.o.Fallback
	if t, ok := g.o.Teams[c.Province]; ok {
		c.Team = t
	}
	resp := g.handle(r, c, lender)
	if !c.ForwardedAt.IsZero() || c.Status == domain.StatusReferred { // classified by a reviewer
		// A stream of its own per complaint, as the habits: the rest of the complaint is unchanged.
		c.ConfirmedViolations = classify(rand.New(rand.NewPCG(g.o.Seed^0x5bd1e9955bd1e995, uint64(i))), c.ClaimedViolations, collector)
	}
	return Complaint{Complaint: c, Response: resp}
}

// habitsByKind is the conduct each kind of institution's collectors are known for: agencies the
// harshest, online lenders the contact book and the flood of calls, banks the calls and the fees.
var habitsByKind = func() map[domain.InstitutionKind][]domain.ViolationType {
	online := []domain.ViolationType{domain.ViolationExcessiveContact, domain.ViolationThirdPartyContact, domain.ViolationPrivacyDisclosure,
		domain.ViolationImproperHours, domain.ViolationUnlawfulFees, domain.ViolationAbusiveLanguage}
	banks := []domain.ViolationType{domain.ViolationExcessiveContact, domain.ViolationDebtDispute, domain.ViolationUnlawfulFees,
		domain.ViolationImproperHours, domain.ViolationMissingDisclosure, domain.ViolationFalseRepresentation}
	return map[domain.InstitutionKind][]domain.ViolationType{
		domain.KindCollectionAgency: {domain.ViolationThreat, domain.ViolationThirdPartyContact, domain.ViolationAbusiveLanguage,
			domain.ViolationFalseRepresentation, domain.ViolationPrivacyDisclosure, domain.ViolationVisitHarassment, domain.ViolationUnidentifiedCollector},
		domain.KindOnlineLending: online, domain.KindMicroloan: online,
		domain.KindBank: banks, domain.KindConsumerFinance: banks,
	}
}()

// classify is what a reviewer confirms of a complaint against collector: each claimed violation
// with the institution's confirmation rate (its habits more often), one of its habits found in
// the evidence now and then, and at least one violation (a complaint is forwarded or referred for
// one). In domain.ViolationTypes order, as classifyComplaint keeps them.
func classify(r *rand.Rand, claimed []domain.ViolationType, collector *Institution) []domain.ViolationType {
	var found []domain.ViolationType
	for _, v := range claimed {
		p := collector.confirm
		if contains(collector.habits, v) {
			p = math.Min(0.98, p+0.2)
		}
		if r.Float64() < p {
			found = append(found, v)
		}
	}
	if len(collector.habits) > 0 && r.Float64() < 0.4 {
		found = append(found, collector.habits[r.IntN(len(collector.habits))])
	}
	if len(found) == 0 {
		found = append(found, claimed[0])
	}
	var out []domain.ViolationType
	for _, v := range domain.ViolationTypes {
		if contains(found, v.Type) {
			out = append(out, v.Type)
		}
	}
	return out
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// handle walks the complaint as far as its age and its institution's habits take it.
func (g *Generator) handle(r *rand.Rand, c *domain.Complaint, in *Institution) *domain.Response {
	now := g.o.Now
	at := func(after time.Time, minH, maxH int) time.Time {
		return after.Add(time.Duration(minH*3600+r.IntN((maxH-minH)*3600+1)) * time.Second)
	}
	touch := func(t time.Time) bool { // a step that would lie in the future has not happened yet
		if t.After(now) {
			return false
		}
		c.UpdatedAt = t
		return true
	}
	triaged := at(c.CreatedAt, 0, 2)
	if !touch(triaged) {
		return nil
	}
	c.Status = domain.StatusInTriage
	switch x := r.Float64(); {
	case x < 0.05:
		rejected := at(triaged, 24, 24*7)
		if touch(rejected) {
			c.Status, c.RejectionReason, c.ClosedAt = domain.StatusRejected, []domain.RejectionReason{domain.RejectOutsideRemit, domain.RejectNoFacts, domain.RejectDuplicate}[r.IntN(3)], rejected
		}
		return nil
	case x < 0.07:
		referred := at(triaged, 24, 24*5)
		if touch(referred) {
			c.Status, c.ReferredTo, c.ClosedAt = domain.StatusReferred, domain.ReferPolice, referred
		}
		return nil
	case x < 0.10:
		withdrawn := at(triaged, 24, 24*20)
		if touch(withdrawn) {
			c.Status, c.ClosedAt = domain.StatusWithdrawn, withdrawn
		}
		return nil
	}
	forwarded := at(triaged, 12, 24*6)
	if !touch(forwarded) {
		return nil
	}
	c.Status, c.ForwardedAt, c.ResponseDays = domain.StatusForwarded, forwarded, responseDays
	c.ForwardTarget, c.Recipients = domain.ForwardLender, []int64{c.LenderID}
	if c.AgencyID != 0 && r.IntN(2) == 0 {
		c.ForwardTarget, c.Recipients = domain.ForwardBoth, []int64{c.LenderID, c.AgencyID}
	}
	c.DueAt = forwarded.AddDate(0, 0, c.ResponseDays)
	if r.Float64() < in.unanswered {
		c.Untimely = !c.DueAt.After(now) // never answered: flagged at the breach
		return nil
	}
	answered := at(forwarded, 24, 24*15)
	if r.Float64() > in.timely {
		answered = at(c.DueAt, 1, 24*25)
	}
	if !touch(answered) {
		c.Untimely = !c.DueAt.After(now)
		return nil
	}
	c.Untimely = answered.After(c.DueAt)
	resp := &domain.Response{InstitutionID: c.LenderID, Category: domain.ClosedWithExplanation, At: answered,
		Explanation: "已核实情况并向投诉人作出说明。"}
	if x := r.Float64(); x < in.relief {
		if r.IntN(4) == 0 {
			resp.Category, resp.Explanation = domain.ClosedWithMonetaryRelief, "已减免违约金及催收相关费用。"
			resp.Relief.FeeWaiverAmount = domain.Amount(fmt.Sprintf("%d.00", 50+r.IntN(3000)))
		} else {
			resp.Category, resp.Explanation = domain.ClosedWithNonMonetaryRelief, "已停止第三方催收并与投诉人协商分期还款。"
			resp.Relief.CollectionStopped = true
		}
	}
	c.Status, c.RespondedAt = domain.StatusResponded, answered
	feedback := at(answered, 6, 24*20)
	if r.IntN(10) < 2 { // no feedback: closed when the 60-day window ends
		if lapsed := answered.AddDate(0, 0, 60); touch(lapsed) {
			c.Status, c.ClosedAt = domain.StatusClosed, lapsed
		}
		return resp
	}
	if !touch(feedback) {
		return resp // no feedback yet
	}
	f := &domain.Feedback{Decision: domain.FeedbackAccept, At: feedback, Satisfaction: 3 + r.IntN(3)}
	disputeChance := 0.2 - 0.2*in.relief
	if resp.Category == domain.ClosedWithExplanation {
		disputeChance += 0.08
	}
	if r.Float64() < disputeChance {
		f.Decision, f.Satisfaction = domain.FeedbackDispute, 1+r.IntN(2)
	}
	c.Feedback = f
	c.Status = domain.StatusAccepted
	if f.Decision == domain.FeedbackDispute {
		c.Status = domain.StatusDisputed
	}
	closed := at(feedback, 24, 24*30)
	if touch(closed) && (f.Decision == domain.FeedbackAccept || r.IntN(3) > 0) {
		c.Status, c.ClosedAt = domain.StatusClosed, closed
	}
	return resp
}

// phrases tell, per violation type, what borrowers write.
var phrases = map[domain.ViolationType][]string{
	domain.ViolationExcessiveContact:      {"催收员每天打二三十个电话", "一天之内收到几十条催款短信", "电话从早打到晚，根本无法正常工作"},
	domain.ViolationThirdPartyContact:     {"还给我父母和单位领导打电话", "把通讯录里的朋友都打了一遍", "联系我的同事让他们转告还钱"},
	domain.ViolationAbusiveLanguage:       {"在电话里辱骂我，说话非常难听", "骂我是骗子、老赖"},
	domain.ViolationFalseRepresentation:   {"自称法院工作人员说已经立案", "说明天就派警察上门抓人", "声称已经转交法务部门准备起诉"},
	domain.ViolationThreat:                {"威胁说要上门泼油漆", "说不还钱就让我全家不得安宁"},
	domain.ViolationPrivacyDisclosure:     {"把我的照片和身份证号发到了群里", "在朋友圈发我欠钱的截图"},
	domain.ViolationImproperHours:         {"半夜十二点还在打电话", "早上六点就开始发信息催款"},
	domain.ViolationDebtDispute:           {"这笔贷款不是我借的", "我已经还清了还在催", "金额和合同约定的不一致"},
	domain.ViolationUnlawfulFees:          {"多收了所谓的催收服务费", "违约金远超合同约定"},
	domain.ViolationContactAfterStop:      {"我已书面要求停止联系，仍然每天来电", "说好通过律师沟通，还是直接打给我"},
	domain.ViolationUnidentifiedCollector: {"用个人手机号打来，不说是哪家公司", "问他要授权书也不给"},
	domain.ViolationVisitHarassment:       {"两个人到我公司前台大声喊我欠钱不还", "到家门口贴了催债的纸条"},
	domain.ViolationMissingDisclosure:     {"短信里没有债权人、金额和合同号", "不说欠的是哪一笔，也没有官方还款账户"},
}

func narrative(r *rand.Rand, vs []domain.ViolationType) string {
	s := "逾期后，"
	for i, v := range vs {
		if i > 0 {
			s += "，"
		}
		p := phrases[v]
		s += p[r.IntN(len(p))]
	}
	return s + "。"
}

// responseDays is the first stage of the built-in CN institution clock (domain/deadline), the days a
// synthetic institution has to answer.
var responseDays = func() int {
	p, err := deadline.BuiltinPolicy("CN", time.Now())
	if err != nil {
		panic(err)
	}
	return p.Clocks[deadline.InstitutionResponse].Stages[0].Days
}()
