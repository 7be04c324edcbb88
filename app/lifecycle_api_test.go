package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

func selfFiling() map[string]any {
	return map[string]any{
		"relation": "SELF", "lenderName": "招行信用卡", "product": "CREDIT_CARD", "province": "310000", "city": "310100",
		"debtor":         map[string]any{"name": "王小明", "mobile": "13812345678", "idNumber": "11010519491231002X"},
		"contractNumber": "HT-2025-0001", "amountOwed": "12800.50", "daysOverdue": 45,
		"narrative": "催收员每天打二十多个电话，还给我父母和单位领导打电话。",
		"incidents": []any{
			map[string]any{"occurredAt": "2026-01-05T23:10:00+08:00", "channel": "PHONE_CALL", "from": "17012345678", "count": 12},
			map[string]any{"occurredAt": "2026-01-06T09:00:00+08:00", "channel": "SMS", "from": "10690000", "count": 3, "description": "称已起诉"},
			map[string]any{"occurredAt": "2026-01-07T10:00:00+08:00", "channel": "THIRD_PARTY_CONTACT", "from": "父亲", "count": 1},
		},
		"violations":     []any{"EXCESSIVE_CONTACT", "THIRD_PARTY_CONTACT"},
		"outcomesWanted": []any{"STOP_HARASSMENT", "REPAYMENT_PLAN"},
	}
}

// with returns a copy of the filing with path (dotted, list indices as numbers) set to v.
func with(base map[string]any, path string, v any) map[string]any {
	cp := deepCopy(base).(map[string]any)
	parts := strings.Split(path, ".")
	var cur any = cp
	for i, k := range parts {
		last := i == len(parts)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[k] = v
			} else {
				cur = c[k]
			}
		case []any:
			var n int
			fmt.Sscan(k, &n)
			if last {
				c[n] = v
			} else {
				cur = c[n]
			}
		}
	}
	return cp
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, x := range v {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, x := range v {
			l[i] = deepCopy(x)
		}
		return l
	}
	return v
}

