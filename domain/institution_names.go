package domain

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// InstitutionNameKey is the form in which two names of the registry are the same name: Unicode
// compatibility-folded (full-width Ｌｅｘｉｎ and half-width ｶﾀｶﾅ read as their usual forms),
// case-folded, with every space removed ("Le Xin", "LEXIN" and "ｌｅｘｉｎ" are one key). A name, an
// English name or an alias of one institution may not have the key of another institution's name,
// English name or alias (session 36): a complainant typing it could mean either, and the filing
// type-ahead and the matching of a typed lender would pick one of them by order.
//
// The database keeps the rule too (migration 00070, session 37): its institution_name_key is this
// function in SQL, and a unique index over the keys of every institution's names refuses a clash
// whatever writes it. Both lower-case with the root locale's full mapping (ICU's lower() there,
// golang.org/x/text/cases here: İ is i̇, a final Σ is ς), so the two agree.
func InstitutionNameKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFKC.String(cases.Lower(language.Und).String(b.String()))
}

// InstitutionNameClash tells whether a name that in brings into the registry (one before did not
// have, as a key) is already another institution's name, English name or alias. others are the
// other institutions of the registry. The error is BAD_USER_INPUT with reason NAME_TAKEN on the
// field of the new name: input.name, input.nameEn, input.aliases.N when creating (before nil), alias
// when an alias is added; it names the other institution (only administrators edit the registry,
// and they read all of it).
func InstitutionNameClash(in, before *Institution, others []*Institution) error {
	had := map[string]bool{}
	if before != nil {
		for _, n := range append([]string{before.Name, before.NameEn}, before.Aliases...) {
			had[InstitutionNameKey(n)] = true
		}
	}
	type named struct{ field, what, whatZH, name string }
	news := []named{{"input.name", "name", "名称", in.Name}, {"input.nameEn", "English name", "英文名称", in.NameEn}}
	for i, al := range in.Aliases {
		field := "alias"
		if before == nil {
			field = "input.aliases." + strconv.Itoa(i)
		}
		news = append(news, named{field, "alias", "别名", al})
	}
	taken := map[string]*Institution{}
	for _, o := range others {
		if o.ID == in.ID && in.ID != 0 {
			continue
		}
		for _, n := range append([]string{o.Name, o.NameEn}, o.Aliases...) {
			if k := InstitutionNameKey(n); k != "" && taken[k] == nil {
				taken[k] = o
			}
		}
	}
	for _, n := range news {
		k := InstitutionNameKey(n.name)
		if k == "" || had[k] {
			continue
		}
		if o := taken[k]; o != nil {
			return &Error{Code: CodeInvalid, Field: n.field, Reason: "NAME_TAKEN",
				Message:   fmt.Sprintf("the %s %q is already a name or alias of another institution (%d, %s)", n.what, n.name, o.ID, o.Name),
				MessageZH: fmt.Sprintf("%s“%s”已是另一机构（%d，%s）的名称或别名", n.whatZH, n.name, o.ID, o.Name)}
		}
	}
	return nil
}
