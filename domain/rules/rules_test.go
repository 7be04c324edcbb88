package rules

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

func mustPack(t *testing.T, j Jurisdiction) *Pack {
	t.Helper()
	p, err := Default(j)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// session18Pack parses j's built-in pack and returns the matchers of its phrase groups that keep
// (the speed tests of sessions 14 and 18).
func session18Pack(t *testing.T, j Jurisdiction, keep func(*phraseMatcher) bool) (*Pack, []*phraseMatcher) {
	t.Helper()
	doc, _ := BuiltinDocument(j)
	p, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	var ms []*phraseMatcher
	for _, g := range p.phraseGroups() {
		if g == nil {
			continue
		}
		for mi := range g.matchers {
			if m := &g.matchers[mi]; keep(m) {
				ms = append(ms, m)
			}
		}
	}
	return p, ms
}

// speedPair is j's built-in pack and a copy with one speed path switched off (off sets its
// switch): the pair the tests that a path changes no hit compare (sessions 30–32).
func speedPair(t *testing.T, j Jurisdiction, off func(ref *Pack)) (p, ref *Pack) {
	t.Helper()
	p, _ = session18Pack(t, j, func(*phraseMatcher) bool { return false })
	ref, _ = session18Pack(t, j, func(*phraseMatcher) bool { return false })
	off(ref)
	return p, ref
}

// sameHits fails t unless p's text scan and factor scan find on text what ref's find, and returns
// the text scan's hits; path says what p does, refPath what ref does instead.
func sameHits(t *testing.T, j Jurisdiction, p, ref *Pack, text, path, refPath string) []match {
	t.Helper()
	hits, want := p.matchText(text), ref.matchText(text)
	if !reflect.DeepEqual(hits, want) {
		t.Fatalf("%s %.80q: %s\n%+v\n%s\n%+v", j, text, path, hits, refPath, want)
	}
	if got, want := p.matchFactors(text), ref.matchFactors(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s %.80q: factors differ with %s\n%+v\n%+v", j, text, path, got, want)
	}
	return hits
}

// usPackJSON is the US pack's document as built in.
func usPackJSON(t *testing.T) []byte {
	t.Helper()
	doc, err := packFS.ReadFile("packs/us.json")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestTextRules checks each lexicon positive and negative, in Chinese and English, with negation,
// reported speech, questions and hypotheticals.
func TestTextRules(t *testing.T) {
	const none = domain.ViolationType("")
	tests := []struct {
		name  string
		j     Jurisdiction
		text  string
		want  domain.ViolationType // must be found ("" = nothing may be found)
		not   domain.ViolationType // must not be found
		phase string               // the evidence phrase, if want is set
	}{
		{"ThreatZH", CN, "催收员在电话里说要弄死我。", domain.ViolationThreat, none, "弄死"},
		{"ThreatReportedSpeechZH", CN, "他说要杀了我全家。", domain.ViolationThreat, none, "杀了我"},
		{"ThreatConditionalZH", CN, "对方说你不还钱就弄死你。", domain.ViolationThreat, none, "弄死"},
		{"ThreatNegatedZH", CN, "他们没有威胁我，只是催我还款。", none, domain.ViolationThreat, ""},
		{"ThreatNegatedOthersZH", CN, "别人说要杀了我。", domain.ViolationThreat, none, "杀了我"},
		{"ThreatEN", US, "The collector said he would kill my family if I don't pay.", domain.ViolationThreat, none, "kill my family"},
		{"ThreatNegatedEN", US, "To be fair, they did not threaten me.", none, domain.ViolationThreat, ""},
		{"AbuseZH", CN, "催收员在电话里辱骂我，说我是老赖。", domain.ViolationAbusiveLanguage, none, "辱骂"},
		{"AbuseNegatedZH", CN, "他没骂我，态度还可以。", none, domain.ViolationAbusiveLanguage, ""},
		{"AbuseEN", US, "The agent cursed at me and used profanity.", domain.ViolationAbusiveLanguage, none, ""},
		{"AbuseNegatedEN", US, "He never cursed at me.", none, domain.ViolationAbusiveLanguage, ""},
		{"ThirdPartyZH", CN, "他们爆通讯录，给我父母打电话。", domain.ViolationThirdPartyContact, none, "爆通讯录"},
		{"ThirdPartyNegatedZH", CN, "他们没有联系我的父母。", none, domain.ViolationThirdPartyContact, ""},
		{"ThirdPartyEN", US, "They called my mother and my employer about the debt.", domain.ViolationThirdPartyContact, none, "called my mother"},
		{"ThirdPartyNegatedEN", US, "They have not contacted my employer.", none, domain.ViolationThirdPartyContact, ""},
		{"PrivacyZH", CN, "他们在朋友圈曝光了我的照片和身份证。", domain.ViolationPrivacyDisclosure, none, ""},
		{"PrivacyEN", US, "They told my family about my debt and posted it on Facebook.", domain.ViolationPrivacyDisclosure, none, ""},
		{"FalseRepZH", CN, "短信说已经移交法院，公安马上上门抓人。", domain.ViolationFalseRepresentation, none, ""},
		{"FalseRepImpersonationZH", CN, "对方冒充警察给我打电话。", domain.ViolationFalseRepresentation, none, "冒充警察"},
		{"FalseRepEN", US, "The collector threatened to have me arrested and said I was committing a crime.", domain.ViolationFalseRepresentation, none, ""},
		{"FalseRepNegatedEN", US, "They never threatened to sue me.", none, domain.ViolationFalseRepresentation, ""},
		{"VisitZH", CN, "昨天他们上门在门上喷漆。", domain.ViolationVisitHarassment, none, ""},
		{"VisitNegatedZH", CN, "他们并没有上门。", none, domain.ViolationVisitHarassment, ""},
		{"VisitEN", US, "Two men showed up at my house and banged on my door.", domain.ViolationVisitHarassment, none, ""},
		{"HoursZH", CN, "他们半夜打电话催款。", domain.ViolationImproperHours, none, ""},
		{"HoursEN", US, "They call me after 9 pm every night.", domain.ViolationImproperHours, none, ""},
		{"HoursNegatedEN", US, "They never call after 9 pm.", none, domain.ViolationImproperHours, ""},
		{"MissingDisclosureRefusedContractZH", CN, "他们一直不肯提供借款合同。", domain.ViolationMissingDisclosure, none, ""},
		{"DisputePaidShownUnpaidZH", CN, "我还了钱但是系统一直显示没还。", domain.ViolationDebtDispute, none, ""},
		{"StopLawyerReferralZH", CN, "我已经说了有事找我律师，他们还是继续打给我。", domain.ViolationContactAfterStop, none, ""},
		{"UnidentifiedNoWorkNumberZH", CN, "一会儿是江苏的号，一会儿是广东的号，没一个说得出工号。", domain.ViolationUnidentifiedCollector, none, "没一个说得出工号"},
		{"MissingDisclosurePersonalAccountZH", CN, "要我转账到一个叫王某某的个人银行卡。", domain.ViolationMissingDisclosure, none, ""},
		{"ThirdPartyFamilyGroupZH", CN, "他们把催款信息发到了我们家的相亲相爱一家人群里。", domain.ViolationThirdPartyContact, none, ""},
		{"DisputeSettledOnDateZH", CN, "借款我已2021年11月6日已结清。", domain.ViolationDebtDispute, none, ""},
		{"FalseRepPoliceArrestZH", CN, "他们给我家人打电话，说要报警抓我。", domain.ViolationFalseRepresentation, none, "报警抓"},
		{"FalseRepPosingAsCourtZH", CN, "上门骗我父母他是法院的。", domain.ViolationFalseRepresentation, none, ""},
		{"FalseRepPoliceInquiryZH", CN, "让我回老家配合警方调查。", domain.ViolationFalseRepresentation, none, "配合警方调查"},
		{"FalseRepAuctionZH", CN, "吓唬他们房子要拍卖。", domain.ViolationFalseRepresentation, none, ""},
		{"ThirdPartyFamilyHarassedZH", CN, "我朋友、哥哥，老公全部都被严重骚扰。", domain.ViolationThirdPartyContact, none, ""},
		{"ThirdPartyListWithMeZH", CN, "今天还给我及亲朋好友发送催收短信。", domain.ViolationThirdPartyContact, none, ""},
		{"ThirdPartyNotTheBorrowerZH", CN, "本人不是借款人，催收人员三番五次打电话询问。", domain.ViolationThirdPartyContact, none, ""},
		{"DisputeAmountChangedZH", CN, "说好一次性还8000就结清，后来却要我还15000元。", domain.ViolationDebtDispute, none, ""},
		{"DisputeJudgedAmountZH", CN, "法院判决还款3万元，银行委托的律师却要我还4万元。", domain.ViolationDebtDispute, none, ""},
		{"DisputeAgreedThenPaidZH", CN, "协商好只需还本金，后来我还了5000元。", none, domain.ViolationDebtDispute, ""},
		{"DisputeSettledStillChasedZH", CN, "上个月结算了全部款项，他们仍在催收。", domain.ViolationDebtDispute, none, ""},
		{"DisputeRecalculateZH", CN, "请重新核实我的欠款金额。", domain.ViolationDebtDispute, none, ""},
		{"ThirdPartyAttributeZH", CN, "催收给我现在的老板打电话。", domain.ViolationThirdPartyContact, none, ""},
		{"ThirdPartyWifeColloquialZH", CN, "他们骚扰我媳妇。", domain.ViolationThirdPartyContact, none, ""},
		{"ThirdPartyVillageSecretaryZH", CN, "把电话打到了我们村支书那里。", domain.ViolationThirdPartyContact, none, ""},
		{"ThirdPartyChildSchoolZH", CN, "还打电话去我孩子学校。", domain.ViolationThirdPartyContact, none, ""},
		{"ThirdPartyBestFriendZH", CN, "催收天天找我闺蜜。", domain.ViolationThirdPartyContact, none, ""},
		{"PrivacyInfoLeakedZH", CN, "我的个人信息已经被严重泄漏。", domain.ViolationPrivacyDisclosure, none, ""},
		{"PrivacyInfoNotLeakedZH", CN, "我的个人信息没有泄露。", none, domain.ViolationPrivacyDisclosure, ""},
		{"PrivacyPhotoUsedZH", CN, "催收用我的照片去威胁我家人。", domain.ViolationPrivacyDisclosure, none, ""},
		{"PrivacyToldAboutSpouseZH", CN, "他们打电话给我同事，说我老公在银行欠款不还。", domain.ViolationPrivacyDisclosure, none, ""},
		{"PrivacyEveryoneKnowsZH", CN, "单位同事和家人都知道这件事了。", domain.ViolationPrivacyDisclosure, none, ""},
		{"PrivacyHomophoneBlastZH", CN, "他们报我家人通讯录。", domain.ViolationPrivacyDisclosure, none, ""},
		{"PrivacyReputationZH", CN, "没经过我同意骚扰我家人和朋友让我名誉收损。", domain.ViolationPrivacyDisclosure, none, "名誉收损"},
		{"PrivacyDebtExposedZH", CN, "对我户籍地的村委会打电话进行催收暴露我的债务情况。", domain.ViolationPrivacyDisclosure, none, ""},
		{"PrivacyVideoCommentsZH", CN, "后面又通过抖音给我视频底下留言。", domain.ViolationPrivacyDisclosure, none, ""},
		{"ExcessiveZH", CN, "催收员每天给我打二十多个电话。", domain.ViolationExcessiveContact, none, ""},
		{"ExcessiveNotNegatedByBuduanZH", CN, "他们不断地打电话骚扰我。", domain.ViolationExcessiveContact, none, ""},
		{"ExcessiveEN", US, "They call me 10 times a day.", domain.ViolationExcessiveContact, none, ""},
		{"AfterStopZH", CN, "我要求他们不要再打电话，但他们仍然每天打。", domain.ViolationContactAfterStop, none, ""},
		{"AfterStopEN", US, "Even after I asked them in writing to stop calling, they kept calling.", domain.ViolationContactAfterStop, none, ""},
		{"UnidentifiedZH", CN, "对方不肯说是哪家公司，也拒绝出示授权书。", domain.ViolationUnidentifiedCollector, none, ""},
		{"UnidentifiedEN", US, "The caller refused to identify the company he worked for.", domain.ViolationUnidentifiedCollector, none, ""},
		{"MissingDisclosureZH", CN, "他们不提供借款合同和欠款金额。", domain.ViolationMissingDisclosure, none, ""},
		{"MissingDisclosureEN", US, "I never received any validation notice or proof of the debt.", domain.ViolationMissingDisclosure, none, ""},
		{"DisputeZH", CN, "这笔钱我早就还清了。", domain.ViolationDebtDispute, none, ""},
		{"DisputeEN", US, "This is not my debt; it was identity theft.", domain.ViolationDebtDispute, none, ""},
		{"FeesZH", CN, "他们收取催收费和砍头息。", domain.ViolationUnlawfulFees, none, ""},
		{"FeesEN", US, "They added illegal fees I never agreed to.", domain.ViolationUnlawfulFees, none, ""},
		{"PrivacyNegatedZH", CN, "他们没有泄露我的个人信息。", none, domain.ViolationPrivacyDisclosure, ""},
		{"PrivacyNegatedEN", US, "They never told my family about my debt.", none, domain.ViolationPrivacyDisclosure, ""},
		{"FalseRepNegatedZH", CN, "对方并没有冒充警察。", none, domain.ViolationFalseRepresentation, ""},
		{"VisitNegatedEN", US, "Nobody showed up at my house.", none, domain.ViolationVisitHarassment, ""},
		{"HoursNegatedZH", CN, "他们从来没有半夜打电话。", none, domain.ViolationImproperHours, ""},
		{"ExcessiveNegatedZH", CN, "他们没有骚扰我，每周只联系一次。", none, domain.ViolationExcessiveContact, ""},
		{"ExcessiveNegatedEN", US, "They don't call me repeatedly.", none, domain.ViolationExcessiveContact, ""},
		{"AfterStopNegatedZH", CN, "我从没要求他们停止联系。", none, domain.ViolationContactAfterStop, ""},
		{"AfterStopNegatedEN", US, "I never asked them to stop calling.", none, domain.ViolationContactAfterStop, ""},
		{"UnidentifiedNegatedZH", CN, "催收员出示了工作证和授权书，说明了公司名称。", none, domain.ViolationUnidentifiedCollector, ""},
		{"UnidentifiedNegatedEN", US, "The caller did not refuse to identify himself.", none, domain.ViolationUnidentifiedCollector, ""},
		{"MissingDisclosureNegatedZH", CN, "他们提供了借款合同和欠款金额。", none, domain.ViolationMissingDisclosure, ""},
		{"MissingDisclosureNegatedEN", US, "The letter stated the amount owed and the name of the creditor.", none, domain.ViolationMissingDisclosure, ""},
		{"DisputeNegatedZH", CN, "这笔钱确实是我借的，我想分期还款。", none, domain.ViolationDebtDispute, ""},
		{"DisputeNegatedEN", US, "The debt is mine and the amount is right.", none, domain.ViolationDebtDispute, ""},
		{"FeesNegatedZH", CN, "他们没有收取任何催收费。", none, domain.ViolationUnlawfulFees, ""},
		{"FeesNegatedEN", US, "They did not add any fees.", none, domain.ViolationUnlawfulFees, ""},
		{"NothingZH", CN, "我想申请分期还款。", none, domain.ViolationThreat, ""},
		{"NothingEN", US, "I would like a payment plan.", none, domain.ViolationThreat, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mustPack(t, tc.j).Assess(Facts{Narrative: tc.text})
			if tc.want != "" {
				f, ok := a.Find(tc.want)
				if !ok || f.Confidence < 0.5 {
					t.Fatalf("%q: want %s with confidence ≥ 0.5, got %+v", tc.text, tc.want, a.Violations)
				}
				e := f.Evidence[0]
				if e.Source != "narrative" || string([]rune(tc.text)[e.Start:e.End]) != e.Phrase {
					t.Errorf("evidence %+v does not point at its phrase in the narrative", e)
				}
				// The evidence holds the phrase, possibly within a longer match (a threat with its
				// condition: "kill my family if I don't").
				if tc.phase != "" && !slices.ContainsFunc(f.Evidence, func(e Evidence) bool { return strings.Contains(e.Phrase, tc.phase) }) {
					t.Errorf("evidence %+v lacks the phrase %q", f.Evidence, tc.phase)
				}
				if len(f.Legal) == 0 {
					t.Errorf("%s carries no legal reference", tc.want)
				}
			}
			if tc.not != "" && a.Has(tc.not) {
				t.Errorf("%q: found %s, want none: %+v", tc.text, tc.not, a.Violations)
			}
		})
	}
}

func TestNegationIsDismissedWithItsCue(t *testing.T) {
	for _, tc := range []struct{ name, text, cue string }{
		{"MeiyouZH", "没有威胁我", "没有"},
		{"MeiZH", "他没骂我", "没"},
		{"DidNotEN", "they did not threaten me", "not"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := mustPack(t, CN).Assess(Facts{Narrative: tc.text})
			if len(a.Violations) != 0 {
				t.Fatalf("found %+v", a.Violations)
			}
			if len(a.Dismissed) == 0 || !slices.Contains(a.Dismissed[0].Modifiers, "negated by "+tc.cue) {
				t.Errorf("dismissed = %+v, want one negated by %q", a.Dismissed, tc.cue)
			}
		})
	}
}

