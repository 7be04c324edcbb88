package api_test

import (
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// TestWebWalk28fix: the analysis named every rule as if its id were "CODE.group": the engine's own
// checks (amounts.total, mentions.hours) read "amounts", "mentions", the statistical model
// "model:ngram", and a raw pattern ("re:(被|让|给)…") its whole expression. They read in words, and
// an id of no known kind gets the neutral label, the id kept in data-rule and the title.
func TestWebWalk28fix(t *testing.T) {
	env := startForBrowser(t, apptest.Options{Seed: 61})
	var ref string
	env.App.DB.Gorm.Raw(`SELECT c.reference FROM complaints c WHERE c.status = 'IN_TRIAGE'
		AND c.assessment->'Violations'->0->'Evidence'->0->>'Phrase' <> '' ORDER BY c.id DESC LIMIT 1`).Scan(&ref)
	if ref == "" {
		t.Fatal("no complaint in triage with a phrase found")
	}
	if err := env.App.DB.Gorm.Exec(`UPDATE complaints SET assessment = jsonb_set(assessment, '{Violations,0,Evidence}',
		(SELECT jsonb_agg(jsonb_set(assessment->'Violations'->0->'Evidence'->0, '{Rule}', to_jsonb(r))) FROM unnest(ARRAY[
		'amounts.total: 3000 repaid and 2000 demanded on 2000 borrowed, at least 2.5 times the principal',
		'mentions.hours: contact at 23:10, outside 08:00–21:00 (narrative)',
		'model:ngram: THREAT p=0.910 ≥ 0.500',
		're:(被|让|给)(催收|骚扰)(得|到)']) r)) WHERE reference = ?`, ref).Error; err != nil {
		t.Fatal(err)
	}
	b := phoneAt(t, env, "supervisor@redline.demo", "/c/"+ref, "#assessment .rule-id")
	names := `[...document.querySelectorAll('#assessment .rule-id')].map((e) => e.dataset.rule + '=' + e.textContent).join(' | ')`
	check := func(lang string, want []string) {
		t.Helper()
		got := b.eval(names)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the rules read %q, want %q", lang, got, w)
			}
		}
		for _, bad := range []string{"=“amounts”", "=“mentions”", "=“model”", "=“model:ngram”", "=“re:", "“(被"} {
			if strings.Contains(got, bad) {
				t.Errorf("%s: the rules read %q: an id as the rule's name", lang, got)
				break
			}
		}
	}
	check("zh", []string{"amounts.total=“金额与费率计算”", "mentions.hours=“联系时间与次数”", "model:ngram=“统计模型”", "re:(被|让|给)(催收|骚扰)(得|到)="})
	if got := b.eval(`document.querySelector('#assessment .rule-id[data-rule^="re:"]')?.textContent ?? 'none'`); got != "" {
		t.Errorf("a raw pattern's rule reads %q, want the neutral label alone", got)
	}
	b.toEnglish()
	b.waitJS("the analysis in English", `/statistical model/.test(document.querySelector('#assessment').textContent)`)
	check("en", []string{"amounts.total=“amounts and rates”", "mentions.hours=“contact times and counts”", "model:ngram=“statistical model”"})
	b.clean()
}
