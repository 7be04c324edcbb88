package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Session 21 (speed): the same judgements for less work. Each test holds a new fast path to the
// slow one it stands for, on crafted odd texts and every train narrative of both packs
// (session18Texts); TestJudgeGolden checks that no judgement moved.

// s21Odd are texts the fast paths must read as the slow ones do: invalid bytes, cut and overlong
// sequences, encoded surrogates, traditional characters, full-width forms, emoji, keycaps.
var s21Odd = []string{
	"", "a", "\xe4", "\xe4\xbd", "你\xe4\xbd", "\xff你好\x80", "\xed\xa0\x80打了", "\xe0\x80\x80\xe0\xa0\x80",
	"\xef\xbf\xbd\xef\xbf\xbf", "催收員每天打電話給我媽，打了三十幾通", "ＡＢＣ，１２３：晚上１１点打了５次",
	"😡催收🔪威胁我💀 5️⃣次", "打\u200b爆\ufe0f通讯录", "call了我20多次、发了十几条", "收到 3 条 短信",
	"晚上十一点半到凌晨一点之间打了七个", "\U0010FFFF\U00010000𠀀𪚥", "é ü ß Ω ж", "一天30多个，每天打二三十个",
}

// TestS21DecodeRuneSameAsUTF8: decode3 is utf8.DecodeRuneInString at every non-ASCII byte (or
// declines, for any rune but one of three bytes), and decodeRunes is []rune with byte offsets:
// every three-byte sequence that starts with a lead byte of E0–EF (valid, overlong, surrogate,
// bad continuation), cut sequences, and every position of the odd texts and the narratives.
func TestS21DecodeRuneSameAsUTF8(t *testing.T) {
	check := func(s string, i int) {
		t.Helper()
		r, w := decode3(s, i)
		if wr, ww := utf8.DecodeRuneInString(s[i:]); w != 0 && (r != wr || w != ww) || w == 0 && ww == 3 {
			t.Fatalf("%q at %d: decode3 %U %d, utf8 %U %d", s, i, r, w, wr, ww)
		}
	}
	var b [3]byte
	for lead := 0xC0; lead <= 0xFF; lead++ {
		for c := range 0x10000 {
			b = [3]byte{byte(lead), byte(c >> 8), byte(c)}
			check(string(b[:]), 0)
		}
		check(string(b[:1]), 0)
		check(string(b[:2]), 0)
	}
	texts := append(slices.Clone(s21Odd), session18Texts(t, CN)...)
	texts = append(texts, session18Texts(t, US)...)
	for _, s := range texts {
		for i := range len(s) {
			if s[i] >= utf8.RuneSelf {
				check(s, i)
			}
		}
		rs, ob := decodeRunes(s)
		if want := []rune(s); !slices.Equal(rs, want) {
			t.Fatalf("%q: decodeRunes %q, want %q", s, string(rs), string(want))
		}
		if utf8.ValidString(s) != (ob != nil) {
			t.Fatalf("%q: decodeRunes' offsets %v for a valid text: %v", s, ob, utf8.ValidString(s))
		}
		for k, i := range ob {
			if k < len(rs) && (i < 0 || int(i) >= len(s) || !utf8.RuneStart(s[i])) || k == len(rs) && int(i) != len(s) {
				t.Fatalf("%q: rune %d at byte %d", s, k, i)
			}
		}
	}
}

// TestS21ParsersSameAsRegexp: the runes sets that open the parsers are strings.ContainsAny, and
// the parsers' searches, the bare count's new among them, give the regexp's matches, on every
// sentence of the odd texts and the narratives.
func TestS21ParsersSameAsRegexp(t *testing.T) {
	sets := map[*runeSet]string{amountRunes: "0123456789万千元块", clockRunes: "点時时:：.", measureRunes: "个通次条遍回",
		numeralRunes: "0123456789零一二两三四五六七八九十百几半"}
	searches := []*firstRuneSearch{zhBareCountSearch, zhCountSearch, zhTimeSearch}
	if zhBareCountSearch.first == nil {
		t.Fatal("the bare count's search has no first runes: it searches as the regexp does")
	}
	texts := append(slices.Clone(s21Odd), session18Texts(t, CN)...)
	var sents []string
	for _, s := range texts {
		sents = append(sents, s)
		sents = append(sents, strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("。！？!?；;\n", r) })...)
	}
	for _, s := range sents {
		for set, chars := range sets {
			if got, want := set.in(s), strings.ContainsAny(s, chars); got != want {
				t.Fatalf("%q: in(%q) %v, ContainsAny %v", s, chars, got, want)
			}
		}
		for _, f := range searches {
			got, want := f.FindAllStringSubmatchIndex(s), f.re.FindAllStringSubmatchIndex(s, -1)
			if len(got) != len(want) || !slices.EqualFunc(got, want, slices.Equal[[]int]) {
				t.Fatalf("%q: %s: %v, regexp %v", s, f.re, got, want)
			}
		}
	}
}

