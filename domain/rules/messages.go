package rules

import (
	"fmt"
	"strings"

	"github.com/redline-regulator/redline/domain"
)

// SenderKind says what a message's sender number shows about who sent it.
type SenderKind string

// The sender kinds.
const (
	// SenderPlatform is an institution's bulk sender (in China a 106-prefixed number).
	SenderPlatform SenderKind = "PLATFORM"
	// SenderPersonal is a personal mobile number, often an outsourced or unauthorised collector.
	SenderPersonal SenderKind = "PERSONAL_MOBILE"
	// SenderUnknown is anything else, or no sender given.
	SenderUnknown SenderKind = "UNKNOWN"
)

// MessageAnalysis is what a collector's messages show by themselves.
type MessageAnalysis struct {
	Jurisdiction Jurisdiction
	PackVersion  string
	Messages     []MessageReport
	// Disclosed and Missing are the pack's required disclosure items found in at least one message,
	// and found in none.
	Disclosed []DisclosureItem
	Missing   []DisclosureItem
	// Violations are the findings over all the messages (MISSING_DISCLOSURE and UNIDENTIFIED_COLLECTOR
	// included), as Assess reports them.
	Violations []Finding
}

// MessageReport is what one message shows.
type MessageReport struct {
	Index      int
	Sender     string
	SenderKind SenderKind
	// Disclosed maps each disclosure item found to the text that shows it.
	Disclosed map[DisclosureItem]string
	// Lines are the phrases in this message that show a violation, each with the law it breaches.
	Lines []Line
}

// Line is one phrase in a message that shows a violation.
type Line struct {
	Type       domain.ViolationType
	Phrase     string
	Start, End int // rune positions in the message text
	Sentence   string
	Confidence float64
	Modifiers  []string
	Legal      []LegalRef
}

// AnalyzeMessages says what a collector's messages show: who sent each (platform or personal
// number), which required disclosures are present, and which lines threaten, insult or falsely claim
// legal action, with the law for each.
func (p *Pack) AnalyzeMessages(msgs []Message) MessageAnalysis {
	out := MessageAnalysis{Jurisdiction: p.Jurisdiction, PackVersion: p.Version}
	found := map[DisclosureItem]bool{}
	for i, m := range msgs {
		r := MessageReport{Index: i, Sender: m.Sender, SenderKind: p.SenderKind(m.Sender), Disclosed: p.disclosed(m.Text)}
		for item := range r.Disclosed {
			found[item] = true
		}
		rs := []rune(m.Text)
		sents := sentences(rs)
		for _, h := range p.matchText(m.Text) {
			if h.negatedBy != "" {
				continue
			}
			l := Line{Type: h.typ, Phrase: h.phrase, Start: h.start, End: h.end, Confidence: h.weight,
				Modifiers: h.modifiers, Legal: p.Violations[h.typ].Legal}
			for _, s := range sents {
				if s.start <= h.start && h.end <= s.end {
					l.Sentence = strings.TrimSpace(string(rs[s.start:s.end]))
				}
			}
			r.Lines = append(r.Lines, l)
		}
		out.Messages = append(out.Messages, r)
	}
	for _, item := range p.Disclosure.Required {
		if found[item] {
			out.Disclosed = append(out.Disclosed, item)
		} else {
			out.Missing = append(out.Missing, item)
		}
	}
	out.Violations = p.Assess(Facts{Messages: msgs}).Violations
	return out
}

// SenderKind classifies a sender number by the pack's patterns, ignoring spaces, dashes and brackets.
func (p *Pack) SenderKind(sender string) SenderKind {
	n := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" -()（）", r) {
			return -1
		}
		return r
	}, sender)
	if n == "" {
		return SenderUnknown
	}
	for _, re := range p.Senders.platform {
		if re.MatchString(n) {
			return SenderPlatform
		}
	}
	for _, re := range p.Senders.personal {
		if re.MatchString(n) {
			return SenderPersonal
		}
	}
	return SenderUnknown
}

// disclosed finds each disclosure item in a text.
func (p *Pack) disclosed(text string) map[DisclosureItem]string {
	out := map[DisclosureItem]string{}
	for _, item := range disclosureItems {
		for _, re := range p.Disclosure.compiled[item] {
			if m := re.FindString(text); m != "" {
				out[item] = m
				break
			}
		}
	}
	return out
}

// messages adds what the messages show by themselves: missing disclosures and personal senders.
func (a *assessment) messages(msgs []Message) {
	found := map[DisclosureItem]bool{}
	for i, m := range msgs {
		for item := range a.p.disclosed(m.Text) {
			found[item] = true
		}
		if a.p.SenderKind(m.Sender) == SenderPersonal {
			a.add(domain.ViolationUnidentifiedCollector, Evidence{Source: fmt.Sprintf("messages[%d]", i), Confidence: confPersonal,
				Rule:   fmt.Sprintf("sent from the personal mobile number %s, not an institution's platform sender", m.Sender),
				RuleZh: fmt.Sprintf("由个人手机号码 %s 发送，而非机构的平台号码", m.Sender)})
		}
	}
	var missing []string
	for _, item := range a.p.Disclosure.Required {
		if !found[item] {
			missing = append(missing, string(item))
		}
	}
	if len(missing) == 0 {
		return
	}
	// One missing item may be an omission in what was pasted; all of them missing is the pattern of an
	// unverifiable demand.
	conf := 0.3 + 0.6*float64(len(missing))/float64(len(a.p.Disclosure.Required))
	en, zh := disclosuresEnZh(missing)
	a.add(domain.ViolationMissingDisclosure, Evidence{Source: "messages", Confidence: min(conf, 0.9),
		Rule: "no message states the " + en, RuleZh: "短信均未说明" + zh})
}
