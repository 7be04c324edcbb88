package rules

import (
	"testing"
	"unicode"

	"github.com/redline-regulator/redline/domain/charclass"
)

// BenchmarkNormalize: the normaliser over the CFPB train narratives (long English) and the real
// Chinese complaints, with the pack's aliases and generated spellings.
func BenchmarkNormalize(b *testing.B) {
	for _, c := range []struct {
		name string
		j    Jurisdiction
	}{{"cfpb", US}, {"zh-real", CN}} {
		p, err := Default(c.j)
		if err != nil {
			b.Fatal(err)
		}
		var texts []string
		for _, l := range labelledSet(&testing.T{}, c.name) {
			if l.Split == "train" {
				texts = append(texts, l.Text)
			}
		}
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				for _, s := range texts[:100] {
					p.normalize(s)
				}
			}
		})
	}
}

// TestCommonHan: the fast path of isHan and filler agrees with the Unicode tables.
func TestCommonHan(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) || unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.IsSpace(r) || charclass.Invisible(r) {
			t.Fatalf("%U is not a plain Han character", r)
		}
	}
}
