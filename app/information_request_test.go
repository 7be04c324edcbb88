package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestInformationRequestTextIsEncrypted: the question of an information request and the
// complainant's answer are personal data. The history's details keep neither (only a reference and
// the lengths), the text is stored encrypted (the open question on the complaint, the texts of the
// history entries) and not as the pause note of the acceptance clock, and the complainant and staff
// still read both in the history; the institution sees the entries without them.
func TestInformationRequestTextIsEncrypted(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C, R, S, I := p.tokens[domain.RoleComplainant], p.tokens[domain.RoleReviewer], p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleInstitutionAgent]
	c := newComplaint(t, env, p, nil)
	const question, answer = "请提供借款人李四（13900007777）的合同 HT-99-1234", "李四的合同号是 HT-99-1234，身份证 110105194912310021"
	do := func(tok, q string, vars map[string]any) map[string]any {
		t.Helper()
		if vars == nil {
			vars = map[string]any{}
		}
		vars["id"] = c.ID
		return env.MustDo(t, tok, q, vars)
	}
	db := env.App.DB.SQL
	// inClear reports where the secrets are stored as written: the history's details, the
	// complaint's open question, the texts' table, the clocks' records.
	inClear := func() []string {
		t.Helper()
		var out []string
		for _, q := range []string{
			`SELECT details::text FROM complaint_events WHERE complaint_id = $1`,
			`SELECT information_request FROM complaints WHERE id = $1`,
			`SELECT question || ' ' || answer FROM information_request_texts WHERE complaint_id = $1`,
			`SELECT record::text FROM complaint_deadlines WHERE complaint_id = $1`,
		} {
			rows, err := db.Query(q, c.ID)
			if err != nil {
				t.Errorf("%s: %v", q, err)
				continue
			}
			for rows.Next() {
				var v string
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				for _, secret := range []string{"李四", "13900007777", "HT-99-1234", "110105194912310021", "请提供"} {
					if strings.Contains(v, secret) {
						out = append(out, q+": "+v)
						break
					}
				}
			}
			rows.Close()
		}
		return out
	}

	do(R, `mutation($id: ID!) { claimComplaint(id: $id) { id } }`, nil)
	do(R, `mutation($id: ID!, $q: String!) { requestInformation(id: $id, question: $q) { id } }`, map[string]any{"q": question})
	if leaks := inClear(); len(leaks) > 0 {
		t.Errorf("the question is stored in clear after the request:\n%s", strings.Join(leaks, "\n"))
	}
	var open string
	if err := db.QueryRow(`SELECT information_request FROM complaints WHERE id = $1`, c.ID).Scan(&open); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(open, "v1:") {
		t.Errorf("the open question at rest = %q, want a ciphertext", open)
	}
	if got := do(C, `query($id: ID!) { complaint(id: $id) { informationRequest } }`, nil)["complaint"].(map[string]any)["informationRequest"]; got != question {
		t.Errorf("the complainant reads the open question %q", got)
	}
	do(C, `mutation($id: ID!, $a: String!) { provideInformation(id: $id, answer: $a) { id } }`, map[string]any{"a": answer})
	if leaks := inClear(); len(leaks) > 0 {
		t.Errorf("the question or answer is stored in clear after the answer:\n%s", strings.Join(leaks, "\n"))
	}
	var texts int
	if err := db.QueryRow(`SELECT count(*) FROM information_request_texts WHERE complaint_id = $1 AND question LIKE 'v1:%'
		AND (answer = '' OR answer LIKE 'v1:%')`, c.ID).Scan(&texts); err != nil {
		t.Fatal(err)
	}
	if texts != 2 {
		t.Errorf("%d encrypted texts, want the request's and the answer's", texts)
	}
	rows, err := db.Query(`SELECT action, details::text FROM complaint_events WHERE complaint_id = $1 AND action IN ('INFORMATION_REQUESTED', 'INFORMATION_PROVIDED')`, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var action, details string
		if err := rows.Scan(&action, &details); err != nil {
			t.Fatal(err)
		}
		var d map[string]any
		if err := json.Unmarshal([]byte(details), &d); err != nil {
			t.Fatal(err)
		}
		for k := range d {
			switch k {
			case "text", "questionLength", "answerLength", "deadlines":
			default:
				t.Errorf("%s details hold %q: %s", action, k, details)
			}
		}
		if d["text"] == nil {
			t.Errorf("%s details without the text's reference: %s", action, details)
		}
	}
	rows.Close()

	// history returns each entry's question (and answer) to the complainant and staff.
	history := func(tok string) map[string]map[string]any {
		t.Helper()
		out := map[string]map[string]any{}
		for _, h := range do(tok, `query($id: ID!) { complaint(id: $id) { history { action details } } }`, nil)["complaint"].(map[string]any)["history"].([]any) {
			h := h.(map[string]any)
			a := h["action"].(string)
			if a != "INFORMATION_REQUESTED" && a != "INFORMATION_PROVIDED" {
				continue
			}
			d := map[string]any{}
			if s, ok := h["details"].(string); ok {
				if err := json.Unmarshal([]byte(s), &d); err != nil {
					t.Fatal(err)
				}
			}
			out[a] = d
		}
		return out
	}
	for who, tok := range map[string]string{"complainant": C, "reviewer": R, "supervisor": S} {
		h := history(tok)
		if h["INFORMATION_REQUESTED"]["question"] != question || h["INFORMATION_PROVIDED"]["question"] != question || h["INFORMATION_PROVIDED"]["answer"] != answer {
			t.Errorf("%s reads the history's information entries as %v", who, h)
		}
	}

	// The institution, once the complaint is forwarded, sees the entries without the text.
	do(R, `mutation($id: ID!) { forwardComplaint(id: $id, target: BOTH) { id } }`, nil)
	b, _ := json.Marshal(history(I))
	if s := string(b); strings.Contains(s, "李四") || strings.Contains(s, "HT-99-1234") {
		t.Errorf("the institution reads the question or answer: %s", s)
	}
}
