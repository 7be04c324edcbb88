package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/charclass"
)

// compileSymbols indexes the pack's Symbols by "text has Chinese" and the symbol's rune (a
// variation selector after it is dropped as invisible, so ⚰️ is ⚰).
func (p *Pack) compileSymbols() error {
	p.symbols, p.wordSymbols = nil, nil
	if err := p.addSymbols("symbols", p.Symbols, false); err != nil {
		return err
	}
	return p.addSymbols("emoji", p.Emoji, true)
}

// addSymbols indexes one of the pack's maps of symbols (see compileSymbols); word marks Emoji.
func (p *Pack) addSymbols(field string, syms map[string]map[string]string, word bool) error {
	for lang, m := range syms {
		if lang != "zh" && lang != "en" {
			return fmt.Errorf("%s: language %q: only zh and en", field, lang)
		}
		for sym, words := range m {
			sym = strings.Map(func(r rune) rune {
				if charclass.Invisible(r) {
					return -1
				}
				return r
			}, sym)
			r, n := utf8.DecodeRuneInString(sym)
			if n == 0 || n != len(sym) || words == "" || isHan(r) || isLatin(r) {
				return fmt.Errorf("%s.%s: %q must be one symbol standing for some words", field, lang, sym)
			}
			if p.symbols == nil {
				p.symbols = map[bool]map[rune][]rune{}
			}
			hasHan := lang == "zh"
			if p.symbols[hasHan] == nil {
				p.symbols[hasHan] = map[rune][]rune{}
			}
			if p.symbols[hasHan][r] != nil {
				return fmt.Errorf("%s.%s: %q stands for words twice", field, lang, sym)
			}
			p.symbols[hasHan][r] = []rune(strings.ToLower(words))
			if word {
				if p.wordSymbols == nil {
					p.wordSymbols = map[rune]bool{}
				}
				p.wordSymbols[r] = true
			}
		}
	}
	return nil
}

// symbolWords returns the words a symbol of the text stands for, or nil. Letters, digits and
// Chinese characters (most of a text) are no symbols and need no lookup.
func (p *Pack) symbolWords(r rune, han bool) []rune {
	if p.symbols == nil || r < 0x2000 || commonHan(r) {
		return nil
	}
	return p.symbols[han][r]
}

// maskedWords are the English words a masked or leet word may stand for, by length, and the
// stems (with any ending).
type maskedWords struct {
	byLen map[int][]string
	stems []string
}

// leet is the letter a leet character inside a word stands for, or 0.
func leet(r rune) rune {
	switch r {
	case '0':
		return 'o'
	case '1', '!':
		return 'i'
	case '3':
		return 'e'
	case '4', '@':
		return 'a'
	case '5', '$':
		return 's'
	case '7':
		return 't'
	}
	return 0
}

func (p *Pack) compileMasked() error {
	p.masked = nil
	if p.Spellings == nil || len(p.Spellings.Masked) == 0 {
		return nil
	}
	m := &maskedWords{byLen: map[int][]string{}}
	for _, w := range p.Spellings.Masked {
		w = strings.ToLower(strings.TrimSpace(w))
		if len(w) < 3 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			return fmt.Errorf("spellings.masked: %q must be three letters or more", w)
		}
		m.byLen[len(w)] = append(m.byLen[len(w)], w)
	}
	for _, s := range p.Spellings.Stems {
		m.stems = append(m.stems, strings.ToLower(strings.TrimSpace(s)))
	}
	p.masked = m
	return nil
}

// unmask rewrites, in place and one rune for one, each English word written with masks (* #) or
// leet characters inside it as the word it stands for: "f***ing" → fucking, "b!tch" → bitch,
// "idi0t" → idiot, "thr3at" → threat. A word needs two letters or more; a leet character counts
// only between letters or other leet characters (so "2am", "4x", "b4", "$50" stay), a mask
// anywhere in the word. A mask matches any letter, and the word must then read as exactly one
// masked word of its length; leet is read as its letter, and the word must then be a masked word or
// start with a stem.
func (m *maskedWords) unmask(rs []rune) {
	if m == nil {
		return
	}
	for i := 0; i < len(rs); {
		if !maskable(rs[i]) {
			i++
			continue
		}
		j := i
		letters, masks, leets := 0, 0, 0
		for j < len(rs) && maskable(rs[j]) {
			switch r := rs[j]; {
			case r >= 'a' && r <= 'z':
				letters++
			case r == '*' || r == '#':
				masks++
			default:
				leets++
			}
			j++
		}
		if letters >= 2 && masks+leets > 0 && (i == 0 || !wordRune(rs[i-1])) && (j == len(rs) || !wordRune(rs[j])) {
			m.read(rs[i:j], masks > 0)
		}
		i = j
	}
}

// read rewrites one word (see unmask) when it reads as a word of m.
func (m *maskedWords) read(w []rune, masked bool) {
	// leet only inside: trim leading and trailing leet characters off (a "!" or "$5" at an edge)
	s, e := 0, len(w)
	for s < e && leet(w[s]) != 0 {
		s++
	}
	for e > s && leet(w[e-1]) != 0 {
		e--
	}
	if s > 0 || e < len(w) {
		if masked || s == e {
			return
		}
		w = w[s:e]
	}
	plain := make([]rune, len(w))
	inner := false
	for k, r := range w {
		if l := leet(r); l != 0 {
			plain[k], inner = l, true
		} else {
			plain[k] = r
		}
	}
	if masked {
		var found string
		for _, cand := range m.byLen[len(w)] {
			ok := true
			for k, r := range plain {
				if r != '*' && r != '#' && rune(cand[k]) != r {
					ok = false
					break
				}
			}
			if ok {
				if found != "" {
					return // two words read alike: neither
				}
				found = cand
			}
		}
		if found != "" {
			copy(w, []rune(found))
		}
		return
	}
	if !inner {
		return
	}
	word := string(plain)
	ok := false
	for _, cand := range m.byLen[len(plain)] {
		ok = ok || cand == word
	}
	for _, st := range m.stems {
		ok = ok || len(st) >= 5 && strings.HasPrefix(word, st)
	}
	if ok {
		copy(w, plain)
	}
}

// maskable: a rune a masked or leet English word is written with.
func maskable(r rune) bool {
	return r >= 'a' && r <= 'z' || r == '*' || r == '#' || leet(r) != 0
}
