package rules

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// cxMatchers are the pack's patterns with a class prefix (classprefix.go).
func cxMatchers(t *testing.T, j Jurisdiction) (*Pack, *Pack, []*phraseMatcher) {
	t.Helper()
	p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.lead != nil && m.lead.cx != nil })
	ref, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
	ref.noClassPrefix = true
	return p, ref, ms
}

// s33Texts are s31Texts and hostile texts for the class-prefix patterns: leads (他, 她, 对方, 气话,
// but he) repeated in one long clause, leads at the text's and clauses' ends and starts, class runs
// longer than the prefix's bound, odd bytes and marks inside the runs, random mixtures.
func s33Texts(t *testing.T, j Jurisdiction) []string {
	texts := s31Texts(t, j)
	var parts []string
	if j == CN {
		parts = []string{"他", "她", "不是催收", "并非催收", "对方", "也", "并", "，", "。", "催收", "说", "气话", "说说而已",
			"打错了", "意思是", "征信", "什么后果", "起诉", "开玩笑", "这是", "玩笑", "我", "你", "砍", "\xff", "\xe4\xb8", "；", "（", "a b", " "}
		texts = append(texts,
			strings.Repeat("他", 400)+"不是催收",
			strings.Repeat("他她对方不是催收", 60),
			strings.Repeat("我们的事情跟他说过了", 50)+"他并不是催收，是我前夫说要打断我的腿",
			"他不是催收"+strings.Repeat("啊", 45)+"她也不是催收",
			"不是催收"+strings.Repeat("他", 31),
			strings.Repeat("x", 29)+"他不是催收"+strings.Repeat("y", 31)+"他不是催收")
	} else {
		parts = []string{"but ", "and ", "he ", "she ", "they ", "was ", "were ", "just ", "only ", "kidding", "joking",
			". ", "! ", "said ", "I ", "you ", "will ", "hurt ", "kill ", "\xff", "x", ", ", "collector "}
		texts = append(texts,
			strings.Repeat("and he was just kidding ", 120),
			strings.Repeat("a", 90)+" but he was only joking",
			strings.Repeat("but she was kidding. ", 40))
	}
	rng := rand.New(rand.NewSource(33))
	for i := 0; i < 100; i++ {
		var b strings.Builder
		n := 5 + rng.Intn(80)
		if i%25 == 0 {
			n = 400
		}
		for k := 0; k < n; k++ {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestS33ClassPrefixPatterns: both packs have class-prefix patterns (THREAT's 不是催收 look-alike
// among them), or the other tests test nothing.
func TestS33ClassPrefixPatterns(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		_, _, ms := cxMatchers(t, j)
		found := false
		for _, m := range ms {
			if strings.Contains(m.pattern, "并非)催收") || strings.Contains(m.pattern, "kidding") {
				found = true
			}
		}
		t.Logf("%s: %d class-prefix patterns", j, len(ms))
		if !found {
			t.Fatalf("%s: the look-alike exception has no class prefix (%d patterns have)", j, len(ms))
		}
	}
}

// TestS33ClassPrefixSameAsRun: for every class-prefix pattern of both packs, the answer at every
// start (X stamped everywhere) is the anchored run's, and the lead search over the text and over
// each clause finds the same spans with and without the class prefix.
func TestS33ClassPrefixSameAsRun(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ref, ms := cxMatchers(t, j)
		refMs := map[string]*phraseMatcher{}
		for _, g := range ref.phraseGroups() {
			if g == nil {
				continue
			}
			for mi := range g.matchers {
				m := &g.matchers[mi]
				if m.lead != nil {
					refMs[m.lead.src] = m
				}
			}
		}
		matched := 0
		for _, text := range s33Texts(t, j) {
			st := p.prepare(text)
			rst := ref.prepare(text)
			if st.lits == nil {
				continue
			}
			spans := append([][2]int{{0, len(st.t)}}, st.clauses...)
			for _, m := range ms {
				rm := refMs[m.lead.src]
				if rm == nil {
					t.Fatalf("%s: %q not in the reference pack", j, m.pattern)
				}
				for _, sp := range spans {
					bs, be := sp[0], sp[1]
					got := st.leadMatchesUntil(m, bs, be, be)
					want := rst.leadMatchesUntil(rm, bs, be, be)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s %q in %.60q [%d,%d): class prefix %v, runs %v", j, m.pattern, text, bs, be, got, want)
					}
					matched += len(got)
				}
				// every start, X allowed everywhere
				memo := &st.scratch.cx
				memo.begin(len(st.rs) + 1)
				for r := range memo.stamp[:len(st.rs)+1] {
					memo.stamp[r] = memo.gen
				}
				bs, be := 0, len(st.t)
				for r := 0; r < len(st.rs); r++ {
					s := int(st.bytePos[r])
					got := st.cxAt(m.lead.cx, memo, bs, s, be)
					want := m.lead.atWith(nil, st.t, st.tab, bs, s, be, false)
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s %q in %.60q at %d: class prefix %v, run %v", j, m.pattern, text, s, got, want)
					}
				}
			}
			scratchPool.Put(st.scratch)
			scratchPool.Put(rst.scratch)
		}
		if matched == 0 {
			t.Fatalf("%s: no class-prefix pattern matched: the test tests nothing", j)
		}
		t.Logf("%s: %d matches compared", j, matched)
	}
}

