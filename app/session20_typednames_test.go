package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 20 (read once more): the lender's and the agency's names are typed by the complainant,
// and institutions read them as typed. A debtor's name or mobile typed there ("王小明的招行信用卡")
// reached the institution, also on a complaint whose identity is withheld from it (the attack round
// left it open).

// TestInstitutionsReadTypedNamesWithoutWithheldValues: the recipient institution reads the typed
// lender and agency names without the values withheld from it; the complainant and the reviewer
// read them as typed.
func TestInstitutionsReadTypedNamesWithoutWithheldValues(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	// The filed values of newComplaint: 王小明, 11010519491231002X, 13812345678, HT-2025-0001.
	const lender, agency = "王小明的招行信用卡", "恒通 138 1234 5678"
	withheld := map[bool][]string{true: {"5678"}, false: {"王小明", "5678"}}
	const q = `query($id: ID!) { complaint(id: $id) { lenderName agencyName } }`
	for _, consent := range []bool{true, false} {
		c := newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, consent
			c.LenderName, c.AgencyName = lender, agency
		})
		for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleReviewer} {
			raw, _ := json.Marshal(env.MustDo(t, p.tokens[role], q, map[string]any{"id": c.ID}))
			if !strings.Contains(string(raw), lender) || !strings.Contains(string(raw), agency) {
				t.Errorf("consent %v: %s does not read the names as typed: %s", consent, role, raw)
			}
		}
		for _, role := range []domain.Role{domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
			raw, _ := json.Marshal(env.MustDo(t, p.tokens[role], q, map[string]any{"id": c.ID}))
			for _, secret := range withheld[consent] {
				if strings.Contains(string(raw), secret) {
					t.Errorf("consent %v: %s reads %q in %s", consent, role, secret, raw)
				}
			}
			if !strings.Contains(string(raw), "招行信用卡") || !strings.Contains(string(raw), "恒通") {
				t.Errorf("consent %v: %s lost the institutions' names: %s", consent, role, raw)
			}
		}
	}
}
