package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// session 31 (veto31): the model's veto of the rules' borderline flags (veto.go).

func vetoJudge(t *testing.T, u ModelUse, j Jurisdiction, text string) *domain.Assessment {
	t.Helper()
	before := UseModel(u)
	t.Cleanup(func() { UseModel(before) })
	p := mustPack(t, j)
	return p.Judge(Facts{Narrative: text}, "", time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
}

func findingOf(a *domain.Assessment, v domain.ViolationType) (domain.SuggestedViolation, bool) {
	for _, s := range a.Violations {
		if s.Type == v {
			return s, true
		}
	}
	return domain.SuggestedViolation{}, false
}

func vetoedOf(a *domain.Assessment, v domain.ViolationType) []domain.DismissedEvidence {
	var out []domain.DismissedEvidence
	for _, d := range a.Dismissed {
		if d.Type == v && strings.HasPrefix(d.Reason, VetoReason+" p=") {
			out = append(out, d)
		}
	}
	return out
}

func TestVetoS31HoldsBackABorderlineFlagAndKeepsIt(t *testing.T) {
	m, err := model.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	const weak = "催收说我是老赖" // ABUSIVE_LANGUAGE on one word, confidence 0.6
	off := vetoJudge(t, ModelUse{}, CN, weak)
	if s, ok := findingOf(off, domain.ViolationAbusiveLanguage); !ok || s.Confidence < domain.RoutingConfidence || s.Confidence >= VetoBorderline {
		t.Fatalf("rules alone: %+v; want a borderline ABUSIVE_LANGUAGE flag", off.Violations)
	}
	// a veto every probability passes under (1.01) holds the flag back, and keeps its evidence
	always := ModelUse{Model: m, Packs: []Jurisdiction{}, Vetoes: map[Jurisdiction]ModelVeto{CN: {Below: map[domain.ViolationType]float64{domain.ViolationAbusiveLanguage: 1.01}}}}
	got := vetoJudge(t, always, CN, weak)
	if _, ok := findingOf(got, domain.ViolationAbusiveLanguage); ok {
		t.Errorf("vetoed: %+v; want no ABUSIVE_LANGUAGE finding", got.Violations)
	}
	d := vetoedOf(got, domain.ViolationAbusiveLanguage)
	if len(d) != 1 || d[0].Evidence.Phrase == "" {
		t.Errorf("dismissed %+v; want the flag's evidence with reason %q", got.Dismissed, VetoReason+" p=…")
	}
	// a veto no probability passes under leaves it
	never := always
	never.Vetoes = map[Jurisdiction]ModelVeto{CN: {Below: map[domain.ViolationType]float64{domain.ViolationAbusiveLanguage: 1e-12}}}
	if got := vetoJudge(t, never, CN, weak); len(vetoedOf(got, domain.ViolationAbusiveLanguage)) > 0 {
		t.Errorf("veto below 1e-12 held back %+v", got.Dismissed)
	}
	// another pack's veto does not reach CN
	us := always
	us.Vetoes = map[Jurisdiction]ModelVeto{US: always.Vetoes[CN]}
	if got := vetoJudge(t, us, CN, weak); len(vetoedOf(got, domain.ViolationAbusiveLanguage)) > 0 {
		t.Errorf("a US veto held back a CN flag: %+v", got.Dismissed)
	}

	// a strong flag on one piece of evidence is borderline only when the veto says Single
	const one = "他骂我是废物" // confidence ≥ 0.7, one piece of evidence
	if got := vetoJudge(t, always, CN, one); len(vetoedOf(got, domain.ViolationAbusiveLanguage)) > 0 {
		t.Errorf("a flag of confidence ≥ %.1f was vetoed without Single: %+v", VetoBorderline, got.Dismissed)
	}
	single := always
	single.Vetoes = map[Jurisdiction]ModelVeto{CN: {Below: always.Vetoes[CN].Below, Single: true}}
	if got := vetoJudge(t, single, CN, one); len(vetoedOf(got, domain.ViolationAbusiveLanguage)) != 1 {
		t.Errorf("Single: dismissed %+v; want the one piece vetoed", got.Dismissed)
	}
	// several pieces of strong evidence: never borderline
	if got := vetoJudge(t, single, CN, "电话里一直骂我是废物 老赖 不要脸"); len(vetoedOf(got, domain.ViolationAbusiveLanguage)) > 0 {
		t.Errorf("a flag of three pieces was vetoed: %+v", got.Dismissed)
	}
}

func TestVetoS31NeverHoldsBackAThreat(t *testing.T) {
	m, err := model.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	all := map[domain.ViolationType]float64{}
	for _, v := range domain.ViolationTypes {
		all[v.Type] = 1.01
	}
	u := ModelUse{Model: m, Packs: []Jurisdiction{}, Vetoes: map[Jurisdiction]ModelVeto{CN: {Below: all, Single: true}, US: {Below: all, Single: true}}}
	for _, c := range []struct {
		j    Jurisdiction
		text string
	}{
		{CN, "催收说让我等着瞧"},          // a weak threat, confidence 0.6
		{CN, "催收员说知道我家住哪 要弄死我全家"}, // URGENT
		{US, "The collector said he knows where I live and will kill me if I do not pay."},
	} {
		off := vetoJudge(t, ModelUse{}, c.j, c.text)
		th, ok := findingOf(off, domain.ViolationThreat)
		if !ok || th.Confidence < domain.RoutingConfidence {
			t.Fatalf("%q: rules alone %+v; want a THREAT flag", c.text, off.Violations)
		}
		got := vetoJudge(t, u, c.j, c.text)
		if g, ok := findingOf(got, domain.ViolationThreat); !ok || g.Confidence != th.Confidence {
			t.Errorf("%q: with every type vetoed the THREAT is %+v; want it as the rules' %.2f", c.text, g, th.Confidence)
		}
		if got.Severity != off.Severity || got.SuggestedReferral != off.SuggestedReferral {
			t.Errorf("%q: severity %s referral %s; the rules alone %s %s", c.text, got.Severity, got.SuggestedReferral, off.Severity, off.SuggestedReferral)
		}
		if d := vetoedOf(got, domain.ViolationThreat); len(d) > 0 {
			t.Errorf("%q: THREAT evidence vetoed: %+v", c.text, d)
		}
	}
}

func TestVetoS31Switches(t *testing.T) {
	if off, err := ModelFromSetting("off"); err != nil || len(off.Vetoes) > 0 {
		t.Errorf("off = %+v, %v; want no veto", off, err)
	}
	for _, s := range []string{"", "auto", "builtin"} {
		u, err := ModelFromSetting(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Vetoes) != len(ModelVetoes) {
			t.Errorf("%q: vetoes %v; want ModelVetoes %v", s, u.Vetoes, ModelVetoes)
		}
	}
	// measured, not adopted (docs/RULES.md "Session 31 (veto31)"): no pack vetoes by default, and the
	// CN pack judged with the default is the rules alone, the borderline flag kept
	if len(ModelVetoes) != 0 {
		t.Errorf("ModelVetoes = %v; the session-31 measurement adopted none", ModelVetoes)
	}
	auto, _ := ModelFromSetting("auto")
	if _, ok := auto.VetoFor(CN); ok {
		t.Error("auto vetoes CN flags")
	}
	got := vetoJudge(t, auto, CN, "催收说我是老赖")
	if s, ok := findingOf(got, domain.ViolationAbusiveLanguage); !ok || s.Confidence < domain.RoutingConfidence {
		t.Errorf("auto: %+v; want the rules' ABUSIVE_LANGUAGE flag", got.Violations)
	}
	// a veto without a model is none
	if _, ok := (ModelUse{Vetoes: map[Jurisdiction]ModelVeto{CN: {Below: map[domain.ViolationType]float64{domain.ViolationAbusiveLanguage: 1}}}}).VetoFor(CN); ok {
		t.Error("a veto without a model applies")
	}
}
