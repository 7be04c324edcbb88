package rules

import (
	"fmt"
	"regexp"
	"strings"
)

// The CN gate of the THREAT model (session 33, tmcn33; docs/RULES.md "Session 33 (tmcn33)"). On long
// real borrower narratives the model fires on the complainant's own sentences — requests (停止暴力催收,
// 请求下调利息), negotiations (协商分期), descriptions of contact and of the platform — whose n-grams the
// writers' short threat lines share. A pack's threatModel.gate[lang] admits a model hit only where the
// sentence reads as the collector's side aimed at the complainant's people, home or body: it holds a
// cue (a harm or menace predicate, a sign, an explicit threat verb, the collector's quoted or reported
// words to "you"), or the sentence before it ends by introducing the collector's words (lead), and it
// is not a complainant sentence (veto: the complainant's first-person request, negotiation or plan, a
// quoted rule). Patterns are the pack's (classes in braces), matched on the engine's normalised text.

// ThreatGate is a pack's gate on the THREAT model's hits for one language.
type ThreatGate struct {
	// Cue: one must match the sentence (or Lead the sentence before it) for a hit to count.
	Cue []string `json:"cue"`
	// Lead: a match at the end of the sentence before introduces the collector's words.
	Lead []string `json:"lead,omitempty"`
	// Veto: a sentence one matches is the complainant's own (request, negotiation, plan, a rule).
	Veto []string `json:"veto,omitempty"`
	Note string   `json:"note,omitempty"`

	cue, lead, veto *regexp.Regexp
}

func (g *ThreatGate) compile(p *Pack, lang string) error {
	one := func(name string, pats []string, suffix string) (*regexp.Regexp, error) {
		if len(pats) == 0 {
			return nil, nil
		}
		var alt []string
		for _, pat := range pats {
			src, err := patternSource(pat, lang, p.Language[lang].Gap, p.classRE)
			if err != nil {
				return nil, fmt.Errorf("threatModel.gate.%s.%s %q: %w", lang, name, pat, err)
			}
			alt = append(alt, "(?:"+src+")")
		}
		return regexp.Compile("(?:" + strings.Join(alt, "|") + ")" + suffix)
	}
	var err error
	if g.cue, err = one("cue", g.Cue, ""); err != nil {
		return err
	}
	if g.cue == nil {
		return fmt.Errorf("threatModel.gate.%s: no cue", lang)
	}
	if g.lead, err = one("lead", g.Lead, `\s*$`); err != nil {
		return err
	}
	g.veto, err = one("veto", g.Veto, "")
	return err
}

// threatGateAdmits reports whether the pack's gate for lang admits a THREAT model hit on sentence si
// of st (no gate: every hit).
func (p *Pack) threatGateAdmits(st *scanState, si int, lang string) bool {
	if p.ThreatModel == nil || p.ThreatModel.Gate == nil {
		return true
	}
	g := p.ThreatModel.Gate[lang]
	if g == nil || g.cue == nil {
		return true
	}
	sp := st.sents[si]
	// inside a quotation opened in an earlier sentence: the words are the quoted speaker's, admitted
	// as the sentence that opens the quotation is (a collector's 说：“… split at its ？ or 。)
	if q := openQuote(st.rs[:sp.start]); q >= 0 && sp.end > sp.start && st.rs[sp.start] != '”' && st.rs[sp.start] != '」' {
		for qi := si - 1; qi >= 0; qi-- {
			if st.sents[qi].start <= q {
				return g.admitsOwn(string(st.rs[st.sents[qi].start:st.sents[qi].end]))
			}
		}
	}
	s := string(st.rs[sp.start:sp.end])
	if g.veto != nil && g.veto.MatchString(s) {
		return false
	}
	if g.cue.MatchString(s) {
		return true
	}
	if g.lead != nil && si > 0 {
		pp := st.sents[si-1]
		return g.lead.MatchString(string(st.rs[pp.start:pp.end]))
	}
	return false
}

// admitsOwn is the gate on one sentence by itself: not vetoed, and a cue.
func (g *ThreatGate) admitsOwn(s string) bool {
	return (g.veto == nil || !g.veto.MatchString(s)) && g.cue.MatchString(s)
}

// openQuote returns the index in rs of the opening quotation mark (“ or 「) left open at its end,
// -1 when every quotation is closed.
func openQuote(rs []rune) int {
	open := -1
	for i, r := range rs {
		switch r {
		case '“', '「':
			open = i
		case '”', '」':
			open = -1
		}
	}
	return open
}
