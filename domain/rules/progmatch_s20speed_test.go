package rules

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// Session 20 (speed): a class alternation ({THIRD}) reached both from the end of an optional part
// (a rune instruction) and from the optional part's own alternation gets a table by first rune
// where the run reaches it from the rune, instead of trying its branches one alternation after
// the other; the matches are the regexp's.
func TestSession20TableWhereAlternationFollowsRune(t *testing.T) {
	var members []string
	for _, w := range []string{"外婆", "外公", "老婆", "领导", "同事", "同学", "辅导员", "老板", "家人", "妈妈", "爸爸", "邻居"} {
		members = append(members, w, w+"们", `\p{Han}{0,2}?`+w+"家")
	}
	class := "(?:" + strings.Join(members, "|") + ")"
	// the attribute part ends in a rune (的) and is optional, as "(?:现在的|以前的|…){0,2}{THIRD}"
	expr := `(?:联系|打给)(?:了)?(?:现在的|以前的|[^，。的]{1,4}的){0,2}` + class
	re := regexp.MustCompile(expr)
	pm := newProgMatcher(expr)
	for _, text := range []string{"联系了以前的邻居们", "打给现在的外婆", "联系张三的老板们，打给同事", "联系了我的朋友", "打给以前的公司的同事们", "打给小王家的邻居家"} {
		for _, sub := range []bool{false, true} {
			got, want := progFindAll(t, pm, text, 0, len(text), sub), regexpFindAll(re, text, 0, len(text), sub)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%q (sub %v): %v, regexp %v", text, sub, got, want)
			}
		}
	}
	// After a second attribute (公司的) the class is reached from the rune 的: with a table, the
	// member's branch is found in a step; tried one alternation after the other, the 33 branches
	// before 邻居 exceed this budget and the run gives up.
	pm.steps = 60
	text := "联系以前的公司的邻居"
	if loc, done := pm.match(text, 0, 0, len(text), false); !done || loc == nil || loc[1] != len(text) {
		t.Errorf("%q: match %v, done %v within %d steps", text, loc, done, pm.steps)
	}
}
