package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

func TestDisclose(t *testing.T) {
	c := &domain.Complaint{ID: "c1", ComplainantID: 7, Team: "east", Priority: domain.PriorityUrgent, AssigneeID: 2, Recipients: []int64{3}, ConsentToShareIdentity: true,
		Debtor:         domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"},
		ContractNumber: "HT-2025-0001", Narrative: "我叫王小明，手机13812345678，住北京市朝阳区建国路88号。",
		Incidents: []domain.Incident{{From: "13900001111", Description: "打给我同事张先生"}}, Feedback: &domain.Feedback{Comment: "电话13812345678还在响"}}
	for _, tc := range []struct {
		name       string
		actor      domain.Actor
		disclosure domain.Disclosure
		debtor     domain.Debtor
		contract   string
		scrubbed   bool
	}{
		{"Owner", domain.Actor{UserID: 7, Role: domain.RoleComplainant}, domain.DisclosureFull, c.Debtor, "HT-2025-0001", false},
		{"OtherComplainant", domain.Actor{UserID: 8, Role: domain.RoleComplainant}, domain.DisclosureWithheld, domain.Debtor{}, "", true},
		{"Reviewer", domain.Actor{UserID: 2, Role: domain.RoleReviewer, Teams: []string{"east"}}, domain.DisclosureMasked,
			domain.Debtor{Name: "王小明", Mobile: "138****5678", IDNumber: "110***********002X"}, "********0001", false},
		{"Admin", domain.Actor{UserID: 1, Role: domain.RoleAdmin}, domain.DisclosureMasked,
			domain.Debtor{Name: "王小明", Mobile: "138****5678", IDNumber: "110***********002X"}, "********0001", false},
		{"RecipientWithConsent", domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}, domain.DisclosureMasked,
			domain.Debtor{Name: "王小明", Mobile: "138****5678", IDNumber: "**************002X"}, "HT-2025-0001", false},
		{"OtherInstitution", domain.Actor{UserID: 6, Role: domain.RoleInstitutionAdmin, InstitutionID: 4}, domain.DisclosureWithheld, domain.Debtor{}, "", true},
		{"Analyst", domain.Actor{UserID: 9, Role: domain.RoleAnalyst}, domain.DisclosureWithheld, domain.Debtor{}, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := domain.Disclose(tc.actor, c)
			if got.Disclosure != tc.disclosure || got.Debtor != tc.debtor || got.ContractNumber != tc.contract {
				t.Errorf("Disclose = %s %+v %q, want %s %+v %q", got.Disclosure, got.Debtor, got.ContractNumber, tc.disclosure, tc.debtor, tc.contract)
			}
			text := got.Narrative + got.Incidents[0].From + got.Incidents[0].Description + got.Feedback.Comment
			leaks := strings.Contains(text, "13812345678") || strings.Contains(text, "王小明") || strings.Contains(text, "建国路88号") || strings.Contains(text, "13900001111")
			if tc.scrubbed == leaks {
				t.Errorf("scrubbed %v, but free text is %q", tc.scrubbed, text)
			}
		})
	}
	if c.Debtor.IDNumber != "11010519491231002X" || !strings.Contains(c.Narrative, "13812345678") || c.Feedback.Comment != "电话13812345678还在响" {
		t.Error("Disclose changed the complaint it was given")
	}
	// The regulator's internal handling (team, assignee, priority) is for the regulator and the
	// complainant's own view only, never for an institution, even the recipient.
	for _, a := range []domain.Actor{{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}, {UserID: 6, Role: domain.RoleInstitutionAdmin, InstitutionID: 3}} {
		if got := domain.Disclose(a, c); got.Team != "" || got.Priority != "" || got.AssigneeID != 0 {
			t.Errorf("%s sees team %q, priority %q, assignee %d; want none", a.Role, got.Team, got.Priority, got.AssigneeID)
		}
	}
	if got := domain.Disclose(domain.Actor{UserID: 2, Role: domain.RoleReviewer, Teams: []string{"east"}}, c); got.Team != "east" || got.Priority != domain.PriorityUrgent || got.AssigneeID != 2 {
		t.Errorf("the reviewer sees team %q, priority %q, assignee %d", got.Team, got.Priority, got.AssigneeID)
	}
	if c.Team != "east" || c.Priority != domain.PriorityUrgent {
		t.Error("Disclose changed the team or priority of the complaint it was given")
	}
	if domain.Disclose(domain.Actor{}, nil) != nil {
		t.Error("Disclose(nil) is not nil")
	}
}

