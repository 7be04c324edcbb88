package app_test

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// An agency answering for itself cannot report "agency contract ended" (the lender's measure, which
// would count as relief the agency gave): BAD_USER_INPUT at its field, nothing recorded; with its
// other measures its answer goes through, and the lender may still report the contract ended.
func TestAgencyCannotReportItsOwnContractEnded(t *testing.T) {
	ce := newClockEnv(t, time.Time{})
	cs := ce.env.App.Complaints
	lender, agency := ce.p.ctx(domain.RoleInstitutionAgent), agencyAgent(t, ce, "contract-agency@redline.demo")
	ce.at("2026-03-02 09:00")
	c := ce.file(t)
	c = must(cs.Forward(ce.p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	ce.at("2026-03-04 10:00")
	_, err := cs.Respond(agency, c.ID, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief, Explanation: "我司已与委托方终止合作，不再催收。",
		Relief: domain.Relief{AgencyContractEnded: true, CollectionStopped: true}}, 0)
	if e, ok := err.(*domain.Error); !ok || e.Code != domain.CodeInvalid || e.Field != "input.relief.agencyContractEnded" {
		t.Fatalf("the agency reporting its own contract ended: %v, want BAD_USER_INPUT at input.relief.agencyContractEnded", err)
	}
	if rs := must(cs.Responses(agency, c.ID)).of(t); len(rs) != 0 {
		t.Errorf("the refused answer was recorded: %+v", rs)
	}
	must(cs.Respond(agency, c.ID, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief, Explanation: "涉事催收员已停止催收并接受处理，我司致歉。",
		Relief: domain.Relief{CollectorDisciplined: true, Apology: true}}, 0)).of(t)
	must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief, Explanation: "已终止与该催收机构的合作，并停止催收。",
		Relief: domain.Relief{AgencyContractEnded: true, CollectionStopped: true}}, 0)).of(t)
}
