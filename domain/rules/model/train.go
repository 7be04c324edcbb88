package model

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/redline-regulator/redline/domain"
)

// Example is one labelled training text: the types a reviewer requires (Must) and the plausible ones
// (Optional: neither a positive nor a negative example of that type).
type Example struct {
	ID       string
	Text     string
	Must     []domain.ViolationType
	Optional []domain.ViolationType
}

// Options are the training settings; DefaultOptions made the built-in model.
type Options struct {
	Epochs int     `json:"epochs"`
	Folds  int     `json:"folds"`
	Seed   uint64  `json:"seed"`
	MinDF  int     `json:"minDf"`  // an n-gram counts when at least MinDF training texts of its language hold it
	Rate   float64 `json:"rate"`   // SGD learning rate
	L2     float64 `json:"l2"`     // L2 penalty, applied to the weights a text touches
	MinTP  int     `json:"minTp"`  // a threshold needs at least this many true positives in cross-validation
	Target float64 `json:"target"` // the precision a threshold must reach in cross-validation
}

// DefaultOptions are the settings of the built-in model.
var DefaultOptions = Options{Epochs: 12, Folds: 5, Seed: 13, MinDF: 2, Rate: 2, L2: 1e-4, MinTP: 5, Target: 0.9}

// InputsHash is the SHA-256 of the examples (in order) and the options: what a model was trained on.
func InputsHash(examples []Example, o Options) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	_ = enc.Encode(o)
	for _, e := range examples {
		_ = enc.Encode(e)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sample is a training text as feature rows.
type sample struct {
	id   string
	rows []int32 // sorted, distinct
	x    float64 // the value of each feature: 1/sqrt(number of n-grams of the text)
	y    []int8  // per type: 1 positive, 0 negative, -1 not an example (optional)
	fold int
}

// Train fits the model: per language, one logistic regression per violation type by SGD over the
// texts in a fixed pseudo-random order (Seed), thresholds from Folds-fold cross-validation on the
// same texts. The result depends only on the examples, their order and the options.
func Train(examples []Example, o Options) *Model {
	m := &Model{Meta: Meta{Format: 1, HashBits: HashBits, Epochs: o.Epochs, Folds: o.Folds, Seed: o.Seed, MinDF: o.MinDF,
		Precision: o.Target, Inputs: InputsHash(examples, o)}, langs: map[string]*langModel{}}
	byLang := map[string][]Example{}
	grams := map[string][][]uint32{}
	counts := map[string][]int{}
	for _, e := range examples {
		lang, gs := Features(e.Text)
		bs := make([]uint32, 0, len(gs))
		for _, g := range gs {
			bs = append(bs, g.Bucket)
		}
		slices.Sort(bs)
		bs = slices.Compact(bs)
		byLang[lang] = append(byLang[lang], e)
		grams[lang] = append(grams[lang], bs)
		counts[lang] = append(counts[lang], len(gs))
	}
	for _, lang := range []string{LangZH, LangEN} {
		if len(byLang[lang]) == 0 {
			continue
		}
		lm, meta := trainLang(lang, byLang[lang], grams[lang], counts[lang], o)
		m.langs[lang] = lm
		m.Meta.Langs = append(m.Meta.Langs, meta)
	}
	return m
}

func trainLang(lang string, exs []Example, grams [][]uint32, counts []int, o Options) (*langModel, LangMeta) {
	df := map[uint32]int{}
	for _, bs := range grams {
		for _, b := range bs {
			df[b]++
		}
	}
	var kept []uint32
	for b, n := range df {
		if n >= o.MinDF {
			kept = append(kept, b)
		}
	}
	slices.Sort(kept)
	index := make(map[uint32]int32, len(kept))
	for i, b := range kept {
		index[b] = int32(i)
	}
	types := domain.ViolationTypes
	samples := make([]sample, len(exs))
	for i, e := range exs {
		s := sample{id: e.ID, x: 1 / math.Sqrt(float64(max(1, counts[i]))), y: make([]int8, len(types))}
		for _, b := range grams[i] {
			if r, ok := index[b]; ok {
				s.rows = append(s.rows, r)
			}
		}
		for k, vt := range types {
			switch {
			case slices.Contains(e.Must, vt.Type):
				s.y[k] = 1
			case slices.Contains(e.Optional, vt.Type):
				s.y[k] = -1
			}
		}
		h := fnv.New32a()
		h.Write([]byte(e.ID))
		s.fold = int(h.Sum32() % uint32(o.Folds))
		samples[i] = s
	}
	meta := LangMeta{Lang: lang, Texts: len(exs), Features: len(kept)}
	lm := &langModel{index: index, weights: make([]int8, len(kept)*len(types))}
	for k, vt := range types {
		tm := TypeMeta{Type: vt.Type}
		for _, s := range samples {
			if s.y[k] == 1 {
				tm.Positives++
			}
		}
		// out-of-fold probabilities
		oof := make([]float64, len(samples))
		for f := range o.Folds {
			w, bias, scale := fit(samples, k, len(kept), o, func(s *sample) bool { return s.fold != f })
			for i := range samples {
				if samples[i].fold == f {
					oof[i] = predict(&samples[i], w, bias, scale)
				}
			}
		}
		tm.Threshold, tm.CVPrecision, tm.CVRecall = threshold(samples, oof, k, o)
		w, bias, scale := fit(samples, k, len(kept), o, func(*sample) bool { return true })
		tm.Bias, tm.Scale = bias, scale
		for r, q := range w {
			lm.weights[r*len(types)+k] = q
		}
		meta.Types = append(meta.Types, tm)
	}
	lm.meta = meta
	return lm, meta
}

// fit trains type k's logistic regression on the samples use lets through and returns its weights
// quantised to int8 with their scale, and its bias.
func fit(samples []sample, k, features int, o Options, use func(*sample) bool) ([]int8, float64, float64) {
	w := make([]float64, features)
	bias := 0.0
	var order []int
	for i := range samples {
		if samples[i].y[k] >= 0 && use(&samples[i]) {
			order = append(order, i)
		}
	}
	rng := rand.New(rand.NewPCG(o.Seed, uint64(k)))
	for epoch := range o.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := o.Rate / (1 + float64(epoch))
		for _, i := range order {
			s := &samples[i]
			z := bias
			for _, r := range s.rows {
				z += w[r] * s.x
			}
			g := float64(s.y[k]) - sigmoid(z)
			bias += rate * g * 0.1
			for _, r := range s.rows {
				w[r] += rate * (g*s.x - o.L2*w[r])
			}
		}
	}
	top := 0.0
	for _, v := range w {
		top = max(top, math.Abs(v))
	}
	q := make([]int8, features)
	scale := 0.0
	if top > 0 {
		scale = top / 127
		for r, v := range w {
			q[r] = int8(math.Round(v / scale))
		}
	}
	// the scale and bias are stored as JSON: keep them exact to 12 significant digits
	return q, round12(bias), round12(scale)
}

