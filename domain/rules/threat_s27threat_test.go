package rules

import (
	"testing"
	"time"
)

// s27Threats: threats of forms the engine did not know before session 27 (threat), each phrased anew
// (none is a text of the session's batches): taking, binding or holding the complainant or kin until
// paid, having him dealt with, water, the shop, fire, a homophone after 找人, a threat to the
// complainant relayed by his mother, "you think moving hides you", dragged out of a room; in English
// tied up and dragged, "dealt with", the bottom of the river, a salon trashed, a garage that "might
// catch fire", someone waiting for the daughter. None is URGENT with a police referral on main.
var s27Threats = []sevText{
	{CN, "催收扬言要把我绑了带到他们公司去，不还清不放人"},
	{CN, "催收说要派人把我爸扣下来，让我拿钱来赎"},
	{CN, "对方说有的是办法收拾我这种人"},
	{CN, "催收说找人把你沉到河里"},
	{CN, "催收说兄弟们明天去我店里砸场子"},
	{CN, "催收说今晚就去你家放把火"},
	{CN, "催收短信：再不还就找人桶你"},
	{CN, "我妈说催收打给她，扬言要把我关起来，不还钱别想出来"},
	{CN, "催收说你以为搬了家我们就找不到你了"},
	{CN, "催收说要派人把我从宿舍拖出去"},
	{US, "The collector said they would tie me up and drag me to their office."},
	{US, "He said he'd have me \"dealt with\" by Friday."},
	{US, "The agent said people like me end up at the bottom of the river."},
	{US, "He said his guys would trash my salon if I didn't pay."},
	{US, "The collector told me my garage might catch fire some night."},
	{US, "The caller said somebody would be waiting for my daughter outside school."},
}

// s27LookAlikes: ordinary sentences sharing the new forms' words — a parent's safety reminder named
// after it (URGENT with police on main), a TV plot, a colleague's collector at his own door, a debt
// cleared by bankruptcy, a card bound, a fire told of, a record that fades, a sister's advice after a
// colon; a bankruptcy that "makes the debt disappear", a doctor's warning, collectors in general, a
// sister coming to fetch, a lighter pictured. None is flagged THREAT, referred or URGENT.
var s27LookAlikes = []sevText{
	{CN, "出门在外注意安全，这是我爸每次打电话都叮嘱的话"},
	{CN, "电视剧里演的绑匪把人扔进河里，看得我心里发毛"},
	{CN, "我同事说他的催收要去他家砸门，我这边倒是没有"},
	{CN, "律师说走破产程序以后这些债可以一笔勾销"},
	{CN, "我把我绑定的银行卡换了一张"},
	{CN, "去年一把火把我家仓库烧了，到现在还在还贷款"},
	{CN, "我的征信记录早晚会消失的"},
	{CN, "客服让我把我的银行卡绑了才能自动扣款"},
	{CN, "我姐叮嘱我：晚上早点回家，注意安全"},
	{US, "The lawyer said bankruptcy could make my debt disappear."},
	{US, "My doctor said the stress of these calls could make me end up in the hospital."},
	{US, "My cousin, who works at an agency, said some collectors threaten to hurt people's pets."},
	{US, "My sister will come get me after work so we can go to the bank."},
	{US, "I posted a picture of a lighter I lost."},
}

// TestSession27Threats: each of s27Threats is a THREAT of violence, URGENT with a police referral;
// none of s27LookAlikes is flagged THREAT, referred or URGENT.
func TestSession27Threats(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	checkUrgentThreats(t, now, s27Threats)
	checkLookAlikes(t, now, s27LookAlikes, 0)
}
