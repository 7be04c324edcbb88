package rules

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/redline-regulator/redline/domain"
)

// WriterRoleCues read, once per text, who the writer is to the debt (session 38, zh38). The writer
// of a complaint is not always the borrower: a mother writes that her son borrowed and the collector
// calls her, a husband that his wife's collector rings his office, a stranger that an old colleague
// put him down as emergency contact (a recycled number's new owner is not read so: the real complaints
// label that writer's "not the borrower" a dispute). For such a writer the debt is someone else's:
//
//   - a statement that the debt is not the writer's (不是借款人, 跟我没关系, 钱又不是我借的) is who the writer
//     is, not a dispute of the debt: the DEBT_DISPUTE hits of the Disowns rules are dismissed, unless
//     the collector holds the writer to be the debtor (Claimed: 说我欠, 你就是他, 冒用我的身份, 让我还 — but not
//     让我替她还, which names the debtor) or the debt is an ex-spouse's, a dead relative's (前夫, 去世);
//   - a contact made to the writer (打我电话, 找到我这里) is a contact of a third party: THIRD_PARTY_CONTACT
//     at Weight, with the scopes of any hit (negation, question, hypothetical, hearsay). A guarantor
//     (Guarantor) may be contacted: the guarantor's role dismisses the disowning hits and the hits of
//     the WriterContacts rules, and adds no contact.
//
// Third, Guarantor and Own are patterns (the pack's syntax, {CLASS} included) over the whole text: the
// writer is a third party when a Third or Guarantor pattern is found and no Own pattern (the writer's
// own loan: 我在某平台借了, 我的网贷逾期) is. Independently of the role, a disowning hit whose clause
// names a third party right before it (DenialSubject, ending where the hit starts: "我老公根本不是借款
// 人", "我爸妈不是借款人") says who someone else is, and is dismissed too.
type WriterRoleCues struct {
	Note      string   `json:"note,omitempty"`
	Third     []string `json:"third"`
	Guarantor []string `json:"guarantor,omitempty"`
	Own       []string `json:"own,omitempty"`
	Claimed   []string `json:"claimed,omitempty"`
	Contacted []string `json:"contacted,omitempty"`
	Disowns   []string `json:"disowns"`
	// WriterContacts are the rules (ids) that read a contact made to the writer as a third party's
	// (THIRD_PARTY_CONTACT.relative-debt): a guarantor's role dismisses their hits.
	WriterContacts []string `json:"writerContacts,omitempty"`
	DenialSubject  string   `json:"denialSubject,omitempty"`
	Weight         float64  `json:"weight"`

	third, guarantor, own, claimed, contacted []*regexp.Regexp
	denialSubject                             *regexp.Regexp
}

// compileWriterRole compiles the pack's writer-role cues (Chinese), after its classes.
func (p *Pack) compileWriterRole() error {
	c := p.WriterRole
	if c == nil {
		return nil
	}
	if len(c.Third) == 0 || len(c.Disowns) == 0 {
		return fmt.Errorf("writerRole: third and disowns are required")
	}
	if !unit(c.Weight) || c.Weight == 0 {
		return fmt.Errorf("writerRole: weight %v outside (0, 1]", c.Weight)
	}
	gap := p.Language["zh"].Gap
	for _, l := range []struct {
		name string
		pats []string
		out  *[]*regexp.Regexp
	}{{"third", c.Third, &c.third}, {"guarantor", c.Guarantor, &c.guarantor}, {"own", c.Own, &c.own}, {"claimed", c.Claimed, &c.claimed}, {"contacted", c.Contacted, &c.contacted}} {
		*l.out = nil
		for _, pat := range l.pats {
			src, err := patternSource(pat, "zh", gap, p.classRE)
			if err != nil {
				return fmt.Errorf("writerRole.%s: %w", l.name, err)
			}
			re, err := regexp.Compile(src)
			if err != nil {
				return fmt.Errorf("writerRole.%s: %w", l.name, err)
			}
			*l.out = append(*l.out, re)
		}
	}
	c.denialSubject = nil
	if c.DenialSubject != "" {
		src, err := patternSource(c.DenialSubject, "zh", gap, p.classRE)
		if err != nil {
			return fmt.Errorf("writerRole.denialSubject: %w", err)
		}
		if c.denialSubject, err = regexp.Compile(`(?:` + src + `)$`); err != nil {
			return fmt.Errorf("writerRole.denialSubject: %w", err)
		}
	}
	return nil
}

// writerRole applies the writer's role to the hits of a Chinese text (see WriterRoleCues).
func (st *scanState) writerRole(bySentence [][]match) {
	c := st.p.WriterRole
	if c == nil || !st.hasHan || st.offs == nil {
		return
	}
	disowns := func(h *match) bool {
		return h.typ == domain.ViolationDebtDispute && h.factor == "" && h.negatedBy == "" && slices.Contains(c.Disowns, h.rule)
	}
	// the denial's own subject, read from its clause's start
	if c.denialSubject != nil {
		for si := range bySentence {
			for i := range bySentence[si] {
				h := &bySentence[si][i]
				if !disowns(h) {
					continue
				}
				from := h.ns
				for from > st.sents[si].start && !clauseRune(st.rs[from-1]) {
					from--
				}
				if c.denialSubject.MatchString(string(st.rs[from:h.ns])) {
					h.negatedBy = "writer role: the denial's subject is a third party"
				}
			}
		}
	}
	if anyMatch(c.own, st.t) {
		return
	}
	// a guarantor may be contacted: the role dismisses the disowning, not the contact
	guarantor := anyMatch(c.guarantor, st.t)
	third := !guarantor && anyMatch(c.third, st.t)
	if !third && !guarantor {
		return
	}
	if !anyMatch(c.claimed, st.t) {
		for si := range bySentence {
			for i := range bySentence[si] {
				if h := &bySentence[si][i]; disowns(h) {
					h.negatedBy = "writer role: the debt is another's, the writer a third party"
				}
			}
		}
	}
	if !third {
		for si := range bySentence {
			for i := range bySentence[si] {
				h := &bySentence[si][i]
				if h.typ == domain.ViolationThirdPartyContact && h.negatedBy == "" && slices.Contains(c.WriterContacts, h.rule) {
					h.negatedBy = "writer role: the writer is the guarantor, whom the collector may contact"
				}
			}
		}
		return
	}
	law := lawOf(st.p, domain.ViolationThirdPartyContact)
	for pi, re := range c.contacted {
		for _, loc := range re.FindAllStringIndex(st.t, -1) {
			s, e := int(st.offs[loc[0]]), int(st.offs[loc[1]])
			si, ok := st.sentenceOf(s, e)
			if !ok {
				continue
			}
			h := st.hit(s, e, si, "zh", c.Weight, false)
			h.typ, h.rule, h.pattern, h.law = domain.ViolationThirdPartyContact, "THIRD_PARTY_CONTACT.writer-third", c.Contacted[pi], law
			h.modifiers = append(h.modifiers, "writer-third")
			bySentence[si] = append(bySentence[si], h)
		}
	}
}

// clauseRune reports whether r ends a clause (the marks a denial's subject does not reach across).
func clauseRune(r rune) bool {
	switch r {
	case '，', ',', '。', '！', '？', '!', '?', '；', ';', '：', ':', ' ', '\n', '\t':
		return true
	}
	return false
}
