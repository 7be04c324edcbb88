package graph

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"

	"github.com/redline-regulator/redline/domain"
	"github.com/redline-regulator/redline/domain/charclass"
)

// Text that PostgreSQL cannot store (a NUL byte) or that is not text at all (invalid UTF-8) is
// refused once, for every argument, before any resolver runs: badLiteralText walks the string
// literals of a document (when it is validated, so once per cached document) and badVariableText
// the strings in the variables of each request, nested input objects and lists included. Either
// answers BAD_USER_INPUT with the input path of the offending string, like the domain's own errors.

// badText says what is wrong with s, in English and Chinese, or "" when it is fine. Besides NUL
// and invalid UTF-8: control characters other than tab and line breaks (a BEL or an ESC sequence
// reaches the CSV exports and the terminals they are read in) and the bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069: an evidence description "a\u202eb" reads
// backwards to the reviewer). Both were accepted in every free-text field (found by hand); names
// already refused them (domain.plainLine). The marks U+200E, U+200F and U+061C stay.
func badText(s string) (en, zh string) {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return "the text contains a NUL character (\\u0000), which is not allowed", "文本含有不允许的空字符（\\u0000）"
	case !utf8.ValidString(s):
		return "the text is not valid UTF-8", "文本不是有效的UTF-8编码"
	}
	skip := 0  // bytes of an emoji flag's tag sequence still to pass
	marks := 0 // combining marks in a row (format characters between them do not end the row)
	for i, r := range s {
		if skip > 0 {
			skip -= utf8.RuneLen(r)
			continue
		}
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me):
			// A stack of combining marks ("Zalgo") rises and falls over the lines around it: a
			// narrative of one letter and 500 accents covered the case page's header, its
			// priority and its buttons for the reviewer (session 28, attack). Scripts stack a few.
			if marks++; marks > maxStackedMarks {
				return fmt.Sprintf("the text stacks more than %d combining marks on one character, which is not allowed", maxStackedMarks),
					fmt.Sprintf("文本在一个字符上叠加了超过%d个组合符号，这是不允许的", maxStackedMarks)
			}
		case charclass.Format(r):
		default:
			marks = 0
		}
		if n := wrappedNumber(s[i:]); n > 0 {
			skip = n - utf8.RuneLen(r)
			continue
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f || charclass.DirectionControl(r) {
			code := fmt.Sprintf("U+%04X", r)
			return "the text contains a control character or a bidirectional override (" + code + "), which is not allowed",
				"文本含有不允许的控制字符或文字方向控制符（" + code + "）"
		}
		if r == 0x1F3F4 {
			skip = flagTags(s[i+utf8.RuneLen(r):])
			continue
		}
		// the format characters that can carry or hide text (charclass.HidingFormat: tags,
		// interlinear annotations, invisible operators…) were accepted in every free-text field
		// (round 20 left it; session 26, attack); tags between the letters of a threat also hid it
		// from the engine. Zero-width spaces and joiners, the word joiner, the byte-order mark and
		// the soft hyphen stay allowed: pasted text carries them, and the engine and the redaction
		// of filed values see through them. Names refuse every format character (domain.plainLine).
		if charclass.HidingFormat(r) {
			code := fmt.Sprintf("U+%04X", r)
			return "the text contains an invisible format character (" + code + "), which is not allowed; remove it and send the text again",
				"文本含有不允许的不可见格式字符（" + code + "），请删除后重新提交"
		}
	}
	return "", ""
}

// flagTags is the length in bytes of the emoji tag sequence at the start of s, after a black flag
// U+1F3F4: two to maxFlagTags tag letters or digits (U+E0030–U+E0039, U+E0061–U+E007A), then the
// cancel tag U+E007F; 0 when s does not start with one.
func flagTags(s string) int {
	n := 0
	for i, r := range s {
		switch {
		case r == 0xE007F && n >= 2:
			return i + utf8.RuneLen(r)
		case n < maxFlagTags && (r >= 0xE0030 && r <= 0xE0039 || r >= 0xE0061 && r <= 0xE007A):
			n++
		default:
			return 0
		}
	}
	return 0
}

// wrappedNumber is the length in bytes of a phone number wrapped in one bidirectional embedding,
// override or isolate at the start of s — an opener (U+202A, U+202B, U+202D, U+202E, U+2066–U+2068),
// 1 to 32 characters of digits, '+', '(', ')', '-', '.', '/' and spaces, then its closer (U+202C, or
// U+2069 for an isolate) — and 0 when s does not start with one. Phones and messaging apps wrap the
// numbers they copy so (WhatsApp: "\u202a+86 138 1234 5678\u202c"): a borrower pasting the collector's
// number was refused (session 26 review). Nothing in such a run can read backwards to a reviewer.
func wrappedNumber(s string) int {
	open, size := utf8.DecodeRuneInString(s)
	closer := charclass.DirectionCloser(open)
	if closer == 0 {
		return 0
	}
	n := 0
	for i, r := range s[size:] {
		switch {
		case r == closer && n > 0:
			return size + i + utf8.RuneLen(r)
		case n < 32 && (r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("+()-./ \u00a0", r)):
			n++
		default:
			return 0
		}
	}
	return 0
}

// maxStackedMarks bounds the combining marks on one character of free text: Vietnamese stacks two,
// Thai and Tibetan a few more, a keycap emoji two (names allow 4: domain.plainLine).
const maxStackedMarks = 8

// maxFlagTags: the subdivision flags spell a region and a subdivision of up to 3 letters or
// digits ("gbsct"), 6 at most.
const maxFlagTags = 6

