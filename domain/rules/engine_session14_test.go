package rules

import (
	"fmt"
	"regexp"
	"regexp/syntax"
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
