// Package authz answers the domain's role-level permission questions with casbin. The model is
// embedded beside the enforcer; the policy rows live in PostgreSQL (table casbin_rule, owned by our
// migrations) and are read through casbin's gorm adapter with its auto-migration off.
package authz

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	gormadapter "github.com/casbin/gorm-adapter/v3"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

//go:embed model.conf
var modelText string

//go:embed policy.csv
var baselinePolicy []byte

// Enforcer implements domain.Authorizer.
type Enforcer struct {
	e *casbin.SyncedCachedEnforcer
}

var _ domain.Authorizer = (*Enforcer)(nil)

// New loads the policy from the database. When the policy table is empty it is filled with the
// embedded baseline policy first.
func New(db *gorm.DB) (*Enforcer, error) {
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return nil, fmt.Errorf("authz: model: %w", err)
	}
	g := db.Session(&gorm.Session{})
	gormadapter.TurnOffAutoMigrate(g)
	a, err := gormadapter.NewAdapterByDB(g)
	if err != nil {
		return nil, fmt.Errorf("authz: adapter: %w", err)
	}
	e, err := casbin.NewSyncedCachedEnforcer(m, a)
	if err != nil {
		return nil, fmt.Errorf("authz: enforcer: %w", err)
	}
	if p, _ := e.GetPolicy(); len(p) == 0 {
		// Several processes may start on an empty table at once (docker compose): insert with ON
		// CONFLICT DO NOTHING instead of through the enforcer, then read the table again.
		for _, r := range baseline() {
			if err := db.Exec(`INSERT INTO casbin_rule (ptype, v0, v1, v2) VALUES ('p', ?, ?, ?) ON CONFLICT DO NOTHING`, r[0], r[1], r[2]).Error; err != nil {
				return nil, fmt.Errorf("authz: install baseline policy: %w", err)
			}
		}
		if err := e.LoadPolicy(); err != nil {
			return nil, fmt.Errorf("authz: load policy: %w", err)
		}
	}
	return &Enforcer{e: e}, nil
}

func baseline() [][]string {
	var rules [][]string
	sc := bufio.NewScanner(bytes.NewReader(baselinePolicy))
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ",")
		if len(fields) != 4 || strings.TrimSpace(fields[0]) != "p" {
			continue
		}
		rules = append(rules, []string{strings.TrimSpace(fields[1]), strings.TrimSpace(fields[2]), strings.TrimSpace(fields[3])})
	}
	return rules
}

// Allowed implements domain.Authorizer.
func (x *Enforcer) Allowed(actor domain.Actor, object, action string) bool {
	if actor.Role == "" {
		return false
	}
	ok, err := x.e.Enforce(string(actor.Role), object, action)
	return err == nil && ok
}
