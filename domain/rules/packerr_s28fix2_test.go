package rules

import (
	"os"
	"strings"
	"testing"
)

// TestPackErrZhKeepsQuotedWords: the Chinese pack errors rewrote the admin's quoted pattern, cut a
// JSON type at its "*", left the JSON kinds and a quoted language in English and counted a
// severity factor's groups from 0.
func TestPackErrZhKeepsQuotedWords(t *testing.T) {
	for _, c := range []struct{ in, want, not string }{
		{`pack CN 2024.1: violation THREAT: phrases[2]: pattern "(小心: 点": unbalanced (`, `"(小心: 点"`, "小心：点"},
		{"pack CN 2024.1: violation THREAT: phrases[2]: pattern `a: b`: unbalanced (", "`a: b`", "a：b"},
		{`violation THREAT: empty pattern phrases[3]`, "第 4 组短语中有空短语", "短语为空 第"},
		{`parse pack: json: cannot unmarshal array into Go struct field Pack.violations of type map[domain.ViolationType]*rules.ViolationRules`, "（应为对象，写成了数组）", "*rules"},
		{`parse pack: json: cannot unmarshal object into Go struct field Pack.version of type string`, "（应为字符串，写成了对象）", "object"},
		{`parse pack: json: cannot unmarshal bool into Go struct field Pack.violations of type rules.ViolationRules`, "（应为对象，写成了布尔值）", "bool"},
		{`parse pack: json: cannot unmarshal string into Go struct field Group.weight of type float64`, "（应为数字，写成了字符串）", "string"},
		{`pack CN 2024.1: language "fr": only zh and en are supported`, `语言 "fr" 的设置：只支持 zh 和 en`, "language"},
		{`pack CN 2024.1: severity.factors.HEALTH_HARM[0]: empty pattern`, "HEALTH_HARM 的第 1 组短语", "[0]"},
	} {
		got := packErrorZh(c.in)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("packErrorZh(%q) = %q, want %q and not %q", c.in, got, c.want, c.not)
		}
	}
}

// TestPackErrZhFromParse: the messages Parse gives for broken packs, in Chinese.
func TestPackErrZhFromParse(t *testing.T) {
	doc, err := os.ReadFile("packs/cn.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to, want string }{
		{`"violations": {`, `"violations": [], "y": {`, "JSON 字段 violations 的值类型不对（应为对象，写成了数组）"},
		{`"language": {`, `"language": {"fr": {}, `, `语言 "fr" 的设置`},
	} {
		_, err := Parse([]byte(strings.Replace(string(doc), c.from, c.to, 1)))
		if err == nil {
			t.Fatalf("%s: no error", c.to)
		}
		if got := packErrorZh(strings.TrimPrefix(err.Error(), "rules: ")); !strings.Contains(got, c.want) || strings.Contains(got, "英文原文") {
			t.Errorf("%s: %q reads %q, want %q", c.to, err, got, c.want)
		}
	}
}
