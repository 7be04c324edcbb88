package rules

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveOccurrences lists every occurrence of every literal in t as (id, start), the way a string
// search finds them, sorted.
func naiveOccurrences(lits []string, t string) []acHit {
	var out []acHit
	for id, l := range lits {
		if l == "" {
			continue
		}
		for from := 0; ; {
			i := strings.Index(t[from:], l)
			if i < 0 {
				break
			}
			out = append(out, acHit{id: int32(id), start: int32(from + i)})
			from += i + 1
		}
	}
	sortHits(out)
	return out
}

func sortHits(hs []acHit) {
	slices.SortFunc(hs, func(a, b acHit) int {
		if a.start != b.start {
			return int(a.start - b.start)
		}
		return int(a.id - b.id)
	})
}

// checkAutomaton compares the automaton's pass over each text with a string search for each literal,
// and checks that the pass lists the occurrences in order of their end.
func checkAutomaton(t *testing.T, name string, lits []string, texts []string) {
	t.Helper()
	a, err := newRuneAutomaton(lits)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		got := a.findAll(text, nil)
		for i := 1; i < len(got); i++ {
			prev, cur := got[i-1], got[i]
			if int(prev.start)+len(lits[prev.id]) > int(cur.start)+len(lits[cur.id]) {
				t.Fatalf("%s %q: %v before %v, not in order of their end", name, text, prev, cur)
			}
		}
		sortHits(got)
		if want := naiveOccurrences(lits, text); !slices.Equal(got, want) {
			t.Fatalf("%s %q:\n got %v\nwant %v", name, text, got, want)
		}
	}
}

// TestRuneAutomatonFindsEveryOccurrence: the prefilter's automaton reports exactly the occurrences a
// string search finds, overlapping ones and literals that end inside others included, for crafted
// literal sets, random ones (small alphabets make overlaps and shared suffixes frequent), and both
// packs' literal lists over crafted and labelled training texts.
func TestRuneAutomatonFindsEveryOccurrence(t *testing.T) {
	checkAutomaton(t, "crafted", []string{"a", "ab", "bab", "b", "aa", "abc", "c", "打给", "给", "打给我", "我爸", "爸", "\uFFFD", "x\uFFFDy", ""},
		[]string{"", "abababc", "aaaa", "babab", "他们打给我爸，打给我妈", "打打给给我爸爸", "x\uFFFDy", "x\xffy\xef\xbf\xbd", "a\xe6打给", "\xe6\x89打给"})
	rng := rand.New(rand.NewPCG(1, 13))
	alphabet := []rune("ab打给我")
	word := func(max int) string {
		var b strings.Builder
		for range 1 + rng.IntN(max) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	for round := range 200 {
		var lits, texts []string
		for range 1 + rng.IntN(12) {
			lits = append(lits, word(4))
		}
		for range 5 {
			texts = append(texts, word(30))
		}
		checkAutomaton(t, fmt.Sprint("random ", round), lits, texts)
	}
	crafted := []string{
		"2019年12月份借的75000，每月还2317元还了12个月。他们爆了我的通讯录，还恐吓我的父母说要上门。",
		"They contacted my boss and told him I do n't pay. I asked them in writing to stop calling me.",
	}
	for _, j := range []Jurisdiction{CN, US} {
		p := mustPack(t, j)
		texts := slices.Clone(crafted)
		for _, name := range []string{"zh-written", "en-written"} {
			for i, l := range labelledSet(t, name) {
				if l.Split != "heldout" && i%4 == 0 {
					texts = append(texts, p.normalize(l.Text).text)
				}
			}
		}
		checkAutomaton(t, string(j), p.pre.lits, texts)
	}
}
