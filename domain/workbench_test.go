package domain

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestViewFilterRoundTrip stores every field of a complaint filter as a saved view's JSON and reads
// it back unchanged; the JSON uses the GraphQL ComplaintFilter's names.
func TestViewFilterRoundTrip(t *testing.T) {
	from := time.Date(2026, 1, 31, 16, 0, 0, 0, time.UTC)
	f := ComplaintFilter{Statuses: []Status{StatusForwarded, StatusInTriage}, Team: "east", AssigneeID: 7, Province: "310000",
		InstitutionID: 3, Violation: ViolationThreat, Priority: PriorityUrgent, Overdue: true, DueWithinDays: 3,
		ExtensionPending: true, FeedbackLapsed: true, CreatedFrom: from, CreatedTo: from.AddDate(0, 1, 0), Text: "催收"}
	b, err := json.Marshal(ViewFilterOf(f))
	if err != nil {
		t.Fatal(err)
	}
	var names map[string]any
	_ = json.Unmarshal(b, &names)
	for _, k := range []string{"status", "team", "assigneeId", "province", "institutionId", "violation", "priority", "overdue", "dueWithinDays", "extensionPending", "feedbackLapsed", "createdFrom", "createdTo", "text"} {
		if _, ok := names[k]; !ok {
			t.Errorf("the stored filter has no %s: %s", k, b)
		}
	}
	got, err := ParseViewFilter(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("read back %+v, want %+v", got, f)
	}
	mine, err := ParseViewFilter([]byte(`{"mine":true,"unassigned":false}`))
	if err != nil || !mine.Mine || mine.Unassigned {
		t.Errorf("mine: %+v, %v", mine, err)
	}
}

// TestParseViewFilterRefuses refuses JSON that is not a valid complaint filter, naming the field.
func TestParseViewFilterRefuses(t *testing.T) {
	for in, field := range map[string]string{
		`[]`:                              "filter",
		`{"colour":"red"}`:                "filter",
		`{"status":["LOST"]}`:             "filter.status.0",
		`{"province":"999999"}`:           "filter.province",
		`{"assigneeId":"-1"}`:             "filter.assigneeId",
		`{"createdFrom":"yesterday"}`:     "filter.createdFrom",
		`{"mine":true,"unassigned":true}`: "filter.unassigned",
		`{"dueWithinDays":400}`:           "filter.dueWithinDays",
		`{"violation":"RUDE"}`:            "filter.violation",
		`{"priority":"SOMEDAY"}`:          "filter.priority",
		`{"team":"east","overdue":"yes"}`: "filter",
	} {
		_, err := ParseViewFilter([]byte(in))
		de, ok := AsError(err)
		if !ok || de.Code != CodeInvalid || de.Field != field {
			t.Errorf("%s: %v, want BAD_USER_INPUT on %s", in, err, field)
		}
	}
}
