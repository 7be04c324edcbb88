package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s26fixLookAlikes: ordinary texts that session 26 (threat)'s forms ranked THREAT, URGENT and
// referred to the police (a read-only review of main after the merge): the complainant's own
// friends brought home, misfortune called common by the complainant or a salesman, a teacher's red
// cross, a doctor's care for the back, the complainant's own words of his family's safety, a school
// sending a class teacher's number, the complainant's own curse, a home known for the loan's form,
// an old man dying alone, a reminder to repay; a coworker over the shoulder, a son's friends, a
// dermatologist's circle, condolences after a death, a brother's rifle, neighbours and a teacher
// knowing where the kids play, an icy road, a lost dog, the kids better off once the loan is paid.
// No collector speaks or acts in any of them and no harm is threatened. All THREAT, URGENT and
// referred on main (573f7bc); none was before session 26.
var s26fixLookAlikes = []sevText{
	{CN, "周末我带几个兄弟过去帮我妈搬家。"},
	{CN, "过年的时候我叫上几个哥们去我家吃饭喝酒。"},
	{CN, "兄弟们明天去我家坐坐聊聊，我想听听他们对还款的建议。"},
	{CN, "这个路口出车祸的多得是，交警应该好好管管。"},
	{CN, "出事故的多得是，买份保险吧，这是保险销售跟我说的。"},
	{CN, "老师在我儿子的作业本上画了个大红叉，孩子哭了。"},
	{CN, "我的试卷上被老师打了个大红叉。"},
	{CN, "医生叮嘱我注意后背保暖，我腰椎不好。"},
	{CN, "我跟客服说我家人的安全最重要，所以请不要上门。"},
	{CN, "我气得骂了那个催收员，咒他全家不得好死，我知道这样不对。"},
	{CN, "我家住哪他们都知道，因为借款时我填写了住址，这很正常。"},
	{CN, "客服说：哪天您忘了还款，可别怪我们没提醒您哦。"},
	{US, "My coworker had to look over my shoulder to help me fill out the dispute form."},
	{US, "My son came back with some friends from school and they ate everything in the fridge."},
	{US, "I bring along a few friends to church every Sunday."},
	{US, "Before my skin surgery the dermatologist drew a circle on my face with a marker."},
	{US, "My coworkers sent me a condolence card when my father died."},
	{US, "Friends sent us sympathy flowers after the funeral, which is why I was late paying."},
	{US, "My brother posted a photo of his hunting rifle on Facebook, which has nothing to do with this debt."},
	{US, "Our neighbors know where my kids play; it is a friendly street."},
	{US, "The teacher said she knows where my kids play at recess and keeps an eye on them."},
	{US, "The road was so icy that I thought my car would end up in the ditch."},
	{US, "Nobody came looking for the lost dog, so we kept him."},
	{US, "My kids would be better off if I paid off this loan and stopped worrying."},
}

// s26fixElderOrMinor: look-alikes of the same review that name a grandfather, an old man or a
// child's school: the elderly and minor factors ranked them URGENT before session 26 too (left, as
// no session-26 form is at work), but none may be a THREAT, a threat of violence or referred.
var s26fixElderOrMinor = []sevText{
	{CN, "我们兄弟几个下周去我老家坐坐，看看爷爷。"},
	{CN, "学校把我孩子的班主任电话发给我了。"},
	{CN, "班主任把我女儿的学校通知发给我了。"},
	{CN, "村里那个孤寡老人没了也没人知道，太可怜了。"},
}

// s26fixStillThreats: the same forms where the collector's side speaks or acts, or the mark is on
// the home or the car — URGENT with a police referral before and after the mend.
var s26fixStillThreats = []sevText{
	{CN, "他把我女儿的幼儿园和班级一字不差地念给我听"},
	{CN, "我车门上被人用红漆喷了个大叉，当天催收就来电话"},
	{CN, "对方说再拖下去，哪天人不见了也没人知道"},
	{CN, "催收说他带几个兄弟明天上你家"},
	{US, "He warned my landlord that he would come back with a few of his buddies."},
	{US, "The caller said nobody comes looking for people like me."},
}

// TestSession26ThreatFormsNeedTheCollector: session 26's veiled-threat forms hold only where the
// collector's side speaks or acts; TestSession26Threats' threats stay URGENT (that test).
func TestSession26ThreatFormsNeedTheCollector(t *testing.T) {
	now := time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC)
	checkLookAlikes(t, now, s26fixLookAlikes, 0)
	checkLookAlikes(t, now, s26fixElderOrMinor, mayBeUrgent)
	checkThreatSeverity(t, now, s26fixStillThreats, nil)
}

// TestSession26HealthHarmCauseAcrossAComma: the collection named as the cause in one clause and the
// harm in the next is health harm brought on by the collection (NORMAL on main: the factor's
// patterns stay within a clause); worry over something else is none (URGENT on main: 愁得 counted
// as a verb of pressure whatever the cause).
func TestSession26HealthHarmCauseAcrossAComma(t *testing.T) {
	now := time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC)
	a := mustPack(t, CN).Judge(Facts{Narrative: "因为催收天天骚扰，我爸心脏病犯了，送去抢救。"}, "", now)
	if a.Severity != domain.PriorityUrgent || !hasFactor(a, domain.UrgencyHealthHarm) {
		t.Errorf("collection-caused heart attack: severity %s factors %v; want URGENT for health harm", a.Severity, a.Urgency)
	}
	for _, s := range []string{"孩子高考的事愁得我血压都降不下来。"} {
		a := mustPack(t, CN).Judge(Facts{Narrative: s}, "", now)
		if a.Severity == domain.PriorityUrgent || hasFactor(a, domain.UrgencyHealthHarm) {
			t.Errorf("%q: severity %s factors %v; want no health harm, not URGENT", s, a.Severity, a.Urgency)
		}
	}
}
