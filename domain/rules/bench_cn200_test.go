package rules

import "testing"

// cn200Texts are the Chinese train narratives (zh-real, zh-written) made about 200 characters
// long, as issue 13's target states it: a longer narrative cut at 200 characters, a shorter one
// followed by the next train narratives until 200 characters are reached (session 16, cnspeed).
func cn200Texts(tb testing.TB) []string {
	return texts200(tb, "zh-real", "zh-written")
}

// BenchmarkJudgeCN200 is the CPU time of one judgement of a ~200-character Chinese narrative
// (issue 13's ≤ 0.3 ms), over every train narrative made 200 characters long (cn200Texts) in turn,
// the patterns they need compiled before timing: cpu-ms/200ch is the process's CPU time (getrusage)
// per 200 characters judged (benchJudge200).
func BenchmarkJudgeCN200(b *testing.B) {
	benchJudge200(b, CN, cn200Texts(b))
}
