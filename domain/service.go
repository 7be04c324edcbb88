package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ComplaintStore is what complaint handling needs from storage. Implementations write a change, its
// history events and its outbox messages in one transaction.
type ComplaintStore interface {
	// CreateComplaint stores a new complaint with its first event and outbox messages. When key is
	// not empty and the same complainant already filed with it, it returns that complaint and false.
	CreateComplaint(ctx context.Context, c *Complaint, key string, ev Event, msgs []Message) (*Complaint, bool, error)
	// UpdateComplaint locks the complaint, lets change modify it and writes the result with the
	// events and messages change returns, all in one transaction. A changed Version is a CONFLICT.
	UpdateComplaint(ctx context.Context, id string, change func(c *Complaint) (Change, error)) (*Complaint, error)
	// UpdateComplaints is UpdateComplaint for several complaints in one transaction (change runs
	// once per complaint found, in id order); an error of any undoes all.
	UpdateComplaints(ctx context.Context, ids []string, change func(c *Complaint) (Change, error)) ([]*Complaint, error)
	// FindComplaints reads the complaints of those ids that exist, in one read, in id order.
	FindComplaints(ctx context.Context, ids []string) ([]*Complaint, error)
	// FindComplaint finds a complaint by id or public reference number.
	FindComplaint(ctx context.Context, idOrReference string) (*Complaint, error)
	// ListComplaints returns one page of the complaints inside scope that match the filter.
	ListComplaints(ctx context.Context, scope Scope, f ComplaintFilter, p Page) (ComplaintPage, error)
	// History returns a complaint's events, oldest first.
	History(ctx context.Context, complaintID string) ([]Event, error)
	// HistoriesOf returns the histories of several complaints, by complaint id, in one read.
	HistoriesOf(ctx context.Context, complaintIDs []string) (map[string][]Event, error)
	// Notes returns a complaint's internal notes, oldest first.
	Notes(ctx context.Context, complaintID string) ([]Note, error)
	// Responses returns the institutions' answers to a complaint, oldest first.
	Responses(ctx context.Context, complaintID string) ([]Response, error)
	// Links returns the links from and to a complaint, oldest first.
	Links(ctx context.Context, complaintID string) ([]Link, error)
	// LinksOf returns the links from and to several complaints, by complaint id (a link between two
	// of them is in both lists), oldest first, in one read.
	LinksOf(ctx context.Context, complaintIDs []string) (map[string][]Link, error)
	// Extensions returns a complaint's extension requests, oldest first.
	Extensions(ctx context.Context, complaintID string) ([]Extension, error)
	// ExtensionsOf returns the extension requests of several complaints, by complaint id, oldest
	// first, in one read.
	ExtensionsOf(ctx context.Context, complaintIDs []string) (map[string][]Extension, error)
	// ComplaintDeadlines returns a complaint's clocks, oldest first.
	ComplaintDeadlines(ctx context.Context, complaintID string) ([]Deadline, error)
	// DeadlinesOf returns the clocks of several complaints, by complaint id, in one read.
	DeadlinesOf(ctx context.Context, complaintIDs []string) (map[string][]Deadline, error)
}

// Change is what a modification of a complaint produces besides the new state. The records are
// written in the same transaction as the complaint and its events.
type Change struct {
	Events     []Event
	Messages   []Message
	Notes      []Note
	Responses  []Response
	Links      []Link
	Extensions []Extension // inserted when new; an existing ID records the supervisor's decision
	// ComplaintUnchanged says that only the complaint's clocks, events or messages change (a
	// reminder): the complaint row and its version stay as they are.
	ComplaintUnchanged bool
}

// Authorizer answers role-level permission questions ("may a reviewer forward complaints?").
// Object-level rules (whose complaint it is) live in this package, in Scope and CanSee.
type Authorizer interface {
	Allowed(actor Actor, object, action string) bool
	// AllowedIn is Allowed in one domain only (an institution's "inst:<id>"): a role the actor
	// holds there must allow it.
	AllowedIn(actor Actor, dom, object, action string) bool
}