// TestS33ClassPrefixSameHits: the text and factor scans are the same with and without the class
// prefix on s33Texts.
func TestS33ClassPrefixSameHits(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ref, _ := cxMatchers(t, j)
		for _, text := range s33Texts(t, j) {
			if got, want := p.matchText(text), ref.matchText(text); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %.80q: hits differ with the class prefix\n%+v\n%+v", j, text, got, want)
			}
			if got, want := p.matchFactors(text), ref.matchFactors(text); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %.80q: factors differ with the class prefix\n%+v\n%+v", j, text, got, want)
			}
		}
	}
}

// TestS33ClassPrefixLinearSteps: on long one-clause texts of many leads, X runs at most once per
// rune and the class runes read are at most (n+1) per rune, so the search is linear in the text
// for a bounded prefix (counted, not timed); and the matches are the runs'.
func TestS33ClassPrefixLinearSteps(t *testing.T) {
	p, ref, ms := cxMatchers(t, CN)
	var look []*phraseMatcher
	for _, m := range ms {
		if strings.Contains(m.pattern, "并非)催收") {
			look = append(look, m)
		}
	}
	if len(look) == 0 {
		t.Fatal("no look-alike exception with a class prefix")
	}
	for _, n := range []int{200, 2000, 8000} {
		for _, text := range []string{
			strings.Repeat("他", n) + "不是催收",
			strings.Repeat("他说她", n/3) + "并不是催收",
			strings.Repeat("对方他也", n/4) + "不是催收，",
		} {
			st, rst := p.prepare(text), ref.prepare(text)
			runes := len(st.rs)
			for _, m := range look {
				memo := &st.scratch.cx
				memo.runs, memo.walked = 0, 0
				got := st.leadMatchesUntil(m, 0, len(st.t), len(st.t))
				if memo.runs > runes+1 || memo.walked > (m.lead.cx.max+1)*(runes+1) {
					t.Fatalf("%d runes: %d runs of X, %d class runes read (max %d)", runes, memo.runs, memo.walked, m.lead.cx.max)
				}
				if memo.runs == 0 {
					t.Fatalf("%d runes: X never ran", runes)
				}
				if n <= 2000 {
					var rm *phraseMatcher
					for _, g := range ref.phraseGroups() {
						if g == nil {
							continue
						}
						for mi := range g.matchers {
							if g.matchers[mi].lead != nil && g.matchers[mi].lead.src == m.lead.src {
								rm = &g.matchers[mi]
							}
						}
					}
					if want := rst.leadMatchesUntil(rm, 0, len(st.t), len(st.t)); !reflect.DeepEqual(got, want) {
						t.Fatalf("%d runes: %v, runs %v", runes, got, want)
					}
				}
			}
			scratchPool.Put(st.scratch)
			scratchPool.Put(rst.scratch)
		}
	}
}
