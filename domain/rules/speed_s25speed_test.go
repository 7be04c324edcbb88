package rules

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// s25Texts are s24Texts with texts of odd bytes and very long texts (no clause break in 3,000
// runes; 300 clauses).
func s25Texts(t *testing.T, j Jurisdiction) []string {
	texts := s24Texts(t, j)
	texts = append(texts, strings.Repeat("我妈说注意安全", 500), strings.Repeat("，“我朋友提醒我小心点”。", 300),
		strings.Repeat("my mom said be careful ", 200), "\xff，我\xe4妈\x80说小心", "，，，。。。", "^$")
	return texts
}

// TestS25StartSearchSameAsRegexp: every pattern of both packs that runs from its start runes
// (session 25) finds, on every train text, the same matches as the regexp's search — in each
// clause, in each clause from its start to the text's end, and in the whole text (the exceptions'
// search) — and at least the plain patterns opening with ^ have a start search.
func TestS25StartSearchSameAsRegexp(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.starts != nil })
		caret := 0
		for _, m := range ms {
			if m.lead != nil {
				t.Fatalf("%s: %q has a lead and a start search", j, m.pattern)
			}
			if strings.HasPrefix(m.pattern, "^") {
				caret++
			}
		}
		if len(ms) < 10 || j == CN && caret == 0 {
			t.Fatalf("%s: only %d patterns (%d opening with ^) run from their start runes", j, len(ms), caret)
		}
		checked := 0
		for _, text := range s25Texts(t, j) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			if st.lits == nil {
				continue
			}
			spans := [][2]int{{0, len(st.t)}}
			for _, c := range st.clauses {
				spans = append(spans, c, [2]int{c[0], len(st.t)})
			}
			for _, m := range ms {
				for _, sp := range spans {
					got, want := st.startMatches(m, sp[0], sp[1]), m.find(st.t, sp[0], sp[1])
					if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
						t.Fatalf("%s %q in %q [%d:%d]: start search %v, regexp %v", j, m.pattern, st.t, sp[0], sp[1], got, want)
					}
					checked++
				}
			}
		}
		t.Logf("%s: %d patterns run from their start runes, %d searches compared", j, len(ms), checked)
	}
}

// TestS25StartSearchRandom: random patterns of the shapes the packs use (^ and the plain
// pattern's clause anchor, classes, optional parts, \b, $) on random texts of a small alphabet:
// the start search finds what the regexp finds, and a pattern that can match the empty string, or
// start with any rune, has none.
func TestS25StartSearchRandom(t *testing.T) {
	p, _ := session18Pack(t, CN, func(*phraseMatcher) bool { return false })
	rng := rand.New(rand.NewSource(25))
	atoms := []string{"我", "妈", "说", "(我|妈)", "[，。]", "[^，。]", "(我的?)?", "[ab]", "a", "b", "\\b", "(妈|说|a){1,2}", "[我a]*", "$", "^", "(?:^|[，。])[\\s“]*", "(说|)"}
	alphabet := []string{"我", "妈", "说", "，", "。", "a", "b", " ", "“", "x"}
	withStarts, none := 0, 0
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.Intn(4) {
			b.WriteString(atoms[rng.Intn(len(atoms))])
		}
		src := b.String()
		re := regexp.MustCompile(src)
		ss := newStartSearch(re)
		if ss == nil {
			none++
			continue
		}
		if re.MatchString("") {
			t.Fatalf("%q matches the empty string but has a start search", src)
		}
		withStarts++
		m := &phraseMatcher{pattern: src, re: compiledRegexp(re), starts: ss}
		for range 20 {
			var tb strings.Builder
			for range rng.Intn(12) {
				tb.WriteString(alphabet[rng.Intn(len(alphabet))])
			}
			p.lastPrepared.Store(nil)
			st := p.prepare(tb.String() + "x")
			if st.lits == nil {
				continue
			}
			for bs := 0; bs <= len(st.t); bs++ {
				if int(st.bytePos[st.offs[bs]]) != bs {
					continue // not a rune's start
				}
				for be := bs; be <= len(st.t); be++ {
					if int(st.bytePos[st.offs[be]]) != be {
						continue
					}
					got, want := st.startMatches(m, bs, be), m.find(st.t, bs, be)
					if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
						t.Fatalf("%q in %q [%d:%d]: start search %v, regexp %v", src, st.t, bs, be, got, want)
					}
				}
			}
		}
	}
	if withStarts < 500 || none < 100 {
		t.Fatalf("random patterns: %d with a start search, %d without", withStarts, none)
	}
	t.Logf("random patterns: %d with a start search, %d without", withStarts, none)
}
