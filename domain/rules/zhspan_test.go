package rules

import (
	"strings"
	"testing"
)

// TestZhNamesSpanAsRegexp: zhNamesSpan answers as zhCountSpan.MatchString does, on every clause
// and every suffix of every clause of the Chinese train narratives and on edge cases (session 16).
func TestZhNamesSpanAsRegexp(t *testing.T) {
	texts := []string{"", "天", "3天", "这些天", "几天里", "从8号到", "号开始", "第二天", "一天三十个", "礼拜天", "这段时间", "段时间", "9天", "九月", "前天打了十几个"}
	for _, name := range []string{"zh-real", "zh-written"} {
		for _, l := range labelledSet(t, name) {
			if l.Split != "train" {
				continue
			}
			for _, c := range clauseSpans(l.Text) {
				clause := l.Text[c[0]:c[1]]
				for i := range clause {
					if strings.HasPrefix(clause[i:], "天") || i == 0 {
						texts = append(texts, clause[i:], clause[:i])
					}
				}
			}
		}
	}
	for _, s := range texts {
		if got, want := zhNamesSpan(s), zhCountSpan.MatchString(s); got != want {
			t.Fatalf("%q: zhNamesSpan %v, regexp %v", s, got, want)
		}
	}
}
