package domain

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redline-regulator/redline/domain/pii"
)

// This file is the CSV exports of staff (docs/STATISTICS.md, "Exports"): any statistics query, and
// complaint lists. An export hands its rows to the caller one at a time, as storage reads them, so
// that a large export is never held in memory; it stops at a row cap and says so; and every export
// leaves a record in the audit log: who, what they asked for, how many rows, from which address.

// The kinds of export, as the audit log names them.
const (
	ExportStats      = "stats"
	ExportComplaints = "complaints"
)

// DefaultExportRows is the row cap of an export when none is configured (REDLINE_EXPORT_MAX_ROWS).
const DefaultExportRows = 100000

// exportPageSize is how many complaints an export reads per keyset page.
const exportPageSize = 500

// ExportRecord is the audit record of one export.
type ExportRecord struct {
	ActorID   int64
	ActorRole Role
	Kind      string
	// Query is what was asked for: the filter and grouping, free text scrubbed of personal data.
	Query     map[string]any
	Rows      int
	Truncated bool
	// Failed is set when the export stopped early (the client went away, or storage failed).
	Failed  bool
	Address string
	At      time.Time
}

// ExportLog records exports in the audit log.
type ExportLog interface {
	RecordExport(ctx context.Context, r ExportRecord) error
}

// ExportResult says how an export went.
type ExportResult struct {
	Rows      int
	Truncated bool // more rows matched than the cap; the export stopped at the cap
}

// Exports streams statistics and complaint lists to staff, with a row cap and an audit record.
type Exports struct {
	Stats      *Statistics
	Complaints *Complaints
	Log        ExportLog
	MaxRows    int // 0 means DefaultExportRows
	Now        func() time.Time
}

func (e *Exports) maxRows() int {
	if e.MaxRows <= 0 {
		return DefaultExportRows
	}
	return e.MaxRows
}

// StatsRows answers a statistics query as Statistics.Query does (same permissions, validation and
// suppression of small cells for analysts), handing each row to each as it is read, at most the
// row cap. first, when positive, lowers the cap. The export is recorded in the audit log, also when
// it stops early.
func (e *Exports) StatsRows(ctx context.Context, q StatsQuery, each func(StatsRow) error) (ExportResult, error) {
	a, err := e.Stats.require(ctx, "read")
	if err != nil {
		return ExportResult{}, err
	}
	limit := e.maxRows()
	if q.Limit > 0 && q.Limit < limit {
		limit = q.Limit
	}
	q.Limit = limit
	if err := ValidateStatsQuery(&q); err != nil {
		return ExportResult{}, err
	}
	suppress := e.Stats.suppressor(a, q)
	var res ExportResult
	err = e.Stats.Store.EachAggregate(ctx, q, limit, func(r StatsRow) error {
		if res.Rows == limit {
			res.Truncated = true
			return errStopExport
		}
		suppress(&r)
		res.Rows++
		return each(r)
	})
	if err == errStopExport {
		err = nil
	}
	return res, e.record(ctx, a, ExportStats, statsQueryRecord(q), res, err)
}

// errStopExport ends a store's iteration once the cap is passed.
var errStopExport = &Error{Code: CodeInternal, Message: "export stopped at the row cap"}

// CanExportComplaints reports whether an actor may export complaint lists: the regulator's staff
// and institutions (their own forwarded complaints only). Complainants read their own complaints
// one by one; analysts see no complaints.
func CanExportComplaints(a Actor) bool { return a.Role.IsStaff() || a.Role.IsInstitution() }

