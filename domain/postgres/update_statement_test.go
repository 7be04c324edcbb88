package postgres

import (
	"strings"
	"testing"
)

// TestUpdateStatementSendsDocumentsAsOneArgument: a batch's assessments (JSON documents, the
// large values of a routing) are one jsonb array argument, last, each row taking its element by
// its index; other columns stay one argument per row; a column with a NULL document, or a batch
// of one, is sent row by row as before. (TestUpdateComplaintsAsOneByOne checks what is stored.)
func TestUpdateStatementSendsDocumentsAsOneArgument(t *testing.T) {
	types := map[string]string{"assessment": "jsonb", "priority": "text", "version": "integer"}
	doc := func(k int) string {
		return `{"packRevision":` + strings.Repeat("1", k+1) + `,"notes":["` + strings.Repeat("x", 3500) + `"]}`
	}
	rows := []complaintUpdate{
		{id: "a", was: 1, set: map[string]any{"assessment": doc(0), "priority": "URGENT", "version": 2}},
		{id: "b", was: 4, set: map[string]any{"assessment": doc(1), "priority": "NORMAL", "version": 5}},
		{id: "c", was: 2, set: map[string]any{"assessment": doc(2), "priority": "NORMAL", "version": 3}},
	}
	cols := []string{"assessment", "priority", "version"}
	q, args, err := updateStatement(types, cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	want := "WITH v (id, was, assessment, priority, version) AS (VALUES ( ?::uuid, ?::integer, 0, ?::text, ?::integer), " +
		"( ?::uuid, ?::integer, 1, ?::text, ?::integer), ( ?::uuid, ?::integer, 2, ?::text, ?::integer)), " +
		"j AS MATERIALIZED (SELECT ?::jsonb AS assessment) UPDATE complaints c SET assessment = j.assessment -> v.assessment, " +
		"priority = v.priority, version = v.version FROM v, j WHERE c.id = v.id AND c.version = v.was"
	if q != want {
		t.Errorf("statement\n%s\nwant\n%s", q, want)
	}
	if len(args) != 3*4+1 || strings.Count(q, "?") != len(args) {
		t.Fatalf("%d arguments for %d placeholders", len(args), strings.Count(q, "?"))
	}
	if got, want := args[len(args)-1], "["+doc(0)+","+doc(1)+","+doc(2)+"]"; got != want {
		t.Errorf("last argument %.80q…, want the documents' array", got)
	}
	for _, a := range args[:len(args)-1] {
		if s, ok := a.(string); ok && len(s) > 100 {
			t.Errorf("a document was also sent on its own: %.40q…", s)
		}
	}

	// A NULL assessment in the batch: every value its own argument, as before.
	rows[1].set["assessment"] = nil
	q, args, err = updateStatement(types, cols, rows)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(q, " j ") || strings.Contains(q, "->") || strings.Count(q, "?::jsonb") != 3 || len(args) != 3*5 {
		t.Errorf("with a NULL document: %s (%d arguments)", q, len(args))
	}
	// One row: nothing to gather.
	q, _, err = updateStatement(types, cols, rows[:1])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(q, "MATERIALIZED") {
		t.Errorf("one row: %s", q)
	}
	if _, _, err := updateStatement(types, []string{"nope"}, rows); err == nil {
		t.Error("an unknown column gave no error")
	}
}
