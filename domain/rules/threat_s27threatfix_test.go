package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s27fixLookAlikes: ordinary texts that session 27 (threat)'s forms ranked THREAT, URGENT and
// referred to the police (a read-only review of main after the merge, and its probe): a parent,
// a brother, a husband, a boss, a doctor, a teacher, a guide or a friend taking, shutting in or
// dragging out the complainant (把我关在/拖出去/带走/请过去/绑去), a tidy man's ways of tidying up, our
// people waiting at the airport, rubbish thrown in a gully; a TV plot, a grandfather's love of
// fishing, a stadium's or a finish line's guys waiting, a girlfriend's joke, a nap, a loud voice
// "ha", friends taking me to Vegas. No collector speaks or acts in any of them; all THREAT, URGENT
// and referred on main (30a8125e), none before session 27. Then look-alikes written for the mend.
var s27fixLookAlikes = []sevText{
	{CN, "我哥说要把我拖出去跑步锻炼身体"},
	{CN, "我妈把我关在房间里学习，不让我玩手机"},
	{CN, "小时候我爸把我关在门外罚站"},
	{CN, "朋友开玩笑说要把我绑去KTV唱歌"},
	{CN, "同学说放学后把你绑去吃火锅，不去不行"},
	{CN, "我老公说要把我带走去旅游，给我惊喜"},
	{CN, "我爸开车把我们全家带走去乡下过年"},
	{CN, "领导把我请过去喝茶，谈工作的事"},
	{CN, "把我关在门外的是风，门被吹上了"},
	{CN, "同事把我拖出去吃午饭，说别老加班"},
	{CN, "他家里乱七八糟，有的是办法收拾干净"},
	{CN, "我们的人明天会在机场等他，接他去酒店"},
	{CN, "医生把我关在隔离病房观察了两天"},
	{CN, "我妈把我带走了，没让我参加那个聚会"},
	{CN, "导游把我们请过去看表演"},
	{CN, "朋友把我拖出去喝酒，喝到半夜"},
	{CN, "老师把我关在教室里补作业"},
	{CN, "我们的人会在车站等他，举着牌子"},
	{CN, "这堆垃圾扔到山沟里也没人管，太不环保了"},
	{CN, "他收拾东西很有一套，有的是办法收拾屋子"},
	{US, "In the TV show the mob guy ends up sleeping with the fishes"},
	{US, "His guys will be waiting at the stadium entrance with our tickets"},
	{US, "Our guys will be waiting at the airport to pick you up"},
	{US, "My girlfriend told me she'd lock me in the room until I finished my thesis, as a joke"},
	{US, "Their guys will be waiting at the finish line with water"},
	{US, "My dad jokes that I'll end up sleeping with the fishes if I keep swimming so far out"},
	{US, "The kids were picked up and driven somewhere quiet for a nap"},
	{US, "The collector's voice was so loud I thought my house might catch fire, ha"},
	{US, "My friends said they would tie me up and take me to Vegas for my birthday"},
	// written for the mend
	{CN, "我姐把我拖出去逛街，买了好多衣服"},
	{CN, "保安把我请走了，说这里不能停车"},
	{CN, "护士把我带走去做检查"},
	{CN, "我同学开玩笑说要把你绑了去唱歌"},
	{CN, "我老婆说有的是办法收拾我那些乱放的袜子"},
	{CN, "朋友把我推到泳池水里，大家都笑了"},
	{CN, "旧家具扔到河边也没人管，太脏了"},
	{CN, "我妈说她有的是办法对付我这种懒人，哈哈"},
	{CN, "下大雪了，堵车让我今天回不了家"},
	{CN, "加班太多，老板说这个项目会让你今天回不了家"},
	{US, "My sister said we'd go swimming and never come back if the lake is that nice"},
	{US, "The bus driver picked up the kids and drove them somewhere quiet to rest"},
	{US, "My roommate joked she'd lock me in the closet until I cleaned it"},
	{US, "His guys will be waiting at the restaurant for the party"},
	{US, "The movie character said the gangster was sleeping with the fishes"},
	{US, "My uncle always said he'd tie me up and take me fishing one day"},
}

