package rules

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain"
)

// span is a sentence: rune offsets into its source text.
type span struct{ start, end int }

// sentences splits text into sentences at Chinese and English terminators and line breaks. A "."
// ends a sentence only before white space or the end, so "$1.50" and "No.123" stay whole.
func sentences(rs []rune) []span {
	var out []span
	start := 0
	flush := func(end int) {
		for start < end && unicode.IsSpace(rs[start]) {
			start++
		}
		if start < end {
			out = append(out, span{start, end})
		}
		start = end
	}
	for i, r := range rs {
		switch r {
		case '。', '！', '？', '!', '?', '；', ';', '\n', '…':
			if r != '\n' && i+1 < len(rs) && terminatorRun(rs[i+1]) {
				continue // "!!!", "?!", "！！": a run of terminators ends one sentence, not one per mark
			}
			flush(i + 1)
		case '.':
			if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) {
				flush(i + 1)
			}
		}
	}
	flush(len(rs))
	return out
}

// terminatorRun reports whether r continues a run of sentence marks ("!!!", "?!", "!.", "！！"); a
// line break is no part of a run, so each line stays its own sentence.
func terminatorRun(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '…', '.':
		return true
	}
	return false
}

// match is one lexicon hit in a text: of a violation type's lexicon, or of an urgency factor's.
type match struct {
	typ        domain.ViolationType
	factor     domain.UrgencyFactor
	start, end int // rune offsets in the source text as written
	phrase     string
	pattern    string
	rule       string // the phrase group's id, the composite's id, or the mention rule
	name       string // ruleName, when the matcher named it (""; ruleName builds it)
	law        string
	weight     float64
	modifiers  []string
	negatedBy  string // why the hit was dismissed: "negated by 没有", "exception: ..."
	hearsay    bool
	intended   bool // announced, not done (an intent cue before it)
	ns, ne     int  // rune offsets in the normalised text
	sent       int  // sentence index
}

// matchText runs every lexicon, composite and mention rule over text and returns the hits,
// dismissed ones marked. Each pattern runs once over the whole (normalised) text; a hit must lie
// within one sentence, whose cues then apply. Overlapping hits of one type keep the strongest.
func (p *Pack) matchText(text string) []match {
	lex := make([]lexicon, 0, len(domain.ViolationTypes))
	for _, v := range domain.ViolationTypes {
		vr := p.Violations[v.Type]
		lex = append(lex, lexicon{typ: v.Type, groups: vr.Phrases, except: vr.Except})
	}
	return p.scan(text, lex, true)
}

// matchFactors runs the urgency factors' lexicons over text, with the same cues as matchText.
func (p *Pack) matchFactors(text string) []match {
	if p.Severity == nil {
		return nil
	}
	var lex []lexicon
	for _, f := range domain.UrgencyFactors {
		if groups := p.Severity.Factors[f]; len(groups) > 0 {
			lex = append(lex, lexicon{factor: f, groups: groups, except: p.Severity.Except[f]})
		}
	}
	return p.scan(text, lex, false)
}

// lexicon is the phrase groups of one violation type or one urgency factor.
type lexicon struct {
	typ    domain.ViolationType
	factor domain.UrgencyFactor
	groups []PhraseGroup
	except *PhraseGroup
}

// scanState is one text being scanned.
type scanState struct {
	p                *Pack
	n                *normText
	t                string
	rs               []rune
	offs             []int32 // byte offset in t (a rune's start, or len(t)) -> rune offset
	sents            []span
	clauses          [][2]int // byte spans of the clauses
	mark             []bool
	hasHan, hasLatin bool
	lits             *litHits   // where the pack's literals occur; nil: the legacy scan
	all              []uint64   // every clause, as a bit set
	bytePos          []int32    // rune offset -> byte offset in t
	tab              *runeTable // t's runes, for anchored runs; nil: the legacy scan
	cues             []sentenceCues
	// hearsayCues[langIndex] are the hearsay cues the text holds (nil: not known, all of them): a
	// hit under hearsay looks for the last of them only (session 22: the cue lists name classes, a
	// thousand cues, most of which no text holds)
	hearsayCues [2][]string
	scratch     *scratch // buffers of this scan, never shared with a copy of the state
	// noScope: hit applies no question or hypothetical factor (an Asked composite's later fact
	// in the collector's speech, session 37)
	noScope bool
}

// scratch holds buffers a scan reuses from pattern to pattern.
type scratch struct {
	starts []int // leadMatches' candidate starts
	// startBits marks leadMatchesNear's starts by rune (all zero between calls)
	startBits []uint64
	near      [][2]int // the hits an exception judges (exceptSpansNear)
	occ       [][2]int // gateStarts' occurrences of a gate
	bt        btState  // the depth-first matcher's stack and memory, for leadMatches' runs
	cx        cxMemo   // a class-prefix pattern's places of X (classprefix.go)
	cand      []uint64 // candidates' result
	// cueSpans[kind][langIndex] are the rune spans of a cue list's occurrences in the text,
	// found on first use (kind: cueIntent, cueNegation, cueNorm)
	cueSpans [cueKinds][2][]span
	cueDone  [cueKinds][2]bool
	firsts   *[]match // composites' first facts (scanBufs.firsts)
	// reach and reachClauses are thenReach's sentences and clauses (session 30, speed)
	reach        []bool
	reachClauses []uint64
	gates        [][3]int // gated's phrases of a gate
	// clauseSents are the sentences each clause overlaps (clauseSents), once clauseSentsDone
	clauseSents     [][2]int32
	clauseSentsDone bool
	// asked are clauseQuestion's answers so far: the patterns of a pack hit the same phrases, and
	// each hit asked of the same clause again (session 23, speed)
	asked []askedMemo
	// breaks and ends are clauseMarks' rune offsets of clause marks, once marksDone (session 31)
	breaks, ends []int32
	marksDone    bool
	// empty are the composites' later-fact searches that found nothing (thenEmpty; session 31)
	empty []emptySearch
}

// scanBufs are the hit lists of one scan (per sentence, and the composites' first facts), reused
// from scan to scan: scan copies the hits it returns out of them.
type scanBufs struct {
	noCover    bool // the scan's pack's noCover
	bySentence [][]match
	pending    []pendingHit // scan's hits waiting for their lexicon's exceptions
	firsts     []match
	order      []int32 // strongest's permutation
	tmp        []match // strongest's copy of the hits
}

// pendingHit is a hit of a lexicon, bySentence[si][i] at runes [s, e) of the normalised text,
// that its exceptions and the own-subject test may still dismiss, found by a pattern of language
// lang.
type pendingHit struct {
	si, i, s, e int
	lang        string
}

var scanBufPool = sync.Pool{New: func() any { return new(scanBufs) }}

// scratchPool holds the scratch of scans that ended, so that the next judgement reuses their
// buffers (session 14).
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// newScratch returns an empty scratch.
func newScratch() *scratch {
	sc := scratchPool.Get().(*scratch)
	for k := range sc.cueSpans {
		for li := range sc.cueSpans[k] {
			sc.cueSpans[k][li] = sc.cueSpans[k][li][:0]
		}
	}
	sc.cueDone = [cueKinds][2]bool{}
	sc.firsts = nil
	sc.clauseSentsDone = false
	sc.asked = sc.asked[:0]
	sc.marksDone = false

	return sc
}

// sentences returns n empty hit lists.
func (b *scanBufs) sentences(n int) [][]match {
	if cap(b.bySentence) < n {
		b.bySentence = make([][]match, n)
	}
	b.bySentence = b.bySentence[:n]
	for i := range b.bySentence {
		b.bySentence[i] = b.bySentence[i][:0]
	}
	return b.bySentence
}

// release forgets the hits (their strings and modifiers) and returns the buffers to the pool.
func (b *scanBufs) release() {
	// only up to each sentence's length: its hits are appended, never cut short but by strongest,
	// which clears what it drops, and the sentences beyond this scan's were cleared by an earlier
	// release (session 26: clearing each list to its capacity, the most hits its sentence ever
	// had, was 1.3 % of a Chinese judgement); tmp is cleared by strongest after use
	for i := range b.bySentence {
		clear(b.bySentence[i])
	}
	clear(b.firsts[:cap(b.firsts)])
	scanBufPool.Put(b)
}

// The cue lists whose places a scan finds once per text (the first two), or whose occurrences
// the prefilter's pass finds (all).
const (
	cueIntent = iota
	cueNegation
	cueHypothetical
	cueHearsay
	cueNorm
	cueKinds
)

// cueIDs returns the prefilter's literal ids of a cue list of kind for lang (in the list's order),
// or nil when the scan has no prefilter or the list is searched for as text.
func (st *scanState) cueIDs(kind int, lang string) []int32 {
	if st.lits == nil || st.p.pre == nil {
		return nil
	}
	return st.p.pre.cueLits[kind][langIndex(lang)]
}

// cueWithin reports whether a cue of the list (of kind, for lang) occurs within the rune span
// [from, to) of the text, ending at or after minEnd. When none does, a search of that span for
// those cues has nothing to find; the cues' places are found once per text instead of once per hit.
func (st *scanState) cueWithin(kind int, cues []string, lang string, from, to, minEnd int) bool {
	sc, li := st.scratch, langIndex(lang)
	if !sc.cueDone[kind][li] {
		sc.cueDone[kind][li] = true
		if ids := st.cueIDs(kind, lang); ids != nil {
			// the prefilter's pass found every occurrence of every cue
			for _, i := range st.presentCues(kind, lang, nil) {
				for _, b := range st.lits.occurrences(ids[i]) {
					sc.cueSpans[kind][li] = append(sc.cueSpans[kind][li], span{int(st.offs[b]), int(st.offs[b+len(cues[i])])})
				}
			}
		} else {
			st.searchCues(kind, cues, li)
		}
	}
	for _, o := range sc.cueSpans[kind][li] {
		if o.start < 0 || o.start >= from && o.end <= to && o.end >= minEnd {
			return true
		}
	}
	return false
}

