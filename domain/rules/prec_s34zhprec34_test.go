package rules

import "testing"

// TestSession34Zhprec34Mechanisms: session 34 (zhprec34), the ninth writer's Chinese false flags
// (blind-s33, studied) and two of its misses, by mechanism, in fresh wordings. Look-alikes: hearsay
// of another's case (据她说), a worry about what may come once overdue, contacts authorised at
// signing, a comparison with insults, the writer's own exclamation, a legal rule stated as a
// condition, a failed auto-debit the writer accepts, the writer's own call after hanging up, the
// principal told beside what was repaid, a collector's quoted "waiting for you", fees without a
// contractual basis (no omission), kin who are "not the borrower". Positives: 搔扰 for 骚扰, a
// contract with no clause for the fees named; guards keep the plain forms flagged.
func TestSession34Zhprec34Mechanisms(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"HomophoneHarass", "摧收每天都在搔扰我姐姐，她跟这事没关系", third, none},
		{"NoClauseForFees", "账单里多了两千的“法务处理费”，合同里根本没有这项费用的约定。", fees, none},
		// look-alikes
		{"HearsayOfCousin", "我堂妹欠了网贷。据她说，催收打电话骂她，还说要去她单位。", none, abuse},
		{"WorryOnceOverdue", "如果我逾期了，他们是不是会给我爸妈打电话？", none, third},
		{"ContactsAuthorised", "办贷款的时候授权了手机通讯录，现在想关掉。", none, third},
		{"WorseThanInsults", "短信里只有我家楼道的照片，这比骂人更让人害怕。", none, abuse},
		{"OwnExclamation", "凌晨五点打电话来催，神经病吧，孩子都吓哭了", none, abuse},
		{"InheritanceRuleStated", "客服解释说，按规定如果没有继承遗产，就不用替父亲还款。", none, dispute},
		{"AutoDebitServiceFault", "这个APP老是扣款失败，每个月都得手动还，体验很差。", none, dispute},
		{"OwnCallAfterHangingUp", "对方自称是法院的，我挂了电话马上打给派出所核实。", none, excess},
		{"PrincipalThenRepaid", "我借的本金只有三千，已经还了两千，剩下的月底还。", none, fees},
		{"QuotedWaitingForYou", "他在电话里说：“我们就在你公司楼下等你，别想跑。”", none, visit},
		{"NoContractBasisFees", "这笔“上门费”没有合同依据，借款合同里只写了利息。", none, missing},
		{"KinNotTheBorrower", "我表哥借的钱，催收却天天打我和我妈，我们又不是借款人。", third, dispute},
		// guards: the plain forms stay
		{"GuardInsultToFace", "催收在电话里骂我是废物，说我有病吧。", abuse, none},
		{"GuardWrongPerson", "我不是借款人，也不认识他们要找的人，这笔钱不是我借的。", dispute, none},
		{"GuardSystemFault", "卡里余额充足，他们扣款失败了却算我逾期，还收罚息。", dispute, none},
		{"GuardVisitDone", "昨晚两个男的在我家门口等了两个小时，一直敲门。", visit, none},
	})
}
