package rules

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// s29SpeedCases are texts whose composite first facts stand where no later fact is within reach,
// or just within it, in both languages: the first facts before, inside and after the later
// facts' clauses, one and several sentences apart, in texts of more than 64 clauses too.
var s29SpeedCases = map[Jurisdiction][]string{
	CN: {
		"他们说你孩子上学路上小心点。后来他们又说了一遍。",
		"你孩子上学路上小心点，他们说。他们说你孩子出事别怪我们。",
		"催收说我欠钱不还。第二天他们又打给我妈，说要上门。他们说你家孩子放学可得小心。",
		strings.Repeat("他们说了很多，", 70) + "他们说你孩子上学路上小心点。",
		strings.Repeat("他们说你孩子上学路上小心点。", 3) + strings.Repeat("我说好的，", 70),
	},
	US: {
		"The collector said my son walks home alone and anything can happen. I said stop calling.",
		"Anything can happen, he said. He said my son walks home alone.",
		"He said nothing. Later she said your wife drives the car on that dark road, accidents happen.",
		strings.Repeat("they said a lot, ", 70) + "he said my son walks home alone and anything can happen.",
		strings.Repeat("He said your kids walk home alone, anything can happen. ", 3) + strings.Repeat("I said fine, ", 70),
	},
}

// TestS29FirstFactsWithinReach: a composite's first facts are searched only in the clauses from
// which a later fact's candidate clause is within reach (session 29, speed, reach.go); every hit
// of matchText and matchFactors — composites' and all others, dismissed ones included, every
// field — is the same as with the first facts searched in every clause, on every train text of
// both packs and the cases above.
func TestS29FirstFactsWithinReach(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref.noFirstReach = true
		composite := map[string]bool{}
		for _, c := range p.Composites {
			composite[c.ID] = true
		}
		hits, comps := 0, 0
		for _, text := range append(s25Texts(t, j), s29SpeedCases[j]...) {
			p.lastPrepared.Store(nil)
			ref.lastPrepared.Store(nil)
			for _, factors := range []bool{false, true} {
				var got, want []match
				if factors {
					got, want = p.matchFactors(text), ref.matchFactors(text)
				} else {
					got, want = p.matchText(text), ref.matchText(text)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s %.80q factors=%v: hits differ from the search of every clause:\n%+v\n%+v", j, text, factors, got, want)
				}
				hits += len(got)
				comps += len(slices.DeleteFunc(slices.Clone(got), func(h match) bool { return !composite[h.rule] }))
			}
		}
		if comps < 50 {
			t.Fatalf("%s: only %d composite hits compared", j, comps)
		}
		t.Logf("%s: %d hits (%d of composites), all the same", j, hits, comps)
	}
}
