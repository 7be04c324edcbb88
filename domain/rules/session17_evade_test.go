package rules

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestSession17EvadeNormalize: session 17's evasions read by the normaliser (docs/RULES.md "Evasions,
// session 17 (evade)"): pinyin syllable by syllable and with tone marks, Cyrillic and Greek letters
// inside English words, words spelled letter by letter, keycap digits, pictures of the police, a
// phone, money or a home, and ZWJ emoji sequences read once.
func TestSession17EvadeNormalize(t *testing.T) {
	cn, us := mustPack(t, CN), mustPack(t, US)
	checkNormalize(t, []normCase{
		{cn, "他冒充jing cha打给我", "冒充警察打给我"}, // pinyin syllable by syllable
		{cn, "lao ma和ling dao都接到了", "老妈和领导都接到了"},
		{cn, "他们bao tong xun lu了", "爆通讯录"},
		{cn, "cuī shōu天天打", "催收天天打"},                         // tone marks
		{cn, "一天打了5\ufe0f\u20e30\ufe0f\u20e3多个", "一天打了50多个"}, // keycap digits
		{cn, "夜里1 2点多还在打，一天5 0多个", "夜里12点多还在打,一天50多个"},       // digits typed apart
		{cn, "说已经报了👮\u200d♂\ufe0f，🚓马上就到", "报了警察,警察马上就到"},     // a ZWJ sequence is one picture
		{cn, "给我妈打📞，让我还💰", "给我妈打电话,让我还钱"},
		{cn, "每天📞📞📞打十几次", "每天电话打十几次"},      // a symbol typed again is read once
		{cn, "骚🐶扰我，电📞话打个不停", "骚扰我,电话打个不停"}, // inside a word an emoji is a filler
		{cn, "跟我麻麻说", "跟我妈妈说"},
		{us, "he thrеatened me", "he threatened me"},   // Cyrillic е
		{us, "called me a bіtch", "called me a bitch"}, // Cyrillic і
		{us, "they called my b o s s and my m.o.m", "they called my boss and my mom"},
		{us, "they h-a-r-a-s-s me", "they harass me"},
		{us, "the 👮 came", "the police came"},
		{us, "they 📞 my job", "they call my job"},
	})
	// left alone: a Russian word, single letters that spell no word of the pack, a plain "a b c"
	checkNormalize(t, []normCase{
		{us, "my landlord Сергей called", "сергей"},
		{us, "options a b c d on the form", "a b c d"},
		{us, "the u.s. mail", "u.s. mail"},
	})
	// evidence still points at what was written
	a := us.Assess(Facts{Narrative: "they called my b o s s at work and told him i owe money"})
	f, ok := a.Find(domain.ViolationThirdPartyContact)
	if !ok || !strings.Contains(f.Evidence[0].Phrase, "b o s s") {
		t.Errorf("spelled-out boss: want evidence quoting %q, got %+v", "b o s s", f)
	}
}

// TestSession17EvadeJudge: complaints written the way people evade filters, phrased anew, judged as
// routing judges them.
func TestSession17EvadeJudge(t *testing.T) {
	threat, contact, falseRep := domain.ViolationThreat, domain.ViolationThirdPartyContact, domain.ViolationFalseRepresentation
	urgent, high, normal := domain.PriorityUrgent, domain.PriorityHigh, domain.PriorityNormal
	T := func(ts ...domain.ViolationType) []domain.ViolationType { return ts }
	runJudgeCases(t, mustPack(t, CN), []judgeCase{
		{"PosesAsPoliceEmoji", "催收冒充👮‍♂️给我打电话要钱", T(falseRep), nil, high, false},
		{"PoseAsPolicePinyin", "对方冒充jing cha给我打电话", T(falseRep), nil, high, false},
		{"WellKnownHomophonePolice", "有人冒充井察打电话吓唬我", T(falseRep), nil, high, false},
		{"SyllablesToBoss", "催收把电话打到我gong si，ling dao都接到了", T(contact), nil, high, false},
		{"PinyinCurseMixed", "那个催收张口就是cao你ma", T(domain.ViolationAbusiveLanguage), nil, high, false},
		{"PinyinInsultSyllables", "那个催收在电话里说我就是个gou dong xi", T(domain.ViolationAbusiveLanguage), nil, high, false},
		{"BurnMyHouseReported", "催收说再不还就烧了我家的房子", T(threat), nil, urgent, true},
		{"SeeWhatHappensReported", "他在电话里说明天带人过来，要我好看", T(threat), nil, urgent, true},
		// look-alikes: the bank's own reminder with a phone emoji, a question about fees
		{"ReminderWithPhone", "【某银行】您本期账单已出，请按时还款，如有疑问请📞客服95xxx", nil, T(falseRep, contact, domain.ViolationDebtDispute), normal, false},
		{"FeeQuestion", "想问下提前还💰要不要收手续费", nil, T(domain.ViolationUnlawfulFees), normal, false},
	})
	runJudgeCases(t, mustPack(t, US), []judgeCase{
		{"SpelledBoss", "they called my b o s s and told him about the debt", T(contact), nil, high, false},
		{"CopsLeet", "the collector said the c0ps were on the way to arrest me", T(falseRep), nil, high, false},
		{"CyrillicInsult", "the agent called me a bіtch on the phone", T(domain.ViolationAbusiveLanguage), nil, high, false},
		{"SpelledKill", "the collector said he would k i l l me if i didnt pay", T(threat), nil, urgent, true},
	})
}