// TestS21SplitsWordSameAsStrings: splitsWord, which builds each candidate word in one buffer,
// answers as the words built as strings did, for every split point of every word of the pack (and
// of the traditional forms and odd runes around it).
func TestS21SplitsWordSameAsStrings(t *testing.T) {
	p, _ := session18Pack(t, CN, func(*phraseMatcher) bool { return false })
	slow := func(before, after []rune) bool {
		var b, a []rune
		for i := len(before) - 1; i >= 0 && len(b) < maxWord-1 && isHan(foldRune(before[i])); i-- {
			b = append([]rune{foldRune(before[i])}, b...)
		}
		for i := 0; i < len(after) && len(a) < maxWord-1 && isHan(foldRune(after[i])); i++ {
			a = append(a, foldRune(after[i]))
		}
		for k := 1; k <= len(b); k++ {
			for m := 1; m <= len(a) && k+m <= maxWord; m++ {
				if p.words[string(b[len(b)-k:])+string(a[:m])] {
					return true
				}
			}
		}
		return false
	}
	words := []string{"催收員", "電話號碼", "通讯录", "😡爆", "\ufffd你", "爆通讯录的人", "打电话给我妈妈了"}
	for w := range p.words {
		words = append(words, w)
	}
	slices.Sort(words)
	yes := 0
	for _, w := range words {
		for _, ctx := range [][2]string{{"", ""}, {"我说", "了吗"}, {"a", "😡"}, {"逾期三天的", "通知"}} {
			rs := []rune(ctx[0] + w + ctx[1])
			for i := 0; i <= len(rs); i++ {
				got := p.splitsWord(rs[:i], rs[i:])
				if want := slow(rs[:i], rs[i:]); got != want {
					t.Fatalf("%q split at %d: splitsWord %v, strings %v", string(rs), i, got, want)
				}
				if got {
					yes++
				}
			}
		}
	}
	if yes == 0 {
		t.Fatal("no split joined a word: the test tests nothing")
	}
}

// TestS21SharedConjuncts: patterns that need the same literals share one conjunct (its clauses are
// computed once per text), and every conjunct's clauses are still the union of its own literals'
// clauses, for every pattern of both packs on every narrative.
func TestS21SharedConjuncts(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.needIdx != nil })
		bySet := map[string]int32{}
		uses := 0
		for _, m := range ms {
			for k, conj := range m.need {
				key := fmt.Sprint(conj)
				uses++
				if cj, ok := bySet[key]; ok && cj != m.needIdx[k] {
					t.Fatalf("%s: %q: the literals %s have conjuncts %d and %d", j, m.pattern, key, cj, m.needIdx[k])
				}
				bySet[key] = m.needIdx[k]
			}
		}
		if p.pre.conjuncts != len(bySet) || len(bySet) >= uses {
			t.Fatalf("%s: %d conjuncts for %d distinct literal sets (%d uses)", j, p.pre.conjuncts, len(bySet), uses)
		}
		for _, text := range append(slices.Clone(s21Odd), session18Texts(t, j, "")...) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			h := st.lits
			if h == nil || !h.conjKnown() || h.words != 1 {
				continue // the text has no clause, or more than 64 (find's other branch)
			}
			for _, m := range ms {
				for k, conj := range m.need {
					var want uint64
					for _, id := range conj {
						if i, ok := h.has(id); ok {
							want |= h.sets[i]
						}
					}
					var got uint64
					if c, ok := h.conjClauses(m.needIdx[k]); ok {
						got = c[0]
					}
					if got != want {
						t.Fatalf("%s: %q: %q's conjunct %d: clauses %b, its literals' %b", j, text, m.pattern, k, got, want)
					}
				}
			}
		}
	}
}

// TestS21RunesString: runesString is string(rs) for the runes of the odd texts and narratives and
// for runes no text decodes to (surrogates, negative, beyond U+10FFFF).
func TestS21RunesString(t *testing.T) {
	lists := [][]rune{nil, {0xD800, 0xDFFF, -1, 0x110000, 0x7FFFFFFF, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF}}
	for _, s := range append(slices.Clone(s21Odd), session18Texts(t, CN)...) {
		lists = append(lists, []rune(s))
	}
	for _, rs := range lists {
		if got, want := runesString(rs), string(rs); got != want {
			t.Fatalf("%U: runesString %q, string %q", rs, got, want)
		}
	}
}

// TestS21GroupGatesSameAsRuledOut: scan's test of a pattern's gate read from its group's list
// (PhraseGroup.gates) rules out exactly the patterns ruledOut does, for every pattern of both packs
// on the odd texts and every narrative.
func TestS21GroupGatesSameAsRuledOut(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		out := 0
		for _, text := range append(slices.Clone(s21Odd), session18Texts(t, j)...) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			for _, g := range p.phraseGroups() {
				if g == nil {
					continue
				}
				if len(g.gates) != len(g.matchers) {
					t.Fatalf("%s: %d gates for %d patterns", j, len(g.gates), len(g.matchers))
				}
				for mi := range g.matchers {
					gated := st.lits != nil && st.lits.conjKnown() && g.gates[mi] >= 0 && !st.lits.hasConj(g.gates[mi])
					if m := &g.matchers[mi]; gated != st.ruledOut(m) {
						t.Fatalf("%s: %q: %q: group's gate %v, ruledOut %v", j, text, m.pattern, gated, st.ruledOut(m))
					}
					if gated {
						out++
					}
				}
			}
		}
		if out == 0 {
			t.Fatalf("%s: no pattern ruled out: the test tests nothing", j)
		}
	}
}
