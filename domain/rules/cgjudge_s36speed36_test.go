package rules

import (
	"os"
	"testing"
	"time"
)

// TestCallgrindJudge200 is the timed loop of BenchmarkJudgeCN200 (or US200) for counting
// instructions under callgrind without paying for the instrumented pack parse: set
// REDLINE_CG_JUDGE=CN (or US) and REDLINE_CG_READY to a file; after the pack is parsed and every
// text judged once, the test writes that file and waits until REDLINE_CG_READY+".go" exists
// (testdata/rules/tools/cgjudge.sh turns callgrind's instrumentation on in between), then judges
// 400 texts in turn through judgeTimed, as `-test.benchtime 400x` does (session 36, speed36).
func TestCallgrindJudge200(t *testing.T) {
	j, ready := os.Getenv("REDLINE_CG_JUDGE"), os.Getenv("REDLINE_CG_READY")
	if j == "" || ready == "" {
		t.Skip("a callgrind harness: set REDLINE_CG_JUDGE and REDLINE_CG_READY (testdata/rules/tools/cgjudge.sh)")
	}
	texts := us200Texts(t)
	if Jurisdiction(j) == CN {
		texts = cn200Texts(t)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	doc, err := BuiltinDocument(Jurisdiction(j))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		p.Judge(Facts{Narrative: s}, "", now)
	}
	if err := os.WriteFile(ready, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(ready + ".go"); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for i := range 400 {
		judgeTimed(p, texts[i%len(texts)], now)
	}
}
