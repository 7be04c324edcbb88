package rules

import (
	"slices"
	"testing"
)

// TestS29CompositeGates: the composites' loop (session 29, speed) reads only its scan's composites
// (compositesBy partitions the pack's, in order), passes over the patterns a gate rules out
// without calling runs (gatedOut), and leaves runs' candidates test to within (mayRun). On every
// train text of both packs, for every pattern of every composite's first and later facts:
// gatedOut implies that runs is false, and mayRun with within's matches is runs with them — no
// match of a pattern that runs rules out, the same matches otherwise, over the whole text and from
// each clause's start to the text's end.
func TestS29CompositeGates(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		var all []int32
		for k, ids := range p.compositesBy {
			for _, ci := range ids {
				if (p.Composites[ci].Factor != "") != (k == 1) {
					t.Fatalf("%s: composite %s in compositesBy[%d]", j, p.Composites[ci].ID, k)
				}
			}
			all = append(all, ids...)
		}
		slices.Sort(all)
		if len(all) != len(p.Composites) || len(slices.Compact(all)) != len(p.Composites) {
			t.Fatalf("%s: compositesBy holds %d of %d composites", j, len(all), len(p.Composites))
		}
		gated, ran, matched := 0, 0, 0
		for _, text := range s25Texts(t, j) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			var dense []uint64
			if st.lits != nil && st.lits.conjKnown() {
				dense = st.lits.dense
			}
			for ci := range p.Composites {
				c := &p.Composites[ci]
				for _, g := range []*PhraseGroup{c.First, &c.Then} {
					if g == nil {
						continue
					}
					for mi := range g.matchers {
						m := &g.matchers[mi]
						runs := st.runs(m)
						if gatedOut(g.gates, mi, dense) {
							gated++
							if runs {
								t.Fatalf("%s %.60q: %s %q gated out but runs", j, text, c.ID, m.pattern)
							}
							continue
						}
						if !st.mayRun(m) {
							if runs {
								t.Fatalf("%s %.60q: %s %q may not run but runs", j, text, c.ID, m.pattern)
							}
							continue
						}
						if runs {
							ran++
						}
						for _, from := range append([]int{0}, clauseStarts(st)...) {
							locs := st.within(m, from, len(st.t))
							if !runs && len(locs) > 0 {
								t.Fatalf("%s %.60q: %s %q does not run but within finds %v", j, text, c.ID, m.pattern, locs)
							}
							matched += len(locs)
						}
					}
				}
			}
		}
		if gated < 1000 || ran < 100 || matched < 100 {
			t.Fatalf("%s: %d gated out, %d ran, %d matches: too few to tell", j, gated, ran, matched)
		}
		t.Logf("%s: %d patterns gated out, %d ran, %d matches", j, gated, ran, matched)
	}
}

// clauseStarts are the byte offsets the clauses of a prepared text start at.
func clauseStarts(st *scanState) []int {
	var out []int
	for _, c := range st.clauses {
		out = append(out, c[0])
	}
	return out
}
