package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds every lifecycle operation of a complaint after filing. Each one follows the same
// path: the caller is signed in and holds the role-level permission (Authorizer); the operation's
// own input is checked; then, inside the store's transaction with the complaint locked, the
// complaint must lie in the caller's scope, match the expected version if one was given, and allow
// the action from its state for the caller's role (Guard); the change, its history event and its
// outbox message are written together.

// errUnchanged tells take that the operation has nothing to do (a repeated claim by the same
// reviewer): nothing is written and the complaint is returned as it is.
var errUnchanged = errors.New("unchanged")

// step is one lifecycle operation on one complaint.
type step struct {
	action          Action
	id              string
	expectedVersion int
	reason          string
	// apply checks the rules that depend on the complaint and changes it; it may add details to
	// the event and records to the change, and set ev.ToStatus back to c.Status to keep the state
	// (a final answer while another recipient's is still awaited).
	apply func(c *Complaint, ev *Event, ch *Change) error
	// clocks, when set, moves the complaint's deadlines beyond what the action itself implies
	// (an extension); it runs after apply, with the new state set.
	clocks func(w *deadlineWork) error
	// settled, when set, runs last, with the clocks moved (the forward's due date for the event).
	settled func(c *Complaint, ev *Event)
}

// actor returns the signed-in caller if they hold the permission the action needs.
func (s *Complaints) actor(ctx context.Context, a Action) (Actor, error) {
	return s.require(ctx, "complaint", Permission(a))
}

// take runs a step for actor a at time now.
func (s *Complaints) take(ctx context.Context, a Actor, now time.Time, st step) (*Complaint, error) {
	if st.expectedVersion < 0 {
		return nil, Invalid("expectedVersion", "expected version cannot be negative", "版本号不能为负数")
	}
	c, err := s.Store.UpdateComplaint(ctx, st.id, s.stepChange(a, now, st))
	if err != nil {
		return nil, err
	}
	return s.disclosed(ctx, a, c)
}

// disclosed is what actor a may read of complaint c after a step.
func (s *Complaints) disclosed(ctx context.Context, a Actor, c *Complaint) (*Complaint, error) {
	out := Disclose(a, c)
	if err := s.withholdComplainants(ctx, a, out); err != nil {
		return nil, err
	}
	return out, nil
}

// stepChange is the change a step makes to the locked complaint: scope, version and state checked,
// the step applied, the clocks moved, its event and outbox message added.
func (s *Complaints) stepChange(a Actor, now time.Time, st step) func(c *Complaint) (Change, error) {
	return func(c *Complaint) (Change, error) {
		if !ScopeFor(a).Contains(c) {
			return Change{}, ErrNotFound
		}
		if st.expectedVersion != 0 && c.Version != st.expectedVersion {
			return Change{}, ErrConflict
		}
		to, err := Guard(st.action, a.Role, c)
		if err != nil {
			return Change{}, err
		}
		if a.Role.IsInstitution() && c.Status == StatusForwarded && c.answeredBy(a.InstitutionID) {
			// Forwarded to both: this institution gave its final answer; the other has not yet.
			return Change{}, &Error{Code: CodeConflict, Field: "id", Message: "your institution has already given its final answer; the complaint awaits the other institution's",
				MessageZH: "贵机构已作出最终答复，正在等待另一机构答复"}
		}
		ev := Event{ComplaintID: c.ID, Action: st.action, FromStatus: c.Status, ToStatus: to, ActorID: a.UserID,
			ActorRole: a.Role, Reason: st.reason, At: now, Details: map[string]any{}}
		var ch Change
		if st.apply != nil {
			if err := st.apply(c, &ev, &ch); errors.Is(err, errUnchanged) {
				return Change{}, nil
			} else if err != nil {
				return Change{}, err
			}
		}
		c.Status = ev.ToStatus // apply may keep the state (an answer while another recipient's is awaited)
		if s.Clocks != nil {
			w := s.deadlineWork(c, now)
			if st.clocks != nil {
				if err := st.clocks(w); err != nil {
					return Change{}, err
				}
			}
			if err := w.lifecycle(st.action, a, st.reason); err != nil {
				return Change{}, err
			}
			w.finish(&ev, &ch)
		}
		if st.settled != nil {
			st.settled(c, &ev)
		}
		ch.Events = append([]Event{ev}, ch.Events...)
		payload := map[string]any{"complaintId": c.ID, "action": string(st.action), "from": string(ev.FromStatus), "to": string(c.Status)}
		if id, ok := ev.Details["institutionId"]; ok {
			// An entry written for one institution (ownEntry) is told to that institution alone: a
			// decision on the lender's extension was notified, mailed and posted to its agency too
			// (session 17, attack).
			payload["institutionId"] = id
		}
		ch.Messages = append(ch.Messages, Message{ID: s.NewID(), Topic: TopicComplaintChanged, Payload: payload})
		return ch, nil
	}
}

// freeText trims s and checks its length; required text must not be empty.
func (s *Complaints) freeText(field, text string, required bool) (string, error) {
	text = strings.TrimSpace(text)
	if Blank(text) {
		if required {
			return "", Invalid(field, "this cannot be empty", "此项不能为空")
		}
		// An optional text that shows nothing (zero-width spaces, a BOM, combining marks alone) is
		// no text: it was stored and shown as an invisible reason or comment (attack round 31).
		return "", nil
	}
	if utf8.RuneCountInString(text) > s.policy().MaxTextRunes {
		return "", Invalid(field, "the text is too long", "文字过长")
	}
	return text, nil
}

// windowClosed is the error for an action whose time window has passed.
func windowClosed(what string, closedAt time.Time) *Error {
	return &Error{Code: CodeInvalid, Field: "status",
		Message:   "the window to " + what + " closed on " + closedAt.UTC().Format("2006-01-02"),
		MessageZH: "已超过期限（" + closedAt.UTC().Format("2006-01-02") + "）"}
}

// checkInstitution checks that id names an institution of the right kind: a collection agency
// when agency is true, a lender otherwise. Zero means none was given.
func (s *Complaints) checkInstitution(ctx context.Context, field string, id int64, agency bool) error {
	if id == 0 {
		return nil
	}
	if id < 0 || s.Institutions == nil {
		return Invalid(field, "no institution has this id", "没有此编号的机构")
	}
	kind, err := s.Institutions.InstitutionKind(ctx, id)
	if CodeOf(err) == CodeNotFound {
		return Invalid(field, "no institution has this id", "没有此编号的机构")
	}
	if err != nil {
		return err
	}
	if agency && kind != KindCollectionAgency {
		return Invalid(field, "this institution is not a collection agency", "该机构不是催收机构")
	}
	if !agency && kind == KindCollectionAgency {
		return Invalid(field, "a collection agency is not a lender", "催收机构不是放贷机构")
	}
	return nil
}

