package cfpb

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Record is one complaint of a CFPB export, every published column as text (trimmed), and the line
// of the file its row starts on (narratives span lines, so rows and lines differ).
type Record struct {
	Line           int
	ID             string // Complaint ID
	DateReceived   string
	Product        string
	SubProduct     string
	Issue          string
	SubIssue       string
	Narrative      string
	PublicResponse string // Company public response
	Company        string
	State          string
	ZIP            string
	Tags           string
	Consent        string // Consumer consent provided?
	SubmittedVia   string
	DateSent       string // Date sent to company
	Response       string // Company response to consumer
	Timely         string // Timely response?
	Disputed       string // Consumer disputed?
}

// Column names of the export, as its header spells them.
const (
	ColID             = "Complaint ID"
	ColDateReceived   = "Date received"
	ColProduct        = "Product"
	ColSubProduct     = "Sub-product"
	ColIssue          = "Issue"
	ColSubIssue       = "Sub-issue"
	ColNarrative      = "Consumer complaint narrative"
	ColPublicResponse = "Company public response"
	ColCompany        = "Company"
	ColState          = "State"
	ColZIP            = "ZIP code"
	ColTags           = "Tags"
	ColConsent        = "Consumer consent provided?"
	ColSubmittedVia   = "Submitted via"
	ColDateSent       = "Date sent to company"
	ColResponse       = "Company response to consumer"
	ColTimely         = "Timely response?"
	ColDisputed       = "Consumer disputed?"
)

// recordColumns pairs every column a Record holds with its field: Next fills the fields from it and
// Columns lists them, so a column added here is both read and checked by every caller that walks
// a record's texts (the CFPB import's check for bytes PostgreSQL cannot store kept its own list).
var recordColumns = []struct {
	col   string
	field func(r *Record) *string
}{
	{ColID, func(r *Record) *string { return &r.ID }},
	{ColDateReceived, func(r *Record) *string { return &r.DateReceived }},
	{ColProduct, func(r *Record) *string { return &r.Product }},
	{ColSubProduct, func(r *Record) *string { return &r.SubProduct }},
	{ColIssue, func(r *Record) *string { return &r.Issue }},
	{ColSubIssue, func(r *Record) *string { return &r.SubIssue }},
	{ColNarrative, func(r *Record) *string { return &r.Narrative }},
	{ColPublicResponse, func(r *Record) *string { return &r.PublicResponse }},
	{ColCompany, func(r *Record) *string { return &r.Company }},
	{ColState, func(r *Record) *string { return &r.State }},
	{ColZIP, func(r *Record) *string { return &r.ZIP }},
	{ColTags, func(r *Record) *string { return &r.Tags }},
	{ColConsent, func(r *Record) *string { return &r.Consent }},
	{ColSubmittedVia, func(r *Record) *string { return &r.SubmittedVia }},
	{ColDateSent, func(r *Record) *string { return &r.DateSent }},
	{ColResponse, func(r *Record) *string { return &r.Response }},
	{ColTimely, func(r *Record) *string { return &r.Timely }},
	{ColDisputed, func(r *Record) *string { return &r.Disputed }},
}

// Column is one column of a record: its header and its text.
type Column struct{ Name, Value string }

// Columns lists every column the record holds, in the export's order.
func (r Record) Columns() []Column {
	out := make([]Column, len(recordColumns))
	for i, c := range recordColumns {
		out[i] = Column{Name: c.col, Value: *c.field(&r)}
	}
	return out
}

// columns are the headers every reader requires; callers that need more check Missing.
var columns = []string{ColID, ColProduct, ColIssue, ColSubIssue, ColNarrative}

// RowError is a row that could not be read as CSV. Reading may go on with the next row.
type RowError struct {
	Line int
	Err  error
}

func (e *RowError) Error() string { return fmt.Sprintf("cfpb: line %d: %v", e.Line, e.Err) }
func (e *RowError) Unwrap() error { return e.Err }

// Reader reads a CFPB CSV export row by row, so that files of millions of rows need little memory.
type Reader struct {
	cr  *csv.Reader
	idx map[string]int
}

// NewReader reads the header and checks that the columns every use needs are there.
func NewReader(r io.Reader) (*Reader, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("cfpb: header: %w", err)
	}
	rd := &Reader{cr: cr, idx: map[string]int{}}
	for i, h := range header {
		rd.idx[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	if m := rd.Missing(columns); len(m) > 0 {
		return nil, fmt.Errorf("cfpb: missing column %q", m[0])
	}
	return rd, nil
}

// Missing lists the columns of cols the file's header lacks.
func (rd *Reader) Missing(cols []string) []string {
	var out []string
	for _, c := range cols {
		if _, ok := rd.idx[c]; !ok {
			out = append(out, c)
		}
	}
	return out
}

// Next returns the next row, io.EOF after the last, or a *RowError for a row that is not valid
// CSV (the caller may skip it and call Next again).
func (rd *Reader) Next() (Record, error) {
	row, err := rd.cr.Read()
	if errors.Is(err, io.EOF) {
		return Record{}, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return Record{}, &RowError{Line: pe.StartLine, Err: pe.Err}
		}
		return Record{}, fmt.Errorf("cfpb: %w", err)
	}
	line, _ := rd.cr.FieldPos(0)
	get := func(c string) string {
		if i, ok := rd.idx[c]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	rec := Record{Line: line}
	for _, c := range recordColumns {
		*c.field(&rec) = get(c.col)
	}
	return rec, nil
}
