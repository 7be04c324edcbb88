package domain_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDomainDependsOnNoAdapter keeps the dependency direction: the domain package imports no
// database, authorization, queue or GraphQL library; adapters depend on the domain, not the reverse.
func TestDomainDependsOnNoAdapter(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"gorm", "casbin", "asynq", "graphql"} {
			if strings.Contains(dep, banned) {
				t.Errorf("domain depends on %s", dep)
			}
		}
	}
}
