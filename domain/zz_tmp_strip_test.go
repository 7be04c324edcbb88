package domain

import (
	"bytes"
	"os"
	"testing"
)

func TestTmpStripFile(t *testing.T) {
	in, ct, out := os.Getenv("IN"), os.Getenv("CT"), os.Getenv("OUT")
	if in == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(in)
	var w bytes.Buffer
	if err := stripImageMetadata(ct, bytes.NewReader(b), &w); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(out, w.Bytes(), 0o644)
}