// TestBadInputThroughGraphQL sends bad input of every kind and checks the exact code and field,
// and that nothing at all was written.
func TestBadInputThroughGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	var offset atomic.Int64 // the service's clock, moved forward for the window cases
	env.App.Complaints.Now = func() time.Time { return time.Now().UTC().Add(time.Duration(offset.Load())) }

	triage := newComplaint(t, env, p, nil)
	typed := newComplaint(t, env, p, func(c *domain.Complaint) { c.LenderID, c.AgencyID = 0, 0 })
	now := time.Now().UTC()
	forwarded := newComplaint(t, env, p, func(c *domain.Complaint) {
		c.Status, c.Recipients, c.ForwardedAt, c.ResponseDays, c.DueAt = domain.StatusForwarded, []int64{p.lenderID}, now, 15, now.AddDate(0, 0, 15)
	})
	responded := newComplaint(t, env, p, func(c *domain.Complaint) {
		c.Status, c.Recipients, c.RespondedAt = domain.StatusResponded, []int64{p.lenderID}, now
	})
	closed := newComplaint(t, env, p, func(c *domain.Complaint) { c.Status, c.ClosedAt = domain.StatusClosed, now })

	const file = `mutation($i: FileComplaintInput!, $k: String) { fileComplaint(input: $i, idempotencyKey: $k) { id } }`
	fileWith := func(path string, v any) map[string]any { return map[string]any{"i": with(selfFiling(), path, v)} }
	thirdParty := with(selfFiling(), "relation", "PARENT")
	delete(thirdParty, "debtor")
	manyIncidents := make([]any, 101)
	for i := range manyIncidents {
		manyIncidents[i] = map[string]any{"occurredAt": "2026-01-05T23:10:00+08:00", "channel": "PHONE_CALL", "count": 1}
	}
	noLender := selfFiling()
	delete(noLender, "lenderName")
	bad := func(first17 string) string { // valid check character turned wrong
		id := validIDNumber(first17)
		if id[17] == '1' {
			return id[:17] + "2"
		}
		return id[:17] + "1"
	}
	const (
		feedback = `mutation($id: ID!, $d: FeedbackDecision!, $s: Int!) { submitFeedback(id: $id, decision: $d, satisfaction: $s) { id } }`
		forward  = `mutation($id: ID!, $t: ForwardTarget!, $l: ID, $a: ID) { forwardComplaint(id: $id, target: $t, lenderId: $l, agencyId: $a) { id } }`
		respond  = `mutation($id: ID!, $i: ResponseInput!) { respondToComplaint(id: $id, input: $i) { id } }`
		extend   = `mutation($id: ID!, $d: Int!) { requestExtension(id: $id, days: $d, reason: "需要调取录音") { id } }`
		classify = `mutation($id: ID!, $c: [ViolationType!], $a: [ViolationType!]) { classifyComplaint(id: $id, confirm: $c, add: $a) { id } }`
	)
	resp := func(m map[string]any) map[string]any {
		in := map[string]any{"category": "CLOSED_WITH_NON_MONETARY_RELIEF", "explanation": "已停止催收并向客户致歉。", "relief": map[string]any{"collectionStopped": true}}
		for k, v := range m {
			in[k] = v
		}
		return in
	}
	type badCase struct {
		name      string
		role      domain.Role
		query     string
		vars      map[string]any
		code      string
		field     string
		clockDays int
	}
	C, R, S, I := domain.RoleComplainant, domain.RoleReviewer, domain.RoleSupervisor, domain.RoleInstitutionAgent
	cases := []badCase{
		{"UnknownRelation", C, file, fileWith("relation", "COUSIN"), "BAD_USER_INPUT", "input.relation", 0},
		{"UnknownProduct", C, file, fileWith("product", "PAYDAY"), "BAD_USER_INPUT", "input.product", 0},
		{"UnknownProvince", C, file, fileWith("province", "999999"), "BAD_USER_INPUT", "input.province", 0},
		{"CityOutsideProvince", C, file, fileWith("city", "440300"), "BAD_USER_INPUT", "input.city", 0},
		{"NarrativeTooShort", C, file, fileWith("narrative", "太烦了"), "BAD_USER_INPUT", "input.narrative", 0},
		{"NarrativeOversized", C, file, fileWith("narrative", strings.Repeat("催", domain.MaxNarrativeRunes+1)), "BAD_USER_INPUT", "input.narrative", 0},
		{"UnknownViolation", C, file, fileWith("violations", []any{"THREAT", "RUDENESS"}), "BAD_USER_INPUT", "input.violations.1", 0},
		{"ViolationTwice", C, file, fileWith("violations", []any{"THREAT", "THREAT"}), "BAD_USER_INPUT", "input.violations.1", 0},
		{"SelfWithoutDebtorName", C, file, fileWith("debtor.name", ""), "BAD_USER_INPUT", "input.debtor.name", 0},
		{"SelfWithoutMobile", C, file, fileWith("debtor.mobile", ""), "BAD_USER_INPUT", "input.debtor.mobile", 0},
		{"MobileStarts12", C, file, fileWith("debtor.mobile", "12812345678"), "BAD_USER_INPUT", "input.debtor.mobile", 0},
		{"MobileTooShort", C, file, fileWith("debtor.mobile", "1381234567"), "BAD_USER_INPUT", "input.debtor.mobile", 0},
		{"SelfWithoutIDNumber", C, file, fileWith("debtor.idNumber", ""), "BAD_USER_INPUT", "input.debtor.idNumber", 0},
		{"IDNumberBadChecksum", C, file, fileWith("debtor.idNumber", bad("44030419900101123")), "BAD_USER_INPUT", "input.debtor.idNumber", 0},
		{"IDNumberBadBirthDate", C, file, fileWith("debtor.idNumber", validIDNumber("44030419901301123")), "BAD_USER_INPUT", "input.debtor.idNumber", 0},
		{"IDNumberBornInFuture", C, file, fileWith("debtor.idNumber", validIDNumber("44030421000101123")), "BAD_USER_INPUT", "input.debtor.idNumber", 0},
		{"IDNumber17Chars", C, file, fileWith("debtor.idNumber", "44030419900101123"), "BAD_USER_INPUT", "input.debtor.idNumber", 0},
		{"ThirdPartyBadMobile", C, file, map[string]any{"i": with(thirdParty, "debtor", map[string]any{"mobile": "02112345678"})}, "BAD_USER_INPUT", "input.debtor.mobile", 0},
		{"NegativeAmount", C, file, fileWith("amountOwed", "-100.00"), "BAD_USER_INPUT", "input.amountOwed", 0},
		{"AmountThreeDecimals", C, file, fileWith("amountOwed", "100.005"), "BAD_USER_INPUT", "input.amountOwed", 0},
		{"AmountNotANumber", C, file, fileWith("amountOwed", "一万"), "BAD_USER_INPUT", "input.amountOwed", 0},
		{"AmountTooLarge", C, file, fileWith("amountOwed", "1234567890123"), "BAD_USER_INPUT", "input.amountOwed", 0},
		{"DaysOverdueTooMany", C, file, fileWith("daysOverdue", 36501), "BAD_USER_INPUT", "input.daysOverdue", 0},
		{"DaysOverdueNegative", C, file, fileWith("daysOverdue", -1), "BAD_USER_INPUT", "input.daysOverdue", 0},
		{"IncidentInFuture", C, file, fileWith("incidents.2.occurredAt", time.Now().Add(48*time.Hour).Format(time.RFC3339)), "BAD_USER_INPUT", "input.incidents.2.occurredAt", 0},
		{"IncidentBefore2000", C, file, fileWith("incidents.0.occurredAt", "1999-12-31T23:00:00+08:00"), "BAD_USER_INPUT", "input.incidents.0.occurredAt", 0},
		{"IncidentTimeNotRFC3339", C, file, fileWith("incidents.1.occurredAt", "2026年1月5日"), "BAD_USER_INPUT", "input.incidents.1.occurredAt", 0},
		{"IncidentUnknownChannel", C, file, fileWith("incidents.1.channel", "FAX"), "BAD_USER_INPUT", "input.incidents.1.channel", 0},
		{"IncidentCountZero", C, file, fileWith("incidents.0.count", 0), "BAD_USER_INPUT", "input.incidents.0.count", 0},
		{"IncidentCountTooMany", C, file, fileWith("incidents.2.count", 10001), "BAD_USER_INPUT", "input.incidents.2.count", 0},
		{"IncidentDescriptionTooLong", C, file, fileWith("incidents.1.description", strings.Repeat("话", 2001)), "BAD_USER_INPUT", "input.incidents.1.description", 0},
		{"TooManyIncidents", C, file, fileWith("incidents", manyIncidents), "BAD_USER_INPUT", "input.incidents", 0},
		{"UnknownOutcome", C, file, fileWith("outcomesWanted", []any{"REVENGE"}), "BAD_USER_INPUT", "input.outcomesWanted.0", 0},
		{"OutcomeTwice", C, file, fileWith("outcomesWanted", []any{"APOLOGY", "APOLOGY"}), "BAD_USER_INPUT", "input.outcomesWanted.1", 0},
		{"LenderIDNoSuchInstitution", C, file, fileWith("lenderId", "999999"), "BAD_USER_INPUT", "input.lenderId", 0},
		{"LenderIDIsAnAgency", C, file, fileWith("lenderId", fmt.Sprint(p.agencyID)), "BAD_USER_INPUT", "input.lenderId", 0},
		{"AgencyIDIsALender", C, file, fileWith("agencyId", fmt.Sprint(p.lenderID)), "BAD_USER_INPUT", "input.agencyId", 0},
		{"NoLenderAtAll", C, file, map[string]any{"i": noLender}, "BAD_USER_INPUT", "input.lenderName", 0},
		{"ContractNumberTooLong", C, file, fileWith("contractNumber", strings.Repeat("9", 65)), "BAD_USER_INPUT", "input.contractNumber", 0},
		{"IdempotencyKeyTooLong", C, file, map[string]any{"i": selfFiling(), "k": strings.Repeat("k", 101)}, "BAD_USER_INPUT", "idempotencyKey", 0},

		{"ForwardToNonInstitution", R, forward, map[string]any{"id": triage.ID, "t": "LENDER", "l": "999999"}, "BAD_USER_INPUT", "lenderId", 0},
		{"ForwardToAgencyAsLender", R, forward, map[string]any{"id": triage.ID, "t": "LENDER", "l": fmt.Sprint(p.agencyID)}, "BAD_USER_INPUT", "lenderId", 0},
		{"ForwardUnknownTarget", R, forward, map[string]any{"id": triage.ID, "t": "POLICE"}, "BAD_USER_INPUT", "target", 0},
		{"ForwardTypedLenderOnly", R, forward, map[string]any{"id": typed.ID, "t": "LENDER"}, "BAD_USER_INPUT", "lenderId", 0},
		{"ForwardBothWithoutAgency", R, forward, map[string]any{"id": typed.ID, "t": "BOTH", "l": fmt.Sprint(p.lenderID)}, "BAD_USER_INPUT", "agencyId", 0},
		{"RejectUnknownReason", R, `mutation($id: ID!) { rejectComplaint(id: $id, reasonCode: BORING) { id } }`, map[string]any{"id": triage.ID}, "GRAPHQL_VALIDATION_FAILED", "", 0},
		{"ReferUnknownBody", R, `mutation($id: ID!, $to: ReferralBody!) { referComplaint(id: $id, to: $to) { id } }`, map[string]any{"id": triage.ID, "to": "MEDIA"}, "BAD_USER_INPUT", "to", 0},
		{"RequestInformationEmpty", R, `mutation($id: ID!) { requestInformation(id: $id, question: "  ") { id } }`, map[string]any{"id": triage.ID}, "BAD_USER_INPUT", "question", 0},
		{"EscalateWithoutReason", S, `mutation($id: ID!) { escalateComplaint(id: $id, reason: "") { id } }`, map[string]any{"id": triage.ID}, "BAD_USER_INPUT", "reason", 0},
		{"CloseFromTriageWrongState", R, `mutation($id: ID!) { closeComplaint(id: $id, reason: "完毕") { id } }`, map[string]any{"id": triage.ID}, "BAD_USER_INPUT", "status", 0},
		{"RespondBeforeForwardWrongScope", I, respond, map[string]any{"id": triage.ID, "i": resp(nil)}, "NOT_FOUND", "id", 0}, // out of scope reads as unknown, and names its argument as an unknown id does (session 35)
		{"ClassifyConfirmUnclaimed", R, classify, map[string]any{"id": triage.ID, "c": []any{"UNLAWFUL_FEES"}}, "BAD_USER_INPUT", "confirm.0", 0},
		{"ClassifyUnknownType", R, classify, map[string]any{"id": triage.ID, "a": []any{"RUDENESS"}}, "BAD_USER_INPUT", "add.0", 0},
		{"ClassifyNothing", R, classify, map[string]any{"id": triage.ID}, "BAD_USER_INPUT", "confirm", 0},
		{"AssignToComplainant", S, `mutation($ids: [ID!]!, $a: ID!) { assignComplaint(ids: $ids, assigneeId: $a) { id } }`,
			map[string]any{"ids": []any{triage.ID}, "a": fmt.Sprint(p.actors[C].UserID)}, "BAD_USER_INPUT", "assigneeId", 0},
		{"AddNoteEmpty", R, `mutation($id: ID!) { addNote(id: $id, text: "") { id } }`, map[string]any{"id": triage.ID}, "BAD_USER_INPUT", "text", 0},
		{"LinkToItself", R, `mutation($id: ID!) { linkComplaints(duplicateId: $id, primaryId: $id) { id } }`, map[string]any{"id": triage.ID}, "BAD_USER_INPUT", "primaryId", 0},
		{"StaleExpectedVersion", R, `mutation($id: ID!) { claimComplaint(id: $id, expectedVersion: 1) { id } }`, map[string]any{"id": triage.ID}, "CONFLICT", "", 0},

		{"SatisfactionSix", C, feedback, map[string]any{"id": responded.ID, "d": "ACCEPT", "s": 6}, "BAD_USER_INPUT", "satisfaction", 0},
		{"SatisfactionZero", C, feedback, map[string]any{"id": responded.ID, "d": "DISPUTE", "s": 0}, "BAD_USER_INPUT", "satisfaction", 0},
		{"FeedbackUnknownDecision", C, feedback, map[string]any{"id": responded.ID, "d": "MAYBE", "s": 3}, "BAD_USER_INPUT", "decision", 0},
		{"FeedbackAfterWindow", C, feedback, map[string]any{"id": responded.ID, "d": "ACCEPT", "s": 3}, "BAD_USER_INPUT", "status", 61},
		{"FeedbackOnForwardedWrongState", C, feedback, map[string]any{"id": forwarded.ID, "d": "ACCEPT", "s": 3}, "BAD_USER_INPUT", "status", 0},
		{"ReopenAfterWindow", C, `mutation($id: ID!) { reopenComplaint(id: $id, reason: "又开始催收") { id } }`, map[string]any{"id": closed.ID}, "BAD_USER_INPUT", "status", 91},
		{"ReopenWithoutReason", C, `mutation($id: ID!) { reopenComplaint(id: $id, reason: " ") { id } }`, map[string]any{"id": closed.ID}, "BAD_USER_INPUT", "reason", 0},

		{"RespondUnknownCategory", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"category": "IGNORED"})}, "BAD_USER_INPUT", "input.category", 0},
		{"RespondShortExplanation", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"explanation": "已处理"})}, "BAD_USER_INPUT", "input.explanation", 0},
		{"RespondNegativeWaiver", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"category": "CLOSED_WITH_MONETARY_RELIEF", "relief": map[string]any{"feeWaiverAmount": "-5"}})}, "BAD_USER_INPUT", "input.relief.feeWaiverAmount", 0},
		{"RespondMonetaryWithoutAmount", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"category": "CLOSED_WITH_MONETARY_RELIEF", "relief": map[string]any{}})}, "BAD_USER_INPUT", "input.relief.feeWaiverAmount", 0},
		{"RespondNonMonetaryWithoutRelief", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"relief": map[string]any{}})}, "BAD_USER_INPUT", "input.relief", 0},
		{"RespondZeroInstalments", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"relief": map[string]any{"repaymentPlan": map[string]any{"instalments": 0, "instalmentAmount": "500"}}})}, "BAD_USER_INPUT", "input.relief.repaymentPlan.instalments", 0},
		{"RespondInstalmentAmountThreeDecimals", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"relief": map[string]any{"repaymentPlan": map[string]any{"instalments": 12, "instalmentAmount": "500.001"}}})}, "BAD_USER_INPUT", "input.relief.repaymentPlan.instalmentAmount", 0},
		{"RespondPlanFirstDueNotADate", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"relief": map[string]any{"repaymentPlan": map[string]any{"instalments": 12, "instalmentAmount": "500", "firstDueOn": "2026-13-01"}}})}, "BAD_USER_INPUT", "input.relief.repaymentPlan.firstDueOn", 0},
		{"RespondPlanDeferredTooFar", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"relief": map[string]any{"repaymentPlan": map[string]any{"instalments": 12, "instalmentAmount": "500", "deferredUntil": "2099-01-01"}}})}, "BAD_USER_INPUT", "input.relief.repaymentPlan.deferredUntil", 0},
		{"RespondPlanNegativePenaltyWaived", I, respond, map[string]any{"id": forwarded.ID, "i": resp(map[string]any{"relief": map[string]any{"repaymentPlan": map[string]any{"instalments": 12, "instalmentAmount": "500", "penaltyInterestWaived": "-1.00"}}})}, "BAD_USER_INPUT", "input.relief.repaymentPlan.penaltyInterestWaived", 0},
		{"ExtensionFortyFiveDays", I, extend, map[string]any{"id": forwarded.ID, "d": 45}, "BAD_USER_INPUT", "days", 0},
		{"ExtensionSixtyBeforeThirty", I, extend, map[string]any{"id": forwarded.ID, "d": 60}, "BAD_USER_INPUT", "days", 0},
		{"DecideExtensionNonePending", S, `mutation($id: ID!) { decideExtension(id: $id, approve: true) { id } }`, map[string]any{"id": forwarded.ID}, "BAD_USER_INPUT", "id", 0},
		{"DecideExtensionAsReviewer", R, `mutation($id: ID!) { decideExtension(id: $id, approve: true) { id } }`, map[string]any{"id": forwarded.ID}, "FORBIDDEN", "", 0},
	}
	if len(cases) < 40 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			offset.Store(int64(time.Duration(tc.clockDays) * 24 * time.Hour))
			defer offset.Store(0)
			before := countRows(t, env)
			r := env.Do(t, p.tokens[tc.role], tc.query, tc.vars)
			if r.Code() != tc.code || r.Field() != tc.field {
				t.Errorf("got code %q field %q, want %q %q: %+v", r.Code(), r.Field(), tc.code, tc.field, r.Errors)
			}
			if tc.code == "BAD_USER_INPUT" && tc.field != "" && len(r.Errors) > 0 && r.Errors[0].Extensions["messageZh"] == nil && !strings.HasPrefix(r.Errors[0].Message, "Variable") {
				t.Errorf("no Chinese reason: %+v", r.Errors[0])
			}
			if after := countRows(t, env); after != before {
				t.Errorf("rows written: %+v -> %+v", before, after)
			}
		})
	}
}

