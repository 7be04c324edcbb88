package domain

import (
	"context"
	"errors"
	"strings"
	"time"
)

// DuplicateWindow is how far back routing looks for complaints of the same debtor against the same
// institution.
const DuplicateWindow = 30 * 24 * time.Hour

// MaxLikelyDuplicates is the most likely duplicates routing records for a complaint (the newest;
// the store's LIMIT). The GraphQL limits count Complaint.likelyDuplicates as a list of this many
// complaints, each of which may list as many again (attack round 19).
const MaxLikelyDuplicates = 20

// RoutingConfidence is the least confidence at which a suggested violation counts for routing.
const RoutingConfidence = 0.5

// DuplicateFinder finds earlier complaints of the same debtor (by keyed hash of the identity
// number or mobile) against the same lender or agency, filed since a time.
type DuplicateFinder interface {
	LikelyDuplicates(ctx context.Context, c *Complaint, since time.Time) ([]string, error)
}

// DuplicatesOfMany is a DuplicateFinder that also finds the likely duplicates of several
// complaints at once, each since its own time, by complaint id (RouteMany asks once per batch).
type DuplicatesOfMany interface {
	LikelyDuplicatesOf(ctx context.Context, probes []*Complaint, since []time.Time) (map[string][]string, error)
}

// MessageSource lists a complaint's evidence, whose pasted collector messages the engine reads.
type MessageSource interface {
	ListEvidence(ctx context.Context, complaintID string) ([]*Evidence, error)
}

// EvidenceOfMany is a MessageSource that also lists the evidence of several complaints at once,
// by complaint (RouteMany reads its batch's in one statement).
type EvidenceOfMany interface {
	ListEvidenceOf(ctx context.Context, complaintIDs []string) (map[string][]*Evidence, error)
}

// evidenceKey names a complaint's evidence in a read-once scope.
func evidenceKey(complaintID string) string { return "evidence " + complaintID }

// TopicDuplicatesSuggested is the outbox topic of a routed complaint that has likely duplicates.
const TopicDuplicatesSuggested = "complaint.duplicates_suggested"

// routePlan is everything routing decides about a complaint before it takes the lock.
type routePlan struct {
	assessment *Assessment
	table      RoutingTable
	rule       RoutingRule
	assignee   int64
	lender     *InstitutionMatch
	agency     *InstitutionMatch
	duplicates []string
}

