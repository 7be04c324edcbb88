package postgres

import "github.com/redline-regulator/redline/domain"

// StatsPlanTable names the table the planner reads for a query ("stats_contributions" when no
// rollup answers it).
func StatsPlanTable(q domain.StatsQuery) string {
	if p := planStats(q); p.rollup != nil {
		return p.rollup.table()
	}
	return "stats_contributions"
}

// MapErrorForTest is mapError, for tests that write with plain SQL.
func MapErrorForTest(err error) error { return mapError(err, "test") }
