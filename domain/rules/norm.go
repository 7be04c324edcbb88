package rules

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"

	"github.com/redline-regulator/redline/domain/charclass"
)

// normText is a text prepared for matching, with an offset map back to the text as written, so that
// evidence points at what the complainant wrote.
type normText struct {
	text string
	// from[i], to[i] are the rune span in the original text of rune i of text; to is exclusive.
	from, to []int
	orig     []rune
	runes    []rune // text's runes ([]rune(text) when they are valid, see runeTables)
	// src is the text as written and ob[i] the byte offset in it of rune i of orig (ob[len(orig)] =
	// len(src)); nil when src is not valid UTF-8 (orig then holds U+FFFD for its bad bytes)
	src string
	ob  []int32
}

// phrase is the original text of the original rune span [s, e): a substring of what was written,
// as string(orig[s:e]) spells it, without a copy.
func (n *normText) phrase(s, e int) string {
	if n.ob == nil {
		return string(n.orig[s:e])
	}
	return n.src[n.ob[s]:n.ob[e]]
}

// span returns the original rune span of the normalised rune span [s, e).
func (n *normText) span(s, e int) (int, int) {
	if s >= len(n.from) {
		return len(n.orig), len(n.orig)
	}
	if e <= s {
		return n.from[s], n.from[s]
	}
	return n.from[s], n.to[e-1]
}

// t2s maps a traditional character to its simplified form, built once from OpenCC's t2s
// dictionaries (character by character, so that offsets never shift).
var (
	t2sOnce sync.Once
	t2s     []rune // by rune - 0x3400 up to 0x9FFF; 0: the character is simplified already
)

func loadT2S() {
	t2s = make([]rune, 0x9FFF-0x3400+1)
	cc, err := opencc.New("t2s")
	if err != nil {
		return // the library embeds its dictionaries; without them texts are matched as written
	}
	var b strings.Builder
	var in []rune
	for r := rune(0x3400); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			continue
		}
		b.WriteRune(r)
		b.WriteByte('\n')
		in = append(in, r)
	}
	out, err := cc.Convert(b.String())
	if err != nil {
		return
	}
	lines := strings.Split(out, "\n")
	if len(lines) < len(in) {
		return
	}
	for i, r := range in {
		s := lines[i]
		if c, n := utf8.DecodeRuneInString(s); n == len(s) && c != r && c != utf8.RuneError {
			t2s[r-0x3400] = c
		}
	}
}

var (
	t2spOnce sync.Once
	t2sp     *opencc.OpenCC
)

// foldPhrases converts each run of Chinese characters that holds a traditional one with OpenCC's
// t2s phrase by phrase (a character whose simplified form depends on its word: 乾淨 → 干净, 乾隆)
// when the run keeps its length, so that offsets never shift, else character by character. It
// returns nil for a text with no traditional character (the common case: nothing to do). Taiwan's
// words (簡訊, 資訊, 個資) are the pack's aliases: OpenCC's tw2sp also rewrites 執行, 文件 and
// 程序 as computer terms.
func foldPhrases(orig []rune) []rune {
	if !slices.ContainsFunc(orig, func(r rune) bool { return r >= 0x3400 && foldRune(r) != r }) {
		return nil
	}
	t2spOnce.Do(func() { t2sp, _ = opencc.New("t2s") })
	out := make([]rune, len(orig))
	for i := 0; i < len(orig); {
		if !isHan(orig[i]) {
			out[i] = orig[i]
			i++
			continue
		}
		j := i
		trad := false
		for j < len(orig) && isHan(orig[j]) {
			out[j] = foldRune(orig[j])
			trad = trad || out[j] != orig[j]
			j++
		}
		if trad && t2sp != nil {
			if c, err := t2sp.Convert(string(orig[i:j])); err == nil {
				if rs := []rune(c); len(rs) == j-i && !slices.ContainsFunc(rs, func(r rune) bool { return !isHan(r) }) {
					copy(out[i:j], rs)
				}
			}
		}
		i = j
	}
	return out
}

// isHan reports a Chinese character. The block of common ideographs (U+4E00–U+9FFF, every code
// point of it Han) is answered without a search of the Han table.
func isHan(r rune) bool { return commonHan(r) || r >= 0x3400 && unicode.Is(unicode.Han, r) }

