package workers

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// DefaultConcurrency is the task goroutines of a work process when REDLINE_WORKER_CONCURRENCY is
// not set: two per core (GOMAXPROCS), at least 4. Routing, statistics and notifications are CPU
// on both sides (the worker and its PostgreSQL backends, one per goroutine in a transaction):
// two per core keep the cores busy while half of them wait for a round trip, and every goroutine
// more adds a backend that costs CPU without adding any. On two cores, 10 goroutines cost 1.55 ms
// of CPU per routed complaint in bench route, 4 cost 1.38-1.46 and 20 cost 2.03: each backend
// more makes every statement dearer (the busy index and heap pages are shared by more sessions)
// and plans each statement once more (docs/BENCHMARKS.md, "Routing, session 12"). Webhook
// deliveries, which wait on receivers, have goroutines of their own (DefaultWebhookConcurrency).
func DefaultConcurrency() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// ShutdownTimeout is how long a worker that is told to stop waits for its running tasks before it
// hands them back to the queue (another worker then runs them; every handler is idempotent).
const ShutdownTimeout = 25 * time.Second

// ServerConfig is the asynq configuration of the workers.
func ServerConfig(concurrency int) asynq.Config {
	return asynq.Config{
		Concurrency:     concurrency,
		Queues:          Queues,
		ShutdownTimeout: ShutdownTimeout,
		Logger:          slogAdapter{},
		LogLevel:        asynq.WarnLevel,
		RetryDelayFunc:  RetryDelay,
		// Retries and tasks handed back by a dead worker's recovery become runnable within a second
		// (asynq's default looks every 5 s).
		DelayedTaskCheckInterval: time.Second,
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			slog.ErrorContext(ctx, "task failed", "type", t.Type(), "err", err)
		}),
	}
}

// DefaultWebhookConcurrency is how many webhook deliveries a worker process attempts at once
// (REDLINE_WEBHOOK_CONCURRENCY): with WebhookTimeout an attempt, four receivers that never answer
// slow the deliveries to 24 a minute, and nothing else.
const DefaultWebhookConcurrency = 4

// WebhookServerConfig is the asynq configuration of the webhook deliveries' server: the workers'
// configuration on the webhook queue alone, with its own concurrency.
func WebhookServerConfig(concurrency int) asynq.Config {
	c := ServerConfig(concurrency)
	c.Queues = WebhookQueues
	return c
}

// Periodic lists the scheduler's periodic tasks.
func Periodic() []PeriodicTask {
	return []PeriodicTask{
		{Spec: "@daily", Task: asynq.NewTask(TypeOutboxPrune, nil, asynq.Queue(QueueLow))},
		// The history and the outbox are partitioned by month: the coming months' partitions are
		// created hourly (idempotent), long before their first row.
		{Spec: "@hourly", Task: asynq.NewTask(TypePartitionsCreate, nil, asynq.Queue(QueueLow), asynq.MaxRetry(3))},
		{Spec: "@every 1m", Task: NewDeadlineSweepTask()},
		// Uploads never attached expire after 24 hours; their files go within the hour after.
		{Spec: "@hourly", Task: NewEvidenceSweepTask()},
		// Registration links expire after 24 hours; their rows go within the hour after.
		{Spec: "@hourly", Task: NewRegistrationSweepTask()},
		// Rule reassessments whose task was lost (Redis restarted empty) are queued again.
		{Spec: "@every 5m", Task: NewRulesReassessWatchTask()},
		// Statistics: recompute the recent period at night (China time), look for alerts hourly.
		{Spec: "30 19 * * *", Task: asynq.NewTask(TypeStatsRebuild, nil, asynq.Queue(QueueLow), asynq.MaxRetry(3))},
		{Spec: "@hourly", Task: asynq.NewTask(TypeStatsAlerts, nil, asynq.Queue(QueueLow), asynq.MaxRetry(3))},
		// Differences a batch staged and a dead worker never folded go into the rollups within a minute.
		{Spec: "@every 1m", Task: NewStatsFoldTask()},
	}
}

// PeriodicTask is a task the scheduler enqueues on a cron spec.
type PeriodicTask struct {
	Spec string
	Task *asynq.Task
}

const leaderKey = "redline:scheduler:leader"

// schedulerLease is how long the leader's lease lasts without renewal; it is renewed every third of
// that, so a standby takes over within one lease of the leader's end.
const schedulerLease = 15 * time.Second

// takeLease sets the lease to holder when it is free or already holder's, and extends it; it
// returns 0 when another scheduler holds it. Redis restarted empty is a free lease.
var takeLease = redis.NewScript(`
local v = redis.call("get", KEYS[1])
if v == false or v == ARGV[1] then
  redis.call("set", KEYS[1], ARGV[1], "PX", ARGV[2])
  return 1
end
return 0`)

