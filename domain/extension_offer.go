package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Why an institution may not ask for an extension now (ExtensionUnavailable.Reason). The portal
// words each in Chinese and English, keyed by the reason; the API's message is the English.
const (
	NoExtensionNotRecipient   = "NOT_RECIPIENT"     // not an institution the complaint went to, or a role that may not ask
	NoExtensionNotForwarded   = "NOT_FORWARDED"     // the complaint is not awaiting answers
	NoExtensionAnswered       = "ANSWERED"          // the institution gave its final answer
	NoExtensionDuePassed      = "DUE_PASSED"        // its answer clock passed its due day
	NoExtensionNoClock        = "NO_CLOCK"          // no answer clock of its runs
	NoExtensionAtLongestStage = "AT_LONGEST_STAGE"  // the clock is at its last stage (Days: its length)
	NoExtensionPending        = "EXTENSION_PENDING" // its own request awaits a supervisor
	NoExtensionLimit          = "EXTENSION_LIMIT"   // a supervisor denied the next stage MaxDeniedExtensions times (Days: that stage)
)

// ExtensionUnavailableReasons lists the reasons, for the schema's enum.
var ExtensionUnavailableReasons = []string{NoExtensionNotRecipient, NoExtensionNotForwarded, NoExtensionAnswered, NoExtensionDuePassed,
	NoExtensionNoClock, NoExtensionAtLongestStage, NoExtensionPending, NoExtensionLimit}

// ExtensionUnavailable is why the institution may ask for no extension now: Reason names the rule,
// Err is what RequestExtension answers for it (its Code, CONFLICT, BAD_USER_INPUT or FORBIDDEN, and
// message), Days the stage concerned where there is one.
type ExtensionUnavailable struct {
	Reason string
	Days   int
	Err    *Error
}

// extensionStages is where the institution's answer clock stands: the days it has now, the next
// stage it may ask for and the stages after that one.
type extensionStages struct {
	cur   int
	next  DeadlineStage
	later []DeadlineStage
}

