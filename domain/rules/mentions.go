package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/redline-regulator/redline/domain"
)

// Mentions are the times of day and the counts a narrative states ("晚上11:30", "凌晨四点多",
// "三天两百多条", "4 times a day", "every two hours"), judged against the pack's contact hours and
// against PerDay.
type Mentions struct {
	// Contact are the words that make a sentence speak of contact (打, 电话, 短信; call, text): a time
	// counts only in such a sentence.
	Contact PhraseGroup `json:"contact"`
	// HoursWeight and CountWeight are the confidences of a time outside the contact hours and of a
	// count above PerDay.
	HoursWeight float64 `json:"hoursWeight"`
	CountWeight float64 `json:"countWeight"`
	// PerDay is the most contacts a day a narrative may report before it shows EXCESSIVE_CONTACT.
	PerDay float64 `json:"perDay"`
	// Own are the complainant's own doings (下班, 睡觉, 回家): a time right before one of them, in a
	// clause that speaks of no contact, is when the complainant did it, not when they were
	// contacted ("我晚上11点下班，回家看到好几个未接来电").
	Own []string `json:"own,omitempty"`
	// OwnCaller are RE2 expressions for the complainant as the one who made contact at a time
	// (session 18): a time whose clause, up to the time, ends in one of OwnSubject (我, 我是…) and
	// whose clause after it starts with one of OwnCall (给客服打电话, 自己打给催收) is when the
	// complainant called, not when the collector did ("我晚上十一点给客服打电话想协商还款").
	OwnSubject []string `json:"ownSubject,omitempty"`
	OwnCall    []string `json:"ownCall,omitempty"`
	// OwnLead (RE2, over the clause before a time, anchored at its end) is the complainant's own call
	// told before the time ("i called them back at"); OwnAfter (RE2, over the clause after a time,
	// anchored at its start) is the complainant as subject and their call told after it (凌晨一点我给
	// 催收回了条微信, 昨晚十一点我自己拨了客服电话, "at 10:45 pm i called them"). Both are read in the
	// time's own clause only, and OwnAfter only where the clause after the time starts, so "they called
	// me at 10:30 at night and i called them back" stays the collector's call (session 19).
	OwnLead  []string `json:"ownLead,omitempty"`
	OwnAfter []string `json:"ownAfter,omitempty"`
	// NormAfter (RE2, over the clause after a time, anchored at its start) is a rule or a denial
	// told of the time (session 37 (zhprec37)): "晚上十点以后绝对不许打", "早上八点以前不能打电话",
	// "十点以后从来不打" state the contact hours or that no contact came then, not a contact at night.
	NormAfter []string `json:"normAfter,omitempty"`

	ownSubject, ownCall, ownLead, ownAfter, normAfter []*regexp.Regexp
}

func (m *Mentions) compile() error {
	if m == nil {
		return nil
	}
	if !unit(m.HoursWeight) || !unit(m.CountWeight) || m.PerDay <= 0 {
		return fmt.Errorf("weights must be within 0–1 and perDay positive")
	}
	m.Contact.Weight = 1
	for _, l := range []struct {
		pats []string
		out  *[]*regexp.Regexp
		pre  string
		post string
	}{{m.OwnSubject, &m.ownSubject, "(?:", ")$"}, {m.OwnCall, &m.ownCall, "^(?:", ")"}, {m.OwnLead, &m.ownLead, "(?:", ")$"}, {m.OwnAfter, &m.ownAfter, "^(?:", ")"}, {m.NormAfter, &m.normAfter, "^(?:", ")"}} {
		*l.out = nil
		for _, pat := range l.pats {
			re, err := regexp.Compile(l.pre + pat + l.post)
			if err != nil {
				return fmt.Errorf("own caller %q: %w", pat, err)
			}
			*l.out = append(*l.out, re)
		}
	}
	for _, lp := range []struct {
		lang string
		pats []string
	}{{"zh", m.Contact.ZH}, {"en", m.Contact.EN}} {
		for _, pat := range lp.pats {
			re, err := compilePattern(pat, lp.lang, 0, nil)
			if err != nil {
				return fmt.Errorf("contact: %w", err)
			}
			m.Contact.matchers = append(m.Contact.matchers, phraseMatcher{lang: lp.lang, pattern: pat, re: compiledRegexp(re), weight: 1})
		}
	}
	return nil
}

const cnNum = `[0-9零〇一二两三四五六七八九十百千几]+`

// cnCount is a count of contacts: a numeral, or one with a vague part (session 22): 好几 (several,
// read 3), 十好几 (13), 好几十 (30), 上百 (100), 上千 (1000).
const cnCount = `(?:好几|上百|上千|[0-9零〇一二两三四五六七八九十百千几])+`