// searchCues finds the occurrences of cues (of kind, for language li) with a string search.
func (st *scanState) searchCues(kind int, cues []string, li int) {
	sc := st.scratch
	for _, cue := range cues {
		if cue == "" { // occurs everywhere
			sc.cueSpans[kind][li] = append(sc.cueSpans[kind][li], span{-1, -1})
			continue
		}
		for i := 0; i < len(st.t); {
			k := strings.Index(st.t[i:], cue)
			if k < 0 {
				break
			}
			sc.cueSpans[kind][li] = append(sc.cueSpans[kind][li], span{int(st.offs[i+k]), int(st.offs[i+k+len(cue)])})
			i += k + 1
			for i < len(st.t) && !utf8.RuneStart(st.t[i]) {
				i++
			}
		}
	}
}

// negationCueNear reports whether a negation cue of lang lies in sentence si before the hit at rune
// offset s, ending within NegationWindow runes of it: only then can negation find one (it rewrites
// the exceptions' words to "_" without moving a rune, so a cue it finds is a cue of the text, unless
// a cue itself holds "_"). Most hits have none, and negation then need not run.
func (st *scanState) negationCueNear(si int, lang string, s int) bool {
	c := st.p.Language[lang]
	if st.p.pre.negUnderscore[langIndex(lang)] {
		return true
	}
	return st.cueWithin(cueNegation, c.Negation, lang, st.sents[si].start, s, s-c.NegationWindow)
}

// normCueNear reports whether a norm cue of lang occurs within the rune span [from, s) or [s, e):
// the test norm begins with (a cue in the clause before the phrase or in the phrase), with the cues'
// places found once per text instead of searched for in the sentence at every hit (session 18).
func (st *scanState) normCueNear(from, s, e int, lang string) bool {
	c := st.p.Language[lang]
	return st.cueWithin(cueNorm, c.Norm, lang, from, s, -1) || st.cueWithin(cueNorm, c.Norm, lang, s, e, -1)
}

// fastHit is hit with the sentence's cues found once, and no copies of the sentence.
func (st *scanState) fastHit(s, e, si int, lang string, weight float64, keepNegated bool) match {
	sp := st.sents[si]
	os, oe := st.n.span(s, e)
	h := match{start: os, end: oe, phrase: st.n.phrase(os, oe), weight: weight, ns: s, ne: e, sent: si}
	cues := st.p.Language[lang]
	if !keepNegated && st.negationCueNear(si, lang, s) && !cues.opensClause(st.t[int(st.bytePos[s]):int(st.bytePos[e])], lang) {
		before := st.t[int(st.bytePos[sp.start]):int(st.bytePos[s])]
		h.negatedBy = cues.negation(before, st.t[int(st.bytePos[s]):int(st.bytePos[e])], lang)
		if h.negatedBy != "" {
			h.negatedBy = "negated by " + h.negatedBy
		}
	}
	if !keepNegated && h.negatedBy == "" && len(cues.Norm) > 0 && st.normCueNear(sp.start, s, e, lang) {
		if cue := cues.norm(st.t[int(st.bytePos[sp.start]):int(st.bytePos[s])], st.t[int(st.bytePos[s]):int(st.bytePos[e])], lang); cue != "" {
			h.negatedBy = "norm: " + cue
		}
	}
	c, li := &st.cues[si], langIndex(lang)
	x := c.hypoEnd[li]
	hypothetical := x >= 0 && x <= s && !st.confirmed(e, si, lang)
	// a question after a hypothetical asks about it: "如果他们打给我父母说要砍我，我该怎么办？"
	// (session 17), so the supposed clause is asked too
	if st.noScope {
		hypothetical = false
	} else if q := c.questionFrom[li]; q >= 0 && (e > q || hypothetical && asksNext(st.t[int(st.bytePos[e]):int(st.bytePos[max(q, e)])])) || st.clauseQuestion(si, s, e, lang) {
		h.weight *= cues.QuestionFactor
		h.modifiers = append(h.modifiers, "question")
	}
	if hypothetical {
		h.weight *= cues.HypotheticalFactor
		h.modifiers = append(h.modifiers, "hypothetical")
		if cues.ownStepAfter(st.t[int(st.bytePos[e]):int(st.bytePos[sp.end])], lang) {
			h.weight *= cues.HypotheticalFactor
		}
	}
	// a cue before the phrase, or one that begins at or before it and ends inside it ("听同事说…"
	// with a hit that starts at 听 or 同事), unless the hit shares only the cue's last rune (the 说
	// of "找我朋友说她借了钱" starts reported speech, not hearsay): session 13
	if x, y := c.hearsayEnd[li], c.hearsayStart[li]; (x >= 0 && x <= s || runsInto(y, s, e)) && !cues.hearsayClosed(st.t[int(st.bytePos[sp.start]):int(st.bytePos[s])], st.clauseRest(sp, s, e), lang, c.subjectEnd[li], st.hearsayCues[li]) {
		h.weight *= cues.HearsayFactor
		h.modifiers = append(h.modifiers, "hearsay")
		h.hearsay = true
	}
	return h
}

// asksNext reports whether between, the text from a supposed hit to the question that ends its
// sentence, holds one clause break at most: the question is the next clause, asked about the
// supposition ("如果他们…要砍我，我该怎么办？"), not a question far on in a long sentence.
func asksNext(between string) bool {
	n := 0
	for _, r := range between {
		if strings.ContainsRune("，,；;：:", r) {
			n++
		}
	}
	return n <= 1
}

func (st *scanState) sentenceOf(s, e int) (int, bool) {
	si := sort.Search(len(st.sents), func(i int) bool { return st.sents[i].end > s })
	if s == e || si == len(st.sents) || e > st.sents[si].end || s < st.sents[si].start {
		return 0, false
	}
	return si, true
}

// findAll returns the byte spans of m's matches, each within one clause. A pattern runs only on
// the clauses that contain one of its required literals, so most patterns never run at all.
func (st *scanState) findAll(m *phraseMatcher) [][]int {
	if m.lang == "zh" && !st.hasHan || m.lang == "en" && !st.hasLatin {
		return nil
	}
	var out [][]int
	run := func(ci int) {
		out = append(out, st.search(m, st.clauses[ci][0], st.clauses[ci][1])...)
	}
	if st.lits != nil {
		set, ok := st.lits.candidates(m, st.all, st.candBuf())
		if !ok {
			return nil
		}
		for w, word := range set {
			for word != 0 {
				b := word & -word
				run(w*64 + bitIndex(b))
				word ^= b
			}
		}
		return out
	}
	if m.lits == nil {
		for ci := range st.clauses {
			run(ci)
		}
		return out
	}
	clear(st.mark)
	any := false
	for _, l := range m.lits {
		for from := 0; from < len(st.t); {
			i := strings.Index(st.t[from:], l)
			if i < 0 {
				break
			}
			i += from
			ci := sort.Search(len(st.clauses), func(k int) bool { return st.clauses[k][1] > i })
			if ci == len(st.clauses) {
				break
			}
			st.mark[ci], any = true, true
			from = max(st.clauses[ci][1], i+len(l))
		}
	}
	if !any {
		return nil
	}
	for ci := range st.clauses {
		if st.mark[ci] {
			run(ci)
		}
	}
	return out
}

// ruledOut reports that the text lacks m's gate conjunct (see phraseMatcher.gate), which
// candidates checks first: a test without a call, for the thousands of patterns of a pack that a
// scan passes over (session 19, speed). False when there is no gate to test.
func (st *scanState) ruledOut(m *phraseMatcher) bool {
	h := st.lits
	return h != nil && m.gate >= 0 && m.needIdx != nil && h.conjKnown() && !h.hasConj(m.gate)
}

// isLowerLatin reports a-z, the letters an English pattern needs (the text is lower case).
func isLowerLatin(r rune) bool { return r >= 'a' && r <= 'z' }

// candBuf is the scratch that candidates writes its result to.
func (st *scanState) candBuf() []uint64 {
	if n := 2 * st.lits.words; len(st.scratch.cand) < n {
		st.scratch.cand = make([]uint64, n)
	}
	return st.scratch.cand
}

