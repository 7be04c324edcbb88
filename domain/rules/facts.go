package rules

import (
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Facts are what a complaint tells about the collection: the complainant's narrative, the
// collector's messages as pasted, structured incidents and whether the debtor asked to stop.
type Facts struct {
	Narrative string
	Messages  []Message
	Incidents []Incident
	// StopRequested says the debtor asked the collector to stop contacting them (or to go through a
	// lawyer); StopRequestedAt says when, if known.
	StopRequested   bool
	StopRequestedAt time.Time
}

// Message is one message a collector sent, as the complainant pasted it.
type Message struct {
	Sender string    // the sender's number or name as shown, e.g. 10690000123 or 13800138000
	At     time.Time // when it arrived; zero if unknown
	Text   string
}

// Channel is how a collector made contact.
type Channel string

// The contact channels.
const (
	ChannelPhoneCall Channel = "PHONE_CALL"
	ChannelSMS       Channel = "SMS"
	ChannelInstant   Channel = "INSTANT_MESSAGE" // WeChat, QQ, WhatsApp...
	ChannelVisit     Channel = "VISIT"
	ChannelLetter    Channel = "LETTER"
	ChannelEmail     Channel = "EMAIL"
	ChannelOther     Channel = "OTHER"
)

// Incident is one contact, or Count identical contacts, by a collector.
type Incident struct {
	// At is when it happened. It is read at Location if set, else in the pack's zone if it has one,
	// else as given (so a US incident must carry the consumer's UTC offset or Location).
	At        time.Time
	Location  string // IANA zone of the consumer, e.g. America/Chicago
	Channel   Channel
	Count     int  // identical contacts at that time; 0 means 1
	Connected bool // for calls: answered, i.e. a conversation took place
	// Contacted is who was contacted, as their relation to the debtor; empty means the debtor (SELF).
	Contacted domain.Relation
	// Collector is who made contact: the lender or an agency's name. The CN daily cap counts all together.
	Collector string
	// DateOnly: the complainant gave the day but not the time (At is noon of that day). A finding
	// names the day alone, never a time nobody reported, and the hours rule does not judge it.
	DateOnly bool
}

func (in Incident) count() int {
	if in.Count < 1 {
		return 1
	}
	return in.Count
}

func (in Incident) contacted() domain.Relation {
	if in.Contacted == "" {
		return domain.RelationSelf
	}
	return in.Contacted
}

// Assessment is what a pack finds in a set of facts.
type Assessment struct {
	Jurisdiction Jurisdiction
	PackVersion  string
	// Violations are the violations found, in the order of domain.ViolationTypes.
	Violations []Finding
	// Dismissed are phrase matches the engine set aside (negated), kept so a reviewer can check.
	Dismissed []Evidence
	// Notes explain facts the engine could not use, e.g. an unknown time zone.
	Notes []string
}

// Finding is one violation with the confidence (0–1) that it occurred, the evidence that triggered
// it and the law it breaches.
type Finding struct {
	Type       domain.ViolationType
	Confidence float64
	// Firsthand is the confidence without hearsay evidence: only it ranks the complaint.
	Firsthand float64
	Evidence  []Evidence
	Legal     []LegalRef
}

// Evidence is one thing that triggered a finding: a phrase in a text, or an incident rule.
type Evidence struct {
	// Source is where it was found: "narrative", "messages[2]" or "incidents[0]".
	Source string
	// Phrase is the matched text; Start and End are its rune positions in the source text (End
	// exclusive). Pattern is the lexicon entry that matched.
	Phrase     string
	Start, End int
	Pattern    string
	// Rule names what matched: the phrase group's id and pattern ("THREAT.1: (弄|整)死"), a composite
	// or mention rule, or explains an incident-based finding ("call at 23:40 outside 08:00–22:00").
	Rule string
	// RuleZh says the same as Rule in Chinese where Rule explains a finding in words (an incident or
	// a message's sender): no phrase group's id is in it.
	RuleZh string `json:",omitempty"`
	// Law is the provision this piece of evidence shows a breach of, e.g. "FDCPA 15 USC 1692c(a)(3)".
	Law string
	// Type and Reason are set on dismissed evidence: the violation it would have shown and why it
	// was set aside ("negated by 没有", "exception: threatened to sue").
	Type   domain.ViolationType
	Reason string
	// Incidents are the indexes of the incidents a rule counted.
	Incidents []int
	// Confidence is this piece's own weight after modifiers.
	Confidence float64
	// Modifiers name what changed the weight: "question", "hypothetical"; for a dismissed match,
	// "negated by <cue>".
	Modifiers []string
}

// Has reports whether the assessment found a violation of the given type.
func (a Assessment) Has(v domain.ViolationType) bool {
	_, ok := a.Find(v)
	return ok
}

// Find returns the finding of the given type, if any.
func (a Assessment) Find(v domain.ViolationType) (Finding, bool) {
	for _, f := range a.Violations {
		if f.Type == v {
			return f, true
		}
	}
	return Finding{}, false
}

// Types lists the violation types found.
func (a Assessment) Types() []domain.ViolationType {
	out := make([]domain.ViolationType, len(a.Violations))
	for i, f := range a.Violations {
		out[i] = f.Type
	}
	return out
}
