package pii

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a personal-data value; it decides how the value is normalised and masked.
type Kind string

// The kinds of personal data the platform holds.
const (
	KindNationalID Kind = "national_id" // 居民身份证号: 18 characters, the last a digit or X (15 for old cards)
	KindPhone      Kind = "phone"       // mobile or landline number
	KindName       Kind = "name"        // a person's name, Chinese or Latin script
	KindContract   Kind = "contract"    // loan contract number
	KindAddress    Kind = "address"     // postal address
	KindEmail      Kind = "email"       // e-mail address
)

// Normalize returns the canonical spelling of a value that the keyed hash is computed on: full-width
// characters folded to ASCII, ID and contract numbers upper-cased without separators, phone numbers
// as digits without the +86 / 0086 country code, names and addresses with spaces collapsed, e-mail
// addresses lower-cased.
func Normalize(kind Kind, s string) string {
	s = foldWidth(strings.TrimSpace(s))
	switch kind {
	case KindNationalID, KindContract:
		return strings.ToUpper(strings.Map(dropSeparators, s))
	case KindPhone:
		return phoneDigits(s)
	case KindEmail:
		return strings.ToLower(s)
	case KindName:
		return strings.ToLower(strings.Join(strings.Fields(s), " "))
	default:
		return strings.Join(strings.Fields(s), " ")
	}
}

// foldWidth maps full-width ASCII variants (U+FF01..U+FF5E, as typed by Chinese input methods) and
// the ideographic space to their ASCII forms.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

func dropSeparators(r rune) rune {
	if unicode.IsSpace(r) || r == '-' || r == '_' || r == '/' || r == '.' {
		return -1
	}
	return r
}

// phoneDigits keeps the digits of a phone number and drops China's country code from a mobile
// number written as +86 / 0086 1xx xxxx xxxx.
func phoneDigits(s string) string {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	for _, cc := range []string{"0086", "86"} {
		if rest, ok := strings.CutPrefix(d, cc); ok && len(rest) == 11 && rest[0] == '1' {
			return rest
		}
	}
	return d
}

// Mask returns the value of the given kind as a role without access to personal data may see it.
func Mask(kind Kind, s string) string {
	switch kind {
	case KindNationalID:
		return MaskNationalID(s)
	case KindPhone:
		return MaskPhone(s)
	case KindName:
		return MaskName(s)
	case KindContract:
		return MaskContract(s)
	case KindAddress:
		return MaskAddress(s)
	case KindEmail:
		return MaskEmail(s)
	}
	return stars(utf8.RuneCountInString(s))
}

// MaskNationalID keeps the first 3 (the province and city of issue) and the last 4 characters of a
// 15- or 18-character ID number: 110***********123X. Anything shorter is masked entirely.
func MaskNationalID(s string) string {
	s = Normalize(KindNationalID, s)
	if utf8.RuneCountInString(s) < 15 {
		return stars(utf8.RuneCountInString(s))
	}
	return keepEnds(s, 3, 4)
}

// MaskPhone keeps the first 3 and the last 4 digits of an 11-digit number (138****5678), the last 4
// of a 7- to 10-digit one, and masks shorter ones entirely; longer ones keep 3 and 4 too.
func MaskPhone(s string) string {
	d := phoneDigits(foldWidth(s))
	switch n := len(d); {
	case n >= 11:
		return keepEnds(d, 3, 4)
	case n >= 7:
		return keepEnds(d, 0, 4)
	default:
		return stars(n)
	}
}

// compoundSurnames are the two-character Chinese surnames, kept whole by MaskName.
var compoundSurnames = map[string]bool{
	"欧阳": true, "司马": true, "上官": true, "诸葛": true, "东方": true, "皇甫": true, "尉迟": true,
	"公孙": true, "慕容": true, "长孙": true, "宇文": true, "司徒": true, "夏侯": true, "轩辕": true,
	"令狐": true, "端木": true, "独孤": true, "南宫": true, "西门": true, "万俟": true, "闻人": true,
	"赫连": true, "澹台": true, "公冶": true, "宗政": true, "濮阳": true, "太叔": true, "申屠": true,
	"钟离": true, "呼延": true, "拓跋": true, "百里": true, "东郭": true, "左丘": true, "第五": true,
}

