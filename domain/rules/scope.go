package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Scopes, session 19 (scope): hearsay that ends at the complainant's own account, and questions
// asked clause by clause, written with or without a question mark.

// scopeCues are a language's session-19 scope patterns, compiled.
type scopeCues struct {
	hearsayOwnClause *regexp.Regexp // HearsayOwnClause
	questionOpeners  *regexp.Regexp // QuestionOpeners, anchored at a clause's start
}

// compileScopes compiles the session-19 patterns of c (language lang): the own-clause patterns
// searched anywhere, the question openers anchored at a clause's start (after quotes and, in
// English, a connective).
func (c *LanguageCues) compileScopes(lang string) error {
	opener := `^[\s"'“]*(?:(?:and|so|but|also|then|now)\s+)?(?:`
	if lang == "zh" {
		opener = `^[\s"'“]*(?:`
	}
	c.scope = scopeCues{}
	for _, l := range []struct {
		name, pre string
		pats      []string
		out       **regexp.Regexp
	}{{"hearsayOwnClause", "(?:", c.HearsayOwnClause, &c.scope.hearsayOwnClause},
		{"questionOpeners", opener, c.QuestionOpeners, &c.scope.questionOpeners}} {
		if len(l.pats) == 0 {
			continue
		}
		re, err := regexp.Compile(l.pre + strings.Join(l.pats, "|") + ")")
		if err != nil {
			return fmt.Errorf("language %s: %s: %w", lang, l.name, err)
		}
		*l.out = re
	}
	return nil
}

// ownClause reports whether s (the text after a hearsay cue, or after a hearsay subject, up to a
// hit) holds the complainant's own account: a clause of theirs with an event verb (我昨天接到电话,
// 本人上周…被打了, "last night i got a call"). A 我 that is the object of a verb before it
// (给我, 打我, 告诉我, 说我) is no subject: "听说他们会给我家里人打电话" stays hearsay.
//
// after is the hit's clause from the hit on: an own clause that starts before the hit may run
// through it (我昨晚十二点多还收到…, where the hit is the time).
func (c *LanguageCues) ownClause(s, after, lang string) bool {
	re := c.scope.hearsayOwnClause
	if re == nil || s == "" {
		return false
	}
	t := s + after
	for _, m := range re.FindAllStringIndex(t, -1) {
		if m[0] > len(s) {
			break
		}
		if lang == "zh" && objectBefore(t[:m[0]]) {
			continue
		}
		return true
	}
	return false
}

// clauseRest is the text of the clause of sentence sp from rune s on (a hit at [s, e)).
func (st *scanState) clauseRest(sp span, s, e int) string {
	_, to := st.clauseAt(sp, s, e)
	if st.bytePos != nil {
		return st.t[int(st.bytePos[s]):int(st.bytePos[to])]
	}
	return string(st.rs[s:to])
}

// objectBefore reports whether the Chinese text before ends with a word that takes the 我 after it
// as its object or reports it (给我, 找我, 说我).
func objectBefore(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune("给打找问告诉跟和对把让叫说骂催向帮替被到在", r)
}

// clauseAt returns the rune span [from, to) of the clause of the sentence sp that holds the rune
// span [s, e) of the normalised text: up to the clause punctuation before s and after e. It walks
// at most clauseWalk runes each way; further it searches the text's clause marks, listed once per
// scan (session 31, speed31: a 20,000-character text without a comma walked its whole length at
// every hit, quadratic in the text's length).
func (st *scanState) clauseAt(sp span, s, e int) (int, int) {
	from, to := s, e
	for k := 0; from > sp.start && !clauseBreak(st.rs[from-1]); k++ {
		if k == clauseWalk {
			from = st.clauseStartBefore(sp, from)
			break
		}
		from--
	}
	for k := 0; to < sp.end && !clauseBreak(st.rs[to]) && !sentenceEnd(st.rs[to]); k++ {
		if k == clauseWalk {
			to = st.clauseEndFrom(sp, to)
			break
		}
		to++
	}
	return from, to
}

// clauseWalk is how many runes clauseAt walks before it searches the clause marks' list.
const clauseWalk = 64

