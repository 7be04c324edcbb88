package rules

import (
	"strings"
	"unicode"

	"github.com/redline-regulator/redline/domain/charclass"
)

// symbolEnd is the index after the symbol at orig[i] and whatever draws it with it: variation
// selectors (⚰️), skin tones (👮🏽), the symbols a zero-width joiner adds (👮‍♂️) and the same symbol
// typed again (📞📞📞), so that the picture is read once, as the words the pack gives it.
func symbolEnd(orig []rune, i int) int {
	k := i + 1
	for k < len(orig) {
		switch r := orig[k]; {
		case r >= 0x1F3FB && r <= 0x1F3FF, charclass.Invisible(r), r == orig[i]:
			k++
		case orig[k-1] == 0x200D && !isHan(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r):
			k++ // the symbol a joiner adds
		default:
			return k
		}
	}
	return k
}

// latinLookAlike is the Latin letter that a Cyrillic or Greek letter is drawn like (lower case), or
// a Latin letter with a pinyin tone mark without it; 0 for any other rune.
func latinLookAlike(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ā', 'ǎ', 'À', 'Á', 'Ā', 'Ǎ', 'а', 'А', 'α', 'Α':
		return 'a'
	case 'è', 'é', 'ê', 'ē', 'ě', 'È', 'É', 'Ē', 'Ě', 'е', 'Е', 'ё', 'Ε':
		return 'e'
	case 'ì', 'í', 'î', 'ī', 'ǐ', 'Ì', 'Í', 'Ī', 'Ǐ', 'і', 'І', 'ї', 'ι', 'Ι':
		return 'i'
	case 'ò', 'ó', 'ô', 'ō', 'ǒ', 'Ò', 'Ó', 'Ō', 'Ǒ', 'о', 'О', 'ο', 'Ο':
		return 'o'
	case 'ù', 'ú', 'û', 'ū', 'ǔ', 'Ù', 'Ú', 'Ū', 'Ǔ', 'υ':
		return 'u'
	case 'ǖ', 'ǘ', 'ǚ', 'ǜ':
		return 'ü'
	case 'ń', 'ň', 'ǹ':
		return 'n'
	case 'с', 'С':
		return 'c'
	case 'р', 'Р', 'ρ', 'Ρ':
		return 'p'
	case 'х', 'Х', 'χ', 'Χ':
		return 'x'
	case 'у', 'У', 'Υ':
		return 'y'
	case 'к', 'К', 'κ', 'Κ':
		return 'k'
	case 'ѕ', 'Ѕ':
		return 's'
	case 'ј', 'Ј':
		return 'j'
	case 'һ', 'Н', 'Η':
		return 'h'
	case 'ԁ':
		return 'd'
	case 'ӏ':
		return 'l'
	case 'М', 'Μ':
		return 'm'
	case 'Т', 'Τ':
		return 't'
	case 'В', 'Β':
		return 'b'
	case 'ν', 'Ν':
		return 'v'
	case 'Ζ':
		return 'z'
	}
	return 0
}

// buildEnWords collects the English words of the pack (the words its English patterns spell, its
// stems, masked words and alias targets), so that a word spelled out letter by letter ("b o s s",
// "h.a.r.a.s.s") is joined only when it is one of them.
func (p *Pack) buildEnWords() {
	p.enWords = nil
	words := map[string]bool{}
	addAll := func(s string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
			if len(w) >= 3 {
				words[w] = true
			}
		}
	}
	for _, vr := range p.Violations {
		for _, g := range vr.Phrases {
			for _, pat := range g.EN {
				addAll(pat)
			}
		}
	}
	for _, ms := range p.Classes {
		for _, m := range ms {
			addAll(m)
		}
	}
	for _, to := range p.Aliases["en"] {
		addAll(to)
	}
	if p.Spellings != nil {
		for _, w := range p.Spellings.Masked {
			addAll(w)
		}
		for _, w := range p.Spellings.Stems {
			addAll(w)
		}
	}
	if len(words) > 0 {
		p.enWords = words
	}
}

// spelledWord reports whether w, a word spelled out letter by letter, is one of the pack's English
// words, with an ending or without.
func (p *Pack) spelledWord(w string) bool {
	if p.enWords[w] {
		return true
	}
	for _, end := range []string{"s", "es", "ed", "d", "ing", "er", "ers"} {
		if s, ok := strings.CutSuffix(w, end); ok && len(s) >= 3 && p.enWords[s] {
			return true
		}
	}
	return false
}

