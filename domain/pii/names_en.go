package pii

import (
	"strings"
	"unicode/utf8"
)

// englishGivenNames are common given names in English-speaking countries (and the usual Spanish
// and Chinese-English ones), lower case, without those that are common English words too (will,
// may, june, mark, bill, grace, hope, chase, art, frank…) or places (virginia, austin, charlotte,
// madison, logan: This is Virginia Beach, This is Austin Energy): a word after "I am", "This is",
// "my name is" or a kinship word is read as a name when it is one of these (session 32, scrub32).
var englishGivenNames = wordSet(`
	aaron abigail adam adrian aiden alan albert alex alexander alexandra alexis alice alicia allison amanda amber amy
	ana andrea andrew angela angelica anita ann anna anne annie anthony antonio ashley barbara benjamin betty
	beverly brandon brenda brian brittany bruce bryan carl carlos carol carolyn catherine charles cheryl
	chloe christina christine christopher cindy claire cody connie craig cynthia daniel danielle
	david deborah debra denise dennis derek diana diane donald donna doris dorothy douglas dylan edward elizabeth
	ella emily emma eric erica erin ethan eugene evelyn gabriel gary george gerald gloria gregory hannah harold
	heather helen henry isabella jacob jacqueline james jane janet janice jason jeffrey jennifer jeremy
	jessica joan joe john johnny jonathan jorge jose joseph joshua joyce juan judith judy julia julie justin karen
	katherine kathleen kathryn kathy kayla keith kelly kenneth kevin kimberly kyle larry laura lauren linda lisa
	lori louis luis margaret maria marie marilyn martha mary matthew megan melissa michael michelle
	mildred nancy natalie nathan nicholas nicole noah olivia pamela patricia patrick paul peter philip rachel ralph
	randy raymond rebecca richard robert roger ronald ruth ryan samantha samuel sandra sara sarah scott sean sharon
	shirley sophia stephanie stephen steven susan teresa theresa thomas timothy tyler victoria vincent 
	walter wayne william zachary jamal latoya tanya tony tom jim mike bob rob dave steve chris matt dan nick sam
	ben jen jenny liz beth becky kate katie meg tina terry tammy wendy vanessa yolanda rosa carmen guadalupe
	miguel pedro ricardo fernando javier alejandro diego sofia valentina camila lucia elena isabel gabriela
	kevin jason eric tiffany vivian jenny wendy ivy jacky jackie tommy danny
`)

// kinOnlyGivenNames are given names that are English words or begin companies' names too (This is
// crystal clear, I am Christian Credit Union member, This is Jack in the Box): read as names only
// after a kinship word or a collector's role (my friend jack invested 2000; review of session 32,
// scrub32).
var kinOnlyGivenNames = wordSet(`crystal christian jack jean`)

// sentenceWords are words that follow a given name in a sentence and are no surname: verbs,
// particles, pronouns (my husband John and I, I am Jennifer calling…).
var sentenceWords = wordSet(`
	and or but nor so was is were are am be been being has had have having got get gets getting called calls calling
	said says told tells asked who whom whose which that the a an to from in on at of for with by about as into onto
	also still then now never always just only even lives lived works worked paid pays owes owed received answered
	passed died took takes did does do can could will would should may might must not no yes here there again too
	here's there's i me my we us our you your he him his she her they them their it its this these those
	speaking calling writing talking please thanks thank hi hello dear sir madam mr mrs ms
`)

// nameWords are the words of a name at the start of s (s holds at most three words, spaces
// between): each word, and where it ends in s.
func nameWords(s string) (words []string, ends []int) {
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		words, ends = append(words, s[i:j]), append(ends, j)
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		i = j
	}
	return words, ends
}

// possessive reports a word that ends in 's (John's): no name of a person after "I am" or "This is".
func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'S")
}

// givenName reports a word (any case) that is one of englishGivenNames, or the first part of a
// hyphenated one (Mary-Ann).
func givenName(w string) bool {
	w = strings.ToLower(w)
	if i := strings.IndexByte(w, '-'); i > 0 {
		w = w[:i]
	}
	return englishGivenNames[w]
}

