package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

func find(t *testing.T, j Jurisdiction, text string, v domain.ViolationType) (Finding, bool) {
	t.Helper()
	return mustPack(t, j).Assess(Facts{Narrative: text}).Find(v)
}

// TestEngineFindsWhatPeopleWrite covers the bugs and the ways people write: each case must
// find (or must not find) a type at the routing threshold.
func TestEngineFindsWhatPeopleWrite(t *testing.T) {
	for _, tc := range []struct {
		name string
		j    Jurisdiction
		text string
		v    domain.ViolationType
		want bool
	}{
		// English "a ... b" with the words adjacent
		{"GapAdjacentEN", US, "The collector started to threaten my life.", domain.ViolationThreat, true},
		// contractions written without apostrophe or tokenised
		{"DontEN", US, "This is a debt I dont owe.", domain.ViolationDebtDispute, true},
		{"DoNtEN", US, "This is a debt I do n't owe.", domain.ViolationDebtDispute, true},
		{"ThreatenToSueEN", US, "The collector threatened to sue me.", domain.ViolationThreat, false},
		{"VeiledAccidentEN", US, "He said an accident might happen to my kids if I do not pay.", domain.ViolationThreat, true},
		{"VeiledZH", CN, "催收员说你最好小心点，出了事别怪我们。", domain.ViolationThreat, true},
		{"WeaponPictureZH", CN, "他们给我发了一张刀的照片。", domain.ViolationThreat, true},
		// classes, lists, suffixes
		{"KinSuffixZH", CN, "催收打电话给我外婆。", domain.ViolationThirdPartyContact, true},
		{"FormerBossZH", CN, "他们联系了我的前领导。", domain.ViolationThirdPartyContact, true},
		{"CounsellorZH", CN, "催收员找到我的辅导员。", domain.ViolationThirdPartyContact, true},
		{"ListZH", CN, "他们打给我爸妈、老婆还有领导。", domain.ViolationThirdPartyContact, true},
		{"ContactsListVariantZH", CN, "逾期两天就爆我通讯录。", domain.ViolationThirdPartyContact, true},
		{"ParentsGroupIsNotVisitZH", CN, "他们把截图发到我家长群。", domain.ViolationVisitHarassment, false},
		{"AdverbsZH", CN, "这笔钱我早就都还清了。", domain.ViolationDebtDispute, true},
		// normalisation: traditional characters, spaces and emoji inside words, abbreviations
		{"TraditionalZH", CN, "他們威脅要殺了我全家。", domain.ViolationThreat, true},
		{"SpacedZH", CN, "他们 爆 通 讯 录 了。", domain.ViolationThirdPartyContact, true},
		{"SpaceAsCommaZH", CN, "资金紧张 暂时无法处理 打家里电话 目前暂时无法处理", domain.ViolationThirdPartyContact, true},
		{"SpacedListZH", CN, "无休止的骚扰电话 家里  单位  同事  朋友  都一一接到过", domain.ViolationThirdPartyContact, true},
		{"EmojiZH", CN, "对方说要弄😡死我。", domain.ViolationThreat, true},
		{"FullWidthEN", US, "They threatened to ｋｉｌｌ ｍｅ.", domain.ViolationThreat, true},
		{"AbbreviationZH", CN, "cs冒充jc给我打电话。", domain.ViolationFalseRepresentation, true},
		// times and counts against the pack's hours and caps
		{"NightClockZH", CN, "晚上11:30还在打电话催款。", domain.ViolationImproperHours, true},
		{"EarlyZH", CN, "凌晨四点多打电话给我。", domain.ViolationImproperHours, true},
		{"DaytimeZH", CN, "下午三点打电话给我。", domain.ViolationImproperHours, false},
		{"HolidayClassZH", CN, "大年初二打电话催款。", domain.ViolationImproperHours, true},
		{"StillAtElevenZH", CN, "11:30还在打电话。", domain.ViolationImproperHours, true},
		{"BareElevenZH", CN, "11点打电话给我。", domain.ViolationImproperHours, false},
		{"DawnWordsZH", CN, "凌晨发消息催款。", domain.ViolationImproperHours, true},
		{"AllNightZH", CN, "一晚上都在打，睡不着。", domain.ViolationImproperHours, true},
		{"PeriodApartZH", CN, "每天晚上都是十一点以后才打。", domain.ViolationImproperHours, true},
		{"EveningNineZH", CN, "每天晚上都是九点打。", domain.ViolationImproperHours, false},
		{"MidnightElevenZH", CN, "半夜11点多还在给我发微信。", domain.ViolationImproperHours, true},
		{"BombardedLateZH", CN, "现在已经晚上11:30了，他们还在轰炸我。", domain.ViolationImproperHours, true},
		{"VoiceAtDawnZH", CN, "凌晨四点多收到一条语音。", domain.ViolationImproperHours, true},
		{"HourRangeZH", CN, "每天早上6、7点就打电话。", domain.ViolationImproperHours, true},
		{"EveningRangeZH", CN, "晚上十点到十二点一直打。", domain.ViolationImproperHours, true},
		{"DaytimeRangeZH", CN, "早上9点到11点打电话。", domain.ViolationImproperHours, false},
		{"DotClockZH", CN, "晚上11.30还在打电话。", domain.ViolationImproperHours, true},
		{"RateIsNoClockZH", CN, "利率23.50%，天天打电话。", domain.ViolationImproperHours, false},
		// contact against a refusal or an unsubscribe
		{"RefusedThenBlastedZH", CN, "本人明确拒绝后，就私自爆我通讯录好友。", domain.ViolationContactAfterStop, true},
		{"UnsubscribedZH", CN, "每次T定每次发信息。", domain.ViolationContactAfterStop, true},
		{"AgainstWishTypoZH", CN, "工作人员也不顾我得阻拦，一直对我的家人进行骚扰。", domain.ViolationContactAfterStop, true},
		{"OnlyIfMissingZH", CN, "明确告知平台只有在本人失联时才可以联系紧急联系人，但催收还一直找到家里来。", domain.ViolationContactAfterStop, true},
		{"AskedServiceToStopZH", CN, "多次打电话反馈银行客服，要求停止暴力催收行为，没改变。", domain.ViolationContactAfterStop, true},
		// omissions stated by negation, collectors who will not say who they are, disputes as written
		{"NoAmountInMessageZH", CN, "信息里连欠款金额都没有。", domain.ViolationMissingDisclosure, true},
		{"NoSumSaidZH", CN, "发的信息说我逾期，没有说多少钱。", domain.ViolationMissingDisclosure, true},
		{"ContractUnviewableZH", CN, "系统上合同也无法正常查看。", domain.ViolationMissingDisclosure, true},
		{"NoRateInContractZH", CN, "借款合同中没有明确年利率计算公式。", domain.ViolationMissingDisclosure, true},
		{"NoMoneyIsNoOmissionZH", CN, "我连还款的金额都没有。", domain.ViolationMissingDisclosure, false},
		{"WhichCompanyRefusedZH", CN, "问第三方催收人员，是哪家公司委托催收，也不说。", domain.ViolationUnidentifiedCollector, true},
		{"WillNotStateIdentityZH", CN, "对方一直不愿意表明身份。", domain.ViolationUnidentifiedCollector, true},
		{"HiredThugsZH", CN, "银行委托社会人士暴力催收。", domain.ViolationUnidentifiedCollector, true},
		{"SettledOnDateZH", CN, "借款我已2021年11月6日已结清，还在催我还款。", domain.ViolationDebtDispute, true},
		{"MadeToAdmitZH", CN, "打电话给我就是一直要我承认办理过他们的业务。", domain.ViolationDebtDispute, true},
		{"FraudulentAccountEN", US, "They keep trying to collect on a fraudulent account.", domain.ViolationDebtDispute, true},
		{"NoResponsibilityEN", US, "I told him I am not taking responsibility for the debt.", domain.ViolationDebtDispute, true},
		{"CountZH", CN, "三天两百多条短信。", domain.ViolationExcessiveContact, true},
		{"TwentyOddZH", CN, "一天内就有20几个电话。", domain.ViolationExcessiveContact, true},
		{"LeadingZeroClockZH", CN, "06:30就打电话来了。", domain.ViolationImproperHours, true},
		{"EarlyShortZH", CN, "早6点打电话催款。", domain.ViolationImproperHours, true},
		{"MorningTenZH", CN, "早10点打电话。", domain.ViolationImproperHours, false},
		{"TimesThisWeekEN", US, "They have called me over 30 times this week.", domain.ViolationExcessiveContact, true},
		{"CountLowZH", CN, "一天打了2个电话。", domain.ViolationExcessiveContact, false},
		{"TimesADayEN", US, "They call me 4 times a day.", domain.ViolationExcessiveContact, true},
		{"EveryTwoHoursEN", US, "They call every two hours.", domain.ViolationExcessiveContact, true},
		{"LateEN", US, "They called me at 11:30 pm.", domain.ViolationImproperHours, true},
		// clauses joined
		{"TellBossEN", US, "They contacted my boss and told him that I don't pay my bills.", domain.ViolationPrivacyDisclosure, true},
		{"TellParentsZH", CN, "他们给我父母打电话，说我欠钱不还。", domain.ViolationPrivacyDisclosure, true},
		{"StopThenContactEN", US, "I asked them in writing to stop calling. They still call me daily.", domain.ViolationContactAfterStop, true},
		{"StopThenContactZH", CN, "我已经明确要求他们不要再打给我家人。但他们还是继续打。", domain.ViolationContactAfterStop, true},
		{"ToldColleagueZH", CN, "他们跟我同事说我是老赖。", domain.ViolationPrivacyDisclosure, true},
		{"BorrowedFromColleagueZH", CN, "我跟同事借钱还了一部分。", domain.ViolationPrivacyDisclosure, false},
		{"MessageToParentZH", CN, "我爸收到短信：你儿子欠款不还，请督促他还款。", domain.ViolationPrivacyDisclosure, true},
		{"SentToFriendsZH", CN, "把我的身份证照片发给了我所有的微信好友。", domain.ViolationThirdPartyContact, true},
		{"NoRelationZH", CN, "本人未与这家公司有任何业务来往。", domain.ViolationDebtDispute, true},
		{"IdentityUsedZH", CN, "这笔贷款是别人用我身份证办的。", domain.ViolationDebtDispute, true},
		{"NotCreditedZH", CN, "明明已经还了3000，账单上还是显示没还。", domain.ViolationDebtDispute, true},
		{"AuntInLawZH", CN, "他们打给我舅妈、表姐还有我以前的房东，说我借钱跑路了。", domain.ViolationPrivacyDisclosure, true},
		{"WorkshopHeadZH", CN, "催收给我们车间主任打电话。", domain.ViolationThirdPartyContact, true},
		{"WholeFactoryKnowsZH", CN, "现在我们整个厂都知道我欠网贷了。", domain.ViolationThirdPartyContact, true},
		{"RelativeAsksIfSomethingHappenedZH", CN, "我小姨打电话问我是不是出什么事了。", domain.ViolationThreat, false},
		{"HearsayThenOwnCaseZH", CN, "网上有人说这家催收会上门，我没遇到，不过他们每天给我打十来个电话是真的。", domain.ViolationExcessiveContact, true},
		{"HearsayOnlyZH", CN, "网上有人说这家催收会上门。", domain.ViolationVisitHarassment, false},
		{"LawyerThenCallsZH", CN, "我把律师的联系方式给了他们，说以后找律师谈，他们照样每天打我电话。", domain.ViolationContactAfterStop, true},
		{"PersonalAlipayZH", CN, "让我把钱转到一个私人支付宝账号上。", domain.ViolationMissingDisclosure, true},
		{"DebtorIsExHusbandZH", CN, "欠款的是我前夫，现在天天打给我。", domain.ViolationDebtDispute, true},
		{"VoicemailNeighborEN", US, "A collector left a voicemail on my neighbor's phone.", domain.ViolationThirdPartyContact, true},
		{"RepresentedThenContactEN", US, "My attorney notified them that I am represented, but they keep contacting me directly.", domain.ViolationContactAfterStop, true},
		{"WatchYourBackEN", US, "He said I should watch my back.", domain.ViolationThreat, true},
		{"RightToDisputeStatedEN", US, "I received a letter with the balance and my right to dispute within 30 days.", domain.ViolationMissingDisclosure, false},
		{"WayHomeZH", CN, "催收发消息说“晚上回家路上注意点，别怪我没提醒你”。", domain.ViolationThreat, true},
		{"WaitAtDoorZH", CN, "我们的人明天就去你公司门口等你。", domain.ViolationThreat, true},
		{"SelfClaimedPoliceZH", CN, "打电话的人说自己是派出所的民警。", domain.ViolationFalseRepresentation, true},
		{"FakeSealZH", CN, "所谓的律师函上面连律所的章都是假的。", domain.ViolationFalseRepresentation, true},
		{"ForcedMembershipZH", CN, "放款前强制让我买了一份998的会员，不买就不放款。", domain.ViolationUnlawfulFees, true},
		{"BorrowedFromDadZH", CN, "我自己给我爸打电话借了两千先还上了。", domain.ViolationThirdPartyContact, false},
		{"FilledInContactZH", CN, "借款的时候我填了我妈做紧急联系人。", domain.ViolationThirdPartyContact, false},
		{"WorkForbiddenThenWorkCallEN", US, "I told them my employer does not allow personal calls, yet they called my work line again the next day.", domain.ViolationContactAfterStop, true},
		{"RequestRefusedZH", CN, "借款合同在APP里一直打不开，联系客服要纸质合同，说不提供。", domain.ViolationMissingDisclosure, true},
		{"RecycledNumberZH", CN, "这个号码是我去年新办的，天天有人打来找一个叫李某的人要钱。", domain.ViolationDebtDispute, true},
		{"CompanyNotFoundZH", CN, "自称是某某资产管理公司的，我上网查了根本查不到这家公司。", domain.ViolationUnidentifiedCollector, true},
		{"WonderIfScamZH", CN, "我都不知道是不是骗子。", domain.ViolationAbusiveLanguage, false},
		{"WeChatToFriendZH", CN, "给我朋友发微信说我借钱不还。", domain.ViolationPrivacyDisclosure, true},
		{"ContractToHusbandZH", CN, "他们给我老公发了我的借款合同。", domain.ViolationPrivacyDisclosure, true},
		{"VillageKnowsZH", CN, "往我老家寄律师函，村里人都知道了。", domain.ViolationPrivacyDisclosure, true},
		{"OwnWeChatToFriendZH", CN, "我给我朋友发微信借钱。", domain.ViolationThirdPartyContact, false},
		{"RefusedThenContactZH", CN, "我明确拒绝他们联系我家人，可他们还是联系了。", domain.ViolationContactAfterStop, true},
		{"NotFamilyThenMumZH", CN, "我说有事找我，别找我家人，结果他们转头就给我妈打电话。", domain.ViolationContactAfterStop, true},
		{"IgnoredWrittenNoticeZH", CN, "我已书面通知他们停止电话催收，他们无视继续打。", domain.ViolationContactAfterStop, true},
		{"OnlyMeThenBrotherZH", CN, "跟催收员讲清楚了只和我本人联系，他却去找我哥。", domain.ViolationContactAfterStop, true},
		{"RefusedInstalmentsZH", CN, "拒绝协商还款，还是天天打。", domain.ViolationContactAfterStop, false},
		{"AskedNameRefusedZH", CN, "问他叫什么名字，他说你别管。", domain.ViolationUnidentifiedCollector, true},
		{"AskedNameToldZH", CN, "我问他叫什么，他说姓王。", domain.ViolationUnidentifiedCollector, false},
		{"BreakdownWithheldZH", CN, "问欠款明细，说不方便透露。", domain.ViolationMissingDisclosure, true},
		{"PaidNotReceivedZH", CN, "我的还款记录显示已还，他们还说没收到。", domain.ViolationDebtDispute, true},
		// a count over a span of clock times is that day's least total, and the span's ends are times
		{"SpanCountZH", CN, "从晚上十点半到凌晨一点打了七个电话。", domain.ViolationExcessiveContact, true},
		{"SpanHoursZH", CN, "从晚上十点半到凌晨一点打了七个电话。", domain.ViolationImproperHours, true},
		{"SpanBetweenZH", CN, "凌晨一点到三点之间打了十几个电话。", domain.ViolationExcessiveContact, true},
		{"SpanBareHoursZH", CN, "十点半到一点打了七个电话。", domain.ViolationExcessiveContact, true},
		{"SpanTotalAfterCommaZH", CN, "从10点到12点，一共打了8个电话。", domain.ViolationExcessiveContact, true},
		{"SpanFewCallsZH", CN, "下午两点到三点打了3个电话。", domain.ViolationExcessiveContact, false},
		{"SpanAnHourZH", CN, "两个小时打了二十多个。", domain.ViolationExcessiveContact, true},
		// "过了十点" is after ten, "不到七点" before seven; kept from sleep is contact
		{"PastTenZH", CN, "过了十点还打电话。", domain.ViolationImproperHours, true},
		{"PastEveningTenZH", CN, "过了晚上十点还在打。", domain.ViolationImproperHours, true},
		{"BeforeSevenZH", CN, "早上不到七点就打来。", domain.ViolationImproperHours, true},
		{"BeforeNineEveningZH", CN, "晚上不到九点打电话。", domain.ViolationImproperHours, false},
		{"AtTenZH", CN, "晚上10点打电话。", domain.ViolationImproperHours, false},
		{"KeptAwakeZH", CN, "晚上十二点还不让人睡觉。", domain.ViolationImproperHours, true},
		{"AbuseOnAnswerZH", CN, "一接就骂。", domain.ViolationAbusiveLanguage, true},
		{"NeighbourToldDeadbeatEN", US, "The collector told my neighbor I was a deadbeat who owes money.", domain.ViolationPrivacyDisclosure, true},
		{"ParentsHouseEN", US, "Someone from the agency came to my parents' house looking for me.", domain.ViolationVisitHarassment, true},
		{"LetterThenMoreCallsEN", US, "I sent a letter asking them to stop contacting me. They called three more times this week.", domain.ViolationContactAfterStop, true},
		{"AfterCeaseLetterEN", US, "Even after my cease letter they kept texting me.", domain.ViolationContactAfterStop, true},
		{"TextsToMomEN", US, "They sent texts to my mom saying I owe them.", domain.ViolationPrivacyDisclosure, true},
		{"CounsellorPrefixZH", CN, "打给我的大学辅导员。", domain.ViolationThirdPartyContact, true},
		{"MotherInLawAnsweredZH", CN, "我婆婆接了十几个催收电话。", domain.ViolationThirdPartyContact, true},
		{"EvenGrandmaZH", CN, "他们连我八十岁的奶奶都打。", domain.ViolationThirdPartyContact, true},
		{"AtMumsHomeZH", CN, "去我妈家里打听我。", domain.ViolationVisitHarassment, true},
		{"IAnsweredZH", CN, "我接了他们的电话。", domain.ViolationThirdPartyContact, false},
		// omissions stated by negation are violations
		{"NeverSentValidationEN", US, "They never sent validation of the debt.", domain.ViolationMissingDisclosure, true},
		{"NoAmountZH", CN, "信息里连欠款金额都没有。", domain.ViolationMissingDisclosure, true},
		// scopes: a question lowers its last clause only, a rhetorical one nothing; an act announced
		// ("说要", "不还就", "threatened to") is not an act done; "without consent" is no negation
		{"QuestionLastClauseZH", CN, "他们还联系我朋友，现在弄得我里外不是人，我哪里是故意不还吗？", domain.ViolationThirdPartyContact, true},
		{"RhetoricalQuestionZH", CN, "爆我通讯录就没人管吗？", domain.ViolationPrivacyDisclosure, true},
		{"RhetoricalQuestionEN", US, "How can they call my mother and my boss about my debt?", domain.ViolationThirdPartyContact, true},
		{"GenuineQuestionZH", CN, "逾期了他们会不会联系我家人？", domain.ViolationThirdPartyContact, false},
		// a question complete in itself ("到底是谁？") leaves the statement before it; a question that
		// takes the words before it as its topic ("我的号码你们是怎么得到的？") does not
		{"QuestionTagZH", CN, "他们打电话给我爸妈说我欠钱不还你们到底是谁？", domain.ViolationThirdPartyContact, true},
		{"QuestionTopicZH", CN, "我的个人号码你们又是怎么得到的？", domain.ViolationUnidentifiedCollector, false},
		{"WhoAreYouZH", CN, "一开始说是银行的，后来又说是律所的，到底是谁？", domain.ViolationUnidentifiedCollector, true},
		// 会 after a habit (每次, 经常) tells what they do, not what they announce
		{"HabitWillZH", CN, "每次逾期他们就会打给我家人。", domain.ViolationThirdPartyContact, true},
		{"HabitAnyTimeZH", CN, "他们动不动就会打给我同事。", domain.ViolationThirdPartyContact, true},
		{"FutureIfZH", CN, "如果以后我的家人知道这件事，我会追究。", domain.ViolationPrivacyDisclosure, false},
		// fees: a stated rate above the cap, repaid above the principal, interest as a share of it
		{"RateAboveCapZH", CN, "这个平台利率达35.5%。", domain.ViolationUnlawfulFees, true},
		{"RateLawfulZH", CN, "年利率为15%，我一直按时还款。", domain.ViolationUnlawfulFees, false},
		{"RepaidAbovePrincipalZH", CN, "还款金额已经超出本金五千多元。", domain.ViolationUnlawfulFees, true},
		{"InterestHalfPrincipalZH", CN, "利息都差不多是本金的一半了。", domain.ViolationUnlawfulFees, true},
		{"CannotAffordZH", CN, "目前根本不可能支付得起如此高昂的费用。", domain.ViolationUnlawfulFees, false},
		// a request to stop, then ignored; collectors who will not say who they are
		{"StopIgnoredZH", CN, "我请求他们停止骚扰，但是没用。", domain.ViolationContactAfterStop, true},
		{"StopNotHeardZH", CN, "我让他们不要打扰我父母，他们根本不听。", domain.ViolationContactAfterStop, true},
		{"SaidInVainZH", CN, "说了也没用。", domain.ViolationContactAfterStop, false},
		{"AskedWhichFirmZH", CN, "问他哪个律所又说不出来。", domain.ViolationUnidentifiedCollector, true},
		{"AskedWhereFromZH", CN, "问他是哪里的，直接挂断了。", domain.ViolationUnidentifiedCollector, true},
		{"AskedWhenToPayZH", CN, "我问他什么时候还款，他说不知道。", domain.ViolationUnidentifiedCollector, false},
		{"AskedForBadgeZH", CN, "问他要工作证，他说没有。", domain.ViolationUnidentifiedCollector, true},
		{"CompanyNotSaidZH", CN, "对方只说是平台的，具体哪个公司不说。", domain.ViolationUnidentifiedCollector, true},
		{"CalledBackEmptyZH", CN, "号码打回去是空号。", domain.ViolationUnidentifiedCollector, true},
		{"HiddenNumberZH", CN, "来电显示是未知号码。", domain.ViolationUnidentifiedCollector, true},
		{"NotEvenNameZH", CN, "对方连自己姓什么都不说。", domain.ViolationUnidentifiedCollector, true},
		// what the debtor was not given: the sum, the creditor, a written notice, the contract
		{"SumNotSaidZH", CN, "只说我逾期了，没说欠多少。", domain.ViolationMissingDisclosure, true},
		{"CreditorUnknownZH", CN, "我都不知道欠的是哪家的钱。", domain.ViolationMissingDisclosure, true},
		{"SumKnownZH", CN, "我知道欠了多少。", domain.ViolationMissingDisclosure, false},
		{"OnlyALinkZH", CN, "只发了一个链接让我还款。", domain.ViolationMissingDisclosure, true},
		{"PersonalAccountZH", CN, "他们给的还款账户是个人的。", domain.ViolationMissingDisclosure, true},
		{"BreakdownNeverSentZH", CN, "要求他们发还款明细，一直不发。", domain.ViolationMissingDisclosure, true},
		{"NoNoticeFreezeZH", CN, "没有任何通知，今天银行卡被冻结了。", domain.ViolationMissingDisclosure, false},
		{"NeverSawContractZH", CN, "从来没见过合同。", domain.ViolationMissingDisclosure, true},
		// disputes: paid long ago (not part of it), not the borrower, borrowed less than claimed
		{"PaidLongAgoZH", CN, "这笔钱我早就还了。", domain.ViolationDebtDispute, true},
		{"PaidHalfZH", CN, "这笔钱我早就还了一半。", domain.ViolationDebtDispute, false},
		{"BorrowerNotMeZH", CN, "借款人不是我。", domain.ViolationDebtDispute, true},
		{"BorrowedLessZH", CN, "我只借了5000，他们说我欠20000。", domain.ViolationDebtDispute, true},
		{"BorrowedThenRepaidZH", CN, "我只借了5000，现在还了3000。", domain.ViolationDebtDispute, false},
		{"PrepaidStillDebitedZH", CN, "提前还清了还在扣款。", domain.ViolationDebtDispute, true},
		{"AnnouncedBlastZH", CN, "催收说要爆通讯录。", domain.ViolationPrivacyDisclosure, false},
		{"ConditionalContactZH", CN, "他说不还钱就联系我家人。", domain.ViolationThirdPartyContact, false},
		{"AnnouncedEmployerEN", US, "The collector threatened to call my employer.", domain.ViolationThirdPartyContact, false},
		{"WithoutConsentZH", CN, "没经过我同意骚扰我家人。", domain.ViolationThirdPartyContact, true},
		{"NotAgainZH", CN, "不要再爆我通讯录了。", domain.ViolationThirdPartyContact, true},
		// questions and topic words stay below the threshold
		{"QuestionFeeZH", CN, "提前还款收不收违约金?", domain.ViolationUnlawfulFees, false},
		{"TopicFeeZH", CN, "手续费", domain.ViolationUnlawfulFees, false},
		{"TopicLetterZH", CN, "律师函", domain.ViolationFalseRepresentation, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := find(t, tc.j, tc.text, tc.v)
			got := ok && f.Confidence >= domain.RoutingConfidence
			if got != tc.want {
				t.Errorf("%q: %s flagged = %v (finding %+v), want %v", tc.text, tc.v, got, f, tc.want)
			}
		})
	}
}