// commonHan reports a character of the CJK Unified Ideographs block, all of them Han, and none
// a space, symbol or modifier (TestCommonHan).
func commonHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// isSpace is unicode.IsSpace, answered without its table for the runes above U+3000 (ideographic
// space), the last white space character (session 21).
func isSpace(r rune) bool { return r <= 0x3000 && unicode.IsSpace(r) }

// filler reports characters people put inside words to defeat filters: spaces, emoji and symbols,
// dots and dashes. Between two Chinese characters they are dropped.
func filler(r rune) bool {
	if uint32(r) < 1<<16 {
		return fillerBMP[r>>6]&(1<<(r&63)) != 0
	}
	return fillerOf(r)
}

// fillerBMP is filler's answer for the runes below U+10000, one bit each, read from fillerOf once:
// normalize asks it of every rune after a Chinese character, and the Chinese punctuation went
// through the tables of unicode.Is (session 26: 1 % of a Chinese judgement).
var fillerBMP = func() (b [1 << 16 / 64]uint64) {
	for r := rune(0); r < 1<<16; r++ {
		if fillerOf(r) {
			b[r>>6] |= 1 << (r & 63)
		}
	}
	return b
}()

// fillerOf is filler computed.
func fillerOf(r rune) bool {
	if commonHan(r) {
		return false
	}
	if isSpace(r) || charclass.Invisible(r) {
		return true
	}
	switch r {
	case '*', '_', '-', '~', '～', '〜', '·', '•', '.', '/', '|', '#', '^', '`', '、', '…':
		return r != '、' && r != '…'
	}
	return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || r >= 0x1F000 && r <= 0x1FAFF
}

