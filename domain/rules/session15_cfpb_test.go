package rules

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestSession15CFPBPhrasings: session 15 (cfpb). Batch A (en-written-train, `# Session 15 (cfpb)
// batch A`) as read after its round: a notice the consumer never had of a court step is no missing
// validation notice (an exception of MISSING_DISCLOSURE: 1692g asks for a notice of the debt, not of
// the suit), the stop request "asked the representative to only contact me in writing" (class
// COLLECTOR_EN), a caller who "worked for" an authority, nonpayment called a crime, "the agency never
// sent me anything"; and batch B's false flag: a seizure the consumer reports is no
// FALSE_REPRESENTATION. 9 of the 11 cases fail on main; the two that pass are guards (a debt never
// notified still flags, a stopped withdrawal is no stop request).
func TestSession15CFPBPhrasings(t *testing.T) {
	md, cas, fr := domain.ViolationMissingDisclosure, domain.ViolationContactAfterStop, domain.ViolationFalseRepresentation
	runUSPhrasings(t, []usPhrasing{
		// a court step never notified: not MISSING_DISCLOSURE (both wrong on main)
		{"NeverNotifiedOfCourtDateEN", "I found out about the lawsuit when my employer told me my wages were being garnished. I was never notified of the court date and never served with a summons.", none, md, ""},
		{"NotNotifiedOfSuitEN", "The company sued me and I was not notified of the lawsuit until the judgment.", none, md, ""},
		// ... while a debt never notified still is
		{"NeverNotifiedOfDebtEN", "I was never notified about this debt before it showed up on my credit report.", md, none, ""},
		// a stop request to a named addressee, then contact
		{"AskedRepOnlyInWritingEN", "I asked the representative to only contact me in writing. The next morning they called again, and they have called every week since.", cas, none, ""},
		{"ToldAgentContactByMailEN", "I told the agent to contact me by mail only. They called me again the same afternoon.", cas, none, ""},
		{"AskedAgentStopWithdrawalEN", "I asked the agent to stop the automatic withdrawal. She called me back to confirm it was cancelled.", none, cas, ""},
		// the collector's claimed authority, nonpayment called a crime
		{"WorkedForSheriffEN", "The man on the phone said he worked for the county sheriff's office and that a deputy would serve me with papers today if I didn't pay.", fr, none, ""},
		{"NonpaymentIsTheftEN", "The collector told me that not paying a payday loan is theft and that I would face criminal charges.", fr, none, ""},
		{"FaceFraudChargesEN", "She said I could face fraud charges over the unpaid balance.", fr, none, ""},
		// nothing sent at all
		// a seizure reported is no representation; the collector's claim of one is
		{"SeizedTaxRefundEN", "They seized my tax refund for a student loan. I would like to know if there is any hardship program.", none, fr, ""},
		{"AgencyNeverSentAnythingEN", "I only learned of this debt when I applied for an apartment and it was on my credit report. The agency never sent me anything.", md, none, ""},
	})
}

// TestSession15CFPBCreditDamageOptional: the CFPB sub-issue "Threatened or suggested your credit would
// be damaged" is unlawful only through facts of other types (a disputed debt reported without its
// dispute, 1692e(8); furnishing before any notice, Reg. F 1006.30(a)), so every such record of
// cfpb.jsonl carries DEBT_DISPUTE and MISSING_DISCLOSURE optional beside FALSE_REPRESENTATION, and no
// required label (tools/rulesdata cfpbMap). Labels only: no text is read.
func TestSession15CFPBCreditDamageOptional(t *testing.T) {
	f, err := os.Open("../../testdata/rules/cfpb.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		var r struct {
			ID       string                 `json:"id"`
			Must     []domain.ViolationType `json:"must"`
			Optional []domain.ViolationType `json:"optional"`
			Label    string                 `json:"label"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(r.Label, "credit would be damaged") {
			continue
		}
		n++
		for _, v := range []domain.ViolationType{domain.ViolationFalseRepresentation, domain.ViolationMissingDisclosure, domain.ViolationDebtDispute} {
			if !slices.Contains(r.Optional, v) {
				t.Errorf("%s: %s not optional (%v)", r.ID, v, r.Optional)
			}
		}
		if len(r.Must) != 0 {
			t.Errorf("%s: must %v, want none", r.ID, r.Must)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no credit-damage record")
	}
}
