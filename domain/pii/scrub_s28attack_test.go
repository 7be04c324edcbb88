package pii

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"

	"github.com/redline-regulator/redline/domain/charclass"
)

// seeThroughNumbersBefore28 is seeThroughNumbers as session 27 left it: it read back and forth from
// every format character to the nearest other rune, so a run of n of them cost n².
func seeThroughNumbersBefore28(text string) string {
	if isASCII(text) {
		return text
	}
	rs := []rune(text)
	digit := func(i int) bool { return i >= 0 && i < len(rs) && unicode.IsDigit(rs[i]) }
	prevReal := func(i int) int {
		for i--; i >= 0 && charclass.Format(rs[i]); i-- {
		}
		return i
	}
	nextReal := func(i int) int {
		for i++; i < len(rs) && charclass.Format(rs[i]); i++ {
		}
		return i
	}
	out := make([]rune, 0, len(rs))
	for i, r := range rs {
		switch {
		case charclass.Format(r) && (digit(prevReal(i)) || digit(nextReal(i))):
			continue
		case r > 0x7f && (unicode.Is(unicode.Zs, r)) && digit(prevReal(i)) && digit(nextReal(i)):
			r = ' '
		case (r >= 0x2010 && r <= 0x2015 || strings.ContainsRune("~～ー－_·・", r)) && digit(prevReal(i)) && digit(nextReal(i)):
			r = '-'
		case unicode.IsDigit(r) && !(r >= '０' && r <= '９'):
			r = ASCIIDigit(r)
		}
		out = append(out, r)
	}
	return string(out)
}

// TestSeeingThroughNumbersCopiesOnlyWhatItChanges: the public dataset scrubs every narrative of
// every page it serves, anonymously; a text seeThroughNumbers leaves as it is (no digit beside a
// separator it reads, no digit of another script) is returned without a copy (it was copied twice,
// as runes, whatever it held: 4 bytes a character twice for a 20,000-character narrative).
func TestSeeingThroughNumbersCopiesOnlyWhatItChanges(t *testing.T) {
	for _, text := range []string{
		"催收员每天打电话骚扰我的家人和同事，还说要上门。",
		"他们说“再不还钱就去你单位”，一天打了 30 次电话。",
		"借款 5000 元，月利率 2%，已还 3000。",
		// (a zero-width space inside a word is read through since session 31, scrub31: here it
		// stands beside a space)
		strings.Repeat("催收骚扰\u200b\u3000", 2000),
		"The collector called 12 times a day — at 7am and at 11pm.",
	} {
		if got := seeThroughNumbers(text); got != text {
			t.Errorf("seeThroughNumbers(%.30q) = %.30q, want it unchanged", text, got)
		}
		if n := testing.AllocsPerRun(20, func() { _ = seeThroughNumbers(text) }); n != 0 {
			t.Errorf("seeThroughNumbers(%.30q): %v allocations, want none", text, n)
		}
	}
}

// TestSeeingThroughNumbersIsUnchangedByTheLinearPass: the two-pass version reads each text as the
// version before it did (random texts of digits of several scripts, format characters, spaces,
// separators and letters, and long runs of format characters).
func TestSeeingThroughNumbersIsUnchangedByTheLinearPass(t *testing.T) {
	alphabet := []rune("0123456789０５١٣๓𝟏 \u00a0\u3000\u200b\u200d\u2060\ufeff\u00ad\u202a\u202c\u2011\u2013~～ー－_·・a中X-")
	rnd := rand.New(rand.NewSource(28))
	for n := 0; n < 5000; n++ {
		rs := make([]rune, rnd.Intn(24))
		for i := range rs {
			rs[i] = alphabet[rnd.Intn(len(alphabet))]
		}
		text := string(rs)
		if got, want := seeThroughNumbers(text), foldS33(dropFormatBetweenWordsS31(seeThroughNumbersBefore28(text))); got != want {
			t.Fatalf("seeThroughNumbers(%q) = %q, want %q", text, got, want)
		}
	}
	for _, text := range []string{
		"1" + strings.Repeat("\u200b", 3000) + "2",
		"中" + strings.Repeat("\u200b", 3000) + "5",
		strings.Repeat("\u2060", 3000),
		"138" + strings.Repeat("\u00a0\u200b", 500) + "1234",
	} {
		if got, want := seeThroughNumbers(text), dropFormatBetweenWordsS31(seeThroughNumbersBefore28(text)); got != want {
			t.Errorf("seeThroughNumbers(%.20q…) differs from the version before", text)
		}
	}
}

// TestScrubSeesStyledDigitsAndMarkedDigits (session 28, attack): the public narratives kept numbers
// written in digits Unicode does not count as decimal ones, which a reader reads all the same — a
// mobile in keycap emoji (1️⃣3️⃣8️⃣…, as people write numbers past the filters of social media), in
// circled (①③⑧…), parenthesized, superscript or subscript digits, or with an accent or an underline
// on each digit — and an e-mail address written with an ideographic full stop (qq。com).
func TestScrubSeesStyledDigitsAndMarkedDigits(t *testing.T) {
	each := func(s, after string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			b.WriteString(after)
		}
		return b.String()
	}
	for _, text := range []string{
		"我的电话" + each("13812345678", "\ufe0f\u20e3") + "，请别再打",
		"我的电话" + each("13812345678", "\u20e3"),
		"我的电话" + each("13812345678", "\u0301"),
		"身份证" + each("11010519491231002X", "\u0332"),
		"我的电话①③⑧①②③④⑤⑥⑦⑧",
		"我的电话⑴⑶⑻⑴⑵⑶⑷⑸⑹⑺⑻",
		"我的电话❶❸❽❶❷❸❹❺❻❼❽",
		"我的电话¹³⁸¹²³⁴⁵⁶⁷⁸",
		"我的电话₁₃₈₁₂₃₄₅₆₇₈",
		"他打给我妈 ➀➂➇ ➀➁➂➃ ➄➅➆➇",
		"邮箱 zhang.san＠qq。com 请联系",
		"email zhang.san@qq｡com",
	} {
		got := Scrub(text)
		if strings.ContainsAny(got, "13812345678①③⑧⑴⑶❶❸¹³₁₃➀➂") && !strings.Contains(got, Redacted) ||
			strings.Contains(got, "zhang") || strings.Contains(got, "5678") || strings.Contains(got, "⑤⑥⑦⑧") || strings.Contains(got, "⁵⁶⁷⁸") ||
			strings.Contains(got, "1231") || strings.Contains(got, "❺❻❼❽") || strings.Contains(got, "₅₆₇₈") || strings.Contains(got, "➄➅➆➇") {
			t.Errorf("Scrub(%q) = %q", text, got)
		}
	}
	// Kept: a keycap or a circled digit alone, a list numbered in circles, an accent on a letter.
	for text, want := range map[string]string{
		// kept as written since session 28's scrub2 (it was rewritten as 第1步, 1 and x2)
		"第①步：打电话；第②步：上门":        "第①步：打电话；第②步：上门",
		"press 1️⃣ to continue": "press 1️⃣ to continue",
		"café 3 次":              "café 3 次",
		"x² + 2 = 6":            "x² + 2 = 6",
	} {
		if got := Scrub(text); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", text, got, want)
		}
	}
}