// clauseMarks lists (once per scan) the rune offsets of the clause breaks (breaks) and of the
// clause breaks and sentence ends (ends), ascending.
func (st *scanState) clauseMarks() (breaks, ends []int32) {
	sc := st.scratch
	if !sc.marksDone {
		sc.breaks, sc.ends = sc.breaks[:0], sc.ends[:0]
		for i, r := range st.rs {
			if clauseBreak(r) {
				sc.breaks = append(sc.breaks, int32(i))
				sc.ends = append(sc.ends, int32(i))
			} else if sentenceEnd(r) {
				sc.ends = append(sc.ends, int32(i))
			}
		}
		sc.marksDone = true
	}
	return sc.breaks, sc.ends
}

// clauseStartBefore is where clauseAt's walk back from rune from (> sp.start) stops: just after
// the last clause break before from, or sp.start.
func (st *scanState) clauseStartBefore(sp span, from int) int {
	breaks, _ := st.clauseMarks()
	i, _ := slices.BinarySearch(breaks, int32(from)) // breaks[i-1] < from
	if i > 0 {
		return max(sp.start, int(breaks[i-1])+1)
	}
	return sp.start
}

// clauseEndFrom is where clauseAt's walk forward from rune to (< sp.end) stops: at the first clause
// break or sentence end at or after to, or sp.end.
func (st *scanState) clauseEndFrom(sp span, to int) int {
	_, ends := st.clauseMarks()
	i, _ := slices.BinarySearch(ends, int32(to)) // ends[i] >= to
	if i < len(ends) {
		return min(sp.end, int(ends[i]))
	}
	return sp.end
}

// clauseBreak is strings.ContainsRune("，,；;：:", r) and sentenceEnd strings.ContainsRune("。！？!?", r),
// as switches: clauseAt tested every rune of a clause through IndexRune (session 23, speed).
func clauseBreak(r rune) bool {
	switch r {
	case '，', ',', '；', ';', '：', ':':
		return true
	}
	return false
}

func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?':
		return true
	}
	return false
}

// askedClause reports whether the clause of a hit (hit: the hit's byte offset in clause) is a
// question though its sentence does not end as one (session 19): a Chinese clause that ends in a
// question particle (吗, 的吧), or that holds an A-not-A form (收不收, 能不能, 有没有, 要不要); or a clause that opens
// with a question opener (请问; "can they", "what happens if"). Rhetorical questions (凭什么, 合法吗
// in the hit's own clause) are accusations and stay statements; a particle or A-not-A form after a
// speech verb reports someone else's question (他就说…心里没数吗, 问我能不能), and one after
// 不管/无论 (不管你还不还) asks nothing. 是不是 after the hit asks only what follows it
// (催收人员上门催收是不是你们公司授权的: the visit is told), unless it judges the hit (是不是违法:
// QuestionEvaluations).
func (c *LanguageCues) askedClause(clause string, hit int, lang string) bool {
	clause = strings.TrimRightFunc(clause, func(r rune) bool { return r == ' ' || r == '"' || r == '”' || r == '」' })
	asked := c.scope.questionOpeners != nil && c.scope.questionOpeners.MatchString(clause)
	if !asked && lang == "zh" {
		for _, q := range c.QuestionClauseEnds {
			if strings.HasSuffix(clause, q) && !reportedAsk(clause) {
				asked = true
				break
			}
		}
		if !asked && c.QuestionAnotA {
			if i := aNotA(clause); i >= 0 && !reportedAsk(clause[:i]) && (i <= hit || !strings.HasPrefix(clause[i:], "是不是") || c.evaluates(clause[i:])) {
				asked = true
			}
		}
	}
	if !asked {
		return false
	}
	framed := c.questionFrames != nil && c.questionFrames.MatchString(clause)
	for _, r := range c.Rhetorical {
		if !framed && lastCue(clause, r, lang) >= 0 {
			return false
		}
	}
	return true
}

// evaluates reports whether a 是不是 form (form: the clause from it on) judges what came before
// it: 是不是违法, 是不是合法.
func (c *LanguageCues) evaluates(form string) bool {
	for _, e := range c.QuestionEvaluations {
		if strings.HasPrefix(form, e) {
			return true
		}
	}
	return false
}

