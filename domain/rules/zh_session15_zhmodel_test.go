package rules

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/rules/model"
)

// Session 15 (zhmodel): the abstracted view of a Chinese text (AbstractFeatures), a model trained on
// it (model.Options.Abstract, NoNGrams) and the per-type choice of GateCV with an AND gate (Keep).

func TestZHSession15AbstractFeatures(t *testing.T) {
	p := mustPack(t, CN)
	names, from := AbstractFeatures(p, "他們晚上打電話給我表舅和我單位領導，我沒有借過！是誰？")
	has := func(n string) bool { return slices.Contains(names, n) }
	// traditional characters folded, kin and workplace read as their classes, the cue kinds as tokens
	for _, want := range []string{"a:打电话", "a:{THIRD}", "a:<NEG>", "a:<Q>", "a2:打电话 给我"} {
		if !has(want) {
			t.Errorf("features lack %q: %v", want, names)
		}
	}
	if slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, "領") || strings.Contains(n, "電") }) {
		t.Errorf("a traditional character was kept: %v", names)
	}
	// the words right after a negation are marked as negated, and a question's words as asked
	if !has("a!:{DEBT_FACT}") {
		t.Errorf("no negated feature for 借过 (a debt fact) after 没有: %v", names)
	}
	if !has("aq:{WHO_Q}") {
		t.Errorf("是谁？ not read as a question's word: %v", names)
	}
	// each feature points at the text as written
	e := from["a:打电话"]
	if len(e) != 1 || e[0].Phrase != "打電話" {
		t.Errorf("evidence of a:打电话 = %+v, want the phrase as written", e)
	}
	// the same view twice (a member of several classes is one token, whatever the map order)
	for range 5 {
		again, _ := AbstractFeatures(p, "他們晚上打電話給我表舅和我單位領導，我沒有借過！是誰？")
		if !slices.Equal(again, names) {
			t.Fatalf("the view changed between calls:\n%v\n%v", names, again)
		}
	}
	if n, _ := AbstractFeatures(p, "They called my mother at work."); n != nil {
		t.Errorf("an English text has an abstracted view: %v", n)
	}
}

// A model that reads only the abstracted view (no character n-grams) learns from the classes: trained
// on kin it never saw in a test text, it flags the kin it did not see.
func TestZHSession15AbstractModel(t *testing.T) {
	p := mustPack(t, CN)
	tpc := domain.ViolationThirdPartyContact
	var recs []Labelled
	kin := []string{"爸爸", "妈妈", "哥哥", "姐姐", "老婆", "同事", "领导", "朋友", "舅舅", "姑姑"}
	for i, k := range kin {
		recs = append(recs, Labelled{ID: "p" + k, Split: "train", Text: "催收打电话给我" + k + "，说了很久。", Must: []domain.ViolationType{tpc}})
		recs = append(recs, Labelled{ID: "n" + k, Split: "train", Text: []string{"我自己接到了电话，说了很久。", "我按时还款了，没有问题。"}[i%2]})
	}
	o := model.DefaultOptions
	o.Abstract, o.NoNGrams, o.MinTP, o.Target = true, true, 1, 0.5
	ex := TrainingExamplesOf(p, recs, 0, o)
	if len(ex[0].Extra) == 0 || !slices.Contains(ex[0].Extra, "a:{THIRD}") {
		t.Fatalf("training example without the abstracted view: %v", ex[0].Extra)
	}
	m := model.Train(ex, o)
	if !m.Meta.Abstract || !m.Meta.NoNGrams || !m.Extra() {
		t.Fatalf("meta %+v does not record the view", m.Meta)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := model.Read(&buf)
	if err != nil || !back.Meta.Abstract {
		t.Fatalf("read back: %v %+v", err, back.Meta)
	}
	text := "催收打电话给我二姨，说了很久。" // 二姨: a member of the class, in no training text
	extra, _ := ModelExtra(p, false, true, text, Assessment{})
	if pr := back.ProbabilitiesWith(text, extra)[tpc]; pr < 0.5 {
		t.Errorf("P(%s) of an unseen kin = %.3f, want ≥ 0.5 (the class carries it)", tpc, pr)
	}
	if pr := back.ProbabilitiesWith("我自己接到了电话，说了很久。", nil)[tpc]; pr >= 0.5 {
		t.Errorf("P(%s) of a text with no view given = %.3f: the model read character n-grams", tpc, pr)
	}
}

// The per-type choice takes, for each type, the rules alone, rules OR model ≥ t, or rules AND
// model ≥ k, whichever has the highest F1 on the judgements it is chosen on.
func TestZHSession15PerTypeGate(t *testing.T) {
	tpc, fees, dd := domain.ViolationThirdPartyContact, domain.ViolationUnlawfulFees, domain.ViolationDebtDispute
	recs := []Labelled{
		{ID: "a", Must: []domain.ViolationType{tpc}}, {ID: "b", Must: []domain.ViolationType{tpc}},
		{ID: "c"}, {ID: "d", Must: []domain.ViolationType{fees, dd}}, {ID: "e"}, {ID: "f", Must: []domain.ViolationType{dd}},
	}
	js := []gateJudged{
		{rec: 0, added: []domain.ViolationType{tpc}, prob: map[domain.ViolationType]float64{tpc: 0.9}},
		{rec: 1, added: []domain.ViolationType{tpc}, prob: map[domain.ViolationType]float64{tpc: 0.7}},
		{rec: 2, added: []domain.ViolationType{tpc, fees}, prob: map[domain.ViolationType]float64{tpc: 0.55, fees: 0.9}},
		// the rules flag DEBT_DISPUTE three times; the one the model doubts (0.02) is false
		{rec: 3, rules: []domain.ViolationType{fees, dd}, prob: map[domain.ViolationType]float64{dd: 0.4}},
		{rec: 4, rules: []domain.ViolationType{dd}, prob: map[domain.ViolationType]float64{dd: 0.02}},
		{rec: 5, rules: []domain.ViolationType{dd}, prob: map[domain.ViolationType]float64{dd: 0.3}},
	}
	g := chooseGate(GateVariant{Choose: "per-type"}, recs, js)
	if g.Min[tpc] != 0.7 || g.Min[fees] != never || g.Min[dd] != never {
		t.Errorf("OR gates %v, want %s ≥ 0.7 and neither %s nor %s", g.Min, tpc, fees, dd)
	}
	if g.Keep[dd] != 0.05 || len(g.Keep) != 1 {
		t.Errorf("AND gates %v, want only %s kept when the model gives ≥ 0.05", g.Keep, dd)
	}
	if got := js[4].flags(g); slices.Contains(got, dd) {
		t.Errorf("the doubted rules flag stands: %v", got)
	}
	if got := js[3].flags(g); !slices.Contains(got, dd) || !slices.Contains(got, fees) {
		t.Errorf("a rules flag the model backs was dropped: %v", got)
	}
	if s := gateString(g); !strings.Contains(s, "AND: DEBT_DISPUTE kept when model ≥ 0.05") {
		t.Errorf("gate shown as %q", s)
	}
}
