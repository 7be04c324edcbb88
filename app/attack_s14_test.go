package app_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Session 14's attack by hand: assignComplaint(ids: [...]) checked every complaint, then assigned
// them one transaction each. A complaint named by its reference passed the checks but was not found
// by the write, so the first complaint was assigned and the answer was NOT_FOUND; a complaint
// withdrawn between the checks and the writes did the same (19 of 20 assigned, the answer an error
// without a field). Now a complaint is named by its id or its reference once, and all are assigned
// in one transaction or none is, the error naming the complaint (ids.N).
func TestBulkAssignmentIsAllOrNothing(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S, R := p.tokens[domain.RoleSupervisor], p.actors[domain.RoleReviewer]
	const assign = `mutation($ids: [ID!]!, $a: ID!) { assignComplaint(ids: $ids, assigneeId: $a) { id assigneeId } }`
	reviewer := fmt.Sprint(R.UserID)
	reference := func(id string) string {
		var ref string
		if err := env.App.DB.Gorm.Raw("SELECT reference FROM complaints WHERE id = ?", id).Scan(&ref).Error; err != nil || ref == "" {
			t.Fatalf("reference of %s: %q %v", id, ref, err)
		}
		return ref
	}
	assigned := func(ids ...string) int { return countSet(t, env, "assignee_id", ids) }

	t.Run("ByIDAndReference", func(t *testing.T) {
		a, b := newComplaint(t, env, p, nil), newComplaint(t, env, p, nil)
		r := env.Do(t, S, assign, map[string]any{"ids": []any{a.ID, reference(b.ID)}, "a": reviewer})
		if len(r.Errors) != 0 {
			t.Fatalf("assigning by id and by reference: %s on %q: %v", r.Code(), r.Field(), r.Errors)
		}
		got := r.Data["assignComplaint"].([]any)
		if len(got) != 2 || got[0].(map[string]any)["id"] != a.ID || got[1].(map[string]any)["id"] != b.ID {
			t.Errorf("answer %v, want %s then %s", got, a.ID, b.ID)
		}
		if n := assigned(a.ID, b.ID); n != 2 {
			t.Errorf("%d of 2 assigned", n)
		}
	})

	t.Run("SameComplaintTwice", func(t *testing.T) {
		a, b := newComplaint(t, env, p, nil), newComplaint(t, env, p, nil)
		before := countRows(t, env)
		r := env.Do(t, S, assign, map[string]any{"ids": []any{b.ID, a.ID, reference(a.ID)}, "a": reviewer})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "ids.2" {
			t.Fatalf("a complaint by id and by reference: %s on %q, want BAD_USER_INPUT on ids.2", r.Code(), r.Field())
		}
		if after := countRows(t, env); after != before || assigned(a.ID, b.ID) != 0 {
			t.Errorf("a refused assignment wrote: %+v → %+v", before, after)
		}
	})

	t.Run("WithdrawnMeanwhile", func(t *testing.T) {
		ids := make([]any, 5)
		for i := range ids {
			ids[i] = newComplaint(t, env, p, nil).ID
		}
		last := ids[4].(string)
		// Another transaction holds the last complaint while the assignment runs, and withdraws it.
		tx := env.App.DB.Gorm.Begin()
		defer tx.Rollback()
		if err := tx.Exec("SELECT id FROM complaints WHERE id = ? FOR UPDATE", last).Error; err != nil {
			t.Fatal(err)
		}
		before := countRows(t, env)
		done := make(chan struct{})
		r := new(struct{ code, field string })
		go func() {
			defer close(done)
			res := env.Do(t, S, assign, map[string]any{"ids": ids, "a": reviewer})
			r.code, r.field = res.Code(), res.Field()
		}()
		waitForLockWait(t, env)
		if err := tx.Exec("UPDATE complaints SET status = ?, version = version + 1 WHERE id = ?", domain.StatusWithdrawn, last).Error; err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit().Error; err != nil {
			t.Fatal(err)
		}
		<-done
		if r.code != "BAD_USER_INPUT" || r.field != "ids.4" {
			t.Errorf("a complaint withdrawn meanwhile: %s on %q, want BAD_USER_INPUT on ids.4", r.code, r.field)
		}
		after := countRows(t, env)
		after.complaints, before.complaints = 0, 0
		if after != before {
			t.Errorf("the refused assignment wrote: %+v → %+v", before, after)
		}
		strs := make([]string, len(ids))
		for i, id := range ids {
			strs[i] = id.(string)
		}
		if n := assigned(strs...); n != 0 {
			t.Errorf("%d of 5 assigned by a refused assignment", n)
		}
	})
}

