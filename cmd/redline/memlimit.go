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

// defaultMemoryLimitMB keeps serve and schedule near 150 MB resident: what the Go runtime holds
// (heap, stacks) stays under 100 MiB, and the binary's mapped code is ~35 MB more. The limit is
// soft: past it, the collector runs more often (its CPU capped at half); it never holds a process
// back from memory it needs.
const defaultMemoryLimitMB = 100

// workMemoryLimitMB is work's default. Its live heap while routing at full speed is ~60 MB (the
// compiled rule packs most of it), so at 100 MiB the collector ran often enough to take a fifth
// of its CPU per routed complaint more than at 115 MiB (docs/BENCHMARKS.md, "Routing, session 8"
// and "session 9"), for a resident size that stays under 150 MB at 115.
const workMemoryLimitMB = 115

// setMemoryLimit gives serve, work and schedule their soft memory limit: GOMEMLIMIT when set (the
// runtime reads it itself), else REDLINE_MEMORY_LIMIT_MB, else the role's default. Other commands
// (imports, training, benchmarks) run without one.
func setMemoryLimit(cmd string) error {
	mb, err := memoryLimitMB(cmd, os.Getenv)
	if err != nil || mb == 0 {
		return err
	}
	debug.SetMemoryLimit(int64(mb) << 20)
	slog.Debug("soft memory limit", "mib", mb)
	return nil
}

// memoryLimitMB is the soft memory limit setMemoryLimit gives cmd, in MiB; 0 for none (another
// command, GOMEMLIMIT set, or REDLINE_MEMORY_LIMIT_MB=0).
func memoryLimitMB(cmd string, getenv func(string) string) (int, error) {
	mb := defaultMemoryLimitMB
	switch cmd {
	case "serve", "schedule":
	case "work":
		mb = workMemoryLimitMB
	default:
		return 0, nil
	}
	if getenv("GOMEMLIMIT") != "" {
		return 0, nil
	}
	if v := getenv(memoryLimitEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%s %q is not a number of MiB", memoryLimitEnv, v)
		}
		mb = n
	}
	return mb, nil
}
