package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/redline-regulator/redline/domain"
)

// Amounts are the sums of money a Chinese narrative states about its loan, read by cue words:
// borrowed (借款5万), repaid (已经还了六万多), still demanded (还要我还两万多), received (到账28400) and a
// fee (罚息1400). Compared within one sentence, they show charges a complainant objects to without
// naming them: repaid and demanded together far above the principal, a payout well below it (a fee
// taken before payout), a single fee that is a large part of it. Type is the violation they show.
type Amounts struct {
	Type      domain.ViolationType `json:"type"`
	Weight    float64              `json:"weight"`
	Principal []string             `json:"principal"`
	Repaid    []string             `json:"repaid"`
	Demanded  []string             `json:"demanded"`
	Received  []string             `json:"received"`
	Fee       []string             `json:"fee"`
	// TotalRatio: repaid + demanded at least this times the principal; ReceivedRatio: received at
	// most this times it; FeeRatio: one fee at least this times it.
	TotalRatio    float64 `json:"totalRatio"`
	ReceivedRatio float64 `json:"receivedRatio"`
	FeeRatio      float64 `json:"feeRatio"`
	// Term (session 14) are cue words before a loan's term (期限7天, 借期14天, 为期一个月); with
	// AnnualRate above 0, interest and fees stated over a term of at most a year are annualised
	// (simple interest) and a rate at or above AnnualRate is a finding: 借3000，期限7天，到期要还3800.
	Term       []string `json:"term,omitempty"`
	AnnualRate float64  `json:"annualRate,omitempty"`

	re        *firstRuneSearch
	termRe    *regexp.Regexp
	term      *firstRuneSearch // termRe tried only where a match can start (session 18)
	kind      map[string]amountKind
	principal []string // folded principal cues: a sentence without one is skipped
	// principalAny are the principal cues that hold no other (借款 holds 借): a sentence holds
	// a principal cue when it holds one of these, searched for instead of all (session 26)
	principalAny []string
}

type amountKind int

const (
	amountPrincipal amountKind = iota
	amountRepaid
	amountDemanded
	amountReceived
	amountFee
)

// filler may stand between a cue and its sum: 借了, 还了18期, 还了他们, 一共是, 大概, 将近
const amountFiller = `(?:他们|你们|给他们|给你们|给银行|给平台|了|是|为|共|总共|一共|总计|合计|只有|只|才|仅|有|金额|本金|的|大概|约|近|将近|差不多|超过|高达|达|到|竟然|居然|[0-9零一二两三四五六七八九十]+(?:期|个月|年|笔|次))*`

func (a *Amounts) compile() error {
	if a == nil {
		return nil
	}
	if _, ok := domain.ParseViolationType(string(a.Type)); !ok {
		return fmt.Errorf("type %q is not a violation type", a.Type)
	}
	if !unit(a.Weight) || a.TotalRatio <= 1 || a.ReceivedRatio <= 0 || a.ReceivedRatio >= 1 || a.FeeRatio <= 0 {
		return fmt.Errorf("weight within 0–1, totalRatio above 1, receivedRatio within 0–1 and feeRatio positive")
	}
	a.kind = map[string]amountKind{}
	for k, words := range [][]string{a.Principal, a.Repaid, a.Demanded, a.Received, a.Fee} {
		for _, w := range words {
			w = strings.ToLower(strings.TrimSpace(w))
			if w == "" {
				return fmt.Errorf("empty cue")
			}
			if _, dup := a.kind[w]; dup {
				return fmt.Errorf("cue %q listed twice", w)
			}
			a.kind[w] = amountKind(k)
		}
	}
	if len(a.kind) == 0 {
		return fmt.Errorf("no cue words")
	}
	cues := make([]string, 0, len(a.kind))
	a.principal = nil
	for w, k := range a.kind {
		cues = append(cues, w)
		if k == amountPrincipal {
			a.principal = append(a.principal, w)
		}
	}
	slices.Sort(a.principal)
	a.principalAny = minimalWords(a.principal)
	// longest first, so that 已经还了 is read before 还了
	slices.SortFunc(cues, func(x, y string) int {
		if d := len([]rune(y)) - len([]rune(x)); d != 0 {
			return d
		}
		return strings.Compare(x, y)
	})
	for i, c := range cues {
		cues[i] = regexp.QuoteMeta(c)
	}
	re, err := regexp.Compile(`(` + strings.Join(cues, "|") + `)` + amountFiller +
		`\s*([0-9](?:[0-9]|,[0-9]{3})*(?:\.[0-9]+)?|[零一二两三四五六七八九十百千]+)\s*(多|余|来|几)?\s*(万|千|w|k)?([1-9一二两三四五六七八九](?:千)?)?\s*(?:多|余)?\s*(元|块|rmb)?`)
	if err != nil {
		return err
	}
	a.re = newFirstRuneSearch(re)
	a.termRe, a.term = nil, nil
	if a.AnnualRate < 0 || a.AnnualRate > 0 && len(a.Term) == 0 {
		return fmt.Errorf("annualRate needs term cues and may not be negative")
	}
	if a.AnnualRate > 0 {
		terms := make([]string, len(a.Term))
		for i, w := range a.Term {
			if w = strings.ToLower(strings.TrimSpace(w)); w == "" {
				return fmt.Errorf("empty term cue")
			}
			terms[i] = regexp.QuoteMeta(w)
		}
		a.termRe, err = regexp.Compile(`(?:` + strings.Join(terms, "|") + `)(?:是|为|只有|才|共|仅|只)?\s*([0-9]+|[一二两三四五六七八九十]+)\s*(天|日|周|个?星期|个月)`)
		if err != nil {
			return err
		}
		a.term = newFirstRuneSearch(a.termRe)
	}
	return nil
}

