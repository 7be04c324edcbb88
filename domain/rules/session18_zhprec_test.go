package rules

import "testing"

// TestSession18ZhprecLookAlikes: look-alikes the session 18 (zhprec) mechanisms set aside, each beside
// a guard that must still be flagged (docs/RULES.md "Chinese, session 18 (zhprec)"): a time at which the
// complainant made the call (mentions.ownSubject / ownCall and an IMPROPER_HOURS except); a visit
// announced and conducted properly, one the complainant asked for, a court's or police officer's
// visit, a letter sent home, a visit held out in a conditional threat (VISIT_HARASSMENT excepts); the
// word 威胁 whose content is a lawful step (THREAT excepts). Texts phrased anew, not the batches'.
func TestSession18ZhprecLookAlikes(t *testing.T) {
	p := mustPack(t, CN)
	runFlagCases(t, p, []flagCase{
		// the complainant's own call at a late or early hour
		{"OwnCallLate", "我昨天晚上十一点半打电话给平台客服，想申请延期还款。", none, hours},
		{"OwnCallEarly", "我早上六点多就主动给催收员回电话了，说今天一定还。", none, hours},
		{"OwnCallClock", "我23:10给他们拨打了官方热线，没人接。", none, hours},
		{"GuardCollectorLate", "他们晚上十一点半还在给我打电话。", hours, none},
		{"GuardCollectorCalledMe", "催收凌晨一点打电话给我，把孩子都吵醒了。", hours, none},
		// a visit conducted properly, asked for, or by a court or the police
		{"VisitBooked", "外访人员上门前先给我打了电话预约，到了以后也很有礼貌。", none, visit},
		{"VisitInvited", "我邀请了银行的工作人员来我家当面核对账单。", none, visit},
		{"VisitCourt", "法院书记员带着传票来我家送达，程序都合法。", none, visit},
		{"LetterHome", "他们把催收函寄到我老家，我妈签收的。", none, visit},
		{"VisitConditional", "他们说再不还钱就派人到我家里坐着。", none, visit},
		{"GuardVisitHappened", "三个催收员昨天跑到我家门口砸门，骂了一个小时。", visit, none},
		{"GuardVisitWorkplace", "催收直接找到我公司，在前台大吵大闹。", visit, none},
		// 威胁 whose content is a lawful step
		{"ThreatWordLawful", "客服威胁我说不还款就起诉，我觉得态度很差。", none, threat},
		{"ThreatWordCardBlock", "银行用封卡威胁我一次性还清。", none, threat},
		{"GuardThreatHarm", "催收威胁我说不还钱就让我断手断脚。", threat, none},
		// a relative's limb (THREAT.s18-zhprec)
		{"RelativeLimb", "对方说再拖着不还，就把你儿子的手指剁了。", threat, none},
	})
}
