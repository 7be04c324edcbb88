package rules

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Labelled is one labelled text: the violations a trained reviewer requires (Must) and those that
// are plausible (Optional: neither required nor a false positive).
type Labelled struct {
	ID           string                 `json:"id"`
	Text         string                 `json:"text"`
	Must         []domain.ViolationType `json:"must"`
	Optional     []domain.ViolationType `json:"optional"`
	Split        string                 `json:"split"`
	Jurisdiction Jurisdiction           `json:"jurisdiction,omitempty"`
}

// ReadLabelled reads JSON lines of labelled texts.
func ReadLabelled(r io.Reader) ([]Labelled, error) {
	var out []Labelled
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l Labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		for _, v := range slices.Concat(l.Must, l.Optional) {
			if _, ok := domain.ParseViolationType(string(v)); !ok {
				return nil, fmt.Errorf("line %d: unknown violation code %q", line, v)
			}
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// Verdict is how one text is judged, as routing judges a complaint's narrative.
type Verdict struct {
	ID             string             `json:"id"`
	Violations     []VerdictViolation `json:"violations"`
	Severity       domain.Priority    `json:"severity"`
	PoliceReferral bool               `json:"policeReferral"`
}

// VerdictViolation is one violation found; Flagged says routing records it (confidence at least
// domain.RoutingConfidence).
type VerdictViolation struct {
	Type       domain.ViolationType `json:"type"`
	Confidence float64              `json:"confidence"`
	Flagged    bool                 `json:"flagged"`
	Evidence   []VerdictEvidence    `json:"evidence"`
}

// VerdictEvidence is one piece of evidence: the phrase as written, the rule and the law.
type VerdictEvidence struct {
	Phrase string `json:"phrase"`
	Rule   string `json:"rule"`
	Law    string `json:"law"`
}

// JudgeText judges a narrative exactly as routing judges a complaint with no incidents or messages.
func (p *Pack) JudgeText(id, text string, now time.Time) Verdict {
	a := p.Judge(Facts{Narrative: text}, "", now)
	v := Verdict{ID: id, Severity: a.Severity, PoliceReferral: a.SuggestedReferral == domain.ReferPolice, Violations: []VerdictViolation{}}
	for _, s := range a.Violations {
		vv := VerdictViolation{Type: s.Type, Confidence: s.Confidence, Flagged: s.Confidence >= domain.RoutingConfidence, Evidence: []VerdictEvidence{}}
		for _, e := range s.Evidence {
			vv.Evidence = append(vv.Evidence, VerdictEvidence{Phrase: e.Phrase, Rule: e.Rule, Law: e.Law})
		}
		v.Violations = append(v.Violations, vv)
	}
	return v
}

// Flagged lists the types routing would record.
func (v Verdict) Flagged() []domain.ViolationType {
	var out []domain.ViolationType
	for _, x := range v.Violations {
		if x.Flagged {
			out = append(out, x.Type)
		}
	}
	return out
}

// TypeScore is one violation type's figures in an evaluation.
type TypeScore struct {
	Type      domain.ViolationType `json:"type"`
	Support   int                  `json:"support"`
	TP        int                  `json:"tp"`
	FP        int                  `json:"fp"`
	FN        int                  `json:"fn"`
	Precision float64              `json:"precision"`
	Recall    float64              `json:"recall"`
	F1        float64              `json:"f1"`
}

// EvalReport is the figures of one labelled set (one split of one file).
type EvalReport struct {
	Name    string      `json:"name"`
	Split   string      `json:"split"`
	Texts   int         `json:"texts"`
	Types   []TypeScore `json:"types"`
	MacroF1 float64     `json:"macroF1"`
	// Unlabelled is the number of texts with no required label; FlagRate is the share of them with
	// a flag that is not optional.
	Unlabelled int     `json:"unlabelled"`
	FlagRate   float64 `json:"flagRate"`
}

// Evaluate judges every text and scores the flags against the labels: per type precision, recall
// and F1 over the types that are required at least once or flagged, and their macro-F1.
func Evaluate(p *Pack, name, split string, recs []Labelled, now time.Time) EvalReport {
	got := make([][]domain.ViolationType, len(recs))
	for i, l := range recs {
		got[i] = p.JudgeText(l.ID, l.Text, now).Flagged()
	}
	return Score(name, split, recs, got)
}

// Score scores the flags got[i] of each text recs[i] against its labels, as Evaluate does.
func Score(name, split string, recs []Labelled, got [][]domain.ViolationType) EvalReport {
	r := EvalReport{Name: name, Split: split}
	scores := map[domain.ViolationType]*TypeScore{}
	score := func(v domain.ViolationType) *TypeScore {
		if scores[v] == nil {
			scores[v] = &TypeScore{Type: v}
		}
		return scores[v]
	}
	flaggedOther := 0
	for i, l := range recs {
		r.Texts++
		got := got[i]
		for _, v := range l.Must {
			score(v).Support++
			if slices.Contains(got, v) {
				score(v).TP++
			} else {
				score(v).FN++
			}
		}
		extra := false
		for _, v := range got {
			if !slices.Contains(l.Must, v) && !slices.Contains(l.Optional, v) {
				score(v).FP++
				extra = true
			}
		}
		if len(l.Must) == 0 {
			r.Unlabelled++
			if extra {
				flaggedOther++
			}
		}
	}
	if r.Unlabelled > 0 {
		r.FlagRate = round3(float64(flaggedOther) / float64(r.Unlabelled))
	}
	sum, n := 0.0, 0
	for _, vt := range domain.ViolationTypes {
		s := scores[vt.Type]
		if s == nil {
			continue
		}
		s.Precision, s.Recall = ratio(s.TP, s.TP+s.FP), ratio(s.TP, s.TP+s.FN)
		if s.Precision+s.Recall > 0 {
			s.F1 = round3(2 * s.Precision * s.Recall / (s.Precision + s.Recall))
		}
		r.Types = append(r.Types, *s)
		if s.Support > 0 {
			sum += s.F1
			n++
		}
	}
	if n > 0 {
		r.MacroF1 = round3(sum / float64(n))
	}
	return r
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return round3(float64(a) / float64(b))
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// Markdown prints the report as a table.
func (r EvalReport) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s — %s (%d texts)\n\n| type | support | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|---|\n", r.Name, r.Split, r.Texts)
	for _, s := range r.Types {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |\n", s.Type, s.Support, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1)
	}
	fmt.Fprintf(&b, "\nmacro-F1 %.3f", r.MacroF1)
	if r.Unlabelled > 0 {
		fmt.Fprintf(&b, "; flag rate on the %d texts with no required label %.3f", r.Unlabelled, r.FlagRate)
	}
	b.WriteString("\n")
	return b.String()
}