// Withdraw lets complainants withdraw their own open complaint.
func (s *Complaints) Withdraw(ctx context.Context, id, reason string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionWithdraw)
	if err != nil {
		return nil, err
	}
	if reason, err = s.freeText("reason", reason, false); err != nil {
		return nil, err
	}
	return s.take(ctx, a, s.Now(), step{action: ActionWithdraw, id: id, expectedVersion: expectedVersion, reason: reason})
}

// ProvideInformation records the complainant's answer to an information request and puts the
// complaint back into triage.
func (s *Complaints) ProvideInformation(ctx context.Context, id, answer string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionProvideInformation)
	if err != nil {
		return nil, err
	}
	if answer, err = s.freeText("answer", answer, true); err != nil {
		return nil, err
	}
	return s.take(ctx, a, s.Now(), step{action: ActionProvideInformation, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			ev.Details["question"], ev.Details["answer"] = c.InformationRequest, answer
			c.InformationRequest = ""
			return nil
		}})
}

// FeedbackInput is the complainant's review of an institution's answer.
type FeedbackInput struct {
	Decision     FeedbackDecision
	Satisfaction int
	Comment      string
}

// SubmitFeedback records whether the complainant accepts or disputes the institution's answer,
// within the feedback window after the answer.
func (s *Complaints) SubmitFeedback(ctx context.Context, id string, in FeedbackInput, expectedVersion int) (*Complaint, error) {
	action := ActionAccept
	switch in.Decision {
	case FeedbackAccept:
	case FeedbackDispute:
		action = ActionDispute
	default:
		if _, err := s.actor(ctx, ActionAccept); err != nil {
			return nil, err
		}
		return nil, Invalid("decision", "decide ACCEPT or DISPUTE", "请选择接受或异议")
	}
	a, err := s.actor(ctx, action)
	if err != nil {
		return nil, err
	}
	if in.Satisfaction < 1 || in.Satisfaction > 5 {
		return nil, Invalid("satisfaction", "rate your satisfaction from 1 to 5", "满意度须为1至5分")
	}
	if in.Comment, err = s.freeText("comment", in.Comment, false); err != nil {
		return nil, err
	}
	now := s.Now()
	return s.take(ctx, a, now, step{action: action, id: id, expectedVersion: expectedVersion, reason: in.Comment,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			end := c.feedbackEnd(s.policy().FeedbackWindow)
			if now.After(end) {
				return windowClosed("give feedback", end)
			}
			c.Feedback = &Feedback{Decision: in.Decision, Satisfaction: in.Satisfaction, Comment: in.Comment, At: now}
			ev.Details["satisfaction"] = in.Satisfaction
			return nil
		}})
}

// Claim makes the calling reviewer the complaint's assignee. When two reviewers claim at once, one
// wins and the other gets CONFLICT; claiming one's own complaint again changes nothing.
func (s *Complaints) Claim(ctx context.Context, id string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionClaim)
	if err != nil {
		return nil, err
	}
	return s.take(ctx, a, s.Now(), step{action: ActionClaim, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			switch c.AssigneeID {
			case a.UserID:
				return errUnchanged
			case 0:
				c.AssigneeID = a.UserID
				ev.Details["assigneeId"] = a.UserID
				return nil
			}
			return &Error{Code: CodeConflict, Field: "id", Message: "another reviewer has already claimed this complaint",
				MessageZH: "该投诉已被其他审核人员认领"}
		}})
}

