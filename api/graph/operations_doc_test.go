package graph

import (
	"os"
	"regexp"
	"testing"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/redline-regulator/redline/domain"
)

var graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// TestOperationsDocValidates checks every example of docs/OPERATIONS.md against the schema, and
// that every query and mutation has one (README: "Every GraphQL operation has a worked example").
func TestOperationsDocValidates(t *testing.T) {
	doc, err := os.ReadFile("../../docs/OPERATIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(Deps{Reassessments: &domain.Reassessments{}}) // with the reassessment fields
	if err != nil {
		t.Fatal(err)
	}
	examples := graphqlBlock.FindAllStringSubmatch(string(doc), -1)
	rooted := map[string]bool{} // the root fields of the examples' operations
	for _, m := range examples {
		d, errs := x.document(m[1])
		if errs != nil {
			t.Errorf("example does not validate: %v\n%s", errs, m[1])
			continue
		}
		for _, def := range d.ast.Definitions {
			if op, ok := def.(*ast.OperationDefinition); ok {
				for _, sel := range op.SelectionSet.Selections {
					if f, ok := sel.(*ast.Field); ok {
						rooted[f.Name.Value] = true
					}
				}
			}
		}
	}
	// Every root field, queries and mutations, is the root of an example's operation.
	for _, root := range []*graphql.Object{x.schema.QueryType(), x.schema.MutationType()} {
		for name := range root.Fields() {
			if !rooted[name] {
				t.Errorf("docs/OPERATIONS.md has no example of %s", name)
			}
		}
	}
}