// countSet counts the complaints among ids whose column is set (not NULL).
func countSet(t *testing.T, env *apptest.Env, column string, ids []string) (n int) {
	t.Helper()
	if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM complaints WHERE id IN ? AND "+column+" IS NOT NULL", ids).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// waitForLockWait waits until a query of the platform waits for a lock in the test's database.
func waitForLockWait(t *testing.T, env *apptest.Env) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), apptest.Patience)
	defer cancel()
	for {
		var n int
		if err := env.App.DB.Gorm.WithContext(ctx).Raw("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").
			Scan(&n).Error; err != nil {
			t.Fatalf("waiting for the assignment to wait for the lock: %v", err)
		}
		if n > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Session 14's attack by hand: linkComplaints(closeAsMerged: true) checked only that the primary
// was not merged into the duplicate itself, and read the primary without locking it. A ring of
// merges (A into B, B into C, C into A) and two supervisors merging a pair in opposite directions
// at once (10 pairs of 10 by hand) closed every complaint of the ring or pair: none stayed open for
// the case to go on. Now a merge locks the primary with the duplicate and refuses a primary that was
// itself merged (BAD_USER_INPUT on primaryId, reason PRIMARY_MERGED).
func TestMergesLeaveAComplaintOpen(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S := p.tokens[domain.RoleSupervisor]
	const merge = `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: true, reason: "重复") { status mergedInto } }`
	open := func(ids ...string) int { return len(ids) - countSet(t, env, "merged_into", ids) }

	t.Run("Ring", func(t *testing.T) {
		a, b, c := newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID
		env.MustDo(t, S, merge, map[string]any{"d": a, "p": b})
		env.MustDo(t, S, merge, map[string]any{"d": b, "p": c})
		before := countRows(t, env)
		r := env.Do(t, S, merge, map[string]any{"d": c, "p": a})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "primaryId" || r.Errors[0].Extensions["reason"] != "PRIMARY_MERGED" {
			t.Fatalf("merging into a merged complaint: %s on %q (%v), want BAD_USER_INPUT on primaryId, PRIMARY_MERGED", r.Code(), r.Field(), r.Errors)
		}
		if after := countRows(t, env); after != before {
			t.Errorf("the refused merge wrote: %+v → %+v", before, after)
		}
		if n := open(a, b, c); n != 1 {
			t.Errorf("%d of the three complaints open, want 1", n)
		}
	})

	t.Run("OppositeDirectionsAtOnce", func(t *testing.T) {
		for i := 0; i < 5; i++ {
			d, e := newComplaint(t, env, p, nil).ID, newComplaint(t, env, p, nil).ID
			var wg sync.WaitGroup
			codes := make([]string, 2)
			for j, pair := range [][2]string{{d, e}, {e, d}} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[j] = env.Do(t, S, merge, map[string]any{"d": pair[0], "p": pair[1]}).Code()
				}()
			}
			wg.Wait()
			if n := open(d, e); n != 1 {
				t.Fatalf("pair %d merged both ways at once (%q): %d of 2 open, want 1", i, codes, n)
			}
			if !slices.Contains(codes, "") || !slices.Contains(codes, "BAD_USER_INPUT") {
				t.Errorf("pair %d: answers %q, want one merged and one BAD_USER_INPUT", i, codes)
			}
		}
	})
}

