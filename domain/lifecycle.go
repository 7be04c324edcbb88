package domain

import (
	"context"
	"slices"
	"time"
)

// Status is where a complaint stands in its life (DOMAIN.md, "How a complaint is handled").
type Status string

// The complaint states.
const (
	StatusSubmitted        Status = "SUBMITTED"
	StatusInTriage         Status = "IN_TRIAGE"
	StatusNeedsInformation Status = "NEEDS_INFORMATION"
	StatusForwarded        Status = "FORWARDED"
	StatusResponded        Status = "RESPONDED"
	StatusAccepted         Status = "ACCEPTED"
	StatusDisputed         Status = "DISPUTED"
	StatusInInvestigation  Status = "IN_INVESTIGATION"
	StatusEscalated        Status = "ESCALATED"
	StatusClosed           Status = "CLOSED"
	StatusRejected         Status = "REJECTED"
	StatusReferred         Status = "REFERRED"
	StatusWithdrawn        Status = "WITHDRAWN"
)

// Statuses lists every state.
var Statuses = []Status{StatusSubmitted, StatusInTriage, StatusNeedsInformation, StatusForwarded,
	StatusResponded, StatusAccepted, StatusDisputed, StatusInInvestigation, StatusEscalated,
	StatusClosed, StatusRejected, StatusReferred, StatusWithdrawn}

// Open reports whether the complaint is still being handled.
func (s Status) Open() bool {
	switch s {
	case StatusClosed, StatusRejected, StatusReferred, StatusWithdrawn:
		return false
	}
	return true
}

// Action is something that happens to a complaint and is recorded in its history.
type Action string

// The actions of the lifecycle. Some change the state, others (claim, assign, classify, note,
// link) only record work on the case.
const (
	ActionFile               Action = "FILED"
	ActionRoute              Action = "ROUTED"
	ActionClaim              Action = "CLAIMED"
	ActionAssign             Action = "ASSIGNED"
	ActionClassify           Action = "CLASSIFIED"
	ActionRequestInformation Action = "INFORMATION_REQUESTED"
	ActionProvideInformation Action = "INFORMATION_PROVIDED"
	ActionForward            Action = "FORWARDED"
	ActionRespond            Action = "RESPONDED"
	ActionAccept             Action = "ACCEPTED"
	ActionDispute            Action = "DISPUTED"
	ActionInvestigate        Action = "INVESTIGATION_OPENED"
	ActionEscalate           Action = "ESCALATED"
	ActionClose              Action = "CLOSED"
	ActionReject             Action = "REJECTED"
	ActionRefer              Action = "REFERRED"
	ActionWithdraw           Action = "WITHDRAWN"
	ActionReopen             Action = "REOPENED"
	ActionAddNote            Action = "NOTE_ADDED"
	ActionLink               Action = "LINKED"
	ActionAddEvidence        Action = "EVIDENCE_ADDED"
	// ActionAddInstitutionEvidence: a recipient institution attaches documents to its answer (call
	// logs, contracts, recordings), while it still owes the answer.
	ActionAddInstitutionEvidence Action = "INSTITUTION_EVIDENCE_ADDED"
	ActionRequestExtension       Action = "EXTENSION_REQUESTED"
	ActionDecideExtension        Action = "EXTENSION_DECIDED"
	ActionReportProgress         Action = "PROGRESS_REPORTED"
	ActionMerge                  Action = "MERGED"
	ActionReroute                Action = "REROUTED"
	ActionReassess               Action = "REASSESSED"
)

// RoleSystem is the role recorded for actions the platform takes by itself (routing, deadlines).
const RoleSystem Role = "system"

// Transition says who may take an action from which states, and where it leads. To is empty when
// the action does not change the state.
type Transition struct {
	Action Action
	From   []Status
	To     Status
	Roles  []Role
}