func round12(f float64) float64 {
	if f == 0 {
		return 0
	}
	p := math.Pow(10, 11-math.Floor(math.Log10(math.Abs(f))))
	return math.Round(f*p) / p
}

func predict(s *sample, w []int8, bias, scale float64) float64 {
	z := bias
	for _, r := range s.rows {
		z += float64(w[r]) * scale * s.x
	}
	return sigmoid(z)
}

// threshold picks the lowest out-of-fold probability at which the texts scoring at least that much
// are type k with precision o.Target or more and at least o.MinTP true positives; 0 when none.
func threshold(samples []sample, oof []float64, k int, o Options) (t, precision, recall float64) {
	type scored struct {
		p   float64
		pos bool
	}
	var ss []scored
	positives := 0
	for i, s := range samples {
		if s.y[k] < 0 {
			continue
		}
		ss = append(ss, scored{oof[i], s.y[k] == 1})
		if s.y[k] == 1 {
			positives++
		}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].p > ss[j].p })
	tp, fp := 0, 0
	for i := 0; i < len(ss); i++ {
		if ss[i].pos {
			tp++
		} else {
			fp++
		}
		if i+1 < len(ss) && ss[i+1].p == ss[i].p {
			continue // a threshold takes every text of the same probability
		}
		if tp >= o.MinTP && float64(tp) >= o.Target*float64(tp+fp) {
			t = math.Floor(ss[i].p*1000) / 1000
			precision, recall = float64(tp)/float64(tp+fp), float64(tp)/float64(positives)
		}
	}
	if t <= 0 {
		return 0, 0, 0
	}
	return t, math.Round(precision*1000) / 1000, math.Round(recall*1000) / 1000
}
