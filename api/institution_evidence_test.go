package api_test

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// forwardedToLender files a complaint as a new complainant, waits for routing and has the east
// team's reviewer forward it to 招商银行信用卡中心 (agent@redline.demo's institution). It returns
// the complainant's token and the complaint's id.
func forwardedToLender(t *testing.T, env *apptest.Env, email string) (owner, id string) {
	t.Helper()
	owner = env.Register(t, email)
	rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	lender := firstInstitutionID(env.MustDo(t, rev, institutionSearch, map[string]any{"s": demoLender}))
	id = env.MustDo(t, owner, fileQuery, map[string]any{"i": map[string]any{
		"relation": "SELF", "lenderId": lender, "product": "CREDIT_CARD", "province": "310000",
		"debtor":    map[string]any{"name": "王芳", "mobile": "13812345678", "idNumber": "11010519491231002X"},
		"narrative": "催收员每天打二十多个电话，还给我父母发短信说我是老赖。", "violations": []any{"THIRD_PARTY_CONTACT"},
	}})["fileComplaint"].(map[string]any)["id"].(string)
	apptest.Eventually(t, 30*time.Second, "the complaint to be routed", func() bool {
		r := env.Do(t, rev, `query($id: ID!) { complaint(id: $id) { status } }`, map[string]any{"id": id})
		return r.Code() == "" && r.Data["complaint"].(map[string]any)["status"] == "IN_TRIAGE"
	})
	env.MustDo(t, rev, `mutation($id: ID!, $l: ID) { forwardComplaint(id: $id, target: LENDER, lenderId: $l) { status } }`, map[string]any{"id": id, "l": lender})
	return owner, id
}

const institutionEvidenceQuery = `query($id: ID!) { complaint(id: $id) {
  evidence { id kind description sha256 source sharedWithComplainant uploaderId downloadUrl institution { name nameEn } }
  history { action actorRole details } } }`