var openStates = []Status{StatusSubmitted, StatusInTriage, StatusNeedsInformation, StatusForwarded,
	StatusResponded, StatusAccepted, StatusDisputed, StatusInInvestigation, StatusEscalated}

var staff = []Role{RoleReviewer, RoleSupervisor}

// Lifecycle is the complete table of arrows of a complaint's life. Every arrow of DOMAIN.md is here;
// nothing else may change a complaint's state.
var Lifecycle = []Transition{
	{ActionRoute, []Status{StatusSubmitted}, StatusInTriage, []Role{RoleSystem}},
	{ActionClaim, []Status{StatusInTriage, StatusNeedsInformation, StatusDisputed, StatusInInvestigation, StatusEscalated}, "", staff},
	{ActionAssign, []Status{StatusSubmitted, StatusInTriage, StatusNeedsInformation, StatusForwarded, StatusResponded, StatusDisputed, StatusInInvestigation, StatusEscalated}, "", staff},
	{ActionClassify, []Status{StatusInTriage, StatusNeedsInformation, StatusDisputed, StatusInInvestigation, StatusEscalated}, "", staff},
	{ActionRequestInformation, []Status{StatusInTriage}, StatusNeedsInformation, staff},
	{ActionProvideInformation, []Status{StatusNeedsInformation}, StatusInTriage, []Role{RoleComplainant}},
	{ActionForward, []Status{StatusInTriage}, StatusForwarded, staff},
	{ActionRespond, []Status{StatusForwarded}, StatusResponded, []Role{RoleInstitutionAgent, RoleInstitutionAdmin}},
	// An "in progress" answer (CFPB) is recorded without ending the institution's turn.
	{ActionReportProgress, []Status{StatusForwarded}, "", []Role{RoleInstitutionAgent, RoleInstitutionAdmin}},
	{ActionRequestExtension, []Status{StatusForwarded}, "", []Role{RoleInstitutionAgent, RoleInstitutionAdmin}},
	{ActionDecideExtension, []Status{StatusForwarded}, "", []Role{RoleSupervisor}},
	{ActionAccept, []Status{StatusResponded}, StatusAccepted, []Role{RoleComplainant}},
	{ActionDispute, []Status{StatusResponded}, StatusDisputed, []Role{RoleComplainant}},
	{ActionInvestigate, []Status{StatusDisputed}, StatusInInvestigation, staff},
	{ActionEscalate, []Status{StatusInTriage, StatusForwarded, StatusDisputed, StatusInInvestigation}, StatusEscalated, staff},
	{ActionClose, []Status{StatusResponded, StatusAccepted, StatusDisputed, StatusInInvestigation, StatusEscalated}, StatusClosed, staff},
	{ActionReject, []Status{StatusInTriage}, StatusRejected, staff},
	{ActionRefer, []Status{StatusInTriage, StatusEscalated}, StatusReferred, staff},
	{ActionWithdraw, openStates, StatusWithdrawn, []Role{RoleComplainant}},
	{ActionReopen, []Status{StatusClosed}, StatusInTriage, []Role{RoleReviewer, RoleSupervisor, RoleComplainant}},
	{ActionAddNote, append(append([]Status{}, openStates...), StatusClosed, StatusRejected, StatusReferred, StatusWithdrawn), "", staff},
	{ActionLink, openStates, "", staff},
	// A duplicate linked to its primary may be closed as merged from any open state.
	{ActionMerge, openStates, StatusClosed, staff},
	{ActionAddEvidence, openStates, "", []Role{RoleComplainant}},
	// A recipient institution supports its answer with documents while it is its turn to answer.
	{ActionAddInstitutionEvidence, []Status{StatusForwarded}, "", []Role{RoleInstitutionAgent, RoleInstitutionAdmin}},
	// The platform judges a routed complaint again when collector messages are pasted later.
	{ActionReassess, openStates, "", []Role{RoleSystem}},
	// Staff move a complaint to another team's queue while the regulator is working it.
	{ActionReroute, []Status{StatusInTriage, StatusNeedsInformation, StatusDisputed, StatusInInvestigation, StatusEscalated}, "", staff},
	// Time the institution waits for an outside appraisal does not count against its deadline.
	{ActionStartAppraisal, []Status{StatusForwarded}, "", []Role{RoleInstitutionAgent, RoleInstitutionAdmin}},
	{ActionEndAppraisal, []Status{StatusForwarded}, "", []Role{RoleInstitutionAgent, RoleInstitutionAdmin}},
}

