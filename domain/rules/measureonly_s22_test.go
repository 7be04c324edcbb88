package rules

import "testing"

// TestMeasureOnlyKeepsTheBlindBatchOutOfTraining: session 22's blind batch is scored but never
// trains the built-in model (TestBuiltinModelIsCurrent holds the model to that training).
func TestMeasureOnlyKeepsTheBlindBatchOutOfTraining(t *testing.T) {
	for id, want := range map[string]bool{
		"zhw-400": true, "zhw-469": true, "enw-100": true, "enw-134": true,
		"zhw-399": false, "zhw-470": false, "enw-099": false, "enw-135": false, "zht-400": false, "zhw-4x0": false,
	} {
		if got := MeasureOnly(id); got != want {
			t.Errorf("MeasureOnly(%q) = %v, want %v", id, got, want)
		}
	}
	ex := TrainingExamples([]Labelled{
		{ID: "zhw-420", Text: "a", Split: "train"},
		{ID: "zhw-300", Text: "b", Split: "train"},
		{ID: "zhw-301", Text: "c", Split: "heldout"},
	})
	if len(ex) != 1 || ex[0].ID != "zhw-300" {
		t.Fatalf("training examples %+v, want only zhw-300", ex)
	}
}