// clauseSpans splits text at sentence ends and clause punctuation: phrase patterns do not reach
// across a comma (their gaps stop there too), so a pattern needs to run only where its literals are.
//
// An English list keeps its commas (session 14): "they call my cell, my home phone and my work
// phone", "calls, texts, and emails from them every day" are one clause, so a pattern or a class
// list reaches its members.
func clauseSpans(t string) [][2]int {
	var out [][2]int
	start, list := 0, false
	for i, w := 0, 0; i < len(t); i += w {
		r := rune(t[i])
		if w = 1; r >= utf8.RuneSelf {
			// decoded inline, not by range, which calls the runtime's decoder (session 21)
			if r, w = decode3(t, i); w == 0 {
				r, w = utf8.DecodeRuneInString(t[i:])
			}
		}
		switch r {
		case '。', '！', '？', '!', '?', '；', ';', '\n', '…', '，', ',', '：', ':':
			if r == ',' {
				// a thousands separator ({$1,900.00}) is part of a number, not a clause's end (session 17)
				if i > 0 && i+1 < len(t) && isDigit(rune(t[i-1])) && isDigit(rune(t[i+1])) {
					continue
				}
				if list = listComma(t[i+1:], list); list {
					continue
				}
			} else {
				list = false
			}
			if i+utf8.RuneLen(r) > start {
				out = append(out, [2]int{start, i + utf8.RuneLen(r)})
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(t) {
		out = append(out, [2]int{start, len(t)})
	}
	return out
}

// listComma reports whether the comma before rest joins the members of an English list: it is
// followed by at most three words and another comma, or by at most three words and "and" / "or"
// ("my home phone and my work phone"), or by "and" / "or" after a comma that was a list's (the
// serial comma of "calls, texts, and emails"). Only plain Latin words count, so no Chinese text
// is read as a list.
func listComma(rest string, afterList bool) bool {
	// the segment up to the next mark, read in the pass that looks for that mark: it ends at the
	// first byte that is no word's, a space or a hyphen (the first byte of Chinese text), not after
	// a search of the whole sentence for the mark (session 26)
	end := -1
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if listMark(c) {
			end = i
			break
		}
		if !wordByte(c) && c != ' ' && c != '-' {
			return false
		}
	}
	seg := rest
	if end >= 0 {
		seg = rest[:end]
	}
	words := strings.Fields(seg)
	if len(words) == 0 {
		return false
	}
	for k, w := range words {
		if w == "and" || w == "or" {
			return k >= 1 && k <= 3 || k == 0 && afterList
		}
	}
	return end >= 0 && rest[end] == ',' && len(words) <= 3
}

func (st *scanState) runs(m *phraseMatcher) bool {
	if st.ruledOut(m) {
		return false
	}
	if m.lang == "zh" && !st.hasHan || m.lang == "en" && !st.hasLatin {
		return false
	}
	if st.lits != nil {
		_, ok := st.lits.candidates(m, st.all, st.candBuf())
		return ok
	}
	if m.lits == nil {
		return true
	}
	for _, l := range m.lits {
		if strings.Contains(st.t, l) {
			return true
		}
	}
	return false
}

// runsAcross is runs for a pattern searched over the whole text rather than clause by clause (an
// exception: "还清了，想问" spans a clause break): its literals may lie in different clauses.
func (st *scanState) runsAcross(m *phraseMatcher) bool {
	if st.lits == nil || m.lang == "zh" && !st.hasHan || m.lang == "en" && !st.hasLatin {
		return st.runs(m)
	}
	return st.lits.anywhere(m)
}

// prepare normalises text and finds its sentences, clauses and the pack's literals. The last text
// prepared is kept (read-only) for the next scan of the same text within one judgement, which
// scans the narrative for violations and again for urgency factors (Judge forgets it at its end).
func (p *Pack) prepare(text string) *scanState {
	if !p.legacyScan {
		if c := p.lastPrepared.Load(); c != nil && c.text == text {
			st := *c.st
			st.scratch = newScratch() // another judgement may be using the original's
			return &st
		}
	}
	n := p.normalize(text)
	rs, offs, bytePos := runeTables(n.text, n.runes)
	st := &scanState{p: p, n: n, t: n.text, rs: rs, offs: offs, scratch: newScratch()}
	st.sents = sentences(st.rs)
	st.clauses = p.joinLists(st.t, clauseSpans(st.t))
	st.mark = make([]bool, len(st.clauses))
	// from the runes decoded once rather than decoding the text again (session 19)
	st.hasHan = slices.ContainsFunc(st.rs, isHan)
	st.hasLatin = slices.ContainsFunc(st.rs, isLowerLatin)
	if p.legacyScan || p.pre == nil {
		return st
	}
	st.lits = p.pre.find(st.t, st.clauses)
	st.all = make([]uint64, st.lits.words)
	for ci := range st.clauses {
		st.all[ci/64] |= 1 << (ci % 64)
	}
	st.bytePos = bytePos
	st.tab = &runeTable{rs: st.rs, offs: st.offs, bytePos: st.bytePos, at: runeWidths(len(st.t), st.rs)}
	st.cues = make([]sentenceCues, len(st.sents))
	// the hypothetical and hearsay cues the text holds, found once rather than once per sentence
	var present [2][2][]int32
	for li, lang := range []string{"zh", "en"} {
		for k, kind := range []int{cueHypothetical, cueHearsay} {
			present[k][li] = st.presentCues(kind, lang, nil)
		}
		if st.cueIDs(cueHearsay, lang) != nil {
			all := p.Language[lang].Hearsay
			st.hearsayCues[li] = make([]string, 0, len(present[1][li]))
			for _, ci := range present[1][li] {
				st.hearsayCues[li] = append(st.hearsayCues[li], all[ci])
			}
		}
	}
	for si, sp := range st.sents {
		sent := st.t[int(st.bytePos[sp.start]):int(st.bytePos[sp.end])]
		c := &st.cues[si]
		for li, lang := range []string{"zh", "en"} {
			cues := p.Language[lang]
			c.questionFrom[li] = -1
			if q := cues.questionStart(sent, lang); q >= 0 {
				c.questionFrom[li] = sp.start + q
			}
			c.hypoEnd[li] = st.firstCueEnd(sp, cueHypothetical, cues.Hypothetical, lang, present[0][li], nil)
			c.hearsayEnd[li] = st.firstCueEnd(sp, cueHearsay, cues.Hearsay, lang, present[1][li], &c.hearsayStart[li])
			// a hearsay subject opens the sentence: all of it is told of someone else, the subject's
			// own words too ("我表姐收到过…" is no contact of the complainant's)
			c.subjectEnd[li] = cues.subjectHearsayEnd(sent, lang)
			if c.subjectEnd[li] >= 0 {
				c.hearsayEnd[li] = sp.start
			}
		}
	}
	p.lastPrepared.Store(&preparedText{text: text, st: st})
	return st
}

// preparedText is the last text a pack prepared.
type preparedText struct {
	text string
	st   *scanState
}

// sentenceCues are a sentence's question, hypothetical and hearsay cues, per language: a phrase
// is hypothetical (hearsay) when a cue ends at or before its start (rune offsets; -1: no cue).
type sentenceCues struct {
	questionFrom        [2]int // by langIndex: where the questioned last clause starts, -1: none
	hypoEnd, hearsayEnd [2]int
	hearsayStart        [2][2]int // the earliest-starting hearsay cue's start and end, {-1, -1}: none
	subjectEnd          [2]int    // where a hearsay subject opening the sentence ends (bytes in it), -1: none
}

func langIndex(lang string) int {
	if lang == "en" {
		return 1
	}
	return 0
}

// presentCues appends to buf the indices (in the cue list of kind for lang) of the cues that the
// prefilter's pass found in the text; nil when the list is searched for as text.
func (st *scanState) presentCues(kind int, lang string, buf []int32) []int32 {
	ids := st.cueIDs(kind, lang)
	if ids == nil {
		return nil
	}
	buf = buf[:0]
	pf, li := st.p.pre, langIndex(lang)
	at, from := pf.cueAt[kind][li], pf.cueFrom[kind][li]
	st.lits.foundIn(pf.cueSet[kind][li], pf.cueSorted[kind][li], func(_, i int) {
		buf = append(buf, at[from[i]:from[i+1]]...)
	})
	slices.Sort(buf) // the list's order, as when each cue was looked up in turn
	return buf
}

// firstCueEnd returns the rune offset where the earliest-ending cue of the sentence ends, or -1.
// Each cue counts at its first occurrence in the sentence (a whole word in English). present are
// the indices of the list's cues that the text holds (presentCues). If firstStart is not nil it
// receives the rune span of the earliest-starting cue, or {-1, -1}.
func (st *scanState) firstCueEnd(sp span, kind int, cues []string, lang string, present []int32, firstStart *[2]int) int {
	best, bestStart := -1, [2]int{-1, -1}
	if firstStart != nil {
		defer func() { *firstStart = bestStart }()
	}
	end := int(st.bytePos[sp.end])
	cues0 := st.p.Language[lang]
	fits := func(cue string, i int) bool {
		ce := i + len(cue)
		if kind == cueHearsay && cues0.hearsayNegated(st.t[:i], lang) {
			return false
		}
		if kind == cueHypothetical && lang == "zh" && inNumeral(st.t[:i], cue) {
			return false // 一万一千六, 两万一: the 万一 of a sum is no "in case"
		}
		return lang != "en" || (!wordByte(cue[0]) || boundary(st.t[:end], i-1)) && (!wordByte(cue[len(cue)-1]) || boundary(st.t[:end], ce))
	}
	if ids := st.cueIDs(kind, lang); ids != nil {
		// from the cues' occurrences that the prefilter's pass found
		bs := int(st.bytePos[sp.start])
		for _, ci := range present {
			occ := st.lits.occurrences(ids[ci])
			for _, i := range occ[sortedFrom(occ, bs):] {
				ce := i + len(cues[ci])
				if ce > end {
					break
				}
				if fits(cues[ci], i) {
					if r := int(st.offs[ce]); best < 0 || r < best {
						best = r
					}
					if r := int(st.offs[i]); bestStart[0] < 0 || r < bestStart[0] {
						bestStart = [2]int{r, int(st.offs[ce])}
					}
					break
				}
			}
		}
		return best
	}
	for _, cue := range cues {
		from := int(st.bytePos[sp.start])
		for from < end {
			i := strings.Index(st.t[from:end], cue)
			if i < 0 {
				break
			}
			i += from
			if ce := i + len(cue); fits(cue, i) {
				if r := int(st.offs[ce]); best < 0 || r < best {
					best = r
				}
				if r := int(st.offs[i]); bestStart[0] < 0 || r < bestStart[0] {
					bestStart = [2]int{r, int(st.offs[ce])}
				}
				break
			}
			from = i + 1
		}
	}
	return best
}

// hit builds a match for the normalised rune span [s, e) in sentence si and applies the cues of
// lang: negation (unless keepNegated), questions, hypotheticals and hearsay.
func (st *scanState) hit(s, e, si int, lang string, weight float64, keepNegated bool) match {
	if st.cues != nil {
		return st.fastHit(s, e, si, lang, weight, keepNegated)
	}
	sp := st.sents[si]
	sent := string(st.rs[sp.start:sp.end])
	before := string(st.rs[sp.start:s])
	os, oe := st.n.span(s, e)
	h := match{start: os, end: oe, phrase: st.n.phrase(os, oe), weight: weight, ns: s, ne: e, sent: si}
	cues := st.p.Language[lang]
	if !keepNegated && !cues.opensClause(string(st.rs[s:e]), lang) {
		h.negatedBy = cues.negation(before, string(st.rs[s:e]), lang)
		if h.negatedBy != "" {
			h.negatedBy = "negated by " + h.negatedBy
		}
	}
	if !keepNegated && h.negatedBy == "" {
		if cue := cues.norm(before, string(st.rs[s:e]), lang); cue != "" {
			h.negatedBy = "norm: " + cue
		}
	}
	hypothetical := cues.hypothetical(before, lang) && !st.confirmed(e, si, lang)
	if st.noScope {
		hypothetical = false
	} else if q := cues.questionStart(sent, lang); q >= 0 && (e > sp.start+q || hypothetical && asksNext(string(st.rs[e:max(sp.start+q, e)]))) || st.clauseQuestion(si, s, e, lang) {
		h.weight *= cues.QuestionFactor
		h.modifiers = append(h.modifiers, "question")
	}
	if hypothetical {
		h.weight *= cues.HypotheticalFactor
		h.modifiers = append(h.modifiers, "hypothetical")
		if cues.ownStepAfter(string(st.rs[e:sp.end]), lang) {
			h.weight *= cues.HypotheticalFactor
		}
	}
	subject := cues.subjectHearsayEnd(sent, lang)
	if (cues.hearsayCue(before, lang) || cues.hearsayRunsInto(sent, s-sp.start, e-sp.start, lang) || subject >= 0) && !cues.hearsayClosed(before, st.clauseRest(sp, s, e), lang, subject, nil) {
		h.weight *= cues.HearsayFactor
		h.modifiers = append(h.modifiers, "hearsay")
		h.hearsay = true
	}
	return h
}

func (p *Pack) scan(text string, lexicons []lexicon, rules bool) []match {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	st := p.prepare(text)
	// the scan's buffers serve the next scan once this one has copied its hits out
	defer scratchPool.Put(st.scratch)
	buf := scanBufPool.Get().(*scanBufs)
	defer buf.release()
	bySentence := buf.sentences(len(st.sents))
	st.scratch.firsts = &buf.firsts
	// the conjuncts the text holds: a pattern whose gate is not among them is ruled out (ruledOut),
	// read from its group's gates (nil: none is ruled out here; findAll's candidates still test it)
	var found *litHits
	if st.lits != nil && st.lits.conjKnown() {
		found = st.lits
	}
	// a text of at most 64 clauses has the dense table: its gate test is one load, made here
	// rather than by hasConj for each of the pack's ~1,100 patterns (session 26)
	var dense []uint64
	if found != nil {
		dense = found.dense
	}
	for _, lx := range lexicons {
		// the hits that no cue dismissed wait for the lexicon's exceptions, which are searched
		// once its last hit is known (most lexicons have no hit in a narrative, and an exception
		// searches the whole text): only up to the end of the last hit, as no match starting
		// after every hit's end overlaps one (session 25)
		pending := buf.pending[:0]
		lastEnd := 0
		for gi := range lx.groups {
			g := &lx.groups[gi] // not a copy of the group at each (session 21)
			gates := g.gates
			for mi := range g.matchers {
				if mi < len(gates) {
					if cj := gates[mi]; cj >= 0 {
						if dense != nil {
							if dense[cj] == 0 {
								continue // findAll would find nothing: most patterns end here
							}
						} else if found != nil && !found.hasConj(cj) {
							continue
						}
					}
				}
				m := &g.matchers[mi]
				for _, loc := range st.findAll(m) {
					s, e := int(st.offs[loc[0]]), int(st.offs[loc[1]])
					si, ok := st.sentenceOf(s, e)
					if !ok {
						continue
					}
					h := st.hit(s, e, si, m.lang, m.weight, g.Negation == "keep")
					h.typ, h.factor, h.pattern, h.rule, h.law = lx.typ, lx.factor, m.pattern, g.ID, g.law
					h.name = m.nameFor(g.ID)
					st.applyIntent(&h, m.lang)
					if h.hearsay && h.negatedBy == "" && lx.typ == domain.ViolationThreat && lx.factor == "" && st.aimedAtComplainant(s, e, m.lang) {
						st.unhearsay(&h, m.lang)
					}
					if h.negatedBy == "" {
						pending = append(pending, pendingHit{si: si, i: len(bySentence[si]), s: s, e: e, lang: m.lang})
						lastEnd = max(lastEnd, loc[1])
					}
					bySentence[si] = append(bySentence[si], h)
				}
			}
		}
		buf.pending = pending
		if len(pending) == 0 {
			continue
		}
		var except [][2]int
		if lx.except != nil {
			if st.p.noExceptLimit {
				lastEnd = len(st.t)
			}
			near := st.scratch.near[:0]
			for _, ph := range pending {
				near = append(near, [2]int{ph.s, ph.e})
			}
			st.scratch.near = near
			except = st.exceptSpansNear(lx.except, lastEnd, near)
		}
		for _, ph := range pending {
			h, s, e := &bySentence[ph.si][ph.i], ph.s, ph.e
			for _, x := range except {
				if x[0] < e && s < x[1] {
					h.negatedBy = "exception: " + string(st.rs[x[0]:x[1]])
					break
				}
			}
			if h.negatedBy == "" && lx.factor == "" && st.ownSubjectHit(s, e, ph.si, ph.lang, lx.typ) {
				h.negatedBy = "own subject: the complainant's own act"
			}
		}
	}
	if rules {
		st.mentions(bySentence)
		st.amounts(bySentence)
		st.composites(bySentence, false)
		st.writerRole(bySentence)
	} else if p.factorComposites {
		st.composites(bySentence, true)
	}
	n := 0
	buf.noCover = p.noCover
	for si, hits := range bySentence {
		bySentence[si] = buf.strongest(hits)
		n += len(bySentence[si])
	}
	if n == 0 {
		return nil
	}
	out := make([]match, 0, n)
	for _, hits := range bySentence {
		out = append(out, hits...)
	}
	return out
}

// mentions adds the hits of times outside the contact hours and of counts above the limit.
func (st *scanState) mentions(bySentence [][]match) {
	if st.p.Mentions == nil {
		return
	}
	for si, sp := range st.sents {
		base := st.byteOf(sp.start)
		sent := st.t[base:st.byteOf(sp.end)]
		rs := st.rs[sp.start:sp.end]
		hasHan := slices.ContainsFunc(rs, isHan)
		hasLatin := slices.ContainsFunc(rs, isLowerLatin)
		if !hasLatin && !numeralRunes.inRunes(rs) { // the runes decoded once (session 26)
			continue
		}
		var contact func(*phraseMatcher) bool
		if st.lits != nil {
			contact = func(m *phraseMatcher) bool {
				if m.lead == nil {
					return m.re.MatchString(sent)
				}
				return len(st.leadMatches(m, base, base+len(sent))) > 0
			}
		}
		for _, mh := range st.p.mentionHits(sent, hasHan, hasLatin, contact) {
			s, e := int(st.offs[base+mh.start]), int(st.offs[base+mh.end])
			lang := "en"
			if hasHan {
				lang = "zh"
			}
			h := st.hit(s, e, si, lang, mh.weight, false)
			h.typ, h.rule, h.pattern = mh.typ, mh.rule, mh.rule
			h.law = lawOf(st.p, mh.typ)
			bySentence[si] = append(bySentence[si], h)
		}
	}
}

// runeText is string(st.rs[s:e]), a slice of t when its byte offsets are known (session 21: the
// question, intent, habit and confirmation tests built it rune by rune at every hit).
func (st *scanState) runeText(s, e int) string {
	if st.bytePos != nil {
		return st.t[int(st.bytePos[s]):int(st.bytePos[e])]
	}
	return string(st.rs[s:e])
}

// byteOf is the byte offset in t of rune offset r.
func (st *scanState) byteOf(r int) int {
	if st.bytePos != nil {
		return int(st.bytePos[r])
	}
	return len(string(st.rs[:r]))
}

// within returns the byte spans of m's matches in t[from:to]: with the prefilter, only in the
// clauses that hold its literals (a match never crosses a clause break, as in findAll). A pattern
// with ^ or $ runs on whole clauses, so that ^ is a clause's start, not from (the end of a
// composite's first fact), and keeps the matches that start at or after from (session 14).
func (st *scanState) within(m *phraseMatcher, from, to int) [][]int {
	return st.withinClauses(m, from, to, nil)
}

// withinClauses is within in the clauses of the bit set only (nil: every clause). The prefilter's
// places must be known (st.lits) when it is given.
func (st *scanState) withinClauses(m *phraseMatcher, from, to int, only []uint64) [][]int {
	var out [][]int
	if st.lits == nil {
		if !m.anchored {
			return m.find(st.t, from, to)
		}
		for _, c := range st.clauses {
			if c[1] > from && c[0] < to {
				out = appendFrom(out, m.find(st.t, c[0], min(c[1], to)), from)
			}
		}
		return out
	}
	set, ok := st.lits.candidates(m, st.all, st.candBuf())
	if !ok {
		return nil
	}
	for w, word := range set {
		if only != nil {
			word &= only[w]
		}
		for word != 0 {
			b := word & -word
			word ^= b
			c := st.clauses[w*64+bitIndex(b)]
			bs, be := max(c[0], from), min(c[1], to)
			if bs >= be {
				continue
			}
			if m.anchored {
				out = appendFrom(out, st.search(m, c[0], be), from) // ^ at the clause's start
				continue
			}
			out = append(out, st.search(m, bs, be)...)
		}
	}
	return out
}

// appendFrom appends to out the spans of locs that start at or after from.
func appendFrom(out, locs [][]int, from int) [][]int {
	for _, loc := range locs {
		if loc[0] >= from {
			out = append(out, loc)
		}
	}
	return out
}

// composites joins a first fact and a later one within the composite's sentences.
// factors: the scan of the urgency factors, which joins only the factor composites.
func (st *scanState) composites(bySentence [][]match, factors bool) {
	firsts := *st.scratch.firsts // reused from composite to composite
	defer func() { *st.scratch.firsts = firsts }()
	// the conjuncts the text holds, one load per gate test (as scan's)
	var dense []uint64
	if st.lits != nil && st.lits.conjKnown() {
		dense = st.lits.dense
	}
	k := 0
	if factors {
		k = 1
	}
	for _, ci := range st.p.compositesBy[k] {
		c := &st.p.Composites[ci]
		// no later fact can match when none of its patterns has its literals in the text: the
		// first facts are then not searched (session 16)
		if !st.anyRunsGated(&c.Then, dense) {
			continue
		}
		// nor can a first fact stand when the composite has a gate none of whose patterns has its
		// literals in the text: gated keeps only the first facts a gate's phrase comes before
		// (session 37, speed37: the collector's side speaking, in a third to a half of English
		// narratives, gates the threats read by parts, whose first facts are the commonest words)
		if c.Gate != nil && !st.p.noGateFirst && !st.anyRunsGated(c.Gate, dense) {
			continue
		}
		if st.p.searchedHook != nil {
			st.p.searchedHook(c)
		}
		// the later facts first, when they lead: the sentences from which a first fact reaches one
		var reach []bool
		var reachClauses []uint64
		if c.thenLeads && st.lits != nil && !st.p.noThenLead {
			var ok bool
			if reach, reachClauses, ok = st.thenReach(c, dense); !ok {
				continue
			}
		}
		firsts = firsts[:0]
		if c.After != "" {
			for _, hits := range bySentence {
				for _, h := range hits {
					if h.typ == c.After && h.negatedBy == "" && h.factor == "" && !h.intended {
						firsts = append(firsts, h)
					}
				}
			}
		} else {
			gates := c.First.gates
			for mi := range c.First.matchers {
				if gatedOut(gates, mi, dense) {
					continue
				}
				m := &c.First.matchers[mi]
				if !st.mayRun(m) {
					continue
				}
				locs := st.withinClauses(m, 0, len(st.t), reachClauses)
				for _, loc := range locs {
					s, e := int(st.offs[loc[0]]), int(st.offs[loc[1]])
					if si, ok := st.sentenceOf(s, e); ok {
						if reach != nil && !reach[si] {
							continue
						}
						if h := st.hit(s, e, si, m.lang, c.Weight, false); h.negatedBy == "" {
							firsts = append(firsts, h)
						}
					}
				}
			}
		}
		firsts = st.withoutExcepted(c.Except, firsts)
		if c.Gate != nil && len(firsts) > 0 {
			firsts = st.gated(c, firsts)
		}
		if len(firsts) == 0 {
			continue
		}
		found := false
		// the later facts' exceptions, searched once per composite and only when a first fact stands,
		// up to the end of the last sentence a later fact can reach: a span starting there overlaps
		// none (session 28)
		var thenExcept [][2]int
		if c.ThenExcept != nil {
			until := len(st.t)
			if !st.p.noExceptLimit {
				lastSent := 0
				for _, f := range firsts {
					lastSent = max(lastSent, f.sent)
				}
				until = st.byteOf(st.sents[min(lastSent+c.Sentences, len(st.sents)-1)].end)
			}
			thenExcept = st.exceptSpansBefore(c.ThenExcept, until)
		}
		// the complaint-wide veto (session 29), searched once per composite when a first fact stands
		var unless [][2]int
		if c.Unless != nil {
			unless = st.exceptSpansBefore(c.Unless, len(st.t))
		}
		// the later patterns' last empty searches (thenWithin), one per pattern of the composite
		empty := st.scratch.empty[:0]
		for range c.Then.matchers {
			empty = append(empty, emptySearch{to: -1})
		}
		st.scratch.empty = empty
		for _, f := range firsts {
			last := min(f.sent+c.Sentences, len(st.sents)-1)
			from, to := st.byteOf(f.ne), st.byteOf(st.sents[last].end)
			for mi := range c.Then.matchers {
				if gatedOut(c.Then.gates, mi, dense) {
					continue
				}
				m := &c.Then.matchers[mi]
				if !st.mayRun(m) {
					continue
				}
				for _, loc := range st.thenWithin(m, from, to, &empty[mi]) {
					s, e := int(st.offs[loc[0]]), int(st.offs[loc[1]])
					si, ok := st.sentenceOf(s, e)
					if !ok {
						continue
					}
					th := st.hit(s, e, si, m.lang, c.Weight, false)
					if th.negatedBy != "" || overlapsAny(thenExcept, th.ns, th.ne) || startsBefore(unless, th.ns) {
						continue
					}
					if c.Asked && scoped(th.modifiers) && st.addressed(f.sent, th.ne, m.lang) {
						// the collector's question or supposition, addressed to the complainant
						st.noScope = true
						th = st.hit(s, e, si, m.lang, c.Weight, false)
						st.noScope = false
					}
					// the evidence spans both facts when they share a sentence
					h := th
					if si == f.sent {
						h.start, h.ns = f.start, f.ns
						h.phrase = st.n.phrase(h.start, h.end)
					}
					h.weight = min(th.weight, c.Weight*f.weight/max(f.weight, 0.01))
					h.modifiers = append(slices.Clone(f.modifiers), th.modifiers...)
					h.hearsay = f.hearsay || th.hearsay
					if f.hearsay && !th.hearsay {
						// a fact joined to a hearsay one is hearsay too: what was told of someone
						// else's contacts is not the complainant's disclosure (session 19)
						h.weight *= st.p.Language[m.lang].HearsayFactor
						h.modifiers = append(h.modifiers, "hearsay")
					}
					h.typ, h.factor, h.rule, h.pattern = c.Type, c.Factor, c.ID, m.pattern
					h.law = ""
					if c.Factor == "" {
						h.law = lawOf(st.p, c.Type)
					}
					h.name = m.nameFor(c.ID)
					h.intended = false
					if c.Factor == "" && st.intended(th.ns, m.lang, c.Type) {
						h.weight *= st.p.Language[m.lang].IntentFactor
						h.modifiers = append(h.modifiers, "intended")
						h.intended = true
					}
					bySentence[si] = append(bySentence[si], h)
					found = true
					break
				}
				if found {
					break
				}
			}
			if found {
				break
			}
		}
	}
}

// scoped reports whether a hit's modifiers hold a question or a hypothetical.
func scoped(mods []string) bool {
	return slices.Contains(mods, "question") || slices.Contains(mods, "hypothetical")
}

// addressed reports whether the text from the start of sentence si (the first fact's) to rune
// offset ne (the later fact's end) matches one of the Addressed patterns of lang: the speech there
// reaches the complainant (session 37, threat37).
func (st *scanState) addressed(si, ne int, lang string) bool {
	c := st.p.Language[lang]
	if c == nil || c.addressed == nil {
		return false
	}
	t := st.t[st.byteOf(st.sents[si].start):st.byteOf(ne)]
	return c.addressed.MatchString(t) && (c.unaddressed == nil || !c.unaddressed.MatchString(t))
}

// gated keeps the first facts of c that have a phrase of c.Gate, overlapping no phrase of
// c.GateExcept, before them in their sentence or in the c.GateSentences sentences before (session
// 29: the collector's side speaks where a person of the complainant's meets an evil to come).
func (st *scanState) gated(c *Composite, firsts []match) []match {
	lastSent := 0
	for _, f := range firsts {
		lastSent = max(lastSent, f.sent)
	}
	until := st.byteOf(st.sents[min(lastSent, len(st.sents)-1)].end)
	// the gate's phrases that come before some first fact (sentence, start, end)
	admits := func(g [3]int, f match) bool {
		return g[0] < f.sent && f.sent-g[0] <= c.GateSentences || g[0] == f.sent && g[1] < f.ns
	}
	gates := st.scratch.gates[:0]
	for mi := range c.Gate.matchers {
		m := &c.Gate.matchers[mi]
		if !st.runs(m) {
			continue
		}
		for _, loc := range st.within(m, 0, until) {
			s, e := int(st.offs[loc[0]]), int(st.offs[loc[1]])
			if si, ok := st.sentenceOf(s, e); ok {
				g := [3]int{si, s, e}
				if slices.ContainsFunc(firsts, func(f match) bool { return admits(g, f) }) {
					gates = append(gates, g)
				}
			}
		}
	}
	st.scratch.gates = gates
	// a gate's phrase that overlaps a phrase of GateExcept is none (session 30, speed: the
	// exceptions are searched only when a gate's phrase would admit a first fact, and only up to
	// the end of the last such phrase: a span starting there overlaps none)
	if c.GateExcept != nil && len(gates) > 0 {
		end := 0
		for _, g := range gates {
			end = max(end, g[2])
		}
		near := st.scratch.near[:0]
		for _, g := range gates {
			near = append(near, [2]int{g[1], g[2]})
		}
		st.scratch.near = near
		except := st.exceptSpansNear(c.GateExcept, st.byteOf(end), near)
		gates = slices.DeleteFunc(gates, func(g [3]int) bool { return overlapsAny(except, g[1], g[2]) })
	}
	// the gate comes before the first fact: in an earlier sentence, or earlier in its own
	return slices.DeleteFunc(firsts, func(f match) bool {
		return !slices.ContainsFunc(gates, func(g [3]int) bool { return admits(g, f) })
	})
}

// startsBefore reports whether one of spans starts before ns (a veto said earlier in the text).
func startsBefore(spans [][2]int, ns int) bool {
	for _, x := range spans {
		if x[0] < ns {
			return true
		}
	}
	return false
}

// overlapsAny reports whether the span [ns, ne) overlaps one of spans.
func overlapsAny(spans [][2]int, ns, ne int) bool {
	for _, x := range spans {
		if ns < x[1] && x[0] < ne {
			return true
		}
	}
	return false
}

// gatedOut reports that the text lacks the gate conjunct of a group's pattern mi (gates), read from
// the dense conjunct table (nil: not known, none is ruled out here): runs rules such a pattern out,
// and scan passes over it the same way (session 29, speed: the composites called runs for each).
func gatedOut(gates []int32, mi int, dense []uint64) bool {
	if dense == nil || mi >= len(gates) {
		return false
	}
	cj := gates[mi]
	return cj >= 0 && dense[cj] == 0
}

// mayRun is runs for a pattern that within searches next: with the literals' places known, within
// finds nothing where runs' last test, the prefilter's candidates, fails, so that test is left to
// within rather than made twice (session 29, speed).
func (st *scanState) mayRun(m *phraseMatcher) bool {
	if st.lits == nil {
		return st.runs(m)
	}
	return !st.ruledOut(m) && !(m.lang == "zh" && !st.hasHan) && !(m.lang == "en" && !st.hasLatin)
}

// anyRunsGated reports whether some pattern of g has its literals in the text (see runs), the
// patterns gated out (gatedOut) passed over without a call.
func (st *scanState) anyRunsGated(g *PhraseGroup, dense []uint64) bool {
	for mi := range g.matchers {
		if !gatedOut(g.gates, mi, dense) && st.runs(&g.matchers[mi]) {
			return true
		}
	}
	return false
}

// withoutExcepted drops the first facts that overlap a phrase of a composite's exceptions. Like a
// violation's exceptions they search the whole text, so a phrase may span a clause break ("问他是哪家
// 公司的，他说是…公司"): its literals are looked for anywhere, not in one clause.
func (st *scanState) withoutExcepted(except *PhraseGroup, firsts []match) []match {
	if except == nil || len(firsts) == 0 {
		return firsts
	}
	// as the lexicons' exceptions: from the lead's places when it has one (session 18), and only up
	// to the end of the last first fact: a span starting there overlaps none (session 28)
	until := len(st.t)
	if !st.p.noExceptLimit {
		lastEnd := 0
		for _, f := range firsts {
			lastEnd = max(lastEnd, f.ne)
		}
		until = st.byteOf(lastEnd)
	}
	near := st.scratch.near[:0]
	for _, f := range firsts {
		near = append(near, [2]int{f.ns, f.ne})
	}
	st.scratch.near = near
	for _, x := range st.exceptSpansNear(except, until, near) {
		firsts = slices.DeleteFunc(firsts, func(f match) bool { return f.ns < x[1] && x[0] < f.ne })
	}
	return firsts
}

// exceptSpans returns the spans (offsets in st.rs) of a group of exceptions' matches. Exceptions
// search the whole text, not clause by clause.
func (st *scanState) exceptSpans(except *PhraseGroup) (spans [][2]int) {
	return st.exceptSpansBefore(except, len(st.t))
}

// exceptSpansBefore is exceptSpans without (some of) the matches that start at or after byte
// until: the searches from a lead or from start runes stop there. The matches before it are the
// same (a search goes from left to right), so a span overlapping text before until is kept, in
// its place.
func (st *scanState) exceptSpansBefore(except *PhraseGroup, until int) (spans [][2]int) {
	if except == nil {
		return nil
	}
	for mi := range except.matchers {
		m := &except.matchers[mi]
		if !st.runsAcross(m) {
			continue
		}
		for _, loc := range st.searchUntil(m, 0, len(st.t), until) {
			spans = append(spans, [2]int{int(st.offs[loc[0]]), int(st.offs[loc[1]])})
		}
	}
	return spans
}

// exceptSpansNear is exceptSpansBefore for exceptions that matter only where they overlap one of
// near (rune spans: the hits they judge): a pattern with a lead and matches of bounded width is
// run only from the starts whose matches could overlap one (leadMatchesNear). Every span that
// overlaps one of near is found, in its place; others may be left out (session 32, speed32).
func (st *scanState) exceptSpansNear(except *PhraseGroup, until int, near [][2]int) (spans [][2]int) {
	if except == nil {
		return nil
	}
	if st.p.noExceptNear || st.lits == nil {
		return st.exceptSpansBefore(except, until)
	}
	for mi := range except.matchers {
		m := &except.matchers[mi]
		if !st.runsAcross(m) {
			continue
		}
		var locs [][]int
		if m.lead != nil && m.lead.width >= 0 {
			locs = st.leadMatchesNear(m, 0, len(st.t), until, near)
		} else {
			locs = st.searchUntil(m, 0, len(st.t), until)
		}
		for _, loc := range locs {
			spans = append(spans, [2]int{int(st.offs[loc[0]]), int(st.offs[loc[1]])})
		}
	}
	return spans
}

// lawOf names the first provision a violation breaches, as "law article".
func lawOf(p *Pack, v domain.ViolationType) string {
	vr := p.Violations[v]
	if vr == nil || len(vr.Legal) == 0 {
		return ""
	}
	return strings.TrimSpace(vr.Legal[0].Law + " " + vr.Legal[0].Article)
}

// strongest drops a hit when a stronger hit of the same type and negation overlaps it, and returns
// the rest in order of their start. It orders the hits' indices rather than the hits themselves (a
// match is about 200 bytes) and writes the result over hits.
func (b *scanBufs) strongest(hits []match) []match {
	if len(hits) < 2 {
		return hits
	}
	order := b.order[:0]
	for i := range hits {
		order = append(order, int32(i))
	}
	b.order = order
	slices.SortStableFunc(order, func(i, j int32) int {
		x, y := &hits[i], &hits[j]
		if x.weight != y.weight {
			if x.weight > y.weight {
				return -1
			}
			return 1
		}
		return (y.end - y.start) - (x.end - x.start)
	})
	var kept []int32
	if len(hits) > strongestLinear && !b.noCover {
		kept = keepStrongestCovered(hits, order)
	} else {
		kept = keepStrongestLinear(hits, order)
	}
	slices.SortStableFunc(kept, func(i, j int32) int { return hits[i].start - hits[j].start })
	b.tmp = append(b.tmp[:0], hits...)
	out := hits[:len(kept)]
	for k, i := range kept {
		out[k] = b.tmp[i]
	}
	clear(hits[len(kept):])
	clear(b.tmp)
	return out
}

// runeTables returns t's runes (rs itself when t is string(rs)), the rune offset of each byte offset
// of t that starts a rune and of len(t) (offs; 0 elsewhere), and the byte offset of each rune and
// len(t) (bytePos), the two tables in one allocation.
func runeTables(t string, rs []rune) (runes []rune, offs, bytePos []int32) {
	if rs == nil || !validRunes(rs) {
		rs = []rune(t)
	}
	tab := make([]int32, len(t)+1+len(rs)+1)
	offs, bytePos = tab[:len(t)+1:len(t)+1], tab[len(t)+1:]
	b := 0
	for i, r := range rs {
		offs[b], bytePos[i] = int32(i), int32(b)
		b += utf8.RuneLen(r)
	}
	offs[len(t)], bytePos[len(rs)] = int32(len(rs)), int32(len(t))
	return rs, offs, bytePos
}

// validRunes reports whether string(rs) keeps every rune (none is a surrogate or out of range).
func validRunes(rs []rune) bool {
	for _, r := range rs {
		if !utf8.ValidRune(r) {
			return false
		}
	}
	return true
}

// negation returns the cue that negates a phrase preceded by before (the sentence up to the
// phrase), or "". Only the last clause counts, and only its last NegationWindow runes.
func (c *LanguageCues) negation(before, phrase, lang string) string {
	clause := before
	for _, br := range c.ClauseBreaks {
		if i := lastCue(clause, br, lang); i >= 0 {
			clause = clause[i+len(br):]
		}
	}
	rs := []rune(clause)
	if reach := c.negationReach(); len(rs) > c.NegationWindow+reach {
		rs = rs[len(rs)-c.NegationWindow-reach:]
	}
	window := string(rs)
	// most hits have no cue near them: skip the exceptions' rewriting then
	if !slices.ContainsFunc(c.Negation, func(cue string) bool { return strings.Contains(window, cue) }) {
		return ""
	}
	for _, ex := range c.NegationExceptions {
		if strings.Contains(window, ex) {
			window = strings.ReplaceAll(window, ex, strings.Repeat("_", len([]rune(ex))))
		}
	}
	for _, cue := range c.Negation {
		i := lastCue(window, cue, lang)
		if i < 0 {
			continue
		}
		// the cue must end within NegationWindow runes of the phrase
		if tail := window[i+len(cue):]; len([]rune(tail)) <= c.NegationWindow && !c.relative(tail, phrase) && !c.closed(tail) && !c.subordinateEnds(before[:len(before)-len(clause)], clause, tail, phrase, lang) {
			return cue
		}
	}
	return ""
}

// subordinateEnds reports whether a negation cue stands in an adverbial clause (opened by one of
// NegationSubordinators: the clause break before it or the clause's first word) that ends before
// the phrase: a subject of NegationSubjects starts a new clause after the cue's first word ("when i
// didn't answer they knocked…"). Session 38 (en38).
func (c *LanguageCues) subordinateEnds(opener, clause, tail, phrase, lang string) bool {
	if len(c.NegationSubordinators) == 0 || lang != "en" {
		return false
	}
	opener, head := strings.TrimRight(opener, " "), strings.TrimLeft(clause, " ")
	sub := false
	for _, w := range c.NegationSubordinators {
		if (strings.HasSuffix(opener, w) && boundary(opener, len(opener)-len(w)-1)) || (strings.HasPrefix(head, w) && boundary(head, len(w))) {
			sub = true
			break
		}
	}
	if !sub {
		return false
	}
	// the words after the cue: the first is the cue's own verb; a subject after it opens the main clause
	rest := strings.TrimLeft(tail, " ") + phrase
	sp := strings.IndexByte(rest, ' ')
	if sp < 0 {
		return false
	}
	rest = rest[sp:]
	for _, s := range c.NegationSubjects {
		if strings.Contains(rest, " "+s+" ") {
			return true
		}
	}
	return false
}

// closed reports whether the words between a negation cue and a phrase start with a predicate the
// cue negates instead (NegationClosers, after at most one NegationCloserLead): "没有能力" + "威胁".
func (c *LanguageCues) closed(tail string) bool {
	if tail == "" || len(c.NegationClosers)+len(c.NegationCloserStates) == 0 {
		return false
	}
	// a verb closes only with words of its own after it (没有联系我 | 频繁联系); "没有联系孩子的学校"
	// keeps 联系's object, the phrase, negated. A state or a means (钱不够, 没能力) closes alone.
	starts := func(t string) bool {
		for _, w := range c.NegationClosers {
			if strings.HasPrefix(t, w) && len(t) > len(w) {
				return true
			}
		}
		for _, w := range c.NegationCloserStates {
			if strings.HasPrefix(t, w) {
				return true
			}
		}
		return false
	}
	if starts(tail) {
		return true
	}
	for _, l := range c.NegationCloserLead {
		if rest, ok := strings.CutPrefix(tail, l); ok && starts(rest) {
			return true
		}
	}
	return false
}

// relative reports whether the words between a negation cue and a phrase end a relative clause
// (NegationRelative) that is no possessive (NegationPossessive): the cue then modifies the noun the
// phrase starts with.
func (c *LanguageCues) relative(tail, phrase string) bool {
	if tail == "" || c.relativeNoun == nil {
		return false
	}
	// the tail's cheap tests first: most tails end in no relative marker, and the phrase's noun
	// then need not be searched (session 20)
	for _, r := range c.NegationRelative {
		if strings.HasSuffix(tail, r) && tail != r {
			for _, p := range c.NegationPossessive {
				if strings.HasSuffix(tail, p) {
					return false
				}
			}
			return c.relativeNoun.MatchString(phrase)
		}
	}
	return false
}

// norm returns the Norm cue in the last clause of before (the sentence up to a phrase) or in the
// phrase itself, or "": the phrase then lies in a rule the complainant quotes ("不得频繁致电骚扰债务人",
// "催收人员不得频繁…", "a collector may not call you at work"), not in a fact of their case. Unlike
// negation the cue may lie anywhere in the clause before the phrase; NormExceptions hide the words
// that hold a cue and state no rule.
func (c *LanguageCues) norm(before, phrase, lang string) string {
	if !slices.ContainsFunc(c.Norm, func(cue string) bool { return strings.Contains(before, cue) || strings.Contains(phrase, cue) }) {
		return "" // most sentences quote no rule
	}
	clause := before
	for _, br := range c.ClauseBreaks {
		if slices.Contains(c.NormListBreaks, br) {
			continue
		}
		if i := lastCue(clause, br, lang); i >= 0 {
			clause = clause[i+len(br):]
		}
	}
	clause += phrase
	for _, ex := range c.NormExceptions {
		if strings.Contains(clause, ex) {
			clause = strings.ReplaceAll(clause, ex, strings.Repeat("_", len([]rune(ex))))
		}
	}
	for _, cue := range c.Norm {
		if lastCue(clause, cue, lang) >= 0 {
			return cue
		}
	}
	return ""
}

// opensClause reports whether an English phrase begins with one of the clause breaks ("and they
// still do", "but they kept calling"): the break is the phrase's own, so a negation before it ended
// there and does not reach the phrase ("I asked them not to call and they do": session 14). English
// only: in Chinese text without punctuation it let 但是…就 phrases through that a cue before negated.
func (c *LanguageCues) opensClause(phrase, lang string) bool {
	if lang != "en" {
		return false
	}
	for _, br := range c.ClauseBreaks {
		if strings.HasPrefix(phrase, br) && (!wordByte(br[len(br)-1]) || boundary(phrase, len(br))) {
			return true
		}
	}
	return false
}

func maxRunes(cues []string) int {
	n := 0
	for _, c := range cues {
		n = max(n, len([]rune(c)))
	}
	return n
}

// lastCue finds the last occurrence of cue in s: case-insensitively and as whole words in English.
func lastCue(s, cue, lang string) int {
	if lang != "en" {
		return strings.LastIndex(s, cue)
	}
	ls, lc := s, cue // both lower case: texts are normalised, cues lowered when the pack compiles
	for end := len(ls); end > 0; {
		i := strings.LastIndex(ls[:end], lc)
		if i < 0 {
			return -1
		}
		if (!wordByte(lc[0]) || boundary(ls, i-1)) && (!wordByte(lc[len(lc)-1]) || boundary(ls, i+len(lc))) {
			return i
		}
		end = i + len(lc) - 1
	}
	return -1
}

// boundary reports whether byte i of s is outside it or not part of a word.
func boundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	return !wordByte(s[i])
}

// listMark reports the marks that end the segment listComma reads: , . ; : ! ? and a line break.
func listMark(c byte) bool {
	switch c {
	case ',', '.', ';', ':', '!', '?', '\n':
		return true
	}
	return false
}

func wordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '\''
}

