package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestSession14SlowFormsOnFallback: the regexp forms of an anchored pattern compile only when the
// depth-first run gives up (session 14), and then find what the depth-first run finds, with and
// without assertions, submatches included.
func TestSession14SlowFormsOnFallback(t *testing.T) {
	for _, c := range []struct{ pat, text string }{
		{`(联系|打给)(了)?(我的?)?(妈妈|爸爸|领导)`, "他们打给了我的妈妈，联系我爸爸和领导"},
		{`\b(call(ed|s)?) (my|his) (mom|boss)\b`, "recalled my mom, then they called my boss and calls his mom"},
		{`(i|we) (have |had |)(called|paid)`, "we had called them, i paid"},
	} {
		re := regexp.MustCompile(c.pat)
		tree, err := syntax.Parse(c.pat, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		fast, slow := newAnchoredRE(re, tree), newAnchoredRE(re, tree)
		for s := 0; s <= len(c.text); s++ {
			if s < len(c.text) && !utf8.RuneStart(c.text[s]) {
				continue
			}
			for _, sub := range []bool{false, true} {
				want := fast.at(c.text, 0, s, len(c.text), sub)
				slow.compile()
				slow.prog.steps = 0 // every run exceeds its budget: the regexp forms answer
				got := slow.at(c.text, 0, s, len(c.text), sub)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("%s at %d of %q: fallback %v, depth first %v", c.pat, s, c.text, got, want)
				}
			}
		}
		if fast.anchored != nil || fast.withPrev != nil {
			t.Fatalf("%s: regexp forms compiled without a fallback", c.pat)
		}
		if slow.anchored == nil || (slow.withPrev != nil) != hasAssertion(tree) {
			t.Fatalf("%s: regexp forms not compiled on fallback", c.pat)
		}
	}
}

// TestSession14GateKeepsEveryMatch: the gate of a (Chinese) lead pattern (its other required literals must
// lie after a start, within the pattern's width and the clause) never drops a start from which
// the pattern matches. Every lead pattern of both packs is run from every rune of every clause
// where the prefilter lets it run, in the labelled train narratives, and every start it matches
// from must survive the gate; the matches found with and without the gate are the same.
func TestSession14GateKeepsEveryMatch(t *testing.T) {
	for j, sets := range map[Jurisdiction][]string{CN: {"zh-real", "zh-written"}, US: {"en-written", "cfpb"}} {
		p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.lead != nil && len(m.lead.gates) > 0 })
		kept, dropped, texts := 0, 0, 0
		for _, name := range sets {
			for i, l := range labelledSet(t, name) {
				if l.Split != "train" || testing.Short() && i%5 != 0 {
					continue
				}
				texts++
				p.lastPrepared.Store(nil)
				st := p.prepare(l.Text)
				for _, m := range ms {
					set, ok := st.lits.candidates(m, st.all, st.candBuf())
					if !ok {
						continue
					}
					set = slices.Clone(set)
					for ci, c := range st.clauses {
						if set[ci/64]&(1<<(ci%64)) == 0 {
							continue
						}
						var all []int
						for s := c[0]; s < c[1]; s += utf8.RuneLen(st.rs[st.offs[s]]) {
							all = append(all, s)
						}
						gated := st.gateStarts(m.lead, slices.Clone(all), c[1])
						for _, s := range all {
							if m.lead.atIn(st.t, st.tab, c[0], s, c[1], false) == nil {
								continue
							}
							if !slices.Contains(gated, s) {
								t.Fatalf("%s: gate drops a match of %s at %d in %q", l.ID, m.pattern, s, st.t[c[0]:c[1]])
							}
						}
						kept += len(gated)
						dropped += len(all) - len(gated)
						p.noGate = true
						want := fmt.Sprint(st.leadMatches(m, c[0], c[1]))
						p.noGate = false
						if got := fmt.Sprint(st.leadMatches(m, c[0], c[1])); got != want {
							t.Fatalf("%s: %s in %q: gated %v, ungated %v", l.ID, m.pattern, st.t[c[0]:c[1]], got, want)
						}
					}
				}
			}
		}
		t.Logf("%s: %d texts, %d lead patterns with gates; starts kept %d, dropped %d", j, texts, len(ms), kept, dropped)
		if j == CN && dropped == 0 {
			t.Fatalf("%s: the gate dropped nothing", j)
		}
	}
}