// MayManagePolicy is the check of every change to the regulator's policy — the rule packs, the
// routing table, the deadline policies and business calendars, and the jobs that judge complaints
// again under new rules: the actor must be signed in (else UNAUTHENTICATED) and allowed to manage
// policy (else FORBIDDEN, as where no authorizer is set). Session 27 (tidy): each service wrote
// the two tests again.
func MayManagePolicy(a Actor, authz Authorizer) error {
	if a.Anonymous() {
		return ErrUnauthenticated
	}
	if authz == nil || !authz.Allowed(a, "policy", "manage") {
		return ErrForbidden
	}
	return nil
}

// MayReadPolicy lets the regulator's staff and those who may manage the policy (MayManagePolicy)
// read it: the routing table, a rule pack's history, the reassessment jobs.
func MayReadPolicy(a Actor, authz Authorizer) error {
	if a.Anonymous() {
		return ErrUnauthenticated
	}
	if a.Role.IsStaff() {
		return nil
	}
	return MayManagePolicy(a, authz)
}

// PolicyChangeReason is the reason an admin gives for a change to the policy (a rule pack, the
// routing table, a deadline policy or calendar), trimmed; one that is blank (a reason of
// zero-width spaces is none: Blank, session 26 review) or longer than 2000 characters is
// BAD_USER_INPUT on reason, with the caller's message (en, zh) saying what to give.
func PolicyChangeReason(reason, en, zh string) (string, error) {
	reason = strings.TrimSpace(reason)
	if Blank(reason) || utf8.RuneCountInString(reason) > 2000 {
		return "", Invalid("reason", en, zh)
	}
	return reason, nil
}

// ComplaintFilter narrows a complaint list.
type ComplaintFilter struct {
	Statuses      []Status
	Team          string
	AssigneeID    int64
	Province      string
	InstitutionID int64
	Violation     ViolationType
	Priority      Priority
	CreatedFrom   time.Time
	CreatedTo     time.Time
	Text          string // in the narrative or the lender's and agency's names, Chinese too; at most MaxFilterTextRunes
	// Overdue narrows to complaints whose awaited clock (Complaint.AwaitedClock: acceptance, an
	// answer; not the complainant's feedback window, ComplainantClocks) is past due at AsOf; an
	// institution's, to its own answer's clock.
	Overdue bool
	// Mine narrows to the caller's own complaints (List sets AssigneeID to the caller); Unassigned
	// to those nobody works yet.
	Mine, Unassigned bool
	// DueWithinDays (1 to 90) narrows to complaints whose awaited clock is due within that many
	// days of AsOf and not yet past due: the near-breaches.
	DueWithinDays int
	// ExtensionPending narrows to complaints with an extension request awaiting a supervisor.
	ExtensionPending bool
	// FeedbackLapsed narrows to answered complaints (RESPONDED) whose complainant's feedback window
	// (ComplainantClocks) ran out at AsOf without feedback: nothing more is awaited, and staff may
	// close them (session 15).
	FeedbackLapsed bool
	AsOf           time.Time
	Order          ComplaintOrder
	// IDs, when not nil, narrows to these complaints (none when empty). The service sets it, never
	// a caller: it is how an institution's text search keeps only the complaints whose text as the
	// institution reads it matches (Complaints.readableText).
	IDs []string
}

// ComplaintOrder is the order of a complaint list. Every order ends with the complaint's id, so
// cursors are stable.
type ComplaintOrder string

// The orders of a complaint list.
const (
	OrderNewest   ComplaintOrder = "NEWEST"   // most recently filed first (the default)
	OrderOldest   ComplaintOrder = "OLDEST"   // longest waiting first
	OrderPriority ComplaintOrder = "PRIORITY" // URGENT, HIGH, NORMAL; oldest first within each
	OrderDueDate  ComplaintOrder = "DUE_DATE" // soonest due first; complaints without a due date last
)

// ComplaintOrders lists every order.
var ComplaintOrders = []ComplaintOrder{OrderNewest, OrderOldest, OrderPriority, OrderDueDate}

// Page asks for up to First items after the opaque cursor After.
type Page struct {
	First int
	After string
	// SkipTotal leaves ComplaintPage.Total at 0, sparing a count (exports page through a list).
	SkipTotal bool
}

