package rules

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"

	"github.com/redline-regulator/redline/domain"
)

// A Perturbation rewrites a text the way people write it to get past filters (traditional
// characters, spaced-out words, pinyin, emoji, numerals) or carelessly (no apostrophes, capitals,
// misspellings, texting forms). Each is deterministic: its choices are seeded by the record's id.
// Key words are the phrases the engine cited for the original text (Verdict evidence).
type Perturbation struct {
	Name  string
	Lang  string // "zh" (Chinese texts, CN pack) or "en" (English texts, US pack)
	apply func(text string, keys []string, rng *rand.Rand) string
}

// Perturbations are the transforms the robustness harness applies (docs/RULES.md, "Evasion
// robustness").
var Perturbations = []Perturbation{
	{"traditional", "zh", func(s string, _ []string, _ *rand.Rand) string { return convertCC("s2t", s) }},
	{"taiwan", "zh", func(s string, _ []string, _ *rand.Rand) string { return convertCC("s2twp", s) }},
	{"full-width", "zh", fullWidth},
	{"spaced", "zh", spacedKeys},
	{"emoji", "zh", emojiInside},
	{"zh-numerals", "zh", arabicToChinese},
	{"arabic-numerals", "zh", chineseToArabic},
	{"pinyin", "zh", pinyinEvasion},
	{"punct-spaces", "zh", func(s string, _ []string, _ *rand.Rand) string { return dropPunct(s, " ") }},
	{"punct-removed", "zh", func(s string, _ []string, _ *rand.Rand) string { return dropPunct(s, "") }},
	{"no-apostrophes", "en", func(s string, _ []string, _ *rand.Rand) string {
		return strings.NewReplacer("'", "", "’", "").Replace(s)
	}},
	{"all-caps", "en", func(s string, _ []string, _ *rand.Rand) string { return strings.ToUpper(s) }},
	{"spacing", "en", sloppySpacing},
	{"misspellings", "en", func(s string, _ []string, rng *rand.Rand) string { return replaceWords(s, enMisspellings, rng) }},
	{"texting", "en", func(s string, _ []string, rng *rand.Rand) string { return replaceWords(s, enTexting, rng) }},
}

// Retention is one perturbation's figures: per violation type, how many texts the original
// flagged (Original), how many of those the perturbed text still flags (Kept), and how many
// perturbed texts flag the type although the original did not (Spurious).
type Retention struct {
	Perturbation string                            `json:"perturbation"`
	Texts        int                               `json:"texts"` // texts the perturbation changed
	Original     map[domain.ViolationType]int      `json:"original"`
	Kept         map[domain.ViolationType]int      `json:"kept"`
	Spurious     map[domain.ViolationType]int      `json:"spurious"`
	Lost         map[domain.ViolationType][]string `json:"-"` // ids whose flag was lost, for diagnosis
	Added        map[domain.ViolationType][]string `json:"-"` // ids with a flag added outside their labels
}

// Overall is the share of the original flags that the perturbed texts keep.
func (r Retention) Overall() float64 {
	o, k := 0, 0
	for t, n := range r.Original {
		o += n
		k += r.Kept[t]
	}
	return ratio(k, o)
}

// SpuriousCount is the number of flags the perturbed texts add outside their labels (must and
// optional).
func (r Retention) SpuriousCount() int {
	n := 0
	for _, c := range r.Spurious {
		n += c
	}
	return n
}

