package rules

import (
	"slices"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// The gated join (session 14): which of the model's flags a pack's judgement takes. Without a gate
// the model adds every type whose probability passes the type's threshold and that the rules did
// not flag; a gate narrows that per type, so that the model may add recall where it measurably helps
// and stays silent elsewhere. The same gate serves routing, `rules judge` and `rules eval`
// (Pack.Judge, secondOpinion).

// ModelGate narrows the model's flags for one pack.
type ModelGate struct {
	// Allow lists the types the model may add; nil: every type.
	Allow []domain.ViolationType `json:"allow,omitempty"`
	// Support: a model flag of type T also needs the rules' support for T (RuleSupport).
	Support Support `json:"support,omitempty"`
	// Min[T] > the type's threshold: the probability a model flag of T needs.
	Min map[domain.ViolationType]float64 `json:"min,omitempty"`
	// Keep[T] > 0 (session 15, an AND gate): a flag the rules raise for T stands only when the model's
	// probability of T reaches Keep[T]. Measured by GateCV only: judgement does not apply it (no CN
	// gate chose it, docs/RULES.md "Chinese, session 15 (zhmodel)").
	Keep map[domain.ViolationType]float64 `json:"keep,omitempty"`
}

// Support is how much of the rules' reading a model flag needs (the zero value: none).
type Support string

const (
	// SupportOwn: the rules hit the type itself, below the routing threshold or dismissed.
	SupportOwn Support = "own"
	// SupportRelated: as SupportOwn, or the rules hit (flagged or not) a type of the same family.
	SupportRelated Support = "related"
)

// typeFamilies group the violation types whose facts go together in a complaint: how the collector
// reached people (contact), how it spoke (conduct), and what it claimed to be owed (money). A hit of
// one is SupportRelated for the others of its family.
var typeFamilies = [][]domain.ViolationType{
	{domain.ViolationThirdPartyContact, domain.ViolationPrivacyDisclosure, domain.ViolationExcessiveContact,
		domain.ViolationImproperHours, domain.ViolationContactAfterStop, domain.ViolationVisitHarassment},
	{domain.ViolationThreat, domain.ViolationAbusiveLanguage, domain.ViolationFalseRepresentation},
	{domain.ViolationUnlawfulFees, domain.ViolationDebtDispute, domain.ViolationMissingDisclosure,
		domain.ViolationUnidentifiedCollector},
}

// related reports whether a and b are distinct types of one family.
func related(a, b domain.ViolationType) bool {
	if a == b {
		return false
	}
	return slices.ContainsFunc(typeFamilies, func(f []domain.ViolationType) bool {
		return slices.Contains(f, a) && slices.Contains(f, b)
	})
}

// RuleSupport reports whether the rules' own assessment res (before the model) supports a flag of
// type t at level s: a hit of t kept below the routing threshold or dismissed (SupportOwn), or also
// any hit of a related type (SupportRelated). The zero level needs nothing.
func RuleSupport(res Assessment, t domain.ViolationType, s Support) bool {
	switch s {
	case "":
		return true
	case SupportOwn, SupportRelated:
	default:
		return false
	}
	for _, v := range res.Violations {
		if v.Type == t && v.Confidence > 0 {
			return true
		}
		if s == SupportRelated && related(v.Type, t) && v.Confidence > 0 {
			return true
		}
	}
	return slices.ContainsFunc(res.Dismissed, func(e Evidence) bool {
		return e.Type == t || (s == SupportRelated && related(e.Type, t))
	})
}

// Admits reports whether the gate lets the model's flag fl through, for the rules' assessment res.
func (g ModelGate) Admits(fl model.Flag, res Assessment) bool {
	if g.Allow != nil && !slices.Contains(g.Allow, fl.Type) {
		return false
	}
	if m, ok := g.Min[fl.Type]; ok && fl.Probability < m {
		return false
	}
	return RuleSupport(res, fl.Type, g.Support)
}

// ModelGates are the gates REDLINE_MODEL=auto and builtin judge with, per jurisdiction (a
// jurisdiction not listed: the model adds every flag that passes its threshold). The table is
// chosen by GateCV on the train split only (docs/RULES.md "Chinese, session 14 (zhmodel)").
//
// US (session 18, usmodel): a gate admitting only CONTACT_AFTER_STOP, MISSING_DISCLOSURE and
// DEBT_DISPUTE beside a model reading the rules' reading (model.Options.ENRules) was measured and
// not adopted: the held-out sets fell (docs/RULES.md "US, session 18 (usmodel)").
var ModelGates = map[Jurisdiction]ModelGate{}
