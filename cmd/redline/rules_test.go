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
