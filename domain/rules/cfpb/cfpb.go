// Package cfpb measures a rule pack on real complaints: it reads exports of the CFPB Consumer
// Complaint Database, maps each complaint's Issue/Sub-issue label to violation types through a
// documented table, runs the pack over the narratives and reports precision and recall per type.
// The labels are one per complaint, picked by the consumer from a list: they are noisy, and a
// narrative that describes several problems has only one of them labelled, so precision here is a
// lower bound.
package cfpb

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
)

// Read reads a whole CFPB CSV export, finding the columns by their header names. It stops at the
// first malformed row; an importer that must skip bad rows reads with NewReader instead.
func Read(r io.Reader) ([]Record, error) {
	rd, err := NewReader(r)
	if err != nil {
		return nil, err
	}
	var out []Record
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
}

// LabelRule maps CFPB labels that contain Match (case-insensitive) to violation types.
type LabelRule struct {
	Field string // "Sub-issue" or "Issue"
	Match string
	Type  domain.ViolationType
}

// Mapping is the table from CFPB labels (legacy ones from before April 2017 included) to violation
// types. Sub-issue rules are tried first, in order, then Issue rules; the first match wins. Labels
// that match nothing (e.g. "Struggling to pay your loan") have no violation type.
var Mapping = []LabelRule{
	{"Sub-issue", "frequent or repeated", domain.ViolationExcessiveContact},
	{"Sub-issue", "obscene", domain.ViolationAbusiveLanguage},
	{"Sub-issue", "before 8am", domain.ViolationImproperHours},
	{"Sub-issue", "to stop", domain.ViolationContactAfterStop},
	{"Sub-issue", "asked not to", domain.ViolationContactAfterStop},
	{"Sub-issue", "instead of my attorney", domain.ViolationContactAfterStop},
	{"Sub-issue", "employer", domain.ViolationThirdPartyContact},
	{"Sub-issue", "third party", domain.ViolationThirdPartyContact},
	{"Sub-issue", "third-party", domain.ViolationThirdPartyContact},
	{"Sub-issue", "shared information", domain.ViolationPrivacyDisclosure},
	{"Sub-issue", "arrest", domain.ViolationFalseRepresentation},
	{"Sub-issue", "impersonat", domain.ViolationFalseRepresentation},
	{"Sub-issue", "crime", domain.ViolationFalseRepresentation},
	{"Sub-issue", "wrong amount", domain.ViolationDebtDispute},
	// credit damage, lawsuits, seizure and exempt funds name no violation of ours by themselves
	// (docs/RULES.md, "CFPB label → violation type"): a suggestion that credit would be damaged is
	// lawful when the collector reports accurate information (a false representation only under
	// 1692e(5)/(8) facts the label does not state); a seizure is an act (1692f(6)), not a
	// representation (1692e(4)); venue and service of a lawsuit (1692i) and exempt funds are no
	// type of ours. "" stops the Issue rule below from mapping them to FALSE_REPRESENTATION.
	{"Sub-issue", "credit would be damaged", ""},
	{"Sub-issue", "seize", ""},
	{"Sub-issue", "sued", ""},
	{"Sub-issue", "exempt funds", ""},
	{"Sub-issue", "verify debt", domain.ViolationMissingDisclosure},
	{"Sub-issue", "right to dispute", domain.ViolationMissingDisclosure},
	{"Sub-issue", "attempt to collect a debt", domain.ViolationMissingDisclosure},
	{"Sub-issue", "not yours", domain.ViolationDebtDispute},
	{"Sub-issue", "not mine", domain.ViolationDebtDispute},
	{"Sub-issue", "identity theft", domain.ViolationDebtDispute},
	{"Sub-issue", "was paid", domain.ViolationDebtDispute},
	{"Sub-issue", "bankruptcy", domain.ViolationDebtDispute},
	{"Sub-issue", "fee", domain.ViolationUnlawfulFees},
	{"Sub-issue", "information belongs to someone else", domain.ViolationDebtDispute},
	{"Issue", "debt not owed", domain.ViolationDebtDispute},
	{"Issue", "written notification about debt", domain.ViolationMissingDisclosure},
	{"Issue", "disclosure verification of debt", domain.ViolationMissingDisclosure},
	{"Issue", "threatened to take negative or legal action", domain.ViolationFalseRepresentation},
	{"Issue", "taking/threatening an illegal action", domain.ViolationFalseRepresentation},
	{"Issue", "false statements or representation", domain.ViolationFalseRepresentation},
	{"Issue", "improper contact or sharing of info", domain.ViolationThirdPartyContact},
	{"Issue", "threatened to contact someone or share information", domain.ViolationThirdPartyContact},
	{"Issue", "charged fees or interest", domain.ViolationUnlawfulFees},
	{"Issue", "received a loan you didn't apply for", domain.ViolationDebtDispute},
}

