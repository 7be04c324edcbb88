-- +goose Up
-- When each statistics difference was staged (StatsStore.ApplyMany), so that the metrics can say
-- how long the oldest has waited for a fold (redline_stats_pending_oldest_seconds): a backlog that
-- ages means folds fail, or a worker died between a stage and its fold and the periodic
-- stats:fold has not run (docs/FAULTS.md). Rows already pending get the time of the migration.
ALTER TABLE stats_pending ADD COLUMN staged_at timestamptz NOT NULL DEFAULT now();

-- +goose Down
ALTER TABLE stats_pending DROP COLUMN staged_at;
