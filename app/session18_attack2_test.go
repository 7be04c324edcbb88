package app_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/domain"
)

// Session 18 (attack2): an institution's text search matched the complaint's narrative as written,
// while the institution reads it without the filed identity it may not see (the debtor's name,
// mobile and ID number without the complainant's consent) and without the complainant's own
// contact details. The count (and whether any row came back, in the list and the CSV export)
// told a lender whether a given person's name or number was in a complaint forwarded to it:
// searching "王小明" or "13912345678" answered 1 on a complaint that shows neither.

// TestInstitutionSearchMatchesOnlyWhatItReads: a text search by an institution matches the text as
// the institution reads it; staff and the complainant still find what they read.
func TestInstitutionSearchMatchesOnlyWhatItReads(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	const name, mobile, idNumber = "王小明", "13912345678", "11010519491231002X"
	c, err := cs.File(p.ctx(domain.RoleComplainant), domain.FileComplaint{Relation: domain.RelationParent,
		LenderID: p.lenderID, LenderName: "招行信用卡", AgencyID: p.agencyID, Product: domain.ProductCreditCard,
		Debtor:   domain.Debtor{Name: name, Mobile: mobile, IDNumber: idNumber},
		Province: "310000", Narrative: "我儿子" + name + "的手机" + mobile + "每天被催收员打二十多个电话，身份证号" + idNumber + "也被他们说出来了。"}, uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Route(context.Background(), c.ID); err != nil {
		t.Fatal(err)
	}
	must(cs.Forward(p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)

	count := func(role domain.Role, text string) (listed, exported int) {
		t.Helper()
		page, err := cs.List(p.ctx(role), domain.ComplaintFilter{Text: text}, domain.Page{First: 20})
		if err != nil {
			t.Fatalf("%s searching %q: %v", role, text, err)
		}
		if page.Total != len(page.Complaints) {
			t.Fatalf("%s searching %q: total %d but %d complaints listed", role, text, page.Total, len(page.Complaints))
		}
		if role != domain.RoleComplainant {
			if _, err := env.App.Exports.ComplaintRows(p.ctx(role), domain.ComplaintFilter{Text: text}, 0, func(*domain.Complaint) error {
				exported++
				return nil
			}); err != nil {
				t.Fatalf("%s exporting %q: %v", role, text, err)
			}
		}
		return page.Total, exported
	}
	// The lender reads the narrative without the debtor's identity (no consent to share it).
	got := must(cs.Get(p.ctx(domain.RoleInstitutionAgent), c.ID)).of(t)
	for _, v := range []string{name, mobile, idNumber, "1002X"} {
		for _, probe := range []string{v, string([]rune(v)[len([]rune(v))/2:])} {
			if got.Disclosure != domain.DisclosureWithheld {
				t.Fatalf("the lender's disclosure is %s, want WITHHELD", got.Disclosure)
			}
			listed, exported := count(domain.RoleInstitutionAgent, probe)
			if listed != 0 || exported != 0 {
				t.Errorf("the lender searching %q (withheld from it) finds %d complaints and exports %d, want 0: the narrative it reads is %q",
					probe, listed, exported, got.Narrative)
			}
		}
	}
	// What the lender reads it still finds, the institutions' names too.
	for _, text := range []string{"催收员", "招行信用卡"} {
		if listed, exported := count(domain.RoleInstitutionAgent, text); listed != 1 || exported != 1 {
			t.Errorf("the lender searching %q (which it reads) finds %d and exports %d, want 1", text, listed, exported)
		}
	}
	// Staff read the narrative as written and search it as written; so does the complainant.
	for _, role := range []domain.Role{domain.RoleReviewer, domain.RoleSupervisor, domain.RoleComplainant} {
		if listed, _ := count(role, mobile); listed != 1 {
			t.Errorf("%s searching the mobile in the narrative finds %d, want 1", role, listed)
		}
	}
	// Through the API too.
	const q = `query($t: String!) { complaints(filter: {text: $t}) { totalCount } }`
	for text, want := range map[string]float64{name: 0, mobile: 0, "催收员": 1} {
		d := env.MustDo(t, p.tokens[domain.RoleInstitutionAgent], q, map[string]any{"t": text})
		if n := d["complaints"].(map[string]any)["totalCount"]; n != want {
			t.Errorf("the lender's totalCount for %q is %v, want %v", text, n, want)
		}
	}
}

// Session 18 (attack2), the lead left by session 18 (attack): a reviewer stays the assignee of a
// complaint after their binding to its team is revoked. Held: access follows the bindings on every
// request (ScopeFor reads the actor's teams), so the complaint is NOT_FOUND to them, as a random id
// is, for reading and for acting, and it drops out of their "mine" list.
func TestRevokedReviewerLosesTheAssignedComplaint(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	c := ce.file(t)
	reviewer := p.actors[domain.RoleReviewer]
	must(cs.Claim(p.ctx(domain.RoleReviewer), c.ID, 0)).of(t)
	tok := p.tokens[domain.RoleReviewer]
	const read = `query($id: ID!) { complaint(id: $id) { id narrative history { action } } }`
	env.MustDo(t, tok, read, map[string]any{"id": c.ID})

	bs, err := env.App.Access.Store.Bindings(context.Background(), reviewer.UserID)
	if err != nil {
		t.Fatal(err)
	}
	admin := p.ctx(domain.RoleAdmin)
	for _, b := range bs {
		if b.Role == domain.RoleReviewer {
			if err := env.App.Access.Revoke(admin, reviewer.UserID, b.Role, b.Domain, "moved to another department"); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, op := range map[string]struct {
		doc  string
		vars map[string]any
	}{
		"read":    {read, map[string]any{"id": c.ID}},
		"note":    {`mutation($id: ID!) { addNote(id: $id, text: "still here") { id } }`, map[string]any{"id": c.ID}},
		"forward": {`mutation($id: ID!) { forwardComplaint(id: $id, target: LENDER) { id } }`, map[string]any{"id": c.ID}},
	} {
		r := env.Do(t, tok, op.doc, op.vars)
		if len(r.Errors) == 0 || (r.Code() != "NOT_FOUND" && r.Code() != "FORBIDDEN") {
			t.Errorf("%s by the revoked reviewer: %v %v, want NOT_FOUND or FORBIDDEN", name, r.Data, r.Errors)
		}
	}
	d := env.Do(t, tok, `{ complaints(filter: {mine: true}) { totalCount } }`, nil)
	if len(d.Errors) == 0 && fmt.Sprint(d.Data) != "map[complaints:map[totalCount:0]]" {
		t.Errorf("the revoked reviewer's own list: %v", d.Data)
	}
}

// TestInstitutionSearchRefusesTooManyCandidates: an institution's text search checks at most
// Complaints.TextCandidates stored matches one by one; beyond, it is BAD_USER_INPUT on the search
// text with reason TOO_MANY_MATCHES (never a count that skipped the check), in the list and the
// export alike; staff search as before.
func TestInstitutionSearchRefusesTooManyCandidates(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	for range 3 {
		c := ce.file(t)
		must(cs.Forward(p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
	}
	cs.TextCandidates = 2
	_, err := cs.List(p.ctx(domain.RoleInstitutionAgent), domain.ComplaintFilter{Text: "催收员"}, domain.Page{})
	if e, ok := err.(*domain.Error); !ok || e.Code != domain.CodeInvalid || e.Field != "filter.text" || e.Reason != "TOO_MANY_MATCHES" {
		t.Errorf("the lender's search over 3 stored matches with a bound of 2: %v, want BAD_USER_INPUT on filter.text, TOO_MANY_MATCHES", err)
	}
	_, err = env.App.Exports.ComplaintRows(p.ctx(domain.RoleInstitutionAgent), domain.ComplaintFilter{Text: "催收员"}, 0, func(*domain.Complaint) error { return nil })
	if e, ok := err.(*domain.Error); !ok || e.Field != "text" || e.Reason != "TOO_MANY_MATCHES" {
		t.Errorf("the lender's export: %v, want BAD_USER_INPUT on text, TOO_MANY_MATCHES", err)
	}
	if page, err := cs.List(p.ctx(domain.RoleReviewer), domain.ComplaintFilter{Text: "催收员"}, domain.Page{}); err != nil || page.Total != 3 {
		t.Errorf("the reviewer's search: %d, %v; want 3", page.Total, err)
	}
	cs.TextCandidates = 3
	if page, err := cs.List(p.ctx(domain.RoleInstitutionAgent), domain.ComplaintFilter{Text: "催收员"}, domain.Page{First: 2}); err != nil || page.Total != 3 || len(page.Complaints) != 2 || !page.HasNext {
		t.Errorf("the lender's search within the bound: total %d, %d listed, next %v, %v; want 3, 2, true", page.Total, len(page.Complaints), page.HasNext, err)
	}
}

// Session 18 (attack2): the cursors of a complaint list ordered by due day carried the order's key
// in the clear (base64 JSON): the complaint's awaited clock (awaited_due_at). An institution reads
// only its own answer's clock (sessions 15–16), yet the cursor of an answered complaint in its
// DUE_DATE list named the complainant's feedback deadline to the microsecond, and a forged cursor
// (any key, the complaint's id) let it bisect the same value. An institution's cursor now names
// the row only; its key is read from the complaint the cursor names, within the caller's scope.

// TestInstitutionCursorsCarryNoForeignClock: the lender's DUE_DATE cursors hold no awaited due
// day, a forged key is ignored (the page is the one the genuine cursor gives), and a cursor naming
// a complaint outside its scope is refused on after.
func TestInstitutionCursorsCarryNoForeignClock(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	lender := p.ctx(domain.RoleInstitutionAgent)
	var ids []string
	for range 3 {
		c := ce.file(t)
		must(cs.Forward(p.ctx(domain.RoleReviewer), c.ID, domain.Forwarding{Target: domain.ForwardLender}, 0)).of(t)
		must(cs.Respond(lender, c.ID, domain.ResponseInput{Category: domain.ClosedWithExplanation, Explanation: "已核实催收记录并向客户说明。"}, 0)).of(t)
		ids = append(ids, c.ID)
	}
	other := ce.file(t) // in triage: not the lender's
	var dues []time.Time
	if err := env.App.DB.Gorm.Raw("SELECT awaited_due_at FROM complaints WHERE id IN ? AND awaited_due_at IS NOT NULL", ids).Scan(&dues).Error; err != nil || len(dues) != 3 {
		t.Fatalf("awaited clocks: %v %v", dues, err)
	}
	f := domain.ComplaintFilter{Order: domain.OrderDueDate}
	first := must(cs.List(lender, f, domain.Page{First: 1})).of(t)
	if len(first.Cursors) != 1 || !first.HasNext {
		t.Fatalf("first page: %d cursors, next %v", len(first.Cursors), first.HasNext)
	}
	raw, err := base64.RawURLEncoding.DecodeString(first.Cursors[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dues {
		for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02"} {
			if strings.Contains(string(raw), d.UTC().Format(layout)) || strings.Contains(string(raw), d.In(shanghai).Format(layout)) {
				t.Fatalf("the lender's cursor %s names the complaint's awaited due day %s (the complainant's feedback window)", raw, d)
			}
		}
	}
	want := must(cs.List(lender, f, domain.Page{First: 5, After: first.Cursors[0]})).of(t)
	var cur map[string]any
	if err := json.Unmarshal(raw, &cur); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"2020-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "infinity"} {
		cur["k"] = key
		b, _ := json.Marshal(cur)
		got, err := cs.List(lender, f, domain.Page{First: 5, After: base64.RawURLEncoding.EncodeToString(b)})
		if err != nil || len(got.Complaints) != len(want.Complaints) {
			t.Errorf("a forged key %s moves the lender's page: %d complaints (%v), the genuine cursor gives %d", key, len(got.Complaints), err, len(want.Complaints))
		}
	}
	cur["i"] = other.ID
	b, _ := json.Marshal(cur)
	if _, err := cs.List(lender, f, domain.Page{First: 5, After: base64.RawURLEncoding.EncodeToString(b)}); domain.CodeOf(err) != domain.CodeInvalid {
		t.Errorf("a cursor naming a complaint outside the lender's scope: %v, want BAD_USER_INPUT on after", err)
	}
	// Staff keep their cursors (and pages) as before.
	staff := must(cs.List(p.ctx(domain.RoleSupervisor), f, domain.Page{First: 1})).of(t)
	if _, err := cs.List(p.ctx(domain.RoleSupervisor), f, domain.Page{First: 5, After: staff.Cursors[0]}); err != nil {
		t.Errorf("the supervisor's next page: %v", err)
	}
}