// termDays is the loan's term in days stated in a sentence (期限7天, 借期两周, 为期3个月), or 0.
func (a *Amounts) termDays(sent string) float64 {
	if a.termRe == nil {
		return 0
	}
	loc := a.term.FindStringSubmatchIndex(sent)
	if loc == nil {
		return 0
	}
	num, unit := sent[loc[2]:loc[3]], sent[loc[4]:loc[5]]
	n, ok := parseNum(num)
	if !ok || n <= 0 {
		return 0
	}
	switch {
	case strings.HasSuffix(unit, "周"), strings.HasSuffix(unit, "星期"):
		n *= 7
	case unit == "个月":
		n *= 30
	}
	return n
}

type amountMention struct {
	kind       amountKind
	value      float64
	start, end int // byte offsets in the sentence
}

// read returns the sums in a normalised sentence with their kind. A sum needs a unit of money
// (元, 块, 万, 千) unless it is an Arabic number of at least 100 not followed by a counter (期, 个月,
// 天, %): "还了18期" is no sum, "还了26311" is. Masked numbers (200***元) are skipped.
func (a *Amounts) read(sent string) []amountMention {
	var out []amountMention
	for _, m := range a.re.FindAllStringSubmatchIndex(sent) {
		cue, num := sent[m[2]:m[3]], sent[m[4]:m[5]]
		hasUnit, hasCur := m[8] >= 0, m[12] >= 0
		rest := sent[m[1]:]
		if strings.HasPrefix(rest, "*") || strings.HasPrefix(rest, "x") {
			continue
		}
		arabic := num[0] >= '0' && num[0] <= '9'
		var v float64
		if arabic {
			f, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
			if err != nil {
				continue
			}
			v = f
		} else {
			f, ok := parseNum(num)
			if !ok {
				continue
			}
			v = f
		}
		if hasUnit {
			u := sent[m[8]:m[9]]
			switch {
			case u == "万" || u == "w":
				v *= 10000
			case (u == "千" || u == "k") && v < 1000: // 46000千多 is a typo, not 46 million
				v *= 1000
			}
			// 一万五 and 4万2 are 15000 and 42000, 三千二 is 3200 (not when more digits follow: 2万2023年)
			if m[10] >= 0 && !strings.ContainsAny(sent[m[11]:min(m[11]+1, len(sent))], "0123456789") {
				d, _ := parseNum(strings.TrimSuffix(sent[m[10]:m[11]], "千"))
				switch u {
				case "万":
					v += d * 1000
				case "千":
					v += d * 100
				}
			}
		}
		if !hasUnit && !hasCur {
			// a bare number is a sum from 100 up, in digits or in Chinese numerals that say
			// hundreds or thousands (本金一千，罚息一千四百)
			if v < 100 || !arabic && !strings.ContainsAny(num, "百千") {
				continue
			}
			if r := []rune(rest); len(r) > 0 && strings.ContainsRune("期月天年日号次%个条点岁笔", r[0]) || strings.HasPrefix(rest, "分钟") {
				continue
			}
		}
		out = append(out, amountMention{kind: a.kind[cue], value: v, start: m[0], end: m[1]})
	}
	return out
}

