package workers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// NewServer builds the asynq server that runs task handlers. Shutdown waits up to 25 s for running
// tasks to finish and hands the rest back to the queue.
func NewServer(opt asynq.RedisConnOpt, concurrency int) *asynq.Server {
	return asynq.NewServer(opt, ServerConfig(concurrency))
}

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
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			slog.ErrorContext(ctx, "task failed", "type", t.Type(), "err", err)
		}),
	}
}

// Periodic lists the scheduler's periodic tasks.
func Periodic() []PeriodicTask {
	return []PeriodicTask{
		{Spec: "@daily", Task: asynq.NewTask(TypeOutboxPrune, nil, asynq.Queue(QueueLow))},
		{Spec: "@every 1m", Task: NewDeadlineSweepTask()},
		// Uploads never attached expire after 24 hours; their files go within the hour after.
		{Spec: "@hourly", Task: NewEvidenceSweepTask()},
		// Statistics: recompute the recent period at night (China time), look for alerts hourly.
		{Spec: "30 19 * * *", Task: asynq.NewTask(TypeStatsRebuild, nil, asynq.Queue(QueueLow), asynq.MaxRetry(3))},
		{Spec: "@hourly", Task: asynq.NewTask(TypeStatsAlerts, nil, asynq.Queue(QueueLow), asynq.MaxRetry(3))},
	}
}

// PeriodicTask is a task the scheduler enqueues on a cron spec.
type PeriodicTask struct {
	Spec string
	Task *asynq.Task
}

const leaderKey = "redline:scheduler:leader"

// RunScheduler runs the periodic scheduler and the outbox relay until ctx is done. Only one
// scheduler may run: it holds a lease in Redis, and a second one stands by until the lease lapses.
func RunScheduler(ctx context.Context, opt asynq.RedisConnOpt, rdb redis.UniversalClient, relay *Relay, holder string) error {
	const lease = 15 * time.Second
	for {
		ok, err := rdb.SetNX(ctx, leaderKey, holder, lease).Result()
		if err != nil && ctx.Err() == nil {
			return fmt.Errorf("scheduler: take the lease in Redis: %w", err)
		}
		if ok {
			break
		}
		slog.Warn("another scheduler is running; standing by", "holder", rdb.Get(ctx, leaderKey).Val())
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(5 * time.Second):
		}
	}
	slog.Info("scheduler started", "holder", holder)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()

	s := asynq.NewScheduler(opt, &asynq.SchedulerOpts{Location: time.UTC, Logger: slogAdapter{}, LogLevel: asynq.WarnLevel})
	for _, p := range Periodic() {
		if _, err := s.Register(p.Spec, p.Task); err != nil {
			return fmt.Errorf("scheduler: register %s: %w", p.Task.Type(), err)
		}
	}
	if err := s.Start(); err != nil {
		return fmt.Errorf("scheduler: %w", err)
	}
	defer s.Shutdown()
	go relay.Run(runCtx)

	renew := time.NewTicker(lease / 3)
	defer renew.Stop()
	for {
		select {
		case <-ctx.Done():
			// Hand the lease back so a standby takes over at once.
			rdb.Eval(context.Background(), `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`, []string{leaderKey}, holder)
			return nil
		case <-renew.C:
			ok, err := rdb.Eval(ctx, `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end return 0`,
				[]string{leaderKey}, holder, lease.Milliseconds()).Int()
			if err != nil && !errors.Is(err, context.Canceled) {
				slog.Error("scheduler: renew lease", "err", err)
			}
			if err == nil && ok == 0 {
				return errors.New("scheduler: lost the leader lease; another scheduler took over")
			}
		}
	}
}

// slogAdapter sends asynq's logs to slog.
type slogAdapter struct{}

func (slogAdapter) Debug(args ...any) { slog.Debug(fmt.Sprint(args...)) }
func (slogAdapter) Info(args ...any)  { slog.Info(fmt.Sprint(args...)) }
func (slogAdapter) Warn(args ...any)  { slog.Warn(fmt.Sprint(args...)) }
func (slogAdapter) Error(args ...any) { slog.Error(fmt.Sprint(args...)) }
func (slogAdapter) Fatal(args ...any) { slog.Error(fmt.Sprint(args...)) }
