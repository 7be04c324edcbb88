package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLeadOf(t *testing.T) {
	for _, c := range []struct {
		expr string
		lead string // literal:back, sorted
		ok   bool
	}{
		{`(?:联系|打给)(?:了)?我`, "打给:0 联系:0", true},
		{`(?:了)?催`, "催:1", true},
		// each literal keeps its own runes before: only the "~" member's occurrences need them
		{`\p{Han}{0,2}?外婆|家人`, "外婆:2 家人:0", true},
		// an optional attribute of longer strings leads the matches it begins
		{`(?:现在的|几个)?(?:\p{Han}{0,2}?外婆|家人)`, "几个:0 外婆:2 家人:0 现在的:0", true},
		{`(?:催|找)(?:了)?(?:现在的)?(?:我的)?家人`, "催:0 找:0", true},
		{`(?:了)?(?:现在的)?家人`, "家人:1 现在的:1", true},
		{`\bcall[\p{L}'’-]*\s+my\b`, "call:0", true},
		{`.*催`, "", false},
		{`(?:了)?`, "", false},
		{`(?:现在的)?`, "", false},
	} {
		tr, err := syntax.Parse(c.expr, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		lits, ok := leadOf(tr.Simplify())
		var got []string
		for _, l := range lits {
			got = append(got, fmt.Sprintf("%s:%d", l.s, l.back))
		}
		slices.Sort(got)
		if ok != c.ok || ok && strings.Join(got, " ") != c.lead {
			t.Errorf("%s: lead %v ok %v, want %q %v", c.expr, got, ok, c.lead, c.ok)
		}
	}
	// ^ anchors at the clause, which an anchored run sees as its whole input (session 18: such a
	// pattern runs from its lead); a multi-line ^ also holds after a line break inside a clause,
	// and such a pattern searches whole clauses
	if _, _, _, ok := newLeadMatcher(regexp.MustCompile(`^催收`)); !ok {
		t.Error("^催收 got no lead")
	}
	if _, _, _, ok := newLeadMatcher(regexp.MustCompile(`(?m)^催收`)); ok {
		t.Error("(?m)^催收 got a lead")
	}
	// a literal leading several branches keeps the most runes before it
	_, lits, backs, _ := newLeadMatcher(regexp.MustCompile(`家人|\p{Han}?家人|外婆`))
	if fmt.Sprint(lits, backs) != "[外婆 家人] [0 1]" {
		t.Errorf("lead %v backs %v", lits, backs)
	}
}

// TestLeadMatchesSameAsRegexp: a pattern run only at its lead finds the same spans as the
// regular expression searching the clause, on crafted texts (adjacent words, lists, several
// occurrences, clause breaks, a lead inside a word) and on labelled narratives, from a clause's
// start and from within it (as composites search after their first fact).
func TestLeadMatchesSameAsRegexp(t *testing.T) {
	texts := map[Jurisdiction][]string{
		CN: {
			"他们打给我爸妈、老婆还有领导，又打给我同学。催收催收催到我外婆家了",
			"联系了我的父母和我的领导，联系我姐姐。联系，我的家人",
			"打打打给给我妈妈妈，我的前领导辅导员都被打爆了",
			// class attributes lead their matches: "现在的领导", "几个朋友", "所有的家人"
			"现在的领导和以前的同事都被打爆了，几个朋友被骚扰，几个几个同学，爆了我所有的家人和公司的老板",
			"call my mom and my boss, they called my mother every day.",
		},
		US: {
			"They called my mom, then called my boss and my wife. Recalled my mother; call my dad.",
			"They didn't send me a validation notice, no validation notice, not my debt not my debt.",
			"said i would be arrested, said that i would be jailed. they told him i don't pay",
			"打给我爸妈、老婆还有领导 then they contacted my sister",
		},
	}
	for j, name := range map[Jurisdiction]string{CN: "zh-real", US: "cfpb"} {
		set := labelledSet(t, name)
		for _, l := range set[:min(len(set), 30)] {
			texts[j] = append(texts[j], l.Text)
		}
	}
	for j, list := range texts {
		doc, _ := BuiltinDocument(j)
		p, err := Parse(doc)
		if err != nil {
			t.Fatal(err)
		}
		var ms []*phraseMatcher
		for _, vr := range p.Violations {
			for gi := range vr.Phrases {
				for mi := range vr.Phrases[gi].matchers {
					ms = append(ms, &vr.Phrases[gi].matchers[mi])
				}
			}
		}
		var except []*phraseMatcher
		for _, vr := range p.Violations {
			if vr.Except != nil {
				for mi := range vr.Except.matchers {
					except = append(except, &vr.Except.matchers[mi])
				}
			}
		}
		ms = append(ms, except...)
		for i := range p.Composites {
			for mi := range p.Composites[i].Then.matchers {
				ms = append(ms, &p.Composites[i].Then.matchers[mi])
			}
		}
		leads, found := 0, 0
		for _, text := range list {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			for _, m := range ms {
				if m.lead == nil {
					continue
				}
				leads++
				// exceptions search the whole text
				if slices.Contains(except, m) {
					want := m.re.FindAllStringIndex(st.t, -1)
					if got := st.leadMatches(m, 0, len(st.t)); fmt.Sprint(got) != fmt.Sprint(want) {
						t.Fatalf("except %s in %q: lead %v, regexp %v", m.pattern, st.t, got, want)
					}
				}
				for _, c := range st.clauses {
					for _, bs := range []int{c[0], c[0] + len(string([]rune(st.t[c[0]:c[1]])[:utf8.RuneCountInString(st.t[c[0]:c[1]])/2]))} {
						var want [][]int
						for _, loc := range m.re.FindAllStringIndex(st.t[bs:c[1]], -1) {
							want = append(want, []int{bs + loc[0], bs + loc[1]})
						}
						got := st.leadMatches(m, bs, c[1])
						found += len(got)
						if fmt.Sprint(got) != fmt.Sprint(want) {
							t.Fatalf("%s in %q: lead %v, regexp %v", m.pattern, st.t[bs:c[1]], got, want)
						}
					}
				}
			}
		}
		if leads == 0 || found == 0 {
			t.Fatalf("%s: %d lead patterns found %d matches", j, leads, found)
		}
	}
}

// TestFirstRuneSearchSameAsRegexp: the time and count parsers tried only where a match can start
// find the same submatches as their regular expressions, on crafted sentences and labelled texts.
func TestFirstRuneSearchSameAsRegexp(t *testing.T) {
	texts := []string{
		"晚上11:30还在打电话，一天打了三十多个电话，凌晨四点多又打，三天两百多条短信",
		"晚上十点到十二点一直打，早上6、7点就打，半夜12点，23点，22:45，都快十二点了还在打",
		"一天30多个，每天打二三十个，一晚上十几次，半小时打了5次，11.30元",
		"they call 4 times a day, sometimes after 9 pm, 57 times in a 2 week period, 15 calls in three days",
		"calling me every two hours, 11 times yesterday, at 7:30 a.m. and 10 o'clock at night, 12pm",
		"x4 times a day; 2times a day", "",
		// starts whose runes lead to a separator only through spaces, ranges and period words
		"还不到7点就打，过了 十一 点 半还在打，晚上十点至十二 : 30，一点到三点之间打了十几个，三天两百多条，7。30",
		"at 11 pm, 11pm, 9:30 in the morning, 9 ok pm, 30 times, in 2 weeks",
	}
	for _, name := range []string{"zh-real", "cfpb", "zh-written", "en-written"} {
		set := labelledSet(t, name)
		for _, l := range set[:min(len(set), 60)] {
			texts = append(texts, strings.ToLower(l.Text))
		}
	}
	searches := map[string]*firstRuneSearch{"zhTime": zhTimeSearch, "enTime": enTimeSearch, "zhCount": zhCountSearch,
		"enCount": enCountSearch, "enCountDay": enCountDaySearch, "enCountSpan": enCountSpanSearch, "enEvery": enEverySearch}
	found := 0
	for name, s := range searches {
		if s.first == nil {
			t.Errorf("%s: no first runes, searched as before", name)
		}
		if s.need == nil {
			t.Errorf("%s: no required part, tried at every first rune", name)
		}
		for _, text := range texts {
			got, want := s.FindAllStringSubmatchIndex(text), s.re.FindAllStringSubmatchIndex(text, -1)
			found += len(got)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s in %q: %v, regexp %v", name, text, got, want)
			}
		}
	}
	if found < 20 {
		t.Fatalf("only %d matches: the texts do not exercise the parsers", found)
	}
}

