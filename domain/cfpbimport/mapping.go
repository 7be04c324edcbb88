// Package cfpbimport brings complaints of the CFPB Consumer Complaint Database (public domain) into
// redline: companies become institutions, Issue/Sub-issue labels become claimed violation types, the
// company's response and the timely flag become the institution's answer and its timeliness, the
// consumer's dispute becomes feedback, and the US rule pack reads each narrative for suggested
// violations. docs/IMPORT.md is the table of every mapping; this file is its code.
package cfpbimport

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/cfpb"
)

// Source is the external_source of imported CFPB complaints.
const Source = "cfpb"

// ProvinceOutsideChina is the province code of a complaint outside China's divisions; a US
// complaint's state is in Complaint.State.
const ProvinceOutsideChina = "000000"

// ResponseDays is the CFPB's deadline for a company's answer, in calendar days from the day the
// complaint was sent to it.
const ResponseDays = 15

// Threshold is the confidence from which a rule-pack finding becomes a suggested violation.
const Threshold = 0.5

// Complaint is one CFPB row as redline records it. Times are at noon UTC of the published dates, so
// that the day is the same in every time zone from UTC-11 to UTC+11.
type Complaint struct {
	Line       int
	ExternalID string // the CFPB Complaint ID
	Company    string
	Product    domain.Product
	State      string // USPS state or territory code; "" when unknown
	Narrative  string
	Claimed    []domain.ViolationType // from the Issue/Sub-issue label (the consumer's choice)
	Suggested  []domain.ViolationType // from the US rule pack, on the narrative
	Assessment *domain.Assessment     // the rule pack's whole judgement, as routing records it
	Consent    bool                   // the consumer consented to publish the narrative

	Status      domain.Status
	ReceivedAt  time.Time
	ForwardedAt time.Time
	DueAt       time.Time
	RespondedAt time.Time // zero when the company gave no final answer
	ClosedAt    time.Time // zero when still open
	Timely      bool
	Response    domain.ResponseCategory // "" when the company did not answer
	AnsweredAt  time.Time               // when the Response is recorded
	Explanation string                  // the company's public response, or the CFPB label
	Dispute     *domain.FeedbackDecision

	// Raw keeps the CFPB labels that have no place in redline's model, for the case history.
	Raw map[string]string
}

// Problem is a row that cannot be imported, and why.
type Problem struct {
	File    string
	Line    int
	Column  string
	Message string
}

func (p Problem) Error() string {
	if p.Column == "" {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Column, p.Message)
}

// RequiredColumns are the columns an importable export must have.
var RequiredColumns = []string{cfpb.ColID, cfpb.ColDateReceived, cfpb.ColProduct, cfpb.ColSubProduct,
	cfpb.ColIssue, cfpb.ColSubIssue, cfpb.ColNarrative, cfpb.ColCompany, cfpb.ColState,
	cfpb.ColDateSent, cfpb.ColResponse, cfpb.ColTimely, cfpb.ColDisputed}

// Convert maps one CFPB row. Suggested violations are left to Suggest, which is the slow part.
func Convert(r cfpb.Record) (Complaint, *Problem) {
	bad := func(col, msg string) (Complaint, *Problem) {
		return Complaint{}, &Problem{Line: r.Line, Column: col, Message: msg}
	}
	if col := brokenText(r); col != "" {
		return bad(col, "the text holds a NUL byte or is not valid UTF-8 (save the file as UTF-8 again)")
	}
	if r.ID == "" || strings.Trim(r.ID, "0123456789") != "" || len(r.ID) > 20 {
		return bad(cfpb.ColID, fmt.Sprintf("%q is not a CFPB complaint id (digits)", r.ID))
	}
	if r.Company == "" {
		return bad(cfpb.ColCompany, "no company")
	}
	received, ok := ParseDate(r.DateReceived)
	if !ok {
		return bad(cfpb.ColDateReceived, fmt.Sprintf("%q is not a date (YYYY-MM-DD or MM/DD/YY)", r.DateReceived))
	}
	sent := received
	if r.DateSent != "" {
		if sent, ok = ParseDate(r.DateSent); !ok {
			return bad(cfpb.ColDateSent, fmt.Sprintf("%q is not a date (YYYY-MM-DD or MM/DD/YY)", r.DateSent))
		}
		// A few published rows were sent before they were received; the case cannot be forwarded
		// before it exists, so it is forwarded the day it was received.
		sent = maxTime(sent, received)
	}
	category, answered, ok := ResponseCategory(r.Response)
	if !ok {
		return bad(cfpb.ColResponse, fmt.Sprintf("unknown company response %q", r.Response))
	}
	yes, ok := parseYesNo(r.Timely)
	if !ok {
		return bad(cfpb.ColTimely, fmt.Sprintf("%q is neither Yes nor No", r.Timely))
	}
	timely := category != "" // no flag: an answer counts as timely, no answer as late
	if yes != nil {
		timely = *yes
	}
	disputed, ok := parseYesNo(r.Disputed)
	if !ok {
		return bad(cfpb.ColDisputed, fmt.Sprintf("%q is neither Yes nor No", r.Disputed))
	}
	c := Complaint{
		Line: r.Line, ExternalID: r.ID, Company: r.Company, Product: Product(r.Product, r.SubProduct),
		State: State(r.State), Narrative: r.Narrative, Consent: strings.EqualFold(r.Consent, "Consent provided"),
		ReceivedAt: received, ForwardedAt: sent, DueAt: sent.AddDate(0, 0, ResponseDays), Timely: timely,
		Response: category, Status: domain.StatusForwarded,
		Raw: map[string]string{"product": r.Product, "subProduct": r.SubProduct, "issue": r.Issue, "subIssue": r.SubIssue,
			"companyResponse": r.Response, "timely": r.Timely, "disputed": r.Disputed, "submittedVia": r.SubmittedVia,
			"tags": r.Tags, "zip": r.ZIP},
	}
	if v := cfpb.Label(r.Issue, r.SubIssue); v != "" {
		c.Claimed = []domain.ViolationType{v}
	}
	// The CFPB publishes no answer date: a timely answer is recorded at its deadline, a late one a
	// day after it (docs/IMPORT.md).
	c.AnsweredAt = c.DueAt
	if !timely {
		c.AnsweredAt = c.DueAt.AddDate(0, 0, 1)
	}
	if category != "" {
		c.Explanation = r.PublicResponse
		if c.Explanation == "" || strings.EqualFold(c.Explanation, "None") {
			c.Explanation = "CFPB: " + r.Response
		}
	}
	if answered {
		c.Status, c.RespondedAt, c.ClosedAt = domain.StatusClosed, c.AnsweredAt, c.AnsweredAt
		if disputed != nil {
			d := domain.FeedbackAccept
			if *disputed {
				d = domain.FeedbackDispute
			}
			c.Dispute = &d
		}
	}
	return c, nil
}