// Assign gives one or many complaints to a reviewer or supervisor of the team whose queue holds
// them. Every complaint is checked before any is changed, and all are assigned in one transaction:
// a complaint that cannot be assigned when it is locked (withdrawn, rerouted, changed meanwhile)
// assigns none, and the error names it (ids.N). A complaint may be named by its id or its
// reference, once. An expected version may be given only when one complaint is assigned.
func (s *Complaints) Assign(ctx context.Context, ids []string, assigneeID int64, expectedVersion int) ([]*Complaint, error) {
	a, err := s.actor(ctx, ActionAssign)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 || len(ids) > s.policy().MaxAssignmentsAtOnce {
		return nil, Invalid("ids", "assign between 1 and 100 complaints at once", "每次可分派1至100件投诉")
	}
	if expectedVersion != 0 && len(ids) != 1 {
		return nil, Invalid("expectedVersion", "an expected version applies to one complaint only", "版本号只能用于单件投诉")
	}
	if expectedVersion < 0 {
		return nil, Invalid("expectedVersion", "expected version cannot be negative", "版本号不能为负数")
	}
	var assignee *User
	if s.Users != nil && assigneeID > 0 {
		assignee, err = s.Users.UserByID(ctx, assigneeID)
		if err != nil && CodeOf(err) != CodeNotFound {
			return nil, err
		}
	}
	if assignee == nil || !(assignee.Role == RoleReviewer || assignee.Role == RoleSupervisor) {
		return nil, Invalid("assigneeId", "assign to a reviewer or supervisor", "只能分派给审核人员或主管")
	}
	inTeam := func(c *Complaint) error {
		for _, t := range assignee.Teams {
			if t == c.Team {
				return nil
			}
		}
		return Invalid("assigneeId", "the assignee does not work the queue of team "+c.Team, "被分派人不属于该投诉所在的处理组（"+c.Team+"）")
	}
	// Check all first, so that a bad id assigns none; the complaints are then named by their ids
	// (a reference names the same complaint as its id).
	index := make(map[string]int, len(ids))
	resolved := make([]string, len(ids))
	for i, id := range ids {
		c, err := s.Get(ctx, id)
		if err != nil {
			if de, ok := AsError(err); ok && de.Code == CodeNotFound {
				return nil, &Error{Code: CodeNotFound, Field: "ids." + itoa(i), Message: de.Message, MessageZH: de.MessageZH}
			}
			return nil, err
		}
		if _, dup := index[c.ID]; dup {
			return nil, Invalid("ids."+itoa(i), "complaint listed twice", "投诉重复")
		}
		index[c.ID], resolved[i] = i, c.ID
		if _, err := Guard(ActionAssign, a.Role, c); err != nil {
			return nil, atAssignment(err, ids, i)
		}
		if err := inTeam(c); err != nil {
			return nil, err
		}
	}
	now := s.Now()
	st := step{action: ActionAssign, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			if err := inTeam(c); err != nil {
				return err
			}
			if c.AssigneeID == assigneeID {
				return errUnchanged
			}
			ev.Details["assigneeId"], ev.Details["previousAssigneeId"] = assigneeID, c.AssigneeID
			c.AssigneeID = assigneeID
			return nil
		}}
	change := s.stepChange(a, now, st)
	got, err := s.Store.UpdateComplaints(ctx, resolved, func(c *Complaint) (Change, error) {
		ch, err := change(c)
		if err != nil {
			return ch, atAssignment(err, ids, index[c.ID])
		}
		return ch, nil
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*Complaint, len(got))
	for _, c := range got {
		byID[c.ID] = c
	}
	out := make([]*Complaint, 0, len(ids))
	for i, id := range resolved {
		c, ok := byID[id]
		if !ok { // complaints are never deleted; a store that lost one is not trusted with the rest
			return nil, &Error{Code: CodeNotFound, Field: "ids." + itoa(i), Message: "not found", MessageZH: "未找到"}
		}
		d, err := s.disclosed(ctx, a, c)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// atAssignment names the complaint of a bulk assignment that an error is about: its place in ids
// becomes the error's field, the reason it cannot be assigned stays in the message. An error about
// the assignee keeps its field, and so does any error when one complaint is assigned.
func atAssignment(err error, ids []string, i int) error {
	de, ok := AsError(err)
	if !ok || len(ids) == 1 || de.Field == "assigneeId" {
		return err
	}
	at := *de
	at.Field = "ids." + itoa(i)
	return &at
}

// Classification is a reviewer's verdict on the violation types: claimed ones confirmed or
// rejected, new ones added. It may also set the priority and match the lender and agency that the
// complainant only named.
type Classification struct {
	Confirm  []ViolationType
	Add      []ViolationType
	Reject   []ViolationType
	Priority Priority
	LenderID int64
	AgencyID int64
}

// Classify records a reviewer's classification. Confirmed violations are kept apart from the
// complainant's claims.
func (s *Complaints) Classify(ctx context.Context, id string, in Classification, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionClassify)
	if err != nil {
		return nil, err
	}
	listed := map[ViolationType]string{}
	for _, l := range []struct {
		field string
		vs    []ViolationType
	}{{"confirm", in.Confirm}, {"add", in.Add}, {"reject", in.Reject}} {
		for i, v := range l.vs {
			if _, ok := ParseViolationType(string(v)); !ok {
				return nil, Invalid(l.field+"."+itoa(i), "unknown violation type", "违规类型无效")
			}
			if _, dup := listed[v]; dup {
				return nil, Invalid(l.field+"."+itoa(i), "violation type listed twice", "违规类型重复")
			}
			listed[v] = l.field + "." + itoa(i)
		}
	}
	if in.Priority != "" && !oneOf(in.Priority, []Priority{PriorityUrgent, PriorityHigh, PriorityNormal}) {
		return nil, Invalid("priority", "unknown priority", "优先级无效")
	}
	if len(listed) == 0 && in.Priority == "" && in.LenderID == 0 && in.AgencyID == 0 {
		return nil, Invalid("confirm", "confirm, add or reject at least one violation type, or set the priority or institution", "请至少确认、增加或排除一项违规类型，或设置优先级或机构")
	}
	if err := s.checkInstitution(ctx, "lenderId", in.LenderID, false); err != nil {
		return nil, err
	}
	if err := s.checkInstitution(ctx, "agencyId", in.AgencyID, true); err != nil {
		return nil, err
	}
	return s.take(ctx, a, s.Now(), step{action: ActionClassify, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			claimed := map[ViolationType]bool{}
			for _, v := range c.ClaimedViolations {
				claimed[v] = true
			}
			confirmed := map[ViolationType]bool{}
			for _, v := range c.ConfirmedViolations {
				confirmed[v] = true
			}
			for i, v := range in.Confirm { // a claim or the rule engine's suggestion
				if !claimed[v] && !c.Assessment.Has(v) {
					return Invalid("confirm."+itoa(i), "this violation type was neither claimed nor suggested; use add", "此违规类型既未被主张也未被系统提示，请使用“增加”")
				}
			}
			for i, v := range in.Add {
				if claimed[v] || confirmed[v] {
					return Invalid("add."+itoa(i), "this violation type is already claimed or confirmed; use confirm", "此违规类型已被主张或确认，请使用“确认”")
				}
			}
			for i, v := range in.Reject {
				if !claimed[v] && !confirmed[v] && !c.Assessment.Has(v) {
					return Invalid("reject."+itoa(i), "this violation type was neither claimed, suggested nor confirmed", "此违规类型既未被主张、提示也未被确认")
				}
			}
			for _, v := range append(append([]ViolationType{}, in.Confirm...), in.Add...) {
				confirmed[v] = true
			}
			for _, v := range in.Reject {
				delete(confirmed, v)
			}
			c.ConfirmedViolations = c.ConfirmedViolations[:0:0]
			for _, v := range ViolationTypes { // stable order
				if confirmed[v.Type] {
					c.ConfirmedViolations = append(c.ConfirmedViolations, v.Type)
				}
			}
			ev.Details["confirmed"], ev.Details["added"], ev.Details["rejected"] = strs(in.Confirm), strs(in.Add), strs(in.Reject)
			if in.Priority != "" {
				ev.Details["priority"] = string(in.Priority)
				c.Priority = in.Priority
			}
			if in.LenderID != 0 {
				ev.Details["lenderId"] = in.LenderID
				c.LenderID = in.LenderID
			}
			if in.AgencyID != 0 {
				ev.Details["agencyId"] = in.AgencyID
				c.AgencyID = in.AgencyID
			}
			return nil
		}})
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// RequestInformation asks the complainant a question; the complaint waits for the answer.
func (s *Complaints) RequestInformation(ctx context.Context, id, question string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionRequestInformation)
	if err != nil {
		return nil, err
	}
	if question, err = s.freeText("question", question, true); err != nil {
		return nil, err
	}
	return s.take(ctx, a, s.Now(), step{action: ActionRequestInformation, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			c.InformationRequest = question
			ev.Details["question"] = question
			return nil
		}})
}

// Forwarding says to whom a complaint goes. LenderID and AgencyID, when given, set the complaint's
// institutions first: a complaint whose lender is only a typed name needs one before it can go to
// the lender.
type Forwarding struct {
	Target   ForwardTarget
	LenderID int64
	AgencyID int64
}

// Forward sends a complaint to its lender, its collection agency or both. Only those institutions
// see it from then on; their answer is due by their INSTITUTION_RESPONSE clock, whose first stage
// (in the deadline policy in force) sets ResponseDays.
func (s *Complaints) Forward(ctx context.Context, id string, in Forwarding, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionForward)
	if err != nil {
		return nil, err
	}
	if !oneOf(in.Target, ForwardTargets) {
		return nil, Invalid("target", "forward to LENDER, AGENCY or BOTH", "请选择转交放贷机构、催收机构或两者")
	}
	if err := s.checkInstitution(ctx, "lenderId", in.LenderID, false); err != nil {
		return nil, err
	}
	if err := s.checkInstitution(ctx, "agencyId", in.AgencyID, true); err != nil {
		return nil, err
	}
	now := s.Now()
	return s.take(ctx, a, now, step{action: ActionForward, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			if in.LenderID != 0 {
				c.LenderID = in.LenderID
			}
			if in.AgencyID != 0 {
				c.AgencyID = in.AgencyID
			}
			var to []int64
			if in.Target != ForwardAgency {
				if c.LenderID == 0 {
					return Invalid("lenderId", "the lender is only known by the name typed ("+c.LenderName+"); choose the institution first", "放贷机构仅有投诉人填写的名称（"+c.LenderName+"），请先选定机构")
				}
				to = append(to, c.LenderID)
			}
			if in.Target != ForwardLender {
				if c.AgencyID == 0 {
					return Invalid("agencyId", "the collection agency is not known; choose the institution first", "催收机构未确定，请先选定机构")
				}
				to = append(to, c.AgencyID)
			}
			// The days and the due date come from the institution clocks the forward starts.
			c.Recipients, c.ForwardTarget, c.ForwardedAt = to, in.Target, now
			c.ResponseDays, c.DueAt = 0, time.Time{}
			c.PendingExtensionID, c.InformationRequest = "", ""
			ev.Details["recipients"], ev.Details["target"] = to, string(in.Target)
			return nil
		},
		settled: func(c *Complaint, ev *Event) {
			if !c.DueAt.IsZero() {
				ev.Details["dueAt"] = c.DueAt.UTC().Format(time.RFC3339)
			}
		}})
}

