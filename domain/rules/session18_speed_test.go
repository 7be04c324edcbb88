package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Session 18 (speed): the same judgements for less work. Each test holds one new fast path to the
// slow one it replaced, on every train narrative of the Chinese and English sets (TestJudgeGolden
// checks that no judgement moved).

var session18Sets = map[Jurisdiction][]string{CN: {"zh-real", "zh-written"}, US: {"cfpb", "en-written"}}

// session18Texts are the train narratives of j's labelled sets, with crafted ones first.
func session18Texts(t *testing.T, j Jurisdiction, crafted ...string) []string {
	t.Helper()
	texts := crafted
	for _, name := range session18Sets[j] {
		for _, l := range labelledSet(t, name) {
			if l.Split == "train" {
				texts = append(texts, l.Text)
			}
		}
	}
	return texts
}

// TestSession18AnchoredPatternsRunFromLeads: a pattern with ^ or $ ("(^|[^爆暴…])(我)?(填|…)…",
// "…公司([^老领…]|$)") now runs from its lead like any other (it searched whole clauses with Go's
// regexp before). An anchored run sees the clause as its whole input, so ^ holds only at the
// clause's start; the regexp forms it falls back to match ^ at nothing from a later start. Both give
// the clause-wide search's matches, in every clause, from a clause's middle (a composite's later
// fact), and over the whole text (exceptions).
func TestSession18AnchoredPatternsRunFromLeads(t *testing.T) {
	crafted := map[Jurisdiction][]string{
		CN: {"我填了我妈做紧急联系人，填写紧急联系人，我填的联系人是我朋友", "填了联系人。爆填联系人，留了我的同学作为紧急联系人",
			"逾期了两天，后来还清了。我之前逾期了，现在已经还上了", "他们联系公司，找了公司老板，问公司"},
		US: {"They called my mom.", "collector called me at work"},
	}
	total := 0
	for _, j := range []Jurisdiction{CN, US} {
		p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.anchored && m.lead != nil })
		total += len(ms)
		for _, text := range session18Texts(t, j, crafted[j]...) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			for _, m := range ms {
				if got, want := st.leadMatches(m, 0, len(st.t)), m.find(st.t, 0, len(st.t)); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%s over %q: lead %v, regexp %v", m.pattern, st.t, got, want)
				}
				for _, c := range st.clauses {
					want := m.find(st.t, c[0], c[1])
					if got := st.leadMatches(m, c[0], c[1]); fmt.Sprint(got) != fmt.Sprint(want) {
						t.Fatalf("%s in %q: lead %v, regexp %v", m.pattern, st.t[c[0]:c[1]], got, want)
					}
					if len(want) == 0 && !strings.Contains(st.t[c[0]:c[1]], "联系人") {
						continue
					}
					// from every start: the depth-first run and the regexp forms it falls back to
					for s := c[0]; s <= c[1]; {
						fast := m.lead.atIn(st.t, st.tab, c[0], s, c[1], true)
						slow := m.lead.slowAt(st.t, c[0], s, c[1], true)
						if fmt.Sprint(fast) != fmt.Sprint(slow) {
							t.Fatalf("%s in %q from %d: depth first %v, regexp forms %v", m.pattern, st.t[c[0]:c[1]], s-c[0], fast, slow)
						}
						if s == c[1] {
							break
						}
						_, w := utf8.DecodeRuneInString(st.t[s:])
						s += w
					}
				}
			}
		}
	}
	if total == 0 {
		t.Fatal("no pattern with ^ or $ runs from a lead")
	}
}

// TestSession18CompositeExceptionsFromLeads: a composite's exceptions run from their leads, as the
// violations' exceptions do, and find the same spans as the regexp's search of the whole text.
func TestSession18CompositeExceptionsFromLeads(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		var ms []*phraseMatcher
		for i := range p.Composites {
			if g := p.Composites[i].Except; g != nil {
				for mi := range g.matchers {
					if m := &g.matchers[mi]; m.lead != nil {
						ms = append(ms, m)
					}
				}
			}
		}
		if j == CN && len(ms) == 0 {
			t.Fatal("no composite exception with a lead")
		}
		found := 0
		for _, text := range session18Texts(t, j, "我想把钱都还了，希望一次性全部还清", "其他平台的欠款都已经还清了") {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			for _, m := range ms {
				got, want := st.leadMatches(m, 0, len(st.t)), m.find(st.t, 0, len(st.t))
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%s over %q: lead %v, regexp %v", m.pattern, st.t, got, want)
				}
				found += len(got)
			}
		}
		if j == CN && found == 0 {
			t.Fatal("the composites' exceptions matched nothing")
		}
	}
}

