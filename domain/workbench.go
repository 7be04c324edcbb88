package domain

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file is the regulator's workbench beyond the complaint list itself: a staff member's saved
// queue views, and the load of each team and reviewer (the supervisor's overview).

// SavedView is a named complaint filter and order a staff member saved for themselves.
type SavedView struct {
	ID        int64
	OwnerID   int64
	Name      string
	Filter    ComplaintFilter
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ViewFilter is a saved view's filter as stored and as clients read it: the fields of the GraphQL
// ComplaintFilter input, under the same names, so that a client passes it back as it is.
type ViewFilter struct {
	Status           []Status      `json:"status,omitempty"`
	Team             string        `json:"team,omitempty"`
	AssigneeID       string        `json:"assigneeId,omitempty"`
	Mine             bool          `json:"mine,omitempty"`
	Unassigned       bool          `json:"unassigned,omitempty"`
	Province         string        `json:"province,omitempty"`
	InstitutionID    string        `json:"institutionId,omitempty"`
	Violation        ViolationType `json:"violation,omitempty"`
	Priority         Priority      `json:"priority,omitempty"`
	Overdue          bool          `json:"overdue,omitempty"`
	DueWithinDays    int           `json:"dueWithinDays,omitempty"`
	ExtensionPending bool          `json:"extensionPending,omitempty"`
	FeedbackLapsed   bool          `json:"feedbackLapsed,omitempty"`
	CreatedFrom      string        `json:"createdFrom,omitempty"`
	CreatedTo        string        `json:"createdTo,omitempty"`
	Text             string        `json:"text,omitempty"`
}

// ViewFilterOf is f as a saved view stores it.
func ViewFilterOf(f ComplaintFilter) ViewFilter {
	v := ViewFilter{Status: f.Statuses, Team: f.Team, Mine: f.Mine, Unassigned: f.Unassigned, Province: f.Province,
		Violation: f.Violation, Priority: f.Priority, Overdue: f.Overdue, DueWithinDays: f.DueWithinDays,
		ExtensionPending: f.ExtensionPending, FeedbackLapsed: f.FeedbackLapsed, Text: f.Text}
	if f.AssigneeID != 0 {
		v.AssigneeID = strconv.FormatInt(f.AssigneeID, 10)
	}
	if f.InstitutionID != 0 {
		v.InstitutionID = strconv.FormatInt(f.InstitutionID, 10)
	}
	if !f.CreatedFrom.IsZero() {
		v.CreatedFrom = f.CreatedFrom.UTC().Format(time.RFC3339)
	}
	if !f.CreatedTo.IsZero() {
		v.CreatedTo = f.CreatedTo.UTC().Format(time.RFC3339)
	}
	return v
}

// ComplaintFilter reads a stored view filter back; a value that no longer parses is an error.
func (v ViewFilter) ComplaintFilter() (ComplaintFilter, error) {
	f := ComplaintFilter{Statuses: v.Status, Team: v.Team, Mine: v.Mine, Unassigned: v.Unassigned, Province: v.Province,
		Violation: v.Violation, Priority: v.Priority, Overdue: v.Overdue, DueWithinDays: v.DueWithinDays,
		ExtensionPending: v.ExtensionPending, FeedbackLapsed: v.FeedbackLapsed, Text: v.Text}
	var err error
	parse := func(s, field string) int64 {
		if s == "" || err != nil {
			return 0
		}
		n, e := strconv.ParseInt(s, 10, 64)
		if e != nil || n <= 0 {
			err = Invalid("filter."+field, "not a valid id", "编号无效")
		}
		return n
	}
	at := func(s, field string) time.Time {
		if s == "" || err != nil {
			return time.Time{}
		}
		t, e := time.Parse(time.RFC3339, s)
		if e != nil {
			err = Invalid("filter."+field, "use an RFC 3339 time such as 2026-01-31T00:00:00Z", "请使用RFC 3339时间格式")
		}
		return t
	}
	f.AssigneeID, f.InstitutionID = parse(v.AssigneeID, "assigneeId"), parse(v.InstitutionID, "institutionId")
	f.CreatedFrom, f.CreatedTo = at(v.CreatedFrom, "createdFrom"), at(v.CreatedTo, "createdTo")
	return f, err
}

// ParseViewFilter reads a view filter as JSON: unknown fields are refused, and the filter must pass
// ComplaintFilter.Validate.
func ParseViewFilter(b []byte) (ComplaintFilter, error) {
	var v ViewFilter
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return ComplaintFilter{}, Invalid("filter", "the filter is not a valid ComplaintFilter object", "筛选条件格式无效")
	}
	f, err := v.ComplaintFilter()
	if err != nil {
		return f, err
	}
	return f, validateViewFilter(f)
}

func validateViewFilter(f ComplaintFilter) error {
	if err := f.Validate(); err != nil {
		if de, ok := AsError(err); ok && !strings.HasPrefix(de.Field, "filter") && de.Field != "orderBy" {
			return &Error{Code: de.Code, Field: "filter." + de.Field, Message: de.Message, MessageZH: de.MessageZH}
		}
		return err
	}
	return nil
}

