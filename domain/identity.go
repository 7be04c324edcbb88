package domain

import (
	"strings"
	"time"
)

// Debtor is who owes the money. Their identity is personal data of the first rank: only the
// complainant who filed and the regulator's staff see it, and an institution sees it only when the
// complainant consented to share it.
type Debtor struct {
	Name     string
	Mobile   string // 11-digit mainland mobile number, e.g. 13812345678
	IDNumber string // 18-character resident identity card number (GB 11643)
}

// Empty reports whether nothing of the debtor's identity was given.
func (d Debtor) Empty() bool { return d.Name == "" && d.Mobile == "" && d.IDNumber == "" }

// NormalizeMobile strips spaces, hyphens and a +86 or 0086 country prefix from a mobile number.
func NormalizeMobile(s string) string {
	s = strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	for _, p := range []string{"+86", "0086"} {
		if strings.HasPrefix(s, p) && len(s) == len(p)+11 {
			return s[len(p):]
		}
	}
	return s
}

// ValidMobile reports whether s is a mainland Chinese mobile number: 1[3-9] followed by 9 digits.
func ValidMobile(s string) bool {
	if len(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9' {
		return false
	}
	return allDigits(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDNumberProblem checks an 18-character resident identity card number: 17 digits whose first two
// name a province, a birth date (YYYYMMDD) that is a real day between 1900 and now, and a last
// character that is the GB 11643 ISO 7064 MOD 11-2 check character (0-9 or X). It returns "" when
// the number is valid, else which part is wrong ("format", "region", "birthDate" or "checksum").
func IDNumberProblem(s string, now time.Time) string {
	if len(s) != 18 || !allDigits(s[:17]) {
		return "format"
	}
	last := s[17]
	if last != 'X' && (last < '0' || last > '9') {
		return "format"
	}
	if _, ok := ProvinceByCode(s[:2] + "0000"); !ok {
		return "region"
	}
	birth, err := time.Parse("20060102", s[6:14])
	if err != nil || birth.Year() < 1900 || birth.After(now) {
		return "birthDate"
	}
	sum := 0
	for i, w := range idWeights {
		sum += int(s[i]-'0') * w
	}
	if idCheckChars[sum%11] != last {
		return "checksum"
	}
	return ""
}

// IDCheckChar returns the check character for the first 17 digits of an identity card number; tests
// and demo data use it to build valid numbers.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i, w := range idWeights {
		sum += int(first17[i]-'0') * w
	}
	return idCheckChars[sum%11]
}

// Amount is a sum of money in yuan as an exact decimal string with at most two decimals, e.g.
// "12800.50". It is never a float: it is stored as numeric(14,2).
type Amount string

// MaxAmountDigits is how many digits an amount may have before the decimal point (numeric(14,2)).
const MaxAmountDigits = 12

// ParseAmount validates and normalises a decimal amount: no sign, up to 12 digits before the point
// and 2 after. The reason it returns names what is wrong, in English and Chinese.
func ParseAmount(s string) (a Amount, en, zh string) {
	s = amountAsWritten(s)
	if strings.HasPrefix(s, "-") {
		return "", "the amount cannot be negative", "金额不能为负数"
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if !allDigits(whole) || (hasPoint && !allDigits(frac)) {
		return "", "write the amount as a decimal number such as 12800.50", "金额须为数字，如12800.50"
	}
	if len(frac) > 2 {
		return "", "the amount has more than two decimals", "金额最多保留两位小数"
	}
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	if len(whole) > MaxAmountDigits {
		return "", "the amount is too large", "金额过大"
	}
	for len(frac) < 2 {
		frac += "0"
	}
	return Amount(whole + "." + frac), "", ""
}

// AmountSpaces are the space characters an amount may hold: at its ends, beside ¥, ￥ or 元, and one
// between groups of three digits ("12 800", "12\u202f800"). They are JavaScript's \s written out:
// the filing wizard checks the amount against the same list (AMOUNT_SPACES in
// api/web/static/core/amount.js, compared by a test), so that what it lets through on its first
// step the server does not refuse after the last (session 29 review).
const AmountSpaces = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

// amountAsWritten reads an amount the way people write one (session 29 walk: a borrower typed
// "8,600" and was sent back from the last step of the filing wizard to the first): full-width
// digits, point and comma (a Chinese input method's), spaces at the ends, at most one currency sign
// before (¥ or ￥) and 元 after, and groups of three digits parted by commas or by single spaces
// (one kind throughout) are read; anything else is left for ParseAmount to refuse ("1 2 3 4",
// "1,00 0" and "¥￥5" are not amounts: session 29 review).
func amountAsWritten(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		case r == '，':
			return ','
		case strings.ContainsRune(AmountSpaces, r):
			return ' '
		}
		return r
	}, s)
	s = strings.Trim(s, " ")
	if t, ok := strings.CutPrefix(s, "¥"); ok {
		s = strings.TrimLeft(t, " ")
	} else if t, ok := strings.CutPrefix(s, "￥"); ok {
		s = strings.TrimLeft(t, " ")
	}
	if t, ok := strings.CutSuffix(s, "元"); ok {
		s = strings.TrimRight(t, " ")
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	for _, sep := range []string{",", " "} {
		groups := strings.Split(whole, sep)
		if len(groups) == 1 {
			continue
		}
		ok := len(groups[0]) >= 1 && len(groups[0]) <= 3 && allDigits(groups[0])
		for _, g := range groups[1:] {
			ok = ok && len(g) == 3 && allDigits(g)
		}
		if ok {
			whole = strings.Join(groups, "")
		}
		break
	}
	if hasPoint {
		return whole + "." + frac
	}
	return whole
}

// Positive reports whether the amount is more than zero.
func (a Amount) Positive() bool { return strings.Trim(string(a), "0.") != "" }
