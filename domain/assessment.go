package domain

import (
	"context"
	"time"
)

// Assessment is what the rule engine found in a complaint when it was routed: suggested violations
// with the evidence behind each, how severe the case is, and which revision of which rule pack
// judged it. It is a suggestion for the reviewer, kept apart from the complainant's claims and the
// reviewer's confirmed violations.
type Assessment struct {
	PackID       string // the jurisdiction whose pack judged it, e.g. CN
	PackRevision int    // the stored revision of that pack
	PackVersion  string // the pack document's own version label, e.g. 2024.1
	Violations   []SuggestedViolation
	Severity     Priority
	// Urgency lists what made the case urgent: threats of violence, health harm, minors or elderly.
	Urgency []UrgencyFinding
	// SuggestedReferral is the body the reviewer should consider referring to (POLICE for urgent cases).
	SuggestedReferral ReferralBody
	// Notes explain facts the engine could not use.
	Notes []string
	// Dismissed are phrase matches the engine set aside (negated, or an exception such as "threatened
	// to sue" for THREAT), kept so that a reviewer can check them.
	Dismissed  []DismissedEvidence
	AssessedAt time.Time
}

// SuggestedViolation is one violation the engine found, with its confidence (0–1), the evidence
// that triggered it and the law it breaches.
type SuggestedViolation struct {
	Type       ViolationType
	Confidence float64
	Evidence   []RuleEvidence
	Legal      []LegalReference
}

// RuleEvidence is one thing that triggered a finding: a phrase at a position in a text, or an
// incident rule with the incidents it counted.
type RuleEvidence struct {
	Source     string // "narrative", "messages[2]", "incidents[0]"
	Phrase     string
	Start, End int // rune positions of Phrase in its source text
	Rule       string
	RuleZh     string `json:",omitempty"` // Rule in Chinese, where Rule explains a finding in words
	Law        string // the provision this piece shows a breach of, e.g. "FDCPA 15 USC 1692c(a)(3)"
	Incidents  []int
	Confidence float64
	Modifiers  []string
}

// DismissedEvidence is a match the engine set aside, with the violation it would have shown and why.
type DismissedEvidence struct {
	Type     ViolationType
	Reason   string
	Evidence RuleEvidence
}

// LegalReference is one provision a violation breaches.
type LegalReference struct {
	Law, Article, SummaryZH, SummaryEN string
}

// UrgencyFactor is a reason to put a complaint at the top of the queue and suggest the police.
type UrgencyFactor string

// The urgency factors.
const (
	UrgencyViolence   UrgencyFactor = "THREAT_OF_VIOLENCE"
	UrgencyHealthHarm UrgencyFactor = "HEALTH_HARM"
	UrgencyMinor      UrgencyFactor = "MINOR_INVOLVED"
	UrgencyElderly    UrgencyFactor = "ELDERLY_INVOLVED"
)

// UrgencyFactors lists every factor.
var UrgencyFactors = []UrgencyFactor{UrgencyViolence, UrgencyHealthHarm, UrgencyMinor, UrgencyElderly}

// UrgencyFinding is one urgency factor and what showed it.
type UrgencyFinding struct {
	Factor   UrgencyFactor
	Evidence []RuleEvidence
}

// Assessor runs the current rule pack of the complaint's jurisdiction over its incidents, narrative
// and the collector messages pasted as evidence.
type Assessor interface {
	Assess(ctx context.Context, c *Complaint, messages []CollectorMessage) (*Assessment, error)
}

// Has reports whether the assessment suggests a violation of type v.
func (a *Assessment) Has(v ViolationType) bool {
	if a == nil {
		return false
	}
	for _, s := range a.Violations {
		if s.Type == v {
			return true
		}
	}
	return false
}

// priorityRank orders priorities, most pressing first.
var priorityRank = map[Priority]int{PriorityUrgent: 0, PriorityHigh: 1, PriorityNormal: 2}

// higherPriority returns the more pressing of two priorities.
func higherPriority(a, b Priority) Priority {
	ra, oka := priorityRank[a]
	rb, okb := priorityRank[b]
	switch {
	case !oka:
		return b
	case !okb:
		return a
	case rb < ra:
		return b
	}
	return a
}