// normalize folds a text for matching: NFKC (full-width letters, digits and punctuation become
// ASCII), traditional to simplified characters, lower case, no invisible characters, no spaces,
// emoji or symbols inside a run of Chinese characters, "do n't" → "don't", and the pack's aliases
// (abbreviations, homophones, pinyin) replaced by the words they stand for.
func (p *Pack) normalize(s string) *normText {
	t2sOnce.Do(loadT2S)
	orig, ob := decodeRunes(s)
	phrased := foldPhrases(orig)
	n := &normText{orig: orig, src: s, ob: ob, from: make([]int, 0, len(orig)), to: make([]int, 0, len(orig))}
	out := make([]rune, 0, len(orig))
	emit := func(r rune, from, to int) {
		out = append(out, r)
		n.from = append(n.from, from)
		n.to = append(n.to, to)
	}
	lastHan := func() bool { return len(out) > 0 && isHan(out[len(out)-1]) }
	han := p.symbols != nil && slices.ContainsFunc(orig, isHan)
	for i := 0; i < len(orig); i++ {
		r := orig[i]
		if charclass.Invisible(r) {
			// fillers (U+3164, U+2800…) too: one inside a word ("k\u2800ill") hides it if read as a
			// space, and a text may not both keep its words whole and read fillers for its spaces
			// (review of session 27; fillers for every space stay a known gap)
			continue
		}
		if w := p.symbolWords(r, han); w != nil && !(han && p.wordSymbols[r] && lastHan() && p.insideWord(orig, i)) {
			// a picture the pack reads (🔪: a knife), not a filler; English words get spaces around
			if !han && len(out) > 0 && out[len(out)-1] != ' ' && out[len(out)-1] != '\n' {
				emit(' ', i, i+1)
			}
			for _, c := range w {
				emit(c, i, i+1)
			}
			k := symbolEnd(orig, i)
			if !han && k < len(orig) && !unicode.IsSpace(orig[k]) {
				emit(' ', i, i+1)
			}
			i = k - 1
			continue
		}
		if filler(r) && lastHan() {
			// drop a run of fillers between Chinese characters
			j := i
			for j < len(orig) && filler(orig[j]) {
				j++
			}
			if j < len(orig) && isHan(foldRune(orig[j])) {
				// white space between two phrases of three or more characters separates them, as
				// people type it for a comma ("暂时无法处理 打家里电话"); spaced-out characters
				// ("爆 通 讯 录"), lists of short words ("家里 单位 同事") and a word of the pack
				// split in two ("还多次威 胁要上门") are joined
				if allSpace(orig[i:j]) && hanRunBefore(orig[:i]) >= 3 && hanRunAfter(orig[j:]) >= 3 && !p.splitsWord(orig[:i], orig[j:]) {
					emit('，', i, j)
				}
				i = j - 1
				continue
			}
		}
		if isSpace(r) {
			// a run of white space is one space, or one line break when it breaks a line that
			// is not an English sentence wrapped mid-way ("and hurt\nmy kids")
			j := i
			for j < len(orig) && (unicode.IsSpace(orig[j]) || charclass.Invisible(orig[j])) {
				j++
			}
			emit(whiteSpace(orig, i, j), i, j)
			i = j - 1
			continue
		}
		if r == '’' || r == '‘' || r == 'ʼ' {
			r = '\''
		}
		switch {
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r, i, i+1)
		case isHan(r):
			if phrased != nil {
				r = phrased[i]
			} else {
				r = foldRune(r)
			}
			emit(r, i, i+1)
		case r >= 0xFF01 && r <= 0xFF5E:
			// full-width ASCII ("，", "：", "Ａ"): NFKC gives the ASCII character, lower-cased below
			r -= 0xFEE0
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r, i, i+1)
		case r >= 0xC0 && r < 0x500:
			// a look-alike letter inside a Latin word (Cyrillic е in "thrеat", Greek ο) is the
			// Latin letter, and a pinyin vowel with its tone mark (shàng mén) the bare vowel
			if l := latinLookAlike(r); l != 0 && (r < 0x370 || len(out) > 0 && out[len(out)-1] >= 'a' && out[len(out)-1] <= 'z' ||
				i+1 < len(orig) && (orig[i+1]|0x20) >= 'a' && (orig[i+1]|0x20) <= 'z') {
				emit(l, i, i+1)
				continue
			}
			fallthrough
		default:
			f := norm.NFKC.String(string(r))
			if f == "" {
				continue
			}
			for _, c := range strings.ToLower(f) {
				if c == '’' {
					c = '\''
				}
				emit(c, i, i+1)
			}
		}
	}
	if p.enWords != nil {
		out, n.from, n.to = p.joinSpelled(out, n.from, n.to)
	}
	p.masked.unmask(out)
	out, n.from, n.to = p.contractions(out, n.from, n.to)
	out, n.from, n.to = repeatedWords(out, n.from, n.to)
	hasHan := slices.ContainsFunc(out, isHan)
	out, n.from, n.to = p.aliases(p.alias[hasHan], out, n.from, n.to)
	if hasHan {
		out, n.from, n.to = joinSpacedDigits(out, n.from, n.to)
		out, n.from, n.to = joinDigitRange(out, n.from, n.to)
		countWords(out)
	}
	n.text, n.runes = runesString(out), out
	return n
}

// runesString is string(rs), with the three-byte form (Chinese) encoded here rather than by the
// runtime's general encoder, which cost ~100 instructions a rune (it encodes each rune twice, to
// size the string first; session 21).
func runesString(rs []rune) string {
	b := make([]byte, 0, utf8.UTFMax*len(rs))
	for _, r := range rs {
		switch u := uint32(r); {
		case u < utf8.RuneSelf:
			b = append(b, byte(u))
		case u < 0x800 || u > 0xFFFF || u&0xF800 == 0xD800:
			b = utf8.AppendRune(b, r) // U+FFFD for a surrogate or a rune out of range, as string(rs)
		default:
			b = append(b, byte(0xE0|u>>12), byte(0x80|u>>6&0x3F), byte(0x80|u&0x3F))
		}
	}
	return string(b)
}

// decodeRunes is []rune(s) with each rune's byte offset in s (and len(s) last), in one pass; the
// offsets are nil when s is not valid UTF-8.
func decodeRunes(s string) ([]rune, []int32) {
	// sized by the bytes, an upper bound of the runes, rather than counted first: the count was a
	// second decoding pass (session 26)
	rs, ob := make([]rune, len(s)), make([]int32, len(s)+1)
	k := 0
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		if w = 1; r >= utf8.RuneSelf {
			// decoded inline, not by range, which calls the runtime's decoder (session 21)
			if r, w = decode3(s, i); w == 0 {
				if r, w = utf8.DecodeRuneInString(s[i:]); w == 1 {
					ob = nil
				}
			}
		}
		rs[k] = r
		if ob != nil {
			ob[k] = int32(i)
		}
		k++
	}
	rs = rs[:k:k]
	if ob != nil {
		ob = ob[: k+1 : k+1]
		ob[k] = int32(len(s))
	}
	return rs, ob
}

