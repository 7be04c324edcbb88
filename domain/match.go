package domain

import (
	"strings"
	"unicode"
)

// InstitutionMatch is the institution a complainant most likely meant, and how sure the match is
// (1 for an exact name or alias, less for containment and near misses).
type InstitutionMatch struct {
	Institution *Institution
	Score       float64
	MatchedOn   string // the name or alias that matched
}

// MinMatchScore is the least score at which a typed name is taken to mean an institution.
const MinMatchScore = 0.7

// legalSuffixes are dropped before comparing names: people rarely type them.
var legalSuffixes = []string{"股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司", "中心", "app", "co ltd", "coltd", "inc", "ltd", "llc"}

// normaliseName folds case, drops spaces and punctuation, and drops legal-form suffixes.
func normaliseName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	out := b.String()
	for changed := true; changed; {
		changed = false
		for _, suf := range legalSuffixes {
			suf = strings.ReplaceAll(suf, " ", "")
			if len(out) > len(suf) && strings.HasSuffix(out, suf) {
				out = strings.TrimSuffix(out, suf)
				changed = true
			}
		}
	}
	return out
}

// MatchInstitution finds the institution meant by a typed name among candidates: an exact name or
// alias, a name or alias the typed text contains (or that contains it), or a near miss such as a
// one-character typo. It returns false when nothing scores at least MinMatchScore.
func MatchInstitution(typed string, candidates []*Institution) (InstitutionMatch, bool) {
	t := normaliseName(typed)
	if len([]rune(t)) < 2 {
		return InstitutionMatch{}, false
	}
	var best InstitutionMatch
	for _, in := range candidates {
		for _, name := range append([]string{in.Name}, in.Aliases...) {
			n := normaliseName(name)
			if n == "" {
				continue
			}
			score := similarity(t, n)
			if score > best.Score {
				best = InstitutionMatch{Institution: in, Score: score, MatchedOn: name}
			}
		}
	}
	return best, best.Score >= MinMatchScore
}

func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	ra, rb := []rune(a), []rune(b)
	short, long := ra, rb
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= 2 && strings.Contains(string(long), string(short)) {
		// Containment: stronger the more of the longer name it covers.
		return 0.8 + 0.15*float64(len(short))/float64(len(long))
	}
	d := levenshtein(ra, rb)
	return 1 - float64(d)/float64(len(long))
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
