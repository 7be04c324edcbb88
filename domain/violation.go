package domain

// ViolationType is one of the kinds of abusive collection the regulator recognises (DOMAIN.md).
type ViolationType string

// The violation types.
const (
	ViolationThreat                ViolationType = "THREAT"
	ViolationThirdPartyContact     ViolationType = "THIRD_PARTY_CONTACT"
	ViolationPrivacyDisclosure     ViolationType = "PRIVACY_DISCLOSURE"
	ViolationAbusiveLanguage       ViolationType = "ABUSIVE_LANGUAGE"
	ViolationFalseRepresentation   ViolationType = "FALSE_REPRESENTATION"
	ViolationVisitHarassment       ViolationType = "VISIT_HARASSMENT"
	ViolationImproperHours         ViolationType = "IMPROPER_HOURS"
	ViolationExcessiveContact      ViolationType = "EXCESSIVE_CONTACT"
	ViolationContactAfterStop      ViolationType = "CONTACT_AFTER_STOP"
	ViolationUnidentifiedCollector ViolationType = "UNIDENTIFIED_COLLECTOR"
	ViolationMissingDisclosure     ViolationType = "MISSING_DISCLOSURE"
	ViolationDebtDispute           ViolationType = "DEBT_DISPUTE"
	ViolationUnlawfulFees          ViolationType = "UNLAWFUL_FEES"
)

// ViolationInfo describes a violation type for people: labels in Chinese and English.
type ViolationInfo struct {
	Type    ViolationType
	LabelZH string
	LabelEN string
}

// ViolationTypes lists every violation type in a stable order.
var ViolationTypes = []ViolationInfo{
	{ViolationThreat, "暴力威胁 / 恐吓", "Threats to safety"},
	{ViolationThirdPartyContact, "骚扰亲友 / 爆通讯录", "Contacting relatives, friends or employer"},
	{ViolationPrivacyDisclosure, "泄露隐私", "Disclosing the debt or personal data"},
	{ViolationAbusiveLanguage, "侮辱 / 辱骂 / 诽谤", "Insults, obscene or defamatory language"},
	{ViolationFalseRepresentation, "虚假信息 / 冒充", "False claims of police, lawsuits or posing as officials"},
	{ViolationVisitHarassment, "上门滋扰", "Harassing visits to home or workplace"},
	{ViolationImproperHours, "不当时间催收", "Contact at improper hours"},
	{ViolationExcessiveContact, "频繁致电 / 短信轰炸", "Excessive calls or messages"},
	{ViolationContactAfterStop, "要求停止后继续", "Contact after a request to stop"},
	{ViolationUnidentifiedCollector, "身份不明 / 无授权", "Collector unidentified or unauthorised"},
	{ViolationMissingDisclosure, "信息不全", "Messages missing creditor, amount or account"},
	{ViolationDebtDispute, "债务争议", "Disputed debt"},
	{ViolationUnlawfulFees, "违规收费", "Unlawful fees or interest"},
}

// ParseViolationType validates a violation code.
func ParseViolationType(s string) (ViolationType, bool) {
	for _, v := range ViolationTypes {
		if string(v.Type) == s {
			return v.Type, true
		}
	}
	return "", false
}
