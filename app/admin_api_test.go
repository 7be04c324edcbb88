package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/redline-regulator/redline/app"
	"github.com/redline-regulator/redline/app/apptest"
	"github.com/redline-regulator/redline/domain/rules"
)

// The operations behind the admin pages: the institution registry, the user search, the audit
// log's filters, the routing table's dry-run validation and a rule pack draft's test run.
func TestAdminOperations(t *testing.T) {
	env := apptest.Start(t, apptest.Options{NoWork: true, NoRelay: true})
	admin := env.Login(t, "admin@redline.demo", app.DemoPassword)
	reviewer := env.Login(t, "reviewer@redline.demo", app.DemoPassword)
	instAdmin := env.Login(t, "instadmin@redline.demo", app.DemoPassword)

	t.Run("InstitutionRegistry", func(t *testing.T) {
		const create = `mutation($i: InstitutionInput!){ createInstitution(input:$i){ id name kind aliases } }`
		in := map[string]any{"name": "  测试  催收服务有限公司 ", "kind": "COLLECTION_AGENCY", "aliases": []any{"测催", "测催"}}
		if r := env.Do(t, instAdmin, create, map[string]any{"i": in}); r.Code() != "FORBIDDEN" {
			t.Fatalf("an institution's admin creates an institution: %q, want FORBIDDEN", r.Code())
		}
		if r := env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": " ", "kind": "BANK"}}); r.Code() != "BAD_USER_INPUT" || r.Field() != "input.name" {
			t.Fatalf("no name: %q on %q", r.Code(), r.Field())
		}
		inst := env.MustDo(t, admin, create, map[string]any{"i": in})["createInstitution"].(map[string]any)
		if inst["name"] != "测试 催收服务有限公司" || len(inst["aliases"].([]any)) != 1 {
			t.Fatalf("created %v: the name's spaces folded, the alias once", inst)
		}
		id := inst["id"]
		const add = `mutation($id:ID!,$a:String!){ addInstitutionAlias(id:$id, alias:$a){ aliases } }`
		const remove = `mutation($id:ID!,$a:String!){ removeInstitutionAlias(id:$id, alias:$a){ aliases } }`
		const find = `query($s:String){ institutions(search:$s, first:5){ edges { node { id name } } } }`
		if got := env.MustDo(t, "", find, map[string]any{"s": "闪电借呗"})["institutions"].(map[string]any)["edges"].([]any); len(got) != 0 {
			t.Fatalf("the alias is found before it is added: %v", got)
		}
		if r := env.Do(t, reviewer, add, map[string]any{"id": id, "a": "闪电借呗"}); r.Code() != "FORBIDDEN" {
			t.Fatalf("a reviewer adds an alias: %q", r.Code())
		}
		env.MustDo(t, admin, add, map[string]any{"id": id, "a": "闪电借呗"})
		got := env.MustDo(t, "", find, map[string]any{"s": "闪电"})["institutions"].(map[string]any)["edges"].([]any)
		if len(got) != 1 || got[0].(map[string]any)["node"].(map[string]any)["id"] != id {
			t.Fatalf("the public type-ahead does not find the new alias: %v", got)
		}
		if r := env.Do(t, admin, add, map[string]any{"id": id, "a": "闪电借呗"}); r.Code() != "BAD_USER_INPUT" || r.Field() != "alias" {
			t.Fatalf("the same alias twice: %q on %q", r.Code(), r.Field())
		}
		if r := env.Do(t, admin, add, map[string]any{"id": id, "a": strings.Repeat("长", 101)}); r.Code() != "BAD_USER_INPUT" || r.Field() != "alias" {
			t.Fatalf("a long alias: %q on %q", r.Code(), r.Field())
		}
		if r := env.Do(t, admin, remove, map[string]any{"id": id, "a": "没有的"}); r.Code() != "NOT_FOUND" || r.Field() != "alias" {
			t.Fatalf("removing an alias it lacks: %q on %q", r.Code(), r.Field())
		}
		if r := env.Do(t, admin, add, map[string]any{"id": "999999", "a": "x"}); r.Code() != "NOT_FOUND" {
			t.Fatalf("an alias for no institution: %q", r.Code())
		}
		env.MustDo(t, admin, remove, map[string]any{"id": id, "a": "测催"})
		const update = `mutation($id:ID!,$i: InstitutionInput!){ updateInstitution(id:$id, input:$i){ name kind aliases } }`
		u := env.MustDo(t, admin, update, map[string]any{"id": id, "i": map[string]any{"name": "测试资产管理有限公司", "kind": "COLLECTION_AGENCY"}})["updateInstitution"].(map[string]any)
		if u["name"] != "测试资产管理有限公司" || len(u["aliases"].([]any)) != 1 {
			t.Fatalf("updated: %v", u)
		}
		if r := env.Do(t, admin, update, map[string]any{"id": id, "i": map[string]any{"name": "x", "kind": "BANK", "aliases": []any{"y"}}}); r.Code() != "BAD_USER_INPUT" || r.Field() != "input.aliases" {
			t.Fatalf("aliases through update: %q on %q", r.Code(), r.Field())
		}

		log := env.MustDo(t, admin, `query($t:String){ adminAuditLog(first:10, action:"institution.", target:$t){ edges { node { action target details } } } }`,
			map[string]any{"t": "institution:" + id.(string)})["adminAuditLog"].(map[string]any)["edges"].([]any)
		var acts []string
		for _, e := range log {
			acts = append(acts, e.(map[string]any)["node"].(map[string]any)["action"].(string))
		}
		if strings.Join(acts, " ") != "institution.update institution.alias.remove institution.alias.add institution.create" {
			t.Fatalf("the institution's audit trail, newest first: %v", acts)
		}
		grants := env.MustDo(t, admin, `{ adminAuditLog(first:5, action:"role.grant"){ edges { node { action } } } }`, nil)["adminAuditLog"].(map[string]any)["edges"].([]any)
		for _, e := range grants {
			if a := e.(map[string]any)["node"].(map[string]any)["action"]; a != "role.grant" {
				t.Fatalf("action filter let %v through", a)
			}
		}
		if r := env.Do(t, admin, `{ adminAuditLog(actorId:"x"){ totalCount } }`, nil); r.Code() != "BAD_USER_INPUT" || r.Field() != "actorId" {
			t.Fatalf("a bad actor id: %q on %q", r.Code(), r.Field())
		}
	})

	t.Run("InstitutionEnglishNames", func(t *testing.T) {
		const find = `query($s:String){ institutions(search:$s, first:5){ edges { node { id name nameEn } } } }`
		// The demo lenders come with their English names, found by them too.
		got := env.MustDo(t, "", find, map[string]any{"s": "merchants bank"})["institutions"].(map[string]any)["edges"].([]any)
		if len(got) != 1 || got[0].(map[string]any)["node"].(map[string]any)["nameEn"] != "China Merchants Bank Credit Card Center" {
			t.Fatalf("search by English name: %v", got)
		}
		const create = `mutation($i: InstitutionInput!){ createInstitution(input:$i){ id name nameEn } }`
		if r := env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "测试金融", "nameEn": strings.Repeat("x", 201), "kind": "BANK"}}); r.Code() != "BAD_USER_INPUT" || r.Field() != "input.nameEn" {
			t.Fatalf("a long English name: %q on %q", r.Code(), r.Field())
		}
		if r := env.Do(t, admin, create, map[string]any{"i": map[string]any{"name": "测试金融", "nameEn": "Test\u202eFinance", "kind": "BANK"}}); r.Code() != "BAD_USER_INPUT" || r.Field() != "input.nameEn" {
			t.Fatalf("an English name with a control character: %q on %q", r.Code(), r.Field())
		}
		inst := env.MustDo(t, admin, create, map[string]any{"i": map[string]any{"name": "测试金融服务有限公司", "nameEn": "  Test  Finance Co., Ltd. ", "kind": "BANK"}})["createInstitution"].(map[string]any)
		if inst["nameEn"] != "Test Finance Co., Ltd." {
			t.Fatalf("created with English name %v", inst["nameEn"])
		}
		const update = `mutation($id:ID!,$i: InstitutionInput!){ updateInstitution(id:$id, input:$i){ name nameEn } }`
		id := inst["id"]
		u := env.MustDo(t, admin, update, map[string]any{"id": id, "i": map[string]any{"name": "测试金融服务股份有限公司", "kind": "BANK"}})["updateInstitution"].(map[string]any)
		if u["nameEn"] != "Test Finance Co., Ltd." {
			t.Fatalf("a rename without nameEn changed the English name: %v", u)
		}
		u = env.MustDo(t, admin, update, map[string]any{"id": id, "i": map[string]any{"name": "测试金融服务股份有限公司", "nameEn": "Test Finance Corporation", "kind": "BANK"}})["updateInstitution"].(map[string]any)
		if u["nameEn"] != "Test Finance Corporation" {
			t.Fatalf("English name not updated: %v", u)
		}
		u = env.MustDo(t, admin, update, map[string]any{"id": id, "i": map[string]any{"name": "测试金融服务股份有限公司", "nameEn": "", "kind": "BANK"}})["updateInstitution"].(map[string]any)
		if u["nameEn"] != nil {
			t.Fatalf("English name not cleared: %v", u)
		}
		log := env.MustDo(t, admin, `query($t:String){ adminAuditLog(first:1, action:"institution.update", target:$t){ edges { node { details } } } }`,
			map[string]any{"t": "institution:" + id.(string)})["adminAuditLog"].(map[string]any)["edges"].([]any)
		var d map[string]any
		if err := json.Unmarshal([]byte(log[0].(map[string]any)["node"].(map[string]any)["details"].(string)), &d); err != nil || d["previousNameEn"] != "Test Finance Corporation" || d["nameEn"] != "" {
			t.Fatalf("the audit record of clearing the English name: %v", d)
		}
	})

	t.Run("UserSearch", func(t *testing.T) {
		const q = `query($s:String,$f:Int){ users(search:$s, first:$f){ edges { node { id email roles { role domain } } } pageInfo { hasNextPage } } }`
		if r := env.Do(t, reviewer, q, map[string]any{"s": "redline"}); r.Code() != "FORBIDDEN" {
			t.Fatalf("a reviewer searches users: %q", r.Code())
		}
		edges := env.MustDo(t, admin, q, map[string]any{"s": "REVIEWER@"})["users"].(map[string]any)["edges"].([]any)
		if len(edges) != 1 {
			t.Fatalf("users matching reviewer@: %v", edges)
		}
		node := edges[0].(map[string]any)["node"].(map[string]any)
		roles := node["roles"].([]any)
		if node["email"] != "reviewer@redline.demo" || len(roles) != 1 || roles[0].(map[string]any)["domain"] != "team:east" {
			t.Fatalf("reviewer: %v", node)
		}
		byID := env.MustDo(t, admin, q, map[string]any{"s": node["id"]})["users"].(map[string]any)["edges"].([]any)
		if len(byID) != 1 || byID[0].(map[string]any)["node"].(map[string]any)["id"] != node["id"] {
			t.Fatalf("search by id: %v", byID)
		}
		if got := env.MustDo(t, admin, q, map[string]any{"s": "%"})["users"].(map[string]any)["edges"].([]any); len(got) != 0 {
			t.Fatalf("%% is a wildcard: %v", got)
		}
		if r := env.Do(t, admin, q, map[string]any{"f": 0}); r.Code() != "BAD_USER_INPUT" || r.Field() != "first" {
			t.Fatalf("first 0: %q on %q", r.Code(), r.Field())
		}
		page := env.MustDo(t, admin, q, map[string]any{"s": "@redline.demo", "f": 2})["users"].(map[string]any)
		if len(page["edges"].([]any)) != 2 || page["pageInfo"].(map[string]any)["hasNextPage"] != true {
			t.Fatalf("a page of 2 demo users: %v", page)
		}
	})

	t.Run("ValidateRoutingTable", func(t *testing.T) {
		const q = `query($in: RoutingTableInput!){ validateRoutingTable(input:$in) }`
		good := map[string]any{"rules": []any{map[string]any{"province": "310000", "team": "east"}, map[string]any{"team": "national"}}}
		if r := env.Do(t, reviewer, q, map[string]any{"in": good}); r.Code() != "FORBIDDEN" {
			t.Fatalf("a reviewer validates: %q", r.Code())
		}
		if d := env.MustDo(t, admin, q, map[string]any{"in": good}); d["validateRoutingTable"] != true {
			t.Fatalf("a good table: %v", d)
		}
		for name, c := range map[string]struct {
			in    map[string]any
			field string
		}{
			"Province":    {map[string]any{"rules": []any{map[string]any{"team": "national"}, map[string]any{"province": "31", "team": "east"}}}, "input.rules.1.province"},
			"UnknownTeam": {map[string]any{"rules": []any{map[string]any{"team": "national"}, map[string]any{"province": "310000", "team": "atlantis"}}}, "input.rules.1.team"},
			"NoCatchAll":  {map[string]any{"rules": []any{map[string]any{"province": "310000", "team": "east"}}}, "input.rules"},
		} {
			if r := env.Do(t, admin, q, map[string]any{"in": c.in}); r.Code() != "BAD_USER_INPUT" || r.Field() != c.field {
				t.Errorf("%s: %q on %q, want BAD_USER_INPUT on %s", name, r.Code(), r.Field(), c.field)
			}
		}
		if v := env.MustDo(t, admin, `{ routingTable { version } }`, nil)["routingTable"].(map[string]any)["version"]; v != float64(1) {
			t.Fatalf("validation published a version: %v", v)
		}
	})

	t.Run("DeadlineRules", func(t *testing.T) {
		d := env.MustDo(t, "", `{ deadlineRules(jurisdiction: CN){ jurisdiction calendar policies } }`, nil)["deadlineRules"].(map[string]any)
		var cal struct {
			Timezone string `json:"timezone"`
			Years    []struct {
				Year int `json:"year"`
			} `json:"years"`
		}
		if err := json.Unmarshal([]byte(d["calendar"].(string)), &cal); err != nil || cal.Timezone != "Asia/Shanghai" || len(cal.Years) == 0 {
			t.Fatalf("the CN calendar: %v %+v", err, cal)
		}
		pols := d["policies"].([]any)
		var pol struct {
			Version string                     `json:"version"`
			Clocks  map[string]json.RawMessage `json:"clocks"`
		}
		if len(pols) == 0 || json.Unmarshal([]byte(pols[0].(string)), &pol) != nil || pol.Version != "CN-2024.1" || pol.Clocks["INSTITUTION_RESPONSE"] == nil {
			t.Fatalf("the CN policies: %v", pol)
		}
	})

	t.Run("TestRulePackDraft", func(t *testing.T) {
		draft, _ := json.Marshal(apptest.PackWithPhrase(t, rules.CN, "ABUSIVE_LANGUAGE", map[string]any{"weight": 0.9, "zh": []any{"(臭虫)"}, "note": "a new slur"}))
		texts := []any{map[string]any{"sender": "13800000000", "sentAt": "2026-05-01T10:15:00+08:00", "text": "你这个臭虫，赶紧还钱"}}
		const try = `query($d:String!,$t:[CollectorMessageInput!]!){ testRulePack(jurisdiction: CN, document:$d, texts:$t){
		  messages { lines { code phrase } } violations { code } } }`
		const now = `query($t:[CollectorMessageInput!]!){ analyzeMessages(texts:$t){ messages { lines { code phrase } } } }`
		lines := func(d map[string]any, op string) []any {
			return d[op].(map[string]any)["messages"].([]any)[0].(map[string]any)["lines"].([]any)
		}
		for _, l := range lines(env.MustDo(t, "", now, map[string]any{"t": texts}), "analyzeMessages") {
			if l.(map[string]any)["code"] == "ABUSIVE_LANGUAGE" {
				t.Fatalf("the published pack flags the text already: %v", l)
			}
		}
		if r := env.Do(t, reviewer, try, map[string]any{"d": string(draft), "t": texts}); r.Code() != "FORBIDDEN" {
			t.Fatalf("a reviewer tests a pack: %q", r.Code())
		}
		found := false
		for _, l := range lines(env.MustDo(t, admin, try, map[string]any{"d": string(draft), "t": texts}), "testRulePack") {
			m := l.(map[string]any)
			found = found || (m["code"] == "ABUSIVE_LANGUAGE" && m["phrase"] == "臭虫")
		}
		if !found {
			t.Fatal("the draft does not flag 臭虫")
		}
		if r := env.Do(t, admin, try, map[string]any{"d": `{"jurisdiction":"CN"`, "t": texts}); r.Code() != "BAD_USER_INPUT" || r.Field() != "document" {
			t.Fatalf("a broken draft: %q on %q", r.Code(), r.Field())
		}
		if r := env.Do(t, admin, try, map[string]any{"d": string(draft), "t": []any{}}); r.Code() != "BAD_USER_INPUT" || r.Field() != "texts" {
			t.Fatalf("no texts: %q on %q", r.Code(), r.Field())
		}
		if rev := env.MustDo(t, admin, `{ rulePack(jurisdiction: CN){ revision } }`, nil)["rulePack"].(map[string]any)["revision"]; rev != float64(1) {
			t.Fatalf("the test run published a revision: %v", rev)
		}
	})
}