// TestInstitutionEvidence: a recipient institution's agent uploads a contract (PDF) and a call
// recording and attaches them to the answer it owes; the upload goes through the same type check,
// hash and size limit as a complainant's. Staff see both with the institution and the uploader;
// the institution sees its own; the complainant sees neither file, only that documents were added,
// and cannot download them, until the institution shares one with them (its repayment plan): that
// one they see, named, and open. Once the institution has given its final answer it can add no more.
func TestInstitutionEvidence(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	owner, id := forwardedToLender(t, env, "borrower@example.cn")
	agent := env.Login(t, "agent@redline.demo", app.DemoPassword)
	rev := env.Login(t, "reviewer@redline.demo", app.DemoPassword)

	// The same content checks as for complainants: a script is refused, whatever it is called.
	if up := upload(t, env, agent, "contract.pdf", "application/pdf", []byte("#!/bin/sh\nrm -rf /\n")); up.Status != http.StatusBadRequest || up.field() != "file" {
		t.Fatalf("a script named .pdf: status %d field %q, want 400 on file", up.Status, up.field())
	}
	contract, recording := pdfBytes(), mp3Bytes()
	var ids []string
	for _, f := range []struct {
		name string
		b    []byte
	}{{"借款合同.pdf", contract}, {"通话录音.mp3", recording}} {
		up := upload(t, env, agent, f.name, "application/octet-stream", f.b)
		if up.Status != http.StatusCreated || up.Body.SHA256 != sha(f.b) {
			t.Fatalf("agent's upload of %s: status %d %+v", f.name, up.Status, up.Body)
		}
		ev := env.MustDo(t, agent, `mutation($c: ID!, $t: String!, $d: String) { addEvidence(complaintId: $c, uploadToken: $t, description: $d) { id source sha256 } }`,
			map[string]any{"c": id, "t": up.Body.UploadToken, "d": "机构提交：" + f.name})["addEvidence"].(map[string]any)
		if ev["source"] != "INSTITUTION" || ev["sha256"] != sha(f.b) {
			t.Errorf("addEvidence by the agent = %v", ev)
		}
		ids = append(ids, ev["id"].(string))
	}

	items := func(token string) ([]map[string]any, []any) {
		t.Helper()
		c := env.MustDo(t, token, institutionEvidenceQuery, map[string]any{"id": id})["complaint"].(map[string]any)
		var out []map[string]any
		for _, e := range c["evidence"].([]any) {
			out = append(out, e.(map[string]any))
		}
		return out, c["history"].([]any)
	}

	t.Run("StaffSeeWhoAttachedIt", func(t *testing.T) {
		list, _ := items(rev)
		if len(list) != 2 {
			t.Fatalf("the reviewer sees %d items, want the institution's 2", len(list))
		}
		agentID := strconv.FormatInt(userID(t, env, agent), 10)
		for _, e := range list {
			inst, _ := e["institution"].(map[string]any)
			if e["source"] != "INSTITUTION" || inst["name"] != "招商银行信用卡中心" || inst["nameEn"] != "China Merchants Bank Credit Card Center" || e["uploaderId"] != agentID {
				t.Errorf("the reviewer sees %v", e)
			}
		}
		if d := get(t, env, rev, list[0]["downloadUrl"].(string)); d.Status != http.StatusOK || !bytes.Equal(d.Body, contract) {
			t.Errorf("the reviewer's download: status %d", d.Status)
		}
	})

	t.Run("TheInstitutionSeesItsOwn", func(t *testing.T) {
		list, hist := items(agent)
		if len(list) != 2 || list[1]["uploaderId"] != nil {
			t.Fatalf("the agent sees %v", list)
		}
		n := 0
		for _, h := range hist {
			if h.(map[string]any)["action"] == string(domain.ActionAddInstitutionEvidence) {
				n++
			}
		}
		if n != 2 {
			t.Errorf("the agent's history has %d %s entries, want 2", n, domain.ActionAddInstitutionEvidence)
		}
	})

	t.Run("TheComplainantIsToldNotShown", func(t *testing.T) {
		list, hist := items(owner)
		if len(list) != 0 {
			t.Errorf("the complainant sees the institution's documents: %v", list)
		}
		n := 0
		for _, h := range hist {
			h := h.(map[string]any)
			if h["action"] == string(domain.ActionAddInstitutionEvidence) {
				n++
				if d, _ := h["details"].(string); d != `{"kind":"DOCUMENT","shared":false}` && d != `{"kind":"AUDIO","shared":false}` {
					t.Errorf("the complainant's history entry carries %s", d)
				}
			}
		}
		if n != 2 {
			t.Errorf("the complainant's history has %d %s entries, want 2", n, domain.ActionAddInstitutionEvidence)
		}
		// A link signed for the complainant still serves nothing: the file is not theirs to see.
		link, _ := env.App.Evidence.Links.Sign(ids[0], userID(t, env, owner))
		if d := get(t, env, owner, link); d.Status != http.StatusNotFound {
			t.Errorf("the complainant downloading the institution's contract: status %d, want 404", d.Status)
		}
	})

	t.Run("SharedWithTheComplainant", func(t *testing.T) {
		// Only an institution shares documents: a complainant's own evidence is theirs anyway.
		up := upload(t, env, owner, "截图.png", "image/png", pngBytes(t))
		if r := env.Do(t, owner, `mutation($c: ID!, $t: String!) { addEvidence(complaintId: $c, uploadToken: $t, shareWithComplainant: true) { id } }`,
			map[string]any{"c": id, "t": up.Body.UploadToken}); r.Code() != "BAD_USER_INPUT" || r.Field() != "shareWithComplainant" {
			t.Errorf("a complainant sharing: %s on %q, want BAD_USER_INPUT on shareWithComplainant", r.Code(), r.Field())
		}
		plan := pdfBytes()
		up = upload(t, env, agent, "还款计划.pdf", "application/pdf", plan)
		env.MustDo(t, agent, `mutation($c: ID!, $t: String!) { addEvidence(complaintId: $c, uploadToken: $t, description: "还款计划.pdf", shareWithComplainant: true) { id } }`,
			map[string]any{"c": id, "t": up.Body.UploadToken})
		list, hist := items(owner)
		if len(list) != 1 || list[0]["description"] != "还款计划.pdf" || list[0]["kind"] != "DOCUMENT" || list[0]["source"] != "INSTITUTION" || list[0]["sharedWithComplainant"] != true || list[0]["uploaderId"] != nil {
			t.Fatalf("the complainant sees %v, want the shared plan alone, named", list)
		}
		if d := get(t, env, owner, list[0]["downloadUrl"].(string)); d.Status != http.StatusOK || !bytes.Equal(d.Body, plan) {
			t.Errorf("the complainant opening the shared plan: status %d", d.Status)
		}
		if last, _ := hist[len(hist)-1].(map[string]any)["details"].(string); last != `{"kind":"DOCUMENT","shared":true}` {
			t.Errorf("the complainant's history says %s of the shared plan", last)
		}
	})

	t.Run("NotAfterTheFinalAnswer", func(t *testing.T) {
		env.MustDo(t, agent, `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_EXPLANATION,
			explanation: "已核实通话记录，涉事催收员已停止联系。"}) { id } }`, map[string]any{"id": id})
		up := upload(t, env, agent, "late.pdf", "application/pdf", contract)
		r := env.Do(t, agent, addEvidence, map[string]any{"c": id, "t": up.Body.UploadToken})
		if r.Code() != "BAD_USER_INPUT" || r.Field() != "status" {
			t.Errorf("attaching after the answer: %s on %q, want BAD_USER_INPUT on status", r.Code(), r.Field())
		}
	})
}
