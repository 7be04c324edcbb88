package app_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestDebtorIdentityByRole reads one forwarded complaint as every role, through every path that
// returns a complaint (one, a list, a mutation's answer), and checks what each is shown of the
// debtor's identity and contract number.
func TestDebtorIdentityByRole(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	const narrative = "我叫王小明，身份证11010519491231002X，手机13812345678，催收员说要去我家北京市朝阳区建国路88号。"
	forwarded := func(consent bool) func(c *domain.Complaint) {
		return func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToShareIdentity, c.Narrative = domain.StatusForwarded, []int64{p.lenderID}, consent, narrative
		}
	}
	consented := newComplaint(t, env, p, forwarded(true))
	withheld := newComplaint(t, env, p, forwarded(false))

	const q = `query($id: ID!) { complaint(id: $id) { identityDisclosure contractNumber debtor { name mobile idNumber masked } } }`
	type view struct {
		Disclosure string
		Contract   any
		Debtor     any // map or nil
	}
	full := map[string]any{"name": "王小明", "mobile": "13812345678", "idNumber": "11010519491231002X", "masked": false}
	staff := map[string]any{"name": "王小明", "mobile": "138****5678", "idNumber": "110***********002X", "masked": true}
	institution := map[string]any{"name": "王小明", "mobile": "138****5678", "idNumber": "**************002X", "masked": true}
	for _, tc := range []struct {
		name      string
		role      domain.Role
		complaint *domain.Complaint
		want      view
		code      string
	}{
		{"ComplainantOwn", domain.RoleComplainant, consented, view{"FULL", "HT-2025-0001", full}, ""},
		{"Reviewer", domain.RoleReviewer, consented, view{"MASKED", "********0001", staff}, ""},
		{"Supervisor", domain.RoleSupervisor, consented, view{"MASKED", "********0001", staff}, ""},
		{"Admin", domain.RoleAdmin, consented, view{"MASKED", "********0001", staff}, ""},
		{"AgentWithConsent", domain.RoleInstitutionAgent, consented, view{"MASKED", "HT-2025-0001", institution}, ""},
		{"InstitutionAdminWithConsent", domain.RoleInstitutionAdmin, consented, view{"MASKED", "HT-2025-0001", institution}, ""},
		{"AgentWithoutConsent", domain.RoleInstitutionAgent, withheld, view{"WITHHELD", nil, nil}, ""},
		{"InstitutionAdminWithoutConsent", domain.RoleInstitutionAdmin, withheld, view{"WITHHELD", nil, nil}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := env.Do(t, p.tokens[tc.role], q, map[string]any{"id": tc.complaint.ID})
			if r.Code() != tc.code {
				t.Fatalf("code %q, want %q: %+v", r.Code(), tc.code, r.Errors)
			}
			if tc.code != "" {
				return
			}
			c := r.Data["complaint"].(map[string]any)
			got := view{c["identityDisclosure"].(string), c["contractNumber"], c["debtor"]}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%s sees %v, want %v", tc.role, got, tc.want)
			}
		})
	}

	// The narrative repeats the ID number and mobile: the institution that sees them masked, or not
	// at all, must not read them there (found by hand in session 9).
	t.Run("InstitutionsNarrativeHoldsNoWithheldValue", func(t *testing.T) {
		for _, c := range []*domain.Complaint{consented, withheld} {
			d := env.MustDo(t, p.tokens[domain.RoleInstitutionAgent], `query($id: ID!) { complaint(id: $id) { narrative } }`, map[string]any{"id": c.ID})
			n := d["complaint"].(map[string]any)["narrative"].(string)
			if strings.Contains(n, "11010519491231002X") || strings.Contains(n, "13812345678") || !strings.Contains(n, "催收员说要去我家") {
				t.Errorf("consent %v: the agent reads %q", c.ConsentToShareIdentity, n)
			}
		}
	})

	t.Run("ListsAndMutationsAreMaskedToo", func(t *testing.T) {
		R := p.tokens[domain.RoleReviewer]
		list := env.MustDo(t, R, `{ complaints(first: 100) { edges { node { id identityDisclosure contractNumber debtor { idNumber mobile } } } } }`, nil)
		raw, _ := json.Marshal(list)
		if !strings.Contains(string(raw), "110***********002X") || strings.Contains(string(raw), "11010519491231002X") || strings.Contains(string(raw), "13812345678") {
			t.Errorf("the reviewer's list is not masked: %s", raw)
		}
		claimed := env.MustDo(t, R, `mutation($id: ID!) { claimComplaint(id: $id) { debtor { idNumber } contractNumber } }`,
			map[string]any{"id": newComplaint(t, env, p, nil).ID})
		raw, _ = json.Marshal(claimed)
		if !strings.Contains(string(raw), "110***********002X") || strings.Contains(string(raw), "HT-2025-0001") {
			t.Errorf("claimComplaint answers with %s", raw)
		}
		agentList := env.MustDo(t, p.tokens[domain.RoleInstitutionAgent], `{ complaints(first: 100) { edges { node { id debtor { name idNumber } contractNumber } } } }`, nil)
		raw, _ = json.Marshal(agentList)
		if strings.Contains(string(raw), "11010519491231002X") || strings.Count(string(raw), "王小明") != 1 {
			t.Errorf("the institution's list shows %s; want the name of the consented complaint only", raw)
		}
	})

	// Analysts get aggregates, not complaints; should a path ever hand them one, it carries no
	// identity and a scrubbed narrative.
	t.Run("Analyst", func(t *testing.T) {
		for _, q := range []string{
			`query($id: ID!) { complaint(id: $id) { identityDisclosure narrative contractNumber debtor { name } } }`,
			`query { complaints(first: 100) { edges { node { identityDisclosure narrative contractNumber debtor { name } } } } }`,
		} {
			r := env.Do(t, p.tokens[domain.RoleAnalyst], q, map[string]any{"id": consented.ID})
			if len(r.Errors) > 0 {
				if c := r.Code(); c != "FORBIDDEN" && c != "NOT_FOUND" {
					t.Errorf("analyst: %q", c)
				}
				continue
			}
			raw, _ := json.Marshal(r.Data)
			for _, secret := range []string{"王小明", "11010519491231002X", "13812345678", "HT-2025-0001", "建国路88号", "MASKED", "FULL"} {
				if strings.Contains(string(raw), secret) {
					t.Errorf("analyst sees %q: %s", secret, raw)
				}
			}
		}
	})

	t.Run("RevealDebtorIdentity", func(t *testing.T) {
		const m = `mutation($id: ID!, $r: String!) { revealDebtorIdentity(complaintId: $id, reason: $r) { name mobile idNumber contractNumber } }`
		vars := func(reason string) map[string]any { return map[string]any{"id": consented.ID, "r": reason} }
		if r := env.Do(t, p.tokens[domain.RoleReviewer], m, vars("  ")); r.Code() != "BAD_USER_INPUT" || r.Field() != "reason" {
			t.Errorf("reveal without a reason: %q %q", r.Code(), r.Field())
		}
		for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin, domain.RoleAnalyst, domain.RoleAdmin} {
			if r := env.Do(t, p.tokens[role], m, vars("想看看")); r.Code() != "FORBIDDEN" {
				t.Errorf("%s revealing: %q, want FORBIDDEN", role, r.Code())
			}
		}
		var before int64
		env.App.DB.Gorm.Raw(`SELECT count(*) FROM audit_log WHERE action = 'complaint.reveal_debtor_identity'`).Scan(&before)
		if before != 0 {
			t.Fatalf("refused reveals were recorded: %d", before)
		}
		for _, role := range []domain.Role{domain.RoleReviewer, domain.RoleSupervisor} {
			got := env.MustDo(t, p.tokens[role], m, vars("核实身份以便移交公安"))["revealDebtorIdentity"].(map[string]any)
			if got["idNumber"] != "11010519491231002X" || got["mobile"] != "13812345678" || got["contractNumber"] != "HT-2025-0001" {
				t.Errorf("%s reveal = %v", role, got)
			}
		}
		var rows []struct {
			ActorID int64
			Target  string
			Details string
			Address string
		}
		env.App.DB.Gorm.Raw(`SELECT actor_id, target, details::text AS details, address FROM audit_log WHERE action = 'complaint.reveal_debtor_identity' ORDER BY id`).Scan(&rows)
		if len(rows) != 2 || rows[0].ActorID != p.actors[domain.RoleReviewer].UserID || rows[1].ActorID != p.actors[domain.RoleSupervisor].UserID {
			t.Fatalf("audit log of reveals = %+v", rows)
		}
		for _, r := range rows {
			if r.Target != "complaint:"+consented.ID || !strings.Contains(r.Details, "核实身份以便移交公安") || r.Address == "" || r.Address == "unknown" {
				t.Errorf("audit record %+v lacks what, why or where", r)
			}
		}
		// Reviewers outside the complaint's team cannot reveal it either.
		other := newComplaint(t, env, p, func(c *domain.Complaint) { c.Team = "national" })
		if r := env.Do(t, p.tokens[domain.RoleReviewer], m, map[string]any{"id": other.ID, "r": "核实"}); r.Code() != "NOT_FOUND" {
			t.Errorf("reveal outside the team: %q", r.Code())
		}
	})
}

