package rules

import (
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain"
)

// compileAliases folds each alias as texts are folded and indexes it by its first rune.
func (p *Pack) compileAliases() error {
	p.alias = map[bool]*aliasIndex{}
	for lang, m := range p.Aliases {
		if lang != "zh" && lang != "en" {
			return fmt.Errorf("aliases: language %q: only zh and en", lang)
		}
		for from, to := range m {
			f := []rune(strings.ToLower(strings.TrimSpace(from)))
			if len(f) == 0 || to == "" {
				return fmt.Errorf("aliases.%s: empty alias", lang)
			}
			e := newAliasEntry(f, []rune(to))
			// "en" aliases apply to every text, "zh" ones only to texts with Chinese characters
			for _, hasHan := range []bool{true, false} {
				if lang == "zh" && !hasHan {
					continue
				}
				if p.alias[hasHan] == nil {
					p.alias[hasHan] = newAliasIndex()
				}
				p.alias[hasHan].add(e)
			}
		}
	}
	if err := p.compileSpellings(); err != nil {
		return err
	}
	if err := p.compileSymbols(); err != nil {
		return err
	}
	if err := p.compileMasked(); err != nil {
		return err
	}
	for _, idx := range p.alias {
		for r := range idx.m {
			slices.SortFunc(idx.m[r], func(a, b aliasEntry) int { return len(b.from) - len(a.from) })
		}
	}
	return nil
}

// compileSpellings adds, for every word of the pack's spellings, each way of writing it with some
// of its characters in pinyin or a homophone as an alias of the word (zh texts only). An alias the
// pack states itself wins; a variant that is itself one of the words is not an alias.
func (p *Pack) compileSpellings() error {
	sp := p.Spellings
	if sp == nil {
		return nil
	}
	limit := sp.MaxVariants
	if limit <= 0 {
		limit = 64
	}
	words := map[string]bool{}
	for _, w := range sp.Words {
		words[w] = true
	}
	explicit := p.Aliases["zh"]
	idx := p.alias[true]
	if idx == nil {
		idx = newAliasIndex()
		p.alias[true] = idx
	}
	for c, alts := range sp.Chars {
		if utf8.RuneCountInString(c) != 1 || len(alts) == 0 {
			return fmt.Errorf("spellings.chars: %q needs to be one character with spellings", c)
		}
		for _, a := range alts {
			if a == "" || strings.ToLower(a) != a {
				return fmt.Errorf("spellings.chars.%s: %q must be non-empty and lower case", c, a)
			}
		}
	}
	for _, w := range sp.Words {
		rs := []rune(w)
		if len(rs) < 2 {
			return fmt.Errorf("spellings.words: %q: a word needs two characters or more", w)
		}
		variants := []string{""}
		for _, r := range rs {
			opts := append([]string{string(r)}, sp.Chars[string(r)]...)
			var next []string
			for _, v := range variants {
				for _, o := range opts {
					if len(next) < limit+1 {
						next = append(next, v+o)
					}
				}
			}
			variants = next
		}
		for _, v := range variants[1:] { // variants[0] is the word as written
			if words[v] || explicit[v] != "" {
				continue
			}
			f := []rune(v)
			idx.add(newAliasEntry(f, rs))
		}
		if v := spacedPinyin(sp, rs); v != "" && explicit[v] == "" {
			idx.add(newAliasEntry([]rune(v), rs))
		}
	}
	p.addInitials(idx, words, explicit)
	return p.addMisspellings()
}

// spacedPinyin is word written in pinyin syllable by syllable ("jing cha", "bao tong xun lu"),
// each character by its first Latin spelling, or "" when a character has none.
func spacedPinyin(sp *Spellings, rs []rune) string {
	syl := make([]string, len(rs))
	for k, r := range rs {
		i := slices.IndexFunc(sp.Chars[string(r)], func(a string) bool { return a[0] >= 'a' && a[0] <= 'z' })
		if i < 0 {
			return ""
		}
		syl[k] = sp.Chars[string(r)][i]
	}
	return strings.Join(syl, " ")
}

