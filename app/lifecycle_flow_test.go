package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestComplaintLifecycleOverGraphQL walks one complaint through its whole life over HTTP and
// checks who sees what along the way.
func TestComplaintLifecycleOverGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	C, R, S, I := p.tokens[domain.RoleComplainant], p.tokens[domain.RoleReviewer], p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleInstitutionAgent]
	in := selfFiling()
	in["agencyId"] = fmt.Sprint(p.agencyID)
	filed := env.MustDo(t, C, `mutation($i: FileComplaintInput!) { fileComplaint(input: $i, idempotencyKey: "flow") {
		id status amountOwed daysOverdue debtor { name mobile idNumber } incidents { channel count } outcomesWanted consentToShareIdentity } }`,
		map[string]any{"i": in})["fileComplaint"].(map[string]any)
	id := filed["id"].(string)
	if filed["amountOwed"] != "12800.50" || filed["daysOverdue"].(float64) != 45 || len(filed["incidents"].([]any)) != 3 ||
		filed["debtor"].(map[string]any)["idNumber"] != "11010519491231002X" {
		t.Fatalf("filed complaint = %v", filed)
	}
	if _, err := env.App.Complaints.Route(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	do := func(tok, q string, vars map[string]any) map[string]any {
		t.Helper()
		if vars == nil {
			vars = map[string]any{}
		}
		vars["id"] = id
		return env.MustDo(t, tok, q, vars)
	}
	status := func() string {
		return do(S, `query($id: ID!) { complaint(id: $id) { status } }`, nil)["complaint"].(map[string]any)["status"].(string)
	}
	do(R, `mutation($id: ID!) { claimComplaint(id: $id) { id } }`, nil)
	// The complainant typed the lender's name; the reviewer matches it to the institution.
	do(R, `mutation($id: ID!, $l: ID) { classifyComplaint(id: $id, confirm: [THIRD_PARTY_CONTACT], add: [IMPROPER_HOURS], reject: [EXCESSIVE_CONTACT], priority: HIGH, lenderId: $l) { id } }`,
		map[string]any{"l": fmt.Sprint(p.lenderID)})
	do(R, `mutation($id: ID!) { addNote(id: $id, text: "投诉人情绪激动，注意沟通方式") { id } }`, nil)
	do(R, `mutation($id: ID!) { requestInformation(id: $id, question: "请提供通话录音") { id } }`, nil)
	do(C, `mutation($id: ID!) { provideInformation(id: $id, answer: "录音已上传") { id } }`, nil)
	fw := do(R, `mutation($id: ID!) { forwardComplaint(id: $id, target: BOTH) { status recipientIds dueAt responseDays confirmedViolations claimedViolations priority } }`, nil)["forwardComplaint"].(map[string]any)
	if fw["status"] != "FORWARDED" || len(fw["recipientIds"].([]any)) != 2 || fw["responseDays"].(float64) != 15 || fw["priority"] != "HIGH" ||
		fmt.Sprint(fw["confirmedViolations"]) != "[THIRD_PARTY_CONTACT IMPROPER_HOURS]" {
		t.Fatalf("forwarded = %v", fw)
	}

	// The institution sees the complaint now, but neither notes nor (without consent) the debtor.
	seen := do(I, `query($id: ID!) { complaint(id: $id) { status debtor { name } contractNumber history { action } } }`, nil)["complaint"].(map[string]any)
	if seen["debtor"] != nil || seen["contractNumber"] != nil {
		t.Errorf("institution sees the debtor's identity without consent: %v", seen)
	}
	for _, h := range seen["history"].([]any) {
		if h.(map[string]any)["action"] == "NOTE_ADDED" {
			t.Errorf("institution sees that a note was added")
		}
	}
	if r := env.Do(t, I, `query($id: ID!) { complaint(id: $id) { notes { text } } }`, map[string]any{"id": id}); r.Code() != "FORBIDDEN" {
		t.Errorf("institution reading notes: %q", r.Code())
	}
	if r := env.Do(t, C, `query($id: ID!) { complaint(id: $id) { notes { text } } }`, map[string]any{"id": id}); r.Code() != "FORBIDDEN" {
		t.Errorf("complainant reading notes: %q", r.Code())
	}
	notes := do(S, `query($id: ID!) { complaint(id: $id) { notes { text } } }`, nil)["complaint"].(map[string]any)["notes"].([]any)
	if len(notes) != 1 {
		t.Errorf("staff notes = %v", notes)
	}

	do(I, `mutation($id: ID!) { requestExtension(id: $id, days: 30, reason: "需要调取外包机构录音") { status } }`, nil)
	x := do(I, `mutation($id: ID!) { requestExtension(id: $id, days: 60, reason: "需外部鉴定") { status } }`, nil)["requestExtension"].(map[string]any)
	if x["status"] != "PENDING" {
		t.Errorf("second extension = %v", x)
	}
	do(S, `mutation($id: ID!) { decideExtension(id: $id, approve: true) { status } }`, nil)
	due := do(S, `query($id: ID!) { complaint(id: $id) { responseDays extensions { status } } }`, nil)["complaint"].(map[string]any)
	if due["responseDays"].(float64) != 60 || len(due["extensions"].([]any)) != 2 {
		t.Errorf("after approval = %v", due)
	}
	do(I, `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_NON_MONETARY_RELIEF,
		explanation: "已停止催收，解除与该催收公司的合作，并提供分期方案。",
		relief: {collectionStopped: true, agencyContractEnded: true, repaymentPlan: {instalments: 12, instalmentAmount: "1066.71"}}}) { id } }`, nil)
	// Forwarded to both: the complaint waits for the agency's own answer before feedback.
	if s := status(); s != "FORWARDED" {
		t.Fatalf("after the lender's answer the complaint is %s, want FORWARDED until the agency answers", s)
	}
	if _, err := env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: "flow-agency@redline.demo",
		Password: app.DemoPassword, DisplayName: "催收机构客服", Role: domain.RoleInstitutionAgent, InstitutionID: p.agencyID}); err != nil {
		t.Fatal(err)
	}
	A := env.Login(t, "flow-agency@redline.demo", app.DemoPassword)
	do(A, `mutation($id: ID!) { respondToComplaint(id: $id, input: {category: CLOSED_WITH_EXPLANATION,
		explanation: "已核查外包催收录音，涉事催收员已停岗。"}) { id } }`, nil)
	do(C, `mutation($id: ID!) { submitFeedback(id: $id, decision: DISPUTE, satisfaction: 2, comment: "仍有电话") { id } }`, nil)
	do(S, `mutation($id: ID!) { investigateComplaint(id: $id) { id } }`, nil)
	do(S, `mutation($id: ID!) { escalateComplaint(id: $id, reason: "多次违规") { id } }`, nil)
	do(S, `mutation($id: ID!) { closeComplaint(id: $id, reason: "机构已整改") { id } }`, nil)
	do(C, `mutation($id: ID!) { reopenComplaint(id: $id, reason: "又接到催收电话") { id } }`, nil)
	if s := status(); s != "IN_TRIAGE" {
		t.Errorf("after reopening: %s", s)
	}
	final := do(C, `query($id: ID!) { complaint(id: $id) { responses { relief { repaymentPlan { instalmentAmount } } } feedback { decision satisfaction } history { action } } }`, nil)["complaint"].(map[string]any)
	plan := final["responses"].([]any)[0].(map[string]any)["relief"].(map[string]any)["repaymentPlan"].(map[string]any)
	if plan["instalmentAmount"] != "1066.71" || final["feedback"].(map[string]any)["satisfaction"].(float64) != 2 {
		t.Errorf("final = %v", final)
	}
	var actions []any
	for _, h := range final["history"].([]any) {
		actions = append(actions, h.(map[string]any)["action"])
	}
	want := "[FILED ROUTED CLAIMED CLASSIFIED INFORMATION_REQUESTED INFORMATION_PROVIDED FORWARDED EXTENSION_REQUESTED EXTENSION_REQUESTED EXTENSION_DECIDED RESPONDED RESPONDED DISPUTED INVESTIGATION_OPENED ESCALATED CLOSED REOPENED]"
	if fmt.Sprint(actions) != want {
		t.Errorf("complainant's history:\n got %v\nwant %s", actions, want)
	}

	// A duplicate is merged into it.
	dup := newComplaint(t, env, p, nil)
	merged := env.MustDo(t, R, `mutation($d: ID!, $p: ID!) { linkComplaints(duplicateId: $d, primaryId: $p, closeAsMerged: true) { status mergedInto links { primaryId merged } } }`,
		map[string]any{"d": dup.ID, "p": id})["linkComplaints"].(map[string]any)
	if merged["status"] != "CLOSED" || merged["mergedInto"] != id || len(merged["links"].([]any)) != 1 {
		t.Errorf("merged = %v", merged)
	}
	// Withdrawing ends it.
	if s := do(C, `mutation($id: ID!) { withdrawComplaint(id: $id, reason: "已协商解决") { status } }`, nil)["withdrawComplaint"].(map[string]any)["status"]; s != "WITHDRAWN" {
		t.Errorf("withdrawn: %v", s)
	}
}