// MeasureRetention judges each text and each of its perturbations in lang ("zh" or "en") with p,
// and returns one Retention per perturbation, counting only the texts it changed.
func MeasureRetention(p *Pack, lang string, recs []Labelled, now time.Time) []Retention {
	var out []Retention
	idx := map[string]int{}
	for _, pt := range Perturbations {
		if pt.Lang == lang {
			idx[pt.Name] = len(out)
			out = append(out, Retention{Perturbation: pt.Name, Original: map[domain.ViolationType]int{},
				Kept: map[domain.ViolationType]int{}, Spurious: map[domain.ViolationType]int{}, Lost: map[domain.ViolationType][]string{}, Added: map[domain.ViolationType][]string{}})
		}
	}
	for _, l := range recs {
		v := p.JudgeText(l.ID, l.Text, now)
		orig := v.Flagged()
		var keys []string
		for _, x := range v.Violations {
			if !x.Flagged {
				continue
			}
			for _, e := range x.Evidence {
				if e.Phrase != "" && !slices.Contains(keys, e.Phrase) {
					keys = append(keys, e.Phrase)
				}
			}
		}
		for _, pt := range Perturbations {
			if pt.Lang != lang {
				continue
			}
			text := pt.apply(l.Text, keys, seeded(l.ID, pt.Name))
			if text == l.Text {
				continue
			}
			r := &out[idx[pt.Name]]
			r.Texts++
			got := p.JudgeText(l.ID, text, now).Flagged()
			for _, t := range orig {
				r.Original[t]++
				if slices.Contains(got, t) {
					r.Kept[t]++
				} else {
					r.Lost[t] = append(r.Lost[t], l.ID)
				}
			}
			for _, t := range got {
				// a flag the perturbation adds counts only where the labels say it does not belong:
				// one that finds a required or optional label is no spurious flag
				if !slices.Contains(orig, t) && !slices.Contains(l.Must, t) && !slices.Contains(l.Optional, t) {
					r.Spurious[t]++
					r.Added[t] = append(r.Added[t], l.ID)
				}
			}
		}
	}
	return out
}

// RetentionMarkdown prints retention per perturbation (rows) and type (columns), kept/original,
// with the overall share and the flags added.
func RetentionMarkdown(rs []Retention) string {
	var types []domain.ViolationType
	for _, vt := range domain.ViolationTypes {
		for _, r := range rs {
			if r.Original[vt.Type] > 0 {
				types = append(types, vt.Type)
				break
			}
		}
	}
	var b strings.Builder
	b.WriteString("| perturbation | texts | overall | spurious |")
	for _, t := range types {
		fmt.Fprintf(&b, " %s |", t)
	}
	b.WriteString("\n|---|---|---|---|" + strings.Repeat("---|", len(types)) + "\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %d | %.3f | %d |", r.Perturbation, r.Texts, r.Overall(), r.SpuriousCount())
		for _, t := range types {
			if r.Original[t] == 0 {
				b.WriteString(" – |")
				continue
			}
			fmt.Fprintf(&b, " %d/%d |", r.Kept[t], r.Original[t])
		}
		b.WriteString("\n")
	}
	return b.String()
}

func seeded(id, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(id))
	h.Write([]byte{0})
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(h.Sum64(), 0x5eed))
}

var (
	ccMu   sync.Mutex
	ccConv = map[string]*opencc.OpenCC{}
)

// convertCC converts s with an OpenCC conversion: s2t (traditional characters, phrase by phrase) or
// s2twp (Taiwan's characters and words: 短信 → 簡訊, 信息 → 訊息).
func convertCC(conv, s string) string {
	ccMu.Lock()
	cc, ok := ccConv[conv]
	if !ok {
		cc, _ = opencc.New(conv)
		ccConv[conv] = cc
	}
	ccMu.Unlock()
	if cc == nil {
		return s
	}
	out, err := cc.Convert(s)
	if err != nil {
		return s
	}
	return out
}

// fullWidth writes ASCII digits and letters in their full-width forms (１１点, ｃｓ).
func fullWidth(s string, _ []string, _ *rand.Rand) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r - 0x21 + 0xFF01
		}
		return r
	}, s)
}