// ComplaintRows streams the complaints the actor may list that match the filter, in the filter's
// order, each disclosed for the actor exactly as Complaints.List discloses it, at most the row cap
// (first, when positive, lowers it). It reads keyset pages, so a long list costs no more per page
// than a short one, and records the export in the audit log.
func (e *Exports) ComplaintRows(ctx context.Context, f ComplaintFilter, first int, each func(*Complaint) error) (ExportResult, error) {
	a, err := e.Complaints.require(ctx, "complaint", "read")
	if err != nil {
		return ExportResult{}, err
	}
	if !CanExportComplaints(a) {
		return ExportResult{}, ErrForbidden
	}
	if err := f.Validate(); err != nil {
		return ExportResult{}, err
	}
	if err := f.CheckInternalHandling(a, ""); err != nil {
		return ExportResult{}, err
	}
	limit := e.maxRows()
	if first < 0 {
		return ExportResult{}, Invalid("first", "the row limit cannot be negative", "行数不能为负数")
	}
	if first > 0 && first < limit {
		limit = first
	}
	if f.Order == "" {
		f.Order = OrderNewest
	}
	if f.Mine {
		f.AssigneeID = a.UserID
	}
	f.AsOf = e.Complaints.Now()
	query, err := e.Complaints.readableText(ctx, a, f, "text")
	if err != nil {
		return ExportResult{}, err
	}
	scope := ScopeFor(a)
	var res ExportResult
	err = func() error {
		p := Page{First: min(exportPageSize, limit+1), SkipTotal: true}
		for {
			page, err := e.Complaints.Store.ListComplaints(ctx, scope, query, p)
			if err != nil {
				return err
			}
			for i, c := range page.Complaints {
				page.Complaints[i] = Disclose(a, c)
			}
			if err := e.Complaints.withholdComplainants(ctx, a, page.Complaints...); err != nil {
				return err
			}
			for _, c := range page.Complaints {
				if res.Rows == limit {
					res.Truncated = true
					return nil
				}
				res.Rows++
				if err := each(c); err != nil {
					return err
				}
			}
			if !page.HasNext || len(page.Cursors) == 0 {
				return nil
			}
			if res.Rows == limit { // one more exists: the next page would only say so
				res.Truncated = true
				return nil
			}
			p.After = page.Cursors[len(page.Cursors)-1]
		}
	}()
	return res, e.record(ctx, a, ExportComplaints, complaintFilterRecord(f), res, err)
}

// record writes the audit record of an export, with a context that outlives a client who went
// away, and returns the export's error, or the record's when only that failed.
func (e *Exports) record(ctx context.Context, a Actor, kind string, query map[string]any, res ExportResult, exportErr error) error {
	if e.Log == nil {
		return exportErr
	}
	r := ExportRecord{ActorID: a.UserID, ActorRole: a.Role, Kind: kind, Query: query, Rows: res.Rows, Truncated: res.Truncated,
		Failed: exportErr != nil, Address: RequestAddress(ctx), At: e.Now()}
	if err := e.Log.RecordExport(context.WithoutCancel(ctx), r); err != nil && exportErr == nil {
		return err
	}
	return exportErr
}

// Validate checks the values of a complaint filter that a client typed (the CSV export's query
// parameters), returning BAD_USER_INPUT with the field at fault.
func (f ComplaintFilter) Validate() error {
	for i, s := range f.Statuses {
		if !oneOf(s, Statuses) {
			return Invalid("status."+itoa(i), "unknown status", "状态无效")
		}
	}
	if f.Province != "" {
		if _, ok := ProvinceByCode(f.Province); !ok && !usState(f.Province) {
			return Invalid("province", "province must be a 6-digit code such as 440000", "省份须为6位行政区划代码，如440000")
		}
	}
	if f.Violation != "" {
		if _, ok := ParseViolationType(string(f.Violation)); !ok {
			return Invalid("violation", "unknown violation type", "违规类型无效")
		}
	}
	if f.Priority != "" && !oneOf(f.Priority, []Priority{PriorityUrgent, PriorityHigh, PriorityNormal}) {
		return Invalid("priority", "unknown priority", "优先级无效")
	}
	if f.Order != "" && !oneOf(f.Order, ComplaintOrders) {
		return Invalid("orderBy", "unknown order", "排序方式无效")
	}
	if !f.CreatedFrom.IsZero() && !f.CreatedTo.IsZero() && f.CreatedTo.Before(f.CreatedFrom) {
		return Invalid("createdTo", "the end of the period is before its start", "结束时间早于开始时间")
	}
	if len([]rune(f.Text)) > 200 {
		return Invalid("text", "the search text is longer than 200 characters", "搜索内容超过200字")
	}
	return f.checkAssignee("")
}