// TestInstitutionsReadNoComplainantContact (fourth attack pass): the complainant's own name,
// e-mail address and SMS mobile — the account's, never the institution's to read, whatever the
// consent to share the debtor's identity — reached the institution when the complainant wrote
// them in the narrative, an incident or a reason shown in the history (Disclose withheld only
// the filed debtor values). They are withheld however written, in one complaint, a list, a
// and the history; the complainant still reads their own text.
func TestInstitutionsReadNoComplainantContact(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C, A := p.tokens[domain.RoleComplainant], p.tokens[domain.RoleInstitutionAgent]
	env.MustDo(t, C, `mutation { setNotificationPreferences(email: true, sms: true, mobile: "13900001111") { sms } }`, nil)
	const narrative = "我是王女士（王 女 士），邮箱 complainant@redline.demo，短信请发 139-0000-1111。催收员说要去我家。"
	c := newComplaint(t, env, p, func(c *domain.Complaint) {
		c.Status, c.Recipients, c.ConsentToShareIdentity, c.Narrative = domain.StatusForwarded, []int64{p.lenderID}, true, narrative
		c.Incidents = []domain.Incident{{Channel: domain.ChannelPhoneCall, From: "王女士的同事", Description: "打到王女士单位，发邮件到 COMPLAINANT@redline.demo", OccurredAt: time.Now().UTC()}}
	})
	secrets := []string{"王女士", "王 女 士", "complainant@redline.demo", "COMPLAINANT@redline.demo", "139-0000-1111", "13900001111"}
	leaks := func(raw string) []string {
		var out []string
		for _, s := range secrets {
			if strings.Contains(raw, s) {
				out = append(out, s)
			}
		}
		return out
	}
	const one = `query($id: ID!) { complaint(id: $id) { narrative incidents { from description } } }`
	if raw, _ := json.Marshal(env.MustDo(t, C, one, map[string]any{"id": c.ID})); !strings.Contains(string(raw), narrative) || len(leaks(string(raw))) != len(secrets)-1 {
		t.Fatalf("the complainant does not read their own text: %s", raw)
	}
	for _, role := range []domain.Role{domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
		raw, _ := json.Marshal(env.MustDo(t, p.tokens[role], one, map[string]any{"id": c.ID}))
		if l := leaks(string(raw)); len(l) > 0 || !strings.Contains(string(raw), "催收员说要去我家") {
			t.Errorf("%s reads %v in %s", role, l, raw)
		}
	}
	raw, _ := json.Marshal(env.MustDo(t, A, `{ complaints(first: 100) { edges { node { narrative incidents { description } } } } }`, nil))
	if l := leaks(string(raw)); len(l) > 0 || !strings.Contains(string(raw), "催收员说要去我家") {
		t.Errorf("the agent's list holds %v", l)
	}
	// The institution's answer, then the complainant's dispute, whose comment the institution reads
	// with the complaint and in the history.
	env.MustDo(t, A, `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_EXPLANATION, explanation: "已核查外包催收录音，涉事催收员已停岗。"}) { id } }`,
		map[string]any{"id": c.ID})
	env.MustDo(t, C, `mutation($id: ID!) { submitFeedback(id: $id, decision: DISPUTE, satisfaction: 1, comment: "仍有电话，王女士 complainant@redline.demo") { id } }`,
		map[string]any{"id": c.ID})
	raw, _ = json.Marshal(env.MustDo(t, A, `query($id: ID!) { complaint(id: $id) { feedback { comment } history { action reason } } }`, map[string]any{"id": c.ID}))
	if l := leaks(string(raw)); len(l) > 0 || strings.Count(string(raw), "仍有电话") != 2 {
		t.Errorf("the agent's history holds %v: %s", l, raw)
	}
}