// RunScheduler runs the periodic scheduler and the outbox relay until ctx is done. Only one
// scheduler may run: it holds a lease in Redis, and a second one stands by until the lease lapses.
// Nothing but a bad periodic task ends it early: when Redis is unreachable or the lease is lost the
// scheduler steps down (stops the relay and the periodic tasks) and keeps trying to take the lease
// again, waiting longer after each failure (up to 15 s), so a restarted Redis needs no restarted
// scheduler (docs/FAULTS.md).
func RunScheduler(ctx context.Context, opt asynq.RedisConnOpt, rdb redis.UniversalClient, relay *Relay, holder string) error {
	wait := retryBackoff{min: 250 * time.Millisecond, max: schedulerLease}
	standing := false
	for {
		var pause time.Duration
		ok, err := takeLease.Run(ctx, rdb, []string{leaderKey}, holder, schedulerLease.Milliseconds()).Int()
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			pause = wait.next()
			slog.Warn("scheduler: cannot reach Redis to take the lease; will retry", "err", err, "retry_in", pause)
		case ok == 0:
			if !standing {
				slog.Warn("another scheduler is running; standing by", "holder", rdb.Get(ctx, leaderKey).Val())
				standing = true
			}
			wait.reset()
			pause = schedulerLease / 3
		default:
			standing = false
			wait.reset()
			if err := lead(ctx, opt, rdb, relay, holder); err != nil {
				return err
			}
			pause = wait.next() // after stepping down, try again soon
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(pause):
		}
	}
}

// lead runs the periodic tasks and the relay while holder keeps the lease. It returns nil when ctx
// is done or the lease is lost (taken by another scheduler, or not renewed for a whole lease
// because Redis is unreachable), and an error only when the periodic tasks cannot be registered.
func lead(ctx context.Context, opt asynq.RedisConnOpt, rdb redis.UniversalClient, relay *Relay, holder string) error {
	s := asynq.NewScheduler(opt, &asynq.SchedulerOpts{Location: time.UTC, Logger: slogAdapter{}, LogLevel: asynq.WarnLevel})
	for _, p := range Periodic() {
		if _, err := s.Register(p.Spec, p.Task); err != nil {
			return fmt.Errorf("scheduler: register %s: %w", p.Task.Type(), err)
		}
	}
	if err := s.Start(); err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	slog.Info("scheduler started", "holder", holder)
	runCtx, cancel := context.WithCancel(ctx)
	relayDone := make(chan struct{})
	go func() { defer close(relayDone); relay.Run(runCtx) }()
	defer func() {
		cancel()
		<-relayDone
		s.Shutdown()
	}()

	renewed := time.Now()
	renew := time.NewTicker(schedulerLease / 3)
	defer renew.Stop()
	for {
		select {
		case <-ctx.Done():
			// Hand the lease back so a standby takes over at once.
			rdb.Eval(context.Background(), `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`, []string{leaderKey}, holder)
			return nil
		case <-renew.C:
			ok, err := takeLease.Run(ctx, rdb, []string{leaderKey}, holder, schedulerLease.Milliseconds()).Int()
			switch {
			case ctx.Err() != nil:
			case err == nil && ok == 1:
				renewed = time.Now()
			case err == nil:
				slog.Warn("scheduler: another scheduler holds the lease; stepping down", "holder", holder)
				return nil
			case time.Since(renewed) >= schedulerLease:
				slog.Warn("scheduler: lease not renewed for a whole lease (Redis unreachable); stepping down", "err", err)
				return nil
			default:
				slog.Warn("scheduler: renew lease; will retry", "err", err)
			}
		}
	}
}

// retryBackoff doubles the wait after each failure, from min up to max.
type retryBackoff struct{ min, max, cur time.Duration }

func (b *retryBackoff) next() time.Duration {
	d := max(b.cur, b.min)
	b.cur = min(2*d, b.max)
	return d
}

func (b *retryBackoff) reset() { b.cur = 0 }

// slogAdapter sends asynq's logs to slog.
type slogAdapter struct{}

func (slogAdapter) Debug(args ...any) { slog.Debug(fmt.Sprint(args...)) }
func (slogAdapter) Info(args ...any)  { slog.Info(fmt.Sprint(args...)) }
func (slogAdapter) Warn(args ...any)  { slog.Warn(fmt.Sprint(args...)) }
func (slogAdapter) Error(args ...any) { slog.Error(fmt.Sprint(args...)) }
func (slogAdapter) Fatal(args ...any) { slog.Error(fmt.Sprint(args...)) }
