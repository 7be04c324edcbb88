package rules

import "testing"

// TestSession22RelayChinese: session 22 (relay). The debt told to a third party as a message to pass
// on (转告, 带话, 让你儿子把钱还了), shouted where others hear at a visit (小区/院子 … 喊 … 欠债, a
// loudspeaker), application data sold or handed to brokers and other companies, and insults without
// a stock word in the collector's mouth (穷鬼, 没出息, 窝囊废). Guards: the complainant's own telling and
// self-reproach, a policy that says data is not sold, a hypothetical sale, the data handed to a
// collection agency, a contact that tells nothing.
func TestSession22RelayChinese(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"RelayToMother", "催收打给我妈，说：“叫你女儿赶紧还钱，她在我们这欠了三万。”", privacy, none},
		{"RelayMessage", "他们找到我表姐，让她捎个话给我，说欠款再不还就起诉。", privacy, none},
		{"ShoutedInYard", "催收到了我们村，站在村口扯着嗓子喊我欠钱不还。", privacy, none},
		{"Loudspeaker", "两个人拿着大喇叭在我家楼下喊我的名字要我还钱。", privacy, none},
		{"DataSoldToBrokers", "这个平台把我的个人信息卖给了贷款中介，天天有人推销。", privacy, none},
		{"DataHandedToCompanies", "我的手机号和身份证被这家公司提供给了别的贷款平台。", privacy, none},
		{"CalledPoorGhost", "催收骂我是穷鬼，说我一辈子都翻不了身。", abuse, none},
		{"CalledSpineless", "那个催收说我没出息，三十岁了还要借钱。", abuse, none},
		{"YouGoodForNothing", "对方在电话里说你这个窝囊废，赶紧把钱还了。", abuse, none},
		// guards
		{"OwnTellingNeighbour", "我自己跟邻居说了欠钱的事，想找他借点周转。", none, privacy},
		{"OwnSelfReproach", "我觉得自己就是个废物，欠了这么多钱。", none, abuse},
		{"OwnSpineless", "我真没出息，工资一发就花光了。", none, abuse},
		{"PolicyNotSold", "隐私协议上写着不会把用户资料卖给第三方。", none, privacy},
		{"IfSold", "如果把我们的信息出卖给第三方，是要负法律责任的。", none, privacy},
		{"HandedToCollectors", "银行把我的资料转给了催收公司，催收开始给我打电话。", none, privacy},
		{"ContactTellsNothing", "催收打电话给我爸问我的新号码，别的什么都没说。", none, privacy},
	})
}

// TestSession22RelayEnglish: session 22 (relay). The US pack: the debt relayed through a third party
// ("tell her to tell me I owe", "let him know"), announced in front of the neighbours, data sold to
// brokers, omissions stated by negation ("no name, no creditor", "who they were collecting for",
// "changed the subject"), an authority posed by role ("an investigator from the DA's office", law
// enforcement dispatched), an insult reported to others. Guards: the consumer's own telling and
// self-reproach, a real summons served, a lawful letter naming the creditor.
func TestSession22RelayEnglish(t *testing.T) {
	runUSPhrasings(t, []usPhrasing{
		{"RelayTellMe", "The collector called my aunt and told her to tell me I owe them $900.", privacy, none, ""},
		{"RelayLetKnow", "They called my roommate and asked him to let me know my account is past due.", privacy, none, ""},
		{"RelayPassAlong", "The agency called my son's school and asked them to pass along that I owe money.", privacy, none, ""},
		{"InFrontOfNeighbors", "The collector came to my house and shouted in front of my neighbors that I owe them money.", privacy, none, ""},
		{"ApartmentVisit", "Two collectors came to my apartment on Sunday morning.", visit, none, ""},
		{"DataSold", "The lender sold my information to several loan brokers.", privacy, none, ""},
		{"NoNameNoCreditor", "The caller gave no name, no creditor and no amount.", missing, none, ""},
		{"CollectingFor", "The agent would not tell me who they were collecting for.", missing, none, ""},
		{"ChangedSubject", "I asked what the debt was for and the agent changed the subject.", missing, none, ""},
		{"DAInvestigator", "The man said he was an investigator from the DA's office.", falseRep, none, ""},
		{"LawEnforcementDispatched", "She said law enforcement would be dispatched to my home over the loan.", falseRep, none, ""},
		{"DeadbeatToNeighbor", "A collector told my neighbor I was a deadbeat.", abuse, none, ""},
		// guards
		{"OwnTellingEN", "I told my brother I owed money and asked him for a loan.", none, third, ""},
		{"OwnLoserEN", "I feel like a loser for falling behind on this bill.", none, abuse, ""},
		{"RealSummonsEN", "A sheriff's deputy served me with a court summons for the creditor's lawsuit.", none, falseRep, ""},
		{"LawfulLetterEN", "The letter named the creditor, the amount and my right to dispute it.", none, missing, ""},
	})
}
