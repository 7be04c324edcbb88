package rules

import (
	"fmt"
	"strings"
	"testing"
)

// TestSession14Anchors: ^ and $ in a plain pattern are the start and end of the text or of a clause
// (docs/RULES.md "Engine, session 14 (anchor): ^ and $ in patterns"), whatever range the pattern is
// searched in; before session 14 they were literal characters, so the exceptions written as
// "(^|[^把对将])…" never matched at the start of the text, and "(，|$)" never at its end or before a
// full stop. A match does not keep the clause mark or quote an anchor consumed. A pattern with an
// anchor (plain or re:) that a composite searches after its first fact runs on whole clauses: ^ is
// a clause's start, not the end of the first fact.
func TestSession14Anchors(t *testing.T) {
	p := mustPack(t, CN)
	g := &PhraseGroup{Weight: 1}
	t.Run("compile", func(t *testing.T) {
		for _, c := range []struct {
			pat, lang, text string
			want            []string // the matches in the whole text, as an exception searches it
		}{
			{`(^|[^把对将])(我|本人)(已经|已)?(报警|起诉)`, "zh", "我已经报警了", []string{"我已经报警"}},
			{`(^|[^把对将])(我|本人)(已经|已)?(报警|起诉)`, "zh", "对方冒充警察，我已经报警了", []string{"我已经报警"}},
			{`(^|[^把对将])(我|本人)(已经|已)?(报警|起诉)`, "zh", "他们说要把我起诉", nil},
			{`^我(已经)?报警`, "zh", "他说：“我已经报警了”", []string{"我已经报警"}},
			{`^我(已经)?报警`, "zh", "他说我已经报警了", nil},
			{`(说|称)(没有|没)(，|$)`, "zh", "客服说没有", []string{"说没有"}},
			{`(说|称)(没有|没)(，|$)`, "zh", "客服称没有。又挂了", []string{"称没有"}},
			{`(说|称)(没有|没)(，|$)`, "zh", "客服说没有，就挂了", []string{"说没有"}},
			{`(说|称)(没有|没)(，|$)`, "zh", "客服说没有合同", nil},
			{`没有$`, "zh", "他们说“没有”。", []string{"没有"}},
			{`^(i|we) paid`, "en", "they called again. we paid it", []string{"we paid"}},
			{`^(i|we) paid`, "en", "We paid it in full", []string{"we paid"}},
			{`^(i|we) paid`, "en", "they say we paid late", nil},
			{`(refused|declined)$`, "en", "i asked for validation and they refused.", []string{"refused"}},
			{`(refused|declined)$`, "en", "they refused to send it", nil},
			// escaped, they are the characters; in a class, as in RE2
			{`\$5`, "en", "a fee of $5", []string{"$5"}},
			{`a\^2`, "en", "a^2 and a2", []string{"a^2"}},
			{`[^没不](上门)`, "zh", "没上门，又上门了", []string{"又上门"}},
		} {
			re, err := compilePattern(c.pat, c.lang, p.Language[c.lang].Gap, nil)
			if err != nil {
				t.Fatal(err)
			}
			m := newPhraseMatcher(c.lang, c.pat, re, g)
			text := p.normalize(c.text).text
			var got []string
			for _, loc := range m.find(text, 0, len(text)) {
				got = append(got, text[loc[0]:loc[1]])
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s in %q: %q, want %q", c.pat, c.text, got, c.want)
			}
		}
	})
	t.Run("within", func(t *testing.T) {
		// a composite's second part, searched after the first fact (ending after "合同"), with the
		// prefilter and without (the legacy scan)
		for _, c := range []struct {
			lang, pat, text, after string
			want                   []string
		}{
			{"zh", `^没有`, "我问他们要合同。没有，他们说", "合同", []string{"没有"}},
			{"zh", `re:^没有`, "我问他们要合同。没有，他们说", "合同", []string{"没有"}},
			{"zh", `^没有`, "我问他们要合同没有回音", "合同", nil},
			{"zh", `re:^没有`, "我问他们要合同没有回音", "合同", nil},
			{"zh", `(说|称)没有$`, "我问他们要合同，他们说没有。", "合同", []string{"说没有"}},
			// an English full stop ends a sentence, not a clause: a plain ^ sees it
			{"en", `^(i|we) (don't|do not)`, "They claim I owe $300. I don't.", "owe", []string{"i don't"}},
			{"en", `^(i|we) (don't|do not)`, "They claim I owe it and I don't know why.", "owe", nil},
		} {
			re, err := compilePattern(c.pat, c.lang, p.Language[c.lang].Gap, nil)
			if err != nil {
				t.Fatal(err)
			}
			m := newPhraseMatcher(c.lang, c.pat, re, g)
			st := p.prepare(c.text)
			from := strings.Index(st.t, c.after) + len(c.after)
			legacy := *st
			legacy.lits = nil
			for name, s := range map[string]*scanState{"prefilter": st, "legacy": &legacy} {
				var got []string
				for _, loc := range s.within(&m, from, len(s.t)) {
					got = append(got, s.t[loc[0]:loc[1]])
				}
				if fmt.Sprint(got) != fmt.Sprint(c.want) {
					t.Errorf("%s (%s) after %q in %q: %q, want %q", c.pat, name, c.after, c.text, got, c.want)
				}
			}
		}
	})
	// the pack's anchored patterns, as their authors meant them
	t.Run("pack", func(t *testing.T) {
		runFlagCases(t, p, []flagCase{
			// FALSE_REPRESENTATION's exception (^|[^把对将])(我|本人|我们|我也)…(报案|报警|起诉|立案):
			// the complainant's own report, also at the start of the text
			{"OwnSuitFirst", "我已经起诉到法院了，他们还是天天打电话", none, falseRep},
			{"OwnCaseFirst", "本人已经立案了，派出所在处理", none, falseRep},
			{"TheirSuit", "他们说已经把我起诉到法院了", falseRep, none},
			// VISIT_HARASSMENT's exception (^|[^没不])(下周|…)...(上门|…): a visit announced, not made
			{"VisitAnnouncedFirst", "下周上门，他们在电话里说的", none, visit},
			{"VisitMade", "没过几天两个催收员上门堵我", visit, none},
			// MISSING_DISCLOSURE's composite: asked for the contract, then (说|称)(没有|没)(，|$)
			{"SaidNoneAtTheEnd", "我问客服要借款合同，客服称没有。", missing, none},
			{"SaidNo", "我让他们把合同发给我，他们说没。", missing, none},
			{"SaidNoProblem", "我问客服要借款合同，客服称没有问题", none, missing},
		})
	})
}