// CheckInternalHandling refuses, for anyone but the regulator's staff (institutions' users and
// complainants), a filter or order on the regulator's internal handling (team, assignee, mine,
// unassigned, priority): Disclose withholds those from them, and filtering or sorting by them
// would reveal them one query at a time. prefix is the filter's field path ("filter." in GraphQL,
// "" for the CSV export's parameters).
func (f ComplaintFilter) CheckInternalHandling(a Actor, prefix string) error {
	if a.Role.IsStaff() {
		return nil
	}
	const en, zh = " is the regulator's internal handling, which only its staff see", "属于监管机构内部办理信息，仅监管机构工作人员可见"
	switch {
	case f.Priority != "":
		return Invalid(prefix+"priority", "priority"+en, "优先级"+zh)
	case f.Team != "":
		return Invalid(prefix+"team", "the team"+en, "处理团队"+zh)
	case f.AssigneeID != 0:
		return Invalid(prefix+"assigneeId", "the assignee"+en, "处理人"+zh)
	case f.Mine:
		return Invalid(prefix+"mine", "the assignee"+en, "处理人"+zh)
	case f.Unassigned:
		return Invalid(prefix+"unassigned", "the assignee"+en, "处理人"+zh)
	case f.Order == OrderPriority:
		return Invalid("orderBy", "sorting by priority: priority"+en, "按优先级排序：优先级"+zh)
	case f.FeedbackLapsed && a.Role.IsInstitution():
		// An institution sees its own answer's clock only (deadlinesFor), not the complainant's
		// feedback window (session 15, attack2).
		return Invalid(prefix+"feedbackLapsed", "the complainant's feedback window is not an institution's clock", "投诉人评价期限不属于机构可见的期限")
	}
	return nil
}

// MaxDueWithinDays bounds ComplaintFilter.DueWithinDays.
const MaxDueWithinDays = 90

// checkAssignee refuses the combinations of assignee filters that can match nothing, and a
// near-breach window out of range.
func (f ComplaintFilter) checkAssignee(prefix string) error {
	if f.Unassigned && (f.Mine || f.AssigneeID != 0) {
		return Invalid(prefix+"unassigned", "unassigned cannot be combined with an assignee or mine", "“未分配”不能与处理人或“我的”同时使用")
	}
	if f.Mine && f.AssigneeID != 0 {
		return Invalid(prefix+"mine", "mine cannot be combined with an assignee", "“我的”不能与处理人同时使用")
	}
	if f.DueWithinDays < 0 || f.DueWithinDays > MaxDueWithinDays {
		return Invalid(prefix+"dueWithinDays", fmt.Sprintf("dueWithinDays must be between 1 and %d", MaxDueWithinDays),
			fmt.Sprintf("到期天数须在1至%d之间", MaxDueWithinDays))
	}
	return nil
}

func statsQueryRecord(q StatsQuery) map[string]any {
	m := map[string]any{"groupBy": q.GroupBy, "limit": q.Limit}
	f := q.Filter
	set := func(k string, v any, ok bool) {
		if ok {
			m[k] = v
		}
	}
	set("from", f.From.Format("2006-01-02"), !f.From.IsZero())
	set("to", f.To.Format("2006-01-02"), !f.To.IsZero())
	set("institutions", f.Institutions, len(f.Institutions) > 0)
	set("institutionKinds", f.InstitutionKinds, len(f.InstitutionKinds) > 0)
	set("violationTypes", f.Violations, len(f.Violations) > 0)
	set("provinces", f.Provinces, len(f.Provinces) > 0)
	set("products", f.Products, len(f.Products) > 0)
	set("channels", f.Channels, len(f.Channels) > 0)
	return m
}

// complaintFilterRecord describes a complaint filter for the audit log; the search text is
// scrubbed, since staff may search for a debtor's name or number.
func complaintFilterRecord(f ComplaintFilter) map[string]any {
	m := map[string]any{"orderBy": string(f.Order)}
	set := func(k string, v any, ok bool) {
		if ok {
			m[k] = v
		}
	}
	set("status", f.Statuses, len(f.Statuses) > 0)
	set("team", f.Team, f.Team != "")
	set("assigneeId", f.AssigneeID, f.AssigneeID != 0)
	set("province", f.Province, f.Province != "")
	set("institutionId", f.InstitutionID, f.InstitutionID != 0)
	set("violation", string(f.Violation), f.Violation != "")
	set("priority", string(f.Priority), f.Priority != "")
	set("createdFrom", f.CreatedFrom.UTC().Format(time.RFC3339), !f.CreatedFrom.IsZero())
	set("createdTo", f.CreatedTo.UTC().Format(time.RFC3339), !f.CreatedTo.IsZero())
	set("text", pii.Scrub(strings.TrimSpace(f.Text)), f.Text != "")
	set("overdue", true, f.Overdue)
	set("mine", true, f.Mine)
	set("unassigned", true, f.Unassigned)
	set("dueWithinDays", f.DueWithinDays, f.DueWithinDays != 0)
	set("extensionPending", true, f.ExtensionPending)
	set("feedbackLapsed", true, f.FeedbackLapsed)
	return m
}
