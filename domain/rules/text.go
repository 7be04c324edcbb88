package rules

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/redline-regulator/redline/domain"
)

// span is a sentence: rune offsets into its source text.
type span struct{ start, end int }

// sentences splits text into sentences at Chinese and English terminators and line breaks. A "."
// ends a sentence only before white space or the end, so "$1.50" and "No.123" stay whole.
func sentences(rs []rune) []span {
	var out []span
	start := 0
	flush := func(end int) {
		for start < end && unicode.IsSpace(rs[start]) {
			start++
		}
		if start < end {
			out = append(out, span{start, end})
		}
		start = end
	}
	for i, r := range rs {
		switch r {
		case '。', '！', '？', '!', '?', '；', ';', '\n', '…':
			flush(i + 1)
		case '.':
			if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) {
				flush(i + 1)
			}
		}
	}
	flush(len(rs))
	return out
}

// match is one lexicon hit in a text: of a violation type's lexicon, or of an urgency factor's.
type match struct {
	typ        domain.ViolationType
	factor     domain.UrgencyFactor
	start, end int // rune offsets in the source text
	phrase     string
	pattern    string
	weight     float64
	modifiers  []string
	negatedBy  string
}

// matchText runs every lexicon over text and returns the hits, negated ones marked. Each pattern
// runs once over the whole text; a hit must lie within one sentence, whose cues then apply.
// Overlapping hits of one type keep the strongest.
func (p *Pack) matchText(text string) []match {
	lex := make([]lexicon, 0, len(domain.ViolationTypes))
	for _, v := range domain.ViolationTypes {
		lex = append(lex, lexicon{typ: v.Type, groups: p.Violations[v.Type].Phrases})
	}
	return p.scan(text, lex)
}

// matchFactors runs the urgency factors' lexicons over text, with the same cues as matchText.
func (p *Pack) matchFactors(text string) []match {
	if p.Severity == nil {
		return nil
	}
	var lex []lexicon
	for _, f := range domain.UrgencyFactors {
		if groups := p.Severity.Factors[f]; len(groups) > 0 {
			lex = append(lex, lexicon{factor: f, groups: groups})
		}
	}
	return p.scan(text, lex)
}

// lexicon is the phrase groups of one violation type or one urgency factor.
type lexicon struct {
	typ    domain.ViolationType
	factor domain.UrgencyFactor
	groups []PhraseGroup
}

