package rules

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// TestBuiltinModelIsCurrent retrains the model from the labelled sets' train split and compares it,
// byte for byte, with the committed domain/rules/model/model.bin.gz (`redline rules train` rewrites
// it). Training takes a few seconds.
func TestBuiltinModelIsCurrent(t *testing.T) {
	var examples []model.Example
	for _, name := range TrainingFiles {
		f, err := os.Open(filepath.Join("../..", name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := ReadLabelled(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		j := CN
		if base := filepath.Base(name); strings.HasPrefix(base, "cfpb") || strings.HasPrefix(base, "en-") {
			j = US
		}
		// as `redline rules train` reads them: with the rules' reading the options ask for
		examples = append(examples, TrainingExamplesOf(mustPack(t, j), recs, TrainingWeights[filepath.Base(name)], model.DefaultOptions)...)
	}
	for _, e := range examples {
		if strings.HasPrefix(e.ID, "heldout") {
			t.Fatalf("a held-out record %s among the training examples", e.ID)
		}
	}
	var fresh bytes.Buffer
	if err := model.Train(examples, model.DefaultOptions).Write(&fresh); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("model/model.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh.Bytes(), committed) {
		t.Fatalf("the committed model is not what the labelled sets and the code train (%d bytes, retrained %d): run `go run ./cmd/redline rules train`",
			len(committed), fresh.Len())
	}
	if len(committed) > 2<<20 {
		t.Errorf("the model is %d bytes, more than 2 MiB", len(committed))
	}
	m, err := model.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if m.Meta.Inputs != model.InputsHash(examples, model.DefaultOptions) {
		t.Error("the built-in model does not record the hash of its training inputs")
	}
}

// giraffeModel is a model trained on made-up texts in which "紫色长颈鹿" is the mark of typ.
func giraffeModel(t *testing.T, typ domain.ViolationType) *model.Model {
	t.Helper()
	fillers := []string{"今天下午接到电话", "对方语气很差", "我已经在还款了", "我家里人很担心", "平台客服不回复", "已经逾期两个月",
		"他们每次都这么说", "希望监管部门处理", "我的工资不够", "这件事让我很困扰", "我去银行咨询过", "借款合同还在"}
	return markedModel(t, typ, madeUp{id: "g", n: 60, fillers: fillers, join: "，", plain: "%s。第%d次了。", marked: "%s，他们叫我紫色长颈鹿。第%d次了。"})
}

// madeUp describes made-up training narratives: n texts of two fillers joined by join, every other
// one written with marked (the type's words), the rest with plain; both take the fillers and the
// text's number.
type madeUp struct {
	id                  string
	n                   int
	fillers             []string
	join, plain, marked string
}

// markedModel trains a model on the made-up narratives of d, the marked ones labelled typ.
func markedModel(t *testing.T, typ domain.ViolationType, d madeUp) *model.Model {
	t.Helper()
	var ex []model.Example
	for i := range d.n {
		f := d.fillers[i%len(d.fillers)] + d.join + d.fillers[(i*7+3)%len(d.fillers)]
		e := model.Example{ID: fmt.Sprintf("%s%d", d.id, i), Text: fmt.Sprintf(d.plain, f, i)}
		if i%2 == 0 {
			e.Text = fmt.Sprintf(d.marked, f, i)
			e.Must = []domain.ViolationType{typ}
		}
		ex = append(ex, e)
	}
	return model.Train(ex, model.DefaultOptions)
}

func withModel(t *testing.T, m *model.Model) {
	t.Helper()
	before := UseModel(Everywhere(m))
	t.Cleanup(func() { UseModel(before) })
}

// TestTrainingIsDeterministic: the same examples and options give the same bytes, and a model read
// back gives the same opinions.
func TestTrainingIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := giraffeModel(t, domain.ViolationAbusiveLanguage).Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := giraffeModel(t, domain.ViolationAbusiveLanguage).Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings on the same examples differ")
	}
	back, err := model.Read(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := giraffeModel(t, domain.ViolationAbusiveLanguage).Opinion("对方一直叫我紫色长颈鹿", 3)
	if got := back.Opinion("对方一直叫我紫色长颈鹿", 3); len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read back: %v, trained: %v", got, want)
	}
}

// TestModelFlag: where the rules find nothing, the model's flag carries the n-grams that drove it,
// each pointing at the text as written, with rule model:ngram and a confidence below the rules'.
func TestModelFlag(t *testing.T) {
	p, _ := Default(CN)
	text := "对方一直叫我紫色长颈鹿"
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	withModel(t, nil)
	if a := p.Judge(Facts{Narrative: text}, "", now); a.Has(domain.ViolationAbusiveLanguage) {
		t.Fatalf("the rules already flag %q", text)
	}
	withModel(t, giraffeModel(t, domain.ViolationAbusiveLanguage))
	a := p.Judge(Facts{Narrative: text}, "", now)
	i := slices.IndexFunc(a.Violations, func(v domain.SuggestedViolation) bool { return v.Type == domain.ViolationAbusiveLanguage })
	if i < 0 {
		t.Fatalf("no model flag: %+v", a.Violations)
	}
	v := a.Violations[i]
	if v.Confidence < domain.RoutingConfidence || v.Confidence >= 0.7 || len(v.Legal) == 0 {
		t.Errorf("model finding %+v: want a flag below the rules' HIGH confidence, with its law", v)
	}
	var grams []string
	for _, e := range v.Evidence {
		if !strings.HasPrefix(e.Rule, ModelRule+": ABUSIVE_LANGUAGE") || !slices.Contains(e.Modifiers, "model") || e.Law == "" {
			t.Errorf("evidence %+v: want rule %s, the model modifier and a law", e, ModelRule)
		}
		if string([]rune(text)[e.Start:e.End]) != e.Phrase {
			t.Errorf("evidence phrase %q does not point at [%d,%d) of the text", e.Phrase, e.Start, e.End)
		}
		grams = append(grams, e.Phrase)
	}
	if !slices.ContainsFunc(grams, func(g string) bool { return strings.ContainsAny(g, "紫颈鹿") }) {
		t.Errorf("n-grams %v do not show what drove the flag", grams)
	}
	if a.Severity != domain.PriorityNormal {
		t.Errorf("severity %s from a model flag alone", a.Severity)
	}
	// JudgeText reports the same flag with its evidence.
	vt := p.JudgeText("1", text, now)
	if !slices.Contains(vt.Flagged(), domain.ViolationAbusiveLanguage) {
		t.Errorf("JudgeText: %+v", vt)
	}
}

// TestModelOffIsTheRulesAlone: with the model off no evidence is the model's and the judgement is
// the rules' own.
func TestModelOffIsTheRulesAlone(t *testing.T) {
	p, _ := Default(CN)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	texts := []string{"对方一直叫我紫色长颈鹿", "催收员每天给我打二十多个电话，半夜也打，还说要到我家里来。"}
	withModel(t, nil)
	for _, text := range texts {
		a := p.Judge(Facts{Narrative: text}, "", now)
		res := p.Assess(Facts{Narrative: text})
		if len(a.Violations) != len(res.Violations) {
			t.Errorf("%q: judged %d violations, the rules find %d", text, len(a.Violations), len(res.Violations))
		}
		for _, v := range a.Violations {
			for _, e := range v.Evidence {
				if strings.HasPrefix(e.Rule, ModelRule) {
					t.Errorf("%q: model evidence with the model off: %+v", text, e)
				}
			}
		}
	}
	if u, err := ModelFromSetting("off"); u.Model != nil || err != nil {
		t.Errorf("off = %v, %v", u, err)
	}
	if _, err := ModelFromSetting("maybe"); err == nil {
		t.Error("an unknown REDLINE_MODEL value was accepted")
	}
}

// TestModelAuto: REDLINE_MODEL defaults to auto, which judges with the built-in model the packs of
// ModelAuto (US, where it measurably helps the held-out sets) and no other (CN); builtin judges
// every pack with it, off none.
func TestModelAuto(t *testing.T) {
	u, err := ModelFromSetting("")
	if err != nil || u.Model == nil || !slices.Equal(u.Packs, ModelAuto) {
		t.Fatalf("default setting = %+v, %v; want the built-in model for %v", u, err, ModelAuto)
	}
	if u.For(US) == nil || u.For(CN) != nil {
		t.Errorf("auto: US model %v, CN model %v; want US only", u.For(US) != nil, u.For(CN) != nil)
	}
	if os.Getenv("REDLINE_MODEL") == "" && !slices.Equal(CurrentModel().Packs, ModelAuto) {
		t.Errorf("the process judges with %+v, not the default", CurrentModel())
	}
	if b, err := ModelFromSetting("builtin"); err != nil || b.For(CN) == nil || b.For(US) == nil {
		t.Errorf("builtin = %+v, %v; want every pack", b, err)
	}

	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := giraffeModel(t, domain.ViolationAbusiveLanguage)
	text := "对方一直叫我紫色长颈鹿"
	for _, c := range []struct {
		name   string
		use    ModelUse
		cn, us bool
	}{
		{"auto", ModelUse{Model: m, Packs: ModelAuto}, false, true},
		{"builtin", Everywhere(m), true, true},
		{"off", ModelUse{}, false, false},
	} {
		withModel(t, nil)
		UseModel(c.use)
		for _, j := range []Jurisdiction{CN, US} {
			p, _ := Default(j)
			got := slices.Contains(p.JudgeText("a", text, now).Flagged(), domain.ViolationAbusiveLanguage)
			if want := map[Jurisdiction]bool{CN: c.cn, US: c.us}[j]; got != want {
				t.Errorf("%s: %s pack flags %q: %v, want %v", c.name, j, text, got, want)
			}
		}
	}
}

// TestModelDoesNotRecountRulesPhrase: n-grams of the model over a phrase the rules weighed and kept
// below the routing threshold (the topic words "cease and desist") do not push it over.
func TestModelDoesNotRecountRulesPhrase(t *testing.T) {
	m, err := model.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	withModel(t, m)
	p := mustPack(t, US)
	text := "I sent a cease and desist letter to the company."
	v := p.JudgeText("t", text, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if slices.Contains(v.Flagged(), domain.ViolationContactAfterStop) {
		t.Errorf("%q: flagged %+v", text, v.Violations)
	}
}

// TestModelFlagScopes: the rules' negation dismisses a model flag (kept among the dismissed hits),
// hearsay weakens it below the routing threshold, and a model THREAT never makes a case URGENT.
func TestModelFlagScopes(t *testing.T) {
	p, _ := Default(CN)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	withModel(t, giraffeModel(t, domain.ViolationAbusiveLanguage))
	neg := p.Judge(Facts{Narrative: "他们没有叫我紫色长颈鹿"}, "", now)
	if neg.Has(domain.ViolationAbusiveLanguage) {
		t.Errorf("negated: %+v", neg.Violations)
	}
	if !slices.ContainsFunc(neg.Dismissed, func(d domain.DismissedEvidence) bool {
		return d.Type == domain.ViolationAbusiveLanguage && strings.HasPrefix(d.Evidence.Rule, ModelRule) && strings.HasPrefix(d.Reason, "negated by")
	}) {
		t.Errorf("the negated model flag is not kept as dismissed: %+v", neg.Dismissed)
	}
	heard := p.JudgeText("h", "听朋友说，催收叫她紫色长颈鹿", now)
	if slices.Contains(heard.Flagged(), domain.ViolationAbusiveLanguage) {
		t.Errorf("hearsay flagged: %+v", heard)
	}

	withModel(t, giraffeModel(t, domain.ViolationThreat))
	th := p.Judge(Facts{Narrative: "对方一直叫我紫色长颈鹿"}, "", now)
	if !th.Has(domain.ViolationThreat) {
		t.Fatalf("no model THREAT: %+v", th.Violations)
	}
	if th.Severity != domain.PriorityNormal || th.SuggestedReferral != "" || len(th.Urgency) != 0 {
		t.Errorf("a model THREAT alone ranks the case %s with referral %q", th.Severity, th.SuggestedReferral)
	}
}

// BenchmarkJudgeModel is the CPU time of judging one narrative of about 200 characters with the rules
// alone and with the built-in second opinion, in the same run; with REDLINE_BENCH_MODEL set to a model
// file (`rules train --out`), also with that candidate ("candidate", e.g. a stacked model); "gated" is
// the built-in model behind a gate that reads the rules' support (session 14), the costliest gate.
func BenchmarkJudgeModel(b *testing.B) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m, err := model.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	models := map[string]*model.Model{"off": nil, "builtin": m, "gated": m}
	settings := []string{"off", "builtin", "gated"}
	if name := os.Getenv("REDLINE_BENCH_MODEL"); name != "" {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		c, err := model.Read(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		models["candidate"] = c
		settings = append(settings, "candidate")
	}
	before := CurrentModel()
	defer UseModel(before)
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := Default(j)
		f := Facts{Narrative: benchNarratives[j]}
		for _, setting := range settings {
			b.Run(string(j)+"/"+setting, func(b *testing.B) {
				UseModel(ModelUse{})
				if models[setting] != nil {
					u := Everywhere(models[setting])
					if setting == "gated" {
						u.Gates = map[Jurisdiction]ModelGate{j: {Support: SupportRelated}}
					}
					UseModel(u)
				}
				c0 := cpuTime()
				for b.Loop() {
					p.Judge(f, "", now)
				}
				b.ReportMetric(float64(cpuTime()-c0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
