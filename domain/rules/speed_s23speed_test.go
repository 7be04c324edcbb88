package rules

import (
	"fmt"
	"math/bits"
	"regexp"
	"strings"
	"testing"
)

// Session 23 (speed): a dispatch reads the leaves of rest that its mask keeps through their bits
// (byBit, bitted) and then the leaves beyond the 64th (tail), instead of testing every leaf of
// rest. The bits and the tail list rest exactly, in its order, and the matches stay the regexp's,
// for a class of more than 64 such leaves (some in the tail) beside exact ones.
func TestSession23DispatchBitsListRest(t *testing.T) {
	var members []string
	for i := range 80 {
		w := string(rune('甲'+i)) + "家"
		members = append(members, `\p{Han}{0,2}?`+w)
		if i%3 == 0 {
			members = append(members, w+"人", `[一二三]`+w)
		}
	}
	members = append(members, "老婆", "同事", `\p{Han}{0,2}?老师`)
	expr := `(?:联系|打给)(?:了)?(?:` + strings.Join(members, "|") + `)`
	re, pm := regexp.MustCompile(expr), newProgMatcher(expr)
	tails := 0
	for _, a := range pm.alts {
		d := a.disp
		if d == nil {
			continue
		}
		var got []int32
		for b := d.bitted; b != 0; b &= b - 1 {
			got = append(got, d.byBit[bits.TrailingZeros64(b)])
		}
		got = append(got, d.tail...)
		if fmt.Sprint(got) != fmt.Sprint(d.rest) {
			t.Errorf("bits and tail %v, rest %v", got, d.rest)
		}
		tails += len(d.tail)
	}
	if tails == 0 {
		t.Fatal("no dispatch with a tail: the test pattern no longer exercises it")
	}
	var texts []string
	for _, i := range []int{0, 3, 5, 63, 64, 65, 70, 79} {
		w := string(rune('甲'+i)) + "家"
		texts = append(texts, "联系了"+w, "打给张三"+w+"人", "联系二"+w+"，打给同事", "打给王老师和"+w, "联系了我的朋友"+w)
	}
	texts = append(texts, "联系老婆", "打给小王老师", "联系了没人")
	for _, text := range texts {
		for _, sub := range []bool{false, true} {
			got, want := progFindAll(t, pm, text, 0, len(text), sub), regexpFindAll(re, text, 0, len(text), sub)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%q (sub %v): %v, regexp %v", text, sub, got, want)
			}
		}
	}
}

// clauseBreak and sentenceEnd are the rune lists clauseAt searched with strings.ContainsRune.
func TestSession23ClauseBreakIsContainsRune(t *testing.T) {
	for r := rune(-1); r <= 0x10FFFF+1; r++ {
		if clauseBreak(r) != strings.ContainsRune("，,；;：:", r) || sentenceEnd(r) != strings.ContainsRune("。！？!?", r) {
			t.Fatalf("%U: clauseBreak %v, sentenceEnd %v", r, clauseBreak(r), sentenceEnd(r))
		}
	}
}