// compileClasses turns each entity class into a regular expression patterns embed as {NAME}. A class
// stands for one member or a list of them ("爸妈、老婆还有领导"), so that the evidence covers the list.
func (p *Pack) compileClasses() error {
	p.classRE = map[string]string{}
	ones, bare := map[string]string{}, map[string]string{}
	for name, members := range p.Classes {
		if name == "" || strings.ContainsAny(name, "{}") || len(members) == 0 {
			return fmt.Errorf("classes: %q needs a name without braces and members", name)
		}
		var alts []string
		// longest first, so that 外婆家 is tried before 外婆
		ms := slices.Clone(members)
		slices.SortStableFunc(ms, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
		for _, m := range ms {
			m = strings.TrimSpace(m)
			suffix := strings.HasPrefix(m, "~")
			m = strings.TrimPrefix(m, "~")
			star := strings.HasSuffix(m, "*")
			m = strings.TrimSuffix(m, "*")
			if m == "" {
				return fmt.Errorf("classes.%s: empty member", name)
			}
			re := regexp.QuoteMeta(strings.ToLower(m))
			re = strings.ReplaceAll(re, " ", `\s+`)
			if suffix {
				re = `\p{Han}{0,2}?` + re
			}
			if star {
				re += `[\p{L}'-]*`
			}
			alts = append(alts, re)
		}
		one := "(?:" + strings.Join(alts, "|") + ")"
		bare[name] = one
		if attrs := p.ClassAttributes[name]; len(attrs) > 0 {
			q := make([]string, len(attrs))
			for i, a := range attrs {
				if raw, ok := strings.CutPrefix(strings.TrimSpace(a), "re:"); ok {
					if _, err := regexp.Compile(raw); err != nil {
						return fmt.Errorf("classAttributes.%s: %w", name, err)
					}
					// bounded, or a pattern starting with the class has no lead and searches
					// every clause with its regexp (session 17: three times a judgement's CPU)
					if t, err := syntax.Parse(raw, syntax.Perl); err == nil {
						if _, bounded := widthMax(t.Simplify()); !bounded {
							return fmt.Errorf("classAttributes.%s: %q may be any length: bound its repeats ({0,3}, not * or +)", name, raw)
						}
					}
					q[i] = "(?:" + raw + ")"
					continue
				}
				q[i] = regexp.QuoteMeta(strings.ToLower(strings.TrimSpace(a)))
			}
			one = "(?:" + strings.Join(q, "|") + "){0,2}" + one
		}
		ones[name] = one
		// a list of members: Chinese ones joined by 、 or 和, English ones by "and" / "or" with the
		// spaces around them ("the calls and the letters": session 14; before, the space before "and"
		// stopped an English list at its first member)
		p.classRE[name] = one + `(?:(?:(?:、|,|，|和|跟|及|与|以及|还有|甚至|,\s*and)+|\s+(?:and|or|&)\s+|,\s*(?:and|or)\s+)\s*(?:我的|我|(?:my|the|their|his|her|our)\s+)?` + one + `)*`
	}
	for name := range p.ClassAttributes {
		if _, ok := p.Classes[name]; !ok {
			return fmt.Errorf("classAttributes: no class %q", name)
		}
	}
	for lang, c := range p.Language {
		if c.NegationRelativeClass == "" {
			continue
		}
		if _, ok := p.Classes[c.NegationRelativeClass]; !ok {
			return fmt.Errorf("language.%s.negationRelativeClass: no class %q", lang, c.NegationRelativeClass)
		}
		c.relativeNoun = regexp.MustCompile("^" + bare[c.NegationRelativeClass])
	}
	return p.compileListClasses(ones)
}

// compileListClasses builds the two ends of a list comma (see ListClasses): the members' last
// characters and endings, and a pattern for a member opening a clause.
func (p *Pack) compileListClasses(ones map[string]string) error {
	p.listStart, p.listStartAt, p.listLast, p.listMembers = nil, nil, nil, nil
	if len(p.ListClasses) == 0 {
		return nil
	}
	var alts []string
	for _, name := range p.ListClasses {
		one, ok := ones[name]
		if !ok {
			return fmt.Errorf("listClasses: no class %q", name)
		}
		alts = append(alts, one)
	}
	member := "(?:" + strings.Join(alts, "|") + ")"
	p.listLast = map[rune]bool{}
	for _, name := range p.ListClasses {
		for _, m := range p.Classes[name] {
			// a member ends as written: "~领导" ends in 领导 whatever stands before it
			m = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(strings.ToLower(m)), "~"), "*")
			if r, _ := utf8.DecodeLastRuneInString(m); m != "" {
				p.listLast[r] = true
				p.listMembers = append(p.listMembers, m)
			}
		}
	}
	start := `\s*(?:我的|我|他的|她的)?` + member
	var err error
	if p.listStart, err = regexp.Compile(`^` + start); err != nil {
		return fmt.Errorf("listClasses: %w", err)
	}
	// the same test run by the depth-first matcher (session 18): Go's regexp steps its NFA through
	// every member of the class at each clause start, a tenth of a Chinese judgement
	t, err := syntax.Parse(start, syntax.Perl)
	if err != nil {
		return fmt.Errorf("listClasses: %w", err)
	}
	p.listStartAt = &anchoredRE{src: start, prev: hasAssertion(t)}
	return nil
}

