package rules

import "testing"

// TestSession27ZhweakMechanisms: session 27 (zhweak), the Chinese ABUSIVE_LANGUAGE,
// FALSE_REPRESENTATION and PRIVACY_DISCLOSURE misses and the false flag of the second independent
// writer's texts (blind-s26/zh.txt, folded as batch A zht-4600…4709), each as its mechanism in fresh
// words: a masked insult (你个死**); vice or sex charged to the debtor or the family (说我在外面嫖娼,
// 你老婆在外面偷人, 钱都花在小白脸身上); a photo made a wanted poster; illness scorned (住院又不是死了);
// a case said to be handed to the police with the place between; investigators said to come to the
// domicile; the collector posing as the debtor; a caller first posing as a utility or a courier and
// later owning to collecting; a summons the complainant verified; a sheet posted with the debt written
// on it in the next clause; someone else sought at the complainant's line and the debt told; a third
// party told that nothing was paid; and three false flags: a collector's manager (催收经理) read as
// 催 + a third party, a friend speaking in a group read as a posting, the name on pictures sent to the
// debtor alone read as disclosure; and 不如 ("还不如死了算了") read as a negation, found on batch B. Guards: the same words where nothing is violated.
func TestSession27ZhweakMechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"MaskedInsult", "电话一通那人就来了句你个死**，赶紧还钱", abuse, none},
		{"ViceCharged", "催收打给我舅舅，说我在外面嫖娼才欠的钱", abuse, none},
		{"KinViceCharged", "他们给我老公打电话，说你老婆在外面偷人", abuse, none},
		{"MoneyOnLovers", "还跟我妈讲我借的钱全都花在小白脸身上", abuse, none},
		{"WantedPoster", "他们把我的身份证照片弄成通缉令的样子发到群里", abuse, none},
		{"IllnessScorned", "我说我在做化疗，他说化疗又不是死了", abuse, none},
		{"CaseHandedToPolice", "短信说你的案子已经移送至本市公安局刑侦大队", falseRep, none},
		{"InvestigatorsToDomicile", "短信说下周派人到你户籍所在地进行实地取证", falseRep, none},
		{"CollectorPosesAsDebtor", "催收冒用我的身份加我同学微信借钱", falseRep, none},
		{"PretextThenCollector", "那人开始说是顺丰的快递员，问我住哪栋楼。后来才承认他是催收公司的", falseRep, none},
		{"NotePosted", "临走在门上贴了一张纸条 上面写着欠款人李某某请尽快还款", privacy, none},
		{"SoughtAndTold", "我们店里的座机天天有人打来找她 说她欠款不还", privacy, none},
		{"ToldNothingPaid", "他们打给我岳母 说我一分钱都没还", privacy, none},
		{"CollectorsManagerIsNoThirdParty", "催收经理打电话给我说今天必须还", none, third},
		{"FriendSpeaksInGroup", "我朋友在群里说他的催收要去他家砸门", none, third},
		{"NameOnPicturesSentToMe", "催收的每天给我发一些很恶心的图片 有棺材 有花圈 上面还写着我的名字", none, privacy},
		{"BuruIsNoNegation", "催收说像你这样的人还不如死了算了", abuse, none},
		// guards
		{"PlaceholderPlatform", "你个xx平台的客服怎么还不回我", none, abuse},
		{"OwnDenialOfVice", "我跟催收说我不赌博不吸毒，借钱是给我妈看病", none, abuse},
		{"PartnerConfessed", "我老公跟我坦白说他在外面赌博欠了钱", none, abuse},
		{"MoneyOnChildren", "我老公把钱都花在孩子身上了", none, abuse},
		{"NotAWantedMan", "我又不是通缉犯，凭什么天天追着我", none, abuse},
		{"ReliefNobodyDied", "还好只是小车祸，人又没死，就是要住院一段时间", none, abuse},
		{"OwnReportToPolice", "我已经把材料提交到派出所了，准备报案", none, falseRep},
		{"LawfulReferralToCourt", "平台说协商不成就把案件移交给法院处理", none, falseRep},
		{"DomicileForID", "派出所让我回户籍所在地办身份证", none, falseRep},
		{"IdentityTheftByOthers", "有人冒充我的身份在网上借了贷款，我已经报警", none, falseRep},
		{"PretextNoCollector", "一开始说是快递，后来才知道是我老公的朋友", none, falseRep},
		{"VerifiedSummons", "法院寄来了传票，上面有案号，我在网上也查到了立案信息，想问能不能调解", none, falseRep},
		{"WaterNotice", "门上贴了一张纸 写着下周二停水", none, privacy},
		{"OwnNotice", "我在门口贴了张纸 写着请勿打扰", none, privacy},
		{"SoughtForParcel", "有人打电话来找她，说她的快递到了", none, privacy},
		{"OwnToldFather", "我跟我爸说我一分没还，他很生气", none, privacy},
		{"ManagerCallsBoss", "催收经理打电话给我们领导说我欠钱", third, none},
		{"CollectorSpeaksInGroup", "催收在我们家族群里说我欠钱不还", third, none},
		{"NameOnBanner", "他们在我们小区门口拉横幅 上面写着我的名字", privacy, none},
	})
}
