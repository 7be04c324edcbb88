package domain

import "slices"

// This file is the disclosure policy of a complaint's history: what of each entry a party outside
// the regulator may read. The history records the regulator's own work on the case as well as what
// the parties did: routing (team, assignee, severity, rule pack, the same debtor's other complaints),
// internal notes, reroutes, assessments. Complainants and institutions see only what the policy
// below allows for the entry's action — an allow-list, not a deny-list: an action or a detail that
// is not listed here is not shown to them at all.

// ActionImport is the history action of a complaint brought in from another register (the CFPB
// import writes it).
const ActionImport Action = "IMPORTED"

// EventView is what one party outside the regulator sees of one kind of history entry.
type EventView struct {
	// Shown: the entry appears in the party's history at all.
	Shown bool
	// Reason: its free text (the reason, comment or note given with the action) is shown.
	Reason bool
	// Details lists the recorded details shown; any other detail is left out.
	Details []string
	// Own: for an institution, the entry is shown only when it names the institution (its
	// institutionId, or institutionIds listing it): its own clock, not the regulator's internal
	// clocks or the complainant's feedback window (attack round 16).
	Own bool
	// ReasonOnceForwarded: for an institution, the free text is shown only when the complaint was
	// forwarded to it after the entry (a reopening's new facts reach the institution asked to
	// answer them, not one the complaint was not sent to again).
	ReasonOnceForwarded bool
}

// HistoryPolicy is what complainants and institutions see of one kind of history entry. The
// regulator's staff (reviewers, supervisors, admins) see every entry in full.
type HistoryPolicy struct {
	Complainant EventView
	Institution EventView
}

// hidden: the entry is the regulator's internal work, not shown outside it.
var hidden = EventView{}

// bare: the entry is shown (something happened, and when), without its reason or details.
var bare = EventView{Shown: true}

