package app_test

import (
	"context"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestPublicFigures: anyone reads per-institution volume, timely-answer rate, relief rate and
// satisfaction, and the monthly trend, aggregated over every published complaint (not a page of
// them), with the scorecards' minimum counts: no rates below 30 published complaints, no
// satisfaction below 5 ratings (the dataset itself publishes no ratings). Unconsented complaints
// count nowhere.
func TestPublicFigures(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	ctx := context.Background()
	now := time.Now().UTC()
	answered := func(inst int64, consent bool, rating int, relief bool) {
		cat := domain.ClosedWithExplanation
		if relief {
			cat = domain.ClosedWithNonMonetaryRelief
		}
		ratedAnswer(t, env, p, inst, domain.ProductCreditCard, consent, rating, cat)
	}
	// The demo lender: 30 published answers, half with relief, 20 rated 5 and 10 rated 2.
	for i := 0; i < 30; i++ {
		rating := 5
		if i%3 == 0 {
			rating = 2
		}
		answered(p.lenderID, true, rating, i%2 == 0)
	}
	answered(p.lenderID, false, 1, false) // not consented: counts nowhere
	for i := 0; i < 6; i++ {              // another lender: too few for rates
		answered(p.otherID, true, 1, false)
	}
	if err := env.App.Stats.Store.Rebuild(ctx, now.AddDate(0, 0, -2), now.AddDate(0, 0, 2)); err != nil {
		t.Fatal(err)
	}
	const q = `query($f: PublicComplaintFilter, $n: Int) { publicFigures(filter: $f, first: $n) {
		minCount minRatings caveat caveatZh months { month complaints }
		total { complaints enough timelyRate averageSatisfaction }
		institutions { institutionId institutionName institutionNameEn complaints answered enough timelyRate reliefRate ratings averageSatisfaction satisfiedShare } } }`
	d := env.MustDo(t, "", q, nil)["publicFigures"].(map[string]any) // anonymous
	if d["minCount"] != float64(30) || d["minRatings"] != float64(5) || d["caveat"] == "" || d["caveatZh"] == "" {
		t.Errorf("minimums and caveat = %v %v %q %q", d["minCount"], d["minRatings"], d["caveat"], d["caveatZh"])
	}
	insts := map[string]map[string]any{}
	for _, x := range d["institutions"].([]any) {
		insts[x.(map[string]any)["institutionId"].(string)] = x.(map[string]any)
	}
	near := func(v any, want float64) bool { f, ok := v.(float64); return ok && math.Abs(f-want) < 1e-9 }
	l := insts[strconv.FormatInt(p.lenderID, 10)]
	if l == nil || l["complaints"] != float64(30) || l["answered"] != float64(30) || l["enough"] != true || !near(l["timelyRate"], 1) ||
		!near(l["reliefRate"], 0.5) || l["ratings"] != float64(30) || !near(l["averageSatisfaction"], 4) || !near(l["satisfiedShare"], 20.0/30) {
		t.Errorf("the lender's figures = %v, want 30 complaints, all on time, half with relief, 30 ratings averaging 4, 2/3 satisfied", l)
	}
	// The league table names each institution in both languages (English from migration 00043).
	if l["institutionName"] != "招商银行信用卡中心" || l["institutionNameEn"] != "China Merchants Bank Credit Card Center" {
		t.Errorf("the lender is named %v / %v, want 招商银行信用卡中心 / China Merchants Bank Credit Card Center", l["institutionName"], l["institutionNameEn"])
	}
	// And so does the dataset: its complaints carry the lender's English name beside the registered one.
	pc := env.MustDo(t, "", `query($f: PublicComplaintFilter) { publicComplaints(filter: $f, first: 1) { edges { node { lender lenderEn agency agencyEn } } } }`,
		map[string]any{"f": map[string]any{"institutionId": strconv.FormatInt(p.lenderID, 10)}})["publicComplaints"].(map[string]any)["edges"].([]any)
	if n := pc[0].(map[string]any)["node"].(map[string]any); n["lender"] != "招商银行信用卡中心" || n["lenderEn"] != "China Merchants Bank Credit Card Center" || n["agency"] != nil && n["agencyEn"] == nil {
		t.Errorf("a published complaint names its institutions %v", n)
	}
	o := insts[strconv.FormatInt(p.otherID, 10)]
	if o == nil || o["complaints"] != float64(6) || o["enough"] != false || o["timelyRate"] != nil || o["reliefRate"] != nil || o["averageSatisfaction"] != nil || o["ratings"] != nil {
		t.Errorf("the small lender's figures = %v, want its volume only", o)
	}
	if tot := d["total"].(map[string]any); tot["complaints"] != float64(36) || tot["enough"] != true {
		t.Errorf("total = %v, want 36 published complaints", tot)
	}
	ms := d["months"].([]any)
	if len(ms) != 1 || ms[0].(map[string]any)["complaints"] != float64(36) || ms[0].(map[string]any)["month"] != now.In(time.FixedZone("CST", 8*3600)).Format("2006-01") {
		t.Errorf("months = %v, want this month with 36", ms)
	}
	// One institution's page: its own figures, from all its published complaints.
	d = env.MustDo(t, "", q, map[string]any{"f": map[string]any{"institutionId": strconv.FormatInt(p.otherID, 10)}})["publicFigures"].(map[string]any)
	if tot := d["total"].(map[string]any); tot["complaints"] != float64(6) || tot["timelyRate"] != nil {
		t.Errorf("the small lender's page total = %v", tot)
	}
	for _, c := range []struct {
		vars  map[string]any
		field string
	}{
		{map[string]any{"n": 0}, "first"},
		{map[string]any{"n": 101}, "first"},
		{map[string]any{"f": map[string]any{"from": "2026-05-02", "to": "2026-05-01"}}, "filter.to"},
		{map[string]any{"f": map[string]any{"from": "yesterday"}}, "filter.from"},
	} {
		if r := env.Do(t, "", q, c.vars); r.Code() != "BAD_USER_INPUT" || r.Field() != c.field {
			t.Errorf("publicFigures(%v): %q on %q, want BAD_USER_INPUT on %s", c.vars, r.Code(), r.Field(), c.field)
		}
	}
}
