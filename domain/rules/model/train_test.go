package model

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/redline-regulator/redline/domain"
)

// TestThresholdTuning: the default criterion takes the lowest threshold at precision 0.9; a
// language's tuning takes the threshold of best F1 within its flag-rate budget on the texts labelled
// otherwise, and none when too few true positives back it.
func TestThresholdTuning(t *testing.T) {
	// out-of-fold probabilities, best first: 1 a positive of type 0, 0 a text labelled otherwise
	labels := []int8{1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	samples := make([]sample, len(labels))
	oof := make([]float64, len(labels))
	for i, y := range labels {
		samples[i] = sample{y: []int8{y}}
		oof[i] = 0.95 - 0.03*float64(i)
	}
	cases := []struct {
		name    string
		minTP   int
		tu      Tuning
		want    float64
		wantTPs int
	}{
		{"precision 0.9, lowest", 5, Tuning{Target: 0.9}, 0.83, 5},
		{"best F1 at precision 0.5, no budget", 5, Tuning{Target: 0.5, Beta: 1}, 0.62, 10},
		{"best F1 with at most 10 % of the 19 others flagged", 5, Tuning{Target: 0.5, Beta: 1, MaxFPR: 0.1}, 0.71, 8},
		{"at most 5 %: none of the 19 others flagged", 5, Tuning{Target: 0.5, Beta: 1, MaxFPR: 0.05}, 0.83, 5},
		{"too few true positives", 12, Tuning{Target: 0.5, Beta: 1}, 0, 0},
	}
	for _, c := range cases {
		got, p, r := threshold(samples, oof, 0, c.minTP, c.tu)
		if math.Abs(got-c.want) > 0.0015 {
			t.Errorf("%s: threshold %.3f (precision %.3f, recall %.3f), want %.3f", c.name, got, p, r, c.want)
		}
		if c.want > 0 && int(r*11+0.5) != c.wantTPs {
			t.Errorf("%s: recall %.3f, want %d of 11 positives", c.name, r, c.wantTPs)
		}
	}
}

// TestFeatureSets: an English text's optional features (session 8): character n-grams inside words
// let a misspelling share features with the word, stems join inflections, negated words get a feature
// of their own; a model records its feature set, reads it back, and judges with it, so that a model
// trained with character n-grams flags a misspelling its training texts never held.
func TestFeatureSets(t *testing.T) {
	buckets := func(text string, fs FeatureSet) map[uint32]bool {
		_, gs := FeaturesWith(text, fs)
		out := map[uint32]bool{}
		for _, g := range gs {
			out[g.Bucket] = true
		}
		return out
	}
	shared := func(a, b string, fs FeatureSet) int {
		n := 0
		for k := range buckets(a, fs) {
			if buckets(b, fs)[k] {
				n++
			}
		}
		return n
	}
	if n := shared("harassing", "harrassing", FeatureSet{}); n != 0 {
		t.Errorf("words only: %d features shared by a word and its misspelling", n)
	}
	if n := shared("harassing", "harrassing", FeatureSet{CharMin: 3, CharMax: 5}); n < 5 {
		t.Errorf("character 3-5-grams: %d features shared by a word and its misspelling, want several", n)
	}
	if n := shared("they called", "they calling", FeatureSet{Stem: true}); n != 3 {
		t.Errorf("stems: %d of the 3 n-grams shared by two inflections", n)
	}
	for w, want := range map[string]string{"calling": "call", "calls": "call", "validation": "validat", "validated": "validat", "charges": "charg", "harass": "harass", "owe": "owe"} {
		if got := stem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
	if !buckets("i don't owe this", FeatureSet{Negation: 2})[bucket("not_owe")] || buckets("i owe this", FeatureSet{Negation: 2})[bucket("not_owe")] {
		t.Error("negation: want the feature not_owe after don't, and only there")
	}
	if _, gs := FeaturesWith("I never received it", FeatureSet{Negation: 2}); !slices.ContainsFunc(gs, func(g Gram) bool { return g.Text == "never received" && g.Bucket == bucket("not_received") }) {
		t.Errorf("negation: a negated word shows the words from the cue: %+v", gs)
	}
	// a model trained with character n-grams: purple giraffes, spelled right in training
	var ex []Example
	fillers := []string{"the agent was polite", "i paid on time", "my bank sent a letter", "the balance is correct", "we talked on monday", "the account is closed"}
	for i := range 60 {
		e := Example{ID: fmt.Sprintf("e%d", i), Text: fmt.Sprintf("%s and %s, number %d", fillers[i%6], fillers[(i*5+1)%6], i)}
		if i%2 == 0 {
			e.Text = fmt.Sprintf("%s, they called me a purple giraffe, number %d", fillers[i%6], i)
			e.Must = []domain.ViolationType{domain.ViolationAbusiveLanguage}
		}
		ex = append(ex, e)
	}
	o := DefaultOptions
	o.EN = FeatureSet{CharMin: 3, CharMax: 5}
	var buf bytes.Buffer
	if err := Train(ex, o).Write(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := Read(&buf)
	if err != nil || m.Meta.EN != o.EN {
		t.Fatalf("read back: %v, feature set %+v, want %+v", err, m.Meta.EN, o.EN)
	}
	// both models at one threshold (their own is the lowest at precision 0.9 on perfectly separated
	// texts, 0.97): the misspelling passes it only with character n-grams
	flagged := func(m *Model, text string) bool {
		for k := range m.langs[LangEN].meta.Types {
			m.langs[LangEN].meta.Types[k].Threshold = 0.6
		}
		return slices.ContainsFunc(m.Opinion(text, 3), func(f Flag) bool { return f.Type == domain.ViolationAbusiveLanguage })
	}
	if !flagged(m, "he said i was a purpel giraff") {
		t.Error("character n-grams: the misspelled insult is not flagged")
	}
	if flagged(Train(ex, DefaultOptions), "he said i was a purpel giraff") {
		t.Error("words only: the misspelled insult is flagged without the character n-grams")
	}
}

// TestProbabilities: the model's probability of every type, thresholds or not (session 9, for the
// cross-validated combinations of rules and model): a flagged type's probability is the one Opinion
// reports, a type without threshold still has one, and each type's threshold is the metadata's.
func TestProbabilities(t *testing.T) {
	var ex []Example
	for i := range 40 {
		e := Example{ID: fmt.Sprintf("p%d", i), Text: fmt.Sprintf("we talked on monday, number %d", i)}
		if i%2 == 0 {
			e.Text = fmt.Sprintf("they called me a purple giraffe, number %d", i)
			e.Must = []domain.ViolationType{domain.ViolationAbusiveLanguage}
		}
		ex = append(ex, e)
	}
	m := Train(ex, DefaultOptions)
	text := "they called me a purple giraffe again"
	ps, th := m.Probabilities(text), m.Thresholds(text)
	if len(ps) != len(domain.ViolationTypes) || len(th) != len(domain.ViolationTypes) {
		t.Fatalf("%d probabilities, %d thresholds, want one per type", len(ps), len(th))
	}
	op := m.Opinion(text, 3)
	if len(op) != 1 || op[0].Type != domain.ViolationAbusiveLanguage || math.Abs(op[0].Probability-ps[domain.ViolationAbusiveLanguage]) > 0.0005 || op[0].Threshold != th[domain.ViolationAbusiveLanguage] {
		t.Errorf("opinion %+v, probabilities %v, thresholds %v", op, ps, th)
	}
	if p := ps[domain.ViolationThreat]; p <= 0 || p >= 0.5 || th[domain.ViolationThreat] != 0 {
		t.Errorf("THREAT (no positive example): probability %.3f, threshold %.3f", p, th[domain.ViolationThreat])
	}
	if m.Probabilities("这是中文") != nil || m.Thresholds("这是中文") != nil {
		t.Error("a Chinese text has English probabilities")
	}
}

// TestExampleWeightAndExtra (session 11): a text's Weight makes it count more in the fit, so that the
// probability of its type rises; Extra features count only in a model trained with Options.Rules,
// which reads them again at judgement (OpinionWith) and names them among what drove a flag.
func TestExampleWeightAndExtra(t *testing.T) {
	fillers := []string{"今天下午接到电话", "对方语气很差", "我已经在还款了", "平台客服不回复", "已经逾期两个月", "希望监管部门处理"}
	abuse := domain.ViolationAbusiveLanguage
	// positives of weight w: a giraffe in the text, or (extra) texts like the others but for the rules'
	// reading of them
	examples := func(weight float64, extra bool) []Example {
		var ex []Example
		for i := range 60 {
			e := Example{ID: fmt.Sprintf("w%d", i), Text: fmt.Sprintf("%s，%s。第%d次。", fillers[i%6], fillers[(i*5+1)%6], i)}
			if i%3 == 0 {
				e.Must, e.Weight = []domain.ViolationType{abuse}, weight
				if extra {
					e.Extra = []string{"dismissed:ABUSIVE_LANGUAGE:negated"}
				} else {
					e.Text = fmt.Sprintf("%s，他们说我是长颈鹿。第%d次。", fillers[i%6], i)
				}
			}
			ex = append(ex, e)
		}
		return ex
	}
	text := "他们说我是长颈鹿"
	plain, heavy := Train(examples(0, false), DefaultOptions).Probabilities(text)[abuse], Train(examples(3, false), DefaultOptions).Probabilities(text)[abuse]
	if heavy <= plain {
		t.Errorf("positives weighed 3: probability %.3f, unweighed %.3f; want higher", heavy, plain)
	}
	extra := []string{"dismissed:ABUSIVE_LANGUAGE:negated"}
	other := "今天下午接到电话，对方语气很差"
	m := Train(examples(0, true), DefaultOptions)
	if a, b := m.ProbabilitiesWith(other, extra)[abuse], m.Probabilities(other)[abuse]; a != b || m.Meta.Rules {
		t.Errorf("a model without Options.Rules reads the extra features: %.3f vs %.3f", a, b)
	}
	o := DefaultOptions
	o.Rules = true
	s := Train(examples(0, true), o)
	if a, b := s.ProbabilitiesWith(other, extra)[abuse], s.Probabilities(other)[abuse]; a <= b || !s.Meta.Rules {
		t.Errorf("a stacked model: %.3f with the extra feature, %.3f without; want higher", a, b)
	}
	fl := s.OpinionWith(other+"，第一次。", extra, 3)
	i := slices.IndexFunc(fl, func(f Flag) bool { return f.Type == abuse })
	if i < 0 || !slices.Contains(fl[i].NGrams, ExtraPrefix+extra[0]) {
		t.Errorf("stacked opinion %+v: want an abuse flag driven by %s", fl, ExtraPrefix+extra[0])
	}
}
