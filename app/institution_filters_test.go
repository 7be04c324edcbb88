package app_test

import (
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain"
)

// TestInstitutionsCannotFilterByInternalHandling: institutions are never shown the regulator's team,
// assignee or priority, so they may not filter or sort by them either (each answer would tell them
// which of their complaints the regulator judged urgent). The refusal names the field, with a
// reason in both languages; regulator staff still filter and sort by them.
func TestInstitutionsCannotFilterByInternalHandling(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	p := demoPeople(t, env)
	const q = `query($f:ComplaintFilter,$o:ComplaintOrder){ complaints(first:10, filter:$f, orderBy:$o){ totalCount } }`
	cases := []struct {
		filter map[string]any
		order  string
		field  string
	}{
		{map[string]any{"priority": "URGENT"}, "", "filter.priority"},
		{map[string]any{"team": "east"}, "", "filter.team"},
		{map[string]any{"assigneeId": "1"}, "", "filter.assigneeId"},
		{map[string]any{"mine": true}, "", "filter.mine"},
		{map[string]any{"unassigned": true}, "", "filter.unassigned"},
		{nil, "PRIORITY", "orderBy"},
	}
	for _, role := range []domain.Role{domain.RoleInstitutionAgent, domain.RoleInstitutionAdmin} {
		for _, c := range cases {
			vars := map[string]any{"f": c.filter}
			if c.order != "" {
				vars["o"] = c.order
			}
			r := env.Do(t, p.tokens[role], q, vars)
			if r.Code() != "BAD_USER_INPUT" || r.Field() != c.field {
				t.Errorf("%s: complaints(filter:%v, orderBy:%q): %q on %q, want BAD_USER_INPUT on %s", role, c.filter, c.order, r.Code(), r.Field(), c.field)
				continue
			}
			ext := r.Errors[0].Extensions
			if ext["messageZh"] == nil || ext["messageZh"] == "" || r.Errors[0].Message == "" {
				t.Errorf("%s: %s refusal lacks a reason or Chinese text: %+v", role, c.field, r.Errors[0])
			}
		}
		// Their inbox order and their own filters still work.
		env.MustDo(t, p.tokens[role], q, map[string]any{"f": map[string]any{"overdue": false}, "o": "DUE_DATE"})
	}
	// The regulator's staff keep them.
	env.MustDo(t, p.tokens[domain.RoleSupervisor], q, map[string]any{"f": map[string]any{"priority": "URGENT", "team": "east"}, "o": "PRIORITY"})
}