// TestConcurrentIdempotentFiling retries one filing 20 times at once with the same key: exactly
// one complaint exists afterwards and every retry gets it.
func TestConcurrentIdempotentFiling(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	tok := env.Register(t, "retry@example.cn")
	var wg sync.WaitGroup
	ids := make([]string, 20)
	errs := make([]string, 20)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := env.Do(t, tok, fileQuery, map[string]any{"i": selfFiling(), "k": "same-key-from-a-flaky-phone"})
			if len(r.Errors) > 0 {
				errs[i] = fmt.Sprint(r.Errors)
				return
			}
			ids[i] = r.Data["fileComplaint"].(map[string]any)["id"].(string)
		}()
	}
	wg.Wait()
	for i := range ids {
		if errs[i] != "" || ids[i] != ids[0] {
			t.Errorf("retry %d: id %q error %s, want %q", i, ids[i], errs[i], ids[0])
		}
	}
	var n int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM complaints WHERE idempotency_key = 'same-key-from-a-flaky-phone'").Scan(&n)
	var events int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM complaint_events WHERE complaint_id = ?", ids[0]).Scan(&events)
	if n != 1 || events != 1 {
		t.Errorf("%d complaints and %d events, want 1 and 1", n, events)
	}
}

// TestTwoReviewersClaimAtOnce has two reviewers of the same team claim the same complaints at the
// same moment: each time exactly one wins and the other gets CONFLICT.
func TestTwoReviewersClaimAtOnce(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	second, err := env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: "reviewer2@redline.demo",
		Password: "redline-demo-2026", DisplayName: "第二审核", Role: domain.RoleReviewer, Teams: []string{"east"}})
	if err != nil {
		t.Fatal(err)
	}
	tokens := []string{p.tokens[domain.RoleReviewer], env.Login(t, second.Email, "redline-demo-2026")}
	users := []string{fmt.Sprint(p.actors[domain.RoleReviewer].UserID), fmt.Sprint(second.ID)}
	for round := 0; round < 10; round++ {
		c := newComplaint(t, env, p, nil)
		var wg sync.WaitGroup
		res := make([]*apptest.Response, 2)
		start := make(chan struct{})
		for i := range tokens {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				res[i] = env.Do(t, tokens[i], `mutation($id: ID!) { claimComplaint(id: $id) { assigneeId } }`, map[string]any{"id": c.ID})
			}()
		}
		close(start)
		wg.Wait()
		wins, conflicts, winner := 0, 0, ""
		for i, r := range res {
			switch {
			case len(r.Errors) == 0:
				wins++
				winner = users[i]
				if got := r.Data["claimComplaint"].(map[string]any)["assigneeId"]; got != winner {
					t.Errorf("round %d: winner sees assignee %v, want %v", round, got, winner)
				}
			case r.Code() == "CONFLICT":
				conflicts++
			default:
				t.Errorf("round %d: unexpected %+v", round, r.Errors)
			}
		}
		if wins != 1 || conflicts != 1 {
			t.Fatalf("round %d: %d wins and %d conflicts, want 1 and 1", round, wins, conflicts)
		}
		after, _ := env.App.Complaints.Store.FindComplaint(context.Background(), c.ID)
		if fmt.Sprint(after.AssigneeID) != winner {
			t.Errorf("round %d: stored assignee %d, want the winner %s", round, after.AssigneeID, winner)
		}
	}
}

