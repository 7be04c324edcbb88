package domain

import (
	"time"
)

// HandlingPolicy holds the windows and input limits of complaint handling. They are policy, set by the
// regulator, not constants of the code (DOMAIN.md, "How a complaint is handled"). The institution's
// days to answer and their extensions are not here: they are the stages of its INSTITUTION_RESPONSE
// clock, in the deadline policy edition that clock was started under (domain/deadline, editable by
// admins).
type HandlingPolicy struct {
	FeedbackWindow       time.Duration // the complainant may accept or dispute the answer within this
	ReopenWindow         time.Duration // a closed complaint may be reopened within this
	MaxTextRunes         int           // longest free-text answer, note, reason or explanation
	MaxAssignmentsAtOnce int           // most complaints assigned in one call
	// ProgressReportInterval is how long after its last progress report an institution may report
	// progress on a complaint again (each is a history entry and notifies the complainant and
	// the caseworker); zero: no bound.
	ProgressReportInterval time.Duration
}

// DefaultHandlingPolicy is the policy of the default jurisdiction: 60 days to give feedback (CFPB);
// 90 days to reopen.
var DefaultHandlingPolicy = HandlingPolicy{
	FeedbackWindow: 60 * 24 * time.Hour, ReopenWindow: 90 * 24 * time.Hour,
	MaxTextRunes: 10000, MaxAssignmentsAtOnce: 100, ProgressReportInterval: 24 * time.Hour,
}

func (s *Complaints) policy() HandlingPolicy {
	if s.Policy.MaxTextRunes == 0 {
		return DefaultHandlingPolicy
	}
	return s.Policy
}

// ForwardTarget says which institutions a complaint is forwarded to.
type ForwardTarget string

// The forward targets.
const (
	ForwardLender ForwardTarget = "LENDER"
	ForwardAgency ForwardTarget = "AGENCY"
	ForwardBoth   ForwardTarget = "BOTH"
)

// ForwardTargets lists every target.
var ForwardTargets = []ForwardTarget{ForwardLender, ForwardAgency, ForwardBoth}

// RejectionReason is why the regulator does not take a complaint up.
type RejectionReason string

// The grounds to reject.
const (
	RejectOutsideRemit   RejectionReason = "OUTSIDE_REMIT"
	RejectAlreadyDecided RejectionReason = "ALREADY_DECIDED" // by a court, arbitration or another authority
	RejectTimeBarred     RejectionReason = "TIME_BARRED"     // more than 3 years after the harm was known
	RejectNoRespondent   RejectionReason = "NO_RESPONDENT"
	RejectNoFacts        RejectionReason = "NO_FACTS"
	RejectNoRequest      RejectionReason = "NO_REQUEST"
	RejectDuplicate      RejectionReason = "DUPLICATE"
)

// RejectionReasons lists every ground to reject.
var RejectionReasons = []RejectionReason{RejectOutsideRemit, RejectAlreadyDecided, RejectTimeBarred,
	RejectNoRespondent, RejectNoFacts, RejectNoRequest, RejectDuplicate}

// ReferralBody is the body a complaint is referred to when another is competent.
type ReferralBody string

// The bodies complaints are referred to.
const (
	ReferPolice         ReferralBody = "POLICE"          // threats and violence
	ReferAntiSpam12321  ReferralBody = "ANTI_SPAM_12321" // spam calls and SMS
	ReferCourt          ReferralBody = "COURT"
	ReferOtherRegulator ReferralBody = "OTHER_REGULATOR"
)

// ReferralBodies lists every body.
var ReferralBodies = []ReferralBody{ReferPolice, ReferAntiSpam12321, ReferCourt, ReferOtherRegulator}

// Note is an internal note of the regulator's staff on a complaint. Complainants and institutions
// never see notes.
type Note struct {
	ID          string
	ComplaintID string
	AuthorID    int64
	AuthorRole  Role
	Text        string
	At          time.Time
}

// ResponseCategory is the kind of answer an institution gives (the CFPB's categories).
type ResponseCategory string