// aNotA returns the byte offset of the first A-not-A form in a Chinese clause (X不X, X没X: 收不收,
// 能不能, 合不合法, 有没有), or -1. A structural particle is no A (搞得不得安宁), an idiom of
// frequency asks nothing (动不动就, 时不时), and neither does an outcry about anyone (让不让人睡觉,
// 要不要人活: session 20, a text without commas made the whole of it "the question").
func aNotA(clause string) int {
	var p2, p1 rune
	o2, o1 := -1, -1
	for i, w := 0, 0; i < len(clause); i += w {
		r := rune(clause[i])
		if w = 1; r >= utf8.RuneSelf {
			// decoded inline, not by range, which calls the runtime's decoder (session 21)
			if r, w = decode3(clause, i); w == 0 {
				r, w = utf8.DecodeRuneInString(clause[i:])
			}
		}
		if (p1 == '不' || p1 == '没') && r == p2 && isHan(r) && !strings.ContainsRune("得的地了着过", r) {
			// 让不让人睡觉, 还要不要人活: a form whose object is 人 (anyone) is an outcry, no question
			if form := clause[o2:]; !strings.HasPrefix(form, "动不动") && !strings.HasPrefix(form, "时不时") && !strings.HasPrefix(clause[i+utf8.RuneLen(r):], "人") {
				return o2
			}
		}
		p2, o2 = p1, o1
		p1, o1 = r, i
	}
	return -1
}

// reportedAsk reports whether the clause before an A-not-A form says someone asked (问我能不能…)
// or that it does not matter (不管你还不还): no question of the complainant's.
func reportedAsk(before string) bool {
	for _, w := range []string{"问", "说", "骂", "不管", "无论", "不论", "管你", "管他"} {
		if strings.Contains(before, w) {
			return true
		}
	}
	return false
}

// clauseQuestion reports whether a hit at runes [s, e) of sentence si, not asked by its sentence's
// question, lies in a clause that asks (askedClause).
func (st *scanState) clauseQuestion(si, s, e int, lang string) bool {
	c := st.p.Language[lang]
	if c.scope.questionOpeners == nil && len(c.QuestionClauseEnds) == 0 && !c.QuestionAnotA {
		return false
	}
	from, to := st.clauseAt(st.sents[si], s, e)
	// a clause longer than QuestionReach (a text without commas) asks only within that reach of the
	// hit: its final 吗 or an A-not-A form further away belongs to another clause the commas would
	// have parted (…疯狂轰炸我以及我的家人…这太扯了吧; session 20)
	if r := c.QuestionReach; r > 0 && to-from > r {
		from, to = max(from, s-r), min(to, e+r)
	}
	hit := st.byteOf(s) - st.byteOf(from)
	// the answer is askedClause's, which depends on the clause (from, to), the hit's offset in it
	// and the language only: asked once per text
	key := askedMemo{from: int32(from), to: int32(to), hit: int32(hit), lang: lang}
	for _, m := range st.scratch.asked {
		if m.from == key.from && m.to == key.to && m.hit == key.hit && m.lang == lang {
			return m.asked
		}
	}
	key.asked = c.askedClause(st.runeText(from, to), hit, lang)
	if len(st.scratch.asked) < maxAskedMemo {
		st.scratch.asked = append(st.scratch.asked, key)
	}
	return key.asked
}

// maxAskedMemo bounds clauseQuestion's memo, which is searched end to end: a 200-character
// narrative asks a few dozen distinct clauses, while a 20,000-character one with thousands of hits
// would make the search quadratic. Past the bound an answer is computed again, never wrong.
const maxAskedMemo = 64

// askedMemo is an answer of clauseQuestion: the clause's rune span, the hit's byte offset in it,
// the language and whether the clause asks.
type askedMemo struct {
	from, to, hit int32
	lang          string
	asked         bool
}

// ownStepAfter reports whether after (the sentence after a supposed hit) holds the complainant's own
// step in answer to the supposition (OwnStep: 我就去报警, "i will file a complaint"): "如果他们再打给我
// 爸妈，我就去报警" supposes the contact and says what the complainant will do; the hypothetical factor
// then applies twice (session 19).
func (c *LanguageCues) ownStepAfter(after, lang string) bool {
	for _, w := range c.OwnStep {
		if firstCue(after, w, lang) >= 0 {
			return true
		}
	}
	return false
}