// ComplaintPage is one page of a complaint list.
type ComplaintPage struct {
	Complaints []*Complaint
	Cursors    []string
	HasNext    bool
	Total      int
}

// Scope is the part of all complaints an actor may see. It is computed from the actor only, and
// storage applies it in SQL so that counts and pages never leak what lies outside it.
type Scope struct {
	All           bool
	ComplainantID int64
	InstitutionID int64
	Teams         []string
	Nothing       bool
}

// ScopeFor returns the complaints an actor may list.
func ScopeFor(a Actor) Scope {
	switch a.Role {
	case RoleComplainant:
		return Scope{ComplainantID: a.UserID}
	case RoleInstitutionAgent, RoleInstitutionAdmin:
		return Scope{InstitutionID: a.InstitutionID}
	case RoleReviewer, RoleSupervisor:
		if len(a.Teams) == 0 {
			return Scope{Nothing: true}
		}
		return Scope{Teams: a.Teams}
	case RoleAdmin:
		return Scope{All: true}
	}
	return Scope{Nothing: true}
}

// UserFinder looks up users; complaint handling uses it to check an assignee.
type UserFinder interface {
	UserByID(ctx context.Context, id int64) (*User, error)
}

// Complaints is the complaint-handling service.
type Complaints struct {
	Store        ComplaintStore
	Authz        Authorizer
	Institutions InstitutionStore
	// Routing is the versioned routing table that Route picks the team from.
	Routing *Routing
	// Assessor runs the rule pack over a complaint when it is routed; nil skips the assessment.
	Assessor Assessor
	// Messages gives routing the collector messages pasted as evidence; nil means none.
	Messages MessageSource
	// Duplicates finds likely duplicates when a complaint is routed; nil skips the search.
	Duplicates DuplicateFinder
	Users      UserFinder
	Policy     HandlingPolicy // zero means DefaultHandlingPolicy
	// Clocks runs the complaint's deadlines; nil runs none (no due dates, no extensions).
	Clocks *Clocks
	Now    func() time.Time
	NewID  func() string
	// Reveals records reviewers' reveals of a debtor's identity (RevealDebtorIdentity).
	Reveals RevealLog
	// Identities gives the complainants' own name, e-mail and mobile, which institutions never
	// read, also in the free text (withholdComplainants); nil withholds only the filed values.
	Identities ComplainantIdentities
	// TextCandidates bounds the complaints an institution's text search checks (readableText);
	// 0 means MaxReadableTextCandidates.
	TextCandidates int
}

func (s *Complaints) require(ctx context.Context, object, action string) (Actor, error) {
	a := ActorFrom(ctx)
	if a.Anonymous() {
		return a, ErrUnauthenticated
	}
	if !s.Authz.Allowed(a, object, action) {
		return a, ErrForbidden
	}
	return a, nil
}

