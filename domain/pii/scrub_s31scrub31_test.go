package pii

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain/charclass"
)

// dropFormatBetweenWordsS31 is what session 31 (scrub31) added to seeThroughNumbers, applied to
// what an older version wrote: a run of format characters whose nearest other runes on both sides
// are letters, digits or marks of an e-mail address (isWordRune) is dropped.
func dropFormatBetweenWordsS31(s string) string {
	rs := []rune(s)
	var out []rune
	for i, r := range rs {
		if charclass.Format(r) {
			j := i - 1
			for j >= 0 && charclass.Format(rs[j]) {
				j--
			}
			k := i + 1
			for k < len(rs) && charclass.Format(rs[k]) {
				k++
			}
			if j >= 0 && k < len(rs) && isWordRune(rs[j]) && isWordRune(rs[k]) {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// Session 30's leftover: a mobile or an ID number whose groups a tilde or an ideographic full stop
// parts, spaced or not. A range of two numbers stays.
func TestScrubS31TildesAndFullStopsBetweenGroups(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"电话138 ~ 1234 ~ 5678联系", "5678"},
		{"电话138 ～ 1234 ～ 5678联系", "5678"},
		{"电话138。1234。5678联系", "5678"},
		{"电话138 。 1234 。 5678联系", "5678"},
		{"电话138｡1234｡5678联系", "5678"},
		{"电话 +86 138 〜 1234 〜 5678", "1234"},
		{"身份证110105 ~ 19900101 ~ 123X", "19900101"},
		{"身份证110105。19900101。123X", "19900101"},
	})
	scrubKeeps(t, "价格1000 ~ 2000元，共3期", "每月1500～3000元。2024年。", "借款138。还了1234。", "分3 ~ 12期")
}

// Session 30's leftover: a WeChat or QQ id of letters alone that reads as no pinyin, after a
// Chinese label that says an id follows (号, 号码, 账号, ID, or a colon). English labels and a
// bare 微信 before an English word keep it.
func TestScrubS31LettersOnlyContactIDAfterAnIDLabel(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"微信号 abcdefgh 加我", "abcdefgh"},
		{"我的微信号是 lmzhang", "lmzhang"},
		{"微信：lmzhang", "lmzhang"},
		{"vx：abcdefgh", "abcdefgh"},
		{"ＶＸ：abcdefgh", "abcdefgh"},
		{"QQ号：qwertyui", "qwertyui"},
		{"微信ID：hellokitty", "hellokitty"},
	})
	scrubKeeps(t, "通过微信 payment 付款", "WeChat ID verification failed", "I paid via WeChat: transfer of 5000 yuan",
		"微信号：5000元", "微信号是多少")
}

// Session 30's leftover: format characters (zero-width spaces, joiners, word joiners, direction
// marks, the soft hyphen) inside an e-mail address's name, beside its @, inside a contact label or
// inside a name kept the part before them.
func TestScrubS31FormatCharactersInsideWords(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"邮箱 zhang\u200bsan@qq.com", "zhang"},
		{"邮箱 zhang\u2060san@qq.com", "zhang"},
		{"邮箱 zhang\u00adsan@qq.com", "zhang"},
		{"邮箱 zh\u200ban\u200dgsan@qq.com", "zh"},
		{"邮箱 zhangsan\u200b@qq.com", "zhangsan"},
		{"邮箱 zhangsan@\u200bqq.com", "zhangsan"},
		{"邮箱 zhangsan\u200b\u200b\u200b@qq.com", "zhangsan"},
		{"微\u200b信 zhangsan88", "zhangsan88"},
		{"Q\u200bQ：12345678", "12345678"},
		{"我叫张\u200b三丰", "三丰"},
		{"email li\u200bming at qq dot com", "ming"},
	})
	scrubKeeps(t, "催收\u200b骚扰", "a\u200bb", "李\u200b明 说", "👨\u200d👩\u200d👧 家人")
}

// Session 30's leftover: a self-introduction without a label (我是张三, 本人张三), and a relative
// named after the kinship word (我妈王秀英): the name was published. Ordinary phrases stay.
func TestScrubS31SelfIntroductionsAndRelativesNames(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"我是张三，今天投诉", "张三"},
		{"本人张三，身份证已提供", "张三"},
		{"本人是李建国。", "建国"},
		{"我是欧阳娜娜，被催收骚扰", "娜娜"},
		{"我是张三的妈妈", "张三"},
		{"我妈王秀英", "秀英"},
		{"我妈妈王秀英经常被骚扰", "秀英"},
		{"我老公李建国被他们打电话", "建国"},
		{"我妈叫王秀英，今年60岁", "秀英"},
		{"我儿子张小明在上学", "小明"},
		{"我朋友刘洋借了钱", "刘洋"},
		{"我的老婆：陈丽，", "陈丽"},
	})
	scrubKeeps(t, "我是借款人", "我是他妈妈", "本人已还清", "我是高中生，", "我是程序员", "我是江苏人，",
		"本人马上还款", "本人付款了。", "我是周一借的", "我是石家庄的", "我老婆方便的时候", "我爸说不用还",
		"我妈今年60岁", "我老公高血压住院", "本人于2024年3月借款", "我是2019年借的", "我是马上消费金融的借款人",
		"我姐姐也被骚扰", "我同事都知道了", "我妈妈身体不好", "我老公高兴地说", "我是本人", "我是债务人本人")
}

