package app

import (
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain/postgres"
)

func TestPoolFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name, conns, idle string
		want              postgres.Pool
		err               bool
	}{
		{"Default", "", "", postgres.DefaultPool, false},
		{"Custom", "64", "90s", postgres.Pool{MaxConns: 64, MaxIdleTime: 90 * time.Second}, false},
		{"ErrZeroConns", "0", "", postgres.Pool{}, true},
		{"ErrNotADuration", "", "five minutes", postgres.Pool{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("REDLINE_DB_MAX_CONNS", tc.conns)
			t.Setenv("REDLINE_DB_MAX_IDLE_TIME", tc.idle)
			got, err := poolFromEnv()
			if tc.err {
				if err == nil {
					t.Fatalf("got %+v, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}
