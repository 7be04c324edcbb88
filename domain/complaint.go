package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Relation is how the complainant stands to the debtor; relatives and colleagues harassed by a
// collector are complainants in their own right.
type Relation string

// The relations.
const (
	RelationSelf          Relation = "SELF"
	RelationSpouse        Relation = "SPOUSE"
	RelationParent        Relation = "PARENT"
	RelationChild         Relation = "CHILD"
	RelationOtherRelative Relation = "OTHER_RELATIVE"
	RelationFriend        Relation = "FRIEND"
	RelationColleague     Relation = "COLLEAGUE"
	RelationEmployer      Relation = "EMPLOYER"
	RelationOther         Relation = "OTHER"
)

// Relations lists every relation.
var Relations = []Relation{RelationSelf, RelationSpouse, RelationParent, RelationChild,
	RelationOtherRelative, RelationFriend, RelationColleague, RelationEmployer, RelationOther}

// Product is the kind of credit the debt comes from.
type Product string

// The products.
const (
	ProductCreditCard   Product = "CREDIT_CARD"
	ProductConsumerLoan Product = "CONSUMER_LOAN"
	ProductOnlineLoan   Product = "ONLINE_LOAN"
	ProductCarLoan      Product = "CAR_LOAN"
	ProductMortgage     Product = "MORTGAGE"
	ProductOther        Product = "OTHER"
)

// Products lists every product.
var Products = []Product{ProductCreditCard, ProductConsumerLoan, ProductOnlineLoan, ProductCarLoan, ProductMortgage, ProductOther}

// Priority orders the triage queue.
type Priority string

// The priorities, from most to least pressing.
const (
	PriorityUrgent Priority = "URGENT"
	PriorityHigh   Priority = "HIGH"
	PriorityNormal Priority = "NORMAL"
)

// Channel is how a collector reached someone.
type Channel string

// The channels of contact.
const (
	ChannelPhoneCall         Channel = "PHONE_CALL"
	ChannelSMS               Channel = "SMS"
	ChannelWeChatAppMessage  Channel = "WECHAT_APP_MESSAGE"
	ChannelHomeVisit         Channel = "HOME_VISIT"
	ChannelWorkplaceVisit    Channel = "WORKPLACE_VISIT"
	ChannelLetter            Channel = "LETTER"
	ChannelSocialMediaPost   Channel = "SOCIAL_MEDIA_POST"
	ChannelThirdPartyContact Channel = "THIRD_PARTY_CONTACT"
)

// Channels lists every channel.
var Channels = []Channel{ChannelPhoneCall, ChannelSMS, ChannelWeChatAppMessage, ChannelHomeVisit,
	ChannelWorkplaceVisit, ChannelLetter, ChannelSocialMediaPost, ChannelThirdPartyContact}

// Incident is one act of collection the complainant reports: when, how, from whom, how often.
type Incident struct {
	OccurredAt  time.Time
	Channel     Channel
	From        string // the number or person the contact came from
	Count       int    // how many calls, messages or visits this entry stands for
	Description string
	// DateOnly: the complainant gave the day but not the time; OccurredAt is noon, China time, of
	// that day (neutral for the rules on hours), and pages show the day alone (session 23 walk).
	DateOnly bool
}

// Outcome is what the complainant asks for.
type Outcome string

// The outcomes a complainant may want.
const (
	OutcomeStopHarassment          Outcome = "STOP_HARASSMENT"
	OutcomeRepaymentPlan           Outcome = "REPAYMENT_PLAN"
	OutcomeDeferral                Outcome = "DEFERRAL"
	OutcomeWaivePenaltyInterest    Outcome = "WAIVE_PENALTY_INTEREST"
	OutcomeApology                 Outcome = "APOLOGY"
	OutcomeCompensation            Outcome = "COMPENSATION"
	OutcomeCorrectCreditRecord     Outcome = "CORRECT_CREDIT_RECORD"
	OutcomeVerifyCollectorIdentity Outcome = "VERIFY_COLLECTOR_IDENTITY"
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomeStopHarassment, OutcomeRepaymentPlan, OutcomeDeferral, OutcomeWaivePenaltyInterest,
	OutcomeApology, OutcomeCompensation, OutcomeCorrectCreditRecord, OutcomeVerifyCollectorIdentity}

