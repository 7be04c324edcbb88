package main

import "testing"

// TestMemoryLimitByRole: work's default soft memory limit is 115 MiB, serve's and schedule's
// 100; REDLINE_MEMORY_LIMIT_MB sets any of them (0: none), GOMEMLIMIT leaves it to the runtime,
// and other commands get none.
func TestMemoryLimitByRole(t *testing.T) {
	for _, c := range []struct {
		cmd, limit, gomemlimit string
		want                   int
		bad                    bool
	}{
		{cmd: "work", want: 115},
		{cmd: "serve", want: 100},
		{cmd: "schedule", want: 100},
		{cmd: "dev", want: 0},
		{cmd: "bench", limit: "80", want: 0},
		{cmd: "work", limit: "90", want: 90},
		{cmd: "serve", limit: "120", want: 120},
		{cmd: "work", limit: "0", want: 0},
		{cmd: "work", gomemlimit: "200MiB", want: 0},
		{cmd: "work", limit: "lots", bad: true},
		{cmd: "serve", limit: "-1", bad: true},
	} {
		env := map[string]string{memoryLimitEnv: c.limit, "GOMEMLIMIT": c.gomemlimit}
		got, err := memoryLimitMB(c.cmd, func(k string) string { return env[k] })
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("%s with %s=%q GOMEMLIMIT=%q: %d, %v; want %d (error: %v)", c.cmd, memoryLimitEnv, c.limit, c.gomemlimit, got, err, c.want, c.bad)
		}
	}
}