// HistoryPolicies holds the policy of every action the lifecycle writes into a complaint's history.
// A test enumerates every Action constant of the code and fails if one has no entry here.
var HistoryPolicies = map[Action]HistoryPolicy{
	// Filing: the complainant sees the acceptance clock start.
	ActionFile: {Complainant: EventView{Shown: true, Details: []string{"deadlines"}}, Institution: bare},
	// Routing is the platform's triage: the team, assignee, severity, rule pack, matches and the
	// same debtor's other complaints (likelyDuplicates) are for the regulator's staff only.
	ActionRoute: {Complainant: bare, Institution: bare},
	// The regulator's case work: who holds the case and how it is classified stay internal.
	ActionClaim:    {Complainant: bare, Institution: bare},
	ActionAssign:   {Complainant: bare, Institution: bare},
	ActionClassify: {Complainant: bare, Institution: bare},
	// The question is put to the complainant, who answers it; institutions see neither.
	ActionRequestInformation: {Complainant: EventView{Shown: true, Details: []string{"question", "deadlines"}}, Institution: bare},
	ActionProvideInformation: {Complainant: EventView{Shown: true, Details: []string{"question", "answer", "deadlines"}}, Institution: bare},
	// Forwarding: to whom in kind (lender, agency, both) and by when the answer is due.
	ActionForward: {Complainant: EventView{Shown: true, Details: []string{"target", "dueAt"}},
		Institution: EventView{Shown: true, Details: []string{"target", "dueAt"}}},
	// The institutions' answers and what they say about their time.
	ActionRespond: {Complainant: EventView{Shown: true, Details: []string{"category", "timely"}},
		Institution: EventView{Shown: true, Details: []string{"category", "timely"}}},
	ActionReportProgress:   {Complainant: EventView{Shown: true, Reason: true}, Institution: EventView{Shown: true, Reason: true}},
	ActionRequestExtension: {Complainant: EventView{Shown: true, Reason: true, Details: []string{"days", "status"}}, Institution: EventView{Shown: true, Reason: true, Details: []string{"days", "status"}}},
	ActionDecideExtension:  {Complainant: EventView{Shown: true, Reason: true, Details: []string{"approved"}}, Institution: EventView{Shown: true, Reason: true, Details: []string{"approved"}}},
	ActionStartAppraisal:   {Complainant: EventView{Shown: true, Reason: true}, Institution: EventView{Shown: true, Reason: true}},
	// An end the deadline sweep made at the longest pause says so (limit, maxDays): without them the
	// complainant read an end like the institution's own (session 36).
	ActionEndAppraisal: {Complainant: EventView{Shown: true, Details: []string{"limit", "maxDays"}}, Institution: EventView{Shown: true, Details: []string{"limit", "maxDays"}}},
	// The complainant's review of the answers, which the institutions read as part of the complaint.
	ActionAccept:  {Complainant: EventView{Shown: true, Reason: true, Details: []string{"satisfaction"}}, Institution: EventView{Shown: true, Reason: true, Details: []string{"satisfaction"}}},
	ActionDispute: {Complainant: EventView{Shown: true, Reason: true, Details: []string{"satisfaction"}}, Institution: EventView{Shown: true, Reason: true, Details: []string{"satisfaction"}}},
	// Investigation and escalation are shown as steps; their reasons are the regulator's own.
	ActionInvestigate: {Complainant: bare, Institution: bare},
	ActionEscalate:    {Complainant: bare, Institution: bare},
	// Decisions the complainant is told with their grounds; the institution learns the outcome.
	ActionClose:  {Complainant: EventView{Shown: true, Reason: true}, Institution: EventView{Shown: true, Reason: true}},
	ActionReject: {Complainant: EventView{Shown: true, Reason: true, Details: []string{"reasonCode"}}, Institution: EventView{Shown: true, Details: []string{"reasonCode"}}},
	ActionRefer:  {Complainant: EventView{Shown: true, Reason: true, Details: []string{"to"}}, Institution: EventView{Shown: true, Details: []string{"to"}}},
	// Withdrawal and reopening carry the complainant's own words. A reopening's are the new facts
	// the complaint was reopened for: an institution the complaint is then forwarded to again is
	// asked to answer them, and reads them as it reads the complaint's narrative and the
	// complainant's dispute (its filed personal data withheld, forInstitution); an institution it
	// is not forwarded to again learns only that it was reopened (session 32 walk32).
	ActionWithdraw: {Complainant: EventView{Shown: true, Reason: true}, Institution: bare},
	ActionReopen:   {Complainant: EventView{Shown: true, Reason: true, Details: []string{"closedAt"}}, Institution: EventView{Shown: true, ReasonOnceForwarded: true}},
	// Internal notes: not even that one was written.
	ActionAddNote: {Complainant: hidden, Institution: hidden},
	// Linking names another complaint (possibly another person's): the step only, never which.
	ActionLink:  {Complainant: bare, Institution: bare},
	ActionMerge: {Complainant: bare, Institution: bare},
	// Evidence: the complainant sees what was added; institutions how much and of which kind.
	ActionAddEvidence: {Complainant: EventView{Shown: true, Details: []string{"evidenceId", "evidenceIds", "kind", "count", "size", "sha256"}},
		Institution: EventView{Shown: true, Details: []string{"kind", "count"}}},
	// An institution's supporting documents go to the regulator: the complainant learns that a
	// document of some kind was added and whether it was shared with them, the institution that
	// added it (no other recipient: the entry names it) sees its item; the files themselves follow
	// EvidenceVisibleTo.
	ActionAddInstitutionEvidence: {Complainant: EventView{Shown: true, Details: []string{"kind", "shared"}},
		Institution: EventView{Shown: true, Details: []string{"evidenceId", "kind", "size", "sha256", "shared"}}},
	// Queue moves and re-assessments are the platform's internal work.
	ActionReroute:  {Complainant: hidden, Institution: hidden},
	ActionReassess: {Complainant: hidden, Institution: hidden},
	// Judged again under a new rule pack revision (a reassessment job): the engine's suggestions
	// and their pack are staff's working material, shown to no party.
	ActionRulesReassess: {Complainant: hidden, Institution: hidden},
	// A missed deadline: which clock, and when it was due. An institution reads the breach of its
	// own answer's clock only, as it reads no other clock (deadlinesFor): the complainant's
	// feedback window lapsing told it when the window closed and that the complainant said nothing
	// (the feedbackLapsed filter was refused to it in session 15 for that), the regulator's
	// acceptance clock its internal handling (attack round 16).
	ActionDeadlineBreached: {Complainant: EventView{Shown: true, Details: []string{"kind", "dueAt"}},
		Institution: EventView{Shown: true, Own: true, Details: []string{"kind", "dueAt"}}},
	// Reminders go to the outbox, never into the history; should one appear, it stays internal.
	ActionDeadlineReminder: {Complainant: hidden, Institution: hidden},
	// A complaint imported from another register.
	ActionImport: {Complainant: bare, Institution: bare},
}