var (
	// 晚上11:30, 凌晨四点多, 半夜12点, 23点, 22:45, 晚上都是十一点以后
	zhTime = regexp.MustCompile(`(?P<period>早上|早晨|清晨|凌晨|半夜|深夜|夜里|夜间|夜晚|晚上|晚间|晚|夜|中午|下午|上午|早)?\s*(?:的|都是|都|是|就|快|已经|都快)?\s*(?P<pre>还不到|不到|没到|过了)?\s*(?P<hour>` + cnNum + `)(?:\s*(?:、|到|至|-|~|～|/|或)\s*(?P<to>` + cnNum + `))?\s*(?P<sep>点|時|时|:|：|\.)\s*(?:钟|過|过|零)?\s*(?P<min>[0-9]{1,2}|半|[一二三四五]?十[一二三四五六七八九]?|[一二三四五]刻|[一二三四五六七八九])?\s*(?:分)?\s*(?P<after>以后|之后|后|过后|多)?(?P<before>之前|以前|前|还不到|不到|没到)?`)
	// a range's second time shares the first's period word: 晚上十点到十二点
	zhRangeJoin = regexp.MustCompile(`^\s*(?:一直|连续|不停地?)?(?:打电话|打|发|催|骚扰|响)?(?:到|至|-|~|～)\s*$`)
	// a count after a span of clock times: 从晚上十点半到凌晨一点打了七个, 一点到三点之间打了十几个
	zhSpanCount = regexp.MustCompile(`^\s*(?:之间|期间|这段时间|这几个小时|这个时间段|左右)?(?:内|里)?[^。！？!?；;]{0,12}?(` + cnCount + `)\s*(?:多|余|来|几|\+)?\s*(?:个|通|次|条|遍|回)`)
	// a count with no period: 给我老婆打了十几通电话, 发了两百多条短信 (zhBareCounts)
	zhBareCount = regexp.MustCompile(`(?:打|发|来|拨|接|收|响|call)(?:了|过|到)?(?:我|给我|她|他|他们)?(?:的)?(?:手机|电话)?(?:差不多|将近|起码|至少|不下|足足|整整)?(` + cnCount + `)\s*(?:多|余|来|几|\+)?\s*(?:个|通|次|条|遍)`)
	// a period or a span the count may be spread over: 这个月打了二十多次 is not one day's
	zhCountSpan = regexp.MustCompile(`月|年|周|星期|礼拜|期间|以来|这段时间|这些天|这几天|[几多两三四五六七八九十0-9]天|天里|号到|号至|号开始`)
	enTime      = regexp.MustCompile(`\b([0-9]{1,2})(?::([0-9]{2}))?\s*(a\.?m\.?|p\.?m\.?|o'clock at night|at night|in the morning)`)
	// 一天30多个, 每天打二三十个, 三天两百多条, 一晚上十几次, 半小时打了5次
	zhCount = regexp.MustCompile(`(半个?小时|半个钟头|一个?钟头|一个?小时|每个?小时|每个?钟头|一上午|一个上午|一下午|一个下午|一晚上?|一个晚上|一夜|一天|每天|当天|天天|每日|一日|今天|今日|昨天|上午|下午|晚上|一整天|整天|一周|一星期|每周|一个月|(` + cnNum + `)(天|日|个?小时|个?钟头|周|个?星期|个?礼拜|分钟|个?月))(之内|以内|内|里|下来)?[^。！？!?；;]{0,10}?(` + cnCount + `)\s*(多|余|来|几|\+)?\s*(个|通|次|条|遍|回)`)
	// session 25 (cfec): a masked count (xxxx, read as 2), "or more / or so / plus" after the unit
	// ("they call me 30 times or more per week") and "an hour" ("6 calls an hour")
	enCount = regexp.MustCompile(`\b([0-9]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|dozens of|a dozen|hundreds of|xxxx)\+?\s+(?:(?:to|-|or)\s+[0-9]{1,3}\s+)?(?:or more\s+)?(?:phone\s+|robo\s*)?(calls|times|texts|messages|voicemails|emails)\s+(?:or\s+more\s+|or\s+so\s+|plus\s+)?(?:a\s+|an\s+|per\s+|each\s+|every\s+(?:single\s+)?|in\s+a\s+|in\s+one\s+|in\s+(?:a\s+)?single\s+|this\s+|that\s+|last\s+|within\s+(?:a|one)\s+)?(day|week|hour|night|morning|daily)`)
	// "11 times yesterday"
	enCountDay = regexp.MustCompile(`\b([0-9]{1,3})\s+(?:calls|times|texts|messages)\s+(?:yesterday|today|this morning|last night|that day|in one day|in a single day)`)
	// "57 times in a 2 week period", "15 calls in three days"
	// "40 times this month", "8 times in an hour" (an hour's count is that day's least total)
	enCountSpan = regexp.MustCompile(`\b([0-9]{1,3})\+?\s+(?:phone\s+)?(?:calls|times|texts|messages)\s+(?:(?:in|within|over|during)\s+(?:a\s+|an\s+|one\s+|the\s+past\s+|the\s+last\s+)?|(?:this|last|past|the\s+past|the\s+last)\s+)([0-9]{1,2}|two|three|four|five|six|seven|ten)?\s*-?\s*(day|week|month|hour)`)
	enEvery     = regexp.MustCompile(`\b(?:call|calling|called|calls|text|texting|texted|texts|contact|contacting|contacted|contacts)\b[^.!?;]{0,30}?\bevery\s+([0-9]{1,2}|two|three|four|five|ten|fifteen|twenty|thirty|few|couple of)?\s*(minutes?|hours?)\b`)
)

