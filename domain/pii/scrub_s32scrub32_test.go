package pii

import "testing"

// Session 32 (scrub32): the review's leftovers of session 31 and what probing found. Each leak case
// names the part of the input that must not be published; each kept text must come back as written.

// A Chinese name written with a space between the surname and the given name, after a label or a
// self-introduction, or before "is my name" / 是我的名字.
func TestScrubS32SpacedChineseNames(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"我是张 三，欠了钱", "三"},
		{"张 三 is my name", "三"},
		{"借款人 张 三", "三"},
		{"我叫李 明", "明"},
		{"联系人 张 三 电话", "三"},
		{"我是欧阳 娜娜，", "娜娜"},
		{"我妈王 秀英经常被骚扰", "秀英"},
		{"王秀英是我的名字", "秀英"},
	})
	scrubKeeps(t, "我是 高中生", "借款人 已经 还款", "我叫 他们 别打了")
}

// A name in Latin letters after a Chinese self-introduction (我是Zhang San, 本人 Li Ming).
func TestScrubS32LatinNameAfterChineseIntroduction(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"我是Zhang San，借了钱", "San"},
		{"我是 Li Ming", "Ming"},
		{"本人Zhang San，身份证丢了", "Zhang"},
		{"我是John Smith，在美国", "Smith"},
		{"我是zhang san，借了钱", "zhang"},
	})
	scrubKeeps(t, "我是Capital One的客户", "我是Apple Store的员工", "我是VIP会员", "我是App用户", "本人QQ被盗")
}

// English self-introductions and names said to be names, whatever their case.
func TestScrubS32EnglishSelfIntroductions(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"I am John Smith and I owe nothing", "Smith"},
		{"I'm John Smith", "Smith"},
		{"my name is john smith", "smith"},
		{"This is Mary-Ann O'Neil calling about my account", "O'Neil"},
		{"This is John Smith.", "Smith"},
		{"Call me John Smith", "Smith"},
		{"my son's name is Kevin Li", "Kevin"},
		{"my mom's name is Ana Lopez", "Lopez"},
		{"her name is maria garcia", "garcia"},
	})
	scrubKeeps(t, "I am very angry about this", "I am Very Angry", "I am writing to complain about Capital One",
		"This is the third time they called", "This is Wells Fargo's collection department",
		"My name is on the account but I never opened it", "my name is not on the loan", "This is Mary's account",
		"I'm sorry but this is wrong", "I am Chase Bank's customer", "I'm John's wife", "This Is Not Fair",
		"I am Home Depot's customer", "This is Discover Card calling")
}

// A relative's name in English after the kinship word: lower case, or the given name alone.
func TestScrubS32EnglishRelativesNames(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"My sister jane doe was called", "jane"},
		{"My husband John and I were called", "John"},
		{"my daughter Emily was harassed at school", "Emily"},
		{"my brother michael got the calls", "michael"},
	})
	scrubKeeps(t, "My sister and I were both called", "my husband and I paid off the loan", "my sister lives in Ohio",
		"my husband Passed Away", "my wife Always pays", "my son Will call you", "my mother May help")
}

// US street addresses in lower case, a P.O. box, a ZIP code after a state.
func TestScrubS32LowerCaseStreetAddresses(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"They came to 123 main st apt 4 yesterday", "main st"},
		{"I live at 42 oak street", "oak"},
		{"456 elm avenue", "elm"},
		{"1600 pennsylvania ave nw", "pennsylvania"},
		{"send it to P.O. Box 1234", "1234"},
		{"mail to po box 5678, thanks", "5678"},
		{"123 Main Street, Springfield, IL 62704", "62704"},
	})
	scrubKeeps(t, "I am a veteran and I live on 123 dollars a week", "They called 5 times on the way to work",
		"I drove 3 miles down the road", "I paid 2 months in a row", "at 10 am they called", "the 3 of them came to my place",
		"In 2023 the court ruled", "I have 2 kids and a dog", "section 8 housing", "over 20 years in this street")
}

// A surname-led word after a self-introduction that is an institution's name (我是万达的客户), and
// 于/向, which open a phrase after a label more often than a name.
func TestScrubS32NoNameBeforeACustomerWord(t *testing.T) {
	scrubKeeps(t, "我是万达的客户，他们乱收费", "我是苏宁的用户", "我是万科的业主", "本人是金山的员工", "我是周大福的客户",
		"This is Virginia Beach", "This is Austin Energy calling",
		"借款人于今年1月逾期", "当事人向法院起诉了", "我的名字是假的吗", "我住在向阳路附近", "我于是就报警了",
		"我向银行申请了延期还款", "于都县人民法院", "向阳小区的物业费")
	scrubRedacts(t, []scrubLeak{{"我是李明的朋友", "李明"}, {"我是张三的妈妈", "张三"}})
}

