package domain

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain/pii"
)

// Disclosure says how much of a complaint's personal data a copy handed to a caller carries.
type Disclosure string

// The disclosures. A complaint read straight from the store has none (""), and the API shows no
// personal data of it: only complaints that went through Disclose are shown.
const (
	// DisclosureFull: everything, as filed (the complainant who filed; staff after a recorded reveal).
	DisclosureFull Disclosure = "FULL"
	// DisclosureMasked: the debtor's name, and the ID number, mobile and contract number masked
	// (staff; a recipient institution with the complainant's consent, which also gets the contract
	// number in full).
	DisclosureMasked Disclosure = "MASKED"
	// DisclosureWithheld: no personal data (institutions without consent, analysts).
	DisclosureWithheld Disclosure = "WITHHELD"
)

// Disclose returns a copy of c holding only the personal data that actor a may see, which the
// Complaints service applies to every complaint it returns:
//   - the complainant who filed sees everything;
//   - reviewers, supervisors and admins see the debtor's name, and the ID number (110***********123X),
//     mobile (138****5678) and contract number (***********3456) masked; reviewers and supervisors
//     may reveal the rest with a recorded reason (RevealDebtorIdentity);
//   - a recipient institution sees, only if the complainant consented to share the identity, the
//     debtor's name and the contract number in full (to find the loan and stop the collection) with
//     the ID number reduced to its last four characters and the mobile masked; without consent
//     nothing; the free text is as written but for the filed values it may not see, however
//     written (a narrative that repeats the ID number must not undo its masking);
//   - anyone else (analysts) sees no identity, and narratives and other free text without the
//     filed values however written and scrubbed of personal data (scrubFiled, as the public dataset);
//   - only the regulator's staff see its internal handling: team, assignee and priority.
func Disclose(a Actor, c *Complaint) *Complaint {
	if c == nil {
		return nil
	}
	out := *c
	switch {
	case a.Role == RoleComplainant && a.UserID == c.ComplainantID:
		out.Disclosure = DisclosureFull
	case a.Role == RoleReviewer || a.Role == RoleSupervisor || a.Role == RoleAdmin:
		out.Debtor = Debtor{Name: c.Debtor.Name, Mobile: pii.MaskPhone(c.Debtor.Mobile), IDNumber: pii.MaskNationalID(c.Debtor.IDNumber)}
		out.ContractNumber = pii.MaskContract(c.ContractNumber)
		out.Disclosure = DisclosureMasked
	case a.Role.IsInstitution() && c.ConsentToShareIdentity && ScopeFor(a).Contains(c):
		out.Debtor = Debtor{Name: c.Debtor.Name, Mobile: pii.MaskPhone(c.Debtor.Mobile), IDNumber: lastFour(c.Debtor.IDNumber)}
		out.Disclosure = DisclosureMasked
		out.withheld = []string{c.Debtor.IDNumber, c.Debtor.Mobile}
		out.freeText(c, func(s string) string { return forInstitution(s, out.withheld) })
		out.typedNames(c, func(s string) string { return forInstitution(s, out.withheld) })
	case a.Role.IsInstitution() && ScopeFor(a).Contains(c):
		out.Debtor, out.ContractNumber = Debtor{}, ""
		out.Disclosure = DisclosureWithheld
		out.withheld = c.filed()
		out.freeText(c, func(s string) string { return forInstitution(s, out.withheld) })
		out.typedNames(c, func(s string) string { return forInstitution(s, out.withheld) })
	default:
		out.Debtor, out.ContractNumber = Debtor{}, ""
		out.Disclosure = DisclosureWithheld
		out.withheld = c.filed()
		out.freeText(c, func(s string) string { return scrubFiled(c, s) })
		out.typedNames(c, func(s string) string { return redactAll(s, out.withheld) })
	}
	if a.Role.IsInstitution() {
		// The regulator's question to the complainant is between them (the history shows an
		// institution neither the question nor the answer): a complaint reopened after it was
		// forwarded stays in the institution's scope, and its open question was read there as
		// typed (attack round 16).
		out.InformationRequest = ""
	}
	if !a.Role.IsStaff() {
		// How the regulator organises its own work is its staff's business only: which team holds
		// the case, who handles it and how urgent the regulator judged it — not the institution's,
		// nor the complainant's (whose history hides the same from routing on; session 12).
		out.Team, out.Priority, out.AssigneeID = "", "", 0
	}
	return &out
}