// labelledSet reads a committed labelled set by name ("zh-real").
// equivalenceStride is how many texts of a labelled set the equivalence tests step over for each
// one they read. Those tests judge an optimisation against the path it replaced on every text they
// read, twice or more, and took most of this package's time in CI (at load 15:
// TestProgMatcherSameAsRegexp 346 s, the s24Texts family 100–210 s each): the bulk train sets
// (*-written-train, thousands of short texts written while studying train errors) are read one text
// in four, the real sets (long narratives) one in two, by a fixed stride that keeps every batch's
// kinds of text; the written sets whole.
func equivalenceStride(name string) int {
	switch {
	case strings.HasSuffix(name, "-written-train"):
		return 4
	case name == "zh-real" || name == "cfpb":
		return 2
	}
	return 1
}

// equivalenceSet is labelledSet for the equivalence tests, read by equivalenceStride.
func equivalenceSet(t *testing.T, name string) []Labelled {
	t.Helper()
	set := labelledSet(t, name)
	var out []Labelled
	for i := 0; i < len(set); i += equivalenceStride(name) {
		out = append(out, set[i])
	}
	return out
}

func labelledSet(t *testing.T, name string) []Labelled {
	t.Helper()
	f, err := os.Open(filepath.Join(labelDir, name+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set, err := ReadLabelled(f)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestInRangesMerged: the times and counts parser's first-rune ranges, sorted and joined, hold
// exactly the runes the ranges as written hold.
func TestInRangesMerged(t *testing.T) {
	raw := []rune{'5', '9', '0', '3', '4', '4', '零', '零', '一', '一', '十', '十', 'a', 'c', 'b', 'f', 0x4e00, 0x4e00}
	merged := mergeRanges(raw)
	for i := 2; i+1 < len(merged); i += 2 {
		if merged[i] <= merged[i-1]+1 {
			t.Fatalf("ranges %q not disjoint and sorted", merged)
		}
	}
	for r := rune(0); r < 0x5000; r++ {
		want := false
		for i := 0; i+1 < len(raw); i += 2 {
			want = want || raw[i] <= r && r <= raw[i+1]
		}
		if got := inRanges(merged, r); got != want {
			t.Fatalf("%q: inRanges %v, want %v", r, got, want)
		}
	}
}
