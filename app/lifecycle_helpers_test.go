package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// people are the demo users of every role, as actors, plus the institutions they work with.
type people struct {
	actors   map[domain.Role]domain.Actor
	tokens   map[domain.Role]string
	lenderID int64 // the institution the demo institution users work for
	agencyID int64 // a collection agency engaged by nobody in particular
	otherID  int64 // another lender
}

func demoPeople(t *testing.T, env *apptest.Env) *people {
	t.Helper()
	ctx := context.Background()
	p := &people{actors: map[domain.Role]domain.Actor{}, tokens: map[domain.Role]string{}}
	for _, du := range app.DemoUsers {
		u, err := env.App.Accounts.Store.UserByEmail(ctx, du.Email)
		if err != nil {
			t.Fatalf("demo user %s: %v", du.Email, err)
		}
		p.actors[du.Role] = u.Actor()
		p.tokens[du.Role] = env.Login(t, du.Email, app.DemoPassword)
	}
	p.lenderID = p.actors[domain.RoleInstitutionAgent].InstitutionID
	db := env.App.DB.Gorm
	if err := db.Raw("SELECT id FROM institutions WHERE kind = 'COLLECTION_AGENCY' ORDER BY id LIMIT 1").Scan(&p.agencyID).Error; err != nil || p.agencyID == 0 {
		t.Fatalf("no demo agency: %v", err)
	}
	if err := db.Raw("SELECT id FROM institutions WHERE kind <> 'COLLECTION_AGENCY' AND id <> ? ORDER BY id LIMIT 1", p.lenderID).Scan(&p.otherID).Error; err != nil || p.otherID == 0 {
		t.Fatalf("no second lender: %v", err)
	}
	return p
}

func (p *people) ctx(role domain.Role) context.Context {
	return domain.WithActor(context.Background(), p.actors[role])
}

// newComplaint stores a complaint of the demo complainant in the east team's queue, in triage,
// without going through the outbox and workers.
func newComplaint(t *testing.T, env *apptest.Env, p *people, edit func(c *domain.Complaint)) *domain.Complaint {
	t.Helper()
	now := time.Now().UTC()
	owner := p.actors[domain.RoleComplainant]
	c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusSubmitted, Version: 1, ComplainantID: owner.UserID,
		Relation: domain.RelationSelf, Debtor: domain.Debtor{Name: "王小明", Mobile: "13812345678", IDNumber: "11010519491231002X"},
		LenderID: p.lenderID, LenderName: "招行信用卡", AgencyID: p.agencyID, AgencyName: "恒通", Product: domain.ProductCreditCard,
		ContractNumber: "HT-2025-0001", AmountOwed: "12800.50", Province: "310000",
		Narrative: "催收员每天打二十多个电话，还给我父母打电话。", ClaimedViolations: []domain.ViolationType{domain.ViolationThreat, domain.ViolationExcessiveContact},
		Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
	ev := domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted, ActorID: owner.UserID, ActorRole: domain.RoleComplainant, At: now}
	if _, _, err := env.App.Complaints.Store.CreateComplaint(context.Background(), c, "", ev, nil); err != nil {
		t.Fatalf("create complaint: %v", err)
	}
	return drive(t, env, c.ID, func(c *domain.Complaint) {
		c.Status, c.Team = domain.StatusInTriage, "east"
		if edit != nil {
			edit(c)
		}
	})
}

// fileRouted files, as the demo complainant, the borrower's parent's complaint about the demo
// lender's credit card and its agency in Shanghai, with narrative and the violations claimed, through
// the domain service, and routes it at once (no outbox, no workers).
func fileRouted(t *testing.T, ce *clockEnv, narrative string, claimed ...domain.ViolationType) *domain.Complaint {
	t.Helper()
	cs, p := ce.env.App.Complaints, ce.p
	c, err := cs.File(p.ctx(domain.RoleComplainant), domain.FileComplaint{Relation: domain.RelationParent,
		LenderID: p.lenderID, LenderName: "招行信用卡", AgencyID: p.agencyID, Product: domain.ProductCreditCard,
		Province: "310000", Narrative: narrative, Violations: claimed}, uuid.NewString())
	if err != nil {
		t.Fatal(err)
	}
	if c, err = cs.Route(context.Background(), c.ID); err != nil {
		t.Fatal(err)
	}
	return c
}

// drive puts a complaint directly into the state edit leaves it in, with a setup event, as a test
// fixture; the lifecycle rules are not consulted.
func drive(t *testing.T, env *apptest.Env, id string, edit func(c *domain.Complaint), records ...domain.Extension) *domain.Complaint {
	t.Helper()
	c, err := env.App.Complaints.Store.UpdateComplaint(context.Background(), id, func(c *domain.Complaint) (domain.Change, error) {
		from := c.Status
		edit(c)
		return domain.Change{Events: []domain.Event{{Action: "TEST_SETUP", FromStatus: from, ToStatus: c.Status, ActorRole: domain.RoleSystem, At: time.Now().UTC()}},
			Extensions: records}, nil
	})
	if err != nil {
		t.Fatalf("drive complaint: %v", err)
	}
	return c
}

// rowCounts counts the rows a lifecycle operation may write.
type rowCounts struct{ complaints, events, outbox, notes, responses, links, extensions int64 }

func countRows(t *testing.T, env *apptest.Env) rowCounts {
	t.Helper()
	var n rowCounts
	for table, dst := range map[string]*int64{"complaints": &n.complaints, "complaint_events": &n.events, "outbox": &n.outbox,
		"complaint_notes": &n.notes, "complaint_responses": &n.responses, "complaint_links": &n.links, "complaint_extensions": &n.extensions} {
		if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM " + table).Scan(dst).Error; err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
	}
	return n
}

// validIDNumber completes 17 digits with their GB 11643 check character.
func validIDNumber(first17 string) string { return first17 + string(domain.IDCheckChar(first17)) }
