package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// Session 15's walk (walk2): the queue's "ready to close" view (complaints(filter: {feedbackLapsed:
// true})) could not be exported: /export/complaints.csv refused feedbackLapsed as an unknown
// parameter. It takes it, and the file lists what the view lists, in its order.
func TestExportComplaintsFeedbackLapsed(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Seed: 110, NoWork: true, NoRelay: true})
	sup := env.Login(t, "supervisor@redline.demo", app.DemoPassword)
	var want []string
	for _, e := range env.MustDo(t, sup, `{ complaints(filter: {feedbackLapsed: true}, orderBy: DUE_DATE, first: 100) { edges { node { reference } } } }`,
		nil)["complaints"].(map[string]any)["edges"].([]any) {
		want = append(want, e.(map[string]any)["node"].(map[string]any)["reference"].(string))
	}
	if len(want) < 2 {
		t.Fatalf("%d demo complaints with a lapsed feedback window, want 2 or more", len(want))
	}
	d := get(t, env, sup, "/export/complaints.csv?feedbackLapsed=1&orderBy=DUE_DATE")
	if d.Status != http.StatusOK {
		t.Fatalf("GET /export/complaints.csv?feedbackLapsed=1: %d %s", d.Status, d.Body)
	}
	rows, err := csv.NewReader(bytes.NewReader(d.Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0])
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the export lists %d complaints %v, want the view's %d %v", len(got), got, len(want), want)
	}
	if d := get(t, env, sup, "/export/complaints.csv?feedbackLapsed=maybe"); d.Status != http.StatusBadRequest || !strings.Contains(string(d.Body), "feedbackLapsed") {
		t.Errorf("feedbackLapsed=maybe: %d %s, want 400 on feedbackLapsed", d.Status, d.Body)
	}
}