// HistoryViewFor returns what actor a sees of entries of the given action, and whether a sees
// them in full (the regulator's staff). Anyone who is neither staff, a complainant nor an
// institution sees nothing.
func HistoryViewFor(a Actor, action Action) (v EventView, full bool) {
	switch {
	case a.Role.IsStaff():
		return EventView{}, true
	case a.Role == RoleComplainant:
		return HistoryPolicies[action].Complainant, false
	case a.Role.IsInstitution():
		return HistoryPolicies[action].Institution, false
	}
	return hidden, false
}

// DiscloseHistory returns the entries of a complaint's history that actor a may see, each holding
// only the reason and details the policy allows a. Unknown actions and unknown details are left out.
//
// withheld are the filed values the actor may not read (those Disclose took out of the complaint's
// free text for them): a reason shown to the actor loses them, however written.
func DiscloseHistory(a Actor, evs []Event, withheld ...string) []Event {
	out := make([]Event, 0, len(evs))
	for i, e := range evs {
		v, full := HistoryViewFor(a, e.Action)
		if full {
			out = append(out, e)
			continue
		}
		if !v.Shown || !ownEntry(a, e) || (v.Own && a.Role.IsInstitution() && !namesInstitution(e, a.InstitutionID)) {
			continue
		}
		if e.ActorID != a.UserID {
			// Who did it is said by the role alone: a staff member's user id named the case's
			// handler to the parties (a CLAIMED entry undid Disclose's withholding of the
			// assignee), and another party's names an account of theirs (session 12).
			e.ActorID = 0
		}
		if !v.Reason && !(v.ReasonOnceForwarded && a.Role.IsInstitution() && forwardedAfter(evs[i+1:], a.InstitutionID)) {
			e.Reason = ""
		}
		if a.Role.IsInstitution() {
			e.Reason = forInstitution(e.Reason, withheld)
		} else {
			e.Reason = redactAll(e.Reason, withheld)
		}
		details := map[string]any{}
		for _, k := range v.Details {
			if val, ok := e.Details[k]; ok {
				details[k] = val
			}
		}
		e.Details = details
		out = append(out, e)
	}
	return out
}

// forwardedAfter reports whether the round that the entry before evs opened forwards the complaint
// to institution inst: the scan stops at the round's end (the next reopening, closing, rejection or
// withdrawal), so a reopening closed without a forward never reaches the institution a later round
// is forwarded to.
func forwardedAfter(evs []Event, inst int64) bool {
	for _, e := range evs {
		switch e.Action {
		case ActionReopen, ActionClose, ActionReject, ActionWithdraw:
			return false
		}
		if e.Action != ActionForward {
			continue
		}
		if typed, ok := e.Details["recipients"].([]int64); ok { // not yet through JSON
			if slices.Contains(typed, inst) {
				return true
			}
			continue
		}
		ids, _ := e.Details["recipients"].([]any)
		if slices.ContainsFunc(ids, func(v any) bool { return anyInt64(v) == inst }) {
			return true
		}
	}
	return false
}

// ownEntry reports whether an institution's actor may see entry e at all: an entry that names the
// institution it was written for (an answer, a progress report, an extension request) is shown to
// that institution only, never to the other recipient of a complaint forwarded to both.
func ownEntry(a Actor, e Event) bool {
	if !a.Role.IsInstitution() {
		return true
	}
	id, ok := e.Details["institutionId"]
	if !ok {
		return true
	}
	return anyInt64(id) == a.InstitutionID
}

// namesInstitution reports whether entry e was written for institution inst: its institutionId,
// or its institutionIds listing it.
func namesInstitution(e Event, inst int64) bool {
	if id, ok := e.Details["institutionId"]; ok {
		return anyInt64(id) == inst
	}
	if typed, ok := e.Details["institutionIds"].([]int64); ok { // not yet through JSON
		return slices.Contains(typed, inst)
	}
	ids, _ := e.Details["institutionIds"].([]any)
	return slices.ContainsFunc(ids, func(v any) bool { return anyInt64(v) == inst })
}

// anyInt64 reads a recorded number: int64 as written, float64 or json.Number as read back.
func anyInt64(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case int:
		return int64(n)
	case float64:
		return int64(n)
	case interface{ Int64() (int64, error) }:
		i, _ := n.Int64()
		return i
	}
	return -1
}
