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

// Complaint is one person's complaint about a lender's or collection agency's conduct.
type Complaint struct {
	ID                string // opaque UUID
	Reference         string // public reference number, e.g. RL-2026-00012345
	Status            Status
	Version           int // optimistic concurrency: incremented on every change
	ComplainantID     int64
	Relation          Relation
	LenderID          int64  // 0 when the lender could not be matched
	LenderName        string // as typed by the complainant
	AgencyID          int64
	AgencyName        string
	Product           Product
	Province          string
	City              string
	Narrative         string
	ClaimedViolations []ViolationType
	Priority          Priority
	Team              string
	AssigneeID        int64
	Recipients        []int64 // institutions the complaint was forwarded to; only they may see it
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// FileComplaint is what a complainant submits. It is validated by Validate before anything is
// written.
type FileComplaint struct {
	Relation   Relation
	LenderID   int64
	LenderName string
	AgencyName string
	Product    Product
	Province   string
	City       string
	Narrative  string
	Violations []ViolationType
}

// Limits on free text.
const (
	MaxNarrativeRunes = 20000
	MinNarrativeRunes = 10
	MaxNameRunes      = 200
)

// Validate checks a filing field by field, returning the first problem as a BAD_USER_INPUT error
// whose Field is the input path.
func (f *FileComplaint) Validate() error {
	f.LenderName = strings.TrimSpace(f.LenderName)
	f.AgencyName = strings.TrimSpace(f.AgencyName)
	f.Narrative = strings.TrimSpace(f.Narrative)
	if !oneOf(f.Relation, Relations) {
		return Invalid("input.relation", "unknown relation to the debtor", "与债务人的关系无效")
	}
	if f.LenderID == 0 && f.LenderName == "" {
		return Invalid("input.lenderName", "name the lender (the bank, finance company or app)", "请填写放贷机构（银行、消费金融公司或借款App）")
	}
	if utf8.RuneCountInString(f.LenderName) > MaxNameRunes {
		return Invalid("input.lenderName", "lender name is too long", "机构名称过长")
	}
	if utf8.RuneCountInString(f.AgencyName) > MaxNameRunes {
		return Invalid("input.agencyName", "agency name is too long", "催收机构名称过长")
	}
	if !oneOf(f.Product, Products) {
		return Invalid("input.product", "unknown product", "产品类型无效")
	}
	if _, ok := ProvinceByCode(f.Province); !ok {
		return Invalid("input.province", "province must be a 6-digit administrative code such as 440000", "省份须为6位行政区划代码，如440000")
	}
	if f.City != "" && !ValidCityCode(f.Province, f.City) {
		return Invalid("input.city", "city must be a 6-digit administrative code inside the province", "城市须为该省内的6位行政区划代码")
	}
	n := utf8.RuneCountInString(f.Narrative)
	if n < MinNarrativeRunes {
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
