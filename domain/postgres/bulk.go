package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/pressly/goose/v3"

	"github.com/redline-regulator/redline/migrations"
)

// RequireMigrated fails, saying what to run, when a migration is not applied: bulk commands write
// to the schema directly and would otherwise fail half-way with a missing column.
func (db *DB) RequireMigrated(ctx context.Context) error {
	p, err := goose.NewProvider(goose.DialectPostgres, db.SQL, migrations.FS, goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("migrate: status: %w", err)
	}
	if pending {
		return errors.New("the database is not migrated: run `redline migrate up` first")
	}
	return nil
}

// withPgx runs f on one of the pool's connections (the request pool's for an API request) as a
// native pgx connection, for what database/sql cannot do: COPY FROM STDIN, pipelines.
func (db *DB) withPgx(ctx context.Context, f func(*pgx.Conn) error) error {
	conn, err := db.poolFor(ctx).Conn(ctx)
	if err != nil {
		return fmt.Errorf("postgres: connection: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := pgxConn(dc)
		if !ok {
			return fmt.Errorf("postgres: driver connection is %T, not pgx", dc)
		}
		return f(c)
	})
}

// inPgxTx runs f in a transaction on a native pgx connection, committing if it returns nil.
func (db *DB) inPgxTx(ctx context.Context, f func(pgx.Tx) error) error {
	return db.withPgx(ctx, func(c *pgx.Conn) error {
		return beginFunc(ctx, c, f)
	})
}

// institutionIDs adds the id of each institution named in names to ids, by name.
//
// A name is found by its key (institution_name_key, migration 00070): an imported company named as
// an institution of the registry is named, or as one of its English names or aliases, is that
// institution (the imports' inserts leave such names out, and all but the first of several names with one key
// in a batch: one refused row would fail the batch).
func institutionIDs(ctx context.Context, tx pgx.Tx, names []string, ids map[string]int64) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT ON (n) k.institution_id, n
		FROM unnest($1::text[]) AS n JOIN institution_name_keys k ON k.key = institution_name_key(n)
		ORDER BY n, k.grandfathered, k.institution_id`, names)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		ids[name] = id
	}
	return rows.Err()
}
