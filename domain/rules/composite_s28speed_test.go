package rules

import (
	"slices"
	"testing"
)

// TestS28CompositeExceptionsLimited: a composite's exceptions (except, thenExcept) are searched only
// up to the end of the last first fact, or of the last sentence a later fact can reach (session 28,
// speed); the composites' hits of every train text, and the texts with a composite's exception
// present after its facts, are the same as with the exceptions searched over the whole text.
func TestS28CompositeExceptionsLimited(t *testing.T) {
	cases := map[Jurisdiction][]string{
		CN: {"催收员说钱不还，命来抵。我跟他说你别开玩笑了。", "他们放话，拿命来还。后来警察把他带走了。"},
		US: {"The collector said I would never wake up again. I told them to stop.", "He said next time you won't be so lucky. My doctor said that too."},
	}
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		ref.noExceptLimit = true
		ids := map[string]bool{}
		for _, c := range p.Composites {
			if c.Except != nil || c.ThenExcept != nil {
				ids[c.ID] = true
			}
		}
		compared := 0
		for _, text := range append(s25Texts(t, j), cases[j]...) {
			p.lastPrepared.Store(nil)
			ref.lastPrepared.Store(nil)
			for _, factors := range []bool{false, true} {
				var got, want []match
				if factors {
					got, want = p.matchFactors(text), ref.matchFactors(text)
				} else {
					got, want = p.matchText(text), ref.matchText(text)
				}
				keep := func(hs []match) []match {
					return slices.DeleteFunc(slices.Clone(hs), func(h match) bool { return !ids[h.rule] })
				}
				got, want = keep(got), keep(want)
				if len(got) != len(want) {
					t.Fatalf("%s %q: %d composite hits, whole-text exceptions %d", j, text, len(got), len(want))
				}
				for i := range got {
					g, w := got[i], want[i]
					if g.start != w.start || g.end != w.end || g.rule != w.rule || g.negatedBy != w.negatedBy || g.weight != w.weight || !slices.Equal(g.modifiers, w.modifiers) {
						t.Fatalf("%s %q: hit %d %+v, whole-text exceptions %+v", j, text, i, g, w)
					}
					compared++
				}
			}
		}
		if compared < 10 {
			t.Fatalf("%s: only %d composite hits compared", j, compared)
		}
		t.Logf("%s: %d composite hits of %d composites with exceptions, all the same", j, compared, len(ids))
	}
}
