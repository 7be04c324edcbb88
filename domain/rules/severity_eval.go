package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// SeverityReport is how a labelled set's texts are ranked, as routing ranks a complaint's narrative
// (`rules eval -severity`): threats to safety must be URGENT with a police referral, hearsay must
// not raise severity, and no text without a threat should be referred to the police for one.
type SeverityReport struct {
	Name  string `json:"name"`
	Split string `json:"split"`
	Texts int    `json:"texts"`
	// Threats are the texts whose required labels hold THREAT; ThreatsReferred those judged URGENT
	// with a police referral. Explicit and Veiled split them by the strongest firsthand THREAT
	// evidence's rule (veiled: a rule named veiled, menace, pictures or session7, the groups of veiled threats); Named are those whose only
	// firsthand THREAT evidence is a word that names a threat (恐吓, 威胁) below the urgent confidence,
	// with nothing threatened told: HIGH by design; Unmatched have no firsthand THREAT evidence.
	Threats          int `json:"threats"`
	ThreatsReferred  int `json:"threatsReferred"`
	Explicit         int `json:"explicit"`
	ExplicitReferred int `json:"explicitReferred"`
	Veiled           int `json:"veiled"`
	VeiledReferred   int `json:"veiledReferred"`
	Named            int `json:"named"`
	Unmatched        int `json:"unmatched"`
	// Hearsay are the texts where the engine read some evidence as hearsay; HearsayRaised those
	// ranked above their labels' ceiling (URGENT needs a required THREAT or a firsthand urgency factor
	// other than violence, HIGH a required label).
	Hearsay       int `json:"hearsay"`
	HearsayRaised int `json:"hearsayRaised"`
	// NoThreat are the texts with THREAT neither required nor optional; FalseViolence those given a
	// threat of violence as an urgency factor (so a police referral for a threat); OtherReferral those
	// referred for health harm, a minor or an elderly person alone.
	NoThreat      int `json:"noThreat"`
	FalseViolence int `json:"falseViolence"`
	OtherReferral int `json:"otherReferral"`
	// Misses are the ids of texts that fail one of the above (threat not referred, hearsay raised,
	// false violence); never filled for the held-out split.
	Misses []string `json:"misses,omitempty"`
}

// EvaluateSeverity judges every text with p and counts the severity figures of SeverityReport.
func EvaluateSeverity(p *Pack, name, split string, recs []Labelled, now time.Time) SeverityReport {
	r := SeverityReport{Name: name, Split: split}
	for _, l := range recs {
		r.Texts++
		a := p.Judge(Facts{Narrative: l.Text}, "", now)
		referred := a.Severity == domain.PriorityUrgent && a.SuggestedReferral == domain.ReferPolice
		violence, otherFactor := false, false
		for _, u := range a.Urgency {
			if u.Factor == domain.UrgencyViolence {
				violence = true
			} else {
				otherFactor = true
			}
		}
		miss := ""
		threat := slices.Contains(l.Must, domain.ViolationThreat)
		if threat {
			r.Threats++
			kind := threatKind(a, p)
			switch kind {
			case "explicit":
				r.Explicit++
			case "veiled":
				r.Veiled++
			case "named":
				r.Named++
			default:
				r.Unmatched++
			}
			if referred {
				r.ThreatsReferred++
				switch kind {
				case "explicit":
					r.ExplicitReferred++
				case "veiled":
					r.VeiledReferred++
				}
			} else {
				miss = "threat not referred (" + kind + ")"
			}
		}
		if hasHearsay(a) {
			r.Hearsay++
			raised := false
			switch a.Severity {
			case domain.PriorityUrgent:
				raised = !threat && !otherFactor
			case domain.PriorityHigh:
				raised = len(l.Must) == 0
			}
			if raised {
				r.HearsayRaised++
				miss = "hearsay raised to " + string(a.Severity)
			}
		}
		if !threat && !slices.Contains(l.Optional, domain.ViolationThreat) {
			r.NoThreat++
			switch {
			case violence:
				r.FalseViolence++
				miss = "false referral for a threat"
			case referred:
				r.OtherReferral++
			}
		}
		if miss != "" && split != "heldout" { // held-out ids are never listed, by any caller
			r.Misses = append(r.Misses, l.ID+": "+miss)
		}
	}
	return r
}

// threatKind says how the strongest firsthand THREAT evidence of a reads: "explicit", "veiled"
// "named" (a word that names a threat, unmodified, below the urgent confidence) or "none".
func threatKind(a *domain.Assessment, p *Pack) string {
	best, kind, mods := 0.0, "none", []string(nil)
	for _, v := range a.Violations {
		if v.Type != domain.ViolationThreat {
			continue
		}
		for _, e := range v.Evidence {
			if slices.Contains(e.Modifiers, "hearsay") || e.Confidence < best {
				continue
			}
			best, kind, mods = e.Confidence, "explicit", e.Modifiers
			if id, _, _ := strings.Cut(e.Rule, ":"); strings.Contains(id, "veiled") || strings.Contains(id, "menace") || strings.Contains(id, "pictures") || strings.Contains(id, "session7") {
				kind = "veiled"
			}
		}
	}
	if kind == "explicit" && p.Severity != nil && best < p.Severity.UrgentThreatConfidence && len(mods) == 0 {
		kind = "named"
	}
	return kind
}

func hasHearsay(a *domain.Assessment) bool {
	for _, v := range a.Violations {
		for _, e := range v.Evidence {
			if slices.Contains(e.Modifiers, "hearsay") {
				return true
			}
		}
	}
	return false
}

// Markdown prints the report as one table row (see SeverityHeader).
func (r SeverityReport) Markdown() string {
	return fmt.Sprintf("| %s | %s | %d | %d/%d | %d/%d | %d/%d | %d | %d | %d/%d | %d/%d | %d |", r.Name, r.Split, r.Texts,
		r.ThreatsReferred, r.Threats, r.ExplicitReferred, r.Explicit, r.VeiledReferred, r.Veiled, r.Named, r.Unmatched,
		r.HearsayRaised, r.Hearsay, r.FalseViolence, r.NoThreat, r.OtherReferral)
}

// SeverityHeader heads the table of SeverityReport rows.
const SeverityHeader = "| file | split | texts | threats URGENT+police | explicit | veiled | named only (HIGH) | threat unmatched | hearsay raised | false threat referrals / no-THREAT texts | referred for other factors |\n|---|---|---|---|---|---|---|---|---|---|---|"
