package graph

import (
	"context"
	"strings"
	"testing"
)

// TestInvisibleFormatCharactersRefused (round 20 left them; session 26, attack): tag characters
// (U+E0000–U+E007F), interlinear annotation marks, invisible operators, deprecated format
// characters and shorthand format controls were accepted in every free-text field. They hide text
// from a reader ("a" + tags reads "a"), and between the letters of a threat they hid it from the
// rule engine (it skips zero-width spaces, not these: "全家不得安宁" with U+E0041 or U+2063
// between its letters judged NORMAL, not URGENT). They are refused at intake, in variables and
// literals, with BAD_USER_INPUT on the field and the code point named; a flag's tag sequence
// (🏴 of Scotland), zero-width spaces and joiners, the word joiner, the BOM and the soft hyphen
// stay accepted.
func TestInvisibleFormatCharactersRefused(t *testing.T) {
	x, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	const evidence = `mutation($d: String) { addEvidence(complaintId: "c", uploadToken: "u", description: $d) { id } }`
	tags := func(s string) string { return strings.Join(strings.Split(s, ""), "\U000E0041") }
	for name, c := range map[string]struct {
		query string
		vars  map[string]any
		field string
		code  string
	}{
		"TagsInNarrative":    {fileQuery, map[string]any{"i": filing(map[string]any{"narrative": tags("催收员说要让我全家不得安宁")})}, "input.narrative", "U+E0041"},
		"HiddenASCII":        {fileQuery, map[string]any{"i": filing(map[string]any{"narrative": "催收员每天打电话骚扰我\U000E0049\U000E0047\U000E004E\U000E004F\U000E0052\U000E0045"})}, "input.narrative", "U+E0049"},
		"LanguageTag":        {evidence, map[string]any{"d": "\U000E0001\U000E007A\U000E0068截图"}, "description", "U+E0001"},
		"InvisibleOperator":  {evidence, map[string]any{"d": "全\u2063家"}, "description", "U+2063"},
		"Annotation":         {evidence, map[string]any{"d": "截图\ufff9隐藏\ufffa注\ufffb"}, "description", "U+FFF9"},
		"Deprecated":         {evidence, map[string]any{"d": "a\u206Bb"}, "description", "U+206B"},
		"Shorthand":          {evidence, map[string]any{"d": "a\U0001BCA0b"}, "description", "U+1BCA0"},
		"FlagUnterminated":   {evidence, map[string]any{"d": "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074"}, "description", "U+E0067"},
		"FlagTooLong":        {evidence, map[string]any{"d": "🏴" + strings.Repeat("\U000E0061", 20) + "\U000E007F"}, "description", "U+E0061"},
		"TagsAfterFlag":      {evidence, map[string]any{"d": "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F\U000E0041"}, "description", "U+E0041"},
		"IncidentTags":       {fileQuery, map[string]any{"i": filing(map[string]any{"incidents": []any{map[string]any{"occurredAt": "2026-01-05T23:10:00+08:00", "channel": "SMS", "description": tags("砸门")}}})}, "input.incidents.0.description", "U+E0041"},
		"Literal":            {"mutation { addEvidence(complaintId: \"c\", uploadToken: \"u\", description: \"a\U000E0041b\") { id } }", nil, "description", "U+E0041"},
		"AnalyzeMessagesTag": {`query($t: [CollectorMessageInput!]!) { analyzeMessages(texts: $t) { __typename } }`, map[string]any{"t": []any{map[string]any{"text": tags("不还钱就去你家")}}}, "texts.0.text", "U+E0041"},
	} {
		t.Run(name, func(t *testing.T) {
			res, refused := x.Run(context.Background(), Request{Query: c.query, Variables: c.vars})
			if !refused || len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != c.field ||
				!strings.Contains(res.Errors[0].Message, "invisible format character ("+c.code+")") {
				t.Fatalf("refused %v, errors %+v; want BAD_USER_INPUT on %s naming %s", refused, res.Errors, c.field, c.code)
			}
			if zh, _ := res.Errors[0].Extensions["messageZh"].(string); !strings.Contains(zh, c.code) {
				t.Errorf("messageZh %q does not name %s", zh, c.code)
			}
		})
	}
	for name, s := range map[string]string{
		"Scotland":  "我在爱丁堡🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F借的钱",
		"Wales":     "🏴\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F",
		"ZeroWidth": "催\u200b收\u200c员\u200d打\u2060电\ufeff话\u00ad",
		"Family":    "👨\u200d👩\u200d👧 全家",
		"Variation": "❤\ufe0f",
		"PlainFlag": "🏴 黑旗",
	} {
		if en, _ := BadText(s); en != "" {
			t.Errorf("%s: %q refused: %s", name, s, en)
		}
	}
}
