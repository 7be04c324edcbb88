package rules

import (
	"regexp/syntax"
	"slices"
	"testing"
)

// Session 19 (speed): the same judgements for less work. Each test holds a new fast path to the
// slow one it stands for, on every train narrative of the Chinese and English sets
// (session18Texts); TestJudgeGolden checks that no judgement moved.

// TestSession19FoundSameAsLookup: litHits.found lists the members of a literal list that a text
// holds, with their index among the literals found, whichever of its three ways the lengths pick
// (rank lookups, binary searches, a merge): the same pairs, in the same order, as looking each
// member up. Every lead's literals and every gate of both packs, on every text, and lists made to
// take each way.
func TestSession19FoundSameAsLookup(t *testing.T) {
	lookup := func(h *litHits, ids []int32) [][2]int {
		var out [][2]int
		for i, id := range ids {
			if k, ok := h.has(id); ok {
				out = append(out, [2]int{k, i})
			}
		}
		return out
	}
	for _, j := range []Jurisdiction{CN, US} {
		p, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.lead != nil })
		lists := [][]int32{nil}
		for _, m := range ms {
			lists = append(lists, m.lead.lits)
			lists = append(lists, m.lead.gates...)
		}
		// every literal id, every other one, and a few: rank lookups, a merge, binary searches
		var all, odd []int32
		for id := range int32(len(p.pre.lits)) {
			all = append(all, id)
			if id%2 == 1 {
				odd = append(odd, id)
			}
		}
		lists = append(lists, all, odd, all[:3], all[len(all)-2:])
		for _, text := range session18Texts(t, j, "", "逾期", "call") {
			p.lastPrepared.Store(nil)
			h := p.prepare(text).lits
			for _, ids := range lists {
				if !slices.IsSorted(ids) {
					t.Fatalf("literal list not ascending: %v", ids)
				}
				var got [][2]int
				h.found(ids, func(k, i int) { got = append(got, [2]int{k, i}) })
				if want := lookup(h, ids); !slices.Equal(got, want) {
					t.Fatalf("%q: %d ids: found %v, lookup %v", text, len(ids), got, want)
				}
			}
		}
	}
}

// TestSession19RuledOutOnlyWithoutCandidates: scan passes over a pattern whose gate conjunct the
// text lacks (scanState.ruledOut) without calling findAll; it does so only where findAll and runs
// find nothing. Every matcher of both packs, on every text.
func TestSession19RuledOutOnlyWithoutCandidates(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ms := session18Pack(t, j, func(*phraseMatcher) bool { return true })
		ruled := 0
		for _, text := range session18Texts(t, j, "", "逾期", "call") {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			for _, m := range ms {
				if !st.ruledOut(m) {
					continue
				}
				ruled++
				if st.lits == nil {
					t.Fatalf("ruled out without a prefilter")
				}
				if _, ok := st.lits.candidates(m, st.all, st.candBuf()); ok {
					t.Fatalf("%q: %q ruled out but has candidate clauses", text, m.pattern)
				}
				if locs := st.findAll(m); len(locs) > 0 {
					t.Fatalf("%q: %q ruled out but matches %v", text, m.pattern, locs)
				}
			}
		}
		if ruled == 0 {
			t.Fatalf("%s: no pattern ruled out", j)
		}
	}
}

// TestSession19CodeSameAsProgram: the depth-first matcher runs its own copy of the program
// (progMatcher.code, 16 bytes an instruction); each instruction says what the program's does: op,
// next instructions, argument (InstRune1: its rune), the alt entry, and whether several
// instructions lead to it. Every lead pattern of both packs.
func TestSession19CodeSameAsProgram(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		_, ms := session18Pack(t, j, func(m *phraseMatcher) bool { return m.lead != nil })
		for _, m := range ms {
			m.lead.compile()
			pm := m.lead.prog
			if pm == nil {
				continue
			}
			preds := make([]int, len(pm.prog.Inst))
			preds[pm.prog.Start]++
			for pc := range pm.prog.Inst {
				i := &pm.prog.Inst[pc]
				switch i.Op {
				case syntax.InstMatch, syntax.InstFail:
				default:
					preds[i.Out]++
					if isAlt(i.Op) {
						preds[i.Arg]++
					}
				}
			}
			for pc := range pm.prog.Inst {
				i, c := &pm.prog.Inst[pc], pm.code[pc]
				arg := i.Arg
				if i.Op == syntax.InstRune1 {
					arg = uint32(i.Rune[0])
				}
				if c.op != i.Op || c.out != i.Out || c.arg != arg || c.aux != pm.alt[pc] || c.join != (preds[pc] > 1) {
					t.Fatalf("%q pc %d: code %+v, program %v", m.pattern, pc, c, i)
				}
			}
		}
	}
}
