package app

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// composeService is what TestComposeMatchesTheBinary reads of a docker-compose.yml service.
type composeService struct {
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	Environment map[string]string `yaml:"environment"`
	Ports       []string          `yaml:"ports"`
	Restart     string            `yaml:"restart"`
}

// TestComposeMatchesTheBinary reads docker-compose.yml (there is no Docker engine on the test
// machines) and checks it against the binary: every variable it gives a redline container is one
// the binary reads (a misspelt name is ignored without a word), each container's environment is a
// configuration ConfigFromEnv accepts, the ports it publishes are the ones HTTP_ADDR and
// METRICS_ADDR listen on, and the connections the long-running containers may open at once stay
// under the PostgreSQL service's max_connections.
func TestComposeMatchesTheBinary(t *testing.T) {
	file := struct{ Services map[string]composeService }{composeServices(t)}
	read := configSource(t)

	maxConns, conns := 100, 0 // PostgreSQL's default max_connections
	if pg, ok := file.Services["postgres"]; ok {
		for i, a := range pg.Command {
			if v, ok := strings.CutPrefix(a, "max_connections="); ok && i > 0 && pg.Command[i-1] == "-c" {
				maxConns, _ = strconv.Atoi(v)
			}
		}
	} else {
		t.Fatal("docker-compose.yml has no postgres service")
	}
	var redline []string
	for name, s := range file.Services {
		if s.Image != "redline:local" {
			continue
		}
		redline = append(redline, name)
		if len(s.Command) == 0 {
			t.Errorf("%s: no command (serve, work, schedule, migrate up, seed --demo)", name)
			continue
		}
		for k := range s.Environment {
			if !read[k] {
				t.Errorf("%s: %s is not a variable the binary reads (app/*.go)", name, k)
			}
		}
		for k, v := range s.Environment {
			t.Setenv(k, v)
		}
		cfg, err := ConfigFromEnv()
		for k := range s.Environment {
			os.Unsetenv(k)
		}
		if err != nil {
			t.Errorf("%s: the binary refuses its environment: %v", name, err)
			continue
		}
		for _, p := range s.Ports {
			parts := strings.Split(p, ":")
			inside := parts[len(parts)-1]
			_, httpPort, _ := net.SplitHostPort(cfg.HTTPAddr)
			_, metricsPort, _ := net.SplitHostPort(cfg.MetricsAddr)
			if inside != httpPort && inside != metricsPort {
				t.Errorf("%s publishes %s, but listens on %s (HTTP_ADDR) and %s (METRICS_ADDR)", name, p, cfg.HTTPAddr, cfg.MetricsAddr)
			}
		}
		switch s.Command[0] {
		case "serve": // the main pool and the API requests' pool
			conns += 2 * cfg.DBPool.MaxConns
		case "work", "schedule", "seed": // seed runs beside the others at the start
			conns += cfg.DBPool.MaxConns
		}
	}
	if len(redline) < 4 {
		t.Fatalf("redline containers: %v; want migrate, api, worker, scheduler at least", redline)
	}
	// PostgreSQL keeps 3 of max_connections for superusers (superuser_reserved_connections).
	if conns > maxConns-3 {
		t.Errorf("the redline containers may open %d PostgreSQL connections at once, PostgreSQL takes %d: "+
			"lower REDLINE_DB_MAX_CONNS or raise max_connections", conns, maxConns-3)
	}
}

// configSource is the set of environment variable names app's configuration code names in quotes.
func configSource(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	quoted := regexp.MustCompile(`"([A-Z][A-Z0-9_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range quoted.FindAllStringSubmatch(string(b), -1) {
			names[m[1]] = true
		}
	}
	if !names["DATABASE_URL"] {
		t.Fatalf("no DATABASE_URL among the quoted names of app/*.go: %d names", len(names))
	}
	return names
}