// Reject declines a complaint in triage on one of the legal grounds.
func (s *Complaints) Reject(ctx context.Context, id string, code RejectionReason, reason string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionReject)
	if err != nil {
		return nil, err
	}
	if !oneOf(code, RejectionReasons) {
		return nil, Invalid("reasonCode", "unknown ground to reject", "不予受理理由无效")
	}
	if reason, err = s.freeText("reason", reason, false); err != nil {
		return nil, err
	}
	return s.take(ctx, a, s.Now(), step{action: ActionReject, id: id, expectedVersion: expectedVersion, reason: reason,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			c.RejectionReason = code
			ev.Details["reasonCode"] = string(code)
			return nil
		}})
}

// Refer hands a complaint to the body competent for it (police, 12321, a court, another
// regulator) instead of rejecting it.
func (s *Complaints) Refer(ctx context.Context, id string, to ReferralBody, reason string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionRefer)
	if err != nil {
		return nil, err
	}
	if !oneOf(to, ReferralBodies) {
		return nil, Invalid("to", "unknown body to refer to", "移送机关无效")
	}
	if reason, err = s.freeText("reason", reason, false); err != nil {
		return nil, err
	}
	return s.take(ctx, a, s.Now(), step{action: ActionRefer, id: id, expectedVersion: expectedVersion, reason: reason,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			c.ReferredTo = to
			ev.Details["to"] = string(to)
			return nil
		}})
}

// Escalate raises a complaint to senior attention; a reason is required.
func (s *Complaints) Escalate(ctx context.Context, id, reason string, expectedVersion int) (*Complaint, error) {
	return s.simple(ctx, ActionEscalate, id, reason, true, expectedVersion)
}

// Investigate opens the regulator's own investigation of a disputed answer.
func (s *Complaints) Investigate(ctx context.Context, id, reason string, expectedVersion int) (*Complaint, error) {
	return s.simple(ctx, ActionInvestigate, id, reason, false, expectedVersion)
}

// Close closes a complaint; a reason is required.
func (s *Complaints) Close(ctx context.Context, id, reason string, expectedVersion int) (*Complaint, error) {
	return s.simple(ctx, ActionClose, id, reason, true, expectedVersion)
}

func (s *Complaints) simple(ctx context.Context, action Action, id, reason string, required bool, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, action)
	if err != nil {
		return nil, err
	}
	if reason, err = s.freeText("reason", reason, required); err != nil {
		return nil, err
	}
	now := s.Now()
	return s.take(ctx, a, now, step{action: action, id: id, expectedVersion: expectedVersion, reason: reason,
		apply: func(c *Complaint, _ *Event, _ *Change) error {
			if action == ActionClose {
				c.ClosedAt = now
			}
			return nil
		}})
}

// Reopen puts a closed complaint back into triage when new facts come to light, within the reopen
// window after closing; the reason (the new facts) is required.
func (s *Complaints) Reopen(ctx context.Context, id, reason string, expectedVersion int) (*Complaint, error) {
	a, err := s.actor(ctx, ActionReopen)
	if err != nil {
		return nil, err
	}
	if reason, err = s.freeText("reason", reason, true); err != nil {
		return nil, err
	}
	now := s.Now()
	return s.take(ctx, a, now, step{action: ActionReopen, id: id, expectedVersion: expectedVersion, reason: reason,
		apply: func(c *Complaint, ev *Event, _ *Change) error {
			if end := c.ClosedAt.Add(s.policy().ReopenWindow); now.After(end) {
				return windowClosed("reopen", end)
			}
			ev.Details["closedAt"] = c.ClosedAt.UTC().Format(time.RFC3339)
			c.ClosedAt, c.MergedInto = time.Time{}, ""
			return nil
		}})
}

// Link records that the duplicate repeats the primary complaint; with merge, the duplicate is also
// closed as merged into the primary.
func (s *Complaints) Link(ctx context.Context, duplicateID, primaryID string, merge bool, reason string, expectedVersion int) (*Complaint, error) {
	action := ActionLink
	if merge {
		action = ActionMerge
	}
	a, err := s.actor(ctx, action)
	if err != nil {
		return nil, err
	}
	if reason, err = s.freeText("reason", reason, false); err != nil {
		return nil, err
	}
	primary, err := s.Get(ctx, primaryID)
	if CodeOf(err) == CodeNotFound {
		return nil, &Error{Code: CodeNotFound, Field: "primaryId", Message: "the primary complaint was not found", MessageZH: "未找到主投诉"}
	}
	if err != nil {
		return nil, err
	}
	now := s.Now()
	st := step{action: action, id: duplicateID, expectedVersion: expectedVersion, reason: reason,
		apply: func(c *Complaint, ev *Event, ch *Change) error {
			if c.ID == primary.ID {
				return Invalid("primaryId", "a complaint cannot duplicate itself", "投诉不能与自身关联")
			}
			if merge {
				// Read again now that the primary is locked with the duplicate: two merges of one pair
				// in opposite directions, or a chain closed into a ring, would leave no complaint open.
				p, err := s.Store.FindComplaint(ctx, primary.ID)
				if err != nil {
					return err
				}
				primary.MergedInto = p.MergedInto
			}
			if primary.MergedInto == c.ID {
				return Invalid("primaryId", "that complaint was merged into this one", "该投诉已合并到本投诉")
			}
			if merge && primary.MergedInto != "" {
				return &Error{Code: CodeInvalid, Field: "primaryId", Reason: "PRIMARY_MERGED",
					Message:   "that complaint was itself merged into another; merge into the complaint it was merged into",
					MessageZH: "该投诉本身已合并到另一投诉，请合并到其所并入的投诉"}
			}
			ch.Links = append(ch.Links, Link{ComplaintID: c.ID, PrimaryID: primary.ID, Merged: merge, LinkedBy: a.UserID, Reason: reason, At: now})
			ev.Details["primaryId"], ev.Details["primaryReference"] = primary.ID, primary.Reference
			if merge {
				c.MergedInto, c.ClosedAt = primary.ID, now
			}
			return nil
		}}
	if !merge || strings.EqualFold(duplicateID, primary.ID) {
		c, err := s.take(ctx, a, now, st)
		return c, duplicateNotFound(err)
	}
	// A merge locks the primary with the duplicate (in one transaction, in id order) and changes
	// the duplicate only.
	change := s.stepChange(a, now, st)
	got, err := s.Store.UpdateComplaints(ctx, []string{duplicateID, primary.ID}, func(c *Complaint) (Change, error) {
		if c.ID == primary.ID {
			return Change{}, nil
		}
		return change(c)
	})
	if err != nil {
		return nil, duplicateNotFound(err)
	}
	for _, c := range got {
		if c.ID != primary.ID {
			return s.disclosed(ctx, a, c)
		}
	}
	return nil, duplicateNotFound(ErrNotFound) // not a complaint's id (a reference names no duplicate, as in every step)
}

