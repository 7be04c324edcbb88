package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/redline-regulator/redline/domain"
)

// Outbox reads the transactional outbox for the relay.
type Outbox struct{ DB *DB }

// Relay hands up to limit pending messages, oldest first, to publish and marks those it published
// (publish says how many of them, from the first, it published). Rows are locked with SKIP LOCKED,
// so two relays never publish the same batch at once; a relay that dies after publishing and before
// committing leaves the rows pending, and the next publish of the same messages is absorbed by the
// queue's task-id check or by the tasks' own idempotency.
func (o *Outbox) Relay(ctx context.Context, limit int, publish func(context.Context, []domain.Message) (int, error)) (int, error) {
	n := 0
	err := o.DB.inTx(ctx, func(tx *gorm.DB) error {
		var rows []outboxRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).
			Where("enqueued_at IS NULL").Order("created_at, id").Limit(limit).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		msgs := make([]domain.Message, len(rows))
		for i, r := range rows {
			msgs[i] = domain.Message{ID: r.ID, Topic: r.Topic, Payload: r.Payload}
		}
		published, pubErr := publish(ctx, msgs)
		n = min(max(published, 0), len(rows))
		if n > 0 {
			if err := markEnqueued(tx, rows[:n], time.Now().UTC()); err != nil {
				return err
			}
		}
		return pubErr
	})
	return n, mapError(err, "relay outbox")
}

// markEnqueued marks relayed messages by their whole key, id and creation time (the outbox is
// partitioned by creation time): one index look-up per message in its month's partition. By id
// alone (`id IN (…)`) PostgreSQL cannot use the key's uniqueness and, without fresh statistics,
// scanned every message of the month for each relayed batch (70 ms per batch of 200 at 100,000
// messages, growing with the outbox; 5 ms this way).
func markEnqueued(tx *gorm.DB, rows []outboxRow, at time.Time) error {
	var q strings.Builder
	q.WriteString("UPDATE outbox o SET enqueued_at = ? FROM (VALUES ")
	args := make([]any, 0, 1+2*len(rows))
	args = append(args, at)
	for i, r := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?::uuid, ?::timestamptz)")
		args = append(args, r.ID, r.CreatedAt)
	}
	q.WriteString(") AS d (id, created_at) WHERE o.id = d.id AND o.created_at = d.created_at")
	res := tx.Exec(q.String(), args...)
	if res.Error == nil && res.RowsAffected != int64(len(rows)) {
		return fmt.Errorf("relay: marked %d of %d relayed messages", res.RowsAffected, len(rows))
	}
	return res.Error
}

// Prune removes messages published more than olderThan ago. The outbox is partitioned by month
// (migration 00031): a month that ended before the cutoff and whose every message was published
// before it is dropped whole (redline_prune_outbox, migration 00036); a month
// that still holds a message not published, or published since, is kept whole for a later run.
// Only the default partition (messages dated outside every monthly partition) is pruned row by
// row. It returns how many messages went.
func (o *Outbox) Prune(ctx context.Context, olderThan time.Duration) (int64, error) {
	cutoff := time.Now().UTC().Add(-olderThan)
	var months int64
	if err := o.DB.Gorm.WithContext(ctx).Raw("SELECT redline_prune_outbox(?)", cutoff).Scan(&months).Error; err != nil {
		return 0, mapError(err, "prune outbox months")
	}
	res := o.DB.Gorm.WithContext(ctx).Exec("DELETE FROM outbox_default WHERE enqueued_at < ?", cutoff)
	if res.Error != nil {
		return months, mapError(res.Error, "prune outbox")
	}
	// The kept answers of idempotent mutations expire with the same periodic task.
	if _, err := (&IdempotencyStore{DB: o.DB}).Prune(ctx, domain.IdempotencyTTL); err != nil {
		return months + res.RowsAffected, err
	}
	return months + res.RowsAffected, nil
}

// Pending counts messages not yet published.
func (o *Outbox) Pending(ctx context.Context) (int64, error) {
	var n int64
	err := o.DB.Gorm.WithContext(ctx).Model(&outboxRow{}).Where("enqueued_at IS NULL").Count(&n).Error
	return n, mapError(err, "count outbox")
}

// Write stores messages in the outbox outside any other change; used by maintenance tasks and tests.
func (o *Outbox) Write(ctx context.Context, msgs ...domain.Message) error {
	return mapError(o.DB.inTx(ctx, func(tx *gorm.DB) error { return writeMessages(tx, msgs) }), "write outbox")
}