// TestEvidenceKeepsRuleLawAndOriginalText checks that evidence names the rule and the law and
// points at the text as written, before normalisation.
func TestEvidenceKeepsRuleLawAndOriginalText(t *testing.T) {
	text := "昨天 他們 威 脅 要殺了我。"
	f, ok := find(t, CN, text, domain.ViolationThreat)
	if !ok {
		t.Fatal("no THREAT")
	}
	for _, e := range f.Evidence {
		if e.Rule == "" || !strings.HasPrefix(e.Rule, "THREAT.") {
			t.Errorf("rule %q, want a THREAT rule id", e.Rule)
		}
		if e.Law == "" || !strings.Contains(e.Law, "第") {
			t.Errorf("law %q, want a law with its article", e.Law)
		}
		if got := string([]rune(text)[e.Start:e.End]); got != e.Phrase {
			t.Errorf("phrase %q is not the original text at %d–%d (%q)", e.Phrase, e.Start, e.End, got)
		}
	}
	// every built-in legal reference names its article
	for _, j := range []Jurisdiction{CN, US} {
		for v, vr := range mustPack(t, j).Violations {
			for _, l := range vr.Legal {
				if l.Article == "" {
					t.Errorf("%s %s cites %s without an article", j, v, l.Law)
				}
			}
		}
	}
	// calls at work cite the workplace section, not the third-party one
	p := mustPack(t, US)
	a := p.Assess(Facts{Narrative: "They keep calling me at work."})
	if a.Has(domain.ViolationThirdPartyContact) {
		t.Errorf("calls at work found as third-party contact: %+v", a.Violations)
	}
	for _, fd := range a.Violations {
		for _, e := range fd.Evidence {
			if strings.Contains(e.Law, "1692c(b)") {
				t.Errorf("calls at work cite %s", e.Law)
			}
		}
	}
}