// joinLists merges two clauses of t that a list comma separates (see ListClasses): the clause
// before ends with a comma that a class member precedes, and the next opens with a member.
func (p *Pack) joinLists(t string, clauses [][2]int) [][2]int {
	if p.listStart == nil || len(clauses) < 2 {
		return clauses
	}
	out := clauses[:1]
	for _, c := range clauses[1:] {
		prev := &out[len(out)-1]
		if p.listComma(t[prev[0]:prev[1]], t[c[0]:c[1]]) {
			prev[1] = c[1]
			continue
		}
		out = append(out, c)
	}
	return out
}

// listComma reports whether clause ends with a comma that lists a class member before it and one at
// the start of next.
func (p *Pack) listComma(clause, next string) bool {
	r, n := utf8.DecodeLastRuneInString(clause)
	if r != '，' && r != ',' {
		return false
	}
	before := strings.TrimRight(clause[:len(clause)-n], " \t")
	lr, _ := utf8.DecodeLastRuneInString(before)
	// the cheap test first: most commas follow no member's last character
	if !p.listLast[lr] {
		return false
	}
	loc := p.listStartAt.at(next, 0, 0, len(next), false)
	if loc == nil {
		return false
	}
	// what was said is no member: "打给我弟，冒充法院的说他哥被告了" (~哥 with 说他 before it)
	for _, w := range p.ListBreaks {
		if strings.Contains(next[:loc[1]], w) {
			return false
		}
	}
	for _, m := range p.listMembers {
		if strings.HasSuffix(before, m) {
			return true
		}
	}
	return false
}

func (p *Pack) compileComposite(c *Composite) error {
	if c.ID == "" {
		return fmt.Errorf("id is required")
	}
	if c.Factor != "" {
		if c.Type != "" || c.After != "" || !slices.Contains(domain.UrgencyFactors, c.Factor) {
			return fmt.Errorf("%s: a factor composite names a known urgency factor, first phrases and no violation code", c.ID)
		}
	} else if _, ok := domain.ParseViolationType(string(c.Type)); !ok {
		return fmt.Errorf("%s: unknown violation code %q", c.ID, c.Type)
	}
	if (c.After == "") == (c.First == nil) {
		return fmt.Errorf("%s: give either after (a violation code) or first (phrases)", c.ID)
	}
	if c.After != "" {
		if _, ok := domain.ParseViolationType(string(c.After)); !ok {
			return fmt.Errorf("%s: unknown violation code %q", c.ID, c.After)
		}
	}
	if c.Sentences < 0 || c.Sentences > maxCompositeSentences {
		return fmt.Errorf("%s: sentences must be within 0–%d", c.ID, maxCompositeSentences)
	}
	if !unit(c.Weight) || c.Weight == 0 {
		return fmt.Errorf("%s: weight must be within (0, 1]", c.ID)
	}
	if c.First != nil {
		c.First.Weight = c.Weight
		if err := p.compileGroup(c.First); err != nil {
			return fmt.Errorf("%s: first: %w", c.ID, err)
		}
	}
	c.Then.Weight = c.Weight
	if err := p.compileGroup(&c.Then); err != nil {
		return fmt.Errorf("%s: then: %w", c.ID, err)
	}
	if c.Except != nil {
		c.Except.Weight = 1
		if err := p.compileGroup(c.Except); err != nil {
			return fmt.Errorf("%s: except: %w", c.ID, err)
		}
	}
	if c.ThenExcept != nil {
		c.ThenExcept.Weight = 1
		if err := p.compileGroup(c.ThenExcept); err != nil {
			return fmt.Errorf("%s: thenExcept: %w", c.ID, err)
		}
	}
	if c.GateSentences < 0 || c.GateSentences > 5 || (c.Gate == nil && (c.GateExcept != nil || c.GateSentences != 0)) {
		return fmt.Errorf("%s: gateSentences must be within 0–5, and gateExcept and gateSentences need a gate", c.ID)
	}
	for _, g := range []struct {
		name string
		g    *PhraseGroup
	}{{"gate", c.Gate}, {"gateExcept", c.GateExcept}} {
		if g.g == nil {
			continue
		}
		g.g.Weight = 1
		if err := p.compileGroup(g.g); err != nil {
			return fmt.Errorf("%s: %s: %w", c.ID, g.name, err)
		}
	}
	if c.Unless != nil {
		c.Unless.Weight = 1
		if err := p.compileGroup(c.Unless); err != nil {
			return fmt.Errorf("%s: unless: %w", c.ID, err)
		}
	}
	c.thenLeads = c.First != nil && thenPlain(&c.Then)
	return nil
}

// maxCompositeSentences bounds a composite's reach (session 29, longfacts: 5 → 12, so that a long
// complaint's third party named in one paragraph joins what is said of them in another).
const maxCompositeSentences = 12

