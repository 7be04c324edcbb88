package cfpbimport

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/rules/cfpb"
)

const fuzzHeader = "Date received,Product,Sub-product,Issue,Sub-issue,Consumer complaint narrative,Company public response,Company,State,ZIP code,Tags,Consumer consent provided?,Submitted via,Date sent to company,Company response to consumer,Timely response?,Consumer disputed?,Complaint ID\n"

// fuzzCSVSeeds are rows of the published exports and hostile ones: quotes left open, a row of one
// column, a BOM, a NUL and invalid UTF-8 in a narrative and a company's name (which PostgreSQL
// refuses: the import stopped half-way on such a row instead of skipping it).
var fuzzCSVSeeds = []string{
	`2026-02-24,Debt collection,I do not know,Took or threatened to take negative or legal action,Threatened or suggested your credit would be damaged,,,"Affirm Holdings, Inc",CA,91202,,,Web,2026-02-24,Closed with explanation,Yes,,19737724`,
	`03/22/23,"Payday loan, title loan, or personal loan",Installment loan,Charged fees or interest you didn't expect,None,"This company 's offer
was not clear.",None,"OneMain Finance Corporation",TX,75001,Servicemember,Consent provided,Web,03/22/23,Closed with monetary relief,No,N/A,6734127`,
	`2015-04-08,Debt collection,Mortgage,Cont'd attempts collect debt not owed,Debt was paid,"unterminated`,
	`1`,
	"\ufeff2026-01-01,Debt collection,,,,,,X,,,,,,,Closed,Yes,,1",
	"2026-01-01,Debt collection,,,,\"they called \x00 at night\",,\"Acme\",CA,,,,Web,2026-01-01,Closed with explanation,Yes,,42",
	"2026-01-01,Debt collection,,,,\"bad \xff\xfe bytes\",,\"Acme\",CA,,,,Web,2026-01-01,Closed with explanation,Yes,,43",
	"2026-01-01,Debt collection,,,,,,\"Ac\x00me\",CA,,,,Web,2026-01-01,In progress,,,44",
	"2026-01-01,Debt collection,,,,,,Acme,CA,,,,Web,2026-01-01,Closed with explanation,Yes,,99999999999999999999999",
	`2026-01-01,Debt collection,,,,"` + strings.Repeat(`""`, 2000) + `",,Acme,CA,,,,Web,9999-99-99,Closed,Maybe,Perhaps,45`,
}

// FuzzCFPBImport reads any CSV body under the export's header and converts each row as the import
// does. The properties: no panic, and a converted complaint holds only text PostgreSQL stores
// (valid UTF-8, no NUL) — a row that cannot be stored is a Problem naming its column, skipped like
// any other bad row, never an error that stops the import after some batches were written.
func FuzzCFPBImport(f *testing.F) {
	for _, s := range fuzzCSVSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		rd, err := cfpb.NewReader(strings.NewReader(fuzzHeader + body))
		if err != nil {
			return
		}
		for range 1000 {
			r, err := rd.Next()
			var re *cfpb.RowError
			if errors.Is(err, io.EOF) {
				return
			}
			if errors.As(err, &re) {
				continue
			}
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			c, p := Convert(r)
			if p != nil {
				if p.Column == "" && p.Message == "" {
					t.Fatalf("a problem without a column or message: %+v", p)
				}
				continue
			}
			texts := []string{c.ExternalID, c.Company, c.State, c.Narrative, c.Explanation}
			for _, v := range c.Raw {
				texts = append(texts, v)
			}
			for _, s := range texts {
				if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
					t.Fatalf("line %d converted with text PostgreSQL refuses: %q", r.Line, s)
				}
			}
		}
	})
}
