package srcreads

import (
	"go/ast"
	"os"
	"path/filepath"
	"testing"
)

// TestReads: a selector is found in a function's body and through the calls of the package's
// functions and methods, recursion ends, and a field that shares a method's name is no call.
func TestReads(t *testing.T) {
	dir := t.TempDir()
	src := `package x

type s struct{ Stats, cells int }
type u struct{ s }

func (v s) direct() int   { return v.Stats }
func (v s) indirect() int { return v.direct() }
func loop(n int) int      { if n > 0 { return loop(n - 1) }; return 0 }
func (v u) cells() int    { return v.Stats }
func field(v s) int       { return v.cells }
`
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Parse(dir, map[string]string{"Stats": "statistics"})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"direct": "statistics", "indirect": "statistics", "loop": "", "cells": "statistics", "field": ""} {
		var body ast.Node = p.Func(name).Body
		if got := p.Reads(body); got != want {
			t.Errorf("%s reads %q, want %q", name, got, want)
		}
	}
}