// the parsers try their expressions only where a match can start (see firstRuneSearch)
var (
	zhTimeSearch      = newFirstRuneSearch(zhTime)
	enTimeSearch      = newFirstRuneSearch(enTime)
	zhCountSearch     = newFirstRuneSearch(zhCount)
	zhBareCountSearch = newFirstRuneSearch(zhBareCount) // session 21: was searched as the regexp does
	enCountSearch     = newFirstRuneSearch(enCount)
	enCountDaySearch  = newFirstRuneSearch(enCountDay)
	enCountSpanSearch = newFirstRuneSearch(enCountSpan)
	enEverySearch     = newFirstRuneSearch(enEvery)
)

var enNums = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"dozens of": 24, "a dozen": 12, "hundreds of": 200, "few": 3, "couple of": 2,
	// session 25 (cfec): the CFPB masks some counts ("calls like XXXX times a day", "up to XXXX times
	// per day"); a masked count of calls, times or texts (always plural in enCount) is at least two
	"xxxx": 2}

// parseNum reads an Arabic or Chinese numeral: 11, 两百, 三十, 十几 (10), 几十 (20), 二三十 (20,
// the lower end of a range), 一百二十. It returns false for what is not a number.
//
// Session 22: a vague part is read at its least: 好几 (several) as 3, so 十好几 is 13, 好几十 30 and
// 好几百 300; 上百 and 上千 (a hundred, a thousand or more) as 百 and 千.
func parseNum(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if strings.Contains(s, "好几") || strings.Contains(s, "上") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "好几", "三"), "上", "")
	}
	if n, err := strconv.Atoi(s); err == nil {
		return float64(n), true
	}
	// 20几: twenty-odd
	if t := strings.TrimSuffix(s, "几"); t != s {
		if n, err := strconv.Atoi(t); err == nil {
			return float64(n), true
		}
	}
	digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '几': 2}
	rs := []rune(s)
	// a range of two digits, 二三十 or 三四: keep the lower
	if len(rs) >= 2 {
		a, okA := digits[rs[0]]
		b, okB := digits[rs[1]]
		if okA && okB && rs[0] != '几' && b == a+1 {
			rs = rs[1:]
			rs[0] = []rune("零一二三四五六七八九")[a]
		}
	}
	total, cur := 0, 0
	seen := false
	for _, r := range rs {
		if d, ok := digits[r]; ok {
			cur, seen = d, true
			continue
		}
		if r >= '0' && r <= '9' {
			cur, seen = cur*10+int(r-'0'), true
			continue
		}
		unit := map[rune]int{'十': 10, '百': 100, '千': 1000}[r]
		if unit == 0 {
			return 0, false
		}
		if cur == 0 {
			cur = 1
		}
		total += cur * unit
		cur, seen = 0, true
	}
	if !seen {
		return 0, false
	}
	return float64(total + cur), true
}

// timeMention is a time of day found in a sentence.
type timeMention struct {
	start, end int // rune offsets in the normalised text
	minute     int
	phrase     string
}

// zhTimes reads the times of day in a normalised Chinese sentence. A bare hour without a period
// word is read only when it is unambiguous (13 to 23, or 0), or when it ends a range whose start has
// one (晚上十点到十二点). Both ends of a range of hours (早上6、7点) are read; a dot as separator
// (11.30) only with a period word or a context that makes it late, so amounts are not times.
func zhTimes(s string, clock *zhClock) []timeMention {
	var out []timeMention
	g := func(m []int, name string) string { return sub(s, m, zhTime.SubexpIndex(name)) }
	lastPeriod, lastEnd := "", -1
	night, nightHour := "", 0.0 // the last evening period of the sentence, and its hour
	for _, m := range clock.matches() {
		period := g(m, "period")
		if period == "" && lastPeriod != "" && lastEnd >= 0 && zhRangeJoin.MatchString(s[lastEnd:m[0]]) {
			period = lastPeriod
		}
		// a bare hour from nine to twelve after an evening time of the sentence is later that
		// evening: "我晚上十一点多下班 他们十一点半又打来了" (session 19)
		h, _ := parseNum(g(m, "hour"))
		if period == "" && night != "" && h >= 9 && h <= 12 && h >= nightHour {
			period = night
		}
		switch period {
		case "晚上", "晚", "晚间", "夜", "夜里", "夜间", "夜晚", "深夜":
			night, nightHour = period, h
		}
		lastPeriod, lastEnd = period, m[1]
		if g(m, "sep") == "." && (len(g(m, "min")) != 2 || period == "" && !stillLate(s[:m[0]], s[m[1]:])) {
			continue
		}
		for _, raw := range []string{g(m, "hour"), g(m, "to")} {
			if raw == "" {
				continue
			}
			pre := g(m, "pre")
			past := pre == "过了" || strings.HasSuffix(s[:m[0]], "过了") || strings.HasSuffix(s[:m[0]], "超过")
			before := strings.HasSuffix(pre, "到") || g(m, "before") != ""
			if t, ok := zhTimeOf(s, m, period, raw, g(m, "min"), g(m, "after") != "" || past, before); ok {
				if before && raw == g(m, "hour") {
					t.minute = (t.minute + 24*60 - 1) % (24 * 60) // 不到七点, 七点之前: before seven
					if t.minute >= 12*60 {
						// an upper bound in the evening or at midnight says nothing of late contact:
						// "今晚12点前不处理" is a deadline, "十一点前打来" may be at nine (session 35)
						continue
					}
				}
				out = append(out, t)
			}
		}
	}
	return out
}

// zhClock is a sentence's zhTime matches, searched once for zhTimes and zhSpanCounts.
type zhClock struct {
	s    string
	ms   [][]int
	done bool
}