// requiredLiterals returns strings one of which occurs in every match of re (in lower case, as
// texts are matched), or nil when there is no such set: a text containing none of them cannot match,
// so the pattern is skipped without running it.
func requiredLiterals(re fmt.Stringer) []string {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	lits := literalSet(t.Simplify())
	if len(lits) == 0 || len(lits) > 512 {
		return nil
	}
	for _, l := range lits {
		if l == "" {
			return nil
		}
	}
	return lits
}

func literalSet(t *syntax.Regexp) []string {
	switch t.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(t.Rune))}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(t.Rune); i += 2 {
			if t.Rune[i+1]-t.Rune[i] > 8 {
				return nil
			}
			for r := t.Rune[i]; r <= t.Rune[i+1]; r++ {
				if unicode.IsUpper(r) {
					continue // folded case: the lower-case rune is in the class too
				}
				out = append(out, string(r))
			}
		}
		return dedupe(out)
	case syntax.OpCapture:
		return literalSet(t.Sub[0])
	case syntax.OpPlus:
		return literalSet(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return literalSet(t.Sub[0])
		}
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			l := literalSet(s)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return dedupe(out)
	case syntax.OpConcat:
		// every part must match: take the part whose literals are most selective; adjacent
		// literals join into one longer literal
		var best []string
		score := func(ls []string) int {
			if ls == nil {
				// no requirement is never more selective than one (session 37, speed37: at -1 a
				// large class of phrases, {DEATH_EN}'s 45, scored lower and the part requiring them
				// was dropped, so the pattern ran on every clause of every text)
				return math.MinInt
			}
			m := 1 << 20
			for _, l := range ls {
				m = min(m, len(l))
			}
			if m == 1 && m*4 < len(ls) {
				// single bytes (blanks, quotes, marks) found everywhere: no better than none, as before
				return math.MinInt
			}
			return m*4 - len(ls)
		}
		for i, s := range t.Sub {
			l := literalSet(s)
			if s.Op == syntax.OpLiteral {
				lit := strings.ToLower(string(s.Rune))
				for j := i + 1; j < len(t.Sub) && t.Sub[j].Op == syntax.OpLiteral; j++ {
					lit += strings.ToLower(string(t.Sub[j].Rune))
				}
				l = []string{lit}
			}
			if score(l) > score(best) {
				best = l
			}
		}
		return best
	}
	return nil
}

func dedupe(ss []string) []string {
	slices.Sort(ss)
	return slices.Compact(ss)
}

// expandCueClasses returns cues with each cue naming a class ({THIRD}) replaced by one literal cue
// per member of the class, in the members' order: a suffix member (~领导) gives its suffix (听我领导说),
// an English stem (sister*) the stem. Cues stay literals, so the prefilter finds them in its one
// pass as before (session 22: the speakers of hearsay are the pack's third parties, 听我表姐夫说 too).
func (p *Pack) expandCueClasses(cues []string) ([]string, error) {
	return p.expandCueClassesWith(cues, nil)
}

// expandCueClassesWith is expandCueClasses where a suffix member (~弟, ~姐) also gives each of
// prefixes before its suffix (堂弟, 表姐, 二姨): a suffix member names any word ending so, and the
// kin words of hearsay are such words with a short prefix (session 23: 听我堂弟说 was no cue).
func (p *Pack) expandCueClassesWith(cues, prefixes []string) ([]string, error) {
	if !slices.ContainsFunc(cues, func(c string) bool { return strings.Contains(c, "{") }) {
		return cues, nil
	}
	var out []string
	seen := map[string]bool{}
	var expand func(cue string) error
	expand = func(cue string) error {
		i := strings.Index(cue, "{")
		if i < 0 {
			if !seen[cue] {
				seen[cue] = true
				out = append(out, cue)
			}
			return nil
		}
		j := strings.Index(cue[i:], "}")
		if j < 0 {
			return fmt.Errorf("cue %q: an unclosed class", cue)
		}
		name := cue[i+1 : i+j]
		members, ok := p.Classes[name]
		if !ok {
			return fmt.Errorf("cue %q: no class %q", cue, name)
		}
		for _, m := range members {
			m = strings.TrimSpace(m)
			suffix := strings.HasPrefix(m, "~")
			m = strings.TrimSuffix(strings.TrimPrefix(m, "~"), "*")
			if m == "" || strings.HasPrefix(m, "re:") {
				continue
			}
			if err := expand(cue[:i] + m + cue[i+j+1:]); err != nil {
				return err
			}
			if !suffix {
				continue
			}
			for _, pre := range prefixes {
				if err := expand(cue[:i] + pre + m + cue[i+j+1:]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, c := range cues {
		if err := expand(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}
