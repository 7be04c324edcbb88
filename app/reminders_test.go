package app

import (
	"slices"
	"testing"
	"time"
)

func TestDeadlineRemindersFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		want        []time.Duration
		err         bool
	}{
		{"Default", "", []time.Duration{72 * time.Hour, 24 * time.Hour}, false},
		{"Custom", "48h, 2h30m", []time.Duration{48 * time.Hour, 150 * time.Minute}, false},
		{"None", "none", []time.Duration{}, false},
		{"ErrNotADuration", "3 days", nil, true},
		{"ErrTooShort", "30s", nil, true},
		{"ErrTwice", "24h,24h", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("REDLINE_DEADLINE_REMINDERS", tc.value)
			got, err := remindersFromEnv()
			if tc.err {
				if err == nil {
					t.Fatalf("got %v, want an error", got)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
