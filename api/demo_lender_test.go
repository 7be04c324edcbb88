package api_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/redline-regulator/redline/app/apptest"
)

// demoLender is the demo institution most tests file against: agent@redline.demo and
// instadmin@redline.demo answer for it (app/seed.go).
const demoLender = "招商银行信用卡中心"

// demoAgency is the demo collection agency (agency@redline.demo), which collects for demoLender.
const demoAgency = "恒通商务咨询有限公司（示例）"

// institutionID returns the id of the institution called name in env's database; the test stops
// when there is none.
func institutionID(t *testing.T, env *apptest.Env, name string) int64 {
	t.Helper()
	var id int64
	if err := env.App.DB.Gorm.Raw(`SELECT id FROM institutions WHERE name = ?`, name).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("no institution %s in the test database (%v)", name, err)
	}
	return id
}

// demoLenderID is institutionID of demoLender.
func demoLenderID(t *testing.T, env *apptest.Env) int64 { return institutionID(t, env, demoLender) }

// demoLenderGraphID is demoLenderID as a GraphQL ID (lenderId of fileComplaint and forwardComplaint).
func demoLenderGraphID(t *testing.T, env *apptest.Env) string {
	return strconv.FormatInt(demoLenderID(t, env), 10)
}

// institutionSearch finds institutions over GraphQL by name ($s); firstInstitutionID reads its answer.
const institutionSearch = `query($s: String) { institutions(search: $s, first: 1) { edges { node { id } } } }`

// firstInstitutionID is the GraphQL id of the first institution in an institutionSearch answer.
func firstInstitutionID(d map[string]any) string {
	return d["institutions"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
}

// routedReference waits, as tok (staff), until complaint id is routed (IN_TRIAGE) and returns its reference.
func routedReference(t *testing.T, env *apptest.Env, tok, id string) string {
	t.Helper()
	var ref string
	apptest.Eventually(t, apptest.Patience, "the complaint to be routed", func() bool {
		r := env.Do(t, tok, `query($id: ID!) { complaint(id: $id) { status reference } }`, map[string]any{"id": id})
		if r.Code() != "" {
			return false
		}
		m := r.Data["complaint"].(map[string]any)
		ref = fmt.Sprint(m["reference"])
		return m["status"] == "IN_TRIAGE"
	})
	return ref
}