// Route moves a newly filed complaint into a team's triage queue. It is the platform's own action,
// run by the routing worker: it runs the rule pack over the complaint, matches the institutions the
// complainant only named, sets severity and priority, looks for likely duplicates, and picks the
// team from the routing table in force (and the least-loaded reviewer where the team wants it). It
// is idempotent: a complaint already routed is left as it is.
func (s *Complaints) Route(ctx context.Context, id string) (*Complaint, error) {
	c, err := s.Store.FindComplaint(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.Status != StatusSubmitted {
		return c, nil
	}
	table, err := s.Routing.Current(ctx)
	if err != nil {
		return nil, err
	}
	plan, err := s.planRoute(ctx, c, table)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	return s.Store.UpdateComplaint(ctx, id, func(c *Complaint) (Change, error) { return s.applyRoute(c, plan, now) })
}

// RouteBatchSize is the most complaints RouteMany routes in one transaction.
const RouteBatchSize = 50

// RouteMany routes several newly filed complaints, each exactly as Route would, sharing what can be
// shared: the complaints are read in one statement, the routing table once, and all of them are
// written in one transaction (one commit, multi-row inserts of their history entries and
// messages). Complaints already routed or not found are left alone. When the batch cannot be
// written whole (a complaint changed meanwhile, a plan that fails), each complaint is routed on its
// own, so that one complaint never holds up the others; the errors of those that still fail are
// returned joined, keyed by complaint, and the others are routed.
func (s *Complaints) RouteMany(ctx context.Context, ids []string) ([]*Complaint, error) {
	if len(ids) > RouteBatchSize {
		return nil, Errorf(CodeInvalid, "at most %d complaints are routed at once, not %d", RouteBatchSize, len(ids))
	}
	// The batch is judged by the pack revision in force as it starts (read once), with its
	// complaints' evidence read in one statement; the complaints read here are those
	// UpdateComplaints changes when no one wrote them meanwhile (the store may keep its rows).
	ctx = WithReadOnce(ctx)
	found, err := s.Store.FindComplaints(ctx, ids)
	if err != nil {
		return nil, err
	}
	var submitted []*Complaint
	for _, c := range found {
		if c.Status == StatusSubmitted {
			submitted = append(submitted, c)
		}
	}
	if len(submitted) == 0 {
		return found, nil
	}
	table, err := s.Routing.Current(ctx)
	if err != nil {
		return nil, err
	}
	if many, ok := s.Messages.(EvidenceOfMany); ok && s.Assessor != nil {
		ids := make([]string, len(submitted))
		for i, c := range submitted {
			ids[i] = c.ID
		}
		evs, err := many.ListEvidenceOf(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			KeepRead(ctx, evidenceKey(id), evs[id])
		}
	}
	plans := make(map[string]*routePlan, len(submitted))
	batchIDs := make([]string, 0, len(submitted))
	var oneByOne []string
	// The least-loaded reviewer changes with each assignment: while a team assigns that way, the
	// complaints are routed one after the other, as Route does, not planned together.
	leastLoaded := teamWantsLeastLoaded(table)
	// The batch's likely duplicates are looked up in one statement when the finder can.
	many, together := s.Duplicates.(DuplicatesOfMany)
	var probes []*Complaint
	var since []time.Time
	for _, c := range submitted {
		if leastLoaded {
			oneByOne = append(oneByOne, c.ID)
			continue
		}
		plan, err := s.planRouteBut(ctx, c, table, !together)
		if err != nil {
			return s.routeEach(ctx, ids)
		}
		if p := duplicateProbe(c, plan); together && p != nil {
			probes, since = append(probes, p), append(since, c.CreatedAt.Add(-DuplicateWindow))
		}
		plans[c.ID] = plan
		batchIDs = append(batchIDs, c.ID)
	}
	if len(probes) > 0 {
		dups, err := many.LikelyDuplicatesOf(ctx, probes, since)
		if err != nil {
			return s.routeEach(ctx, ids)
		}
		for _, p := range probes {
			plans[p.ID].duplicates = dups[p.ID]
		}
	}
	var routed []*Complaint
	if len(batchIDs) > 0 {
		now := s.Now()
		routed, err = s.Store.UpdateComplaints(ctx, batchIDs, func(c *Complaint) (Change, error) {
			return s.applyRoute(c, plans[c.ID], now)
		})
		if err != nil {
			return s.routeEach(ctx, ids)
		}
	}
	rest, err := s.routeEach(ctx, oneByOne)
	return append(routed, rest...), err
}

// teamWantsLeastLoaded reports whether any team of the table assigns its least-loaded reviewer.
func teamWantsLeastLoaded(t RoutingTable) bool {
	for _, p := range t.Teams {
		if p.AssignLeastLoaded {
			return true
		}
	}
	return false
}

// routeEach routes the complaints one by one, for a batch that could not be routed whole.
func (s *Complaints) routeEach(ctx context.Context, ids []string) ([]*Complaint, error) {
	var out []*Complaint
	var errs []error
	for _, id := range ids {
		c, err := s.Route(ctx, id)
		if err != nil {
			errs = append(errs, &RouteError{ComplaintID: id, Err: err})
			continue
		}
		out = append(out, c)
	}
	return out, errors.Join(errs...)
}

// RouteError is the failure to route one complaint of a batch.
type RouteError struct {
	ComplaintID string
	Err         error
}

func (e *RouteError) Error() string { return "route " + e.ComplaintID + ": " + e.Err.Error() }
func (e *RouteError) Unwrap() error { return e.Err }

// applyRoute is the routing of one locked complaint by its plan: the status, team, assignee,
// assessment, matched institutions and likely duplicates, with the ROUTED history entry.
func (s *Complaints) applyRoute(c *Complaint, plan *routePlan, now time.Time) (Change, error) {
	if c.Status != StatusSubmitted { // routed meanwhile by another delivery of the task
		return Change{}, nil
	}
	to, err := Guard(ActionRoute, RoleSystem, c)
	if err != nil {
		return Change{}, err
	}
	ev := Event{Action: ActionRoute, FromStatus: c.Status, ToStatus: to, ActorRole: RoleSystem, At: now,
		Details: map[string]any{"team": plan.rule.Team, "routingVersion": plan.table.Version,
			"routingRule": map[string]any{"province": plan.rule.Province, "product": string(plan.rule.Product), "violation": string(plan.rule.Violation)}}}
	var ch Change
	c.Status, c.Team, c.RoutingVersion = to, plan.rule.Team, plan.table.Version
	if plan.assignee != 0 && c.AssigneeID == 0 {
		c.AssigneeID = plan.assignee
		ev.Details["assigneeId"] = plan.assignee
	}
	if plan.assessment != nil {
		a := *plan.assessment
		a.AssessedAt = now
		c.Assessment = &a
		previous := c.Priority
		c.Priority = higherPriority(c.Priority, a.Severity)
		ev.Details["rulePack"] = map[string]any{"id": a.PackID, "revision": a.PackRevision, "version": a.PackVersion}
		ev.Details["severity"], ev.Details["priority"] = string(a.Severity), string(c.Priority)
		if previous != c.Priority {
			ev.Details["previousPriority"] = string(previous)
		}
		var suggested, urgency []string
		for _, v := range a.Violations {
			suggested = append(suggested, string(v.Type))
		}
		for _, u := range a.Urgency {
			urgency = append(urgency, string(u.Factor))
		}
		ev.Details["suggestedViolations"], ev.Details["urgency"] = suggested, urgency
		if a.SuggestedReferral != "" {
			ev.Details["suggestedReferral"] = string(a.SuggestedReferral)
		}
	}
	if m := plan.lender; m != nil && c.LenderID == 0 {
		c.LenderID = m.Institution.ID
		ev.Details["lenderMatch"] = matchDetails(m)
	}
	if m := plan.agency; m != nil && c.AgencyID == 0 {
		c.AgencyID = m.Institution.ID
		ev.Details["agencyMatch"] = matchDetails(m)
	}
	if len(plan.duplicates) > 0 {
		c.LikelyDuplicates = plan.duplicates
		ev.Details["likelyDuplicates"] = plan.duplicates
		ch.Messages = append(ch.Messages, Message{ID: s.NewID(), Topic: TopicDuplicatesSuggested,
			Payload: map[string]any{"complaintId": c.ID, "likelyDuplicates": plan.duplicates}})
	}
	ch.Events = []Event{ev}
	return ch, nil
}

func matchDetails(m *InstitutionMatch) map[string]any {
	return map[string]any{"institutionId": m.Institution.ID, "name": m.Institution.Name, "matchedOn": m.MatchedOn, "score": m.Score}
}

// planRoute reads what routing needs: the assessment, the institution matches, the routing table,
// the least-loaded reviewer and likely duplicates.
func (s *Complaints) planRoute(ctx context.Context, c *Complaint, table RoutingTable) (*routePlan, error) {
	return s.planRouteBut(ctx, c, table, true)
}

// duplicateProbe is the complaint whose likely duplicates routing looks for: c with the
// institutions the plan matched; nil when it names none (nothing to compare against).
func duplicateProbe(c *Complaint, plan *routePlan) *Complaint {
	probe := *c
	if plan.lender != nil && probe.LenderID == 0 {
		probe.LenderID = plan.lender.Institution.ID
	}
	if plan.agency != nil && probe.AgencyID == 0 {
		probe.AgencyID = plan.agency.Institution.ID
	}
	if probe.LenderID == 0 && probe.AgencyID == 0 {
		return nil
	}
	return &probe
}

// planRouteBut is planRoute, looking for likely duplicates only when duplicates is true (RouteMany
// looks for those of its whole batch at once).
func (s *Complaints) planRouteBut(ctx context.Context, c *Complaint, table RoutingTable, duplicates bool) (*routePlan, error) {
	var err error
	plan := &routePlan{}
	if err = s.assess(ctx, c, plan); err != nil {
		return nil, err
	}
	if err = s.matchInstitutions(ctx, c, plan); err != nil {
		return nil, err
	}
	violations := append([]ViolationType{}, c.ClaimedViolations...)
	if plan.assessment != nil {
		for _, v := range plan.assessment.Violations {
			if v.Confidence >= RoutingConfidence && !oneOf(v.Type, violations) {
				violations = append(violations, v.Type)
			}
		}
	}
	rule, ok := table.Route(c.Province, c.Product, violations)
	if !ok {
		return nil, Errorf(CodeInternal, "routing table %d has no rule for province %s", table.Version, c.Province)
	}
	plan.table, plan.rule = table, rule
	if table.LeastLoaded(rule.Team) {
		if plan.assignee, err = s.Routing.Store.LeastLoadedReviewer(ctx, rule.Team); err != nil {
			return nil, err
		}
	}
	if s.Duplicates != nil && duplicates {
		if probe := duplicateProbe(c, plan); probe != nil {
			if plan.duplicates, err = s.Duplicates.LikelyDuplicates(ctx, probe, c.CreatedAt.Add(-DuplicateWindow)); err != nil {
				return nil, err
			}
		}
	}
	return plan, nil
}

// assess runs the assessor, when there is one, over the complaint and its pasted collector messages.
func (s *Complaints) assess(ctx context.Context, c *Complaint, plan *routePlan) error {
	if s.Assessor != nil {
		var msgs []CollectorMessage
		if s.Messages != nil {
			evs, err := ReadOnce(ctx, evidenceKey(c.ID), func() ([]*Evidence, error) { return s.Messages.ListEvidence(ctx, c.ID) })
			if err != nil {
				return err
			}
			for _, e := range evs {
				if e.Message != nil {
					msgs = append(msgs, *e.Message)
				}
			}
		}
		a, err := s.Assessor.Assess(ctx, c, msgs)
		if err != nil {
			return err
		}
		plan.assessment = a
	}
	return nil
}

// matchInstitutions matches the lender and agency names the complainant typed, when no id was
// chosen, against the institutions' names and aliases (brand and app names, near misses).
func (s *Complaints) matchInstitutions(ctx context.Context, c *Complaint, plan *routePlan) error {
	if s.Institutions == nil || (c.LenderID != 0 || c.LenderName == "") && (c.AgencyID != 0 || c.AgencyName == "") {
		return nil
	}
	var lenders, agencies []*Institution
	for after := ""; ; {
		page, more, err := s.Institutions.ListInstitutions(ctx, "", Page{First: 500, After: after})
		if err != nil {
			return err
		}
		for _, in := range page {
			if in.Kind == KindCollectionAgency {
				agencies = append(agencies, in)
			} else {
				lenders = append(lenders, in)
			}
		}
		if !more || len(page) == 0 {
			break
		}
		after = itoa64(page[len(page)-1].ID)
	}
	if c.LenderID == 0 && c.LenderName != "" {
		if m, ok := MatchInstitution(c.LenderName, lenders); ok {
			plan.lender = &m
		}
	}
	if c.AgencyID == 0 && c.AgencyName != "" {
		if m, ok := MatchInstitution(c.AgencyName, agencies); ok {
			plan.agency = &m
		}
	}
	return nil
}

func itoa64(n int64) string {
	if n < 0 {
		return "-" + itoa64(-n)
	}
	if n < 10 {
		return itoa(int(n))
	}
	return itoa64(n/10) + itoa(int(n%10))
}

// Reroute moves a complaint to another team's queue, with the reason in its history. The complaint
// leaves its assignee; a team that wants it gets its least-loaded reviewer assigned instead.
func (s *Complaints) Reroute(ctx context.Context, id, team, reason string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionReroute)
	if err != nil {
		return nil, err
	}
	if reason, err = s.freeText("reason", reason, true); err != nil {
		return nil, err
	}
	team = strings.TrimSpace(team)
	if team == "" {
		return nil, Invalid("team", "name the team to route the complaint to", "请填写目标处理组")
	}
	unknown, err := s.Routing.Store.UnknownTeams(ctx, []string{team})
	if err != nil {
		return nil, err
	}
	if len(unknown) > 0 {
		return nil, Invalid("team", "there is no such team", "处理组不存在")
	}
	table, err := s.Routing.Current(ctx)
	if err != nil {
		return nil, err
	}
	var assignee int64
	if table.LeastLoaded(team) {
		if assignee, err = s.Routing.Store.LeastLoadedReviewer(ctx, team); err != nil {
			return nil, err
		}
	}
	return s.take(ctx, a, s.Now(), step{action: ActionReroute, id: id, expectedVersion: expectedVersion, reason: reason,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			if c.Team == team {
				return Invalid("team", "the complaint is already in this team's queue", "该投诉已在此处理组")
			}
			ev.Details["team"], ev.Details["previousTeam"] = team, c.Team
			if c.AssigneeID != 0 {
				ev.Details["previousAssigneeId"] = c.AssigneeID
			}
			if assignee != 0 {
				ev.Details["assigneeId"] = assignee
			}
			c.Team, c.AssigneeID = team, assignee
			return nil
		}})
}