// duplicateNotFound names duplicateId in a NOT_FOUND of Link, as primaryId is named (session 32,
// sec32): the caller learns which of its two ids it may not use.
func duplicateNotFound(err error) error {
	var e *Error
	if errors.As(err, &e) && e.Code == CodeNotFound && e.Field == "" {
		return &Error{Code: CodeNotFound, Field: "duplicateId", Message: "the duplicate complaint was not found", MessageZH: "未找到重复投诉"}
	}
	return err
}

// AddNote adds an internal note. Notes are never shown to complainants or institutions; the
// history records that a note was added, not what it says.
func (s *Complaints) AddNote(ctx context.Context, id, text string, expectedVersion int) (*Note, error) {
	a, err := s.actor(ctx, ActionAddNote)
	if err != nil {
		return nil, err
	}
	if text, err = s.freeText("text", text, true); err != nil {
		return nil, err
	}
	now := s.Now()
	n := &Note{ID: s.NewID(), AuthorID: a.UserID, AuthorRole: a.Role, Text: text, At: now}
	_, err = s.take(ctx, a, now, step{action: ActionAddNote, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, ch *Change) error {
			n.ComplaintID = c.ID
			ch.Notes = append(ch.Notes, *n)
			ev.Details["noteId"] = n.ID
			return nil
		}})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// Notes returns a complaint's internal notes; only the regulator's staff may read them.
func (s *Complaints) Notes(ctx context.Context, id string) ([]Note, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanSeeNotes(ActorFrom(ctx)) {
		return nil, ErrForbidden
	}
	return s.Store.Notes(ctx, c.ID)
}