func (c *zhClock) matches() [][]int {
	if !c.done {
		c.done = true
		// every time has its separator: without one the regexp need not search
		if clockRunes.in(c.s) {
			c.ms = zhTimeSearch.FindAllStringSubmatchIndex(c.s)
			for _, m := range c.ms {
				zhWordMinute(c.s, m)
			}
		}
	}
	return c.ms
}

// zhMinIndex is zhTime's minute group.
var zhMinIndex = zhTime.SubexpIndex("min")

// zhWordMinute drops a one-digit minute that starts a word (session 22): "晚上十点一直打到十二点多" is
// ten o'clock, then 一直 (all along), not 22:01 — the minute had hidden the range 到 joins. A digit
// with nothing after it in the match and a Chinese character right after is no minute.
func zhWordMinute(s string, m []int) {
	a, b := m[2*zhMinIndex], m[2*zhMinIndex+1]
	if a < 0 || b != m[1] || b >= len(s) {
		return
	}
	if r, size := utf8.DecodeRuneInString(s[a:]); a+size != b || !strings.ContainsRune("一二三四五六七八九", r) {
		return
	}
	if r, _ := utf8.DecodeRuneInString(s[b:]); unicode.Is(unicode.Han, r) {
		m[2*zhMinIndex], m[2*zhMinIndex+1] = -1, -1
		m[1] = a
	}
}

// zhTimeOf reads one hour (raw) of a zhTime match with its period word and minutes.
// before: the time is a bound the contact came before (不到八点, 七点之前就…), so a bare early hour
// is the morning's; "五点之前还款" is a deadline, not a contact time, and stays unread.
func zhTimeOf(s string, m []int, period, raw, mm string, after, before bool) (timeMention, bool) {
	h, ok := parseNum(raw)
	if !ok || h > 24 {
		return timeMention{}, false
	}
	min := 0
	switch {
	case mm == "半":
		min = 30
	case strings.HasSuffix(mm, "刻"):
		q, _ := parseNum(strings.TrimSuffix(mm, "刻"))
		min = int(q) * 15
	case mm != "":
		v, ok := parseNum(mm)
		if !ok || v > 59 {
			return timeMention{}, false
		}
		min = int(v)
	}
	// "点" after a count is not a time: 3点 needs a period word or a 24-hour reading
	hour := int(h)
	switch period {
	case "下午":
		if hour < 12 {
			hour += 12
		}
	case "晚上", "晚", "晚间", "夜", "夜里", "夜间", "夜晚", "深夜":
		if hour < 12 && hour >= 5 {
			hour += 12
		} else if hour == 12 {
			hour = 0
		}
	case "半夜":
		if hour == 12 {
			hour = 0
		} else if hour >= 9 && hour < 12 {
			hour += 12 // 半夜11点多: eleven at night
		}
	case "中午":
		if hour >= 1 && hour < 6 {
			hour += 12 // 中午一点多: one in the afternoon
		}
	case "凌晨", "早上", "早晨", "清晨", "上午", "早":
	default:
		// "06:30" written with a leading zero is a 24-hour clock; "11:30还在打", "都快十二点了" is
		// late at night (a bare 10, 11 or 12 o'clock that something is still happening at)
		// the words before the hour include the filler the match took (都十一点多了)
		lead := s[:m[2*zhTime.SubexpIndex("hour")]]
		switch {
		case len(raw) == 2 && raw[0] == '0', hour >= 13 || hour == 0:
		case hour >= 10 && hour <= 12 && stillLate(lead, s[m[1]:]):
			hour = (hour + 12) % 24
		case hour >= 5 && hour <= 8 && (before && (strings.HasSuffix(lead, "到") || strings.HasPrefix(s[m[1]:], "就")) || stillEarly(s[m[1]:])):
			// 还不到八点就打来, 七点之前, 7点40分就打来了，我还没起床: the morning
		default:
			return timeMention{}, false
		}
	}
	if hour == 24 {
		hour = 0
	}
	if after && min == 0 {
		min = 1 // "十点以后", "十点多": after the hour
	}
	return timeMention{start: m[0], end: m[1], minute: hour*60 + min, phrase: s[m[0]:m[1]]}, true
}

// stillEarly reports a bare hour read as the morning by what the sentence says after it: the
// complainant not yet up ("7点40分就打来了，我还没起床").
func stillEarly(after string) bool {
	for _, c := range []string{"还没起床", "还没起", "没起床", "还在睡", "还没睡醒", "没睡醒", "还没醒", "天还没亮", "天都没亮"} {
		if strings.Contains(after, c) {
			return true
		}
	}
	return false
}

