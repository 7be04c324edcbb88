package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestPresentCuesAsksTheLiteralsFound: presentCues finds a cue list's cues by the literals the text
// holds (the list's ids sorted once, litHits.found) and must give exactly the list indices that looking
// each cue up in turn gives, in the list's order, for every kind, language and text — including the
// kin-prefixed hearsay cues (听我堂弟说) and a cue repeated in a list.
func TestPresentCuesAsksTheLiteralsFound(t *testing.T) {
	texts := []string{"听我堂弟说，他欠的那家平台的催收放话要打断他的腿。", "听我二姨讲催收去过她家", "如果我不还，他们说会起诉我"}
	for _, l := range labelledSet(t, "zh-written") {
		if l.Split == "train" {
			texts = append(texts, l.Text)
		}
	}
	for _, j := range []Jurisdiction{CN, US} {
		p, err := Default(j)
		if err != nil {
			t.Fatal(err)
		}
		checked, found := 0, 0
		for _, text := range texts {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			for kind := 0; kind < cueKinds; kind++ {
				for _, lang := range []string{"zh", "en"} {
					ids := st.cueIDs(kind, lang)
					if ids == nil {
						continue
					}
					var want []int32
					for ci, id := range ids {
						if _, ok := st.lits.has(id); ok {
							want = append(want, int32(ci))
						}
					}
					got := st.presentCues(kind, lang, nil)
					if !slices.Equal(got, want) {
						t.Fatalf("%s %q kind %d %s: presentCues %v, each cue looked up %v", j, text, kind, lang, got, want)
					}
					checked++
					found += len(got)
				}
			}
		}
		if found == 0 {
			t.Fatalf("%s: no cue found in %d lists: the test checks nothing", j, checked)
		}
	}
}

func TestSortCueLitsKeepsRepeats(t *testing.T) {
	sorted, at, from := sortCueLits([]int32{7, 3, 7, 1})
	if !slices.Equal(sorted, []int32{1, 3, 7}) || !slices.Equal(at, []int32{3, 1, 0, 2}) || !slices.Equal(from, []int32{0, 1, 2, 4}) {
		t.Fatalf("sortCueLits: %v %v %v", sorted, at, from)
	}
}

// TestClauseQuestionMemoIsBounded: asking many distinct clauses of a long text keeps the question
// memo at maxAskedMemo answers (it is searched end to end: unbounded, each hit's lookup was linear in
// the hits before it), and every answer, memoised or not, is askedClause's.
func TestClauseQuestionMemoIsBounded(t *testing.T) {
	p, err := Default(CN)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; i < 400; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "提前还款收不收违约金，催收第%d次打电话给我妈。", i)
		} else {
			fmt.Fprintf(&b, "催收第%d次打电话给我妈。", i)
		}
	}
	p.lastPrepared.Store(nil)
	st := p.prepare(b.String())
	if len(st.sents) < 300 {
		t.Fatalf("%d sentences, want 400", len(st.sents))
	}
	asked := 0
	for si, sp := range st.sents {
		s, e := sp.start+2, sp.start+4
		got := st.clauseQuestion(si, s, e, "zh")
		from, to := st.clauseAt(sp, s, e)
		if r := p.Language["zh"].QuestionReach; r > 0 && to-from > r {
			from, to = max(from, s-r), min(to, e+r)
		}
		if want := p.Language["zh"].askedClause(st.runeText(from, to), st.byteOf(s)-st.byteOf(from), "zh"); got != want {
			t.Fatalf("sentence %d: clauseQuestion %v, askedClause %v", si, got, want)
		}
		if got {
			asked++
		}
		if again := st.clauseQuestion(si, s, e, "zh"); again != got {
			t.Fatalf("sentence %d asked twice: %v then %v", si, got, again)
		}
	}
	if n := len(st.scratch.asked); n > maxAskedMemo || n > 64 {
		t.Fatalf("question memo holds %d answers of 400 clauses asked, want at most 64", n)
	}
	if asked == 0 {
		t.Fatal("no clause asks: the test checks nothing")
	}
}
