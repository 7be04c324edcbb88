package domain_test

import (
	"testing"

	"github.com/redline-regulator/redline/domain"
)

func TestRoutingTableMostSpecificRuleWins(t *testing.T) {
	table := domain.RoutingTable{Rules: []domain.RoutingRule{
		{Province: "*", Product: "*", Violation: "*", Team: "national"},
		{Province: "310000", Product: "*", Violation: "*", Team: "east"},
		{Province: "*", Product: "*", Violation: domain.ViolationThreat, Team: "safety"},
		{Province: "310000", Product: domain.ProductOnlineLoan, Violation: "*", Team: "east-online"},
		{Province: "310000", Product: "*", Violation: domain.ViolationThreat, Team: "east-safety"},
		{Province: "440000", Product: domain.ProductOnlineLoan, Violation: "*", Team: "south-online"},
		{Province: "440000", Product: "*", Violation: domain.ViolationThreat, Team: "south-safety"},
	}}
	cases := []struct {
		name       string
		province   string
		product    domain.Product
		violations []domain.ViolationType
		want       string
	}{
		{"CatchAll", "110000", domain.ProductCreditCard, nil, "national"},
		{"Province", "310000", domain.ProductCreditCard, nil, "east"},
		{"ViolationAnywhere", "110000", domain.ProductCreditCard, []domain.ViolationType{domain.ViolationThreat}, "safety"},
		{"ProvinceAndProduct", "310000", domain.ProductOnlineLoan, nil, "east-online"},
		{"ProvinceAndViolation", "310000", domain.ProductCreditCard, []domain.ViolationType{domain.ViolationAbusiveLanguage, domain.ViolationThreat}, "east-safety"},
		{"TieGoesToTheEarlierRule", "440000", domain.ProductOnlineLoan, []domain.ViolationType{domain.ViolationThreat}, "south-online"},
		{"OtherViolationFallsThrough", "440000", domain.ProductCreditCard, []domain.ViolationType{domain.ViolationUnlawfulFees}, "national"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, ok := table.Route(c.province, c.product, c.violations)
			if !ok || r.Team != c.want {
				t.Fatalf("got %+v ok=%v, want team %s", r, ok, c.want)
			}
		})
	}
	if err := table.Validate(); err != nil {
		t.Fatalf("valid table refused: %v", err)
	}
}

func TestRoutingTableValidate(t *testing.T) {
	catchAll := domain.RoutingRule{Province: "*", Product: "*", Violation: "*", Team: "national"}
	cases := []struct {
		name  string
		rules []domain.RoutingRule
		teams []domain.TeamPolicy
		field string
	}{
		{"Empty", nil, nil, "input.rules"},
		{"NoCatchAll", []domain.RoutingRule{{Province: "310000", Product: "*", Violation: "*", Team: "east"}}, nil, "input.rules"},
		{"BadProvince", []domain.RoutingRule{catchAll, {Province: "999999", Product: "*", Violation: "*", Team: "east"}}, nil, "input.rules.1.province"},
		{"BadProduct", []domain.RoutingRule{catchAll, {Province: "*", Product: "PAYDAY", Violation: "*", Team: "east"}}, nil, "input.rules.1.product"},
		{"BadViolation", []domain.RoutingRule{catchAll, {Province: "*", Product: "*", Violation: "RUDE", Team: "east"}}, nil, "input.rules.1.violation"},
		{"NoTeam", []domain.RoutingRule{catchAll, {Province: "310000", Product: "*", Violation: "*", Team: " "}}, nil, "input.rules.1.team"},
		{"SameKeysTwice", []domain.RoutingRule{catchAll, catchAll}, nil, "input.rules.1.province"},
		{"TeamPolicyTwice", []domain.RoutingRule{catchAll}, []domain.TeamPolicy{{Team: "east"}, {Team: "east", AssignLeastLoaded: true}}, "input.teams.1.team"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := domain.RoutingTable{Rules: c.rules, Teams: c.teams}.Validate()
			de, ok := domain.AsError(err)
			if !ok || de.Code != domain.CodeInvalid || de.Field != c.field || de.MessageZH == "" {
				t.Fatalf("got %v, want BAD_USER_INPUT on %s", err, c.field)
			}
		})
	}
}

func TestDefaultRoutingTable(t *testing.T) {
	table := domain.DefaultRoutingTable()
	if err := table.Validate(); err != nil {
		t.Fatalf("the built-in table is not valid: %v", err)
	}
	for province, team := range map[string]string{"310000": "east", "440000": "south", "110000": "north", "510000": "west", "810000": "national"} {
		if r, ok := table.Route(province, domain.ProductCreditCard, nil); !ok || r.Team != team {
			t.Errorf("province %s: team %s, want %s", province, r.Team, team)
		}
	}
}
