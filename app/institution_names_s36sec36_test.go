package app_test

import (
	"sync"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
)

// TestInstitutionNamesDoNotClash (session 35's leftover): an administrator could give an
// institution a name, an English name or an alias that another institution already had — the filing
// type-ahead then offered both and the matching of a typed lender picked one by order. Such a name
// (case, width and spaces ignored) is now refused: BAD_USER_INPUT on its field, reason NAME_TAKEN,
// the other institution named, nothing written; two administrators at once cannot both pass.
func TestInstitutionNamesDoNotClash(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	const create = `mutation($i: InstitutionInput!){ createInstitution(input:$i){ id name aliases } }`
	const update = `mutation($id:ID!, $i: InstitutionInput!){ updateInstitution(id:$id, input:$i){ id name nameEn } }`
	const add = `mutation($id:ID!,$a:String!){ addInstitutionAlias(id:$id, alias:$a){ aliases } }`
	count := func() int64 {
		var n int64
		if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM institutions").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	audit := func() int64 {
		var n int64
		if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM admin_audit_log WHERE action LIKE 'institution.%'").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	a := env.MustDo(t, admin, create, map[string]any{"i": map[string]any{"name": "甲乙消费金融有限公司", "nameEn": "Jiayi Consumer Finance",
		"kind": "CONSUMER_FINANCE", "aliases": []any{"甲乙花", "JiaYi Loan"}}})["createInstitution"].(map[string]any)
	b := env.MustDo(t, admin, create, map[string]any{"i": map[string]any{"name": "丙丁银行", "kind": "BANK"}})["createInstitution"].(map[string]any)
	n0, audit0 := count(), audit()

	refused := func(what string, r *apptest.Response, field string) {
		t.Helper()
		if r.Code() != "BAD_USER_INPUT" || r.Field() != field {
			t.Errorf("%s: %q on %q (%+v), want BAD_USER_INPUT on %s", what, r.Code(), r.Field(), r.Errors, field)
			return
		}
		if reason, _ := r.Errors[0].Extensions["reason"].(string); reason != "NAME_TAKEN" {
			t.Errorf("%s: reason %q, want NAME_TAKEN", what, reason)
		}
	}
	refused("a new institution named as another's alias", env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "甲乙花", "kind": "BANK"}}), "input.name")
	refused("a new institution named as another's name, full-width and spaced", env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "丙丁 银行", "kind": "BANK"}}), "input.name")
	refused("a new institution whose English name is another's, in other case", env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "新的银行", "nameEn": "JIAYI consumer  finance", "kind": "BANK"}}), "input.nameEn")
	refused("a new institution with another's alias, full-width", env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "新的银行", "kind": "BANK",
		"aliases": []any{"新银", "ＪｉａＹｉ　ＬＯＡＮ"}}}), "input.aliases.1")
	refused("an alias that is another institution's name", env.Do(t, admin, add, map[string]any{"id": b["id"], "a": "甲乙消费金融有限公司"}), "alias")
	refused("an alias that is another institution's English name", env.Do(t, admin, add, map[string]any{"id": b["id"], "a": "jiayi consumer finance"}), "alias")
	refused("a rename to another institution's alias", env.Do(t, admin, update, map[string]any{"id": b["id"], "i": map[string]any{"name": "甲乙花", "kind": "BANK"}}), "input.name")
	refused("an English name that is another institution's alias", env.Do(t, admin, update, map[string]any{"id": b["id"], "i": map[string]any{"name": "丙丁银行", "nameEn": "jiayi loan", "kind": "BANK"}}), "input.nameEn")
	if n, au := count(), audit(); n != n0 || au != audit0 {
		t.Errorf("refused edits wrote something: %d institutions (was %d), %d audit entries (was %d)", n, n0, au, audit0)
	}
	got := env.MustDo(t, admin, `query($id:ID!){ institution(id:$id){ name nameEn aliases } }`, map[string]any{"id": b["id"]})["institution"].(map[string]any)
	if got["name"] != "丙丁银行" || (got["nameEn"] != nil && got["nameEn"] != "") || len(got["aliases"].([]any)) != 0 {
		t.Errorf("the refused edits changed the institution: %v", got)
	}

	// What stays allowed: an institution's own names, a change of kind, names that only look alike.
	env.MustDo(t, admin, update, map[string]any{"id": a["id"], "i": map[string]any{"name": "甲乙花", "nameEn": "Jiayi Consumer Finance", "kind": "CONSUMER_FINANCE"}})
	env.MustDo(t, admin, update, map[string]any{"id": b["id"], "i": map[string]any{"name": "丙丁银行", "kind": "CONSUMER_FINANCE"}})
	env.MustDo(t, admin, add, map[string]any{"id": b["id"], "a": "甲乙花呗"})

	// Two administrators giving two new institutions one name at once: one passes.
	var wg sync.WaitGroup
	codes := make([]string, 6)
	for i := range codes {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			codes[i] = env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "并发测试银行", "kind": "BANK"}}).Code()
		}(i)
	}
	wg.Wait()
	ok := 0
	for _, c := range codes {
		if c == "" {
			ok++
		}
	}
	var same int64
	if err := env.App.DB.Gorm.Raw("SELECT count(*) FROM institutions WHERE name = '并发测试银行'").Scan(&same).Error; err != nil {
		t.Fatal(err)
	}
	if ok != 1 || same != 1 {
		t.Errorf("6 parallel creations of one name: %d accepted (%v), %d stored, want 1", ok, codes, same)
	}
}
