package workers_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/workers"
)

// These tests stop workers while a task is in flight. The task is a deadline check whose handler
// waits on the complaint's row lock, which the test holds: a real handler, stopped mid-task, with
// no test hook in the code.

// eventually polls cond every 100 ms until it holds or limit passes (a bound against hanging, not
// a speed assertion).
func eventually(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("gave up after %s waiting for %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// lockComplaint holds the complaint's row lock until the returned function is called.
func (p *platform) lockComplaint(t *testing.T, id string) (release func()) {
	t.Helper()
	tx, err := p.env.App.DB.SQL.BeginTx(context.Background(), &sql.TxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("SELECT 1 FROM complaints WHERE id = $1 FOR UPDATE", id); err != nil {
		t.Fatal(err)
	}
	done := false
	release = func() {
		if !done {
			done = true
			_ = tx.Commit()
		}
	}
	t.Cleanup(release)
	return release
}

// waitingOnLock reports whether a session of the test database waits for a row lock: the handler
// is in flight.
func (p *platform) waitingOnLock(t *testing.T) bool { return p.waitingOnLocks(t) > 0 }

// waitingOnLocks counts the sessions of the test database that wait for a lock.
func (p *platform) waitingOnLocks(t *testing.T) int {
	return p.count(t, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
}

// enqueueCheck enqueues the check of clock d now, under its usual task id, kept after completion.
func (p *platform) enqueueCheck(t *testing.T, d domain.Deadline) string {
	t.Helper()
	task, id, err := workers.NewDeadlineCheckTask(d.ID, d.DueAt)
	if err != nil {
		t.Fatal(err)
	}
	client := asynq.NewClient(p.env.App.RedisOpt)
	defer client.Close()
	if _, err := client.Enqueue(task, asynq.TaskID(id), asynq.Retention(time.Hour)); err != nil {
		t.Fatal(err)
	}
	return id
}

func (p *platform) taskInfo(t *testing.T, id string) *asynq.TaskInfo {
	t.Helper()
	return p.taskInfoIn(t, workers.QueueCritical, id)
}

func (p *platform) taskInfoIn(t *testing.T, queue, id string) *asynq.TaskInfo {
	t.Helper()
	ins := asynq.NewInspector(p.env.App.RedisOpt)
	defer ins.Close()
	info, err := ins.GetTaskInfo(queue, id)
	if err != nil {
		t.Fatalf("task %s: %v", id, err)
	}
	return info
}

// startServer runs an in-process worker with the platform's handlers and the production
// configuration, changed by edit.
func (p *platform) startServer(t *testing.T, edit func(c *asynq.Config)) *asynq.Server {
	t.Helper()
	cfg := workers.ServerConfig(2)
	cfg.LogLevel = asynq.FatalLevel
	cfg.DelayedTaskCheckInterval = 200 * time.Millisecond
	if edit != nil {
		edit(&cfg)
	}
	srv := asynq.NewServer(p.env.App.RedisOpt, cfg)
	if err := srv.Start(p.h.Mux()); err != nil {
		t.Fatal(err)
	}
	return srv
}

// TestWorkerKilledMidTask builds the redline binary, runs `redline work`, kills it (SIGKILL) while
// it is in the middle of a deadline check that records a breach and of a complaint's routing, and
// starts another worker: asynq's recoverer finds the orphaned tasks once their lease has lapsed
// (30 s, then up to a minute for the recoverer's round), retries them, and the breach and the
// routing are each recorded exactly once.
func TestWorkerKilledMidTask(t *testing.T) {
	p := newPlatform(t)
	c, d := p.forwardedAgo(t, 20*24*time.Hour)
	filed := p.file(t, false)
	bin := filepath.Join(t.TempDir(), "redline")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/redline-regulator/redline/cmd/redline").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	release := p.lockComplaint(t, c.ID)
	releaseFiled := p.lockComplaint(t, filed.ID)
	id := p.enqueueCheck(t, d)
	route, err := workers.NewComplaintRouteTask(filed.ID)
	if err != nil {
		t.Fatal(err)
	}
	client := asynq.NewClient(p.env.App.RedisOpt)
	defer client.Close()
	const routeID = "kill-test:route"
	if _, err := client.Enqueue(route, asynq.TaskID(routeID), asynq.Retention(time.Hour)); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	cmd := exec.Command(bin, "work")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "DATABASE_URL="+p.env.App.Config.DatabaseURL, "REDIS_URL="+p.env.App.Config.RedisURL,
		"REDLINE_ENV=dev", "REDLINE_WORKER_CONCURRENCY=2", "LOG_LEVEL=warn")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	eventually(t, 60*time.Second, "the worker process to take both tasks", func() bool { return p.waitingOnLocks(t) == 2 })
	for _, info := range []*asynq.TaskInfo{p.taskInfo(t, id), p.taskInfoIn(t, workers.QueueDefault, routeID)} {
		if info.State != asynq.TaskStateActive {
			t.Fatalf("task %s state %s while the worker holds it, want active\n%s", info.ID, info.State, logs.String())
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	killed = true
	release()
	releaseFiled()
	eventually(t, apptest.Patience, "the killed worker's database sessions to end", func() bool { return !p.waitingOnLock(t) })
	if n, r := p.events(t, c.ID, domain.ActionDeadlineBreached), p.events(t, filed.ID, domain.ActionRoute); n != 0 || r != 0 {
		t.Fatalf("the killed worker recorded %d breaches and %d routings", n, r)
	}

	srv := p.startServer(t, func(c *asynq.Config) {
		c.RetryDelayFunc = func(int, error, *asynq.Task) time.Duration { return 0 }
	})
	defer srv.Shutdown()
	eventually(t, 3*time.Minute, "the orphaned tasks to be recovered and retried", func() bool {
		return p.taskInfo(t, id).State == asynq.TaskStateCompleted && p.taskInfoIn(t, workers.QueueDefault, routeID).State == asynq.TaskStateCompleted
	})
	for _, info := range []*asynq.TaskInfo{p.taskInfo(t, id), p.taskInfoIn(t, workers.QueueDefault, routeID)} {
		if info.Retried < 1 {
			t.Errorf("task %s completed with %d retries, want a retry after the lease lapsed", info.ID, info.Retried)
		}
		t.Logf("recovered %s: retried %d, last error %q", info.ID, info.Retried, info.LastErr)
	}
	if n := p.events(t, c.ID, domain.ActionDeadlineBreached); n != 1 {
		t.Errorf("%d breach events, want exactly 1", n)
	}
	if n := p.events(t, filed.ID, domain.ActionRoute); n != 1 {
		t.Errorf("%d routing events, want exactly 1", n)
	}
}

// TestGracefulShutdown stops a worker with a task in flight: within ShutdownTimeout the task
// finishes and is not run again; past it the task goes back to the queue and the next worker runs
// it, with the effect applied once either way.
func TestGracefulShutdown(t *testing.T) {
	if workers.ShutdownTimeout < 10*time.Second {
		t.Errorf("ShutdownTimeout %s leaves running tasks little time", workers.ShutdownTimeout)
	}
	p := newPlatform(t)

	t.Run("FinishesInFlightTask", func(t *testing.T) {
		c, d := p.forwardedAgo(t, 20*24*time.Hour)
		release := p.lockComplaint(t, c.ID)
		id := p.enqueueCheck(t, d)
		srv := p.startServer(t, func(c *asynq.Config) { c.ShutdownTimeout = time.Minute })
		eventually(t, apptest.Patience, "the worker to take the task", func() bool { return p.waitingOnLock(t) })
		stopped := make(chan struct{})
		go func() { srv.Shutdown(); close(stopped) }()
		select {
		case <-stopped:
			t.Fatal("Shutdown returned while a task was still running")
		case <-time.After(500 * time.Millisecond):
		}
		release()
		<-stopped
		if info := p.taskInfo(t, id); info.State != asynq.TaskStateCompleted {
			t.Errorf("task %s after shutdown, want completed", info.State)
		}
		if n := p.events(t, c.ID, domain.ActionDeadlineBreached); n != 1 {
			t.Errorf("%d breach events, want 1", n)
		}
	})

	t.Run("ReturnsTaskPastTimeout", func(t *testing.T) {
		c, d := p.forwardedAgo(t, 20*24*time.Hour)
		release := p.lockComplaint(t, c.ID)
		id := p.enqueueCheck(t, d)
		srv := p.startServer(t, func(c *asynq.Config) { c.ShutdownTimeout = time.Second })
		eventually(t, apptest.Patience, "the worker to take the task", func() bool { return p.waitingOnLock(t) })
		srv.Shutdown()
		if info := p.taskInfo(t, id); info.State != asynq.TaskStatePending {
			t.Fatalf("task %s after a shutdown past its timeout, want pending (handed back)", info.State)
		}
		release() // the abandoned handler may now finish; the next worker's run must change nothing
		next := p.startServer(t, nil)
		defer next.Shutdown()
		eventually(t, apptest.Patience, "the next worker to run the returned task", func() bool {
			return p.taskInfo(t, id).State == asynq.TaskStateCompleted
		})
		if n := p.events(t, c.ID, domain.ActionDeadlineBreached); n != 1 {
			t.Errorf("%d breach events, want 1", n)
		}
	})
}

// TestOneScheduler runs two schedulers against one Redis: only the lease holder registers the
// periodic tasks; when it stops, the other takes over.
func TestOneScheduler(t *testing.T) {
	p := newPlatform(t)
	ins := asynq.NewInspector(p.env.App.RedisOpt)
	defer ins.Close()
	client := asynq.NewClient(p.env.App.RedisOpt)
	defer client.Close()
	relay := &workers.Relay{Outbox: p.env.App.Outbox, Client: client}
	entries := func() int {
		es, err := ins.SchedulerEntries()
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	cancels := map[string]context.CancelFunc{}
	done := map[string]chan error{}
	for _, holder := range []string{"a", "b"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancels[holder], done[holder] = cancel, make(chan error, 1)
		go func() { done[holder] <- workers.RunScheduler(ctx, p.env.App.RedisOpt, p.env.App.Redis, relay, holder) }()
	}
	defer func() {
		for _, c := range cancels {
			c()
		}
	}()
	want := len(workers.Periodic())
	eventually(t, apptest.Patience, "a scheduler to register the periodic tasks", func() bool { return entries() >= want })
	leader := p.env.App.Redis.Get(context.Background(), "redline:scheduler:leader").Val()
	// The schedulers' heartbeats write their entries every 5 s; after two rounds a second
	// scheduler would show.
	for range 12 {
		if n := entries(); n != want {
			t.Fatalf("%d periodic entries registered, want %d: more than one scheduler runs", n, want)
		}
		time.Sleep(time.Second)
	}
	standby := map[string]string{"a": "b", "b": "a"}[leader]
	if standby == "" {
		t.Fatalf("lease holder %q is neither scheduler", leader)
	}
	cancels[leader]()
	if err := <-done[leader]; err != nil {
		t.Fatalf("leader stopped with %v", err)
	}
	eventually(t, apptest.Patience, "the standby to take the lease", func() bool {
		return p.env.App.Redis.Get(context.Background(), "redline:scheduler:leader").Val() == standby
	})
	eventually(t, apptest.Patience, "the standby to register the periodic tasks", func() bool { return entries() == want })
}
