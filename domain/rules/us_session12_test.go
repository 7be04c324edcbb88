package rules

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestUSSession12SpouseIsTheConsumer: FDCPA 15 U.S.C. 1692c(d) counts the consumer's spouse as the
// consumer for 1692c, so a collector calling, texting or telling the spouse is neither a third-party
// contact nor a disclosure to a third party (the incident path already knew it, USCallToSpouse); a
// former spouse is a third party again, and a threat made through the spouse stays a threat.
// (us.json classes.KIN_EN and THIRD_PARTY_CONTACT.told-kin-en; session 12.)
func TestUSSession12SpouseIsTheConsumer(t *testing.T) {
	const none = domain.ViolationType("")
	tpc, pd, threat := domain.ViolationThirdPartyContact, domain.ViolationPrivacyDisclosure, domain.ViolationThreat
	runUSPhrasings(t, []usPhrasing{
		{"CalledMyWifeEN", "The collection agency called my wife and asked her to have me call them back about my account.", none, tpc, ""},
		{"ToldMyHusbandEN", "The collector told my husband that I owed them money on a credit card.", none, pd, ""},
		{"ToldMyHusbandNotThirdPartyEN", "The collector told my husband that I owed them money on a credit card.", none, tpc, ""},
		{"TextedMySpouseEN", "They texted my spouse three times about my loan.", none, tpc, ""},
		{"SpouseGotVoicemailEN", "My wife got a voicemail from them about my bill.", none, tpc, ""},
		{"SpouseReportsContactEN", "I got a call from my husband saying a debt collector contacted him asking for my work schedule.", none, tpc, ""},
		{"CalledMyExWifeEN", "They called my ex-wife about my debt.", tpc, none, ""},
		{"CalledMyExHusbandEN", "The agency keeps calling my ex husband about my account.", tpc, none, ""},
		{"CalledMyMotherEN", "The collector called my mother about my debt.", tpc, none, ""},
		{"ThreatThroughSpouseEN", "The collector told my husband he would kill our dog.", threat, none, ""},
	})
}

// TestUSSession12Phrasings: how consumers state the session's weak types, written anew in the CFPB
// narratives' manner (not copied from the labelled sets); every case to flag fails on main.
func TestUSSession12Phrasings(t *testing.T) {
	const none = domain.ViolationType("")
	dd, md, ec := domain.ViolationDebtDispute, domain.ViolationMissingDisclosure, domain.ViolationExcessiveContact
	cas, fr := domain.ViolationContactAfterStop, domain.ViolationFalseRepresentation
	runUSPhrasings(t, []usPhrasing{
		{"WarrantForArrestEN", "He said there is a warrant out for my arrest over this old bill.", fr, none, ""},
		{"ConditionBeforeArrestEN", "She said if I did not pay by Friday they would send the police to my house.", fr, none, ""},
		{"CallerFromCourtEN", "A woman called stating she was with the county court about my account.", fr, none, ""},
		{"ChargesToBeBroughtEN", "She said fraud charges were going to be brought against me.", fr, none, ""},
		{"TakeMyHouseEN", "He said they were going to take my house if I did not pay the balance.", fr, none, ""},
		{"WouldBeServedEN", "The message said I would be served with court papers at work.", fr, none, ""},
		{"LiterallyAllDayEN", "This agency calls me literally all day.", ec, none, ""},
		{"CallsNeverStopEN", "The calls never stop, even on Sundays.", ec, none, ""},
		{"BackToBackEN", "They call back to back until I pick up.", ec, none, ""},
		{"RangeEverySingleDayEN", "They phone my house 4 to 5 times every single day.", ec, none, ""},
		{"MailOnlyThenCallsEN", "I requested that they only contact me in writing. They continue to call my cell.", cas, none, ""},
		{"ReplyStopThenTextsEN", "I replied STOP to their texts. They still text me every week.", cas, none, ""},
		{"RefusalInWritingEN", "I informed them in writing that I refuse to pay this debt. They have called me twice since then.", cas, none, ""},
		{"NeverReceivedAnythingEN", "I never received anything from them before the collection showed up.", md, none, ""},
		{"FirstHeardEN", "The first I heard of this debt was when I applied for a car loan.", md, none, ""},
		{"NoCreditorNameEN", "The letter has no name of the original creditor on it.", md, none, ""},
		{"CannotSayWhatItIsForEN", "They cannot tell me what it is for.", md, none, ""},
		{"NobodyContactedBeforeEN", "No one from the agency ever contacted me before it was reported.", md, none, ""},
		{"NotTheRightAmountEN", "They want {$900.00} and that is not the right amount.", dd, none, ""},
		{"InsuranceToCoverEN", "My insurance was supposed to cover the whole visit.", dd, none, ""},
		{"ReturnedInGoodConditionEN", "I returned the equipment in good condition.", dd, none, ""},
		{"ServedTruthfullyEN", "I was served with a lawsuit in March and went to court.", none, fr, ""},
		{"OwnCallsBackToBackEN", "I called them back to back trying to get an answer.", none, ec, ""},
		{"ReceivedTheValidationEN", "I received the validation letter and the itemization I asked for.", none, md, ""},
	})
}
