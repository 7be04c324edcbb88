// Package srcreads reads a Go package's source to say which of its expressions reach given
// selectors (s.Exports, r.Stats, pk.AnalyzeMessages), directly or through the functions and
// methods of the package they call. The API's tests use it to find reads that must run in the
// costly lane of the in-flight bound and are not marked so (api/graph/costly.go, api/inflight.go).
package srcreads

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
)

// Package is the parsed non-test source of one package directory.
type Package struct {
	Fset  *token.FileSet
	Files []*ast.File
	// sources maps a selector's name to what reaching it reads.
	sources map[string]string
	funcs   map[string]*ast.FuncDecl
	memo    map[string]string
}

// Parse reads the non-test .go files of dir. sources maps the name of a selector (the Sel of x.Sel)
// to what it reads, in words.
func Parse(dir string, sources map[string]string) (*Package, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	p := &Package{Fset: token.NewFileSet(), sources: sources, funcs: map[string]*ast.FuncDecl{}, memo: map[string]string{}}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(p.Fset, name, nil, 0)
		if err != nil {
			return nil, fmt.Errorf("srcreads: %w", err)
		}
		p.Files = append(p.Files, f)
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				p.funcs[fd.Name.Name] = fd // methods and functions by name: a false match only adds reads
			}
		}
	}
	if len(p.Files) == 0 {
		return nil, fmt.Errorf("srcreads: no Go files in %s", dir)
	}
	return p, nil
}

// Reads says what source n reaches ("" for none): a selector named in sources, in n or in a
// function or method of the package that n calls (by name, at any depth).
func (p *Package) Reads(n ast.Node) string {
	found := ""
	ast.Inspect(n, func(n ast.Node) bool {
		if found != "" {
			return false
		}
		callee := ""
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if what, ok := p.sources[n.Sel.Name]; ok {
				found = what
				return false
			}
		case *ast.CallExpr:
			switch fun := n.Fun.(type) {
			case *ast.Ident:
				callee = fun.Name
			case *ast.SelectorExpr:
				callee = fun.Sel.Name
			}
		}
		if fd := p.funcs[callee]; fd != nil {
			got, done := p.memo[callee]
			if !done {
				p.memo[callee] = "" // a recursive call adds nothing
				got = p.Reads(fd.Body)
				p.memo[callee] = got
			}
			found = got
		}
		return found == ""
	})
	return found
}

// Func is the declaration of the package's function or method of this name, nil when none.
func (p *Package) Func(name string) *ast.FuncDecl { return p.funcs[name] }
