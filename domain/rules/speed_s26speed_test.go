package rules

import (
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Session 26 (speed): equivalence tests of the fast paths, each failing when the fast path
// diverges from the plain computation it replaces.

// decodeRunesRef is decodeRunes as []rune(s) and a range over s: the runes, each one's byte
// offset and len(s) last, the offsets nil when s is not valid UTF-8.
func decodeRunesRef(s string) ([]rune, []int32) {
	rs := []rune(s)
	if !utf8.ValidString(s) {
		return rs, nil
	}
	ob := make([]int32, 0, len(rs)+1)
	for i := range s {
		ob = append(ob, int32(i))
	}
	return rs, append(ob, int32(len(s)))
}

// s26Texts are every train narrative of the labelled sets, Chinese and English.
func s26Texts(t *testing.T) []string {
	var out []string
	for _, name := range []string{"zh-real", "zh-written", "cfpb", "en-written"} {
		for _, l := range labelledSet(t, name) {
			if l.Split == "train" {
				out = append(out, l.Text)
			}
		}
	}
	if len(out) < 1000 {
		t.Fatalf("%d train texts", len(out))
	}
	return out
}

// s26Random returns n random strings of Chinese, ASCII, full-width, emoji and invalid bytes.
func s26Random(n int) []string {
	rng := rand.New(rand.NewSource(26))
	parts := []string{"我", "們", "催收", "威胁", " ", "\n", "a", "Z", "１", "，", "。", "🔪", "\u200b", "é",
		"\xff", "\xe4\xbd", "\xed\xa0\x80", "\xf0\x9f", "5", "點", "个", "次", "\t", "’"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := rng.Intn(40); k > 0; k-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		out[i] = b.String()
	}
	return out
}

// TestDecodeRunesS26speed: decodeRunes, which sizes its tables by the bytes instead of counting
// the runes first, returns what []rune(s) and a range over s do, on every train text and on
// random texts with invalid UTF-8, its tables no longer than the runes.
func TestDecodeRunesS26speed(t *testing.T) {
	for _, s := range append(s26Texts(t), s26Random(5000)...) {
		rs, ob := decodeRunes(s)
		wr, wo := decodeRunesRef(s)
		if !reflect.DeepEqual(rs, wr) && !(len(rs) == 0 && len(wr) == 0) || !reflect.DeepEqual(ob, wo) {
			t.Fatalf("decodeRunes(%q) = %v %v, want %v %v", s, rs, ob, wr, wo)
		}
		if cap(rs) != len(rs) || ob != nil && cap(ob) != len(ob) {
			t.Fatalf("decodeRunes(%q): capacity %d/%d beyond the runes", s, cap(rs), cap(ob))
		}
	}
}

// TestScanBufsReleaseClearsS26speed: release, which clears each sentence's hits only up to their
// length, leaves every buffer it returns to the pool zero up to its capacity (no hit of one
// judgement kept alive by the next), over scans of the train texts of decreasing and increasing
// sentence counts through the same buffers.
func TestScanBufsReleaseClearsS26speed(t *testing.T) {
	p := mustPack(t, CN)
	b := new(scanBufs)
	texts := s26Texts(t)
	rng := rand.New(rand.NewSource(26))
	for k := 0; k < 400; k++ {
		st := p.prepare(texts[rng.Intn(len(texts))])
		bySentence := b.sentences(len(st.sents))
		for si := range bySentence {
			for n := rng.Intn(6); n > 0; n-- {
				s := rng.Intn(len(st.rs) + 1)
				bySentence[si] = append(bySentence[si], match{typ: "THREAT", phrase: "x", weight: float64(rng.Intn(3)),
					start: s, end: s + rng.Intn(4), ns: s, ne: s + 1 + rng.Intn(4), modifiers: []string{"m"}})
			}
		}
		for si, hits := range bySentence {
			bySentence[si] = b.strongest(hits)
		}
		b.release()
		for si, hits := range b.bySentence[:cap(b.bySentence)] {
			for i, h := range hits[:cap(hits)] {
				if !reflect.ValueOf(h).IsZero() {
					t.Fatalf("scan %d: sentence %d hit %d of %d kept after release: %+v", k, si, i, cap(hits), h)
				}
			}
		}
		for i, h := range b.tmp[:cap(b.tmp)] {
			if !reflect.ValueOf(h).IsZero() {
				t.Fatalf("scan %d: tmp %d kept after release", k, i)
			}
		}
		b = scanBufPool.Get().(*scanBufs) // most often b itself
	}
}

// listCommaRef is listComma as session 17 wrote it: the segment found by strings.IndexAny, then
// read byte by byte.
func listCommaRef(rest string, afterList bool) bool {
	end := strings.IndexAny(rest, ",.;:!?\n")
	seg := rest
	if end >= 0 {
		seg = rest[:end]
	}
	for i := 0; i < len(seg); i++ {
		if c := seg[i]; !wordByte(c) && c != ' ' && c != '-' {
			return false
		}
	}
	words := strings.Fields(seg)
	if len(words) == 0 {
		return false
	}
	for k, w := range words {
		if w == "and" || w == "or" {
			return k >= 1 && k <= 3 || k == 0 && afterList
		}
	}
	return end >= 0 && rest[end] == ',' && len(words) <= 3
}

// TestListCommaS26speed: listComma, which looks for the segment's end and its first foreign byte
// in one pass, answers as listCommaRef after every comma of the train texts (lower-cased, as the
// normalised text is) and of random texts of words, marks and Chinese.
func TestListCommaS26speed(t *testing.T) {
	rng := rand.New(rand.NewSource(26))
	words := []string{"and", "or", "calls", "texts", " ", ",", ".", ";", ":", "!", "?", "\n", "-", "'", "9", "我", "，", "\t", "x-y"}
	var texts []string
	for _, s := range s26Texts(t) {
		texts = append(texts, strings.ToLower(s))
	}
	for range 20000 {
		var b strings.Builder
		for k := rng.Intn(12); k > 0; k-- {
			b.WriteString(words[rng.Intn(len(words))])
			if rng.Intn(2) == 0 {
				b.WriteByte(' ')
			}
		}
		texts = append(texts, b.String())
	}
	n := 0
	for _, s := range texts {
		for i := 0; i < len(s); i++ {
			if s[i] != ',' {
				continue
			}
			for _, after := range []bool{false, true} {
				n++
				if got, want := listComma(s[i+1:], after), listCommaRef(s[i+1:], after); got != want {
					t.Fatalf("listComma(%q, %v) = %v, want %v", s[i+1:], after, got, want)
				}
			}
		}
	}
	if n < 10000 {
		t.Fatalf("only %d commas read", n)
	}
}

// TestFillerTableS26speed: filler, read from a table below U+10000, answers as fillerOf (the
// computation) for every rune, and as the tests it is made of for a sample.
func TestFillerTableS26speed(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if filler(r) != fillerOf(r) {
			t.Fatalf("filler(%U) = %v, fillerOf %v", r, filler(r), fillerOf(r))
		}
	}
	for _, c := range []struct {
		r    rune
		want bool
	}{{'我', false}, {' ', true}, {'\u3000', true}, {'\u200b', true}, {'*', true}, {'、', false}, {'…', false},
		{'🔪', true}, {'★', true}, {'^', true}, {'，', false}, {'a', false}, {0x1F000, true}} {
		if filler(c.r) != c.want {
			t.Errorf("filler(%q) = %v", c.r, !c.want)
		}
	}
}

