package domain_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestInstitutionsReadNoIDNumberGluedToLetters (session 30, attackmend): the redaction of unfiled ID
// numbers for institutions skipped a number glued to any letter, so "身份证ID11010519491231002X"
// reached the institution as typed. Only more digits make a longer number; letters around a valid
// ID number do not save it. Card numbers and invalid 18-character runs still stay.
func TestInstitutionsReadNoIDNumberGluedToLetters(t *testing.T) {
	agent := domain.Actor{UserID: 5, Role: domain.RoleInstitutionAgent, InstitutionID: 3}
	for _, text := range []string{"身份证ID11010519491231002X", "ID11010519491231002X号", "证号11010519491231002Xabc",
		"号码ａ11010519491231002ｘ", "id:110105199001011232z"} {
		c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded,
			Narrative: "催收员说出了我的证件：" + text + "。"}
		got := domain.Disclose(agent, c).Narrative
		if strings.Contains(got, "11010519491231002") || strings.Contains(got, "110105199001011232") {
			t.Errorf("the institution reads %q", got)
		}
	}
	for _, kept := range []string{"卡号6222021234567890123", "编号A123456789012345678B", "号11010519491231002X9", "号911010519491231002X",
		"流水ID123456789012345678"} {
		c := &domain.Complaint{ID: "c1", ComplainantID: 7, Recipients: []int64{3}, Status: domain.StatusForwarded, Narrative: kept}
		if got := domain.Disclose(agent, c).Narrative; got != kept {
			t.Errorf("%q became %q", kept, got)
		}
	}
}
