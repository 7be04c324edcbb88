package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// Session 16 (attack): an institution read the contact details a complainant typed beside their
// own — "我老公的邮箱 laogong@qq.com", "我的另一个号码 13700001111", "本人微信 wangnvshi88" — in the
// narrative, incidents, feedback and the history's reasons: only the account's name, e-mail and
// SMS mobile and the filed debtor values were taken out, though the disclosure table says an
// institution never reads the complainant's contact details.

// TestInstitutionsReadNoOwnContactInFreeText: the contacts the writer gives as theirs or a
// relative's, and every e-mail address, are gone from what an institution reads, with and
// without consent; the collector's numbers stay; the complainant and staff read the text as typed.
func TestInstitutionsReadNoOwnContactInFreeText(t *testing.T) {
	agent := domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	own := []string{"13700001111", "laogong@qq.com", "wangnvshi88", "0755-12345678"}
	c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded,
		Debtor:    domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"},
		Narrative: "我的另一个号码 13700001111，我老公的邮箱 laogong@qq.com，本人微信：wangnvshi88。催收员用13900001111打来。",
		Incidents: []domain.Incident{{From: "13900001111", Description: "催收员打给我妈，我妈的电话 0755-12345678"}},
		Feedback:  &domain.Feedback{Comment: "不满意，请联系我的手机13700001111"}}
	for _, consent := range []bool{true, false} {
		c.ConsentToShareIdentity = consent
		got := domain.Disclose(agent, c)
		text := got.Narrative + "|" + got.Incidents[0].Description + "|" + got.Feedback.Comment
		for _, s := range own {
			if strings.Contains(text, s) {
				t.Errorf("consent %v: the institution reads %q in %q", consent, s, text)
			}
		}
		if !strings.Contains(got.Narrative, "13900001111") || got.Incidents[0].From != "13900001111" {
			t.Errorf("consent %v: the collector's number went: %q, %q", consent, got.Narrative, got.Incidents[0].From)
		}
		evs := domain.DiscloseHistory(agent, []domain.Event{{Action: domain.ActionDispute, Reason: "请打我的电话13700001111或发邮件 laogong@qq.com"}}, domain.Withheld(got)...)
		if len(evs) != 1 || strings.Contains(evs[0].Reason, "13700001111") || strings.Contains(evs[0].Reason, "laogong") {
			t.Errorf("consent %v: the history shows %+v", consent, evs)
		}
	}
	for _, a := range []domain.Actor{{UserID: 7, Role: domain.RoleComplainant}, {UserID: 2, Role: domain.RoleReviewer}} {
		if got := domain.Disclose(a, c); got.Narrative != c.Narrative {
			t.Errorf("%s reads %q, want the narrative as typed", a.Role, got.Narrative)
		}
	}
}
