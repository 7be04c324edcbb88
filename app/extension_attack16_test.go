package app_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/domain"
)

// Session 16 (attack): a complaint held one extension request awaiting a supervisor, whichever
// institution asked. On a complaint forwarded to a lender and its collection agency, once the
// lender had asked for its 60 days, the agency's own request — even its first 30 days, which the
// platform grants at once — was refused with "an extension already awaits a supervisor's
// decision", and its nextExtension was null: the agency learnt that the lender had asked for more
// time, though an institution reads only its own extension requests (DiscloseExtensions), and it
// lost the extension the policy grants it.

// TestExtensionRequestsOfTwoInstitutionsAreApart: each recipient asks for its own extensions
// whatever the other asked; a supervisor decides the pending requests one after the other; an
// institution's second pending request is refused with a reason of its own.
func TestExtensionRequestsOfTwoInstitutionsAreApart(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	lender, sup := p.ctx(domain.RoleInstitutionAgent), p.ctx(domain.RoleSupervisor)
	agency := agencyAgent(t, ce, "attack16-agency@redline.demo")
	agencyToken := env.Login(t, "attack16-agency@redline.demo", app.DemoPassword)
	c := must(cs.Forward(p.ctx(domain.RoleReviewer), ce.file(t).ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)

	const q = `query($id: ID!) { complaint(id: $id) { nextExtension { days needsApproval } } }`
	next := func(tok string) string {
		t.Helper()
		return fmt.Sprint(env.MustDo(t, tok, q, map[string]any{"id": c.ID})["complaint"].(map[string]any)["nextExtension"])
	}

	// The lender asks for 30 days (granted) and then 60 (awaiting a supervisor).
	must(cs.RequestExtension(lender, c.ID, 30, "需要调取录音", 0)).of(t)
	must(cs.RequestExtension(lender, c.ID, 60, "需外部鉴定", 0)).of(t)

	// The agency sees nothing of it: its next extension is its own first stage, granted at once.
	if got := next(agencyToken); got != "map[days:30 needsApproval:false]" {
		t.Errorf("the agency's nextExtension while the lender's request awaits a decision: %s, want its own 30 days", got)
	}
	x, err := cs.RequestExtension(agency, c.ID, 30, "催收录音在外包公司", 0)
	if err != nil || x.Status != domain.ExtensionGranted {
		t.Fatalf("the agency's first extension while the lender's awaits a decision: %+v, %v; want it granted", x, err)
	}
	// Its 60 days wait for a supervisor too, beside the lender's.
	if got := next(agencyToken); got != "map[days:60 needsApproval:true]" {
		t.Errorf("the agency's nextExtension after its 30 days: %s, want 60 with approval", got)
	}
	if x := must(cs.RequestExtension(agency, c.ID, 60, "涉及多名催收员", 0)).of(t); x.Status != domain.ExtensionPending {
		t.Errorf("the agency's 60 days: %s, want PENDING", x.Status)
	}
	if got := next(agencyToken); got != "<nil>" {
		t.Errorf("the agency's nextExtension with its own request pending: %s, want null", got)
	}

	// The same institution asking twice at once: none is taken twice, the refusal says why.
	// (Both institutions now wait; a third request by either is refused as its own.)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = cs.RequestExtension(agency, c.ID, 60, "再次申请", 0)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.CodeInvalid || de.Field != "days" || de.Reason != "EXTENSION_PENDING" {
			t.Errorf("request %d of an institution with a request pending: %v, want BAD_USER_INPUT on days, reason EXTENSION_PENDING", i, err)
		}
	}

	// The supervisor decides the lender's request, then the agency's, oldest first. A decision
	// sent four times at once (a double submit, without expectedVersion) decides the request that
	// was pending when it was read, never the next institution's unseen: the others are CONFLICT on
	// id, reason DECIDED (one that starts only after the first has finished reads the agency's as
	// pending, and decides that one; the portal sends expectedVersion).
	decided := make([]*domain.Extension, 4)
	for i := range decided {
		wg.Add(1)
		go func() {
			defer wg.Done()
			decided[i], errs[i] = cs.DecideExtension(sup, c.ID, true, "同意", 0)
		}()
	}
	wg.Wait()
	by := map[int64]int{}
	noneLeft := 0
	for i, err := range errs {
		var de *domain.Error
		switch {
		case err == nil:
			by[decided[i].InstitutionID]++
		case errors.As(err, &de) && de.Code == domain.CodeInvalid && de.Field == "id":
			// Started only after both requests were decided (the goroutines ran one after another,
			// as on a loaded machine): nothing awaits a decision any more.
			noneLeft++
		case !errors.As(err, &de) || de.Code != domain.CodeConflict || de.Field != "id" || de.Reason != "DECIDED":
			t.Errorf("decision %d of a double submit: %v, want CONFLICT on id, reason DECIDED", i, err)
		}
	}
	if noneLeft > 0 && by[p.agencyID] != 1 {
		t.Errorf("%d decisions found nothing awaiting while the agency's request was not decided (%v)", noneLeft, by)
	}
	if by[p.lenderID] != 1 || by[p.agencyID] > 1 || len(by) > 2 {
		t.Fatalf("decisions taken by institution: %v, want the lender's once (and the agency's at most once)", by)
	}
	if by[p.agencyID] == 0 {
		second := must(cs.DecideExtension(sup, c.ID, false, "理由不充分", 0)).of(t)
		if second.InstitutionID != p.agencyID || second.Status != domain.ExtensionDenied {
			t.Errorf("second decision: %+v, want the agency's, denied", second)
		}
	}
	var de *domain.Error
	if _, err := cs.DecideExtension(sup, c.ID, true, "同意", 0); !errors.As(err, &de) || de.Field != "id" {
		t.Errorf("a decision with nothing left to decide: %v, want an error on id", err)
	}
	if l := clockOf(t, ce.deadlines(t, domain.RoleReviewer, c.ID), p.lenderID); l.Stage == "" || !l.DueAt.After(c.DueAt) {
		t.Errorf("the lender's clock after its 60 days were approved: %s due %v (forwarded due %v)", l.Stage, l.DueAt, c.DueAt)
	}
	xs, err := env.App.Complaints.Store.Extensions(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	pending := 0
	for _, x := range xs {
		if x.Status == domain.ExtensionPending {
			pending++
		}
	}
	if len(xs) != 4 || pending != 0 {
		t.Errorf("extension records: %d (%d pending), want 4 and none pending: %+v", len(xs), pending, xs)
	}
}

