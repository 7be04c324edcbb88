package cfpb

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
)

func TestLabel(t *testing.T) {
	tests := []struct {
		name, issue, sub string
		want             domain.ViolationType
	}{
		{"FrequentCalls", "Communication tactics", "Frequent or repeated calls", domain.ViolationExcessiveContact},
		{"Obscene", "Communication tactics", "Used obscene, profane, or other abusive language", domain.ViolationAbusiveLanguage},
		{"Arrest", "Took or threatened to take negative or legal action", "Threatened to arrest you or take you to jail if you do not pay", domain.ViolationFalseRepresentation},
		{"CreditDamaged", "Took or threatened to take negative or legal action", "Threatened or suggested your credit would be damaged", ""},
		{"VeryOldDebt", "Took or threatened to take negative or legal action", "Threatened to sue you for very old debt", domain.ViolationFalseRepresentation},
		{"Seized", "Took or threatened to take negative or legal action", "Seized or attempted to seize your property", ""},
		{"SuedElsewhere", "Took or threatened to take negative or legal action", "Sued you in a state where you do not live or did not sign for the debt", ""},
		{"LegacySuedNoNotice", "Taking/threatening an illegal action", "Sued w/o proper notification of suit", ""},
		{"ExemptFunds", "Took or threatened to take negative or legal action", "Collected or attempted to collect exempt funds", ""},
		{"NotOwed", "Attempts to collect debt not owed", "Debt is not yours", domain.ViolationDebtDispute},
		{"LegacyNotOwed", "Cont'd attempts collect debt not owed", "Debt is not mine", domain.ViolationDebtDispute},
		{"ThirdParty", "Improper contact or sharing of info", "Talked to a third party about my debt", domain.ViolationThirdPartyContact},
		{"WrongAmount", "False statements or representation", "Attempted to collect wrong amount", domain.ViolationDebtDispute},
		{"Verify", "Written notification about debt", "Didn't receive enough information to verify debt", domain.ViolationMissingDisclosure},
		{"LegacyVerify", "Disclosure verification of debt", "Not given enough info to verify debt", domain.ViolationMissingDisclosure},
		{"Hours", "Communication tactics", "Called before 8am or after 9pm", domain.ViolationImproperHours},
		{"ElectronicHours", "Electronic communications", "Contacted before 8am or after 9pm", domain.ViolationImproperHours},
		{"Stop", "Communication tactics", "You told them to stop contacting you, but they keep trying", domain.ViolationContactAfterStop},
		{"LegacyStop", "Improper contact or sharing of info", "Contacted me after I asked not to", domain.ViolationContactAfterStop},
		{"TooOldDebt", "Taking/threatening an illegal action", "Threatened to sue on too old debt", domain.ViolationFalseRepresentation},
		{"Fees", "Charged fees or interest you didn't expect", "None", domain.ViolationUnlawfulFees},
		{"Unmapped", "Struggling to pay your loan", "None", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Label(tc.issue, tc.sub); got != tc.want {
				t.Errorf("Label(%q, %q) = %q, want %q", tc.issue, tc.sub, got, tc.want)
			}
		})
	}
}

func TestReadAndEval(t *testing.T) {
	csvText := "Date received,Product,Issue,Sub-issue,Consumer complaint narrative,Complaint ID\n" +
		"2024-01-02,Debt collection,Communication tactics,Frequent or repeated calls,\"They call me 10 times a day, every day.\",1\n" +
		"2024-01-03,Debt collection,Attempts to collect debt not owed,Debt is not yours,This is not my debt.,2\n" +
		"2024-01-04,Mortgage,Trouble during payment process,,They call me 10 times a day.,3\n" +
		"2024-01-05,Debt collection,Communication tactics,Frequent or repeated calls,,4\n"
	records, err := Read(strings.NewReader(csvText))
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 4 || records[0].ID != "1" || records[0].SubIssue != "Frequent or repeated calls" {
		t.Fatalf("records = %+v", records)
	}
	p, _ := rules.Default(rules.US)
	rep := Eval(p, records, Options{Name: "inline"})
	if rep.Complaints != 2 || rep.Labelled != 2 {
		t.Errorf("complaints %d labelled %d, want 2 and 2 (mortgage and empty narrative skipped)", rep.Complaints, rep.Labelled)
	}
	for _, v := range []domain.ViolationType{domain.ViolationExcessiveContact, domain.ViolationDebtDispute} {
		if s := rep.Score(v); s.Gold != 1 || s.Hits != 1 {
			t.Errorf("%s: %+v, want one labelled and found", v, s)
		}
	}
	if md := rep.Markdown(); !strings.Contains(md, "| EXCESSIVE_CONTACT | 1 | 1 | 1 | 1.00 | 1.00 |") {
		t.Errorf("markdown:\n%s", md)
	}
	if _, err := Read(strings.NewReader("Product,Issue\nx,y\n")); err == nil {
		t.Error("a file without the narrative column was accepted")
	}
}

// TestEvalOnRealCFPBData runs the US pack over real CFPB records kept in testdata/ (subsets of the
// CFPB's public-domain exports, see testdata/README.md) and holds recall and precision above loose
// floors measured when the lexicon was written (see docs/RULES.md), so that a change that breaks the
// engine fails.
func TestEvalOnRealCFPBData(t *testing.T) {
	p, _ := rules.Default(rules.US)
	read := func(t *testing.T, name string) []Record {
		t.Helper()
		f, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rs, err := Read(z)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return rs
	}
	tests := []struct {
		name       string
		file       string
		complaints int
		floors     map[domain.ViolationType]float64 // minimum recall
		precision  map[domain.ViolationType]float64 // minimum precision
	}{
		{"DebtCollectionSample", "complaints-sample.csv.gz", 147,
			map[domain.ViolationType]float64{domain.ViolationDebtDispute: 0.25, domain.ViolationMissingDisclosure: 0.25, domain.ViolationExcessiveContact: 0.3},
			map[domain.ViolationType]float64{domain.ViolationDebtDispute: 0.6, domain.ViolationMissingDisclosure: 0.3}},
		{"PersonalLoans2023", "personal-loan-complaints-2023.csv.gz", 354,
			map[domain.ViolationType]float64{domain.ViolationUnlawfulFees: 0.35, domain.ViolationDebtDispute: 0.35},
			map[domain.ViolationType]float64{domain.ViolationUnlawfulFees: 0.4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := Eval(p, read(t, tc.file), Options{Name: tc.file})
			t.Logf("\n%s", rep.Markdown())
			if rep.Complaints != tc.complaints {
				t.Errorf("complaints = %d, want %d", rep.Complaints, tc.complaints)
			}
			for v, floor := range tc.floors {
				if r := rep.Score(v).Recall(); r < floor {
					t.Errorf("%s recall %.2f, want ≥ %.2f", v, r, floor)
				}
			}
			for v, floor := range tc.precision {
				if r := rep.Score(v).Precision(); r < floor {
					t.Errorf("%s precision %.2f, want ≥ %.2f", v, r, floor)
				}
			}
		})
	}
}
