package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// progFindAll is FindAllStringSubmatchIndex on t[lo:hi] (offsets in t) with pm run at every
// position: the leftmost start first, empty matches as package regexp treats them.
func progFindAll(t *testing.T, pm *progMatcher, s string, lo, hi int, sub bool) [][]int {
	t.Helper()
	var out [][]int
	prevEnd := -1
	for pos := lo; pos <= hi; {
		var m []int
		for at := pos; at <= hi; {
			loc, done := pm.match(s, lo, at, hi, sub)
			if !done {
				t.Fatalf("%s: over budget at %d in %q", pm.prog, at, s[lo:hi])
			}
			if loc != nil {
				m = loc
				break
			}
			if at == hi {
				break
			}
			_, w := utf8.DecodeRuneInString(s[at:hi])
			at += w
		}
		if m == nil {
			break
		}
		accept := true
		if m[1] == m[0] {
			if m[0] == prevEnd {
				accept = false
			}
			if m[1] < hi {
				_, w := utf8.DecodeRuneInString(s[m[1]:hi])
				pos = m[1] + w
			} else {
				pos = hi + 1
			}
		} else {
			pos = m[1]
		}
		prevEnd = m[1]
		if accept {
			out = append(out, m)
		}
	}
	return out
}

// regexpFindAll is re's FindAllStringSubmatchIndex (or FindAllStringIndex) on t[lo:hi], in t.
func regexpFindAll(re *regexp.Regexp, s string, lo, hi int, sub bool) [][]int {
	var ms [][]int
	if sub {
		ms = re.FindAllStringSubmatchIndex(s[lo:hi], -1)
	} else {
		ms = re.FindAllStringIndex(s[lo:hi], -1)
	}
	for _, m := range ms {
		for i := range m {
			if m[i] >= 0 {
				m[i] += lo
			}
		}
	}
	return ms
}

// TestProgMatcherSemantics: the depth-first run finds what package regexp finds, submatches
// included, where the preference between branches, greedy and lazy repeats, assertions, case
// folding, empty matches and long alternations (tables by first rune) decide the match.
func TestProgMatcherSemantics(t *testing.T) {
	var long []string
	for _, w := range []string{"外婆家", "外婆", "外公", "老婆", "领导", "前领导", "同事", "同学", "辅导员", "老板", "家人", "妈妈", "妈", "爸"} {
		long = append(long, w, `\p{Han}{0,2}?`+w+"们")
	}
	class := "(?:" + strings.Join(long, "|") + ")"
	for _, c := range []struct {
		expr  string
		texts []string
	}{
		{`a|ab`, []string{"ab", "aab", "b"}},
		{`(a|ab)(c|bcd)(d*)`, []string{"abcd", "abcdd", "acd"}},
		{`x*`, []string{"", "axxb", "xx", "ab"}},
		{`(a*?)(a*)b`, []string{"aaab", "b", "ba"}},
		{`\bcall\w*\s+(me\s+)?every\s+day\b`, []string{"call me every day", "recall me every day", "calls every day!", "callevery day"}},
		{`(?i)\b(three|four) (calls|times) a day`, []string{"THREE calls a day", "Four Times a day", "xfour times a day"}},
		{`^ab|b$`, []string{"ab", "bab", "abb"}},
		{`(?:打给|联系)(?:了)?(?:我的?)?` + class + `(?:(?:、|和|还有)+(?:我的)?` + class + `)*`,
			[]string{"他们打给我外婆家和老婆还有领导", "联系了我的前领导、辅导员们，联系我同学们", "打给我妈妈妈", "打给张三的同事们和老板"}},
		{class + `(?:[^，。]{0,6}?)(?:被|都)(?:骚扰|打爆)`, []string{"外婆被骚扰，我同事们都被打爆了", "前领导都打爆"}},
		{`(` + class + `)(的)?(电话)?`, []string{"外婆的电话和老板", "我爸的"}},
	} {
		re := regexp.MustCompile(c.expr)
		pm := newProgMatcher(c.expr)
		if pm == nil {
			t.Fatalf("%s: no program", c.expr)
		}
		for _, text := range c.texts {
			for _, sub := range []bool{false, true} {
				got, want := progFindAll(t, pm, text, 0, len(text), sub), regexpFindAll(re, text, 0, len(text), sub)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s in %q (sub %v): %v, regexp %v", c.expr, text, sub, got, want)
				}
			}
		}
	}
	// the class's alternations got tables: that is what the test exercises
	tables := 0
	for _, a := range newProgMatcher(class).alts {
		if a.disp != nil {
			tables++
		}
	}
	if tables == 0 {
		t.Error("no alternation of the class got a table by first rune")
	}
}