// TestRuneTablesStepBackS26speed: the rune before byte s, which leadMatchesUntil reads from the
// text's tables (bytePos[offs[s]-1]), starts where utf8.DecodeLastRuneInString finds it, at every
// rune of every train text normalised.
func TestRuneTablesStepBackS26speed(t *testing.T) {
	p := mustPack(t, CN)
	for _, s := range s26Texts(t)[:1500] {
		st := p.prepare(s)
		if st.bytePos == nil {
			continue
		}
		for b := range st.t {
			if b == 0 {
				continue
			}
			_, w := utf8.DecodeLastRuneInString(st.t[:b])
			if got := int(st.bytePos[st.offs[b]-1]); got != b-w {
				t.Fatalf("%q: the rune before byte %d starts at %d, want %d", st.t, b, got, b-w)
			}
		}
	}
}

// TestRuneSetInRunesS26speed: inRunes answers as in on the same text, for the parsers' sets, over
// the sentences of the train texts and random texts.
func TestRuneSetInRunesS26speed(t *testing.T) {
	sets := []*runeSet{amountRunes, clockRunes, measureRunes, numeralRunes}
	texts := append(s26Texts(t), s26Random(5000)...)
	for _, s := range texts {
		s = strings.ToValidUTF8(s, "\uFFFD")
		rs := []rune(s)
		for k := 0; k <= len(rs); k += 7 {
			part := rs[k:min(len(rs), k+11)]
			for i, set := range sets {
				if got, want := set.inRunes(part), set.in(string(part)); got != want {
					t.Fatalf("set %d: inRunes(%q) = %v, in %v", i, string(part), got, want)
				}
			}
		}
	}
}

