package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestDayOnlyIncidentsReadAsADay: an incident the complainant gave the day of but not the time
// (domain.Incident.DateOnly, stored as noon China time) was written into the engine's findings as
// "2024-03-05 12:00 电话联系了借款人的父母", a noon nobody reported: API clients read it so (the
// portal guessed it back; session 23 left it). The finding names the day alone, and the hours rule
// does not judge a time that is not known (noon in Shanghai is 23:00 or midnight in the US).
func TestDayOnlyIncidentsReadAsADay(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	noon := func(day string) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, day, cst)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(12 * time.Hour)
	}
	c := &domain.Complaint{Relation: domain.RelationParent, Narrative: "催收员打电话给我，说我儿子欠钱。",
		Incidents: []domain.Incident{{OccurredAt: noon("2024-03-05"), Channel: domain.ChannelPhoneCall, Count: 1, DateOnly: true}}}
	f, ok := mustPack(t, CN).Assess(FactsOf(c, nil)).Find(domain.ViolationThirdPartyContact)
	if !ok {
		t.Fatal("the call to the debtor's parent is not found")
	}
	for _, e := range f.Evidence {
		if e.Phrase != "" {
			continue
		}
		if e.RuleZh != "2024-03-05 电话联系了借款人的父母" || e.Rule != "phone call to the debtor's parent on 2024-03-05" {
			t.Errorf("the finding reads %q / %q, want the day alone", e.RuleZh, e.Rule)
		}
	}

	stop := Facts{StopRequested: true, StopRequestedAt: at(t, "2024-03-01 12:00", "Asia/Shanghai"),
		Incidents: []Incident{{At: noon("2024-03-02"), Channel: ChannelPhoneCall, DateOnly: true}}}
	g, ok := mustPack(t, CN).Assess(stop).Find(domain.ViolationContactAfterStop)
	if !ok || len(g.Evidence) == 0 || g.Evidence[0].RuleZh != "2024-03-02 电话，在 2024-03-01 12:00 要求停止催收之后" {
		t.Errorf("the contact after the request to stop reads %+v", g.Evidence)
	}

	// Eight calls on four days given without times (Reg F: more than 7 within 7 days): the
	// window names the days.
	var calls []Incident
	for d := 1; d <= 4; d++ {
		calls = append(calls, Incident{At: noon("2024-03-0" + string(rune('0'+d))), Channel: ChannelPhoneCall, Count: 2, DateOnly: true,
			Location: "America/Chicago"})
	}
	res := mustPack(t, US).Assess(Facts{Incidents: calls})
	if _, late := res.Find(domain.ViolationImproperHours); late {
		t.Errorf("calls given by day alone were judged by the hour (noon in Shanghai, 22:00 in Chicago)")
	}
	w, ok := res.Find(domain.ViolationExcessiveContact)
	if !ok {
		t.Fatal("eight calls in four days are not found")
	}
	for _, e := range w.Evidence {
		if strings.Contains(e.Rule, ":00") || strings.Contains(e.RuleZh, ":00") {
			t.Errorf("the calls' finding names a time nobody gave: %q / %q", e.Rule, e.RuleZh)
		}
		// The day is the one given, not the evening before in Chicago (review, session 24).
		if e.Phrase == "" && (strings.Contains(e.Rule, "2024-02-29") || !strings.Contains(e.Rule, "2024-03-0")) {
			t.Errorf("the calls' finding names another day than the ones given: %q", e.Rule)
		}
	}
	one := mustPack(t, US).Assess(Facts{Incidents: []Incident{{At: noon("2024-03-01"), Channel: ChannelPhoneCall, DateOnly: true,
		Location: "America/Chicago"}}, StopRequested: true, StopRequestedAt: at(t, "2024-02-20 12:00", "America/Chicago")})
	if g, ok := one.Find(domain.ViolationContactAfterStop); !ok || len(g.Evidence) == 0 || !strings.HasPrefix(g.Evidence[0].Rule, "") ||
		!strings.Contains(g.Evidence[0].Rule+g.Evidence[0].RuleZh, "2024-03-01") || strings.Contains(g.Evidence[0].Rule+g.Evidence[0].RuleZh, "2024-02-29") {
		t.Errorf("a day given alone in Chicago reads %+v, want 2024-03-01", g.Evidence)
	}
}
