package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
)

// TestZHSession14ModelGate: a pack's gate (ModelGate) narrows the model's flags in judgement — an
// allow-list of types, the rules' support for the type (a weak or dismissed hit of it, or with
// SupportRelated a hit of a type of its family), a per-type probability — and Judge (routing) and
// JudgeText (`rules judge`, `rules eval`) take the same gate. The model here marks ABUSIVE_LANGUAGE
// by a made-up phrase (紫色长颈鹿) that the rules do not know.
func TestZHSession14ModelGate(t *testing.T) {
	p, _ := Default(CN)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := giraffeModel(t, domain.ViolationAbusiveLanguage)
	abuse := domain.ViolationAbusiveLanguage
	const (
		plain     = "对方一直叫我紫色长颈鹿"          // no rule hit at all
		dismissed = "催收员没有辱骂我。他们一直叫我紫色长颈鹿" // the rules' abuse hit is negated (dismissed)
		weak      = "他们骂我了吗？一直叫我紫色长颈鹿"     // the rules' abuse hit is a question (below routing)
		threat    = "催收说要弄死我，还一直叫我紫色长颈鹿"   // the rules flag THREAT, a type of the same family
	)
	for _, c := range []struct {
		name string
		gate *ModelGate // nil: no gate for CN
		text string
		want bool
	}{
		{"no gate", nil, plain, true},
		{"allow-list without the type", &ModelGate{Allow: []domain.ViolationType{domain.ViolationThreat}}, plain, false},
		{"empty allow-list", &ModelGate{Allow: []domain.ViolationType{}}, plain, false},
		{"allow-list with the type", &ModelGate{Allow: []domain.ViolationType{abuse}}, plain, true},
		{"own support, no rule hit", &ModelGate{Support: SupportOwn}, plain, false},
		{"own support, a dismissed hit", &ModelGate{Support: SupportOwn}, dismissed, true},
		{"own support, a weak hit", &ModelGate{Support: SupportOwn}, weak, true},
		{"own support, a related type only", &ModelGate{Support: SupportOwn}, threat, false},
		{"related support, a related type", &ModelGate{Support: SupportRelated}, threat, true},
		{"related support, no rule hit", &ModelGate{Support: SupportRelated}, plain, false},
		{"per-type probability above the model's", &ModelGate{Min: map[domain.ViolationType]float64{abuse: 1.01}}, plain, false},
		{"per-type probability of another type", &ModelGate{Min: map[domain.ViolationType]float64{domain.ViolationThreat: 1.01}}, plain, true},
		{"allow-list and support", &ModelGate{Allow: []domain.ViolationType{abuse}, Support: SupportOwn}, plain, false},
	} {
		u := Everywhere(m)
		if c.gate != nil {
			u.Gates = map[Jurisdiction]ModelGate{CN: *c.gate}
		}
		before := UseModel(u)
		routed := p.Judge(Facts{Narrative: c.text}, "", now)
		judged := p.JudgeText("t", c.text, now)
		UseModel(before)
		got := slices.Contains(judged.Flagged(), abuse)
		if got != c.want {
			t.Errorf("%s: %q flagged %v, want %v (%+v)", c.name, c.text, got, c.want, judged.Violations)
		}
		if routedGot := slices.ContainsFunc(routed.Violations, func(v domain.SuggestedViolation) bool {
			return v.Type == abuse && v.Confidence >= domain.RoutingConfidence
		}); routedGot != got {
			t.Errorf("%s: routing (Judge) flags %v, rules judge (JudgeText) %v", c.name, routedGot, got)
		}
		if got {
			// the n-grams that drove the flag stay its evidence
			i := slices.IndexFunc(judged.Violations, func(v VerdictViolation) bool { return v.Type == abuse })
			if !slices.ContainsFunc(judged.Violations[i].Evidence, func(e VerdictEvidence) bool {
				return strings.HasPrefix(e.Rule, ModelRule) && strings.ContainsAny(e.Phrase, "紫颈鹿")
			}) {
				t.Errorf("%s: no model n-gram among the evidence %+v", c.name, judged.Violations[i].Evidence)
			}
		}
	}

	// the settings judgement reads carry the gate table, for every pack that takes the model
	saved := ModelGates
	t.Cleanup(func() { ModelGates = saved })
	ModelGates = map[Jurisdiction]ModelGate{CN: {Support: SupportOwn}}
	for _, s := range []string{"auto", "builtin"} {
		u, err := ModelFromSetting(s)
		if err != nil || u.GateFor(CN).Support != SupportOwn || u.GateFor(US).Support != "" {
			t.Errorf("%s: gates %+v, %v; want ModelGates", s, u.Gates, err)
		}
	}
}

// TestZHSession14GateChoice: GateCV's groups join near-duplicates (the same author filing twice) and
// its nested choice keeps a type in the allow-list only when the model's flags raise the type's F1
// on the judgements it is shown, and picks the per-type probability of highest F1 (ties: the higher).
func TestZHSession14GateChoice(t *testing.T) {
	g := nearDuplicateGroups([]string{
		"催收每天打我电话二十多次，还打给我的父母和同事，说我欠钱不还。",
		"催收每天打我电话二十多次，还打给我的父母和同事，说我欠钱不还！！",
		"平台收取高额服务费和砍头息，年化利率超过百分之三十六。",
	}, 0.5)
	if g[0] != g[1] || g[2] == g[0] {
		t.Errorf("groups %v: want the first two texts together and the third apart", g)
	}

	tpc, fees := domain.ViolationThirdPartyContact, domain.ViolationUnlawfulFees
	recs := []Labelled{
		{ID: "a", Must: []domain.ViolationType{tpc}}, {ID: "b", Must: []domain.ViolationType{tpc}},
		{ID: "c"}, {ID: "d", Must: []domain.ViolationType{fees}},
	}
	js := []gateJudged{
		{rec: 0, added: []domain.ViolationType{tpc}, prob: map[domain.ViolationType]float64{tpc: 0.9}},
		{rec: 1, added: []domain.ViolationType{tpc}, prob: map[domain.ViolationType]float64{tpc: 0.7}},
		{rec: 2, added: []domain.ViolationType{tpc, fees}, prob: map[domain.ViolationType]float64{tpc: 0.55, fees: 0.9}},
		{rec: 3, rules: []domain.ViolationType{fees}},
	}
	allow := chooseGate(GateVariant{Choose: "allow"}, recs, js)
	if !slices.Equal(allow.Allow, []domain.ViolationType{tpc}) {
		t.Errorf("allow-list %v, want [%s] (its flags find 2 and cost 1; the fee flag only costs)", allow.Allow, tpc)
	}
	mins := chooseGate(GateVariant{Choose: "min"}, recs, js)
	if mins.Min[tpc] != 0.7 || mins.Min[fees] != never {
		t.Errorf("per-type probabilities %v, want %s ≥ 0.7 and no %s flag", mins.Min, tpc, fees)
	}
}