// A US social security number with spaces, dots or spaced dashes between its groups; an English
// narrative's relative named after the word for them. Numbers no SSN has, dates, times, statutes
// and two capitalised words that are no name stay.
func TestScrubS31SSNsAndEnglishRelativesNames(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"SSN 123 45 6789", "6789"},
		{"SSN: 123.45.6789", "6789"},
		{"My SSN is 123 - 45 - 6789", "6789"},
		{"My wife Jane Smith was called at work", "Smith"},
		{"my mother, Mary Johnson, got calls", "Johnson"},
		{"They called my husband's Robert Brown", "Brown"},
		{"our neighbor Tom Lee heard it", "Lee"},
	})
	scrubKeeps(t, "I paid $1,500 on 03/15/2024 at 2:30 PM", "12 U.S.C. 5531 and 15 USC 1692c(b)",
		"they called 900 12 3456 times", "version 1.2.2024", "my son Monday Morning", "my father Bank Of America",
		"my wife said they called", "Reg F 1006.14 12 C.F.R.")
}

// Letters that look like digits (l, I, O, o; Cyrillic and Greek I, O and Ze) standing against the
// digits of a number: read as the digit. Words that hold them beside a letter stay.
func TestScrubS31DigitHomoglyphs(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"手机 l38 1234 5678", "5678"},
		{"手机 138 l234 5678", "5678"},
		{"手机 I38I2345678", "2345678"},
		{"手机 1З8 1234 5678", "5678"},
		{"手机 13O 1234 5678", "5678"},
		{"手机 1з9 l2З4 5б78", "l2З4"},
		{"身份证 11O1O5199OO1O1123X", "123X"},
		{"call me at 555 l23 4567", "4567"},
	})
	scrubKeeps(t, "CO2 H2O No1 iPhone 15 O2O B2B Win10 5G", "I 2 times", "共1o元", "Model S 2024, Level 10")
}

// An address with a space before its house number, and an estate named other than 小区/花园/苑
// (嘉园, 家园, 社区, 府) before its building.
func TestScrubS31LooseAddresses(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"地址：广州天河体育西路 一百号", "一百号"},
		{"地址：建国路 88号", "88号"},
		{"住在五道口华清嘉园十五号楼", "十五号楼"},
		{"住在阳光家园 3栋", "3栋"},
		{"住在和平社区12号楼", "12号楼"},
	})
	scrubKeeps(t, "在路上 3 号那天打电话", "坐地铁 10 号线", "走了一条路 12 号线", "3月15号打了20次")
}

// Names in traditional characters, after 我的名字 with a colon (not without one), after 他叫/她叫 and a self-claim.
func TestScrubS31MoreNameMarks(t *testing.T) {
	scrubRedacts(t, []struct{ in, leak string }{
		{"我是張三，被催收", "張三"},
		{"陳先生打來電話", "陳"},
		{"我的名字：李四", "李四"},
		{"她叫王丽，是我同学", "王丽"},
		{"对方自称陈建华，", "建华"},
	})
	scrubKeeps(t, "他叫人来家里", "她叫我还钱", "他叫马上还钱", "我的名字被他们公开了",
		// 我的名字 is a label only with a colon: these say what was done with it
		"催收的冒充我的身份 用我的名字注册了一个微信", "内容是我的名字加上借款逾期未还", "查不到我的名字 但催收的人一口咬定")
}

// TestScrubS31GatesNeverSkipAMatch: the gates session 31 added (hasIntroduction, twoDigitsAlone,
// hasBuilding on the estate rule) never refuse a text their rule would redact something of
// (random texts of the rules' words, surnames, kinship words, digit groups and separators).
func TestScrubS31GatesNeverSkipAMatch(t *testing.T) {
	parts := []string{"我", "俺", "本人", "叫", "称", "自称", "是", "的", "就", "名", "妈", "老公", "朋友", "同事", "姐姐", " ", "\u3000",
		"：", ":", "，", "张", "三", "王", "秀英", "欧阳", "娜", "張", "了", "人", "高", "中", "1", "12", "123", "45", "6789", "666", "9",
		" - ", "-", ".", "\t", "a", "园", "小区", "社区", "3", "十五", "栋", "座", "幢", "号楼", "号", "单元", "室", "x"}
	rnd := rand.New(rand.NewSource(31))
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		for k := rnd.Intn(16); k >= 0; k-- {
			b.WriteString(parts[rnd.Intn(len(parts))])
		}
		text := b.String()
		for i, r := range scrubRules {
			if r.gate == nil || r.gate(text) {
				continue
			}
			ungated := r
			ungated.gate = nil
			if spans := ungated.find(text); spans != nil {
				t.Fatalf("rule %d (%.40s…): gate refuses %q, of which the rule redacts %v", i, r.re.String(), text, spans)
			}
		}
	}
}
