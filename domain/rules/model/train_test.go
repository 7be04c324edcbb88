package model

import (
	"math"
	"testing"
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
