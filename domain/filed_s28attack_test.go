package domain

import (
	"strings"
	"testing"
)

// TestFiledValuesInStyledOrMarkedDigitsAreWithheld (session 28, attack): the filed values an
// institution may not read reached it when written in keycap emoji (1️⃣3️⃣8️⃣…), circled,
// parenthesized or superscript digits, or with a mark on each digit. They are withheld now.
func TestFiledValuesInStyledOrMarkedDigitsAreWithheld(t *testing.T) {
	withheld := []string{"11010519491231002X", "13812345678", "HT-2025-0001", "王小明"}
	each := func(s, after string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r)
			b.WriteString(after)
		}
		return b.String()
	}
	for _, in := range []string{
		"号码" + each("13812345678", "\ufe0f\u20e3"),
		"号码" + each("13812345678", "\u0332"),
		"号码①③⑧①②③④⑤⑥⑦⑧",
		"号码⑴⑶⑻⑴⑵⑶⑷⑸⑹⑺⑻",
		"号码¹³⁸¹²³⁴⁵⁶⁷⁸",
		"合同HT-②⓪②⑤-⓪⓪⓪①",
		"证件" + each("11010519491231002X", "\u0301"),
	} {
		if got := redactAll(in, withheld); !strings.Contains(got, "XXXX") {
			t.Errorf("redactAll(%q) = %q: the filed value is still there", in, got)
		}
	}
	for _, kept := range []string{"第①步", "号码①③⑨①②③④⑤⑥⑦⑧", "café"} {
		if got := redactAll(kept, withheld); got != kept {
			t.Errorf("redactAll(%q) = %q, want it kept", kept, got)
		}
	}
}
