package domain

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// InstitutionKind is the kind of firm a complaint can be about.
type InstitutionKind string

// The institution kinds.
const (
	KindBank             InstitutionKind = "BANK"
	KindConsumerFinance  InstitutionKind = "CONSUMER_FINANCE"
	KindOnlineLending    InstitutionKind = "ONLINE_LENDING_PLATFORM"
	KindMicroloan        InstitutionKind = "MICROLOAN_COMPANY"
	KindCollectionAgency InstitutionKind = "COLLECTION_AGENCY"
)

// InstitutionKinds lists every kind.
var InstitutionKinds = []InstitutionKind{KindBank, KindConsumerFinance, KindOnlineLending, KindMicroloan, KindCollectionAgency}

// Institution is a lender or a collection agency.
type Institution struct {
	ID           int64
	Name         string
	NameEn       string // the English name the portal shows in English; "" shows Name
	Kind         InstitutionKind
	Aliases      []string // brand and app names people type instead of the legal name
	CustomerBase int64    // number of customers, when known (for complaints per 10,000 customers)
}

// Engagement records that a lender hired a collection agency; the lender answers for it.
type Engagement struct {
	LenderID int64
	AgencyID int64
}

// InstitutionSearch checks the search text of the public institutions list: trimmed, at most
// MaxFilterTextRunes characters. An anonymous request with 900 KB of search text made PostgreSQL
// match it against every name and alias for 2.2 s, and 20 aliases of the field multiplied that by
// 20 (found by hand); no institution's name or alias is that long.
func InstitutionSearch(search string) (string, error) {
	search = strings.TrimSpace(search)
	if utf8.RuneCountInString(search) > MaxFilterTextRunes {
		return "", Invalid("search", fmt.Sprintf("the search is longer than %d characters", MaxFilterTextRunes),
			fmt.Sprintf("搜索内容不能超过%d个字", MaxFilterTextRunes))
	}
	return search, nil
}

// InstitutionStore is what institution look-ups need from storage.
type InstitutionStore interface {
	ListInstitutions(ctx context.Context, search string, p Page) ([]*Institution, bool, error)
	InstitutionByID(ctx context.Context, id int64) (*Institution, error)
	// InstitutionKind returns the kind of the institution with this id (NOT_FOUND when there is
	// none). Institutions are never deleted and never change kind, so a store may keep the answer.
	InstitutionKind(ctx context.Context, id int64) (InstitutionKind, error)
}
