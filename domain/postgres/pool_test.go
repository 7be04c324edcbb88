package postgres_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain/postgres"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
)

// busyPool runs as many queries at once as the pool may open, then lets them end.
func busyPool(t *testing.T, db *postgres.DB, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := db.SQL.ExecContext(context.Background(), "SELECT pg_sleep(0.3)"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

// TestPoolKeepsItsConnections fills the pool with concurrent queries twice: every connection opened
// for the first burst stays open for the second (no PostgreSQL sessions churn at full concurrency),
// by default and with a configured size.
func TestPoolKeepsItsConnections(t *testing.T) {
	for _, tc := range []struct {
		name string
		pool *postgres.Pool
		want int
	}{
		{"Default", nil, postgres.DefaultPool.MaxConns},
		{"Configured", &postgres.Pool{MaxConns: 8, MaxIdleTime: time.Minute}, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := postgres.Open(context.Background(), pgtest.NewURL(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if tc.pool != nil {
				db.SizePool(*tc.pool)
			}
			busyPool(t, db, tc.want)
			first := db.SQL.Stats()
			busyPool(t, db, tc.want)
			st := db.SQL.Stats()
			if st.OpenConnections != tc.want || st.Idle != tc.want {
				t.Errorf("after a burst of %d: %d open, %d idle; want all %d kept", tc.want, st.OpenConnections, st.Idle, tc.want)
			}
			if st.MaxIdleClosed != 0 || st.OpenConnections != first.OpenConnections {
				t.Errorf("%d connections closed for exceeding the idle limit; the pool churns", st.MaxIdleClosed)
			}
		})
	}
}
