package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestYearZeroDatesAreTheCallersError (attack round 29): Go reads "0000-01-01" as a date of year 0,
// which PostgreSQL does not have, so alerts(from: "0000-01-01") (and to) reached the database and
// answered INTERNAL with an ERROR line in the log. Every YYYY-MM-DD argument of the statistics, the
// alerts and the public dataset now refuses year 0 on its field (BAD_USER_INPUT); year 1 is read.
func TestYearZeroDatesAreTheCallersError(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	sup, analyst := p.tokens[domain.RoleSupervisor], p.tokens[domain.RoleAnalyst]
	for _, c := range []struct{ name, token, query, field string }{
		{"alerts from", sup, `query($d:String){alerts(from:$d){__typename}}`, "from"},
		{"alerts to", sup, `query($d:String){alerts(to:$d){__typename}}`, "to"},
		{"stats from", analyst, `query($d:String){stats(filter:{from:$d}, groupBy:[MONTH]){__typename}}`, "filter.from"},
		{"trends to", analyst, `query($d:String){trends(filter:{to:$d}, interval:MONTH){__typename}}`, "filter.to"},
		{"public from", "", `query($d:String){publicComplaints(first:5, filter:{from:$d}){totalCount}}`, "filter.from"},
		{"public figures to", "", `query($d:String){publicFigures(filter:{to:$d}){__typename}}`, "filter.to"},
	} {
		for _, d := range []string{"0000-01-01", "0000-12-31"} {
			r := env.Do(t, c.token, c.query, map[string]any{"d": d})
			if r.Code() != "BAD_USER_INPUT" || r.Field() != c.field {
				t.Errorf("%s %s: %q on %q (%+v), want BAD_USER_INPUT on %s", c.name, d, r.Code(), r.Field(), r.Errors, c.field)
			}
		}
	}
	if r := env.Do(t, sup, `query{alerts(from:"0001-01-01", to:"0001-12-31"){__typename}}`, nil); len(r.Errors) > 0 {
		t.Errorf("alerts of year 1: %+v", r.Errors)
	}
}
