package rules

import (
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// s31Texts are s30Texts and texts of one sentence or clause run long: a short sentence repeated
// without a full stop, a text with its sentence ends or its commas taken out, a text repeated
// after itself — where the composites' first facts are many and their later patterns search the
// same end (thenWithin), a sentence holds hundreds of hits (keepStrongestCovered) and a clause is
// longer than clauseAt walks.
func s31Texts(t *testing.T, j Jurisdiction) []string {
	return append(s30Texts(t, j), s31Long(s30Texts(t, j), j)...)
}

// s31Long are s31Texts' long ones, made of base's.
func s31Long(base []string, j Jurisdiction) []string {
	var texts []string
	zh := []string{
		"他们把我的逾期情况告诉了我丈母娘",
		"催收天天打电话给我妈说我欠钱不还",
		"他们说要去我单位找我领导让我小心点",
		"你儿子放学路上会不会出点什么意外",
		"我跟催收说我儿子的事让他自己处理",
	}
	en := []string{
		"They told my mother-in-law about my debt ",
		"the collector calls my mom every day and says I owe them ",
		"He said your son might not come home some night ",
		"I told the collector my son handles his own affairs ",
	}
	src := zh
	if j == US {
		src = en
	}
	for _, s := range src {
		texts = append(texts, strings.Repeat(s, 40), strings.Repeat(s+"，", 30), strings.Repeat(s, 20)+"。"+strings.Repeat(s, 20))
	}
	for i := 0; i < len(base); i += 23 {
		x := base[i]
		texts = append(texts,
			strings.NewReplacer("。", "", "！", "", "？", "", ". ", " ").Replace(x),
			strings.NewReplacer("，", "", ",", "", "；", "").Replace(x),
			x+x+x)
	}
	return texts
}

// TestS31ThenMemoSameHits: a composite's later pattern searched once per end (thenWithin, session
// 31) joins what it joined when searched again from every first fact — the text scan's and the
// factor scan's hits are the same with and without noThenMemo on every text of s31Texts, in both
// packs; and the texts make thenWithin answer from an earlier empty search.
func TestS31ThenMemoSameHits(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ref := speedPair(t, j, func(ref *Pack) { ref.noThenMemo = true })
		for _, text := range s31Texts(t, j) {
			sameHits(t, j, p, ref, text, "the later patterns searched once per end", "searched from every first fact")
		}
	}
	// the path is taken: a composite's first facts repeated in one sentence, no later fact after them
	p, _ := session18Pack(t, CN, func(*phraseMatcher) bool { return false })
	st := p.prepare(strings.Repeat("他们把我的逾期情况告诉了我丈母娘", 50))
	var m *phraseMatcher
	for ci := range p.Composites {
		if c := &p.Composites[ci]; c.ID == "PRIVACY_DISCLOSURE.told-third-party" {
			m = &c.Then.matchers[0]
		}
	}
	if m == nil || m.lead == nil {
		t.Fatal("PRIVACY_DISCLOSURE.told-third-party's first later pattern has no lead: the test tests nothing")
	}
	e := emptySearch{to: -1}
	end := len(st.t)
	if locs := st.thenWithin(m, 3, end, &e); len(locs) != 0 || e != (emptySearch{3, end}) {
		t.Fatalf("first search: %v, memo %+v", locs, e)
	}
	for from := 6; from < end; from += 3 {
		if locs, want := st.thenWithin(m, from, end, &e), st.within(m, from, end); !reflect.DeepEqual(locs, want) || e.from != 3 {
			t.Fatalf("from %d: %v, within %v, memo %+v", from, locs, want, e)
		}
	}
}

// TestS31StrongestCoveredSame: strongest's selection by coverage keeps exactly the hits the
// comparison of every hit with every kept one keeps — on random hit lists (few kinds, spans that
// touch and nest, equal weights) and on the scans of s31Texts with and without noCover.
func TestS31StrongestCoveredSame(t *testing.T) {
	rng := rand.New(rand.NewSource(31))
	types := []string{"A", "B", "C"}
	for n := 0; n < 3000; n++ {
		hits := make([]match, 65+rng.Intn(200))
		for i := range hits {
			s := rng.Intn(300)
			h := &hits[i]
			h.ns, h.ne = s, s+1+rng.Intn(40)
			h.typ = domain.ViolationType(types[rng.Intn(len(types))])
			if rng.Intn(4) == 0 {
				h.negatedBy = "不"
			}
			if rng.Intn(5) == 0 {
				h.factor = "f"
			}
		}
		order := make([]int32, len(hits))
		for i := range order {
			order[i] = int32(rng.Intn(len(hits)))
		}
		slices.Sort(order)
		order = slices.Compact(order)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		want := keepStrongestLinear(hits, slices.Clone(order))
		if got := keepStrongestCovered(hits, slices.Clone(order)); !slices.Equal(got, want) {
			t.Fatalf("list %d: covered %v, linear %v", n, got, want)
		}
	}
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref.noCover = true
		many := 0 // texts with more hits than strongest compares one by one
		for _, text := range s31Long(s30Texts(t, j), j) {
			got, want := p.matchText(text), ref.matchText(text)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %.80q: kept by coverage\n%+v\none by one\n%+v", j, text, got, want)
			}
			if len(got) > strongestLinear {
				many++
			}
		}
		if j == CN && many == 0 {
			t.Fatalf("%s: no text with more than %d hits: the coverage path is not tested", j, strongestLinear)
		}
	}
}

// TestS31ClauseAtSame: clauseAt, which walks clauseWalk runes and then searches the clause marks,
// returns the clause the walk over all of it returns, for every rune of long texts with and
// without commas and sentence ends.
func TestS31ClauseAtSame(t *testing.T) {
	p, _ := session18Pack(t, CN, func(*phraseMatcher) bool { return false })
	for _, text := range []string{
		strings.Repeat("他们把我的逾期情况告诉了我丈母娘", 30),
		strings.Repeat("他们把我的逾期情况告诉了我丈母娘，", 30),
		strings.Repeat("他们把我的逾期情况告诉了我丈母娘", 12) + "；" + strings.Repeat("我不知道", 40) + "。" + strings.Repeat("天天打电话", 30) + "？",
		strings.Repeat("they told my mother in law ", 20) + ": " + strings.Repeat("every day ", 20) + "! and",
	} {
		st := p.prepare(text)
		for _, sp := range st.sents {
			for s := sp.start; s < sp.end; s++ {
				for _, e := range []int{s, min(s+3, sp.end)} {
					from, to := st.clauseAt(sp, s, e)
					wf, wt := s, e
					for wf > sp.start && !clauseBreak(st.rs[wf-1]) {
						wf--
					}
					for wt < sp.end && !clauseBreak(st.rs[wt]) && !sentenceEnd(st.rs[wt]) {
						wt++
					}
					if from != wf || to != wt {
						t.Fatalf("%.40q [%d,%d): clauseAt %d,%d, walk %d,%d", text, s, e, from, to, wf, wt)
					}
				}
			}
		}
	}
}
