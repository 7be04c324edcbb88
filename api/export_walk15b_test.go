package api_test

import (
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
	want := listedReferences(t, env, sup, `{feedbackLapsed: true}`)
	if len(want) < 2 {
		t.Fatalf("%d demo complaints with a lapsed feedback window, want 2 or more", len(want))
	}
	got, status := exportedReferences(t, env, sup, "feedbackLapsed=1&orderBy=DUE_DATE")
	if status != http.StatusOK {
		t.Fatalf("GET /export/complaints.csv?feedbackLapsed=1: %d", status)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the export lists %d complaints %v, want the view's %d %v", len(got), got, len(want), want)
	}
	if d := get(t, env, sup, "/export/complaints.csv?feedbackLapsed=maybe"); d.Status != http.StatusBadRequest || !strings.Contains(string(d.Body), "feedbackLapsed") {
		t.Errorf("feedbackLapsed=maybe: %d %s, want 400 on feedbackLapsed", d.Status, d.Body)
	}
}