// runeCount is utf8.RuneCountInString(s), a three-byte rune decoded inline (decode3): the
// library's count ranges over s, which calls the runtime's decoder for every Chinese character
// (session 24: 1 % of a Chinese judgement).
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		if _, w := decode3(s, i); w != 0 {
			i += w
			continue
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return n
}

// maxWord is the longest word, in characters, that buildWords keeps.
const maxWord = 6

// buildWords collects the Chinese words of the pack (its aliases' targets, its spellings' words, its
// classes' members, up to maxWord characters, and the alternatives its patterns list, see
// patternWords) so that white space splitting one of them is read as an evasion, not as a comma.
func (p *Pack) buildWords() {
	p.words = map[string]bool{}
	add := func(w string) {
		w = strings.TrimPrefix(w, "~")
		n := utf8.RuneCountInString(w)
		if n < 2 || n > maxWord {
			return
		}
		for _, r := range w {
			if !isHan(r) {
				return
			}
		}
		p.words[w] = true
	}
	for _, to := range p.Aliases["zh"] {
		add(to)
	}
	for _, vr := range p.Violations {
		for _, g := range vr.Phrases {
			for _, pat := range g.ZH {
				for _, w := range patternWords(pat) {
					add(w)
				}
			}
		}
	}
	if p.Spellings != nil {
		for _, w := range p.Spellings.Words {
			add(w)
		}
	}
	for _, ms := range p.Classes {
		for _, m := range ms {
			add(m)
		}
	}
}

// patternWords are the alternatives of two or three Chinese characters that a pattern lists whole
// ("(恐吓|威胁|要挟)", "诽谤"): words, unlike the literals a pattern runs together ("说不还…").
func patternWords(pat string) []string {
	if strings.HasPrefix(pat, "re:") {
		return nil
	}
	var out []string
	start := 0
	for i, r := range pat + ")" {
		if r != '(' && r != ')' && r != '|' {
			continue
		}
		left := start == 0 || pat[start-1] == '(' || pat[start-1] == '|'
		right := i == len(pat) || r == '|' || r == ')'
		if i > start && left && right {
			w := pat[start:i]
			if n := utf8.RuneCountInString(w); n >= 2 && n <= 3 && !strings.ContainsFunc(w, func(r rune) bool { return !isHan(r) }) {
				out = append(out, w)
			}
		}
		start = i + 1
	}
	return out
}

// splitsWord reports whether the Chinese characters that end before and those that start after
// (as written, folded to simplified) join into one of the pack's words across the gap between them.
func (p *Pack) splitsWord(before, after []rune) bool {
	// the characters on either side, and each candidate word built in one buffer looked up without
	// a string of its own (session 21: they were built rune by rune into strings)
	var b, a [maxWord - 1]rune
	nb, na := 0, 0
	for i := len(before) - 1; i >= 0 && nb < maxWord-1 && isHan(foldRune(before[i])); i-- {
		nb++
	}
	for k := range nb {
		b[k] = foldRune(before[len(before)-nb+k])
	}
	for i := 0; i < len(after) && na < maxWord-1 && isHan(foldRune(after[i])); i++ {
		a[na] = foldRune(after[i])
		na++
	}
	var word [utf8.UTFMax * maxWord]byte
	for k := 1; k <= nb; k++ {
		n := 0
		for _, r := range b[nb-k : nb] {
			n += utf8.EncodeRune(word[n:], r)
		}
		for m := 1; m <= na && k+m <= maxWord; m++ {
			n += utf8.EncodeRune(word[n:], a[m-1])
			if p.words[string(word[:n])] {
				return true
			}
		}
	}
	return false
}

// whiteSpace is what the white space orig[i:j] stands for: a line break if it holds one, unless a
// single line break wraps an English sentence (a letter, digit or comma before, a lower-case letter
// after), else a space.
func whiteSpace(orig []rune, i, j int) rune {
	breaks := 0
	for _, r := range orig[i:j] {
		if r == '\n' || r == '\u2028' || r == '\u2029' {
			breaks++
		}
	}
	if breaks == 0 {
		return ' '
	}
	if breaks == 1 && i > 0 && j < len(orig) && orig[j] >= 'a' && orig[j] <= 'z' {
		if prev := unicode.ToLower(orig[i-1]); prev == ',' || isLatin(prev) {
			return ' '
		}
	}
	return '\n'
}

