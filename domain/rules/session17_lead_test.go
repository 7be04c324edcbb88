package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestSession17ClassPatternsHaveLeads: a pattern that starts with a class ("{THIRD}都收到了…") runs
// only where a member occurs. Session 16's raw class attributes (counts "十几个", ages "七十多岁的")
// were unbounded, so such a pattern had no lead and its regexp searched every clause: three times the
// CPU of a Chinese judgement (BenchmarkJudgeCN200 0.55 → 1.8 ms). The attributes are bounded again.
func TestSession17ClassPatternsHaveLeads(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		classStart, missing := 0, 0
		for _, g := range mustPack(t, j).phraseGroups() {
			if g == nil {
				continue
			}
			for mi := range g.matchers {
				m := &g.matchers[mi]
				if !strings.HasPrefix(m.pattern, "{") {
					continue
				}
				classStart++
				if m.lead == nil {
					missing++
					t.Errorf("%s: %s starts with a class but has no lead", j, m.pattern)
				}
			}
		}
		if classStart == 0 {
			t.Fatalf("%s: no pattern starts with a class: the test reads nothing", j)
		}
		t.Logf("%s: %d patterns start with a class, %d without a lead", j, classStart, missing)
	}
}

// TestSession17UnboundedAttributeRefused: a pack whose raw class attribute may be any length is
// refused at Parse, with the class and the expression named.
func TestSession17UnboundedAttributeRefused(t *testing.T) {
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	attrs := m["classAttributes"].(map[string]any)
	third := attrs["THIRD"].([]any)
	attrs["THIRD"] = append(third, "re:[0-9]+个")
	bad, _ := json.Marshal(m)
	_, err = Parse(bad)
	if err == nil || !strings.Contains(err.Error(), "classAttributes.THIRD") || !strings.Contains(err.Error(), "[0-9]+个") {
		t.Fatalf("Parse of an unbounded attribute: %v", err)
	}
	attrs["THIRD"] = append(third, "re:[0-9]{1,3}个")
	good, _ := json.Marshal(m)
	if _, err := Parse(good); err != nil {
		t.Fatalf("Parse of a bounded attribute: %v", err)
	}
}