func (p *Pack) scan(text string, lexicons []lexicon) []match {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	rs := []rune(text)
	offs := runeOffsets(text)
	sents := sentences(rs)
	bySentence := make([][]match, len(sents))
	hasHan := strings.IndexFunc(text, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	hasLatin := strings.IndexFunc(text, func(r rune) bool { return r < unicode.MaxASCII && unicode.IsLetter(r) }) >= 0
	for _, lx := range lexicons {
		for _, g := range lx.groups {
			for _, m := range g.matchers {
				// a pattern of one script cannot match a text without it; skipping halves the work
				if m.lang == "zh" && !hasHan || m.lang == "en" && !hasLatin {
					continue
				}
				for _, loc := range m.re.FindAllStringIndex(text, -1) {
					s, e := offs[loc[0]], offs[loc[1]]
					si := sort.Search(len(sents), func(i int) bool { return sents[i].end > s })
					if s == e || si == len(sents) || e > sents[si].end || s < sents[si].start {
						continue
					}
					sp := sents[si]
					sent := string(rs[sp.start:sp.end])
					before := string(rs[sp.start:s])
					hit := match{typ: lx.typ, factor: lx.factor, start: s, end: e, phrase: text[loc[0]:loc[1]], pattern: m.pattern, weight: m.weight}
					cues := p.Language[m.lang]
					hit.negatedBy = cues.negation(before, m.lang)
					if cues.question(sent) {
						hit.weight *= cues.QuestionFactor
						hit.modifiers = append(hit.modifiers, "question")
					}
					if cues.hypothetical(before, m.lang) {
						hit.weight *= cues.HypotheticalFactor
						hit.modifiers = append(hit.modifiers, "hypothetical")
					}
					bySentence[si] = append(bySentence[si], hit)
				}
			}
		}
	}
	var out []match
	for _, hits := range bySentence {
		out = append(out, strongest(hits)...)
	}
	return out
}

// strongest drops a hit when a stronger hit of the same type and negation overlaps it.
func strongest(hits []match) []match {
	slices.SortStableFunc(hits, func(a, b match) int {
		if a.weight != b.weight {
			if a.weight > b.weight {
				return -1
			}
			return 1
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	var kept []match
	for _, h := range hits {
		overlaps := slices.ContainsFunc(kept, func(k match) bool {
			return k.typ == h.typ && k.factor == h.factor && (k.negatedBy == "") == (h.negatedBy == "") && k.start < h.end && h.start < k.end
		})
		if !overlaps {
			kept = append(kept, h)
		}
	}
	slices.SortStableFunc(kept, func(a, b match) int { return a.start - b.start })
	return kept
}

// runeOffsets maps each byte offset of s that starts a rune (and len(s)) to its rune offset.
func runeOffsets(s string) []int {
	offs := make([]int, len(s)+1)
	n := 0
	for i := range s {
		offs[i] = n
		n++
	}
	offs[len(s)] = n
	return offs
}

// negation returns the cue that negates a phrase preceded by before (the sentence up to the
// phrase), or "". Only the last clause counts, and only its last NegationWindow runes.
func (c *LanguageCues) negation(before, lang string) string {
	clause := before
	for _, br := range c.ClauseBreaks {
		if i := lastCue(clause, br, lang); i >= 0 {
			clause = clause[i+len(br):]
		}
	}
	rs := []rune(clause)
	if len(rs) > c.NegationWindow+maxRunes(c.Negation) {
		rs = rs[len(rs)-c.NegationWindow-maxRunes(c.Negation):]
	}
	window := string(rs)
	for _, ex := range c.NegationExceptions {
		window = strings.ReplaceAll(window, ex, strings.Repeat("_", len([]rune(ex))))
	}
	for _, cue := range c.Negation {
		i := lastCue(window, cue, lang)
		if i < 0 {
			continue
		}
		// the cue must end within NegationWindow runes of the phrase
		if len([]rune(window[i+len(cue):])) <= c.NegationWindow {
			return cue
		}
	}
	return ""
}

func maxRunes(cues []string) int {
	n := 0
	for _, c := range cues {
		n = max(n, len([]rune(c)))
	}
	return n
}

// lastCue finds the last occurrence of cue in s: case-insensitively and as whole words in English.
func lastCue(s, cue, lang string) int {
	if lang != "en" {
		return strings.LastIndex(s, cue)
	}
	ls, lc := strings.ToLower(s), strings.ToLower(cue)
	for end := len(ls); end > 0; {
		i := strings.LastIndex(ls[:end], lc)
		if i < 0 {
			return -1
		}
		if (!wordByte(lc[0]) || boundary(ls, i-1)) && (!wordByte(lc[len(lc)-1]) || boundary(ls, i+len(lc))) {
			return i
		}
		end = i + len(lc) - 1
	}
	return -1
}

// boundary reports whether byte i of s is outside it or not part of a word.
func boundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	return !wordByte(s[i])
}

func wordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '\''
}

// question reports whether the sentence ends with a question cue.
func (c *LanguageCues) question(sent string) bool {
	s := strings.TrimRightFunc(sent, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '”' || r == '」' })
	for _, q := range c.Question {
		if strings.HasSuffix(s, q) {
			return true
		}
	}
	return false
}

// hypothetical reports whether a hypothetical cue comes before the phrase in its sentence.
func (c *LanguageCues) hypothetical(before, lang string) bool {
	for _, h := range c.Hypothetical {
		if lastCue(before, h, lang) >= 0 {
			return true
		}
	}
	return false
}