// Complaint is one person's complaint about a lender's or collection agency's conduct.
type Complaint struct {
	ID                     string // opaque UUID
	Reference              string // public reference number, e.g. RL-2026-00012345
	Jurisdiction           string // whose law and rule pack judge it: CN ("" means CN) or US
	Status                 Status
	Version                int // optimistic concurrency: incremented on every change
	ComplainantID          int64
	Relation               Relation
	Debtor                 Debtor
	LenderID               int64  // 0 when the lender could not be matched
	LenderName             string // as typed by the complainant
	AgencyID               int64
	AgencyName             string
	Product                Product
	ContractNumber         string
	AmountOwed             Amount // "" when not given
	DaysOverdue            *int   // nil when not given
	Province               string
	City                   string
	Incidents              []Incident
	Narrative              string
	ClaimedViolations      []ViolationType // what the complainant says happened
	ConfirmedViolations    []ViolationType // what a reviewer found, after classification
	OutcomesWanted         []Outcome
	ConsentToShareIdentity bool // the institution may see the debtor's identity
	ConsentToPublish       bool // the complaint may appear, anonymised, in published figures and narratives
	Priority               Priority
	Team                   string
	AssigneeID             int64
	Recipients             []int64 // institutions the complaint was forwarded to; only they may see it
	ForwardTarget          ForwardTarget
	ForwardedAt            time.Time
	ResponseDays           int       // days the institution has to answer, counted from ForwardedAt
	DueAt                  time.Time // when the institution's answer is due; zero until forwarded
	PendingExtensionID     string    // an extension request awaiting a supervisor's decision
	InformationRequest     string    // the open question to the complainant, if any
	RespondedAt            time.Time
	Feedback               *Feedback
	ClosedAt               time.Time
	RejectionReason        RejectionReason
	ReferredTo             ReferralBody
	MergedInto             string      // the primary complaint this duplicate was merged into
	Assessment             *Assessment // what the rule engine suggested when the complaint was routed
	RoutingVersion         int         // the routing-table version that picked the team
	LikelyDuplicates       []string    // ids of earlier complaints of the same debtor and institution
	// Untimely records that an institution's answer deadline passed with no answer (or the answer
	// came late): the CFPB's "untimely response", counted against the institution.
	Untimely bool
	// Deadlines are the complaint's clocks. The store loads them, locked, only for UpdateComplaint
	// (and writes them back); elsewhere use ComplaintDeadlines.
	Deadlines []Deadline
	CreatedAt time.Time
	UpdatedAt time.Time
	// Disclosure is how much personal data this copy carries for the caller it was made for
	// (Disclose); "" for a complaint read straight from the store, of which the API shows none.
	Disclosure Disclosure
	// withheld are the filed values (debtor's name, ID number, mobile, contract number) the caller
	// this copy was made for may not read, which Disclose took out of its free text and which the
	// history's reasons shown to that caller lose too (Complaints.History).
	withheld []string
}

// FileComplaint is what a complainant submits. It is validated by Validate before anything is
// written.
type FileComplaint struct {
	Relation               Relation
	Debtor                 Debtor
	LenderID               int64
	LenderName             string
	AgencyID               int64
	AgencyName             string
	Product                Product
	ContractNumber         string
	AmountOwed             string // decimal string, e.g. "12800.50"; "" when unknown
	DaysOverdue            *int
	Province               string
	City                   string
	Incidents              []Incident
	Narrative              string
	Violations             []ViolationType
	OutcomesWanted         []Outcome
	ConsentToShareIdentity bool
	ConsentToPublish       bool

	amount Amount // AmountOwed, normalised by Validate
}

// Limits on free text.
const (
	MaxNarrativeRunes = 20000
	MinNarrativeRunes = 10
	MaxNameRunes      = 200
	MaxIncidents      = 100
	MaxIncidentCount  = 10000
	MaxDaysOverdue    = 36500
	MaxDescription    = 2000
	MaxContractRunes  = 64
)

// EarliestIncident is the earliest date an incident may be reported for.
var EarliestIncident = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// clockSkew is how far in the future an incident time may lie, to forgive a phone's clock.
const clockSkew = 10 * time.Minute

