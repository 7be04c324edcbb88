package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// operation is one lifecycle operation as the matrix calls it.
type operation struct {
	name   string
	action domain.Action
	pend   bool // the fixture needs an extension awaiting a decision
	call   func(ctx context.Context, cs *domain.Complaints, id string, f *matrixFixture) error
}

type matrixFixture struct {
	p         *people
	primaryID string
}

func operations() []operation {
	ok := func(_ *domain.Complaint, err error) error { return err }
	return []operation{
		{name: "withdrawComplaint", action: domain.ActionWithdraw, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Withdraw(ctx, id, "已和解", 0))
		}},
		{name: "provideInformation", action: domain.ActionProvideInformation, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.ProvideInformation(ctx, id, "合同号是HT-2025-0001", 0))
		}},
		{name: "submitFeedbackAccept", action: domain.ActionAccept, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.SubmitFeedback(ctx, id, domain.FeedbackInput{Decision: domain.FeedbackAccept, Satisfaction: 4}, 0))
		}},
		{name: "submitFeedbackDispute", action: domain.ActionDispute, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.SubmitFeedback(ctx, id, domain.FeedbackInput{Decision: domain.FeedbackDispute, Satisfaction: 1, Comment: "仍在打电话"}, 0))
		}},
		{name: "claimComplaint", action: domain.ActionClaim, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Claim(ctx, id, 0))
		}},
		{name: "assignComplaint", action: domain.ActionAssign, call: func(ctx context.Context, cs *domain.Complaints, id string, f *matrixFixture) error {
			_, err := cs.Assign(ctx, []string{id}, f.p.actors[domain.RoleReviewer].UserID, 0)
			return err
		}},
		{name: "classifyComplaint", action: domain.ActionClassify, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Classify(ctx, id, domain.Classification{Confirm: []domain.ViolationType{domain.ViolationThreat}}, 0))
		}},
		{name: "requestInformation", action: domain.ActionRequestInformation, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.RequestInformation(ctx, id, "请提供合同编号", 0))
		}},
		{name: "forwardComplaint", action: domain.ActionForward, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Forward(ctx, id, domain.Forwarding{Target: domain.ForwardBoth}, 0))
		}},
		{name: "rejectComplaint", action: domain.ActionReject, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Reject(ctx, id, domain.RejectTimeBarred, "超过三年", 0))
		}},
		{name: "referComplaint", action: domain.ActionRefer, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Refer(ctx, id, domain.ReferPolice, "人身威胁", 0))
		}},
		{name: "escalateComplaint", action: domain.ActionEscalate, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Escalate(ctx, id, "涉及威胁人身安全", 0))
		}},
		{name: "investigateComplaint", action: domain.ActionInvestigate, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Investigate(ctx, id, "", 0))
		}},
		{name: "closeComplaint", action: domain.ActionClose, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Close(ctx, id, "已处理完毕", 0))
		}},
		{name: "reopenComplaint", action: domain.ActionReopen, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Reopen(ctx, id, "催收又开始了", 0))
		}},
		{name: "linkComplaints", action: domain.ActionLink, call: func(ctx context.Context, cs *domain.Complaints, id string, f *matrixFixture) error {
			return ok(cs.Link(ctx, id, f.primaryID, false, "同一事项", 0))
		}},
		{name: "linkComplaintsMerge", action: domain.ActionMerge, call: func(ctx context.Context, cs *domain.Complaints, id string, f *matrixFixture) error {
			return ok(cs.Link(ctx, id, f.primaryID, true, "重复投诉", 0))
		}},
		{name: "rerouteComplaint", action: domain.ActionReroute, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.Reroute(ctx, id, "north", "债务人住在北京，属于华北组", 0))
		}},
		{name: "addNote", action: domain.ActionAddNote, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			_, err := cs.AddNote(ctx, id, "已电话联系投诉人", 0)
			return err
		}},
		{name: "respondToComplaint", action: domain.ActionRespond, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			_, err := cs.Respond(ctx, id, domain.ResponseInput{Category: domain.ClosedWithNonMonetaryRelief, Explanation: "已停止催收并向客户致歉。",
				Relief: domain.Relief{CollectionStopped: true, Apology: true}}, 0)
			return err
		}},
		{name: "respondToComplaintInProgress", action: domain.ActionReportProgress, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			_, err := cs.Respond(ctx, id, domain.ResponseInput{Category: domain.ResponseInProgress, Explanation: "我们正在调查外包机构的催收录音。"}, 0)
			return err
		}},
		{name: "startAppraisal", action: domain.ActionStartAppraisal, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.StartAppraisal(ctx, id, "委托司法鉴定机构鉴定录音真伪", 0))
		}},
		{name: "endAppraisal", action: domain.ActionEndAppraisal, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			return ok(cs.EndAppraisal(ctx, id, 0))
		}},
		{name: "requestExtension", action: domain.ActionRequestExtension, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			_, err := cs.RequestExtension(ctx, id, 30, "需要调取外包机构录音", 0)
			return err
		}},
		{name: "decideExtension", action: domain.ActionDecideExtension, pend: true, call: func(ctx context.Context, cs *domain.Complaints, id string, _ *matrixFixture) error {
			_, err := cs.DecideExtension(ctx, id, true, "案情复杂", 0)
			return err
		}},
	}
}