// TestInstitutionsReadNoPersonalDataInEvidenceDescriptions: the description of a file the complainant
// attaches is their own words, like the narrative, but it reached the recipient institution as typed
// (found by hand, session 11): the complainant's name, e-mail and SMS mobile, and the filed debtor
// values the institution may not read, however written. The complainant and the regulator's staff
// still read it as written.
func TestInstitutionsReadNoPersonalDataInEvidenceDescriptions(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C, R := p.tokens[domain.RoleComplainant], p.tokens[domain.RoleReviewer]
	env.MustDo(t, C, `mutation { setNotificationPreferences(email: true, sms: true, mobile: "13900001111") { sms } }`, nil)
	// The filed values of newComplaint: 王小明, 11010519491231002X, 13812345678, HT-2025-0001.
	const desc = "王女士拍的催收短信，邮箱 complainant@redline.demo，短信 139-0000-1111；债务人王 小 明，身份证 110105 19491231 002X，手机 138 1234 5678，合同 HT 2025 0001"
	complainants := []string{"王女士", "complainant@redline.demo", "139-0000-1111"}
	filed := map[bool][]string{ // what the institution may not read, by consent to share the debtor's identity
		true:  {"002X", "5678"},
		false: {"王 小 明", "002X", "5678", "HT 2025 0001"},
	}
	const q = `query($id: ID!) { complaint(id: $id) { evidence { description } } }`
	for _, consent := range []bool{true, false} {
		c := newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Status, c.Recipients, c.ConsentToShareIdentity = domain.StatusForwarded, []int64{p.lenderID}, consent
		})
		env.MustDo(t, C, `mutation($id: ID!, $t: String!, $d: String) { addEvidence(complaintId: $id, uploadToken: $t, description: $d) { id } }`,
			map[string]any{"id": c.ID, "t": uploadPNG(t, env, C), "d": desc})
		for _, tok := range []string{C, R} {
			if raw, _ := json.Marshal(env.MustDo(t, tok, q, map[string]any{"id": c.ID})); !strings.Contains(string(raw), desc) {
				t.Errorf("consent %v: the complainant or the reviewer does not read the description as written: %s", consent, raw)
			}
		}
		for _, role := range []domain.Role{domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
			raw, _ := json.Marshal(env.MustDo(t, p.tokens[role], q, map[string]any{"id": c.ID}))
			for _, secret := range append(slices.Clone(complainants), filed[consent]...) {
				if strings.Contains(string(raw), secret) {
					t.Errorf("consent %v: %s reads %q in %s", consent, role, secret, raw)
				}
			}
			if !strings.Contains(string(raw), "拍的催收短信") {
				t.Errorf("consent %v: %s lost the rest of the description: %s", consent, role, raw)
			}
		}
	}
}