// forInstitution is free text as a recipient institution reads it: without the withheld values
// however written, and without the contact details the writer gives as their own or a
// relative's, nor any e-mail address (pii.ScrubOwnContact, session 16, attack); the collectors'
// numbers stay.
func forInstitution(text string, withheld []string) string {
	return pii.ScrubOwnContact(withoutIDNumbers(redactAll(text, withheld)))
}

// idNumberLike is 17 digits and a digit or X, ASCII or full-width.
var idNumberLike = regexp.MustCompile(`[0-9０-９]{17}[0-9０-９XxＸｘ]`)

// withoutIDNumbers redacts every resident ID number an institution would read in free text, filed
// or not: the filed one is withheld however written, but an ID number the complainant did not file
// (a relative's complaint, where the debtor's is optional, or the complainant's own typed in a
// feedback comment) reached an institution the complainant refused to share the identity with as
// typed (session 30, attack: "我叫张伟，身份证 110105199001011232" in a dispute's comment, read by
// the lender in the feedback and the history). Only a number standing alone that is a valid ID
// (region, birth date, check digit) not glued to more digits goes: contract and card numbers stay.
func withoutIDNumbers(text string) string {
	ms := idNumberLike.FindAllStringIndex(text, -1)
	if ms == nil {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		before, _ := utf8.DecodeLastRuneInString(text[:m[0]])
		after, _ := utf8.DecodeRuneInString(text[m[1]:])
		if digit(before) || digit(after) {
			continue // part of a longer run of digits: a card or account number
		}
		id := strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return r - '０' + '0'
			}
			if r == 'x' || r == 'Ｘ' || r == 'ｘ' {
				return 'X'
			}
			return r
		}, text[m[0]:m[1]])
		if IDNumberProblem(id, time.Now()) != "" {
			continue
		}
		b.WriteString(text[last:m[0]])
		b.WriteString(pii.Redacted)
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

// digit: an ASCII or full-width digit. An ID number glued to more digits is part of a longer number;
// glued to letters ("身份证ID11010519491231002X", "…002Xabc") it is still an ID number, and its
// region, birth date and check digit decide (session 30, attackmend: letters counted as glue).
func digit(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

// filed are the identity values the complainant filed.
func (c *Complaint) filed() []string {
	return []string{c.Debtor.IDNumber, c.Debtor.Mobile, c.ContractNumber, c.Debtor.Name}
}

// freeText sets every free-text field of c (a copy of from) to f of from's: the narrative, the
// information request, the incidents' senders and descriptions, and the feedback's comment.
func (c *Complaint) freeText(from *Complaint, f func(string) string) {
	c.Narrative = f(from.Narrative)
	c.InformationRequest = f(from.InformationRequest)
	c.Incidents = make([]Incident, len(from.Incidents))
	for i, in := range from.Incidents {
		in.From, in.Description = f(in.From), f(in.Description)
		c.Incidents[i] = in
	}
	if fb := from.Feedback; fb != nil {
		cp := *fb
		cp.Comment = f(fb.Comment)
		c.Feedback = &cp
	}
}

// typedNames sets the lender's and the agency's names as the complainant typed them to f of from's:
// a debtor's name or number typed there ("王小明的招行信用卡") reached the institution as typed
// (session 20). They stay names of institutions, so only what f withholds goes, not what looks like
// an account number in a name.
func (c *Complaint) typedNames(from *Complaint, f func(string) string) {
	c.LenderName, c.AgencyName = f(from.LenderName), f(from.AgencyName)
}

// ownAnswerClocks sets the due day, the days and whether the answer is untimely of complaints
// forwarded to several institutions to those of the institution a's own answer clock: the
// complaint's are the earliest due day, the longest days and any breach of all its recipients, so
// the lender read the agency's clock, when the agency was granted an extension and when it was
// late, off its own page (session 16, attack). One read for a page.
func (s *Complaints) ownAnswerClocks(ctx context.Context, a Actor, cs []*Complaint) error {
	var shared []string
	for _, c := range cs {
		if c != nil && len(c.Recipients) > 1 {
			shared = append(shared, c.ID)
		}
	}
	if len(shared) == 0 {
		return nil
	}
	byID, err := s.Store.DeadlinesOf(ctx, shared)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c == nil || len(c.Recipients) < 2 {
			continue
		}
		// A complaint forwarded before clocks were stored has none: its due day is the one it has.
		for _, d := range byID[c.ID] {
			if d.Kind != DeadlineInstitutionResponse || d.InstitutionID != a.InstitutionID {
				continue
			}
			c.DueAt, c.Untimely = d.DueAt, d.State == DeadlineBreached || !d.BreachedAt.IsZero()
			if s.Clocks != nil && s.Clocks.Clock != nil {
				if st, err := s.Clocks.Clock.Stages(&d); err == nil {
					if i := slices.IndexFunc(st, func(x DeadlineStage) bool { return x.Name == d.Stage }); i >= 0 {
						c.ResponseDays = st[i].Days
					}
				}
			}
		}
	}
	return nil
}

