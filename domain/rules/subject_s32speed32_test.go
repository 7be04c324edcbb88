package rules

import (
	"math/rand"
	"strings"
	"testing"
	"time"
)

// TestS32OwnSubjectTailBudget: the English one-sentence narrative of BenchmarkJudgeLongOneSentenceUS
// (20,000 characters, ~1,250 hits of "told my mother") is judged with ownSubject's end-anchored
// searches reading a bounded tail of the sentence before each hit, not all of it (session 32,
// speed32). Main read the whole sentence up to each hit three times: ~37 million bytes.
func TestS32OwnSubjectTailBudget(t *testing.T) {
	p, err := Default(US)
	if err != nil {
		t.Fatal(err)
	}
	read, calls := 0, 0
	ownScanned = func(n int) { read += n; calls++ }
	defer func() { ownScanned = nil }()
	p.Judge(Facts{Narrative: longRepeated("they told my mother in law about my debt and ", 20000)}, "", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if calls == 0 {
		t.Fatal("ownSubject was not asked")
	}
	if read > 200*calls {
		t.Fatalf("ownSubject read %d bytes in %d searches, want at most %d", read, calls, 200*calls)
	}
}

// TestS32TailRegexpSame: each end-anchored cue of the packs' ownSubject searched from its tail finds
// what the full expression finds, on random texts of the cues' own words, spaces and punctuation.
func TestS32TailRegexpSame(t *testing.T) {
	rng := rand.New(rand.NewSource(32))
	for _, j := range []Jurisdiction{US, CN} {
		p, err := Default(j)
		if err != nil {
			t.Fatal(err)
		}
		for lang, lc := range p.Language {
			c := lc.OwnSubject
			if c == nil {
				continue
			}
			var words []string
			for _, l := range [][]string{c.Own, c.Bridge, c.Links, c.Subordinators, c.Lead, c.Others, {"me and my neighbourhoodwatchman", "told", "my", "x", "and", "i", "the"}} {
				for _, w := range l {
					words = append(words, strings.NewReplacer("(?:", "", ")", "", "[a-z'-]+", "friend", "?", "", "|", " ", "[eé]", "e").Replace(w))
				}
			}
			seps := []string{" ", "  ", ", ", "; ", "\t", "\n", ": ", "\"", "(", " '", ""}
			checked := 0
			for n := 0; n < 4000; n++ {
				var b strings.Builder
				for k := rng.Intn(30); k >= 0; k-- {
					b.WriteString(words[rng.Intn(len(words))])
					b.WriteString(seps[rng.Intn(len(seps))])
				}
				s := b.String()
				for _, r := range []*tailRegexp{c.own, c.bridge, c.links, c.sub} {
					if r == nil {
						continue
					}
					want := r.full.FindStringIndex(s)
					got := r.FindStringIndex(s)
					if (want == nil) != (got == nil) || want != nil && (want[0] != got[0] || want[1] != got[1]) {
						t.Fatalf("%s %s: %q: tail %v, full %v", j, lang, s, got, want)
					}
					if r.tail != nil && want != nil {
						checked++
					}
				}
			}
			if j == US && checked < 500 {
				t.Fatalf("%s: only %d matches checked", lang, checked)
			}
		}
	}
}
