package rules

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Session 35: the US pack carried the same speaker and figurative-harm exceptions in the THREAT
// violation and in a dozen threat composites (a bad copy had to be removed 13 times). They are now
// named phrase sets, referenced as "@NAME" and expanded when the pack is read.

// TestPhraseSetsExpandEveryReference: the built-in US pack names its shared exception sets once, and
// every group that refers to one reads all of its phrases, with no "@" reference left to match.
func TestPhraseSetsExpandEveryReference(t *testing.T) {
	doc, err := BuiltinDocument(US)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		PhraseSets map[string]PhraseSet `json:"phraseSets"`
	}
	if err := json.Unmarshal(doc, &raw); err != nil {
		t.Fatal(err)
	}
	set, ok := raw.PhraseSets["NOT_THE_COLLECTOR_EN"]
	if !ok || len(set.EN) < 5 {
		t.Fatalf("the US pack should name its not-the-collector speakers once as a phrase set, got %v", raw.PhraseSets)
	}
	var quoted strings.Builder
	enc := json.NewEncoder(&quoted)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(set.EN[0])
	if n := strings.Count(string(doc), strings.TrimSpace(quoted.String())); n != 1 {
		t.Errorf("the set's first phrase is written %d times in the document, want once", n)
	}
	p, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	holders := 0
	_ = walkPhraseGroups(reflect.ValueOf(p).Elem(), func(g *PhraseGroup) error {
		for _, ph := range append(slices.Clone(g.ZH), g.EN...) {
			if phraseSetRef.MatchString(ph) {
				t.Errorf("group %q keeps the reference %s unexpanded", g.ID, ph)
			}
		}
		if containsAll(g.EN, set.EN) {
			holders++
		}
		return nil
	})
	if holders < 10 {
		t.Errorf("%d phrase groups hold the whole set after expansion, want the THREAT violation and its composites (≥ 10)", holders)
	}
	// and the set does its work in the violation and in the composites: an ex's words are no
	// collector's threat, the collector's are.
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		text   string
		threat bool
	}{
		{"My ex-husband said he would break my legs if I went to the hearing. The collector calls me every week about the car loan.", false},
		{"The collector said they know where my kids go to school and that something could happen to them on the way home.", true},
	} {
		a := p.Judge(Facts{Narrative: c.text}, "", now)
		if got := a.Severity == domain.PriorityUrgent; got != c.threat {
			t.Errorf("%q: URGENT %v (%s), want %v", c.text, got, a.Severity, c.threat)
		}
	}
}

// TestPhraseSetsRefuseWhatTheyCannotExpand: a reference to no set, a set with nothing in the
// group's language and a badly named set are errors (in Chinese too), not literal patterns.
func TestPhraseSetsRefuseWhatTheyCannotExpand(t *testing.T) {
	doc, err := BuiltinDocument(US)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(m map[string]any)) []byte {
		var c map[string]any
		_ = json.Unmarshal(doc, &c)
		f(c)
		b, _ := json.Marshal(c)
		return b
	}
	threatExceptEN := func(c map[string]any) map[string]any {
		return c["violations"].(map[string]any)["THREAT"].(map[string]any)["except"].(map[string]any)
	}
	for _, tc := range []struct {
		name, want, wantZh string
		f                  func(c map[string]any)
	}{
		{"undefined", "phrase set @NO_SUCH_SET is not defined", "未在 phraseSets 中定义", func(c map[string]any) {
			g := threatExceptEN(c)
			g["en"] = append(g["en"].([]any), "@NO_SUCH_SET")
		}},
		{"no phrases in the language", "has no zh phrases", "没有 zh 短语", func(c map[string]any) {
			g := threatExceptEN(c)
			g["zh"] = append(g["zh"].([]any), "@NOT_THE_COLLECTOR_EN")
		}},
		{"bad name", "use letters, digits and _", "只能由字母", func(c map[string]any) {
			c["phraseSets"].(map[string]any)["1-bad"] = map[string]any{"en": []any{"x"}}
		}},
	} {
		_, err := Parse(edit(tc.f))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want one saying %q", tc.name, err, tc.want)
			continue
		}
		if zh := packErrorZh(strings.TrimPrefix(err.Error(), "rules: ")); !strings.Contains(zh, tc.wantZh) {
			t.Errorf("%s: Chinese %q, want it to say %q", tc.name, zh, tc.wantZh)
		}
	}
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}
