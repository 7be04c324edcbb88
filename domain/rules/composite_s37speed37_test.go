package rules

import (
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

// TestS37ClassAlternationRequiresLiterals: a pattern made of a large class's phrases has a prefilter
// requirement (session 37, speed37). THREAT.s36-parts-en's first later pattern,
// ({VITRIOL_EN}|…|{SEND_EN}), 181 phrases, had none: a concatenation's part whose literal set scored
// below -1 (45 phrases of {DEATH_EN} whose shortest literal has 4 bytes) lost to no requirement, so
// the pattern ran on every clause of every English narrative and the composite was searched on all.
func TestS37ClassAlternationRequiresLiterals(t *testing.T) {
	p := mustPack(t, US)
	var c *Composite
	for i := range p.Composites {
		if p.Composites[i].ID == "THREAT.s36-parts-en" {
			c = &p.Composites[i]
		}
	}
	if c == nil {
		t.Fatal("THREAT.s36-parts-en not in the US pack")
	}
	for mi := range c.Then.matchers {
		if m := &c.Then.matchers[mi]; len(m.need) == 0 {
			t.Errorf("later pattern %d %.60q needs no literal: it runs on every clause", mi, m.pattern)
		}
	}
	// a class of 45 phrases inside word boundaries, as classes are expanded
	var ph []string
	for i := range 45 {
		ph = append(ph, string(rune('a'+i%26))+strings.Repeat(string(rune('a'+i/26)), 3)+" "+string(rune('z'-i%26))+"ly")
	}
	lits := literalSet(mustSimplify(t, `\b(?:`+strings.Join(ph, "|")+`)\b`))
	if len(lits) == 0 {
		t.Fatal("a concatenation holding a 45-phrase alternation requires no literal")
	}
	// a part of single bytes (blanks, quotes) found everywhere stays no better than no requirement
	if l := literalSet(mustSimplify(t, `x*[\t\n\f\r ]y*`)); l != nil {
		t.Fatalf("a blank required: %q", l)
	}
}

// TestS37GateFirst: a composite with a gate is not searched when none of the gate's patterns has
// its literals in the text (session 37, speed37), and the scans find the same as when it was: on
// every text of s30Texts and the texts below, in both packs, with and without noGateFirst.
func TestS37GateFirst(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ref := speedPair(t, j, func(ref *Pack) { ref.noGateFirst = true })
		var seen, refSeen []string
		p.searchedHook = func(c *Composite) { seen = append(seen, c.ID) }
		ref.searchedHook = func(c *Composite) { refSeen = append(refSeen, c.ID) }
		texts := s30Texts(t, j)
		// a later fact of THREAT.s36-parts-en (would not survive), no collector's side speaking
		probe := "My old car would not survive another winter on these roads, and my kids walk home alone."
		if j == US {
			texts = append(texts, probe)
		}
		skipped := 0
		for _, text := range texts {
			seen, refSeen = seen[:0], refSeen[:0]
			sameHits(t, j, p, ref, text, "gate first", "gate after the first facts")
			for _, id := range seen {
				if !slices.Contains(refSeen, id) {
					t.Fatalf("%s %.60q: %s searched with the gate first only", j, text, id)
				}
			}
			skipped += len(refSeen) - len(seen)
			if text == probe {
				const want = "THREAT.s36-parts-en"
				if !slices.Contains(refSeen, want) {
					t.Fatalf("%s: the probe text does not reach %s's facts without the gate test", j, want)
				}
				if slices.Contains(seen, want) {
					t.Errorf("%s: %s searched on %q, which no gate phrase of it can match", j, want, text)
				}
			}
		}
		if skipped == 0 {
			t.Errorf("%s: the gate test passed over no composite", j)
		}
		t.Logf("%s: %d texts, %d composite searches passed over", j, len(texts), skipped)
	}
}

func mustSimplify(t *testing.T, expr string) *syntax.Regexp {
	t.Helper()
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	return re.Simplify()
}