// Validate checks a filing field by field against the time now, returning the first problem as a
// BAD_USER_INPUT error whose Field is the input path.
func (f *FileComplaint) Validate(now time.Time) error {
	f.LenderName = strings.TrimSpace(f.LenderName)
	f.AgencyName = strings.TrimSpace(f.AgencyName)
	f.Narrative = strings.TrimSpace(f.Narrative)
	f.ContractNumber = strings.TrimSpace(f.ContractNumber)
	if !oneOf(f.Relation, Relations) {
		return Invalid("input.relation", "unknown relation to the debtor", "与债务人的关系无效")
	}
	if err := f.validateDebtor(now); err != nil {
		return err
	}
	if f.LenderID == 0 && f.LenderName == "" {
		return Invalid("input.lenderName", "name the lender (the bank, finance company or app)", "请填写放贷机构（银行、消费金融公司或借款App）")
	}
	if utf8.RuneCountInString(f.LenderName) > MaxNameRunes {
		return Invalid("input.lenderName", "lender name is too long", "机构名称过长")
	}
	if !plainLine(f.LenderName) {
		return Invalid("input.lenderName", "the name must be one line of visible text without control characters", "机构名称须为一行可见文字，不能含控制字符或不可见字符")
	}
	if utf8.RuneCountInString(f.AgencyName) > MaxNameRunes {
		return Invalid("input.agencyName", "agency name is too long", "催收机构名称过长")
	}
	if !plainLine(f.AgencyName) {
		return Invalid("input.agencyName", "the name must be one line of visible text without control characters", "催收机构名称须为一行可见文字，不能含控制字符或不可见字符")
	}
	if !oneOf(f.Product, Products) {
		return Invalid("input.product", "unknown product", "产品类型无效")
	}
	if err := f.validateDebt(); err != nil {
		return err
	}
	if _, ok := ProvinceByCode(f.Province); !ok {
		return Invalid("input.province", "province must be a 6-digit administrative code such as 440000", "省份须为6位行政区划代码，如440000")
	}
	if f.City != "" && !ValidCityCode(f.Province, f.City) {
		return Invalid("input.city", "city must be a 6-digit administrative code inside the province", "城市须为该省内的6位行政区划代码")
	}
	n := utf8.RuneCountInString(f.Narrative)
	if VisibleRunes(f.Narrative) < MinNarrativeRunes || Blank(f.Narrative) {
		return Invalid("input.narrative", "describe what happened in at least 10 characters", "请至少用10个字描述发生的情况")
	}
	if n > MaxNarrativeRunes {
		return Invalid("input.narrative", "narrative is longer than 20000 characters", "描述超过20000字")
	}
	seen := map[ViolationType]bool{}
	for i, v := range f.Violations {
		if _, ok := ParseViolationType(string(v)); !ok {
			return Invalid("input.violations."+itoa(i), "unknown violation type", "违规类型无效")
		}
		if seen[v] {
			return Invalid("input.violations."+itoa(i), "violation type listed twice", "违规类型重复")
		}
		seen[v] = true
	}
	if err := f.validateIncidents(now); err != nil {
		return err
	}
	wanted := map[Outcome]bool{}
	for i, o := range f.OutcomesWanted {
		if !oneOf(o, Outcomes) {
			return Invalid("input.outcomesWanted."+itoa(i), "unknown outcome", "诉求类型无效")
		}
		if wanted[o] {
			return Invalid("input.outcomesWanted."+itoa(i), "outcome listed twice", "诉求重复")
		}
		wanted[o] = true
	}
	return nil
}

// validateDebtor requires the debtor's identity when complainants file about their own debt, and
// checks whatever a third party chose to give.
func (f *FileComplaint) validateDebtor(now time.Time) error {
	d := &f.Debtor
	d.Name = strings.TrimSpace(d.Name)
	d.Mobile = NormalizeMobile(d.Mobile)
	d.IDNumber = strings.ToUpper(strings.TrimSpace(d.IDNumber))
	self := f.Relation == RelationSelf
	if d.Name == "" && self {
		return Invalid("input.debtor.name", "give your name as it appears on the loan", "请填写借款合同上的姓名")
	}
	if utf8.RuneCountInString(d.Name) > 100 {
		return Invalid("input.debtor.name", "name is longer than 100 characters", "姓名超过100个字符")
	}
	if !plainLine(d.Name) {
		return Invalid("input.debtor.name", "the name must be one line of visible text without control characters", "姓名须为一行可见文字，不能含控制字符或不可见字符")
	}
	if d.Mobile == "" && self {
		return Invalid("input.debtor.mobile", "give the mobile number the lender knows you by", "请填写借款时登记的手机号码")
	}
	if d.Mobile != "" && !ValidMobile(d.Mobile) {
		return Invalid("input.debtor.mobile", "a mobile number has 11 digits and starts with 13 to 19", "手机号码须为以13至19开头的11位数字")
	}
	if d.IDNumber == "" && self {
		return Invalid("input.debtor.idNumber", "give your resident identity card number", "请填写居民身份证号码")
	}
	if d.IDNumber != "" {
		switch IDNumberProblem(d.IDNumber, now) {
		case "format":
			return Invalid("input.debtor.idNumber", "an identity card number has 17 digits and a last digit or X", "身份证号码须为17位数字加1位数字或X")
		case "region":
			return Invalid("input.debtor.idNumber", "the identity card number does not start with a province code", "身份证号码的地区码无效")
		case "birthDate":
			return Invalid("input.debtor.idNumber", "the birth date in the identity card number is not a real date", "身份证号码中的出生日期无效")
		case "checksum":
			return Invalid("input.debtor.idNumber", "the identity card number's check digit is wrong; please check for a typo", "身份证号码校验位不符，请检查是否输错")
		}
	}
	return nil
}

