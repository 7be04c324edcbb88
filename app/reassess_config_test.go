package app

import (
	"strings"
	"testing"
)

// TestReassessAndModelConfig: REDLINE_REASSESS_DAYS is a number of days and REDLINE_MODEL auto,
// builtin or off; anything else stops the binary with the variable named.
func TestReassessAndModelConfig(t *testing.T) {
	for _, tc := range []struct {
		days, model string
		want        string // part of the error, or "" for none
		wantDays    int
	}{
		{"", "", "", 0},
		{"30", "builtin", "", 30},
		{"0", "off", "", 0},
		{"", "auto", "", 0},
		{"a week", "", "REDLINE_REASSESS_DAYS", 0},
		{"-3", "", "REDLINE_REASSESS_DAYS", 0},
		{"", "smart", "REDLINE_MODEL", 0},
	} {
		t.Setenv("REDLINE_REASSESS_DAYS", tc.days)
		t.Setenv("REDLINE_MODEL", tc.model)
		c, err := ConfigFromEnv()
		if tc.want != "" {
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q/%q: err = %v, want one naming %s", tc.days, tc.model, err, tc.want)
			}
			continue
		}
		if err != nil || c.ReassessDays != tc.wantDays {
			t.Errorf("%q/%q: days %d, err %v; want %d", tc.days, tc.model, c.ReassessDays, err, tc.wantDays)
		}
	}
}
