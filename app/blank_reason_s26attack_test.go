package app_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestInvisibleReasonsAreRefused (session 26, attack; found by hand): a required reason or text
// was refused when empty or white space, but one of invisible characters only — a zero-width space,
// a Hangul filler, the braille blank, a word joiner — was taken: revealDebtorIdentity recorded an
// unreadable reason for reading a debtor's identity, and a complaint was closed or escalated for a
// reason no one could read. Each answers BAD_USER_INPUT on its field and changes nothing; a
// reason with text in it still works.
func TestInvisibleReasonsAreRefused(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	c := newComplaint(t, env, p, func(c *domain.Complaint) {
		c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, true
	})
	sup := p.tokens[domain.RoleSupervisor]
	for _, blank := range []string{"\u200b", "\u3164\u3164", "\u2800", " \u2060 ", "\ufeff\u200d", "\u0301\u0301"} {
		for name, m := range map[string]string{
			"reveal":   `mutation($id: ID!, $r: String!) { revealDebtorIdentity(complaintId: $id, reason: $r) { name } }`,
			"escalate": `mutation($id: ID!, $r: String!) { escalateComplaint(id: $id, reason: $r) { status } }`,
			"close":    `mutation($id: ID!, $r: String!) { closeComplaint(id: $id, reason: $r) { status } }`,
			"note":     `mutation($id: ID!, $r: String!) { addNote(id: $id, text: $r) { id } }`,
		} {
			r := env.Do(t, sup, m, map[string]any{"id": c.ID, "r": blank})
			if r.Code() != "BAD_USER_INPUT" {
				t.Errorf("%s with the reason %q: %q %+v, want BAD_USER_INPUT", name, blank, r.Code(), r.Errors)
			}
		}
	}
	var reveals, events int64
	env.App.DB.Gorm.Raw(`SELECT count(*) FROM audit_log WHERE action = 'complaint.reveal_debtor_identity'`).Scan(&reveals)
	env.App.DB.Gorm.Raw(`SELECT count(*) FROM complaint_events WHERE complaint_id = ? AND action IN ('ESCALATED', 'CLOSED')`, c.ID).Scan(&events)
	if reveals != 0 || events != 0 {
		t.Errorf("refused requests left %d reveal records and %d history entries", reveals, events)
	}
	if r := env.Do(t, sup, `mutation($id: ID!) { escalateComplaint(id: $id, reason: "\u200b催收威胁人身安全") { status } }`, map[string]any{"id": c.ID}); len(r.Errors) > 0 {
		t.Errorf("a reason with text: %+v", r.Errors)
	}
	const file = `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`
	for _, narrative := range []string{strings.Repeat("\u200b", 12), strings.Repeat("\u3164", 10), strings.Repeat("\u2800 ", 10)} {
		in := fileInput()
		in["narrative"] = narrative
		if r := env.Do(t, p.tokens[domain.RoleComplainant], file, map[string]any{"i": in}); r.Code() != "BAD_USER_INPUT" || r.Field() != "input.narrative" {
			t.Errorf("a narrative of %q: %q %q, want BAD_USER_INPUT on input.narrative", narrative, r.Code(), r.Field())
		}
	}
}
