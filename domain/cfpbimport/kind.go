package cfpbimport

import (
	"strings"

	"github.com/redline-regulator/redline/domain"
)

// The words and names by which Kind recognises a company (lower case, matched as substrings).
var (
	bankWords = []string{" bank", "bank,", "bancorp", "bancshares", "n.a.", "national association", "savings",
		"credit union", "trust company", "jpmorgan chase", "wells fargo", "capital one", "citigroup", "citibank",
		"synchrony", "discover", "american express", "ally financial", "pnc ", "truist", "td bank", "huntington",
		"regions financial", "fifth third", "keycorp", "citizens financial", "barclays", "navy federal", "usaa",
		"goldman sachs", "comerica", "santander", "hsbc", "bmo ", "m&t "}
	agencyWords = []string{"collection", "recover", "receivable", "portfolio", "asset acceptance", "debt ",
		"credit management", "midland credit", "encore capital", "convergent", "transworld", "credence resource",
		"i.c. system", "ic system", "financial recovery", "credit control", "revenue group", "law office", "law firm",
		"attorneys"}
	onlineLenders = []string{"affirm", "upgrade, inc", "upstart", "lendingclub", "prosper", "sofi", "enova",
		"opploans", "avant", "oportun", "netcredit", "possible financial", "klarna", "afterpay", "elevate credit",
		"mission lane", "dave, inc", "earnin", "brigit", "moneylion", "lendumo", "cashnetusa"}
)

// Kind infers an institution's kind from its name and the products it was complained about most
// (CFPB product label → complaints), in this order: a bank's words or name; a collection agency's
// words or name; a known online lender; a company whose complaints are mostly "Debt collection" (a
// debt buyer or agency); everything else — payday and instalment lenders, mortgage servicers,
// credit bureaus, card issuers that are not banks — a consumer-finance company.
func Kind(company string, products map[string]int) domain.InstitutionKind {
	name := " " + strings.ToLower(company) + " "
	has := func(words []string) bool {
		for _, w := range words {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has(bankWords):
		return domain.KindBank
	case has(agencyWords):
		return domain.KindCollectionAgency
	case has(onlineLenders):
		return domain.KindOnlineLending
	}
	top, most := "", 0
	for p, n := range products {
		if n > most || (n == most && p < top) {
			top, most = p, n
		}
	}
	if top == "Debt collection" {
		return domain.KindCollectionAgency
	}
	return domain.KindConsumerFinance
}
