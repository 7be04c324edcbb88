package api_test

import (
	"go/ast"
	"testing"

	"github.com/redline-regulator/redline/api/internal/srcreads"
)

// TestCostlyRoutesAreMarked walks the routes NewServer registers (this package's source) and fails
// on one whose handler reads the exports or the public dataset, directly or through the package's
// functions, and is not wrapped in costlyRoute: it would run outside the costly lane of the
// in-flight bound (the GraphQL fields are api/graph's TestCostlyFieldsAreMarked).
func TestCostlyRoutesAreMarked(t *testing.T) {
	pkg, err := srcreads.Parse(".", map[string]string{"Exports": "the exports", "Public": "the public dataset"})
	if err != nil {
		t.Fatal(err)
	}
	newServer := pkg.Func("NewServer")
	if newServer == nil {
		t.Fatal("no NewServer")
	}
	costly := 0
	ast.Inspect(newServer.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			return true
		}
		if fun, ok := call.Fun.(*ast.SelectorExpr); !ok || fun.Sel.Name != "HandleFunc" && fun.Sel.Name != "Handle" {
			return true
		}
		handler := call.Args[1]
		// withDeadline(d, h) bounds a route's time (attack round 20); what it runs is h.
		for {
			wrap, ok := handler.(*ast.CallExpr)
			if !ok || len(wrap.Args) != 2 {
				break
			}
			if fun, ok := wrap.Fun.(*ast.Ident); !ok || fun.Name != "withDeadline" {
				break
			}
			handler = wrap.Args[1]
		}
		if wrap, ok := handler.(*ast.CallExpr); ok {
			if fun, ok := wrap.Fun.(*ast.SelectorExpr); ok && fun.Sel.Name == "costlyRoute" {
				costly++
				return false
			}
		}
		var body ast.Node = handler
		if sel, ok := handler.(*ast.SelectorExpr); ok && pkg.Func(sel.Sel.Name) != nil {
			body = pkg.Func(sel.Sel.Name).Body // a method value: what it runs
		}
		if what := pkg.Reads(body); what != "" {
			t.Errorf("%s: the route reads %s and is not wrapped in costlyRoute", pkg.Fset.Position(call.Pos()), what)
		}
		return false
	})
	if costly == 0 {
		t.Fatal("no route is wrapped in costlyRoute: the walk is broken")
	}
}
