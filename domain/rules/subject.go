package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/redline-regulator/redline/domain"
)

// OwnSubjectCues read who does a contact, a disclosure or a visit (session 22, cfpb). A phrase
// such as "told my mother" or "called my boss" names the act and its third party, not who did
// it: "I told my fiancée about the debt" is the complainant's own talk, not the collector's
// contact. A hit of one of Types whose phrase opens on one of Verbs is dismissed when the verb's
// subject is the complainant's side: Own right before it (I, we, my husband and I), with Bridge
// words between them (also, then, had to, finally); or, when the verb is joined to an earlier one by
// Links (and, then), the nearest subject before it in the sentence is one of Lead (I, we) rather
// than one of Others (they, he, the collector); a Lead subject right after one of Subordinators
// (while, when, because) is a subordinate clause's and is passed over (session 26: "a man came to
// my home while I was at work and told my roommate" is the man's act). A passive ("my mother was told", "my boss got a
// call") opens on its third party, not on a verb, and is not read here.
type OwnSubjectCues struct {
	Types  []domain.ViolationType `json:"types"`
	Verbs  []string               `json:"verbs"`
	Own    []string               `json:"own"`
	Bridge []string               `json:"bridge"`
	Links  []string               `json:"links"`
	Lead   []string               `json:"lead"`
	Others []string               `json:"others"`
	// Subordinators (optional) open a subordinate clause whose subject is not the later verb's.
	Subordinators []string `json:"subordinators,omitempty"`

	verbs, nearest          *regexp.Regexp
	own, bridge, links, sub *tailRegexp // end-anchored, searched in a text's tail (session 32)
}

// compile compiles the cues' patterns (RE2, over the normalised lower-case text); a nil c has none.
func (c *OwnSubjectCues) compile(lang string) error {
	if c == nil {
		return nil
	}
	for _, t := range c.Types {
		if _, ok := domain.ParseViolationType(string(t)); !ok {
			return fmt.Errorf("language %s: ownSubject: unknown violation code %q", lang, t)
		}
	}
	if len(c.Verbs) == 0 {
		return fmt.Errorf("language %s: ownSubject: verbs are required", lang)
	}
	verbs, err := regexp.Compile(`^(?:` + strings.Join(c.Verbs, "|") + `)\b`)
	if err != nil {
		return fmt.Errorf("language %s: ownSubject: verbs: %w", lang, err)
	}
	c.verbs = verbs
	for _, l := range []struct {
		name string
		lead string
		pats []string
		out  **tailRegexp
	}{
		{"own", `[\s,;:"'(]`, c.Own, &c.own},
		{"bridge", `\s`, c.Bridge, &c.bridge},
		{"links", `[\s,]`, c.Links, &c.links},
	} {
		if len(l.pats) == 0 {
			return fmt.Errorf("language %s: ownSubject: %s are required", lang, l.name)
		}
		re, err := compileTail(l.lead, strings.Join(l.pats, "|"), `\s*$`)
		if err != nil {
			return fmt.Errorf("language %s: ownSubject: %s: %w", lang, l.name, err)
		}
		*l.out = re
	}
	if len(c.Lead) == 0 || len(c.Others) == 0 {
		return fmt.Errorf("language %s: ownSubject: lead and others are required", lang)
	}
	re, err := regexp.Compile(`\b(?:(` + strings.Join(c.Lead, "|") + `)|(?:` + strings.Join(c.Others, "|") + `))\b`)
	if err != nil {
		return fmt.Errorf("language %s: ownSubject: lead or others: %w", lang, err)
	}
	c.nearest = re
	if len(c.Subordinators) > 0 {
		if c.sub, err = compileTail(`[\s,;:]`, strings.Join(c.Subordinators, "|"), `\s+$`); err != nil {
			return fmt.Errorf("language %s: ownSubject: subordinators: %w", lang, err)
		}
	}
	return nil
}

// reads reports whether the cues judge hits of type t.
func (c *OwnSubjectCues) reads(t domain.ViolationType) bool {
	return c != nil && c.verbs != nil && slices.Contains(c.Types, t)
}

// ownSubject reports whether the hit phrase, after before (its sentence up to it), is the
// complainant's own act: it opens on a verb whose subject is the complainant's side.
func (c *OwnSubjectCues) ownSubject(before, phrase string) bool {
	if !c.verbs.MatchString(phrase) {
		return false
	}
	b := strings.TrimRight(before, " ")
	for range 4 {
		loc := c.bridge.FindStringIndex(b)
		if loc == nil || loc[0] == len(b) {
			break
		}
		b = strings.TrimRight(b[:loc[0]], " ")
	}
	if c.own.MatchString(b) {
		return true
	}
	loc := c.links.FindStringIndex(b)
	if loc == nil {
		return false
	}
	b = b[:loc[0]]
	subj := c.nearest.FindAllStringSubmatchIndex(b, -1)
	for i := len(subj) - 1; i >= 0; i-- {
		if subj[i][2] >= 0 {
			if c.sub != nil && c.sub.MatchString(b[:subj[i][0]]) {
				continue
			}
			return true
		}
		if !c.object(b[:subj[i][0]]) {
			return false
		}
	}
	return false
}

// objectLead matches the end of the text before a noun phrase that makes it an object: a verb of
// Verbs or a preposition, with an article ("called the agency", "to the collector").
var objectLead = regexp.MustCompile(`(?:^|\s)([a-z'-]+)\s+(?:(?:the|a|an|this|that|their|its)\s+)?$`)

// object reports whether the noun phrase after before is an object ("i called the agency and
// told my mother": the agency is not who told), not a subject.
func (c *OwnSubjectCues) object(before string) bool {
	m := objectLead.FindStringSubmatch(before)
	if m == nil {
		return false
	}
	switch m[1] {
	case "to", "from", "with", "at", "for", "by", "about", "of", "on", "into":
		return true
	}
	return c.verbs.MatchString(m[1])
}

// ownSubjectHit reports whether the hit at runes [s, e) of sentence si, of type t, is the
// complainant's own act (OwnSubjectCues).
func (st *scanState) ownSubjectHit(s, e, si int, lang string, t domain.ViolationType) bool {
	c := st.p.Language[lang].OwnSubject
	if !c.reads(t) {
		return false
	}
	sp := st.sents[si]
	return c.ownSubject(st.runeText(sp.start, s), st.runeText(s, e))
}