// File registers a new complaint for the signed-in complainant and asks for it to be routed.
// Filing twice with the same idempotency key returns the first complaint.
func (s *Complaints) File(ctx context.Context, in FileComplaint, idempotencyKey string) (*Complaint, error) {
	a, err := s.require(ctx, "complaint", "file")
	if err != nil {
		return nil, err
	}
	if len(idempotencyKey) > 100 {
		return nil, Invalid("idempotencyKey", "idempotency key is longer than 100 characters", "幂等键超过100个字符")
	}
	now := s.Now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	if err := s.checkInstitution(ctx, "input.lenderId", in.LenderID, false); err != nil {
		return nil, err
	}
	if err := s.checkInstitution(ctx, "input.agencyId", in.AgencyID, true); err != nil {
		return nil, err
	}
	c := &Complaint{
		ID:                     s.NewID(),
		Status:                 StatusSubmitted,
		Version:                1,
		ComplainantID:          a.UserID,
		Relation:               in.Relation,
		Debtor:                 in.Debtor,
		LenderID:               in.LenderID,
		LenderName:             in.LenderName,
		AgencyID:               in.AgencyID,
		AgencyName:             in.AgencyName,
		Product:                in.Product,
		ContractNumber:         in.ContractNumber,
		AmountOwed:             in.amount,
		DaysOverdue:            in.DaysOverdue,
		Province:               in.Province,
		City:                   in.City,
		Incidents:              in.Incidents,
		Narrative:              in.Narrative,
		ClaimedViolations:      in.Violations,
		OutcomesWanted:         in.OutcomesWanted,
		ConsentToShareIdentity: in.ConsentToShareIdentity,
		ConsentToPublish:       in.ConsentToPublish,
		Priority:               PriorityNormal,
		CreatedAt:              now,
		UpdatedAt:              now,
	}
	for _, v := range in.Violations {
		if v == ViolationThreat { // threats to safety go to the top of the queue
			c.Priority = PriorityUrgent
		}
	}
	ev := Event{ComplaintID: c.ID, Action: ActionFile, ToStatus: StatusSubmitted, ActorID: a.UserID, ActorRole: a.Role, At: now,
		Details: map[string]any{}}
	msgs := []Message{{ID: s.NewID(), Topic: TopicComplaintFiled, Payload: map[string]any{"complaintId": c.ID}}}
	if s.Clocks != nil { // the acceptance decision is due as the policy says (CN: 7 working days)
		w := s.deadlineWork(c, now)
		if err := w.start(DeadlineAcceptance, 0); err != nil {
			return nil, err
		}
		// The receipt states the time the acceptance clock's policy gives (payloadNotice).
		acc := &c.Deadlines[len(c.Deadlines)-1]
		if st, err := s.Clocks.Clock.Stages(acc); err == nil && len(st) > 0 {
			msgs[0].Payload["acceptDays"], msgs[0].Payload["acceptUnit"] = st[0].Days, acc.Unit
		}
		var ch Change
		w.finish(&ev, &ch)
		msgs = append(msgs, ch.Messages...)
	}
	got, created, err := s.Store.CreateComplaint(ctx, c, idempotencyKey, ev, msgs)
	if err != nil {
		return nil, err
	}
	if !created && !sameFiling(got, c) {
		return nil, Invalid("idempotencyKey", "this idempotency key was used for another complaint; use a new key for a new complaint",
			"该幂等键已用于另一份投诉，新的投诉请使用新的幂等键")
	}
	return Disclose(a, got), nil
}

// sameFiling says whether prev, the complaint filed earlier with an idempotency key, holds what the
// complainant wrote in c, a filing sent again with that key. A retry is the same request; another
// filing with a reused key was answered with the earlier complaint as if filed, and its own text
// silently dropped (found by hand). Only what the complainant wrote is compared, none of which
// changes after filing; an institution the routing found is not (the retry left it out as the
// first request did).
func sameFiling(prev, c *Complaint) bool {
	sameIncidents := slices.EqualFunc(prev.Incidents, c.Incidents, func(a, b Incident) bool {
		return a.Channel == b.Channel && a.DateOnly == b.DateOnly && a.From == b.From && a.Count == b.Count && a.Description == b.Description &&
			a.OccurredAt.Truncate(time.Microsecond).Equal(b.OccurredAt.Truncate(time.Microsecond))
	})
	sameDays := (prev.DaysOverdue == nil) == (c.DaysOverdue == nil) && (c.DaysOverdue == nil || *prev.DaysOverdue == *c.DaysOverdue)
	return sameIncidents && sameDays && prev.Relation == c.Relation && prev.Debtor == c.Debtor &&
		(c.LenderID == 0 || prev.LenderID == c.LenderID) && prev.LenderName == c.LenderName &&
		(c.AgencyID == 0 || prev.AgencyID == c.AgencyID) && prev.AgencyName == c.AgencyName &&
		prev.Product == c.Product && prev.ContractNumber == c.ContractNumber && prev.AmountOwed == c.AmountOwed &&
		prev.Province == c.Province && prev.City == c.City && prev.Narrative == c.Narrative &&
		slices.Equal(prev.ClaimedViolations, c.ClaimedViolations) && slices.Equal(prev.OutcomesWanted, c.OutcomesWanted) &&
		prev.ConsentToShareIdentity == c.ConsentToShareIdentity && prev.ConsentToPublish == c.ConsentToPublish
}

