package app_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

const statsQuery = `query($f: StatsFilter, $g: [StatsDimension!]) {
  stats(filter: $f, groupBy: $g) { suppressedCells truncated
    rows { institution { id name } institutionKind violationType province period complaints timelyRate suppressed } } }`

// TestStatisticsOverGraphQL files complaints over the API and follows them into the statistics
// (outbox → stats:apply), then checks who may read them, suppression, scorecards and alerts.
func TestStatisticsOverGraphQL(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	ctx := context.Background()
	tok := map[domain.Role]string{}
	for _, du := range app.DemoUsers {
		tok[du.Role] = env.Login(t, du.Email, app.DemoPassword)
	}
	var lenderID int64
	if err := env.App.DB.Gorm.Raw("SELECT institution_id FROM users WHERE role = 'institution_agent' LIMIT 1").Scan(&lenderID).Error; err != nil {
		t.Fatal(err)
	}
	const filed = 12
	for i := 0; i < filed; i++ {
		in := fileInput()
		delete(in, "lenderName")
		in["lenderId"] = fmt.Sprint(lenderID)
		env.MustDo(t, tok[domain.RoleComplainant], fileQuery, map[string]any{"i": in, "k": fmt.Sprintf("stats-%d", i)})
	}
	var total map[string]any
	apptest.Eventually(t, 30*time.Second, "the filed complaints to reach the statistics", func() bool {
		rows := env.MustDo(t, tok[domain.RoleAnalyst], statsQuery, nil)["stats"].(map[string]any)["rows"].([]any)
		if len(rows) != 1 {
			return false
		}
		total = rows[0].(map[string]any)
		return total["complaints"] == float64(filed)
	})

	// A complaint counts under its claimed violations and those the rule engine flags at routing.
	var violations []domain.ViolationType
	apptest.Eventually(t, 30*time.Second, "the routed complaints to reach the statistics", func() bool {
		var ids []string
		env.App.DB.Gorm.Raw("SELECT id FROM complaints WHERE status = 'IN_TRIAGE'").Scan(&ids)
		if len(ids) != filed {
			return false
		}
		c, err := env.App.Complaints.Store.FindComplaint(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		violations = append([]domain.ViolationType{domain.ViolationThirdPartyContact, domain.ViolationImproperHours}, domain.FlaggedViolations(c.Assessment)...)
		slices.Sort(violations)
		violations = slices.Compact(violations)
		var n int
		env.App.DB.Gorm.Raw("SELECT count(*) FROM stats_contributions WHERE cardinality(violations) = ?", len(violations)).Scan(&n)
		return n == filed
	})

	t.Run("GroupedByInstitutionAndViolation", func(t *testing.T) {
		d := env.MustDo(t, tok[domain.RoleSupervisor], statsQuery, map[string]any{"g": []any{"INSTITUTION", "VIOLATION_TYPE"}})
		rows := d["stats"].(map[string]any)["rows"].([]any)
		if len(rows) != len(violations) { // THIRD_PARTY_CONTACT and IMPROPER_HOURS claimed, and the engine's flags, each naming all complaints
			t.Fatalf("rows = %v, want %v", rows, violations)
		}
		for _, r := range rows {
			r := r.(map[string]any)
			if r["complaints"] != float64(filed) || r["institution"].(map[string]any)["id"] != fmt.Sprint(lenderID) {
				t.Errorf("row = %v", r)
			}
		}
	})
	t.Run("SuppressedForAnalystsInNarrowCells", func(t *testing.T) {
		today := domain.StatsDate(time.Now()).Format("2006-01-02")
		vars := map[string]any{"g": []any{"INSTITUTION", "VIOLATION_TYPE", "PROVINCE", "DAY"}, "f": map[string]any{"from": today, "to": today, "violationTypes": []any{"IMPROPER_HOURS"}}}
		// 12 complaints in the cell: above the threshold, shown.
		d := env.MustDo(t, tok[domain.RoleAnalyst], statsQuery, vars)["stats"].(map[string]any)
		if d["suppressedCells"] != float64(0) {
			t.Fatalf("a cell of 12 suppressed: %v", d)
		}
		// A cell of fewer than 5 complaints this narrow is withheld from analysts, not supervisors.
		drop := env.App.Stats.Policy
		drop.SuppressBelow = 13
		env.App.Stats.Policy = drop
		defer func() { env.App.Stats.Policy = domain.DefaultStatsPolicy }()
		d = env.MustDo(t, tok[domain.RoleAnalyst], statsQuery, vars)["stats"].(map[string]any)
		row := d["rows"].([]any)[0].(map[string]any)
		if d["suppressedCells"] != float64(1) || row["suppressed"] != true || row["complaints"] != nil {
			t.Fatalf("narrow small cell shown to an analyst: %v", d)
		}
		d = env.MustDo(t, tok[domain.RoleSupervisor], statsQuery, vars)["stats"].(map[string]any)
		if d["suppressedCells"] != float64(0) {
			t.Fatalf("supervisor's cell suppressed: %v", d)
		}
	})
	t.Run("ForbiddenToComplainantsAndInstitutions", func(t *testing.T) {
		for _, role := range []domain.Role{domain.RoleComplainant, domain.RoleInstitutionAgent, domain.RoleReviewer} {
			if res := env.Do(t, tok[role], statsQuery, nil); res.Code() != "FORBIDDEN" {
				t.Errorf("%s: stats code = %q, want FORBIDDEN", role, res.Code())
			}
		}
		if res := env.Do(t, "", statsQuery, nil); res.Code() != "UNAUTHENTICATED" {
			t.Errorf("anonymous: code = %q", res.Code())
		}
	})
	t.Run("Scorecards", func(t *testing.T) {
		q := `query($p: String!, $i: ID) { institutionScorecards(period: $p, institutionId: $i) { minCount caveat totalCount
			cards { institution { id } complaints ranked topViolationTypes { violationType complaints } } redList { institution { id } } } }`
		month := domain.StatsDate(time.Now()).Format("2006-01")
		d := env.MustDo(t, tok[domain.RoleAnalyst], q, map[string]any{"p": month})["institutionScorecards"].(map[string]any)
		cards := d["cards"].([]any)
		if len(cards) != 1 || cards[0].(map[string]any)["complaints"] != float64(filed) || cards[0].(map[string]any)["ranked"] != false {
			t.Fatalf("scorecards = %v", d)
		}
		if len(cards[0].(map[string]any)["topViolationTypes"].([]any)) != min(3, len(violations)) || d["caveat"] == "" {
			t.Fatalf("scorecard details = %v", d)
		}
		// The institution sees its own card; asking for another's is forbidden.
		own := env.MustDo(t, tok[domain.RoleInstitutionAgent], q, map[string]any{"p": month})["institutionScorecards"].(map[string]any)
		if len(own["cards"].([]any)) != 1 || len(own["redList"].([]any)) != 0 {
			t.Fatalf("institution's own scorecards = %v", own)
		}
		if res := env.Do(t, tok[domain.RoleInstitutionAgent], q, map[string]any{"p": month, "i": fmt.Sprint(lenderID + 1)}); res.Code() != "FORBIDDEN" {
			t.Fatalf("another institution's card: %q", res.Code())
		}
		if res := env.Do(t, tok[domain.RoleAnalyst], q, map[string]any{"p": "2026-13"}); res.Code() != "BAD_USER_INPUT" || res.Field() != "period" {
			t.Fatalf("bad period: %q %q", res.Code(), res.Field())
		}
		// Restricted to a kind of institution: the lender's kind keeps its card, another drops it.
		byKind := `query($p: String!, $k: [InstitutionKind!]) { institutionScorecards(period: $p, institutionKinds: $k) { totalCount cards { institution { id kind } } } }`
		var kind string
		env.App.DB.Gorm.Raw("SELECT kind FROM institutions WHERE id = ?", lenderID).Scan(&kind)
		other := "COLLECTION_AGENCY"
		if kind == other {
			other = "BANK"
		}
		same := env.MustDo(t, tok[domain.RoleAnalyst], byKind, map[string]any{"p": month, "k": []any{kind}})["institutionScorecards"].(map[string]any)
		if same["totalCount"] != float64(1) || same["cards"].([]any)[0].(map[string]any)["institution"].(map[string]any)["id"] != fmt.Sprint(lenderID) {
			t.Fatalf("scorecards of kind %s = %v", kind, same)
		}
		none := env.MustDo(t, tok[domain.RoleAnalyst], byKind, map[string]any{"p": month, "k": []any{other}})["institutionScorecards"].(map[string]any)
		if none["totalCount"] != float64(0) || len(none["cards"].([]any)) != 0 {
			t.Fatalf("scorecards of kind %s = %v", other, none)
		}
	})
	t.Run("TrendsAndAlerts", func(t *testing.T) {
		tr := env.MustDo(t, tok[domain.RoleAnalyst], `{ trends(interval: DAY) { total previousTotal series { total points { period complaints change } } } }`, nil)["trends"].(map[string]any)
		if tr["total"] != float64(filed) || len(tr["series"].([]any)) != 1 {
			t.Fatalf("trends = %v", tr)
		}
		// A week later, this week's 12 complaints against a lender with no history are a spike.
		env.App.Stats.Now = func() time.Time { return time.Now().AddDate(0, 0, 7) }
		defer func() { env.App.Stats.Now = env.App.DB.Now }()
		raised, err := env.App.Stats.RaiseAlerts(ctx)
		if err != nil || len(raised) != 1 || raised[0].Kind != domain.AlertSpike || raised[0].InstitutionID != lenderID {
			t.Fatalf("RaiseAlerts = %+v, %v", raised, err)
		}
		if again, err := env.App.Stats.RaiseAlerts(ctx); err != nil || len(again) != 0 {
			t.Fatalf("raised twice: %+v, %v", again, err)
		}
		var notified int
		env.App.DB.Gorm.Raw("SELECT count(*) FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE u.role = 'supervisor' AND n.kind = 'ALERT_SPIKE'").Scan(&notified)
		if notified == 0 {
			t.Fatal("supervisors were not notified of the alert")
		}
		list := env.MustDo(t, tok[domain.RoleSupervisor], `{ alerts { nodes { id kind observed zScore weekStart } } }`, nil)["alerts"].(map[string]any)["nodes"].([]any)
		if len(list) != 1 {
			t.Fatalf("alerts = %v", list)
		}
		id := list[0].(map[string]any)["id"]
		week := list[0].(map[string]any)["weekStart"].(string)
		// Filters: the lender's kind and the alert's week keep it; another kind or later weeks do not.
		var kind string
		env.App.DB.Gorm.Raw("SELECT kind FROM institutions WHERE id = ?", lenderID).Scan(&kind)
		other := "COLLECTION_AGENCY"
		if kind == other {
			other = "BANK"
		}
		filtered := `query($k: [InstitutionKind!], $from: String, $to: String) { alerts(institutionKinds: $k, from: $from, to: $to) { nodes { id } } }`
		count := func(vars map[string]any) int {
			return len(env.MustDo(t, tok[domain.RoleAnalyst], filtered, vars)["alerts"].(map[string]any)["nodes"].([]any))
		}
		if n := count(map[string]any{"k": []any{kind}, "from": week, "to": week}); n != 1 {
			t.Errorf("alerts of kind %s in week %s = %d, want 1", kind, week, n)
		}
		if n := count(map[string]any{"k": []any{other}}); n != 0 {
			t.Errorf("alerts of kind %s = %d, want 0", other, n)
		}
		later := domain.StatsDate(time.Now()).AddDate(0, 0, 8).Format("2006-01-02")
		if n := count(map[string]any{"from": later}); n != 0 {
			t.Errorf("alerts of weeks from %s = %d, want 0", later, n)
		}
		if res := env.Do(t, tok[domain.RoleAnalyst], filtered, map[string]any{"from": week, "to": "2000-01-01"}); res.Code() != "BAD_USER_INPUT" || res.Field() != "to" {
			t.Errorf("to before from: %q %q", res.Code(), res.Field())
		}
		if res := env.Do(t, tok[domain.RoleAnalyst], filtered, map[string]any{"from": "last week"}); res.Code() != "BAD_USER_INPUT" || res.Field() != "from" {
			t.Errorf("bad from: %q %q", res.Code(), res.Field())
		}
		ack := `mutation($id: ID!) { acknowledgeAlert(id: $id, note: "looked into it") { acknowledgedAt note } }`
		if res := env.Do(t, tok[domain.RoleReviewer], ack, map[string]any{"id": id}); res.Code() != "FORBIDDEN" {
			t.Fatalf("reviewer acknowledged: %q", res.Code())
		}
		a := env.MustDo(t, tok[domain.RoleSupervisor], ack, map[string]any{"id": id})["acknowledgeAlert"].(map[string]any)
		if a["acknowledgedAt"] == nil || a["note"] != "looked into it" {
			t.Fatalf("acknowledged = %v", a)
		}
		var audits int
		env.App.DB.Gorm.Raw("SELECT count(*) FROM audit_log WHERE action = 'ALERT_ACKNOWLEDGED'").Scan(&audits)
		open := env.MustDo(t, tok[domain.RoleSupervisor], `{ alerts { nodes { id } } }`, nil)["alerts"].(map[string]any)["nodes"].([]any)
		if audits != 1 || len(open) != 0 {
			t.Fatalf("audits = %d, open alerts = %v", audits, open)
		}
	})
}