// permissions maps each action to the casbin permission (object "complaint") a role needs before
// the lifecycle table is even consulted; the two must agree, and the lifecycle tests check it.
var permissions = map[Action]string{
	ActionRoute: "route", ActionClaim: "triage", ActionAssign: "triage", ActionClassify: "triage",
	ActionRequestInformation: "triage", ActionProvideInformation: "provideInformation", ActionForward: "triage",
	ActionRespond: "respond", ActionReportProgress: "respond", ActionRequestExtension: "respond",
	ActionDecideExtension: "supervise", ActionAccept: "feedback", ActionDispute: "feedback",
	ActionInvestigate: "triage", ActionEscalate: "triage", ActionClose: "triage", ActionReject: "triage",
	ActionRefer: "triage", ActionWithdraw: "withdraw", ActionReopen: "reopen", ActionAddNote: "note",
	ActionLink: "triage", ActionMerge: "triage", ActionAddEvidence: "addEvidence", ActionAddInstitutionEvidence: "addEvidence", ActionReroute: "triage", ActionReassess: "route",
	ActionStartAppraisal: "respond", ActionEndAppraisal: "respond",
}

// Permission returns the role-level permission an action needs.
func Permission(a Action) string { return permissions[a] }

// TransitionFor returns the lifecycle entry for an action.
func TransitionFor(a Action) (Transition, bool) {
	for _, t := range Lifecycle {
		if t.Action == a {
			return t, true
		}
	}
	return Transition{}, false
}

// Allows reports whether the transition may be taken by role from state s.
func (t Transition) Allows(role Role, s Status) (roleOK, stateOK bool) {
	for _, r := range t.Roles {
		if r == role {
			roleOK = true
		}
	}
	for _, f := range t.From {
		if f == s {
			stateOK = true
		}
	}
	return roleOK, stateOK
}

// Guard checks that actor may take action on complaint c now, and returns the state it leads to
// (c's own state when the action does not change it).
func Guard(a Action, role Role, c *Complaint) (Status, error) {
	t, ok := TransitionFor(a)
	if !ok {
		return "", Errorf(CodeInternal, "unknown action %s", a)
	}
	roleOK, stateOK := t.Allows(role, c.Status)
	if !roleOK {
		return "", ErrForbidden
	}
	if !stateOK {
		return "", &Error{Code: CodeInvalid, Field: "status",
			Message:   "a complaint in state " + string(c.Status) + " cannot be " + string(a),
			MessageZH: "当前状态（" + string(c.Status) + "）下不能执行此操作"}
	}
	if t.To == "" {
		return c.Status, nil
	}
	return t.To, nil
}