// Get returns a complaint the actor may see, by id or reference; NOT_FOUND otherwise, so that a
// guessed id tells nothing about whether it exists.
func (s *Complaints) Get(ctx context.Context, idOrReference string) (*Complaint, error) {
	a, err := s.require(ctx, "complaint", "read")
	if err != nil {
		return nil, err
	}
	c, err := s.Store.FindComplaint(ctx, idOrReference)
	if err != nil {
		return nil, err
	}
	if !ScopeFor(a).Contains(c) {
		return nil, ErrNotFound
	}
	out := Disclose(a, c)
	if err := s.withholdComplainants(ctx, a, out); err != nil {
		return nil, err
	}
	return out, nil
}

// MaxFilterTextRunes bounds the search text of a complaint list: a longer one is no search a person
// types, and costs the database time in proportion to its length.
const MaxFilterTextRunes = 200

// List returns a page of the complaints the actor may see.
func (s *Complaints) List(ctx context.Context, f ComplaintFilter, p Page) (ComplaintPage, error) {
	a, err := s.require(ctx, "complaint", "read")
	if err != nil {
		return ComplaintPage{}, err
	}
	if p.First <= 0 {
		p.First = 20
	}
	if p.First > 100 {
		return ComplaintPage{}, Invalid("first", "first must be at most 100", "每页最多100条")
	}
	if f.Order == "" {
		f.Order = OrderNewest
	}
	if !oneOf(f.Order, ComplaintOrders) {
		return ComplaintPage{}, Invalid("orderBy", "unknown order", "排序方式无效")
	}
	if utf8.RuneCountInString(f.Text) > MaxFilterTextRunes {
		return ComplaintPage{}, Invalid("filter.text", fmt.Sprintf("the search text is longer than %d characters", MaxFilterTextRunes),
			fmt.Sprintf("搜索内容不能超过%d个字", MaxFilterTextRunes))
	}
	if err := f.checkAssignee("filter."); err != nil {
		return ComplaintPage{}, err
	}
	if err := f.CheckInternalHandling(a, "filter."); err != nil {
		return ComplaintPage{}, err
	}
	if f.Mine {
		f.AssigneeID = a.UserID
	}
	f.AsOf = s.Now()
	if f, err = s.readableText(ctx, a, f, "filter.text"); err != nil {
		return ComplaintPage{}, err
	}
	page, err := s.Store.ListComplaints(ctx, ScopeFor(a), f, p)
	for i, c := range page.Complaints {
		page.Complaints[i] = Disclose(a, c)
	}
	if err == nil {
		err = s.withholdComplainants(ctx, a, page.Complaints...)
	}
	return page, err
}