// TestFirstRuneSearchInlinedS26speed: the first-rune searches, whose set tests are inlined, find
// what their regexps find, on every train text (normalised, as the parsers read it), random texts
// with runes above U+FFFF, and each sentence-sized piece of them.
func TestFirstRuneSearchInlinedS26speed(t *testing.T) {
	p := mustPack(t, CN)
	searches := []*firstRuneSearch{zhTimeSearch, enTimeSearch, zhCountSearch, zhBareCountSearch, enCountSearch,
		enCountDaySearch, enCountSpanSearch, enEverySearch}
	var texts []string
	for _, s := range s26Texts(t) {
		texts = append(texts, p.prepare(s).t)
	}
	extra := []string{"一天打了𠀀十几个电话", "𠀀每天𝟘3次", "晚上11点𠀀到12点打了二十多次", "一天𠀀打三次"}
	texts = append(append(texts, extra...), s26Random(3000)...)
	n := 0
	for _, s := range texts {
		for _, part := range []string{s, s[:len(s)/2], s[len(s)/3:]} {
			for i, f := range searches {
				got, want := f.findSubmatchIndex(part, -1), f.re.FindAllStringSubmatchIndex(part, -1)
				if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
					t.Fatalf("search %d on %q: %v, regexp %v", i, part, got, want)
				}
				n += len(got)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d matches found", n)
	}
}

// TestPrincipalAnyS26speed: a sentence holds a principal cue (the amounts rule's first test) by
// the cues that hold no other exactly when it holds one of all the cues, on every sentence of the
// train texts normalised, random texts and every cue itself.
func TestPrincipalAnyS26speed(t *testing.T) {
	p := mustPack(t, CN)
	a := p.Amounts
	if a == nil || len(a.principalAny) == 0 || len(a.principalAny) >= len(a.principal) {
		t.Fatalf("principal cues %v, searched %v", a.principal, a.principalAny)
	}
	holds := func(ws []string, s string) bool {
		return slices.ContainsFunc(ws, func(c string) bool { return strings.Contains(s, c) })
	}
	var texts []string
	for _, s := range s26Texts(t) {
		st := p.prepare(s)
		for _, sp := range st.sents {
			texts = append(texts, st.t[st.byteOf(sp.start):st.byteOf(sp.end)])
		}
	}
	texts = append(append(texts, a.principal...), s26Random(2000)...)
	n := 0
	for _, s := range texts {
		got, want := holds(a.principalAny, s), holds(a.principal, s)
		if got != want {
			t.Fatalf("%q: principal cue %v by %v, %v by all %v", s, got, a.principalAny, want, a.principal)
		}
		if want {
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d sentences with a principal cue", n)
	}
	if got := minimalWords([]string{"借款", "借", "贷款", "借", "贷款金额", "本金"}); !reflect.DeepEqual(got, []string{"借", "贷款", "本金"}) {
		t.Errorf("minimalWords = %q", got)
	}
}