// Reassess judges a routed complaint again, with the collector messages pasted since, and stores the
// new assessment when it differs; the priority may rise with the severity, never fall. It is the
// platform's own action (run by the complaint:assess worker) and idempotent: an unchanged assessment
// writes nothing. A complaint not yet routed is left to routing, which reads the messages itself.
func (s *Complaints) Reassess(ctx context.Context, id string) (*Complaint, error) {
	c, _, err := s.judgeAgain(ctx, id, true, func(c *Complaint, a *Assessment, now time.Time) *Event {
		if sameAssessment(c.Assessment, a) {
			return nil
		}
		to, err := Guard(ActionReassess, RoleSystem, c)
		if err != nil {
			return nil // closed meanwhile: nothing to judge
		}
		var suggested []string
		for _, v := range a.Violations {
			suggested = append(suggested, string(v.Type))
		}
		return &Event{Action: ActionReassess, FromStatus: c.Status, ToStatus: to, ActorRole: RoleSystem, At: now,
			Details: map[string]any{"rulePack": map[string]any{"id": a.PackID, "revision": a.PackRevision, "version": a.PackVersion},
				"severity": string(a.Severity), "previousSeverity": string(c.Assessment.Severity), "suggestedViolations": suggested}}
	})
	return c, err
}

// judgeAgain judges complaint id again as routing judges it (Reassess, ReassessUnderPacks): a
// complaint without an assessment, or not open when openOnly, is left as found. Within the update,
// event makes the history entry of the new assessment a against the complaint as stored (nil:
// nothing to store); with one, a is stored and the priority rises with its severity, never falls.
// It returns the complaint (as stored, or as found when left) and whether an entry was written.
func (s *Complaints) judgeAgain(ctx context.Context, id string, openOnly bool,
	event func(c *Complaint, a *Assessment, now time.Time) *Event) (*Complaint, bool, error) {
	c, err := s.Store.FindComplaint(ctx, id)
	if err != nil {
		return nil, false, err
	}
	if s.Assessor == nil || c.Assessment == nil || openOnly && !c.Status.Open() {
		return c, false, nil
	}
	plan := &routePlan{}
	if err := s.assess(ctx, c, plan); err != nil {
		return nil, false, err
	}
	a := plan.assessment
	now := s.Now()
	changed := false
	c, err = s.Store.UpdateComplaint(ctx, id, func(c *Complaint) (Change, error) {
		changed = false
		if c.Assessment == nil {
			return Change{}, nil
		}
		ev := event(c, a, now)
		if ev == nil {
			return Change{}, nil
		}
		changed = true
		if p := higherPriority(c.Priority, a.Severity); p != c.Priority {
			ev.Details["priority"], ev.Details["previousPriority"] = string(p), string(c.Priority)
			c.Priority = p
		}
		a.AssessedAt = now
		c.Assessment = a
		return Change{Events: []Event{*ev}}, nil
	})
	return c, changed, err
}

// sameAssessment reports whether two assessments say the same: pack revision, severity, referral,
// urgency factors and suggested violations with their confidences.
func sameAssessment(x, y *Assessment) bool {
	if x.PackID != y.PackID || x.PackRevision != y.PackRevision || x.Severity != y.Severity ||
		x.SuggestedReferral != y.SuggestedReferral || len(x.Violations) != len(y.Violations) || len(x.Urgency) != len(y.Urgency) {
		return false
	}
	for i := range x.Violations {
		if x.Violations[i].Type != y.Violations[i].Type || x.Violations[i].Confidence != y.Violations[i].Confidence ||
			len(x.Violations[i].Evidence) != len(y.Violations[i].Evidence) {
			return false
		}
	}
	for i := range x.Urgency {
		if x.Urgency[i].Factor != y.Urgency[i].Factor {
			return false
		}
	}
	return true
}
