package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// Session 33 (threatmodel33): `redline rules train --threat` is deterministic and reproduces the
// committed THREAT model from the studied sources.
func TestTrainThreatDeterministic(t *testing.T) {
	dir := t.TempDir()
	var outs [][]byte
	for _, name := range []string{"a.gz", "b.gz"} {
		p := filepath.Join(dir, name)
		if err := trainModel([]string{"--threat", "--dir", "../../testdata/rules", "--out", p}, io.Discard); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Fatal("two trainings of the THREAT model differ")
	}
	committed, err := os.ReadFile("../../domain/rules/model/threat.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(outs[0], committed) {
		t.Error("domain/rules/model/threat.bin.gz is not what `redline rules train --threat` writes: retrain it")
	}
}