// The response categories.
const (
	ClosedWithExplanation       ResponseCategory = "CLOSED_WITH_EXPLANATION"
	ClosedWithMonetaryRelief    ResponseCategory = "CLOSED_WITH_MONETARY_RELIEF"
	ClosedWithNonMonetaryRelief ResponseCategory = "CLOSED_WITH_NON_MONETARY_RELIEF"
	ResponseInProgress          ResponseCategory = "IN_PROGRESS"
)

// ResponseCategories lists every category.
var ResponseCategories = []ResponseCategory{ClosedWithExplanation, ClosedWithMonetaryRelief, ClosedWithNonMonetaryRelief, ResponseInProgress}

// RepaymentPlan is an instalment plan (分期) the institution offers, with its terms in writing:
// when the first instalment is due, a deferral (延期) and the penalty interest waived (减免罚息).
type RepaymentPlan struct {
	Instalments      int
	InstalmentAmount Amount
	// FirstDueOn is the day the first instalment is due (China time, YYYY-MM-DD); "" when not given.
	FirstDueOn string
	// DeferredUntil is the day until which repayment is deferred (YYYY-MM-DD); "" for no deferral.
	DeferredUntil string
	// PenaltyInterestWaived is the penalty interest waived, in yuan; "" for none.
	PenaltyInterestWaived Amount
}

// Relief is what the institution did for the complainant.
type Relief struct {
	RepaymentPlan         *RepaymentPlan
	FeeWaiverAmount       Amount // fees or penalty interest waived; "" for none
	CollectionStopped     bool
	CreditRecordCorrected bool
	Apology               bool
	CollectorDisciplined  bool
	AgencyContractEnded   bool
}

// nonMonetary reports whether any relief other than money was given.
func (r Relief) nonMonetary() bool {
	return r.RepaymentPlan != nil || r.CollectionStopped || r.CreditRecordCorrected || r.Apology ||
		r.CollectorDisciplined || r.AgencyContractEnded
}

// Response is an institution's structured answer to a complaint.
type Response struct {
	ID            string
	ComplaintID   string
	InstitutionID int64
	AuthorID      int64
	Category      ResponseCategory
	Explanation   string
	Relief        Relief
	At            time.Time
}

// Link records that a complaint duplicates another (the primary).
type Link struct {
	ComplaintID string // the duplicate
	PrimaryID   string
	Merged      bool // the duplicate was closed as merged into the primary
	LinkedBy    int64
	Reason      string
	At          time.Time
}

// ExtensionStatus is where an extension request stands.
type ExtensionStatus string

// The extension statuses.
const (
	ExtensionGranted  ExtensionStatus = "GRANTED" // the first extension, granted on request
	ExtensionPending  ExtensionStatus = "PENDING" // awaiting a supervisor's decision
	ExtensionApproved ExtensionStatus = "APPROVED"
	ExtensionDenied   ExtensionStatus = "DENIED"
)

// Extension is an institution's request for more time to answer.
type Extension struct {
	ID             string
	ComplaintID    string
	InstitutionID  int64
	RequestedBy    int64
	Days           int // the total days to answer asked for, counted from the forward
	Reason         string
	Status         ExtensionStatus
	RequestedAt    time.Time
	DecidedBy      int64
	DecidedAt      time.Time
	DecisionReason string
	// Until, for a request awaiting a supervisor, is the instant the institution's answer would be
	// due once it is approved, counted now on its answer clock; zero otherwise (never stored).
	Until time.Time
}

// FeedbackDecision is the complainant's verdict on the institution's answer.
type FeedbackDecision string

// The feedback decisions.
const (
	FeedbackAccept  FeedbackDecision = "ACCEPT"
	FeedbackDispute FeedbackDecision = "DISPUTE"
)

// Feedback is the complainant's review of the answer.
type Feedback struct {
	Decision     FeedbackDecision
	Satisfaction int // 1 (very unsatisfied) to 5 (very satisfied)
	Comment      string
	At           time.Time
}

// CanSeeNotes reports whether the actor may read internal notes: the regulator's staff only.
func CanSeeNotes(a Actor) bool { return a.Role.IsStaff() }
