package rules

import (
	"testing"
	"time"
	"unicode/utf8"
)

// us200Texts are the English train narratives (cfpb, en-written) made 200 characters long as
// cn200Texts makes the Chinese ones: a longer narrative cut at 200 characters, a shorter one
// followed by the next train narratives (session 17, speed).
func us200Texts(tb testing.TB) []string {
	return texts200(tb, "cfpb", "en-written")
}

// texts200 are the train narratives of the sets, each made exactly 200 characters long.
func texts200(tb testing.TB, sets ...string) []string {
	var train []string
	for _, name := range sets {
		for _, l := range labelledSet(&testing.T{}, name) {
			if l.Split == "train" {
				train = append(train, l.Text)
			}
		}
	}
	if len(train) == 0 {
		tb.Fatal("no train narratives")
	}
	var out []string
	for i := range train {
		r := []rune(train[i])
		for k := i + 1; len(r) < 200; k++ {
			r = append(r, []rune(train[k%len(train)])...)
		}
		out = append(out, string(r[:200]))
	}
	return out
}

// BenchmarkJudgeUS200 is BenchmarkJudgeCN200 for English: the CPU time of one judgement of a
// 200-character US narrative, over every English train narrative made 200 characters long in turn.
func BenchmarkJudgeUS200(b *testing.B) {
	benchJudge200(b, US, us200Texts(b))
}

// benchJudge200 judges texts in turn with jurisdiction j's pack, after one judgement of each (so
// the patterns they need are compiled), and reports the process's CPU time per 200 characters.
func benchJudge200(b *testing.B, j Jurisdiction, texts []string) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	doc, err := BuiltinDocument(j)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Parse(doc)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range texts {
		p.Judge(Facts{Narrative: s}, "", now)
	}
	b.ResetTimer()
	c0, chars := cpuTime(), 0
	for i := 0; b.Loop(); i++ {
		s := texts[i%len(texts)]
		chars += utf8.RuneCountInString(s)
		judgeTimed(p, s, now)
	}
	b.ReportMetric(float64(cpuTime()-c0)*200/float64(chars)/1e6, "cpu-ms/200ch")
}

// judgeTimed is one timed judgement, a function of its own so that callgrind can count the
// instructions of the timed judgements alone (--toggle-collect='*judgeTimed'), without parsing the
// pack, compiling the patterns and the warm-up (session 17).
//
//go:noinline
func judgeTimed(p *Pack, s string, now time.Time) {
	p.Judge(Facts{Narrative: s}, "", now)
}
