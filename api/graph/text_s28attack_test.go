package graph

import (
	"strings"
	"testing"
)

// TestStackedMarksAreRefusedInFreeText (session 28, attack): names refused more than four combining
// marks on one character, free text took any number — by hand, a narrative "…Z" and 500 accents
// was filed, and its stack rose over the case page's header, priority and buttons for the reviewer
// (.narrative does not clip). More than eight in a row are refused, even with format characters
// between them; the scripts and emoji that stack a few keep working.
func TestStackedMarksAreRefusedInFreeText(t *testing.T) {
	for _, s := range []string{
		"催收员威胁上门Z" + strings.Repeat("\u0301", 500),
		"a" + strings.Repeat("\u0300\u0301\u0302", 3),
		"a" + strings.Repeat("\u0301\u200b", 9),
		"x" + strings.Repeat("\u20dd", 9),
		strings.Repeat("\u0489", 12),
	} {
		if en, _ := badText(s); en == "" {
			t.Errorf("badText(%.24q…) accepted %d stacked marks", s, strings.Count(s, "")-1)
		}
	}
	for _, s := range []string{
		"Ngân hàng gọi tôi mỗi ngày",
		"Nga\u0302n ha\u0300ng go\u0323i to\u0302i mo\u0302\u0303i nga\u0300y",
		"เจ้าหน้าที่ทวงหนี้โทรมาทุกวัน",
		"བཀྲ་ཤིས་བདེ་ལེགས།",
		"按1\ufe0f\u20e3号键，2\ufe0f\u20e3号键",
		"❤\ufe0f👍🏽👨\u200d👩\u200d👧",
		"a" + strings.Repeat("\u0301", 8),
	} {
		if en, _ := badText(s); en != "" {
			t.Errorf("badText(%q) = %q, want it accepted", s, en)
		}
	}
}