// TestHistoryIsAppendOnly tries to change and remove history with direct SQL through the
// application's own database connection.
func TestHistoryIsAppendOnly(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	c := newComplaint(t, env, p, nil)
	var before int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM complaint_events WHERE complaint_id = ?", c.ID).Scan(&before)
	for _, stmt := range []string{
		"UPDATE complaint_events SET reason = 'rewritten' WHERE complaint_id = $1",
		"UPDATE complaint_events SET actor_role = 'admin'",
		"DELETE FROM complaint_events WHERE complaint_id = $1",
		"DELETE FROM complaint_events",
		"TRUNCATE complaint_events CASCADE",
	} {
		args := []any{}
		if strings.Contains(stmt, "$1") {
			args = append(args, c.ID)
		}
		if _, err := env.App.DB.SQL.Exec(stmt, args...); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", stmt, err)
		}
	}
	var after int64
	var rewritten int64
	env.App.DB.Gorm.Raw("SELECT count(*) FROM complaint_events WHERE complaint_id = ?", c.ID).Scan(&after)
	env.App.DB.Gorm.Raw("SELECT count(*) FROM complaint_events WHERE reason = 'rewritten'").Scan(&rewritten)
	if after != before || after == 0 || rewritten != 0 {
		t.Errorf("history changed: %d -> %d events, %d rewritten", before, after, rewritten)
	}
}
