package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/postgres/pgtest"
	"github.com/redline-regulator/redline/workers"
)

const routedQuery = `query($id: ID!) { complaint(id: $id) {
  id status version priority team assigneeId lenderId routingVersion confirmedViolations
  assessment { packId packRevision packVersion severity suggestedReferral urgency { factor }
    violations { type confidence evidence { source phrase start end rule law } legalReferences { law article } }
    dismissed { type reason evidence { phrase rule } } }
  history { action fromStatus toStatus actorRole reason details } } }`

// routingEnv is a running platform with the people the routing tests act as.
type routingEnv struct {
	env                          *apptest.Env
	p                            *people
	complainant, admin, reviewer string
	supervisor                   string
}

// file files a complaint as the test's complainant and waits for the worker to route it; it
// returns the complaint as the supervisor (who sees every team's queue) sees it.
func (r *routingEnv) file(t *testing.T, province, product, lender, narrative string) map[string]any {
	t.Helper()
	in := map[string]any{"relation": "PARENT", "lenderName": lender, "product": product, "province": province, "narrative": narrative}
	id := r.env.MustDo(t, r.complainant, fileQuery, map[string]any{"i": in})["fileComplaint"].(map[string]any)["id"].(string)
	apptest.Eventually(t, apptest.Patience, "the complaint to be routed", func() bool {
		c := r.env.MustDo(t, r.complainant, `query($id: ID!){ complaint(id: $id){ status } }`, map[string]any{"id": id})["complaint"].(map[string]any)
		return c["status"] == "IN_TRIAGE"
	})
	return r.env.MustDo(t, r.supervisor, routedQuery, map[string]any{"id": id})["complaint"].(map[string]any)
}

// event is a history entry with its details decoded.
type event struct {
	fields  map[string]any
	details map[string]any
}

func lastEvent(t *testing.T, c map[string]any, action string) event {
	t.Helper()
	hist := c["history"].([]any)
	for i := len(hist) - 1; i >= 0; i-- {
		if e := hist[i].(map[string]any); e["action"] == action {
			var details map[string]any
			if s, _ := e["details"].(string); s != "" {
				if err := json.Unmarshal([]byte(s), &details); err != nil {
					t.Fatal(err)
				}
			}
			return event{fields: e, details: details}
		}
	}
	t.Fatalf("no %s event in %v", action, hist)
	return event{}
}

func findViolation(c map[string]any, typ string) map[string]any {
	a, _ := c["assessment"].(map[string]any)
	if a == nil {
		return nil
	}
	for _, v := range a["violations"].([]any) {
		if v.(map[string]any)["type"] == typ {
			return v.(map[string]any)
		}
	}
	return nil
}

