package rules

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestBuiltinPacksCompileOnFirstUse: a process that imports the package but judges nothing (serve
// while filing) does not hold the compiled built-in packs (~40 MB the collector would mark on
// every cycle); the first Default compiles one. Measured in a child process of the test binary,
// where no other test has asked for a pack yet.
func TestBuiltinPacksCompileOnFirstUse(t *testing.T) {
	if os.Getenv("RULES_LAZY_CHILD") != "" {
		heap := func() uint64 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			return m.HeapAlloc
		}
		before := heap()
		p, err := Default(CN)
		if err != nil {
			panic(err)
		}
		after := heap()
		runtime.KeepAlive(p)
		os.Stdout.WriteString("heap " + strconv.FormatUint(before, 10) + " " + strconv.FormatUint(after, 10) + "\n")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuiltinPacksCompileOnFirstUse$", "-test.count=1")
	cmd.Env = append(os.Environ(), "RULES_LAZY_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v: %s", err, out)
	}
	var before, after uint64
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "heap" {
			before, _ = strconv.ParseUint(f[1], 10, 64)
			after, _ = strconv.ParseUint(f[2], 10, 64)
		}
	}
	t.Logf("live heap before the first Default: %.1f MB, after: %.1f MB", float64(before)/1e6, float64(after)/1e6)
	if after == 0 || before > 10<<20 {
		t.Errorf("the package holds %.1f MB live before any pack is asked for, want < 10 MB (%s)", float64(before)/1e6, out)
	}
	if after < before+5<<20 {
		t.Errorf("Default(CN) added %.1f MB: was the pack compiled before it was asked for?", float64(after-before)/1e6)
	}
}