// question reports whether the sentence ends with a question cue.
func (c *LanguageCues) question(sent string) bool {
	s := strings.TrimRightFunc(sent, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '”' || r == '」' })
	for _, q := range c.Question {
		if strings.HasSuffix(s, q) {
			return true
		}
	}
	if len(c.QuestionPeriod) > 0 {
		if t := strings.TrimRight(s, "。."); len(t) < len(s) {
			t = strings.TrimRightFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '”' || r == '」' })
			for _, q := range c.QuestionPeriod {
				if strings.HasSuffix(t, q) {
					return true
				}
			}
		}
	}
	return false
}

// questionStart returns the rune offset in sent where the clause a question asks about starts: the
// last clause of a sentence that ends with a question cue, unless that clause is rhetorical
// (an accusation such as "凭什么…？" or "就没人管吗？"). -1: no question.
func (c *LanguageCues) questionStart(sent, lang string) int {
	if !c.question(sent) {
		return -1
	}
	rs := []rune(strings.TrimRightFunc(sent, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"”」？?!！。…", r)
	}))
	start := 0
	for i := len(rs) - 1; i >= 0; i-- {
		if strings.ContainsRune("，,：:；;", rs[i]) {
			start = i + 1
			break
		}
	}
	// a question inside an open quotation is reported speech, the collector's words, not the
	// complainant asking: 对方就一句"你欠了哪家你不知道？"
	// A question mark after the closing quote is the complainant's own, asking about the words
	// quoted: 'Is it normal for a collector to say "watch your back"?' (session 17).
	if quoteOpen(rs) && (!strings.ContainsAny(sent, "?？") || quoteOpen([]rune(sent[:strings.LastIndexAny(sent, "?？")]))) {
		return -1
	}
	last := string(rs[start:])
	framed := c.questionFrames != nil && c.questionFrames.MatchString(last)
	for _, r := range c.Rhetorical {
		if !framed && lastCue(last, r, lang) >= 0 {
			return -1
		}
	}
	// a question complete in itself narrows the question to it: "…打给我爸妈你们到底是谁？"
	first := -1
	for _, w := range c.QuestionTags {
		if i := firstCue(last, w, lang); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first > 0 {
		start += utf8.RuneCountInString(last[:first])
	}
	// a text written without commas has no last clause: the question then starts at its last
	// opener (请问, 想问, 如果…), or reaches back QuestionReach runes at most, not over every fact
	// told before it (session 19, zhweak)
	if c.QuestionReach > 0 && first < 0 && len(rs)-start > c.QuestionReach {
		opened := -1
		for _, o := range c.QuestionReachOpeners {
			if i := lastCue(last, o, lang); i > opened {
				opened = i
			}
		}
		if opened >= 0 {
			return start + utf8.RuneCountInString(last[:opened])
		}
		start = len(rs) - c.QuestionReach
	}
	return start
}