// MaskName keeps a Chinese name's surname and masks each given-name character (王*, 欧阳**), and
// keeps the first letter of a name in another script followed by *** (J***), hiding its length.
func MaskName(s string) string {
	s = strings.TrimSpace(foldWidth(s))
	rs := []rune(s)
	switch {
	case len(rs) == 0:
		return ""
	case !unicode.Is(unicode.Han, rs[0]):
		return string(rs[0]) + "***"
	case len(rs) == 1:
		return "*"
	case len(rs) >= 3 && compoundSurnames[string(rs[:2])]:
		return string(rs[:2]) + stars(len(rs)-2)
	default:
		return string(rs[0]) + stars(len(rs)-1)
	}
}

// MaskContract keeps the last 4 characters of a contract number, and never more than half of it.
func MaskContract(s string) string {
	s = strings.TrimSpace(foldWidth(s))
	n := utf8.RuneCountInString(s)
	return keepEnds(s, 0, min(4, n/2))
}

// MaskEmail keeps the first character of the local part and the domain: z***@example.cn.
func MaskEmail(s string) string {
	s = strings.TrimSpace(s)
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" {
		return "***"
	}
	r, _ := utf8.DecodeRuneInString(local)
	return string(r) + "***@" + domain
}

// Administrative suffixes that end a Chinese address's province- and city-level prefix.
var (
	provinceSuffixes = []string{"特别行政区", "自治区", "省", "市"}
	citySuffixes     = []string{"市", "自治州", "地区", "盟"}
)

// maxPrefixRunes bounds how far into the address an administrative suffix is looked for, so that a
// 市 in a street name ("…菜市场") is not mistaken for the city.
const maxPrefixRunes = 10

// MaskAddress keeps the province and city of a Chinese address (广东省深圳市****, 上海市****) or
// the last two comma-separated parts of a Latin-script one (****, Springfield, IL), and hides the
// rest; an address with neither is masked entirely.
func MaskAddress(s string) string {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(s); !unicode.Is(unicode.Han, r) {
		parts := strings.Split(s, ",")
		if len(parts) < 3 {
			return "****"
		}
		tail := parts[len(parts)-2:]
		for i := range tail {
			tail[i] = strings.TrimSpace(tail[i])
		}
		return "****, " + strings.Join(tail, ", ")
	}
	end, suffix := prefixEnd(s, 0, provinceSuffixes)
	if end < 0 {
		return "****"
	}
	// A province or autonomous region is followed by its city; a municipality (上海市) or a city
	// written without its province is the whole prefix.
	if suffix == "省" || suffix == "自治区" {
		if c, _ := prefixEnd(s, end, citySuffixes); c >= 0 {
			end = c
		}
	}
	if end == len(s) {
		return s
	}
	return s[:end] + "****"
}

// prefixEnd returns the byte offset just past the first of suffixes (tried in order) that ends
// within maxPrefixRunes runes after from, and that suffix; or -1.
func prefixEnd(s string, from int, suffixes []string) (int, string) {
	window := s[from:]
	if rs := []rune(window); len(rs) > maxPrefixRunes {
		window = string(rs[:maxPrefixRunes])
	}
	for _, suf := range suffixes {
		// The suffix must follow at least two characters of the place name.
		if i := strings.Index(window, suf); i >= 0 && utf8.RuneCountInString(window[:i]) >= 2 {
			return from + i + len(suf), suf
		}
	}
	return -1, ""
}

// keepEnds keeps head runes at the start and tail runes at the end and replaces each rune between
// with *; a string no longer than head+tail is masked entirely.
func keepEnds(s string, head, tail int) string {
	rs := []rune(s)
	if len(rs) <= head+tail {
		return stars(len(rs))
	}
	return string(rs[:head]) + stars(len(rs)-head-tail) + string(rs[len(rs)-tail:])
}

func stars(n int) string { return strings.Repeat("*", n) }
