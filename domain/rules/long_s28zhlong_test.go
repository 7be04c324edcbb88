package rules

import "testing"

// TestSession28ZhlongLongCN: session 28 (zhlong), facts that long 黑猫 complaints spread over
// sentences: a relative reporting the call in the sentence after the one that names them (跟我说，
// 有人联系了他), what the caller told them up to two sentences later or after another contact rule
// ("…然后说我借了钱不还"), everyone called and the list after a colon, a group the complainant was
// pulled into and its members in the next clause, a stop request then a quiet spell then calls again.
// Guards: the complainant's own telling after a time phrase, own round of calls, own group, a relative
// only asked to have the debtor call back, a request honoured.
func TestSession28ZhlongLongCN(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"ReportNextSentence", "上个月我表叔突然给我发微信，问我最近怎么样。他说，有个陌生号码打给他，问认不认识我。", third, none},
		{"ReportAfterComma", "今天我房东打电话跟我说，有人联系了他，打听我是不是在这里上班。", third, none},
		{"ToldTwoSentencesLater", "催收打电话给我三姨，我三姨吓坏了。她第二天才告诉我。对方一上来就跟她说我借钱不还，让她劝我。", privacy, none},
		{"ToldAfterWriterIsKin", "我是欠款人的外甥女。我舅舅在网上借了钱没还，催收每天都打我电话。后来就说我舅舅欠了两万多，让我替他还。", privacy, none},
		{"ListAfterColon", "他们把能找的人都打了一遍：我公公婆婆、我小姑子、我的同学。", third, none},
		{"GroupMembersNextClause", "上周我被催收拉进了一个微信群，群里有我表姐和我两个同事。", third, none},
		{"ResumedAfterQuiet", "我在电话里跟催收说得很清楚，以后不要再打电话了。接下来三天没人打。我还挺高兴。结果周五那个催收又一天打了五六个。", stop, none},
		{"ResumedAfterApplication", "我在APP上提交了停催申请。之后安静了一个星期。我以为没事了。可是上周他们又开始每天打。", stop, none},
		// guards
		{"OwnTellingAfterTime", "我逾期以后主动告诉了我爸妈，说我借了网贷还不上了，他们帮我凑了钱。", none, third},
		{"OwnTellingIsNoDisclosure", "我逾期以后主动告诉了我爸妈，说我借了网贷还不上了，他们帮我凑了钱。", none, privacy},
		{"OwnRoundOfCalls", "为了凑钱，我自己把亲戚都打了一遍：我大伯、我舅舅、我表哥。", none, third},
		{"OwnGroup", "我自己把我爸妈拉进了一个群，群里有我哥，我们商量怎么还钱。", none, third},
		{"RequestHonoured", "我跟催收说以后不要再打电话了，有事发短信。之后他们再也没打过，只发账单短信。", none, stop},
	})
}

// TestSession28ZhlongLongUS: session 28 (zhlong), the same mechanisms in CFPB narratives: what a
// third party was told, up to three sentences after the call ("She said the man told her I owed"),
// the writer saying they are not the debtor and then being called, a list of who was called after
// "me", someone calling a relative's house, a stop request then calls starting again after a quiet
// spell, the company's name asked with "many times". Guards: the consumer's own telling, a request
// honoured, the writer only asked for a new number.
func TestSession28ZhlongLongUS(t *testing.T) {
	runFlagCases(t, mustPack(t, US), []flagCase{
		{"ToldLater", "The agency called my grandmother in XXXX. She phoned me the next morning. She said the woman on the line told her I owed almost $3,000.", privacy, none},
		{"ToldBehindLater", "They called my brother at his job. He texted me right away. Later he said the caller told him I was two months behind on a loan.", privacy, none},
		{"WriterNotDebtor", "I am not the borrower; my nephew is. Since June the collector has called my cell phone several times a week.", third, none},
		{"ListAfterMe", "Over the summer they have called me, her father, her aunt, and her coworker.", third, none},
		{"RelativesHouse", "Last month a collector showed up at her house while I was at work.", third, none},
		{"ResumedAfterQuiet", "I sent a letter asking them to stop calling me. Nothing happened for two weeks. I thought it was over. Then the calls started again in May.", stop, none},
		{"AskedManyTimes", "I asked several times for the name of his company. He refused to tell me and hung up.", unident, none},
		// guards
		{"OwnTelling", "The collector called my aunt to ask for my address. I told her I owed about $900 and she lent me the money.", none, privacy},
		{"Honoured", "I asked them to stop calling me and to write instead. They have not called since, and a letter came a week later.", none, stop},
	})
}