// Names after other words that say one follows: 名字是, 人叫.
func TestScrubS32MoreNameLabels(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"我爸爸的名字是李建国", "建国"},
		{"她的名字是王丽，", "王丽"},
		{"被催收人叫刘德华", "德华"},
	})
	scrubKeeps(t, "她的名字是什么我不知道", "名字是他们从通讯录里拿的", "有人叫我还钱", "被催收人叫我转告")
}

// Handles of other apps after their label, and a WeChat id after V：.
func TestScrubS32AppHandles(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"加我V：zhangsan88", "zhangsan88"},
		{"支付宝 zhangsan88", "zhangsan88"},
		{"支付宝账号：lmzhang", "lmzhang"},
		{"我的抖音号是zhangsan888", "zhangsan888"},
		{"微博 @zhangsan888", "zhangsan888"},
		{"钉钉号 zhangsan88", "zhangsan88"},
		{"快手号：ks_lm2020", "ks_lm2020"},
	})
	scrubKeeps(t, "通过支付宝还款500元", "支付宝 payment failed", "在抖音上看到广告", "微博上有人曝光", "钉钉上发了通知",
		"Vitamin C", "V:1.2 version")
}

// Licence plates.
func TestScrubS32LicencePlates(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"车牌京A·12345", "12345"},
		{"车牌号：京A12345", "京A"},
		{"车牌号粤B 8K8K8，", "8K8K8"},
		{"一辆沪C-D12345的车", "D12345"},
	})
	scrubKeeps(t, "京A股份有限公司", "沪深300指数基金", "川A车牌的车", "粤港澳大湾区", "京东金条借了5000元")
}

// An e-mail address whose name has a spelt dot (john dot smith at gmail dot com), one without its
// @ after 邮箱 (zhangsan qq.com).
func TestScrubS32SpeltDotsInAnAddressName(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"e-mail john dot smith at gmail dot com", "john"},
		{"li (dot) ming (at) qq (dot) com", "li"},
		{"我的邮箱是zhangsan qq.com", "zhangsan"},
	})
	scrubKeeps(t, "I work at google dot com", "my job at acme dot com ended")
}

// Ordinary complaint sentences that hold no personal data: companies, places, amounts, dates, laws.
func TestScrubS32OrdinaryComplaintsKept(t *testing.T) {
	scrubKeeps(t,
		"我是平安银行信用卡的持卡人", "本人于2024年3月5日借款5000元", "我妈向亲戚借了钱",
		"根据《民法典》第1032条，催收不得侵犯隐私", "依据《个人信息保护法》第十三条",
		"《商业银行信用卡业务监督管理办法》第六十八条", "招商银行信用卡中心每天打电话", "马上消费金融的催收员威胁我",
		"360借条逾期三天", "借呗和花呗都逾期了", "京东金条的客服态度很差", "美团月付逾期200元", "中国建设银行北京分行",
		"捷信消费金融有限公司", "2024年3月15日上午10点打了47次电话", "从2023年12月到2024年2月一直催收",
		"逾期金额为14850.50元，利息3200元", "每月还款1,234元，共12期", "催收员说要上门，还说要去我单位闹",
		"他们打给我的紧急联系人和同事", "他们在微信群里发我的照片", "催收员冒充公安局的人", "对方自称是律师事务所的",
		"我是高中生，没有收入", "我是江苏人，在上海工作", "本人马上还款", "我老公高血压住院了", "我是周一借的钱",
		"我的名字被他们泄露了", "I paid 300 at Costco. Me and my husband", "The collector said he would come to my house",
		"Call me back at the number on file", "the debt was sold to Midland Credit Management",
		"Portfolio Recovery Associates called 20 times", "Under the FDCPA, 15 U.S.C. 1692", "I am John's mother and he is 17",
		"My son is 12 years old", "The call was at 9:30 am on March 5", "我家在江西于都", "我向他们说明了情况",
		"我向12378投诉过", "周末也打电话", "车牌限号", "他们开着一辆白色的车", "我在北京市朝阳区工作", "地址在南京市玄武区",
		"第3条第2款", "2024年第5期账单", "共打了47次电话", "客服电话95588", "投诉电话12315", "400-820-8888",
		"他们说要告我诈骗", "我一直在还款，每月还500元", "我叫他们别打了", "她叫我还钱", "他叫我去借网贷", "Dear Sir or Madam",
		"I was charged $1,250.00 on 03/15/2024", "They threatened to call my employer", "Navient sold my loan to another company",
		"我的信用卡额度是5万元", "利率超过了LPR的4倍", "平台收取了砍头息2000元", "他们说不还钱就上征信",
		"我的征信报告上有逾期记录", "10月1日国庆节也打电话", "我在深圳南山区科技园上班", "我老公高兴地说",
		"我是个体户", "我是外卖骑手", "本人已还清全部欠款", "我弟弟上大学", "我是石家庄的",
	)
}

