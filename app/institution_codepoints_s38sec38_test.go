package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestInstitutionNamesRefuseNonCharacters (attack round 33): an institution's name, English name or
// alias took the noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), private-use code points and code
// points no version of Unicode Go knows assigns: the filing type-ahead, the public figures and the
// CSV exports showed a box or nothing, and "甲乙银行" with U+FDD0 after it was another institution
// than "甲乙银行" to the name-clash check. Each is now BAD_USER_INPUT on its field, reason
// NOT_A_CHARACTER, the code point named; a control character is reason CONTROL_CHARACTER; nothing
// is written. Letters of every script, emoji and the marks names may hold still pass.
func TestInstitutionNamesRefuseNonCharacters(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	const create = `mutation($i: InstitutionInput!){ createInstitution(input:$i){ id name nameEn aliases } }`
	const update = `mutation($id:ID!, $i: InstitutionInput!){ updateInstitution(id:$id, input:$i){ id name nameEn } }`
	const add = `mutation($id:ID!,$a:String!){ addInstitutionAlias(id:$id, alias:$a){ aliases } }`
	count := func() int64 {
		var n int64
		if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM institutions").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	b := env.MustDo(t, admin, create, map[string]any{"i": map[string]any{"name": "丙丁银行", "kind": "BANK"}})["createInstitution"].(map[string]any)
	n0 := count()
	refused := func(what string, r *apptest.Response, field, reason string, cp rune) {
		t.Helper()
		if r.Code() != "BAD_USER_INPUT" || r.Field() != field {
			t.Errorf("%s: %q on %q (%+v), want BAD_USER_INPUT on %s", what, r.Code(), r.Field(), r.Errors, field)
			return
		}
		if rs, _ := r.Errors[0].Extensions["reason"].(string); rs != reason {
			t.Errorf("%s: reason %q, want %s", what, rs, reason)
		}
		if code := fmt.Sprintf("U+%04X", cp); !strings.Contains(r.Errors[0].Message, code) {
			t.Errorf("%s: message %q does not name %s", what, r.Errors[0].Message, code)
		}
	}
	for _, cp := range []rune{0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0xE000, 0xF8FF, 0xF0000, 0x0378, 0xE0080} {
		name := "甲乙银行" + string(cp)
		refused(fmt.Sprintf("name with U+%04X", cp), env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": name, "kind": "BANK"}}), "input.name", "NOT_A_CHARACTER", cp)
		refused(fmt.Sprintf("English name with U+%04X", cp), env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "新的银行", "nameEn": "New Bank" + string(cp), "kind": "BANK"}}), "input.nameEn", "NOT_A_CHARACTER", cp)
		refused(fmt.Sprintf("alias with U+%04X", cp), env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "新的银行", "kind": "BANK", "aliases": []any{"新银", "新" + string(cp)}}}), "input.aliases.1", "NOT_A_CHARACTER", cp)
		refused(fmt.Sprintf("added alias with U+%04X", cp), env.Do(t, admin, add, map[string]any{"id": b["id"], "a": "丙丁" + string(cp)}), "alias", "NOT_A_CHARACTER", cp)
		refused(fmt.Sprintf("rename with U+%04X", cp), env.Do(t, admin, update, map[string]any{"id": b["id"], "i": map[string]any{"name": string(cp) + "丙丁银行", "kind": "BANK"}}), "input.name", "NOT_A_CHARACTER", cp)
	}
	if n := count(); n != n0 {
		t.Errorf("%d institutions were created with such names", n-n0)
	}
	var names []string
	if err := env.App.DB.Gorm.Raw("SELECT name || coalesce(name_en, '') || array_to_string(aliases, '') FROM institutions").Scan(&names).Error; err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		for _, cp := range []rune{0xFDD0, 0xE000, 0x0378} {
			if strings.ContainsRune(n, cp) {
				t.Errorf("stored %q", n)
			}
		}
	}
	// Names of every script, with emoji and the marks a name may hold, still pass.
	for _, name := range []string{"Société Générale 银行", "Банк Восток", "مصرف الراجحي", "한국은행", "花呗 🌸 分期", "Nguyễn Bank"} {
		env.MustDo(t, admin, create, map[string]any{"i": map[string]any{"name": name, "kind": "BANK", "aliases": []any{name + " App"}}})
	}
}
