package rules

import "testing"

// TestSession21LexChineseClasses: session 21 (lex). The third-party class THIRD read against the
// borrower's whole vocabulary, not against labelled texts: step- and adoptive parents, the fiancé(e),
// grandchildren, the grandparents of the formal register (祖父, 外祖母), the heads and the accounts
// office of a workplace (厂长, 董事长, 总监, 股东, 会计, 出纳), the tutor and the dorm warden, the grid
// worker and the sub-district office, the sub-landlord (~房东); and the phone's contact list by its
// other names (电话本, 电话簿, 通讯簿, 联系人列表, 手机里存的号码: aliases of 通讯录). Guards: the
// borrower's own telling, a relative lending money, the borrower's own backup of the numbers.
func TestSession21LexChineseClasses(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"StepMother", "催收打电话给我继母，说我欠钱不还。", third, none},
		{"StepFatherSlang", "催收找到了我后爸，问我人在哪里。", third, none},
		{"AdoptiveMother", "催收联系了我养母，说我的网贷逾期了。", third, none},
		{"Fiancee", "催收打电话给我未婚妻说我是老赖。", third, none},
		{"Granddaughter", "催收打电话给我孙女，问我什么时候还钱。", third, none},
		{"MaternalGrandmother", "催收打电话给我外祖母，说我欠钱不还。", third, none},
		{"FactoryHead", "催收打电话给我们厂长，说我借钱不还。", third, none},
		{"Cashier", "催收打电话给公司出纳，让她扣我工资还债。", third, none},
		{"Tutor", "催收找到了我的导师，说要找我。", third, none},
		{"DormWarden", "催收打电话给我们宿管，说我欠钱。", third, none},
		{"GridWorker", "催收联系了社区网格员，说我是老赖。", third, none},
		{"SubLandlord", "催收打电话给我二房东，说我欠钱不还。", third, none},
		{"PhoneBook", "催收把我电话本里的人全打了一遍。", third, none},
		{"StoredNumbers", "催收打了我手机里存的号码，说我欠钱。", third, none},
		// guards
		{"OwnTellingStepMother", "我跟我继母说了我欠网贷的事，她答应帮我。", none, third},
		{"FianceLends", "我未婚夫借了我五千块钱，我把这个月的账单还上了。", none, third},
		{"OwnBackup", "我把手机里存的号码都备份到了电脑上。", none, third},
	})
}

// TestSession21LexEnglishClasses: session 21 (lex). KIN_EN completed the same way: step-parents and
// step-children, the fiancée, the landlady, the pastor and the church, godparents, the teacher and
// classmates, the foreman, HR. Guards: a step-parent lending the money, the consumer's own payment.
func TestSession21LexEnglishClasses(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"StepmotherEN", "The collector called my stepmother about my account.", third, none, ""},
		{"StepdadEN", "They keep texting my stepdad about the balance.", third, none, ""},
		{"FianceeEN", "The agency called my fiancée and asked where I was.", third, none, ""},
		{"LandladyEN", "They called my landlady looking for me.", third, none, ""},
		{"PastorEN", "The debt collector called my pastor.", third, none, ""},
		{"ForemanEN", "They phoned my foreman at work about the debt.", third, none, ""},
		{"ClassmateEN", "The collector messaged my classmates on social media.", third, none, ""},
		// guards
		{"StepfatherLendsEN", "My stepfather lent me the money and the account is paid.", none, third, ""},
	})
}