func auditCount(t *testing.T, env *apptest.Env, action string) int64 {
	t.Helper()
	var n int64
	if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM audit_log WHERE action = ?", action).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRoutingThroughGraphQL files complaints over GraphQL and checks what complaint:route makes of
// them: the rule engine's assessment with the pack revision, urgency and the police referral, the
// matched institution, the routing table's most specific rule and its versions, least-loaded
// assignment, rerouting with history, and rule-pack edits as new revisions.
func TestRoutingThroughGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	p := demoPeople(t, env)
	env.Register(t, "routing-victim@example.cn")
	r := &routingEnv{env: env, p: p, complainant: env.Login(t, "routing-victim@example.cn", "correct-horse-42"),
		admin: p.tokens[domain.RoleAdmin], reviewer: p.tokens[domain.RoleReviewer], supervisor: p.tokens[domain.RoleSupervisor]}
	ctx := context.Background()

	t.Run("ChineseThreatIsUrgentWithPoliceReferral", func(t *testing.T) {
		narrative := "催收员在电话里说，再不还钱就弄死我儿子全家，还要去我家泼油漆。他倒是没有骂我。"
		c := r.file(t, "310000", "CONSUMER_LOAN", "安逸花", narrative)
		a := c["assessment"].(map[string]any)
		if c["priority"] != "URGENT" || a["severity"] != "URGENT" || a["suggestedReferral"] != "POLICE" {
			t.Errorf("priority %v, severity %v, referral %v; want URGENT, URGENT, POLICE", c["priority"], a["severity"], a["suggestedReferral"])
		}
		if a["packId"] != "CN" || a["packRevision"] != float64(1) || a["packVersion"] != "2024.1" {
			t.Errorf("pack %v revision %v version %v, want CN 1 2024.1", a["packId"], a["packRevision"], a["packVersion"])
		}
		if u := a["urgency"].([]any); len(u) == 0 || u[0].(map[string]any)["factor"] != "THREAT_OF_VIOLENCE" {
			t.Errorf("urgency = %v", u)
		}
		threat := findViolation(c, "THREAT")
		if threat == nil {
			t.Fatalf("no THREAT suggested: %v", a["violations"])
		}
		ev := threat["evidence"].([]any)[0].(map[string]any)
		start, end := int(ev["start"].(float64)), int(ev["end"].(float64))
		if ev["source"] != "narrative" || string([]rune(narrative)[start:end]) != ev["phrase"] {
			t.Errorf("evidence %v does not point at its phrase", ev)
		}
		if refs := threat["legalReferences"].([]any); len(refs) == 0 {
			t.Error("THREAT without legal references")
		}
		// evidence names its rule and law; the negated insult is kept as dismissed, with its reason
		if rule, _ := ev["rule"].(string); !strings.HasPrefix(rule, "THREAT.") || ev["law"] == nil {
			t.Errorf("evidence rule %v law %v, want a THREAT rule id and a law", ev["rule"], ev["law"])
		}
		dismissed, _ := a["dismissed"].([]any)
		if !slices.ContainsFunc(dismissed, func(d any) bool {
			m := d.(map[string]any)
			return m["type"] == "ABUSIVE_LANGUAGE" && m["reason"] == "negated by 没有" && m["evidence"].(map[string]any)["rule"] != nil
		}) {
			t.Errorf("dismissed = %v, want the negated ABUSIVE_LANGUAGE hit", dismissed)
		}
		// 安逸花 is the app brand of 马上消费金融.
		var mashang int64
		env.App.DB.Gorm.Raw("SELECT id FROM institutions WHERE name = '马上消费金融股份有限公司'").Scan(&mashang)
		if c["lenderId"] != strconv.FormatInt(mashang, 10) {
			t.Errorf("lenderId = %v, want %d (matched from the brand 安逸花)", c["lenderId"], mashang)
		}
		routed := lastEvent(t, c, "ROUTED")
		match, _ := routed.details["lenderMatch"].(map[string]any)
		if match["matchedOn"] != "安逸花" || routed.details["severity"] != "URGENT" || routed.details["routingVersion"] != float64(1) {
			t.Errorf("ROUTED details = %v", routed.details)
		}
		if c["team"] != "east" || c["routingVersion"] != float64(1) {
			t.Errorf("team %v routing version %v, want east 1", c["team"], c["routingVersion"])
		}
		// The complainant does not see the staff's assessment.
		own := env.MustDo(t, r.complainant, `query($id: ID!){ complaint(id: $id){ assessment { severity } routingVersion } }`, map[string]any{"id": c["id"]})
		if cc := own["complaint"].(map[string]any); cc["assessment"] != nil || cc["routingVersion"] != nil {
			t.Errorf("complainant sees %v", cc)
		}
		// A reviewer confirms the suggestion, which stays apart from it.
		d := env.MustDo(t, r.reviewer, `mutation($id: ID!){ classifyComplaint(id: $id, confirm: [THREAT]) { confirmedViolations claimedViolations } }`, map[string]any{"id": c["id"]})
		cl := d["classifyComplaint"].(map[string]any)
		if !slices.Equal(cl["confirmedViolations"].([]any), []any{"THREAT"}) || len(cl["claimedViolations"].([]any)) != 0 {
			t.Errorf("after confirming: %v", cl)
		}
	})

	t.Run("NegatedThreatIsNotUrgent", func(t *testing.T) {
		c := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", "催收员态度还可以，他们没有威胁我，只是希望协商分期还款。")
		if c["priority"] != "NORMAL" || findViolation(c, "THREAT") != nil {
			t.Errorf("priority %v, assessment %v; want NORMAL without THREAT", c["priority"], c["assessment"])
		}
	})

	t.Run("RoutingTableVersionAndSpecificity", func(t *testing.T) {
		const update = `mutation($in: RoutingTableInput!, $reason: String!, $v: Int) {
		  updateRoutingTable(input: $in, reason: $reason, expectedVersion: $v) { version reason createdById rules { province product violation team } teams { team assignLeastLoaded } } }`
		table := map[string]any{
			"rules": []any{
				map[string]any{"team": "national"},
				map[string]any{"province": "310000", "team": "east"},
				map[string]any{"province": "310000", "violation": "THREAT", "team": "north"},
				map[string]any{"product": "ONLINE_LOAN", "team": "west"},
			},
			"teams": []any{map[string]any{"team": "east", "assignLeastLoaded": true}},
		}
		vars := map[string]any{"in": table, "reason": "东部威胁案件交华北组试点", "v": 1}
		if res := env.Do(t, r.reviewer, update, vars); res.Code() != "FORBIDDEN" {
			t.Errorf("reviewer edits the routing table: %q, want FORBIDDEN", res.Code())
		}
		bad := map[string]any{"rules": []any{map[string]any{"province": "310000", "team": "east"}}}
		if res := env.Do(t, r.admin, update, map[string]any{"in": bad, "reason": "x"}); res.Code() != "BAD_USER_INPUT" || res.Field() != "input.rules" {
			t.Errorf("table without catch-all: %q on %q", res.Code(), res.Field())
		}
		unknown := map[string]any{"rules": []any{map[string]any{"team": "atlantis"}}}
		if res := env.Do(t, r.admin, update, map[string]any{"in": unknown, "reason": "x"}); res.Code() != "BAD_USER_INPUT" {
			t.Errorf("unknown team: %q", res.Code())
		}
		got := env.MustDo(t, r.admin, update, vars)["updateRoutingTable"].(map[string]any)
		if got["version"] != float64(2) || got["createdById"] != strconv.FormatInt(p.actors[domain.RoleAdmin].UserID, 10) {
			t.Fatalf("new version = %v", got)
		}
		if res := env.Do(t, r.admin, update, vars); res.Code() != "CONFLICT" {
			t.Errorf("stale expectedVersion: %q, want CONFLICT", res.Code())
		}
		if n := auditCount(t, env, "routing.update"); n != 1 {
			t.Errorf("audit log has %d routing.update entries, want 1", n)
		}
		versions := env.MustDo(t, r.supervisor, `{ routingTableVersions { version reason } routingTable { version } old: routingTable(version: 1) { version rules { team } } }`, nil)
		if vs := versions["routingTableVersions"].([]any); len(vs) != 2 || vs[0].(map[string]any)["version"] != float64(2) {
			t.Errorf("versions = %v", vs)
		}
		if versions["routingTable"].(map[string]any)["version"] != float64(2) || len(versions["old"].(map[string]any)["rules"].([]any)) < 30 {
			t.Errorf("current/old = %v / %v", versions["routingTable"], versions["old"])
		}

		threat := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", "催收员说要弄死我，我很害怕。")
		if threat["team"] != "north" || threat["routingVersion"] != float64(2) {
			t.Errorf("threat in Shanghai: team %v version %v, want north 2 (province and violation beat province)", threat["team"], threat["routingVersion"])
		}
		online := r.file(t, "310000", "ONLINE_LOAN", "分期乐", "希望和平台协商延期还款，催收电话太多了。")
		if online["team"] != "east" {
			t.Errorf("online loan in Shanghai: team %v, want east (equal specificity: the earlier rule)", online["team"])
		}
		south := r.file(t, "440000", "ONLINE_LOAN", "分期乐", "希望和平台协商延期还款，催收电话太多了。")
		if south["team"] != "west" {
			t.Errorf("online loan in Guangdong: team %v, want west", south["team"])
		}
		other := r.file(t, "440000", "CREDIT_CARD", "招行信用卡", "希望和银行协商延期还款，催收电话太多了。")
		if other["team"] != "national" {
			t.Errorf("credit card in Guangdong: team %v, want national (catch-all)", other["team"])
		}
	})

	t.Run("LeastLoadedReviewer", func(t *testing.T) {
		// The east team (assignLeastLoaded since version 2) has three reviewers: the demo reviewer
		// with two open complaints, a second with one, a third with none open but many closed.
		second := newReviewer(t, env, "reviewer2@redline.demo")
		third := newReviewer(t, env, "reviewer3@redline.demo")
		assign := func(user int64, status domain.Status, n int) {
			for range n {
				c := newComplaint(t, env, p, nil)
				drive(t, env, c.ID, func(c *domain.Complaint) { c.AssigneeID, c.Status = user, status })
			}
		}
		assign(p.actors[domain.RoleReviewer].UserID, domain.StatusInTriage, 2)
		assign(second, domain.StatusForwarded, 1)
		assign(third, domain.StatusClosed, 3)
		first := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", "希望和银行协商分期还款，催收电话太多了。")
		if first["assigneeId"] != strconv.FormatInt(third, 10) {
			t.Fatalf("assignee %v, want the reviewer with no open complaints (%d)", first["assigneeId"], third)
		}
		if d := lastEvent(t, first, "ROUTED").details; d["assigneeId"] != float64(third) {
			t.Errorf("ROUTED details = %v", d)
		}
		next := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", "希望和银行协商分期还款，催收电话太多了。")
		if next["assigneeId"] != strconv.FormatInt(second, 10) {
			t.Errorf("assignee %v, want %d (one open each: the lower id)", next["assigneeId"], second)
		}

		t.Run("RerouteHistory", func(t *testing.T) {
			const reroute = `mutation($id: ID!, $team: String!, $reason: String!, $v: Int) {
			  rerouteComplaint(id: $id, team: $team, reason: $reason, expectedVersion: $v) { team assigneeId version } }`
			id := next["id"]
			if res := env.Do(t, r.reviewer, reroute, map[string]any{"id": id, "team": "atlantis", "reason": "x"}); res.Code() != "BAD_USER_INPUT" || res.Field() != "team" {
				t.Errorf("unknown team: %q on %q", res.Code(), res.Field())
			}
			if res := env.Do(t, r.reviewer, reroute, map[string]any{"id": id, "team": "south", "reason": " "}); res.Code() != "BAD_USER_INPUT" || res.Field() != "reason" {
				t.Errorf("no reason: %q on %q", res.Code(), res.Field())
			}
			if res := env.Do(t, r.complainant, reroute, map[string]any{"id": id, "team": "south", "reason": "x"}); res.Code() != "FORBIDDEN" {
				t.Errorf("complainant reroutes: %q", res.Code())
			}
			got := env.MustDo(t, r.reviewer, reroute, map[string]any{"id": id, "team": "south", "reason": "债务人在广州，应由华南组处理", "v": next["version"]})["rerouteComplaint"].(map[string]any)
			if got["team"] != "south" || got["assigneeId"] != nil {
				t.Errorf("rerouted = %v", got)
			}
			c := env.MustDo(t, r.supervisor, routedQuery, map[string]any{"id": id})["complaint"].(map[string]any)
			ev := lastEvent(t, c, "REROUTED")
			if ev.fields["reason"] != "债务人在广州，应由华南组处理" || ev.details["team"] != "south" || ev.details["previousTeam"] != "east" ||
				ev.details["previousAssigneeId"] != float64(second) || ev.fields["actorRole"] != "reviewer" || ev.fields["fromStatus"] != "IN_TRIAGE" {
				t.Errorf("REROUTED event = %v", ev)
			}
			// The east reviewer no longer sees it.
			if res := env.Do(t, r.reviewer, `query($id: ID!){ complaint(id: $id){ id } }`, map[string]any{"id": id}); res.Code() != "NOT_FOUND" {
				t.Errorf("east reviewer after reroute: %q, want NOT_FOUND", res.Code())
			}
		})
	})

	t.Run("RulePackEditIsVersioned", func(t *testing.T) {
		// 尝尝苦头 became a threat of the built-in pack in session 31 (threat31); the edit adds an idiom no pack knows.
		const narrative = "催收员说我不还钱就让我知道花儿为什么这样红。"
		before := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", narrative)
		if findViolation(before, "THREAT") != nil {
			t.Fatalf("the built-in pack already knows the phrase: %v", before["assessment"])
		}
		cur := env.MustDo(t, "", `{ rulePack(jurisdiction: CN) { revision version document } }`, nil)["rulePack"].(map[string]any)
		if cur["revision"] != float64(1) {
			t.Fatalf("current revision = %v", cur["revision"])
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(cur["document"].(string)), &doc); err != nil {
			t.Fatal(err)
		}
		doc["version"] = "2024.2"
		threat := doc["violations"].(map[string]any)["THREAT"].(map[string]any)
		threat["phrases"] = append(threat["phrases"].([]any), map[string]any{"weight": 0.9, "zh": []any{"让(你|我)知道花儿为什么这样红"}, "en": []any{}, "note": "menace idiom"})
		edited, _ := json.Marshal(doc)
		const update = `mutation($doc: String!, $reason: String!, $rev: Int) {
		  updateRulePack(jurisdiction: CN, document: $doc, reason: $reason, expectedRevision: $rev) { jurisdiction revision version reason } }`
		vars := map[string]any{"doc": string(edited), "reason": "增加“让你知道花儿为什么这样红”", "rev": 1}
		if res := env.Do(t, r.reviewer, update, vars); res.Code() != "FORBIDDEN" {
			t.Errorf("reviewer edits a pack: %q", res.Code())
		}
		broken := strings.Replace(string(edited), `"weight":0.9`, `"weight":2`, 1)
		if res := env.Do(t, r.admin, update, map[string]any{"doc": broken, "reason": "x"}); res.Code() != "BAD_USER_INPUT" || res.Field() != "document" {
			t.Errorf("invalid pack: %q on %q", res.Code(), res.Field())
		}
		usDoc := env.MustDo(t, "", `{ rulePack(jurisdiction: US) { document } }`, nil)["rulePack"].(map[string]any)["document"].(string)
		if res := env.Do(t, r.admin, update, map[string]any{"doc": usDoc, "reason": "x"}); res.Code() != "BAD_USER_INPUT" {
			t.Errorf("US document as the CN pack: %q", res.Code())
		}
		got := env.MustDo(t, r.admin, update, vars)["updateRulePack"].(map[string]any)
		if got["revision"] != float64(2) || got["version"] != "2024.2" {
			t.Fatalf("updated pack = %v", got)
		}
		if res := env.Do(t, r.admin, update, vars); res.Code() != "CONFLICT" {
			t.Errorf("stale expectedRevision: %q, want CONFLICT", res.Code())
		}
		if n := auditCount(t, env, "rulepack.update"); n != 1 {
			t.Errorf("audit log has %d rulepack.update entries, want 1", n)
		}
		revs := env.MustDo(t, r.admin, `{ rulePackRevisions(jurisdiction: CN) { revision version reason createdById } rulePacks { jurisdiction revision } }`, nil)
		rv := revs["rulePackRevisions"].([]any)
		if len(rv) != 2 || rv[0].(map[string]any)["revision"] != float64(2) || rv[0].(map[string]any)["reason"] != "增加“让你知道花儿为什么这样红”" ||
			rv[1].(map[string]any)["createdById"] != nil {
			t.Errorf("revisions = %v", rv)
		}
		if res := env.Do(t, r.complainant, `{ rulePackRevisions(jurisdiction: CN) { revision } }`, nil); res.Code() != "FORBIDDEN" {
			t.Errorf("complainant reads the pack history: %q", res.Code())
		}

		after := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", narrative)
		a := after["assessment"].(map[string]any)
		if a["packRevision"] != float64(2) || a["packVersion"] != "2024.2" || findViolation(after, "THREAT") == nil {
			t.Errorf("after the edit: revision %v version %v violations %v", a["packRevision"], a["packVersion"], a["violations"])
		}
		// The complaint judged before keeps the revision that judged it.
		again := env.MustDo(t, r.supervisor, routedQuery, map[string]any{"id": before["id"]})["complaint"].(map[string]any)
		if again["assessment"].(map[string]any)["packRevision"] != float64(1) {
			t.Errorf("earlier complaint now says revision %v", again["assessment"])
		}
		// analyzeMessages uses the pack in force too.
		an := env.MustDo(t, "", `{ analyzeMessages(texts: [{text: "三天内不还就让你知道花儿为什么这样红", sender: "13800138000", sentAt: "2026-03-01T10:00:00+08:00"}]) { packVersion violations { code } } }`, nil)["analyzeMessages"].(map[string]any)
		if an["packVersion"] != "2024.2" || !slices.ContainsFunc(an["violations"].([]any), func(v any) bool { return v.(map[string]any)["code"] == "THREAT" }) {
			t.Errorf("analyzeMessages with the edited pack: %v", an)
		}
	})

	t.Run("LikelyDuplicates", func(t *testing.T) {
		idNumber := validIDNumber("11010519800101001")
		debtor := domain.Debtor{Name: "周建国", Mobile: "13912345678", IDNumber: idNumber}
		owner := p.actors[domain.RoleComplainant]
		stored := func(debtor domain.Debtor, lender int64, age time.Duration) string {
			at := time.Now().UTC().Add(-age)
			c := &domain.Complaint{ID: uuid.NewString(), Status: domain.StatusInTriage, Version: 1, ComplainantID: owner.UserID,
				Relation: domain.RelationSelf, Debtor: debtor, LenderID: lender, LenderName: "招行", Product: domain.ProductCreditCard,
				Province: "310000", Team: "east", Narrative: "催收电话太多了，请帮忙处理。", Priority: domain.PriorityNormal, CreatedAt: at, UpdatedAt: at}
			if _, _, err := env.App.Complaints.Store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted,
				ActorID: owner.UserID, ActorRole: domain.RoleComplainant, At: at}, nil); err != nil {
				t.Fatal(err)
			}
			return c.ID
		}
		outside := stored(debtor, p.lenderID, 40*24*time.Hour)                                  // same debtor and lender, 40 days ago
		otherLender := stored(debtor, p.otherID, 5*24*time.Hour)                                // same debtor, another lender
		sameMobile := stored(domain.Debtor{Mobile: debtor.Mobile}, p.lenderID, 10*24*time.Hour) // same mobile only
		stranger := stored(domain.Debtor{Mobile: "13700000000"}, p.lenderID, 24*time.Hour)      // someone else

		fileSelf := func(lender string) map[string]any {
			in := map[string]any{"relation": "SELF", "lenderName": lender, "product": "CREDIT_CARD", "province": "310000",
				"narrative": "催收员每天打很多电话，希望协商分期。", "debtor": map[string]any{"name": debtor.Name, "mobile": debtor.Mobile, "idNumber": debtor.IDNumber}}
			id := env.MustDo(t, r.complainant, fileQuery, map[string]any{"i": in})["fileComplaint"].(map[string]any)["id"].(string)
			apptest.Eventually(t, apptest.Patience, "the complaint to be routed", func() bool {
				c := env.MustDo(t, r.complainant, `query($id: ID!){ complaint(id: $id){ status } }`, map[string]any{"id": id})["complaint"].(map[string]any)
				return c["status"] == "IN_TRIAGE"
			})
			return env.MustDo(t, r.supervisor, `query($id: ID!){ complaint(id: $id){ id lenderId likelyDuplicates { id } history { action details } } }`,
				map[string]any{"id": id})["complaint"].(map[string]any)
		}
		dupIDs := func(c map[string]any) []string {
			var out []string
			for _, d := range c["likelyDuplicates"].([]any) {
				out = append(out, d.(map[string]any)["id"].(string))
			}
			return out
		}
		first := fileSelf("招行信用卡")
		if got := dupIDs(first); !slices.Equal(got, []string{sameMobile}) {
			t.Errorf("first filing: likely duplicates %v, want only %s (same mobile, same lender, within 30 days); not %s (40 days), %s (other lender), %s (other debtor)",
				got, sameMobile, outside, otherLender, stranger)
		}
		// The brand name 掌上生活 matches the same lender; the first filing is now a duplicate too.
		second := fileSelf("掌上生活")
		if second["lenderId"] != first["lenderId"] {
			t.Fatalf("lender %v, want %v", second["lenderId"], first["lenderId"])
		}
		want := []string{first["id"].(string), sameMobile}
		if got := dupIDs(second); !slices.Equal(got, want) {
			t.Errorf("second filing: likely duplicates %v, want %v", got, want)
		}
		ev := lastEvent(t, second, "ROUTED")
		if d, _ := ev.details["likelyDuplicates"].([]any); len(d) != 2 {
			t.Errorf("ROUTED details = %v", ev.details)
		}
		var msgs int64
		env.App.DB.Gorm.Raw("SELECT count(*) FROM outbox WHERE topic = ? AND payload->>'complaintId' = ?", domain.TopicDuplicatesSuggested, second["id"]).Scan(&msgs)
		if msgs != 1 {
			t.Errorf("%d %s messages, want 1", msgs, domain.TopicDuplicatesSuggested)
		}
		// The complainant does not see the suggestions; staff link with the existing operation.
		own := env.MustDo(t, r.complainant, `query($id: ID!){ complaint(id: $id){ likelyDuplicates { id } } }`, map[string]any{"id": second["id"]})
		if own["complaint"].(map[string]any)["likelyDuplicates"] != nil {
			t.Errorf("complainant sees %v", own)
		}
		env.MustDo(t, r.supervisor, `mutation($d: ID!, $p: ID!){ linkComplaints(duplicateId: $d, primaryId: $p, reason: "同一债务人同一机构") { id } }`,
			map[string]any{"d": second["id"], "p": first["id"]})

		t.Run("HistoryDisclosure", func(t *testing.T) { historyDisclosure(t, r, second["id"].(string)) })
	})

	t.Run("PastedMessagesAreJudgedAgain", func(t *testing.T) {
		c := r.file(t, "310000", "CREDIT_CARD", "招行信用卡", "最近催收电话很多，希望协商分期还款。")
		if c["priority"] != "NORMAL" || findViolation(c, "THREAT") != nil {
			t.Fatalf("before the messages: %v %v", c["priority"], c["assessment"])
		}
		text := "三天内不还钱，就弄死你全家。"
		env.MustDo(t, r.complainant, `mutation($c: ID!, $m: [CollectorMessageInput!]!){ addCollectorMessages(complaintId: $c, messages: $m) { id } }`,
			map[string]any{"c": c["id"], "m": []any{map[string]any{"sender": "13800138000", "sentAt": "2026-03-01T10:00:00+08:00", "text": text}}})
		var got map[string]any
		apptest.Eventually(t, apptest.Patience, "the complaint to be judged again", func() bool {
			got = env.MustDo(t, r.supervisor, routedQuery, map[string]any{"id": c["id"]})["complaint"].(map[string]any)
			return findViolation(got, "THREAT") != nil
		})
		ev := findViolation(got, "THREAT")["evidence"].([]any)[0].(map[string]any)
		start, end := int(ev["start"].(float64)), int(ev["end"].(float64))
		if ev["source"] != "messages[0]" || string([]rune(text)[start:end]) != ev["phrase"] {
			t.Errorf("evidence %v does not point at the pasted message", ev)
		}
		if got["priority"] != "URGENT" || got["assessment"].(map[string]any)["suggestedReferral"] != "POLICE" {
			t.Errorf("priority %v, assessment %v", got["priority"], got["assessment"])
		}
		if d := lastEvent(t, got, "REASSESSED").details; d["previousPriority"] != "NORMAL" || d["severity"] != "URGENT" {
			t.Errorf("REASSESSED details = %v", d)
		}
		// Judging it again with nothing new writes nothing.
		task, err := workers.NewComplaintAssessTask(c["id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		before := countRows(t, env)
		if err := (&workers.Handlers{Complaints: env.App.Complaints}).Mux().ProcessTask(ctx, task); err != nil {
			t.Fatal(err)
		}
		if after := countRows(t, env); after != before {
			t.Errorf("an unchanged assessment wrote rows: %+v -> %+v", before, after)
		}
	})

	t.Run("RouteDeliveredTwiceHasOneEffect", func(t *testing.T) {
		now := time.Now().UTC()
		owner := p.actors[domain.RoleComplainant]
		c := &domain.Complaint{Status: domain.StatusSubmitted, Version: 1, ComplainantID: owner.UserID, Relation: domain.RelationParent,
			LenderName: "掌上生活", Product: domain.ProductCreditCard, Province: "320000", Narrative: "他们说要打断我儿子的腿。",
			Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
		c.ID = uuid.NewString()
		if _, _, err := env.App.Complaints.Store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted,
			ActorID: owner.UserID, ActorRole: domain.RoleComplainant, At: now}, nil); err != nil {
			t.Fatal(err)
		}
		task, err := workers.NewComplaintRouteTask(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		mux := (&workers.Handlers{Complaints: env.App.Complaints}).Mux()
		var rows []rowCounts
		for range 2 {
			if err := mux.ProcessTask(ctx, task); err != nil {
				t.Fatalf("delivery: %v", err)
			}
			rows = append(rows, countRows(t, env))
		}
		if rows[0] != rows[1] {
			t.Errorf("the second delivery wrote rows: %+v -> %+v", rows[0], rows[1])
		}
		got, _ := env.App.Complaints.Store.FindComplaint(ctx, c.ID)
		hist, _ := env.App.Complaints.Store.History(ctx, c.ID)
		routed := 0
		for _, e := range hist {
			if e.Action == domain.ActionRoute {
				routed++
			}
		}
		if routed != 1 || got.Version != 2 || got.Status != domain.StatusInTriage || got.Priority != domain.PriorityUrgent || got.LenderID == 0 {
			t.Errorf("after two deliveries: %d ROUTED, version %d, status %s, priority %s, lender %d", routed, got.Version, got.Status, got.Priority, got.LenderID)
		}
	})
}

// TestRouteManyAsOneByOne routes the same complaints one by one (Route) and in a batch (RouteMany,
// what the complaint:route-batch task runs) and checks that each gets the same decisions and
// history entry, in at most half the statements, and that a routed batch routed again writes nothing.
func TestRouteManyAsOneByOne(t *testing.T) {
	// No workers or relay: the statement counter counts every statement on the database, and
	// theirs (the relay's polling) would land in the counts at random.
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	ctx := context.Background()
	owner := p.actors[domain.RoleComplainant]
	cases := []struct{ province, lender, narrative string }{
		{"320000", "掌上生活", "他们说要打断我儿子的腿。"},
		{"110000", "掌上生活", "催收员每天打二十个电话。"},
		{"440000", "", "他们把我的欠款告诉了我的同事。"},
		{"510000", "掌上生活", "利息太高了。"},
	}
	file := func() []string {
		var ids []string
		for _, k := range cases {
			now := time.Now().UTC()
			c := &domain.Complaint{Status: domain.StatusSubmitted, Version: 1, ComplainantID: owner.UserID, Relation: domain.RelationParent,
				LenderName: k.lender, Product: domain.ProductCreditCard, Province: k.province, Narrative: k.narrative,
				Priority: domain.PriorityNormal, CreatedAt: now, UpdatedAt: now}
			c.ID = uuid.NewString()
			if _, _, err := env.App.Complaints.Store.CreateComplaint(ctx, c, "", domain.Event{Action: domain.ActionFile, ToStatus: domain.StatusSubmitted,
				ActorID: owner.UserID, ActorRole: domain.RoleComplainant, At: now}, nil); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		// A pasted collector message the engine reads beside the narrative (evidence read for
		// the whole batch in one statement).
		if _, err := env.App.Evidence.AddCollectorMessages(domain.WithActor(ctx, owner), ids[3], []domain.NewCollectorMessage{
			{Sender: "13800138000", SentAt: time.Now().Add(-time.Hour), Text: "三天内不还钱，就弄死你全家。"}}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	// A first batch reads the complaint columns' SQL types (once per process, for the batched
	// UPDATE's casts); the batch measured below does not.
	if _, err := env.App.Complaints.RouteMany(ctx, file()); err != nil {
		t.Fatal(err)
	}
	statements := pgtest.Statements(t, env.App.DB)
	single, batch := file(), file()
	before := statements.Load()
	for _, id := range single {
		if _, err := env.App.Complaints.Route(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	oneByOne := statements.Load() - before
	before = statements.Load()
	if _, err := env.App.Complaints.RouteMany(ctx, append(batch, uuid.NewString())); err != nil {
		t.Fatal(err)
	}
	together := statements.Load() - before
	for i := range cases {
		a, _ := env.App.Complaints.Store.FindComplaint(ctx, single[i])
		b, _ := env.App.Complaints.Store.FindComplaint(ctx, batch[i])
		if a.Status != domain.StatusInTriage || a.Status != b.Status || a.Team != b.Team || a.Priority != b.Priority ||
			a.LenderID != b.LenderID || a.Version != b.Version || a.Assessment.Severity != b.Assessment.Severity ||
			fmt.Sprint(a.Assessment.Violations) != fmt.Sprint(b.Assessment.Violations) || a.Assessment.PackRevision != b.Assessment.PackRevision {
			t.Errorf("case %d: one by one %s/%s/%s/lender %d/v%d, in a batch %s/%s/%s/lender %d/v%d", i,
				a.Status, a.Team, a.Priority, a.LenderID, a.Version, b.Status, b.Team, b.Priority, b.LenderID, b.Version)
		}
		ha, _ := env.App.Complaints.Store.History(ctx, single[i])
		hb, _ := env.App.Complaints.Store.History(ctx, batch[i])
		n := 2 // filed and routed; the complaint with a pasted message has its EVIDENCE_ADDED between
		if i == 3 {
			n = 3
		}
		if len(ha) != n || len(hb) != n || ha[n-1].Action != domain.ActionRoute || hb[n-1].Action != domain.ActionRoute ||
			fmt.Sprint(ha[n-1].Details) != fmt.Sprint(hb[n-1].Details) {
			t.Errorf("case %d: history one by one %+v, in a batch %+v", i, ha, hb)
		}
	}
	// The evidence and the pack revision are read once for the batch too, and the complaints'
	// updates are one UPDATE per set of columns they change (two here: with and without a lender
	// matched) rather than one per complaint: 12 statements where one UPDATE each took 14.
	if together*2 > oneByOne || together > 12 {
		t.Errorf("routing %d complaints took %d statements in a batch (want at most 12) against %d one by one", len(cases), together, oneByOne)
	}
	t.Logf("%d complaints: %d statements one by one, %d in a batch", len(cases), oneByOne, together)
	// Routed already: a second batch writes nothing.
	rows := countRows(t, env)
	if _, err := env.App.Complaints.RouteMany(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if after := countRows(t, env); after != rows {
		t.Errorf("routing a routed batch again wrote rows: %+v -> %+v", rows, after)
	}
}

// newReviewer creates a reviewer of the east team and returns their id.
func newReviewer(t *testing.T, env *apptest.Env, email string) int64 {
	t.Helper()
	u, err := env.App.Accounts.CreateSeedUser(context.Background(), domain.NewUser{Email: email, Password: app.DemoPassword,
		DisplayName: email, Role: domain.RoleReviewer, Teams: []string{"east"}})
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// historyDisclosure checks that the complainant and the recipient institution reading the history
// of a routed complaint with likely duplicates see none of the regulator's routing data (the same
// debtor's other complaints, assignee, severity, rule pack, team, priority), nor internal notes or
// the staff's free text, while staff still see all of it.
func historyDisclosure(t *testing.T, r *routingEnv, id string) {
	env := r.env
	vars := map[string]any{"id": id}
	env.MustDo(t, r.supervisor, `mutation($id: ID!){ addNote(id: $id, text: "内部备注：疑似职业索赔人") { id } }`, vars)
	// The institution sees the complaint once it is forwarded to it.
	env.MustDo(t, r.supervisor, `mutation($id: ID!){ forwardComplaint(id: $id, target: LENDER) { id } }`, vars)
	env.MustDo(t, r.supervisor, `mutation($id: ID!){ escalateComplaint(id: $id, reason: "内部：与另一投诉同一债务人") { id } }`, vars)
	const q = `query($id: ID!){ complaint(id: $id){ history { action reason details } } }`
	staffOnly := []string{"likelyDuplicates", "assigneeId", "severity", "rulePack", "team", "priority", "routingVersion",
		"suggestedViolations", "lenderMatch", "primaryId", "primaryReference", "noteId"}
	for _, reader := range []struct {
		name, token string
	}{{"Complainant", r.complainant}, {"Institution", r.p.tokens[domain.RoleInstitutionAgent]}} {
		t.Run(reader.name, func(t *testing.T) {
			hist := env.MustDo(t, reader.token, q, vars)["complaint"].(map[string]any)["history"].([]any)
			routed := false
			for _, h := range hist {
				e := h.(map[string]any)
				switch e["action"] {
				case "ROUTED":
					routed = true
				case "NOTE_ADDED", "REROUTED", "REASSESSED":
					t.Errorf("%s sees a %v entry", reader.name, e["action"])
				}
				if e["action"] == "ESCALATED" && e["reason"] != nil {
					t.Errorf("%s sees the staff's reason for escalating: %v", reader.name, e["reason"])
				}
				if s, _ := e["details"].(string); s != "" {
					var d map[string]any
					if err := json.Unmarshal([]byte(s), &d); err != nil {
						t.Fatal(err)
					}
					for _, k := range staffOnly {
						if _, ok := d[k]; ok {
							t.Errorf("%s sees %q in the %v entry: %s", reader.name, k, e["action"], s)
						}
					}
				}
			}
			if !routed {
				t.Errorf("%s does not see that the complaint was routed: %v", reader.name, hist)
			}
		})
	}
	// The link names the first complaint: the complainant filed both and sees it without the staff's
	// reason; the institution, to which the first was never forwarded, does not see it at all.
	const lq = `query($id: ID!){ complaint(id: $id){ links { primaryId reason } } }`
	own := env.MustDo(t, r.complainant, lq, vars)["complaint"].(map[string]any)["links"].([]any)
	if len(own) != 1 || own[0].(map[string]any)["reason"] != nil {
		t.Errorf("the complainant's links: %v, want the one link without its reason", own)
	}
	if inst := env.MustDo(t, r.p.tokens[domain.RoleInstitutionAgent], lq, vars)["complaint"].(map[string]any)["links"].([]any); len(inst) != 0 {
		t.Errorf("the institution sees links to a complaint it cannot see: %v", inst)
	}
	if sl := env.MustDo(t, r.supervisor, lq, vars)["complaint"].(map[string]any)["links"].([]any); len(sl) != 1 || sl[0].(map[string]any)["reason"] == nil {
		t.Errorf("staff links: %v", sl)
	}
	staff := env.MustDo(t, r.supervisor, q, vars)["complaint"].(map[string]any)
	ev := lastEvent(t, staff, "ROUTED")
	for _, k := range []string{"likelyDuplicates", "severity", "rulePack", "team", "priority"} {
		if _, ok := ev.details[k]; !ok {
			t.Errorf("staff no longer see %q in ROUTED: %v", k, ev.details)
		}
	}
	if n := lastEvent(t, staff, "NOTE_ADDED"); n.details["noteId"] == nil {
		t.Errorf("staff do not see the note entry: %v", n)
	}
}