// TestDismissedHitsReachTheAssessment checks that negated and excepted hits are kept with their
// reason, up to the domain assessment routing stores.
func TestDismissedHitsReachTheAssessment(t *testing.T) {
	p := mustPack(t, US)
	a := p.Judge(Facts{Narrative: "They never threatened me. The collector threatened me with a lawsuit."}, "", time.Now())
	reasons := map[string]bool{}
	for _, d := range a.Dismissed {
		if d.Type == "" || d.Evidence.Rule == "" || d.Evidence.Phrase == "" {
			t.Errorf("dismissed %+v lacks its type, rule or phrase", d)
		}
		reasons[strings.Fields(d.Reason)[0]] = true
	}
	if !reasons["negated"] || !reasons["exception:"] {
		t.Errorf("dismissed %+v, want a negated and an excepted hit", a.Dismissed)
	}
	if slices.ContainsFunc(a.Violations, func(v domain.SuggestedViolation) bool { return v.Type == domain.ViolationThreat }) {
		t.Errorf("THREAT found in %+v", a.Violations)
	}
}

// TestHearsayNeverRaisesSeverity checks that what happened to someone else is not ranked as the
// complainant's case, and that veiled threats are URGENT with a police referral.
func TestHearsayNeverRaisesSeverity(t *testing.T) {
	now := time.Now()
	p := mustPack(t, CN)
	a := p.Judge(Facts{Narrative: "听朋友说，催收的人威胁要弄死他全家。"}, "", now)
	if a.Severity != domain.PriorityNormal || a.SuggestedReferral != "" {
		t.Errorf("hearsay ranked %s with referral %q", a.Severity, a.SuggestedReferral)
	}
	us := mustPack(t, US)
	a = us.Judge(Facts{Narrative: "I heard online that this agency threatened to kill a borrower."}, "", now)
	if a.Severity != domain.PriorityNormal {
		t.Errorf("hearsay EN ranked %s", a.Severity)
	}
	for _, tc := range []struct {
		p    *Pack
		text string
	}{
		{p, "催收说让我晚上走路小心点，出了事别怪他们。"},
		{p, "对方发来一张菜刀的照片，说知道我家住在哪。"},
		{us, "He said he knows where I live and that accidents happen."},
	} {
		a := tc.p.Judge(Facts{Narrative: tc.text}, "", now)
		if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice {
			t.Errorf("%q: severity %s referral %q, want URGENT with POLICE", tc.text, a.Severity, a.SuggestedReferral)
		}
	}
}