// extensionRule is THE rule of whether institution a may ask for an extension of its answer clock on
// c at now, and to which stage (attack round 33: availableActions, nextExtension and
// RequestExtension each wrote the checks again, and the portal counted "denied twice" itself).
// RequestExtension refuses with no.Err; availableActions and nextExtension offer nothing and
// extensionUnavailable tells the reason. requests reads the complaint's extension requests, only
// when a check needs them (a request pending on the complaint, a stage a supervisor decides); a
// failed read is err. c.Deadlines must hold the institution's clocks.
func (s *Complaints) extensionRule(a Actor, c *Complaint, now time.Time, requests func() ([]Extension, error)) (st extensionStages, no *ExtensionUnavailable, err error) {
	refuse := func(reason string, days int, e *Error) (extensionStages, *ExtensionUnavailable, error) {
		if e.Reason == "" {
			e.Reason = reason
		}
		return extensionStages{}, &ExtensionUnavailable{Reason: reason, Days: days, Err: e}, nil
	}
	if c == nil || !a.Role.IsInstitution() || a.InstitutionID == 0 || !slices.Contains(c.Recipients, a.InstitutionID) {
		return refuse(NoExtensionNotRecipient, 0, &Error{Code: CodeForbidden, Field: "id", Message: "only an institution the complaint went to may ask for more time to answer it",
			MessageZH: "只有被转交投诉的机构可以申请延期"})
	}
	if _, err := Guard(ActionRequestExtension, a.Role, c); err != nil {
		var de *Error
		if errors.As(err, &de) && de.Code == CodeForbidden {
			return refuse(NoExtensionNotRecipient, 0, &Error{Code: CodeForbidden, Field: "id", Message: "your role may not ask for an extension", MessageZH: zhForCode[CodeForbidden]})
		}
		return refuse(NoExtensionNotForwarded, 0, &Error{Code: CodeInvalid, Field: "status", Message: "the complaint is " + string(c.Status) + ", not awaiting answers",
			MessageZH: "当前状态（" + string(c.Status) + "）下不能申请延期"})
	}
	if c.answeredBy(a.InstitutionID) {
		return refuse(NoExtensionAnswered, 0, &Error{Code: CodeConflict, Field: "id", Message: "your institution has already given its final answer",
			MessageZH: "贵机构已作出最终答复"})
	}
	if due, late := c.answerDuePassed(a.InstitutionID, now); late {
		return refuse(NoExtensionDuePassed, 0, &Error{Code: CodeConflict, Field: "days",
			Message:   "the answer deadline passed at " + due.UTC().Format(time.RFC3339) + "; an overdue clock cannot be extended",
			MessageZH: "答复期限已过，不能延期"})
	}
	var list []Extension
	read := false
	load := func() error {
		if read {
			return nil
		}
		if requests == nil {
			return errors.New("extension requests not given")
		}
		l, err := requests()
		if err != nil {
			return err
		}
		list, read = l, true
		return nil
	}
	if c.PendingExtensionID != "" {
		// Requests are pending only while the complaint names one to decide (pendingOf).
		if err := load(); err != nil {
			return extensionStages{}, nil, err
		}
		if (extensionsSeen{list: list}).pendingOf(c, a.InstitutionID) != nil {
			return refuse(NoExtensionPending, 0, &Error{Code: CodeInvalid, Field: "days",
				Message:   "your institution's extension request already awaits a supervisor's decision",
				MessageZH: "贵机构的延期申请正待主管审批"})
		}
	}
	if s.Clocks == nil {
		return refuse(NoExtensionNoClock, 0, &Error{Code: CodeConflict, Field: "days", Message: "no answer deadline of this complaint is running", MessageZH: "该投诉没有正在计算的答复期限"})
	}
	cur, next, later, err := s.Clocks.nextStage(c, a.InstitutionID)
	if err != nil {
		var de *Error
		switch {
		case errors.As(err, &de) && de.Code == CodeInvalid:
			return refuse(NoExtensionAtLongestStage, cur, de)
		case errors.As(err, &de) && de.Code == CodeConflict:
			return refuse(NoExtensionNoClock, 0, de)
		}
		return extensionStages{}, nil, err
	}
	if !next.grantedOnRequest() {
		// A stage granted on request is never denied: the requests need not be read for it (most
		// complaints a list shows are at their first stage).
		if err := load(); err != nil {
			return extensionStages{}, nil, err
		}
		if deniedExtensions(c, list, a.InstitutionID, next.Days) >= MaxDeniedExtensions {
			return refuse(NoExtensionLimit, next.Days, &Error{Code: CodeConflict, Field: "days",
				Message:   fmt.Sprintf("a supervisor denied an extension to %d days %d times already, the most that may be asked; answer within the deadline", next.Days, MaxDeniedExtensions),
				MessageZH: fmt.Sprintf("延长至%d天的申请已被主管驳回%d次，已达上限；请在期限内答复", next.Days, MaxDeniedExtensions)})
		}
	}
	return extensionStages{cur: cur, next: next, later: later}, nil, nil
}

// ExtensionOffer is the extension the signed-in institution may ask for now (the next stage of its
// answer clock, with the day it would then be due), or why it may ask for none: extensionRule, as
// RequestExtension applies it. requests are the complaint's extension requests as a batch read them
// (nil: read them here, when needed). Both are nil when the caller is not an institution, or the
// requests could not be read (nothing offered rather than a control that fails). c.Deadlines must
// hold the institution's clocks.
func (s *Complaints) ExtensionOffer(ctx context.Context, c *Complaint, requests func() ([]Extension, error)) (*DeadlineStage, *ExtensionUnavailable) {
	a := ActorFrom(ctx)
	if c == nil || !a.Role.IsInstitution() {
		return nil, nil
	}
	if requests == nil && s.Store != nil {
		requests = func() ([]Extension, error) { return s.Store.Extensions(ctx, c.ID) }
	}
	st, no, err := s.extensionRule(a, c, s.Now(), requests)
	if err != nil {
		return nil, nil
	}
	if no != nil {
		return nil, no
	}
	next := st.next
	next.Until = s.Clocks.extendedDue(c, a.InstitutionID, next, s.Now())
	return &next, nil
}

// ExtensionRequestsOf are the extension requests of several complaints the actor was shown, by
// complaint id, in one read, as the store keeps them: for extensionRule (ExtensionOffer,
// AvailableActionsWith), never to be shown as they are (Extensions discloses them).
func (s *Complaints) ExtensionRequestsOf(ctx context.Context, cs []*Complaint) (map[string][]Extension, error) {
	_, ids, err := s.shown(ctx, cs)
	if err != nil {
		return nil, err
	}
	return s.Store.ExtensionsOf(ctx, ids)
}