// TestLifecycleMatrix drives a complaint into every state, attempts every operation as every role,
// and checks that it is allowed exactly when the Lifecycle table says so; an allowed operation
// leads to the table's state and leaves one history entry, a refused one writes nothing.
func TestLifecycleMatrix(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	cs := env.App.Complaints
	primary := newComplaint(t, env, p, nil)
	f := &matrixFixture{p: p, primaryID: primary.ID}
	roles := []domain.Role{domain.RoleComplainant, domain.RoleReviewer, domain.RoleSupervisor, domain.RoleInstitutionAgent,
		domain.RoleInstitutionAdmin, domain.RoleAnalyst, domain.RoleAdmin}
	ops := operations()

	// Every action of the table is exercised, except routing and reassessment (the system's) and evidence
	// (its own tests: api/TestEvidence*, api/TestInstitutionEvidence).
	covered := map[domain.Action]bool{domain.ActionRoute: true, domain.ActionReassess: true, domain.ActionAddEvidence: true,
		domain.ActionAddInstitutionEvidence: true}
	for _, op := range ops {
		covered[op.action] = true
	}
	for _, tr := range domain.Lifecycle {
		if !covered[tr.Action] {
			t.Errorf("the matrix has no operation for %s", tr.Action)
		}
	}

	allowedCount := 0
	for _, state := range domain.Statuses {
		for _, op := range ops {
			tr, _ := domain.TransitionFor(op.action)
			var c *domain.Complaint
			fresh := func() {
				now := time.Now().UTC()
				var pending []domain.Extension
				extID := ""
				if op.pend {
					extID = uuid.NewString()
				}
				c = newComplaint(t, env, p, nil)
				c = drive(t, env, c.ID, func(c *domain.Complaint) {
					c.Status = state
					c.Recipients = []int64{p.lenderID, p.agencyID}
					c.ForwardTarget, c.ForwardedAt, c.ResponseDays, c.DueAt = domain.ForwardBoth, now, 15, now.AddDate(0, 0, 15)
					c.RespondedAt, c.ClosedAt = now, now
					if op.pend {
						c.ResponseDays, c.PendingExtensionID = 30, extID
					}
				})
				if op.pend {
					pending = append(pending, domain.Extension{ID: extID, InstitutionID: p.lenderID, RequestedBy: p.actors[domain.RoleInstitutionAgent].UserID,
						Days: 60, Reason: "复杂", Status: domain.ExtensionPending, RequestedAt: now})
					c = drive(t, env, c.ID, func(*domain.Complaint) {}, pending...)
				}
			}
			fresh()
			for _, role := range roles {
				name := fmt.Sprintf("%s/%s/%s", state, op.name, role)
				roleOK, stateOK := tr.Allows(role, state)
				before := countRows(t, env)
				beforeC, _ := cs.Store.FindComplaint(context.Background(), c.ID)
				err := op.call(p.ctx(role), cs, c.ID, f)
				if roleOK && stateOK {
					allowedCount++
					if err != nil {
						t.Errorf("%s: allowed by the table but refused: %v", name, err)
						fresh()
						continue
					}
					after, _ := cs.Store.FindComplaint(context.Background(), c.ID)
					want := tr.To
					if want == "" {
						want = state
					}
					if after.Status != want {
						t.Errorf("%s: status %s, want %s", name, after.Status, want)
					}
					hist, _ := cs.Store.History(context.Background(), c.ID)
					last := hist[len(hist)-1]
					if last.Action != op.action || last.FromStatus != state || last.ToStatus != want || last.ActorRole != role ||
						last.ActorID != p.actors[role].UserID || last.At.IsZero() {
						t.Errorf("%s: last history entry %+v", name, last)
					}
					fresh()
					continue
				}
				if err == nil {
					t.Errorf("%s: refused by the table but allowed", name)
					fresh()
					continue
				}
				code := domain.CodeOf(err)
				de, _ := domain.AsError(err)
				switch {
				case !roleOK && code != domain.CodeForbidden:
					t.Errorf("%s: role not in the table: got %v, want FORBIDDEN", name, err)
				case roleOK && !(code == domain.CodeInvalid && de.Field == "status"):
					t.Errorf("%s: wrong state: got %v, want BAD_USER_INPUT on status", name, err)
				}
				if after := countRows(t, env); after != before {
					t.Errorf("%s: refused but wrote rows: %+v -> %+v", name, before, after)
				}
				if afterC, _ := cs.Store.FindComplaint(context.Background(), c.ID); afterC.Version != beforeC.Version {
					t.Errorf("%s: refused but the version moved %d -> %d", name, beforeC.Version, afterC.Version)
				}
			}
		}
	}
	if allowedCount < 60 {
		t.Errorf("only %d allowed cases: the matrix is not exercising the table", allowedCount)
	}
	t.Logf("%d states × %d operations × %d roles, %d allowed", len(domain.Statuses), len(ops), len(roles), allowedCount)
}
