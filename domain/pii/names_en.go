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
	chloe christian christina christine christopher cindy claire cody connie craig crystal cynthia daniel danielle
	david deborah debra denise dennis derek diana diane donald donna doris dorothy douglas dylan edward elizabeth
	ella emily emma eric erica erin ethan eugene evelyn gabriel gary george gerald gloria gregory hannah harold
	heather helen henry isabella jack jacob jacqueline james jane janet janice jason jean jeffrey jennifer jeremy
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
	return true
}

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
	capital := words[0][0] >= 'A' && words[0][0] <= 'Z'
	if len(words) == 2 && surnameWord(words[1], capital) {
		return ends[1]
	}
	return ends[0]
}

// englishGivenNameAndSurname is the cut of the English relative's rule: a given name, and the
// surname after it (englishIntroducedName without pinyin: my husband Long Ma is read by the rule of
// two capitalised words before it).
func englishGivenNameAndSurname(m string) int {
	words, ends := nameWords(m)
	if possessive(words[0]) || !givenName(words[0]) {
		return 0
	}
	capital := words[0][0] >= 'A' && words[0][0] <= 'Z'
	if len(words) == 2 && surnameWord(words[1], capital) {
		return ends[1]
	}
	return ends[0]
}

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
	for n < len(words) && surnameWord(words[n], true) {
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
func customerOf(text string, start, end int) bool {
	m := text[start:end]
	n := nameLen(m)
	if k := utf8.RuneCountInString(unspaced(m[:n])); k < 2 || k > 3 {
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
	for _, w := range customerWords {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}
