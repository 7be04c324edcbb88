package rules

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// TestS38StartBitsSameAsSorted: a lead's starts marked by rune in a bit set and read in order
// (session 38, speed38) give the scans what the sorted list gave: text and factor scans equal with
// and without noStartBits on every text of s30Texts, in both packs, and on long texts (more than
// 64 runes, so that starts fall in several words of the set).
func TestS38StartBitsSameAsSorted(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, ref := speedPair(t, j, func(ref *Pack) { ref.noStartBits = true })
		texts := s30Texts(t, j)
		n := len(texts)
		for i := 0; i+2 < n; i += 7 {
			texts = append(texts, texts[i]+texts[i+1]+texts[i+2])
		}
		long := 0
		for _, text := range texts {
			if len([]rune(text)) > 128 {
				long++
			}
			sameHits(t, j, p, ref, text, "starts by bit set", "starts sorted")
		}
		if long == 0 {
			t.Fatalf("%s: no text over 128 runes", j)
		}
		t.Logf("%s: %d texts (%d over 128 runes)", j, len(texts), long)
	}
}

// countTail is what every match of zhCount, zhSpanCount and zhBareCount ends with.
var countTail = regexp.MustCompile(cnCount + `\s*(?:多|余|来|几|\+)?\s*(?:个|通|次|条|遍|回)`)

// TestS38NumeralCount: numeralCount answers as countTail does (on the sentences of the Chinese
// texts and on random strings of numerals, measure words, suffixes and blanks); a sentence it
// rejects holds no match of the three count expressions, so zhCounts may return at once; and it
// rejects the measure words without a numeral (这个, 很多次) that the measure-word test passed.
func TestS38NumeralCount(t *testing.T) {
	var ss []string
	for _, text := range s30Texts(t, CN) {
		rs := []rune(text)
		for _, sp := range sentences(rs) {
			ss = append(ss, string(rs[sp.start:sp.end]))
		}
		ss = append(ss, text)
	}
	alphabet := []string{"一", "两", "十", "几", "好", "上", "百", "个", "次", "回", "通", "多", "来", "余", "+", " ", "\t", "这", "很", "5", "〇", "天"}
	rng := rand.New(rand.NewSource(38))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.Intn(7) {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		ss = append(ss, b.String())
	}
	rejected := 0
	for _, s := range ss {
		got, want := numeralCount(s), countTail.MatchString(s)
		if got != want {
			t.Fatalf("numeralCount(%q) = %v, countTail %v", s, got, want)
		}
		if got {
			continue
		}
		rejected++
		if zhCount.MatchString(s) || zhBareCount.MatchString(s) || zhSpanCount.MatchString(s) {
			t.Fatalf("%q: a count expression matches where numeralCount says no", s)
		}
		if zhCountSearch.FindAllStringSubmatchIndex(s) != nil || zhBareCountSearch.FindAllStringSubmatchIndex(s) != nil {
			t.Fatalf("%q: a count search finds a match where numeralCount says no", s)
		}
	}
	for _, s := range []string{"这个催收说话很难听", "他们打了很多次", "那条短信我回了"} {
		if !measureRunes.in(s) || numeralCount(s) {
			t.Errorf("%q: measure word %v, numeralCount %v; want true, false", s, measureRunes.in(s), numeralCount(s))
		}
	}
	for _, s := range []string{"一天打二十多个", "每天打 30 + 次", "一晚上十几回", "打了好几通"} {
		if !numeralCount(s) {
			t.Errorf("numeralCount(%q) = false", s)
		}
	}
	t.Logf("%d strings, %d rejected", len(ss), rejected)
}

// TestS38DispatchSecondRune: an alternation's table knows each literal branch's second rune, and
// the run that skips the branches whose second rune is not the text's finds what the regexp finds
// at every start of the texts below.
func TestS38DispatchSecondRune(t *testing.T) {
	// no two neighbours share a first rune: the parser would factor them (不(?:给|发))
	expr := `(?:不给|我们|不发|我也|不肯说|他们|不说|她们|不告知|也不说|不让看|都不说|不透露|就是|不告诉|拒绝|不说明|我|不公开|不(?:了)?解释|(?P<x>不)答)(?:了)?(?:吗|呢)?`
	pm := newProgMatcher(expr)
	if pm == nil {
		t.Fatal("no matcher")
	}
	var d *altDispatch
	for _, a := range pm.alts {
		if a.disp != nil && len(a.disp.leaves) >= 20 {
			d = a.disp
		}
	}
	if d == nil || !d.hasSecond {
		t.Fatalf("no table of 20 branches with second runes: %+v", d)
	}
	seconds := map[rune]int{}
	for _, r := range d.second {
		seconds[r]++
	}
	// none for 我 (a match may end there), 不(?:了)?解释 nor the capture's 不答
	for r, n := range map[rune]int{'给': 1, '告': 2, '们': 3, '说': 2, '不': 2, -1: 3} {
		if seconds[r] != n {
			t.Errorf("second rune %q on %d leaves, want %d (%q)", r, seconds[r], n, d.second)
		}
	}
	re := regexp.MustCompile(`^(?:` + expr + `)`)
	texts := []string{
		"他们不给我看合同，我问了也不说明，问急了就不答了吗", "我们不让看不公开不透露不告诉不告知", "不解释不了解释我也不", "不", "我",
		"不肯", "不肯说了呢我们了", "不给了吗不发了呢",
	}
	for _, text := range texts {
		for s := 0; s <= len(text); s++ {
			want := re.FindStringIndex(text[s:])
			loc, done := pm.match(text, s, s, len(text), false)
			if !done {
				t.Fatalf("%q at %d: run over budget", text, s)
			}
			if (want == nil) != (loc == nil) || want != nil && (loc[0] != s || loc[1] != s+want[1]) {
				t.Fatalf("%q at %d: run %v, regexp %v", text, s, loc, want)
			}
		}
	}
}
