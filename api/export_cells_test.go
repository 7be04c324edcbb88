package api

import "testing"

// SafeCell is safeCell, for the portal's test that its own CSV files escape the same cells.
var SafeCell = safeCell

// SafeCellCases are cells that must be escaped, or kept, in every CSV the platform writes.
var SafeCellCases = []string{"=1+1", " =1+1", "\n=1", "\u3000=1", "\u200b=1", "\ufeff=1", "＝HYPERLINK(\"x\")",
	"＋1", "－1", "＠A1", "﹦1", "−5", "催收", "a=b", "１２３"}

// TestSafeCellRefusesEveryFormulaStart: a CSV cell that a spreadsheet could read as a formula gets
// a leading apostrophe — also when the sign is full width or another form NFKC folds to it, and
// when the cell starts with a space, line break or invisible character a program may trim first
// (session 12's attack by hand; session 11 left the full-width and space cases open).
func TestSafeCellRefusesEveryFormulaStart(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		escaped  bool
	}{
		{"Equals", "=HYPERLINK(\"http://x\")", true},
		{"Plus", "+1+1", true},
		{"Minus", "-2+3", true},
		{"At", "@SUM(A1)", true},
		{"Tab", "\t=1+1", true},
		{"CarriageReturn", "\r=1+1", true},
		{"LineFeed", "\n=1+1", true},
		{"Space", " =1+1", true},
		{"NoBreakSpace", "\u00a0=1+1", true},
		{"IdeographicSpace", "\u3000=1+1", true},
		{"ZeroWidthSpace", "\u200b=1+1", true},
		{"ByteOrderMark", "\ufeff=1+1", true},
		{"LeftToRightMark", "\u200e=1+1", true},
		{"FullWidthEquals", "＝HYPERLINK(\"http://x\")", true},
		{"FullWidthPlus", "＋1＋1", true},
		{"FullWidthMinus", "－2＋3", true},
		{"FullWidthAt", "＠SUM(A1)", true},
		{"SmallEquals", "﹦1+1", true},
		{"SmallPlus", "﹢1", true},
		{"SmallHyphenMinus", "﹣1", true},
		{"SuperscriptPlus", "⁺1", true},
		{"SubscriptEquals", "₌1", true},
		{"MinusSign", "−5+1", true}, // U+2212, which some programs take for "-"
		{"SmallCommercialAt", "﹫SUM(A1)", true},
		{"ControlCharacter", "\x1b[31m", true},
		{"Empty", "", false},
		{"Chinese", "催收员每天打电话", false},
		{"Latin", "collector called 20 times", false},
		{"InnerSign", "a=b", false},
		{"Apostrophe", "'quoted", false},
		{"FullWidthDigit", "１２３", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := safeCell(tc.in)
			if want := map[bool]string{true: "'" + tc.in, false: tc.in}[tc.escaped]; got != want {
				t.Errorf("safeCell(%q) = %q, want %q", tc.in, got, want)
			}
		})
	}
}
