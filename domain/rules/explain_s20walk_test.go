package rules

import (
	"regexp"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestFindingsInWordsSayItInChinese: what the engine found without a phrase (a call at night, a call
// to the debtor's parent, a personal sender, what no message states, after a request to stop) is
// explained in Chinese too (RuleZh), and neither language shows a code such as PARENT or CREDITOR
// (session 20, walk: the Chinese case page read "phone call to the debtor's PARENT").
func TestFindingsInWordsSayItInChinese(t *testing.T) {
	const sh = "Asia/Shanghai"
	code := regexp.MustCompile(`\b(PARENT|PHONE_CALL|CREDITOR|AMOUNT|CONTRACT|ACCOUNT)\b`)
	tests := []struct {
		name  string
		facts Facts
		want  domain.ViolationType
		zh    string
	}{
		{"Night", Facts{Incidents: []Incident{{At: at(t, "2024-03-05 23:30", sh), Channel: ChannelPhoneCall}}},
			domain.ViolationImproperHours, "电话时间 23:30（2024-03-05 CST），不在允许的 08:00–22:00 之内（北京时间（互联网金融贷后催收业务指引））"},
		{"Parent", Facts{Incidents: []Incident{{At: at(t, "2024-03-05 10:00", sh), Channel: ChannelPhoneCall, Contacted: domain.RelationParent}}},
			domain.ViolationThirdPartyContact, "2024-03-05 10:00 电话联系了借款人的父母"},
		{"PersonalSender", Facts{Messages: []Message{{Sender: "17012345678", At: at(t, "2024-03-05 10:00", sh), Text: "你再不还钱就等着瞧。"}}},
			domain.ViolationUnidentifiedCollector, "由个人手机号码 17012345678 发送，而非机构的平台号码"},
		{"NothingStated", Facts{Messages: []Message{{Sender: "10690000", At: at(t, "2024-03-05 10:00", sh), Text: "你再不还钱就等着瞧。"}}},
			domain.ViolationMissingDisclosure, "短信均未说明债权人、欠款金额、合同编号、官方还款账户"},
		{"AfterStop", Facts{StopRequested: true, StopRequestedAt: at(t, "2024-03-01 12:00", sh), Incidents: calls(t, sh, false, "2024-03-02 10:00")},
			domain.ViolationContactAfterStop, "2024-03-02 10:00 电话，在 2024-03-01 12:00 要求停止催收之后"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := mustPack(t, CN).Assess(tc.facts).Find(tc.want)
			if !ok {
				t.Fatalf("%s not found", tc.want)
			}
			var zh, en []string
			for _, e := range f.Evidence {
				if e.Phrase == "" {
					zh, en = append(zh, e.RuleZh), append(en, e.Rule)
				}
			}
			if !strings.Contains(strings.Join(zh, "\n"), tc.zh) {
				t.Errorf("the Chinese explanations %q lack %q", zh, tc.zh)
			}
			if all := strings.Join(append(zh, en...), "\n"); code.MatchString(all) {
				t.Errorf("a code in the explanations: %q", all)
			}
		})
	}
}
