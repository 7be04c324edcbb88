package domain

import "context"

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

// InstitutionStore is what institution look-ups need from storage.
type InstitutionStore interface {
	ListInstitutions(ctx context.Context, search string, p Page) ([]*Institution, bool, error)
	InstitutionByID(ctx context.Context, id int64) (*Institution, error)
	// InstitutionKind returns the kind of the institution with this id (NOT_FOUND when there is
	// none). Institutions are never deleted and never change kind, so a store may keep the answer.
	InstitutionKind(ctx context.Context, id int64) (InstitutionKind, error)
}
