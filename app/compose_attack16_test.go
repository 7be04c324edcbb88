package app

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeServices reads the services of docker-compose.yml.
func composeServices(t *testing.T) map[string]composeService {
	t.Helper()
	raw, err := os.ReadFile("../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Services map[string]composeService `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	return file.Services
}

// TestComposePublishesOnlyTheAPI (session 16, attack2): docker-compose.yml published asynqmon on
// every interface ("8081:8080"): a web console without sign-in that lists, retries, cancels and
// deletes the platform's queued tasks and reads their payloads, reachable by anyone who reaches the
// machine, where the metrics and MinIO's console are published on the loopback only. Only the API's
// port may be published beyond this machine.
func TestComposePublishesOnlyTheAPI(t *testing.T) {
	public := 0
	for name, s := range composeServices(t) {
		for _, p := range s.Ports {
			if strings.HasPrefix(p, "127.0.0.1:") {
				continue
			}
			if name == "api" && p == "8080:8080" {
				public++
				continue
			}
			t.Errorf("%s publishes %q beyond this machine; publish it on 127.0.0.1", name, p)
		}
	}
	if public != 1 {
		t.Errorf("the API's port 8080 is published %d times, want once", public)
	}
}