// insideKeys calls put for each gap between two Chinese characters inside an occurrence of a key
// word in rs; put returns what to insert there.
func insideKeys(s string, keys []string, put func() string) string {
	rs := []rune(s)
	gap := make([]bool, len(rs)+1)
	for _, k := range keys {
		kr := []rune(k)
		for i := 0; i+len(kr) <= len(rs); i++ {
			if !runesEqual(rs[i:i+len(kr)], kr) {
				continue
			}
			for j := i + 1; j < i+len(kr); j++ {
				if isHan(rs[j-1]) && isHan(rs[j]) {
					gap[j] = true
				}
			}
		}
	}
	var b strings.Builder
	for i, r := range rs {
		if gap[i] {
			if ins := put(); ins != "" {
				b.WriteString(ins)
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// spacedKeys puts a space, an ideographic space or a zero-width character between the characters
// of the key words ("爆 通 讯 录").
func spacedKeys(s string, keys []string, rng *rand.Rand) string {
	seps := []string{" ", " ", "\u3000", "\u200b", "\u200c", "  "}
	return insideKeys(s, keys, func() string { return seps[rng.IntN(len(seps))] })
}

// emojiInside puts an emoji (some with a skin tone, a variation selector or a joiner) inside each
// key word, at one of its gaps.
func emojiInside(s string, keys []string, rng *rand.Rand) string {
	emoji := []string{"😡", "😭", "🙏", "❤️", "👍🏻", "🤮", "💢", "😤", "🐶", "👨‍👩‍👧"}
	return insideKeys(s, keys, func() string {
		if rng.IntN(2) == 0 {
			return emoji[rng.IntN(len(emoji))]
		}
		return ""
	})
}

var zhDigits = []rune("零一二三四五六七八九")

// chineseNumber writes 0 < n < 100000000 as it is read (十一, 三十, 两百零五, 七万五千).
func chineseNumber(n int, liang bool) string {
	if n < 10 {
		if n == 2 && liang {
			return "两"
		}
		return string(zhDigits[n])
	}
	if n < 20 {
		return "十" + strings.TrimPrefix(string(zhDigits[n%10]), "零")
	}
	var b strings.Builder
	if n >= 10000 {
		b.WriteString(chineseNumber(n/10000, false) + "万")
		n %= 10000
		if n == 0 {
			return b.String()
		}
		if n < 1000 {
			b.WriteString("零")
		}
	}
	units := []struct {
		v int
		u string
	}{{1000, "千"}, {100, "百"}, {10, "十"}, {1, ""}}
	zero := false
	started := b.Len() > 0
	for _, u := range units {
		d := n / u.v
		n %= u.v
		if d == 0 {
			zero = started
			continue
		}
		if zero {
			b.WriteString("零")
			zero = false
		}
		b.WriteRune(zhDigits[d])
		b.WriteString(u.u)
		started = true
	}
	return strings.TrimSuffix(b.String(), "零")
}

// arabicToChinese writes numbers in Chinese numerals: 11点 → 十一点, 30个 → 三十个, 2019年 →
// 二零一九年 (16年 → 一六年), 11:30 → 十一点半 (not 11:30pm). Phone and id numbers (six digits or more, or masked with X), and
// decimals stay.
func arabicToChinese(s string, _ []string, _ *rand.Rand) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !isDigit(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
		prev, next := rune(0), rune(0)
		if i > 0 {
			prev = rs[i-1]
		}
		if j < len(rs) {
			next = rs[j]
		}
		num := string(rs[i:j])
		masked := prev == 'X' || prev == 'x' || next == 'X' || next == 'x' || prev == '*' || next == '*'
		decimal := (prev == '.' || next == '.' || next == ',' || prev == ',') && (i >= 2 && isDigit(rs[i-2]) || j+1 < len(rs) && isDigit(rs[j+1]))
		ampm := (next == ':' || next == '：') && j+3 < len(rs) && isLatin(unicode.ToLower(rs[j+3]))
		if j-i > 5 || masked || decimal || ampm || isLatin(unicode.ToLower(prev)) || next < utf8.RuneSelf && isLatin(unicode.ToLower(next)) && next != 0 {
			b.WriteString(num)
			i = j
			continue
		}
		if next == '年' && (j-i == 4 || j-i == 2 && n2(num) >= 10) {
			for _, d := range num {
				b.WriteRune(zhDigits[d-'0'])
			}
			i = j
			continue
		}
		n := 0
		for _, d := range num {
			n = n*10 + int(d-'0')
		}
		if n == 0 {
			b.WriteString("零")
		} else {
			b.WriteString(chineseNumber(n, strings.ContainsRune("个点次条天", next)))
		}
		// 11:30 → 十一点三十
		if next == ':' || next == '：' {
			if k := j + 1; k+2 <= len(rs) && isDigit(rs[k]) && isDigit(rs[k+1]) && (k+2 == len(rs) || !isDigit(rs[k+2]) && !isLatin(unicode.ToLower(rs[k+2]))) {
				b.WriteString("点")
				m := int(rs[k]-'0')*10 + int(rs[k+1]-'0')
				if m == 30 {
					b.WriteString("半")
				} else if m > 0 {
					if m < 10 {
						b.WriteString("零")
					}
					b.WriteString(chineseNumber(m, false))
				}
				i = k + 2
				continue
			}
		}
		i = j
	}
	return b.String()
}

func n2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// zhNumeralUnits are the words after which a Chinese numeral is a count or a time that people
// also write in Arabic digits.
const zhNumeralUnits = "个点次条天元块号岁周年月多几分遍通位家人小"

// chineseToArabic writes Chinese numerals before a unit in Arabic digits: 十一点 → 11点, 三十个 →
// 30个, 两百多条 → 200多条; a lone 一 stays unless a count or a day follows (一天, 一次, not 一次性).
func chineseToArabic(s string, _ []string, _ *rand.Rand) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && strings.ContainsRune("零一二两三四五六七八九十百千万", rs[j]) {
			j++
		}
		if j == i {
			b.WriteRune(rs[i])
			i++
			continue
		}
		run := string(rs[i:j])
		next := rune(0)
		if j < len(rs) {
			next = rs[j]
		}
		n, ok := parseChineseNumber(run)
		convert := ok && next != 0 && strings.ContainsRune(zhNumeralUnits, next)
		if convert && (run == "一" || run == "两" || run == "万" || run == "千" || run == "百") {
			convert = run != "万" && run != "千" && run != "百" && strings.ContainsRune("天次个条周", next)
		}
		if next == '小' && !(j+1 < len(rs) && rs[j+1] == '时') || next == '人' || next == '家' || next == '次' && j+1 < len(rs) && rs[j+1] == '性' {
			convert = false // 一小部分, 一人, 一家
		}
		if i > 0 && strings.ContainsRune("第周星礼初", rs[i-1]) {
			convert = false // 第一次, 周一, 初三 stay words
		}
		if lo, hi, ok := numeralRange(run); ok && convert {
			fmt.Fprintf(&b, "%d-%d", lo, hi) // 三四个 → 3-4个, never 34个
		} else if convert {
			fmt.Fprintf(&b, "%d", n)
		} else {
			b.WriteString(run)
		}
		i = j
	}
	return b.String()
}

// numeralRange reads two neighbouring digits as the range they say (一两 1–2, 三四 3–4, 七八 7–8):
// people write 三四个 as 3-4个 or 3、4个, not as 34个.
func numeralRange(s string) (int, int, bool) {
	rs := []rune(s)
	if len(rs) != 2 {
		return 0, 0, false
	}
	lo, hi := slices.Index(zhDigits, rs[0]), slices.Index(zhDigits, rs[1])
	if rs[0] == '两' {
		lo = 2
	}
	if rs[1] == '两' {
		hi = 2
	}
	if lo < 1 || hi != lo+1 {
		return 0, 0, false
	}
	return lo, hi, true
}

// parseChineseNumber reads 十一, 三十, 两百零五, 七万五千, 二零一九 (digit by digit).
func parseChineseNumber(s string) (int, bool) {
	val := map[rune]int{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	if !strings.ContainsAny(s, "十百千万") {
		n := 0
		for _, r := range rs {
			n = n*10 + val[r]
		}
		return n, len(rs) <= 4
	}
	total, section, digit := 0, 0, -1
	for _, r := range rs {
		switch r {
		case '十', '百', '千':
			u := map[rune]int{'十': 10, '百': 100, '千': 1000}[r]
			if digit < 0 {
				if r != '十' {
					return 0, false
				}
				digit = 1
			}
			section += digit * u
			digit = -1
		case '万':
			if digit > 0 {
				section += digit
			}
			total += section * 10000
			section, digit = 0, -1
		default:
			if digit > 0 {
				return 0, false // 二三 (a range) is not one number
			}
			digit = val[r]
		}
	}
	if digit > 0 {
		section += digit
	}
	return total + section, true
}

// zhEvasions are ways people write collection words past filters: pinyin, its initials and
// homophones. It is the harness's own list, written apart from the pack's aliases.
var zhEvasions = []struct {
	word string
	alts []string
}{
	{"催收", []string{"cs", "崔收", "cuishou", "催shou"}},
	{"通讯录", []string{"txl", "tongxunlu", "通迅录", "通xun录"}},
	{"联系人", []string{"lxr", "联xi人", "lianxiren"}},
	{"警察", []string{"jc", "jingcha", "警cha"}},
	{"报警", []string{"baojing", "报jing"}},
	{"威胁", []string{"weixie", "威协", "wei胁"}},
	{"恐吓", []string{"kongxia", "恐赫", "恐xia"}},
	{"骚扰", []string{"saorao", "骚绕", "sao扰"}},
	{"辱骂", []string{"ruma", "乳骂", "ru骂"}},
	{"上门", []string{"shangmen", "上men"}},
	{"起诉", []string{"qisu", "起su"}},
	{"坐牢", []string{"zuolao", "坐lao"}},
	{"律师函", []string{"lvshihan", "律师han", "lsh"}},
	{"法院", []string{"fayuan", "法yuan"}},
	{"公安", []string{"gongan", "公an"}},
	{"家人", []string{"jiaren", "jia人"}},
	{"父母", []string{"fumu", "fu母"}},
	{"老婆", []string{"lao婆", "laopo"}},
	{"同事", []string{"tongshi", "tong事"}},
	{"领导", []string{"lingdao", "领dao"}},
	{"单位", []string{"danwei", "单wei"}},
	{"朋友", []string{"pengyou", "盆友", "peng友"}},
	{"亲戚", []string{"qinqi", "qin戚"}},
	{"短信", []string{"duanxin", "dx"}},
	{"电话", []string{"dianhua", "dh"}},
	{"暴力", []string{"baoli", "bao力"}},
	{"曝光", []string{"baoguang", "bao光"}},
	{"逾期", []string{"yuqi", "yu期"}},
	{"半夜", []string{"banye", "半ye"}},
	{"凌晨", []string{"lingchen", "ling晨"}},
	{"弄死", []string{"nongsi", "弄si"}},
	{"傻逼", []string{"sb", "傻b", "煞笔"}},
	{"征信", []string{"zhengxin", "zx"}},
}

// pinyinEvasion writes every collection word of zhEvasions another way, chosen by rng; a Latin
// spelling right after Latin letters is avoided (it would run into the word before).
func pinyinEvasion(s string, _ []string, rng *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		done := false
		for _, e := range zhEvasions {
			if !strings.HasPrefix(s[i:], e.word) {
				continue
			}
			alt := e.alts[rng.IntN(len(e.alts))]
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			if isLatin(unicode.ToLower(prev)) && isLatin(rune(alt[0])) {
				alt = e.word
			}
			b.WriteString(alt)
			i += len(e.word)
			done = true
			break
		}
		if !done {
			r, n := utf8.DecodeRuneInString(s[i:])
			b.WriteRune(r)
			i += n
		}
	}
	return b.String()
}

// dropPunct replaces every punctuation mark with rep, except inside numbers (11:30, 1.5, and
// １１：３０ in full-width digits).
func dropPunct(s, rep string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsPunct(r) && !(i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])) {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sloppySpacing doubles the spaces, breaks the line after each sentence with an empty line, and
// wraps lines at about 60 characters, as pasted e-mails are.
func sloppySpacing(s string, _ []string, rng *rand.Rand) string {
	var b strings.Builder
	col := 0
	rs := []rune(s)
	for i, r := range rs {
		if r != ' ' {
			b.WriteRune(r)
			col++
			continue
		}
		switch {
		case i > 0 && strings.ContainsRune(".!?", rs[i-1]):
			b.WriteString("\n\n")
			col = 0
		case col > 55+rng.IntN(10):
			b.WriteString("\n")
			col = 0
		default:
			b.WriteString("  ")
			col += 2
		}
	}
	return b.String()
}

// enMisspellings are common misspellings and British spellings of words the US pack reads.
var enMisspellings = map[string][]string{
	"harass": {"harrass"}, "harassed": {"harrassed"}, "harassing": {"harrassing", "harasing"},
	"harassment": {"harrassment", "harasment"}, "receive": {"recieve"}, "received": {"recieved"},
	"threatened": {"threatned", "threatend"}, "threatening": {"threatning"}, "threaten": {"threten"},
	"embarrass": {"embarass"}, "embarrassed": {"embarassed"}, "embarrassing": {"embarassing"},
	"until": {"untill"}, "believe": {"beleive"}, "business": {"buisness"}, "definitely": {"definately"},
	"attorney": {"attorny", "atorney"}, "employer": {"employeer"},
	"neighbor": {"neighbour"}, "neighbors": {"neighbours"}, "behavior": {"behaviour"},
	"collector": {"collecter"}, "collectors": {"collecters"}, "collection": {"colection"},
	"validation": {"validaton"}, "verification": {"verfication"}, "arrested": {"arested"},
	"garnish": {"garnishe"}, "lawsuit": {"law suit"}, "separate": {"seperate"}, "their": {"there"},
	"calling": {"callin"}, "already": {"allready"}, "disputed": {"disputted"}, "dispute": {"dispuite"},
	"license": {"licence"}, "privacy": {"privacey"}, "family": {"famly"}, "relatives": {"relitives"},
}

// enTexting are texting forms.
var enTexting = map[string][]string{
	"you": {"u"}, "your": {"ur"}, "you're": {"ur"}, "please": {"pls", "plz"}, "are": {"r"},
	"because": {"bc", "cuz"}, "people": {"ppl"}, "though": {"tho"}, "through": {"thru"},
	"before": {"b4"}, "tomorrow": {"tmrw"}, "thanks": {"thx"}, "with": {"w/"}, "and": {"&", "n"},
	"message": {"msg"}, "messages": {"msgs"}, "text messages": {"txts"}, "text": {"txt"},
	"don't know": {"dunno"}, "going to": {"gonna"}, "want to": {"wanna"},
}

// replaceWords replaces whole words (case-insensitive, first letter's case kept) with one of their
// forms, chosen by rng.
func replaceWords(s string, forms map[string][]string, rng *rand.Rand) string {
	keys := make([]string, 0, len(forms))
	for k := range forms {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { // longest first, then alphabetical: deterministic
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	low := strings.ToLower(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		done := false
		if i == 0 || !wordByte(low[i-1]) {
			for _, k := range keys {
				if strings.HasPrefix(low[i:], k) && (i+len(k) == len(s) || !wordByte(low[i+len(k)]) && low[i+len(k)] != '\'') {
					alts := forms[k]
					alt := alts[rng.IntN(len(alts))]
					if s[i] >= 'A' && s[i] <= 'Z' {
						alt = strings.ToUpper(alt[:1]) + alt[1:]
					}
					b.WriteString(alt)
					i += len(k)
					done = true
					break
				}
			}
		}
		if !done {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}