// Label maps a complaint's Issue and Sub-issue to a violation type, or "" if none fits.
func Label(issue, subIssue string) domain.ViolationType {
	issue, subIssue = strings.ToLower(issue), strings.ToLower(subIssue)
	for _, field := range []string{"Sub-issue", "Issue"} {
		text := subIssue
		if field == "Issue" {
			text = issue
		}
		for _, r := range Mapping {
			if r.Field == field && strings.Contains(text, r.Match) {
				return r.Type
			}
		}
	}
	return ""
}

// DefaultProducts are the products the evaluation reads: debt collection, and the loans whose
// complaints are often about collection and fees.
var DefaultProducts = []string{
	"Debt collection",
	"Payday loan, title loan, or personal loan",
	"Payday loan, title loan, personal loan, or advance loan",
	"Payday loan",
	"Consumer Loan",
}

// Options choose what Eval counts.
type Options struct {
	// Products are the products to read; empty means DefaultProducts.
	Products []string
	// Threshold is the confidence at which a finding counts as a prediction; 0 means 0.5.
	Threshold float64
	// Name names the data in the report, e.g. the file.
	Name string
}

// Score is one violation type's counts and rates.
type Score struct {
	Type      domain.ViolationType
	Gold      int // complaints labelled with the type
	Predicted int // complaints where the pack found it
	Hits      int // both
}

// Precision is Hits/Predicted (0 when nothing was predicted).
func (s Score) Precision() float64 { return ratio(s.Hits, s.Predicted) }

// Recall is Hits/Gold (0 when no complaint was labelled with the type).
func (s Score) Recall() float64 { return ratio(s.Hits, s.Gold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the outcome of an evaluation.
type Report struct {
	Name         string
	Jurisdiction rules.Jurisdiction
	PackVersion  string
	Threshold    float64
	Complaints   int // complaints with a narrative in the chosen products
	Labelled     int // of which with a label that maps to a violation type
	Scores       []Score
}

// Eval runs the pack over the narratives of the chosen products and scores it per type against the
// mapped labels. A complaint whose label maps to no type still counts: whatever the pack finds there
// is a false positive as far as the label says.
func Eval(p *rules.Pack, records []Record, o Options) Report {
	if o.Threshold == 0 {
		o.Threshold = 0.5
	}
	products := o.Products
	if len(products) == 0 {
		products = DefaultProducts
	}
	rep := Report{Name: o.Name, Jurisdiction: p.Jurisdiction, PackVersion: p.Version, Threshold: o.Threshold}
	scores := map[domain.ViolationType]*Score{}
	for _, v := range domain.ViolationTypes {
		scores[v.Type] = &Score{Type: v.Type}
	}
	for _, r := range records {
		if r.Narrative == "" || !slices.Contains(products, r.Product) {
			continue
		}
		rep.Complaints++
		gold := Label(r.Issue, r.SubIssue)
		if gold != "" {
			rep.Labelled++
			scores[gold].Gold++
		}
		for _, f := range p.Assess(rules.Facts{Narrative: r.Narrative}).Violations {
			if f.Confidence < o.Threshold {
				continue
			}
			scores[f.Type].Predicted++
			if f.Type == gold {
				scores[f.Type].Hits++
			}
		}
	}
	for _, v := range domain.ViolationTypes {
		rep.Scores = append(rep.Scores, *scores[v.Type])
	}
	return rep
}

// Score returns the score of one type.
func (r Report) Score(v domain.ViolationType) Score {
	for _, s := range r.Scores {
		if s.Type == v {
			return s
		}
	}
	return Score{Type: v}
}

// Markdown renders the report as a Markdown table, one row per violation type.
func (r Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — pack %s %s, threshold %.2f: %d complaints with a narrative, %d with a label that maps to a violation type.\n\n",
		r.Name, r.Jurisdiction, r.PackVersion, r.Threshold, r.Complaints, r.Labelled)
	b.WriteString("| violation | labelled | predicted | both | precision | recall |\n|---|---:|---:|---:|---:|---:|\n")
	for _, s := range r.Scores {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %s |\n", s.Type, s.Gold, s.Predicted, s.Hits,
			pct(s.Hits, s.Predicted), pct(s.Hits, s.Gold))
	}
	return b.String()
}

func pct(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}
