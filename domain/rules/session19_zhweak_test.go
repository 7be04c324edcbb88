package rules

import (
	"testing"
	"unicode/utf8"
)

// TestSession19ZhweakUnpunctuated: session 19 (zhweak), complaints written without commas. A negation
// cue whose words up to the phrase start with a predicate of its own (NegationClosers: 钱不够, 没能力,
// 不认, 没有回复我, 不稳定; a verb only with words of its own after it) negates that predicate, not the next clause's phrase; a protest addressed to
// the collector (你们不能…) states what they do. The guards keep plain negations negated.
func TestSession19ZhweakUnpunctuated(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"ShortOfMoneyThenCount", "那个月我手头钱不够一天给我打十几个电话", excess, none},
		{"DisownedThenRelative", "我说这笔我不认打电话给我姐夫说我赖账", third, none},
		{"NoReplyThenWife", "他们一直没有回复我给我老婆发短信", third, none},
		{"AcknowledgedNotThenCousin", "我已经按时还款了他们不承认打电话给我表哥说我欠钱", third, none},
		{"UnstableIncomeThenRate", "我的工资不稳定利息也太高了", fees, none},
		// guards: the cue still negates the phrase it stands before
		{"NeverCalledFamily", "他们从来没有给我家人打过电话", none, third},
		{"NeverThreatened", "催收没有威胁过我", none, threat},
		{"NotOften", "他们没有频繁联系我", none, excess},
		{"AskedWhetherTheyWill", "他们会不会打电话给我爸妈？", none, third},
		{"VerbKeepsItsObject", "他们没有联系孩子的学校，也没有通知我家人", none, third},
	})
}

// TestSession19ZhweakScopes: the contract's remaining sum against a larger demand is a dispute; an
// unknown person who borrowed in the complainant's name is no unidentified collector; the
// complainant's own shame (我都没脸上班了) is no insult, while the insult 没脸没皮 stays one.
func TestSession19ZhweakScopes(t *testing.T) {
	runFlagCases(t, mustPack(t, CN), []flagCase{
		{"ContractRemainderVsDemand", "按照合同我剩余的只有一千八可催收要我还四千", dispute, none},
		{"UnknownBorrowerNotCaller", "也不知道是谁拿我的身份证办的这个贷款", none, unident},
		{"OwnShame", "催收到处打电话现在我都没脸上班了", none, abuse},
		// guard
		{"InsultStays", "他骂我没脸没皮", abuse, none},
	})
}

// TestSession19ZhweakQuestionReach: in a long sentence with no comma that ends in a question, the
// question asks about its last QuestionReach runes, not about every fact told before it.
func TestSession19ZhweakQuestionReach(t *testing.T) {
	c := mustPack(t, CN).Language["zh"]
	sent := "上个月我按时把钱转进了还款账户结果他们又打电话说我逾期了三天还要收一笔违约金你们能帮我核实一下吗"
	q := c.questionStart(sent, "zh")
	if q < 0 {
		t.Fatalf("questionStart = %d: the sentence is a question", q)
	}
	if n := utf8.RuneCountInString(sent); n-q > c.QuestionReach || c.QuestionReach == 0 {
		t.Errorf("the question reaches %d runes back (reach %d)", n-q, c.QuestionReach)
	}
	// an opener marks where the complainant's own question begins, however long it runs
	asked := "请问如果我下个月还款日卡里的钱不够扣款失败了平台会不会给我算逾期吗"
	if q := c.questionStart(asked, "zh"); q != utf8.RuneCountInString("请问") {
		t.Errorf("a question opened by 请问…如果 starts at its last opener: got %d", q)
	}
	short := "你们到底是哪个公司的，能不能说清楚吗？"
	if q := c.questionStart(short, "zh"); q != utf8.RuneCountInString("你们到底是哪个公司的，") {
		t.Errorf("a short last clause keeps its start: got %d", q)
	}
}