// AvailableActions lists what actor a may do to complaint c at time now, in the lifecycle table's
// order: the arrows whose roles include a's and whose states include c's, less those the
// complaint's own facts already rule out — claiming a complaint someone holds, deciding an
// extension when none awaits a decision, reopening after the reopen window, linking or merging a
// duplicate already merged, pausing the institution's answer clock for an appraisal when it is
// paused already or past its deadline, ending an appraisal that is not under way, asking for an
// extension of a clock that has passed its due day, was met or no longer runs (c.Deadlines must
// hold the institution's clocks for these three), accepting or disputing the answer after the
// feedback clock's due day (c.Deadlines must hold it; without one, feedbackWindow after the answer). Actions the platform takes itself (routing, reassessment)
// are never listed. The list is advice for a client drawing its controls: the operation still
// checks everything (the version, the institution's own answer, the appraisal clock) when it is
// taken.
func AvailableActions(a Actor, c *Complaint, now time.Time, reopenWindow, feedbackWindow time.Duration) []Action {
	if c == nil || a.Anonymous() {
		return []Action{}
	}
	out := []Action{}
	for _, t := range Lifecycle {
		roleOK, stateOK := t.Allows(a.Role, c.Status)
		if !roleOK || !stateOK {
			continue
		}
		switch t.Action {
		case ActionClaim:
			if c.AssigneeID != 0 {
				continue
			}
		case ActionDecideExtension:
			if c.PendingExtensionID == "" {
				continue
			}
		case ActionReopen:
			if !c.ClosedAt.IsZero() && now.After(c.ClosedAt.Add(reopenWindow)) {
				continue
			}
		case ActionLink, ActionMerge:
			if c.MergedInto != "" {
				continue
			}
		case ActionStartAppraisal:
			if d := c.institutionDeadline(a.InstitutionID); d != nil && (d.Paused() || d.appraisals() >= MaxAppraisals) {
				continue
			}
			if _, late := c.answerDuePassed(a.InstitutionID, now); late {
				continue
			}
		case ActionEndAppraisal:
			if d := c.institutionDeadline(a.InstitutionID); d != nil && d.PauseReason != PauseOutsideAppraisal {
				continue
			}
		case ActionAccept, ActionDispute:
			// SubmitFeedback refuses once the feedback clock has passed its due day (session 30,
			// attack: availableActions still offered ACCEPTED and DISPUTED months after).
			// Without a feedback clock the window runs from the answer, as SubmitFeedback reckons it
			// (session 30, attackmend: both were offered forever then).
			if now.After(c.feedbackEnd(feedbackWindow)) {
				continue
			}
		case ActionRequestExtension:
			// RequestExtension refuses once the institution's own clock has passed its due day, was
			// met by its answer or no longer runs (session 29, attack: the portal offered the control).
			if d := c.institutionDeadline(a.InstitutionID); d != nil && (d.State != DeadlineOpen || c.answeredBy(a.InstitutionID)) {
				continue
			}
			if _, late := c.answerDuePassed(a.InstitutionID, now); late {
				continue
			}
		}
		out = append(out, t.Action)
	}
	return out
}

// AvailableActions is AvailableActions for the signed-in caller, now, under the service's policy.
//
// An extension the institution may not ask for is left out too (session 37, sec37: after the second
// denial the portal still offered the control, and the request was refused): whatever extensionRule
// refuses, the rule RequestExtension applies. It reads the complaint's extension requests only when
// the rest of the list offers the request and a check needs them; c.Deadlines must hold the
// institution's clock, as for AvailableActions.
func (s *Complaints) AvailableActions(ctx context.Context, c *Complaint) []Action {
	return s.AvailableActionsWith(ctx, c, nil)
}

// AvailableActionsWith is AvailableActions with the complaint's extension requests as a batch read
// them (nil: read here when needed).
func (s *Complaints) AvailableActionsWith(ctx context.Context, c *Complaint, requests func() ([]Extension, error)) []Action {
	pol := s.policy()
	a := ActorFrom(ctx)
	out := AvailableActions(a, c, s.Now(), pol.ReopenWindow, pol.FeedbackWindow)
	if i := slices.Index(out, ActionRequestExtension); i >= 0 {
		if next, _ := s.ExtensionOffer(ctx, c, requests); next == nil {
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// ReopenableUntil is the instant until which a closed complaint may be reopened (its closing plus
// the reopen window), zero for one not closed: what the complainant's page names as the last day.
func (s *Complaints) ReopenableUntil(c *Complaint) time.Time {
	if c == nil || c.Status != StatusClosed || c.ClosedAt.IsZero() {
		return time.Time{}
	}
	return c.ClosedAt.Add(s.policy().ReopenWindow)
}
