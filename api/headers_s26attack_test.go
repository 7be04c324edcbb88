package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestRepeatedAuthorizationIsRefused (session 26, attack; found by hand): a request with two
// Authorization headers ran as the first token's user, and one with two Idempotency-Key headers
// was kept under the first key — a proxy or log in front of the API that reads the last one sees
// another user or key. Either header sent twice is refused: 400 BAD_USER_INPUT naming the header.
// Once, each works as before.
func TestRepeatedAuthorizationIsRefused(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	tok := env.Register(t, "twice@example.cn")
	send := func(headers [][2]string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, env.URL+"/graphql", strings.NewReader(`{"query":"{ me { email } }"}`))
		req.Header.Set("Content-Type", "application/json")
		for _, h := range headers {
			req.Header.Add(h[0], h[1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	field := func(body map[string]any) any {
		errs, _ := body["errors"].([]any)
		if len(errs) == 0 {
			return nil
		}
		ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
		return ext["field"]
	}
	for name, hs := range map[string][][2]string{
		"two tokens":     {{"Authorization", "Bearer " + tok}, {"Authorization", "Bearer someone-else"}},
		"same token":     {{"Authorization", "Bearer " + tok}, {"Authorization", "Bearer " + tok}},
		"two keys":       {{"Authorization", "Bearer " + tok}, {"Idempotency-Key", "a"}, {"Idempotency-Key", "b"}},
		"anonymous, two": {{"Authorization", ""}, {"Authorization", "Bearer x"}},
	} {
		status, body := send(hs)
		want := "Authorization"
		if name == "two keys" {
			want = "Idempotency-Key"
		}
		if status != http.StatusBadRequest || field(body) != want {
			t.Errorf("%s: %d %v, want 400 on %s", name, status, body, want)
		}
	}
	if status, body := send([][2]string{{"Authorization", "Bearer " + tok}, {"Idempotency-Key", "a"}}); status != http.StatusOK || body["data"] == nil {
		t.Errorf("one of each: %d %v", status, body)
	}
}