// surnameWord reports a word that may follow a given name as its surname: no word of a sentence,
// of an institution (notAnEnglishName), or possessive; in capitals after a capitalised given name.
func surnameWord(w string, capital bool) bool {
	if w == "" || possessive(w) || sentenceWords[strings.ToLower(w)] || notAnEnglishName(w) {
		return false
	}
	if capital && !(w[0] >= 'A' && w[0] <= 'Z') {
		return false
	}
	// a lower-case word ending in -ed or -ing is a verb (my husband john borrowed; review of session
	// 32, scrub32)
	if lw := strings.ToLower(w); w == lw && len(w) > 4 && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) {
		return false
	}
	return true
}

// capitalised reports a word whose first letter is a capital and whose others are not all capitals:
// after a given name in capitals (I'm JOHN smith) the surname may be in any case.
func capitalised(w string) bool {
	if w == "" || !(w[0] >= 'A' && w[0] <= 'Z') {
		return false
	}
	return len(w) == 1 || strings.ToUpper(w) != w
}

// institutionAfterName keeps a given name that words of an institution follow, capitalised (This is
// Ashley Furniture, This is Kelly Services, I am Kelly Blue Book: the given name was redacted and
// the company's name cut; review of session 32, scrub32): up to three words after the first.
func institutionAfterName(text string, start, end int) bool {
	rest := text[start:min(len(text), start+64)]
	words := strings.Fields(rest)
	for i := 1; i < len(words) && i <= 3; i++ {
		w := strings.Trim(words[i], ".,;:!?'’\"()")
		if w == "" || !(w[0] >= 'A' && w[0] <= 'Z') {
			return false
		}
		if institutionNameWords[strings.ToLower(w)] || notAnEnglishName(w) && !sentenceWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// institutionNameWords are words of a company's or an institution's name.
var institutionNameWords = wordSet(`
	furniture services service credit union bank book books insurance motors motor group company inc llc corp co
	store stores clinic hospital law associates realty mortgage lending financial capital energy wireless
	solutions systems homes auto agency collections collection recovery partners management legal firm
	restaurant pharmacy jewelers jewelry boutique salon cosmetics federal savings trust fund funding lenders
	loans finance telecom communications cable electric utilities airlines university college school
	banking fintech payments pay cash money wallet
`)

// englishIntroducedName is the cut of the English self-introduction rule: the given name and the
// surname after it, the given name alone, both words when they are capitalised and read as a
// Chinese name in pinyin, or nothing.
func englishIntroducedName(m string) int {
	words, ends := nameWords(m)
	// (capitalised: in lower case "I am a man" reads as pinyin; the rule of "my name is" reads it)
	if len(words) == 2 && len(words[0]) > 1 && len(words[1]) > 1 && words[0][0] >= 'A' && words[0][0] <= 'Z' && words[1][0] >= 'A' && words[1][0] <= 'Z' &&
		pinyinName([]string{strings.ToLower(words[0]), strings.ToLower(words[1])}) {
		return ends[1]
	}
	if possessive(words[0]) || !givenName(words[0]) {
		return 0
	}
	if len(words) == 2 && surnameWord(words[1], capitalised(words[0])) {
		return ends[1]
	}
	return ends[0]
}

// englishGivenNameAndSurname is the cut of the English relative's rule: a given name, and the
// surname after it (englishIntroducedName without pinyin: my husband Long Ma is read by the rule of
// two capitalised words before it).
func englishGivenNameAndSurname(m string) int {
	words, ends := nameWords(m)
	if possessive(words[0]) || !givenName(words[0]) && !kinOnlyGivenNames[strings.ToLower(words[0])] {
		return 0
	}
	if len(words) == 2 && surnameWord(words[1], capitalised(words[0])) {
		return ends[1]
	}
	return ends[0]
}

// relativesName is the cut of the English relative's rule: englishGivenNameAndSurname, but in lower
// case a word after the given name that is a verb of a sentence (-ed and -ing words: surnameWord;
// common verbs of the past: lowerVerbs) is no surname (my husband john borrowed 5000, my wife mary
// cried, my husband john left: the verb was redacted; review of session 32, scrub32). A lower-case
// surname is still read (my sister jane doe).
func relativesName(m string) int {
	n := englishGivenNameAndSurname(m)
	if n == 0 || m[0] >= 'A' && m[0] <= 'Z' {
		return n
	}
	words, ends := nameWords(m)
	if len(words) == 2 && n == ends[1] && lowerVerbs[words[1]] {
		return ends[0]
	}
	return n
}

// lowerVerbs are common irregular verbs of the past and present that may follow a relative's given
// name in lower case.
var lowerVerbs = wordSet(`
	went left lost sent came made gave ran spent bought lent kept sold saw heard felt became began broke
	fell found forgot knew met cried tried applied died signed co-signed cosigned owes owe lost quit hung
	goes comes gets makes sends pays takes says tells calls texts cries tries needs wants thinks
`)

// latinIntroducedName is the cut of the rule of a Latin name after a Chinese self-introduction:
// every word when all read as pinyin (我是Zhang San, 我是zhang san), or a given name and the
// capitalised words after it that are no institution's (我是John Smith); nothing otherwise
// (我是Capital One的客户, 我是Apple Store的员工).
func latinIntroducedName(m string) int {
	words, ends := nameWords(m)
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
	}
	if pinyinName(lower) {
		return len(m)
	}
	if !givenName(words[0]) || notAnEnglishName(m) {
		return 0
	}
	n := 1
	for n < len(words) && surnameWord(words[n], capitalised(words[0])) {
		n++
	}
	return ends[n-1]
}

// customerWords follow 的 after an institution's name, not a person's (我是万达的客户).
var customerWords = []string{"客户", "用户", "会员", "业主", "员工", "职员", "职工", "持卡人", "储户", "股东", "租户", "学员"}

// customerOf keeps a word of two or three characters after 我是 or 本人 that 的 and a customer's
// word follow (我是万达的客户, 我是苏宁的用户, 本人是金山的员工, 我是周大福的客户): an institution,
// which a surname may begin as well as a name (session 31's over-redaction, mended in session 32,
// scrub32). A relative's name (我妈王秀英的…) is still read as a name.
// Only an institution of customerCompanies, and a customer's word that stands alone (a break, the
// end or a word that makes no compound of it after): 本人李明的用户名被盗, 本人王伟的客户号是123,
// 我是张伟的会员 were published (review of session 32, scrub32).
func customerOf(text string, start, end int) bool {
	m := text[start:end]
	n := nameLen(m)
	word := unspaced(m[:n])
	if k := utf8.RuneCountInString(word); k < 2 || k > 3 {
		return false
	}
	before := strings.TrimRight(text[:start], " \t\u3000:：")
	intro := false
	for _, w := range []string{"我是", "我就是", "本人是", "本人", "俺是"} {
		if strings.HasSuffix(before, w) {
			intro = true
			break
		}
	}
	if !intro {
		return false
	}
	after, ok := strings.CutPrefix(strings.TrimLeft(text[start+n:], " \t\u3000"), "的")
	if !ok {
		return false
	}
	company := false
	for _, c := range customerCompanies {
		if strings.HasPrefix(word, c) && utf8.RuneCountInString(word)-utf8.RuneCountInString(c) <= 1 {
			company = true
			break
		}
	}
	if !company {
		return false
	}
	for _, w := range customerWords {
		if rest, ok := strings.CutPrefix(after, w); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return !strings.ContainsRune(customerCompounds, r)
		}
	}
	return false
}

// customerCompanies are well-known companies whose name of two or three characters starts with a
// surname's character (万达, 苏宁, 周大福…): after 我是 and before 的客户 they are read as companies,
// any other such word as a name.
var customerCompanies = []string{"万达", "万科", "万家", "苏宁", "周大福", "周黑鸭", "周生生", "金山", "金蝶", "钱大妈", "杨国福",
	"余额宝", "汤臣", "宋城", "龙湖", "高德", "罗森", "顾家", "方正", "江淮", "江铃", "雷士", "白象", "石药", "孔夫子", "薛记",
	"蒋记", "朱家", "郑好", "潘多拉", "曹操", "马可", "林肯", "范思哲", "汪汪", "谭木匠", "许留山", "何氏", "黄记"}

// customerCompounds are characters that make a compound of a customer's word before them (用户名,
// 客户号, 会员卡, 员工号): the word is then no customer's.
const customerCompounds = "名号卡码证编账帐信资群费等级ID"