// WorkbenchStore keeps saved views and counts the teams' load.
type WorkbenchStore interface {
	// SavedViews lists the owner's views by name.
	SavedViews(ctx context.Context, ownerID int64) ([]SavedView, error)
	// SaveView inserts v, or replaces the owner's view of the same name (case-insensitive), and
	// sets v's ID and times. It refuses with CONFLICT when the owner would have more than max views.
	SaveView(ctx context.Context, v *SavedView, max int) error
	// DeleteView deletes the owner's view; false when the owner has no view of that id.
	DeleteView(ctx context.Context, ownerID, id int64) (bool, error)
	// TeamLoad counts the open complaints of the teams in scope, per team and per person working
	// them, with the reviewers and supervisors bound to each team; soon is the end of the
	// near-breach window.
	TeamLoad(ctx context.Context, sc Scope, asOf, soon time.Time) ([]TeamLoad, error)
	// Teams lists every team by code.
	Teams(ctx context.Context) ([]Team, error)
}

// TeamLoad is one team's open work.
type TeamLoad struct {
	Team string
	// Open complaints; Unassigned of them nobody works; Overdue past the due date of the clock they
	// await (Complaint.AwaitedClock, but not the complainant's own: ComplainantClocks); DueSoon with
	// that clock due within the near-breach window; ExtensionsPending with an extension request
	// awaiting a supervisor.
	Open, Unassigned, Overdue, DueSoon, ExtensionsPending int
	Members                                               []MemberLoad
}

// MemberLoad is one person's open work in a team.
type MemberLoad struct {
	UserID      int64
	DisplayName string
	Role        Role
	Open        int
	Overdue     int
	DueSoon     int
}

// Workbench serves saved views and team load.
type Workbench struct {
	Store      WorkbenchStore
	Complaints *Complaints
	// DueSoonDays is the near-breach window of TeamLoad; 0 means 3 days.
	DueSoonDays int
}

// MaxSavedViews bounds the views one person keeps; MaxViewNameRunes a view's name.
const (
	MaxSavedViews    = 50
	MaxViewNameRunes = 60
)

// SavedViews lists the caller's own views.
func (w *Workbench) SavedViews(ctx context.Context) ([]SavedView, error) {
	a, err := w.Complaints.require(ctx, "savedview", "manage")
	if err != nil {
		return nil, err
	}
	return w.Store.SavedViews(ctx, a.UserID)
}

// SaveView saves the filter and order under name for the caller, replacing a view of theirs with
// the same name.
func (w *Workbench) SaveView(ctx context.Context, name string, f ComplaintFilter) (*SavedView, error) {
	a, err := w.Complaints.require(ctx, "savedview", "manage")
	if err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, Invalid("name", "give the view a name", "请为视图命名")
	}
	if utf8.RuneCountInString(name) > MaxViewNameRunes || !plainLine(name) {
		return nil, Invalid("name", fmt.Sprintf("a view's name is at most %d characters, on one line", MaxViewNameRunes),
			fmt.Sprintf("视图名称不超过%d个字，且不能换行", MaxViewNameRunes))
	}
	if f.Order == "" {
		f.Order = OrderNewest
	}
	if err := validateViewFilter(f); err != nil {
		return nil, err
	}
	v := &SavedView{OwnerID: a.UserID, Name: name, Filter: f}
	if err := w.Store.SaveView(ctx, v, MaxSavedViews); err != nil {
		return nil, err
	}
	return v, nil
}

// DeleteView deletes one of the caller's views; another person's view is NOT_FOUND.
func (w *Workbench) DeleteView(ctx context.Context, id int64) error {
	a, err := w.Complaints.require(ctx, "savedview", "manage")
	if err != nil {
		return err
	}
	ok, err := w.Store.DeleteView(ctx, a.UserID, id)
	if err != nil {
		return err
	}
	if !ok {
		return &Error{Code: CodeNotFound, Field: "id", Message: "you have no saved view with this id", MessageZH: "没有此编号的视图"}
	}
	return nil
}

// TeamLoad counts the open work of the caller's teams (every team for an admin).
func (w *Workbench) TeamLoad(ctx context.Context) ([]TeamLoad, error) {
	a, err := w.Complaints.require(ctx, "workload", "read")
	if err != nil {
		return nil, err
	}
	days := w.DueSoonDays
	if days <= 0 {
		days = 3
	}
	now := w.Complaints.Now()
	return w.Store.TeamLoad(ctx, ScopeFor(a), now, now.AddDate(0, 0, days))
}

// Team is a regulator team: its code (what complaints and bindings name) and its display names.
type Team struct {
	Code   string
	Name   string // Chinese
	NameEn string // English; "" when not given
}

// Teams lists the regulator's teams by code, for the regulator's staff and analysts (pages show
// the names instead of the codes).
func (w *Workbench) Teams(ctx context.Context) ([]Team, error) {
	if _, err := w.Complaints.require(ctx, "team", "read"); err != nil {
		return nil, err
	}
	return w.Store.Teams(ctx)
}