// Session 16 (attack): a complaint's dueAt is the earliest of its institutions' answer clocks and
// its responseDays the longest they were given, and both went to each institution as they were:
// once the lender had its 30 days, its dueAt stayed the agency's due day, then moved when the
// agency was granted its own — so the lender read the agency's clock and extension off its own
// page, and the agency read the lender's 30 days in responseDays.

// TestInstitutionsReadTheirOwnDueDay: on a complaint forwarded to both, each institution's dueAt
// and responseDays are those of its own answer clock, in one complaint and in lists; staff keep
// the complaint's.
func TestInstitutionsReadTheirOwnDueDay(t *testing.T) {
	ce := newClockEnv(t, mustTime("2026-03-10 10:00"))
	env, cs, p := ce.env, ce.env.App.Complaints, ce.p
	lender := p.ctx(domain.RoleInstitutionAgent)
	agencyAgent(t, ce, "attack16-due-agency@redline.demo")
	agencyToken := env.Login(t, "attack16-due-agency@redline.demo", app.DemoPassword)
	c := must(cs.Forward(p.ctx(domain.RoleReviewer), ce.file(t).ID, domain.Forwarding{Target: domain.ForwardBoth}, 0)).of(t)
	must(cs.RequestExtension(lender, c.ID, 30, "需要调取录音", 0)).of(t)
	ds := ce.deadlines(t, domain.RoleReviewer, c.ID)
	own := map[string]domain.Deadline{"lender": clockOf(t, ds, p.lenderID), "agency": clockOf(t, ds, p.agencyID)}
	if own["lender"].DueAt.Equal(own["agency"].DueAt) {
		t.Fatalf("the clocks should differ after the lender's extension: %v", own)
	}
	const one = `query($id: ID!) { complaint(id: $id) { dueAt responseDays } }`
	const list = `{ complaints(first: 10) { edges { node { id dueAt responseDays } } } }`
	for who, tok := range map[string]string{"lender": p.tokens[domain.RoleInstitutionAgent], "agency": agencyToken} {
		wantDue, wantDays := own[who].DueAt.UTC().Format(time.RFC3339), map[string]float64{"lender": 30, "agency": 15}[who]
		got := env.MustDo(t, tok, one, map[string]any{"id": c.ID})["complaint"].(map[string]any)
		if got["dueAt"] != wantDue || got["responseDays"] != wantDays {
			t.Errorf("the %s reads dueAt %v, responseDays %v; want its own clock's %s, %v", who, got["dueAt"], got["responseDays"], wantDue, wantDays)
		}
		for _, e := range env.MustDo(t, tok, list, nil)["complaints"].(map[string]any)["edges"].([]any) {
			n := e.(map[string]any)["node"].(map[string]any)
			if n["id"] == c.ID && (n["dueAt"] != wantDue || n["responseDays"] != wantDays) {
				t.Errorf("the %s's list: dueAt %v, responseDays %v; want %s, %v", who, n["dueAt"], n["responseDays"], wantDue, wantDays)
			}
		}
	}
	// The agency's clock runs out: it reads untimely, the lender (whose answer is not late) does not.
	if _, err := env.App.Complaints.Store.UpdateComplaint(t.Context(), c.ID, func(c *domain.Complaint) (domain.Change, error) {
		c.Untimely = true
		for i := range c.Deadlines {
			if d := &c.Deadlines[i]; d.Kind == domain.DeadlineInstitutionResponse && d.InstitutionID == p.agencyID {
				d.State, d.BreachedAt = domain.DeadlineBreached, time.Now().UTC()
			}
		}
		return domain.Change{Events: []domain.Event{{Action: "TEST_SETUP", FromStatus: c.Status, ToStatus: c.Status, ActorRole: domain.RoleSystem, At: time.Now().UTC()}}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	const late = `query($id: ID!) { complaint(id: $id) { untimely } }`
	for who, tok := range map[string]string{"lender": p.tokens[domain.RoleInstitutionAgent], "agency": agencyToken} {
		got := env.MustDo(t, tok, late, map[string]any{"id": c.ID})["complaint"].(map[string]any)["untimely"]
		if want := who == "agency"; got != want {
			t.Errorf("after the agency's clock ran out, the %s reads untimely %v, want %v", who, got, want)
		}
	}
}
