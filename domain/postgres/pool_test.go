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

// TestRequestPoolKeepsItsConnections does the same for the pool of API requests (the one with the
// statement timeout), sized with the main pool before or after it is opened.
func TestRequestPoolKeepsItsConnections(t *testing.T) {
	for _, before := range []bool{true, false} {
		url := pgtest.NewURL(t)
		db, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		size := postgres.Pool{MaxConns: 24, MaxIdleTime: time.Minute} // more than the 16 once kept idle
		if before {
			db.SizePool(size)
		}
		if err := db.EnableRequestTimeout(url, time.Minute); err != nil {
			t.Fatal(err)
		}
		if !before {
			db.SizePool(size)
		}
		for range 2 {
			var wg sync.WaitGroup
			for range size.MaxConns {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := db.Requests.ExecContext(context.Background(), "SELECT pg_sleep(0.3)"); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
		}
		if st := db.Requests.Stats(); st.OpenConnections != size.MaxConns || st.Idle != size.MaxConns || st.MaxIdleClosed != 0 {
			t.Errorf("sized before opening: %v; request pool after two bursts of %d: %d open, %d idle, %d closed for the idle limit",
				before, size.MaxConns, st.OpenConnections, st.Idle, st.MaxIdleClosed)
		}
	}
}