// quoteOpen reports whether rs ends inside a quotation: an odd number of straight double quotes, or
// more opening “「 than closing ”」.
func quoteOpen(rs []rune) bool {
	straight, curly := 0, 0
	for _, r := range rs {
		switch r {
		case '"':
			straight++
		case '“', '「':
			curly++
		case '”', '」':
			curly--
		}
	}
	return straight%2 == 1 || curly > 0
}

// firstCue is lastCue's counterpart: the byte offset of the first occurrence of cue in s (whole
// words in English), or -1.
func firstCue(s, cue, lang string) int {
	for from := 0; from <= len(s); {
		i := strings.Index(s[from:], cue)
		if i < 0 {
			return -1
		}
		i += from
		if lang != "en" || (!wordByte(cue[0]) || boundary(s, i-1)) && (!wordByte(cue[len(cue)-1]) || boundary(s, i+len(cue))) {
			return i
		}
		from = i + 1
	}
	return -1
}

// intended reports whether an intent cue ("说要", "扬言", "threatened to") ends within
// IntentWindow runes before the hit at rune offset s of the normalised text, in the same clause,
// for the hit's type: the act was announced, not done.
func (st *scanState) intended(s int, lang string, typ domain.ViolationType) bool {
	c := st.p.Language[lang]
	if len(c.Intent) == 0 || !slices.Contains(c.IntentTypes, typ) {
		return false
	}
	window := max(c.IntentWindow, c.IntentObjectWindow)
	from := max(0, s-window-c.intentReach())
	if !st.cueWithin(cueIntent, c.Intent, lang, from, s, -1) {
		return false
	}
	before := st.runeText(from, s)
	for _, cue := range c.Intent {
		i := lastCue(before, cue, lang)
		if i < 0 {
			continue
		}
		rest := before[i+len(cue):]
		// a rune is 1 to 4 bytes: count the runes only when the length leaves it open
		if len(rest) > c.IntentWindow && (len(rest) > utf8.UTFMax*c.IntentWindow || utf8.RuneCountInString(rest) > c.IntentWindow) &&
			!intentObject(rest, c) {
			continue
		}
		broken := false
		for _, br := range c.ClauseBreaks {
			if lastCue(rest, br, lang) >= 0 {
				broken = true
				break
			}
		}
		if !broken {
			return !st.habitual(s, lang)
		}
	}
	return false
}

