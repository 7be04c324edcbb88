package app

import (
	"strings"
	"testing"
	"time"
)

// TestRequestTimeoutStaysUnderTheWriteTimeout: REDLINE_REQUEST_TIMEOUT above 50 s stops the binary
// with the variable and the bound named (the HTTP server cuts a client off at 60 s, and a request
// stopped after that is answered to nobody); up to 50 s is taken as given (session 26, attack).
func TestRequestTimeoutStaysUnderTheWriteTimeout(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want time.Duration // 0: refused
	}{
		{"", 45 * time.Second},
		{"300ms", 300 * time.Millisecond},
		{"50s", 50 * time.Second},
		{"50.5s", 0},
		{"60s", 0},
		{"10m", 0},
		{"50ms", 0},
	} {
		t.Setenv("REDLINE_REQUEST_TIMEOUT", tc.v)
		c, err := ConfigFromEnv()
		if tc.want == 0 {
			if err == nil || !strings.Contains(err.Error(), "REDLINE_REQUEST_TIMEOUT") || !strings.Contains(err.Error(), "50s") {
				t.Errorf("%q: err = %v, want a refusal naming REDLINE_REQUEST_TIMEOUT and 50s", tc.v, err)
			}
			continue
		}
		if err != nil || c.RequestTimeout != tc.want {
			t.Errorf("%q: timeout %v, err %v; want %v", tc.v, c.RequestTimeout, err, tc.want)
		}
	}
}
