package rules

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// The abstracted view (session 15): a model trained with model.Options.Abstract reads a Chinese text
// not as raw characters but as the engine sees it — normalised (traditional → simplified, evasions
// and aliases folded, digits before measure words spelled), cut into the pack's own words by forward
// maximum matching, each member of an entity class replaced by its class ({THIRD}, {AUTHORITY},
// {SETTLED}…), each cue of the pack's language replaced by its kind (negation, question,
// hypothetical, hearsay, intent, habit, rhetorical, confirmation), numbers bucketed — and weighs
// those tokens, their bigrams within a clause and the words in a negation's, a hearsay's or a
// question's scope. The classes and cues generalise where a phrase list does not: "打给我表舅" and
// "打给我二姨" are both "打给 我 {THIRD}".

// abstractLex is a pack's dictionary for the abstracted view: a word → its token.
type abstractLex struct {
	tok    map[string]string
	also   map[string][]string // the other classes of a member of several (their tokens)
	maxLen int                 // the most runes of a dictionary word
}

var abstractLexes sync.Map // *Pack → *abstractLex

// lexicon returns the pack's abstractLex, built once.
func (p *Pack) abstractLex() *abstractLex {
	if x, ok := abstractLexes.Load(p); ok {
		return x.(*abstractLex)
	}
	lx := &abstractLex{tok: map[string]string{}, also: map[string][]string{}}
	add := func(w, tok string, over bool) {
		w = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(w), "~"), "*"))
		if w == "" || !strings.ContainsFunc(w, isHan) {
			return
		}
		if _, ok := lx.tok[w]; ok && !over {
			return
		}
		lx.tok[w] = tok
		lx.maxLen = max(lx.maxLen, utf8.RuneCountInString(w))
	}
	// the pack's words, then cues and classes over them
	for w := range p.words {
		add(w, w, false)
	}
	if c := p.Language["zh"]; c != nil {
		for _, k := range []struct {
			tok  string
			cues []string
		}{{"<NEG>", c.Negation}, {"<Q>", c.Question}, {"<HYP>", c.Hypothetical}, {"<HS>", c.Hearsay},
			{"<INT>", c.Intent}, {"<HAB>", c.Habitual}, {"<RH>", c.Rhetorical}, {"<QT>", c.QuestionTags},
			{"<CF>", c.Confirm}} {
			for _, w := range k.cues {
				add(w, k.tok, true)
			}
		}
		for _, w := range c.NegationExceptions {
			add(w, w, true) // 不断, 不还: words, not negations
		}
	}
	// a member of several classes is a token of the largest (then the first by name: 妈妈 is
	// {THIRD}, not {FAMILY_NEAR}, as 二姨 is), and a unigram of each of the others
	classes := map[string][]string{}
	for name, ms := range p.Classes {
		for _, m := range ms {
			classes[m] = append(classes[m], name)
		}
	}
	for m, names := range classes {
		slices.SortFunc(names, func(a, b string) int {
			if d := len(p.Classes[b]) - len(p.Classes[a]); d != 0 {
				return d
			}
			return strings.Compare(a, b)
		})
		names = slices.Compact(names)
		add(m, "{"+names[0]+"}", true)
		w := strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(m), "~"), "*"))
		lx.also[w] = nil
		for _, n := range names[1:] {
			lx.also[w] = append(lx.also[w], "{"+n+"}")
		}
	}
	x, _ := abstractLexes.LoadOrStore(p, lx)
	return x.(*abstractLex)
}

// abstractToken is one token of the abstracted view and its rune span in the normalised text.
type abstractToken struct {
	tok    string
	also   []string // the other classes of a class member
	s, e   int
	single bool // a single character outside the dictionary
}

// clauseEnd reports whether r ends a clause of the abstracted view.
func clauseEnd(r rune) bool {
	return strings.ContainsRune("，,。.！!？?；;：:、\n…~～", r)
}

