package rules

import (
	"strings"
	"testing"
)

// TestRuneSet: runeSet.in is strings.ContainsAny for the sets the parsers use.
func TestRuneSet(t *testing.T) {
	texts := []string{"", "abc", "晚上11:30还在打", "一天打了三十多个电话", "没有", "\xff\xfe点", "pay 4 times", "１２", "時", "。"}
	for _, chars := range []string{"0123456789零一二两三四五六七八九十百几半", "点時时:：.", "个通次条遍回", "0123456789万千元块"} {
		set := newRuneSet(chars)
		for _, s := range texts {
			if got, want := set.in(s), strings.ContainsAny(s, chars); got != want {
				t.Errorf("%q in %q: %v, strings.ContainsAny %v", chars, s, got, want)
			}
		}
	}
}

// TestBMPSet: the first-rune searches' bitmaps hold the runes of their ranges, no more.
func TestBMPSet(t *testing.T) {
	for _, f := range []*firstRuneSearch{zhTimeSearch, zhCountSearch, enTimeSearch, enCountSearch} {
		if f.first == nil {
			t.Fatalf("%s: no first-rune ranges", f.re)
		}
		for _, set := range []struct {
			b  *bmpSet
			rs []rune
		}{{f.firstBMP, f.first}, {f.needBMP, f.need}, {f.alphaBMP, f.alpha}} {
			for r := rune(0); r < 0x10000; r++ {
				if inSet(set.b, set.rs, r) != inRanges(set.rs, r) {
					t.Fatalf("%s: %U differs", f.re, r)
				}
			}
		}
	}
}
