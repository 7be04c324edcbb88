package rules

import (
	"regexp"
	"sync/atomic"
)

// lazyRegexp is a phrase pattern's regular expression, compiled the first time it runs (session
// 16). Most patterns of a pack start with a literal and run only anchored, through their own
// depth-first program (leadMatcher, compiled on first use too), so the regexp's program was never
// executed: compiled at Parse for every pattern, the programs were the larger part of a pack's live
// heap, pointer-rich memory that every collection of a routing worker scans. The source has been
// checked as regexp.Compile checks it (patternSource), so compiling cannot fail.
type lazyRegexp struct {
	src string
	re  atomic.Pointer[regexp.Regexp]
}

func newLazyRegexp(src string) *lazyRegexp { return &lazyRegexp{src: src} }

// compiledRegexp is a lazyRegexp of an expression already compiled.
func compiledRegexp(re *regexp.Regexp) *lazyRegexp {
	l := &lazyRegexp{src: re.String()}
	l.re.Store(re)
	return l
}

// get returns the compiled expression, compiling it on the first call (two goroutines may both
// compile it; one result is kept).
func (l *lazyRegexp) get() *regexp.Regexp {
	if re := l.re.Load(); re != nil {
		return re
	}
	l.re.CompareAndSwap(nil, regexp.MustCompile(l.src))
	return l.re.Load()
}

func (l *lazyRegexp) String() string { return l.src }

func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }

func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.get().FindAllStringIndex(s, n)
}
