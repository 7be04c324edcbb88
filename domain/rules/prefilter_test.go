package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

func domainType(s string) domain.ViolationType { return domain.ViolationType(s) }

// TestRequiredConjuncts: a pattern's prefilter needs one literal of each part that every match holds.
func TestRequiredConjuncts(t *testing.T) {
	got := requiredConjuncts(`打[^，]{0,6}(爸|妈)(都)?被`)
	// adjacent parts that match a few strings each join into their products
	want := [][]string{{"打"}, {"妈被", "妈都被", "爸被", "爸都被"}}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g []string) bool { return slices.Equal(g, w) }) {
			t.Errorf("conjuncts %q lack %q", got, w)
		}
	}
	for _, g := range got {
		if slices.Contains(g, "都") {
			t.Errorf("an optional part is required: %q", got)
		}
	}
	if got := requiredConjuncts(`(?:打|骂)(?:了)?(?:遍|爆)`); !slices.EqualFunc(got, [][]string{{"打了遍", "打了爆", "打遍", "打爆", "骂了遍", "骂了爆", "骂遍", "骂爆"}},
		func(a, b []string) bool { return slices.Equal(a, dedupe(slices.Clone(b))) }) {
		t.Errorf("products: %q", got)
	}
	if got := requiredConjuncts(`(a|b*)x?`); len(got) != 0 {
		t.Errorf("nothing is required, got %q", got)
	}
}

// TestPrefilterSkipsClauses: a clause that lacks one of a pattern's literal sets is never searched,
// and a hit found through the prefilter keeps its phrase, rule, confidence and law.
func TestPrefilterSkipsClauses(t *testing.T) {
	p := mustPack(t, CN)
	ac, err := newRuneAutomaton([]string{"打给", "爸", "妈"})
	if err != nil {
		t.Fatal(err)
	}
	pf := &prefilter{ac: ac, lits: []string{"打给", "爸", "妈"}}
	text := "他们打给我妈，我爸被吓到了，打给谁都没用"
	clauses := clauseSpans(text)
	hits := pf.find(text, clauses)
	all := []uint64{1<<len(clauses) - 1}
	m := &phraseMatcher{need: [][]int32{{0}, {1, 2}}} // 打给 and one of 爸, 妈
	set, ok := hits.candidates(m, all, make([]uint64, 2))
	if !ok || len(set) != 1 || set[0] != 1 {
		t.Fatalf("candidate clauses %b of %d, want only the first", set, len(clauses))
	}
	a := p.Judge(Facts{Narrative: "催收把我的欠款截图发到了我们小区的业主群里"}, "", time.Now())
	found := false
	for _, v := range a.Violations {
		for _, e := range v.Evidence {
			if e.Phrase == "" || e.Rule == "" || e.Confidence <= 0 || e.Law == "" {
				t.Errorf("%s evidence without phrase, rule, confidence or law: %+v", v.Type, e)
			}
		}
		found = found || v.Type == "PRIVACY_DISCLOSURE"
	}
	if !found {
		t.Errorf("posting the debt in a group chat is no PRIVACY_DISCLOSURE: %+v", a.Violations)
	}
}

// TestStructuresAsPeopleWriteThem: composites and word classes added for issue 13's second pass, on
// texts written for this test.
func TestStructuresAsPeopleWriteThem(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		j       Jurisdiction
		text    string
		want    string
		urgent  bool
		notWant string
	}{
		{US, "I sent them a letter requesting validation of the debt in May. They never responded.", "MISSING_DISCLOSURE", false, ""},
		{US, "I told the agency in writing to stop calling me. Two days later I received another call from them.", "CONTACT_AFTER_STOP", false, ""},
		{US, "I sent a cease and desist letter to the company.", "", false, "CONTACT_AFTER_STOP"},
		{US, "Somebody opened this card without my consent, my identity was stolen.", "DEBT_DISPUTE", false, ""},
		{US, "The collector said they were going to take me to court over a time-barred debt.", "FALSE_REPRESENTATION", false, ""},
		{CN, "我在APP里申请了停催，结果这周又有陌生号码打来催款", "CONTACT_AFTER_STOP", false, ""},
		{CN, "打来的号码天天都不一样，回拨过去是空号", "UNIDENTIFIED_COLLECTOR", false, ""},
		{CN, "催收发来一句：钱重要还是命重要，你自己想清楚", "THREAT", true, ""},
		{CN, "除夕晚上他们还在打电话催款", "IMPROPER_HOURS", false, ""},
		{CN, "我早就在门店退货了，现在却说我逾期", "DEBT_DISPUTE", false, ""},
		{CN, "我的资料被泄露给第三方催收公司", "", false, "THIRD_PARTY_CONTACT"},
	}
	for _, c := range cases {
		p := mustPack(t, c.j)
		v := p.JudgeText("t", c.text, now)
		flagged := v.Flagged()
		if c.want != "" && !slices.Contains(flagged, domainType(c.want)) {
			t.Errorf("%q: flagged %v, want %s", c.text, flagged, c.want)
		}
		if c.notWant != "" && slices.Contains(flagged, domainType(c.notWant)) {
			t.Errorf("%q: flagged %v, must not flag %s", c.text, flagged, c.notWant)
		}
		if c.urgent && (!strings.EqualFold(string(v.Severity), "URGENT") || !v.PoliceReferral) {
			t.Errorf("%q: severity %s, police %v; a threat to safety is URGENT with a police referral", c.text, v.Severity, v.PoliceReferral)
		}
	}
}
