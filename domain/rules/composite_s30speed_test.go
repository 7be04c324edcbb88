package rules

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// s30Texts are the train texts of s25Texts and odd ones made for the composites joined by parts
// (session 29: gate × first × then): zero-width characters between every rune, 40 sentences, the
// complainant's persons and things repeated, the gate, the first and the later fact in sentences
// near and far from each other, the gate's exceptions around them.
func s30Texts(t *testing.T, j Jurisdiction) []string {
	texts := s25Texts(t, j)
	zh := []string{
		"催收说：“你儿子上学路上可得小心，哪天出点什么事可别怪我们。”",
		"他们发来短信，配字说你家的车哪天刹车就不灵了。",
		"我跟催收说我儿子的事让他自己处理。",
		"我妈说你孩子的腿要是摔断了可别怪她。",
		"电视剧里说你家孩子哪天出点事就麻烦了。",
		"催收打电话给我六十二岁的老母亲，说我们的人会在楼下等他。",
		"你家你孩子你老婆你爸妈你的车你的店你的门，",
		"他们说：",
		"你儿子放学路上会不会出点什么意外。",
		"昨天我孩子摔断了腿，进了医院。",
	}
	en := []string{
		"The collector said your son's brakes might fail one day.",
		"They wrote: your kids walk home alone, a lot can happen.",
		"My mom said your car could go up in smoke, joking.",
		"your wife your kids your car your house your dog, ",
		"He told me my daughter may not come home some night.",
	}
	src := zh
	if j == US {
		src = en
	}
	var b strings.Builder
	for i := range 40 {
		b.WriteString(src[(i*7)%len(src)])
	}
	texts = append(texts, b.String(), strings.Repeat(src[len(src)-4], 30)+src[0], src[1]+strings.Repeat(src[2], 12)+src[0])
	for _, s := range src {
		texts = append(texts, strings.Join(strings.Split(s, ""), "\u200b"), strings.Join(strings.Split(s, ""), "\u200d\u2060"))
		for _, o := range src {
			texts = append(texts, s+o, o+strings.Repeat(s, 3))
		}
	}
	return texts
}

// TestS30ThenLeadsSameHits: a composite whose later facts lead (session 30, speed: thenReach) joins
// exactly what it joined when its first facts were searched first — on every text of s30Texts, in
// both packs, the text scan's and the factor scan's hits are the same with and without noThenLead;
// and the Chinese threat by parts (session 29) leads with its later facts (the English patterns'
// word boundaries keep theirs from leading).
func TestS30ThenLeadsSameHits(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ref := speedPair(t, j, func(ref *Pack) { ref.noThenLead = true })
		leads := 0
		for _, c := range p.Composites {
			if c.thenLeads {
				leads++
			}
			if c.ID == "THREAT.s29-parts-zh" && !c.thenLeads {
				t.Fatalf("%s: %s does not lead with its later facts", j, c.ID)
			}
		}
		if j == CN && leads < 20 {
			t.Fatalf("%s: only %d composites lead with their later facts", j, leads)
		}
		hits := 0
		for _, text := range s30Texts(t, j) {
			for _, h := range sameHits(t, j, p, ref, text, "later facts first", "first facts first") {
				if strings.HasPrefix(h.rule, "THREAT.s29-") {
					hits++
				}
			}
		}
		if hits == 0 {
			t.Fatalf("%s: no hit of a session-29 threat composite: the texts test nothing", j)
		}
		t.Logf("%s: %d composites lead with their later facts, %d session-29 threat hits", j, leads, hits)
	}
}

// gatedS29 is gated as session 29 wrote it: the gate's exceptions searched over the whole text and
// every phrase of the gate tested against them.
func gatedS29(st *scanState, c *Composite, firsts []match) []match {
	lastSent := 0
	for _, f := range firsts {
		lastSent = max(lastSent, f.sent)
	}
	until := st.byteOf(st.sents[min(lastSent, len(st.sents)-1)].end)
	var except [][2]int
	if c.GateExcept != nil {
		except = st.exceptSpans(c.GateExcept)
	}
	var gates [][2]int
	for mi := range c.Gate.matchers {
		m := &c.Gate.matchers[mi]
		if !st.runs(m) {
			continue
		}
		for _, loc := range st.within(m, 0, until) {
			s, e := int(st.offs[loc[0]]), int(st.offs[loc[1]])
			if overlapsAny(except, s, e) {
				continue
			}
			if si, ok := st.sentenceOf(s, e); ok {
				gates = append(gates, [2]int{si, s})
			}
		}
	}
	return slices.DeleteFunc(firsts, func(f match) bool {
		return !slices.ContainsFunc(gates, func(g [2]int) bool {
			return g[0] < f.sent && f.sent-g[0] <= c.GateSentences || g[0] == f.sent && g[1] < f.ns
		})
	})
}

// TestS30GatedSameAsS29: gated (session 30, speed: the gate's exceptions searched only when a
// phrase of the gate would admit a first fact, and only up to the last such phrase) keeps the same
// first facts as session 29's gated, for every gated composite of both packs on every text of
// s30Texts, from the first facts found over the whole text.
func TestS30GatedSameAsS29(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		compared, kept := 0, 0
		for _, text := range s30Texts(t, j) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			if st.lits == nil {
				continue
			}
			for ci := range p.Composites {
				c := &p.Composites[ci]
				if c.Gate == nil || c.First == nil {
					continue
				}
				var firsts []match
				for mi := range c.First.matchers {
					m := &c.First.matchers[mi]
					if !st.runs(m) {
						continue
					}
					for _, loc := range st.within(m, 0, len(st.t)) {
						s, e := int(st.offs[loc[0]]), int(st.offs[loc[1]])
						if si, ok := st.sentenceOf(s, e); ok {
							firsts = append(firsts, st.hit(s, e, si, m.lang, c.Weight, false))
						}
					}
				}
				if len(firsts) == 0 {
					continue
				}
				got := st.gated(c, slices.Clone(firsts))
				want := gatedS29(st, c, slices.Clone(firsts))
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s %.80q: %s gated keeps %d first facts, session 29's %d", j, text, c.ID, len(got), len(want))
				}
				compared++
				kept += len(got)
			}
		}
		if compared < 100 || kept == 0 {
			t.Fatalf("%s: %d comparisons, %d first facts kept: too few to tell", j, compared, kept)
		}
		t.Logf("%s: %d gated comparisons, %d first facts kept", j, compared, kept)
	}
}
