package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// Session 15's attack by hand: /graphql ran the first JSON object of the body and ignored whatever
// came after it — `{"query":"{__typename}"} {"query":"mutation …"}` or `{…}garbage` answered 200 —
// so the request run was not all the request said, and whatever read the body otherwise (a proxy,
// a filter, a log) could see another request. A body is one JSON object and white space.
func TestGraphQLBodyIsOneObject(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	url := env.URL + "/graphql"
	for _, body := range []string{
		`{"query":"{ __typename }"} {"query":"mutation { logout }"}`,
		`{"query":"{ __typename }"}garbage`,
		`{"query":"{ __typename }"}` + "\n\x00",
		`{"query":"{ __typename }"}]`,
		`{"query":"{ __typename }"}` + strings.Repeat(" ", 70000) + "x",
	} {
		a := send(t, url, http.MethodPost, "application/json", "", "", []byte(body))
		if a.status != http.StatusBadRequest || a.code() != "BAD_USER_INPUT" || a.errors[0].Extensions["field"] != "body" || a.data != nil {
			t.Errorf("%.60q: %d %s %v, want 400 BAD_USER_INPUT on body", body, a.status, a.code(), a.errors)
		}
	}
	for _, body := range []string{`{"query":"{ __typename }"}`, "{\"query\":\"{ __typename }\"}\r\n\t \n"} {
		if a := send(t, url, http.MethodPost, "application/json", "", "", []byte(body)); a.status != 200 || a.data["__typename"] != "Query" {
			t.Errorf("%q: %d %v, want the answer", body, a.status, a.errors)
		}
	}
}