// Suggest judges the narrative with the pack (revision is the stored revision of the pack) and
// keeps the violation types found with at least Threshold confidence as suggestions.
func (c *Complaint) Suggest(p *rules.Pack, revision int, now time.Time) {
	if c.Narrative == "" {
		return
	}
	a := p.Judge(rules.Facts{Narrative: c.Narrative}, "", now)
	a.PackRevision, a.AssessedAt = revision, now
	c.Assessment = a
	for _, f := range a.Violations {
		if f.Confidence >= Threshold {
			c.Suggested = append(c.Suggested, f.Type)
		}
	}
}

// ParseDate reads the export's two date formats: YYYY-MM-DD (the current export) and MM/DD/YY
// (older and spreadsheet-saved files; MM/DD/YYYY too). The date is placed at noon UTC.
func ParseDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "01/02/06", "1/2/06", "01/02/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Add(12 * time.Hour), true
		}
	}
	return time.Time{}, false
}

func parseYesNo(s string) (*bool, bool) {
	switch strings.ToLower(s) {
	case "yes":
		t := true
		return &t, true
	case "no":
		f := false
		return &f, true
	case "", "n/a", "none":
		return nil, true
	}
	return nil, false
}

// ResponseCategory maps the company's response to consumer. answered says the company gave a final
// answer (the complaint is closed); "In progress" is an answer that is not final, "Untimely
// response" and an empty cell are no answer. The legacy labels of before 2013 are mapped too:
// "Closed" and "Closed without relief" as an explanation, "Closed with relief", which does not say
// what relief, as non-monetary relief (the weaker claim).
func ResponseCategory(label string) (c domain.ResponseCategory, answered, ok bool) {
	switch strings.ToLower(label) {
	case "closed with explanation", "closed", "closed without relief":
		return domain.ClosedWithExplanation, true, true
	case "closed with monetary relief":
		return domain.ClosedWithMonetaryRelief, true, true
	case "closed with non-monetary relief", "closed with relief":
		return domain.ClosedWithNonMonetaryRelief, true, true
	case "in progress":
		return domain.ResponseInProgress, false, true
	case "untimely response", "":
		return "", false, true
	}
	return "", false, false
}

// Product maps the CFPB product (and, for debt collection, the kind of debt) to redline's products.
func Product(product, subProduct string) domain.Product {
	p, sub := strings.ToLower(product), strings.ToLower(subProduct)
	if p == "debt collection" {
		p = sub
	}
	switch {
	case strings.HasPrefix(p, "credit card"):
		return domain.ProductCreditCard
	case strings.Contains(p, "mortgage"):
		return domain.ProductMortgage
	case strings.HasPrefix(p, "vehicle loan"), strings.HasPrefix(p, "auto"):
		return domain.ProductCarLoan
	case strings.HasPrefix(p, "payday loan"), strings.HasPrefix(p, "consumer loan"), strings.HasPrefix(p, "installment loan"),
		strings.HasPrefix(p, "personal loan"):
		return domain.ProductConsumerLoan
	}
	return domain.ProductOther
}

// usStates are the USPS codes of the states, DC, the territories and the military post offices.
var usStates = strings.Fields(`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE
	NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM FM MH PW AA AE AP`)

// State returns the USPS code if s is one, else "" (the export has blanks and "None").
func State(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	for _, st := range usStates {
		if s == st {
			return s
		}
	}
	return ""
}

// ActionImport is the case-history action of a complaint brought in from another register.
const ActionImport = domain.ActionImport

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// brokenText names the first column of r whose text PostgreSQL cannot store (a NUL byte, or bytes
// that are not UTF-8), or "". Such a row is a Problem, skipped like any other: written, it failed
// the whole batch's statement and stopped the import after the batches before it were written
// (attack round 30, FuzzCFPBImport).
func brokenText(r cfpb.Record) string {
	for _, f := range r.Columns() {
		if !utf8.ValidString(f.Value) || strings.IndexByte(f.Value, 0) >= 0 {
			return f.Name
		}
	}
	return ""
}
