package rules

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// tailRegexp is an expression of the form (?:^|L)(?:A)\s*$ (or \s+$), L a class of one rune and A
// of bounded width, searched only in the tail of a long text (session 32, speed32). Go's regexp
// reads the whole text for an expression anchored at its end, and ownSubject asks it of the
// sentence up to every hit: on one long sentence that was quadratic (BenchmarkJudgeLongOneSentenceUS,
// ~5 s on 20,000 characters).
//
// Exact: every match ends at the text's end, after A only white space (\s), so L(?:A) covers the
// text trimmed of that space from the match's start on, and holds at most spaces white-space
// runes (A may be unbounded, "me and my [a-z'-]+", but not in white space): a match starts after
// the (spaces+1)-th white-space rune from the trimmed end. Searched from a byte k after the text's
// start, the ^ branch cannot hold (a match through it would start at 0 < k), and the expression
// without it (tail, L(?:A)\s*$) matches at the same starts; the leftmost start and the end (the
// text's) are the same.
type tailRegexp struct {
	full   *regexp.Regexp
	tail   *regexp.Regexp // nil: A may hold any number of white-space runes, full is searched
	spaces int            // the most white-space runes a match of L(?:A) holds
}

// ownScanned, when set (tests), is told how many bytes each of ownSubject's end-anchored searches
// reads.
var ownScanned func(n int)

// compileTail compiles (?:^|lead)(?:alts)suffix, lead a character class (its source, e.g. `[\s,]`
// or `\s`), suffix `\s*$` or `\s+$`.
func compileTail(lead, alts, suffix string) (*tailRegexp, error) {
	full, err := regexp.Compile(`(?:^|` + lead + `)(?:` + alts + `)` + suffix)
	if err != nil {
		return nil, err
	}
	r := &tailRegexp{full: full}
	t, err := syntax.Parse(lead+`(?:`+alts+`)`, syntax.Perl)
	if err != nil {
		return r, nil
	}
	n, bounded := spacesMax(t)
	if !bounded {
		return r, nil
	}
	if r.tail, err = regexp.Compile(lead + `(?:` + alts + `)` + suffix); err != nil {
		return nil, err
	}
	r.spaces = n
	return r, nil
}

// reSpace is RE2's \s: [\t\n\f\r ].
func reSpace(c rune) bool { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ' }

// spacesMax is the most white-space runes (\s) a match of t holds; bounded is false when there is
// no limit.
func spacesMax(t *syntax.Regexp) (n int, bounded bool) {
	return maxOver(t, func(leaf *syntax.Regexp) int {
		switch leaf.Op {
		case syntax.OpLiteral:
			spaces := 0
			for _, r := range leaf.Rune {
				if reSpace(r) {
					spaces++
				}
			}
			return spaces
		case syntax.OpCharClass:
			for i := 0; i+1 < len(leaf.Rune); i += 2 {
				for _, c := range "\t\n\f\r " {
					if leaf.Rune[i] <= c && c <= leaf.Rune[i+1] {
						return 1
					}
				}
			}
			return 0
		}
		return 1 // any character
	})
}

// from is the byte of b from which the tail expression is searched, 0 for the full one: just
// after the (spaces+1)-th white-space rune before the end of b trimmed of white space.
func (r *tailRegexp) from(b string) int {
	if r.tail == nil {
		return 0
	}
	i := len(strings.TrimRight(b, "\t\n\f\r "))
	for seen := 0; i > 0; {
		i--
		if reSpace(rune(b[i])) { // white space is ASCII: never a byte inside a rune
			if seen++; seen > r.spaces {
				return i + 1
			}
		}
	}
	return 0
}

// FindStringIndex is regexp's, of the full expression.
func (r *tailRegexp) FindStringIndex(b string) []int {
	k := r.from(b)
	if ownScanned != nil {
		ownScanned(len(b) - k)
	}
	if k == 0 {
		return r.full.FindStringIndex(b)
	}
	loc := r.tail.FindStringIndex(b[k:])
	if loc == nil {
		return nil
	}
	return []int{loc[0] + k, loc[1] + k}
}

// MatchString is regexp's, of the full expression.
func (r *tailRegexp) MatchString(b string) bool {
	return r.FindStringIndex(b) != nil
}
