package domain_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// actionsInCode finds every constant of type Action (domain.Action in other packages) declared in
// domain/ and its sub-packages, by reading the source: a new action cannot be added without the
// test seeing it.
func actionsInCode(t *testing.T) map[domain.Action]string {
	t.Helper()
	found := map[domain.Action]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if !isActionType(vs.Type) {
					continue
				}
				for i, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						found[domain.Action(s)] = path + ":" + vs.Names[i].Name
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func isActionType(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "Action"
	case *ast.SelectorExpr:
		return x.Sel.Name == "Action"
	}
	return false
}

// TestEveryHistoryActionHasAPolicy fails when an action the code can write into a complaint's
// history has no entry in the history disclosure policy.
func TestEveryHistoryActionHasAPolicy(t *testing.T) {
	actions := actionsInCode(t)
	if len(actions) < 30 {
		t.Fatalf("found only %d actions in the code: %v", len(actions), actions)
	}
	for _, tr := range domain.Lifecycle {
		if _, ok := actions[tr.Action]; !ok {
			t.Errorf("lifecycle action %s not found in the source scan", tr.Action)
		}
	}
	for a, where := range actions {
		if _, ok := domain.HistoryPolicies[a]; !ok {
			t.Errorf("action %s (%s) has no history disclosure policy", a, where)
		}
	}
	for a := range domain.HistoryPolicies {
		if _, ok := actions[a]; !ok {
			t.Errorf("policy for %s, which the code does not declare", a)
		}
	}
}

// TestDiscloseHistory: the ROUTED entry's routing data, internal notes, unknown actions and unknown
// details reach the regulator's staff only.
func TestDiscloseHistory(t *testing.T) {
	routed := domain.Event{Action: domain.ActionRoute, Reason: "rule east-credit", Details: map[string]any{
		"team": "east", "assigneeId": 4, "severity": "HIGH", "priority": "HIGH", "likelyDuplicates": []string{"c2"},
		"rulePack": map[string]any{"id": "CN"}, "routingVersion": 3}}
	evs := []domain.Event{
		{Action: domain.ActionFile, Details: map[string]any{"deadlines": []string{"ACCEPTANCE:STARTED"}, "secret": 1}},
		routed,
		{Action: domain.ActionAddNote, Details: map[string]any{"noteId": "n1"}},
		{Action: domain.ActionEscalate, Reason: "内部：疑似同一债务人"},
		{Action: domain.ActionClose, Reason: "机构已整改"},
		{Action: "SOMETHING_NEW", Reason: "x", Details: map[string]any{"a": 1}},
	}
	for _, a := range []domain.Actor{{UserID: 7, Role: domain.RoleComplainant}, {UserID: 9, Role: domain.RoleInstitutionAgent, InstitutionID: 3}} {
		got := domain.DiscloseHistory(a, evs)
		var actions []string
		for _, e := range got {
			actions = append(actions, string(e.Action))
			if e.Action == domain.ActionRoute && (len(e.Details) != 0 || e.Reason != "") {
				t.Errorf("%s sees the routing data: %v %q", a.Role, e.Details, e.Reason)
			}
			if e.Action == domain.ActionEscalate && e.Reason != "" {
				t.Errorf("%s sees the staff's reason %q", a.Role, e.Reason)
			}
			if e.Action == domain.ActionClose && e.Reason != "机构已整改" {
				t.Errorf("%s does not see the closing reason", a.Role)
			}
			if _, ok := e.Details["secret"]; ok {
				t.Errorf("%s sees an unlisted detail", a.Role)
			}
		}
		if strings.Join(actions, " ") != "FILED ROUTED ESCALATED CLOSED" {
			t.Errorf("%s sees %v", a.Role, actions)
		}
	}
	if got := domain.DiscloseHistory(domain.Actor{UserID: 5, Role: domain.RoleAnalyst}, evs); len(got) != 0 {
		t.Errorf("analyst sees %v", got)
	}
	got := domain.DiscloseHistory(domain.Actor{UserID: 2, Role: domain.RoleSupervisor, Teams: []string{"east"}}, evs)
	if len(got) != len(evs) || got[1].Details["likelyDuplicates"] == nil || got[1].Reason == "" {
		t.Errorf("staff see %v", got)
	}
	if routed.Details["likelyDuplicates"] == nil {
		t.Error("the stored event was changed")
	}
}