// TestDiscloseScrubsTheFiledValuesHoweverWritten: whoever gets a complaint without its identity
// (analysts, another complainant or institution) gets its free text as the public dataset has it,
// without the filed name, mobile, ID and contract numbers in any spelling, not only what pii.Scrub
// finds on its own (found by hand: "王 小 明" and "HT 2025 0001" passed).
func TestDiscloseScrubsTheFiledValuesHoweverWritten(t *testing.T) {
	c := &domain.Complaint{ID: "c1", ComplainantID: 7,
		Debtor:         domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"},
		ContractNumber: "HT-2025-0001", Narrative: "王 小 明的合同HT 2025 0001", InformationRequest: "王·小·明是谁",
		Incidents: []domain.Incident{{From: "王 小 明", Description: "催王　小　明还钱"}}, Feedback: &domain.Feedback{Comment: "王 小 明满意"}}
	for _, a := range []domain.Actor{{UserID: 9, Role: domain.RoleAnalyst}, {UserID: 8, Role: domain.RoleComplainant}} {
		got := domain.Disclose(a, c)
		for _, text := range []string{got.Narrative, got.InformationRequest, got.Incidents[0].From, got.Incidents[0].Description, got.Feedback.Comment} {
			if strings.ContainsAny(text, "明0") {
				t.Errorf("%s reads %q", a.Role, text)
			}
		}
	}
}

// TestInstitutionsReadNoWithheldValueInFreeText: the recipient institution got the narrative as
// written, so the ID number and mobile it sees masked (or, without the complainant's consent, the
// whole identity it may not see) were there in full when the complainant repeated them in the text
// — found by hand. The free text and the history's reasons shown to it now lose the values withheld
// from it, however written; the rest (the collector's numbers the institution needs) stays.
func TestInstitutionsReadNoWithheldValueInFreeText(t *testing.T) {
	agent := domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded,
		Debtor:         domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"},
		ContractNumber: "HT-2025-0001", Narrative: "我叫王小明，身份证110105 19491231 002X，手机一三八一二三四五六七八，合同HT20250001。催收员用13900001111打来。",
		Incidents: []domain.Incident{{From: "13900001111", Description: "打给138-1234-5678"}}, Feedback: &domain.Feedback{Comment: "王小明不满意，13812345678还在响"}}
	for _, tc := range []struct {
		consent    bool
		kept, gone []string
	}{
		{true, []string{"王小明", "HT20250001", "13900001111"}, []string{"002X", "五六七八", "5678"}},
		{false, []string{"13900001111"}, []string{"王小明", "002X", "五六七八", "5678", "HT20250001"}},
	} {
		c.ConsentToShareIdentity = tc.consent
		got := domain.Disclose(agent, c)
		text := got.Narrative + "|" + got.Incidents[0].From + "|" + got.Incidents[0].Description + "|" + got.Feedback.Comment
		for _, s := range tc.kept {
			if !strings.Contains(text, s) {
				t.Errorf("consent %v: %q went from %q", tc.consent, s, text)
			}
		}
		for _, s := range tc.gone {
			if strings.Contains(text, s) {
				t.Errorf("consent %v: %q is in %q", tc.consent, s, text)
			}
		}
		evs := domain.DiscloseHistory(agent, []domain.Event{{Action: domain.ActionDispute, Reason: "王小明说13812345678还在响"}}, domain.Withheld(got)...)
		if len(evs) != 1 || strings.Contains(evs[0].Reason, "5678") {
			t.Errorf("consent %v: the history shows %+v", tc.consent, evs)
		}
	}
}