// stillLate reports a bare hour read as night by its context: "都快十二点了", "十一点了还在打".
func stillLate(before, after string) bool {
	// the complainant already asleep when it came (session 19): "十一点四十他们又打过来了 那时候我都已经睡了"
	for _, c := range []string{"已经睡了", "已经睡着", "都睡了", "睡着了", "睡下了", "在睡觉", "早就睡了"} {
		if strings.Contains(after, c) {
			return true
		}
	}
	after = strings.TrimLeft(after, "多钟左右了 ")
	for _, c := range []string{"还在", "还打", "还发", "还来", "还有", "都还", "仍", "依然", "照样"} {
		if strings.HasPrefix(after, c) {
			return true
		}
	}
	for _, c := range []string{"都快", "快到", "已经", "都", "快"} {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	return false
}

func enTimes(s string) []timeMention {
	if !strings.ContainsAny(s, "0123456789") || !strings.ContainsRune(s, 'm') && !strings.Contains(s, "night") {
		return nil // a time is a number and am, pm, o'clock at night, at night or in the morning
	}
	var out []timeMention
	for _, m := range enTimeSearch.FindAllStringSubmatchIndex(s) {
		h, _ := strconv.Atoi(sub(s, m, 1))
		min, _ := strconv.Atoi(sub(s, m, 2))
		if h < 1 || h > 12 || min > 59 {
			continue
		}
		switch suf := sub(s, m, 3); {
		case strings.HasPrefix(suf, "p"), strings.Contains(suf, "night"):
			if h != 12 {
				h += 12
			} else if strings.Contains(suf, "night") {
				h = 0
			}
		default:
			if h == 12 {
				h = 0
			}
		}
		out = append(out, timeMention{start: m[0], end: m[1], minute: h*60 + min, phrase: s[m[0]:m[1]]})
	}
	return out
}

// countMention is a stated number of contacts per day.
type countMention struct {
	start, end int
	perDay     float64
	phrase     string
}

func zhCounts(s string, clock *zhClock) (out []countMention) {
	if !numeralCount(s) {
		return nil // every count ends with a numeral and its measure word, a count over a span of hours too
	}
	defer func() { out = append(out, zhSpanCounts(s, out, clock)...) }()
	for _, m := range zhCountSearch.FindAllStringSubmatchIndex(s) {
		// "晚上十一点到十二点那一个小时，我手机响了二十多次": the first numeral after 晚上 is a
		// duration (一个小时), not the count; the period starts again at it
		if isDuration(s[m[1]:]) && m[10] > m[0] {
			base := m[10]
			if m = zhCount.FindStringSubmatchIndex(s[base:]); m == nil {
				continue
			}
			for i := range m {
				if m[i] >= 0 {
					m[i] += base
				}
			}
		}
		m = zhNearestPeriod(s, m)
		if c, ok := zhCountOf(s, m); ok {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = zhBareCounts(s)
	}
	return out
}

// numeralCount reports whether s holds what every match of zhCount, zhSpanCount and zhBareCount
// ends with: a numeral of cnCount, then blanks (\s), at most one of 多/余/来/几/+, blanks and a
// measure word (个通次条遍回). It replaces the test for a measure word alone (session 38): 个
// stands in nearly every Chinese sentence (这个, 那个, 整个), a numeral right before it far less
// often, and a sentence without one was searched from every 一/上/下/天/每 and numeral.
func numeralCount(s string) bool {
	st := 0 // 1: after a numeral (and blanks), 2: after a numeral, blanks, 多/余/来/+ (and blanks)
	for i, w := 0, 0; i < len(s); i += w {
		r := rune(s[i])
		if w = 1; r >= utf8.RuneSelf {
			if r, w = decode3(s, i); w == 0 {
				r, w = utf8.DecodeRuneInString(s[i:])
			}
		}
		switch r {
		case '个', '通', '次', '条', '遍', '回':
			if st > 0 {
				return true
			}
			st = 0
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '零', '〇', '一', '二', '两', '三', '四',
			'五', '六', '七', '八', '九', '十', '百', '千', '几':
			st = 1
		case '\t', '\n', '\f', '\r', ' ':
		case '多', '余', '来', '+':
			if st == 1 {
				st = 2
			} else {
				st = 0
			}
		default:
			st = 0
		}
	}
	return false
}

// zhNearestPeriod returns the match of the period nearest to a count (session 22): "十天违约金就五
// 百，一天打七八个电话" is seven a day, not seven in ten days — a period between the first one and the
// count starts the count again. The gap holds at most ten runes, so the search is short.
func zhNearestPeriod(s string, m []int) []int {
	gapStart, numStart := m[3], m[10]
	if m[8] >= 0 {
		gapStart = m[9]
	}
	for i := gapStart; i < numStart; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if strings.ContainsRune("半一每当天今昨上下晚整0123456789二两三四五六七八九十几", r) {
			if n := zhCount.FindStringSubmatchIndex(s[i:]); n != nil && n[0] == 0 && i+n[10] == numStart {
				for k := range n {
					if n[k] >= 0 {
						n[k] += i
					}
				}
				m = n
			}
		}
		i += size
	}
	return m
}

// zhCountOf reads one zhCount match as contacts per day.
func zhCountOf(s string, m []int) (countMention, bool) {
	period := sub(s, m, 1)
	n, ok := parseNum(sub(s, m, 5))
	if !ok {
		return countMention{}, false
	}
	days := 1.0
	switch {
	case strings.Contains(period, "分钟"):
		days = 1.0 / (14 * 60)
	case strings.Contains(period, "小时"), strings.Contains(period, "钟头"):
		days = 1.0 / 14 // awake hours
		if strings.HasPrefix(period, "半") {
			days /= 2
		}
	case strings.Contains(period, "周") || strings.Contains(period, "星期") || strings.Contains(period, "礼拜"):
		days = 7
	case strings.Contains(period, "月"):
		days = 30
	}
	if k := sub(s, m, 2); k != "" {
		if v, ok := parseNum(k); ok && v > 0 {
			days *= v
		}
	}
	return countMention{start: m[0], end: m[1], perDay: n / days, phrase: s[m[0]:m[1]]}, true
}

// isDuration reports a numeral's measure that makes it a length of time (一个小时, 两个月), not a
// number of contacts.
func isDuration(rest string) bool {
	for _, w := range []string{"小时", "钟头", "月", "星期", "礼拜", "工作日"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// notContacts reports a counted noun that is no contact: 来了十几个人, 借了十几个平台.
func notContacts(rest string) bool {
	for _, w := range []string{"人", "男", "女", "大汉", "壮汉", "陌生人", "平台", "app", "网贷", "贷款", "家", "号码", "手机号"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// zhSpanWords and zhSpanDays are zhCountSpan's alternatives: a word, or a numeral before 天.
var zhSpanWords = []string{"月", "年", "周", "星期", "礼拜", "期间", "以来", "这段时间", "这些天", "这几天", "天里", "号到", "号至", "号开始"}

const zhSpanDays = "几多两三四五六七八九十0123456789"

// zhNamesSpan is zhCountSpan.MatchString(s) without the regexp, which tried its alternatives at
// every position of every sentence with a count (session 16: 2.5 % of a Chinese judgement).
func zhNamesSpan(s string) bool {
	for _, w := range zhSpanWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	for i := 0; ; {
		j := strings.Index(s[i:], "天")
		if j < 0 {
			return false
		}
		j += i
		if r, _ := utf8.DecodeLastRuneInString(s[:j]); strings.ContainsRune(zhSpanDays, r) {
			return true
		}
		i = j + len("天")
	}
}

// zhBareCounts reads a count of ten or more contacts stated with no period (给我老婆打了十几通电话,
// 发了两百多条): the guidelines count 十几, 几十, 20多个 as many, so the count is read as at least one
// day's. A sentence that names a longer span (这个月, 三天里, 从8号到…) spreads it, and is left to
// zhCount.
func zhBareCounts(s string) []countMention {
	if zhNamesSpan(s) {
		return nil
	}
	var out []countMention
	for _, m := range zhBareCountSearch.FindAllStringSubmatchIndex(s) {
		n, ok := parseNum(s[m[2]:m[3]])
		if !ok || n < 10 || isDuration(s[m[1]:]) || notContacts(s[m[1]:]) {
			continue
		}
		out = append(out, countMention{start: m[0], end: m[1], perDay: n, phrase: s[m[0]:m[1]]})
	}
	return out
}

// zhSpanCounts reads a count stated for a span of clock times (a time, 到/至, a time, then the
// count): the calls of a few hours of one day, so the count itself is that day's least total. The
// hours need not be read unambiguously (十点半到一点); a count already read is not read again.
func zhSpanCounts(s string, seen []countMention, clock *zhClock) []countMention {
	var out []countMention
	ms := clock.matches() // none without a time of day (see zhTimes), so no span of them
	for i, m := range ms {
		spans := sub(s, m, zhTime.SubexpIndex("to")) != "" && !strings.Contains(s[m[0]:m[1]], "、")
		if !spans && i > 0 {
			between := s[ms[i-1][1]:m[0]]
			spans = zhRangeJoin.MatchString(between)
		}
		if !spans {
			continue
		}
		c := zhSpanCount.FindStringSubmatchIndex(s[m[1]:])
		if c == nil {
			continue
		}
		n, ok := parseNum(s[m[1]+c[2] : m[1]+c[3]])
		if !ok {
			continue
		}
		start, end := m[0], m[1]+c[1]
		if i > 0 && !strings.Contains(s[m[0]:m[1]], "到") {
			start = ms[i-1][0]
		}
		if slices.ContainsFunc(seen, func(o countMention) bool { return o.start < end && start < o.end }) {
			continue
		}
		out = append(out, countMention{start: start, end: end, perDay: n, phrase: s[start:end]})
	}
	return out
}

func enCounts(s string) []countMention {
	var out []countMention
	if !strings.Contains(s, "every") && !containsAnyWord(s, "calls", "times", "texts", "messages", "voicemails", "emails") {
		return nil // each count names what it counts, or says "every"
	}
	for _, m := range enCountSearch.FindAllStringSubmatchIndex(s) {
		w := sub(s, m, 1)
		n, ok := enNums[w]
		if !ok {
			v, _ := strconv.Atoi(w)
			n = float64(v)
		}
		per := n
		switch sub(s, m, 3) {
		case "week":
			per = n / 7
		case "hour":
			per = n * 14
		}
		out = append(out, countMention{start: m[0], end: m[1], perDay: per, phrase: s[m[0]:m[1]]})
	}
	for _, m := range enCountDaySearch.FindAllStringSubmatchIndex(s) {
		n, _ := strconv.Atoi(sub(s, m, 1))
		out = append(out, countMention{start: m[0], end: m[1], perDay: float64(n), phrase: s[m[0]:m[1]]})
	}
	for _, m := range enCountSpanSearch.FindAllStringSubmatchIndex(s) {
		n, _ := strconv.Atoi(sub(s, m, 1))
		k := 1.0
		if w := sub(s, m, 2); w != "" {
			if v, ok := enNums[w]; ok {
				k = v
			} else if v, err := strconv.Atoi(w); err == nil && v > 0 {
				k = float64(v)
			}
		}
		days := map[string]float64{"day": 1, "week": 7, "month": 30}[sub(s, m, 3)] * k
		if sub(s, m, 3) == "hour" {
			days = 1 // the calls of a few hours are at least that day's
		}
		out = append(out, countMention{start: m[0], end: m[1], perDay: float64(n) / days, phrase: s[m[0]:m[1]]})
	}
	for _, m := range enEverySearch.FindAllStringSubmatchIndex(s) {
		n := 1.0
		if w := sub(s, m, 1); w != "" {
			if v, ok := enNums[w]; ok {
				n = v
			} else if v, err := strconv.Atoi(w); err == nil && v > 0 {
				n = float64(v)
			}
		}
		per := 14 / n
		if strings.HasPrefix(sub(s, m, 2), "minute") {
			per = 14 * 60 / n
		}
		out = append(out, countMention{start: m[0], end: m[1], perDay: per, phrase: s[m[0]:m[1]]})
	}
	return out
}

// containsAnyWord reports whether s contains one of words (as substrings).
func containsAnyWord(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func sub(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// mentionHits judges the times and counts in one normalised sentence (byte offsets base..). It
// returns hits for IMPROPER_HOURS and EXCESSIVE_CONTACT.
// matches reports whether a contact pattern matches the sentence (nil: run its regexp).
func (p *Pack) mentionHits(sent string, hasHan, hasLatin bool, matches func(*phraseMatcher) bool) []mentionHit {
	mc := p.Mentions
	if mc == nil {
		return nil
	}
	var out []mentionHit
	contact := false
	for i := range mc.Contact.matchers {
		m := &mc.Contact.matchers[i]
		if m.lang == "zh" && !hasHan || m.lang == "en" && !hasLatin {
			continue
		}
		if matches != nil && matches(m) || matches == nil && m.re.MatchString(sent) {
			contact = true
			break
		}
	}
	if !contact {
		return nil
	}
	var times []timeMention
	clock := &zhClock{s: sent}
	if hasHan {
		times = append(times, zhTimes(sent, clock)...)
	}
	if hasLatin {
		times = append(times, enTimes(sent)...)
	}
	for _, t := range times {
		if t.minute >= p.start && t.minute <= p.end || mc.ownTime(sent[t.end:]) || mc.ownCaller(sent[:t.start], sent[t.end:]) ||
			mc.ownTimeBeforeTimed(sent[t.end:], nextTime(times, t.end)-t.end) || mc.normTime(sent[t.end:]) {
			continue
		}
		out = append(out, mentionHit{typ: domain.ViolationImproperHours, start: t.start, end: t.end, weight: mc.HoursWeight,
			rule: fmt.Sprintf("mentions.hours: contact at %02d:%02d, outside %s–%s (%s)", t.minute/60, t.minute%60,
				p.ContactHours.Start, p.ContactHours.End, p.ContactHours.Basis)})
	}
	var counts []countMention
	if hasHan {
		counts = append(counts, zhCounts(sent, clock)...)
	}
	if hasLatin {
		counts = append(counts, enCounts(sent)...)
	}
	for _, c := range counts {
		// session 20: a count of the complainant's own calls ("i called them 10 times in 3 days") is
		// how hard they tried to reach the collector, read as a time's own caller is
		if c.perDay <= mc.PerDay || mc.ownCaller(sent[:c.start], sent[c.end:]) || mc.ownCountCall(sent[:c.start], sent[c.start:c.end]) {
			continue
		}
		out = append(out, mentionHit{typ: domain.ViolationExcessiveContact, start: c.start, end: c.end, weight: mc.CountWeight,
			rule: fmt.Sprintf("mentions.count: about %.0f contacts a day, more than %.0f", c.perDay, mc.PerDay)})
	}
	return out
}

// zhLeadPeriod is the period a Chinese count may start with (一天给客服打了十几个: 一天).
var zhLeadPeriod = regexp.MustCompile(`^(?:一天|每天|天天|当天|一上午|一下午|一晚上|一个?(?:上午|下午|晚上|早上))(?:之内|内|里)?(?:都|就)?`)

// zhToldOwn matches a speech verb whose reported clause opens on the complainant (说我, 告诉他们我):
// group 1 is that subject.
var zhToldOwn = regexp.MustCompile(`(?:说|讲|解释|反映|表示|告诉[^，,。！？；;\s]{0,4}?)(?:了|过)?(我|本人)`)

// ownCountCall reports a count whose span tells the complainant's own call after its period, with the
// complainant as the subject before it (session 21: 我自己一天给客服打了十几个电话 is how hard they tried
// to reach the lender, as "i called them 10 times" is; 他们一天给我打了十几个 stays a count).
func (m *Mentions) ownCountCall(before, span string) bool {
	if len(m.ownSubject) == 0 || len(m.ownCall) == 0 {
		return false
	}
	// session 22: the clause, from its start to the count's end, tells the complainant's own call
	// (我给他们打了好几十次电话想协商): ownAfter read over the whole of it
	clause := before
	if i := strings.LastIndexAny(clause, "，,。！？；!?; "); i >= 0 {
		clause = clause[i+1:]
	}
	if anyMatch(m.ownAfter, clause+span) {
		return true
	}
	// session 23: the complainant's own calls told as reported speech (我跟客服说我昨天给你们打了二十
	// 多个电话): ownAfter read from the reported clause's 我 on
	if sm := zhToldOwn.FindAllStringSubmatchIndex(clause, -1); sm != nil && anyMatch(m.ownAfter, clause[sm[len(sm)-1][2]:]+span) {
		return true
	}
	loc := zhLeadPeriod.FindStringIndex(span)
	if loc == nil {
		return false
	}
	return m.ownCaller(before, span[loc[1]:])
}

// normTime reports a time whose clause after it (rest, up to its end) starts with a rule or a
// denial of contact (NormAfter): the time is the rule's or no contact's, not a contact's.
func (m *Mentions) normTime(rest string) bool {
	if len(m.normAfter) == 0 {
		return false
	}
	if i := strings.IndexAny(rest, "，,。！？；!?;"); i >= 0 {
		rest = rest[:i]
	}
	return anyMatch(m.normAfter, rest)
}

// ownTime reports a time followed by the complainant's own doing, in a clause (rest, up to its end)
// that speaks of no contact.
func (m *Mentions) ownTime(rest string) bool {
	if len(m.Own) == 0 {
		return false
	}
	if i := strings.IndexAny(rest, "，,。！？；!?;"); i >= 0 {
		rest = rest[:i]
	}
	if !m.startsOwnPlaced(strings.TrimLeft(rest, "多钟左右才就刚还 "), "") {
		return false
	}
	for i := range m.Contact.matchers {
		if m.Contact.matchers[i].lang == "zh" && m.Contact.matchers[i].re.MatchString(rest) {
			return false
		}
	}
	return true
}

// startsOwn reports a clause that starts with one of the complainant's own doings (Own).
func (m *Mentions) startsOwn(lead string) bool {
	for _, w := range m.Own {
		if strings.HasPrefix(lead, w) {
			return true
		}
	}
	return false
}

// startsOwnPlaced reports a clause that starts with one of the complainant's own doings after
// adverbs (any of the runes of adverbs: 还在, 刚), also after a short place (session 23: 我还在医院值夜班, 在厂里加班): the doing
// starts at most four runes after 在.
func (m *Mentions) startsOwnPlaced(lead, adverbs string) bool {
	lead = strings.TrimLeft(lead, adverbs)
	rest, ok := strings.CutPrefix(lead, "在")
	if !ok {
		return m.startsOwn(lead)
	}
	for i, n := 0, 0; i < len(rest) && n <= 4; n++ {
		if m.startsOwn(rest[i:]) {
			return true
		}
		r, size := utf8.DecodeRuneInString(rest[i:])
		if r < 0x3400 || strings.ContainsRune("，。！？；、", r) {
			return false
		}
		i += size
	}
	return false
}

// nextTime returns the offset of the first time that starts at or after end, end-1 if none.
func nextTime(times []timeMention, end int) int {
	next := end - 1
	for _, o := range times {
		if o.start >= end && (next < end || o.start < next) {
			next = o.start
		}
	}
	return next
}

// ownTimeBeforeTimed reports a time followed by the complainant's own doing, also as a progressive
// (我半夜十二点还在加班, 凌晨两点我还在值班), when the contact the sentence tells has a time of its own,
// later (session 22: "我半夜十二点还在加班 早上起来看到一条银行早上九点发的还款提醒"): the first
// contact word of the rest of the sentence (rest, from the time's end) comes after the next time
// (next, an offset in rest; negative: none). "我十一点还在睡觉，电话就响了" has no later time, so the
// call is at eleven.
func (m *Mentions) ownTimeBeforeTimed(rest string, next int) bool {
	if next < 0 || len(m.Own) == 0 {
		return false
	}
	lead := strings.TrimPrefix(strings.TrimLeft(rest, "多钟左右才就刚 "), "我")
	if !m.startsOwnPlaced(lead, "还都也正刚才 ") {
		return false
	}
	for i := range m.Contact.matchers {
		if m.Contact.matchers[i].lang != "zh" {
			continue
		}
		if loc := m.Contact.matchers[i].re.FindAllStringIndex(rest, 1); loc != nil && loc[0][0] < next {
			return false
		}
	}
	return true
}

// ownCaller reports a time in a clause whose subject, before it, is the complainant (before: the
// sentence up to the time) and whose verb, after it (rest), is the complainant's own call.
//
// Session 19: or whose clause before it ends in the complainant's own call (OwnLead), or whose
// clause after it starts with the complainant and their call (OwnAfter).
func (m *Mentions) ownCaller(before, rest string) bool {
	if len(m.ownSubject)+len(m.ownLead)+len(m.ownAfter) == 0 {
		return false
	}
	if i := strings.LastIndexAny(before, "，,。！？；!?;"); i >= 0 {
		before = before[i+1:]
	}
	if i := strings.IndexAny(rest, "，,。！？；!?;"); i >= 0 {
		rest = rest[:i]
	}
	before, rest = strings.TrimRight(before, " "), strings.TrimLeft(rest, "多钟左右 ")
	return len(m.ownCall) > 0 && anyMatch(m.ownSubject, before) && anyMatch(m.ownCall, rest) ||
		anyMatch(m.ownLead, before) || anyMatch(m.ownAfter, rest)
}

func anyMatch(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

type mentionHit struct {
	typ        domain.ViolationType
	start, end int // byte offsets in the sentence
	weight     float64
	rule       string
}
