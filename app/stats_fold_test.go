package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/redline-regulator/redline/api"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/workers"
)

// TestStatsFoldTask: a routed batch whose worker died between staging its statistics and folding
// them leaves them pending; /metrics shows the backlog (redline_stats_pending and the age of the
// oldest), the scheduler runs stats:fold every minute, and that task folds them into the
// aggregates: the analyst's figures count the complaints, and the backlog is 0 again.
func TestStatsFoldTask(t *testing.T) {
	ctx := context.Background()
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	env.Register(t, "fold@example.cn")
	tok := env.Login(t, "fold@example.cn", "correct-horse-42")
	var ids []string
	for range 3 {
		ids = append(ids, env.MustDo(t, tok, fileQuery, map[string]any{"i": fileInput()})["fileComplaint"].(map[string]any)["id"].(string))
	}

	h, err := env.App.Handler()
	if err != nil {
		t.Fatal(err)
	}
	metric := func(name string) float64 {
		t.Helper()
		rec := httptest.NewRecorder()
		h.(*api.Server).MetricsHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindStringSubmatch(rec.Body.String())
		if rec.Code != http.StatusOK || m == nil {
			t.Fatalf("/metrics: %d, no %s in %.400s", rec.Code, name, rec.Body.String())
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		return v
	}
	counted := func() int64 {
		var n int64
		if err := env.App.DB.Gorm.Raw("SELECT coalesce(sum(n), 0) FROM stats_r_all WHERE grain = 'D'").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	if p := metric("redline_stats_pending"); p != 0 {
		t.Fatalf("redline_stats_pending %v before any batch, want 0", p)
	}

	// The batch's worker: its fold waits for a running fold (another session holds the lock),
	// and that session dies before it folds.
	dying, err := pgx.Connect(ctx, env.App.Config.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dying.Exec(ctx, "SELECT pg_advisory_lock(hashtextextended('redline stats fold', 11))"); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Stats.ApplyMany(ctx, ids); err != nil {
		t.Fatal(err)
	}
	dying.Close(ctx)
	if p, age, n := metric("redline_stats_pending"), metric("redline_stats_pending_oldest_seconds"), counted(); p != 3 || age <= 0 || n != 0 {
		t.Fatalf("after the worker died: redline_stats_pending %v, oldest %vs, %d complaints in the figures; want 3, > 0, 0", p, age, n)
	}

	scheduled := false
	for _, p := range workers.Periodic() {
		scheduled = scheduled || (p.Task.Type() == workers.TypeStatsFold && p.Spec == "@every 1m")
	}
	if !scheduled {
		t.Errorf("stats:fold is not scheduled every minute")
	}
	if err := env.App.Handlers().Mux().ProcessTask(ctx, workers.NewStatsFoldTask()); err != nil {
		t.Fatal(err)
	}
	if p, age, n := metric("redline_stats_pending"), metric("redline_stats_pending_oldest_seconds"), counted(); p != 0 || age != 0 || n != 3 {
		t.Fatalf("after stats:fold: redline_stats_pending %v, oldest %vs, %d complaints in the figures; want 0, 0, 3", p, age, n)
	}
}