// ComplainantIdentities gives what identifies complainants' own accounts: for each user id, the
// account's display name, its e-mail address and the mobile it takes SMS at (those it has).
type ComplainantIdentities interface {
	ComplainantIdentities(ctx context.Context, userIDs []int64) (map[int64][]string, error)
}

// withholdComplainants removes from the free text of complaints disclosed to an institution the
// complainant's own name, e-mail address and SMS mobile, however written, and adds them to what
// the complaint's history withholds (found by hand in the fourth attack pass: a complainant who
// signed "我是李秀英，邮箱 li.xiuying@example.cn" gave the collection agency both, though the
// complainant's contact details are never the institution's, whatever the consent to share the
// debtor's identity). One read for a page of complaints; nothing for other roles.
func (s *Complaints) withholdComplainants(ctx context.Context, a Actor, cs ...*Complaint) error {
	if !a.Role.IsInstitution() || len(cs) == 0 {
		return nil
	}
	if err := s.ownAnswerClocks(ctx, a, cs); err != nil {
		return err
	}
	if s.Identities == nil {
		return nil
	}
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		if c != nil && c.ComplainantID != 0 && !slices.Contains(ids, c.ComplainantID) {
			ids = append(ids, c.ComplainantID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	byUser, err := s.Identities.ComplainantIdentities(ctx, ids)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c == nil || len(byUser[c.ComplainantID]) == 0 {
			continue
		}
		values := byUser[c.ComplainantID]
		c.withheld = append(slices.Clip(c.withheld), values...)
		from := *c
		c.freeText(&from, func(s string) string { return forInstitution(s, values) })
	}
	return nil
}

// ConfirmedFindings are what a complaint's reader (the complainant, the institution it was
// forwarded to) may see of why the regulator confirmed its violations: the assessment's
// suggestions a reviewer confirmed, each with its evidence from the narrative alone (never the
// pasted messages, rule ids or confidences), each phrase once, and only a phrase the narrative
// of this copy holds at its place: the assessment judged the narrative as filed, and a copy
// disclosed to an institution has the withheld values taken out (Disclose), so a phrase holding
// one, or moved by one's removal, is never shown. Never nil.
func (c *Complaint) ConfirmedFindings() []SuggestedViolation {
	out := []SuggestedViolation{}
	if c.Assessment == nil {
		return out
	}
	text := []rune(c.Narrative)
	n := len(text)
	for _, v := range c.Assessment.Violations {
		if !slices.Contains(c.ConfirmedViolations, v.Type) {
			continue
		}
		f := SuggestedViolation{Type: v.Type, Legal: v.Legal, Evidence: []RuleEvidence{}}
		for _, e := range v.Evidence {
			if e.Source != "narrative" || e.Phrase == "" || e.Start < 0 || e.End <= e.Start || e.End > n || string(text[e.Start:e.End]) != e.Phrase ||
				slices.ContainsFunc(f.Evidence, func(x RuleEvidence) bool { return x.Start == e.Start && x.End == e.End }) {
				continue
			}
			f.Evidence = append(f.Evidence, RuleEvidence{Phrase: e.Phrase, Start: e.Start, End: e.End})
		}
		out = append(out, f)
	}
	return out
}

// A complaint forwarded to both the lender and its collection agency is answered by each of them
// for itself: an institution reads its own answers and extension requests, never the other
// recipient's (its explanation, the relief it gave, why it asked for time). The complainant and
// the regulator's staff read every recipient's.

// DiscloseResponses returns the answers among rs that actor a may read.
func DiscloseResponses(a Actor, rs []Response) []Response {
	return ownInstitution(a, rs, func(r Response) int64 { return r.InstitutionID })
}

// DiscloseExtensions returns the extension requests among xs that actor a may read.
func DiscloseExtensions(a Actor, xs []Extension) []Extension {
	return ownInstitution(a, xs, func(x Extension) int64 { return x.InstitutionID })
}

// ownInstitution keeps, for an institution's actor, the items of its own institution; anyone else
// gets every item.
func ownInstitution[T any](a Actor, items []T, of func(T) int64) []T {
	if !a.Role.IsInstitution() {
		return items
	}
	out := make([]T, 0, len(items))
	for _, it := range items {
		if of(it) == a.InstitutionID {
			out = append(out, it)
		}
	}
	return out
}

// lastFour masks all but the last four characters of an ID number: **************123X.
func lastFour(id string) string {
	n := utf8.RuneCountInString(id)
	if n <= 4 {
		return pii.Mask(pii.KindNationalID, id)
	}
	return pii.MaskContract(id) // keeps the last 4 of anything at least 8 long
}

// CanRevealDebtorIdentity reports whether the actor may reveal a debtor's full identity, with a
// recorded reason: the regulator's case handlers (reviewers and supervisors), not admins.
func CanRevealDebtorIdentity(a Actor) bool {
	return a.Role == RoleReviewer || a.Role == RoleSupervisor
}

// RevealedIdentity is the debtor's identity in full, as RevealDebtorIdentity returns it.
type RevealedIdentity struct {
	ComplaintID    string
	Debtor         Debtor
	ContractNumber string
}

// IdentityReveal is the audit record of one reveal: who looked at whose identity, why, when and
// from where.
type IdentityReveal struct {
	ActorID     int64
	ActorRole   Role
	ComplaintID string
	Reference   string
	Reason      string
	Address     string
	At          time.Time
}

// RevealLog records reveals of debtors' identities in the admin audit log.
type RevealLog interface {
	RecordReveal(ctx context.Context, r IdentityReveal) error
}

// MaxRevealReasonRunes bounds the reason given for a reveal.
const MaxRevealReasonRunes = 500

// RevealDebtorIdentity returns the full identity of a complaint's debtor to a reviewer or
// supervisor who can see the complaint, after recording who asked, why, when and from which address.
// The reason is required; nothing is returned if the record cannot be written.
func (s *Complaints) RevealDebtorIdentity(ctx context.Context, complaintID, reason string) (*RevealedIdentity, error) {
	a, err := s.require(ctx, "complaint", "read")
	if err != nil {
		return nil, err
	}
	if !CanRevealDebtorIdentity(a) {
		return nil, ErrForbidden
	}
	reason, err = s.freeText("reason", reason, true)
	if err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(reason) > MaxRevealReasonRunes {
		return nil, Invalid("reason", "the reason is too long", "理由过长")
	}
	c, err := s.Store.FindComplaint(ctx, complaintID)
	if err != nil {
		return nil, err
	}
	if !ScopeFor(a).Contains(c) {
		return nil, ErrNotFound
	}
	if s.Reveals == nil {
		return nil, &Error{Code: CodeInternal, Message: "reveals cannot be recorded", MessageZH: "无法记录查看"}
	}
	if err := s.Reveals.RecordReveal(ctx, IdentityReveal{ActorID: a.UserID, ActorRole: a.Role, ComplaintID: c.ID, Reference: c.Reference,
		Reason: reason, Address: RequestAddress(ctx), At: s.Now()}); err != nil {
		return nil, err
	}
	return &RevealedIdentity{ComplaintID: c.ID, Debtor: c.Debtor, ContractNumber: c.ContractNumber}, nil
}

type requestAddressKey struct{}

// WithRequestAddress returns a context carrying the address the request came from, for audit records.
func WithRequestAddress(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, requestAddressKey{}, addr)
}

// RequestAddress is the address the request came from, or "" outside a request.
func RequestAddress(ctx context.Context) string {
	s, _ := ctx.Value(requestAddressKey{}).(string)
	return s
}