// A space parts a surname from its given name only when the first character is a surname.
func TestScrubS32SpaceAfterALabelIsNoName(t *testing.T) {
	scrubKeeps(t, "逾期几天会联系紧急联系人吗 我不想让家里知道", "请联系联系人 确认", "借款人 已经 还款",
		"他们打了紧急联系人 通讯录里的人也打了", "我不是借款人 跟我无关")
	scrubRedacts(t, []scrubLeak{{"借款人 王五", "王五"}, {"联系人：司马 光", "光"}})
}

// The second round of probing: names spaced more widely, in capitals, a given name alone, more
// kinship words, roles and closings, dates of birth, spaced landlines, IBANs.
func TestScrubS32SecondRoundNames(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"我是张  三", "三"},
		{"我叫 张 三 丰", "丰"},
		{"我是 王 小 明", "明"},
		{"我是ZHANG SAN", "SAN"},
		{"本人 LI MING", "MING"},
		{"I AM JOHN SMITH", "SMITH"},
		{"i am john smith", "smith"},
		{"I'm Jennifer, the collector said", "Jennifer"},
		{"my wife's name is maria", "maria"},
		{"my ex-husband John Smith", "Smith"},
		{"my late husband John Smith", "Smith"},
		{"my 80-year-old mother Mary Smith", "Smith"},
		{"The collector, John Smith, called", "Smith"},
		{"Agent John Smith called me", "Smith"},
		{"Sincerely, John Smith", "Smith"},
		{"Regards,\nJohn Smith", "Smith"},
		{"Borrower: John Smith", "Smith"},
		{"name: john smith", "smith"},
		{"a man named John Smith called", "Smith"},
		{"我前男友李明", "李明"},
		{"我嫂子王芳", "王芳"},
		{"我小姨王芳被", "王芳"},
		{"我大伯张建国", "建国"},
		{"我干妈王秀英", "秀英"},
		{"催收员王强，工号8888", "王强"},
		{"催收员自称叫王强", "王强"},
		{"一个叫李伟的人打电话", "李伟"},
		{"欧阳先生", "欧阳"},
		{"mr. smith called", "smith"},
		{"ms. lopez called me", "lopez"},
	})
	scrubKeeps(t, "I AM VERY ANGRY", "I AM A MAN", "I'm sorry, the collector said", "my wife's name is on the loan",
		"The collector, Midland Credit, called", "Sincerely, a frustrated customer", "Regards, Capital One",
		"Borrower: me", "a company named Capital One", "my late payment was reported", "my ex-husband and I",
		"催收员马上就来", "客服向我道歉", "催收员多次打电话", "一个叫花呗的产品", "ms office crashed", "my MS diagnosis")
}

func TestScrubS32SecondRoundNumbers(t *testing.T) {
	scrubRedacts(t, []scrubLeak{
		{"座机 010 - 1234 5678", "5678"},
		{"电话 010 1234 5678", "5678"},
		{"IBAN GB29 NWBK 6016 1331 9268 19", "NWBK"},
		{"My WeChat is zhangsan88", "zhangsan88"},
		{"生日1990年1月1日", "1990"},
		{"出生日期：1990-01-01", "1990"},
		{"DOB: 01/01/1990", "1990"},
		{"date of birth 1/1/1990", "1990"},
		{"born on January 5, 1980", "1980"},
	})
	scrubKeeps(t, "2024年1月1日打了电话", "on 01/01/2024 they called", "第010 1234 5678期", "QQ is blocked",
		"借款日期：2024-01-01", "the loan was born on a bad day")
}

// A name already withheld with 某 stays; a spaced landline is no tail of a card's groups.
func TestScrubS32WithheldNamesAndCardTails(t *testing.T) {
	scrubKeeps(t, "找一个叫李某的人要钱", "我不认识这个叫张某某的人")
	scrubRedacts(t, []scrubLeak{{"卡 6222 - 0212 - 3456 - 7890 被扣款", "0212"}, {"一个叫郭柏华的人", "柏华"}})
}
