package rules

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"
)

// normText is a text prepared for matching, with an offset map back to the text as written, so that
// evidence points at what the complainant wrote.
type normText struct {
	text string
	// from[i], to[i] are the rune span in the original text of rune i of text; to is exclusive.
	from, to []int
	orig     []rune
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
	t2s     map[rune]rune
)

func loadT2S() {
	t2s = map[rune]rune{}
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
			t2s[r] = c
		}
	}
}

// isHan reports a Chinese character.
func isHan(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

// invisible reports characters that carry no text: zero-width marks, variation selectors, BOM.
func invisible(r rune) bool {
	switch {
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF, r == 0x00AD:
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
		return true
	}
	return false
}

// filler reports characters people put inside words to defeat filters: spaces, emoji and symbols,
// dots and dashes. Between two Chinese characters they are dropped.
func filler(r rune) bool {
	if unicode.IsSpace(r) || invisible(r) {
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
	orig := []rune(s)
	n := &normText{orig: orig, from: make([]int, 0, len(orig)), to: make([]int, 0, len(orig))}
	out := make([]rune, 0, len(orig))
	emit := func(r rune, from, to int) {
		out = append(out, r)
		n.from = append(n.from, from)
		n.to = append(n.to, to)
	}
	lastHan := func() bool { return len(out) > 0 && isHan(out[len(out)-1]) }
	for i := 0; i < len(orig); i++ {
		r := orig[i]
		if invisible(r) {
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
				// ("爆 通 讯 录") and lists of short words ("家里 单位 同事") are joined
				if allSpace(orig[i:j]) && hanRunBefore(orig[:i]) >= 3 && hanRunAfter(orig[j:]) >= 3 {
					emit('，', i, j)
				}
				i = j - 1
				continue
			}
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
			if c, ok := t2s[r]; ok {
				r = c
			}
			emit(r, i, i+1)
		case r >= 0xFF01 && r <= 0xFF5E:
			// full-width ASCII ("，", "：", "Ａ"): NFKC gives the ASCII character, lower-cased below
			r -= 0xFEE0
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			emit(r, i, i+1)
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
	out, n.from, n.to = p.contractions(out, n.from, n.to)
	out, n.from, n.to = p.aliases(p.alias[slices.ContainsFunc(out, isHan)], out, n.from, n.to)
	n.text = string(out)
	return n
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
	if c, ok := t2s[r]; ok {
		return c
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

func isLatin(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

// aliases replaces the pack's aliases, longest first. The Latin letters an alias starts or ends with
// are a whole word's ("cs", not the "cs" in "docs"; "lian系", not the "lian系" in "xlian系").
func (p *Pack) aliases(idx map[rune][]aliasEntry, rs []rune, from, to []int) ([]rune, []int, []int) {
	if len(idx) == 0 {
		return rs, from, to
	}
	var out []rune
	var of, ot []int
	changed := false
	for i := 0; i < len(rs); {
		cands := idx[rs[i]]
		matched := false
		for _, a := range cands {
			k := len(a.from)
			if i+k > len(rs) || !runesEqual(rs[i:i+k], a.from) {
				continue
			}
			if a.latinStart && i > 0 && isLatin(rs[i-1]) || a.latinEnd && i+k < len(rs) && isLatin(rs[i+k]) {
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
			matched, changed = true, true
			break
		}
		if !matched {
			if changed {
				out = append(out, rs[i])
				of = append(of, from[i])
				ot = append(ot, to[i])
			}
			i++
		}
	}
	if !changed {
		return rs, from, to
	}
	return out, of, ot
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

// aliasEntry is one alias, compiled: the written form (normalised) and the word it stands for.
type aliasEntry struct {
	from, to             []rune
	latinStart, latinEnd bool
}

func newAliasEntry(from, to []rune) aliasEntry {
	return aliasEntry{from: from, to: to, latinStart: isLatin(from[0]), latinEnd: isLatin(from[len(from)-1])}
}
