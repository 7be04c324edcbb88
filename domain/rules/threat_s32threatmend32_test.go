package rules

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// s32MendLookAlikes: a reviewer's probes (session 32, /tmp/rev-eng32) that the merged threat32 structure
// sent URGENT with a police referral: weak harm cues alone (安全, 好好想想, 礼物, 替你还, 记住了, 准备好了…),
// single-character targets inside compounds (手续, 车贷, 部门, 门店), repayment talk, the complainant's own
// gift or a misdelivery, an office "in the area", "scammers can be dangerous". None is a THREAT.
var s32MendLookAlikes = []sevText{
	{CN, "催收员说：你好好想想，是一次性还清还是分十二期，这是最后一次机会申请减免了。"},
	{CN, "催收员说你家人如果愿意替你还，我们也可以开具结清证明。"},
	{CN, "催收员说给你寄了一份礼物，是我们公司的新年台历，感谢你按时还款。"},
	{CN, "催收员说你的账户安全没有问题，请放心，我们不会泄露你的信息。"},
	{CN, "催收员说你去医院挂号的单据可以拍给我们，用来申请延期还款。"},
	{CN, "催收员说你妈妈身体不好的话，先照顾照顾她，我们给你延期一个月。"},
	{CN, "催收员说这个手续办起来不难，你提交一下收入证明就行。"},
	{CN, "催收员说你这样一直拖着，会让你身边的人都看不起你。"},
	{CN, "催收员说你如果是出了车祸住院，可以提供证明，我们会暂停催收。"},
	{CN, "催收员说：你记住了，还款日是每月十五号，别再逾期了。"},
	{CN, "快递送到我家门口一个娃娃，是我给女儿买的生日礼物，同一天催收打电话来催款。"},
	{CN, "我家门口有人放了一束菊花，后来才知道是邻居送错了，催收只打过电话催还钱。"},
	{US, "The collector asked whether my mother is in a nursing home, because they need her power of attorney for the account."},
	{US, "The collector said they have an office in the area where I can pay in cash."},
	{US, "The collector warned me that scammers can be dangerous and to never give my card number to someone who calls."},
	{CN, "催收员说你这边的还款计划他们已经准备好了，今晚发到你邮箱。"},
	{CN, "催收员说你的材料他们都看着呢，审核通过就给你停息。"},
	{CN, "催收员说你每个月都还得挺准时的，这次只是忘了吧，没关系。"},
	{CN, "催收员说你家几口人、月收入多少，要填在困难申请表里。"},
	{CN, "催收员打电话说你的银行卡扣款失败，别怪我们没提醒，明天记得存钱。"},
	{CN, "催收员语气很好，说你要是一个人出门办事不方便，可以在手机上办理。"},
	{US, "The agent said his office is across from my bank, so I could drop the check off in person."},
	{CN, "催收员说车贷的展期手续他们已经准备好了，让我明天去签字。"},
	{CN, "催收员说公司系统升级了，新的还款方式很安全，绑定手机就能还。"},
	{CN, "催收员说我们部门的电话号码你记住了，有问题随时打过来。"},
	{CN, "催收员说门店周末也营业，还款不难，带上银行卡就行。"},
}

// s32MendThreats: the reviewer's threats the merged engine found and the mend keeps.
var s32MendThreats = []sevText{
	{CN, "催收说他们兄弟几个已经在我家楼下蹲了两天了。"},
	{US, "He said next time he would bring friends to my door, and they would not be as nice."},
	{CN, "催收员说你晚上一个人走夜路的时候，最好想想孩子。"},
	{CN, "催收员说你家小区没门禁，进出挺方便的，你自己掂量。"},
	{US, "The collector said he knows my wife walks to her car alone after her night shift and that it's a long walk."},
	{CN, "催收员说你家门口的路灯坏了吧，晚上回家可得关好门窗。"},
}

// s32MendTyped: the other probes, each with its type and whether it must be flagged: own budgeting and an
// autopay the complainant set up are no DEBT_DISPUTE; the wins of the merged engine stay.
var s32MendTyped = []struct {
	c    sevText
	t    domain.ViolationType
	want bool
}{
	{sevText{CN, "我算了半天账根本算不过来，到底先还哪一笔比较划算？"}, domain.ViolationType("DEBT_DISPUTE"), false},
	{sevText{CN, "我结清了房贷，又从我卡里扣了这个月的信用卡自动还款，这是我自己设置的。"}, domain.ViolationType("DEBT_DISPUTE"), false},
	{sevText{US, "I asked them to stop calling me and they have not called since. I only get letters now."}, domain.ViolationType("CONTACT_AFTER_STOP"), false},
	{sevText{US, "At no point did the caller say this was an attempt to collect a debt."}, domain.ViolationType("MISSING_DISCLOSURE"), true},
	{sevText{US, "I got 12 calls from them last week alone."}, domain.ViolationType("EXCESSIVE_CONTACT"), true},
	{sevText{CN, "按合同算怎么都算不到这个数，他们说我还欠八千。"}, domain.ViolationType("DEBT_DISPUTE"), true},
	{sevText{CN, "公司这个月扣了两次奖金，我生活困难，所以逾期了。"}, domain.ViolationType("DEBT_DISPUTE"), false},
	{sevText{CN, "催收员说我的案子已经转到他们法务部了，下周就立案。"}, domain.ViolationType("FALSE_REPRESENTATION"), true},
	{sevText{CN, "对方说我已经被列为重点失信对象，全国都查得到。"}, domain.ViolationType("FALSE_REPRESENTATION"), true},
	{sevText{CN, "我说想申请停息挂账，他说申请个屁，赶紧还钱。"}, domain.ViolationType("ABUSIVE_LANGUAGE"), true},
}

// TestSession32ThreatMend: no look-alike is a THREAT, URGENT or referred; each threat stays URGENT with a
// police referral; each typed probe is flagged as wanted.
func TestSession32ThreatMend(t *testing.T) {
	now := time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
	checkLookAlikes(t, now, s32MendLookAlikes, 0)
	checkUrgentThreats(t, now, s32MendThreats)
	for _, p := range s32MendTyped {
		a := mustPack(t, p.c.j).Judge(Facts{Narrative: p.c.text}, "", now)
		got := false
		for _, v := range a.Violations {
			if v.Type == p.t && v.Confidence >= domain.RoutingConfidence {
				got = true
			}
		}
		if got != p.want {
			t.Errorf("%q: %s flagged %v, want %v", p.c.text, p.t, got, p.want)
		}
	}
}
