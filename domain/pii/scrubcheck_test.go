package pii

import (
	"strings"
	"testing"
)

// The table loop of the scrubber's tests, in one place (sessions 30 to 32 repeated it in each file;
// session 33, scrub33). A leak case names the part of its input that must not be published; a kept
// text must come back exactly as written.

type scrubLeak = struct{ in, leak string }

// scrubRedacts checks that Scrub redacts something of each text and publishes none of its leak.
func scrubRedacts(t *testing.T, cases []scrubLeak) {
	t.Helper()
	for _, c := range cases {
		got := Scrub(c.in)
		if strings.Contains(got, c.leak) || !strings.Contains(got, Redacted) {
			t.Errorf("Scrub(%q) = %q: %q is published", c.in, got, c.leak)
		}
	}
}

// scrubKeeps checks that Scrub returns each text as written.
func scrubKeeps(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if got := Scrub(s); got != s {
			t.Errorf("Scrub(%q) = %q, want it kept", s, got)
		}
	}
}
