package rules

import (
	"fmt"
	"slices"
	"strings"
)

// addInitials adds, for every word of the spellings of at least Initials characters whose every
// character has a pinyin spelling, the initials of that spelling as an alias (通讯录: txl), unless
// the pack states the alias itself or two words share the initials.
func (p *Pack) addInitials(idx *aliasIndex, words map[string]bool, explicit map[string]string) {
	sp := p.Spellings
	if sp.Initials <= 0 {
		return
	}
	by := map[string][]string{}
	for _, w := range sp.Words {
		rs := []rune(w)
		if len(rs) < sp.Initials {
			continue
		}
		var ini []byte
		for _, r := range rs {
			i := slices.IndexFunc(sp.Chars[string(r)], func(a string) bool { return a[0] >= 'a' && a[0] <= 'z' })
			if i < 0 {
				ini = nil
				break
			}
			ini = append(ini, sp.Chars[string(r)][i][0])
		}
		if ini != nil && !slices.Contains(by[string(ini)], w) {
			by[string(ini)] = append(by[string(ini)], w)
		}
	}
	for ini, ws := range by {
		if len(ws) != 1 || explicit[ini] != "" || words[ini] {
			continue
		}
		f := []rune(ini)
		idx.add(newAliasEntry(f, []rune(ws[0])))
	}
}

// addMisspellings adds the common misspellings of each English stem of the spellings as aliases
// of the stem, for every text, followed by any ending: a doubled letter written once (harass ←
// "harras"), a consonant doubled (harrass), ie and ei swapped (recieve), an inner vowel dropped
// (validaton, threatn), two inner letters swapped (buisness), not the last two, and the last a or e
// before a consonant written as the other (warrent, agreemant). The first letter is kept; a
// variant that is a prefix of a stem is left out, so that no word
// spelled right is rewritten.
func (p *Pack) addMisspellings() error {
	var stems []string
	for _, s := range p.Spellings.Stems {
		s = strings.ToLower(strings.TrimSpace(s))
		if len(s) < 5 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz") != "" {
			return fmt.Errorf("spellings.stems: %q must be five letters or more", s)
		}
		stems = append(stems, s)
	}
	if len(stems) == 0 {
		return nil
	}
	for hasHan, idx := range map[bool]*aliasIndex{true: p.alias[true], false: p.alias[false]} {
		if idx == nil {
			idx = newAliasIndex()
			p.alias[hasHan] = idx
		}
		for _, s := range stems {
			for _, v := range misspellings(s) {
				if p.Aliases["en"][v] != "" || slices.ContainsFunc(stems, func(t string) bool { return strings.HasPrefix(t, v) }) ||
					slices.ContainsFunc(stems, func(t string) bool { return prefixOfInflection(v, t) }) {
					continue
				}
				e := newAliasEntry([]rune(v), []rune(s))
				e.latinEnd = false // any ending: harrass|ment
				idx.add(e)
			}
		}
	}
	return nil
}

// prefixOfInflection reports whether v begins a word spelled right that a stem ending in -ion comes
// from: validation's variant "validatin" is how "validating" begins, collection's "collectin" how
// "collecting" does, and a misspelling read at any ending would rewrite those words (session 17:
// "instead of validating" became "validationg").
func prefixOfInflection(v, stem string) bool {
	root, ok := strings.CutSuffix(stem, "ion")
	if !ok {
		return false
	}
	for _, end := range []string{"ing", "e", "ed", "es", "or", "ive"} {
		if strings.HasPrefix(root+end, v) {
			return true
		}
	}
	return false
}

// misspellings are the ways stem is commonly misspelled (see addMisspellings), each once.
func misspellings(stem string) []string {
	vowel := func(b byte) bool { return strings.IndexByte("aeiouy", b) >= 0 }
	seen := map[string]bool{stem: true}
	var out []string
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	for i := 1; i < len(stem); i++ {
		c := stem[i]
		switch {
		case c == stem[i-1]:
			add(stem[:i] + stem[i+1:]) // harass: haras
		case !vowel(c) && (i+1 == len(stem) || stem[i+1] != c):
			add(stem[:i+1] + stem[i:]) // harass: harrass
		}
		if vowel(c) && i+1 < len(stem) {
			add(stem[:i] + stem[i+1:]) // validation: validaton
		}
		if i+2 < len(stem) && c != stem[i+1] { // not the last two: threaten → "threatne" would read "threatned" as threaten+d
			add(stem[:i] + string(stem[i+1]) + string(c) + stem[i+2:]) // business: buisness
		}
	}
	// the last vowel before a consonant, a or e, written as the other: warrant ← "warrent",
	// agreement ← "agreemant", husband ← "husbend" (an unstressed syllable: session 20)
	for i := len(stem) - 2; i > 0; i-- {
		if c := stem[i]; vowel(c) {
			if !vowel(stem[i+1]) && (c == 'a' || c == 'e') {
				add(stem[:i] + string("ea"[strings.IndexByte("ae", c)]) + stem[i+1:])
			}
			break
		}
	}
	return out
}
