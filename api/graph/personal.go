package graph

import (
	"github.com/graphql-go/graphql"

	"github.com/redline-regulator/redline/domain"
)

// Personal data in the API: the domain hands every complaint over already disclosed for the caller
// (domain.Disclose), so these resolvers only show what they got and say how much that is; a
// complaint that did not go through Disclose shows no personal data at all.

// debtorView is the debtor of a disclosed complaint, with whether its values are masked.
type debtorView struct {
	domain.Debtor
	masked bool
}

var disclosureEnum = enum("IdentityDisclosure", "How much of the debtor's identity and contract number the caller is shown: "+
	"FULL (the complainant who filed), MASKED (staff: name, masked ID number, mobile and contract number; a recipient institution "+
	"with the complainant's consent: name, contract number, last 4 of the ID number, masked mobile), WITHHELD (none).",
	string(domain.DisclosureFull), string(domain.DisclosureMasked), string(domain.DisclosureWithheld))

func debtorType() *graphql.Object {
	str := graphql.String
	return graphql.NewObject(graphql.ObjectConfig{Name: "Debtor", Description: "Who owes the money, as much as the caller may see.", Fields: graphql.Fields{
		"name":     of(str, "", func(d debtorView) any { return nonEmpty(d.Name) }),
		"mobile":   of(str, "Masked (138****5678) unless the caller may see it in full.", func(d debtorView) any { return nonEmpty(d.Mobile) }),
		"idNumber": of(str, "Resident identity card number; masked (110***********123X) unless the caller may see it in full.", func(d debtorView) any { return nonEmpty(d.IDNumber) }),
		"masked":   of(graphql.NewNonNull(graphql.Boolean), "Whether mobile and idNumber are masked; revealDebtorIdentity gives staff the full values.", func(d debtorView) any { return d.masked }),
	}})
}

// shown reports whether a complaint carries personal data the caller may see.
func shown(c *domain.Complaint) bool {
	return c.Disclosure == domain.DisclosureFull || c.Disclosure == domain.DisclosureMasked
}

func debtorField(debtor *graphql.Object) *graphql.Field {
	return &graphql.Field{Type: debtor, Description: "Who owes the money; null when none was given or the caller may not see it (identityDisclosure: WITHHELD).",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			c := p.Source.(*domain.Complaint)
			if c.Debtor.Empty() || !shown(c) {
				return nil, nil
			}
			return debtorView{Debtor: c.Debtor, masked: c.Disclosure == domain.DisclosureMasked}, nil
		}}
}

func contractNumberField() *graphql.Field {
	return &graphql.Field{Type: graphql.String, Description: "The loan contract number: in full to the complainant who filed and to a recipient " +
		"institution with the complainant's consent, masked (***********3456) to staff, null otherwise.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			c := p.Source.(*domain.Complaint)
			if !shown(c) {
				return nil, nil
			}
			return nonEmpty(c.ContractNumber), nil
		}}
}

func disclosureField() *graphql.Field {
	return &graphql.Field{Type: graphql.NewNonNull(disclosureEnum), Description: "How much personal data this complaint shows the caller.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			c := p.Source.(*domain.Complaint)
			if !shown(c) {
				return string(domain.DisclosureWithheld), nil
			}
			return string(c.Disclosure), nil
		}}
}

// personalDataMutations are the operations on personal data: a reviewer's recorded reveal.
func (r *resolvers) personalDataMutations(t *types) graphql.Fields {
	str, nn := graphql.String, graphql.NewNonNull
	identity := graphql.NewObject(graphql.ObjectConfig{Name: "DebtorIdentity", Description: "A debtor's full identity, revealed to staff with a recorded reason.",
		Fields: graphql.Fields{
			"complaintId":    of(nn(graphql.ID), "", func(i *domain.RevealedIdentity) any { return i.ComplaintID }),
			"name":           of(str, "", func(i *domain.RevealedIdentity) any { return nonEmpty(i.Debtor.Name) }),
			"mobile":         of(str, "", func(i *domain.RevealedIdentity) any { return nonEmpty(i.Debtor.Mobile) }),
			"idNumber":       of(str, "", func(i *domain.RevealedIdentity) any { return nonEmpty(i.Debtor.IDNumber) }),
			"contractNumber": of(str, "", func(i *domain.RevealedIdentity) any { return nonEmpty(i.ContractNumber) }),
		}})
	return graphql.Fields{
		"revealDebtorIdentity": {Type: identity,
			Description: "Show a reviewer or supervisor the debtor's full ID number, mobile and contract number. The reason is required " +
				"and recorded in the audit log with who, when and from which address.",
			Args: graphql.FieldConfigArgument{"complaintId": {Type: nn(graphql.ID)}, "reason": {Type: nn(str)}},
			Resolve: resolve(func(p graphql.ResolveParams) (any, error) {
				id, err := r.Complaints.RevealDebtorIdentity(p.Context, argString(p, "complaintId"), argString(p, "reason"))
				return id, notFoundOn(err, "complaintId")
			})},
	}
}
