package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesPerturb: `rules perturb` judges the train texts (never held-out ones) as written and
// rewritten, and prints what each rewrite keeps; a spaced-out 通讯录 is still a third-party contact.
func TestRulesPerturb(t *testing.T) {
	set := filepath.Join(t.TempDir(), "zh-set.jsonl")
	os.WriteFile(set, []byte(`{"id":"1","text":"他们爆了我的通讯录。","must":["THIRD_PARTY_CONTACT"],"split":"train"}
{"id":"2","text":"催收员说要弄死我。","must":["THREAT"],"split":"heldout"}
`), 0o600)
	var out bytes.Buffer
	if err := runRules([]string{"perturb", set}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CN pack, 1 texts", "| spaced | 1 | 1.000 | 0 |", "| traditional | 1 | 1.000 | 0 |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("perturb output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "THREAT") {
		t.Errorf("perturb judged a held-out text:\n%s", out.String())
	}
	if err := runRules([]string{"perturb"}, &out); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("no files: error %v", err)
	}
}