// countWords writes a lone digit before a measure word as the Chinese numeral the pack's phrases
// spell (1天 → 一天, 2个 → 两个, 1次性 → 一次性, 没过2天 → 没过两天), in place: one rune for one.
// Longer numbers stay digits, which the mentions read. A digit after a letter, or after a mark
// that follows a digit (1.5天, 11:3, 3-4个), is part of a number; after a clause's comma or a
// dot that ends a sentence it starts the clause (…，1天打很多电话, …，2个男的来: session 20).
func countWords(rs []rune) {
	for i := 0; i+1 < len(rs); i++ {
		d := rs[i]
		if d < '1' || d > '9' || i > 0 && (isLatin(rs[i-1]) || strings.ContainsRune(".:-/,", rs[i-1]) && i > 1 && isLatin(rs[i-2])) {
			continue
		}
		if !strings.ContainsRune("天个次条遍通位周人", rs[i+1]) {
			continue
		}
		if d == '2' {
			rs[i] = '两'
		} else {
			rs[i] = zhDigits[d-'0']
		}
	}
}

func allSpace(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// hanRunBefore counts the Chinese characters that end rs, as written.
func hanRunBefore(rs []rune) int {
	n := 0
	for i := len(rs) - 1; i >= 0 && isHan(foldRune(rs[i])); i-- {
		n++
	}
	return n
}

// hanRunAfter counts the Chinese characters that start rs, as written.
func hanRunAfter(rs []rune) int {
	n := 0
	for n < len(rs) && isHan(foldRune(rs[n])) {
		n++
	}
	return n
}

func foldRune(r rune) rune {
	if r >= 0x3400 && r <= 0x9FFF && len(t2s) > 0 && t2s[r-0x3400] != 0 {
		return t2s[r-0x3400]
	}
	return r
}

// contractions joins "do n't" (tokenised English) into "don't".
func (p *Pack) contractions(rs []rune, from, to []int) ([]rune, []int, []int) {
	for i := 1; i+3 < len(rs); i++ {
		if rs[i] == ' ' && rs[i+1] == 'n' && rs[i+2] == '\'' && rs[i+3] == 't' && isLatin(rs[i-1]) {
			rs = append(rs[:i], rs[i+1:]...)
			from = append(from[:i], from[i+1:]...)
			to = append(to[:i], to[i+1:]...)
		}
	}
	return rs, from, to
}

// repeatedWords drops an English word typed twice ("an address i i do not know of", "the the
// account"): the second copy and the space before it go, so patterns read the sentence as meant.
// Masks (XXXX XXXX, as the CFPB redacts names and dates) and digits are left alone.
func repeatedWords(rs []rune, from, to []int) ([]rune, []int, []int) {
	wordEnd := func(i int) int {
		for i < len(rs) && (rs[i] >= 'a' && rs[i] <= 'z' || rs[i] == '\'') {
			i++
		}
		return i
	}
	for i := 0; i < len(rs); i++ {
		if rs[i] < 'a' || rs[i] > 'z' || i > 0 && (isLatin(rs[i-1]) || rs[i-1] == '\'') {
			continue
		}
		j := wordEnd(i)
		for j < len(rs) && rs[j] == ' ' && !onlyX(rs[i:j]) {
			k := wordEnd(j + 1)
			if k-(j+1) != j-i || !runesEqual(rs[i:j], rs[j+1:k]) || k < len(rs) && isLatin(rs[k]) {
				break
			}
			rs = append(rs[:j], rs[k:]...)
			from = append(from[:j], from[k:]...)
			to = append(to[:j], to[k:]...)
		}
		i = j
	}
	return rs, from, to
}

func onlyX(w []rune) bool {
	for _, r := range w {
		if r != 'x' {
			return false
		}
	}
	return true
}

func isLatin(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

// aliases replaces the pack's aliases, longest first. The Latin letters an alias starts or ends with
// are a whole word's ("cs", not the "cs" in "docs"; "lian系", not the "lian系" in "xlian系"), though
// digits may touch them ("banye12点").
func (p *Pack) aliases(idx *aliasIndex, rs []rune, from, to []int) ([]rune, []int, []int) {
	if idx == nil || len(idx.m) == 0 {
		return rs, from, to
	}
	var out []rune
	var of, ot []int
	changed := false
	for i := 0; i < len(rs); {
		k := 0
		var a aliasEntry
		if idx.may(rs[i], i > 0 && joins(rs[i-1], rs[i])) {
			if i+1 < len(rs) {
				a, k = p.aliasAt(idx.m[aliasKey(rs[i], rs[i+1])], rs, i)
			}
			if k == 0 {
				a, k = p.aliasAt(idx.m[aliasKey(rs[i], -1)], rs, i) // one-rune aliases last: longest first
			}
		}
		if k == 0 {
			if changed {
				out = append(out, rs[i])
				of = append(of, from[i])
				ot = append(ot, to[i])
			}
			i++
			continue
		}
		s, e := from[i], to[i+k-1]
		if !changed {
			// the text so far is unchanged: copy it only now that an alias replaces something
			out, of, ot = slices.Clone(rs[:i]), slices.Clone(from[:i]), slices.Clone(to[:i])
		}
		for _, c := range a.to {
			out = append(out, c)
			of = append(of, s)
			ot = append(ot, e)
		}
		i += k
		changed = true
	}
	if !changed {
		return rs, from, to
	}
	return out, of, ot
}

// aliasAt returns the first of cands written at rs[i:] as a whole (see aliases) and its length, or
// 0 when none is.
func (p *Pack) aliasAt(cands []aliasEntry, rs []rune, i int) (aliasEntry, int) {
	// inside a word, no alias that starts a word can match (most of an English text)
	midWord := len(cands) > 0 && i > 0 && joins(rs[i-1], rs[i])
	for _, a := range cands {
		if midWord && a.latinStart {
			continue
		}
		k := len(a.from)
		if i+k > len(rs) || !runesEqual(rs[i:i+k], a.from) {
			continue
		}
		if a.latinEnd && i+k < len(rs) && joins(rs[i+k], a.from[k-1]) {
			continue
		}
		return a, k
	}
	return aliasEntry{}, 0
}

// joins reports whether r, next to an alias's Latin letter or digit edge, continues its word: a
// letter always, a digit only next to a digit ("banye12点" is 半夜 at 12).
func joins(r, edge rune) bool {
	return r >= 'a' && r <= 'z' || isDigit(r) && isDigit(edge)
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// aliasIndex holds a pack's aliases by their first two runes (one-rune aliases by their rune and -1),
// longest first, so that a text position looks at the few aliases that can start there; starts
// marks the runes (below 0x10000) that some alias starts with, anyWhere those of an alias that may
// start inside a word, so that most positions need no lookup at all.
type aliasIndex struct {
	m                map[uint64][]aliasEntry
	starts, anyWhere []uint64
}

func newAliasIndex() *aliasIndex {
	return &aliasIndex{m: map[uint64][]aliasEntry{}, starts: make([]uint64, 1024), anyWhere: make([]uint64, 1024)}
}

func aliasKey(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

func (x *aliasIndex) add(e aliasEntry) {
	k := aliasKey(e.from[0], -1)
	if len(e.from) > 1 {
		k = aliasKey(e.from[0], e.from[1])
	}
	x.m[k] = append(x.m[k], e)
	if r := e.from[0]; r < 0x10000 {
		x.starts[r>>6] |= 1 << (r & 63)
		if !e.latinStart {
			x.anyWhere[r>>6] |= 1 << (r & 63)
		}
	}
}

// may reports whether an alias can start at r, inside a word or not.
func (x *aliasIndex) may(r rune, midWord bool) bool {
	if r >= 0x10000 {
		return true
	}
	set := x.starts
	if midWord {
		set = x.anyWhere
	}
	return set[r>>6]&(1<<(r&63)) != 0
}

// aliasEntry is one alias, compiled: the written form (normalised) and the word it stands for.
type aliasEntry struct {
	from, to             []rune
	latinStart, latinEnd bool
}

func newAliasEntry(from, to []rune) aliasEntry {
	return aliasEntry{from: from, to: to, latinStart: isLatin(from[0]), latinEnd: isLatin(from[len(from)-1])}
}
