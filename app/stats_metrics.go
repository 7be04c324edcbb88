package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/redline-regulator/redline/domain"
)

// statsBacklog exports the statistics differences staged and not yet folded into the aggregates
// (domain.StatsBacklog), read from the database at each scrape: normally 0, growing while folds
// fail, and aging when no fold runs (no worker, or no scheduler for the periodic stats:fold).
type statsBacklog struct {
	stats   *domain.Statistics
	pending *prometheus.Desc
	oldest  *prometheus.Desc
}

func newStatsBacklog(s *domain.Statistics) *statsBacklog {
	return &statsBacklog{stats: s,
		pending: prometheus.NewDesc("redline_stats_pending", "Statistics differences staged by a routed batch and not yet folded into the aggregates.", nil, nil),
		oldest:  prometheus.NewDesc("redline_stats_pending_oldest_seconds", "How long the oldest statistics difference not yet folded has waited (0 when none).", nil, nil)}
}

func (c *statsBacklog) Describe(ch chan<- *prometheus.Desc) { ch <- c.pending; ch <- c.oldest }

// Collect reads the backlog within 2 s; when the database does not answer it exports nothing (the
// scrape shows the gap, /readyz says why).
func (c *statsBacklog) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	b, err := c.stats.Backlog(ctx)
	if err != nil {
		slog.Warn("metrics: statistics backlog not read", "err", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(b.Pending))
	ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, b.Oldest.Seconds())
}
