package app

import (
	"strings"
	"testing"
)

// TestMaxAppraisalDaysFromEnv (attack round 30): REDLINE_MAX_APPRAISAL_DAYS sets the longest pause
// for an outside appraisal, 1 to 365 days; anything else stops the binary at start with the name.
func TestMaxAppraisalDaysFromEnv(t *testing.T) {
	t.Setenv("REDLINE_ENV", "dev")
	for _, v := range []string{"0", "-1", "366", "60d", "sixty"} {
		t.Setenv("REDLINE_MAX_APPRAISAL_DAYS", v)
		if _, err := ConfigFromEnv(); err == nil || !strings.Contains(err.Error(), "REDLINE_MAX_APPRAISAL_DAYS") {
			t.Errorf("REDLINE_MAX_APPRAISAL_DAYS=%s: %v, want an error naming it", v, err)
		}
	}
	for v, want := range map[string]int{"": 0, "1": 1, " 90 ": 90, "365": 365} {
		t.Setenv("REDLINE_MAX_APPRAISAL_DAYS", v)
		c, err := ConfigFromEnv()
		if err != nil || c.MaxAppraisalDays != want {
			t.Errorf("REDLINE_MAX_APPRAISAL_DAYS=%q: %d, %v; want %d", v, c.MaxAppraisalDays, err, want)
		}
	}
}