// judge compares the sums of one sentence; it returns the span (byte offsets) and the rule of the
// first finding, or ok false.
func (a *Amounts) judge(sent string) (start, end int, rule string, ok bool) {
	if !amountRunes.in(sent) || !slices.ContainsFunc(a.principalAny, func(c string) bool { return strings.Contains(sent, c) }) {
		return 0, 0, "", false
	}
	ms := a.read(sent)
	var principal, repaid, demanded float64
	for _, m := range ms {
		switch m.kind {
		case amountPrincipal:
			principal = max(principal, m.value)
		case amountRepaid:
			repaid = max(repaid, m.value)
		case amountDemanded:
			demanded = max(demanded, m.value)
		}
	}
	if principal <= 0 {
		return 0, 0, "", false
	}
	span := func(kind amountKind) (int, int) {
		s, e := len(sent), 0
		for _, m := range ms {
			if m.kind == amountPrincipal || m.kind == kind {
				s, e = min(s, m.start), max(e, m.end)
			}
		}
		return s, e
	}
	if total := repaid + demanded; total >= a.TotalRatio*principal && (repaid > 0 || demanded > 0) {
		s, e := span(amountRepaid)
		if demanded > 0 {
			s2, e2 := span(amountDemanded)
			s, e = min(s, s2), max(e, e2)
		}
		return s, e, fmt.Sprintf("amounts.total: %.0f repaid and %.0f demanded on %.0f borrowed, at least %.1f times the principal",
			repaid, demanded, principal, a.TotalRatio), true
	}
	if days := a.termDays(sent); days > 0 && days <= 366 {
		annual := func(extra float64) float64 { return extra / principal * 365 / days }
		if total := max(repaid, demanded); total > principal && annual(total-principal) >= a.AnnualRate {
			s, e := span(amountDemanded)
			if demanded < repaid {
				s, e = span(amountRepaid)
			}
			return s, e, fmt.Sprintf("amounts.rate: %.0f due on %.0f borrowed for %.0f days, %.0f%% a year, at least %.0f%%",
				total, principal, days, 100*annual(total-principal), 100*a.AnnualRate), true
		}
		for _, m := range ms {
			if m.kind == amountFee && annual(m.value) >= a.AnnualRate {
				s, e := span(amountFee)
				return s, e, fmt.Sprintf("amounts.rate: a fee of %.0f on %.0f borrowed for %.0f days, %.0f%% a year, at least %.0f%%",
					m.value, principal, days, 100*annual(m.value), 100*a.AnnualRate), true
			}
		}
	}
	for _, m := range ms {
		switch {
		case m.kind == amountReceived && m.value <= a.ReceivedRatio*principal:
			s, e := span(amountReceived)
			return s, e, fmt.Sprintf("amounts.received: %.0f received of %.0f borrowed, at most %.2f of it",
				m.value, principal, a.ReceivedRatio), true
		case m.kind == amountFee && m.value >= a.FeeRatio*principal:
			s, e := span(amountFee)
			return s, e, fmt.Sprintf("amounts.fee: a fee of %.0f on %.0f borrowed, at least %.2f of it",
				m.value, principal, a.FeeRatio), true
		}
	}
	return 0, 0, "", false
}

// amounts adds a hit for each sentence whose sums show Amounts.Type.
func (st *scanState) amounts(bySentence [][]match) {
	a := st.p.Amounts
	if a == nil {
		return
	}
	for si, sp := range st.sents {
		base := st.byteOf(sp.start)
		s, e, rule, ok := a.judge(st.t[base:st.byteOf(sp.end)])
		if !ok {
			continue
		}
		h := st.hit(int(st.offs[base+s]), int(st.offs[base+e]), si, "zh", a.Weight, false)
		h.typ, h.rule, h.pattern = a.Type, rule, rule
		h.law = lawOf(st.p, a.Type)
		bySentence[si] = append(bySentence[si], h)
	}
}

// minimalWords returns the words of ws (in their order) that hold no other word of ws, one of
// equal words: a text holds a word of ws exactly when it holds one of these, as a text holding a
// word holds every word inside it.
func minimalWords(ws []string) []string {
	var out []string
	for i, w := range ws {
		inner := slices.ContainsFunc(ws, func(v string) bool { return v != w && v != "" && strings.Contains(w, v) }) ||
			slices.Contains(ws[:i], w)
		if !inner {
			out = append(out, w)
		}
	}
	return out
}