// TestComplaintListFiltersOrdersAndSearch checks the queue: Chinese text search of one, two and
// more characters, filters, the orders and their stable cursors, and totalCount.
func TestComplaintListFiltersOrdersAndSearch(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	S := p.tokens[domain.RoleSupervisor]
	now := time.Now().UTC()
	mk := func(narrative string, prio domain.Priority, due time.Time, created time.Duration) *domain.Complaint {
		cp := newComplaint(t, env, p, func(c *domain.Complaint) {
			c.Narrative, c.Priority = narrative, prio
			if !due.IsZero() {
				c.Status, c.Recipients, c.ForwardedAt, c.DueAt = domain.StatusForwarded, []int64{p.lenderID}, due.AddDate(0, 0, -15), due
			}
		})
		// The store never changes a filing time; the fixture backdates it directly.
		if err := env.App.DB.Gorm.Exec("UPDATE complaints SET created_at = ? WHERE id = ?", now.Add(-created), cp.ID).Error; err != nil {
			t.Fatal(err)
		}
		return cp
	}
	a := mk("暴力催收，半夜打电话威胁我的家人。", domain.PriorityUrgent, time.Time{}, 5*time.Hour)
	b := mk("他们一直在催我还款，态度恶劣。", domain.PriorityNormal, now.Add(-24*time.Hour), 4*time.Hour) // overdue
	c := mk("The collector called my boss three times today.", domain.PriorityHigh, now.Add(72*time.Hour), 3*time.Hour)
	d := mk("催收员冒充法院工作人员。", domain.PriorityNormal, now.Add(24*time.Hour), 2*time.Hour)
	e := mk("短信轰炸，每天几十条。", domain.PriorityHigh, time.Time{}, time.Hour)

	list := func(args string, vars map[string]any) ([]string, float64, string) {
		t.Helper()
		q := fmt.Sprintf(`query($f: ComplaintFilter, $after: String, $first: Int) { complaints(filter: $f, after: $after, first: $first%s) {
			totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, args)
		conn := env.MustDo(t, S, q, vars)["complaints"].(map[string]any)
		var ids []string
		for _, e := range conn["edges"].([]any) {
			ids = append(ids, e.(map[string]any)["node"].(map[string]any)["id"].(string))
		}
		end, _ := conn["pageInfo"].(map[string]any)["endCursor"].(string)
		return ids, conn["totalCount"].(float64), end
	}
	name := map[string]string{a.ID: "a", b.ID: "b", c.ID: "c", d.ID: "d", e.ID: "e"}
	names := func(ids []string) string {
		s := ""
		for _, id := range ids {
			s += name[id]
		}
		return s
	}
	for _, tc := range []struct {
		text, want string
	}{
		{"催收", "da"},       // two characters: no trigram, found by scanning
		{"催", "dba"},       // one character
		{"冒充法院", "d"},      // four characters: trigram index
		{"BOSS", "c"},      // case-insensitive
		{"招行信用卡", "edcba"}, // the lender's name
		{"100%", ""},       // LIKE wildcards are literal
	} {
		ids, total, _ := list("", map[string]any{"f": map[string]any{"text": tc.text}})
		if names(ids) != tc.want || int(total) != len(tc.want) {
			t.Errorf("text %q: got %s (total %v), want %s", tc.text, names(ids), total, tc.want)
		}
	}
	if ids, total, _ := list("", map[string]any{"f": map[string]any{"overdue": true}}); names(ids) != "b" || total != 1 {
		t.Errorf("overdue: %s", names(ids))
	}
	if ids, _, _ := list("", map[string]any{"f": map[string]any{"status": []any{"FORWARDED"}, "institutionId": fmt.Sprint(p.lenderID)}}); names(ids) != "dcb" {
		t.Errorf("forwarded to the lender: %s", names(ids))
	}
	for order, want := range map[string]string{"NEWEST": "edcba", "OLDEST": "abcde", "PRIORITY": "aceb" + "d", "DUE_DATE": "bdcae"} {
		// Page through two at a time: the pages join up to the whole order.
		var got []string
		after := ""
		for page := 0; page < 5; page++ {
			vars := map[string]any{"first": 2}
			if after != "" {
				vars["after"] = after
			}
			ids, total, end := list(", orderBy: "+order, vars)
			if total != 5 {
				t.Errorf("%s: totalCount %v", order, total)
			}
			got = append(got, ids...)
			if len(ids) < 2 || end == "" {
				break
			}
			after = end
		}
		if names(got) != want {
			t.Errorf("order %s: %s, want %s", order, names(got), want)
		}
	}
	// A cursor of one order is refused by another.
	_, _, end := list(", orderBy: PRIORITY", map[string]any{"first": 1})
	r := env.Do(t, S, `query($a: String) { complaints(after: $a, orderBy: DUE_DATE) { totalCount } }`, map[string]any{"a": end})
	if r.Code() != "BAD_USER_INPUT" || r.Field() != "after" {
		t.Errorf("cursor of another order: %q %q", r.Code(), r.Field())
	}
}