// joinSpelled joins an English word spelled out letter by letter, its letters parted by one space,
// dot or dash each ("b o s s", "h.a.r.a.s.s", "k-i-l-l"), when the letters read as one of the
// pack's words (see spelledWord): the separators go, the letters keep their offsets.
func (p *Pack) joinSpelled(rs []rune, from, to []int) ([]rune, []int, []int) {
	letter := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= 'a' && rs[i] <= 'z' }
	for i := 0; i+4 < len(rs); i++ {
		// a single letter (none before it) followed by a separator and another single letter
		sep := rs[i+1]
		if !letter(i) || letter(i-1) || sep != ' ' && sep != '.' && sep != '-' || !letter(i+2) || letter(i+3) {
			continue
		}
		j := i // the last letter of the run
		for j+2 < len(rs) && rs[j+1] == sep && letter(j+2) && !letter(j+3) {
			j += 2
		}
		n := (j-i)/2 + 1
		if n < 3 {
			continue
		}
		w := make([]rune, 0, n)
		for k := i; k <= j; k += 2 {
			w = append(w, rs[k])
		}
		if !p.spelledWord(string(w)) {
			i = j
			continue
		}
		rs, from, to = dropSeparators(rs, from, to, i, j)
		i += n - 1
	}
	return rs, from, to
}

// joinSpacedDigits joins the digits of a number typed one by one with a space between them before
// a time or a count ("夜里1 2点", "一天5 0多个"): single digits, each parted by one space, the last
// followed by a measure word or 多/几/来; the spaces go, the digits keep their offsets.
func joinSpacedDigits(rs []rune, from, to []int) ([]rune, []int, []int) {
	for i := 0; i+3 < len(rs); i++ {
		if !isDigit(rs[i]) || i > 0 && (isLatin(rs[i-1]) || strings.ContainsRune(".:-/, ", rs[i-1])) || rs[i+1] != ' ' || !isDigit(rs[i+2]) {
			continue
		}
		j := i // the last digit of the run
		for j+2 < len(rs) && rs[j+1] == ' ' && isDigit(rs[j+2]) {
			j += 2
		}
		if j+1 >= len(rs) || isDigit(rs[j+1]) || !strings.ContainsRune("点个次条通遍天号时分多几来", rs[j+1]) {
			i = j
			continue
		}
		rs, from, to = dropSeparators(rs, from, to, i, j)
		i += (j - i) / 2
	}
	return rs, from, to
}

// joinDigitRange writes a range of two neighbouring digits before a count or a time ("5-6个",
// "3、4条", "7到8个", "1~2次") as the Chinese range the pack's phrases and the mentions read (五六个,
// 三四条, 七八个, 一两次): the separator goes, the digits keep their offsets (session 20). Other pairs
// (3-5个, 2019-10) stay as written.
func joinDigitRange(rs []rune, from, to []int) ([]rune, []int, []int) {
	for i := 0; i+3 < len(rs); i++ {
		d := rs[i]
		if d < '1' || d > '8' || rs[i+2] != d+1 || !strings.ContainsRune("-~～、,到至", rs[i+1]) ||
			!strings.ContainsRune("点个次条通遍天号时多几来人", rs[i+3]) || i > 0 && (isLatin(rs[i-1]) || strings.ContainsRune(".:-/,~", rs[i-1])) {
			continue
		}
		for _, k := range []int{i, i + 2} {
			if rs[k] == '2' {
				rs[k] = '两'
			} else {
				rs[k] = zhDigits[rs[k]-'0']
			}
		}
		rs, from, to = dropSeparators(rs, from, to, i, i+2)
	}
	return rs, from, to
}

// insideWord reports whether the fillers from orig[i] on stand between two Chinese characters that
// make one of the pack's words ("骚🐶扰"): an emoji there is no word of its own.
func (p *Pack) insideWord(orig []rune, i int) bool {
	j := i
	for j < len(orig) && filler(orig[j]) {
		j++
	}
	return p.splitsWord(orig[:i], orig[j:])
}

// dropSeparators keeps rs[i], rs[i+2], … rs[j] of a run of characters parted by separators, with
// their offsets, and drops the separators between them.
func dropSeparators(rs []rune, from, to []int, i, j int) ([]rune, []int, []int) {
	var nr []rune
	var nf, nt []int
	for k := i; k <= j; k += 2 {
		nr, nf, nt = append(nr, rs[k]), append(nf, from[k]), append(nt, to[k])
	}
	rs = append(rs[:i], append(nr, rs[j+1:]...)...)
	from = append(from[:i], append(nf, from[j+1:]...)...)
	to = append(to[:i], append(nt, to[j+1:]...)...)
	return rs, from, to
}
