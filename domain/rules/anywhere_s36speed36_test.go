package rules

import (
	"slices"
	"strings"
	"testing"
)

// anywhereByLiterals is litHits.anywhere as it was before session 36: each conjunct's literals
// asked of the literals found, one by one.
func anywhereByLiterals(h *litHits, m *phraseMatcher) bool {
	for _, conj := range m.need {
		if !slices.ContainsFunc(conj, func(id int32) bool { _, ok := h.has(id); return ok }) {
			return false
		}
	}
	return true
}

// TestS36AnywhereByConjuncts: anywhere, read from the conjuncts find listed, answers as the
// literals found do, for every pattern of both packs on every train text and on texts of more than
// 64 clauses (the rank set in place of the dense table) (session 36, speed36).
func TestS36AnywhereByConjuncts(t *testing.T) {
	for _, c := range []struct {
		j    Jurisdiction
		sets []string
	}{{CN, []string{"zh-real", "zh-written"}}, {US, []string{"en-written", "cfpb"}}} {
		p, err := Default(c.j)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, name := range c.sets {
			for _, l := range labelledSet(t, name) {
				if l.Split == "train" {
					texts = append(texts, l.Text)
				}
			}
		}
		// long texts: more than 64 clauses
		texts = append(texts, strings.Repeat(texts[0]+"，", 70), strings.Join(texts[:min(40, len(texts))], "。"))
		groups := p.phraseGroups()
		checked, dense, ranked := 0, 0, 0
		for _, s := range texts {
			if strings.TrimSpace(s) == "" {
				continue
			}
			st := p.prepare(s)
			p.lastPrepared.Store(nil)
			if st.lits == nil || !st.lits.conjKnown() {
				continue
			}
			if st.lits.dense != nil {
				dense++
			} else {
				ranked++
			}
			for _, g := range groups {
				if g == nil {
					continue
				}
				for mi := range g.matchers {
					m := &g.matchers[mi]
					if got, want := st.lits.anywhere(m), anywhereByLiterals(st.lits, m); got != want {
						t.Fatalf("%s %q: anywhere(%q) = %v, by the literals %v", c.j, s, m.pattern, got, want)
					}
					checked++
				}
			}
		}
		if dense == 0 || ranked == 0 {
			t.Fatalf("%s: texts with the dense table %d, with the rank set %d: both must be tested", c.j, dense, ranked)
		}
		t.Logf("%s: %d answers compared (%d texts dense, %d ranked)", c.j, checked, dense, ranked)
	}
}
