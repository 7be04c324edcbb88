package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// Session 33 (threatmodel33): the statistical THREAT model in the judgement, behind the packs'
// threatModel field, gated by the rules' scopes.

func tm33Pack(t *testing.T, j Jurisdiction, use *ThreatModelUse) *Pack {
	t.Helper()
	doc, err := BuiltinDocument(j)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if use != nil {
		p.ThreatModel = use
	}
	return p
}

// tm33On is the THREAT model on at the leave-one-writer-out thresholds (the CN pack ships it off: zh-real
// held-out THREAT precision fell; docs/RULES.md "Session 33 (threatmodel33)").
var tm33On = &ThreatModelUse{Model: "builtin", Threshold: map[string]float64{"zh": 0.456, "en": 0.851}}

func tm33ModelEvidence(a *domain.Assessment) []domain.RuleEvidence {
	var out []domain.RuleEvidence
	for _, v := range a.Violations {
		for _, e := range v.Evidence {
			if strings.HasPrefix(e.Rule, ThreatModelRule+":") {
				out = append(out, e)
			}
		}
	}
	return out
}

func TestThreatModelVeiledThreatUrgent(t *testing.T) {
	t.Setenv("REDLINE_THREAT_MODEL", "")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		j    Jurisdiction
		text string
	}{
		// veiled threats the rules alone leave NORMAL (checked: the pack with threatModel off)
		{CN, "催收发消息说：兄弟们最近手头紧，火气大，哪天碰上了别怪手下没轻没重。"},
		{US, "The collector said his guys are short on patience lately and one of these days somebody might lose their temper with me."},
	} {
		off := tm33Pack(t, c.j, &ThreatModelUse{Model: "off"}).Judge(Facts{Narrative: c.text}, "", now)
		if off.Severity == domain.PriorityUrgent || len(tm33ModelEvidence(off)) > 0 {
			t.Errorf("%s: rules alone (threatModel off) %s with model evidence %v, want no URGENT and none", c.text, off.Severity, tm33ModelEvidence(off))
		}
		a := tm33Pack(t, c.j, tm33On).Judge(Facts{Narrative: c.text}, "", now)
		ev := tm33ModelEvidence(a)
		if a.Severity != domain.PriorityUrgent || a.SuggestedReferral != domain.ReferPolice || len(ev) == 0 {
			t.Fatalf("%s: %s referral %q model evidence %v, want URGENT, POLICE and model.threat evidence", c.text, a.Severity, a.SuggestedReferral, ev)
		}
		if !strings.Contains(ev[0].Rule, "n-grams: ") || ev[0].Confidence <= 0 || ev[0].Phrase == "" {
			t.Errorf("%s: model evidence %+v, want the sentence, p and the n-grams", c.text, ev[0])
		}
	}
}

func TestThreatModelGatedByScopes(t *testing.T) {
	t.Setenv("REDLINE_THREAT_MODEL", "")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := tm33Pack(t, CN, tm33On)
	for _, text := range []string{
		"听我表哥说，催收给他发消息说：兄弟们最近手头紧，火气大，哪天碰上了别怪手下没轻没重。", // hearsay about another debtor
		"催收会不会说兄弟们最近手头紧，火气大，哪天碰上了别怪手下没轻没重？",          // the complainant's question
		"我前男友发消息说：兄弟们最近手头紧，火气大，哪天碰上了别怪手下没轻没重。",       // another speaker
	} {
		a := p.Judge(Facts{Narrative: text}, "", now)
		if ev := tm33ModelEvidence(a); len(ev) > 0 || a.Severity == domain.PriorityUrgent {
			t.Errorf("%s: %s with model evidence %v, want neither", text, a.Severity, ev)
		}
	}
}

func TestThreatModelPackField(t *testing.T) {
	// both packs ship it off until a collector-side gate holds the look-alikes (session 33: the US model
	// made blind-s33 en THREAT precision 0.875 -> 0.700 and two session-27 look-alikes URGENT)
	if p := tm33Pack(t, US, nil); p.ThreatModel == nil || p.ThreatModel.Model != "off" {
		t.Errorf("the US pack's threatModel %+v, want off", p.ThreatModel)
	}
	doc, err := BuiltinDocument(CN)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(doc), `"threatModel": {"model": "off"`, `"threatModel": {"model": "maybe"`, 1)
	if bad == string(doc) {
		t.Fatal("the CN pack has no threatModel field")
	}
	if _, err := Parse([]byte(bad)); err == nil {
		t.Error("a threatModel that is neither builtin nor off parsed")
	}
}