// Session 14's attack by hand: disabling an account ended its sessions but not its password-reset
// links. A link asked for before the account was disabled was refused while it was disabled and set
// the password once it was enabled again, within its hour — a takeover that survived the admin's
// response. Disabling now uses the links up.
func TestDisablingUsesUpPasswordResetLinks(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	admin, agent := p.tokens[domain.RoleInstitutionAdmin], p.actors[domain.RoleInstitutionAgent]
	const email = "agent@redline.demo"
	env.MustDo(t, "", `mutation($e: String!) { requestPasswordReset(email: $e) { checkEmail } }`, map[string]any{"e": email})
	token := apptest.ResetToken(t, env.App, email)
	id := map[string]any{"id": fmt.Sprint(agent.UserID)}
	env.MustDo(t, admin, `mutation($id: ID!) { disableInstitutionUser(id: $id) { active } }`, id)
	env.MustDo(t, admin, `mutation($id: ID!) { enableInstitutionUser(id: $id) { active } }`, id)
	r := env.Do(t, "", `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`,
		map[string]any{"t": token, "p": "taken-over-2026"})
	if r.Code() != "BAD_USER_INPUT" || r.Field() != "token" || r.Errors[0].Extensions["reason"] != "USED" {
		t.Fatalf("a link from before the account was disabled: %s on %q %v, want BAD_USER_INPUT on token, USED", r.Code(), r.Field(), r.Errors)
	}
	env.Login(t, email, app.DemoPassword) // the password is unchanged
	// A link asked for after the account is enabled again works.
	env.MustDo(t, "", `mutation($e: String!) { requestPasswordReset(email: $e) { checkEmail } }`, map[string]any{"e": email})
	env.MustDo(t, "", `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`,
		map[string]any{"t": apptest.ResetToken(t, env.App, email), "p": "a-new-password-2026"})
	env.Login(t, email, "a-new-password-2026")
}

// Session 14's attack by hand: a complainant pasted collector messages into one complaint without a
// bound (100 a request, 2,000 characters each), and every paste had the rule engine judge the
// complaint again with all of them: 30 pastes in 45 s left the workers assessing 3,000 messages,
// again and again, for minutes. A complaint now holds at most 500 pasted messages.
func TestPastedMessagesPerComplaintAreBounded(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C := p.tokens[domain.RoleComplainant]
	id := newComplaint(t, env, p, nil).ID
	const paste = `mutation($id: ID!, $m: [CollectorMessageInput!]!) { addCollectorMessages(complaintId: $id, messages: $m) { id } }`
	batch := func(n int) []any {
		ms := make([]any, n)
		for i := range ms {
			ms[i] = map[string]any{"sender": "10690000", "sentAt": "2026-11-01T10:00:00+08:00", "text": fmt.Sprintf("第%d条：再不还钱就去你单位找你领导。", i)}
		}
		return ms
	}
	for range domain.MaxComplaintMessages / domain.MaxCollectorMessages {
		env.MustDo(t, C, paste, map[string]any{"id": id, "m": batch(domain.MaxCollectorMessages)})
	}
	before := countRows(t, env)
	r := env.Do(t, C, paste, map[string]any{"id": id, "m": batch(1)})
	if r.Code() != "BAD_USER_INPUT" || r.Field() != "messages" || r.Errors[0].Extensions["reason"] != "TOO_MANY_MESSAGES" {
		t.Fatalf("message %d: %s on %q %v, want BAD_USER_INPUT on messages, TOO_MANY_MESSAGES", domain.MaxComplaintMessages+1, r.Code(), r.Field(), r.Errors)
	}
	var n int
	if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM evidence WHERE complaint_id = ?", id).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if after := countRows(t, env); after != before || n != domain.MaxComplaintMessages {
		t.Errorf("the refused paste wrote: %+v → %+v, %d messages", before, after, n)
	}
	// Another complaint has its own.
	env.MustDo(t, C, paste, map[string]any{"id": newComplaint(t, env, p, nil).ID, "m": batch(1)})
}
