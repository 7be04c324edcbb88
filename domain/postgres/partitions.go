package postgres

import "context"

// MonthsAhead is how many months after the current one have their history and outbox partitions
// ready; the periodic task runs hourly, so a month's partition exists about three months before
// its first row.
const MonthsAhead = 3

// Partitions keeps the monthly partitions of the complaint history and the outbox (migration
// 00031) ahead of time.
type Partitions struct{ DB *DB }

// CreateAhead creates the partitions of the current month and of the MonthsAhead months after it
// that do not exist yet, moving any rows of those months out of the default partition, and says
// how many it created. Running it again creates nothing.
func (p *Partitions) CreateAhead(ctx context.Context) (int, error) {
	var n int
	err := p.DB.SQL.QueryRowContext(ctx, `SELECT redline_create_monthly_partitions($1)`, MonthsAhead).Scan(&n)
	return n, mapError(err, "create monthly partitions")
}
