package postgres

import (
	"context"

	"github.com/redline-regulator/redline/domain"
)

// ExportLog records CSV exports in the audit log (domain.ExportLog).
type ExportLog struct{ DB *DB }

var _ domain.ExportLog = (*ExportLog)(nil)

// RecordExport implements domain.ExportLog: one audit_log row per export, action "export.<kind>",
// with the query, the rows sent, whether the cap truncated it or it stopped early, and the role.
func (l *ExportLog) RecordExport(ctx context.Context, r domain.ExportRecord) error {
	row := auditRow{ActorID: nullable(r.ActorID), Action: "export." + r.Kind, Target: r.Kind + ".csv",
		Details: jsonMap{"query": r.Query, "rows": r.Rows, "truncated": r.Truncated, "failed": r.Failed, "role": string(r.ActorRole)},
		Address: r.Address, At: r.At}
	return mapError(l.DB.Gorm.WithContext(ctx).Create(&row).Error, "audit log")
}
