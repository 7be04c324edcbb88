package model

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// Session 33 (tmcost33): ThreatSet.Grams, the n-grams of a window deduplicated by an open-addressing
// set instead of ThreatGrams' sort, gives ThreatGrams' grams (SortGrams restores its order) and a
// Score equal bit for bit.

func tmcostRunes(r *rand.Rand, n int, alphabet []rune) []rune {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = alphabet[r.Intn(len(alphabet))]
	}
	return rs
}

func TestThreatSetGramsEqualsThreatGrams_s33tmcost33(t *testing.T) {
	r := rand.New(rand.NewSource(33))
	alphabets := [][]rune{
		[]rune("ab"), // few distinct grams: many repeats
		[]rune("abcdefghijklmnopqrstuvwxyz '0123456789"),
		[]rune("我你他她的了是不要打死家人来找在"),
		[]rune("aé日本\U0001F600ж "),
	}
	var set ThreatSet
	var got []ThreatGram
	for it := 0; it < 3000; it++ {
		a := alphabets[it%len(alphabets)]
		n := r.Intn(200)
		switch it % 50 {
		case 0:
			n = 4095 + r.Intn(3) // around the exact-sum bound (the longer ones fall back to the sort)
		case 1:
			n = 3000 + r.Intn(2000)
		}
		fs := tmcostRunes(r, n, a)
		from := 0
		if n > 0 {
			from = r.Intn(n/4 + 1)
		}
		to := from + r.Intn(n-from+1)
		want := ThreatGrams(fs, from, to, []ThreatGram{{H: 7}})
		got = set.Grams(fs, from, to, append(got[:0], ThreatGram{H: 7}))
		SortGrams(got[1:])
		if !slices.Equal(got, want) {
			t.Fatalf("it %d n %d [%d,%d): Grams %d grams, ThreatGrams %d", it, n, from, to, len(got), len(want))
		}
	}
}

func tmcostModel(r *rand.Rand, scale float32, extreme bool) *ThreatModel {
	m := &ThreatModel{Lang: "x", scale: scale, w: make([]int16, 1<<ThreatBits)}
	for i := range m.w {
		if extreme {
			m.w[i] = [...]int16{32767, -32767, 1, -1, 32766, -32768 + 1}[r.Intn(6)]
		} else {
			m.w[i] = int16(r.Intn(65535) - 32767)
		}
	}
	return m
}

func TestThreatSetScoreIdentical_s33tmcost33(t *testing.T) {
	r := rand.New(rand.NewSource(3333))
	models := []*ThreatModel{
		tmcostModel(r, 1.2345e-5, false),
		tmcostModel(r, 0.7, true),
		tmcostModel(r, float32(math.Pi)*1e-30, true),
		tmcostModel(r, 3.1e20, false),
	}
	if ms, err := BuiltinThreat(); err == nil {
		for _, m := range ms {
			models = append(models, m)
		}
	} else {
		t.Fatal(err)
	}
	alphabet := []rune("abcdefghijklmnopqrstuvwxyz '0123456789我你他她的了是不要打死家人来找")
	var set ThreatSet
	var gs []ThreatGram
	for it := 0; it < 2000; it++ {
		m := models[it%len(models)]
		n := 2 + r.Intn(300)
		if it%97 == 0 {
			n = 4000 + r.Intn(200)
		}
		fs := tmcostRunes(r, n, alphabet)
		want := ThreatGrams(fs, 0, n, nil)
		pw := m.Score(want)
		gs = set.Grams(fs, 0, n, gs[:0])
		pg := m.Score(gs)
		if math.Float64bits(pg) != math.Float64bits(pw) {
			t.Fatalf("it %d: Score %v (set order) != %v (bucket order)", it, pg, pw)
		}
		// any order of the same grams: the sum is exact (threatExactGrams)
		r.Shuffle(len(gs), func(i, j int) { gs[i], gs[j] = gs[j], gs[i] })
		if ps := m.Score(gs); math.Float64bits(ps) != math.Float64bits(pw) {
			t.Fatalf("it %d: Score %v (shuffled) != %v", it, ps, pw)
		}
		SortGrams(gs)
		if !slices.Equal(gs, want) {
			t.Fatalf("it %d: weights or grams differ after SortGrams", it)
		}
	}
}
