package graph_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

const analyzeQuery = `query($t: [CollectorMessageInput!]!, $j: Jurisdiction) {
  analyzeMessages(texts: $t, jurisdiction: $j) {
    jurisdiction packVersion missing disclosed
    messages { index senderKind disclosed lines { code phrase start end sentence legalReferences { law article summaryEn } } }
    violations { code confidence evidence { source phrase rule } legalReferences { law article } }
  } }`

// TestAnalyzeMessagesOverHTTP calls the public analyzeMessages query without signing in, against
// the real server, and checks its answers and its input limits.
func TestAnalyzeMessagesOverHTTP(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})

	t.Run("PlatformAndPersonalMessages", func(t *testing.T) {
		d := env.MustDo(t, "", analyzeQuery, map[string]any{"t": []any{
			map[string]any{"sender": "106900001234", "sentAt": "2024-03-05T10:00:00+08:00",
				"text": "【招联消费金融】您的借款（合同编号ZL2023110500123）已逾期，欠款金额3,256.40元，请通过招联金融APP还款。"},
			map[string]any{"sender": "13800138000", "sentAt": "2024-03-05T23:40:00+08:00",
				"text": "再不还钱明天就上门，已经移交法院了，等着坐牢吧，你个老赖！"},
		}})["analyzeMessages"].(map[string]any)
		if d["jurisdiction"] != "CN" || d["packVersion"] == "" {
			t.Errorf("jurisdiction/version = %v/%v", d["jurisdiction"], d["packVersion"])
		}
		msgs := d["messages"].([]any)
		if k := msgs[0].(map[string]any)["senderKind"]; k != "PLATFORM" {
			t.Errorf("first sender = %v, want PLATFORM", k)
		}
		second := msgs[1].(map[string]any)
		if second["senderKind"] != "PERSONAL_MOBILE" {
			t.Errorf("second sender = %v, want PERSONAL_MOBILE", second["senderKind"])
		}
		codes := map[string]bool{}
		for _, l := range second["lines"].([]any) {
			line := l.(map[string]any)
			codes[line["code"].(string)] = true
			if len(line["legalReferences"].([]any)) == 0 {
				t.Errorf("line %v has no law", line)
			}
		}
		for _, c := range []string{"FALSE_REPRESENTATION", "ABUSIVE_LANGUAGE", "VISIT_HARASSMENT"} {
			if !codes[c] {
				t.Errorf("second message lines lack %s: %v", c, second["lines"])
			}
		}
		var found []string
		for _, v := range d["violations"].([]any) {
			found = append(found, v.(map[string]any)["code"].(string))
		}
		for _, c := range []string{"IMPROPER_HOURS", "UNIDENTIFIED_COLLECTOR", "FALSE_REPRESENTATION"} {
			if !strings.Contains(strings.Join(found, ","), c) {
				t.Errorf("violations %v lack %s", found, c)
			}
		}
	})
	t.Run("USJurisdiction", func(t *testing.T) {
		d := env.MustDo(t, "", analyzeQuery, map[string]any{"j": "US", "t": []any{
			map[string]any{"sender": "72345", "sentAt": "2024-03-05T10:00:00-05:00", "text": "If you do not pay today you will be arrested. This is your final warning."},
		}})["analyzeMessages"].(map[string]any)
		v := d["violations"].([]any)
		if len(v) == 0 || !strings.Contains(strings.Join(func() []string {
			var s []string
			for _, f := range v {
				for _, l := range f.(map[string]any)["legalReferences"].([]any) {
					s = append(s, l.(map[string]any)["law"].(string))
				}
			}
			return s
		}(), ","), "FDCPA") {
			t.Errorf("US analysis = %v, want an FDCPA finding", v)
		}
	})
	t.Run("ViolationTypesCarryLegalReferences", func(t *testing.T) {
		d := env.MustDo(t, "", `{ violationTypes(jurisdiction: US) { code legalReferences(jurisdiction: US) { law article } } rulePack(jurisdiction: CN) { version contactHoursEnd dailyConnectedCallCap } }`, nil)
		for _, v := range d["violationTypes"].([]any) {
			if len(v.(map[string]any)["legalReferences"].([]any)) == 0 {
				t.Errorf("%v has no legal references", v)
			}
		}
		if rp := d["rulePack"].(map[string]any); rp["contactHoursEnd"] != "22:00" || rp["dailyConnectedCallCap"] != float64(3) {
			t.Errorf("CN pack = %v", rp)
		}
	})

	msg := func(text, sentAt string) map[string]any {
		return map[string]any{"sender": "106900001234", "sentAt": sentAt, "text": text}
	}
	const at = "2024-03-05T10:00:00+08:00"
	many := make([]any, 51)
	for i := range many {
		many[i] = msg("请还款", at)
	}
	for _, tc := range []struct {
		name  string
		texts []any
		field string
	}{
		{"ErrTooManyMessages", many, "texts"},
		{"ErrMoreThan20Messages", many[:21], "texts"},
		{"ErrTooManyCharactersInAll", []any{msg(strings.Repeat("还钱", 1000), at), msg(strings.Repeat("还钱", 1000), at), msg(strings.Repeat("还钱", 1000), at),
			msg(strings.Repeat("还钱", 1000), at), msg(strings.Repeat("还钱", 1000), at), msg("请还款", at)}, "texts"},
		{"ErrMessageTooLong", []any{msg("ok", at), msg(strings.Repeat("还钱", 1001), at)}, "texts.1.text"},
		{"ErrEmptyMessage", []any{msg("  ", at)}, "texts.0.text"},
		{"ErrBadTime", []any{msg("请还款", "yesterday")}, "texts.0.sentAt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := env.Do(t, "", analyzeQuery, map[string]any{"t": tc.texts})
			if r.Code() != "BAD_USER_INPUT" || r.Field() != tc.field {
				t.Errorf("code %q field %q, want BAD_USER_INPUT at %s (%+v)", r.Code(), r.Field(), tc.field, r.Errors)
			}
		})
	}
}
