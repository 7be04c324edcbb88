package domain

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
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

// withoutIDNumbers redacts every resident ID number an institution would read in free text, filed
// or not: the filed one is withheld however written, but an ID number the complainant did not file
// (a relative's complaint, where the debtor's is optional, or the complainant's own typed in a
// feedback comment) reached an institution the complainant refused to share the identity with as
// typed (session 30, attack: "我叫张伟，身份证 110105199001011232" in a dispute's comment, read by
// the lender in the feedback and the history). Only a valid ID (region, birth date, check digit)
// goes: contract and card numbers stay.
//
// Session 31 (attack26, round 25's leftover): the number is read in groups as well — digits parted
// by spaces (ASCII, ideographic, no-break) or hyphens, up to two between groups
// ("110105 19900101 123X", "110105-1990-0101-123-X") — and in Chinese numerals, digit by digit
// (一一〇一〇五一九九〇…, 零 and ○ for 0, 幺 for 1), mixed with digits or not. Consecutive groups
// that hold exactly 18 characters (17 digits and the check digit or X, the X at the end) and make a
// valid number are redacted, wherever they sit in a longer run of groups (a mobile after it); a
// group glued to more digits is part of a longer number. An old 15-digit ID (region, then a
// birth date yymmdd of the 1900s, no check digit) is redacted when the 15 digits are the whole
// run of groups: a run of 15 digits whose region and date happen to be valid is one in about 80,
// and an institution losing such a number (it has its own contract numbers) costs less than an
// identity number reaching it.
//
// Session 31 (secmend, review of attack26): groups are parted by any run of up to three
// separators (idSeparator: white space of any kind incl. newline, tab, thin space; zero-width
// format characters; dashes, dots, slashes, commas), financial numerals (壹贰叁…) are digits, and a
// Chinese numeral glued to ASCII digits ("第一110105199001011232") is a group of its own, so it no
// longer makes the number "longer than an ID's".
func withoutIDNumbers(text string) string {
	runs := idRuns(text)
	if runs == nil {
		return text
	}
	now := time.Now()
	var b strings.Builder
	last := 0
	for _, run := range runs {
		for i := 0; i < len(run); i++ {
			var digits []byte
			for j := i; j < len(run) && len(digits) < 18; j++ {
				if run[j].x && (len(digits)+len(run[j].digits) != 18) {
					break // an X other than the check character ends the number
				}
				digits = append(digits, run[j].digits...)
				ok := false
				switch {
				case len(digits) == 18 && !slices.Contains(digits[:17], 'X'):
					ok = IDNumberProblem(string(digits), now) == ""
				case len(digits) == 15 && i == 0 && j == len(run)-1 && !run[j].x:
					ok = oldIDNumber(string(digits), now)
				}
				if ok {
					b.WriteString(text[last:run[i].start])
					b.WriteString(pii.Redacted)
					last = run[j].end
					i = j
					break
				}
			}
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

// idGroup is a group of digits of a number written in groups: its bytes in the text, its digits
// in ASCII, and whether it ends with an X.
type idGroup struct {
	start, end int
	digits     []byte
	x          bool
}

// idRuns splits text into runs of digit groups parted by at most three separators (idSeparator);
// nil when text has no digit.
func idRuns(text string) [][]idGroup {
	var runs [][]idGroup
	var run []idGroup
	var cur *idGroup
	seps := 0
	flush := func() {
		if cur != nil {
			run = append(run, *cur)
			cur = nil
		}
	}
	endRun := func() {
		flush()
		if len(run) > 0 {
			runs = append(runs, run)
		}
		run, seps = nil, 0
	}
	for i, r := range text {
		w := utf8.RuneLen(r)
		if d, ok := idDigit(r); ok {
			if cur != nil && !cur.x && (text[cur.end-1] < utf8.RuneSelf) != (r < utf8.RuneSelf) {
				// A Chinese numeral glued to ASCII digits ("第一110105199001011232") parts
				// two groups: the numeral is a word, not a digit of the number.
				flush()
			}
			if cur == nil {
				if seps == 0 && len(run) > 0 && run[len(run)-1].x {
					// A digit glued to an X ("…123X5"): the X is no check character, and the
					// number is longer than an ID's.
					run[len(run)-1].digits = append(run[len(run)-1].digits, 'G')
					endRun()
				}
				cur = &idGroup{start: i}
			}
			cur.digits = append(cur.digits, d)
			cur.end, seps = i+w, 0
			continue
		}
		if isCheckX(r) && (cur != nil && !cur.x || cur == nil && len(run) > 0 && seps > 0) {
			if cur == nil {
				cur = &idGroup{start: i}
			}
			cur.digits = append(cur.digits, 'X')
			cur.x = true
			cur.end, seps = i+w, 0
			flush()
			continue
		}
		if idSeparator(r) && (cur != nil || len(run) > 0) && seps < 3 {
			flush()
			seps++
			continue
		}
		endRun()
	}
	endRun()
	return runs
}

// idDigit reads a digit of a number: ASCII, full-width, or a Chinese numeral read digit by digit.
func idDigit(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r >= '０' && r <= '９':
		return byte(r - '０' + '0'), true
	}
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return byte('0' + utf8.RuneCountInString("〇一二三四五六七八九"[:i])), true
	}
	if i := strings.IndexRune("零壹贰叁肆伍陆柒捌玖", r); i >= 0 { // financial numerals
		return byte('0' + utf8.RuneCountInString("零壹贰叁肆伍陆柒捌玖"[:i])), true
	}
	switch r {
	case '○':
		return '0', true
	case '幺':
		return '1', true
	case '貳', '贰':
		return '2', true
	case '參', '叁':
		return '3', true
	case '陸':
		return '6', true
	}
	return 0, false
}

func isCheckX(r rune) bool { return r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }

// idSeparator parts the groups of a number: any white space (ASCII, tab, newline, thin,
// ideographic, no-break), an invisible format character (zero-width space, joiners, word joiner,
// BOM), a hyphen or dash (- ‐ ‑ – — －), a dot, a slash or a comma (ASCII or full-width).
func idSeparator(r rune) bool {
	if unicode.IsSpace(r) {
		return true
	}
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff',
		'-', '－', '‐', '‑', '‒', '–', '—', '―', '.', '．', '/', '／', ',', '，', '、':
		return true
	}
	return false
}

// oldIDNumber: a first-generation 15-digit ID number, its region and its birth date (19yymmdd)
// valid.
func oldIDNumber(s string, now time.Time) bool {
	if _, ok := ProvinceByCode(s[:2] + "0000"); !ok {
		return false
	}
	birth, err := time.Parse("20060102", "19"+s[6:12])
	return err == nil && birth.Before(now)
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