// AbstractFeatures are the names of the abstracted view of a Chinese text (none for another) and, for
// each, where it first stands in the text (to show where a model flag it drove comes from): tokens
// "a:T", bigrams within a clause "a2:T U", and the tokens in a scope — up to two after a negation
// cue "a!:T", after a hearsay cue in its clause "ah:T", in a clause that is a question "aq:T".
func AbstractFeatures(p *Pack, text string) ([]string, map[string][]Evidence) {
	n := p.normalize(text)
	rs := n.runes
	if !strings.ContainsFunc(n.text, isHan) {
		return nil, nil
	}
	lx := p.abstractLex()
	// byte offsets of the runes of n.text, to look words up without a copy
	bo := make([]int, 0, len(rs)+1)
	for i := range n.text {
		bo = append(bo, i)
	}
	bo = append(bo, len(n.text))
	var clauses [][]abstractToken
	var cur []abstractToken
	flush := func() {
		if len(cur) > 0 {
			clauses = append(clauses, cur)
			cur = nil
		}
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isHan(r):
			matched := false
			for k := min(lx.maxLen, len(rs)-i); k >= 1; k-- {
				if w := n.text[bo[i]:bo[i+k]]; lx.tok[w] != "" {
					cur = append(cur, abstractToken{tok: lx.tok[w], also: lx.also[w], s: i, e: i + k})
					i += k
					matched = true
					break
				}
			}
			if !matched {
				cur = append(cur, abstractToken{tok: string(r), s: i, e: i + 1, single: true})
				i++
			}
		case r >= '0' && r <= '9':
			j := i
			v := 0
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				v = min(v*10+int(rs[j]-'0'), 1<<20)
				j++
			}
			cur = append(cur, abstractToken{tok: numBucket(v), s: i, e: j})
			i = j
		case r >= 'a' && r <= 'z':
			j := i
			for j < len(rs) && rs[j] >= 'a' && rs[j] <= 'z' {
				j++
			}
			cur = append(cur, abstractToken{tok: n.text[bo[i]:bo[j]], s: i, e: j})
			i = j
		default:
			if r == '？' || r == '?' {
				cur = append(cur, abstractToken{tok: "<Q>", s: i, e: i + 1})
			}
			if clauseEnd(r) {
				flush()
			}
			i++
		}
	}
	flush()
	size := 0
	for _, c := range clauses {
		size += 3 * len(c)
	}
	names := make([]string, 0, size)
	from := make(map[string][]Evidence, size)
	evs := make([]Evidence, 0, size) // one allocation for every feature's piece
	add := func(name string, s, e int) {
		if _, ok := from[name]; ok {
			return
		}
		os, oe := n.span(s, e)
		names = append(names, name)
		if len(evs) == cap(evs) {
			evs = make([]Evidence, 0, size)
		}
		evs = append(evs, Evidence{Phrase: n.phrase(os, oe), Start: os, End: oe})
		from[name] = evs[len(evs)-1 : len(evs) : len(evs)]
	}
	for _, c := range clauses {
		question := false
		for _, t := range c {
			if t.tok == "<Q>" || t.tok == "<QT>" {
				question = true
			}
		}
		neg, hearsay := 0, false
		for k, t := range c {
			add("a:"+t.tok, t.s, t.e)
			for _, o := range t.also {
				add("a:"+o, t.s, t.e)
			}
			if k+1 < len(c) {
				add("a2:"+t.tok+" "+c[k+1].tok, t.s, c[k+1].e)
			}
			if strings.HasPrefix(t.tok, "<") {
				switch t.tok {
				case "<NEG>":
					neg = 2
				case "<HS>":
					hearsay = true
				}
				continue
			}
			if neg > 0 {
				add("a!:"+t.tok, t.s, t.e)
				neg--
			}
			if !t.single {
				if hearsay {
					add("ah:"+t.tok, t.s, t.e)
				}
				if question {
					add("aq:"+t.tok, t.s, t.e)
				}
			}
		}
	}
	return names, from
}

// numBucket is a number's token: its order of magnitude, and the clock hours of the night apart.
func numBucket(v int) string {
	switch {
	case v < 10:
		return "<N1>"
	case v >= 21 && v <= 24:
		return "<N21-24>"
	case v < 100:
		return "<N2>"
	case v < 1000:
		return "<N3>"
	}
	return "<N4+>"
}