// intentObject reports whether rest, the text between an intent cue and a hit, is an IntentObject
// cue and its object (说要把聊天记录|发给同事): at most IntentObjectWindow runes.
func intentObject(rest string, c *LanguageCues) bool {
	if c.IntentObjectWindow == 0 || utf8.RuneCountInString(rest) > c.IntentObjectWindow {
		return false
	}
	for _, o := range c.IntentObject {
		if strings.HasPrefix(rest, o) {
			return true
		}
	}
	return false
}

// habitual reports whether a Habitual cue (每次, 经常, 总是) comes before rune offset s in its
// clause (up to the last punctuation mark): "每次逾期他们就会打给我家人" tells what they do.
func (st *scanState) habitual(s int, lang string) bool {
	c := st.p.Language[lang]
	if len(c.Habitual) == 0 {
		return false
	}
	from := s
	for from > 0 && s-from < 30 && !strings.ContainsRune("，,；;。！？!?\n：:", st.rs[from-1]) {
		from--
	}
	clause := st.runeText(from, s)
	for _, h := range c.Habitual {
		if lastCue(clause, h, lang) >= 0 {
			return true
		}
	}
	return false
}

// confirmed reports whether a Confirm cue follows rune offset e in sentence si: what was feared or
// announced before it happened ("…would call my job, and they actually did").
func (st *scanState) confirmed(e, si int, lang string) bool {
	c := st.p.Language[lang]
	if len(c.Confirm) == 0 || si >= len(st.sents) || e >= st.sents[si].end {
		return false
	}
	after := st.runeText(e, st.sents[si].end)
	for _, cue := range c.Confirm {
		if firstCue(after, cue, lang) >= 0 {
			return true
		}
	}
	return false
}