// packMatchers are every phrase matcher of a pack.
func packMatchers(p *Pack) []*phraseMatcher {
	var ms []*phraseMatcher
	for _, g := range p.phraseGroups() {
		if g != nil {
			for i := range g.matchers {
				ms = append(ms, &g.matchers[i])
			}
		}
	}
	return ms
}

// TestProgMatcherSameAsRegexp: every pattern of both packs, run depth first from every position
// of a clause, finds the same spans as its regular expression searching the clause, on crafted
// texts (every clause) and on every labelled narrative (the clauses that hold its literals: in the
// others it never runs, and TestPrefilterSameAsLegacy covers that choice).
func TestProgMatcherSameAsRegexp(t *testing.T) {
	crafted := map[Jurisdiction][]string{
		CN: {
			"他们打给我爸妈、老婆还有领导，又打给我同学。催收催收催到我外婆家了",
			"联系了我的父母和我的领导，联系我姐姐。联系，我的家人",
			"打打打给给我妈妈妈，我的前领导辅导员都被打爆了，爆了我的通讯录",
			"现在的领导和以前的同事都被打爆了，几个朋友被骚扰，几个几个同学，爆了我所有的家人和公司的老板",
			"给我老婆打电话，向我单位领导发短信，我同事也被骚扰了，亲戚的电话都被打了一遍",
			benchNarratives[CN],
		},
		US: {
			"They called my mom, then called my boss and my wife. Recalled my mother; call my dad.",
			"They didn't send me a validation notice, no validation notice, not my debt not my debt.",
			"said i would be arrested, said that i would be jailed. they told him i don't pay",
			"they call 4 times a day, calling me every day, texts me multiple times a day",
			benchNarratives[US],
		},
	}
	sets := map[Jurisdiction][]string{CN: {"zh-real", "zh-written", "zh-written-train"}, US: {"cfpb", "en-written", "en-written-train"}}
	for j, names := range sets {
		doc, _ := BuiltinDocument(j)
		p, err := Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		ms := packMatchers(p)
		pms := make([]*progMatcher, len(ms))
		for i, m := range ms {
			if pms[i] = newProgMatcher(m.re.String()); pms[i] == nil {
				t.Fatalf("%s: no program", m.pattern)
			}
		}
		var texts []string
		for _, name := range names {
			for _, l := range equivalenceSet(t, name) {
				texts = append(texts, l.Text)
			}
		}
		found, runs := 0, 0
		check := func(i int, st *scanState, bs, be int) {
			runs++
			got, want := progFindAll(t, pms[i], st.t, bs, be, false), regexpFindAll(ms[i].re.get(), st.t, bs, be, false)
			found += len(want)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s in %q: %v, regexp %v", ms[i].pattern, st.t[bs:be], got, want)
			}
		}
		for k, text := range append(crafted[j], texts...) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			for i, m := range ms {
				if k < len(crafted[j]) {
					check(i, st, 0, len(st.t))
					for _, c := range st.clauses {
						check(i, st, c[0], c[1])
					}
					continue
				}
				set, ok := st.lits.candidates(m, st.all, st.candBuf())
				if !ok {
					continue
				}
				for ci, c := range st.clauses {
					if set[ci/64]&(1<<(ci%64)) != 0 {
						check(i, st, c[0], c[1])
					}
				}
			}
		}
		if found < 1000 {
			t.Fatalf("%s: %d runs found %d matches: the texts do not exercise the patterns", j, runs, found)
		}
	}
}

// TestJudgeConcurrent judges from many goroutines at once with one pack (run with -race): the
// depth-first matchers' state is per run, the compiled forms built once.
func TestJudgeConcurrent(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, j := range []Jurisdiction{CN, US} {
		doc, _ := BuiltinDocument(j)
		p, err := Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{benchNarratives[j]}
		name := map[Jurisdiction]string{CN: "zh-written", US: "en-written"}[j]
		for _, l := range labelledSet(t, name)[:20] {
			texts = append(texts, l.Text)
		}
		ref, _ := Parse(doc)
		want := make([]string, len(texts))
		for i, text := range texts {
			a := ref.Judge(Facts{Narrative: text}, "", now)
			want[i] = fmt.Sprint(a.Violations, a.Dismissed, a.Severity)
		}
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range 3 * len(texts) {
					i := (g + k) % len(texts)
					a := p.Judge(Facts{Narrative: texts[i]}, "", now)
					if got := fmt.Sprint(a.Violations, a.Dismissed, a.Severity); got != want[i] {
						t.Errorf("%s text %d judged concurrently:\n%s\nalone:\n%s", j, i, got, want[i])
						return
					}
				}
			}()
		}
		wg.Wait()
	}
}