// History returns the history of a complaint the actor may see. The regulator's staff see every
// entry in full; complainants and institutions only the entries, reasons and details the history
// policy allows them (DiscloseHistory): internal notes, routing data and queue work are left out.
func (s *Complaints) History(ctx context.Context, id string) ([]Event, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	evs, err := s.Store.History(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return s.withoutUnopenedPrimaries(ctx, DiscloseHistory(ActorFrom(ctx), evs, c.withheld...))
}

// withoutUnopenedPrimaries takes the primary's id and reference out of the LINKED and MERGED entries
// a reviewer or supervisor reads when their scope does not open the primary (it was re-routed to
// another team's queue after the link): the history named what mergedInto and links no longer name
// to them (session 31, attack26). Parties never read those details (HistoryPolicies); an
// administrator's scope is every complaint.
func (s *Complaints) withoutUnopenedPrimaries(ctx context.Context, evs []Event) ([]Event, error) {
	return s.withoutUnopenedPrimariesOf(ctx, map[string]bool{}, evs)
}

// withoutUnopenedPrimariesOf is withoutUnopenedPrimaries with a cache of which primaries the actor
// opens, shared across a page's histories (HistoriesOf): the primaries not yet in it are read in one
// statement (FindComplaints) and checked against the actor's scope, rather than one Get each per
// complaint (session 31, secmend; review of attack26).
func (s *Complaints) withoutUnopenedPrimariesOf(ctx context.Context, opens map[string]bool, evs []Event) ([]Event, error) {
	a := ActorFrom(ctx)
	if !a.Role.IsStaff() || ScopeFor(a).All {
		return evs, nil
	}
	var missing []string
	for _, e := range evs {
		if id, ok := e.Details["primaryId"].(string); ok {
			if _, seen := opens[id]; !seen && !slices.Contains(missing, id) {
				missing = append(missing, id)
			}
		}
	}
	if err := s.openedPrimaries(ctx, a, opens, missing); err != nil {
		return nil, err
	}
	for i, e := range evs {
		id, ok := e.Details["primaryId"].(string)
		if !ok || opens[id] {
			continue
		}
		details := make(map[string]any, len(e.Details))
		for k, v := range e.Details {
			if k != "primaryId" && k != "primaryReference" {
				details[k] = v
			}
		}
		evs[i].Details = details
	}
	return evs, nil
}

// openedPrimaries records in opens whether the actor's scope opens each complaint of ids (one read;
// a complaint not found is not opened).
func (s *Complaints) openedPrimaries(ctx context.Context, a Actor, opens map[string]bool, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	cs, err := s.Store.FindComplaints(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		opens[id] = false
	}
	scope := ScopeFor(a)
	for _, c := range cs {
		// An institution follows a link only to a complaint that shares the identity with it: a
		// complaint filed without consent linked to a named one tied the two (session 35, sec35).
		opens[c.ID] = scope.Contains(c) && (!a.Role.IsInstitution() || c.ConsentToShareIdentity)
	}
	return nil
}

// shown checks that the actor may read every complaint of cs (complaints Get or List returned to
// them) and returns their ids, so that their histories or clocks can be read in one go.
func (s *Complaints) shown(ctx context.Context, cs []*Complaint) (Actor, []string, error) {
	a, err := s.require(ctx, "complaint", "read")
	if err != nil {
		return a, nil, err
	}
	sc := ScopeFor(a)
	ids := make([]string, len(cs))
	for i, c := range cs {
		if !sc.Contains(c) {
			return a, nil, ErrNotFound
		}
		ids[i] = c.ID
	}
	return a, ids, nil
}

// HistoriesOf is History for several complaints the actor was shown, in one read: the history of
// each by complaint id. A page of complaints costs one statement, not one per complaint.
func (s *Complaints) HistoriesOf(ctx context.Context, cs []*Complaint) (map[string][]Event, error) {
	a, ids, err := s.shown(ctx, cs)
	if err != nil {
		return nil, err
	}
	byID, err := s.Store.HistoriesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	withheld := make(map[string][]string, len(cs))
	for _, c := range cs {
		withheld[c.ID] = c.withheld
	}
	opens := map[string]bool{}
	if a.Role.IsStaff() && !ScopeFor(a).All { // the page's primaries in one read
		var primaries []string
		for _, evs := range byID {
			for _, e := range evs {
				if id, ok := e.Details["primaryId"].(string); ok && !slices.Contains(primaries, id) {
					primaries = append(primaries, id)
				}
			}
		}
		if err := s.openedPrimaries(ctx, a, opens, primaries); err != nil {
			return nil, err
		}
	}
	for id, evs := range byID {
		if byID[id], err = s.withoutUnopenedPrimariesOf(ctx, opens, DiscloseHistory(a, evs, withheld[id]...)); err != nil {
			return nil, err
		}
	}
	return byID, nil
}

// Contains reports whether a complaint lies inside the scope. It mirrors the SQL the store applies.
func (sc Scope) Contains(c *Complaint) bool {
	switch {
	case sc.Nothing:
		return false
	case sc.All:
		return true
	case sc.ComplainantID != 0:
		return c.ComplainantID == sc.ComplainantID
	case sc.InstitutionID != 0:
		for _, id := range c.Recipients {
			if id == sc.InstitutionID {
				return true
			}
		}
		return false
	case len(sc.Teams) > 0:
		for _, t := range sc.Teams {
			if t == c.Team {
				return true
			}
		}
	}
	return false
}
