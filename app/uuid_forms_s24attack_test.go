package app_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// Attack round 19: uuid.Parse takes a uuid as "urn:uuid:…", "{…}" and 32 bare hex digits besides
// the 36-character form, and the store passed what it took to PostgreSQL, which refuses the urn
// form (SQLSTATE 22P02): complaint(id), every mutation naming a complaint, acknowledgeAlert and
// the cursors of complaints and of the public dataset (anonymous) answered INTERNAL and logged an
// ERROR line. Only the 36-character form names a record now; the others are NOT_FOUND (or the
// cursor BAD_USER_INPUT on after), as any id that names nothing.
func TestOtherUUIDSpellingsNameNothing(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	c := newComplaint(t, env, p, nil)
	spellings := []string{"urn:uuid:" + c.ID, "URN:UUID:" + c.ID, "{" + c.ID + "}", strings.ReplaceAll(c.ID, "-", "")}
	reviewer, supervisor, analyst := p.tokens[domain.RoleReviewer], p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleAnalyst]

	// The complaint is there under its own id.
	if r := env.Do(t, reviewer, `query($id:ID!){ complaint(id:$id){ reference } }`, map[string]any{"id": c.ID}); r.Code() != "" {
		t.Fatalf("complaint(%s): %+v", c.ID, r.Errors)
	}
	for _, id := range spellings {
		for _, q := range []struct{ tok, doc string }{
			{reviewer, `query($id:ID!){ complaint(id:$id){ reference } }`},
			{reviewer, `mutation($id:ID!){ addNote(id:$id, expectedVersion:1, text:"x"){ id } }`},
			{reviewer, `mutation($id:ID!){ claimComplaint(id:$id, expectedVersion:1){ id } }`},
			{supervisor, `mutation($id:ID!){ revealDebtorIdentity(complaintId:$id, reason:"checking the debt with the lender"){ name } }`},
			{analyst, `mutation($id:ID!){ acknowledgeAlert(id:$id, note:"x"){ id } }`},
		} {
			if r := env.Do(t, q.tok, q.doc, map[string]any{"id": id}); r.Code() != "NOT_FOUND" {
				t.Errorf("%s with id %q: %q %+v, want NOT_FOUND", strings.Fields(q.doc)[1], id, r.Code(), r.Errors)
			}
		}
		// A complaint list's cursor naming the complaint so.
		b, _ := json.Marshal(map[string]any{"o": "NEWEST", "k": c.CreatedAt.UTC().Format(time.RFC3339Nano), "t": c.CreatedAt.UTC(), "i": id})
		if r := env.Do(t, supervisor, `query($a:String){ complaints(first:2, after:$a){ totalCount } }`,
			map[string]any{"a": base64.RawURLEncoding.EncodeToString(b)}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("complaints(after: a cursor naming %q): %q %+v, want BAD_USER_INPUT", id, r.Code(), r.Errors)
		}
		// The public dataset's, anonymously.
		pub := base64.RawURLEncoding.EncodeToString([]byte("2026-01-01T00:00:00Z|" + id))
		if r := env.Do(t, "", `query($a:String){ publicComplaints(first:2, after:$a){ totalCount } }`, map[string]any{"a": pub}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("publicComplaints(after: a cursor naming %q): %q %+v, want BAD_USER_INPUT", id, r.Code(), r.Errors)
		}
	}
}
