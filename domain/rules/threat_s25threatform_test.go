package rules

import (
	"testing"
	"time"
)

// s25FormThreats: veiled threats by their form (session 25, threatform), not their wording — a person,
// the body, the home, the vehicle or the way of the addressee's life (你 + {TARGET_ZH}; my/your +
// {TARGET_EN} after a word of saying) and, later in the same sentence, an evil to come that is no lawful
// step ({EVIL_ZH}/{EVIL_EN}), or the family named and then said to be remembered by them. Each is URGENT
// with a police referral for a threat of violence. Phrased anew (none in the labelled sets), all below
// URGENT on main.
var s25FormThreats = []sevText{
	{CN, "催收说你儿子个子小，过马路的时候万一被卷进车底下就麻烦了。"},
	{CN, "对方在电话里说你家那个老房子线路老化，哪天烧起来可跑不出来。"},
	{CN, "催收发微信：你闺女放学路上那个水塘挺深的，掉进去可没人看见。"},
	{CN, "他说你媳妇的脸我们已经记住了，走到哪我们都认得。"},
	{CN, "催收说你家孩子天天一个人在楼下玩，哪天被人抱走了都不知道。"},
	{CN, "对方说你最近还是少出门，你连自己怎么进的医院都搞不清楚。"},
	{US, "The collector said my husband jogs on the canal path every morning and people drown there."},
	{US, "He told me my apartment has old wiring and fires start fast in buildings like that."},
	{US, "The agent texted me that my son rides the 6 bus alone and looks so small at the stop."},
	{US, "The caller said nobody would notice if I went missing for a while."},
}

// s25FormLookAlikes: the same parts without the form — the complainant's own routine, a number checked,
// a due date, the complainant's own warning that they answer for harm, the complainant's own care for a
// child, a relative's advice, a contact list known, an insurer, a lawful step, the complainant's own harm
// told as the cause of arrears, a weather goodbye; US: a credit score, a family's struggle, "I said",
// a relative's news of a fall, a car loan called dangerous, hearsay — none is URGENT nor referred.
// The first five are session 24's review look-alikes.
var s25FormLookAlikes = []sevText{
	{CN, "我每天下午都要去学校接孩子，催收偏偏这个时候打电话。"},
	{CN, "客服核对信息时问：你的银行卡尾号是3456对吧？"},
	{CN, "催收发短信说注意你的车贷还款日，逾期会产生罚息。"},
	{US, "Who knows what will happen to my credit score after this."},
	{US, "I had to watch my family struggle for months."},
	{CN, "我跟催收说你们再打电话吓我孩子，我孩子要是出事你们负责。"},
	{CN, "我跟老公说我女儿放学路上不安全，以后我自己去接她。"},
	{CN, "我妈说你一个人在外面要小心点，别出事。"},
	{CN, "催收说你老公的电话我们都知道，已经打过好几次了。"},
	{CN, "催收说你的信用卡要是再不还，征信就出问题了，贷款也办不了。"},
	{CN, "我老公上个月在工地从架子上掉下来，工钱也没拿到，所以才逾期。"},
	{CN, "催收说我老婆一天被打了五六遍电话，他们还要接着打。"},
	{CN, "天气预报说这两天有暴雪，客服最后提醒我路上注意安全。"},
	{US, "I said my kids were home alone and they kept calling anyway."},
	{US, "My mom said my dad fell down the stairs last week."},
	{US, "The collector said my car loan is dangerous to ignore."},
	{US, "My neighbor said a collector told her kids walk home alone past the lake."},
}

// TestSession25FormThreats: every text of s25FormThreats is URGENT with a police referral for a threat
// of violence; none of s25FormLookAlikes is URGENT, referred or holds that factor.
func TestSession25FormThreats(t *testing.T) {
	now := time.Date(2026, 12, 6, 1, 0, 0, 0, time.UTC)
	checkThreatSeverity(t, now, s25FormThreats, nil)
	checkLookAlikes(t, now, s25FormLookAlikes, mayBeFlagged)
}