// BadText is badText for the other edges (the CSV exports' query parameters): what is wrong with
// s in English and Chinese, or "" when it is fine.
func BadText(s string) (en, zh string) { return badText(s) }

func textError(field, en, zh string) []gqlerrors.FormattedError {
	field = capField(field) // a key of the client's own may be long
	return []gqlerrors.FormattedError{{Message: field + ": " + en, Extensions: map[string]any{
		"code": string(domain.CodeInvalid), "field": field, "messageZh": zh}}}
}

// badVariableText refuses the first variable string that is not valid text. Its field is the
// argument the variable is passed to, followed by the path inside the value.
func badVariableText(doc *ast.Document, opName string, vars map[string]any) []gqlerrors.FormattedError {
	if len(vars) == 0 {
		return nil
	}
	op := operation(doc, opName)
	if countValues(vars) > maxVariableValues {
		return []gqlerrors.FormattedError{{Message: "the variables hold more than " + strconv.Itoa(maxVariableValues) + " values",
			Extensions: map[string]any{"code": string(domain.CodeInvalid), "field": "variables", "max": maxVariableValues,
				"messageZh": "变量所含的值超过" + strconv.Itoa(maxVariableValues) + "个"}}}
	}
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		path, en, zh := badValueText(vars[name])
		if en == "" {
			continue
		}
		field := name
		if op != nil {
			field = argumentUsing(op, name)
		}
		return textError(join(field, path), en, zh)
	}
	return nil
}

// maxVariableValues bounds the values (list elements and object fields, at every depth) of a
// request's variables: graphql-go coerces each of them and, for one that does not fit, formats an
// error of its own, about 17 µs each. 300,000 empty objects in 900 KB, sent anonymously to
// analyzeMessages, took 5 s of CPU (found by hand). The largest input the schema takes, a routing
// table of domain.MaxRoutingRules (2,000) rules of 4 fields, holds about 10,000.
const maxVariableValues = 12000

// countValues counts the list elements and object fields in v, stopping past maxVariableValues.
func countValues(v any) int {
	n := 0
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, e := range v {
				if n++; n > maxVariableValues {
					return
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				if n++; n > maxVariableValues {
					return
				}
				walk(e)
			}
		}
	}
	walk(v)
	return n
}

// badValueText walks a decoded JSON value.
func badValueText(v any) (path, en, zh string) {
	switch v := v.(type) {
	case string:
		en, zh = badText(v)
		return "", en, zh
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if en, zh := badText(k); en != "" {
				return "", en, zh
			}
			if p, en, zh := badValueText(v[k]); en != "" {
				return join(k, p), en, zh
			}
		}
	case []any:
		for i, e := range v {
			if p, en, zh := badValueText(e); en != "" {
				return join(strconv.Itoa(i), p), en, zh
			}
		}
	}
	return "", "", ""
}

// badLiteralText refuses the first string literal of a document that is not valid text: in field
// and directive arguments (field: the argument and the path inside it) and in variables' default
// values (field: the variable).
func badLiteralText(doc *ast.Document) []gqlerrors.FormattedError {
	var errs []gqlerrors.FormattedError
	check := func(field string, v ast.Value) bool {
		if p, en, zh := badASTText(v); en != "" {
			errs = textError(join(field, p), en, zh)
			return true
		}
		return false
	}
	args := func(as []*ast.Argument, ds []*ast.Directive) bool {
		for _, a := range as {
			if a.Name != nil && check(a.Name.Value, a.Value) {
				return true
			}
		}
		for _, d := range ds {
			for _, a := range d.Arguments {
				if a.Name != nil && check(a.Name.Value, a.Value) {
					return true
				}
			}
		}
		return false
	}
	var walk func(set *ast.SelectionSet) bool
	walk = func(set *ast.SelectionSet) bool {
		if set == nil {
			return false
		}
		for _, sel := range set.Selections {
			switch s := sel.(type) {
			case *ast.Field:
				if args(s.Arguments, s.Directives) || walk(s.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if args(nil, s.Directives) || walk(s.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if args(nil, s.Directives) {
					return true
				}
			}
		}
		return false
	}
	for _, d := range doc.Definitions {
		switch d := d.(type) {
		case *ast.OperationDefinition:
			for _, v := range d.VariableDefinitions {
				if v.Variable != nil && v.Variable.Name != nil && v.DefaultValue != nil && check(v.Variable.Name.Value, v.DefaultValue) {
					return errs
				}
			}
			if args(nil, d.Directives) || walk(d.SelectionSet) {
				return errs
			}
		case *ast.FragmentDefinition:
			if args(nil, d.Directives) || walk(d.SelectionSet) {
				return errs
			}
		}
	}
	return nil
}

// badASTText walks a literal value of a document.
func badASTText(v ast.Value) (path, en, zh string) {
	switch v := v.(type) {
	case *ast.StringValue:
		en, zh = badText(v.Value)
		return "", en, zh
	case *ast.EnumValue:
		en, zh = badText(v.Value)
		return "", en, zh
	case *ast.ObjectValue:
		for _, f := range v.Fields {
			if f.Name == nil {
				continue
			}
			if p, en, zh := badASTText(f.Value); en != "" {
				return join(f.Name.Value, p), en, zh
			}
		}
	case *ast.ListValue:
		for i, e := range v.Values {
			if p, en, zh := badASTText(e); en != "" {
				return join(strconv.Itoa(i), p), en, zh
			}
		}
	}
	return "", "", ""
}
