package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesCommand(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "dc.csv")
	os.WriteFile(csvPath, []byte("Product,Issue,Sub-issue,Consumer complaint narrative,Complaint ID\n"+
		"Debt collection,Communication tactics,Frequent or repeated calls,They call me 10 times a day.,1\n"), 0o600)
	badPack := filepath.Join(dir, "bad.json")
	os.WriteFile(badPack, []byte(`{"jurisdiction":"CN","version":"x","contactHours":{"start":"08:00","end":"07:00"}}`), 0o600)
	tests := []struct {
		name string
		args []string
		out  string // substring of the output
		err  string // substring of the error
	}{
		{"EvalCFPB", []string{"eval-cfpb", csvPath}, "| EXCESSIVE_CONTACT | 1 | 1 | 1 | 1.00 | 1.00 |", ""},
		{"EvalCFPBWithFlags", []string{"eval-cfpb", "--threshold", "0.95", "--product", "Mortgage", csvPath}, "0 complaints with a narrative", ""},
		{"ShowUS", []string{"show", "us"}, `"jurisdiction": "US"`, ""},
		{"CheckBuiltinCopy", nil, "is valid", ""},
		{"ErrCheckBadPack", []string{"check", badPack}, "", "must be before"},
		{"ErrNoFiles", []string{"eval-cfpb"}, "", "usage"},
		{"ErrUnknownJurisdiction", []string{"eval-cfpb", "--jurisdiction", "FR", csvPath}, "", "no rule pack"},
		{"ErrUnknownSubcommand", []string{"frobnicate"}, "", "unknown rules command"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if args == nil { // check a copy of a built-in pack
				var b strings.Builder
				if err := runRules([]string{"show", "CN"}, &b); err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(dir, "cn.json")
				os.WriteFile(p, []byte(b.String()), 0o600)
				args = []string{"check", p}
			}
			var out strings.Builder
			err := runRules(args, &out)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error = %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), tc.out) {
				t.Errorf("output lacks %q:\n%s", tc.out, out.String())
			}
		})
	}
}

func TestRulesJudgeAndEval(t *testing.T) {
	in := strings.NewReader(`{"id":"a","text":"催收晚上11:30打给我爸妈，说我欠钱不还。他们还说小心点，出了事别怪他们。"}` + "\n\n" +
		`{"id":"b","text":"They called my boss and told him that I dont pay my bills.","jurisdiction":"US"}` + "\n")
	var out strings.Builder
	if err := judgeTexts(nil, in, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("judge wrote %d lines:\n%s", len(lines), out.String())
	}
	for _, want := range []string{`"id":"a"`, `"type":"IMPROPER_HOURS"`, `"type":"THIRD_PARTY_CONTACT"`, `"type":"PRIVACY_DISCLOSURE"`,
		`"flagged":true`, `"severity":"URGENT"`, `"policeReferral":true`, `"law":"治安管理处罚法 第42条"`, `"rule":"THREAT.veiled`} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("verdict a lacks %s: %s", want, lines[0])
		}
	}
	for _, want := range []string{`"id":"b"`, `"type":"PRIVACY_DISCLOSURE"`, `"policeReferral":false`} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("verdict b lacks %s: %s", want, lines[1])
		}
	}
	if err := judgeTexts(nil, strings.NewReader("{not json\n"), &out); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad line: error %v", err)
	}
	if err := judgeTexts(nil, strings.NewReader(`{"id":"x","text":"t","jurisdiction":"FR"}`), &out); err == nil || !strings.Contains(err.Error(), "no rule pack") {
		t.Errorf("unknown jurisdiction: error %v", err)
	}

	dir := t.TempDir()
	set := filepath.Join(dir, "zh-set.jsonl")
	os.WriteFile(set, []byte(`{"id":"1","text":"他们爆了我的通讯录。","must":["THIRD_PARTY_CONTACT"],"optional":["PRIVACY_DISCLOSURE"],"split":"train"}
{"id":"2","text":"催收员说要弄死我。","must":["THREAT"],"optional":[],"split":"heldout"}
{"id":"3","text":"我按时还款，没有什么问题。","must":[],"optional":[],"split":"heldout"}
`), 0o600)
	out.Reset()
	if err := runRules([]string{"eval", set}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"zh-set.jsonl — train (1 texts)", "zh-set.jsonl — heldout (2 texts)", "| THREAT | 1 | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 |",
		"| THIRD_PARTY_CONTACT | 1 | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 |", "macro-F1 1.000", "flag rate on the 1 texts with no required label 0.000"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("eval output lacks %q:\n%s", want, out.String())
		}
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"1","text":"x","must":["NOT_A_CODE"]}`), 0o600)
	if err := runRules([]string{"eval", bad}, &out); err == nil || !strings.Contains(err.Error(), "unknown violation code") {
		t.Errorf("bad label: error %v", err)
	}
}

// TestRulesEvalSeverity: `rules eval -severity` prints counts per split and lists train misses only.
func TestRulesEvalSeverity(t *testing.T) {
	set := filepath.Join(t.TempDir(), "zh-sev.jsonl")
	os.WriteFile(set, []byte(`{"id":"t1","text":"催收一直威胁恐吓我","must":["THREAT"],"optional":[],"split":"train"}
{"id":"h1","text":"催收一直威胁恐吓我","must":["THREAT"],"optional":[],"split":"heldout"}
{"id":"h2","text":"催收说要弄死我","must":["THREAT"],"optional":[],"split":"heldout"}
`), 0o644)
	var out strings.Builder
	if err := runRules([]string{"eval", "-severity", "-severity-misses", set}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| zh-sev.jsonl | train | 1 | 0/1 |", "| zh-sev.jsonl | heldout | 2 | 1/2 |", "zh-sev.jsonl t1: threat not referred (named)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "h1") {
		t.Errorf("held-out id listed:\n%s", out.String())
	}
}
