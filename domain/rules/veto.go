package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/redline-regulator/redline/domain"
)

// The model's veto (session 31, veto31): the statistical opinion used the other way round, to hold
// back a borderline flag of the rules (a confidence below VetoBorderline, or, where the veto says so,
// a flag resting on one piece of evidence) when the model's probability of the type is very low. A
// held-back flag stays visible: its evidence moves to the dismissed, reason "model-veto p=…". THREAT
// is never vetoed (the complaint's severity and the police referral rest on it), nor is evidence read
// from incidents rather than from a text. Measured and not adopted (docs/RULES.md "Session 31
// (veto31)"): ModelVetoes is empty, so judgement is the rules' (and, for ModelAuto, the model's) as
// before, and the CN pack never evaluates the model.

// VetoBorderline is the confidence below which a flag of the rules is borderline.
const VetoBorderline = 0.7

// VetoReason starts the reason of a flag's evidence a model veto held back.
const VetoReason = "model-veto"

// ModelVeto is one pack's veto of the rules' borderline flags.
type ModelVeto struct {
	// Below[T] > 0: a borderline flag of T is held back when the model's probability of T, in every
	// text of the complaint, is below Below[T].
	Below map[domain.ViolationType]float64 `json:"below,omitempty"`
	// Single: a flag resting on one piece of evidence is borderline too, whatever its confidence.
	Single bool `json:"single,omitempty"`
}

// ModelVetoes are the vetoes REDLINE_MODEL=auto and builtin judge with, per jurisdiction; the table is
// to be chosen on the train split only (out-of-fold models, `go run ./testdata/rules/tools/vetodump cv 5`
// and tools/vetoeval.py) and adopted only where the unseen writers' sets gain. Empty: the
// train-chosen vetoes cost the studied blind writers recall (docs/RULES.md "Session 31 (veto31)").
var ModelVetoes = map[Jurisdiction]ModelVeto{}

// VetoFor returns the veto a pack of jurisdiction j judges with, and whether it has one (a model and
// at least one type).
func (u ModelUse) VetoFor(j Jurisdiction) (ModelVeto, bool) {
	v, ok := u.Vetoes[j]
	return v, ok && u.Model != nil && len(v.Below) > 0
}

// borderline reports whether the rules' flag fd is one veto v may hold back.
func (v ModelVeto) borderline(fd Finding) bool {
	if fd.Type == domain.ViolationThreat || v.Below[fd.Type] <= 0 || fd.Confidence < domain.RoutingConfidence {
		return false
	}
	if slices.ContainsFunc(fd.Evidence, func(e Evidence) bool { return strings.HasPrefix(e.Source, "incidents") }) {
		return false // a counted or timed incident is a fact, not a phrase the model reads
	}
	return fd.Confidence < VetoBorderline || (v.Single && len(fd.Evidence) == 1)
}

// modelVeto applies the pack's veto to the rules' assessment res of facts f. The model is evaluated
// only when a borderline flag exists (lazily: a complaint with none costs nothing).
func (p *Pack) modelVeto(use ModelUse, f Facts, res Assessment) Assessment {
	v, ok := use.VetoFor(p.Jurisdiction)
	if !ok || !slices.ContainsFunc(res.Violations, v.borderline) {
		return res
	}
	texts := []string{f.Narrative}
	for _, msg := range f.Messages {
		texts = append(texts, msg.Text)
	}
	prob := map[domain.ViolationType]float64{}
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		for k, x := range use.Model.Probabilities(t) {
			prob[k] = max(prob[k], x)
		}
	}
	kept := res.Violations[:0:0]
	for _, fd := range res.Violations {
		if !v.borderline(fd) || prob[fd.Type] >= v.Below[fd.Type] {
			kept = append(kept, fd)
			continue
		}
		reason := fmt.Sprintf("%s p=%.3f < %g", VetoReason, prob[fd.Type], v.Below[fd.Type])
		for _, e := range fd.Evidence {
			e.Type, e.Reason = fd.Type, reason
			res.Dismissed = append(res.Dismissed, e)
		}
	}
	res.Violations = kept
	return res
}
