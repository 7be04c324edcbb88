// Package authz answers the domain's permission questions with casbin. The model is embedded beside
// the enforcer; the role-level policy rows live in PostgreSQL (table casbin_rule, owned by our
// migrations) and are read through casbin's gorm adapter with its auto-migration off. Users' role
// bindings (table role_bindings) are loaded into casbin's role manager with their domains, so the
// policy stays tens of rows however many users there are.
package authz

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	"github.com/casbin/casbin/v2/persist/cache"
	gormadapter "github.com/casbin/gorm-adapter/v3"
	lru "github.com/hashicorp/golang-lru/v2"
	"gorm.io/gorm"

	"github.com/redline-regulator/redline/domain"
)

//go:embed model.conf
var modelText string

//go:embed policy.csv
var baselinePolicy []byte

// cachedDecisions bounds casbin's decision cache: one entry per role, domain, object and action.
const cachedDecisions = 100_000

// Enforcer implements domain.Authorizer and domain.BindingCache.
type Enforcer struct {
	e  *casbin.SyncedCachedEnforcer
	db *gorm.DB

	mu       sync.RWMutex
	bindings map[int64][]grant // what the role manager holds per user; a user absent is loaded on first use
}

// grant is a binding as the role manager holds it.
type grant struct{ role, dom string }

var (
	_ domain.Authorizer   = (*Enforcer)(nil)
	_ domain.BindingCache = (*Enforcer)(nil)
)

// New loads the policy and every role binding from the database. When the policy table is empty it
// is filled with the embedded baseline policy first.
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
	// Bindings are written by the domain's access store, never through casbin's adapter.
	e.EnableAutoSave(false)
	c, _ := lru.New[string, bool](cachedDecisions)
	e.SetCache(decisionCache{c})

	x := &Enforcer{e: e, db: db, bindings: map[int64][]grant{}}
	if err := x.loadAll(); err != nil {
		return nil, err
	}
	return x, nil
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

type bindingRow struct {
	UserID int64
	Role   string
	Domain string
}

// loadAll puts every binding into the role manager.
func (x *Enforcer) loadAll() error {
	var rules [][]string
	rows, err := x.db.Table("role_bindings").Select("user_id, role, domain").Order("user_id, role, domain").Rows()
	if err != nil {
		return fmt.Errorf("authz: load role bindings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r bindingRow
		if err := rows.Scan(&r.UserID, &r.Role, &r.Domain); err != nil {
			return fmt.Errorf("authz: load role bindings: %w", err)
		}
		x.bindings[r.UserID] = append(x.bindings[r.UserID], grant{r.Role, r.Domain})
		rules = append(rules, []string{subject(r.UserID), r.Role, r.Domain})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("authz: load role bindings: %w", err)
	}
	if len(rules) > 0 {
		if _, err := x.e.AddGroupingPolicies(rules); err != nil {
			return fmt.Errorf("authz: load role bindings: %w", err)
		}
	}
	return x.e.InvalidateCache()
}

func subject(userID int64) string { return "u:" + strconv.FormatInt(userID, 10) }

// SetBindings implements domain.BindingCache: it replaces a user's bindings in the role manager
// when they differ from what it holds, and forgets the cached decisions.
func (x *Enforcer) SetBindings(userID int64, bs []domain.Binding) {
	want := make([]grant, len(bs))
	for i, b := range bs {
		want[i] = grant{string(b.Role), b.Domain}
	}
	slices.SortFunc(want, func(a, b grant) int { return strings.Compare(a.role+"\x00"+a.dom, b.role+"\x00"+b.dom) })
	x.mu.RLock()
	have, known := x.bindings[userID]
	x.mu.RUnlock()
	if known && slices.Equal(have, want) {
		return
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	have = x.bindings[userID]
	sub := subject(userID)
	var gone, added [][]string
	for _, h := range have {
		if !slices.Contains(want, h) {
			gone = append(gone, []string{sub, h.role, h.dom})
		}
	}
	for _, w := range want {
		if !slices.Contains(have, w) {
			added = append(added, []string{sub, w.role, w.dom})
		}
	}
	if len(gone) > 0 {
		_, _ = x.e.RemoveGroupingPolicies(gone)
	}
	if len(added) > 0 {
		_, _ = x.e.AddGroupingPolicies(added)
	}
	x.bindings[userID] = want
	if len(gone) > 0 || len(added) > 0 {
		_ = x.e.InvalidateCache()
	}
}

// grantsOf returns the user's bindings, reading them from the database the first time a user is
// asked about (an account created after this process started).
func (x *Enforcer) grantsOf(userID int64) []grant {
	x.mu.RLock()
	gs, ok := x.bindings[userID]
	x.mu.RUnlock()
	if ok {
		return gs
	}
	var rows []bindingRow
	if err := x.db.WithContext(context.Background()).Table("role_bindings").Select("user_id, role, domain").
		Where("user_id = ?", userID).Find(&rows).Error; err != nil {
		return nil // deny; the next question tries again
	}
	bs := make([]domain.Binding, len(rows))
	for i, r := range rows {
		bs[i] = domain.Binding{UserID: userID, Role: domain.Role(r.Role), Domain: r.Domain}
	}
	x.SetBindings(userID, bs)
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.bindings[userID]
}

// Allowed implements domain.Authorizer: the actor may take the action on the kind of object when
// one of the roles they hold, in any of their domains, allows it. Casbin's role manager answers
// which roles the user holds in a domain; the enforcer then decides for each role, from the
// role-level policy, with its decisions cached per role, domain, object and action — a key space
// that does not grow with the number of users. Which object is the domain's business (scopes).
func (x *Enforcer) Allowed(actor domain.Actor, object, action string) bool {
	if actor.Anonymous() {
		return false
	}
	sub := subject(actor.UserID)
	var asked []string
	for _, g := range x.grantsOf(actor.UserID) {
		if slices.Contains(asked, g.dom) {
			continue
		}
		asked = append(asked, g.dom)
		for _, role := range x.e.GetRolesForUserInDomain(sub, g.dom) {
			if ok, err := x.e.Enforce(role, g.dom, object, action); err == nil && ok {
				return true
			}
		}
	}
	return false
}

// AllowedIn implements domain.Authorizer: like Allowed, but only the roles the actor holds in dom
// count (an institution admin's permission in their own institution's domain, not another's).
func (x *Enforcer) AllowedIn(actor domain.Actor, dom, object, action string) bool {
	if actor.Anonymous() {
		return false
	}
	x.grantsOf(actor.UserID) // loads a user this process has not seen yet
	for _, role := range x.e.GetRolesForUserInDomain(subject(actor.UserID), dom) {
		if ok, err := x.e.Enforce(role, dom, object, action); err == nil && ok {
			return true
		}
	}
	return false
}

// decisionCache is casbin's decision cache bounded by an LRU, so that decisions for many users do
// not grow without end.
type decisionCache struct{ c *lru.Cache[string, bool] }

func (d decisionCache) Set(key string, value bool, _ ...any) error { d.c.Add(key, value); return nil }

func (d decisionCache) Get(key string) (bool, error) {
	if v, ok := d.c.Get(key); ok {
		return v, nil
	}
	return false, cache.ErrNoSuchKey
}

func (d decisionCache) Delete(key string) error { d.c.Remove(key); return nil }

func (d decisionCache) Clear() error { d.c.Purge(); return nil }

// EnableCache turns casbin's decision cache on or off (benchmarks compare the two).
func (x *Enforcer) EnableCache(on bool) { x.e.EnableCache(on) }