// Responses returns the institutions' answers to a complaint the actor may see.
func (s *Complaints) Responses(ctx context.Context, id string) ([]Response, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	rs, err := s.Store.Responses(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return DiscloseResponses(ActorFrom(ctx), rs), nil
}

// Links returns the duplicate links of a complaint the actor may see. Outside the regulator's
// staff, a link shows only when the caller may see the complaint at its other end too (it may be
// another person's complaint about the same debtor), and never the staff's reason.
func (s *Complaints) Links(ctx context.Context, id string) ([]Link, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	links, err := s.Store.Links(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return s.linksShown(ctx, ActorFrom(ctx), map[string]bool{}, c, links)
}

// LinksOf is Links for several complaints the actor was shown, in one read of the links and one of
// the other complaints they name (session 32, sec32): a page selecting links cost a read of its
// links and one of each other complaint per row.
func (s *Complaints) LinksOf(ctx context.Context, cs []*Complaint) (map[string][]Link, error) {
	a, ids, err := s.shown(ctx, cs)
	if err != nil {
		return nil, err
	}
	byID, err := s.Store.LinksOf(ctx, ids)
	if err != nil || ScopeFor(a).All {
		return byID, err
	}
	var others []string
	for id, links := range byID {
		for _, l := range links {
			if o := otherOf(l, id); !slices.Contains(others, o) {
				others = append(others, o)
			}
		}
	}
	opens := map[string]bool{}
	if err := s.openedPrimaries(ctx, a, opens, others); err != nil {
		return nil, err
	}
	byComplaint := make(map[string]*Complaint, len(cs))
	for _, c := range cs {
		byComplaint[c.ID] = c
	}
	for id, links := range byID {
		c := byComplaint[id]
		if c == nil {
			delete(byID, id)
			continue
		}
		if byID[id], err = s.linksShown(ctx, a, opens, c, links); err != nil {
			return nil, err
		}
	}
	return byID, nil
}

// Opens reports for each id whether the actor's scope opens that complaint, in one read (an
// administrator's scope opens every id without one). The mergedInto of a page is checked with it.
func (s *Complaints) Opens(ctx context.Context, ids []string) (map[string]bool, error) {
	a, err := s.require(ctx, "complaint", "read")
	if err != nil {
		return nil, err
	}
	opens := make(map[string]bool, len(ids))
	if ScopeFor(a).All {
		for _, id := range ids {
			opens[id] = true
		}
		return opens, nil
	}
	return opens, s.openedPrimaries(ctx, a, opens, ids)
}

func otherOf(l Link, id string) string {
	if l.PrimaryID == id {
		return l.ComplaintID
	}
	return l.PrimaryID
}

// linksShown keeps the links of complaint c whose other complaint the actor's scope opens (opens
// caches the answers; the ids not in it are read in one statement), each with its reason for staff
// only. A reviewer of one team read links to a complaint re-routed to another's (session 31,
// attack26). An institution reads a link only when both complaints share the identity with it:
// a complaint filed without consent linked or merged to a named one (the same debtor) showed it
// the two references together, which named the withheld complaint's debtor (session 35, sec35).
func (s *Complaints) linksShown(ctx context.Context, a Actor, opens map[string]bool, c *Complaint, links []Link) ([]Link, error) {
	if ScopeFor(a).All {
		return links, nil
	}
	id := c.ID
	if a.Role.IsInstitution() && !c.ConsentToShareIdentity {
		return []Link{}, nil
	}
	var missing []string
	for _, l := range links {
		if o := otherOf(l, id); !slices.Contains(missing, o) {
			if _, seen := opens[o]; !seen {
				missing = append(missing, o)
			}
		}
	}
	if err := s.openedPrimaries(ctx, a, opens, missing); err != nil {
		return nil, err
	}
	out := make([]Link, 0, len(links))
	for _, l := range links {
		if !opens[otherOf(l, id)] {
			continue
		}
		if !a.Role.IsStaff() {
			l.Reason = ""
		}
		out = append(out, l)
	}
	return out, nil
}

// Extensions returns the extension requests of a complaint the actor may see.
func (s *Complaints) Extensions(ctx context.Context, id string) ([]Extension, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	xs, err := s.Store.Extensions(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	a := ActorFrom(ctx)
	xs = discloseExtensions(a, c, xs)
	if pendingShown(c, xs) {
		ds, err := s.Store.ComplaintDeadlines(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		s.pendingUntil(c, ds, xs)
	}
	return xs, nil
}

// ExtensionsOf is Extensions for several complaints the actor was shown (their pages' complaints,
// as disclosed to it), in one read, and one more for the clocks of those with a request pending: an
// institution's page of forwarded complaints read each one's requests, and the complaint again,
// one complaint at a time (attack round 33).
func (s *Complaints) ExtensionsOf(ctx context.Context, cs []*Complaint) (map[string][]Extension, error) {
	a, ids, err := s.shown(ctx, cs)
	if err != nil {
		return nil, err
	}
	stored, err := s.Store.ExtensionsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Extension, len(cs))
	var pending []string
	for _, c := range cs {
		if _, done := out[c.ID]; done {
			continue
		}
		xs := discloseExtensions(a, c, slices.Clone(stored[c.ID]))
		out[c.ID] = xs
		if pendingShown(c, xs) {
			pending = append(pending, c.ID)
		}
	}
	if len(pending) == 0 {
		return out, nil
	}
	clocks, err := s.Store.DeadlinesOf(ctx, pending)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if slices.Contains(pending, c.ID) {
			s.pendingUntil(c, clocks[c.ID], out[c.ID])
			pending = slices.DeleteFunc(pending, func(id string) bool { return id == c.ID })
		}
	}
	return out, nil
}

// discloseExtensions are the requests xs of complaint c (as disclosed to a) that a may read.
func discloseExtensions(a Actor, c *Complaint, xs []Extension) []Extension {
	xs = DiscloseExtensions(a, xs)
	if a.Role.IsInstitution() {
		// The reasons as the history gives them to an institution (DiscloseHistory): a supervisor's
		// decision quoting the debtor's mobile must not hand it the number its complaint withholds
		// (session 17, attack).
		for i := range xs {
			xs[i].Reason = forInstitution(xs[i].Reason, c.withheld)
			xs[i].DecisionReason = forInstitution(xs[i].DecisionReason, c.withheld)
		}
	}
	return xs
}

// pendingShown reports whether xs shows a request of c awaiting a supervisor.
func pendingShown(c *Complaint, xs []Extension) bool {
	return c.PendingExtensionID != "" && slices.ContainsFunc(xs, func(x Extension) bool { return x.Status == ExtensionPending })
}

// pendingUntil sets, on each pending request of xs, the day the institution's answer would be due
// once it is approved now, counted on c's clocks ds.
func (s *Complaints) pendingUntil(c *Complaint, ds []Deadline, xs []Extension) {
	withClocks := *c
	withClocks.Deadlines = ds
	for i := range xs {
		if xs[i].Status == ExtensionPending {
			xs[i].Until = s.Clocks.approvedDue(&withClocks, xs[i].InstitutionID, s.Now())
		}
	}
}

// ResponseInput is an institution's structured answer.
type ResponseInput struct {
	Category    ResponseCategory
	Explanation string
	Relief      Relief
}

// MaxInstalments is the longest repayment plan, in instalments.
const MaxInstalments = 360

// A repayment plan's dates lie between MaxPlanDaysBack days before today (a plan agreed on the
// phone before the written answer) and MaxPlanYears years after.
const (
	MaxPlanDaysBack = 31
	MaxPlanYears    = 10
)

func (s *Complaints) validateResponse(in *ResponseInput) error {
	if !oneOf(in.Category, ResponseCategories) {
		return Invalid("input.category", "unknown response category", "答复类型无效")
	}
	var err error
	if in.Explanation, err = s.freeText("input.explanation", in.Explanation, true); err != nil {
		return err
	}
	if VisibleRunes(in.Explanation) < MinNarrativeRunes {
		return Invalid("input.explanation", "explain in at least 10 characters", "说明至少10个字")
	}
	r := &in.Relief
	if p := r.RepaymentPlan; p != nil {
		if p.Instalments < 1 || p.Instalments > MaxInstalments {
			return Invalid("input.relief.repaymentPlan.instalments", "a plan has 1 to 360 instalments", "分期期数须为1至360期")
		}
		a, en, zh := ParseAmount(string(p.InstalmentAmount))
		if en == "" && !a.Positive() {
			en, zh = "each instalment must be more than zero", "每期金额须大于零"
		}
		if en != "" {
			return Invalid("input.relief.repaymentPlan.instalmentAmount", en, zh)
		}
		p.InstalmentAmount = a
		if p.PenaltyInterestWaived != "" {
			w, en, zh := ParseAmount(string(p.PenaltyInterestWaived))
			if en != "" {
				return Invalid("input.relief.repaymentPlan.penaltyInterestWaived", en, zh)
			}
			p.PenaltyInterestWaived = w
		}
		now := s.Now()
		for _, d := range []struct {
			field, en, zh string
			value         *string
		}{{"firstDueOn", "the first instalment's due day", "首期还款日", &p.FirstDueOn}, {"deferredUntil", "the deferral's end", "延期截止日", &p.DeferredUntil}} {
			if *d.value == "" {
				continue
			}
			day, err := time.ParseInLocation(time.DateOnly, *d.value, statsLocation)
			if err != nil {
				return Invalid("input.relief.repaymentPlan."+d.field, d.en+" must be a date such as 2026-03-01", d.zh+"格式应为2026-03-01")
			}
			if day.Before(now.AddDate(0, 0, -MaxPlanDaysBack)) || day.After(now.AddDate(MaxPlanYears, 0, 0)) {
				return Invalid("input.relief.repaymentPlan."+d.field, d.en+" must be within a month before today and 10 years after", d.zh+"须在今天前一个月至今后10年之间")
			}
		}
	}
	if r.FeeWaiverAmount != "" {
		a, en, zh := ParseAmount(string(r.FeeWaiverAmount))
		if en != "" {
			return Invalid("input.relief.feeWaiverAmount", en, zh)
		}
		r.FeeWaiverAmount = a
	}
	switch in.Category {
	case ClosedWithMonetaryRelief:
		if !r.FeeWaiverAmount.Positive() {
			return Invalid("input.relief.feeWaiverAmount", "monetary relief needs the amount refunded or waived", "金钱救济须填写退还或减免的金额")
		}
	case ClosedWithNonMonetaryRelief:
		if !r.nonMonetary() {
			return Invalid("input.relief", "say which non-monetary relief was given", "请说明给予了哪些非金钱救济")
		}
	}
	return nil
}

// Respond records an institution's answer to a complaint forwarded to it. Each recipient answers
// for itself, on its own clock: a final answer meets the answering institution's clock, and hands
// the complaint back to the complainant for feedback (RESPONDED) only once every recipient has
// given its final answer; until then the complaint stays FORWARDED and the institution that
// answered can do nothing more on it. An IN_PROGRESS answer is recorded while the institution
// keeps working within its deadline.
func (s *Complaints) Respond(ctx context.Context, id string, in ResponseInput, expectedVersion int) (*Response, error) {
	action := ActionRespond
	if in.Category == ResponseInProgress {
		action = ActionReportProgress
	}
	a, err := s.actor(ctx, action)
	if err != nil {
		return nil, err
	}
	if err := s.validateResponse(&in); err != nil {
		return nil, err
	}
	now := s.Now()
	if action == ActionReportProgress {
		if expectedVersion, err = s.progressDue(ctx, a, id, now, expectedVersion); err != nil {
			return nil, err
		}
	}
	r := &Response{ID: s.NewID(), InstitutionID: a.InstitutionID, AuthorID: a.UserID, Category: in.Category,
		Explanation: in.Explanation, Relief: in.Relief, At: now}
	_, err = s.take(ctx, a, now, step{action: action, id: id, expectedVersion: expectedVersion,
		apply: func(c *Complaint, ev *Event, ch *Change) error {
			// Ending a collection agency's contract is the lender's measure: an agency answering
			// for itself cannot report it (session 19, walk: the agency's form offered it).
			if r.Relief.AgencyContractEnded && c.AgencyID != 0 && a.InstitutionID == c.AgencyID && a.InstitutionID != c.LenderID {
				return Invalid("input.relief.agencyContractEnded", "a collection agency cannot report its own contract ended; the lender reports that",
					"催收机构不能答复“终止与催收机构合作”，此项由放贷机构答复")
			}
			r.ComplaintID = c.ID
			ch.Responses = append(ch.Responses, *r)
			timely := c.DueAt.IsZero() || !now.After(c.DueAt)
			if d := c.institutionDeadline(a.InstitutionID); d != nil {
				timely = d.State != DeadlineBreached && !now.After(d.DueAt)
			}
			ev.Details["responseId"], ev.Details["category"], ev.Details["timely"] = r.ID, string(r.Category), timely
			ev.Details["institutionId"] = a.InstitutionID
			if action == ActionRespond {
				if awaited := c.awaitedAnswers(a.InstitutionID); len(awaited) > 0 {
					ev.ToStatus = c.Status
					ev.Details["awaitingInstitutionIds"] = awaited
					return nil
				}
				c.RespondedAt, c.PendingExtensionID = now, ""
			}
			return nil
		}})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// progressDue checks that the institution's last progress report on the complaint is at least
// the policy's ProgressReportInterval old (fourth attack pass: 50 reports sent at once by one
// agent were all recorded, each a history entry and two notifications), and answers the version
// the report must be written on: the caller's, or the one the check read, so that reports sent
// at once cannot all pass the check (all but one are a CONFLICT).
func (s *Complaints) progressDue(ctx context.Context, a Actor, id string, now time.Time, expectedVersion int) (int, error) {
	every := s.policy().ProgressReportInterval
	if every <= 0 {
		return expectedVersion, nil
	}
	c, err := s.Store.FindComplaint(ctx, id)
	if err != nil {
		return 0, err
	}
	if !ScopeFor(a).Contains(c) {
		return 0, ErrNotFound
	}
	rs, err := s.Store.Responses(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	for _, r := range rs {
		if r.InstitutionID == a.InstitutionID && r.Category == ResponseInProgress && now.Sub(r.At) < every {
			return 0, &Error{Code: CodeRateLimited, Field: "input.category",
				Message: fmt.Sprintf("your institution reported progress on this complaint at %s; at most one progress report every %d hours",
					r.At.UTC().Format(time.RFC3339), int(every.Hours())),
				MessageZH: fmt.Sprintf("贵机构已于%s报告过进展，每%d小时最多报告一次", r.At.In(chinaTime).Format("2006-01-02 15:04"), int(every.Hours()))}
		}
	}
	if expectedVersion == 0 {
		expectedVersion = c.Version
	}
	return expectedVersion, nil
}

// RequestExtension asks for more time to answer: days must be the length of the next stage of the
// institution's answer clock, under the policy edition the clock was started with (CN: 30 days,
// granted at once by the platform, then 60, which a supervisor must approve).
//
// Each institution the complaint went to asks for its own extensions (session 16, attack): another
// recipient's request awaiting a supervisor neither holds this one back nor shows in its answer.
// The complaint's PendingExtensionID names the pending request a supervisor decides next (the
// oldest); the others wait behind it (DecideExtension moves on to them).
func (s *Complaints) RequestExtension(ctx context.Context, id string, days int, reason string, expectedVersion int) (*Extension, error) {
	a, err := s.actor(ctx, ActionRequestExtension)
	if err != nil {
		return nil, err
	}
	if days < 1 {
		return nil, Invalid("days", "ask for a number of days in all", "请填写申请延长后的总天数")
	}
	if reason, err = s.freeText("reason", reason, true); err != nil {
		return nil, err
	}
	return s.withExtensions(ctx, id, func(seen extensionsSeen) (*Extension, error) {
		now := s.Now()
		x := &Extension{ID: s.NewID(), InstitutionID: a.InstitutionID, RequestedBy: a.UserID, Days: days, Reason: reason, RequestedAt: now}
		_, err := s.take(ctx, a, now, step{action: ActionRequestExtension, id: seen.complaintID, expectedVersion: expectedVersion, reason: reason,
			clocks: func(w *deadlineWork) error {
				if x.Status != ExtensionGranted {
					return nil
				}
				// The platform grants an extension that needs no supervisor, on the institution's request:
				// its own answer clock moves, another recipient's does not.
				return w.extend(days, a.InstitutionID, "system", RoleSystem, reason)
			},
			apply: func(c *Complaint, ev *Event, ch *Change) error {
				if err := seen.current(c); err != nil {
					return err
				}
				// The one rule the offer (availableActions, nextExtension, extensionUnavailable) applies too.
				st, no, err := s.extensionRule(a, c, now, func() ([]Extension, error) { return seen.list, nil })
				if err != nil {
					return err
				}
				if no != nil {
					return no.Err
				}
				cur, next, later := st.cur, st.next, st.later
				switch {
				case days <= cur:
					return Invalid("days", "the answer deadline already has "+itoa(cur)+" days", "该投诉的答复期限已是"+itoa(cur)+"天")
				case slices.ContainsFunc(later, func(st DeadlineStage) bool { return st.Days == days }):
					return Invalid("days", "ask for "+itoa(next.Days)+" days first", "请先申请延长至"+itoa(next.Days)+"天")
				case days != next.Days:
					return Invalid("days", "ask for "+itoa(next.Days)+" days in all", "只能申请延长至"+itoa(next.Days)+"天")
				}
				x.ComplaintID = c.ID
				if next.grantedOnRequest() {
					x.Status = ExtensionGranted
					// The clocks' due date replaces this one (finish); a complaint without one keeps it.
					c.ResponseDays, c.DueAt = max(c.ResponseDays, days), c.ForwardedAt.AddDate(0, 0, days)
				} else {
					x.Status = ExtensionPending
					if c.PendingExtensionID == "" { // else it waits behind another recipient's
						c.PendingExtensionID = x.ID
					}
				}
				ch.Extensions = append(ch.Extensions, *x)
				ev.Details["extensionId"], ev.Details["days"], ev.Details["status"] = x.ID, days, string(x.Status)
				ev.Details["institutionId"] = a.InstitutionID
				return nil
			}})
		return x, err
	})
}

// MaxDeniedExtensions is how many times an institution may ask again for the same extension of one
// answer clock after a supervisor denied it: the next request is CONFLICT, reason EXTENSION_LIMIT
// (attack round 31). Each request goes to every supervisor of the team, lands first on their
// supervision page and stays in the complaint's history with its reason, which the complainant
// reads; an agent could ask again the moment a supervisor said no, without bound.
const MaxDeniedExtensions = 2

// deniedExtensions counts the requests of institution inst to extend its current answer clock to
// days that a supervisor denied (those of an earlier forwarding, before the clock started, are not
// counted).
func deniedExtensions(c *Complaint, list []Extension, inst int64, days int) int {
	since := c.ForwardedAt
	if d := c.institutionDeadline(inst); d != nil && !d.StartedAt.IsZero() {
		since = d.StartedAt
	}
	n := 0
	for _, x := range list {
		if x.InstitutionID == inst && x.Days == days && x.Status == ExtensionDenied && !x.RequestedAt.Before(since) {
			n++
		}
	}
	return n
}

// errReread tells withExtensions that the complaint changed between reading its extension requests
// and locking it: read them again.
var errReread = errors.New("complaint changed since its extensions were read")

// extensionsSeen are a complaint's extension requests as read at one version of it.
type extensionsSeen struct {
	complaintID string
	version     int
	pending     string // the complaint's PendingExtensionID
	list        []Extension
}

// current refuses a locked complaint that is no longer the version the requests were read at.
func (x extensionsSeen) current(c *Complaint) error {
	if c.Version != x.version {
		return errReread
	}
	return nil
}

// pendingOf is institution inst's request awaiting a supervisor, if any. Requests are pending only
// while the complaint names one to decide: clearing PendingExtensionID (every recipient answered,
// forwarded again) ends them all.
func (x extensionsSeen) pendingOf(c *Complaint, inst int64) *Extension {
	if c.PendingExtensionID == "" {
		return nil
	}
	for i := range x.list {
		if p := &x.list[i]; p.Status == ExtensionPending && p.InstitutionID == inst {
			return p
		}
	}
	return nil
}

// nextPending is the oldest pending request but the one with id skip: the next to decide.
func (x extensionsSeen) nextPending(skip string) string {
	for _, p := range x.list { // oldest first (Store.Extensions)
		if p.Status == ExtensionPending && p.ID != skip {
			return p.ID
		}
	}
	return ""
}

// withExtensions runs op with the extension requests of complaint id as read at its current
// version; op's step refuses (errReread) a complaint that changed meanwhile, and op runs again on
// a fresh read, so that two requests or decisions at once each see the other's.
func (s *Complaints) withExtensions(ctx context.Context, id string, op func(extensionsSeen) (*Extension, error)) (*Extension, error) {
	for try := 0; ; try++ {
		c, err := s.Store.FindComplaint(ctx, id)
		if err != nil {
			return nil, err
		}
		seen := extensionsSeen{complaintID: c.ID, version: c.Version, pending: c.PendingExtensionID}
		if seen.list, err = s.Store.Extensions(ctx, c.ID); err != nil {
			return nil, err
		}
		x, err := op(seen)
		if !errors.Is(err, errReread) {
			if err != nil {
				return nil, err
			}
			return x, nil
		}
		if try == 9 {
			return nil, ErrConflict
		}
	}
}

// DecideExtension lets a supervisor approve or deny the extension awaiting a decision; approval
// moves the answer clock of the institution that asked (another recipient's clock keeps its stage)
// and the outbox message tells the complainant.
func (s *Complaints) DecideExtension(ctx context.Context, id string, approve bool, reason string, expectedVersion int) (*Extension, error) {
	a, err := s.actor(ctx, ActionDecideExtension)
	if err != nil {
		return nil, err
	}
	if reason, err = s.freeText("reason", reason, !approve); err != nil {
		return nil, err
	}
	target, read := "", false // the request this decision is about: the one pending when first read
	return s.withExtensions(ctx, id, func(seen extensionsSeen) (*Extension, error) {
		if !read {
			target, read = seen.pending, true
		}
		now := s.Now()
		x := &Extension{DecidedBy: a.UserID, DecidedAt: now, DecisionReason: reason, Status: ExtensionDenied}
		if approve {
			x.Status = ExtensionApproved
		}
		_, err := s.take(ctx, a, now, step{action: ActionDecideExtension, id: seen.complaintID, expectedVersion: expectedVersion, reason: reason,
			clocks: func(w *deadlineWork) error {
				if !approve {
					return nil
				}
				return w.extend(x.Days, x.InstitutionID, actorName(a), a.Role, reason)
			},
			apply: func(c *Complaint, ev *Event, ch *Change) error {
				if err := seen.current(c); err != nil {
					return err
				}
				if c.PendingExtensionID == "" {
					return Invalid("id", "no extension of this complaint awaits a decision", "该投诉没有待审批的延期申请")
				}
				if c.PendingExtensionID != target {
					// Decided meanwhile (a double submit): never decide the next institution's request
					// unseen.
					return &Error{Code: CodeConflict, Field: "id", Reason: "DECIDED",
						Message:   "this extension request was decided meanwhile; reload to see the next one",
						MessageZH: "该延期申请已被处理，请刷新后查看下一项"}
				}
				x.ID, x.ComplaintID = c.PendingExtensionID, c.ID
				for _, p := range seen.list {
					if p.ID == x.ID {
						x.InstitutionID = p.InstitutionID
					}
				}
				if approve { // to the stage the institution asked for: the next one of its clock
					_, next, _, err := s.Clocks.nextStage(c, x.InstitutionID)
					if err != nil {
						return err
					}
					x.Days = next.Days
					c.ResponseDays, c.DueAt = max(c.ResponseDays, next.Days), c.ForwardedAt.AddDate(0, 0, next.Days)
				}
				// Another recipient's request waiting behind this one is the next to decide.
				c.PendingExtensionID = seen.nextPending(x.ID)
				ch.Extensions = append(ch.Extensions, *x)
				ev.Details["extensionId"], ev.Details["approved"] = x.ID, approve
				ev.Details["institutionId"] = x.InstitutionID
				return nil
			}})
		return x, err
	})
}

// feedbackEnd is the last moment the complainant may accept or dispute the answer: the feedback
// clock's due time, or without one feedbackWindow after the answer. SubmitFeedback refuses after it
// and AvailableActions stops offering ACCEPTED and DISPUTED (session 30, attackmend).
func (c *Complaint) feedbackEnd(feedbackWindow time.Duration) time.Time {
	if d := c.latest(DeadlineFeedback); d != nil {
		return d.DueAt
	}
	return c.RespondedAt.Add(feedbackWindow)
}