// applyIntent lowers a hit that an intent cue marks as announced, not done.
func (st *scanState) applyIntent(h *match, lang string) {
	if h.typ == "" || h.intended || !st.intended(h.ns, lang, h.typ) || st.confirmed(h.ne, h.sent, lang) {
		return
	}
	h.weight *= st.p.Language[lang].IntentFactor
	h.modifiers = append(h.modifiers, "intended")
	h.intended = true
}

// hearsayCue reports whether a hearsay cue comes before the phrase in its sentence.
func (c *LanguageCues) hearsayCue(before, lang string) bool {
	for _, h := range c.Hearsay {
		if c.lastHearsay(before, h, lang) >= 0 {
			return true
		}
	}
	return false
}

// hearsayRunsInto is fastHit's runsInto for the hit at runes [s, e) of sent (hit's slow path): the
// earliest-starting cue (each at its first occurrence) decides.
func (c *LanguageCues) hearsayRunsInto(sent string, s, e int, lang string) bool {
	best := [2]int{-1, -1}
	for _, h := range c.Hearsay {
		if i := c.firstHearsay(sent, h, lang); i >= 0 {
			r := utf8.RuneCountInString(sent[:i])
			if best[0] < 0 || r < best[0] {
				best = [2]int{r, r + utf8.RuneCountInString(h)}
			}
		}
	}
	return runsInto(best, s, e)
}

