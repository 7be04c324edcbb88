package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// Session 15's attack by hand: a NUL in a text parameter of the CSV exports (?text=%00, ?team=,
// ?products=) reached PostgreSQL, which refuses it: 500 INTERNAL and an ERROR line, where GraphQL
// refuses the same text on its field. The exports now refuse text that is not valid (NUL, invalid
// UTF-8, control characters, bidirectional overrides) as BAD_USER_INPUT on the parameter.
func TestExportParametersAreText(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	supervisor := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	analyst := env.Login(t, "analyst@redline.demo", app.DemoPassword)
	// exportGet answers the status and the JSON error body of a GET.
	exportGet := func(path, token string) (int, map[string]any) {
		d := get(t, env, token, path)
		var body map[string]any
		_ = json.Unmarshal(d.Body, &body)
		return d.Status, body
	}
	for _, c := range []struct{ path, param, token string }{
		{"/export/complaints.csv", "text", supervisor},
		{"/export/complaints.csv", "team", supervisor},
		{"/export/complaints.csv", "province", supervisor},
		{"/export/stats.csv", "products", analyst},
		{"/export/stats.csv", "provinces", analyst},
		{"/public/complaints.csv", "province", ""},
	} {
		for _, v := range []string{"a\x00b", "\xff\xfe", "a\u202eb", "\x1b[31m"} {
			status, body := exportGet(c.path+"?"+url.Values{c.param: {v}}.Encode(), c.token)
			if status != http.StatusBadRequest || body["code"] != "BAD_USER_INPUT" || body["field"] != c.param || body["messageZh"] == nil {
				t.Errorf("%s?%s=%q: %d %v, want 400 BAD_USER_INPUT on %s", c.path, c.param, v, status, body, c.param)
			}
		}
	}
	if status, _ := exportGet("/export/complaints.csv?text="+url.QueryEscape("催收\t电话"), supervisor); status != http.StatusOK {
		t.Errorf("a text with a tab: %d, want 200", status)
	}
}