// TestPatternSyntax: character classes, escapes and counted repetitions are regular expression
// syntax inside plain patterns, not literal text.
func TestPatternSyntax(t *testing.T) {
	for pat, cases := range map[string]map[string]bool{
		"初[一二三]":           {"初二": true, "初[一二三]": false},
		"本金的[0-9]{1,2}倍":   {"本金的3倍": true, "本金的倍": false},
		"(电话|短信)(\\+|和)短信": {"电话+短信": true, "电话\\+短信": false},
	} {
		re, err := compilePattern(pat, "zh", 6, nil)
		if err != nil {
			t.Fatalf("%s: %v", pat, err)
		}
		for text, want := range cases {
			if got := re.MatchString(text); got != want {
				t.Errorf("%s on %q: %v, want %v", pat, text, got, want)
			}
		}
	}
	if _, err := compilePattern("初[一二", "zh", 6, nil); err == nil {
		t.Error("an unbalanced [ compiles")
	}
}

func TestParseNum(t *testing.T) {
	for in, want := range map[string]float64{"11": 11, "四": 4, "十一": 11, "两百": 200, "三十": 30, "十几": 12, "二三十": 20, "一百二十": 120, "几十": 20, "20几": 20} {
		if got, ok := parseNum(in); !ok || got != want {
			t.Errorf("parseNum(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	if _, ok := parseNum("个"); ok {
		t.Error("parseNum(个) is a number")
	}
}

func TestNormalizeOffsets(t *testing.T) {
	p := mustPack(t, CN)
	n := p.normalize("催 收\u200b員 說 I DONT")
	if !strings.Contains(n.text, "催收员说") || !strings.Contains(n.text, "don't") {
		t.Fatalf("normalised %q", n.text)
	}
	rs := []rune(n.text)
	i := strings.Index(n.text, "催收员说")
	s := len([]rune(n.text[:i]))
	os, oe := n.span(s, s+4)
	if got := string(n.orig[os:oe]); got != "催 收\u200b員 說" {
		t.Errorf("span of %q maps to %q", string(rs[s:s+4]), got)
	}
}