// hearsayNegated reports whether a Chinese hearsay cue is negated by a negation cue right before it
// (prefix is the text before the cue): "连名字都没听说过", "听都没听说过" say the complainant never
// heard of the firm, they do not report what someone else said (session 14).
func (c *LanguageCues) hearsayNegated(prefix, lang string) bool {
	if lang == "en" {
		return false
	}
	for _, n := range c.Negation {
		if strings.HasSuffix(prefix, n) {
			return true
		}
	}
	return false
}

// lastHearsay is lastCue for a hearsay cue, skipping negated occurrences.
func (c *LanguageCues) lastHearsay(s, cue, lang string) int {
	for end := len(s); end > 0; {
		i := lastCue(s[:end], cue, lang)
		if i < 0 || !c.hearsayNegated(s[:i], lang) {
			return i
		}
		end = i
	}
	return -1
}

// firstHearsay is firstCue for a hearsay cue, skipping negated occurrences.
func (c *LanguageCues) firstHearsay(s, cue, lang string) int {
	for from := 0; from < len(s); {
		i := firstCue(s[from:], cue, lang)
		if i < 0 {
			return -1
		}
		if i += from; !c.hearsayNegated(s[:i], lang) {
			return i
		}
		from = i + len(cue)
	}
	return -1
}

// runsInto reports whether the cue at rune span c starts at or before a hit [s, e), ends inside
// it, and shares more than its last rune with it.
func runsInto(c [2]int, s, e int) bool {
	return c[0] >= 0 && c[0] <= s && c[1] > s && c[1] <= e && s < c[1]-1
}

// hearsayClosed reports whether a HearsayEnds cue follows the last hearsay cue of before: the
// complainant is back to their own case ("网上有人说…，不过他们每天给我打十来个电话").
// A hearsay subject's scope (subjectEnd: where the subject opening the sentence ends, in bytes; -1:
// none) is closed the same way when no cue follows it, and so is either by the complainant's own
// account starting again (HearsayOwnClause, session 19: "听朋友说他们会上门 我昨天接到电话…").
// after is the hit's clause from the hit on: the complainant's own clause may hold the hit
// ("…，我昨晚十二点多还收到他们的短信"). present are the hearsay cues the text holds (nil: all).
func (c *LanguageCues) hearsayClosed(before, after, lang string, subjectEnd int, present []string) bool {
	end := -1
	if present == nil {
		present = c.Hearsay
	}
	for _, h := range present {
		if i := c.lastHearsay(before, h, lang); i >= 0 {
			end = max(end, i+len(h))
		}
	}
	if end < 0 {
		if subjectEnd < 0 || subjectEnd > len(before) {
			return false
		}
		end = subjectEnd
	}
	for _, e := range c.HearsayEnds {
		if lastCue(before[end:], e, lang) >= 0 {
			return true
		}
	}
	return c.ownClause(before[end:], after, lang)
}

// hypothetical reports whether a hypothetical cue comes before the phrase in its sentence.
func (c *LanguageCues) hypothetical(before, lang string) bool {
	for _, h := range c.Hypothetical {
		i := lastCue(before, h, lang)
		for lang == "zh" && i >= 0 && inNumeral(before[:i], h) {
			i = strings.LastIndex(before[:i], h) // 一万一千: the cue is part of a sum; an earlier one may not be
		}
		if i >= 0 {
			return true
		}
	}
	return false
}

// bitIndex is the position of the single set bit of b.
func bitIndex(b uint64) int { return bits.TrailingZeros64(b) }

// aimedAtComplainant reports whether the threat hit at runes [s, e) names the complainant as its
// target: a 我 in it or as its object right after it (说要弄死我, 打断我的腿), "me" or "my" in it or as the next
// word ("hurt me", "break my legs"). A threat to the complainant's own safety told by someone it
// was relayed through (我朋友说催收打电话给他，说要弄死我) is the complainant's case, not hearsay
// of someone else's (session 21).
func (st *scanState) aimedAtComplainant(s, e int, lang string) bool {
	if lang != "en" {
		if slices.Contains(st.rs[s:e], '我') {
			return true
		}
		// a 我 right after the hit is its object when a possessive, a kin word or the clause's end
		// follows it (弄死我。砍我全家), not when it opens a clause of its own (泼油漆我好害怕)
		return e < len(st.rs) && st.rs[e] == '我' && (e+1 == len(st.rs) || strings.ContainsRune("的全家们爸妈老孩儿女，,。！!？?；;", st.rs[e+1]))
	}
	words := strings.Fields(string(st.rs[s:e]))
	rest := strings.Fields(string(st.rs[e:min(len(st.rs), e+12)]))
	if len(rest) > 0 && (e == len(st.rs) || st.rs[e] == ' ') {
		words = append(words, rest[0])
	}
	for _, w := range words {
		if w = strings.Trim(w, ".,;:!?\"'"); w == "me" || w == "my" {
			return true
		}
	}
	return false
}

// unhearsay takes the hearsay weakening off a hit.
func (st *scanState) unhearsay(h *match, lang string) {
	if f := st.p.Language[lang].HearsayFactor; f > 0 {
		h.weight /= f
	}
	h.hearsay = false
	h.modifiers = slices.DeleteFunc(h.modifiers, func(m string) bool { return m == "hearsay" })
}

// inNumeral tells whether a Chinese cue starting with a numeral unit (万一 "in case") continues a
// number written before it (一万一千, 两万一, 5万一): the cue is then part of the sum.
func inNumeral(before, cue string) bool {
	c, _ := utf8.DecodeRuneInString(cue)
	if c != '万' && c != '千' && c != '百' {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return r >= '0' && r <= '9' || strings.ContainsRune("零一二两三四五六七八九十百千几", r)
}