// TestSession18ListCommaAsRegexp: the list comma's test that a class member opens the next clause
// (clauses joined before the patterns run) gives the regexp's answer at every clause of every
// narrative, run by the depth-first matcher instead of Go's NFA.
func TestSession18ListCommaAsRegexp(t *testing.T) {
	p, _ := session18Pack(t, CN, func(*phraseMatcher) bool { return false })
	if p.listStartAt == nil {
		t.Fatal("the Chinese pack has no list classes")
	}
	yes := 0
	texts := session18Texts(t, CN, "打给我爸，我妈，我的领导，还有同事", "他的老师， 她的同学，学校老师，", "，，我，我的")
	for _, text := range texts {
		n := p.normalize(text)
		for _, c := range clauseSpans(n.text) {
			next := n.text[c[0]:]
			for _, s := range []string{next, n.text[c[0]:c[1]]} {
				want := p.listStart.MatchString(s)
				if got := p.listStartAt.at(s, 0, 0, len(s), false) != nil; got != want {
					t.Fatalf("member opens %q: %v, regexp %v", s, got, want)
				}
				if want {
					yes++
				}
			}
		}
	}
	if yes == 0 {
		t.Fatal("no clause opened with a member")
	}
}

// TestSession18NormCuesFoundOnce: whether a norm cue ("不得", "法律规定") lies in the clause before a
// hit or in the hit is read from the cues' places, found once per text; it answers as the search
// of the two strings did, for every span of every sentence.
func TestSession18NormCuesFoundOnce(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		for _, lang := range []string{"zh", "en"} {
			cues := p.Language[lang]
			if cues == nil || len(cues.Norm) == 0 {
				continue
			}
			seen := 0
			for _, text := range session18Texts(t, j, "催收员不得骚扰借款人，法律规定不允许，法律明确规定严禁", "a collector may not call you at work") {
				p.lastPrepared.Store(nil)
				st := p.prepare(text)
				for _, sp := range st.sents {
					for s := sp.start; s <= sp.end; s++ {
						for _, e := range []int{s, s + 1, s + 3, sp.end} {
							if e > sp.end {
								continue
							}
							before, phrase := st.t[st.bytePos[sp.start]:st.bytePos[s]], st.t[st.bytePos[s]:st.bytePos[e]]
							want := slices.ContainsFunc(cues.Norm, func(c string) bool { return strings.Contains(before, c) || strings.Contains(phrase, c) })
							if got := st.normCueNear(sp.start, s, e, lang); got != want {
								t.Fatalf("%s norm cue before %q or in %q: %v, search %v", lang, before, phrase, got, want)
							}
							if want {
								seen++
							}
						}
					}
				}
			}
			if seen == 0 {
				t.Fatalf("%s: no norm cue found", lang)
			}
		}
	}
}

// TestSession18TermFirstRuneSearch: a loan's term (期限7天, 借了两周) is read with the regular
// expression tried only where a match can start, and gives its first match on every sentence.
func TestSession18TermFirstRuneSearch(t *testing.T) {
	p, _ := session18Pack(t, CN, func(*phraseMatcher) bool { return false })
	a := p.Amounts
	if a == nil || a.term == nil || a.term.first == nil {
		t.Fatal("the Chinese pack's term is not searched from its first runes")
	}
	found := 0
	for _, text := range session18Texts(t, CN, "借3000，期限7天，到期要还3800", "借款期限是 14 天。为期一个月，借了两周，用了三个星期") {
		p.lastPrepared.Store(nil)
		st := p.prepare(text)
		for _, sp := range st.sents {
			sent := st.t[st.bytePos[sp.start]:st.bytePos[sp.end]]
			want := a.termRe.FindStringSubmatchIndex(sent)
			if got := a.term.FindStringSubmatchIndex(sent); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("term in %q: %v, regexp %v", sent, got, want)
			}
			if want != nil {
				found++
			}
		}
	}
	if found == 0 {
		t.Fatal("no term found")
	}
}