func (f *FileComplaint) validateDebt() error {
	if n := utf8.RuneCountInString(f.ContractNumber); n > MaxContractRunes {
		return Invalid("input.contractNumber", "contract number is longer than 64 characters", "合同编号超过64个字符")
	}
	if !plainLine(f.ContractNumber) {
		return Invalid("input.contractNumber", "contract number contains control characters", "合同编号含有非法字符")
	}
	if s := strings.TrimSpace(f.AmountOwed); s != "" {
		a, en, zh := ParseAmount(s)
		if en != "" {
			return Invalid("input.amountOwed", en, zh)
		}
		f.amount = a
	}
	if f.DaysOverdue != nil && (*f.DaysOverdue < 0 || *f.DaysOverdue > MaxDaysOverdue) {
		return Invalid("input.daysOverdue", "days overdue must be between 0 and 36500", "逾期天数须在0至36500之间")
	}
	return nil
}

func (f *FileComplaint) validateIncidents(now time.Time) error {
	if len(f.Incidents) > MaxIncidents {
		return Invalid("input.incidents", "report at most 100 incidents; describe the rest in the narrative", "最多填写100条催收记录，其余请在描述中说明")
	}
	for i := range f.Incidents {
		in := &f.Incidents[i]
		path := "input.incidents." + itoa(i) + "."
		in.From = strings.TrimSpace(in.From)
		in.Description = strings.TrimSpace(in.Description)
		switch {
		case in.OccurredAt.IsZero():
			return Invalid(path+"occurredAt", "say when it happened", "请填写发生时间")
		case in.DateOnly && in.OccurredAt.Add(-12*time.Hour).After(now.Add(clockSkew)):
			return Invalid(path+"occurredAt", "the incident cannot be in the future", "发生时间不能晚于现在")
		case !in.DateOnly && in.OccurredAt.After(now.Add(clockSkew)):
			return Invalid(path+"occurredAt", "the incident cannot be in the future", "发生时间不能晚于现在")
		case in.OccurredAt.Before(EarliestIncident):
			return Invalid(path+"occurredAt", "the incident cannot be before 2000", "发生时间不能早于2000年")
		}
		if !oneOf(in.Channel, Channels) {
			return Invalid(path+"channel", "unknown channel", "联系方式无效")
		}
		if utf8.RuneCountInString(in.From) > MaxNameRunes {
			return Invalid(path+"from", "the number or person is longer than 200 characters", "来电号码或人员超过200个字符")
		}
		if !plainLine(in.From) {
			return Invalid(path+"from", "the number or person must be one line of visible text without control characters", "来电号码或人员须为一行可见文字，不能含控制字符或不可见字符")
		}
		if in.Count < 1 || in.Count > MaxIncidentCount {
			return Invalid(path+"count", "count must be between 1 and 10000", "次数须在1至10000之间")
		}
		if utf8.RuneCountInString(in.Description) > MaxDescription {
			return Invalid(path+"description", "description is longer than 2000 characters", "说明超过2000字")
		}
	}
	return nil
}

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if s == v {
			return true
		}
	}
	return false
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// Event is one entry of a complaint's append-only history.
type Event struct {
	ID          int64
	ComplaintID string
	Action      Action
	FromStatus  Status
	ToStatus    Status
	ActorID     int64 // 0 for the system
	ActorRole   Role
	Reason      string
	Details     map[string]any
	At          time.Time
}

// Message is a domain event written to the transactional outbox in the same transaction as the
// change that caused it; the relay hands it to the workers.
type Message struct {
	ID      string // UUID; becomes the task id, so a message is enqueued at most once
	Topic   string
	Payload map[string]any
}

// Topics of outbox messages.
const (
	TopicComplaintFiled   = "complaint.filed"
	TopicComplaintChanged = "complaint.changed"
)