func TestQuestionsAndHypotheticalsLowerConfidence(t *testing.T) {
	p := mustPack(t, CN)
	plain := p.Assess(Facts{Narrative: "他们上门了。"})
	for _, tc := range []struct{ name, text, modifier string }{
		{"QuestionZH", "他们上门了吗？", "question"},
		{"HypotheticalZH", "万一他们上门怎么办", "hypothetical"},
		{"QuestionEN", "Will they come to my house?", "question"},
		{"HypotheticalEN", "I am worried that they might come to my house.", "hypothetical"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := p.Assess(Facts{Narrative: tc.text}).Find(domain.ViolationVisitHarassment)
			if !ok {
				t.Fatalf("no VISIT_HARASSMENT found")
			}
			pf, _ := plain.Find(domain.ViolationVisitHarassment)
			if f.Confidence >= pf.Confidence || f.Confidence >= 0.5 {
				t.Errorf("confidence %.2f, want below the plain statement's %.2f and below 0.5", f.Confidence, pf.Confidence)
			}
			if !slices.Contains(f.Evidence[0].Modifiers, tc.modifier) {
				t.Errorf("modifiers %v lack %q", f.Evidence[0].Modifiers, tc.modifier)
			}
		})
	}
}

func at(t *testing.T, s, zone string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func calls(t *testing.T, zone string, connected bool, times ...string) []Incident {
	var out []Incident
	for _, s := range times {
		out = append(out, Incident{At: at(t, s, zone), Channel: ChannelPhoneCall, Connected: connected})
	}
	return out
}

// TestIncidentRules checks the hour, cap, window, third-party and stop rules on structured facts.
func TestIncidentRules(t *testing.T) {
	const sh, ny, la = "Asia/Shanghai", "America/New_York", "America/Los_Angeles"
	tests := []struct {
		name  string
		j     Jurisdiction
		facts Facts
		want  domain.ViolationType
		found bool
		rule  string // a substring of the first evidence's rule
	}{
		{"CNCallAt2340", CN, Facts{Incidents: calls(t, sh, true, "2024-03-05 23:40")}, domain.ViolationImproperHours, true, "23:40"},
		{"CNCallAt0750", CN, Facts{Incidents: calls(t, sh, false, "2024-03-05 07:50")}, domain.ViolationImproperHours, true, "07:50"},
		{"CNCallAt2200", CN, Facts{Incidents: calls(t, sh, true, "2024-03-05 22:00")}, domain.ViolationImproperHours, false, ""},
		{"CNCallAt2130", CN, Facts{Incidents: calls(t, sh, true, "2024-03-05 21:30")}, domain.ViolationImproperHours, false, ""},
		// 15:30 UTC is 23:30 in Beijing: the pack's zone decides.
		{"CNUTCReadInBeijing", CN, Facts{Incidents: calls(t, "UTC", true, "2024-03-05 15:30")}, domain.ViolationImproperHours, true, "23:30"},
		// 20:30 in Los Angeles is 23:30 in New York: the consumer's zone decides, not the collector's.
		{"USCallAt2030LosAngeles", US, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 23:30", ny), Location: la, Channel: ChannelPhoneCall}}},
			domain.ViolationImproperHours, false, ""},
		{"USCallAt2130NewYork", US, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 18:30", la), Location: ny, Channel: ChannelPhoneCall}}},
			domain.ViolationImproperHours, true, "21:30"},
		{"USCallAt0730", US, Facts{Incidents: calls(t, ny, false, "2024-03-05 07:30")}, domain.ViolationImproperHours, true, "07:30"},
		{"USCallAt0900", US, Facts{Incidents: calls(t, ny, false, "2024-03-05 09:00")}, domain.ViolationImproperHours, false, ""},
		{"USLetterAtNightIgnored", US, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 23:00", ny), Channel: ChannelLetter}}}, domain.ViolationImproperHours, false, ""},

		{"CNFourConnectedCallsAcrossLenderAndAgencies", CN, Facts{Incidents: []Incident{
			{At: at(t, "2024-03-05 09:00", sh), Channel: ChannelPhoneCall, Connected: true, Collector: "某消费金融"},
			{At: at(t, "2024-03-05 11:00", sh), Channel: ChannelPhoneCall, Connected: true, Collector: "甲催收公司"},
			{At: at(t, "2024-03-05 15:00", sh), Channel: ChannelPhoneCall, Connected: true, Count: 2, Collector: "乙催收公司"},
		}}, domain.ViolationExcessiveContact, true, "4 connected calls on 2024-03-05"},
		{"CNThreeConnectedCallsAllowed", CN, Facts{Incidents: []Incident{
			{At: at(t, "2024-03-05 09:00", sh), Channel: ChannelPhoneCall, Connected: true, Collector: "某消费金融"},
			{At: at(t, "2024-03-05 11:00", sh), Channel: ChannelPhoneCall, Connected: true, Collector: "甲催收公司"},
			{At: at(t, "2024-03-05 15:00", sh), Channel: ChannelPhoneCall, Connected: true, Collector: "乙催收公司"},
			{At: at(t, "2024-03-05 16:00", sh), Channel: ChannelPhoneCall, Connected: false, Count: 5, Collector: "乙催收公司"},
		}}, domain.ViolationExcessiveContact, false, ""},
		{"CNCapCountsPerLocalDay", CN, Facts{Incidents: calls(t, sh, true, "2024-03-05 10:00", "2024-03-05 20:00", "2024-03-06 09:00", "2024-03-06 10:00")},
			domain.ViolationExcessiveContact, false, ""},

		{"USEightCallsInSevenDays", US, Facts{Incidents: calls(t, ny, false, "2024-03-01 10:00", "2024-03-01 15:00", "2024-03-02 10:00",
			"2024-03-03 10:00", "2024-03-04 10:00", "2024-03-05 10:00", "2024-03-06 10:00", "2024-03-07 09:00")},
			domain.ViolationExcessiveContact, true, "more than 7 calls within 7 days"},
		{"USSevenCallsInSevenDaysAllowed", US, Facts{Incidents: calls(t, ny, false, "2024-03-01 10:00", "2024-03-02 10:00",
			"2024-03-03 10:00", "2024-03-04 10:00", "2024-03-05 10:00", "2024-03-06 10:00", "2024-03-07 09:00", "2024-03-08 11:00")},
			domain.ViolationExcessiveContact, false, ""},
		{"USCallWithinSevenDaysAfterConversation", US, Facts{Incidents: []Incident{
			{At: at(t, "2024-03-01 10:00", ny), Channel: ChannelPhoneCall, Connected: true},
			{At: at(t, "2024-03-05 10:00", ny), Channel: ChannelPhoneCall},
		}}, domain.ViolationExcessiveContact, true, "after the phone conversation"},
		{"USCallEightDaysAfterConversation", US, Facts{Incidents: []Incident{
			{At: at(t, "2024-03-01 10:00", ny), Channel: ChannelPhoneCall, Connected: true},
			{At: at(t, "2024-03-09 10:00", ny), Channel: ChannelPhoneCall},
		}}, domain.ViolationExcessiveContact, false, ""},

		{"CNCallToParent", CN, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 10:00", sh), Channel: ChannelPhoneCall, Contacted: domain.RelationParent}}},
			domain.ViolationThirdPartyContact, true, "the debtor's parent"},
		{"CNCallToSpouse", CN, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 10:00", sh), Channel: ChannelPhoneCall, Contacted: domain.RelationSpouse}}},
			domain.ViolationThirdPartyContact, true, "the debtor's spouse"},
		{"CNCallToDebtor", CN, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 10:00", sh), Channel: ChannelPhoneCall}}},
			domain.ViolationThirdPartyContact, false, ""},
		// FDCPA 1692c(d): the consumer's spouse counts as the consumer.
		{"USCallToSpouse", US, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 10:00", ny), Channel: ChannelPhoneCall, Contacted: domain.RelationSpouse}}},
			domain.ViolationThirdPartyContact, false, ""},
		{"USCallToEmployer", US, Facts{Incidents: []Incident{{At: at(t, "2024-03-05 10:00", ny), Channel: ChannelPhoneCall, Contacted: domain.RelationEmployer}}},
			domain.ViolationThirdPartyContact, true, "the debtor's employer"},

		{"CNContactAfterStop", CN, Facts{StopRequested: true, StopRequestedAt: at(t, "2024-03-01 12:00", sh),
			Incidents: calls(t, sh, false, "2024-02-28 10:00", "2024-03-02 10:00")}, domain.ViolationContactAfterStop, true, "after the request to stop"},
		{"USMessageAfterStop", US, Facts{StopRequested: true, StopRequestedAt: at(t, "2024-03-01 12:00", ny),
			Messages: []Message{{Sender: "55501", At: at(t, "2024-03-03 10:00", ny), Text: "Please call us back."}}}, domain.ViolationContactAfterStop, true, "sms"},
		{"CNContactBeforeStop", CN, Facts{StopRequested: true, StopRequestedAt: at(t, "2024-03-01 12:00", sh),
			Incidents: calls(t, sh, false, "2024-02-28 10:00")}, domain.ViolationContactAfterStop, false, ""},
		{"CNNoStopRequest", CN, Facts{Incidents: calls(t, sh, false, "2024-03-02 10:00")}, domain.ViolationContactAfterStop, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mustPack(t, tc.j).Assess(tc.facts)
			f, ok := a.Find(tc.want)
			if ok != tc.found {
				t.Fatalf("found %s = %v, want %v: %+v", tc.want, ok, tc.found, a.Violations)
			}
			if ok && !strings.Contains(f.Evidence[0].Rule, tc.rule) {
				t.Errorf("rule %q does not mention %q", f.Evidence[0].Rule, tc.rule)
			}
		})
	}
}

func TestAnalyzeMessages(t *testing.T) {
	p := mustPack(t, CN)
	platform := Message{Sender: "106900001234", Text: "【招联消费金融】尊敬的客户，您在招联消费金融的借款（合同编号ZL2023110500123）已逾期，欠款金额3,256.40元，" +
		"请于3月10日前通过招联金融APP还款或转账至对公还款账户：招联消费金融有限公司。如有疑问请致电95786。"}
	personal := Message{Sender: "138 0013 8000", Text: "你再不还钱，我们明天就上门，让你全家不得安宁！已经移交法院了，等着坐牢吧。你个老赖，不要脸。"}

	t.Run("PlatformMessageWithAllDisclosures", func(t *testing.T) {
		a := p.AnalyzeMessages([]Message{platform})
		if a.Messages[0].SenderKind != SenderPlatform {
			t.Errorf("sender kind = %s, want PLATFORM", a.Messages[0].SenderKind)
		}
		if len(a.Missing) != 0 {
			t.Errorf("missing = %v, want none (disclosed %v)", a.Missing, a.Messages[0].Disclosed)
		}
		if len(a.Messages[0].Lines) != 0 || len(a.Violations) != 0 {
			t.Errorf("a lawful reminder shows violations: %+v %+v", a.Messages[0].Lines, a.Violations)
		}
	})
	t.Run("PersonalNumberThreats", func(t *testing.T) {
		a := p.AnalyzeMessages([]Message{personal})
		m := a.Messages[0]
		if m.SenderKind != SenderPersonal {
			t.Errorf("sender kind = %s, want PERSONAL_MOBILE", m.SenderKind)
		}
		if len(a.Missing) != 4 {
			t.Errorf("missing = %v, want all four items", a.Missing)
		}
		types := map[domain.ViolationType]Line{}
		for _, l := range m.Lines {
			types[l.Type] = l
		}
		for _, v := range []domain.ViolationType{domain.ViolationFalseRepresentation, domain.ViolationAbusiveLanguage, domain.ViolationVisitHarassment} {
			l, ok := types[v]
			if !ok {
				t.Errorf("no line shows %s: %+v", v, m.Lines)
				continue
			}
			if len(l.Legal) == 0 || l.Sentence == "" || string([]rune(personal.Text)[l.Start:l.End]) != l.Phrase {
				t.Errorf("line %+v lacks law, sentence or position", l)
			}
		}
		var all []domain.ViolationType
		for _, f := range a.Violations {
			all = append(all, f.Type)
		}
		for _, v := range []domain.ViolationType{domain.ViolationMissingDisclosure, domain.ViolationUnidentifiedCollector} {
			if !slices.Contains(all, v) {
				t.Errorf("violations %v lack %s", all, v)
			}
		}
	})
	t.Run("EnglishCollectorLetterUS", func(t *testing.T) {
		a := mustPack(t, US).AnalyzeMessages([]Message{{Sender: "72345", Text: "This is an attempt to collect a debt on behalf of Acme Bank. " +
			"Balance due: $1,250.00. Account number: 4417-88. Pay online at www.example.com/pay."}})
		if a.Messages[0].SenderKind != SenderPlatform || len(a.Missing) != 0 {
			t.Errorf("got %+v, missing %v", a.Messages[0], a.Missing)
		}
	})
}

func TestParse(t *testing.T) {
	base, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(fn func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(base, &m); err != nil {
			t.Fatal(err)
		}
		fn(m)
		b, _ := json.Marshal(m)
		return b
	}
	violations := func(m map[string]any) map[string]any { return m["violations"].(map[string]any) }
	tests := []struct {
		name string
		doc  []byte
		err  string // substring of the error; "" = valid
	}{
		{"OK", base, ""},
		{"OKEditedHours", edit(func(m map[string]any) {
			m["contactHours"].(map[string]any)["end"] = "21:00"
			m["version"] = "2025.1-admin"
		}), ""},
		{"ErrNotJSON", []byte("{"), "parse pack"},
		{"ErrUnknownField", edit(func(m map[string]any) { m["curfew"] = true }), "unknown field"},
		{"ErrVersionRequired", edit(func(m map[string]any) { m["version"] = "" }), "version is required"},
		{"ErrUnknownViolation", edit(func(m map[string]any) { violations(m)["SPAM"] = violations(m)["THREAT"] }), `unknown violation code "SPAM"`},
		{"ErrMissingViolation", edit(func(m map[string]any) { delete(violations(m), "THREAT") }), "violation THREAT is missing"},
		{"ErrBadHour", edit(func(m map[string]any) { m["contactHours"].(map[string]any)["start"] = "25:00" }), "contactHours.start"},
		{"ErrHoursNotHHMM", edit(func(m map[string]any) { m["contactHours"].(map[string]any)["end"] = "10pm" }), "contactHours.end"},
		{"ErrStartAfterEnd", edit(func(m map[string]any) { m["contactHours"].(map[string]any)["start"] = "23:00" }), "must be before"},
		{"ErrUnknownRelation", edit(func(m map[string]any) { m["improperRelations"] = []any{"NEIGHBOUR"} }), `unknown relation "NEIGHBOUR"`},
		{"ErrUnknownZone", edit(func(m map[string]any) { m["timezone"] = "Mars/Olympus" }), "timezone"},
		{"ErrBadPattern", edit(func(m map[string]any) {
			violations(m)["THREAT"].(map[string]any)["phrases"] = []any{map[string]any{"weight": 0.5, "zh": []any{"(弄死"}}}
		}), "unbalanced"},
		{"ErrBadWeight", edit(func(m map[string]any) {
			violations(m)["THREAT"].(map[string]any)["phrases"] = []any{map[string]any{"weight": 1.5, "zh": []any{"弄死"}}}
		}), "weight"},
		{"ErrNoLegalReference", edit(func(m map[string]any) { violations(m)["THREAT"].(map[string]any)["legal"] = []any{} }), "legal reference"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Parse(tc.doc)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if p.Jurisdiction != CN {
					t.Errorf("jurisdiction = %s", p.Jurisdiction)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse error = %v, want one containing %q", err, tc.err)
			}
		})
	}
}

func TestDefault(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, err := Default(j)
		if err != nil || p.Jurisdiction != j || p.Version == "" {
			t.Errorf("Default(%s) = %v, %v", j, p, err)
		}
	}
	if _, err := Default("FR"); domain.CodeOf(err) != domain.CodeInvalid {
		t.Errorf("Default(FR) error = %v, want BAD_USER_INPUT", err)
	}
}

func TestSentences(t *testing.T) {
	rs := []rune("他没骂我。But he said he would sue! Pay $1.50 now?\n第二行")
	var got []string
	for _, s := range sentences(rs) {
		got = append(got, string(rs[s.start:s.end]))
	}
	want := []string{"他没骂我。", "But he said he would sue!", "Pay $1.50 now?", "第二行"}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}
