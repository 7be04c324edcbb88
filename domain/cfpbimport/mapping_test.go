package cfpbimport

import (
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules"
	"github.com/redline-regulator/redline/domain/rules/cfpb"
)

func TestParseDate(t *testing.T) {
	noon := time.Date(2023, 3, 22, 12, 0, 0, 0, time.UTC)
	for _, s := range []string{"2023-03-22", "03/22/23", "3/22/23", "03/22/2023"} {
		if got, ok := ParseDate(s); !ok || !got.Equal(noon) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, ok, noon)
		}
	}
	for _, s := range []string{"", "2023-13-01", "22/03/2023", "yesterday"} {
		if _, ok := ParseDate(s); ok {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

func TestResponseCategory(t *testing.T) {
	tests := []struct {
		label    string
		want     domain.ResponseCategory
		answered bool
	}{
		{"Closed with explanation", domain.ClosedWithExplanation, true},
		{"Closed with monetary relief", domain.ClosedWithMonetaryRelief, true},
		{"Closed with non-monetary relief", domain.ClosedWithNonMonetaryRelief, true},
		{"In progress", domain.ResponseInProgress, false},
		{"Untimely response", "", false},
		{"", "", false},
		{"Closed", domain.ClosedWithExplanation, true},
		{"Closed without relief", domain.ClosedWithExplanation, true},
		{"Closed with relief", domain.ClosedWithNonMonetaryRelief, true},
	}
	for _, tc := range tests {
		got, answered, ok := ResponseCategory(tc.label)
		if !ok || got != tc.want || answered != tc.answered {
			t.Errorf("ResponseCategory(%q) = %q, %v, %v; want %q, %v", tc.label, got, answered, ok, tc.want, tc.answered)
		}
	}
	if _, _, ok := ResponseCategory("Closed with a smile"); ok {
		t.Error("an unknown response was accepted")
	}
}

func TestProduct(t *testing.T) {
	tests := []struct {
		product, sub string
		want         domain.Product
	}{
		{"Credit card or prepaid card", "General-purpose credit card or charge card", domain.ProductCreditCard},
		{"Payday loan, title loan, or personal loan", "Installment loan", domain.ProductConsumerLoan},
		{"Payday loan, title loan, personal loan, or advance loan", "Title loan", domain.ProductConsumerLoan},
		{"Consumer Loan", "Vehicle loan", domain.ProductConsumerLoan},
		{"Vehicle loan or lease", "Loan", domain.ProductCarLoan},
		{"Mortgage", "Conventional home mortgage", domain.ProductMortgage},
		{"Debt collection", "Credit card debt", domain.ProductCreditCard},
		{"Debt collection", "Auto debt", domain.ProductCarLoan},
		{"Debt collection", "Mortgage debt", domain.ProductMortgage},
		{"Debt collection", "Payday loan debt", domain.ProductConsumerLoan},
		{"Debt collection", "Medical debt", domain.ProductOther},
		{"Credit reporting or other personal consumer reports", "Credit reporting", domain.ProductOther},
	}
	for _, tc := range tests {
		if got := Product(tc.product, tc.sub); got != tc.want {
			t.Errorf("Product(%q, %q) = %s, want %s", tc.product, tc.sub, got, tc.want)
		}
	}
}

func TestKind(t *testing.T) {
	collection := map[string]int{"Debt collection": 9, "Credit card": 1}
	tests := []struct {
		name     string
		products map[string]int
		want     domain.InstitutionKind
	}{
		{"JPMORGAN CHASE & CO.", collection, domain.KindBank},
		{"BANK OF AMERICA, NATIONAL ASSOCIATION", nil, domain.KindBank},
		{"CITIBANK, N.A.", nil, domain.KindBank},
		{"Navy Federal Credit Union", nil, domain.KindBank},
		{"Portfolio Recovery Associates, Inc.", nil, domain.KindCollectionAgency},
		{"Midland Credit Management, Inc.", nil, domain.KindCollectionAgency},
		{"Affirm Holdings, Inc", nil, domain.KindOnlineLending},
		{"Resurgent Capital Services L.P.", collection, domain.KindCollectionAgency},
		{"EQUIFAX, INC.", map[string]int{"Credit reporting or other personal consumer reports": 5, "Debt collection": 1}, domain.KindConsumerFinance},
		{"OneMain Finance Corporation", map[string]int{"Payday loan, title loan, or personal loan": 5}, domain.KindConsumerFinance},
	}
	for _, tc := range tests {
		if got := Kind(tc.name, tc.products); got != tc.want {
			t.Errorf("Kind(%q) = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestState(t *testing.T) {
	for in, want := range map[string]string{"CA": "CA", " tx ": "TX", "PR": "PR", "AE": "AE", "None": "", "": "", "XX": ""} {
		if got := State(in); got != want {
			t.Errorf("State(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConvert(t *testing.T) {
	good := cfpb.Record{Line: 7, ID: "123", DateReceived: "2024-01-02", Product: "Debt collection", SubProduct: "Credit card debt",
		Issue: "Communication tactics", SubIssue: "Frequent or repeated calls", Company: "X Recovery", State: "TX",
		DateSent: "2024-01-03", Response: "Closed with monetary relief", Timely: "Yes", Disputed: "Yes",
		Narrative: "They call me 10 times a day, every day, even at my job.", Consent: "Consent provided"}
	t.Run("OK", func(t *testing.T) {
		c, p := Convert(good)
		if p != nil {
			t.Fatal(p)
		}
		day := func(d int) time.Time { return time.Date(2024, 1, d, 12, 0, 0, 0, time.UTC) }
		if c.Status != domain.StatusClosed || c.Response != domain.ClosedWithMonetaryRelief || !c.Timely ||
			!c.ReceivedAt.Equal(day(2)) || !c.ForwardedAt.Equal(day(3)) || !c.DueAt.Equal(day(18)) || !c.RespondedAt.Equal(day(18)) ||
			c.Dispute == nil || *c.Dispute != domain.FeedbackDispute || c.State != "TX" || c.Product != domain.ProductCreditCard ||
			!slices.Equal(c.Claimed, []domain.ViolationType{domain.ViolationExcessiveContact}) || !c.Consent || c.Explanation == "" {
			t.Errorf("converted: %+v", c)
		}
		pack, _ := rules.Default(rules.US)
		c.Suggest(pack, 3, day(20))
		if !slices.Contains(c.Suggested, domain.ViolationExcessiveContact) {
			t.Errorf("suggested %v, want EXCESSIVE_CONTACT among them", c.Suggested)
		}
		if a := c.Assessment; a == nil || a.PackID != "US" || a.PackRevision != 3 || !a.Has(domain.ViolationExcessiveContact) {
			t.Errorf("assessment %+v, want the US pack's revision 3 finding EXCESSIVE_CONTACT", a)
		}
	})
	t.Run("LateAnswer", func(t *testing.T) {
		r := good
		r.Timely = "No"
		c, _ := Convert(r)
		if c.Timely || !c.RespondedAt.After(c.DueAt) {
			t.Errorf("late answer recorded at %v, due %v", c.RespondedAt, c.DueAt)
		}
	})
	t.Run("NoAnswer", func(t *testing.T) {
		r := good
		r.Response, r.Timely, r.Disputed = "Untimely response", "No", "N/A"
		c, _ := Convert(r)
		if c.Status != domain.StatusForwarded || c.Response != "" || !c.RespondedAt.IsZero() || c.Dispute != nil || c.Timely {
			t.Errorf("unanswered: %+v", c)
		}
	})
	bad := []struct {
		name, column string
		edit         func(*cfpb.Record)
	}{
		{"ErrID", cfpb.ColID, func(r *cfpb.Record) { r.ID = "12a" }},
		{"ErrNoID", cfpb.ColID, func(r *cfpb.Record) { r.ID = "" }},
		{"ErrCompany", cfpb.ColCompany, func(r *cfpb.Record) { r.Company = "" }},
		{"ErrReceived", cfpb.ColDateReceived, func(r *cfpb.Record) { r.DateReceived = "2024-02-30" }},
		{"ErrSent", cfpb.ColDateSent, func(r *cfpb.Record) { r.DateSent = "soon" }},
		{"ErrResponse", cfpb.ColResponse, func(r *cfpb.Record) { r.Response = "Ignored" }},
		{"ErrTimely", cfpb.ColTimely, func(r *cfpb.Record) { r.Timely = "Maybe" }},
		{"ErrDisputed", cfpb.ColDisputed, func(r *cfpb.Record) { r.Disputed = "Sort of" }},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := good
			tc.edit(&r)
			_, p := Convert(r)
			if p == nil || p.Line != 7 || p.Column != tc.column || p.Message == "" {
				t.Errorf("problem = %+v, want line 7, column %q", p, tc.column)
			}
		})
	}
}
