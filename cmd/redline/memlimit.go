package main

import (
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
)

// memoryLimitEnv sets the soft memory limit of the long-running roles in MiB ("0" for none).
const memoryLimitEnv = "REDLINE_MEMORY_LIMIT_MB"

// defaultMemoryLimitMB keeps serve, work and schedule near 150 MB resident: what the Go runtime
// holds (heap, stacks) stays under 100 MiB, and the binary's mapped code is ~35 MB more. The live
// heap of a worker routing at full speed is ~45 MB (the compiled rule packs most of it), so the
// garbage collector only runs more often under the limit; it never holds a process back from
// memory it needs (the limit is soft: past it, the collector's CPU is capped at half).
const defaultMemoryLimitMB = 100

// setMemoryLimit gives serve, work and schedule their soft memory limit: GOMEMLIMIT when set (the
// runtime reads it itself), else REDLINE_MEMORY_LIMIT_MB, else the default. Other commands
// (imports, training, benchmarks) run without one.
func setMemoryLimit(cmd string) error {
	switch cmd {
	case "serve", "work", "schedule":
	default:
		return nil
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	mb := defaultMemoryLimitMB
	if v := os.Getenv(memoryLimitEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("%s %q is not a number of MiB", memoryLimitEnv, v)
		}
		mb = n
	}
	if mb == 0 {
		return nil
	}
	debug.SetMemoryLimit(int64(mb) << 20)
	slog.Debug("soft memory limit", "mib", mb)
	return nil
}
