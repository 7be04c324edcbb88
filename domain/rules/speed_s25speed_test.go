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

// TestS25ExceptionsBeforeSameSpans: for every exception group of both packs (the lexicons', the
// composites', the severity factors') and every train text, the spans searched up to a byte
// (each clause's end, a third of the text, the text's end) hold every span of the whole text's
// search that starts before it, in the same order, and nothing the whole search lacks.
func TestS25ExceptionsBeforeSameSpans(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		var groups []*PhraseGroup
		for _, g := range p.phraseGroups() {
			if g != nil && g.ID == "" || g != nil && strings.Contains(strings.ToLower(g.ID), "except") {
				groups = append(groups, g)
			}
		}
		for _, vr := range p.Violations {
			if vr.Except != nil {
				groups = append(groups, vr.Except)
			}
		}
		if p.Severity != nil {
			for _, g := range p.Severity.Except {
				groups = append(groups, g)
			}
		}
		checked := 0
		for _, text := range s25Texts(t, j) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			if st.lits == nil {
				continue
			}
			untils := []int{0, len(st.t) / 3, len(st.t)}
			for _, c := range st.clauses {
				untils = append(untils, c[1])
			}
			for _, g := range groups {
				whole := st.exceptSpans(g)
				for _, until := range untils {
					got := st.exceptSpansBefore(g, until)
					k := 0 // got is a subsequence of whole holding every span of it starting before until
					for _, x := range whole {
						if k < len(got) && got[k] == x {
							k++
							continue
						}
						if st.byteOf(x[0]) < until {
							t.Fatalf("%s %q: span %v (before byte %d) missing: whole %v, limited %v", j, text, x, until, whole, got)
						}
					}
					if k != len(got) {
						t.Fatalf("%s %q: limited spans %v not a subsequence of %v", j, text, got, whole)
					}
					checked++
				}
			}
		}
		t.Logf("%s: %d exception groups, %d limited searches compared", j, len(groups), checked)
	}
}

// TestS25DeferredExceptionsSameHits: the hits of every train text (with their dismissals: cue,
// exception, own subject) are the same with the lexicons' exceptions searched up to the last
// hit's end, after the lexicon's hits (session 25), as over the whole text, and with the patterns
// without a lead searched by the regexp.
func TestS25DeferredExceptionsSameHits(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref.noExceptLimit, ref.noStarts = true, true
		dismissed := 0
		for _, text := range s25Texts(t, j) {
			p.lastPrepared.Store(nil)
			ref.lastPrepared.Store(nil)
			for _, factors := range []bool{false, true} {
				var got, want []match
				if factors {
					got, want = p.matchFactors(text), ref.matchFactors(text)
				} else {
					got, want = p.matchText(text), ref.matchText(text)
				}
				if len(got) != len(want) {
					t.Fatalf("%s %q: %d hits, whole-text exceptions %d", j, text, len(got), len(want))
				}
				for i := range got {
					g, w := got[i], want[i]
					if g.start != w.start || g.end != w.end || g.pattern != w.pattern || g.negatedBy != w.negatedBy || g.weight != w.weight || g.hearsay != w.hearsay || !slices.Equal(g.modifiers, w.modifiers) {
						t.Fatalf("%s %q: hit %d %+v, whole-text exceptions %+v", j, text, i, g, w)
					}
					if strings.HasPrefix(g.negatedBy, "exception") || strings.HasPrefix(g.negatedBy, "own subject") {
						dismissed++
					}
				}
			}
		}
		if dismissed < 10 {
			t.Fatalf("%s: only %d hits dismissed by an exception or own subject", j, dismissed)
		}
		t.Logf("%s: %d hits dismissed by an exception or own subject, all the same", j, dismissed)
	}
}
