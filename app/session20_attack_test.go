package app_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 20 (attack): trends' previousTotal, the headline "against the previous period", was a
// plain count of the previous period under the query's filters, outside the suppression of small
// cells. An analyst asking for one day's trend of one institution in one province read the day
// before's count of that cell — 1 complaint — which stats withholds from them (suppressed: true).

// TestTrendsPreviousTotalFollowsSuppression: the analyst's previous-period total counts only the
// cells it may read; supervisors read the whole count.
func TestTrendsPreviousTotalFollowsSuppression(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	ctx := context.Background()
	c, err := cs.File(p.ctx(domain.RoleComplainant), domain.FileComplaint{Relation: domain.RelationParent,
		LenderID: p.lenderID, LenderName: "招行信用卡", AgencyID: p.agencyID, Product: domain.ProductCreditCard,
		Province: "310000", Narrative: "催收员说不还钱就把我儿子的腿打断。", Violations: []domain.ViolationType{domain.ViolationThreat}}, uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Route(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Stats.Store.Rebuild(ctx, mustTime("2026-03-01 00:00"), mustTime("2026-03-31 00:00")); err != nil {
		t.Fatal(err)
	}
	cell := domain.StatsFilter{From: mustTime("2026-03-10 00:00"), To: mustTime("2026-03-10 00:00"),
		Institutions: []int64{p.lenderID}, Provinces: []string{"310000"}}
	// What stats answers the analyst for that cell: withheld.
	res, err := env.App.Stats.Query(p.ctx(domain.RoleAnalyst), domain.StatsQuery{Filter: cell,
		GroupBy: []domain.StatsDimension{domain.DimDay}})
	if err != nil || len(res.Rows) != 1 || !res.Rows[0].Suppressed {
		t.Fatalf("stats for the analyst: %+v %v, want the day's one cell suppressed", res, err)
	}
	next := cell
	next.From, next.To = mustTime("2026-03-11 00:00"), mustTime("2026-03-11 00:00")
	for _, tc := range []struct {
		role domain.Role
		want int64
	}{{domain.RoleAnalyst, 0}, {domain.RoleSupervisor, 1}} {
		for _, lens := range []domain.StatsDimension{"", domain.DimViolationType} {
			tr, err := env.App.Stats.Trends(p.ctx(tc.role), next, domain.DimDay, lens)
			if err != nil {
				t.Fatalf("%s, lens %q: %v", tc.role, lens, err)
			}
			if tr.PreviousTotal != tc.want {
				t.Errorf("%s, lens %q: the day after's trend says %d complaints the day before, want %d (stats withholds the cell from analysts)",
					tc.role, lens, tr.PreviousTotal, tc.want)
			}
		}
	}
	// A period that is not narrow still counts the previous one whole for the analyst.
	wide := domain.StatsFilter{From: mustTime("2026-03-11 00:00"), To: mustTime("2026-04-30 00:00")}
	tr, err := env.App.Stats.Trends(p.ctx(domain.RoleAnalyst), wide, domain.DimMonth, "")
	if err != nil || tr.PreviousTotal != 1 {
		t.Errorf("analyst, months without filters: previous total %+v %v, want 1", tr, err)
	}
}

// Session 20 (attack): the collector messages a complainant pastes (addCollectorMessages) reached
// the recipient institution as pasted. A collector's message names the debtor, the ID number, the
// mobile and the contract; on a complaint filed without consent to share the identity the lender's
// agent read "identityDisclosure: WITHHELD", no debtor, a narrative without them — and all four in
// evidence.message.text.

// TestInstitutionsReadNoWithheldValueInPastedMessages: institutions read the pasted messages
// without what they may not read, however written; the complainant and staff read them as pasted.
func TestInstitutionsReadNoWithheldValueInPastedMessages(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C, R := p.tokens[domain.RoleComplainant], p.tokens[domain.RoleReviewer]
	env.MustDo(t, C, `mutation { setNotificationPreferences(email: true, sms: true, mobile: "13900001111") { sms } }`, nil)
	// The filed values of newComplaint: 王小明, 11010519491231002X, 13812345678, HT-2025-0001.
	const text = "王 小 明你好，你名下合同HT 2025 0001已逾期，身份证110105 19491231 002X，手机138-1234-5678；你家人139 0000 1111也会收到通知，今天不还就上门"
	complainants := []string{"139 0000 1111"}
	filed := map[bool][]string{ // what the institution may not read, by consent to share the debtor's identity
		true:  {"002X", "5678"},
		false: {"王 小 明", "002X", "5678", "HT 2025 0001"},
	}
	const q = `query($id: ID!) { complaint(id: $id) { evidence { kind message { sender text } } } }`
	for _, consent := range []bool{true, false} {
		c := newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, consent
		})
		env.MustDo(t, C, `mutation($id: ID!, $m: [CollectorMessageInput!]!) { addCollectorMessages(complaintId: $id, messages: $m) { id } }`,
			map[string]any{"id": c.ID, "m": []map[string]any{{"sender": "10691234", "sentAt": "2026-03-01T10:00:00Z", "text": text}}})
		for _, tok := range []string{C, R} {
			if raw, _ := json.Marshal(env.MustDo(t, tok, q, map[string]any{"id": c.ID})); !strings.Contains(string(raw), text) {
				t.Errorf("consent %v: the complainant or the reviewer does not read the message as pasted: %s", consent, raw)
			}
		}
		for _, role := range []domain.Role{domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
			raw, _ := json.Marshal(env.MustDo(t, p.tokens[role], q, map[string]any{"id": c.ID}))
			for _, secret := range append(slices.Clone(complainants), filed[consent]...) {
				if strings.Contains(string(raw), secret) {
					t.Errorf("consent %v: %s reads %q in %s", consent, role, secret, raw)
				}
			}
			if !strings.Contains(string(raw), "今天不还就上门") || !strings.Contains(string(raw), "10691234") {
				t.Errorf("consent %v: %s lost the rest of the message or its sender: %s", consent, role, raw)
			}
		}
	}
}