// s27fixGrandfather: a grandmother's dumplings, a grandfather's love of fishing; the elderly factor may rank it URGENT (as
// before session 27), but it is no THREAT and is not referred.
var s27fixGrandfather = []sevText{
	{CN, "奶奶把我们请过去吃饺子"},
	{US, "My grandfather always said we'd go fishing and never come back, because he loved it so much"},
	{US, "Grandpa said he'd go fishing and never come back if grandma let him"},
}

// s27fixOlder: false alarms of the same review that older forms raised before session 27 too
// (s21-veiled-zh 容易着火 of wiring or a heater, veiled 放火 of burning stubble, harm-en "kill me if I
// don't" of a doctor's warning): excepted by what catches fire and who warns.
var s27fixOlder = []sevText{
	{CN, "我家的电线老化了，电工说要换，不然容易着火"},
	{CN, "冬天用电暖器要小心，容易着火"},
	{CN, "我们老家过年有人放火烧荒，被村干部制止了"},
	{CN, "充电器一直插着容易着火"},
	{CN, "村里禁止烧秸秆，放火烧秸秆要罚款"},
	{US, "My doctor said my condition could kill me if I don't get surgery"},
}

// s27fixStillThreats: the same forms where the collector's side speaks — URGENT with a police
// referral; 信不信让你今天回不了家 was NORMAL on main (the review's one threat missed).
var s27fixStillThreats = []sevText{
	{CN, "催收员威胁我说，信不信让你今天回不了家"},
	{CN, "催收说：信不信我让你回不了家"},
	{CN, "催收说再不还钱就把我绑了扔到河里"},
	{CN, "他们说要把我关起来，什么时候还钱什么时候放"},
	{CN, "对方说有的是办法收拾我这种老赖"},
	{CN, "催收员威胁说把我老婆带走"},
	{CN, "他们扬言要把我扔到山沟里，死了都没人知道"},
	{CN, "催收跟我说：\"你儿子每天四点半从学校出来吧？我们的人会在门口等他。\""},
	{US, "The collector said I'd be sleeping with the fishes if I didn't pay"},
	{US, "He said his guys will be waiting at my house tonight"},
	{US, "They told me they would tie me up and take me to the woods"},
	{US, "The caller said my house might catch fire if I kept ignoring them"},
	{US, "He said they'd lock me in a basement until my family paid"},
	{US, "He told me guys who don't pay tend to go fishing and never come back."},
	{CN, "催收说你家门口那堆东西容易着火，小心点"},
	{US, "He said he would kill me if I don't pay by Friday"},
}

// TestSession27ThreatFormsNeedTheCollector: session 27's threat forms that ordinary life also
// says hold only where the collector's side speaks or acts, never in a joke or a show.
func TestSession27ThreatFormsNeedTheCollector(t *testing.T) {
	now := time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC)
	checkLookAlikes(t, now, s27fixLookAlikes, 0)
	checkLookAlikes(t, now, s27fixGrandfather, mayBeUrgent)
	checkLookAlikes(t, now, s27fixOlder, 0)
	checkThreatSeverity(t, now, s27fixStillThreats, nil)
}

// TestSession27ViceChargeNeedsTheCollector: vice charged to the complainant (说我赌博) is the
// collector's slander only after the collector's side; a friend's or a coworker's gossip is none.
func TestSession27ViceChargeNeedsTheCollector(t *testing.T) {
	now := time.Date(2026, 12, 6, 5, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text string
		want bool
	}{
		{"我朋友背后说我坏话，说我赌博，其实我根本不会打牌", false},
		{"同事背后说我赌博，我很生气", false},
		{"我跟催收说我不赌博不吸毒，借钱是给我妈看病", false},
		{"催收打给我妈说我在外面吸毒赌博", true},
		{"他们到处跟人说我嫖娼，钱都拿去乱花了", true},
	} {
		a := mustPack(t, CN).Judge(Facts{Narrative: c.text}, "", now)
		got := false
		for _, v := range a.Violations {
			if v.Type == domain.ViolationAbusiveLanguage && v.Confidence >= domain.RoutingConfidence {
				got = true
			}
		}
		if got != c.want {
			t.Errorf("%q: ABUSIVE_LANGUAGE %v; want %v", c.text, got, c.want)
		}
	}
}
