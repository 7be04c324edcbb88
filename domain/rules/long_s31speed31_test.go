package rules

import (
	"strings"
	"testing"
	"time"
)

// longRepeated is a hostile narrative: one short sentence repeated until n characters.
func longRepeated(sentence string, n int) string {
	var b strings.Builder
	for c := 0; c < n; c += len([]rune(sentence)) {
		b.WriteString(sentence)
	}
	return string([]rune(b.String())[:n])
}

func benchLong(b *testing.B, j Jurisdiction, text string) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	doc, err := BuiltinDocument(j)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Parse(doc)
	if err != nil {
		b.Fatal(err)
	}
	p.Judge(Facts{Narrative: text}, "", now)
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		judgeTimed(p, text, now)
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkJudgeLongOneSentenceCN is the hostile narrative of session 31: a short clause repeated
// without a full stop or a comma to 20,000 characters, one sentence and one clause. Session 30's
// engine took about 2.6 s of CPU for it (quadratic: the composites' later patterns searched to the
// text's end from each of 1,250 first facts, strongest compared every hit with every kept one,
// clauseAt walked the whole clause at each hit); docs/BENCHMARKS.md "Judging, session 31 (speed31)".
func BenchmarkJudgeLongOneSentenceCN(b *testing.B) {
	benchLong(b, CN, longRepeated("他们把我的逾期情况告诉了我丈母娘", 20000))
}

// BenchmarkJudgeLongOneSentenceUS is BenchmarkJudgeLongOneSentenceCN in English, without a full stop.
func BenchmarkJudgeLongOneSentenceUS(b *testing.B) {
	benchLong(b, US, longRepeated("they told my mother in law about my debt and ", 20000))
}

// BenchmarkJudgeLongRepeatedCN is a 20,000-character Chinese narrative of one short sentence repeated.
func BenchmarkJudgeLongRepeatedCN(b *testing.B) {
	benchLong(b, CN, longRepeated("他们天天打电话催我还钱。", 20000))
}

// BenchmarkJudgeLongRepeatedUS is a 20,000-character English narrative of one short sentence repeated.
func BenchmarkJudgeLongRepeatedUS(b *testing.B) {
	benchLong(b, US, longRepeated("They call me every day about the debt. ", 20000))
}
