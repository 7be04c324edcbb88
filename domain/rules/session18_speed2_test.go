package rules

import (
	"testing"
	"unicode/utf8"
)

// Session 18 (speed2): a second round of the same judgements for less work. Each test holds one new
// fast path to the slow one it replaced on every train narrative of the Chinese and English sets
// (session18Texts); TestJudgeGolden checks that no judgement moved.

// TestSession18Speed2RuneWidthTable: the depth-first matcher reads a rune and its width from one
// per-byte table (runeTable.at) instead of the rune-offset and byte-offset tables; it gives what
// those gave, and what decoding gives, at every rune start of every text, for every end the run
// may have (a rune cut by the end is decoded, as before).
func TestSession18Speed2RuneWidthTable(t *testing.T) {
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		for _, text := range session18Texts(t, j, "", "a", "逾期", "é€😀\u0000x") {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			if st.tab == nil || len(st.tab.at) != len(st.t) {
				t.Fatalf("%q: no per-byte table", st.t)
			}
			slow := &runeTable{rs: st.tab.rs, offs: st.tab.offs, bytePos: st.tab.bytePos}
			for i := range len(st.rs) {
				p := int(st.bytePos[i])
				for _, hi := range []int{len(st.t), int(st.bytePos[i+1]), int(st.bytePos[i+1]) - 1} {
					if hi <= p {
						continue
					}
					r, w := runeAtTable(st.t, st.tab, p, hi)
					sr, sw := runeAtTable(st.t, slow, p, hi)
					dr, dw := utf8.DecodeRuneInString(st.t[p:hi])
					if r != sr || w != sw || r != dr || w != dw {
						t.Fatalf("%q at %d (end %d): table %q/%d, offsets %q/%d, decoded %q/%d", st.t, p, hi, r, w, sr, sw, dr, dw)
					}
				}
			}
		}
	}
}

// TestSession18Speed2HearsaySubjectsDepthFirst: a hearsay subject at a sentence's start
// ("我表姐收到过…", "My sister got…") is found by the depth-first matcher, with the same end as Go's
// regexp, ^(?:…), gave, for both languages' cues on every sentence of every text and every tail of one.
func TestSession18Speed2HearsaySubjectsDepthFirst(t *testing.T) {
	crafted := []string{"而且，我表姐收到过催收短信。", "之前我朋友说他们会上门", "“我同事接到电话", "My sister got a call. And my friend said so.",
		"  (my mom) was called", "mother", "mymom", "我", ""}
	found := 0
	for _, j := range []Jurisdiction{CN, US} {
		p, _ := session18Pack(t, j, func(*phraseMatcher) bool { return false })
		for _, text := range session18Texts(t, j, crafted...) {
			p.lastPrepared.Store(nil)
			st := p.prepare(text)
			sents := []string{st.t}
			// each sentence, and each of its tails (a sentence starting at any rune)
			for _, sp := range st.sents {
				for i := sp.start; i < sp.end; i++ {
					sents = append(sents, st.t[int(st.bytePos[i]):int(st.bytePos[sp.end])])
				}
			}
			for _, lang := range []string{"zh", "en"} {
				cues := p.Language[lang]
				if cues == nil || cues.hearsaySubjects == nil {
					continue
				}
				if cues.hearsaySubjectsAt == nil {
					t.Fatalf("%s: hearsay subjects not compiled for the depth-first matcher", lang)
				}
				for _, sent := range sents {
					got := cues.hearsaySubjectsAt.at(sent, 0, 0, len(sent), false)
					want := cues.hearsaySubjects.FindStringIndex(sent)
					if len(got) != len(want) || len(got) == 2 && (got[0] != want[0] || got[1] != want[1]) {
						t.Fatalf("%s %q: depth first %v, regexp %v", lang, sent, got, want)
					}
					if want != nil {
						found++
					}
				}
			}
		}
	}
	if found < 20 {
		t.Fatalf("only %d sentences and tails open with a hearsay subject: the comparison shows little", found)
	}
}
